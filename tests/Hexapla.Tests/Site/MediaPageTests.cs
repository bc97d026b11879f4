using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hexapla.Tests.Site;

/// <summary>
/// Media in served pages: a statement written in Russian and translated into English uses a photograph whose alt text
/// and caption were translated, a map whose texts were not (the English page falls back to the Russian, marked), the
/// signed text as a PDF in both languages, an annex PDF in Russian only, and an item that no longer exists.
/// </summary>
public sealed class MediaPageTests
{
    private const string Slug = "vstrecha-v-bagdade";
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru");
    private static readonly LanguageTag En = LanguageTag.Parse("en");

    private sealed record Items(long Photo, long Map, long Statement, long Annex, long Draft);

    private static AuditEntry Audit => new(0, TestSite.Start, "editor", "media.upload", null, null);

    private static byte[] Bytes(string name, long size)
    {
        var bytes = new byte[size];
        new Random(name.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
        return bytes;
    }

    private static async Task<MediaItem> CreateAsync(SqliteContentStore store, MediaKind kind, string name, string type, long size, int? width, int? height, params MediaText[] texts)
    {
        // Bytes of the size the page is to show (the store records what it is given), different per name.
        var content = BlobContent.Of(Bytes(name, size));
        var file = new MediaFile(Ru, name, type, size, content.Sha256, width, height);
        return await store.CreateMediaAsync(new NewMediaItem(kind, Ru, file, content, texts), Audit);
    }

    private static async Task<(TestSite Site, Items Items)> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Items? items = null;
        var site = await TestSite.StartAsync(samples: false, settings: settings, prepare: async (data, clock) =>
        {
            var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
            var photo = await CreateAsync(store, MediaKind.Image, "vstrecha.jpg", "image/jpeg", 812_000, 2400, 1600,
                new MediaText(Ru, MediaField.Alt, "Министры за круглым столом"), new MediaText(Ru, MediaField.Caption, "Встреча в Багдаде"));
            await store.SaveMediaTextsAsync(photo.Id,
                [new MediaText(En, MediaField.Alt, "Ministers at a round table"), new MediaText(En, MediaField.Caption, "The meeting in Baghdad")], Audit);
            var map = await CreateAsync(store, MediaKind.Image, "karta.png", "image/png", 90_000, 1200, 800,
                new MediaText(Ru, MediaField.Alt, "Карта района"), new MediaText(Ru, MediaField.Caption, "Район встречи"));
            var statement = await CreateAsync(store, MediaKind.File, "zayavlenie.pdf", "application/pdf", 1_258_291, null, null,
                new MediaText(Ru, MediaField.Title, "Текст заявления"));
            var english = BlobContent.Of(Bytes("statement.pdf", 1_153_434));
            await store.SaveMediaFileAsync(statement.Id, new MediaFile(En, "statement.pdf", "application/pdf", 1_153_434, english.Sha256), english, Audit);
            var annex = await CreateAsync(store, MediaKind.File, "prilozhenie.pdf", "application/pdf", 2_621_440, null, null,
                new MediaText(Ru, MediaField.Title, "Приложение"));
            var draft = await CreateAsync(store, MediaKind.Image, "chernovik.jpg", "image/jpeg", 1000, 640, 480,
                new MediaText(Ru, MediaField.Alt, "Снимок для черновика"));
            items = new Items(photo.Id, map.Id, statement.Id, annex.Id, draft.Id);
            await AdminClient.AddUserAsync(data, clock, "eddie", Role.Editor, "correct horse battery");
            await TestContent.ImportAsync(data, clock,
                TestContent.Markdown(Slug, "ru", "Встреча в Багдаде", Body("Министры встретились.", "Подписанный текст", items), "original: true\n"),
                TestContent.Markdown(Slug, "en", "Meeting in Baghdad", Body("The ministers met.", "The signed text", items)));
        });
        return (site, items!);
    }

    private static string Body(string lead, string linkText, Items items) =>
        $"{lead}\n\n![](media:{items.Photo})\n\n![](media:{items.Map})\n\n[{linkText}](media:{items.Statement}), [](media:{items.Annex}).\n\n![](media:99999)\n";

