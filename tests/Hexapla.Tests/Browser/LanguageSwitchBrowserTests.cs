using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hexapla.Tests.Browser;

/// <summary>
/// A reader in a real browser: <c>/</c> picks the language from the browser's locale, the language switcher
/// moves between versions of a document, and the choice is remembered by <c>/</c> afterwards.
/// </summary>
public sealed class LanguageSwitchBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Slug = "razvitie-situacii-v-irake";
    private const string RussianTitle = "Развитие ситуации в Ираке";
    private const string EnglishTitle = "Development of the situation in Iraq";

    [SkippableFact]
    public async Task RussianReader_SwitchesToEnglish_AndHomeRemembersTheChoice()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        await using var site = await TestSite.StartAsync();
        await using var context = await NewContextAsync(site, "ru-RU");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(Url(site, "/ru-ru/"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru-RU");

        await page.GetByRole(AriaRole.Link, new() { Name = RussianTitle, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url(site, $"/ru-ru/{Slug}"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru-RU");
        await Expect(page.Locator("h1")).ToHaveTextAsync(RussianTitle);

        await Switcher(page, "Языковые версии").Locator("a[hreflang='en-GB']").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url(site, $"/en-gb/{Slug}"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-GB");
        await Expect(page.Locator("h1")).ToHaveTextAsync(EnglishTitle);
        await Expect(page.Locator("body")).ToContainTextAsync("Iraq remains in the heart of the Middle East instability");
        await Expect(Switcher(page, "Language versions").Locator("a[hreflang='en-GB']")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Switcher(page, "Language versions").Locator("a[hreflang='ru-RU']")).Not.ToHaveAttributeAsync("aria-current", "page");

        // The browser still asks for Russian, but the switcher's cookie wins.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(Url(site, "/en-gb/"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-GB");
    }

    [SkippableFact]
    public async Task EnglishReader_WithoutJavaScript_LandsOnEnglish_AndSwitchesToRussian()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        await using var site = await TestSite.StartAsync();
        await using var context = await NewContextAsync(site, "en-GB", javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(Url(site, "/en-gb/"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-GB");

        await page.GetByRole(AriaRole.Link, new() { Name = EnglishTitle, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url(site, $"/en-gb/{Slug}"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(EnglishTitle);

        await Switcher(page, "Language versions").Locator("a[hreflang='ru-RU']").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url(site, $"/ru-ru/{Slug}"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru-RU");
        await Expect(page.Locator("h1")).ToHaveTextAsync(RussianTitle);
        await Expect(Switcher(page, "Языковые версии").Locator("a[hreflang='ru-RU']")).ToHaveAttributeAsync("aria-current", "page");

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(Url(site, "/ru-ru/"));
    }

    /// <summary>A fresh context (its own cookies) whose locale sets the Accept-Language header.</summary>
    private async Task<IBrowserContext> NewContextAsync(TestSite site, string locale, bool javaScript = true)
    {
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseAddress.ToString(),
            Locale = locale,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        return context;
    }

    /// <summary>The language switcher, found the way assistive technology finds it: a navigation landmark by its name.</summary>
    private static ILocator Switcher(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = name, Exact = true });

    private static string Url(TestSite site, string path) => new Uri(site.BaseAddress, path).ToString();
}
