using Hexapla.Content;
using Hexapla.Translation;

namespace Hexapla.Storage;

/// <summary>
/// One long write to a store, such as an import run: every document saved through it, the translation-memory pairs
/// added with them and one generation bump become visible together at <see cref="CommitAsync"/>, or not at all.
/// Disposing it without a commit (an error, a cancellation) discards everything; so does a crash or a kill, whenever
/// it comes. Not thread-safe: one writer calls it, in order.
/// </summary>
/// <remarks>
/// Memory stays bounded however much is written: documents are written as they come, not kept. Reads on other
/// connections meanwhile see the store as it was before the write began.
/// </remarks>
public interface IBulkWrite : IAsyncDisposable
{
    /// <summary>
    /// Inserts or updates <paramref name="document"/> the way <see cref="IContentStore.SaveDocumentsAsync"/> does
    /// (matched by slug, versions by language, a new revision number kept in the history, segments and links with
    /// it), inside the write. A slug must be saved at most once per write.
    /// </summary>
    Task SaveAsync(Document document, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the store held no documents as the write began (seen inside the write): a writer need not look up
    /// what the store holds, and must not, since a store may then lock out its other connections until the commit.
    /// </summary>
    bool StartedEmpty => false;

    /// <summary>Adds translation-memory pairs inside the write; pairs already held are left as they are.</summary>
    /// <param name="units">The pairs.</param>
    /// <param name="keys">Their <see cref="MemoryKey"/>s in the same order, when the caller has computed them already (on another thread); null to have them computed here.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    Task AddMemoryAsync(IReadOnlyList<MemoryUnit> units, IReadOnlyList<byte[]>? keys = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds audit log entries inside the write: they are kept exactly when the documents are (the buffered write of a
    /// store without a streaming one appends them right after its commit instead).
    /// </summary>
    Task AddAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Bumps the store generation once and makes the whole write durable and visible.</summary>
    /// <returns>The new store generation.</returns>
    Task<long> CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The bulk write of a store with no streaming implementation of its own: it keeps what it is given and writes it
/// with one <see cref="IContentStore.SaveDocumentsAsync"/> at the commit, so it is atomic but holds the whole run in
/// memory.
/// </summary>
internal sealed class BufferedBulkWrite(IContentStore store) : IBulkWrite
{
    private readonly List<Document> _documents = [];
    private readonly List<MemoryUnit> _units = [];
    private readonly List<AuditEntry> _audit = [];

    public Task SaveAsync(Document document, CancellationToken cancellationToken = default)
    {
        _documents.Add(document);
        return Task.CompletedTask;
    }

    public Task AddMemoryAsync(IReadOnlyList<MemoryUnit> units, IReadOnlyList<byte[]>? keys = null, CancellationToken cancellationToken = default)
    {
        _units.AddRange(units);
        return Task.CompletedTask;
    }

    public Task AddAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        _audit.AddRange(entries);
        return Task.CompletedTask;
    }

    public async Task<long> CommitAsync(CancellationToken cancellationToken = default)
    {
        await store.SaveDocumentsAsync(_documents, cancellationToken);
        if (store is ITranslationMemory memory)
        {
            // As before bulk writes: the memory is derived data, written after the documents' own transaction.
            await memory.AddAsync(_units, cancellationToken);
        }

        if (store is IAccountStore accounts)
        {
            // No transaction of ours to share: right after the documents' own, not cancellable once they are in.
            foreach (var entry in _audit)
            {
                await accounts.AppendAuditAsync(entry.At, entry.Actor, entry.Action, entry.Target, entry.Detail, CancellationToken.None);
            }
        }

        return await store.GetGenerationAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
