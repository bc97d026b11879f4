using System.Globalization;
using Npgsql;

namespace Hexapla.Storage.Postgres;

/// <summary>
/// Applies the numbered SQL migrations of <c>Storage/Postgres/Migrations</c>, tracked in the <c>schema_version</c>
/// table. An advisory lock keeps two processes that start at once from migrating the same database twice.
/// </summary>
internal static class PostgresMigrator
{
    private const string ResourcePrefix = "Hexapla.Storage.Postgres.Migrations.";

    /// <summary>Any number, the same in every process: the advisory lock that migrations take.</summary>
    private const long MigrationLock = 0x4845_5850_4D49_4752;

    /// <summary>The migrations in order: number and SQL text.</summary>
    public static IReadOnlyList<(int Number, string Sql)> Migrations { get; } = Load();

    /// <summary>The schema version this binary writes.</summary>
    public static int LatestVersion => Migrations[^1].Number;

    public static async Task MigrateAsync(NpgsqlConnection connection, string where, CancellationToken cancellationToken)
    {
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                SELECT pg_advisory_lock(@lock);
                CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
                """;
            setup.Parameters.AddWithValue("lock", MigrationLock);
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var current = await GetVersionAsync(connection, cancellationToken);
            if (current > LatestVersion)
            {
                throw new StoreException(
                    $"The store {where} has schema version {current}, newer than this Hexapla knows ({LatestVersion}): " +
                    "it was written by a newer release. Run that release, or point --connection at another database.");
            }

            foreach (var (number, sql) in Migrations.Where(m => m.Number > current))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var migrate = connection.CreateCommand())
                {
                    migrate.Transaction = transaction;
                    migrate.CommandText = sql;
                    await migrate.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = transaction;
                    record.CommandText = "INSERT INTO schema_version (version) VALUES (@number);";
                    record.Parameters.AddWithValue("number", number);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await using var unlock = connection.CreateCommand();
            unlock.CommandText = "SELECT pg_advisory_unlock(@lock);";
            unlock.Parameters.AddWithValue("lock", MigrationLock);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public static async Task<int> GetVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static List<(int, string)> Load()
    {
        var assembly = typeof(PostgresMigrator).Assembly;
        var migrations = new List<(int, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = name[ResourcePrefix.Length..];
            var number = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            migrations.Add((number, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"PostgreSQL migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Item1} at position {i + 1}.");
            }
        }

        return migrations;
    }
}
