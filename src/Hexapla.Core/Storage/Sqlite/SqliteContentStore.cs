using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hexapla.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in write-ahead-log mode with foreign keys on, its schema tracked in
/// <c>PRAGMA user_version</c>. Queries are in <see cref="SqlContentStore"/>.
/// </summary>
/// <remarks>
/// Partial, and naming <see cref="IContentStore"/> again, so a SQLite-only member in another file (a bulk write,
/// say) implements that interface member for this class instead of the interface's default.
/// </remarks>
public sealed partial class SqliteContentStore : SqlContentStore, IContentStore
{
    private const int SqliteConstraint = 19;

    private readonly string _connectionString;

    /// <summary>How long a command waits for a store another connection has locked, in seconds, unless told.</summary>
    private const int DefaultBusySeconds = 30;

    private SqliteContentStore(string path, int busySeconds)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = busySeconds,
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The file name of the store inside a data folder.</summary>
    public const string FileName = "hexapla.db";

    /// <inheritdoc />
    public override string Kind => "sqlite";

    /// <summary>
    /// Opens (creating when missing) the store at <paramref name="path"/> and brings its schema up to date.
    /// </summary>
    /// <exception cref="StoreException">The file is not a SQLite database, its schema is newer than this binary, or another process keeps it locked.</exception>
    public static Task<SqliteContentStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(path, DefaultBusySeconds, cancellationToken);

    /// <summary>As <see cref="OpenAsync(string, CancellationToken)"/>, waiting at most <paramref name="busySeconds"/> for a locked store.</summary>
    internal static async Task<SqliteContentStore> OpenAsync(string path, int busySeconds, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var store = new SqliteContentStore(path, busySeconds);
        try
        {
            using var connection = (SqliteConnection)await store.OpenConnectionAsync(cancellationToken);
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode = WAL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            await SqliteMigrator.MigrateAsync(connection, path, cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            throw new StoreException($"{path} is not a Hexapla store (SQLite says: {e.Message}).", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 /* SQLITE_BUSY */ or 6 /* SQLITE_LOCKED */)
        {
            throw new StoreException(
                $"The store {path} stayed locked by another process for {busySeconds} s: an import into an empty store holds it for its whole run. " +
                "Try again when that process has finished.", e);
        }

        return store;
    }

    /// <inheritdoc />
    protected internal override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <inheritdoc />
    /// <remarks>Exclusive is SQLite's immediate transaction: it takes the write lock at once.</remarks>
    protected override Task<DbTransaction> BeginTransactionAsync(DbConnection connection, bool exclusive, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: !exclusive));

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    /// <inheritdoc />
    protected override string JoinWithSpaces(string expression) => $"group_concat({expression}, ' ')";

    /// <inheritdoc />
    protected override string ContainsText(string text, string part) => $"instr({text}, {part}) > 0";

    /// <inheritdoc />
    /// <remarks>The column is declared <c>COLLATE NOCASE</c>, so a plain comparison ignores ASCII case.</remarks>
    protected override string UserNameIs(string parameter) => $"name = {parameter}";

    /// <inheritdoc />
    protected override string UserNameOrder => "name COLLATE NOCASE";

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sqlite:{Path}");
}
