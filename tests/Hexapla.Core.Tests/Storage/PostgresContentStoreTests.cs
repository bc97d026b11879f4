using Hexapla.Storage;
using Hexapla.Storage.Postgres;
using Hexapla.Tests.Infrastructure;
using Npgsql;

namespace Hexapla.Tests.Storage;

/// <summary>The shared content store tests on PostgreSQL, and what only PostgreSQL has: schema_version, connection errors.</summary>
public sealed class PostgresContentStoreTests : ContentStoreTests<PostgresProvider>
{
    [SkippableFact]
    public async Task OpenAsync_NewDatabase_RecordsLatestMigrationAndCreatesEveryTable()
    {
        await Provider.OpenAsync();

        Assert.Equal(PostgresMigrator.LatestVersion, await Provider.QueryAsync<int>("SELECT max(version) FROM schema_version;"));
        Assert.Equal(12, await Provider.QueryAsync<int>("""
            SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN
            ('documents', 'document_tags', 'expected_languages', 'versions', 'revisions', 'store_state',
             'users', 'user_languages', 'api_tokens', 'audit_log', 'tm_units', 'glossary');
            """));
    }

    [SkippableFact]
    public async Task OpenAsync_Twice_AppliesMigrationsOnce()
    {
        await Provider.OpenAsync();
        await Provider.OpenAsync();

        Assert.Equal(PostgresMigrator.Migrations.Count, await Provider.QueryAsync<int>("SELECT count(*) FROM schema_version;"));
    }

    [SkippableFact]
    public async Task OpenAsync_SchemaNewerThanBinary_ThrowsSayingNewer()
    {
        await Provider.QueryAsync<int>($"INSERT INTO schema_version (version) VALUES ({PostgresMigrator.LatestVersion + 1}); SELECT 0;");

        var e = await Assert.ThrowsAsync<StoreException>(() => Provider.OpenAsync());

        Assert.Contains("newer", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=notanumber")]
    [InlineData("this is not a connection string")]
    public async Task OpenAsync_MalformedConnectionString_SaysSoInOneLine(string connectionString)
    {
        var e = await Assert.ThrowsAsync<StoreException>(() => PostgresContentStore.OpenAsync(connectionString));

        Assert.Contains("malformed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task OpenAsync_NoServerListening_SaysCannotUseWithWhere()
    {
        // A port that was free a moment ago: nothing listens there.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Database = "nowhere", Timeout = 5 }.ToString();

        var e = await Assert.ThrowsAsync<StoreException>(() => PostgresContentStore.OpenAsync(connectionString));

        Assert.Contains($"127.0.0.1:{port}/nowhere", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
