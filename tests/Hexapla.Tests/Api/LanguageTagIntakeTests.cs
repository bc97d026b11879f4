using System.Net;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Api;

/// <summary>The API and the command line refuse unregistered language tags, naming the field or option and what was meant.</summary>
public sealed class LanguageTagIntakeTests : CliFolderTests
{
    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => Newsdesk.JsonAsync(response);

    [Fact]
    public async Task Post_LanguageGerman_Is400NamingTheFieldWithSuggestion_AndStoresNothing()
    {
        await using var desk = await Newsdesk.StartAsync();
        using var response = await desk.SendAsync(
            HttpMethod.Post, "/api/v1/documents", "eddie", rawBody: "{\"language\":\"german\",\"title\":\"T\",\"body\":\"B\"}");
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("language", json.GetProperty("field").GetString());
        Assert.Equal(
            "\"german\" is not a valid BCP 47 language tag: \"german\" is not a registered language subtag. Did you mean \"de\" (German)?",
            json.GetProperty("detail").GetString());
        using var list = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents", null);
        Assert.Equal(2, (await JsonAsync(list)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_LangZzZz_Is400NamingTheQuery()
    {
        await using var desk = await Newsdesk.StartAsync();
        using var response = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents?lang=zz-ZZ", null);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("lang", json.GetProperty("field").GetString());
        Assert.Contains("\"zz\" is not a registered language subtag.", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportCommand_LangEnglish_RefusedWithSuggestion_ImportsNothing()
    {
        var input = Path.Combine(Folder, "in");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "note.md"), "---\ntitle: A note\n---\nThe text.\n");
        var data = Path.Combine(Folder, "data");

        var result = await RunAsync("import", input, "--data", data, "--lang", "english");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--lang", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean \"en\" (English)?", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName))
            && await (await OpenAsync(data)).CountDocumentsAsync() > 0);
    }

    [Fact]
    public async Task GlossaryCommand_SourceGerman_RefusedWithSuggestion()
    {
        var csv = Path.Combine(Folder, "terms.csv");
        await File.WriteAllTextAsync(csv, "term,translation,note\nFrieden,peace,\n");

        var result = await RunAsync("glossary", "import", csv, "--data", Path.Combine(Folder, "data"), "--source", "german", "--target", "en-GB");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("\"german\" is not a valid BCP 47 language tag", result.Error, StringComparison.Ordinal);
        Assert.Contains("Did you mean \"de\" (German)?", result.Error, StringComparison.Ordinal);
    }
}
