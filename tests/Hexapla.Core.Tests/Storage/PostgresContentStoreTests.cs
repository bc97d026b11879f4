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
    public async Task OpenAsync_NewDatabase_LongTextColumnsCompressWithLz4WhereTheServerHasIt()
    {
        var store = await Provider.OpenAsync();
        var lz4 = await Provider.QueryAsync<bool>("SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression';");
        var body = string.Concat(Enumerable.Range(0, 400).Select(i => $"Paragraph {i} of a long statement.\n\n"));
        await store.SaveDocumentsAsync([Doc("long", Published(EnGb, Now) with { Body = body })]);

        var methods = await Provider.QueryAsync<string>("""
            SELECT string_agg(c.relname || '.' || a.attname || '=' || a.attcompression::text, ' ' ORDER BY c.relname, a.attname)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relname IN ('versions', 'revisions', 'tm_units') AND a.attname IN ('body', 'segments', 'links', 'source', 'target');
            """);

        var expected = lz4 ? "l" : "";
        Assert.Equal(
            $"revisions.body={expected} revisions.links={expected} revisions.segments={expected} tm_units.source={expected} tm_units.target={expected}",
            methods);
        Assert.Equal(body.TrimEnd(), (await store.FindDocumentAsync("long"))!.Versions[0].Body.TrimEnd());
        if (lz4)
        {
            Assert.Equal("lz4", await Provider.QueryAsync<string>("SELECT pg_column_compression(body) FROM revisions;"));
        }
    }

    [SkippableFact]
    public async Task OpenAsync_StoreAtSchema6_GivesEveryUserTheirOwnSecurityStamp()
    {
        await using (var connection = new NpgsqlConnection(await Provider.ConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"
                + string.Concat(PostgresMigrator.Migrations.Where(m => m.Number <= 6).Select(m => m.Sql + $"\nINSERT INTO schema_version (version) VALUES ({m.Number});\n"))
                + "INSERT INTO users (name, role, password_hash, disabled, created_at) VALUES ('anna', 'admin', 'h1', 0, 1000), ('boris', 'editor', 'h2', 0, 1000);";
            await command.ExecuteNonQueryAsync();
        }

        var store = await Provider.OpenAsync();
        var stamps = (await store.ListUsersAsync()).Select(u => u.SecurityStamp).ToList();

        Assert.Equal(2, stamps.Count);
        Assert.All(stamps, stamp => Assert.Equal(32, stamp.Length));
        Assert.NotEqual(stamps[0], stamps[1]);
    }

    [SkippableFact]
    public async Task OpenAsync_StoreAtSchema2_KeysMemoryPairsExactlyAsTheApplicationDoes()
    {
        // A database at schema 2 with memory pairs written before keys existed.
        await using (var connection = new NpgsqlConnection(await Provider.ConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"
                + string.Concat(PostgresMigrator.Migrations.Where(m => m.Number <= 2).Select(m => m.Sql + $"\nINSERT INTO schema_version (version) VALUES ({m.Number});\n"))
                + """
                INSERT INTO tm_units (source_lang, target_lang, source, target, source_length, origin, created_at)
                VALUES ('ru-RU', 'en-GB', 'Развитие ситуации в Ираке «сегодня».', 'The situation in Iraq “today”.', 35, 'document a r1', 1000),
                       ('ru-RU', 'en-GB', 'Москва', 'Moscow', 6, 'tmx b.tmx', 2000);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = await Provider.OpenAsync();

        await using (var connection = new NpgsqlConnection(await Provider.ConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT source, target, pair_key FROM tm_units ORDER BY id;";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                Assert.Equal(MemoryKey.Of(reader.GetString(0), reader.GetString(1)), (byte[])reader.GetValue(2));
                rows++;
            }

            Assert.Equal(2, rows);
        }

        var ru = Hexapla.Languages.LanguageTag.Parse("ru-RU");
        var en = Hexapla.Languages.LanguageTag.Parse("en-GB");
        Assert.Equal(0, await store.AddAsync([new MemoryUnit(ru, en, "Москва", "Moscow", "again", DateTimeOffset.UnixEpoch)]));
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
