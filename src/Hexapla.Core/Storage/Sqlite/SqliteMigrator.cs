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

        foreach (var (number, sql) in Migrations.Where(m => m.Number > current))
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = sql + $"\nPRAGMA user_version = {number};";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            transaction.Commit();
        }
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
