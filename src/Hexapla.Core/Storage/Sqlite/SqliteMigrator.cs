using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Hexapla.Storage.Sqlite;

/// <summary>Applies the numbered SQL migrations embedded in this assembly, tracked in <c>PRAGMA user_version</c>.</summary>
internal static class SqliteMigrator
{
    private const string ResourcePrefix = "Hexapla.Storage.Sqlite.Migrations.";

    /// <summary>The migrations in order: number and SQL text.</summary>
    public static IReadOnlyList<(int Number, string Sql)> Migrations { get; } = Load();

    /// <summary>The schema version this binary writes.</summary>
    public static int LatestVersion => Migrations[^1].Number;

    public static async Task MigrateAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        var current = await GetVersionAsync(connection, cancellationToken);
        if (current > LatestVersion)
        {
            throw new StoreException(
                $"The store {path} has schema version {current}, newer than this Hexapla knows ({LatestVersion}): " +
                "it was written by a newer release. Run that release, or point --data at another folder.");
        }

        // Migration 6 computes the translation memory's pair keys in SQL.
        connection.CreateFunction<string, string, byte[]>("hexapla_pair_key", MemoryKey.Of, isDeterministic: true);
        foreach (var (number, sql) in Migrations.Where(m => m.Number > current))
        {
            // A migration that rebuilds a table says so on its first line: foreign keys must be off around it
            // (a pragma that has no effect inside a transaction), and are checked before it commits.
            var rebuildsTables = sql.StartsWith("-- hexapla: foreign-keys-off", StringComparison.Ordinal);
            if (rebuildsTables)
            {
                await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF;", cancellationToken);
            }

            try
            {
                using var transaction = connection.BeginTransaction();
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                if (rebuildsTables)
                {
                    using var check = connection.CreateCommand();
                    check.Transaction = transaction;
                    check.CommandText = "PRAGMA foreign_key_check;";
                    if (await check.ExecuteScalarAsync(cancellationToken) is not null)
                    {
                        throw new StoreException($"Migration {number} of {path} would break references between tables; nothing was changed.");
                    }
                }

                await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {number};", cancellationToken);
                transaction.Commit();
            }
            finally
            {
                if (rebuildsTables)
                {
                    await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON;", cancellationToken);
                }
            }
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> GetVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<(int, string)> Load()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var migrations = new List<(int, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = name[ResourcePrefix.Length..];
            var number = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            migrations.Add((number, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"SQLite migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Item1} at position {i + 1}.");
            }
        }

        return migrations;
    }
}
