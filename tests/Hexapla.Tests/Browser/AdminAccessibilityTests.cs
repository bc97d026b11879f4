using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// WCAG 2.2 AA as axe-core checks it, on the admin pages of text under work: the editor with live text, working copy
/// and their difference (as its editor, and as a reviewer with the send-back form), a translation with paragraphs to
/// keep as is, the history comparing two revisions, and the confirmation before a restore.
/// </summary>
public sealed class AdminAccessibilityTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";
    private const string Sample = "razvitie-situacii-v-irake";
    private const string English = $"/admin/documents/{Sample}/en-GB";

    // The same rule sets and the same axe-core as the public pages' test.
    private const string RunAxe = AccessibilityTests.RunAxe;

    private static readonly string AxePath = AccessibilityTests.AxePath;

    [SkippableFact]
    public async Task EditorHistoryAndRestore_OverAWorkingCopy_HaveNoAxeViolations()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AxePath), AccessibilityTests.AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AxePath);
        await using var site = await TestSite.StartAsync(prepare: async (data, clock) =>
        {
            await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
            await AdminClient.AddUserAsync(data, clock, "rita", Role.Reviewer, Password);
        });

        // A correction of the Russian original (its English paragraph is then outdated) and one of the English
        // translation, submitted for review: every part of the pages is there.
        using (var ed = new AdminClient(site))
        {
            await ed.LoginOrFailAsync("ed", Password);
            var store = await AdminClient.OpenStoreAsync(site);
            var document = (await store.FindDocumentAsync(Sample))!;
            await CorrectAsync(ed, $"/admin/documents/{Sample}/ru-RU", document.Version(LanguageTag.Parse("ru-RU"))!, 4, "Совсем другой абзац.");
            var english = document.Version(LanguageTag.Parse("en-GB"))!;
            var working = await CorrectAsync(ed, English, english, 0, "A corrected first paragraph.");
            using var submit = await ed.PostFormAsync($"{English}/workflow", [new("action", "submit"), new("revision", working)], formPage: English);
            Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        }

        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        var report = new StringBuilder();
        foreach (var (user, paths) in new[]
        {
            ("ed", new[] { English, $"{English}/history?from=1&to=2", $"{English}/history/restore?revision=1" }),
            ("rita", new[] { English }),
        })
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
            context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/admin/login");
            await page.GetByLabel("Name").FillAsync(user);
            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));
            foreach (var (path, scheme) in paths.SelectMany(p => new[] { ColorScheme.Light, ColorScheme.Dark }.Select(s => (p, s))))
            {
                await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response?.Status);
                await page.EvaluateAsync(axe);
                var violations = await page.EvaluateAsync<JsonElement>(RunAxe);
                foreach (var violation in violations.EnumerateArray())
                {
                    report.AppendLine($"{user} {path} ({scheme}): {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}) {violation.GetProperty("help").GetString()}");
                    foreach (var target in violation.GetProperty("targets").EnumerateArray())
                    {
                        report.AppendLine($"    {target.GetString()}");
                    }
                }
            }
        }

        Assert.True(report.Length == 0, $"axe-core found violations:\n{report}");
    }

    /// <summary>Saves a version with one paragraph replaced and a note; returns the new newest revision.</summary>
    private static async Task<string> CorrectAsync(AdminClient client, string path, Content.LanguageVersion version, int paragraph, string text)
    {
        var latest = version.Latest;
        var paragraphs = latest.Body.Split("\n\n");
        paragraphs[paragraph] = text;
        using var response = await client.PostFormAsync(path, [
            new("title", latest.Title), new("summary", latest.Summary ?? ""), new("body", string.Join("\n\n", paragraphs)),
            new("note", "A correction."), new("revision", latest.Revision.ToString(CultureInfo.InvariantCulture)), new("action", "save")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (latest.LastRevision + 1).ToString(CultureInfo.InvariantCulture);
    }
}
