using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Admin;

/// <summary>
/// Media texts in the admin's translation workflow: the translation screen's media block, the matrix's media rows, the
/// page of images without alt text in their page's language, and XLIFF download/upload through the admin.
/// </summary>
public sealed class MediaTranslationTests
{
    private const string Password = "correct horse battery";
    private const string Slug = "razvitie-situacii-v-irake";
    private static readonly XNamespace X = XliffWriter.Ns;
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");

    /// <summary>Uploads a small PNG in Russian with alt text and caption, and shows it in the live Russian original and the live English translation.</summary>
    private static async Task<long> PlaceImageAsync(TestSite site)
    {
        var library = site.Services.GetRequiredService<MediaLibrary>();
        var editor = new User(900, "uploader", Role.Editor, [], false, TestSite.Start);
        using var image = NetVips.Image.Black(48, 32) + 90;
        using var spooled = await SpooledFile.SpoolAsync(new MemoryStream(image.PngsaveBuffer()), "karta.png", "image/png", 1 << 20, Path.Combine(site.DataFolder, "spool"));
        var item = await library.UploadAsync(editor, spooled, RuRu,
            [new MediaText(RuRu, MediaField.Title, "Карта"), new MediaText(RuRu, MediaField.Alt, "Карта Ирака с Багдадом"), new MediaText(RuRu, MediaField.Caption, "Багдад отмечен точкой")]);
        var store = site.Services.GetRequiredService<IContentStore>();
        var document = (await store.FindDocumentAsync(Slug))!;
        await store.SaveDocumentsAsync([document with
        {
            Versions = [.. document.Versions.Select(v => v.Language == RuRu || v.Language == EnGb ? v with { Body = v.Body + $"\n![](media:{item.Id})\n" } : v)],
        }]);
        return item.Id;
    }

    [Fact]
    public async Task TranslationScreen_ShowsOriginalTextsBesideFields_SavesChangedOnes_AndMissingAltPageFollows()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB"));
        var id = await PlaceImageAsync(site);
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("tom", Password);

        // The English page shows the image with the Russian alt text: listed as missing, the fallback named.
        var missingHtml = await client.Http.GetStringAsync("/admin/translations/missing-alt");
        var missing = new HtmlParser().ParseDocument(missingHtml);
        var row = missing.QuerySelector($"tr[data-media-id='{id}'][data-language='en-GB']");
        Assert.True(row is not null, missingHtml);
        Assert.Contains("Карта Ирака с Багдадом", row!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ru-RU", row.QuerySelector("span[lang]")!.GetAttribute("lang"));
        Assert.Null(missing.QuerySelector($"tr[data-media-id='{id}'][data-language='ru-RU']"));

        using var redirect = await client.Http.GetAsync($"/admin/documents/{Slug}/translate?lang=en-GB");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var screenPath = redirect.Headers.Location!.OriginalString;
        var screen = new HtmlParser().ParseDocument(await client.Http.GetStringAsync(screenPath));
        var block = screen.QuerySelector("section.media-texts");
        Assert.NotNull(block);
        var alt = block!.QuerySelector($"div.media-text[data-field='alt']")!;
        Assert.Equal("missing", alt.GetAttribute("data-state"));
        Assert.Equal("Карта Ирака с Багдадом", alt.QuerySelector("p.original span[lang='ru-RU']")!.TextContent);
        Assert.Equal("en-GB", alt.QuerySelector($"input#media-{id}-alt")!.GetAttribute("lang"));
        Assert.NotNull(screen.QuerySelector($"label[for='media-{id}-alt']"));

        var fields = new Dictionary<string, string>
        {
            ["action"] = "save",
            [$"media-{id}-title"] = "",
            [$"was-media-{id}-title"] = "",
            [$"media-{id}-alt"] = "A map of Iraq with Baghdad",
            [$"was-media-{id}-alt"] = "",
            [$"media-{id}-caption"] = "",
            [$"was-media-{id}-caption"] = "",
        };
        using (var saved = await client.PostFormAsync($"/admin/documents/{Slug}/en-GB/media-texts", fields, formPage: screenPath))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var item = (await site.Services.GetRequiredService<IMediaStore>().FindMediaAsync(id))!;
        Assert.Equal("A map of Iraq with Baghdad", item.TextIn(MediaField.Alt, EnGb)!.Text);
        Assert.Equal("tom", item.TextIn(MediaField.Alt, EnGb)!.UpdatedBy);
        // Fields left empty were not written.
        Assert.Null(item.TextIn(MediaField.Caption, EnGb));
        Assert.Null(item.TextIn(MediaField.Title, EnGb));

        var after = new HtmlParser().ParseDocument(await client.Http.GetStringAsync("/admin/translations/missing-alt"));
        Assert.Null(after.QuerySelector($"tr[data-media-id='{id}'][data-language='en-GB']"));

        // The matrix: the item's row, its English cell missing two of three texts, the Russian cell the original.
        var matrix = new HtmlParser().ParseDocument(await client.Http.GetStringAsync("/admin/translations"));
        var mediaRow = matrix.QuerySelector($"table.media-translations tr[data-media-id='{id}']")!;
        var english = mediaRow.QuerySelector("td[data-language='en-GB']")!;
        Assert.Equal("missing", english.GetAttribute("data-state"));
        Assert.Equal("missing: 2 of 3", english.TextContent.Trim());

        // The original's alt text changes: the English one is outdated on the screen and in the matrix.
        var library = site.Services.GetRequiredService<MediaLibrary>();
        await library.SetTextsAsync(new User(900, "uploader", Role.Editor, [], false, TestSite.Start), id, [new MediaText(RuRu, MediaField.Alt, "Карта Ирака")]);
        var outdated = new HtmlParser().ParseDocument(await client.Http.GetStringAsync(screenPath));
        Assert.Equal("outdated", outdated.QuerySelector("div.media-text[data-field='alt']")!.GetAttribute("data-state"));
        var matrixAfter = new HtmlParser().ParseDocument(await client.Http.GetStringAsync("/admin/translations"));
        Assert.Equal("outdated", matrixAfter.QuerySelector($"table.media-translations tr[data-media-id='{id}'] td[data-language='en-GB']")!.GetAttribute("data-state"));

        // Confirmed as still right: current again, without retyping it.
        fields[$"media-{id}-alt"] = "A map of Iraq with Baghdad";
        fields[$"was-media-{id}-alt"] = "A map of Iraq with Baghdad";
        fields["confirm"] = $"media-{id}-alt";
        using (var confirmed = await client.PostFormAsync($"/admin/documents/{Slug}/en-GB/media-texts", fields, formPage: screenPath))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        item = (await site.Services.GetRequiredService<IMediaStore>().FindMediaAsync(id))!;
        Assert.False(item.IsOutdated(item.TextIn(MediaField.Alt, EnGb)!));
    }

