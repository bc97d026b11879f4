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
