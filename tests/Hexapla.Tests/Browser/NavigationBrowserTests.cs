using System.Text;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;
using Hexapla.Tests.Site;
using Microsoft.Playwright;
using static Hexapla.Tests.Site.NavigationSite;

namespace Hexapla.Tests.Browser;

/// <summary>
/// Menus, breadcrumbs and a document's fields in a real browser: axe-core finds nothing in Russian, English and Arabic
/// (desktop and phone, light and dark), every menu and breadcrumb link is reached by Tab and visible when focused, and no
/// page scrolls sideways at phone widths.
/// </summary>
public sealed class NavigationBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    public static TheoryData<string> Languages => new() { "ru-ru", "en-gb", "ar" };

    // What the page's links in menus and breadcrumbs are: each with its address, and whether it shows now.
    private const string NavLinks = """
        () => [...document.querySelectorAll('nav.menu a, nav.footer-menu a, nav.crumbs a')].map(a => a.getAttribute('href'))
        """;

    private const string Focused = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const box = el.getBoundingClientRect();
          const inNav = !!el.closest('nav.menu, nav.footer-menu, nav.crumbs');
          return { href: el.getAttribute('href') ?? '', cls: el.className ?? '', inNav, visible: box.width > 2 && box.height > 2 };
        }
        """;

    private const string Overflow = """
        () => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })
        """;

    [SkippableTheory]
    [MemberData(nameof(Languages))]
    public async Task DocumentPageWithMenusBreadcrumbsAndFields_HasNoAxeViolations(string segment)
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AccessibilityTests.AxePath), AccessibilityTests.AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AccessibilityTests.AxePath);
        await using var site = await NavigationSite.StartAsync();
        var report = new StringBuilder();
        foreach (var phone in new[] { false, true })
        {
            await using var context = await NewContextAsync(site, segment, phone ? 390 : 1280, phone);
            var page = await context.NewPageAsync();
            foreach (var (path, status) in new[] { ($"/{segment}/{Briefing}", 200), ($"/{segment}/no-such-page", 404) })
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                    var response = await page.GotoAsync(path);
                    Assert.Equal(status, response?.Status);
                    if (status == 200)
                    {
                        // The page under test has what this part adds: menus, a trail through the sections, the fields.
                        Assert.True(await page.Locator("nav.menu a").CountAsync() >= 4);
                        Assert.Equal(4, await page.Locator("nav.crumbs li").CountAsync());
                        Assert.True(await page.Locator("article dl.fields dt").CountAsync() >= 5);
                    }

                    await page.EvaluateAsync(axe);
                    var violations = await page.EvaluateAsync<JsonElement>(AccessibilityTests.RunAxe);
                    foreach (var violation in violations.EnumerateArray())
                    {
                        report.AppendLine($"{path} ({(phone ? "phone" : "desktop")}, {scheme}): {violation.GetProperty("id").GetString()} {violation.GetProperty("help").GetString()}");
                        foreach (var target in violation.GetProperty("targets").EnumerateArray())
                        {
                            report.AppendLine($"    {target.GetString()}");
                        }
                    }
                }
            }
        }

        Assert.True(report.Length == 0, $"axe-core found violations:\n{report}");
    }

    [SkippableTheory]
    [InlineData("en-gb", 1280, false)]
    [InlineData("ar", 1280, false)]
    [InlineData("ru-ru", 390, true)]
    public async Task Keyboard_EveryMenuAndBreadcrumbLink_IsReachedByTabAndVisibleWhenFocused(string segment, int width, bool phone)
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        await using var site = await NavigationSite.StartAsync();
        await using var context = await NewContextAsync(site, segment, width, phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{segment}/{Briefing}");
        var expected = await page.EvaluateAsync<string[]>(NavLinks);
        Assert.True(expected.Length >= 8, $"only {expected.Length} navigation links");

        var reached = new List<string>();
        var report = new StringBuilder();
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement>(Focused);
            if (focused.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (i == 0)
            {
                // The skip link is the first stop.
                Assert.Equal("skip", focused.GetProperty("cls").GetString());
            }

            if (focused.GetProperty("inNav").GetBoolean())
            {
                var href = focused.GetProperty("href").GetString()!;
                reached.Add(href);
                if (!focused.GetProperty("visible").GetBoolean())
                {
                    report.AppendLine($"{href} has the focus but cannot be seen");
                }
            }
        }

        Assert.Empty(expected.Except(reached));
        Assert.True(report.Length == 0, report.ToString());
    }

    [SkippableTheory]
    [InlineData("ru-ru", 320)]
    [InlineData("ru-ru", 390)]
    [InlineData("en-gb", 320)]
    [InlineData("ar", 320)]
    [InlineData("ar", 390)]
    public async Task PhoneWidths_NoPageScrollsSideways(string segment, int width)
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        await using var site = await NavigationSite.StartAsync();
        await using var context = await NewContextAsync(site, segment, width, phone: true);
        var page = await context.NewPageAsync();
        var report = new StringBuilder();
        var other = segment == "ru-ru" ? "en-gb" : "ru-ru";
        foreach (var path in new[] { $"/{segment}/{Briefing}", $"/{segment}/{Briefing}/compare/{other}", $"/{segment}/no-such-page", $"/{segment}/" })
        {
            await page.GotoAsync(path);
            var size = await page.EvaluateAsync<JsonElement>(Overflow);
            var scroll = size.GetProperty("scroll").GetInt32();
            var client = size.GetProperty("client").GetInt32();
            Assert.Equal(width, client);
            if (scroll > client)
            {
                report.AppendLine($"{path} at {width} px: {scroll} px wide");
            }
        }

        Assert.True(report.Length == 0, $"pages wider than the screen:\n{report}");
    }

    private async Task<IBrowserContext> NewContextAsync(TestSite site, string locale, int width, bool phone)
    {
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = phone ? 844 : 800 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        return context;
    }
}
