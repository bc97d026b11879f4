using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Hexapla.Accounts;
using Hexapla.Sections;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hexapla.Tests.Site.NavigationSite;

namespace Hexapla.Tests.Site;

/// <summary>Header and footer menus and breadcrumbs on public pages, in each language, never showing what is not public.</summary>
public sealed class NavigationTests
{
    private static IReadOnlyList<(string Title, string Href, IElement Link)> Links(IElement? nav) =>
        nav is null ? [] : [.. nav.QuerySelectorAll("a").Select(a => (a.TextContent, a.GetAttribute("href")!, (IElement)a))];

    private static IElement Header(IHtmlDocument page) => page.QuerySelector("header nav.menu")!;

    private static IElement Footer(IHtmlDocument page) => page.QuerySelector("footer nav.footer-menu")!;

    [Fact]
    public async Task Menus_EnglishDocumentPage_ResolveSectionsDocumentsAndLinksInEnglish()
    {
        await using var site = await NavigationSite.StartAsync();
        var page = await site.GetPageAsync($"/en-gb/{Briefing}");

        Assert.Equal("Main menu", Header(page).GetAttribute("aria-label"));
        var header = Links(Header(page));
        Assert.Equal(
            [("Regions", "/en-gb/s/regions"), ("Middle East", "/en-gb/s/regions/middle-east"), ("Briefing No. 12", $"/en-gb/{Briefing}"), ("Ministry", "https://example.org/ministry")],
            header.Select(l => (l.Title, l.Href)));
        // Sub-entries are a list inside their entry's item; the page's own section and the page itself are marked current.
        Assert.NotNull(Header(page).QuerySelector("ul.menu-list > li > ul > li > a[href='/en-gb/s/regions/middle-east']"));
        Assert.Equal("true", header[0].Link.GetAttribute("aria-current"));
        Assert.Equal("page", header[2].Link.GetAttribute("aria-current"));
        Assert.Null(header[3].Link.GetAttribute("aria-current"));
        Assert.All(header, l => Assert.Null(l.Link.GetAttribute("lang")));

        Assert.Equal("Footer menu", Footer(page).GetAttribute("aria-label"));
        Assert.Equal([("Press office", "/en-gb/s/press"), ("Search the archive", "/en-gb/search")], Links(Footer(page)).Select(l => (l.Title, l.Href)));
    }

    [Fact]
    public async Task Menus_RussianOnlyDocument_OmittedInEnglishByDefault_ShownInRussian()
    {
        await using var site = await NavigationSite.StartAsync();
        var english = Links(Header(await site.GetPageAsync($"/en-gb/{Briefing}")));
        var russian = Links(Header(await site.GetPageAsync($"/ru-ru/{Briefing}")));

        Assert.DoesNotContain(english, l => l.Href.Contains(OnlyRussian, StringComparison.Ordinal));
        var link = Assert.Single(russian, l => l.Href == $"/ru-ru/{OnlyRussian}");
        // No title of its own in the menu: the version's title.
        Assert.Equal("Только по-русски", link.Title);
        Assert.Equal(
            ["Регионы", "Ближний Восток", "Только по-русски", "Брифинг № 12", "Министерство"],
            russian.Select(l => l.Title));
    }

