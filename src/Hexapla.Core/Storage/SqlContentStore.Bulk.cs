using System.Data.Common;
using Hexapla.Content;
using Hexapla.Translation;

namespace Hexapla.Storage;

/// <summary>Bulk writes on any provider: one connection and one transaction, each document written as it comes.</summary>
public abstract partial class SqlContentStore
{
    /// <inheritdoc cref="IContentStore.BeginBulkWriteAsync"/>
    /// <remarks>
    /// One exclusive transaction (the same as every document write takes) on a connection of its own for the run:
    /// documents and memory pairs are written as they come, so memory stays bounded however long the run, and nothing
    /// is visible to other connections until the commit. A provider with a faster way overrides this.
    /// </remarks>
    public virtual async Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
            using var exists = connection.CreateCommand();
            exists.Transaction = transaction;
            exists.CommandText = "SELECT EXISTS (SELECT 1 FROM documents);";
            var holdsDocuments = Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return new StreamingBulkWrite(this, connection, transaction, startedEmpty: !holdsDocuments);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class StreamingBulkWrite : IBulkWrite
    {
        private readonly SqlContentStore _store;
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private readonly MemoryInsertCommand _memory;
        private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
        private bool _committed;

        public StreamingBulkWrite(SqlContentStore store, DbConnection connection, DbTransaction transaction, bool startedEmpty)
        {
            _store = store;
            _connection = connection;
            _transaction = transaction;
            StartedEmpty = startedEmpty;
            _memory = new MemoryInsertCommand(connection, transaction);
        }

        public bool StartedEmpty { get; }

        public async Task SaveAsync(Document document, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(document);
            ObjectDisposedException.ThrowIf(_committed, this);
            _slugs.Add(document.Slug);
            await SaveDocumentAsync(_connection, _transaction, document, cancellationToken);
        }

        public async Task AddMemoryAsync(IReadOnlyList<MemoryUnit> units, IReadOnlyList<byte[]>? keys = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(units);
            ObjectDisposedException.ThrowIf(_committed, this);
            if (keys is not null && keys.Count != units.Count)
            {
                throw new ArgumentException($"{keys.Count} keys for {units.Count} memory pairs.", nameof(keys));
            }

            await _memory.AddAsync(units, keys, cancellationToken);
        }

        public async Task AddAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(entries);
            ObjectDisposedException.ThrowIf(_committed, this);
            foreach (var entry in entries)
            {
                await InsertAuditAsync(_connection, _transaction, entry, cancellationToken);
            }
        }

        public async Task<long> CommitAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_committed, this);
            var generation = await BumpGenerationAsync(_connection, _transaction, _slugs, _store.ChangeLogGenerations, cancellationToken);
            await _transaction.CommitAsync(cancellationToken);
            _committed = true;
            return generation;
        }

        public async ValueTask DisposeAsync()
        {
            await _memory.DisposeAsync();
            // Disposing an uncommitted transaction rolls it back.
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
