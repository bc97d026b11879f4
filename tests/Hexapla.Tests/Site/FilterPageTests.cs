using System.Net;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

/// <summary>Filters by kind, tag and date on home and section pages, their facet counts, and bad values.</summary>
public sealed class FilterPageTests
{
    private static List<string> Listed(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("main ul.list li h2 a").Select(a => a.GetAttribute("href")!)];

    private static Dictionary<string, string> Options(AngleSharp.Html.Dom.IHtmlDocument page, string id) =>
        page.QuerySelectorAll($"#{id} option").Where(o => o.GetAttribute("value") != "").ToDictionary(o => o.GetAttribute("value")!, o => o.TextContent.Trim());

    [Fact]
    public async Task HomePage_KindTagAndYearFilters_NarrowTheListing()
    {
        await using var site = await SectionContent.StartAsync();

        var statements = await site.GetPageAsync("/ru-ru/?kind=statement");
        var un = await site.GetPageAsync("/ru-ru/?tag=un");
        var in2025 = await site.GetPageAsync("/ru-ru/?from=2025&to=2025");
        var november = await site.GetPageAsync("/ru-ru/?from=2026-11-21&to=2026-11");

        Assert.Equal(["/ru-ru/iraq-talks", "/ru-ru/france-visit"], Listed(statements));
        Assert.Equal(["/ru-ru/budget-note", "/ru-ru/iraq-talks", "/ru-ru/syria-briefing"], Listed(un));
        Assert.Equal(["/ru-ru/france-visit"], Listed(in2025));
        Assert.Equal(["/ru-ru/razvitie-situacii-v-irake", "/ru-ru/budget-note"], Listed(november));
        // A filtered listing is not for search engines, and points to the whole one.
        Assert.Equal("noindex", statements.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.EndsWith("/ru-ru/", statements.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("statement", statements.QuerySelector("#filter-kind option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task FacetCounts_CountOnlyWhatReadersMaySee_InThePageLanguage()
    {
        await using var site = await SectionContent.StartAsync();

        var home = await site.GetPageAsync("/ru-ru/");
        var section = await site.GetPageAsync("/ru-ru/s/regions/middle-east");
        var english = await site.GetPageAsync("/en-gb/s/regions");
        var years = section.QuerySelectorAll(".filters .years a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();

        // The embargoed statement and the draft briefing count nowhere, and their tag is never offered.
        Assert.Equal("Заявление (1)", Options(section, "filter-kind")["statement"]);
        Assert.Equal("Брифинг (1)", Options(section, "filter-kind")["briefing"]);
        Assert.Equal("un (2)", Options(section, "filter-tag")["un"]);
        Assert.False(Options(home, "filter-tag").ContainsKey("secret-tag"));
        Assert.Equal("un (3)", Options(home, "filter-tag")["un"]);
        Assert.DoesNotContain("secret-tag", home.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal([("2026 (2)", "/ru-ru/s/regions/middle-east?from=2026&to=2026")], years);
        // English counts English versions; the briefing's kind has no English name: the Russian one, marked.
        Assert.Equal("Statement (2)", Options(english, "filter-kind")["statement"]);
        Assert.False(Options(english, "filter-kind").ContainsKey("briefing"));
    }

    [Fact]
    public async Task FacetCounts_AfterTheEmbargo_CountTheStatement()
    {
        await using var site = await SectionContent.StartAsync();
        site.Clock.SetUtcNow(SectionContent.Embargo);

        var section = await site.GetPageAsync("/ru-ru/s/regions/middle-east");

        Assert.Equal("Заявление (2)", Options(section, "filter-kind")["statement"]);
        Assert.Equal("secret-tag (1)", Options(section, "filter-tag")["secret-tag"]);
    }

    [Fact]
    public async Task SectionPage_FiltersAndPaging_KeepEachOther()
    {
        await using var site = await SectionContent.StartAsync(new Dictionary<string, string?> { ["Hexapla:PageSize"] = "1" });

        var first = await site.GetPageAsync("/ru-ru/s/regions?tag=un");
        var second = await site.GetPageAsync("/ru-ru/s/regions?tag=un&page=2");
        var nothing = await site.GetPageAsync("/ru-ru/s/regions?tag=absent");

        Assert.Equal(["/ru-ru/iraq-talks"], Listed(first));
        Assert.Equal("/ru-ru/s/regions?tag=un&page=2", first.QuerySelector("nav.paging a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(["/ru-ru/syria-briefing"], Listed(second));
        Assert.Equal("/ru-ru/s/regions?tag=un", second.QuerySelector("nav.paging a[rel=prev]")!.GetAttribute("href"));
        Assert.Empty(Listed(nothing));
        Assert.NotNull(nothing.QuerySelector("main p[role=status]"));
        Assert.Equal("/ru-ru/s/regions", nothing.QuerySelector(".filters a.clear")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/ru-ru/?from=2026-13-01", "from", "2026-13-01")]
    [InlineData("/ru-ru/?to=yesterday", "to", "yesterday")]
    [InlineData("/ru-ru/s/regions?kind=speech", "kind", "speech")]
    [InlineData("/en-gb/?from=2026&to=2025", "from", "2026")]
    [InlineData("/en-gb/s/regions?tag=a&tag=b", "tag", "tag")]
    public async Task BadFilterValues_Answer400NamingTheParameter(string path, string parameter, string value)
    {
        await using var site = await SectionContent.StartAsync();

        using var response = await site.Client.GetAsync(path);
        var page = await TestContent.ParseAsync(response);
        var problems = page.QuerySelectorAll("main ul.problems li").Select(li => li.TextContent).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single(problems);
        Assert.Contains(parameter, problem, StringComparison.Ordinal);
        Assert.Contains(value, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFilterValues_SeveralAtOnce_OneLineEach()
    {
        await using var site = await SectionContent.StartAsync();

        using var response = await site.Client.GetAsync("/en-gb/?from=x&to=y&kind=z");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, page.QuerySelectorAll("main ul.problems li").Length);
    }
}
