using Hexapla.Editorial;
using Hexapla.Search;
using Hexapla.Storage;
using Microsoft.Extensions.Options;

namespace Hexapla.Hosting;

/// <summary>
/// Keeps this node's search index in step with writes made through other processes sharing the store (other web
/// nodes on PostgreSQL, a CLI import beside <c>serve</c>): every <see cref="HexaplaOptions.IndexFollowInterval"/> it
/// compares the store's generation with the last one it indexed and indexes just the documents the change log names.
/// </summary>
internal sealed class IndexFollower(
    IContentStore store, ISearchIndex index, Newsroom newsroom, TimeProvider clock, IOptions<HexaplaOptions> options, ILogger<IndexFollower> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.IndexFollowInterval > TimeSpan.FromMilliseconds(100) ? options.Value.IndexFollowInterval : TimeSpan.FromMilliseconds(100);
        // The index was brought in step with the store before the host started.
        var followed = index.Generation is { } generation ? generation : await store.GetGenerationAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                if (await store.GetGenerationAsync(stoppingToken) == followed)
                {
                    continue;
                }

                var changes = await newsroom.CatchUpIndexAsync(followed, stoppingToken);
                if (changes is null)
                {
                    logger.LogWarning("The store's change log does not reach back to generation {Generation}: run hexapla reindex on this node", followed);
                    followed = await store.GetGenerationAsync(stoppingToken);
                    continue;
                }

                if (changes.Slugs.Count > 0)
                {
                    logger.LogInformation("Search index followed the store to generation {Generation}: {Count} document(s) indexed again", changes.Generation, changes.Slugs.Count);
                }

                followed = changes.Generation;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not follow the store's changes into the search index; trying again");
            }
        }
    }
}
