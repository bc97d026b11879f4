using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Search;

/// <summary>
/// Brings a search index up to date with the store's change log: the documents written since a generation, by
/// anyone (this process, another web node, a CLI import), are indexed again as they are stored now; deleted ones
/// leave the index.
/// </summary>
public static class IndexCatchUp
{
    private static readonly LanguageTag Undetermined = LanguageTag.Parse("und");

    /// <summary>Indexes what changed after <paramref name="since"/> and records the store's generation in the index.</summary>
    /// <returns>The changes applied, or null when the change log does not reach back to <paramref name="since"/> (rebuild instead).</returns>
    public static async Task<StoreChanges?> ApplyAsync(
        IContentStore store, ISearchIndex index, long since, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(index);
        var changes = await store.ChangesSinceAsync(since, cancellationToken);
        if (changes is null || changes.Generation == since)
        {
            return changes;
        }

        var found = await store.FindDocumentsAsync(changes.Slugs, cancellationToken);
        // A slug without a document was deleted: an empty document removes its entries.
        var documents = changes.Slugs
            .Select(slug => found.GetValueOrDefault(slug) ?? new Document { Slug = slug, OriginalLanguage = Undetermined })
            .ToList();
        await index.UpdateAsync(documents, now, changes.Generation, cancellationToken);
        return changes;
    }
}
