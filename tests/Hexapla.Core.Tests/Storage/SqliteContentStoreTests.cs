using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hexapla.Tests.Storage;

/// <summary>The shared content store tests on SQLite, and what only SQLite has: the file, WAL, pragmas.</summary>
public sealed class SqliteContentStoreTests : ContentStoreTests<SqliteProvider>
{
    [SkippableFact]
    public async Task OpenAsync_NewFile_UsesWriteAheadLog()
    {
        await Provider.Folder.OpenStoreAsync();

        Assert.Equal("wal", await Provider.QueryAsync<string>("PRAGMA journal_mode;"));
    }

    [SkippableFact]
    public async Task OpenAsync_EveryConnection_EnforcesForeignKeys()
    {
        var store = await Provider.Folder.OpenStoreAsync();
        using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys;";
        Assert.Equal(1L, await command.ExecuteScalarAsync());

        command.CommandText = """
            INSERT INTO versions (document_id, language, state, revision, updated_at)
            VALUES (4242, 'en-GB', 'draft', 1, 0);
            """;
        var e = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("FOREIGN KEY", e.Message);
    }

    [SkippableFact]
    public async Task OpenAsync_NewFile_SetsUserVersionToLatestMigration()
    {
        await Provider.Folder.OpenStoreAsync();

        Assert.Equal(SqliteMigrator.LatestVersion, await Provider.QueryAsync<int>("PRAGMA user_version;"));
        Assert.Equal(5, await Provider.QueryAsync<int>(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('documents', 'document_tags', 'expected_languages', 'versions', 'revisions');"));
    }

    [SkippableFact]
    public async Task OpenAsync_Twice_KeepsDataAndVersion()
    {
        var store = await Provider.Folder.OpenStoreAsync();
        await store.SaveDocumentsAsync([Doc("kept", Published(EnGb, Now))]);

        var again = await Provider.Folder.OpenStoreAsync();

        Assert.Equal(1, await again.CountDocumentsAsync());
        Assert.Equal(SqliteMigrator.LatestVersion, await Provider.QueryAsync<int>("PRAGMA user_version;"));
    }

    [SkippableFact]
    public async Task OpenAsync_SchemaNewerThanBinary_ThrowsSayingNewer()
    {
        await Provider.QueryAsync<long>($"PRAGMA user_version = {SqliteMigrator.LatestVersion + 1}; SELECT 0;");
        SqliteConnection.ClearAllPools();

        var e = await Assert.ThrowsAsync<StoreException>(() => Provider.Folder.OpenStoreAsync());

        Assert.Contains("newer", e.Message);
        Assert.Contains(Provider.Folder.StorePath, e.Message);
    }

    [SkippableTheory]
    [InlineData(10)]
    [InlineData(5000)]
    public async Task OpenAsync_FileIsNotSqlite_ThrowsStoreException(int length)
    {
        var random = new Random(length);
        var text = new string([.. Enumerable.Range(0, length).Select(_ => (char)random.Next('a', 'z' + 1))]);
        Provider.Folder.Write(SqliteContentStore.FileName, text);

        var e = await Assert.ThrowsAsync<StoreException>(() => Provider.Folder.OpenStoreAsync());

        Assert.Contains(Provider.Folder.StorePath, e.Message);
    }

    [SkippableTheory]
    [InlineData(SqlContentStore.CountPublicDocumentsSql)]
    [InlineData(SqlContentStore.ListPublicDocumentsSql)]
    public async Task PublicDocumentQueries_ReadVersionsFromTheIndexOnly(string sql)
    {
        var store = await Provider.Folder.OpenStoreAsync();
        using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Bind("@now", 0L);
        command.Bind("@limit", 10);
        command.Bind("@offset", 0);
        var steps = new List<string>();
        using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }
        }

        // A version row holds the body: only the covering index may be read, never the table.
        var versions = steps.Where(s => s.Contains(" v ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, s => Assert.Matches("^SEARCH v (EXISTS )?USING COVERING INDEX versions_sitemap ", s));
    }
}
