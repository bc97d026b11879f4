using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Languages;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// WCAG 2.2 AA as axe-core checks it, on the editor (with the original beside the translation, the live text beside
/// the working copy, the changed segments) and on the history with a diff, with the admin in Arabic: the chrome right to
/// left, the English and Russian text left to right inside it, light and dark.
/// </summary>
public sealed class EditorArabicAccessibilityTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";
    private const string Sample = "razvitie-situacii-v-irake";
    private const string English = $"/admin/documents/{Sample}/en-GB";

    [SkippableFact]
    public async Task EditorAndHistory_InArabic_HaveNoAxeViolations()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AccessibilityTests.AxePath), AccessibilityTests.AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AccessibilityTests.AxePath);
        await using var site = await TestSite.StartAsync(prepare: async (data, clock) =>
            await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password));

        // The Russian original corrected (its English paragraph is then outdated) and the English translation
        // corrected into a working copy: every part of both pages is there.
        using (var ed = new AdminClient(site))
        {
            await ed.LoginOrFailAsync("ed", Password);
            var document = (await (await AdminClient.OpenStoreAsync(site)).FindDocumentAsync(Sample))!;
            await CorrectAsync(ed, $"/admin/documents/{Sample}/ru-RU", document.Version(LanguageTag.Parse("ru-RU"))!, 4, "Совсем другой абзац.");
            await CorrectAsync(ed, English, document.Version(LanguageTag.Parse("en-GB"))!, 0, "A corrected first paragraph.");
        }

        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "ar" });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();
        // Signed in by the fields' ids and the form's button, whatever language the login page speaks.
        await page.GotoAsync("/admin/login");
        await page.Locator("#name").FillAsync("ed");
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = AdminLanguage.Cookie, Value = "ar", Url = site.BaseAddress.ToString() }]);

        var report = new StringBuilder();
        foreach (var path in new[] { English, $"{English}/history?from=1&to=2" })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response?.Status);
                Assert.Equal("rtl", await page.Locator(".editor-chrome").GetAttributeAsync("dir"));
                await page.EvaluateAsync(axe);
                var violations = await page.EvaluateAsync<JsonElement>(AccessibilityTests.RunAxe);
                foreach (var violation in violations.EnumerateArray())
                {
                    report.AppendLine($"{path} ({scheme}): {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}) {violation.GetProperty("help").GetString()}");
                    foreach (var target in violation.GetProperty("targets").EnumerateArray())
                    {
                        report.AppendLine($"    {target.GetString()}");
                    }
                }
            }
        }

        Assert.True(report.Length == 0, $"axe-core found violations:\n{report}");

        // The side-by-side editor reads right to left: the form on the right, the preview on the left.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.SetViewportSizeAsync(1400, 900);
        await page.GotoAsync(English);
        var form = await page.Locator(".side-by-side:not(.live-and-work) > div").First.BoundingBoxAsync();
        var preview = await page.Locator(".side-by-side:not(.live-and-work) > section").First.BoundingBoxAsync();
        Assert.True(form!.X > preview!.X, $"the form at x={form.X}, the preview at x={preview.X}");
    }

    private static async Task CorrectAsync(AdminClient client, string path, Content.LanguageVersion version, int paragraph, string text)
    {
        var latest = version.Latest;
        var paragraphs = latest.Body.Split("\n\n");
        paragraphs[paragraph] = text;
        using var response = await client.PostFormAsync(path, [
            new("title", latest.Title), new("summary", latest.Summary ?? ""), new("body", string.Join("\n\n", paragraphs)),
            new("note", "A correction."), new("revision", latest.Revision.ToString(CultureInfo.InvariantCulture)), new("action", "save")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
