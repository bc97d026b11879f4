using Hexapla.Editorial;
using Hexapla.Storage;

namespace Hexapla.Hosting;

/// <summary>
/// Carries out releases (versions published together at an instant) when they fall due: sleeps until the next release's
/// instant (<see cref="Newsroom.NextReleaseAsync"/>), then has the newsroom make every due release live whole or fail it
/// whole (<see cref="Newsroom.RunDueReleasesAsync"/>); a failure is logged with its reason. It looks again at least
/// every second, for releases made since (by the admin or another process sharing the store), and at once when
/// <see cref="Wake"/> says one was made here.
/// </summary>
/// <remarks>
/// Pages, feeds and the read API are served from the page cache while the store's generation stands. A release is a
/// write no request made, so after each run the cache is told to read the generation again: no page keeps the old text
/// past the run.
/// </remarks>
internal sealed class ReleaseRunner(Newsroom newsroom, IContentStore store, ContentFreshness freshness, TimeProvider clock, ILogger<ReleaseRunner> logger)
    : BackgroundService
{
    // A release made elsewhere is carried out at most this late; the look is one indexed query.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);

    private TaskCompletionSource _wake = NewWake();

    /// <summary>A release was made or cancelled: look at the pending ones again now.</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Taken before looking, so that a release made while we look wakes the sleep that follows.
                var wake = Volatile.Read(ref _wake);
                var next = await newsroom.NextReleaseAsync(stoppingToken);
                var wait = next is { } at ? at - clock.GetUtcNow() : LongestSleep;
                if (wait > TimeSpan.Zero)
                {
                    await SleepAsync(wait < LongestSleep ? wait : LongestSleep, wake, stoppingToken);
                    continue;
                }

                if (!await RunDueAsync(stoppingToken))
                {
                    // A release left pending by its run would be run again at once, and again: pause instead.
                    await Task.Delay(AfterFailure, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not carry out the releases due; trying again in {Seconds} seconds", AfterFailure.TotalSeconds);
                await Task.Delay(AfterFailure, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Runs the due releases and logs how each ended; false when one of them is still pending.</summary>
    private async Task<bool> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = (await store.ListReleasesAsync(pendingOnly: true, int.MaxValue, cancellationToken)).Where(r => r.At <= now).ToList();
        try
        {
            await newsroom.RunDueReleasesAsync(cancellationToken);
        }
        finally
        {
            // Whatever part of it was written, the page cache must look at the store again.
            freshness.NoteWrite();
        }

        var ended = true;
        foreach (var release in due)
        {
            var after = await store.FindReleaseAsync(release.Id, cancellationToken);
            var members = string.Join(", ", release.Members.Select(m => $"{m.Slug}/{m.Language} r{m.Revision}"));
            switch (after?.State)
            {
                case ReleaseState.Done:
                    logger.LogInformation("Release {Id} due at {At:o} is live: {Members}", release.Id, release.At, members);
                    break;
                case ReleaseState.Failed:
                    logger.LogError("Release {Id} due at {At:o} failed, nothing of it was published: {Outcome} ({Members})", release.Id, release.At, after.Outcome, members);
                    break;
                case ReleaseState.Pending:
                    logger.LogWarning("Release {Id} due at {At:o} is still pending after its run; trying again in {Seconds} seconds", release.Id, release.At, AfterFailure.TotalSeconds);
                    ended = false;
                    break;
                default:
                    // Cancelled, or removed, while it was being carried out: nothing to say beyond its own audit entry.
                    break;
            }
        }

        return ended;
    }

    /// <summary>Sleeps <paramref name="wait"/> on the clock, or until <paramref name="wake"/> is set.</summary>
    private async Task SleepAsync(TimeSpan wait, TaskCompletionSource wake, CancellationToken stoppingToken)
    {
        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, clock, sleeping.Token);
        await Task.WhenAny(delay, wake.Task);
        // The delay, when the wake came first, is let go of so that no timer piles up.
        await sleeping.CancelAsync();
        if (wake.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _wake, NewWake(), wake);
        }

        stoppingToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
