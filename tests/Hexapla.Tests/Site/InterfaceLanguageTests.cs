using System.Net;
using System.Xml.Linq;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

/// <summary>The site's own words come from the resource file of the page's language, English where there is none.</summary>
public sealed class InterfaceLanguageTests
{
    [Fact]
    public async Task RussianPage_SkipLinkAndSearchButton_AreRussian()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/ru-ru/razvitie-situacii-v-irake");

        Assert.Equal("Перейти к содержанию", page.QuerySelector("a.skip")!.TextContent);
        Assert.Equal("Найти", page.QuerySelector("form.search button")!.TextContent);
        Assert.Equal("Языковые версии", page.QuerySelector("nav.switcher")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task RussianAddressThatDoesNotExist_NotFoundPageIsRussian()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/ru-ru/net-takoi-stranicy");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Страница не найдена", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("По этому адресу страницы нет.", page.QuerySelector("main p")!.TextContent);
    }

    [Fact]
    public async Task RussianFeed_TitleIsRussian()
    {
        await using var site = await TestSite.StartAsync();
        var feed = XDocument.Parse(await site.Client.GetStringAsync("/ru-ru/feed.atom"));

        Assert.Equal("Hexapla: новые документы", feed.Root!.Element(XName.Get("title", "http://www.w3.org/2005/Atom"))!.Value);
    }

    [Theory]
    [InlineData("fr-fr")]
    [InlineData("ar")]
    public async Task LanguageWithoutResourceFile_FallsBackToEnglish(string segment)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync($"/{segment}/no-such-page");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Skip to content", page.QuerySelector("a.skip")!.TextContent);
        Assert.Equal("Search", page.QuerySelector("form.search button")!.TextContent);
    }

    [Theory]
    [InlineData("en-GB", "Results: 1,234")]
    [InlineData("ru-RU", "Найдено: 1 234")]
    public void ResultCount_IsWrittenAsTheLanguageWritesNumbers(string language, string expected)
    {
        var text = SiteText.For(LanguageTag.Parse(language)).SearchResults(1234);

        Assert.Equal(expected, text.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Theory]
    [InlineData("en-GB", "29 November 2026")]
    [InlineData("ru-RU", "29 ноября 2026 г.")]
    [InlineData("ar", "29 نوفمبر 2026")]
    public void Dates_AreWrittenAsTheLanguageWritesThem(string language, string expected)
    {
        var date = Pages.FormatDate(TestSite.Start, LanguageTag.Parse(language), TimeZoneInfo.Utc);

        Assert.Equal(expected, date.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Fact]
    public async Task Favicon_IsLinkedAndServedAsSvg()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/en-gb/");
        var href = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        using var icon = await site.Client.GetAsync(href);

        Assert.StartsWith("/assets/favicon.svg?v=", href, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DocumentPage_HasPrintOnlyLineWithCanonicalUrlAndLanguage()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/ru-ru/razvitie-situacii-v-irake");
        var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        var source = page.QuerySelector("main .print-only")!;

        Assert.Contains(canonical, source.TextContent, StringComparison.Ordinal);
        Assert.Contains("Русский", source.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Язык:", source.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_HasAMetaDescriptionInItsLanguage()
    {
        await using var site = await TestSite.StartAsync();
        var russian = await site.GetPageAsync("/ru-ru/");
        var english = await site.GetPageAsync("/en-gb/");

        Assert.StartsWith("Hexapla: последние заявления", russian.QuerySelector("meta[name=description]")?.GetAttribute("content"), StringComparison.Ordinal);
        Assert.StartsWith("Hexapla: the latest statements", english.QuerySelector("meta[name=description]")?.GetAttribute("content"), StringComparison.Ordinal);
    }
}
