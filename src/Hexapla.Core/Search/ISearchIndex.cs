using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Search;

/// <summary>
/// The full-text index of the versions readers may see. It holds only versions public at the time they were
/// indexed, and every search filters on publication time again, so neither a draft nor an embargoed text can
/// be found. One implementation (Lucene.Net, in a folder of the data folder); the store stays the truth and the
/// index can always be rebuilt from it.
/// </summary>
public interface ISearchIndex : IDisposable
{
    /// <summary>
    /// Brings the index in step with <paramref name="documents"/>: each one's public versions replace whatever
    /// the index held for that document, and its versions that are not public are removed. Committed on return,
    /// with <paramref name="storeGeneration"/> (when given) recorded as the store state the index now reflects.
    /// </summary>
    Task UpdateAsync(IReadOnlyList<Document> documents, DateTimeOffset now, long? storeGeneration = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins an update of any size that nobody sees, and that survives nothing, until its
    /// <see cref="IBulkIndexUpdate.CommitAsync"/>: meant to run beside a store's bulk write and commit right after it.
    /// Disposing it uncommitted discards it. Other updates of the index wait until it ends.
    /// </summary>
    IBulkIndexUpdate BeginBulkUpdate();

    /// <summary>
    /// The store generation the index's last commit reflects: what it is in step with. Null when unknown (a new,
    /// unreadable or rebuilt-elsewhere index, or an implementation that does not track it).
    /// </summary>
    long? Generation => null;

    /// <summary>
    /// The time of the last commit's view of what was public (versions whose embargo lifted after it are not in the
    /// index yet); null when unknown, as for <see cref="Generation"/>.
    /// </summary>
    DateTimeOffset? AsOf => null;

    /// <summary>Runs a search. Never throws on what a person typed: a query it cannot use finds nothing.</summary>
    SearchResults Search(SearchQuery query, DateTimeOffset now);

    /// <summary>
    /// The slugs of the documents whose public <paramref name="language"/> version shares the most words with
    /// <paramref name="text"/> (any of them; rarer words count for more), best first, at most <paramref name="max"/>:
    /// where a translation memory looks for pairs like a segment to translate.
    /// </summary>
    IReadOnlyList<string> SimilarDocuments(string text, LanguageTag language, int max, DateTimeOffset now) => [];
}

/// <summary>An uncommitted run of index updates; see <see cref="ISearchIndex.BeginBulkUpdate"/>. Not thread-safe.</summary>
public interface IBulkIndexUpdate : IDisposable
{
    /// <summary>As <see cref="ISearchIndex.UpdateAsync"/>, without committing.</summary>
    Task AddAsync(IReadOnlyList<Document> documents, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes what was added and is still buffered into files of the index, without committing: none of it is visible
    /// or survives a crash until <see cref="CommitAsync"/>, which then has less left to do. Lets that work run beside
    /// the store's commit. Doing nothing is a valid implementation.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Commits everything added, recording <paramref name="storeGeneration"/> and <paramref name="now"/>.</summary>
    Task CommitAsync(long storeGeneration, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>A search: the text as typed, where to look, and which page of results.</summary>
/// <param name="Text">
/// Words (all must match), "exact phrases" and -excluded words; anything else is read as words. Empty with a filter
/// (<see cref="HasFilter"/>): every version the filters let through, newest first.
/// </param>
/// <param name="Language">Search versions in this language only; null searches every language.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Results per page, 1 to 100.</param>
/// <param name="Tag">Only documents with this tag.</param>
/// <param name="From">Only versions published on or after this day (in <paramref name="TimeZone"/>).</param>
/// <param name="To">Only versions published on or before this day (in <paramref name="TimeZone"/>).</param>
/// <param name="TimeZone">The zone <paramref name="From"/> and <paramref name="To"/> are days in: the site's, which its pages show dates in; UTC when null.</param>
/// <param name="Kind">Only documents of this kind (its key, <see cref="Sections.DocumentKind.Key"/>).</param>
/// <param name="SectionId">
/// Only documents in this section or a section below it (the index files each version under its document's section
/// and every ancestor of it).
/// </param>
/// <param name="Facets">
/// Also count what matched by kind, section, tag and year of publication (<see cref="SearchResults.Facets"/>); the
/// years are years in <paramref name="TimeZone"/>.
/// </param>
public sealed record SearchQuery(
    string Text, LanguageTag? Language, int Page = 1, int PageSize = 10, string? Tag = null, DateOnly? From = null, DateOnly? To = null,
    TimeZoneInfo? TimeZone = null, string? Kind = null, long? SectionId = null, bool Facets = false)
{
    /// <summary>True when a filter beyond the language narrows the search (kind, section, tag or a date).</summary>
    public bool HasFilter => !string.IsNullOrWhiteSpace(Tag) || !string.IsNullOrWhiteSpace(Kind) || SectionId is not null || From is not null || To is not null;
}

/// <summary>One page of results and how many there are in all.</summary>
/// <param name="Total">How many versions matched.</param>
/// <param name="Hits">The page asked for.</param>
/// <param name="Facets">What matched, counted by kind, section, tag and year; null unless <see cref="SearchQuery.Facets"/> asked.</param>
public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Hits, SearchFacets? Facets = null)
{
    /// <summary>No results.</summary>
    public static SearchResults None { get; } = new(0, []);
}

/// <summary>A version that matched.</summary>
/// <param name="Slug">The document's slug.</param>
/// <param name="Language">The version's language.</param>
/// <param name="Title">The version's title.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="SnippetHtml">
/// A passage of the body (or, when the words were found only in a file the version links, of that file's text) with
/// matched words in <c>&lt;mark&gt;</c> and every other character HTML-escaped.
/// </param>
/// <param name="Languages">Every language the document is public in, this one included.</param>
/// <param name="FileName">
/// The name of the linked file the snippet comes from (<c>statement.pdf</c>), for the page to say so; null when it
/// comes from the body.
/// </param>
public sealed record SearchHit(
    string Slug, LanguageTag Language, string Title, DateTimeOffset? PublishedAt, string SnippetHtml, IReadOnlyList<LanguageTag> Languages, string? FileName = null);
