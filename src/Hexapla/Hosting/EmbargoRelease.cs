using Hexapla.Search;
using Hexapla.Storage;

namespace Hexapla.Hosting;

/// <summary>
/// Adds versions to the search index when their embargo lifts. Pages and the API check publication time on every
/// request, so they need no help; the index holds only what was public when it was written, so it must be told.
/// Wakes at the next publication time, and at least every five seconds to see embargoes set since it last looked
/// (by the newsroom or by another process), so search shows a released version within seconds of its instant.
/// </summary>
internal sealed class EmbargoRelease(IContentStore store, ISearchIndex index, TimeProvider clock, ILogger<EmbargoRelease> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var checkedUntil = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next = await store.NextPublicationAfterAsync(checkedUntil, stoppingToken);
                var wait = next is { } at ? at - clock.GetUtcNow() : LongestSleep;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait < LongestSleep ? wait : LongestSleep, clock, stoppingToken);
                }

                var now = clock.GetUtcNow();
                var released = await IndexReleasedAsync(store, index, checkedUntil, now, stoppingToken);
                if (released > 0)
                {
                    logger.LogInformation("Embargo lifted: {Count} document(s) added to the search index", released);
                }

                checkedUntil = now;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not index versions whose embargo lifted; trying again in five seconds");
                await Task.Delay(LongestSleep, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Indexes the documents with a version published in (<paramref name="after"/>, <paramref name="now"/>].</summary>
    public static async Task<int> IndexReleasedAsync(IContentStore store, ISearchIndex index, DateTimeOffset after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slugs = await store.SlugsPublishedBetweenAsync(after, now, cancellationToken);
        if (slugs.Count == 0)
        {
            return 0;
        }

        var documents = await store.FindLiveDocumentsAsync(slugs, cancellationToken);
        await index.UpdateAsync([.. documents.Values], now, cancellationToken: cancellationToken);
        return documents.Count;
    }
}
