using System.Net;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

public sealed class ComparePageTests
{
    private const string Slug = "razvitie-situacii-v-irake";

    [Fact]
    public async Task Compare_Samples_PairsNineParagraphsByLinksWithLanguagesOnEveryCell()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync($"/en-gb/{Slug}/compare/ru-ru");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
        var pairs = page.QuerySelectorAll(".compare .pair:not(.compare-heads)");
        Assert.Equal(9, pairs.Length);
        Assert.All(pairs, pair =>
        {
            var cells = pair.QuerySelectorAll(".cell");
            Assert.Equal(2, cells.Length);
            Assert.Equal("en-GB", cells[0].GetAttribute("lang"));
            Assert.Equal("ru-RU", cells[1].GetAttribute("lang"));
            Assert.Equal("ltr", cells[1].GetAttribute("dir"));
            Assert.Single(cells[0].QuerySelectorAll("p"));
        });
        Assert.StartsWith("Iraq remains in the heart", pairs[0].QuerySelector(".cell")!.TextContent.Trim(), StringComparison.Ordinal);
        var heads = page.QuerySelectorAll(".compare-head");
        Assert.Equal(["en-GB", "ru-RU"], heads.Select(h => h.GetAttribute("lang")));
        Assert.Equal($"/ru-ru/{Slug}", heads[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.EndsWith($"/en-gb/{Slug}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task DocumentPage_LinksToCompareWithLocalizedLabel()
    {
        await using var site = await TestSite.StartAsync();
        var english = await site.GetPageAsync($"/en-gb/{Slug}");
        var russian = await site.GetPageAsync($"/ru-ru/{Slug}");

        var link = english.QuerySelector("header .compare-links a")!;
        Assert.Equal($"/en-gb/{Slug}/compare/ru-ru", link.GetAttribute("href"));
        Assert.Equal("Compare with Русский", link.TextContent);
        Assert.StartsWith("Сравнить: ", russian.QuerySelector(".compare-links a")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_DraftVersion_IsNotFoundAndShowsNoneOfItsWords()
    {
        await using var site = await TestSite.StartAsync(prepare: (folder, clock) => TestContent.ImportAsync(folder, clock,
            TestContent.Markdown("draft-doc", "en-GB", "Public title", "A public paragraph."),
            TestContent.Markdown("draft-doc", "fr-FR", "Titre secret", "Un paragraphe confidentiel.", "draft: true\n")));

        using var response = await site.Client.GetAsync("/en-gb/draft-doc/compare/fr-fr");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("confidentiel", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Client.GetAsync("/fr-fr/draft-doc/compare/en-gb")).StatusCode);
    }

    [Fact]
    public async Task Compare_ArabicVersion_HasRightToLeftColumn()
    {
        await using var site = await TestSite.StartAsync(prepare: (folder, clock) => TestContent.ImportAsync(folder, clock,
            TestContent.Markdown("rtl-doc", "en", "Water", "Rivers are low.\n\nRain is late."),
            TestContent.Markdown("rtl-doc", "ar", "الماء", "الأنهار منخفضة.\n\nالمطر متأخر.")));

        var page = await site.GetPageAsync("/en/rtl-doc/compare/ar");

        var pairs = page.QuerySelectorAll(".compare .pair:not(.compare-heads)");
        Assert.Equal(2, pairs.Length);
        Assert.All(pairs, p => Assert.Equal("rtl", p.QuerySelectorAll(".cell")[1].GetAttribute("dir")));
        Assert.Equal("rtl", page.QuerySelectorAll(".compare-head")[1].GetAttribute("dir"));
        Assert.Equal("ltr", page.QuerySelectorAll(".compare-head")[0].GetAttribute("dir"));
    }
}
