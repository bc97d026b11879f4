using System.Net;
using System.Xml.Linq;
using Hexapla.Hosting;
using Hexapla.Site.Export;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

/// <summary>
/// The sitemap at every file size: at most <c>Hexapla:SitemapPageSize</c> URLs a file, every public URL once and in
/// order, each file valid against the sitemaps.org schemas, the static export's files the live site's, and each
/// entry's alternates those of its page's HTML (home pages included).
/// </summary>
public sealed class SitemapTests
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>
    /// Every public URL of <see cref="StartAsync"/>'s site once the embargo has lifted, in the sitemap's order: the home
    /// pages (most versions first, then by tag), then the documents by slug, each original first.
    /// </summary>
    private static readonly string[] Expected =
    [
        "/en-gb/", "/it-it/", "/ru-ru/",
        "/ru-ru/razvitie-situacii-v-irake", "/en-gb/razvitie-situacii-v-irake", "/it-it/razvitie-situacii-v-irake",
        "/en-gb/statement-1", "/en-gb/statement-2", "/en-gb/statement-3", "/en-gb/statement-4", "/en-gb/statement-5",
    ];

    /// <summary>
    /// The Iraq statement (ru-RU, en-GB, an it-IT version under embargo and versions in every state readers must not see)
    /// and five English statements, with at most <paramref name="urlsPerFile"/> URLs per sitemap file; the clock is set
    /// at the embargo's end, so three languages are public, unless <paramref name="beforeEmbargo"/> (two then).
    /// </summary>
    private static async Task<TestSite> StartAsync(int urlsPerFile, bool beforeEmbargo = false)
    {
        var site = await TestSite.StartAsync(
            settings: new Dictionary<string, string?> { ["Hexapla:SitemapPageSize"] = urlsPerFile.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            prepare: async (data, clock) =>
            {
                await TestContent.ImportAsync(data, clock, [.. Enumerable.Range(1, 5).Select(i =>
                    TestContent.Markdown($"statement-{i}", "en-GB", $"Statement number {i}", $"The text of statement {i}.", $"date: 2026-11-0{i}\n"))]);
                await UnpublishedVersions.PrepareAsync(data, clock);
            });
        site.Clock.SetUtcNow(beforeEmbargo ? UnpublishedVersions.Embargo.AddMilliseconds(-1) : UnpublishedVersions.Embargo);
        return site;
    }

    private static List<string> Locations(XDocument urlset, string origin) =>
        [.. urlset.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value[origin.Length..])];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(50_000)]
    public async Task EveryFile_HoldsAtMostThePageSize_ListsEachUrlOnceInOrder_AndValidates(int urlsPerFile)
    {
        await using var site = await StartAsync(urlsPerFile);
        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);
        var root = await site.Client.GetStringAsync("/sitemap.xml");
        SitemapSchemas.AssertValid(root, "/sitemap.xml");
        var served = new Dictionary<string, string> { ["sitemap.xml"] = root };

        List<List<string>> pages;
        if (urlsPerFile >= Expected.Length)
        {
            // Everything fits: one urlset, no index, no pages.
            pages = [Locations(XDocument.Parse(root), origin)];
            Assert.Equal(HttpStatusCode.NotFound, (await site.Client.GetAsync("/sitemap-1.xml")).StatusCode);
        }
        else
        {
            var index = XDocument.Parse(root);
            Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
            var count = (Expected.Length + urlsPerFile - 1) / urlsPerFile;
            Assert.Equal(
                Enumerable.Range(1, count).Select(n => $"{origin}/sitemap-{n}.xml"),
                index.Root.Elements(Sitemap + "sitemap").Select(e => e.Element(Sitemap + "loc")!.Value));
            pages = [];
            for (var n = 1; n <= count; n++)
            {
                var page = await site.Client.GetStringAsync($"/sitemap-{n}.xml");
                SitemapSchemas.AssertValid(page, $"/sitemap-{n}.xml");
                served[$"sitemap-{n}.xml"] = page;
                pages.Add(Locations(XDocument.Parse(page), origin));
            }

            Assert.Equal(HttpStatusCode.NotFound, (await site.Client.GetAsync($"/sitemap-{count + 1}.xml")).StatusCode);
        }

        // Full files but the last, which holds the rest: the SitemapPageSize=4 once gave a file of 5.
        Assert.All(pages.SkipLast(1), page => Assert.Equal(urlsPerFile, page.Count));
        Assert.InRange(pages[^1].Count, 1, urlsPerFile);
        Assert.Equal(Expected, pages.SelectMany(p => p));

        // The static export at the same size writes the same files, but for its address and its pages' folders.
        var folder = Path.Combine(Path.GetTempPath(), "hexapla-sitemap-tests", Guid.NewGuid().ToString("N"));
        try
        {
            const string BaseUrl = "https://press.example.org/news";
            var store = await SqliteContentStore.OpenAsync(Path.Combine(site.DataFolder, SqliteContentStore.FileName));
            await SiteExporter.ExportAsync(store, new HexaplaOptions { SitemapPageSize = urlsPerFile }, site.Clock.GetUtcNow(), new SiteExportOptions(folder, BaseUrl));
            Assert.Equal(served.Keys.Order(), Directory.EnumerateFiles(folder, "sitemap*.xml").Select(Path.GetFileName).Order());
            foreach (var (name, xml) in served)
            {
                var exported = await File.ReadAllTextAsync(Path.Combine(folder, name));
                SitemapSchemas.AssertValid(exported, $"the export's {name}");
                Assert.Equal(WithoutFolderSlash(xml.Replace(origin, BaseUrl, StringComparison.Ordinal)), WithoutFolderSlash(exported));
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        // The export's addresses of pages are folders (/en-gb/slug/), the live site's are not.
        static string WithoutFolderSlash(string xml) => xml.Replace("/<", "<", StringComparison.Ordinal).Replace("/\"", "\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachEntrysAlternates_AreThoseOfItsPagesHtml_HomePagesWithXDefaultAtTheRoot()
    {
        await using var site = await StartAsync(50_000);
        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);
        var sitemap = XDocument.Parse(await site.Client.GetStringAsync("/sitemap.xml"));

        var entries = sitemap.Root!.Elements(Sitemap + "url").ToList();
        Assert.Equal(Expected.Length, entries.Count);
        foreach (var entry in entries)
        {
            var location = entry.Element(Sitemap + "loc")!.Value;
            var inSitemap = entry.Elements(Xhtml + "link").Select(l => ((string?)l.Attribute("rel"), (string?)l.Attribute("hreflang"), (string?)l.Attribute("href"))).ToList();
            var page = await site.GetPageAsync(location[origin.Length..]);
            var inHtml = page.QuerySelectorAll("head link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("rel"), l.GetAttribute("hreflang"), l.GetAttribute("href"))).ToList();

            Assert.NotEmpty(inHtml);
            Assert.Equal(inHtml, inSitemap);
        }

        // A home page's alternates: the three homes and x-default at the root, which sends a reader to a language.
        var home = entries.Single(e => e.Element(Sitemap + "loc")!.Value == origin + "/it-it/");
        Assert.Equal(
            [("en-GB", origin + "/en-gb/"), ("it-IT", origin + "/it-it/"), ("ru-RU", origin + "/ru-ru/"), ("x-default", origin + "/")],
            home.Elements(Xhtml + "link").Select(l => ((string)l.Attribute("hreflang")!, (string)l.Attribute("href")!)));
    }

    [Fact]
    public async Task OnePageSizeAboveTheUrls_AfterTheEmbargoLifts_TheNewUrlsOpenASecondPage()
    {
        // Before the embargo: 2 homes, 2 versions, 5 statements = 9 URLs, one file; after it 11, an index of two.
        await using var site = await StartAsync(10, beforeEmbargo: true);
        var before = XDocument.Parse(await site.Client.GetStringAsync("/sitemap.xml"));
        Assert.Equal(Sitemap + "urlset", before.Root!.Name);
        Assert.Equal(9, before.Root.Elements(Sitemap + "url").Count());

        site.Clock.SetUtcNow(UnpublishedVersions.Embargo);
        var after = XDocument.Parse(await site.Client.GetStringAsync("/sitemap.xml"));
        Assert.Equal(Sitemap + "sitemapindex", after.Root!.Name);
        Assert.Equal(2, after.Root.Elements(Sitemap + "sitemap").Count());
    }

    [Theory]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>""", "no url")]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lastmod>2026-11-29</lastmod></url></urlset>""", "no loc")]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://press.example.org/en-gb/</loc><lastmod>yesterday</lastmod></url></urlset>""", "a lastmod that is no date")]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://press.example.org/en-gb/</loc><xhtml:link rel="alternate" hreflang="english" href="https://press.example.org/en-gb/"/></url></urlset>""", "a hreflang that is no tag")]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://press.example.org/en-gb/</loc><xhtml:link rel="alternate" href="https://press.example.org/en-gb/"/></url></urlset>""", "an alternate without hreflang")]
    [InlineData("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://press.example.org/en-gb/</loc><xhtml:meta name="x"/></url></urlset>""", "an undeclared XHTML element")]
    [InlineData("""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://press.example.org/sitemap-1.xml</loc></sitemap><url><loc>https://press.example.org/</loc></url></sitemapindex>""", "a url in an index")]
    public void TheSchemas_RefuseWhatIsNotASitemap(string xml, string what) =>
        Assert.True(SitemapSchemas.Problems(xml).Count > 0, $"{what} was accepted");
}
