using Hexapla.Cli;
using Hexapla.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hexapla-cli-tests", Guid.NewGuid().ToString("N"));

    public CliTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "in"));
    }

    private string Data => Path.Combine(_folder, "data");

    private string Input => Path.Combine(_folder, "in");

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ScrapedText", name);

    private async Task<long> CountDocumentsAsync()
    {
        var store = await SqliteContentStore.OpenAsync(Path.Combine(Data, SqliteContentStore.FileName));
        return await store.CountDocumentsAsync();
    }

    [Fact]
    public async Task Import_SeedBundleTwice_CreatesThenLeavesUnchanged()
    {
        File.Copy(Fixture("razvitie-situacii-v-irake.en-GB.txt"), Path.Combine(Input, "razvitie-situacii-v-irake.en-GB.txt"));
        File.Copy(Fixture("razvitie-situacii-v-irake.ru-RU.txt"), Path.Combine(Input, "razvitie-situacii-v-irake.ru-RU.txt"));

        var first = await RunAsync("import", Input, "--data", Data, "--original", "ru-RU");
        var second = await RunAsync("import", Input, "--data", Data, "--original", "ru-RU");

        Assert.Equal(0, first.Exit);
        Assert.Contains("documents 1 created, 0 updated; versions 2 created, 0 updated, 0 unchanged", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("rebuilding", first.Error + first.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, second.Exit);
        Assert.Contains("documents 0 created, 0 updated; versions 0 created, 0 updated, 2 unchanged", second.Output, StringComparison.Ordinal);
        var store = await SqliteContentStore.OpenAsync(Path.Combine(Data, SqliteContentStore.FileName));
        var document = (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!;
        Assert.Equal("ru-RU", document.OriginalLanguage.Value);
        Assert.Equal(["en-GB", "ru-RU"], document.Versions.Select(v => v.Language.Value));
    }

    [Fact]
    public async Task Import_SeedFileAlone_DetectsLanguageAndExpectsTheOther()
    {
        var path = Path.Combine(Input, "000_e381fdcdea8f71f9.txt");
        File.Copy(Fixture("razvitie-situacii-v-irake.en-GB.txt"), path);

        var result = await RunAsync("import", path, "--data", Data, "--title", "Development of the situation in Iraq");

        Assert.Equal(0, result.Exit);
        var store = await SqliteContentStore.OpenAsync(Path.Combine(Data, SqliteContentStore.FileName));
        var document = (await store.FindDocumentAsync("development-of-the-situation-in-iraq"))!;
        Assert.Equal("en-GB", Assert.Single(document.Versions).Language.Value);
        Assert.Equal(["ru-RU"], document.ExpectedLanguages.Select(l => l.Value));
    }

    [Fact]
    public async Task Import_OneBadFile_FailsNamingFileAndLineAndWritesNothing()
    {
        File.WriteAllText(Path.Combine(Input, "good.en-GB.md"), "---\ntitle: Good\n---\n\nA good English document about the weather.\n");
        File.WriteAllText(Path.Combine(Input, "bad.md"), "---\ntitle: Bad\nlang: xx-!!\n---\n\nBody.\n");
        File.WriteAllBytes(Path.Combine(Input, "broken.txt"), [0x41, 0x0A, 0xC3, 0x28, 0x0A]);

        var result = await RunAsync("import", Input, "--data", Data);

        Assert.Equal(1, result.Exit);
        Assert.Contains("nothing was imported", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(Input, "bad.md")}:3: field \"lang\"", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(Input, "broken.txt")}:2: is not valid UTF-8", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountDocumentsAsync());
    }

    [Fact]
    public async Task Import_BadLanguageOption_ExitsWithMessage()
    {
        File.Copy(Fixture("razvitie-situacii-v-irake.en-GB.txt"), Path.Combine(Input, "seed.txt"));

        var result = await RunAsync("import", Input, "--data", Data, "--lang", "xx-!!");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--lang", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"xx-!!\" is not a valid BCP 47 language tag", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FrontMatterDateWithoutOffset_ExitsNamingFileLineAndField_AndImportsNothing()
    {
        // The test host's zone is Europe/Moscow; the date used to be read as UTC here and as local time elsewhere.
        File.WriteAllText(Path.Combine(Input, "embargo.en-GB.md"), "---\ntitle: Embargoed\ndate: 2026-12-06T15:54:01\n---\n\nNot before the time.\n");

        var result = await RunAsync("import", Input, "--data", Data);

        Assert.Equal(1, result.Exit);
        Assert.Contains("embargo.en-GB.md:3: field \"date\" needs an offset", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountDocumentsAsync());
    }

    [Fact]
    public async Task Import_MissingPath_ExitsWithMessage()
    {
        var result = await RunAsync("import", Path.Combine(Input, "nope"), "--data", Data);

        Assert.Equal(1, result.Exit);
        Assert.Contains("no such file or folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ManyFilesWithRedirectedOutput_PrintsNoProgressBar()
    {
        for (var i = 0; i < 12; i++)
        {
            File.WriteAllText(Path.Combine(Input, $"note-{i}.en-GB.md"), $"---\ntitle: Note {i}\n---\n\nThe text of note number {i} is here.\n");
        }

        var result = await RunAsync("import", Input, "--data", Data);

        Assert.Equal(0, result.Exit);
        Assert.DoesNotContain('\u001b', result.Output);
        Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(12, await CountDocumentsAsync());
    }

    [Fact]
    public async Task Reindex_AfterIndexFolderDeleted_RebuildsAndReportsCount()
    {
        File.Copy(Fixture("razvitie-situacii-v-irake.en-GB.txt"), Path.Combine(Input, "razvitie-situacii-v-irake.en-GB.txt"));
        File.Copy(Fixture("razvitie-situacii-v-irake.ru-RU.txt"), Path.Combine(Input, "razvitie-situacii-v-irake.ru-RU.txt"));
        Assert.Equal(0, (await RunAsync("import", Input, "--data", Data)).Exit);
        Directory.Delete(Path.Combine(Data, "index"), recursive: true);

        var result = await RunAsync("reindex", "--data", Data);

        Assert.Equal(0, result.Exit);
        Assert.StartsWith("Indexed 2 published version(s) of 1 document(s)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Output);
        using var index = Hexapla.Search.LuceneSearchIndex.Open(Path.Combine(Data, "index"));
        Assert.Equal(1, index.Search(new Hexapla.Search.SearchQuery("Мосул", null), DateTimeOffset.UtcNow).Total);
    }

    [Fact]
    public async Task Import_UpdatesTheSearchIndexBeforeReporting()
    {
        File.WriteAllText(Path.Combine(Input, "note.en-GB.md"), "---\ntitle: Note\n---\n\nA platypus was seen near the river.\n");

        Assert.Equal(0, (await RunAsync("import", Input, "--data", Data)).Exit);

        using var index = Hexapla.Search.LuceneSearchIndex.Open(Path.Combine(Data, "index"));
        Assert.Equal(1, index.Search(new Hexapla.Search.SearchQuery("platypus", null), DateTimeOffset.UtcNow).Total);
    }

    [Fact]
    public async Task Serve_StoreFromNewerRelease_RefusesWithOneLine()
    {
        Directory.CreateDirectory(Data);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Data, SqliteContentStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999;";
            command.ExecuteNonQuery();
        }

        var result = await RunAsync("serve", "--data", Data, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.Exit);
        Assert.Contains("newer", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; no other test reads it.
        }
    }
}
