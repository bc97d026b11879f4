using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Site.Export;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hexapla.Tests.Site;

/// <summary>
/// What readers see of text under review and of corrections: a working copy over published text reaches no public
/// surface until it is published; a published correction shows "Updated" with its note on the page, in the feed and in
/// the read API; a translation whose original was corrected since tells its readers, linking the side-by-side view.
/// </summary>
/// <remarks>
/// The page cache is off on these sites: they look at what the pages render from the store, and changes are made
/// through the newsroom in process (the cache's own tests show a change through the server is seen at once).
/// </remarks>
public sealed class CorrectionTests
{
    private const string Slug = "razvitie-situacii-v-irake";

    private static readonly Dictionary<string, string?> NoCache = new() { ["Hexapla:PageCacheMegabytes"] = "0" };

    private static readonly User Eddie = new(101, "eddie", Role.Editor, [], false, TestSite.Start);

    private static readonly User Rita = new(102, "rita", Role.Editor, [], false, TestSite.Start);

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static Newsroom NewsroomOf(TestSite site) => site.Services.GetRequiredService<Newsroom>();

    /// <summary>Saves a working copy (or a new revision) of the version through the newsroom, as Eddie.</summary>
    private static async Task SaveAsync(TestSite site, string slug, string language, Func<string, string> body, string? note, string? title = null)
    {
        var newsroom = NewsroomOf(site);
        var lang = LanguageTag.Parse(language);
        var current = (await newsroom.GetVersionAsync(Eddie, slug, lang))!.Latest;
        await newsroom.SaveVersionAsync(Eddie, slug, lang, new VersionEdit(title ?? current.Title, body(current.Body), current.Summary, note), current.Revision);
    }

    /// <summary>Eddie submits the text under work, Rita approves and publishes it now.</summary>
    private static async Task ReviewAndPublishAsync(TestSite site, string slug, string language)
    {
        var newsroom = NewsroomOf(site);
        var lang = LanguageTag.Parse(language);
        await newsroom.SubmitAsync(Eddie, slug, lang);
        await newsroom.ApproveAsync(Rita, slug, lang);
        await newsroom.PublishAsync(Rita, slug, lang);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(HttpStatusCode Status, string Body, DateTimeOffset? LastModified)> GetAsync(TestSite site, string path)
    {
        using var response = await site.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.LastModified);
    }

    private static async Task<Dictionary<string, string>> SitemapLastModAsync(TestSite site)
    {
        var sitemap = XDocument.Parse(await site.Client.GetStringAsync("/sitemap.xml"));
        return sitemap.Root!.Elements(Sitemap + "url")
            .Where(u => u.Element(Sitemap + "lastmod") is not null)
            .ToDictionary(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath, u => u.Element(Sitemap + "lastmod")!.Value);
    }

    private static XElement FeedEntry(string feed, string path) =>
        XDocument.Parse(feed).Root!.Elements(Atom + "entry").Single(e => e.Element(Atom + "id")!.Value.EndsWith(path, StringComparison.Ordinal));

