using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hexapla.Hosting;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hexapla.Tests.Api;

/// <summary>
/// The media API against a running site with real uploads: what is stored and answered, and that every refusal
/// (a bad name, content that disagrees with its name, a hostile SVG, a cut-short or too large body, a user without the
/// right) answers with the field at fault and leaves every media table and blob exactly as it was.
/// </summary>
public sealed class MediaApiTests
{
    private const string Library = "/api/v1/media";

    private static byte[] Png(int width = 64, int height = 48)
    {
        using var black = NetVips.Image.Black(width, height, bands: 3);
        using var image = black + 77;
        return image.PngsaveBuffer();
    }

    // A one-page PDF with a line of text, as PdfPig's builder writes it.
    private static byte[] Pdf(string text)
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        return builder.Build();
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string? contentType, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        return form;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(Newsdesk desk, HttpMethod method, string path, string? who, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (who is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", desk.Tokens[who]);
        }

        using var response = await desk.Site.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Rows of every media table and the blobs' chunks: what a refusal must leave as it was.</summary>
    private static async Task<string> CountsAsync(TestSite site)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(site.DataFolder, SqliteContentStore.FileName)};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        var counts = new List<string>();
        foreach (var table in new[] { "media_items", "media_files", "media_texts", "media_blobs", "media_chunks", "media_renditions" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table};";
            counts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }

