using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// The structure pages in a real browser: a section created through the form by keyboard and label, a refusal on the
/// form, then WCAG 2.2 AA as axe-core checks it on the sections tree and a section, the kinds and a kind, the menus and
/// the header menu, the placement form and the version editor with a kind's fields; in Russian and in Arabic (right to
/// left), light and dark, and at 390 px without sideways scrolling.
/// </summary>
public sealed class AdminStructureBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";
    private const string Sample = "razvitie-situacii-v-irake";

    [SkippableFact]
    public async Task StructurePages_InRussianAndArabic_HaveNoAxeViolations_AndFitAPhone()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AccessibilityTests.AxePath), AccessibilityTests.AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AccessibilityTests.AxePath);
        await using var site = await TestSite.StartAsync(prepare: async (data, clock) =>
            await AdminClient.AddUserAsync(data, clock, "alice", Role.Admin, Password));

        // A kind with every type, a section tree, a header menu and the sample placed: every part of the pages is there.
        using (var alice = new AdminClient(site))
        {
            await alice.LoginOrFailAsync("alice", Password);
            await PostAsync(alice, "/admin/kinds", [
                new("key", "statement"), new("name.ru-RU", "Заявление"), new("name.en-GB", "Statement"), new("rows", "5"), new("action", "save"),
                new("f0.key", "number"), new("f0.type", "code"), new("f0.label.ru-RU", "Номер"), new("f0.label.en-GB", "Number"),
                new("f1.key", "copies"), new("f1.type", "number"), new("f1.label.en-GB", "Copies"),
                new("f2.key", "issued"), new("f2.type", "date"), new("f2.label.ru-RU", "Дата"), new("f2.label.en-GB", "Issued"),
                new("f3.key", "source"), new("f3.type", "url"), new("f3.label.en-GB", "Source"),
                new("f4.key", "place"), new("f4.type", "text"), new("f4.label.ru-RU", "Место"), new("f4.label.en-GB", "Place")]);
            await PostAsync(alice, "/admin/sections", [new("parent", ""), new("slug", "regions"), new("title.ru-RU", "Регионы"), new("title.en-GB", "Regions")]);
        }

        var store = await AdminClient.OpenStoreAsync(site);
        var regions = (await ((Storage.IStructureStore)store).LoadStructureAsync()).SectionAt("regions")!.Id;
        var regionsId = regions.ToString(CultureInfo.InvariantCulture);

        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "ru-RU" });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.Locator("#name").FillAsync("alice");
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = AdminLanguage.Cookie, Value = "ru", Url = site.BaseAddress.ToString() }]);

        // A subsection made through the form as a person makes it: the parent chosen, the fields found by their labels.
        await page.GotoAsync("/admin/sections");
        await page.GetByLabel("Родительский раздел").SelectOptionAsync(regionsId);
        await page.GetByLabel("Слаг").FillAsync(Sample);
        await page.GetByLabel("На языке ru-RU (Русский)").FillAsync("Ближний Восток");
        await page.GetByLabel("На языке en-GB (English)").FillAsync("Middle East");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать раздел" }).ClickAsync();
        // Refused (a document has that slug): the message on the form, the typed values kept, the field marked.
        Assert.Contains(Sample, await page.Locator("#form-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#slug").GetAttributeAsync("aria-invalid"));
        Assert.Equal("Ближний Восток", await page.Locator("#title-ru-RU").InputValueAsync());
        var refusal = await AxeAsync(page, axe, "ru refused section form");
        await page.GetByLabel("Слаг").FillAsync("middle-east");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать раздел" }).ClickAsync();
        await page.Locator(".section-tree code", new() { HasTextString = "regions/middle-east" }).WaitForAsync();
        var middleEast = (await ((Storage.IStructureStore)store).LoadStructureAsync()).SectionAt("regions/middle-east")!.Id;

        // The header menu and the sample's place, through the forms.
        await page.GotoAsync("/admin/menus/header");
        await page.Locator("#e0-target").SelectOptionAsync("section");
        await page.Locator("#e0-section").SelectOptionAsync(regionsId);
        await page.Locator("#e1-target").SelectOptionAsync("link");
        await page.Locator("#e1-url").FillAsync("/ru-RU/s/regions/middle-east");
        await page.Locator("#e1-title-ru-RU").FillAsync("Ближний Восток");
        await page.Locator("#e1-child").CheckAsync();
        await page.Locator("main button.primary").ClickAsync();
        await page.Locator("p.ok[role=status]").WaitForAsync();
        await page.GotoAsync($"/admin/documents/{Sample}/place");
        await page.Locator("#place-section").SelectOptionAsync(middleEast.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#place-kind").SelectOptionAsync("statement");
        await page.Locator("button[name=action][value=kind]").ClickAsync();
        await page.Locator("#field-copies").FillAsync("12");
        await page.Locator("#field-issued").FillAsync("2026-03-04");
        await page.Locator("#field-source").FillAsync("https://example.org/statement");
        await page.Locator("main button.primary").ClickAsync();
        await page.Locator("p.ok[role=status]").WaitForAsync();
        var placed = (await store.FindDocumentAsync(Sample))!;
        Assert.Equal(middleEast, placed.SectionId);
        Assert.Equal("12", placed.Fields["copies"]);

        var paths = new[]
        {
            "/admin/sections", $"/admin/sections/{middleEast}", "/admin/kinds", "/admin/kinds/statement", "/admin/menus", "/admin/menus/header",
            $"/admin/documents/{Sample}/place", $"/admin/documents/{Sample}/en-GB",
        };
        var report = new StringBuilder(refusal);
        foreach (var language in new[] { "ru", "ar" })
        {
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = AdminLanguage.Cookie, Value = language, Url = site.BaseAddress.ToString() }]);
            foreach (var path in paths)
            {
                foreach (var (scheme, width) in new[] { (ColorScheme.Light, 1280), (ColorScheme.Dark, 1280), (ColorScheme.Light, 390) })
                {
                    await page.SetViewportSizeAsync(width, 844);
                    await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                    var response = await page.GotoAsync(path);
                    Assert.Equal(200, response?.Status);
                    Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
                    report.Append(await AxeAsync(page, axe, $"{language} {path} ({scheme}, {width} px)"));
                    var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                    if (wide > width)
                    {
                        report.AppendLine($"{language} {path} ({width} px): the page is {wide} px wide, it scrolls sideways");
                    }
                }
            }
        }

        Assert.True(report.Length == 0, $"The structure pages:\n{report}");

        // The translatable field on the translation screen: in English, with the Russian value beside it (none yet).
        await page.GotoAsync($"/admin/documents/{Sample}/en-GB");
        Assert.Equal("en-GB", await page.Locator("#field-place").GetAttributeAsync("lang"));
        Assert.Equal(1, await page.Locator("#field-place-original").CountAsync());
    }

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

    private static async Task PostAsync(AdminClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await client.PostFormAsync(path, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
