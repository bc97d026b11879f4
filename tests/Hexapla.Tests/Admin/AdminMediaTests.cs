using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hexapla.Tests.Admin;

/// <summary>
/// The admin media library over HTTP, without script: uploading several files in one plain form, the JSON answer the
/// script's per-file uploads get, the list's filters and paging, the item page (texts per language within each user's
/// rights, outdated translations marked, the file per language, the focal point, where used, deletion refused while
/// used), and the editors' picker.
/// </summary>
public sealed class AdminMediaTests
{
    private const string Password = "correct horse battery";
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
        await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB");
    });

    private static async Task<AdminClient> SignInAsync(TestSite site, string name)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync(name, Password);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(AdminClient client, string path, string language, bool json, params (string Name, byte[] Bytes, string Type)[] files)
    {
        var token = await client.GetFormTokenAsync(path);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(language), "lang" },
        };
        if (path != "/admin/media")
        {
            content.Add(new StringContent("file"), "action");
        }

        foreach (var (name, bytes, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(part, "file", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (json)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task Upload_SeveralFilesInOnePlainForm_GoodOnesStored_BadOneNamedAndNotStored()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        var library = site.Services.GetRequiredService<MediaLibrary>();

        using var response = await UploadAsync(ed, "/admin/media", "ru-RU", json: false,
            ("встреча.jpg", MediaFiles.Jpeg(800, 600), "image/jpeg"),
            ("statement.pdf", MediaFiles.Pdf("Statement on the situation"), "application/pdf"),
            ("notes.jpg", Encoding.UTF8.GetBytes("these are not the bytes of a JPEG"), "image/jpeg"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var page = await TestContent.ParseAsync(response);
        var alert = page.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("notes.jpg", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("встреча.jpg", alert, StringComparison.Ordinal);
        Assert.Equal("2 files uploaded.", page.QuerySelector("[role=status]")!.TextContent);

        var stored = await library.Store.ListMediaAsync(new Storage.MediaFilter());
        Assert.Equal(["statement.pdf", "встреча.jpg"], stored.Items.Select(i => i.Original.FileName).Order(StringComparer.Ordinal));
        Assert.All(stored.Items, i => Assert.Equal(Ru, i.OriginalLanguage));

        // The list shows the image by a rendition of it and the PDF by its kind, each linking its page.
        var list = await ed.GetPageAsync("/admin/media");
        var cards = list.QuerySelectorAll(".media-card");
        Assert.Equal(2, cards.Length);
        var image = stored.Items.Single(i => i.Kind == MediaKind.Image);
        var thumb = list.QuerySelector($".media-card a[href='/admin/media/{image.Id}']")!.Closest("li")!.QuerySelector("img")!;
        Assert.Equal(MediaLinks.Rendition(image, new RenditionRequest(320, null, RenditionFormat.Jpeg)), thumb.GetAttribute("src"));
        Assert.Equal("", thumb.GetAttribute("alt"));
        Assert.Contains("File (PDF)", list.QuerySelector(".media-card:not(:has(img))")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ScriptRequest_AnswersJsonPerFile_TranslatorRefused()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var created = await UploadAsync(ed, "/admin/media", "en-GB", json: true, ("map.png", MediaFiles.Png(300, 200), "image/png"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var answer = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = answer.RootElement.GetProperty("id").GetInt64();
        Assert.Equal($"/admin/media/{id}", answer.RootElement.GetProperty("href").GetString());
        Assert.Equal("map", answer.RootElement.GetProperty("title").GetString());

        using var refused = await UploadAsync(ed, "/admin/media", "en-GB", json: true, ("notes.png", Encoding.UTF8.GetBytes("plain words, no picture"), "image/png"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        using var why = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("notes.png", why.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var tom = await SignInAsync(site, "tom");
        var page = await tom.GetPageAsync("/admin/media");
        Assert.Null(page.QuerySelector("input[type=file]"));
        using var forbidden = await UploadAsync(tom, "/admin/media", "en-GB", json: false, ("other.png", MediaFiles.Png(30, 20), "image/png"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(1, (await site.Services.GetRequiredService<MediaLibrary>().Store.ListMediaAsync(new Storage.MediaFilter())).Total);
    }

    [Fact]
    public async Task ItemTexts_EachUserWritesTheirLanguages_ChangedOriginalMarksTranslationOutdated()
    {
        await using var site = await StartAsync();
        var (library, editor) = await LibraryAsync(site);
        var item = await MediaFiles.AddAsync(library, editor, "karta.png", MediaFiles.Png(400, 300), Ru);
        var path = $"/admin/media/{item.Id}";
        using var ed = await SignInAsync(site, "ed");
        using (var saved = await ed.PostFormAsync(path, [new("action", "texts"), new("alt.ru-RU", "Карта Ирака"), new("was.alt.ru-RU", ""), new("caption.ru-RU", "Карта"), new("was.caption.ru-RU", "")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The translator writes English and only reads Russian.
        using var tom = await SignInAsync(site, "tom");
        var page = await tom.GetPageAsync(path);
        Assert.NotNull(page.QuerySelector("input[name='alt.en-GB']"));
        Assert.Null(page.QuerySelector("input[name='alt.ru-RU']"));
        Assert.Contains("Карта Ирака", page.QuerySelector("#alt-en-GB-source")!.TextContent, StringComparison.Ordinal);
        using (var translated = await tom.PostFormAsync(path, [new("action", "texts"), new("alt.en-GB", "Map of Iraq"), new("was.alt.en-GB", "")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, translated.StatusCode);
        }

        using (var refused = await tom.PostFormAsync(path, [new("action", "texts"), new("alt.ru-RU", "Другое"), new("was.alt.ru-RU", "Карта Ирака")]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        item = await library.FindAsync(item.Id);
        Assert.Equal("Карта Ирака", item.TextIn(MediaField.Alt, Ru)!.Text);
        Assert.False(item.IsOutdated(item.TextIn(MediaField.Alt, En)!));
        Assert.Null((await tom.GetPageAsync(path)).QuerySelector(".badge.outdated"));

        // The editor changes the Russian alt text: the English one is outdated, and saving the page untouched keeps it so.
        using (var changed = await ed.PostFormAsync(path, [new("action", "texts"), new("alt.ru-RU", "Карта Ирака и Сирии"), new("was.alt.ru-RU", "Карта Ирака"), new("alt.en-GB", "Map of Iraq"), new("was.alt.en-GB", "Map of Iraq")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        item = await library.FindAsync(item.Id);
        Assert.True(item.IsOutdated(item.TextIn(MediaField.Alt, En)!));
        var outdated = (await tom.GetPageAsync(path)).QuerySelector("#alt-en-GB-outdated")!;
        Assert.Equal("outdated: the original changed", outdated.TextContent);
        Assert.Contains("alt-en-GB-outdated", (await tom.GetPageAsync(path)).QuerySelector("#alt-en-GB")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FocalPoint_FromPercentInputs_Stored_BadValueRefused()
    {
        await using var site = await StartAsync();
        var (library, editor) = await LibraryAsync(site);
        var item = await MediaFiles.AddAsync(library, editor, "photo.jpg", MediaFiles.Jpeg(640, 480), Ru);
        using var ed = await SignInAsync(site, "ed");
        var path = $"/admin/media/{item.Id}";
        var page = await ed.GetPageAsync(path);
        Assert.Equal("50", page.QuerySelector("#focal-x")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("label[for=focal-y]"));

        using (var saved = await ed.PostFormAsync(path, [new("action", "focal"), new("x", "25"), new("y", "75")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(new FocalPoint(0.25, 0.75), (await library.FindAsync(item.Id)).Focal);
        using (var bad = await ed.PostFormAsync(path, [new("action", "focal"), new("x", "125"), new("y", "10")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("0 to 100", (await TestContent.ParseAsync(bad)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(new FocalPoint(0.25, 0.75), (await library.FindAsync(item.Id)).Focal);
        using (var cleared = await ed.PostFormAsync(path, [new("action", "focal-clear")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        }

        Assert.Null((await library.FindAsync(item.Id)).Focal);
    }

    [Fact]
    public async Task FileVariant_UploadedAndRemoved_OtherKindRefused()
    {
        await using var site = await StartAsync();
        var (library, editor) = await LibraryAsync(site);
        var item = await MediaFiles.AddAsync(library, editor, "zayavlenie.pdf", MediaFiles.Pdf("Original text"), Ru);
        using var ed = await SignInAsync(site, "ed");
        var path = $"/admin/media/{item.Id}";

        using (var added = await UploadAsync(ed, path, "en-GB", json: false, ("statement.pdf", MediaFiles.Pdf("English text"), "application/pdf")))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        item = await library.FindAsync(item.Id);
        Assert.Equal("statement.pdf", item.FileFor(En).FileName);
        var page = await ed.GetPageAsync(path);
        Assert.Equal(2, page.QuerySelectorAll("table.media-files tbody tr").Length);
        Assert.NotNull(page.QuerySelector($"table.media-files a[href='{MediaLinks.File(item, item.FileFor(En))}']"));

        using (var wrongKind = await UploadAsync(ed, path, "fr-FR", json: false, ("carte.png", MediaFiles.Png(20, 20), "image/png")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
            Assert.Contains("carte.png", (await TestContent.ParseAsync(wrongKind)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        using (var removed = await ed.PostFormAsync(path, [new("action", "remove-file"), new("lang", "en-GB")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Equal([Ru], (await library.FindAsync(item.Id)).Files.Select(f => f.Language));
    }

    [Fact]
    public async Task Delete_UsedItemRefusedNamingTheDocument_UnusedItemDeleted()
    {
        await using var site = await StartAsync();
        var (library, editor) = await LibraryAsync(site);
        var used = await MediaFiles.AddAsync(library, editor, "used.png", MediaFiles.Png(50, 50), Ru);
        var unused = await MediaFiles.AddAsync(library, editor, "unused.png", MediaFiles.Png(50, 50), Ru);
        using var ed = await SignInAsync(site, "ed");
        using (var created = await ed.PostFormAsync("/admin/new", [
            new("language", "ru-RU"), new("title", "Встреча"), new("slug", "vstrecha"), new("tags", ""), new("summary", ""),
            new("body", $"Текст.\n\n![](media:{used.Id})"), new("action", "create")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var page = await ed.GetPageAsync($"/admin/media/{used.Id}");
        Assert.NotNull(page.QuerySelector(".media-uses a[href='/admin/documents/vstrecha/ru-RU']"));

        using (var refused = await ed.PostFormAsync($"/admin/media/{used.Id}", [new("action", "delete")]))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var alert = (await TestContent.ParseAsync(refused)).QuerySelector("[role=alert]")!;
            Assert.NotNull(alert.QuerySelector("a[href='/admin/documents/vstrecha/ru-RU']"));
        }

        Assert.NotNull(await library.Store.FindMediaAsync(used.Id));
        using (var deleted = await ed.PostFormAsync($"/admin/media/{unused.Id}", [new("action", "delete")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.Equal("/admin/media?done=deleted", deleted.Headers.Location?.OriginalString);
        }

        Assert.Null(await library.Store.FindMediaAsync(unused.Id));
    }

    [Fact]
    public async Task List_SearchKindMissingAltAndPaging()
    {
        await using var site = await StartAsync();
        var (library, editor) = await LibraryAsync(site);
        var withAlt = await MediaFiles.AddAsync(library, editor, "baghdad.png", MediaFiles.Png(40, 30), Ru,
            [new MediaText(Ru, MediaField.Alt, "Багдад")]);
        await library.SetTextsAsync(editor, withAlt.Id, [new MediaText(En, MediaField.Alt, "Baghdad")]);
        var ruAltOnly = await MediaFiles.AddAsync(library, editor, "mosul.png", MediaFiles.Png(40, 30), Ru,
            [new MediaText(Ru, MediaField.Alt, "Мосул")]);
        var pdf = await MediaFiles.AddAsync(library, editor, "report.pdf", MediaFiles.Pdf("Report"), En);
        using var ed = await SignInAsync(site, "ed");

        static IEnumerable<string?> Ids(IHtmlDocument page) =>
            page.QuerySelectorAll(".media-card .media-title a").Select(a => a.GetAttribute("href"));

        Assert.Equal([$"/admin/media/{pdf.Id}"], Ids(await ed.GetPageAsync("/admin/media?kind=file")));
        Assert.Equal([$"/admin/media/{ruAltOnly.Id}"], Ids(await ed.GetPageAsync("/admin/media?missing=alt&lang=en-GB")));
        Assert.Empty(Ids(await ed.GetPageAsync("/admin/media?missing=alt")));
        Assert.Equal([$"/admin/media/{withAlt.Id}"], Ids(await ed.GetPageAsync("/admin/media?q=baghdad")));
        var missing = await ed.GetPageAsync("/admin/media?missing=alt&lang=en-GB");
        Assert.Equal("no alt text in en-GB", missing.QuerySelector(".badge.missing-alt")!.TextContent);
        Assert.True(missing.QuerySelector("#media-missing")!.HasAttribute("checked"));

        for (var i = 0; i < AdminMediaPageSize; i++)
        {
            await MediaFiles.AddAsync(library, editor, $"extra-{i}.png", MediaFiles.Png(20 + i, 20), En);
        }

        var first = await ed.GetPageAsync("/admin/media");
        Assert.Equal(AdminMediaPageSize, first.QuerySelectorAll(".media-card").Length);
        Assert.Equal("/admin/media?page=2", first.QuerySelector("nav.paging a[rel=next]")!.GetAttribute("href"));
        var second = await ed.GetPageAsync("/admin/media?page=2");
        Assert.Equal(3, second.QuerySelectorAll(".media-card").Length);
        Assert.Null(second.QuerySelector("nav.paging a[rel=next]"));

        // Newest first: the last upload heads the first page, the first three close the second.
        Assert.Contains("extra-23", first.QuerySelector(".media-card")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picker_OffersImagesAsImagesAndFilesAsLinksWithTheirTitleInTheEditorsLanguage()
    {
        await using var site = await StartAsync();
        var (library, editor) = await LibraryAsync(site);
        var image = await MediaFiles.AddAsync(library, editor, "map.png", MediaFiles.Png(40, 30), Ru);
        var pdf = await MediaFiles.AddAsync(library, editor, "zayavlenie.pdf", MediaFiles.Pdf("Text"), Ru,
            [new MediaText(Ru, MediaField.Title, "Заявление [полный текст]")]);
        await library.SetTextsAsync(editor, pdf.Id, [new MediaText(En, MediaField.Title, "Statement")]);
        using var ed = await SignInAsync(site, "ed");

        var picker = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await ed.Http.GetStringAsync("/admin/media/pick?q=&lang=en-GB"));
        var inserts = picker.QuerySelectorAll("button[data-insert]").Select(b => b.GetAttribute("data-insert")).ToList();
        Assert.Contains($"![](media:{image.Id})", inserts);
        Assert.Contains($"[Statement](media:{pdf.Id})", inserts);
        var russian = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await ed.Http.GetStringAsync("/admin/media/pick?q=zayavlenie&lang=ru-RU"));
        Assert.Equal([$@"[Заявление \[полный текст\]](media:{pdf.Id})"], russian.QuerySelectorAll("button[data-insert]").Select(b => b.GetAttribute("data-insert")));

        // Both editors carry the button (shown by the script) and a dialog for the body.
        foreach (var path in new[] { "/admin/new", "/admin/documents/razvitie-situacii-v-irake/en-GB" })
        {
            var page = await ed.GetPageAsync(path);
            Assert.NotNull(page.QuerySelector("button[data-media-picker=body][hidden]"));
            Assert.NotNull(page.QuerySelector("dialog#body-media-picker"));
        }
    }

    private const int AdminMediaPageSize = 24;

    private static async Task<(MediaLibrary Library, User Editor)> LibraryAsync(TestSite site)
    {
        var store = await AdminClient.OpenStoreAsync(site);
        var editor = (await store.FindUserAsync("ed"))!;
        return (site.Services.GetRequiredService<MediaLibrary>(), editor);
    }
}

internal static class AdminClientPages
{
    /// <summary>The page at <paramref name="path"/> as this client sees it; fails unless it answers 200.</summary>
    public static async Task<IHtmlDocument> GetPageAsync(this AdminClient client, string path)
    {
        using var response = await client.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return await TestContent.ParseAsync(response);
    }
}

/// <summary>Files for media tests, made here: images with libvips, PDFs with PdfPig's builder.</summary>
internal static class MediaFiles
{
    public static byte[] Jpeg(int width, int height) =>
        Gradient(width, height).JpegsaveBuffer(q: 85);

    public static byte[] Png(int width, int height) =>
        Gradient(width, height).PngsaveBuffer();

    /// <summary>A one-page PDF saying <paramref name="text"/> (Latin letters: the standard Helvetica has them).</summary>
    public static byte[] Pdf(string text)
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText(text, 14, new UglyToad.PdfPig.Core.PdfPoint(50, 750), font);
        return builder.Build();
    }

    /// <summary>Uploads <paramref name="bytes"/> as <paramref name="name"/> through the library, as the admin's form does.</summary>
    public static async Task<MediaItem> AddAsync(MediaLibrary library, User user, string name, byte[] bytes, LanguageTag language, IReadOnlyList<MediaText>? texts = null)
    {
        using var stream = new MemoryStream(bytes);
        using var spooled = await SpooledFile.SpoolAsync(stream, name, null, 50 * 1024 * 1024);
        return await library.UploadAsync(user, spooled, language, texts);
    }

    // A picture with something in it (a diagonal gradient), so encoders have real work and sizes differ.
    private static NetVips.Image Gradient(int width, int height)
    {
        using var xyz = NetVips.Image.Xyz(width, height);
        using var across = xyz[0];
        using var down = xyz[1];
        using var red = across * (255.0 / Math.Max(1, width));
        using var green = down * (255.0 / Math.Max(1, height));
        using var blue = (red * 0.5) + 40;
        return red.Bandjoin(green, blue).Cast(NetVips.Enums.BandFormat.Uchar);
    }
}
