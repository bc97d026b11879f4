using Hexapla.Languages;

namespace Hexapla.Content;

/// <summary>
/// One document with one identity and its language versions, one of which is the original.
/// </summary>
/// <remarks>
/// <see cref="ExpectedLanguages"/> lists languages the document is known to exist in (for example from the
/// language switcher of a scraped page) whether or not a version in that language has been imported yet;
/// it never contains <see cref="OriginalLanguage"/>'s siblings twice and may name languages with no version.
/// </remarks>
public sealed record Document
{
    /// <summary>The store's identity of the document; 0 before it is stored.</summary>
    public long Id { get; init; }

    /// <summary>ASCII, URL-safe slug, unique across the store (see <see cref="Slug.IsValid"/>).</summary>
    public required string Slug { get; init; }

    /// <summary>The language of the original version; the others are translations of it.</summary>
    public required LanguageTag OriginalLanguage { get; init; }

    /// <summary>Tags, lowercase, without duplicates, in the order they were given.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Languages the document should exist in, including those not imported yet.</summary>
    public IReadOnlyList<LanguageTag> ExpectedLanguages { get; init; } = [];

    /// <summary>The section the document sits in (<see cref="Sections.Section"/>), or null for none.</summary>
    public long? SectionId { get; init; }

    /// <summary>The key of the document's kind (<see cref="Sections.DocumentKind"/>), or null for none.</summary>
    public string? Kind { get; init; }

    /// <summary>
    /// The values of the kind's shared fields (every type but <see cref="Sections.FieldType.Text"/>), by field key, as
    /// <see cref="Sections.FieldValues.Check"/> normalised them. Translatable fields live in each version
    /// (<see cref="LanguageVersion.Fields"/>). A value whose key the kind no longer has is kept and not shown.
    /// </summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = EmptyFields;

    /// <summary>No field values.</summary>
    public static IReadOnlyDictionary<string, string> EmptyFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When the document was first stored.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the document or any of its versions last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Every version the store holds, in any state, ordered by language tag.</summary>
    public IReadOnlyList<LanguageVersion> Versions { get; init; } = [];

    /// <summary>The version in <paramref name="language"/>, in any state, or null.</summary>
    public LanguageVersion? Version(LanguageTag language) =>
        Versions.FirstOrDefault(v => v.Language == language);

    /// <summary>
    /// The document as people working on it see it: each version's newest text (<see cref="LanguageVersion.Latest"/>, its
    /// working copy where there is one). For what goes to translators (XLIFF), never for readers.
    /// </summary>
    public Document Newest() => this with { Versions = [.. Versions.Select(v => v.Latest)] };

    /// <summary>The versions a reader may see at <paramref name="now"/>, the original first.</summary>
    public IReadOnlyList<LanguageVersion> PublishedVersions(DateTimeOffset now) =>
        [.. Versions.Where(v => v.IsPublicAt(now)).OrderBy(v => v.Language == OriginalLanguage ? 0 : 1).ThenBy(v => v.Language)];
}