        return string.Join(", ", counts);
    }

    private static async Task<long> UploadAsync(Newsdesk desk, byte[] bytes, string name, params (string Name, string Value)[] fields)
    {
        var (status, json) = await SendAsync(desk, HttpMethod.Post, Library, "eddie", Form(bytes, name, null, fields));
        Assert.True(status == HttpStatusCode.Created, $"{status}: {json}");
        return json.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Upload_Photograph_Answers201WithItsJsonAndLocation_AndGetShowsFilesTextsAndUses()
    {
        await using var desk = await Newsdesk.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Library)
        {
            Content = Form(Png(), "встреча.png", "image/png", ("lang", "ru-RU"), ("alt", "Министры за столом"), ("caption", "Встреча в Багдаде")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", desk.Tokens["eddie"]);

        using var response = await desk.Site.Client.SendAsync(request);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = created.GetProperty("id").GetInt64();
        var (status, item) = await SendAsync(desk, HttpMethod.Get, $"{Library}/{id}", "tess", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/media/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("image", "ru-RU"), (item.GetProperty("kind").GetString(), item.GetProperty("originalLanguage").GetString()));
        var file = Assert.Single(item.GetProperty("files").EnumerateArray());
        Assert.Equal(("ru-RU", "встреча.png", "image/png", 64, 48), (file.GetProperty("language").GetString(), file.GetProperty("fileName").GetString(),
            file.GetProperty("contentType").GetString(), file.GetProperty("width").GetInt32(), file.GetProperty("height").GetInt32()));
        Assert.Contains($"/media/{id}/", file.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("Министры за столом", item.GetProperty("alt").GetProperty("ru-RU").GetProperty("text").GetString());
        Assert.Equal("Встреча в Багдаде", item.GetProperty("caption").GetProperty("ru-RU").GetProperty("text").GetString());
        Assert.Equal("встреча", item.GetProperty("title").GetProperty("ru-RU").GetProperty("text").GetString());
        Assert.Empty(item.GetProperty("uses").EnumerateArray());
    }

    [Fact]
    public async Task EveryRefusedUpload_NamesTheFieldAndReason_AndLeavesTheStoreUnchanged()
    {
        await using var desk = await Newsdesk.StartAsync(new Dictionary<string, string?> { ["Hexapla:Limits:UploadBytes"] = "200000" });
        var kept = await UploadAsync(desk, Png(), "kept.png");
        var before = await CountsAsync(desk.Site);
        var hostileSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.cookie)\"><rect width=\"9\" height=\"9\"/></svg>"u8.ToArray();
        var truncated = new StringContent(
            "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"map.png\"\r\nContent-Type: image/png\r\n\r\n" + new string('x', 5000),
            Encoding.Latin1);
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        (string What, HttpMethod Method, string Path, string Who, HttpContent Content, HttpStatusCode Status, string Field, string Says)[] cases =
        [
            ("content named otherwise", HttpMethod.Post, Library, "eddie", Form(Png(), "photo.jpg", "image/jpeg"), HttpStatusCode.BadRequest, "file", "photo.jpg: the name ends in .jpg"),
            ("a path in the name", HttpMethod.Post, Library, "eddie", Form(Png(), "../../etc/map.png", "image/png"), HttpStatusCode.BadRequest, "file", "holds a path"),
            ("a control character", HttpMethod.Post, Library, "eddie", Form(Png(), "map\u0007.png", "image/png"), HttpStatusCode.BadRequest, "file", "control"),
            ("an SVG handler", HttpMethod.Post, Library, "eddie", Form(hostileSvg, "map.svg", "image/svg+xml"), HttpStatusCode.BadRequest, "file", "event handler attribute onload"),
            ("not a kind taken", HttpMethod.Post, Library, "eddie", Form("#!/bin/sh\nrm -rf /\n"u8.ToArray(), "run.sh", "text/x-sh"), HttpStatusCode.UnsupportedMediaType, "file", "run.sh: the content is not a kind"),
            ("over the limit", HttpMethod.Post, Library, "eddie", Form(new byte[250_000], "big.png", "image/png"), HttpStatusCode.RequestEntityTooLarge, "", "Hexapla:Limits:UploadBytes"),
            ("cut short", HttpMethod.Post, Library, "eddie", truncated, HttpStatusCode.BadRequest, "file", "ended before its multipart body did"),
            ("a bad language", HttpMethod.Post, Library, "eddie", Form(Png(), "map.png", "image/png", ("lang", "xx_!")), HttpStatusCode.BadRequest, "lang", ""),
            ("an alt text with a line break", HttpMethod.Post, Library, "eddie", Form(Png(), "map.png", "image/png", ("alt", "one\ntwo")), HttpStatusCode.BadRequest, "alt.", "line break"),
            ("a translator", HttpMethod.Post, Library, "tess", Form(Png(), "map.png", "image/png"), HttpStatusCode.Forbidden, "", "only admins and editors"),
            ("a variant of another kind", HttpMethod.Put, $"{Library}/{kept}/files/en-GB", "eddie", Form("%PDF-1.7\n"u8.ToArray(), "map.pdf", "application/pdf"), HttpStatusCode.BadRequest, "file", ""),
            ("a variant of no item", HttpMethod.Put, $"{Library}/999/files/en-GB", "eddie", Form(Png(), "map.png", "image/png"), HttpStatusCode.NotFound, "", "no media item 999"),
        ];

        var problems = new List<string>();
        foreach (var (what, method, path, who, content, expected, field, says) in cases)
        {
            var (status, json) = await SendAsync(desk, method, path, who, content);
            var detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
            var named = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("field", out var f) ? f.GetString() ?? "" : "";
            if (status != expected || !named.StartsWith(field, StringComparison.Ordinal) || (field.Length == 0 && named.Length > 0) || !detail.Contains(says, StringComparison.Ordinal))
            {
                problems.Add($"{what}: {(int)status} field '{named}': {json}");
            }

            if (await CountsAsync(desk.Site) is var after && after != before)
            {
                problems.Add($"{what}: the store changed: {before} → {after}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Texts_TranslatorWritesTheirLanguage_OutdatedWhenTheOriginalChanges_AndOthersAreRefused()
    {
        await using var desk = await Newsdesk.StartAsync();
        var id = await UploadAsync(desk, Png(), "map.png", ("lang", "ru-RU"), ("alt", "Карта"));
        var path = $"{Library}/{id}";

        var (mayNot, refused) = await SendAsync(desk, HttpMethod.Put, path, "tess", JsonContent(new { alt = new Dictionary<string, string> { ["ru-RU"] = "Не моя" } }));
        var (focalRefused, focalProblem) = await SendAsync(desk, HttpMethod.Put, path, "tess",
            JsonContent(new { alt = new Dictionary<string, string> { ["en-GB"] = "Not written" }, focal = new { x = 0.2, y = 0.2 } }));
        var (_, translated) = await SendAsync(desk, HttpMethod.Put, path, "tess", JsonContent(new { alt = new Dictionary<string, string> { ["en-GB"] = "A map" } }));
        var (_, changed) = await SendAsync(desk, HttpMethod.Put, path, "eddie",
            JsonContent(new { alt = new Dictionary<string, string> { ["ru-RU"] = "Карта района" }, focal = new { x = 0.25, y = 0.75 } }));
        var (outside, outsideProblem) = await SendAsync(desk, HttpMethod.Put, path, "eddie", JsonContent(new { focal = new { x = 1.5, y = 0.5 } }));

        Assert.Equal(HttpStatusCode.Forbidden, mayNot);
        Assert.Equal("alt.ru-RU", refused.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, focalRefused);
        Assert.Equal("focal", focalProblem.GetProperty("field").GetString());
        Assert.False(translated.GetProperty("alt").GetProperty("en-GB").GetProperty("outdated").GetBoolean());
        Assert.True(changed.GetProperty("alt").GetProperty("en-GB").GetProperty("outdated").GetBoolean());
        Assert.Equal("A map", changed.GetProperty("alt").GetProperty("en-GB").GetProperty("text").GetString());
        Assert.Equal(0.75, changed.GetProperty("focal").GetProperty("y").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, outside);
        Assert.Equal("focal", outsideProblem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Delete_OfAnItemADocumentUses_Is409NamingIt_AndTheReadApiListsItsMediaPerLanguage()
    {
        await using var desk = await Newsdesk.StartAsync();
        var photo = await UploadAsync(desk, Png(), "photo.png", ("lang", "ru-RU"), ("alt", "Фото"), ("caption", "Подпись"));
        var pdf = await UploadAsync(desk, Pdf("Statement on the situation in Iraq"), "statement-ru.pdf", ("lang", "ru-RU"));
        var (_, alt) = await SendAsync(desk, HttpMethod.Put, $"{Library}/{photo}", "tess", JsonContent(new { alt = new Dictionary<string, string> { ["en-GB"] = "Photo" } }));
        Assert.Equal("Photo", alt.GetProperty("alt").GetProperty("en-GB").GetProperty("text").GetString());
        var body = $"Текст.\n\n![](media:{photo})\n\n[Заявление](media:{pdf})";
        await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/documents", "eddie", new { slug = "media-statement", language = "ru-RU", title = "Заявление", body });
        await desk.ReviewAsync("/api/v1/documents/media-statement/ru-RU");
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/documents/media-statement/ru-RU/publish", "eddie");

        var (deleteStatus, conflict) = await SendAsync(desk, HttpMethod.Delete, $"{Library}/{photo}", "eddie", null);
        var (_, item) = await SendAsync(desk, HttpMethod.Get, $"{Library}/{photo}", "eddie", null);
        var (russian, _) = await desk.GetAsync("/api/v1/documents/media-statement/ru-RU", null);

        Assert.Equal(HttpStatusCode.Conflict, deleteStatus);
        Assert.Contains("media-statement (ru-RU)", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var use = Assert.Single(item.GetProperty("uses").EnumerateArray());
        Assert.Equal(("media-statement", "ru-RU", true, true), (use.GetProperty("slug").GetString(), use.GetProperty("language").GetString(),
            use.GetProperty("live").GetBoolean(), use.GetProperty("public").GetBoolean()));
        var media = russian.GetProperty("media").EnumerateArray().ToList();
        Assert.Equal(photo, media[0].GetProperty("id").GetInt64());
        Assert.Equal("Фото", media[0].GetProperty("alt").GetProperty("text").GetString());
        Assert.False(media[0].GetProperty("alt").TryGetProperty("language", out _));
        Assert.StartsWith(desk.Site.BaseAddress.ToString().TrimEnd('/') + $"/media/{photo}/", media[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains(media[0].GetProperty("renditions").EnumerateArray(), r => r.GetProperty("contentType").GetString() == "image/webp");
        Assert.Equal(("file", "application/pdf", "statement-ru.pdf"), (media[1].GetProperty("kind").GetString(),
            media[1].GetProperty("contentType").GetString(), media[1].GetProperty("fileName").GetString()));
        Assert.Equal(JsonValueKind.Null, media[1].GetProperty("alt").ValueKind);
    }

    [Fact]
    public async Task ReadApi_TranslationWithoutItsOwnTexts_FallsBackToTheOriginalsMarked_AndLinksItsOwnVariant()
    {
        await using var desk = await Newsdesk.StartAsync();
        var photo = await UploadAsync(desk, Png(), "photo.png", ("lang", "ru-RU"), ("alt", "Фото"), ("caption", "Подпись"));
        var (variantStatus, variant) = await SendAsync(desk, HttpMethod.Put, $"{Library}/{photo}/files/en-GB", "eddie", Form(Png(96, 48), "photo-en.png", "image/png"));
        Assert.Equal(HttpStatusCode.OK, variantStatus);
        Assert.Equal(2, variant.GetProperty("files").GetArrayLength());
        await SendAsync(desk, HttpMethod.Put, $"{Library}/{photo}", "tess", JsonContent(new { caption = new Dictionary<string, string> { ["en-GB"] = "Caption" } }));
        await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/documents", "eddie", new { slug = "photo-note", language = "ru-RU", title = "Фото", body = $"![](media:{photo})" });
        var (_, tag) = await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, "/api/v1/documents/photo-note/en-GB", "tess",
            new { title = "Photo", body = $"![](media:{photo})" }, ifMatch: "*");
        await desk.ReviewAsync("/api/v1/documents/photo-note/ru-RU");
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/documents/photo-note/ru-RU/publish", "eddie");
        await desk.ReviewAsync("/api/v1/documents/photo-note/en-GB", author: "tess");
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/documents/photo-note/en-GB/publish", "eddie");

        var (english, _) = await desk.GetAsync("/api/v1/documents/photo-note/en-GB", null);

        var media = Assert.Single(english.GetProperty("media").EnumerateArray());
        Assert.Equal(("en-GB", "photo-en.png", 96), (media.GetProperty("language").GetString(), media.GetProperty("fileName").GetString(), media.GetProperty("width").GetInt32()));
        Assert.Equal(("Фото", "ru-RU"), (media.GetProperty("alt").GetProperty("text").GetString(), media.GetProperty("alt").GetProperty("language").GetString()));
        Assert.Equal("Caption", media.GetProperty("caption").GetProperty("text").GetString());
        Assert.False(media.GetProperty("caption").TryGetProperty("language", out _));
        Assert.NotNull(tag);
    }

    [Fact]
    public async Task List_SearchesAndFilters_AndAnonymousCallersAreRefused()
    {
        await using var desk = await Newsdesk.StartAsync();
        await UploadAsync(desk, Png(), "baghdad-map.png", ("lang", "en-GB"), ("title", "Baghdad map"));
        await UploadAsync(desk, Pdf("Minutes of the meeting"), "minutes.pdf", ("lang", "en-GB"));

        var (_, all) = await SendAsync(desk, HttpMethod.Get, Library, "tom", null);
        var (_, images) = await SendAsync(desk, HttpMethod.Get, Library + "?kind=image", "tom", null);
        var (_, found) = await SendAsync(desk, HttpMethod.Get, Library + "?q=baghdad", "tom", null);
        var (anonymous, _) = await SendAsync(desk, HttpMethod.Get, Library, null, null);

        Assert.True(all.GetProperty("total").GetInt64() >= 1);
        Assert.All(images.GetProperty("items").EnumerateArray(), i => Assert.Equal("image", i.GetProperty("kind").GetString()));
        Assert.Contains(found.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetProperty("en-GB").GetProperty("text").GetString() == "Baghdad map");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
    }

    [Fact]
    public void UploadLimits_MediaTakeUploadBytes_InterchangeFilesKeepTheirOwnSmallerLimit()
    {
        var defaults = new Limits();

        Assert.Equal(("UploadBytes", 100L * 1024 * 1024), TooLarge.LimitOf(TooLarge.MediaUpload, defaults));
        Assert.Equal(("InterchangeUploadBytes", 10L * 1024 * 1024), TooLarge.LimitOf(TooLarge.Upload, defaults));
        Assert.Equal(("UploadBytes", 32768L), TooLarge.LimitOf(TooLarge.Upload, new Limits { UploadBytes = 32768 }));
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
