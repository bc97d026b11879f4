using Hexapla.Storage;
using Microsoft.Extensions.Options;

namespace Hexapla.Hosting;

/// <summary>What the store held when something was rendered: its generation, and the next embargo instant then.</summary>
/// <param name="Generation">The store's generation: every write transaction raises it.</param>
/// <param name="ValidUntil">The next publication instant still to come (an embargo), or null when none is set.</param>
internal readonly record struct ContentState(long Generation, DateTimeOffset? ValidUntil)
{
    /// <summary>Whether something rendered in <paramref name="rendered"/> still shows what this state would show at <paramref name="now"/>.</summary>
    public bool Allows(ContentState rendered, DateTimeOffset now) =>
        rendered.Generation == Generation && (rendered.ValidUntil is not { } until || now < until);
}

/// <summary>
/// Tells the caches whether what they rendered is still what the store would give. Every write transaction raises
/// the store's generation; reading it costs a query, so it is reread at most every
/// <see cref="HexaplaOptions.CacheRecheck"/> (the staleness bound for writes by another process, such as a CLI
/// import), at once after any write request this server answered, and whenever an embargo instant has passed.
/// </summary>
internal sealed class ContentFreshness(IContentStore store, TimeProvider clock, IOptions<HexaplaOptions> options)
{
    private readonly long _recheckMilliseconds = (long)Math.Max(0, options.Value.CacheRecheck.TotalMilliseconds);

    private Snapshot? _snapshot;

    private long _writes;

    /// <summary>A request that may have written to the store is answering: the next look rereads the generation.</summary>
    public void NoteWrite() => Interlocked.Increment(ref _writes);

    /// <summary>The store's state now, reread from the store when the last reading may be out of date.</summary>
    public async ValueTask<ContentState> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null
            || snapshot.Writes != Interlocked.Read(ref _writes)
            || Environment.TickCount64 - snapshot.ReadAt >= _recheckMilliseconds
            || (snapshot.State.ValidUntil is { } until && now >= until))
        {
            // The write count and the time are taken before the store is read: a write that lands during the read
            // leaves this snapshot already out of date, never a new generation paired with old content.
            var writes = Interlocked.Read(ref _writes);
            var readAt = Environment.TickCount64;
            var generation = await store.GetGenerationAsync(cancellationToken);
            var next = await store.NextPublicationAfterAsync(now, cancellationToken);
            snapshot = new Snapshot(new ContentState(generation, next), writes, readAt);
            Volatile.Write(ref _snapshot, snapshot);
        }

        return snapshot.State;
    }

    private sealed record Snapshot(ContentState State, long Writes, long ReadAt);
}
