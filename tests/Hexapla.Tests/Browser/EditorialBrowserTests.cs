using Hexapla.Accounts;
using Hexapla.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hexapla.Tests.Browser;

/// <summary>
/// An editor in a real browser: logs in, writes a draft with the live preview, sees that it is not public,
/// publishes it, and finds it on the site and through the search box.
/// </summary>
public sealed class EditorialBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";

    [SkippableFact]
    public async Task Editor_DraftsPreviewsAndPublishes_ThenReadersFindIt()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        // One editor writing and publishing is the point here: review by a second person is switched off.
        await using var site = await TestSite.StartAsync(
            settings: new Dictionary<string, string?> { ["Hexapla:Review:RequireSecondPerson"] = "false" },
            prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password));
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Name").FillAsync("ed");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Documents");

        await page.GetByRole(AriaRole.Link, new() { Name = "New document" }).First.ClickAsync();
        await page.GetByLabel("Original language").FillAsync("en-GB");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Quokka census results");
        await page.GetByLabel("Slug").FillAsync("quokka-census");
        await page.Locator("#body").FillAsync("The quokka count rose.\n\nA **remarkable** year.");
        // The live preview: the server's rendering appears without a click.
        await Expect(page.Locator("#preview strong")).ToHaveTextAsync("remarkable");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Quokka census results");
        await Expect(page.Locator(".meta .badge")).ToHaveTextAsync("draft");

        var draft = await context.NewPageAsync();
        var hidden = await draft.GotoAsync("/en-gb/quokka-census");
        Assert.Equal(404, hidden!.Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Expect(page.Locator(".meta .badge")).ToHaveTextAsync("published");

        var shown = await draft.GotoAsync("/en-gb/quokka-census");
        Assert.Equal(200, shown!.Status);
        await Expect(draft.Locator("h1")).ToHaveTextAsync("Quokka census results");

        await draft.Locator("form.search input[name=q]").FillAsync("quokka");
        await draft.Locator("form.search button").ClickAsync();
        await Expect(draft.GetByRole(AriaRole.Link, new() { Name = "Quokka census results" })).ToBeVisibleAsync();
    }
}
