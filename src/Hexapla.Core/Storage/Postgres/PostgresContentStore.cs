using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Hexapla.Storage.Postgres;

/// <summary>
/// The store on a PostgreSQL server (15 or newer), its schema tracked in a <c>schema_version</c> table. Queries
/// are in <see cref="SqlContentStore"/>; transactions run at READ COMMITTED, and the editorial writes that check
/// before they write take one advisory lock, as SQLite's immediate transactions take its write lock.
/// </summary>
public sealed class PostgresContentStore : SqlContentStore, IDisposable
{
    /// <summary>Any number, the same in every process: the lock of exclusive write transactions.</summary>
    private const long WriteLock = 0x4845_5850_5752_4954;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresContentStore(NpgsqlDataSource dataSource, string description)
    {
        _dataSource = dataSource;
        Description = description;
    }

    /// <summary>Where the store is: host, port and database, without the password.</summary>
    public string Description { get; }

    /// <inheritdoc />
    public override string Kind => "postgres";

    /// <summary>The newest schema version this Hexapla writes on PostgreSQL (its last numbered migration).</summary>
    public static int SchemaVersion => PostgresMigrator.LatestVersion;

    /// <summary>
    /// Connects to the database that <paramref name="connectionString"/> names (Npgsql's <c>Host=…;Database=…</c>
    /// form) and brings its schema up to date.
    /// </summary>
    /// <exception cref="StoreException">
    /// The connection string is malformed, the server cannot be reached or refuses the login, or the schema is
    /// newer than this binary. The message is one line fit for an operator.
    /// </exception>
    public static async Task<PostgresContentStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new StoreException($"The PostgreSQL connection string is malformed: {e.Message} (expected e.g. \"Host=localhost;Database=hexapla;Username=hexapla\").", e);
        }

        var description = Describe(builder);
        var store = new PostgresContentStore(NpgsqlDataSource.Create(builder), description);
        try
        {
            await using var connection = (NpgsqlConnection)await store.OpenConnectionAsync(cancellationToken);
            await PostgresMigrator.MigrateAsync(connection, description, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            store.Dispose();
            var reason = e is PostgresException postgres ? postgres.MessageText : (e.InnerException ?? e).Message;
            throw new StoreException($"Cannot use the PostgreSQL store {description}: {reason}", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    /// <inheritdoc />
    protected internal override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task<DbTransaction> BeginTransactionAsync(DbConnection connection, bool exclusive, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (exclusive)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@lock);";
            command.Bind("@lock", WriteLock);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return transaction;
    }

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    protected override string JoinWithSpaces(string expression) => $"string_agg({expression}, ' ')";

    /// <inheritdoc />
    protected override string ContainsText(string text, string part) => $"strpos({text}, {part}) > 0";

    /// <inheritdoc />
    /// <remarks>The unique index on <c>lower(name)</c> serves this comparison.</remarks>
    protected override string UserNameIs(string parameter) => $"lower(name) = lower({parameter})";

    /// <inheritdoc />
    protected override string UserNameOrder => "lower(name), name";

    /// <inheritdoc />
    protected internal override async Task AfterCopyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var table in StoreCopier.Tables.Where(t => t.Key is ["id"]))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT setval(pg_get_serial_sequence('{table.Name}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table.Name};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Statistics for the planner now, not when autovacuum gets to it: the first queries on a freshly copied
        // store would otherwise be planned as if its tables were empty.
        await using var analyze = connection.CreateCommand();
        analyze.Transaction = transaction;
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _dataSource.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"postgres:{Description}";

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default database)"}";
}
