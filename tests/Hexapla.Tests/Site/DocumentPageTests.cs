using System.Net;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

public sealed class DocumentPageTests
{
    private const string Path = "/en-gb/razvitie-situacii-v-irake";

    [Fact]
    public async Task DocumentPage_EnglishVersion_HasLanguageTitleAndBody()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync(Path);
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("Development of the situation in Iraq", Assert.Single(page.QuerySelectorAll("h1")).TextContent);
        Assert.Equal(9, page.QuerySelectorAll("article .body p").Length);
        Assert.StartsWith("Iraq remains in the heart of the Middle East instability.", page.QuerySelector("article .body p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("29 November 2026", page.QuerySelector("article time")!.TextContent);
    }

    [Fact]
    public async Task DocumentPage_RussianVersion_FormatsDateInRussian()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/ru-ru/razvitie-situacii-v-irake");

        Assert.Equal("ru-RU", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Развитие ситуации в Ираке", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("29 ноября 2026 г.", page.QuerySelector("article time")!.TextContent.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Fact]
    public async Task DocumentPage_Head_HasCanonicalAndHreflangForEveryPublishedVersion()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync(Path);
        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);

        Assert.Equal(origin + Path, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]")
            .ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href"));
        Assert.Equal(3, alternates.Count);
        Assert.Equal(origin + Path, alternates["en-GB"]);
        Assert.Equal(origin + "/ru-ru/razvitie-situacii-v-irake", alternates["ru-RU"]);
        Assert.Equal(origin + "/ru-ru/razvitie-situacii-v-irake", alternates["x-default"]);
    }

    [Fact]
    public async Task DocumentPage_Switcher_ListsPublishedVersionsWithNativeNames()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync(Path);

        var nav = page.QuerySelector("nav[aria-label]")!;
        var links = nav.QuerySelectorAll("a");
        Assert.Equal(2, links.Length);
        var english = links.Single(a => a.GetAttribute("hreflang") == "en-GB");
        var russian = links.Single(a => a.GetAttribute("hreflang") == "ru-RU");
        Assert.Equal("English", english.TextContent);
        Assert.Equal("Русский", russian.TextContent);
        Assert.Equal("ru-RU", russian.GetAttribute("lang"));
        Assert.Equal("page", english.GetAttribute("aria-current"));
        Assert.Null(russian.GetAttribute("aria-current"));
        Assert.StartsWith("/ru-ru/razvitie-situacii-v-irake", russian.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_DraftSibling_IsNotInSwitcherOrHreflang()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("razvitie-situacii-v-irake", "fr-FR", "Évolution de la situation en Irak", "L'Irak reste au cœur de l'instabilité.", "draft: true\n")));
        var page = await site.GetPageAsync(Path);

        Assert.DoesNotContain(page.QuerySelectorAll("nav[aria-label] a"), a => a.GetAttribute("hreflang") == "fr-FR");
        Assert.DoesNotContain(page.QuerySelectorAll("link[hreflang]"), a => a.GetAttribute("hreflang") == "fr-FR");
        using var french = await site.Client.GetAsync("/fr-fr/razvitie-situacii-v-irake");
        Assert.Equal(HttpStatusCode.NotFound, french.StatusCode);
        Assert.DoesNotContain("Irak reste", await french.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_MissingLanguage_Is404ListingExistingVersions()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/fr-fr/razvitie-situacii-v-irake");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("fr-FR", page.DocumentElement.GetAttribute("lang"));
        var hrefs = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/en-gb/razvitie-situacii-v-irake", hrefs);
        Assert.Contains("/ru-ru/razvitie-situacii-v-irake", hrefs);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
    }

    [Fact]
    public async Task DocumentPage_MissingLanguageWithShowOriginal_ShowsOriginalWithNotice()
    {
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:MissingTranslation"] = "ShowOriginal" });
        using var response = await site.Client.GetAsync("/fr-fr/razvitie-situacii-v-irake");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("n’a pas encore été traduit", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var article = page.QuerySelector("article")!;
        Assert.Equal("ru-RU", article.GetAttribute("lang"));
        Assert.Equal("Развитие ситуации в Ираке", article.QuerySelector("h1")!.TextContent);
        Assert.EndsWith("/ru-ru/razvitie-situacii-v-irake", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_NoticeInReadersLanguage_WhenRussianReaderMissesVersion()
    {
        await using var site = await TestSite.StartAsync(
            settings: new Dictionary<string, string?> { ["Hexapla:MissingTranslation"] = "ShowOriginal" },
            prepare: (data, clock) => TestContent.ImportAsync(data, clock,
                TestContent.Markdown("only-english", "en-GB", "Only in English", "This statement exists in English only.")));
        var page = await site.GetPageAsync("/ru-ru/only-english");

        Assert.Contains("пока нет", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("en-GB", page.QuerySelector("article")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task DocumentPage_UnknownSlug_IsFriendly404()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/en-gb/no-such-document");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("/a/b/c/d")]
    [InlineData("/xx-!!/something")]
    public async Task UnknownAddress_IsFriendly404Page(string path)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_ScriptInMarkdownAndTitle_IsEscaped()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("hostile", "en-GB", "<script>alert('t')</script> Title", "Text <script>alert('b')</script> and [link](javascript:alert(1)) <img src=x onerror=alert(2)>.")));
        using var response = await site.Client.GetAsync("/en-gb/hostile");
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("[onerror]"));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<script>alert('t')</script> Title", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embargo_VersionAppearsExactlyAtItsTime()
    {
        var release = TestSite.Start.AddHours(2);
        await using var site = await TestSite.StartAsync(samples: false, prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("embargoed", "en-GB", "Embargoed statement", "Secret text of the statement.", $"date: {release:yyyy-MM-ddTHH:mm:ss}Z\n"),
            TestContent.Markdown("public", "en-GB", "Public statement", "Public text.")));

        site.Clock.SetUtcNow(release.AddSeconds(-1));
        string[] paths = ["/en-gb/embargoed", "/en-gb/", "/en-gb/feed.atom", "/sitemap.xml", "/api/v1/documents", "/api/v1/documents/embargoed", "/api/v1/documents/embargoed/en-GB"];
        foreach (var path in paths)
        {
            using var before = await site.Client.GetAsync(path);
            var body = await before.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Secret text", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Embargoed statement", body, StringComparison.Ordinal);
        }

        site.Clock.SetUtcNow(release);
        using var after = await site.Client.GetAsync("/en-gb/embargoed");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Secret text", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stylesheet_IsServedWithLongCache()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync(Path);
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        using var css = await site.Client.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", css.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }
}