    [Fact]
    public async Task TranslationScreen_TranslatorOfAnotherLanguage_MayNotPost()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "fran", Role.Translator, Password, "fr-FR"));
        var id = await PlaceImageAsync(site);
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("fran", Password);

        using var refused = await client.PostFormAsync($"/admin/documents/{Slug}/en-GB/media-texts",
            [new($"media-{id}-alt", "Sneaky"), new($"was-media-{id}-alt", ""), new("action", "save")], formPage: "/admin/");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null((await site.Services.GetRequiredService<IMediaStore>().FindMediaAsync(id))!.TextIn(MediaField.Alt, EnGb));
    }

    [Fact]
    public async Task XliffDownloadAndUpload_CarryMediaUnits_AndTheOutcomeSaysWhichWereSaved()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB"));
        var id = await PlaceImageAsync(site);
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("tom", Password);
        var edit = $"/admin/documents/{Slug}/en-GB";

        using var download = await client.Http.GetAsync($"{edit}/xliff");
        var xml = XDocument.Parse(await download.Content.ReadAsStringAsync());
        var caption = xml.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{id}-caption");
        Assert.Equal("Багдад отмечен точкой", caption.Descendants(X + "source").Single().Value);
        var segment = caption.Element(X + "segment")!;
        segment.SetAttributeValue("state", "translated");
        segment.Add(new XElement(X + "target", "Baghdad is marked with a dot"));
        // Only the media unit confirmed: the document's units stay initial.
        foreach (var other in xml.Descendants(X + "unit").Where(u => u != caption))
        {
            other.Element(X + "segment")!.SetAttributeValue("state", "initial");
        }

        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(xml.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xliff+xml");
        content.Add(file, "file", "statement.xlf");
        content.Add(new StringContent(await client.GetFormTokenAsync(edit)), "__RequestVerificationToken");
        using var response = await client.Http.PostAsync($"{edit}/xliff", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadAsStringAsync();
        Assert.Contains("The file held media texts only; the translation itself is unchanged.", outcome, StringComparison.Ordinal);
        Assert.Contains($"Media texts saved to the media library: <bdi dir=\"ltr\">media-{id}-caption</bdi>", outcome, StringComparison.Ordinal);
        var item = (await site.Services.GetRequiredService<IMediaStore>().FindMediaAsync(id))!;
        Assert.Equal("Baghdad is marked with a dot", item.TextIn(MediaField.Caption, EnGb)!.Text);
        Assert.Equal("tom", item.TextIn(MediaField.Caption, EnGb)!.UpdatedBy);
    }

    [Fact]
    public async Task Cli_ExportThenImport_MediaUnitTravels_AndTheOutputNamesIt()
    {
        var folder = TestSite.NewDataFolder();
        var data = Path.Combine(folder, "data");
        long id;
        await using (var site = await TestSite.StartAsync(dataFolder: data))
        {
            id = await PlaceImageAsync(site);
        }

        var export = await RunAsync("export", "xliff", "--source", "ru-RU", "--target", "en-GB", "--slug", Slug, "--out", Path.Combine(folder, "out"), "--data", data);
        Assert.True(export.Exit == 0, export.Error);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(folder, "out")));
        var xml = XDocument.Load(file);
        foreach (var segment in xml.Descendants(X + "segment"))
        {
            segment.SetAttributeValue("state", "initial");
        }

        var alt = xml.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{id}-alt").Element(X + "segment")!;
        alt.SetAttributeValue("state", "final");
        alt.Add(new XElement(X + "target", "A map of Iraq with Baghdad"));
        xml.Save(file);

        var import = await RunAsync("import", file, "--data", data);

        Assert.True(import.Exit == 0, import.Error);
        Assert.Contains("is unchanged (the file took media texts only); media texts saved: 1 (media-", import.Output, StringComparison.Ordinal);
        Assert.Contains($"media-{id}-alt", import.Output, StringComparison.Ordinal);
        var store = await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName));
        Assert.Equal("A map of Iraq with Baghdad", (await store.FindMediaAsync(id))!.TextIn(MediaField.Alt, EnGb)!.Text);
    }
}
