using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Tests.Admin;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// The Arabic and Chinese admin in a real browser: the language is chosen with the picker on the login page, then
/// every general admin page is read for English left in its chrome and checked by axe-core (WCAG 2.2 AA), light and
/// dark, on a desktop and a phone, the Arabic one right to left. English itself is checked by axe in the other tests.
/// </summary>
public sealed class AdminLanguageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";

    [SkippableTheory]
    [InlineData("ar", "العربية", "rtl", "الاسم", "كلمة المرور", "تسجيل الدخول")]
    [InlineData("zh", "中文（简体）", "ltr", "用户名", "密码", "登录")]
    [InlineData("es", "Español", "ltr", "Nombre", "Contraseña", "Iniciar sesión")]
    [InlineData("fr", "Français", "ltr", "Nom", "Mot de passe", "Se connecter")]
    [InlineData("ru", "Русский", "ltr", "Имя", "Пароль", "Войти")]
    public async Task AdminInEachLanguage_HasNoEnglishChrome_AndNoAxeViolations(
        string language, string autonym, string dir, string nameLabel, string passwordLabel, string logIn)
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AccessibilityTests.AxePath), AccessibilityTests.AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AccessibilityTests.AxePath);
        await using var site = await TestSite.StartAsync(prepare: async (data, clock) =>
            await AdminClient.AddUserAsync(data, clock, "ada", Role.Admin, Password));
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();

        // The browser asks for English; the picker on the login page changes the admin's language.
        await page.GotoAsync("/admin/login");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.Locator("#admin-lang").SelectOptionAsync(new SelectOptionValue { Label = autonym });
        await page.Locator("form.admin-language button").ClickAsync();
        await page.WaitForFunctionAsync($"document.documentElement.lang === '{language}'");
        Assert.Equal(dir, await page.GetAttributeAsync("html", "dir"));

        var report = new StringBuilder();
        await CheckAsync(page, axe, "/admin/login", language, report);
        await page.GetByLabel(nameLabel).FillAsync("ada");
        await page.GetByLabel(passwordLabel).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = logIn, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));

        foreach (var path in AdminLanguageTests.Pages)
        {
            await page.GotoAsync(path);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            await CheckAsync(page, axe, path, language, report);
        }

        Assert.True(report.Length == 0, $"The {language} admin:\n{report}");
    }

    private static async Task CheckAsync(IPage page, string axe, string path, string language, StringBuilder report)
    {
        var document = new HtmlParser().ParseDocument(await page.ContentAsync());
        foreach (var found in AdminLanguageTests.EnglishIn(document.DocumentElement, language))
        {
            report.AppendLine($"{path}: English {found}");
        }

        foreach (var (scheme, width, height) in new[] { (ColorScheme.Light, 1280, 800), (ColorScheme.Dark, 1280, 800), (ColorScheme.Light, 390, 844), (ColorScheme.Dark, 390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await page.EvaluateAsync(axe);
            var violations = await page.EvaluateAsync<JsonElement>(AccessibilityTests.RunAxe);
            foreach (var violation in violations.EnumerateArray())
            {
                report.AppendLine($"{path} ({scheme}, {width} px): {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}) {violation.GetProperty("help").GetString()}");
                foreach (var target in violation.GetProperty("targets").EnumerateArray())
                {
                    report.AppendLine($"    {target.GetString()}");
                }
            }
        }
    }
}