    [Fact]
    public async Task WorkingCopies_SavedSubmittedAndApproved_ReachNoPublicSurface_AndChangeNoDate()
    {
        await using var site = await TestSite.StartAsync(settings: NoCache);
        const string Original = "wallabyworking";
        const string Translation = "quollworking";
        string[] surfaces =
        [
            $"/ru-ru/{Slug}", $"/en-gb/{Slug}", $"/ru-ru/{Slug}/compare/en-gb", $"/en-gb/{Slug}/compare/ru-ru",
            "/ru-ru/", "/en-gb/", "/ru-ru/feed.atom", "/en-gb/feed.atom", "/sitemap.xml",
            "/api/v1/documents", "/api/v1/documents?lang=ru-RU", $"/api/v1/documents/{Slug}", $"/api/v1/documents/{Slug}/ru-RU", $"/api/v1/documents/{Slug}/en-GB",
            $"/ru-ru/search?q={Original}", $"/en-gb/search?all=1&q={Translation}", $"/api/v1/search?q={Original}&lang=*", $"/api/v1/search?q={Translation}&lang=*",
        ];
        var before = new Dictionary<string, (HttpStatusCode, string, DateTimeOffset?)>();
        foreach (var path in surfaces)
        {
            before[path] = await GetAsync(site, path);
        }

        var lastModBefore = await SitemapLastModAsync(site);

        // An hour later: a correction of the original, in review then approved; a working copy of the translation.
        site.Clock.Advance(TimeSpan.FromHours(1));
        await SaveAsync(site, Slug, "ru-RU", body => body.Replace("Ирак", $"Ирак {Original}", StringComparison.Ordinal), $"Note {Original}", $"Title {Original}");
        await NewsroomOf(site).SubmitAsync(Eddie, Slug, LanguageTag.Parse("ru-RU"));
        await NewsroomOf(site).ApproveAsync(Rita, Slug, LanguageTag.Parse("ru-RU"));
        await SaveAsync(site, Slug, "en-GB", body => $"{Translation} {body}", $"Note {Translation}");

        foreach (var path in surfaces)
        {
            var after = await GetAsync(site, path);
            Assert.True(before[path] == after, $"GET {path} changed when working copies were saved: {after.Status}, Last-Modified {after.LastModified}");
            if (!path.Contains("search", StringComparison.Ordinal))
            {
                // A search page shows the query back; the same answer as before is what shows it found nothing new.
                Assert.DoesNotContain(Original, after.Body, StringComparison.Ordinal);
                Assert.DoesNotContain(Translation, after.Body, StringComparison.Ordinal);
            }
        }

        Assert.Equal(lastModBefore, await SitemapLastModAsync(site));
        Assert.Equal(2, lastModBefore.Count(l => l.Key.EndsWith(Slug, StringComparison.Ordinal)));

        // The static export reads the store as the site does: the live text, no word of the working copies.
        var folder = Path.Combine(Path.GetTempPath(), "hexapla-export-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await SiteExporter.ExportAsync(site.Services.GetRequiredService<IContentStore>(), new HexaplaOptions(), site.Clock.GetUtcNow(), new SiteExportOptions(folder, "https://press.example.org"));
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList();
            Assert.Contains(files, f => File.ReadAllText(f).Contains("Развитие ситуации в Ираке", StringComparison.Ordinal));
            Assert.All(files, f =>
            {
                var text = File.ReadAllText(f);
                Assert.False(text.Contains(Original, StringComparison.Ordinal) || text.Contains(Translation, StringComparison.Ordinal), $"{f} shows a working copy");
            });
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task PublishedCorrection_ShowsUpdatedAndItsNote_OnThePage_InTheFeed_AndInTheApi()
    {
        await using var site = await TestSite.StartAsync(settings: NoCache);
        var firstPublished = XDocument.Parse(await site.Client.GetStringAsync("/ru-ru/feed.atom")).Root!.Elements(Atom + "entry").Single().Element(Atom + "published")!.Value;
        var untouched = await site.GetPageAsync($"/ru-ru/{Slug}");
        Assert.Null(untouched.QuerySelector("article p.correction"));
        Assert.DoesNotContain("Обновлено", untouched.QuerySelector("article p.meta")!.TextContent, StringComparison.Ordinal);

        site.Clock.Advance(TimeSpan.FromDays(3));
        var corrected = site.Clock.GetUtcNow();
        const string Note = "Уточнена доля территории, которую контролируют террористы.";
        await SaveAsync(site, Slug, "ru-RU", body => body.Replace("треть территории", "около трети территории", StringComparison.Ordinal), Note);
        await ReviewAndPublishAsync(site, Slug, "ru-RU");

        // The page: both dates, each in a <time> with its instant, and the note under them.
        var page = await site.GetPageAsync($"/ru-ru/{Slug}");
        var meta = page.QuerySelector("article p.meta")!;
        var times = meta.QuerySelectorAll("time");
        Assert.Contains("около трети территории", page.QuerySelector("article .body")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Опубликовано ", meta.TextContent, StringComparison.Ordinal);
        Assert.Contains(" · Обновлено ", meta.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, times.Length);
        Assert.Equal(firstPublished[..19], times[0].GetAttribute("datetime")![..19]);
        Assert.Equal(Iso(corrected), times[1].GetAttribute("datetime"));
        Assert.Equal("2 декабря 2026 г.", times[1].TextContent.Replace('\u00A0', ' ').Replace('\u202F', ' '));
        Assert.Equal(Note, page.QuerySelector("article p.correction")!.TextContent);

        // The translation was not corrected: no "Updated" there.
        var translation = await site.GetPageAsync($"/en-gb/{Slug}");
        Assert.Single(translation.QuerySelectorAll("article p.meta time"));
        Assert.Null(translation.QuerySelector("article p.correction"));

        // The feed: updated is the correction, published stays the first publication.
        var entry = FeedEntry(await site.Client.GetStringAsync("/ru-ru/feed.atom"), $"/ru-ru/{Slug}");
        Assert.Equal(firstPublished, entry.Element(Atom + "published")!.Value);
        Assert.Equal(corrected, DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture));

        // The read API: the version, the document's list of versions, the listing.
        var version = JsonDocument.Parse(await site.Client.GetStringAsync($"/api/v1/documents/{Slug}/ru-RU")).RootElement;
        Assert.Equal(corrected, version.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(Note, version.GetProperty("correctionNote").GetString());
        Assert.Equal(firstPublished[..19], Iso(version.GetProperty("publishedAt").GetDateTimeOffset())[..19]);
        var english = JsonDocument.Parse(await site.Client.GetStringAsync($"/api/v1/documents/{Slug}/en-GB")).RootElement;
        Assert.Equal(JsonValueKind.Null, english.GetProperty("updatedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, english.GetProperty("correctionNote").ValueKind);
        var links = JsonDocument.Parse(await site.Client.GetStringAsync($"/api/v1/documents/{Slug}")).RootElement.GetProperty("versions").EnumerateArray()
            .ToDictionary(v => v.GetProperty("language").GetString()!, v => v.GetProperty("updatedAt"));
        Assert.Equal(corrected, links["ru-RU"].GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, links["en-GB"].ValueKind);
        var item = JsonDocument.Parse(await site.Client.GetStringAsync("/api/v1/documents?lang=ru-RU")).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(corrected, item.GetProperty("updatedAt").GetDateTimeOffset());

        // The sitemap says the page changed then.
        Assert.Equal(Iso(corrected), (await SitemapLastModAsync(site))[$"/ru-ru/{Slug}"]);
    }

    [Fact]
    public async Task PublishedCorrection_InEnglish_ReadsUpdated()
    {
        await using var site = await TestSite.StartAsync(settings: NoCache);
        site.Clock.Advance(TimeSpan.FromDays(1));
        await SaveAsync(site, Slug, "en-GB", body => body.Replace("one third", "about one third", StringComparison.Ordinal), "Figure corrected.");
        await ReviewAndPublishAsync(site, Slug, "en-GB");

        var page = await site.GetPageAsync($"/en-gb/{Slug}");

        Assert.Equal("Published 29 November 2026 · Updated 30 November 2026", page.QuerySelector("article p.meta")!.TextContent);
        Assert.Equal("Figure corrected.", page.QuerySelector("article p.correction")!.TextContent);
    }

    [Fact]
    public async Task Translation_WhoseOriginalWasCorrectedSince_SaysSo_LinkingTheSideBySideView_UntilItFollows()
    {
        await using var site = await TestSite.StartAsync(settings: NoCache);
        var english = $"/en-gb/{Slug}";
        Assert.Null((await site.GetPageAsync(english)).QuerySelector(".original-updated"));

        site.Clock.Advance(TimeSpan.FromDays(2));
        var corrected = site.Clock.GetUtcNow();
        await SaveAsync(site, Slug, "ru-RU", body => body.Replace("треть территории", "около трети территории", StringComparison.Ordinal), "Уточнена доля территории.");
        await ReviewAndPublishAsync(site, Slug, "ru-RU");

        var page = await site.GetPageAsync(english);
        var notice = page.QuerySelector("p.notice.original-updated")!;
        Assert.Equal("note", notice.GetAttribute("role"));
        Assert.StartsWith("The original was updated on 1 December 2026.", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal(Iso(corrected), notice.QuerySelector("time")!.GetAttribute("datetime"));
        var link = notice.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal($"/en-gb/{Slug}/compare/ru-ru", link);
        var compare = await GetAsync(site, link);
        Assert.Equal(HttpStatusCode.OK, compare.Status);
        Assert.Contains("около трети территории", compare.Body, StringComparison.Ordinal);
        // The original itself has no such notice.
        Assert.Null((await site.GetPageAsync($"/ru-ru/{Slug}")).QuerySelector(".original-updated"));

        // The translator follows the original (their working copy is made from its new revision) and it is published.
        site.Clock.Advance(TimeSpan.FromHours(5));
        await SaveAsync(site, Slug, "en-GB", body => body.Replace("one third", "about one third", StringComparison.Ordinal), "Follows the original's correction.");
        Assert.NotNull((await site.GetPageAsync(english)).QuerySelector(".original-updated"));
        await ReviewAndPublishAsync(site, Slug, "en-GB");
        Assert.Null((await site.GetPageAsync(english)).QuerySelector(".original-updated"));
    }

    [Fact]
    public async Task OriginalUpdatedNotice_InRussian_AndOffBySetting()
    {
        // An English original with a Russian translation, on two sites: the notice on (the default) and off.
        Task Prepare(string data, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("statement", "en-GB", "A statement", "The first paragraph.\n\nThe second paragraph.", "original: true\n"),
            TestContent.Markdown("statement", "ru-RU", "Заявление", "Первый абзац.\n\nВторой абзац.", "original: false\n"));
        await using var on = await TestSite.StartAsync(samples: false, settings: NoCache, prepare: Prepare);
        await using var off = await TestSite.StartAsync(
            samples: false, settings: new Dictionary<string, string?>(NoCache) { ["Hexapla:Review:OriginalUpdatedNotice"] = "false" }, prepare: Prepare);

        foreach (var site in new[] { on, off })
        {
            Assert.Equal(1, JsonDocument.Parse(await site.Client.GetStringAsync("/api/v1/documents/statement/ru-RU")).RootElement.GetProperty("sourceRevision").GetInt32());
            site.Clock.Advance(TimeSpan.FromDays(1));
            await SaveAsync(site, "statement", "en-GB", body => body.Replace("second", "corrected second", StringComparison.Ordinal), "Second paragraph corrected.");
            await ReviewAndPublishAsync(site, "statement", "en-GB");
        }

        var notice = (await on.GetPageAsync("/ru-ru/statement")).QuerySelector("p.notice.original-updated")!;
        Assert.StartsWith("Оригинал обновлён 30 ноября 2026 г.", notice.TextContent.Replace('\u00A0', ' ').Replace('\u202F', ' '), StringComparison.Ordinal);
        Assert.Equal("Перевод рядом с оригиналом", notice.QuerySelector("a")!.TextContent);
        Assert.Equal("/ru-ru/statement/compare/en-gb", notice.QuerySelector("a")!.GetAttribute("href"));

        var withoutNotice = await off.GetPageAsync("/ru-ru/statement");
        Assert.Null(withoutNotice.QuerySelector(".original-updated"));
        Assert.Equal("Второй абзац.", withoutNotice.QuerySelectorAll("article .body p")[1].TextContent);
        // The correction itself still shows on the original.
        Assert.NotNull((await off.GetPageAsync("/en-gb/statement")).QuerySelector("article p.correction"));
    }

    [Fact]
    public async Task Export_ShowsUpdatedAndTheNotice_AndWithoutSideBySidePages_TheNoticeHasNoLink()
    {
        await using var site = await TestSite.StartAsync(settings: NoCache);
        site.Clock.Advance(TimeSpan.FromDays(2));
        await SaveAsync(site, Slug, "ru-RU", body => body.Replace("треть территории", "около трети территории", StringComparison.Ordinal), "Уточнена доля территории.");
        await ReviewAndPublishAsync(site, Slug, "ru-RU");
        var store = site.Services.GetRequiredService<IContentStore>();
        var folder = Path.Combine(Path.GetTempPath(), "hexapla-export-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await SiteExporter.ExportAsync(store, new HexaplaOptions(), site.Clock.GetUtcNow(), new SiteExportOptions(Path.Combine(folder, "with"), "https://press.example.org"));
            await SiteExporter.ExportAsync(store, new HexaplaOptions(), site.Clock.GetUtcNow(), new SiteExportOptions(Path.Combine(folder, "without"), "https://press.example.org", Compare: false));
            await SiteExporter.ExportAsync(store, new HexaplaOptions(), site.Clock.GetUtcNow(), new SiteExportOptions(Path.Combine(folder, "off"), "https://press.example.org", OriginalUpdatedNotice: false));

            AngleSharp.Html.Dom.IHtmlDocument Page(string export, string language) =>
                new AngleSharp.Html.Parser.HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(folder, export, language, Slug, "index.html")));
            Assert.Equal("Уточнена доля территории.", Page("with", "ru-ru").QuerySelector("article p.correction")!.TextContent);
            Assert.EndsWith("compare/ru-ru/", Page("with", "en-gb").QuerySelector(".original-updated a")!.GetAttribute("href"), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "with", "en-gb", Slug, "compare", "ru-ru", "index.html")));
            Assert.NotNull(Page("without", "en-gb").QuerySelector(".original-updated"));
            Assert.Null(Page("without", "en-gb").QuerySelector(".original-updated a"));
            Assert.Null(Page("off", "en-gb").QuerySelector(".original-updated"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
