using System.Data.Common;
using System.Diagnostics;
using Hexapla.Maintenance;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Maintenance;

/// <summary>
/// Backup and restore of a PostgreSQL store with pg_dump and pg_restore, on a real server: the one
/// <c>HEXAPLA_TEST_POSTGRES</c> names, else the throwaway server of the store tests. Each test makes its own
/// databases, with the tables a store has that backup reads (<c>schema_version</c>, <c>store_state</c>), and drops them.
/// </summary>
public sealed class PostgresBackupTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hexapla-pg-backup-tests", Guid.NewGuid().ToString("N"));
    private readonly List<string> _databases = [];
    private string? _admin;

    public Task InitializeAsync()
    {
        _admin = Environment.GetEnvironmentVariable(PostgresServer.Variable) is { Length: > 0 } configured ? configured : null;
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await PsqlAsync(_admin!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE);");
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task SkipWithoutServerAsync()
    {
        Skip.If(!File.Exists("/usr/bin/pg_dump") || !File.Exists("/usr/bin/pg_restore"), "pg_dump and pg_restore (the postgresql-client package) are not installed.");

        // HEXAPLA_TEST_POSTGRES when set, else the throwaway server the store tests start (or their skip reason).
        _admin ??= (await PostgresServer.GetAsync()).AdminConnectionString;
    }

    private async Task<string> CreateDatabaseAsync(bool withStore)
    {
        var name = "hexapla_backup_" + Guid.NewGuid().ToString("N");
        await PsqlAsync(_admin!, $"CREATE DATABASE {name};");
        _databases.Add(name);
        var connection = new DbConnectionStringBuilder { ConnectionString = _admin };
        connection["Database"] = name;
        if (withStore)
        {
            await PsqlAsync(connection.ConnectionString!, """
                CREATE TABLE schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
                INSERT INTO schema_version (version) VALUES (1);
                CREATE TABLE store_state (name text PRIMARY KEY, value bigint NOT NULL);
                INSERT INTO store_state (name, value) VALUES ('generation', 7);
                CREATE TABLE documents (id bigint PRIMARY KEY, slug text NOT NULL UNIQUE);
                INSERT INTO documents (id, slug) VALUES (1, 'alpha');
                """);
        }

        return connection.ConnectionString!;
    }

    /// <summary>Runs SQL with psql, the connection given as libpq variables; returns what it prints.</summary>
    private static async Task<string> PsqlAsync(string connectionString, string sql)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--no-psqlrc", "--tuples-only", "--no-align", "--set=ON_ERROR_STOP=1", "--command=" + sql])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, variable) in (ReadOnlySpan<(string, string)>)[("Host", "PGHOST"), ("Port", "PGPORT"), ("Database", "PGDATABASE"), ("Username", "PGUSER"), ("Password", "PGPASSWORD")])
        {
            if (builder.TryGetValue(key, out var value))
            {
                start.Environment[variable] = value.ToString();
            }
        }

        start.Environment.TryAdd("PGDATABASE", "postgres");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"psql: {error}");
        return output.Trim();
    }

    [SkippableFact]
    public async Task Backup_PostgresStore_RestoresIntoAnEmptyDatabase_AsOfTheBackup()
    {
        await SkipWithoutServerAsync();
        var source = await CreateDatabaseAsync(withStore: true);
        var file = Path.Combine(_folder, "pg.hexapla-backup");

        var manifest = await BackupArchive.CreateAsync(new PostgresStoreSnapshots(source, 1), _folder, file, TimeProvider.System, "test");
        await PsqlAsync(source, "INSERT INTO documents (id, slug) VALUES (2, 'after-the-backup');");
        var target = await CreateDatabaseAsync(withStore: false);
        using (var backup = BackupArchive.OpenVerified(file))
        {
            await backup.RestoreAsync(new PostgresStoreSnapshots(target, 1), Path.Combine(_folder, "restored"), force: false);
        }

        Assert.Equal("postgres", manifest.Provider);
        Assert.Equal(7, manifest.StoreGeneration);
        Assert.Equal(1, manifest.SchemaVersion);
        Assert.Equal("store/hexapla.pgdump", manifest.Entries.Single().Name);
        Assert.Equal("alpha", await PsqlAsync(target, "SELECT string_agg(slug, ',' ORDER BY id) FROM documents;"));
        Assert.Equal("7", await PsqlAsync(target, "SELECT value FROM store_state WHERE name = 'generation';"));
    }

    [SkippableFact]
    public async Task Restore_PostgresStoreWithContent_RefusedWithoutForce_ReplacedWithForce_NewerSchemaRefused()
    {
        await SkipWithoutServerAsync();
        var source = await CreateDatabaseAsync(withStore: true);
        var file = Path.Combine(_folder, "pg.hexapla-backup");
        await BackupArchive.CreateAsync(new PostgresStoreSnapshots(source, 1), _folder, file, TimeProvider.System, "test");
        var target = await CreateDatabaseAsync(withStore: true);
        await PsqlAsync(target, "UPDATE documents SET slug = 'target-only';");
        using var backup = BackupArchive.OpenVerified(file);

        var refused = await Assert.ThrowsAsync<BackupException>(() => backup.RestoreAsync(new PostgresStoreSnapshots(target, 1), _folder, force: false));
        Assert.Contains("already holds a store with content", refused.Message, StringComparison.Ordinal);
        Assert.Equal("target-only", await PsqlAsync(target, "SELECT string_agg(slug, ',') FROM documents;"));
        var newer = await Assert.ThrowsAsync<BackupException>(() => backup.RestoreAsync(new PostgresStoreSnapshots(target, 0), _folder, force: true));
        Assert.Contains("written by a newer Hexapla", newer.Message, StringComparison.Ordinal);

        await backup.RestoreAsync(new PostgresStoreSnapshots(target, 1), _folder, force: true);

        Assert.Equal("alpha", await PsqlAsync(target, "SELECT string_agg(slug, ',') FROM documents;"));
    }

    [SkippableFact]
    public async Task Backup_UnreachableServer_OneLineError_NoFileLeft()
    {
        await SkipWithoutServerAsync();
        var file = Path.Combine(_folder, "none.hexapla-backup");

        var failure = await Assert.ThrowsAsync<BackupException>(() => BackupArchive.CreateAsync(
            new PostgresStoreSnapshots("Host=127.0.0.1;Port=1;Database=nothing;Username=nobody", 1), _folder, file, TimeProvider.System, "test"));

        Assert.StartsWith("Cannot dump the PostgreSQL store: pg_dump says:", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
