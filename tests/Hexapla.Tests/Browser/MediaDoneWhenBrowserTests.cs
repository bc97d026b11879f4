using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Tests.Admin;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hexapla.Tests.Browser;

/// <summary>
/// Issue 20's "done when", end to end: an editor uploads a photograph (carrying GPS coordinates) and a PDF in Russian
/// with an English variant, places both in a Russian original with "insert media", a translator translates the
/// photograph's alt text and caption on the translation screen and the PDF's caption through XLIFF, both versions are
/// published, and the two public pages show the right alt text, caption and PDF per language; a rendition carries no
/// GPS; the PDF's words find the document.
/// </summary>
public sealed class MediaDoneWhenBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Password = "correct horse battery";
    private const string Slug = "vstrecha-v-bagdade";
    private const string DejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");

    [SkippableFact]
    public async Task PhotoAndPdf_InTwoLanguages_TranslatedOnScreenAndByXliff_PublishedAndRead()
    {
        Skip.IfNot(ChromiumFixture.IsInstalled, ChromiumFixture.NotInstalledReason);
        Skip.IfNot(File.Exists(DejaVu), $"the DejaVu Sans font ({DejaVu}, Debian's fonts-dejavu-core) is missing: the Russian PDF needs a Cyrillic font; .ci/run installs it");
        await using var site = await TestSite.StartAsync(prepare: async (data, clock) =>
        {
            await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
            await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB");
            await AdminClient.AddUserAsync(data, clock, "rita", Role.Reviewer, Password);
        });
        var library = site.Services.GetRequiredService<MediaLibrary>();
        var newsroom = site.Services.GetRequiredService<Newsroom>();
        var store = await AdminClient.OpenStoreAsync(site);
        var editor = (await store.FindUserAsync("ed"))!;
        var reviewer = (await store.FindUserAsync("rita"))!;
        var photo = PhotoWithGps();
        var browser = chromium.Browser ?? throw new InvalidOperationException("The chromium fixture did not start a browser.");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(ChromiumFixture.StepTimeout);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "ed");

        // 1. The photograph and the Russian PDF, chosen together, in Russian.
        await page.GotoAsync("/admin/media");
        await page.GetByLabel("Language of the files and their texts").SelectOptionAsync("ru-RU");
        await page.GetByLabel("Files", new() { Exact = true }).SetInputFilesAsync([
            new FilePayload { Name = "vstrecha.jpg", MimeType = "image/jpeg", Buffer = photo },
            new FilePayload { Name = "zayavlenie.pdf", MimeType = "application/pdf", Buffer = Pdf("Заявление министерства о переговорах в Багдаде") },
        ]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-upload-list] li[data-state=done]').length === 2");
        var items = (await library.Store.ListMediaAsync(new Storage.MediaFilter())).Items;
        var image = items.Single(i => i.Kind == MediaKind.Image);
        var pdf = items.Single(i => i.Kind == MediaKind.File);

        // 2. Their Russian texts, and the PDF's English variant, on their pages.
        await page.GotoAsync($"/admin/media/{image.Id}");
        await page.Locator("#alt-ru-RU").FillAsync("Министры за столом переговоров");
        await page.Locator("#caption-ru-RU").FillAsync("Переговоры в Багдаде");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the texts" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=texts", StringComparison.Ordinal));
        await page.GotoAsync($"/admin/media/{pdf.Id}");
        await page.Locator("#title-ru-RU").FillAsync("Заявление");
        await page.Locator("#caption-ru-RU").FillAsync("Полный текст заявления");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the texts" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=texts", StringComparison.Ordinal));
        await page.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("en-GB");
        await page.Locator("#variant-file").SetInputFilesAsync(new FilePayload { Name = "statement.pdf", MimeType = "application/pdf", Buffer = Pdf("Statement of the ministry on the talks in Baghdad") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=file", StringComparison.Ordinal));
        pdf = await library.FindAsync(pdf.Id);
        Assert.Equal("statement.pdf", pdf.FileFor(En).FileName);
        Assert.Equal("zayavlenie.pdf", pdf.FileFor(Ru).FileName);

        // 3. The Russian original, with both put in through "insert media".
        await page.GotoAsync("/admin/new");
        await page.GetByLabel("Original language").FillAsync("ru-RU");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Встреча в Багдаде");
        await page.GetByLabel("Slug").FillAsync(Slug);
        var body = page.Locator("#body");
        await body.FillAsync("Министры встретились в Багдаде.\n\n");
        await body.EvaluateAsync("t => t.setSelectionRange(t.value.length, t.value.length)");
        await InsertAsync(page, $"Insert {image.TextFor(MediaField.Title, Ru)!.Text}");
        await body.EvaluateAsync("t => { t.setRangeText('\\n\\n', t.value.length, t.value.length, 'end'); }");
        await InsertAsync(page, "Insert Заявление");
        Assert.Equal($"Министры встретились в Багдаде.\n\n![](media:{image.Id})\n\n[Заявление](media:{pdf.Id})", await body.InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("done=created", StringComparison.Ordinal));
        await PublishAsync(newsroom, editor, reviewer, Ru);
        Assert.Contains((await library.Store.ListMediaUsesAsync(image.Id, site.Clock.GetUtcNow())), u => u.Slug == Slug && u.Language == Ru && u.Public);

        // The English translation of the text (the media references stay as they are).
        await newsroom.SaveVersionAsync(editor, Slug, En, new VersionEdit("Meeting in Baghdad",
            $"The ministers met in Baghdad.\n\n![](media:{image.Id})\n\n[Statement](media:{pdf.Id})"), null);

        // 4. The translator: the photograph's alt text and caption on the translation screen…
        var translator = await context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseAddress.ToString(), Locale = "en-GB" });
        await using (translator)
        {
            translator.SetDefaultTimeout(ChromiumFixture.StepTimeout);
            var tom = await translator.NewPageAsync();
            await SignInAsync(tom, "tom");
            await tom.GotoAsync($"/admin/documents/{Slug}/translate?lang=en-GB");
            var photoTexts = tom.Locator($"fieldset[data-media-id='{image.Id}']");
            await photoTexts.GetByLabel("Alt text · en-GB").FillAsync("Ministers at the negotiating table");
            await photoTexts.GetByLabel("Caption · en-GB").FillAsync("Talks in Baghdad");
            await tom.GetByRole(AriaRole.Button, new() { Name = "Save media texts" }).ClickAsync();
            await tom.WaitForURLAsync(url => url.Contains("media=saved", StringComparison.Ordinal));
        }

        image = await library.FindAsync(image.Id);
        Assert.Equal("Ministers at the negotiating table", image.TextIn(MediaField.Alt, En)?.Text);
        Assert.Equal("Talks in Baghdad", image.TextIn(MediaField.Caption, En)?.Text);

        // …and the PDF's caption through XLIFF, as a CAT tool returns it.
        using (var tom = new AdminClient(site))
        {
            await tom.LoginOrFailAsync("tom", Password);
            var edit = $"/admin/documents/{Slug}/en-GB";
            var xliff = XDocument.Parse(await tom.Http.GetStringAsync($"{edit}/xliff"));
            XNamespace x = "urn:oasis:names:tc:xliff:document:2.0";
            var unit = xliff.Descendants(x + "unit").Single(u => (string?)u.Attribute("id") == $"media-{pdf.Id}-caption");
            var segment = unit.Element(x + "segment")!;
            segment.SetAttributeValue("state", "translated");
            segment.Element(x + "target")?.Remove();
            segment.Add(new XElement(x + "target", "Full text of the statement"));
            using var content = new MultipartFormDataContent { { new StringContent(await tom.GetFormTokenAsync(edit)), "__RequestVerificationToken" } };
            var file = new StringContent(xliff.ToString());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/xliff+xml");
            content.Add(file, "file", "vstrecha.en-GB.xlf");
            using var uploaded = await tom.Http.PostAsync($"{edit}/xliff", content);
            Assert.True(uploaded.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"XLIFF upload: {(int)uploaded.StatusCode}");
        }

        Assert.Equal("Full text of the statement", (await library.FindAsync(pdf.Id)).TextIn(MediaField.Caption, En)?.Text);
        var english = (await newsroom.GetVersionAsync(editor, Slug, En))!;
        await PublishAsync(newsroom, editor, reviewer, En);

        // 5. Both pages, as readers get them.
        using var reader = new HttpClient { BaseAddress = site.BaseAddress };
        var ruPage = new HtmlParser().ParseDocument(await reader.GetStringAsync($"/ru-RU/{Slug}"));
        var enPage = new HtmlParser().ParseDocument(await reader.GetStringAsync($"/en-GB/{Slug}"));
        Assert.Equal("Министры за столом переговоров", ruPage.QuerySelector("figure img")!.GetAttribute("alt"));
        Assert.Equal("Переговоры в Багдаде", ruPage.QuerySelector("figure figcaption")!.TextContent.Trim());
        Assert.Equal("Ministers at the negotiating table", enPage.QuerySelector("figure img")!.GetAttribute("alt"));
        Assert.Equal("Talks in Baghdad", enPage.QuerySelector("figure figcaption")!.TextContent.Trim());
        Assert.NotNull(ruPage.QuerySelector($"a[href='{MediaLinks.File(pdf, pdf.FileFor(Ru))}']"));
        Assert.NotNull(enPage.QuerySelector($"a[href='{MediaLinks.File(pdf, pdf.FileFor(En))}']"));
        Assert.Null(enPage.QuerySelector($"a[href='{MediaLinks.File(pdf, pdf.FileFor(Ru))}']"));
        // A file's link on a page shows its kind, language and size, not its caption: readers get the caption translated
        // through XLIFF with the version in the read API (and the photograph's texts alongside).
        using (var api = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/documents/{Slug}/en-GB")))
        {
            var used = api.RootElement.GetProperty("media").EnumerateArray().ToList();
            var pdfShown = used.Single(m => m.GetProperty("id").GetInt64() == pdf.Id);
            Assert.Equal("Full text of the statement", pdfShown.GetProperty("caption").GetProperty("text").GetString());
            Assert.Equal(MediaLinks.File(pdf, pdf.FileFor(En)), new Uri(pdfShown.GetProperty("url").GetString()!).AbsolutePath);
            var photoShown = used.Single(m => m.GetProperty("id").GetInt64() == image.Id);
            Assert.Equal("Ministers at the negotiating table", photoShown.GetProperty("alt").GetProperty("text").GetString());
        }

        Assert.True(english.Language == En);

        // 6. The photograph as a reader can fetch it: the page's fallback img, the first candidate of each AVIF/WebP source,
        // and the original's own address (it carries GPS: readers are sent to a rendition): no GPS, no EXIF at all, in any of them.
        var figure = enPage.QuerySelector("figure")!;
        List<string> addresses = [figure.QuerySelector("img")!.GetAttribute("src")!, MediaLinks.File(image, image.Original)];
        addresses.AddRange(figure.QuerySelectorAll("source").Select(s => s.GetAttribute("srcset")!.Split(' ')[0]));
        Assert.Equal(4, addresses.Count);
        foreach (var address in addresses)
        {
            using var rendition = await reader.GetAsync(address);
            Assert.True(rendition.StatusCode == HttpStatusCode.OK, $"{address}: {(int)rendition.StatusCode}");
            using var served = NetVips.Image.NewFromBuffer(await rendition.Content.ReadAsByteArrayAsync());
            Assert.DoesNotContain(served.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal) || f.Contains("gps", StringComparison.OrdinalIgnoreCase));
        }

        // 7. The PDF's words find the document, in each language.
        var ruHits = new HtmlParser().ParseDocument(await reader.GetStringAsync($"/ru-RU/search?q={Uri.EscapeDataString("переговорах")}"));
        Assert.NotNull(ruHits.QuerySelector($"a[href*='{Slug}']"));
        // The hit says the words are in the file, the variant in the page's language.
        Assert.Contains("zayavlenie.pdf", ruHits.QuerySelector(".snippet .from-file")?.TextContent, StringComparison.Ordinal);
        var enHits = new HtmlParser().ParseDocument(await reader.GetStringAsync("/en-GB/search?q=ministry"));
        Assert.NotNull(enHits.QuerySelector($"a[href*='{Slug}']"));
        Assert.Contains("statement.pdf", enHits.QuerySelector(".snippet .from-file")?.TextContent, StringComparison.Ordinal);
    }

    private static async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/admin/login", StringComparison.Ordinal));
    }

    private static async Task InsertAsync(IPage page, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Insert media" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Insert media" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
    }

    // Submitted by its author, approved by someone else (the newsroom's four eyes), published by the editor.
    private static async Task PublishAsync(Newsroom newsroom, User editor, User reviewer, LanguageTag language)
    {
        await newsroom.SubmitAsync(editor, Slug, language);
        await newsroom.ApproveAsync(reviewer, Slug, language);
        await newsroom.PublishAsync(editor, Slug, language);
    }

    // A photograph-like JPEG carrying GPS coordinates in its EXIF, checked to be there before the test relies on it.
    private static byte[] PhotoWithGps()
    {
        using var plain = NetVips.Image.NewFromBuffer(MediaFiles.Jpeg(1600, 1000));
        using var tagged = plain.Mutate(m =>
        {
            m.Set(NetVips.GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
            m.Set(NetVips.GValue.GStrType, "exif-ifd3-GPSLatitude", "33/1 18/1 0/1");
            m.Set(NetVips.GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "E");
            m.Set(NetVips.GValue.GStrType, "exif-ifd3-GPSLongitude", "44/1 22/1 0/1");
        });
        var bytes = tagged.JpegsaveBuffer(q: 85, keep: NetVips.Enums.ForeignKeep.All);
        using var check = NetVips.Image.NewFromBuffer(bytes);
        Assert.Contains("exif-ifd3-GPSLatitude", check.GetFields());
        return bytes;
    }

    private static byte[] Pdf(string text)
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(DejaVu));
        var pdfPage = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        pdfPage.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(40, 780), font);
        return builder.Build();
    }
}
