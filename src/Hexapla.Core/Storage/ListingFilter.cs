using Hexapla.Languages;

namespace Hexapla.Storage;

/// <summary>
/// Which public versions a listing (a home page, a section page, their feeds) shows: those of one language, optionally
/// narrowed to some sections, a kind, a tag and a span of publication time. Every part given must hold.
/// </summary>
/// <param name="Language">The language of the versions listed.</param>
/// <remarks>
/// What is public is decided by the store exactly as <see cref="Content.LanguageVersion.IsPublicAt"/> decides it; the
/// filter only narrows that set, so no combination of parts lets a draft, an embargoed or an unpublished version through.
/// </remarks>
public sealed record ListingFilter(LanguageTag Language)
{
    /// <summary>
    /// Only documents placed in one of these sections (a section page passes the section and every section below it);
    /// null for any document, placed or not. An empty list matches nothing.
    /// </summary>
    public IReadOnlyCollection<long>? SectionIds { get; init; }

    /// <summary>Only documents of this kind (its key); null for any kind or none.</summary>
    public string? Kind { get; init; }

    /// <summary>Only documents with this tag (exact, as stored); null for any.</summary>
    public string? Tag { get; init; }

    /// <summary>Only versions published at or after this instant; null for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only versions published before this instant (exclusive); null for no upper bound but the store's "now".</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>True when nothing but the language (and perhaps the sections) narrows the listing.</summary>
    public bool HasNoFilter => Kind is null && Tag is null && From is null && Until is null;
}

/// <summary>
/// The counts a listing's filter form shows beside each choice, counting only versions public in the listing's language.
/// Each facet counts what the other parts of the filter leave (its own part is left out, so every choice of it shows how
/// many it would give).
/// </summary>
/// <param name="Kinds">Kind keys with their counts, most first, then by key; documents without a kind are not counted.</param>
/// <param name="Tags">The most used tags with their counts, most first, then by tag (at most the number asked for).</param>
/// <param name="Years">Years of publication (in the time zone asked for) with their counts, newest first.</param>
public sealed record ListingFacets(IReadOnlyList<FacetCount> Kinds, IReadOnlyList<FacetCount> Tags, IReadOnlyList<FacetCount> Years)
{
    /// <summary>No facets at all.</summary>
    public static ListingFacets None { get; } = new([], [], []);
}

/// <summary>One choice of a facet and how many versions it gives.</summary>
/// <param name="Value">The choice: a kind's key, a tag, a year (<c>yyyy</c>).</param>
/// <param name="Count">How many public versions it gives, at least 1.</param>
public sealed record FacetCount(string Value, long Count);

/// <summary>How many versions are public in one language among the documents placed directly in one section.</summary>
/// <param name="SectionId">The section (not counting those below it).</param>
/// <param name="Language">The language.</param>
/// <param name="Count">Public versions, at least 1.</param>
public sealed record SectionLanguageCount(long SectionId, LanguageTag Language, long Count);
