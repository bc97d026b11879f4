using System.Net;
using System.Xml.Linq;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

public sealed class HomeAndDiscoveryTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>Five English documents published a day apart, the newest last.</summary>
    private static Task FiveDocumentsAsync(string data, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock) =>
        TestContent.ImportAsync(data, clock, [.. Enumerable.Range(1, 5).Select(i =>
            TestContent.Markdown($"statement-{i}", "en-GB", $"Statement number {i}", $"The text of statement {i}.", $"date: 2026-11-0{i}\n"))]);

    [Fact]
    public async Task Home_ListsDocumentsNewestFirstWithPaging()
    {
        await using var site = await TestSite.StartAsync(samples: false,
            settings: new Dictionary<string, string?> { ["Hexapla:PageSize"] = "2" }, prepare: FiveDocumentsAsync);

        var first = await site.GetPageAsync("/en-gb/");
        Assert.Equal(["Statement number 5", "Statement number 4"], first.QuerySelectorAll("main li h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("/en-gb/?page=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.NotNull(first.QuerySelector("link[type='application/atom+xml'][href='/en-gb/feed.atom']"));

        var last = await site.GetPageAsync("/en-gb/?page=3");
        Assert.Equal(["Statement number 1"], last.QuerySelectorAll("main li h2").Select(h => h.TextContent.Trim()));
        Assert.Null(last.QuerySelector("a[rel=next]"));

        using var beyond = await site.Client.GetAsync("/en-gb/?page=9");
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task Home_ShowsOtherLanguagesOfEachDocument()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/ru-ru/");

        Assert.Equal("ru-RU", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/ru-ru/razvitie-situacii-v-irake", page.QuerySelector("main li h2 a")!.GetAttribute("href"));
        Assert.Equal("/en-gb/razvitie-situacii-v-irake", page.QuerySelector("main li .langs a[hreflang='en-GB']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Home_LanguageWithoutDocuments_Is404()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/de-de/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Feed_IsAtomWithNewestEntriesInOneLanguage()
    {
        await using var site = await TestSite.StartAsync(prepare: FiveDocumentsAsync);
        using var response = await site.Client.GetAsync("/en-gb/feed.atom");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Atom + "feed", feed.Root!.Name);
        var entries = feed.Root.Elements(Atom + "entry").ToList();
        Assert.Equal(6, entries.Count);
        Assert.Contains(entries, e => e.Element(Atom + "title")!.Value == "Development of the situation in Iraq");
        Assert.DoesNotContain(entries, e => e.Element(Atom + "title")!.Value == "Развитие ситуации в Ираке");
        Assert.Equal("Statement number 5", entries[1].Element(Atom + "title")!.Value);
        Assert.All(entries, e => Assert.StartsWith(site.BaseAddress.GetLeftPart(UriPartial.Authority) + "/en-gb/", e.Element(Atom + "id")!.Value, StringComparison.Ordinal));
        Assert.Contains(feed.Root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
    }

    [Fact]
    public async Task Sitemap_ListsEachVersionWithItsSiblings()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/sitemap.xml");
        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);

        var english = sitemap.Root!.Elements(Sitemap + "url").Single(u => u.Element(Sitemap + "loc")!.Value == origin + "/en-gb/razvitie-situacii-v-irake");
        var links = english.Elements(Xhtml + "link").ToDictionary(l => (string)l.Attribute("hreflang")!, l => (string)l.Attribute("href")!);
        Assert.Equal(origin + "/ru-ru/razvitie-situacii-v-irake", links["ru-RU"]);
        Assert.Equal(origin + "/en-gb/razvitie-situacii-v-irake", links["en-GB"]);
        Assert.Equal(origin + "/ru-ru/razvitie-situacii-v-irake", links["x-default"]);
        Assert.All(english.Elements(Xhtml + "link"), l => Assert.Equal("alternate", (string?)l.Attribute("rel")));
    }

    /// <summary>
    /// The Iraq statement (ru-RU, en-GB, and versions in every state readers must not see, one embargoed in it-IT), a
    /// draft-only document and five English statements, with at most 7 URLs per sitemap file.
    /// </summary>
    private static Task<TestSite> StartPagedSitemapSiteAsync() =>
        TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:SitemapPageSize"] = "7" }, prepare: async (data, clock) =>
        {
            await FiveDocumentsAsync(data, clock);
            await UnpublishedVersions.PrepareAsync(data, clock);
        });

    /// <summary>Reads the sitemap at /sitemap.xml: the index's pages in order (each checked to be a urlset) with their URLs.</summary>
    private static async Task<List<List<string>>> SitemapPagesAsync(TestSite site)
    {
        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);
        using var response = await site.Client.GetAsync("/sitemap.xml");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var index = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        Assert.All(index.Root.Elements(), e => Assert.Equal(Sitemap + "sitemap", e.Name));
        var locations = index.Root.Elements(Sitemap + "sitemap").Select(e => e.Element(Sitemap + "loc")!.Value).ToList();
        Assert.Equal(Enumerable.Range(1, locations.Count).Select(n => $"{origin}/sitemap-{n}.xml"), locations);

        var pages = new List<List<string>>();
        foreach (var location in locations)
        {
            var page = XDocument.Parse(await site.Client.GetStringAsync(location));
            Assert.Equal(Sitemap + "urlset", page.Root!.Name);
            Assert.All(page.Root.Elements(), e => Assert.Equal(Sitemap + "url", e.Name));
            pages.Add([.. page.Root.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value[origin.Length..])]);
        }

        return pages;
    }

    [Fact]
    public async Task Sitemap_MoreDocumentsThanOneFileHolds_IsAnIndexOfPagesListingEveryPublicUrlOnce()
    {
        await using var site = await StartPagedSitemapSiteAsync();
        site.Clock.SetUtcNow(UnpublishedVersions.Embargo.AddMilliseconds(-1));
        string[] statements = [.. Enumerable.Range(1, 5).Select(i => $"/en-gb/statement-{i}")];

        // Two languages: their two home pages, the statement's two versions and five statements, 7 URLs a file.
        var pages = await SitemapPagesAsync(site);
        Assert.Equal(
            [
                ["/en-gb/", "/ru-ru/", "/ru-ru/razvitie-situacii-v-irake", "/en-gb/razvitie-situacii-v-irake", statements[0], statements[1], statements[2]],
                [statements[3], statements[4]],
            ],
            pages);

        // The embargo lifts: a third language (a home page and a version), each new URL once, the pages still full but the last.
        site.Clock.SetUtcNow(UnpublishedVersions.Embargo);
        var after = await SitemapPagesAsync(site);
        Assert.Equal(
            [
                ["/en-gb/", "/it-it/", "/ru-ru/", "/ru-ru/razvitie-situacii-v-irake", "/en-gb/razvitie-situacii-v-irake", "/it-it/razvitie-situacii-v-irake", statements[0]],
                [statements[1], statements[2], statements[3], statements[4]],
            ],
            after);
    }

    [Fact]
    public async Task SitemapPage_OutOfRangeOrNotWrittenAsTheIndexWritesIt_Is404()
    {
        await using var site = await StartPagedSitemapSiteAsync();
        site.Clock.SetUtcNow(UnpublishedVersions.Embargo.AddMilliseconds(-1));
        await using var small = await TestSite.StartAsync();

        foreach (var path in new[] { "/sitemap-0.xml", "/sitemap-01.xml", "/sitemap-3.xml", "/sitemap--1.xml", "/sitemap-+1.xml", "/sitemap-1x.xml", "/sitemap-99999999999.xml", "/sitemap-.xml" })
        {
            using var response = await site.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }

        using (var last = await site.Client.GetAsync("/sitemap-2.xml"))
        {
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        }

        // A site whose URLs fit in one file has no pages.
        using var none = await small.Client.GetAsync("/sitemap-1.xml");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(Sitemap + "urlset", XDocument.Parse(await small.Client.GetStringAsync("/sitemap.xml")).Root!.Name);
    }

    [Fact]
    public async Task RobotsAndHealth_Answer()
    {
        await using var site = await TestSite.StartAsync();

        var robots = await site.Client.GetStringAsync("/robots.txt");
        Assert.Contains($"Sitemap: {site.BaseAddress.GetLeftPart(UriPartial.Authority)}/sitemap.xml", robots, StringComparison.Ordinal);
        using var health = await site.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BaseUrlSetting_IsUsedForCanonicalLinks()
    {
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:BaseUrl"] = "https://press.example.org/" });
        var page = await site.GetPageAsync("/en-gb/razvitie-situacii-v-irake");

        Assert.Equal("https://press.example.org/en-gb/razvitie-situacii-v-irake", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }
}
