using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

/// <summary>The Arabic sample: a right-to-left page, with text of the other direction isolated.</summary>
public sealed class RightToLeftTests
{
    private const string Arabic = "/ar/about-this-site";

    [Fact]
    public async Task ArabicDocument_HtmlIsArabicRightToLeft()
    {
        await using var site = await TestSite.StartAsync(allSamples: true);
        var page = await site.GetPageAsync(Arabic);

        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("عن هذا الموقع", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector("article[dir]"));
    }

    [Fact]
    public async Task ArabicDocument_SwitcherLinksCarryTheirOwnLanguageAndDirection()
    {
        await using var site = await TestSite.StartAsync(allSamples: true);
        var page = await site.GetPageAsync(Arabic);
        var links = page.QuerySelectorAll("nav.switcher a").ToDictionary(a => a.GetAttribute("lang")!);

        Assert.Equal(["ar", "en-GB", "es", "fr", "ru-RU", "zh-CN"], links.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("rtl", links["ar"].GetAttribute("dir"));
        Assert.Equal("ltr", links["en-GB"].GetAttribute("dir"));
        Assert.Equal("page", links["ar"].GetAttribute("aria-current"));
    }

    [Fact]
    public async Task EnglishDocument_OtherLanguageNamesAreIsolated()
    {
        await using var site = await TestSite.StartAsync(allSamples: true);
        var page = await site.GetPageAsync("/en-gb/about-this-site");
        var arabicLink = page.QuerySelector("nav.switcher a[lang=ar]")!;

        Assert.Equal("rtl", arabicLink.GetAttribute("dir"));
        Assert.Equal("ltr", page.DocumentElement.GetAttribute("dir"));
        // The print line names the content language in its own isolate, and the URL runs left to right.
        Assert.NotNull(page.QuerySelector(".print-only bdi[lang=en-GB]"));
        Assert.NotNull(page.QuerySelector(".print-only bdi[dir=ltr]"));
    }

    [Fact]
    public async Task ArabicHome_EnglishTitlesOfOtherLanguagesAreMarked()
    {
        await using var site = await TestSite.StartAsync(allSamples: true);
        var page = await site.GetPageAsync("/ar/");
        var also = page.QuerySelectorAll(".langs a");

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Contains(also, a => a.GetAttribute("lang") == "en-GB" && a.GetAttribute("dir") == "ltr");
    }

    [Fact]
    public async Task ArabicSearch_EchoedQueryIsIsolated_AndSearchBoxFindsItsOwnDirection()
    {
        await using var site = await TestSite.StartAsync(allSamples: true);
        var page = await site.GetPageAsync("/ar/search?q=Atom&all=1");

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("Atom", page.QuerySelector("main .query bdi")!.TextContent);
        Assert.Equal("auto", page.QuerySelector("#search-q")!.GetAttribute("dir"));
        Assert.Contains(page.QuerySelectorAll("ol.results li"), li => li.GetAttribute("lang") == "en-GB" && li.GetAttribute("dir") == "ltr");
    }

    [Fact]
    public async Task ArabicCompare_BothColumnsCarryTheirDirection()
    {
        await using var site = await TestSite.StartAsync(allSamples: true);
        var page = await site.GetPageAsync(Arabic);
        var compareHref = page.QuerySelector("nav.compare-links a")!.GetAttribute("href")!;
        var compare = await site.GetPageAsync(compareHref);
        var cells = compare.QuerySelectorAll(".pair:not(.compare-heads)")[0].Children;

        Assert.Equal("rtl", compare.DocumentElement.GetAttribute("dir"));
        Assert.Equal(["rtl", "ltr"], cells.Select(c => c.GetAttribute("dir")));
    }
}
