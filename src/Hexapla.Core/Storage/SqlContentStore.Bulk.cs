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
        private readonly List<AuditEntry> _audit = [];
        private bool _committed;

        /// <summary>Audit entries written per statement (five parameters each, far below any provider's limit).</summary>
        private const int AuditBatch = 200;

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
            _audit.AddRange(entries);
            if (_audit.Count >= AuditBatch)
            {
                await FlushAuditAsync(cancellationToken);
            }
        }

        /// <summary>Writes the entries kept so far in one statement: on PostgreSQL every statement is a round trip.</summary>
        private async Task FlushAuditAsync(CancellationToken cancellationToken)
        {
            if (_audit.Count == 0)
            {
                return;
            }

            using var insert = _connection.CreateCommand();
            insert.Transaction = _transaction;
            var sql = new System.Text.StringBuilder("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ");
            for (var i = 0; i < _audit.Count; i++)
            {
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@at{i}, @actor{i}, @action{i}, @target{i}, @detail{i})");
                insert.Bind($"@at{i}", _audit[i].At.ToUnixTimeMilliseconds());
                insert.Bind($"@actor{i}", _audit[i].Actor);
                insert.Bind($"@action{i}", _audit[i].Action);
                insert.BindText($"@target{i}", _audit[i].Target);
                insert.BindText($"@detail{i}", _audit[i].Detail);
            }

            insert.CommandText = sql.Append(';').ToString();
            await insert.ExecuteNonQueryAsync(cancellationToken);
            _audit.Clear();
        }

        public async Task<long> CommitAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_committed, this);
            await FlushAuditAsync(cancellationToken);
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