    [Fact]
    public async Task Menus_LinkOriginalSetting_LinksTheOriginalMarkedWithItsLanguage()
    {
        await using var site = await NavigationSite.StartAsync(new Dictionary<string, string?> { ["Hexapla:Menus:MissingLanguage"] = "LinkOriginal" });
        var english = Links(Header(await site.GetPageAsync($"/en-gb/{Briefing}")));

        var link = Assert.Single(english, l => l.Href.Contains(OnlyRussian, StringComparison.Ordinal));
        Assert.Equal($"/ru-ru/{OnlyRussian}", link.Href);
        Assert.Equal("Только по-русски", link.Title);
        Assert.Equal("ru-RU", link.Link.GetAttribute("hreflang"));
        Assert.Equal("ru-RU", link.Link.GetAttribute("lang"));
        // A document with no public version in any language is left out all the same.
        Assert.DoesNotContain(english, l => l.Href.Contains(Embargoed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Menus_ArabicPage_FallBackToTheDefaultLanguageMarked()
    {
        await using var site = await NavigationSite.StartAsync();
        var page = await site.GetPageAsync($"/ar/{Briefing}");
        var header = Links(Header(page));

        Assert.Equal("القائمة الرئيسية", Header(page).GetAttribute("aria-label"));
        var regions = header.Single(l => l.Href == "/ar/s/regions");
        Assert.Equal("Регионы", regions.Title);
        Assert.Equal("ru-RU", regions.Link.GetAttribute("lang"));
        Assert.Equal("ltr", regions.Link.GetAttribute("dir"));
        // The menu entry has no Arabic title, but the document has an Arabic version: its title, unmarked.
        var briefing = header.Single(l => l.Href == $"/ar/{Briefing}");
        Assert.Equal("إحاطة المتحدثة الرسمية", briefing.Title);
        Assert.Null(briefing.Link.GetAttribute("lang"));
    }

    [Fact]
    public async Task Menus_EmbargoedAndDraftDocuments_NeverShownUntilPublic()
    {
        await using var site = await NavigationSite.StartAsync(new Dictionary<string, string?> { ["Hexapla:Menus:MissingLanguage"] = "LinkOriginal" });
        foreach (var path in new[] { $"/en-gb/{Briefing}", $"/ru-ru/{Briefing}", "/en-gb/no-such-page", $"/en-gb/{Briefing}/compare/ru-ru" })
        {
            using var response = await site.Client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(EmbargoWord, html, StringComparison.Ordinal);
            Assert.DoesNotContain(Embargoed, html, StringComparison.Ordinal);
            Assert.DoesNotContain(DraftWord, html, StringComparison.Ordinal);
            Assert.DoesNotContain(Draft, html, StringComparison.Ordinal);
        }

        // The instant the embargo lifts, the menus (kept until that instant) show the statement; the draft never.
        site.Clock.SetUtcNow(Embargo);
        var english = Links(Header(await site.GetPageAsync($"/en-gb/{Briefing}")));
        Assert.Contains(english, l => l.Href == $"/en-gb/{Embargoed}" && l.Title == $"Statement {EmbargoWord}");
        var russian = Links(Header(await site.GetPageAsync($"/ru-ru/{Briefing}")));
        Assert.Contains(russian, l => l.Href == $"/en-gb/{Embargoed}" && l.Link.GetAttribute("hreflang") == "en-GB");
        Assert.DoesNotContain(Links(Footer(await site.GetPageAsync($"/en-gb/{Briefing}"))), l => l.Href.Contains(Draft, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Breadcrumbs_DocumentPage_AreASchemaOrgBreadcrumbListFromHomeThroughTheSections()
    {
        await using var site = await NavigationSite.StartAsync();
        var page = await site.GetPageAsync($"/en-gb/{Briefing}");

        var nav = Assert.Single(page.QuerySelectorAll("nav.crumbs"));
        Assert.Equal("Breadcrumbs", nav.GetAttribute("aria-label"));
        // Microdata read as a consumer would: the list's itemListElement items, each a ListItem with name, item and position.
        var list = Assert.Single(nav.QuerySelectorAll("[itemscope]"), e => e.GetAttribute("itemtype") == "https://schema.org/BreadcrumbList");
        Assert.Equal("OL", list.TagName);
        var items = list.QuerySelectorAll("[itemprop=itemListElement]").ToList();
        Assert.All(items, i => Assert.Equal("https://schema.org/ListItem", i.GetAttribute("itemtype")));
        Assert.All(items, i => Assert.True(i.HasAttribute("itemscope")));
        var read = items.Select(i => (
            Name: i.QuerySelector("[itemprop=name]")!.TextContent,
            Item: i.QuerySelector("[itemprop=item]")?.GetAttribute("href"),
            Position: i.QuerySelector("meta[itemprop=position]")!.GetAttribute("content"))).ToList();
        Assert.Equal(
            [("Hexapla", "/en-gb/", "1"), ("Regions", "/en-gb/s/regions", "2"), ("Middle East", "/en-gb/s/regions/middle-east", "3"), ("Briefing by the spokeswoman", null, "4")],
            read.Select(r => (r.Name, r.Item, r.Position)));
        Assert.Equal("page", items[^1].QuerySelector("[itemprop=name]")!.GetAttribute("aria-current"));
        // The skip link stays the first thing of the page; the trail sits between the header and the main text.
        Assert.Equal("skip", page.Body!.FirstElementChild!.ClassName);
        Assert.Equal("MAIN", nav.NextElementSibling!.TagName);
    }

    [Fact]
    public async Task Breadcrumbs_ArabicPage_SectionTitlesFallBackMarked()
    {
        await using var site = await NavigationSite.StartAsync();
        var page = await site.GetPageAsync($"/ar/{Briefing}");
        var names = page.QuerySelectorAll("nav.crumbs [itemprop=name]").ToList();

        Assert.Equal(4, names.Count);
        Assert.Equal("Ближний Восток", names[2].TextContent);
        Assert.Equal("ru-RU", names[2].GetAttribute("lang"));
        Assert.Equal("إحاطة المتحدثة الرسمية", names[3].TextContent);
        Assert.Null(names[3].GetAttribute("lang"));
    }

    [Fact]
    public async Task ComparePage_HasMenusAndATrailEndingAtTheComparison()
    {
        await using var site = await NavigationSite.StartAsync();
        using var response = await site.Client.GetAsync($"/en-gb/{Briefing}/compare/ru-ru");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Links(Header(page)), l => l.Href == "/en-gb/s/regions/middle-east");
        var names = page.QuerySelectorAll("nav.crumbs [itemprop=name]").Select(n => n.TextContent).ToList();
        Assert.Equal(["Hexapla", "Regions", "Middle East"], names.Take(3));
        Assert.Contains("Briefing by the spokeswoman", names[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFoundPages_HaveMenusAndATrailHome()
    {
        await using var site = await NavigationSite.StartAsync();
        using var missing = await site.Client.GetAsync("/en-gb/no-such-page");
        var page = await TestContent.ParseAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(Links(Header(page)), l => l.Href == "/en-gb/s/regions");
        Assert.Equal(["Hexapla", "Page not found"], page.QuerySelectorAll("nav.crumbs [itemprop=name]").Select(n => n.TextContent));

        // A document without a version in the language: the page listing the versions, in the document's section.
        using var notHere = await site.Client.GetAsync($"/en-gb/{OnlyRussian}");
        var listing = await TestContent.ParseAsync(notHere);
        Assert.Equal(HttpStatusCode.NotFound, notHere.StatusCode);
        Assert.Equal(["Hexapla", "Regions", listing.QuerySelector("h1")!.TextContent], listing.QuerySelectorAll("nav.crumbs [itemprop=name]").Select(n => n.TextContent));
    }

    [Fact]
    public async Task TopLevelSectionSlug_AfterLanguage_Answers301ToTheSectionPage_AlsoAfterARename()
    {
        // The rename below is written beside the server, not through it: it rereads the store's generation at every request.
        await using var site = await NavigationSite.StartAsync(new Dictionary<string, string?> { ["Hexapla:CacheRecheck"] = "00:00:00" });
        using var top = await site.Client.GetAsync("/en-gb/regions");
        Assert.Equal(HttpStatusCode.MovedPermanently, top.StatusCode);
        Assert.Equal("/en-gb/s/regions", top.Headers.Location?.OriginalString);

        using var upper = await site.Client.GetAsync("/ru-ru/Press");
        Assert.Equal(HttpStatusCode.MovedPermanently, upper.StatusCode);
        using var lower = await site.Client.GetAsync(upper.Headers.Location);
        Assert.Equal(HttpStatusCode.MovedPermanently, lower.StatusCode);
        Assert.Equal("/ru-ru/s/press", lower.Headers.Location?.OriginalString);

        // Only a top-level section stands right after the language; a deeper one's slug is no address of its own.
        using var deeper = await site.Client.GetAsync("/en-gb/middle-east");
        Assert.Equal(HttpStatusCode.NotFound, deeper.StatusCode);

        // Renamed: the old slug leads to the new path.
        var editor = site.Services.GetRequiredService<StructureEditor>();
        var admin = new User(1, "admin", Role.Admin, [], false, site.Clock.GetUtcNow());
        var press = (await editor.Store.LoadStructureAsync()).SectionAt("press")!;
        await editor.UpdateSectionAsync(admin, press with { Slug = "press-office" });
        using var renamed = await site.Client.GetAsync("/en-gb/press");
        Assert.Equal(HttpStatusCode.MovedPermanently, renamed.StatusCode);
        Assert.Equal("/en-gb/s/press-office", renamed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task MissingLanguageSetting_UnknownValue_StopsTheSiteWithAMessage()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var site = await TestSite.StartAsync(samples: false, settings: new Dictionary<string, string?> { ["Hexapla:Menus:MissingLanguage"] = "7" });
        });

        Assert.Contains("Hexapla:Menus:MissingLanguage must be Omit or LinkOriginal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Menus_NoMenusSaved_PagesHaveNoMenuLandmarks()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/en-gb/razvitie-situacii-v-irake");

        Assert.Null(page.QuerySelector("nav.menu"));
        Assert.Null(page.QuerySelector("nav.footer-menu"));
        // A document in no section: the trail is the home page and the document.
        Assert.Equal(["Hexapla", "Development of the situation in Iraq"], page.QuerySelectorAll("nav.crumbs [itemprop=name]").Select(n => n.TextContent));
    }
}
