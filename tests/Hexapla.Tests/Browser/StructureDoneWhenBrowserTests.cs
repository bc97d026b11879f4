using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Sections;
using Hexapla.Storage;
using Hexapla.Tests.Admin;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// Issue 21's "done when", end to end, as a signed-in admin does it in the browser: a two-level section tree (Regions ›
/// Middle East, Regions › Europe) and a header menu in Russian and English, a kind "briefing" (speaker, place, event
/// date), a Russian briefing with its English translation placed, given its values and published through the admin's
/// own forms, then moved from Europe to Middle East; then an anonymous reader in both languages gets the document page
/// (kind, fields in the language, breadcrumbs with schema.org BreadcrumbList), the menu, both section pages and their
/// Atom feeds, the kind filter on a section page and on the search page, the old addresses redirected; and axe finds
/// nothing on the section page, the filtered section page, the document page and the search page with facets.
/// </summary>
public sealed class StructureDoneWhenBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";
    private const string Slug = "brifing-o-peregovorah";

    [SkippableFact]
    public async Task SectionsMenuKindAndBriefing_BuiltInTheAdmin_MovedAndReadInTwoLanguages()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AccessibilityTests.AxePath), AccessibilityTests.AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AccessibilityTests.AxePath);
        // One admin writing and publishing is the point here: review by a second person is switched off.
        await using var site = await TestSite.StartAsync(
            settings: new Dictionary<string, string?> { ["Hexapla:Review:RequireSecondPerson"] = "false" },
            prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "alice", Role.Admin, Password));
        var store = await AdminClient.OpenStoreAsync(site);
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.Locator("#name").FillAsync("alice");
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));

        // 1. The section tree: Regions, and Middle East and Europe under it.
        await CreateSectionAsync(page, null, "regions", "Регионы", "Regions");
        var regions = (await ((IStructureStore)store).LoadStructureAsync()).SectionAt("regions")!.Id;
        await CreateSectionAsync(page, regions, "middle-east", "Ближний Восток", "Middle East");
        await CreateSectionAsync(page, regions, "europe", "Европа", "Europe");
        var tree = await ((IStructureStore)store).LoadStructureAsync();
        var middleEast = tree.SectionAt("regions/middle-east")!.Id;
        var europe = tree.SectionAt("regions/europe")!.Id;
        Assert.Equal(regions, tree.Section(middleEast)!.ParentId);
        Assert.Equal("Europe", tree.Section(europe)!.Titles[Lang("en-GB")]);

        // 2. The header menu: Regions, with Middle East under it, titled in both languages.
        await page.GotoAsync("/admin/menus/header");
        await page.Locator("#e0-target").SelectOptionAsync("section");
        await page.Locator("#e0-section").SelectOptionAsync(Id(regions));
        await page.Locator("#e0-title-ru-RU").FillAsync("Регионы мира");
        await page.Locator("#e0-title-en-GB").FillAsync("World regions");
        await page.Locator("#e1-target").SelectOptionAsync("section");
        await page.Locator("#e1-section").SelectOptionAsync(Id(middleEast));
        await page.Locator("#e1-title-ru-RU").FillAsync("Ближний Восток");
        await page.Locator("#e1-title-en-GB").FillAsync("Middle East");
        await page.Locator("#e1-child").CheckAsync();
        await page.Locator("main button.primary").ClickAsync();
        await page.Locator("p.ok[role=status]").WaitForAsync();
        var header = (await ((IStructureStore)store).LoadStructureAsync()).Menu(Menu.Header)!;
        Assert.Equal(regions, Assert.Single(header.Entries).SectionId);
        Assert.Equal(middleEast, Assert.Single(header.Entries[0].Children).SectionId);

        // 3. The kind: a briefing with a speaker, a place and an event date (a third row added without script).
        await page.GotoAsync("/admin/kinds");
        await page.Locator("button[name=action][value=add]").ClickAsync();
        await page.Locator("#f2-key").WaitForAsync();
        await page.Locator("#key").FillAsync("briefing");
        await page.Locator("#name-ru-RU").FillAsync("Брифинг");
        await page.Locator("#name-en-GB").FillAsync("Briefing");
        await FieldRowAsync(page, 0, "speaker", "text", "Выступающий", "Speaker");
        await FieldRowAsync(page, 1, "place", "text", "Место", "Place");
        await FieldRowAsync(page, 2, "event-date", "date", "Дата события", "Event date");
        await page.Locator("button[name=action][value=save]").ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/admin/kinds", StringComparison.Ordinal));
        var briefing = (await ((IStructureStore)store).LoadStructureAsync()).Kind("briefing")!;
        Assert.Equal(["speaker", "place", "event-date"], briefing.Fields.Select(f => f.Key));
        Assert.Equal(FieldType.Date, briefing.Fields[2].Type);

        // 4. The Russian original, placed in Europe as a briefing with its date, its speaker and place in Russian…
        await page.GotoAsync("/admin/new");
        await page.Locator("#language").FillAsync("ru-RU");
        await page.Locator("#title").FillAsync("Брифинг о переговорах");
        await page.Locator("#slug").FillAsync(Slug);
        await page.Locator("#body").FillAsync("Официальный представитель рассказала о переговорах.");
        await page.Locator("main form button.primary").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=created", StringComparison.Ordinal));
        await PlaceAsync(page, europe, "2026-03-04");
        await page.GotoAsync($"/admin/documents/{Slug}/ru-RU");
        await page.Locator("#field-speaker").FillAsync("Мария Захарова");
        await page.Locator("#field-place").FillAsync("Москва");
        await page.Locator("form:has(#field-speaker) button[name=action][value=save]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=saved", StringComparison.Ordinal));
        await page.Locator("button[name=action][value=publish]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=published", StringComparison.Ordinal));

        // …and the English translation with its own values, published too.
        await page.GotoAsync($"/admin/documents/{Slug}/en-GB");
        await page.Locator("#title").FillAsync("Briefing on the talks");
        await page.Locator("#body").FillAsync("The spokeswoman spoke about the talks.");
        await page.Locator("#field-speaker").FillAsync("Maria Zakharova");
        await page.Locator("#field-place").FillAsync("Moscow");
        await page.Locator("form:has(#field-speaker) button[name=action][value=save]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=saved", StringComparison.Ordinal));
        await page.Locator("button[name=action][value=publish]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=published", StringComparison.Ordinal));
        var placed = (await store.FindDocumentAsync(Slug))!;
        Assert.Equal(europe, placed.SectionId);
        Assert.Equal("briefing", placed.Kind);

        // 5. Moved from Europe to Middle East once published: the old section-path address sends the reader on.
        await PlaceAsync(page, middleEast, null);
        Assert.Equal(middleEast, (await store.FindDocumentAsync(Slug))!.SectionId);

        using var reader = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        foreach (var (lang, other) in new[] { ("ru-ru", "en-gb"), ("en-gb", "ru-ru") })
        {
            foreach (var old in new[] { $"/{lang}/regions/europe/{Slug}", $"/{lang}/regions/middle-east/{Slug}" })
            {
                using var moved = await reader.GetAsync(old);
                Assert.True(moved.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {(int)moved.StatusCode}");
                Assert.Equal($"/{lang}/{Slug}", moved.Headers.Location!.IsAbsoluteUri ? moved.Headers.Location.AbsolutePath : moved.Headers.Location.OriginalString);
            }

            using var direct = await reader.GetAsync($"/{lang}/{Slug}");
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
            Assert.NotEqual(other, lang);
        }

        // 6. What an anonymous reader gets, in each language.
        var ru = new Expected("ru-RU", "Брифинг о переговорах", "Брифинг", "Мария Захарова", "Москва", "марта", "Регионы", "Ближний Восток", "Регионы мира", "переговорах");
        var en = new Expected("en-GB", "Briefing on the talks", "Briefing", "Maria Zakharova", "Moscow", "March", "Regions", "Middle East", "World regions", "talks");
        foreach (var expected in new[] { ru, en })
        {
            await ReadAsync(reader, expected);
        }

        // 7. axe on the new kinds of page, anonymous, in both languages.
        await using var anonymous = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
        anonymous.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var readerPage = await anonymous.NewPageAsync();
        var report = new StringBuilder();
        foreach (var expected in new[] { ru, en })
        {
            var lang = expected.Path;
            foreach (var path in new[]
            {
                $"/{lang}/s/regions", $"/{lang}/s/regions?kind=briefing", $"/{lang}/s/regions/middle-east", $"/{lang}/{Slug}",
                $"/{lang}/search?q={Uri.EscapeDataString(expected.Word)}",
                $"/{lang}/search?q={Uri.EscapeDataString(expected.Word)}&kind=briefing",
            })
            {
                var response = await readerPage.GotoAsync(path);
                Assert.True(response?.Status == 200, $"{path}: {response?.Status}");
                report.Append(await AxeAsync(readerPage, axe, path));
            }
        }

        Assert.True(report.Length == 0, $"axe on the structure's public pages:\n{report}");
    }

    private static async Task ReadAsync(HttpClient reader, Expected e)
    {
        var parser = new HtmlParser();

        // The document page: kind, fields in this language, breadcrumbs with their microdata, the header menu.
        var document = parser.ParseDocument(await reader.GetStringAsync($"/{e.Path}/{Slug}"));
        Assert.Equal(e.Title, document.QuerySelector("main h1")!.TextContent.Trim());
        var fields = document.QuerySelector("dl.fields")!;
        var shown = fields.TextContent;
        Assert.Contains(e.Kind, document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(e.Speaker, shown, StringComparison.Ordinal);
        Assert.Contains(e.Place, shown, StringComparison.Ordinal);
        Assert.Contains(e.Month, shown, StringComparison.Ordinal);
        Assert.Contains("2026", shown, StringComparison.Ordinal);
        var other = e.Lang == "ru-RU" ? "Maria Zakharova" : "Мария Захарова";
        Assert.DoesNotContain(other, document.Body!.TextContent, StringComparison.Ordinal);
        var crumbs = document.QuerySelector("ol[itemtype='https://schema.org/BreadcrumbList']")!;
        var items = crumbs.QuerySelectorAll("li[itemprop=itemListElement]");
        Assert.Equal(4, items.Length);
        Assert.Equal(
            [null, e.Regions, e.MiddleEast, e.Title],
            items.Select((li, i) => i == 0 ? null : li.QuerySelector("[itemprop=name]")!.TextContent.Trim()));
        Assert.Equal(
            ["1", "2", "3", "4"],
            items.Select(li => li.QuerySelector("meta[itemprop=position]")!.GetAttribute("content")));
        Assert.EndsWith($"/{e.Path}/s/regions/middle-east", ItemHref(items[2]), StringComparison.Ordinal);
        Assert.Equal("ListItem", items[1].GetAttribute("itemtype")!.Split('/')[^1]);
        var menu = MenuOf(document);
        Assert.Contains(e.MenuTop, menu, StringComparison.Ordinal);
        Assert.Contains(e.MiddleEast, menu, StringComparison.Ordinal);

        // Both section pages list it (the parent's through its subsection) and link the subsections.
        foreach (var path in new[] { "regions", "regions/middle-east" })
        {
            var section = parser.ParseDocument(await reader.GetStringAsync($"/{e.Path}/s/{path}"));
            Assert.True(section.QuerySelector($"main a[href$='/{e.Path}/{Slug}']") is not null, $"/{e.Path}/s/{path} does not link the briefing");
            Assert.Contains(e.Title, section.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

            // Its Atom feed carries the entry in this language.
            using var feedResponse = await reader.GetAsync($"/{e.Path}/s/{path}/feed.atom");
            Assert.Equal(HttpStatusCode.OK, feedResponse.StatusCode);
            XNamespace atom = "http://www.w3.org/2005/Atom";
            var feed = XDocument.Parse(await feedResponse.Content.ReadAsStringAsync());
            var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
            Assert.Equal(e.Title, (string?)entry.Element(atom + "title"));
            Assert.EndsWith($"/{e.Path}/{Slug}", (string?)entry.Elements(atom + "link").First().Attribute("href"), StringComparison.Ordinal);
        }

        var regions = parser.ParseDocument(await reader.GetStringAsync($"/{e.Path}/s/regions"));
        Assert.NotNull(regions.QuerySelector($"main a[href$='/{e.Path}/s/regions/middle-east']"));
        Assert.NotNull(regions.QuerySelector($"main a[href$='/{e.Path}/s/regions/europe']"));

        // The kind filter on the section page: the kind's name in this language with its count, the briefing found.
        var filtered = parser.ParseDocument(await reader.GetStringAsync($"/{e.Path}/s/regions?kind=briefing"));
        Assert.NotNull(filtered.QuerySelector($"main a[href$='/{e.Path}/{Slug}']"));
        Assert.Contains(e.Kind, filtered.QuerySelector("main form")!.TextContent, StringComparison.Ordinal);
        var none = parser.ParseDocument(await reader.GetStringAsync($"/{e.Path}/s/regions/middle-east?from=2030"));
        Assert.Null(none.QuerySelector($"main a[href$='/{e.Path}/{Slug}']"));

        // …and on the search page, with the kind's facet.
        var word = Uri.EscapeDataString(e.Word);
        var search = parser.ParseDocument(await reader.GetStringAsync($"/{e.Path}/search?q={word}&kind=briefing"));
        Assert.NotNull(search.QuerySelector($"main a[href*='/{e.Path}/{Slug}']"));
        Assert.Contains(e.Kind, search.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // A kind the site does not have is a bad filter value, refused with a page, not an empty or unfiltered result.
        using var unknown = await reader.GetAsync($"/{e.Path}/search?q={word}&kind=statement");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var later = parser.ParseDocument(await reader.GetStringAsync($"/{e.Path}/search?q={word}&kind=briefing&from=2030"));
        Assert.Null(later.QuerySelector($"main a[href*='/{e.Path}/{Slug}']"));
    }

    private static string ItemHref(AngleSharp.Dom.IElement item) =>
        item.QuerySelector("[itemprop=item]")?.GetAttribute("href") ?? item.QuerySelector("[itemprop=item]")?.GetAttribute("itemid") ?? "";

    private static string MenuOf(IHtmlDocument document) =>
        string.Concat(document.QuerySelectorAll("header nav").Select(n => n.TextContent));

    private static async Task CreateSectionAsync(IPage page, long? parent, string slug, string ru, string en)
    {
        await page.GotoAsync("/admin/sections");
        await page.Locator("#parent").SelectOptionAsync(parent is { } p ? Id(p) : "");
        await page.Locator("#slug").FillAsync(slug);
        await page.Locator("#title-ru-RU").FillAsync(ru);
        await page.Locator("#title-en-GB").FillAsync(en);
        await page.Locator("form:has(#slug) button[type=submit]").First.ClickAsync();
        await page.Locator(".section-tree code", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"(^|/){slug}$") }).WaitForAsync();
    }

    private static async Task FieldRowAsync(IPage page, int row, string key, string type, string ru, string en)
    {
        await page.Locator($"#f{row}-key").FillAsync(key);
        await page.Locator($"#f{row}-type").SelectOptionAsync(type);
        await page.Locator($"#f{row}-label-ru-RU").FillAsync(ru);
        await page.Locator($"#f{row}-label-en-GB").FillAsync(en);
    }

    // The placement form: the section, the kind (shown with its shared inputs first), the event date when given.
    private static async Task PlaceAsync(IPage page, long section, string? date)
    {
        await page.GotoAsync($"/admin/documents/{Slug}/place");
        await page.Locator("#place-section").SelectOptionAsync(Id(section));
        if (date is not null)
        {
            await page.Locator("#place-kind").SelectOptionAsync("briefing");
            await page.Locator("button[name=action][value=kind]").ClickAsync();
            await page.Locator("#field-event-date").FillAsync(date);
        }

        await page.Locator("main button.primary").ClickAsync();
        await page.Locator("p.ok[role=status]").WaitForAsync();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static Languages.LanguageTag Lang(string tag) => Languages.LanguageTag.Parse(tag);

    private static async Task<string> AxeAsync(IPage page, string axe, string where)
    {
        await page.EvaluateAsync(axe);
        var violations = await page.EvaluateAsync<JsonElement>(AccessibilityTests.RunAxe);
        var report = new StringBuilder();
        foreach (var violation in violations.EnumerateArray())
        {
            report.AppendLine($"{where}: {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}) {violation.GetProperty("help").GetString()}");
            foreach (var target in violation.GetProperty("targets").EnumerateArray())
            {
                report.AppendLine($"    {target.GetString()}");
            }
        }

        return report.ToString();
    }

    private sealed record Expected(
        string Lang, string Title, string Kind, string Speaker, string Place, string Month, string Regions, string MiddleEast, string MenuTop, string Word)
    {
        /// <summary>The language as the public addresses write it (lower case).</summary>
        public string Path => Lang.ToLowerInvariant();
    }
}
