using System.Text;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Tests.Admin;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// The media library with script in Debian's chromium: several files chosen at once and a file dropped on the zone,
/// each uploaded with its own progress bar; the focal point set by clicking the preview; "insert media" putting the
/// reference at the cursor; and the pages axe-clean, in English and Arabic (right to left), 390 px wide without
/// sideways scrolling.
/// </summary>
public sealed class MediaLibraryBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
        await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password));

    private async Task<(IBrowserContext Context, IPage Page)> SignInAsync(TestSite site, string? adminLanguage = null)
    {
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Name").FillAsync("ed");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));
        if (adminLanguage is not null)
        {
            await context.AddCookiesAsync([new Cookie { Name = AdminLanguage.Cookie, Value = adminLanguage, Url = site.BaseAddress.ToString() }]);
        }

        return (context, page);
    }

    [SkippableFact]
    public async Task Upload_SeveralChosenAndOneDropped_EachWithItsProgress_ThenFocalPointByClick()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        await using var site = await StartAsync();
        var (context, page) = await SignInAsync(site);
        await using var _ = context;
        var library = site.Services.GetRequiredService<MediaLibrary>();

        await page.GotoAsync("/admin/media");
        await page.GetByLabel("Language of the files and their texts").SelectOptionAsync("en-GB");
        await page.GetByLabel("Files", new() { Exact = true }).SetInputFilesAsync([
            new FilePayload { Name = "meeting.jpg", MimeType = "image/jpeg", Buffer = MediaFiles.Jpeg(1200, 800) },
            new FilePayload { Name = "statement.pdf", MimeType = "application/pdf", Buffer = MediaFiles.Pdf("The statement") },
            new FilePayload { Name = "broken.png", MimeType = "image/png", Buffer = Encoding.UTF8.GetBytes("no picture here") },
        ]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await page.Locator("[data-upload-list] li[data-state]").Nth(2).WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-upload-list] li[data-state]').length === 3");

        // One row per file, each with its own bar: two done (at 100 %, linking their pages), the bad one naming itself.
        Assert.Equal(3, await page.Locator("[data-upload-list] progress").CountAsync());
        var done = page.Locator("[data-upload-list] li[data-state=done]");
        Assert.Equal(2, await done.CountAsync());
        Assert.Equal(["100", "100"], await done.Locator("progress").EvaluateAllAsync<string[]>("bars => bars.map(b => String(b.value))"));
        var failed = page.Locator("[data-upload-list] li[data-state=failed] [role=alert]");
        Assert.Contains("broken.png", await failed.TextContentAsync(), StringComparison.Ordinal);
        var stored = await library.Store.ListMediaAsync(new Storage.MediaFilter());
        Assert.Equal(["meeting.jpg", "statement.pdf"], stored.Items.Select(i => i.Original.FileName).Order(StringComparer.Ordinal));
        Assert.All(stored.Items, i => Assert.Equal("en-GB", i.OriginalLanguage.Value));

        // A file dropped on the zone goes up the same way.
        var png = Convert.ToBase64String(MediaFiles.Png(500, 400));
        var transfer = await page.EvaluateHandleAsync($$"""
            () => {
              const bytes = Uint8Array.from(atob("{{png}}"), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], "dropped-map.png", { type: "image/png" }));
              return transfer;
            }
            """);
        await page.Locator("[data-drop-zone]").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-upload-list] li[data-state=done]').length === 3");
        var dropped = (await library.Store.ListMediaAsync(new Storage.MediaFilter(Text: "dropped-map"))).Items.Single();

        // The focal point: a click a quarter across and three quarters down the preview.
        await page.GotoAsync($"/admin/media/{dropped.Id}");
        var preview = page.Locator(".media-preview img");
        await preview.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('.media-preview img').complete");
        var box = (await preview.BoundingBoxAsync())!;
        await preview.ClickAsync(new() { Position = new Position { X = box.Width * 0.25f, Y = box.Height * 0.75f } });
        Assert.InRange(int.Parse(await page.GetByLabel("Across (%)").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture), 24, 26);
        Assert.InRange(int.Parse(await page.GetByLabel("Down (%)").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture), 74, 76);
        Assert.True(await page.Locator(".focal-marker").IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the focal point" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=focal", StringComparison.Ordinal));
        var focal = (await library.FindAsync(dropped.Id)).Focal!.Value;
        Assert.InRange(focal.X, 0.24, 0.26);
        Assert.InRange(focal.Y, 0.74, 0.76);
    }

    [SkippableFact]
    public async Task InsertMedia_PutsTheReferenceAtTheCursor_InTheNewDocumentForm()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        await using var site = await StartAsync();
        var store = await AdminClient.OpenStoreAsync(site);
        var editor = (await store.FindUserAsync("ed"))!;
        var library = site.Services.GetRequiredService<MediaLibrary>();
        var pdf = await MediaFiles.AddAsync(library, editor, "zayavlenie.pdf", MediaFiles.Pdf("Text"), LanguageTag.Parse("ru-RU"),
            [new MediaText(LanguageTag.Parse("ru-RU"), MediaField.Title, "Заявление")]);
        var image = await MediaFiles.AddAsync(library, editor, "karta.png", MediaFiles.Png(300, 200), LanguageTag.Parse("ru-RU"));
        var (context, page) = await SignInAsync(site);
        await using var _ = context;

        await page.GotoAsync("/admin/new");
        await page.GetByLabel("Original language").FillAsync("ru-RU");
        var body = page.Locator("#body");
        await body.FillAsync("Первый абзац.\n\nПоследний абзац.");
        // The cursor after the first paragraph's blank line.
        await body.EvaluateAsync("t => { const at = t.value.indexOf('Последний'); t.setSelectionRange(at, at); }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert media" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Insert media" });
        await dialog.GetByLabel("Search").FillAsync("karta");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Insert karta" }).ClickAsync();
        Assert.False(await dialog.IsVisibleAsync());
        Assert.Equal($"Первый абзац.\n\n![](media:{image.Id})Последний абзац.", await body.InputValueAsync());

        // A file goes in as a link with its title in the document's language, where the cursor now is.
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert media" }).ClickAsync();
        await dialog.GetByLabel("Search").FillAsync("zayavlenie");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Insert Заявление" }).ClickAsync();
        Assert.Equal($"Первый абзац.\n\n![](media:{image.Id})[Заявление](media:{pdf.Id})Последний абзац.", await body.InputValueAsync());
    }

    [SkippableFact]
    public async Task LibraryAndItemPages_HaveNoAxeViolations_InEnglishAndArabic_AndNoSidewaysScrollAt390()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(AccessibilityTests.AxePath), AccessibilityTests.AxeNotInstalledReason);
        var axe = await File.ReadAllTextAsync(AccessibilityTests.AxePath);
        await using var site = await StartAsync();
        var store = await AdminClient.OpenStoreAsync(site);
        var editor = (await store.FindUserAsync("ed"))!;
        var library = site.Services.GetRequiredService<MediaLibrary>();
        var (ru, en) = (LanguageTag.Parse("ru-RU"), LanguageTag.Parse("en-GB"));
        var image = await MediaFiles.AddAsync(library, editor, "a-rather-long-file-name-of-the-meeting-photograph-in-baghdad.jpg", MediaFiles.Jpeg(1600, 900), ru,
            [new MediaText(ru, MediaField.Alt, "Встреча министров в Багдаде"), new MediaText(ru, MediaField.Caption, "Министры на встрече")]);
        await library.SetTextsAsync(editor, image.Id, [new MediaText(en, MediaField.Alt, "Ministers meeting in Baghdad")]);
        await library.SetTextsAsync(editor, image.Id, [new MediaText(ru, MediaField.Alt, "Встреча министров в Багдаде, 2026")]);
        var pdf = await MediaFiles.AddAsync(library, editor, "zayavlenie.pdf", MediaFiles.Pdf("Statement"), ru);
        await MediaFiles.AddAsync(library, editor, "karta.png", MediaFiles.Png(300, 200), en);
        using (var ed = new AdminClient(site))
        {
            await ed.LoginOrFailAsync("ed", Password);
            using var created = await ed.PostFormAsync("/admin/new", [
                new("language", "ru-RU"), new("title", "Встреча"), new("slug", "vstrecha"), new("tags", ""), new("summary", ""),
                new("body", $"Текст.\n\n![](media:{image.Id})\n\n[Заявление](media:{pdf.Id})"), new("action", "create")]);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        }

        var report = new StringBuilder();
        foreach (var language in new[] { "en", "ar" })
        {
            var (context, page) = await SignInAsync(site, language == "en" ? null : language);
            await using var _ = context;
            foreach (var path in new[] { "/admin/media", "/admin/media?missing=alt&lang=en-GB", $"/admin/media/{image.Id}", $"/admin/media/{pdf.Id}", "/admin/new" })
            {
                foreach (var (scheme, width) in new[] { (ColorScheme.Light, 1280), (ColorScheme.Dark, 1280), (ColorScheme.Light, 390) })
                {
                    await page.SetViewportSizeAsync(width, 844);
                    await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                    var response = await page.GotoAsync(path);
                    Assert.Equal(200, response?.Status);
                    Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
                    if (path == "/admin/new")
                    {
                        // The dialog open, as a keyboard user meets it.
                        await page.Locator("button[data-media-picker]").ClickAsync();
                        await page.Locator("[data-picker-results] li").First.WaitForAsync();
                    }

                    await page.EvaluateAsync(axe);
                    var violations = await page.EvaluateAsync<JsonElement>(AccessibilityTests.RunAxe);
                    foreach (var violation in violations.EnumerateArray())
                    {
                        report.AppendLine($"{language} {path} ({scheme}, {width} px): {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}) {violation.GetProperty("help").GetString()}");
                        foreach (var target in violation.GetProperty("targets").EnumerateArray())
                        {
                            report.AppendLine($"    {target.GetString()}");
                        }
                    }

                    var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                    if (wide > width)
                    {
                        report.AppendLine($"{language} {path} ({width} px): the page is {wide} px wide, it scrolls sideways");
                    }
                }
            }
        }

        Assert.True(report.Length == 0, $"The media pages:\n{report}");
    }
}
