using Hexapla.Editorial;

namespace Hexapla.Hosting;

/// <summary>
/// Carries out pending releases when their instant comes (<see cref="Newsroom.RunDueReleasesAsync"/>): all members
/// live together, or the release marked failed naming the member. Wakes at the next release's instant, and at least
/// every five seconds to see releases scheduled since it last looked (by another process sharing the store).
/// </summary>
internal sealed class ReleaseRunner(Newsroom newsroom, TimeProvider clock, ILogger<ReleaseRunner> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next = await newsroom.NextReleaseAsync(stoppingToken);
                var wait = next is { } at ? at - clock.GetUtcNow() : LongestSleep;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait < LongestSleep ? wait : LongestSleep, clock, stoppingToken);
                    continue;
                }

                var done = await newsroom.RunDueReleasesAsync(stoppingToken);
                if (done > 0)
                {
                    logger.LogInformation("Released: {Count} release(s) went live", done);
                }

                // A release still due after its run could not be ended (the store refused): no busy loop over it.
                if (await newsroom.NextReleaseAsync(stoppingToken) is { } still && still <= clock.GetUtcNow())
                {
                    logger.LogWarning("A release due at {At} is still pending after its run; trying again in five seconds", still);
                    await Task.Delay(LongestSleep, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not carry out the due releases; trying again in five seconds");
                await Task.Delay(LongestSleep, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
