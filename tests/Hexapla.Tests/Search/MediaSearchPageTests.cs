using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

// In the Site namespace: a Hexapla.Tests.Search namespace would hide Hexapla.Search from the other tests.
namespace Hexapla.Tests.Site;

/// <summary>Search on the site finds the words of a PDF a public page links, says the passage is from the file, and follows the file when it changes.</summary>
public sealed class MediaSearchPageTests
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, TestSite.Start);
    private const string Slug = "razvitie-situacii-v-irake";

    /// <summary>A one-page PDF in Helvetica, as a word processor exports a short annex.</summary>
    private static byte[] Pdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText(text, 11, new PdfPoint(50, 780), font);
        return builder.Build();
    }

    private static async Task<MediaItem> UploadAsync(MediaLibrary library, string folder, byte[] pdf, string name, long? id = null)
    {
        using var spooled = await SpooledFile.SpoolAsync(new MemoryStream(pdf), name, "application/pdf", 50 << 20, folder);
        return id is { } existing ? await library.SaveFileAsync(Editor, existing, spooled, EnGb) : await library.UploadAsync(Editor, spooled, EnGb);
    }

    private static async Task<JsonElement> ApiAsync(TestSite site, string query)
    {
        using var response = await site.Client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}&lang=*");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Search_WordsOfALinkedPdf_LeadToThePageSayingTheFile_AndFollowTheFileWhenReplaced()
    {
        long id = 0;
        await using var site = await TestSite.StartAsync(prepare: async (folder, clock) =>
        {
            // Before the server starts: its index is built at start, reading the files through the store.
            var store = await SqliteContentStore.OpenAsync(Path.Combine(folder, SqliteContentStore.FileName));
            id = (await UploadAsync(new MediaLibrary(store, clock), folder, Pdf("Annex: the Quokka corridor for humanitarian convoys."), "annex.pdf")).Id;
            var document = (await store.FindDocumentAsync(Slug))!;
            var english = document.Versions.Single(v => v.Language == EnGb);
            await store.SaveDocumentsAsync([document with { Versions = [english with { Body = english.Body + $"\n\n[The annex](media:{id})", Revision = english.Revision + 1 }] }]);
        });

        var found = await ApiAsync(site, "quokka");
        var hit = Assert.Single(found.GetProperty("results").EnumerateArray());
        Assert.Equal(Slug, hit.GetProperty("slug").GetString());
        Assert.Equal("en-GB", hit.GetProperty("language").GetString());
        Assert.Equal("annex.pdf", hit.GetProperty("file").GetString());
        Assert.Contains("<mark>Quokka</mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        // A hit in the body names no file.
        Assert.Equal(JsonValueKind.Null, Assert.Single((await ApiAsync(site, "Mosul")).GetProperty("results").EnumerateArray(), h => h.GetProperty("language").GetString() == "en-GB").GetProperty("file").ValueKind);

        // The results page in Russian says, in Russian, that the passage is from the file, and links the English page.
        var html = await site.Client.GetStringAsync("/ru-ru/search?q=quokka&all=1");
        var page = new HtmlParser().ParseDocument(html);
        var result = Assert.Single(page.QuerySelectorAll("ol.results > li"));
        Assert.Equal($"/en-gb/{Slug}", result.QuerySelector("h2 a")!.GetAttribute("href"));
        var from = result.QuerySelector("p.snippet .from-file")!;
        Assert.Equal("В файле annex.pdf:", from.TextContent.Trim());
        Assert.Equal("ru-RU", from.GetAttribute("lang"));
        Assert.Equal("annex.pdf", from.QuerySelector("bdi")!.TextContent);

        // The file is replaced through the library: the index follows the store's change log.
        await UploadAsync(site.Services.GetRequiredService<MediaLibrary>(), site.DataFolder, Pdf("Annex, corrected: the Numbat corridor."), "annex-corrected.pdf", id);
        var total = -1;
        for (var attempt = 0; attempt < 100 && total != 1; attempt++)
        {
            site.Clock.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(100);
            total = (await ApiAsync(site, "numbat")).GetProperty("total").GetInt32();
        }

        Assert.Equal(1, total);
        Assert.Equal("annex-corrected.pdf", Assert.Single((await ApiAsync(site, "numbat")).GetProperty("results").EnumerateArray()).GetProperty("file").GetString());
        Assert.Equal(0, (await ApiAsync(site, "quokka")).GetProperty("total").GetInt32());
    }
}
