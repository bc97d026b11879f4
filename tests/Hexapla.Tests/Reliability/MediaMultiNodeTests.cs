using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Hosting;
using Hexapla.Media;
using Hexapla.Site;
using Hexapla.Storage.Postgres;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Reliability;

/// <summary>
/// Two web nodes, each with its own data folder (search index, media disk cache), on one PostgreSQL store: what is
/// uploaded and published through one is served by the other from the store, renditions included, and what is not
/// public stays 404 on both.
/// </summary>
public sealed class MediaMultiNodeTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private readonly List<string> _folders = [];
    private PostgresServer? _server;
    private string? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null && _database is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await _server.DropDatabaseAsync(_database);
        }

        foreach (var folder in _folders.Where(Directory.Exists))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open stays in the temp folder; it does not affect other tests.
            }
        }
    }

    private static byte[] Photograph()
    {
        // A gradient, so the JPEG and its renditions are real images of some size rather than flat colour.
        using var x = NetVips.Image.Xyz(1600, 1000);
        using var bands = x.ExtractBand(0) / 7;
        using var rgb = NetVips.Image.Black(1600, 1000, bands: 3) + bands;
        using var cast = rgb.Cast(NetVips.Enums.BandFormat.Uchar);
        return cast.JpegsaveBuffer(q: 85);
    }

    private static byte[] Pdf(string text, int pages)
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        for (var n = 1; n <= pages; n++)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            page.AddText($"{text}, page {n}", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        }

        return builder.Build();
    }

    private static async Task<JsonElement> SendAsync(TestSite node, string token, HttpMethod method, string path, HttpContent? content, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await node.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode}, not {(int)expected}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<JsonElement> UploadAsync(TestSite node, string token, byte[] bytes, string name, string lang)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "file", name);
        form.Add(new StringContent(lang, Encoding.UTF8), "lang");
        return SendAsync(node, token, HttpMethod.Post, "/api/v1/media", form, HttpStatusCode.Created);
    }

    private static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(TestSite node, string path, RangeHeaderValue? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Range = range;
        var response = await node.Client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private string NewFolder()
    {
        var folder = TestSite.NewDataFolder();
        _folders.Add(folder);
        return folder;
    }

    [SkippableFact]
    public async Task UploadAndPublishOnNodeA_NodeBServesFileRenditionRangeAndPage_FromTheStore_UnpublishedStays404()
    {
        _server = await PostgresServer.GetAsync();
        _database = await _server.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(TestSite.Start);
        var tokens = new Dictionary<string, string>();
        using (var store = await PostgresContentStore.OpenAsync(_database))
        {
            foreach (var (name, role) in new[] { ("eddie", Role.Editor), ("rita", Role.Reviewer) })
            {
                var user = await store.AddUserAsync(name, role, [], Passwords.Hash(Password), clock.GetUtcNow(), "test");
                var token = ApiTokens.Create();
                await store.AddTokenAsync($"{name}-token", user.Id, ApiTokens.HashOf(token), clock.GetUtcNow());
                tokens[name] = token;
            }
        }

        // Both hosts are built in this flow, so both open the same PostgreSQL database; each has its own data folder.
        StoreSetup.UseOptions("postgres", _database);
        await using var nodeA = await TestSite.StartAsync(samples: false, dataFolder: NewFolder(), clock: clock);
        await using var nodeB = await TestSite.StartAsync(samples: false, dataFolder: NewFolder(), clock: clock);
        var eddie = tokens["eddie"];

        var photoBytes = Photograph();
        var pdfBytes = Pdf("Statement on the situation in Iraq", pages: 40);
        var draftBytes = Pdf("Embargoed annex", pages: 2);
        var photo = (await UploadAsync(nodeA, eddie, photoBytes, "meeting.jpg", "en-GB")).GetProperty("id").GetInt64();
        var pdf = (await UploadAsync(nodeA, eddie, pdfBytes, "statement.pdf", "en-GB")).GetProperty("id").GetInt64();
        var draft = (await UploadAsync(nodeA, eddie, draftBytes, "annex.pdf", "en-GB")).GetProperty("id").GetInt64();
        MediaItem photoItem, pdfItem, draftItem;
        using (var store = await PostgresContentStore.OpenAsync(_database))
        {
            (photoItem, pdfItem, draftItem) = ((await store.FindMediaAsync(photo))!, (await store.FindMediaAsync(pdf))!, (await store.FindMediaAsync(draft))!);
        }

        var pdfPath = MediaLinks.File(pdfItem, pdfItem.Original);
        var draftPath = MediaLinks.File(draftItem, draftItem.Original);
        // Before anything is published node B refuses the file: and it must not keep that answer once A publishes.
        var (early, _) = await GetAsync(nodeB, pdfPath);
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);

        await SendAsync(nodeA, eddie, HttpMethod.Post, "/api/v1/documents",
            JsonContent.Create(new { slug = "statement-with-media", language = "en-GB", title = "Statement", body = $"Text.\n\n![Ministers at the table](media:{photo})\n\n[The statement](media:{pdf})\n" }),
            HttpStatusCode.Created);
        await SendAsync(nodeA, eddie, HttpMethod.Post, "/api/v1/documents/statement-with-media/en-GB/submit", null, HttpStatusCode.OK);
        await SendAsync(nodeA, tokens["rita"], HttpMethod.Post, "/api/v1/documents/statement-with-media/en-GB/approve", null, HttpStatusCode.OK);
        await SendAsync(nodeA, eddie, HttpMethod.Post, "/api/v1/documents/statement-with-media/en-GB/publish", null, HttpStatusCode.OK);
        // A second document uses the annex, but only as a draft.
        await SendAsync(nodeA, eddie, HttpMethod.Post, "/api/v1/documents",
            JsonContent.Create(new { slug = "draft-with-annex", language = "en-GB", title = "Draft", body = $"[Annex](media:{draft})\n" }),
            HttpStatusCode.Created);
        clock.Advance(TimeSpan.FromMinutes(1));

        var rendition = new RenditionRequest(640, null, RenditionFormat.WebP);
        var renditionKey = Renditions.Key(photoItem, rendition);
        using (var store = await PostgresContentStore.OpenAsync(_database))
        {
            Assert.Null(await store.FindRenditionAsync(renditionKey));
        }

        // Node B rereads the store's generation every CacheRecheck (one second of real time): until then it may still
        // answer from what it decided before A published, as its page cache does for pages.
        var (file, fileBody) = await GetAsync(nodeB, pdfPath);
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); file.StatusCode == HttpStatusCode.NotFound && wait.Elapsed < TimeSpan.FromSeconds(15);)
        {
            await Task.Delay(200);
            (file, fileBody) = await GetAsync(nodeB, pdfPath);
        }

        var (part, partBody) = await GetAsync(nodeB, pdfPath, new RangeHeaderValue(1000, 1999));
        var (image, imageBody) = await GetAsync(nodeB, MediaLinks.Rendition(photoItem, rendition));
        var (page, pageBody) = await GetAsync(nodeB, "/en-gb/statement-with-media");
        var (annex, _) = await GetAsync(nodeB, draftPath);
        var (annexOnA, _) = await GetAsync(nodeA, draftPath);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(pdfBytes, fileBody);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(pdfBytes[1000..2000], partBody);
        Assert.Equal($"bytes 1000-1999/{pdfBytes.Length}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/webp", image.Content.Headers.ContentType?.MediaType);
        using (var made = NetVips.Image.NewFromBuffer(imageBody))
        {
            Assert.Equal(640, made.Width);
        }

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = Encoding.UTF8.GetString(pageBody);
        Assert.Contains(pdfPath, html, StringComparison.Ordinal);
        Assert.Contains("Ministers at the table", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, annex.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, annexOnA.StatusCode);

        // The rendition was made by node B (node A never saw a request for it), kept in the store for every node, and in B's disk cache only.
        using (var store = await PostgresContentStore.OpenAsync(_database))
        {
            var kept = await store.FindRenditionAsync(renditionKey);
            Assert.NotNull(kept);
            var cachedOnB = Path.Combine(nodeB.DataFolder, MediaDiskCache.FolderName, kept.Sha256[..2], kept.Sha256);
            var cachedOnA = Path.Combine(nodeA.DataFolder, MediaDiskCache.FolderName, kept.Sha256[..2], kept.Sha256);
            Assert.Equal(imageBody, await File.ReadAllBytesAsync(cachedOnB));
            Assert.False(File.Exists(cachedOnA));
        }

        // Node A then serves the rendition B made, from the store, byte for byte.
        var (sameOnA, sameOnABody) = await GetAsync(nodeA, MediaLinks.Rendition(photoItem, rendition));
        Assert.Equal(HttpStatusCode.OK, sameOnA.StatusCode);
        Assert.Equal(imageBody, sameOnABody);
    }
}
