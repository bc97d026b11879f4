using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hexapla.Tests.Browser;

/// <summary>
/// The whole loop of a correction to published text, in a real browser: an editor corrects paragraph 2 of the live
/// Russian original, the English translator sees exactly that paragraph outdated and updates a working copy of the live
/// English, a second editor approves both and releases them together a few seconds ahead; nothing of it shows on any
/// public surface before the instant, and all of it after.
/// </summary>
public sealed class CorrectionReleaseBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";
    private const string Slug = "razvitie-situacii-v-irake";
    private const string OldRussian = "В самом Ираке террористы контролируют треть территории страны.";
    private const string NewRussian = "В самом Ираке террористы контролируют четверть территории страны.";
    private const string OldEnglish = "In Iraq itself terrorists control one third of the country.";
    private const string NewEnglish = "In Iraq itself terrorists control one quarter of the country.";
    private const string RussianNote = "Исправлена доля территории: четверть, а не треть.";
    private const string EnglishNote = "Corrected the share of territory: a quarter, not a third.";
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");

    [SkippableFact]
    public async Task CorrectionOfOriginalAndTranslation_ReleasedTogether_AppearsEverywhereAtTheInstantOnly()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        // The site's zone is neither UTC nor the test host's (Europe/Moscow): the release form must read Berlin time.
        await using var site = await TestSite.StartAsync(
            settings: new Dictionary<string, string?> { ["Hexapla:TimeZone"] = "Europe/Berlin" },
            prepare: async (data, clock) =>
            {
                await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
                await AdminClient.AddUserAsync(data, clock, "eve", Role.Editor, Password);
                await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB");
            });
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        var store = await AdminClient.OpenStoreAsync(site);
        var secondParagraph = (await store.FindDocumentAsync(Slug))!.Version(Ru)!.Segments[1].Id;
        var before = await SurfacesAsync(site);
        Assert.Contains(OldRussian, before["page ru"], StringComparison.Ordinal);
        Assert.Contains(OldEnglish, before["page en"], StringComparison.Ordinal);

        // Work happens later than the first publication, so a working copy's time leaking into a feed or the sitemap shows.
        site.Clock.Advance(TimeSpan.FromMinutes(10));

        // The editor corrects paragraph 2 of the live original, with a note, and submits it.
        await using var edContext = await SignInAsync(browser, site, "ed");
        var ed = await edContext.NewPageAsync();
        await ed.GotoAsync(AdminUiPath(Ru));
        await ReplaceInBodyAsync(ed, OldRussian, NewRussian);
        await ed.Locator("#note").FillAsync(RussianNote);
        await ed.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(ed.Locator("[role=status]")).ToContainTextAsync("saved");
        await ed.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(ed.Locator("[role=status]")).ToContainTextAsync("submit");

        // The public page (and every other surface) is unchanged.
        await AssertUnchangedAsync(site, before, "after the editor's correction");

        // The translator sees exactly that paragraph outdated: in "My work", in the matrix and on the version's page.
        await using var tomContext = await SignInAsync(browser, site, "tom");
        var tom = await tomContext.NewPageAsync();
        await tom.GotoAsync("/admin/work");
        var toTranslate = tom.Locator($"#to-translate li[data-slug='{Slug}'][data-language='en-GB']");
        await Expect(toTranslate).ToHaveCountAsync(1);
        await Expect(toTranslate).ToContainTextAsync($"1 outdated ({secondParagraph}) of 9 paragraphs");
        await tom.GotoAsync("/admin/translations");
        var englishCell = tom.Locator($"td[data-language='en-GB']").First;
        await Expect(englishCell).ToHaveAttributeAsync("data-state", "outdated");
        await Expect(englishCell).ToContainTextAsync("1 of 9");
        await tom.GotoAsync(AdminUiPath(En));
        var changed = tom.Locator("table.changed-segments tbody tr");
        await Expect(changed).ToHaveCountAsync(1);
        await Expect(changed).ToHaveAttributeAsync("data-source-segment", secondParagraph);
        await Expect(changed.Locator(".old-source")).ToContainTextAsync(OldRussian);
        await Expect(changed.Locator(".new-source")).ToContainTextAsync("четверть");

        // The translator updates a working copy of the live English and submits it; the English stays live as it was.
        await ReplaceInBodyAsync(tom, OldEnglish, NewEnglish);
        await tom.Locator("#note").FillAsync(EnglishNote);
        await tom.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(tom.Locator("[role=status]")).ToContainTextAsync("saved");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(tom.Locator("[role=status]")).ToContainTextAsync("submit");
        await AssertUnchangedAsync(site, before, "after the translator's update");
        await tom.GotoAsync("/admin/translations");
        await Expect(englishCell).ToHaveAttributeAsync("data-state", "in-review");
        await Expect(englishCell.Locator(".working")).ToHaveAttributeAsync("data-working-state", "in_review");
        await tom.GotoAsync("/admin/work");
        await Expect(toTranslate).ToHaveCountAsync(0);

        // A second editor finds both to review, approves them, and schedules them as one release five seconds ahead.
        await using var eveContext = await SignInAsync(browser, site, "eve");
        var eve = await eveContext.NewPageAsync();
        await eve.GotoAsync("/admin/work");
        await Expect(eve.Locator($"#to-review li[data-slug='{Slug}']")).ToHaveCountAsync(2);
        foreach (var language in new[] { Ru, En })
        {
            await eve.GotoAsync(AdminUiPath(language));
            await eve.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Expect(eve.Locator("[role=status]")).ToContainTextAsync("approve");
        }

        await eve.GotoAsync("/admin/work");
        await Expect(eve.Locator($"#to-publish li[data-slug='{Slug}']")).ToHaveCountAsync(2);
        await eve.GetByRole(AriaRole.Link, new() { Name = "Releases", Exact = true }).First.ClickAsync();
        await Expect(eve.Locator("h1")).ToHaveTextAsync("Releases");
        await eve.Locator($"#m-{Slug}-ru-RU").CheckAsync();
        await eve.Locator($"#m-{Slug}-en-GB").CheckAsync();
        var instant = site.Clock.GetUtcNow().AddSeconds(5);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        await eve.Locator("#release-at").FillAsync(TimeZoneInfo.ConvertTime(instant, berlin).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        await eve.GetByRole(AriaRole.Button, new() { Name = "Schedule release" }).ClickAsync();
        var pending = eve.Locator("table.releases.pending tbody tr");
        await Expect(pending).ToHaveCountAsync(1);
        await Expect(pending).ToContainTextAsync($"{Slug} ru-RU");
        await Expect(pending).ToContainTextAsync($"{Slug} en-GB");
        await Expect(pending).ToContainTextAsync("eve");
        // The instant as the form was read: Berlin wall-clock time, and the same instant in UTC.
        await Expect(pending).ToContainTextAsync(instant.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture));

        // Before the instant, nothing of either change is visible anywhere.
        await AssertUnchangedAsync(site, before, "once scheduled");
        site.Clock.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await AssertUnchangedAsync(site, before, "two seconds before the instant");

        // At the instant the release runner carries it out: both appear together.
        site.Clock.Advance(TimeSpan.FromSeconds(3));
        var after = await WaitForAsync(site, s => s["page ru"].Contains(NewRussian, StringComparison.Ordinal));
        Assert.Contains(NewEnglish, after["page en"], StringComparison.Ordinal);
        Assert.DoesNotContain(OldRussian, after["page ru"], StringComparison.Ordinal);
        Assert.DoesNotContain(OldEnglish, after["page en"], StringComparison.Ordinal);
        Assert.Contains(NewRussian, after["feed ru"], StringComparison.Ordinal);
        Assert.Contains(NewEnglish, after["feed en"], StringComparison.Ordinal);
        Assert.Contains(NewRussian, after["api ru"], StringComparison.Ordinal);
        Assert.Contains(NewEnglish, after["api en"], StringComparison.Ordinal);
        Assert.Contains(Slug, after["search ru"], StringComparison.Ordinal);
        Assert.Contains(Slug, after["search en"], StringComparison.Ordinal);
        var lastmod = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Assert.Contains(lastmod, after["sitemap"], StringComparison.Ordinal);

        // The release is recorded as done; the outdated flag is gone, and no work waits.
        await eve.GotoAsync("/admin/releases");
        await Expect(eve.Locator("table.releases.pending")).ToHaveCountAsync(0);
        await Expect(eve.Locator("table.releases.recent tbody tr[data-state='done']")).ToHaveCountAsync(1);
        await tom.GotoAsync("/admin/translations");
        await Expect(englishCell).ToHaveAttributeAsync("data-state", "up-to-date");
        await Expect(englishCell.Locator(".working")).ToHaveCountAsync(0);
        await tom.GotoAsync(AdminUiPath(En));
        await Expect(tom.Locator("table.changed-segments")).ToHaveCountAsync(0);
        await tom.GotoAsync("/admin/work");
        await Expect(tom.Locator($"#to-translate li[data-slug='{Slug}']")).ToHaveCountAsync(0);
        await eve.GotoAsync("/admin/work");
        await Expect(eve.Locator($"li[data-slug='{Slug}']")).ToHaveCountAsync(0);

        // Both live texts record the correction at the instant, with its note, for readers.
        var released = (await store.FindLiveDocumentAsync(Slug))!;
        Assert.Equal((instant, RussianNote), (released.Version(Ru)!.CorrectedAt, released.Version(Ru)!.CorrectionNote));
        Assert.Equal((instant, EnglishNote), (released.Version(En)!.CorrectedAt, released.Version(En)!.CorrectionNote));
        Assert.Equal(TestSite.Start, released.Version(Ru)!.PublishedAt);

        // A reader sees the corrected pages with "Updated" and the editor's note (the reader-side line, from h/read).
        await using var readerContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "ru-RU" });
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(SiteContext.DocumentPath(Ru, Slug));
        await Expect(reader.Locator("main")).ToContainTextAsync(NewRussian);
        await Expect(reader.Locator("main")).ToContainTextAsync(RussianNote);
        await reader.GotoAsync(SiteContext.DocumentPath(En, Slug));
        await Expect(reader.Locator("main")).ToContainTextAsync(NewEnglish);
        await Expect(reader.Locator("main")).ToContainTextAsync("Updated");
        await Expect(reader.Locator("main")).ToContainTextAsync(EnglishNote);
    }

    private static string AdminUiPath(LanguageTag language) => $"/admin/documents/{Slug}/{language.Value}";

    private static async Task<IBrowserContext> SignInAsync(IBrowser browser, TestSite site, string name)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Documents");
        await page.CloseAsync();
        return context;
    }

    private static async Task ReplaceInBodyAsync(IPage page, string oldText, string newText)
    {
        var body = await page.Locator("#body").InputValueAsync();
        Assert.Contains(oldText, body, StringComparison.Ordinal);
        await page.Locator("#body").FillAsync(body.Replace(oldText, newText, StringComparison.Ordinal));
    }

    /// <summary>Every public surface, as an anonymous reader gets it: pages, feeds, sitemap, search and the read API.</summary>
    private static async Task<Dictionary<string, string>> SurfacesAsync(TestSite site)
    {
        var paths = new Dictionary<string, string>
        {
            ["page ru"] = SiteContext.DocumentPath(Ru, Slug),
            ["page en"] = SiteContext.DocumentPath(En, Slug),
            ["feed ru"] = "/ru-ru/feed.atom",
            ["feed en"] = "/en-gb/feed.atom",
            ["sitemap"] = "/sitemap.xml",
            ["api ru"] = $"/api/v1/documents/{Slug}/ru-RU",
            ["api en"] = $"/api/v1/documents/{Slug}/en-GB",
            ["api document"] = $"/api/v1/documents/{Slug}",
            ["search ru"] = $"/api/v1/search?q={Uri.EscapeDataString("четверть")}",
            ["search en"] = $"/api/v1/search?q={Uri.EscapeDataString("quarter")}",
            ["search page en"] = $"/en-gb/search?q={Uri.EscapeDataString("quarter")}",
        };
        var surfaces = new Dictionary<string, string>();
        foreach (var (name, path) in paths)
        {
            using var response = await site.Client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{name} ({path}): {(int)response.StatusCode}");
            surfaces[name] = await response.Content.ReadAsStringAsync();
        }

        return surfaces;
    }

    private static async Task AssertUnchangedAsync(TestSite site, Dictionary<string, string> before, string when)
    {
        var now = await SurfacesAsync(site);
        foreach (var (name, text) in before)
        {
            Assert.True(text == now[name], $"{name} changed {when}.");
        }

        Assert.DoesNotContain(Slug, now["search ru"], StringComparison.Ordinal);
        Assert.DoesNotContain(Slug, now["search en"], StringComparison.Ordinal);
    }

    /// <summary>The surfaces once <paramref name="done"/> holds for them; fails after fifteen seconds.</summary>
    private static async Task<Dictionary<string, string>> WaitForAsync(TestSite site, Func<Dictionary<string, string>, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var surfaces = await SurfacesAsync(site);
            if (done(surfaces))
            {
                return surfaces;
            }

            Assert.True(DateTime.UtcNow < until, "The release did not go live within fifteen seconds of its instant.");
            await Task.Delay(200);
        }
    }
}
