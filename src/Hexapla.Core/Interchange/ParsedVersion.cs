using Hexapla.Languages;

namespace Hexapla.Interchange;

/// <summary>
/// What a reader made of one file: a language version and what the file says about its document.
/// Null members were not stated by the file and are settled by the importer.
/// </summary>
public sealed record ParsedVersion
{
    /// <summary>The file this came from, for messages.</summary>
    public required string Source { get; init; }

    /// <summary>The document's slug, when the file names it (front matter or a bundle file name).</summary>
    public string? Slug { get; init; }

    /// <summary>The language of the text.</summary>
    public required LanguageTag Language { get; init; }

    /// <summary>The title.</summary>
    public required string Title { get; init; }

    /// <summary>An optional summary.</summary>
    public string? Summary { get; init; }

    /// <summary>The body, Markdown.</summary>
    public required string Body { get; init; }

    /// <summary>The publication time the file states.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>True or false when the file says whether it is the original; null when it does not say.</summary>
    public bool? IsOriginal { get; init; }

    /// <summary>True when the file asks to stay a draft.</summary>
    public bool IsDraft { get; init; }

    /// <summary>The tags the file gives; null when it gives none.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>
    /// What pairs the file with its translations when its site's layout is recognised (<see cref="ImportFile.Hint"/>):
    /// Hugo's <c>translationKey</c>, Jekyll's <c>ref</c> or <c>permalink</c>; null when the file gives none (its path pairs it).
    /// </summary>
    public string? PairingKey { get; init; }

    /// <summary>Other languages the document exists in, as the file lists them.</summary>
    public IReadOnlyList<LanguageTag> OtherLanguages { get; init; } = [];

    /// <summary>The section path the file names (front matter <c>section: regions/middle-east</c>); null when it names none.</summary>
    public FrontMatterValue? Section { get; init; }

    /// <summary>The kind the file names (front matter <c>kind: briefing</c>); null when it names none.</summary>
    public FrontMatterValue? Kind { get; init; }

    /// <summary>
    /// Candidate field values: every entry of the front matter's <c>fields:</c> mapping (<see cref="FrontMatterField.Named"/>)
    /// and every other top-level key that is not one of the document's own (<see cref="Sections.DocumentKind.ReservedFieldKeys"/>).
    /// The importer keeps the top-level ones that are fields of the document's kind and ignores the rest (a Hugo file
    /// carries keys for its theme); a key under <c>fields:</c> that the kind lacks is an error.
    /// </summary>
    public IReadOnlyList<FrontMatterField> Fields { get; init; } = [];
}

/// <summary>A front matter value with the line it is on, for messages.</summary>
/// <param name="Value">The value, trimmed.</param>
/// <param name="Line">The line of its key in the file.</param>
public sealed record FrontMatterValue(string Value, int Line);

/// <summary>A front matter entry that may be a value of a field of the document's kind.</summary>
/// <param name="Key">The key as written.</param>
/// <param name="Value">The value as text (a YAML date such as <c>2024-07-13</c> as written); empty for no value
/// (<c>speaker:</c> or <c>speaker: ""</c>, as archetypes leave it); null when it is a list or a mapping, which no field takes.</param>
/// <param name="Line">The line of its key in the file.</param>
/// <param name="Named">True when it stands under <c>fields:</c>, false for a top-level key.</param>
public sealed record FrontMatterField(string Key, string? Value, int Line, bool Named);

/// <summary>Settings of an import run that apply to every file in it.</summary>
public sealed record ImportOptions
{
    /// <summary>The language of files whose language is not stated and cannot be detected (<c>--lang</c>).</summary>
    public LanguageTag? Language { get; init; }

    /// <summary>The title for files that state none (<c>--title</c>); meant for a one-file import.</summary>
    public string? Title { get; init; }

    /// <summary>Which language is the original (<c>--original</c>), where a file does not say.</summary>
    public LanguageTag? Original { get; init; }

    /// <summary>The most segments one version may have (<see cref="Translation.SegmentLimit"/>); a file over it is refused.</summary>
    public int MaxSegmentsPerDocument { get; init; } = Translation.SegmentLimit.Default;

    /// <summary>The largest file a folder import reads; a larger one is refused unread.</summary>
    public long MaxFileBytes { get; init; } = ImportFile.MaxBytes;

    /// <summary>The setting <see cref="MaxFileBytes"/> came from, named in the refusal (null: none).</summary>
    public string? MaxFileBytesSetting { get; init; }

    /// <summary>
    /// The site's time zone (<c>Hexapla:TimeZone</c>): a front matter <c>date</c> given as a date alone is the start of
    /// that day here, so the site, which shows dates in this zone, shows the date the file gives. UTC by default.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// Replace a version changed in Hexapla since its last import (<c>--overwrite</c>) with the file's text, as a
    /// working copy (a draft for a version never live): without it such a version is a conflict and the run writes nothing.
    /// </summary>
    public bool Overwrite { get; init; }
}
