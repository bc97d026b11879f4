using Hexapla.Storage;

namespace Hexapla.Search;

/// <summary>
/// Search as readers get it: the index finds, the store decides. The index of a node follows writes made elsewhere
/// (another web node, a CLI import) a moment after they are committed, so every hit is checked against the store's
/// current public state before it is shown: a version withdrawn through any node leaves every node's results at the
/// same moment as its page becomes a 404.
/// </summary>
public static class PublicSearch
{
    /// <summary>
    /// Runs <paramref name="query"/> on <paramref name="index"/>, then keeps only the hits whose version is public in
    /// <paramref name="store"/> at <paramref name="now"/>, with the title, publication time and sibling languages the
    /// store holds now. The total is lowered by the hits dropped from this page; hits on other pages are checked when
    /// those pages are asked for.
    /// </summary>
    public static async Task<SearchResults> RunAsync(
        ISearchIndex index, IContentStore store, SearchQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(store);
        var found = index.Search(query, now);
        if (found.Hits.Count == 0)
        {
            return found;
        }

        var documents = await store.FindLiveDocumentsAsync([.. found.Hits.Select(h => h.Slug).Distinct(StringComparer.Ordinal)], cancellationToken);
        var kept = new List<SearchHit>(found.Hits.Count);
        foreach (var hit in found.Hits)
        {
            if (!documents.TryGetValue(hit.Slug, out var document) || document.Version(hit.Language) is not { } version || !version.IsPublicAt(now))
            {
                continue;
            }

            kept.Add(hit with
            {
                Title = version.Title,
                PublishedAt = version.PublishedAt,
                Languages = [.. document.PublishedVersions(now).Select(v => v.Language)],
            });
        }

        // The facets stay the index's: like the total, they count what the index held as public when it was searched.
        return found with { Total = Math.Max(kept.Count, found.Total - (found.Hits.Count - kept.Count)), Hits = kept };
    }
}
