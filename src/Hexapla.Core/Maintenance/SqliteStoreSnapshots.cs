using System.Globalization;
using Hexapla.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hexapla.Maintenance;

/// <summary>
/// Snapshots of a SQLite store file. Taking one uses SQLite's online backup API in a single step, which reads
/// the database inside one read transaction: with the store in write-ahead-log mode, writers go on meanwhile and
/// the copy is the database as of its start.
/// </summary>
/// <param name="databasePath">The store file (<c>DATA/hexapla.db</c>).</param>
public sealed class SqliteStoreSnapshots(string databasePath) : IStoreSnapshots
{
    /// <inheritdoc />
    public string Provider => "sqlite";

    /// <inheritdoc />
    public string EntryName => "store/" + SqliteContentStore.FileName;

    /// <inheritdoc />
    public int LatestSchemaVersion => SqliteMigrator.LatestVersion;

    /// <summary>The store file.</summary>
    public string DatabasePath { get; } = Path.GetFullPath(databasePath);

    /// <inheritdoc />
    public async Task<StoreSnapshot> TakeAsync(string destinationFile, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(DatabasePath))
        {
            throw new BackupException($"There is no store at {DatabasePath}.");
        }

        try
        {
            using (var source = Open(DatabasePath, SqliteOpenMode.ReadWrite))
            using (var destination = Open(destinationFile, SqliteOpenMode.ReadWriteCreate))
            {
                await source.OpenAsync(cancellationToken);
                await destination.OpenAsync(cancellationToken);
                source.BackupDatabase(destination);

                // The copy is one self-contained file: no write-ahead log beside it.
                await ExecuteAsync(destination, "PRAGMA journal_mode = DELETE;", cancellationToken);
            }

            return await ReadSnapshotAsync(destinationFile, cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"Cannot copy the store {DatabasePath}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> HoldsDataAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(DatabasePath) || new FileInfo(DatabasePath).Length == 0)
        {
            return false;
        }

        try
        {
            using var connection = Open(DatabasePath, SqliteOpenMode.ReadOnly);
            await connection.OpenAsync(cancellationToken);
            foreach (var table in (string[])["documents", "users", "tm_units", "glossary", "media_items"])
            {
                if (await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}';", cancellationToken) > 0
                    && await ScalarAsync(connection, $"SELECT EXISTS (SELECT 1 FROM {table});", cancellationToken) > 0)
                {
                    return true;
                }
            }

            return false;
        }
        catch (SqliteException)
        {
            // Something is there that is not a readable store: never overwrite it silently.
            return true;
        }
    }

    /// <inheritdoc />
    public async Task RestoreAsync(string snapshotFile, CancellationToken cancellationToken = default)
    {
        try
        {
            using (var connection = Open(snapshotFile, SqliteOpenMode.ReadOnly))
            {
                await connection.OpenAsync(cancellationToken);
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA integrity_check;";
                var result = (string?)await command.ExecuteScalarAsync(cancellationToken);
                if (result != "ok")
                {
                    throw new BackupException($"The store in the backup is damaged (SQLite says: {result}).");
                }
            }
        }
        catch (SqliteException e)
        {
            throw new BackupException($"The store in the backup is not a SQLite database (SQLite says: {e.Message}).", e);
        }

        // The old store's log and shared memory belong to the old file: left beside the new one, SQLite would replay
        // the old log into it.
        foreach (var suffix in (string[])["-wal", "-shm", "-journal"])
        {
            File.Delete(DatabasePath + suffix);
        }

        File.Move(snapshotFile, DatabasePath, overwrite: true);
    }

    /// <summary>The schema version and generation recorded in a store file.</summary>
    internal static async Task<StoreSnapshot> ReadSnapshotAsync(string path, CancellationToken cancellationToken)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(cancellationToken);
        var schema = (int)await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken);
        var hasState = await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'store_state';", cancellationToken) > 0;
        var generation = hasState ? await ScalarAsync(connection, "SELECT coalesce((SELECT value FROM store_state WHERE name = 'generation'), 0);", cancellationToken) : 0;
        return new StoreSnapshot(schema, generation);
    }

    /// <summary>A connection of its own (not pooled, so files are let go at once); foreign keys on.</summary>
    internal static SqliteConnection Open(string path, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString());

    internal static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
