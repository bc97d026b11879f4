using Hexapla.Hosting;
using Hexapla.Interchange;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

/// <summary>
/// <c>hexapla check</c> lists language tags a store holds from before they were checked against the registry, and
/// <c>--repair</c> maps those with one clear replacement; made for real by SQL on a real SQLite store.
/// </summary>
public sealed class LanguageCheckCliTests : CliFolderTests
{
    private const string Slug = "razvitie-situacii-v-irake";

    /// <summary>The bundled samples, then bad tags written straight into the store as an older Hexapla could have.</summary>
    private async Task<string> DataWithBadTagsAsync()
    {
        var data = Path.Combine(Folder, "data");
        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        // As serve imports them: the sample's sections and kinds first, since the statement's front matter names them.
        await SampleContent.AddStructureAsync(store, TimeProvider.System, CancellationToken.None);
        await new Importer(store, TimeProvider.System).ImportAsync([.. SampleContent.Files()], new ImportOptions());
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);
        SqliteConnection.ClearAllPools();

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(data, SqliteContentStore.FileName),
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE versions SET language = 'english'
                WHERE language = 'en-GB' AND document_id = (SELECT id FROM documents WHERE slug = '{Slug}');
            INSERT INTO glossary (source_lang, target_lang, term, translation) VALUES ('ru-RU', 'iw', 'мир', 'שלום');
            INSERT INTO glossary (source_lang, target_lang, term, translation) VALUES ('xx-YY', 'en-GB', 'foo', 'bar');
            """;
        command.ExecuteNonQuery();
        return data;
    }

    [Fact]
    public async Task Store_HoldingInvalidTags_StillLoads()
    {
        var data = await DataWithBadTagsAsync();
        var store = await OpenAsync(data);

        var document = await store.FindDocumentAsync(Slug);

        Assert.Contains("english", document!.Versions.Select(v => v.Language.Value));
    }

    [Fact]
    public async Task Check_InvalidStoredTags_ListsEachWithWhereAndWhatRepairWouldDo()
    {
        var data = await DataWithBadTagsAsync();

        var check = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains(
            $"language: versions.language \"english\" (the english version of document {Slug}): \"english\" is not a valid BCP 47 language tag: \"english\" is not a registered language subtag. Did you mean \"en\" (English)? → --repair would change it to \"en\"",
            check.Output, StringComparison.Ordinal);
        Assert.Contains("language: glossary.target_lang \"iw\" (1 glossary terms) is not in canonical form: \"iw\" is written \"he\"", check.Output, StringComparison.Ordinal);
        Assert.Contains("glossary.source_lang \"xx-YY\" (1 glossary terms): \"xx-YY\" is not a valid BCP 47 language tag: \"xx\" is not a registered language subtag. → cannot repair", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ru-RU\"", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_MapsTheUnambiguous_ReportsTheRest_AndLeavesTheRestUnchanged()
    {
        var data = await DataWithBadTagsAsync();

        var repair = await RunAsync("check", "--repair", "--data", data);

        Assert.Equal(1, repair.Exit);
        Assert.Contains("Changed versions.language \"english\" to \"en\" in 1 row(s).", repair.Output, StringComparison.Ordinal);
        Assert.Contains("Changed glossary.target_lang \"iw\" to \"he\" in 1 row(s).", repair.Output, StringComparison.Ordinal);
        Assert.Contains("still: language: glossary.source_lang \"xx-YY\"", repair.Output, StringComparison.Ordinal);
        Assert.Contains("1 remain after repair", repair.Output, StringComparison.Ordinal);

        var store = await OpenAsync(data);
        var document = await store.FindDocumentAsync(Slug);
        Assert.Equal(["en", "ru-RU"], document!.Versions.Select(v => v.Language.Value).Order(StringComparer.Ordinal));
        var again = await RunAsync("check", "--data", data);
        Assert.DoesNotContain("\"english\"", again.Output, StringComparison.Ordinal);
        Assert.Contains("\"xx-YY\"", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("index:", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheRegistryFileDate()
    {
        var version = await RunAsync("--version");

        Assert.Equal(0, version.Exit);
        Assert.Contains($"Language subtag registry: File-Date {Languages.LanguageRegistry.Default.FileDate}", version.Output, StringComparison.Ordinal);
        Assert.Matches(@"File-Date \d{4}-\d{2}-\d{2}", version.Output);
    }
}
