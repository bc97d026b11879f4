using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using NetVips;

namespace Hexapla.Tests.Site;

/// <summary>
/// <c>/media/…</c> on a real server: who gets what (public, embargoed, draft; anonymous, token, session), the headers
/// (immutable, ETag, 304, ranges, HEAD, nosniff, disposition, SVG's sandbox), renditions without metadata, the disk cache.
/// </summary>
public sealed class MediaServingTests
{
    private const string Password = "correct horse battery staple";
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");

    private sealed record Seeded(TestSite Site, string Token, MediaItem Photo, MediaItem Pdf, MediaItem Svg, MediaItem Docx, MediaItem Embargoed, MediaItem Draft) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Site.DisposeAsync();
    }

    /// <summary>A JPEG with a GPS position and a camera make, as a phone writes it.</summary>
    private static byte[] PhotoWithGps(int width, int height)
    {
        using var gradient = Image.Xyz(width, height);
        using var bands = gradient[0].Bandjoin(gradient[1], gradient[0] + gradient[1]);
        using var photo = bands.Cast(Enums.BandFormat.Uchar);
        using var tagged = photo.Mutate(m =>
        {
            m.Set(GValue.GStrType, "exif-ifd0-Make", "Hexapla Test Camera");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "33/1 18/1 45/1");
        });
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    private static async Task<Seeded> StartAsync()
    {
        var token = ApiTokens.Create();
        var items = new Dictionary<string, MediaItem>();
        var site = await TestSite.StartAsync(samples: false, prepare: async (data, clock) =>
        {
            var user = await AdminClient.AddUserAsync(data, clock, "eddie", Role.Editor, Password);
            var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
            await store.AddTokenAsync("eddie-token", user.Id, ApiTokens.HashOf(token), clock.GetUtcNow());
            var audit = new AuditEntry(0, clock.GetUtcNow(), "eddie", "media.upload", null, null);

            async Task<MediaItem> AddAsync(string key, MediaKind kind, string name, string type, byte[] bytes, int? width = null, int? height = null)
            {
                var content = BlobContent.Of(bytes);
                var item = await store.CreateMediaAsync(
                    new NewMediaItem(kind, RuRu, new MediaFile(RuRu, name, type, bytes.Length, content.Sha256, width, height), content, []), audit);
                items[key] = item;
                return item;
            }

            var pdfBytes = Encoding.ASCII.GetBytes("%PDF-1.4\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"line {i:D4} of the statement\n")) + "%%EOF\n");
            var photo = await AddAsync("photo", MediaKind.Image, "встреча.jpg", "image/jpeg", PhotoWithGps(1000, 750), 1000, 750);
            var pdf = await AddAsync("pdf", MediaKind.File, "заявление.pdf", "application/pdf", pdfBytes);
            var svg = await AddAsync("svg", MediaKind.Image, "map.svg", "image/svg+xml",
                """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"""u8.ToArray(), 10, 10);
            var docx = await AddAsync("docx", MediaKind.File, "notes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 3, 4, 1, 2, 3]);
            var embargoed = await AddAsync("embargoed", MediaKind.File, "embargo.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4\nembargoed words\n%%EOF\n"));
            var draft = await AddAsync("draft", MediaKind.Image, "draft.jpg", "image/jpeg", PhotoWithGps(400, 300), 400, 300);

            var now = clock.GetUtcNow();
            Document Doc(string slug, string body, VersionState state, DateTimeOffset? published) => new()
            {
                Slug = slug,
                OriginalLanguage = RuRu,
                CreatedAt = now,
                UpdatedAt = now,
                Versions = [new LanguageVersion { Language = RuRu, Title = slug, Body = body, State = state, PublishedAt = published, UpdatedAt = now }],
            };

            await store.SaveDocumentsAsync([
                Doc("public", $"![](media:{photo.Id})\n\n[PDF](media:{pdf.Id})\n\n![](media:{svg.Id})\n\n[notes](media:{docx.Id})", VersionState.Published, now.AddHours(-1)),
                Doc("embargoed", $"[PDF](media:{embargoed.Id})", VersionState.Published, now.AddDays(1)),
                Doc("draft", $"![](media:{draft.Id})", VersionState.Draft, null),
            ]);
        });
        return new Seeded(site, token, items["photo"], items["pdf"], items["svg"], items["docx"], items["embargoed"], items["draft"]);
    }

    private static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(TestSite site, string path, string? token = null, Action<HttpRequestMessage>? more = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        more?.Invoke(request);
        var response = await site.Client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static string Cache(HttpResponseMessage response) => response.Headers.CacheControl?.ToString() ?? "";

    private static string Disposition(HttpResponseMessage response) => response.Content.Headers.ContentDisposition?.ToString() ?? "";

    [Fact]
    public async Task Rendition_PublicItem_ServedImmutableUprightWithoutGps_ThenNotModified()
    {
        await using var seeded = await StartAsync();
        var path = MediaLinks.Rendition(seeded.Photo, new RenditionRequest(640, null, RenditionFormat.Jpeg));

        var (response, body) = await GetAsync(seeded.Site, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", Cache(response));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("inline", Disposition(response), StringComparison.Ordinal);
        var tag = response.Headers.ETag;
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))}\"", tag.Tag);
        using (var image = Image.NewFromBuffer(body))
        {
            Assert.Equal((640, 480), (image.Width, image.Height));
            Assert.DoesNotContain(image.GetFields(), f => f.StartsWith("exif-", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data");
        }

        Assert.DoesNotContain("Hexapla Test Camera", Encoding.Latin1.GetString(body), StringComparison.Ordinal);
        // Kept on this node's disk under its checksum.
        Assert.True(File.Exists(Path.Combine(seeded.Site.DataFolder, MediaDiskCache.FolderName, tag.Tag[1..3], tag.Tag[1..^1])));

        var (again, againBody) = await GetAsync(seeded.Site, path, more: r => r.Headers.IfNoneMatch.Add(tag));

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(againBody);
        Assert.Equal("public, max-age=31536000, immutable", Cache(again));
    }

    [Fact]
    public async Task Rendition_EveryFormatAndACrop_ServedWithTheirTypes()
    {
        await using var seeded = await StartAsync();
        foreach (var (request, type) in new[]
        {
            (new RenditionRequest(320, null, RenditionFormat.WebP), "image/webp"),
            (new RenditionRequest(320, null, RenditionFormat.Avif), "image/avif"),
            (new RenditionRequest(1000, null, RenditionFormat.Png), "image/png"),
            (new RenditionRequest(640, 640, RenditionFormat.Jpeg), "image/jpeg"),
        })
        {
            var (response, body) = await GetAsync(seeded.Site, MediaLinks.Rendition(seeded.Photo, request));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            using var image = Image.NewFromBuffer(body);
            Assert.Equal((request.Width, request.Height ?? request.Width * 3 / 4), (image.Width, image.Height));
        }
    }

    [Theory]
    [InlineData("-w333.jpg")] // a width no page offers
    [InlineData("-640x500-500-500.jpg")] // a shape no page offers
    [InlineData("-640x480-100-100.jpg")] // not the item's focal point
    [InlineData("-w0640.jpg")]
    [InlineData("-w640.gif")]
    public async Task Rendition_NotAnAddressPagesGive_NotFoundForReaders(string recipe)
    {
        await using var seeded = await StartAsync();

        var (response, _) = await GetAsync(seeded.Site, $"/media/{seeded.Photo.Id}/{seeded.Photo.Original.Sha256[..16]}{recipe}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-store", Cache(response));
    }

    [Fact]
    public async Task Rendition_WrongChecksumOrItem_NotFound()
    {
        await using var seeded = await StartAsync();
        var good = MediaLinks.Rendition(seeded.Photo, new RenditionRequest(640, null, RenditionFormat.Jpeg));

        foreach (var path in new[]
        {
            good.Replace(seeded.Photo.Original.Sha256[..16], "0000000000000000", StringComparison.Ordinal),
            good.Replace($"/media/{seeded.Photo.Id}/", $"/media/{seeded.Pdf.Id}/", StringComparison.Ordinal),
            good.Replace($"/media/{seeded.Photo.Id}/", "/media/999999/", StringComparison.Ordinal),
            good.Replace($"/media/{seeded.Photo.Id}/", $"/media/0{seeded.Photo.Id}/", StringComparison.Ordinal),
            MediaLinks.Rendition(seeded.Svg, new RenditionRequest(320, null, RenditionFormat.Png)),
        })
        {
            var (response, _) = await GetAsync(seeded.Site, path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task File_EmbargoedItem_NotFoundUntilTheEmbargoLifts()
    {
        await using var seeded = await StartAsync();
        var path = MediaLinks.File(seeded.Embargoed, seeded.Embargoed.Original);

        var (before, beforeBody) = await GetAsync(seeded.Site, path);
        seeded.Site.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var (after, afterBody) = await GetAsync(seeded.Site, path);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("no-store", Cache(before));
        Assert.DoesNotContain("embargoed words", Encoding.ASCII.GetString(beforeBody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("embargoed words", Encoding.ASCII.GetString(afterBody), StringComparison.Ordinal);
        Assert.Equal("public, max-age=31536000, immutable", Cache(after));
    }

    [Fact]
    public async Task DraftItem_SignedInWithTokenOrSession_ServedPrivateNoStore_AnonymousNotFound()
    {
        await using var seeded = await StartAsync();
        var rendition = MediaLinks.Rendition(seeded.Draft, new RenditionRequest(320, null, RenditionFormat.WebP));
        var embargoed = MediaLinks.File(seeded.Embargoed, seeded.Embargoed.Original);

        var (anonymous, _) = await GetAsync(seeded.Site, rendition);
        var (withToken, _) = await GetAsync(seeded.Site, rendition, seeded.Token);
        var (embargoedWithToken, _) = await GetAsync(seeded.Site, embargoed, seeded.Token);
        var (oddSize, _) = await GetAsync(seeded.Site, $"/media/{seeded.Draft.Id}/{seeded.Draft.Original.Sha256[..16]}-w333.jpg", seeded.Token);
        using var session = new AdminClient(seeded.Site);
        await session.LoginOrFailAsync("eddie", Password);
        using var withSession = await session.Http.GetAsync(rendition);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal("no-store, private", string.Join(", ", withToken.Headers.CacheControl!.ToString().Split(", ").Order()));
        Assert.Equal(HttpStatusCode.OK, embargoedWithToken.StatusCode);
        Assert.Contains("no-store", Cache(embargoedWithToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, oddSize.StatusCode); // editors may ask for any size (admin thumbnails)
        Assert.Equal(HttpStatusCode.OK, withSession.StatusCode);
        Assert.Contains("no-store", withSession.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PhotoOriginal_ReadersAreSentToARendition_EditorsGetTheOriginalWithItsMetadata()
    {
        await using var seeded = await StartAsync();
        var original = MediaLinks.File(seeded.Photo, seeded.Photo.Original);

        var (reader, _) = await GetAsync(seeded.Site, original);
        var (editor, editorBody) = await GetAsync(seeded.Site, original, seeded.Token);

        Assert.Equal(HttpStatusCode.Redirect, reader.StatusCode);
        Assert.Equal(MediaLinks.Rendition(seeded.Photo, new RenditionRequest(1000, null, RenditionFormat.Jpeg)), reader.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        Assert.Contains("no-store", Cache(editor), StringComparison.Ordinal);
        using var image = Image.NewFromBuffer(editorBody);
        Assert.Contains("exif-ifd3-GPSLatitude", image.GetFields());
    }

    [Fact]
    public async Task Pdf_RangesHeadAndDisposition()
    {
        await using var seeded = await StartAsync();
        var path = MediaLinks.File(seeded.Pdf, seeded.Pdf.Original);
        var (whole, wholeBody) = await GetAsync(seeded.Site, path);

        var (part, partBody) = await GetAsync(seeded.Site, path, more: r => r.Headers.Range = new RangeHeaderValue(100, 109));
        var (tail, tailBody) = await GetAsync(seeded.Site, path, more: r => r.Headers.Range = new RangeHeaderValue(null, 6));
        var (beyond, _) = await GetAsync(seeded.Site, path, more: r => r.Headers.Range = new RangeHeaderValue(wholeBody.Length + 10, null));
        var (head, headBody) = await GetAsync(seeded.Site, path, method: HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("application/pdf", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal(seeded.Pdf.Original.Size, wholeBody.Length);
        var disposition = whole.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("заявление.pdf", disposition.FileNameStar);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 100-109/{wholeBody.Length}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(wholeBody[100..110], partBody);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal("%%EOF\n", Encoding.ASCII.GetString(tailBody));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal($"bytes */{wholeBody.Length}", beyond.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(headBody);
        Assert.Equal(wholeBody.Length, head.Content.Headers.ContentLength);
        Assert.Equal(whole.Headers.ETag, head.Headers.ETag);
    }

    [Fact]
    public async Task Svg_ServedSandboxed_OfficeFile_AsAttachment()
    {
        await using var seeded = await StartAsync();

        var (svg, _) = await GetAsync(seeded.Site, MediaLinks.File(seeded.Svg, seeded.Svg.Original));
        var (docx, _) = await GetAsync(seeded.Site, MediaLinks.File(seeded.Docx, seeded.Docx.Original));

        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(MediaEndpoints.SvgContentSecurityPolicy, svg.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("public, max-age=31536000, immutable", Cache(svg));
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("attachment", docx.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("notes.docx", docx.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, docx.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task File_WrongName_NotFound()
    {
        await using var seeded = await StartAsync();

        var (response, _) = await GetAsync(seeded.Site, $"/media/{seeded.Pdf.Id}/{seeded.Pdf.Original.Sha256[..16]}/other.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DiskCache_DeletedWhileRunning_IsFilledAgainFromTheStore()
    {
        await using var seeded = await StartAsync();
        var path = MediaLinks.Rendition(seeded.Photo, new RenditionRequest(320, null, RenditionFormat.WebP));
        var (first, firstBody) = await GetAsync(seeded.Site, path);
        var folder = Path.Combine(seeded.Site.DataFolder, MediaDiskCache.FolderName);
        Assert.True(Directory.Exists(folder));

        Directory.Delete(folder, recursive: true);
        var (second, secondBody) = await GetAsync(seeded.Site, path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBody, secondBody);
        Assert.True(Directory.Exists(folder));
    }
}
