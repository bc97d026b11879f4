using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hexapla.Interface;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// The public site in its six interface languages, read by a real browser: the Arabic and Chinese chrome has no
/// English left in it, and axe-core finds nothing on any page kind in any of the six (desktop and phone, light and dark).
/// <c>bench/screenshots.sh</c> photographs the same pages for <c>docs/screenshots/</c>.
/// </summary>
public sealed partial class SiteInterfaceBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Slug = "about-this-site";

    /// <summary>The six languages as the sample "About this site" has them, a language to compare with, and a word to search.</summary>
    public static TheoryData<string, string, string> Languages => new()
    {
        { "en-gb", "fr", "site" },
        { "ar", "en-gb", "الموقع" },
        { "es", "ar", "sitio" },
        { "fr", "zh-cn", "site" },
        { "ru-ru", "en-gb", "сайт" },
        { "zh-cn", "ar", "网站" },
    };

    // Latin words the chrome may hold in any language: the product's name and the feed format's.
    private static readonly HashSet<string> AllowedLatin = new(["Hexapla", "Atom"], StringComparer.Ordinal);

    // Every text node and label of the page that is in the chrome's language (the nearest lang is the html's): the
    // switcher's language names and content in another language carry their own lang and are left out, as is data in no
    // language (tags), marked translate="no".
    private const string ChromeTexts = """
        () => {
          const root = document.documentElement.getAttribute('lang');
          const chrome = el => el.closest('[lang]')?.getAttribute('lang') === root && !el.closest('[translate=no]');
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            if (text && chrome(node.parentElement)) out.push(text);
          }
          for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
            for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
              if (el.hasAttribute(name) && el.tagName !== 'LINK' && chrome(el)) out.push(el.getAttribute(name));
            }
          }
          return out;
        }
        """;

    [SkippableTheory]
    [InlineData("ar", "ar", "الموقع")]
    [InlineData("zh-cn", "zh-CN", "网站")]
    public async Task ArabicAndChineseChrome_HasNoEnglish(string segment, string lang, string query)
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        await using var site = await TestSite.StartAsync(allSamples: true);
        await using var context = await NewContextAsync(site, lang, phone: false);
        var page = await context.NewPageAsync();
        var english = EnglishStrings();

        var report = new StringBuilder();
        foreach (var path in new[] { $"/{segment}/", $"/{segment}/{Slug}", $"/{segment}/search?q={Uri.EscapeDataString(query)}", $"/{segment}/no-such-page" })
        {
            await page.GotoAsync(path);
            Assert.Equal(lang, await page.Locator("html").GetAttributeAsync("lang"));
            var texts = await page.EvaluateAsync<string[]>(ChromeTexts);
            Assert.NotEmpty(texts);
            foreach (var text in texts)
            {
                if (english.Contains(text))
                {
                    report.AppendLine($"{path}: \"{text}\" is an English interface string");
                }

                var latin = LatinWord().Matches(Url().Replace(text, " ")).Select(m => m.Value).Where(w => !AllowedLatin.Contains(w)).ToList();
                if (latin.Count > 0)
                {
                    report.AppendLine($"{path}: \"{text}\" has Latin words ({string.Join(", ", latin)})");
                }
            }
        }

        Assert.True(report.Length == 0, $"English in the chrome:\n{report}");
    }

    [SkippableTheory]
    [MemberData(nameof(Languages))]
    public async Task EveryPageKind_HasNoAxeViolations_OnDesktopAndPhone_LightAndDark(string segment, string other, string query)
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AccessibilityTests.AxePath), AccessibilityTests.AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AccessibilityTests.AxePath);
        await using var site = await TestSite.StartAsync(allSamples: true);
        var pages = new (string Path, int Status)[]
        {
            ($"/{segment}/{Slug}", 200),
            ($"/{segment}/", 200),
            ($"/{segment}/search?q={Uri.EscapeDataString(query)}", 200),
            ($"/{segment}/search?q={Uri.EscapeDataString(query)}&all=1", 200),
            ($"/{segment}/no-such-page", 404),
            ($"/{segment}/{Slug}/compare/{other}", 200),
            // The Iraq statement has no version in most of the six: the page that lists the versions it has.
            ($"/{segment}/razvitie-situacii-v-irake", segment is "en-gb" or "ru-ru" ? 200 : 404),
        };

        var report = new StringBuilder();
        foreach (var phone in new[] { false, true })
        {
            await using var context = await NewContextAsync(site, segment, phone);
            var page = await context.NewPageAsync();
            foreach (var (path, status) in pages)
            {
                foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
                {
                    await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                    var response = await page.GotoAsync(path);
                    Assert.Equal(status, response?.Status);
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

    private async Task<IBrowserContext> NewContextAsync(TestSite site, string locale, bool phone, int width = 1280, int height = 800)
    {
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        return context;
    }

    /// <summary>Every English string of every string set (the neutral resources), placeholders and all.</summary>
    private static HashSet<string> EnglishStrings()
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in InterfaceLanguages.StringSets)
        {
            var resources = new ResourceManager(set, typeof(InterfaceText).Assembly).GetResourceSet(CultureInfo.InvariantCulture, true, false)!;
            strings.UnionWith(resources.Cast<DictionaryEntry>().Select(e => ((string)e.Value!).Trim()));
        }

        return strings;
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’-]*")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();
}
