using Hexapla.Search;
using Hexapla.Storage;

namespace Hexapla.Hosting;

/// <summary>Opens the search index in the data folder and brings it in step with the store.</summary>
internal static class SearchSetup
{
    public static string IndexFolder(string dataFolder) => Path.Combine(dataFolder, "index");

    /// <summary>
    /// Rebuilds the index when it is missing, built with other analysis, or out of step with the store in a way the
    /// store's change log cannot mend; when it is only behind (a crash between a store commit and an index commit,
    /// writes by another process), indexes just the documents written since. Then adds the versions whose embargo
    /// lifted since its last commit.
    /// </summary>
    public static async Task<LuceneSearchIndex> OpenInStepAsync(
        IContentStore store, string dataFolder, TimeProvider clock, Action<string>? report, CancellationToken cancellationToken,
        IProgress<int>? progress = null, bool forceRebuild = false)
    {
        var index = LuceneSearchIndex.Open(IndexFolder(dataFolder), media: store as IMediaStore, structure: store as IStructureStore);
        var generation = await store.GetGenerationAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var asOf = index.AsOf;
        if (!forceRebuild && index.IsCompatible && index.Generation is { } indexed && indexed < generation
            && await IndexCatchUp.ApplyAsync(store, index, indexed, now, cancellationToken) is { } changes)
        {
            // Behind, but the store's change log reaches back: index just the documents written since.
            report?.Invoke($"The search index was behind the store (generation {indexed} of {generation}); indexed the {changes.Slugs.Count} document(s) written since");
            if (asOf is { } since && since < now)
            {
                await EmbargoRelease.IndexReleasedAsync(store, index, since, now, cancellationToken);
            }
        }
        else if (forceRebuild || !index.IsInStepWith(generation))
        {
            // A new data folder's store has never been written: making its empty index is not news.
            var news = forceRebuild || generation > 0 ? report : null;
            news?.Invoke(forceRebuild ? "Rebuilding the search index" :
                index.IsCompatible ? $"The search index is behind the store (generation {index.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} of {generation}); rebuilding it"
                : "The search index is missing or was built by another version; rebuilding it");
            await index.RebuildAsync(store.StreamPublishedDocumentsAsync(now, cancellationToken), now, generation, progress, cancellationToken);
        }
        else if (asOf is { } lastCommit && lastCommit < now)
        {
            await EmbargoRelease.IndexReleasedAsync(store, index, lastCommit, now, cancellationToken);
        }

        return index;
    }
}
