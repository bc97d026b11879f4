using System.Text;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// WCAG 2.2 AA as axe-core checks it: every public page kind (document, home, search results, 404, side by side)
/// in English, Russian and Arabic, with axe-core from npm (<c>axe/package.json</c>) run inside the real page.
/// </summary>
public sealed class AccessibilityTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    public const string AxeNotInstalledReason = "axe-core is not installed (npm ci in tests/Hexapla.Tests/Browser/axe); .ci/run installs it";

    private const string Slug = "razvitie-situacii-v-irake";

    // The rule sets of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks, one h1, region).
    internal const string RunAxe = """
        async () => {
          const result = await axe.run(document, {
            runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
          });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact ?? '',
            help: v.help,
            targets: v.nodes.map(n => n.target.join(' ')),
          }));
        }
        """;

    internal static readonly string AxePath = Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "Browser", "axe", "node_modules", "axe-core", "axe.min.js");

    // Contrast is checked in the light and the dark palette (prefers-color-scheme).
    private static readonly ColorScheme[] Schemes = [ColorScheme.Light, ColorScheme.Dark];

    /// <summary>The pages checked in each language, with a search query that finds the sample document.</summary>
    private static string[] PagesOf(string language, string other, string query) =>
    [
        $"/{language}/{Slug}",
        $"/{language}/",
        $"/{language}/search?q={Uri.EscapeDataString(query)}",
        $"/{language}/no-such-page",
        $"/{language}/{Slug}/compare/{other}",
    ];

    [SkippableTheory]
    [InlineData("en-gb", "ru-ru", "Iraq")]
    [InlineData("ru-ru", "en-gb", "Ирак")]
    [InlineData("ar", "en-gb", "العراق")]
    public async Task EveryPageKind_HasNoAxeViolations(string language, string other, string query)
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AxePath), AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AxePath);
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock, ArabicVersion));
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseAddress.ToString(),
            Locale = language,
        });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();

        var report = new StringBuilder();
        foreach (var (path, scheme) in PagesOf(language, other, query).SelectMany(p => Schemes.Select(s => (p, s))))
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            var response = await page.GotoAsync(path);
            Assert.Equal(path.EndsWith("/no-such-page", StringComparison.Ordinal) ? 404 : 200, response?.Status);
            // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not govern,
            // unlike an inline <script> tag.
            await page.EvaluateAsync(axe);
            var violations = await page.EvaluateAsync<JsonElement>(RunAxe);
            foreach (var violation in violations.EnumerateArray())
            {
                report.AppendLine($"{path} ({scheme}): {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}) {violation.GetProperty("help").GetString()}");
                foreach (var target in violation.GetProperty("targets").EnumerateArray())
                {
                    report.AppendLine($"    {target.GetString()}");
                }
            }
        }

        Assert.True(report.Length == 0, $"axe-core found violations:\n{report}");
    }

    /// <summary>An Arabic version of the sample document, so right-to-left pages are checked too.</summary>
    private static (string, string) ArabicVersion => TestContent.Markdown(
        Slug,
        "ar",
        "تطور الوضع في العراق",
        """
        لا يزال العراق في قلب عدم الاستقرار في الشرق الأوسط، ونتابع تطور الوضع فيه باهتمام.

        ندعو جميع الأطراف إلى الحوار وإلى احترام سيادة العراق ووحدة أراضيه.
        """);
}
