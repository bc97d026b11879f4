using System.Net;
using Hexapla.Cli;
using Hexapla.Hosting;
using Hexapla.Storage;
using Hexapla.Storage.Postgres;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

/// <summary>Choosing the store (--database/--connection) and copying one into another (migrate-store).</summary>
public sealed class StoreCliTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hexapla-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly List<string> _databases = [];
    private PostgresServer? _server;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var database in _databases)
        {
            await _server!.DropDatabaseAsync(database);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    private async Task<string> NewPostgresDatabaseAsync()
    {
        _server = await PostgresServer.GetAsync();
        var database = await _server.CreateDatabaseAsync();
        _databases.Add(database);
        return database;
    }

    private async Task<string> SeededSqliteAsync()
    {
        var path = PathOf("source.db");
        await StoreSeed.SeedAsync(await SqliteContentStore.OpenAsync(path));
        return path;
    }

    private static string FreeAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"Host=127.0.0.1;Port={((IPEndPoint)listener.LocalEndpoint).Port};Database=hexapla;Timeout=5";
    }

    [Fact]
    public async Task MigrateStore_SqliteToSqlite_CopiesEveryTableAndReportsCountsAndChecksums()
    {
        var source = await SeededSqliteAsync();
        var target = PathOf("target.db");

        var result = await RunAsync("migrate-store", "--from", $"sqlite:{source}", "--to", $"sqlite:{target}");

        Assert.Equal(0, result.Exit);
        Assert.Equal("", result.Error);
        Assert.Matches(@"revisions\s+18 -> 18\s+sha256 [0-9a-f]{16} -> [0-9a-f]{16}  ok", result.Output);
        Assert.Matches(@"media_chunks\s+4 -> 4\s+sha256 [0-9a-f]{16} -> [0-9a-f]{16}  ok", result.Output);
        Assert.Contains("counts and checksums match", result.Output, StringComparison.Ordinal);
        Assert.Equal(StoreCopier.Tables.Count, result.Output.Split('\n').Count(l => l.EndsWith(" ok", StringComparison.Ordinal)));
        var copy = await SqliteContentStore.OpenAsync(target);
        Assert.Equal(4, await copy.CountDocumentsAsync());
        Assert.Equal(2, (await copy.ListUsersAsync()).Count);
    }

    [Fact]
    public async Task MigrateStore_TargetNotEmpty_FailsAndLeavesItAsItWas()
    {
        var source = await SeededSqliteAsync();
        var target = PathOf("target.db");
        await (await SqliteContentStore.OpenAsync(target)).AddUserAsync("first", Accounts.Role.Admin, [], "hash", StoreSeed.At);

        var result = await RunAsync("migrate-store", "--from", $"sqlite:{source}", "--to", $"sqlite:{target}");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("hexapla migrate-store: The target store", result.Error, StringComparison.Ordinal);
        Assert.Contains("not empty", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await (await SqliteContentStore.OpenAsync(target)).CountDocumentsAsync());
    }

    [Theory]
    [InlineData("sqlite:missing.db", "There is no SQLite store at")]
    [InlineData("mysql:whatever", "names no store")]
    public async Task MigrateStore_BadSource_SaysWhatIsWrongInOneLine(string from, string expected)
    {
        var result = await RunAsync("migrate-store", "--from", from.Replace("missing.db", PathOf("missing.db"), StringComparison.Ordinal), "--to", $"sqlite:{PathOf("t.db")}");

        Assert.Equal(1, result.Exit);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(PathOf("missing.db")));
    }

    [Fact]
    public async Task AnyVerb_UnknownDatabaseOrUnreachableServerOrMalformedConnection_OneLineError()
    {
        var data = PathOf("data");

        var unknown = await RunAsync("user", "list", "--data", data, "--database", "oracle");
        var unreachable = await RunAsync("user", "list", "--data", data, "--database", "postgres", "--connection", FreeAddress());
        var malformed = await RunAsync("reindex", "--data", data, "--database", "postgres", "--connection", "Port=twelve");
        var missing = await RunAsync("reindex", "--data", data, "--database", "postgres");

        Assert.All([unknown, unreachable, malformed, missing], r =>
        {
            Assert.Equal(1, r.Exit);
            Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
        });
        Assert.Contains("Unknown database \"oracle\"", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("Cannot use the PostgreSQL store 127.0.0.1:", unreachable.Error, StringComparison.Ordinal);
        Assert.Contains("malformed", malformed.Error, StringComparison.Ordinal);
        Assert.Contains("needs --connection", missing.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task MigrateStore_SqliteToPostgres_CopiesEveryTable_ThenTheCliUsesIt()
    {
        var source = await SeededSqliteAsync();
        var database = await NewPostgresDatabaseAsync();

        var result = await RunAsync("migrate-store", "--from", $"sqlite:{source}", "--to", $"postgres:{database}");
        var again = await RunAsync("migrate-store", "--from", $"sqlite:{source}", "--to", $"postgres:{database}");
        var users = await RunAsync("user", "list", "--data", PathOf("data"), "--database", "postgres", "--connection", database);

        Assert.Equal(0, result.Exit);
        Assert.Contains("counts and checksums match", result.Output, StringComparison.Ordinal);
        Assert.Equal(StoreCopier.Tables.Count, result.Output.Split('\n').Count(l => l.EndsWith(" ok", StringComparison.Ordinal)));
        Assert.Equal(1, again.Exit);
        Assert.Contains("not empty", again.Error, StringComparison.Ordinal);
        Assert.Equal(0, users.Exit);
        Assert.Contains("anna", users.Output, StringComparison.Ordinal);
        Assert.Contains("Boris", users.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ImportAndServe_OnPostgres_ThePageAndSearchWork()
    {
        var database = await NewPostgresDatabaseAsync();
        var input = Directory.CreateDirectory(PathOf("in")).FullName;
        foreach (var language in new[] { "en-GB", "ru-RU" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ScrapedText", $"razvitie-situacii-v-irake.{language}.txt"), Path.Combine(input, $"razvitie-situacii-v-irake.{language}.txt"));
        }

        var data = PathOf("data");
        var import = await RunAsync("import", input, "--data", data, "--original", "ru-RU", "--database", "postgres", "--connection", database);
        Assert.Equal(0, import.Exit);
        Assert.False(File.Exists(Path.Combine(data, SqliteContentStore.FileName)));

        // serve, as WebHost builds it with the same choice (HEXAPLA_DATABASE/--database) in this test's flow.
        StoreSetup.UseOptions("postgres", database);
        // The CLI published on the system clock; the site's clock is a little later.
        await using var site = await TestSite.StartAsync(samples: false, dataFolder: data, clock: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1)));
        using var page = await site.Client.GetAsync("/en-gb/razvitie-situacii-v-irake");
        using var search = await site.Client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("Iraq") + "&lang=en-GB");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Contains("razvitie-situacii-v-irake", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var store = await PostgresContentStore.OpenAsync(database);
        Assert.Equal(1, await store.CountDocumentsAsync());
        Assert.Equal(2, (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!.Versions.Count);
    }

    [SkippableFact]
    public async Task BackupRestoreAndCheck_OnPostgres_RoundTripAndRepairTheIndex()
    {
        var source = await NewPostgresDatabaseAsync();
        var target = await NewPostgresDatabaseAsync();
        var input = Directory.CreateDirectory(PathOf("in")).FullName;
        foreach (var language in new[] { "en-GB", "ru-RU" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ScrapedText", $"razvitie-situacii-v-irake.{language}.txt"), Path.Combine(input, $"razvitie-situacii-v-irake.{language}.txt"));
        }

        var data = PathOf("data");
        var restored = PathOf("restored");
        var backup = PathOf("backup.zip");
        Assert.Equal(0, (await RunAsync("import", input, "--data", data, "--original", "ru-RU", "--database", "postgres", "--connection", source)).Exit);

        var clean = await RunAsync("check", "--data", data, "--database", "postgres", "--connection", source);
        var saved = await RunAsync("backup", "--out", backup, "--data", data, "--database", "postgres", "--connection", source);
        var restore = await RunAsync("restore", backup, "--data", restored, "--database", "postgres", "--connection", target);
        var restoredCheck = await RunAsync("check", "--data", restored, "--database", "postgres", "--connection", target);
        Directory.Delete(Path.Combine(restored, "index"), recursive: true);
        var broken = await RunAsync("check", "--data", restored, "--database", "postgres", "--connection", target);
        var repaired = await RunAsync("check", "--repair", "--data", restored, "--database", "postgres", "--connection", target);

        Assert.True(clean.Exit == 0, clean.Output + clean.Error);
        Assert.True(saved.Exit == 0, saved.Error);
        Assert.True(restore.Exit == 0, restore.Error);
        Assert.True(restoredCheck.Exit == 0, restoredCheck.Output + restoredCheck.Error);
        Assert.Equal(1, broken.Exit);
        Assert.Contains("the search index is missing", broken.Output, StringComparison.Ordinal);
        Assert.True(repaired.Exit == 0, repaired.Output + repaired.Error);
        using var store = await PostgresContentStore.OpenAsync(target);
        Assert.Equal(2, (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!.Versions.Count);
    }
}
