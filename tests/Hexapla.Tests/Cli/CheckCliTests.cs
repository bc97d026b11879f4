using System.Security.Cryptography;
using System.Text;
using Hexapla.Cli;
using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Interchange;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using LuceneDocument = Lucene.Net.Documents.Document;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

/// <summary><c>hexapla check [--repair]</c> on real stores and indexes, each problem made for real.</summary>
public sealed class CheckCliTests : CliFolderTests
{
    private static readonly ImportFile DraftNote = new(
        "draft-note.en-GB.md", Encoding.UTF8.GetBytes("---\ntitle: A draft note about otters\ndraft: true\n---\nNot for readers yet: otters.\n"));

    /// <summary>Every bundled sample and one draft, indexed by <c>hexapla reindex</c>.</summary>
    private async Task<string> DataAsync()
    {
        var data = Path.Combine(Folder, "data");
        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        // As serve imports them: the sample's sections and kinds first, since the statement's front matter names them.
        await SampleContent.AddStructureAsync(store, TimeProvider.System, CancellationToken.None);
        await new Importer(store, TimeProvider.System).ImportAsync([.. SampleContent.Files(), DraftNote], new ImportOptions());
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);
        return data;
    }

    private static SqliteConnection OpenRaw(string data, bool foreignKeys)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(data, SqliteContentStore.FileName),
            ForeignKeys = foreignKeys,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task AssertRepairedAsync(string data)
    {
        var repair = await RunAsync("check", "--repair", "--data", data);
        Assert.True(repair.Exit == 0, repair.Output + repair.Error);
        Assert.Contains("all repaired", repair.Output, StringComparison.Ordinal);
        var again = await RunAsync("check", "--data", data);
        Assert.Equal(0, again.Exit);
        Assert.StartsWith("All is well", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SoundStoreAndIndex_AllIsWell_Exit0()
    {
        var data = await DataAsync();

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(0, check.Exit);
        Assert.StartsWith("All is well", check.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, check.Error);
    }

    [Fact]
    public async Task Check_WhileServing_AllIsWell_AndTheSiteStillAnswers()
    {
        await using var site = await Infrastructure.TestSite.StartAsync(allSamples: true);

        var check = await RunAsync("check", "--data", site.DataFolder);

        Assert.True(check.Exit == 0, check.Output + check.Error);
        using var page = await site.Client.GetAsync("/en-gb/search?q=Iraq");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("razvitie-situacii-v-irake", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoStore_Exit2_NothingCreated()
    {
        var data = Path.Combine(Folder, "nothing");

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(2, check.Exit);
        Assert.Contains("there is no store at", check.Error, StringComparison.Ordinal);
        Assert.False(System.IO.Directory.Exists(data));
    }

    [Fact]
    public async Task Check_DocumentRowDeletedWithForeignKeysOff_FindsOrphanRowsAndIndexEntries_RepairDeletesAndReindexes()
    {
        var data = await DataAsync();
        using (var connection = OpenRaw(data, foreignKeys: false))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM documents WHERE slug = 'about-this-site';";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains("store: orphan rows: 6 row(s) of versions reference missing documents", check.Output, StringComparison.Ordinal);
        Assert.Contains("--repair would delete those versions rows", check.Output, StringComparison.Ordinal);
        Assert.Contains("index: about-this-site/ar is in the search index but no such document exists", check.Output, StringComparison.Ordinal);
        Assert.Contains("hexapla check --repair would repair", check.Output, StringComparison.Ordinal);
        await AssertRepairedAsync(data);
        using (var connection = OpenRaw(data, foreignKeys: true))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT (SELECT count(*) FROM versions WHERE document_id NOT IN (SELECT id FROM documents)) + (SELECT count(*) FROM revisions WHERE version_id NOT IN (SELECT id FROM versions));";
            Assert.Equal(0L, command.ExecuteScalar());
        }
    }

    [Fact]
    public async Task Check_StrayDocumentAddedToLuceneIndex_Found_RepairRemovesIt()
    {
        var data = await DataAsync();
        using (var directory = FSDirectory.Open(SearchSetup.IndexFolder(data)))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.AddDocument(new LuceneDocument { new StringField("slug", "ghost", Field.Store.YES), new StringField("lang", "en-GB", Field.Store.YES) });
            writer.Commit();
        }

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains("index: ghost/en-GB is in the search index but no such document exists", check.Output, StringComparison.Ordinal);
        Assert.Contains("--repair would rebuild the search index", check.Output, StringComparison.Ordinal);
        await AssertRepairedAsync(data);
        using var index = LuceneSearchIndex.Open(SearchSetup.IndexFolder(data));
        Assert.DoesNotContain(index.Entries(), e => e.Slug == "ghost");
    }

    [Fact]
    public async Task Check_DraftPutIntoIndexThroughIndexApi_IsALeak_RepairRemovesIt()
    {
        var data = await DataAsync();
        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        var draft = (await store.FindDocumentAsync("draft-note"))!;
        Assert.Equal(VersionState.Draft, draft.Versions.Single().State);
        var now = DateTimeOffset.UtcNow;
        using (var index = LuceneSearchIndex.Open(SearchSetup.IndexFolder(data)))
        {
            // As a buggy caller would: the draft handed to the index as if it were published.
            var asPublished = draft with { Versions = [draft.Versions.Single() with { State = VersionState.Published, PublishedAt = now.AddMinutes(-1) }] };
            await index.UpdateAsync([asPublished], now, await store.GetGenerationAsync());
        }

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains("index: LEAK: draft-note/en-GB is not public (state draft) but is in the search index", check.Output, StringComparison.Ordinal);
        Assert.Contains("LEAK: 1 text(s) that are not public are in the search index", check.Error, StringComparison.Ordinal);
        await AssertRepairedAsync(data);
        using var repaired = LuceneSearchIndex.Open(SearchSetup.IndexFolder(data));
        Assert.DoesNotContain(repaired.Entries(), e => e.Slug == "draft-note");
    }

    [Fact]
    public async Task Check_EmbargoedVersionInIndex_ReportedAsLeakWithItsTime()
    {
        var data = await DataAsync();
        var embargo = new DateTimeOffset(2099, 1, 1, 9, 0, 0, TimeSpan.Zero);
        using (var connection = OpenRaw(data, foreignKeys: true))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE versions SET state = 'published', published_at = $at WHERE document_id = (SELECT id FROM documents WHERE slug = 'draft-note');";
            command.Parameters.AddWithValue("$at", embargo.ToUnixTimeMilliseconds());
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        using (var index = LuceneSearchIndex.Open(SearchSetup.IndexFolder(data)))
        {
            // Indexed as if the embargo had lifted already.
            await index.UpdateAsync([(await store.FindDocumentAsync("draft-note"))!], embargo.AddDays(1), await store.GetGenerationAsync());
        }

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains("index: LEAK: draft-note/en-GB is embargoed until 2099-01-01 09:00:00Z but is in the search index", check.Output, StringComparison.Ordinal);
        Assert.Contains("LEAK", check.Error, StringComparison.Ordinal);
        await AssertRepairedAsync(data);
    }

    [Fact]
    public async Task Check_VersionChangedBehindTheIndex_FindsOtherRevisionAndGeneration_RepairReindexes()
    {
        var data = await DataAsync();
        using (var connection = OpenRaw(data, foreignKeys: true))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO revisions (version_id, revision, title, summary, body, created_at, segments, links)
                SELECT r.version_id, r.revision + 1, 'A changed title', r.summary, r.body, r.created_at, r.segments, r.links
                FROM revisions r JOIN versions v ON v.id = r.version_id AND r.revision = v.revision
                WHERE v.language = 'en-GB' AND v.document_id = (SELECT id FROM documents WHERE slug = 'about-this-site');
                UPDATE versions SET revision = revision + 1 WHERE language = 'en-GB' AND document_id = (SELECT id FROM documents WHERE slug = 'about-this-site');
                UPDATE store_state SET value = value + 1 WHERE name = 'generation';
                """;
            command.ExecuteNonQuery();
        }

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains("index: about-this-site/en-GB is in the search index with another text than the store's revision 2", check.Output, StringComparison.Ordinal);
        Assert.Matches(@"index: the search index reflects store generation \d+, the store is at \d+", check.Output);
        await AssertRepairedAsync(data);
    }

    [Fact]
    public async Task Check_PublishedVersionMissingFromIndex_Found()
    {
        var data = await DataAsync();
        using (var index = LuceneSearchIndex.Open(SearchSetup.IndexFolder(data)))
        {
            var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
            await index.RebuildAsync(AsyncEnumerable.Empty<Content.Document>(), DateTimeOffset.UtcNow, await store.GetGenerationAsync());
        }

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains("index: razvitie-situacii-v-irake/ru-RU is published but missing from the search index", check.Output, StringComparison.Ordinal);
        await AssertRepairedAsync(data);
    }

    [Fact]
    public async Task Check_LeftoverTempFile_Found_RepairDeletesIt_AFreshOneIsLeftAlone()
    {
        var data = await DataAsync();
        var old = Path.Combine(data, ".restore-0123.tmp");
        var fresh = Path.Combine(data, ".restore-4567.tmp");
        await File.WriteAllTextAsync(old, "half a store");
        await File.WriteAllTextAsync(fresh, "a restore at work");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-3));

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains("files: leftover temporary file .restore-0123.tmp (3 h old) → --repair would delete it", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(".restore-4567.tmp", check.Output, StringComparison.Ordinal);
        await AssertRepairedAsync(data);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public async Task Check_DamagedStoreFile_SaysRestoreFromBackup_RepairLeavesItAlone_Exit1()
    {
        var data = await DataAsync();
        var database = Path.Combine(data, SqliteContentStore.FileName);
        using (var connection = OpenRaw(data, foreignKeys: true))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        // Every page after the first (the schema) overwritten with noise.
        var bytes = await File.ReadAllBytesAsync(database);
        new Random(7).NextBytes(bytes.AsSpan(4096));
        await File.WriteAllBytesAsync(database, bytes);
        var before = SHA256.HashData(bytes);

        var check = await RunAsync("check", "--data", data);
        var repair = await RunAsync("check", "--repair", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains("store: the store file", check.Output, StringComparison.Ordinal);
        Assert.Contains("cannot repair: restore from a backup", check.Output, StringComparison.Ordinal);
        Assert.Equal(1, repair.Exit);
        Assert.Contains("cannot repair: restore from a backup", repair.Output, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(database)));
    }
}
