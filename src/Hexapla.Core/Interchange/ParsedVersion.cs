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
}

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
