using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Interchange;
using Hexapla.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Infrastructure;

/// <summary>Puts documents into a data folder before a test site opens it, and reads pages back.</summary>
public static class TestContent
{
    public static async Task ImportAsync(string dataFolder, FakeTimeProvider clock, params (string Name, string Text)[] files)
    {
        var store = await SqliteContentStore.OpenAsync(Path.Combine(dataFolder, SqliteContentStore.FileName));
        await new Importer(store, clock).ImportAsync(
            [.. files.Select(f => new ImportFile(f.Name, Encoding.UTF8.GetBytes(f.Text)))], new ImportOptions());
    }

    /// <summary>A Markdown file with front matter.</summary>
    public static (string, string) Markdown(string slug, string lang, string title, string body, string extra = "") =>
        ($"{slug}.{lang}.md", $"---\ntitle: \"{title}\"\nlang: {lang}\n{extra}---\n\n{body}\n");

    public static async Task<IHtmlDocument> GetPageAsync(this TestSite site, string path)
    {
        using var response = await site.Client.GetAsync(path);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
