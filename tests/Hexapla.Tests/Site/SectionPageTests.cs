using System.Net;
using System.Xml.Linq;
using Hexapla.Hosting;
using Hexapla.Site.Export;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

/// <summary>Section pages and feeds: what they list (public only, section and below), paging, redirects, sitemap, export, cache.</summary>
public sealed class SectionPageTests
{
    private static List<string> Listed(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("main ul.list li h2 a").Select(a => a.GetAttribute("href")!)];

    [Fact]
    public async Task SectionPage_ListsPublicDocumentsOfTheSectionAndBelow_NewestFirst()
    {
        await using var site = await SectionContent.StartAsync();

        var ru = await site.GetPageAsync("/ru-ru/s/regions");
        var en = await site.GetPageAsync("/en-gb/s/regions");
        var middleEast = await site.GetPageAsync("/ru-ru/s/regions/middle-east");

        Assert.Equal(["/ru-ru/iraq-talks", "/ru-ru/syria-briefing", "/ru-ru/france-visit"], Listed(ru));
        Assert.Equal(["/en-gb/iraq-talks", "/en-gb/france-visit"], Listed(en));
        Assert.Equal(["/ru-ru/iraq-talks", "/ru-ru/syria-briefing"], Listed(middleEast));
        Assert.Equal("Регионы", ru.QuerySelector("main h1")!.TextContent);
        Assert.Equal(["/ru-ru/s/regions/europe", "/ru-ru/s/regions/middle-east"], ru.QuerySelectorAll("nav.subsections a").Select(a => a.GetAttribute("href")!).Order(StringComparer.Ordinal));
        // Europe has no English title: the Russian one, marked as Russian.
        var europe = en.QuerySelectorAll("nav.subsections a").Single(a => a.GetAttribute("href") == "/en-gb/s/regions/europe");
        Assert.Equal(("Европа", "ru-RU"), (europe.TextContent, europe.GetAttribute("lang")));
        Assert.Equal("http://" + site.BaseAddress.Authority + "/ru-ru/s/regions", ru.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(
            ["en-GB", "ru-RU", "x-default"],
            ru.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")!).Order(StringComparer.Ordinal));
        Assert.Equal("/ru-ru/s/regions/feed.atom", ru.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href"));
        var html = ru.DocumentElement.OuterHtml;
        Assert.DoesNotContain("embargoed-statement", html, StringComparison.Ordinal);
        Assert.DoesNotContain("draft-briefing", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-tag", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionPage_EmbargoLifts_TheStatementAppearsOnThePageAndInTheFeed()
    {
        await using var site = await SectionContent.StartAsync(new Dictionary<string, string?> { ["Hexapla:CacheStatusHeader"] = "true" });

        var before = Listed(await site.GetPageAsync("/ru-ru/s/regions/middle-east"));
        var feedBefore = await site.Client.GetStringAsync("/ru-ru/s/regions/middle-east/feed.atom");
        using var again = await site.Client.GetAsync("/ru-ru/s/regions/middle-east");
        site.Clock.SetUtcNow(SectionContent.Embargo);
        var after = Listed(await site.GetPageAsync("/ru-ru/s/regions/middle-east"));
        var feedAfter = await site.Client.GetStringAsync("/ru-ru/s/regions/middle-east/feed.atom");

        Assert.Equal("hit", again.Headers.GetValues(PageCache.StatusHeader).Single());
        Assert.DoesNotContain("/ru-ru/embargoed-statement", before);
        Assert.DoesNotContain("embargoed-statement", feedBefore, StringComparison.Ordinal);
        Assert.Equal("/ru-ru/embargoed-statement", after[0]);
        Assert.Contains("embargoed-statement", feedAfter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionPage_Paged_NewerAndOlderLinksAndA404PastTheEnd()
    {
        await using var site = await SectionContent.StartAsync(new Dictionary<string, string?> { ["Hexapla:PageSize"] = "2" });

        var first = await site.GetPageAsync("/ru-ru/s/regions");
        var second = await site.GetPageAsync("/ru-ru/s/regions?page=2");
        using var third = await site.Client.GetAsync("/ru-ru/s/regions?page=3");

        Assert.Equal(["/ru-ru/iraq-talks", "/ru-ru/syria-briefing"], Listed(first));
        Assert.Equal("/ru-ru/s/regions?page=2", first.QuerySelector("nav.paging a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(["/ru-ru/france-visit"], Listed(second));
        Assert.Equal("/ru-ru/s/regions", second.QuerySelector("nav.paging a[rel=prev]")!.GetAttribute("href"));
        Assert.Empty(second.QuerySelectorAll("link[hreflang]"));
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
    }

    [Theory]
    [InlineData("/ru-ru/s/regions/mideast", "/ru-ru/s/regions/middle-east")]
    [InlineData("/ru-ru/s/regions/mideast/feed.atom", "/ru-ru/s/regions/middle-east/feed.atom")]
    [InlineData("/ru-ru/s/regions/mideast?page=2", "/ru-ru/s/regions/middle-east?page=2")]
    [InlineData("/ru-ru/regions/middle-east/iraq-talks", "/ru-ru/iraq-talks")]
    [InlineData("/en-gb/regions/mideast/iraq-talks", "/en-gb/iraq-talks")]
    [InlineData("/ru-ru/regions/syria-briefing", "/ru-ru/syria-briefing")]
    [InlineData("/RU-RU/s/regions", "/ru-ru/s/regions")]
    public async Task OldAndSectionPrefixedPaths_Answer301(string path, string target)
    {
        await using var site = await SectionContent.StartAsync();

        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(target, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/ru-ru/s/nowhere")]
    [InlineData("/ru-ru/s/regions/nowhere/feed.atom")]
    [InlineData("/ru-ru/regions/middle-east/embargoed-statement")]
    [InlineData("/ru-ru/regions/middle-east/draft-briefing")]
    [InlineData("/ru-ru/regions/middle-east/no-such-document")]
    [InlineData("/ru-ru/nowhere/else/iraq-talks")]
    public async Task UnknownSectionsAndHiddenDocuments_Answer404(string path)
    {
        await using var site = await SectionContent.StartAsync();

        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SectionFeed_IsAtomByRfc4287_WithTheSectionsEntriesOnly()
    {
        await using var site = await SectionContent.StartAsync();

        using var response = await site.Client.GetAsync("/en-gb/s/regions/feed.atom");
        var xml = await response.Content.ReadAsStringAsync();
        var feed = XDocument.Parse(xml).Root!;
        XNamespace atom = "http://www.w3.org/2005/Atom";

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(AtomFeedTests.Rfc4287Problems(xml));
        Assert.EndsWith("/en-gb/s/regions/feed.atom", feed.Element(atom + "id")!.Value, StringComparison.Ordinal);
        Assert.Contains("Regions", feed.Element(atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal(
            ["/en-gb/iraq-talks", "/en-gb/france-visit"],
            feed.Elements(atom + "entry").Select(e => new Uri(e.Element(atom + "id")!.Value).AbsolutePath));
    }

    [Fact]
    public async Task Sitemap_ListsSectionPagesWithSomethingPublic_WithAlternates()
    {
        await using var site = await SectionContent.StartAsync();

        var xml = await site.Client.GetStringAsync("/sitemap.xml");
        SitemapSchemas.AssertValid(xml, "/sitemap.xml");
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locs = XDocument.Parse(xml).Descendants(sm + "loc").Select(l => new Uri(l.Value).AbsolutePath).ToList();
        var sectionLocs = locs.Where(l => l.Contains("/s/", StringComparison.Ordinal)).ToList();
        var middleEastEn = XDocument.Parse(xml).Descendants(sm + "url").Single(u => new Uri(u.Element(sm + "loc")!.Value).AbsolutePath == "/en-gb/s/regions/middle-east");

        // Economy has only a Russian document; Middle East's English one is the Iraq statement (the embargoed one does not count).
        Assert.Equal(
            ["/en-gb/s/regions", "/en-gb/s/regions/europe", "/en-gb/s/regions/middle-east", "/ru-ru/s/economy", "/ru-ru/s/regions", "/ru-ru/s/regions/europe", "/ru-ru/s/regions/middle-east"],
            sectionLocs.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["en-GB", "ru-RU", "x-default"],
            middleEastEn.Elements().Where(e => e.Name.LocalName == "link").Select(e => e.Attribute("hreflang")!.Value).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(locs, l => l.Contains("embargoed", StringComparison.Ordinal) || l.Contains("draft", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_WritesSectionPagesAndFeeds_AtTheirPaths()
    {
        await using var site = await SectionContent.StartAsync(new Dictionary<string, string?> { ["Hexapla:PageSize"] = "2" });
        var folder = Path.Combine(Path.GetTempPath(), "hexapla-section-export", Guid.NewGuid().ToString("N"));
        try
        {
            var store = await SqliteContentStore.OpenAsync(Path.Combine(site.DataFolder, SqliteContentStore.FileName));
            await SiteExporter.ExportAsync(store, new HexaplaOptions { PageSize = 2 }, site.Clock.GetUtcNow(), new SiteExportOptions(folder, "https://press.example.org"));

            var first = await File.ReadAllTextAsync(Path.Combine(folder, "ru-ru", "s", "regions", "index.html"));
            var second = await File.ReadAllTextAsync(Path.Combine(folder, "ru-ru", "s", "regions", "page", "2", "index.html"));
            var feed = await File.ReadAllTextAsync(Path.Combine(folder, "en-gb", "s", "regions", "middle-east", "feed.atom"));
            var sitemap = await File.ReadAllTextAsync(Path.Combine(folder, "sitemap.xml"));

            Assert.Contains("iraq-talks", first, StringComparison.Ordinal);
            Assert.Contains("france-visit", second, StringComparison.Ordinal);
            Assert.DoesNotContain("embargoed-statement", first + second + feed, StringComparison.Ordinal);
            Assert.Empty(AtomFeedTests.Rfc4287Problems(feed));
            Assert.Contains("https://press.example.org/en-gb/s/regions/middle-east/feed.atom", feed, StringComparison.Ordinal);
            Assert.True(feed.Contains("https://press.example.org/en-gb/s/regions/middle-east/feed.atom", StringComparison.Ordinal), feed[..Math.Min(feed.Length, 1500)]);
            Assert.True(File.Exists(Path.Combine(folder, "ru-ru", "s", "economy", "index.html")));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
