using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site.Export;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;

namespace Hexapla.Tests.Export;

/// <summary>
/// The static export carries the media its pages refer to, at the addresses the live site serves them at, and nothing
/// a reader may not fetch yet.
/// </summary>
public sealed class MediaExportTests : IDisposable
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hexapla-media-export-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static AuditEntry Audit(string action) => new(0, Now.AddDays(-1), "editor", action, null, null);

    private static async Task<MediaItem> UploadAsync(SqliteContentStore store, MediaKind kind, string name, string type, byte[] bytes, int? width = null, int? height = null)
    {
        var content = BlobContent.Of(bytes);
        return await store.CreateMediaAsync(
            new NewMediaItem(kind, RuRu, new MediaFile(RuRu, name, type, bytes.Length, content.Sha256, width, height), content, []), Audit("media.upload"));
    }

    private static Document Doc(string slug, string body, DateTimeOffset publishedAt) => new()
    {
        Slug = slug,
        OriginalLanguage = RuRu,
        CreatedAt = Now.AddDays(-1),
        UpdatedAt = Now.AddDays(-1),
        Versions = [new LanguageVersion { Language = RuRu, Title = slug, Body = body, State = VersionState.Published, PublishedAt = publishedAt, UpdatedAt = Now.AddDays(-1) }],
    };

    // The pages refer to the items twice: by media:ID, which records the use (what makes an item public), and by the
    // public addresses, as rendered pages do.
    [Fact]
    public async Task Export_PageLinkingAFileAndARendition_BothWrittenAtTheirAddresses_EmbargoedItemLeftOut()
    {
        var store = await SqliteContentStore.OpenAsync(Path.Combine(_folder, "data", SqliteContentStore.FileName));
        byte[] png;
        using (var drawn = NetVips.Image.Black(800, 600, bands: 3).Linear(new double[] { 1, 1, 1 }, new double[] { 40, 120, 200 }).Cast(NetVips.Enums.BandFormat.Uchar))
        {
            png = drawn.PngsaveBuffer();
        }

        var map = await UploadAsync(store, MediaKind.Image, "карта.png", "image/png", png, 800, 600);
        var pdfBytes = "%PDF-1.4\n% a statement\n"u8.ToArray();
        var pdf = await UploadAsync(store, MediaKind.File, "заявление о ситуации.pdf", "application/pdf", pdfBytes);
        var secret = await UploadAsync(store, MediaKind.File, "embargoed.pdf", "application/pdf", "%PDF-1.4\n% not yet\n"u8.ToArray());
        var rendition = MediaLinks.Rendition(map, new RenditionRequest(320, null, RenditionFormat.WebP));
        var file = MediaLinks.File(pdf, pdf.Original);
        await store.CreateDocumentAsync(Doc("public-note", $"![Карта]({rendition})\n\n[Текст заявления]({file})\n\n[карта](media:{map.Id}), [текст](media:{pdf.Id})\n", Now.AddHours(-1)), Audit("document.create"));
        await store.CreateDocumentAsync(Doc("embargoed-note", $"[Secret]({MediaLinks.File(secret, secret.Original)})\n\n[secret](media:{secret.Id})\n", Now.AddDays(1)), Audit("document.create"));
        var output = Path.Combine(_folder, "site");
        var reports = new List<(int Done, int Total)>();

        var report = await SiteExporter.ExportAsync(store, new HexaplaOptions(), Now, new SiteExportOptions(output, "https://press.example.org"),
            media: new SynchronousProgress<(int, int)>(reports.Add));

        Assert.Equal(2, report.MediaFiles);
        Assert.Equal((2, 2), reports[^1]);
        var page = await File.ReadAllTextAsync(Path.Combine(output, "ru-ru", "public-note", "index.html"));
        Assert.Contains($"src=\"../..{rendition}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"../..{file}\"", page, StringComparison.Ordinal);
        var exportedPdf = Path.Combine(output, "media", pdf.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf.Original.Sha256[..16], "заявление о ситуации.pdf");
        Assert.Equal(pdfBytes, await File.ReadAllBytesAsync(exportedPdf));
        var exportedRendition = Path.Combine(output, rendition.TrimStart('/'));
        using (var webp = NetVips.Image.NewFromFile(exportedRendition))
        {
            Assert.Equal((320, 240), (webp.Width, webp.Height));
            Assert.Equal("webpload", (string)webp.Get("vips-loader"));
        }

        Assert.NotNull(await store.FindRenditionAsync(Renditions.Key(map, new RenditionRequest(320, null, RenditionFormat.WebP))));
        Assert.False(Directory.Exists(Path.Combine(output, "media", secret.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Empty(Directory.EnumerateFiles(output, "embargoed*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Rewrite_SourceSetOfSiteAddresses_EachCandidateRelative_ForeignOnesKept()
    {
        var html = """<source type="image/webp" srcset="/media/4/0123456789abcdef-w320.webp 320w, /media/4/0123456789abcdef-w640.webp 640w, https://cdn.example.org/x.webp 2x">""";

        var rewritten = ExportLinks.Rewrite(html, "/ru-ru/slug/", searchUrl: null);

        Assert.Equal("""<source type="image/webp" srcset="../../media/4/0123456789abcdef-w320.webp 320w, ../../media/4/0123456789abcdef-w640.webp 640w, https://cdn.example.org/x.webp 2x">""", rewritten);
        Assert.Equal("/media/4/0123456789abcdef/README", ExportLinks.UrlPath("/media/4/0123456789abcdef/README"));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