    private static IDocument Html(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public async Task DocumentPage_Russian_EverythingInRussianUnmarked()
    {
        var (site, items) = await StartAsync();
        await using var _ = site;
        var page = await site.GetPageAsync($"/ru/{Slug}");

        var figures = page.QuerySelectorAll("article .body figure");
        Assert.Equal(2, figures.Length);
        var photo = figures[0].QuerySelector("picture > img")!;
        Assert.Equal("Министры за круглым столом", photo.GetAttribute("alt"));
        Assert.Null(photo.GetAttribute("lang"));
        Assert.Equal("2400", photo.GetAttribute("width"));
        Assert.Equal("high", photo.GetAttribute("fetchpriority"));
        Assert.Equal("lazy", figures[1].QuerySelector("img")!.GetAttribute("loading"));
        Assert.Equal(["image/avif", "image/webp"], figures[0].QuerySelectorAll("source").Select(s => s.GetAttribute("type")));
        Assert.Equal("Встреча в Багдаде", figures[0].QuerySelector("figcaption")!.TextContent);
        Assert.EndsWith(".png", figures[1].QuerySelector("img")!.GetAttribute("src"), StringComparison.Ordinal);

        var links = page.QuerySelectorAll("article .body a[type='application/pdf']");
        Assert.Equal(2, links.Length);
        Assert.EndsWith("/zayavlenie.pdf", links[0].GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("ru", links[0].GetAttribute("hreflang"));
        Assert.Equal("Подписанный текст", links[0].TextContent);
        Assert.Equal("Приложение", links[1].TextContent);
        var details = page.QuerySelectorAll("article .body .media-file").Select(d => d.TextContent).ToList();
        Assert.Equal(["(PDF, 1,2 МБ)", "(PDF, 2,5 МБ)"], details);
        Assert.Equal("[Изображение или файл не найдены: media:99999]", page.QuerySelector("article .body p.media-missing")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("article .body [lang]"));
        Assert.StartsWith($"/media/{items.Statement}/", links[0].GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_English_TranslatedTextsAndVariantElseRussianMarked()
    {
        var (site, items) = await StartAsync();
        await using var _ = site;
        var page = await site.GetPageAsync($"/en/{Slug}");

        var figures = page.QuerySelectorAll("article .body figure");
        var photo = figures[0].QuerySelector("img")!;
        Assert.Equal("Ministers at a round table", photo.GetAttribute("alt"));
        Assert.Null(photo.GetAttribute("lang"));
        Assert.Equal("The meeting in Baghdad", figures[0].QuerySelector("figcaption")!.TextContent);

        // The map has no English texts: the Russian ones, marked as Russian, for screen readers and hyphenation.
        var map = figures[1].QuerySelector("img")!;
        Assert.Equal("Карта района", map.GetAttribute("alt"));
        Assert.Equal("ru", map.GetAttribute("lang"));
        var mapCaption = figures[1].QuerySelector("figcaption")!;
        Assert.Equal("Район встречи", mapCaption.TextContent);
        Assert.Equal("ru", mapCaption.GetAttribute("lang"));

        var links = page.QuerySelectorAll("article .body a[type='application/pdf']");
        Assert.EndsWith("/statement.pdf", links[0].GetAttribute("href"), StringComparison.Ordinal);
        Assert.StartsWith($"/media/{items.Statement}/", links[0].GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("en", links[0].GetAttribute("hreflang"));
        Assert.EndsWith("/prilozhenie.pdf", links[1].GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("ru", links[1].GetAttribute("hreflang"));
        var annexTitle = links[1].QuerySelector("span")!;
        Assert.Equal("Приложение", annexTitle.TextContent);
        Assert.Equal("ru", annexTitle.GetAttribute("lang"));
        var details = page.QuerySelectorAll("article .body .media-file").Select(d => d.TextContent).ToList();
        Assert.Equal(["(PDF, 1.1 MB)", "(PDF, Russian, 2.5 MB)"], details);
        Assert.Equal("[Image or file not found: media:99999]", page.QuerySelector("article .body p.media-missing")!.TextContent);
    }

    [Fact]
    public async Task DocumentPage_MediaTextChanged_CachedPageFollows()
    {
        var (site, items) = await StartAsync(new Dictionary<string, string?> { ["Hexapla:CacheRecheck"] = "00:00:00", ["Hexapla:CacheStatusHeader"] = "true" });
        await using var _ = site;
        Assert.Equal("Ministers at a round table", (await site.GetPageAsync($"/en/{Slug}")).QuerySelector("figure img")!.GetAttribute("alt"));
        using (var again = await site.Client.GetAsync($"/en/{Slug}"))
        {
            Assert.Equal("hit", again.Headers.GetValues("X-Hexapla-Cache").Single());
        }

        var library = site.Services.GetRequiredService<MediaLibrary>();
        var eddie = new User(101, "eddie", Role.Editor, [], false, TestSite.Start);
        await library.SetTextsAsync(eddie, items.Photo, [new MediaText(En, MediaField.Alt, "Five ministers at a round table")]);

        Assert.Equal("Five ministers at a round table", (await site.GetPageAsync($"/en/{Slug}")).QuerySelector("figure img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task Feed_MediaAddressesAbsolute()
    {
        var (site, _) = await StartAsync();
        await using var __ = site;
        var feed = XDocument.Parse(await site.Client.GetStringAsync("/en/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var content = Html(feed.Descendants(atom + "content").Single().Value);

        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);
        var urls = content.QuerySelectorAll("img, a, source")
            .SelectMany(e => new[] { e.GetAttribute("src"), e.GetAttribute("href") }.Concat((e.GetAttribute("srcset") ?? "").Split(", ").Select(s => s.Split(' ')[0])))
            .Where(u => !string.IsNullOrEmpty(u))
            .ToList();
        Assert.Contains(urls, u => u!.EndsWith("/statement.pdf", StringComparison.Ordinal));
        Assert.All(urls, u => Assert.StartsWith($"{origin}/media/", u!, StringComparison.Ordinal));
        Assert.Equal("Ministers at a round table", content.QuerySelector("figure img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task ComparePage_EachColumnInItsLanguage()
    {
        var (site, _) = await StartAsync();
        await using var __ = site;
        var page = await site.GetPageAsync($"/ru/{Slug}/compare/en");

        var alts = page.QuerySelectorAll(".compare .cell img").Select(i => (i.Closest(".cell")!.GetAttribute("lang"), i.GetAttribute("alt"))).ToList();
        Assert.Contains(("ru", "Министры за круглым столом"), alts);
        Assert.Contains(("en", "Ministers at a round table"), alts);
        Assert.Single(page.QuerySelectorAll(".compare img[fetchpriority]"));
    }

    [Fact]
    public async Task ReadApi_HtmlInVersionLanguageWithAbsoluteAddresses()
    {
        var (site, _) = await StartAsync();
        await using var __ = site;
        using var json = JsonDocument.Parse(await site.Client.GetStringAsync($"/api/v1/documents/{Slug}/en"));
        var html = Html(json.RootElement.GetProperty("html").GetString()!);

        var img = html.QuerySelector("figure img")!;
        Assert.Equal("Ministers at a round table", img.GetAttribute("alt"));
        Assert.StartsWith(site.BaseAddress.GetLeftPart(UriPartial.Authority) + "/media/", img.GetAttribute("src"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPreview_DraftItemInVersionLanguage_Rendered()
    {
        var (site, items) = await StartAsync();
        await using var _ = site;
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("eddie", "correct horse battery");

        using var preview = await client.PostFormAsync("/admin/preview",
            [new("body", $"![](media:{items.Draft})\n\n[](media:{items.Annex})"), new("lang", "en")], formPage: "/admin/new");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = Html(await preview.Content.ReadAsStringAsync());
        var img = html.QuerySelector("figure img")!;
        Assert.Equal("Снимок для черновика", img.GetAttribute("alt"));
        Assert.Equal("ru", img.GetAttribute("lang"));
        Assert.Equal("(PDF, Russian, 2.5 MB)", html.QuerySelector(".media-file")!.TextContent);
    }

    [Fact]
    public async Task DocumentPage_ArabicInterfaceWords_LocalDigitsAndSeparator()
    {
        var (site, items) = await StartAsync();
        await using var _ = site;
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("eddie", "correct horse battery");

        using var preview = await client.PostFormAsync("/admin/preview", [new("body", $"[](media:{items.Annex})"), new("lang", "ar")], formPage: "/admin/new");

        var details = Html(await preview.Content.ReadAsStringAsync()).QuerySelector(".media-file")!;
        Assert.Equal("(PDF، الروسية، ٢٫٥ ميغابايت)", details.TextContent);
        Assert.Null(details.GetAttribute("lang"));
    }
}
