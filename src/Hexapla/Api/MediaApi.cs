using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;
using Hexapla.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hexapla.Api;

/// <summary>
/// The media library's API. Reads (<c>GET /api/v1/media</c>, <c>GET /api/v1/media/{id}</c>) for any signed-in caller,
/// a token or the admin's session; every change for API tokens only, like the write API, through the
/// <see cref="MediaLibrary"/>, which checks the user's rights first and leaves the store unchanged on every refusal.
/// </summary>
/// <remarks>
/// Uploads are <c>multipart/form-data</c> with the file in the part named <c>file</c>. The body is read here as it
/// arrives, after the token has been checked, and the file spooled to a temporary file (hashed on the way) that is
/// inspected before anything is stored: a body over <c>Hexapla:Limits:UploadBytes</c> is a 413, a multipart body cut
/// short a 400, content the library does not take a 415. Errors are RFC 9457 problem details naming the
/// <c>field</c> at fault.
/// </remarks>
internal static class MediaApi
{
    /// <summary>The most items one page of the list holds.</summary>
    public const int PageSize = 50;

    // The longest text field of an upload form (title, alt, caption, lang): the library's own limit, in UTF-8, with room.
    private const int FieldBytes = MediaLibrary.MaxTextLength * 4 + 64;

    public static WebApplication MapMediaApi(this WebApplication app)
    {
        var reads = app.MapGroup("/api/v1/media").RequireAuthorization();
        reads.MapGet("/", ListAsync);
        reads.MapGet("/{id}", FindAsync);

        var writes = app.MapTokenGroup("/api/v1/media");
        writes.MapPost("/", UploadAsync).WithMetadata(TooLarge.MediaUpload);
        writes.MapPut("/{id}", SaveTextsAsync);
        writes.MapDelete("/{id}", DeleteAsync);
        writes.MapPut("/{id}/files/{lang}", SaveFileAsync).WithMetadata(TooLarge.MediaUpload);
        writes.MapDelete("/{id}/files/{lang}", RemoveFileAsync);
        return app;
    }

    public sealed record FocalResponse(double X, double Y);

    /// <summary>One file of an item: the original's or a language's variant.</summary>
    public sealed record FileResponse(
        string Language, string FileName, string ContentType, long Size, int? Width, int? Height, string Url, bool TextIndexed, string? TextNote);

    /// <summary>A text in one language: <c>outdated</c> when the original's text changed since it was translated.</summary>
    public sealed record TextResponse(string Text, bool Outdated, bool Machine);

    public sealed record UseResponse(string Slug, string Language, bool Live, bool Working, bool Public);

    /// <summary>An item; <c>uses</c> (where it is used) only in the answer about one item, not in lists.</summary>
    public sealed record ItemResponse(
        long Id, string Kind, string OriginalLanguage, FocalResponse? Focal, IReadOnlyList<FileResponse> Files,
        IReadOnlyDictionary<string, TextResponse> Title, IReadOnlyDictionary<string, TextResponse> Alt, IReadOnlyDictionary<string, TextResponse> Caption,
        DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset UpdatedAt,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UseResponse>? Uses = null);

    public sealed record ListResponse(int Page, int PageSize, long Total, IReadOnlyList<ItemResponse> Items);

    /// <summary>A text of an item as a version in some language shows it; <c>language</c> only when it is the original's, fallen back on.</summary>
    public sealed record ShownText(string Text, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language);

    /// <summary>A resized image readers can fetch.</summary>
    public sealed record RenditionLink(int Width, string ContentType, string Url);

    /// <summary>
    /// An item as a version's readers get it: the file in the version's language (its variant, else the original's,
    /// whose <c>language</c> then differs), its texts in that language (else the original's, marked), public addresses.
    /// </summary>
    public sealed record UsedMedia(
        long Id, string Kind, string Url, string Language, string FileName, string ContentType, long Size, int? Width, int? Height,
        ShownText? Title, ShownText? Alt, ShownText? Caption,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RenditionLink>? Renditions);

    /// <summary>
    /// The items <paramref name="markdown"/> uses (<see cref="MediaReferences.In"/>), in order of first use, as a version in
    /// <paramref name="language"/> shows them; an id with no item (deleted) is left out.
    /// </summary>
    public static async Task<IReadOnlyList<UsedMedia>> UsedByAsync(
        IMediaStore store, string markdown, LanguageTag language, string baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(language);
        var ids = MediaReferences.In(markdown);
        if (ids.Count == 0)
        {
            return [];
        }

        var items = await store.FindMediaAsync(ids, cancellationToken);
        ShownText? Shown(MediaItem item, MediaField field) =>
            item.TextFor(field, language) is { } text ? new ShownText(text.Text, text.Language == language ? null : text.Language.Value) : null;

        var used = new List<UsedMedia>();
        foreach (var id in ids)
        {
            if (!items.TryGetValue(id, out var item))
            {
                continue;
            }

            var file = item.FileFor(language);
            IReadOnlyList<RenditionLink>? renditions = null;
            if (item.Kind == MediaKind.Image && !MediaLinks.ServedAsIs(item))
            {
                RenditionFormat[] formats = [RenditionFormat.Avif, RenditionFormat.WebP, MediaLinks.FallbackFormat(item)];
                renditions = [.. formats.SelectMany(format => MediaLinks.WidthsFor(item).Select(width =>
                    new RenditionLink(width, MediaLinks.ContentType(format), baseUrl + MediaLinks.Rendition(item, new RenditionRequest(width, null, format)))))];
            }

            used.Add(new UsedMedia(
                item.Id, item.Kind.Name(), baseUrl + MediaLinks.File(item, file), file.Language.Value, file.FileName, file.ContentType, file.Size, file.Width, file.Height,
                Shown(item, MediaField.Title), item.Kind == MediaKind.Image ? Shown(item, MediaField.Alt) : null, Shown(item, MediaField.Caption), renditions));
        }

        return used;
    }

    /// <summary>The JSON of <paramref name="item"/>, with its <paramref name="uses"/> when given.</summary>
    public static ItemResponse ToResponse(MediaItem item, string baseUrl, IReadOnlyList<MediaUse>? uses)
    {
        ArgumentNullException.ThrowIfNull(item);
        Dictionary<string, TextResponse> Texts(MediaField field) => item.Texts
            .Where(t => t.Field == field)
            .OrderBy(t => t.Language.Value, StringComparer.Ordinal)
            .ToDictionary(t => t.Language.Value, t => new TextResponse(t.Text, item.IsOutdated(t), t.Machine), StringComparer.Ordinal);

        return new ItemResponse(
            item.Id, item.Kind.Name(), item.OriginalLanguage.Value, item.Focal is { } f ? new FocalResponse(f.X, f.Y) : null,
            [.. item.Files.Select(file => new FileResponse(file.Language.Value, file.FileName, file.ContentType, file.Size, file.Width, file.Height,
                baseUrl + MediaLinks.File(item, file), !string.IsNullOrWhiteSpace(file.Text), file.TextNote))],
            Texts(MediaField.Title), Texts(MediaField.Alt), Texts(MediaField.Caption),
            item.CreatedAt, item.CreatedBy, item.UpdatedAt,
            uses?.Select(u => new UseResponse(u.Slug, u.Language.Value, u.Live, u.Working, u.Public)).ToList());
    }

    private static async Task<IResult> ListAsync(HttpContext http, MediaLibrary library, SiteContext site, CancellationToken cancellationToken)
    {
        if (await SignedInAsync(http) is { } denied)
        {
            return denied;
        }

        var query = http.Request.Query;
        var text = query["q"].ToString().Trim();
        if (text.Length > 200)
        {
            return ReadApi.BadRequest("q", $"The search text is {text.Length} characters long; at most 200.");
        }

        MediaKind? kind = null;
        if (query["kind"].ToString() is { Length: > 0 } kindName)
        {
            if (!MediaNames.TryParseKind(kindName, out var parsed))
            {
                return ReadApi.BadRequest("kind", $"\"{kindName}\" is not a kind of media: use image or file.");
            }

            kind = parsed;
        }

        LanguageTag? language = null;
        if (query["lang"].ToString() is { Length: > 0 } lang)
        {
            if (!LanguageTag.TryParse(lang, out var parsed, out var error))
            {
                return ReadApi.BadRequest("lang", error);
            }

            language = parsed;
        }

        if (Paging.Requested(http.Request) is not { } page)
        {
            return ReadApi.BadRequest("page", Paging.Problem(http.Request));
        }

        var found = await library.Store.ListMediaAsync(new MediaFilter(text.Length == 0 ? null : text, kind, language, (page - 1) * PageSize, PageSize), cancellationToken);
        var baseUrl = site.BaseUrl(http.Request);
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Ok(new ListResponse(page, PageSize, found.Total, [.. found.Items.Select(i => ToResponse(i, baseUrl, null))]));
    }

    private static async Task<IResult> FindAsync(string id, HttpContext http, MediaLibrary library, SiteContext site, CancellationToken cancellationToken)
    {
        if (await SignedInAsync(http) is { } denied)
        {
            return denied;
        }

        if (ParseId(id) is not { } number)
        {
            return BadId(id);
        }

        return await RunAsync(async () =>
        {
            var item = await library.FindAsync(number, cancellationToken);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Ok(await WithUsesAsync(item, library, site, http, cancellationToken));
        });
    }

    private static async Task<IResult> UploadAsync(
        HttpContext http, MediaLibrary library, SiteContext site, IOptions<Limits> limits, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        // Permission before the body is read: a translator's upload is refused without its bytes being taken in.
        if (!user.CanManageMedia())
        {
            return Problem(new MediaException(MediaErrorKind.Forbidden, $"{user.Name} ({AdminAuth.RoleName(user.Role)}) may not upload media: only admins and editors may."));
        }

        var (form, refused) = await ReadUploadAsync(http, limits.Value, cancellationToken);
        if (form is null)
        {
            return refused!;
        }

        using (form.File)
        {
            LanguageTag language;
            if (form.Fields.TryGetValue("lang", out var lang) && lang.Trim().Length > 0)
            {
                if (!LanguageTag.TryParse(lang.Trim(), out var parsed, out var error))
                {
                    return ReadApi.BadRequest("lang", error);
                }

                language = parsed;
            }
            else
            {
                language = await site.DefaultLanguageAsync(cancellationToken);
            }

            var texts = new List<MediaText>();
            foreach (var field in Enum.GetValues<MediaField>())
            {
                if (form.Fields.TryGetValue(field.Name(), out var value) && value.Trim().Length > 0)
                {
                    texts.Add(new MediaText(language, field, value));
                }
            }

            return await RunAsync(async () =>
            {
                var item = await library.UploadAsync(user, form.File, language, texts, cancellationToken);
                var body = ToResponse(item, site.BaseUrl(http.Request), []);
                return Results.Created($"/api/v1/media/{item.Id.ToString(CultureInfo.InvariantCulture)}", body);
            });
        }
    }

    private static async Task<IResult> SaveFileAsync(
        string id, string lang, HttpContext http, MediaLibrary library, SiteContext site, IOptions<Limits> limits, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (!user.CanManageMedia())
        {
            return Problem(new MediaException(MediaErrorKind.Forbidden, $"{user.Name} ({AdminAuth.RoleName(user.Role)}) may not upload media: only admins and editors may."));
        }

        if (ParseId(id) is not { } number)
        {
            return BadId(id);
        }

        if (!LanguageTag.TryParse(lang, out var language, out var languageError))
        {
            return ReadApi.BadRequest("lang", languageError);
        }

        // No such item: said before its file is taken in.
        if (await library.Store.FindMediaAsync(number, cancellationToken) is null)
        {
            return Problem(new MediaException(MediaErrorKind.NotFound, $"There is no media item {number}."));
        }

        var (form, refused) = await ReadUploadAsync(http, limits.Value, cancellationToken);
        if (form is null)
        {
            return refused!;
        }

        using (form.File)
        {
            if (form.Fields.Keys.FirstOrDefault() is { } extra)
            {
                return ReadApi.BadRequest(extra, $"A file of a language takes only the part \"file\"; \"{extra}\" is not read here. Set texts with PUT /api/v1/media/{number}.");
            }

            return await RunAsync(async () =>
            {
                var item = await library.SaveFileAsync(user, number, form.File, language, cancellationToken);
                return Results.Ok(await WithUsesAsync(item, library, site, http, cancellationToken));
            });
        }
    }

    private static async Task<IResult> RemoveFileAsync(string id, string lang, HttpContext http, MediaLibrary library, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (ParseId(id) is not { } number)
        {
            return BadId(id);
        }

        if (!LanguageTag.TryParse(lang, out var language, out var languageError))
        {
            return ReadApi.BadRequest("lang", languageError);
        }

        return await RunAsync(async () =>
        {
            var item = await library.RemoveFileAsync(user, number, language, cancellationToken);
            return Results.Ok(await WithUsesAsync(item, library, site, http, cancellationToken));
        });
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, MediaLibrary library)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (ParseId(id) is not { } number)
        {
            return BadId(id);
        }

        return await RunAsync(async () =>
        {
            await library.DeleteAsync(user, number, http.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>
    /// <c>PUT /api/v1/media/{id}</c>: <c>{"title": {LANG: text}, "alt": {…}, "caption": {…}, "focal": {"x": 0.5, "y": 0.3}}</c>,
    /// every member optional; an empty or null text removes that language's text, <c>"focal": null</c> the focal point.
    /// Every part is checked before anything is written.
    /// </summary>
    private static async Task<IResult> SaveTextsAsync(string id, HttpContext http, MediaLibrary library, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (ParseId(id) is not { } number)
        {
            return BadId(id);
        }

        var (body, bad) = await ReadJsonAsync(http, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        using (body)
        {
            var root = body!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ReadApi.BadRequest("body", "The body is not a JSON object; send {\"title\": {\"en-GB\": \"…\"}, \"alt\": {…}, \"caption\": {…}}.");
            }

            var texts = new List<MediaText>();
            var focalGiven = false;
            FocalPoint? focal = null;
            foreach (var member in root.EnumerateObject())
            {
                if (member.Name == "focal")
                {
                    focalGiven = true;
                    if (ReadFocal(member.Value) is { } problem)
                    {
                        return problem;
                    }

                    focal = member.Value.ValueKind == JsonValueKind.Null ? null
                        : new FocalPoint(member.Value.GetProperty("x").GetDouble(), member.Value.GetProperty("y").GetDouble());
                    continue;
                }

                if (!MediaNames.TryParseField(member.Name, out var field))
                {
                    return ReadApi.BadRequest(member.Name, $"\"{member.Name}\" is not a member of a media item's texts: use title, alt, caption and focal.");
                }

                if (member.Value.ValueKind != JsonValueKind.Object)
                {
                    return ReadApi.BadRequest(member.Name, $"\"{member.Name}\" is an object of texts by language, e.g. {{\"en-GB\": \"…\"}}.");
                }

                foreach (var text in member.Value.EnumerateObject())
                {
                    var where = $"{member.Name}.{text.Name}";
                    if (!LanguageTag.TryParse(text.Name, out var language, out var error))
                    {
                        return ReadApi.BadRequest(where, error);
                    }

                    if (text.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        return ReadApi.BadRequest(where, $"The {member.Name} in {language} is a string (empty or null removes it).");
                    }

                    texts.Add(new MediaText(language, field, text.Value.GetString() ?? ""));
                }
            }

            if (texts.Count == 0 && !focalGiven)
            {
                return ReadApi.BadRequest("body", "Nothing to change: give title, alt or caption by language, or focal.");
            }

            return await RunAsync(async () =>
            {
                var item = await library.FindAsync(number, cancellationToken);
                if (focalGiven)
                {
                    // The focal point is checked before any text is written, so a refusal leaves the item as it was.
                    if (!user.CanManageMedia())
                    {
                        throw new MediaException(MediaErrorKind.Forbidden, $"{user.Name} ({AdminAuth.RoleName(user.Role)}) may not set a focal point: only admins and editors may.") { Field = "focal" };
                    }

                    if (item.Kind != MediaKind.Image)
                    {
                        throw new MediaException($"Item {number} is not an image: only images have a focal point.") { Field = "focal" };
                    }
                }

                if (texts.Count > 0)
                {
                    item = await library.SetTextsAsync(user, number, texts, cancellationToken);
                }

                if (focalGiven)
                {
                    item = await library.SetFocalPointAsync(user, number, focal, cancellationToken);
                }

                return Results.Ok(await WithUsesAsync(item, library, site, http, cancellationToken));
            });
        }
    }

    private static IResult? ReadFocal(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("x", out var x) || !value.TryGetProperty("y", out var y)
            || x.ValueKind != JsonValueKind.Number || y.ValueKind != JsonValueKind.Number
            || value.EnumerateObject().Count() != 2)
        {
            return ReadApi.BadRequest("focal", "\"focal\" is {\"x\": …, \"y\": …}, each from 0 to 1 (fractions of the width and height), or null for the middle.");
        }

        return new FocalPoint(x.GetDouble(), y.GetDouble()).IsValid
            ? null
            : ReadApi.BadRequest("focal", $"The focal point ({x.GetRawText()}, {y.GetRawText()}) lies outside the image: x and y go from 0 to 1.");
    }

    private static async Task<ItemResponse> WithUsesAsync(MediaItem item, MediaLibrary library, SiteContext site, HttpContext http, CancellationToken cancellationToken) =>
        ToResponse(item, site.BaseUrl(http.Request), await library.Store.ListMediaUsesAsync(item.Id, site.Now, cancellationToken));

    /// <summary>An upload as read: the spooled file and the form's other fields.</summary>
    private sealed record Upload(SpooledFile File, Dictionary<string, string> Fields);

    /// <summary>
    /// Reads a multipart upload as it arrives: the part named <c>file</c> spooled to a temporary file, the other parts
    /// as short text fields. Every refusal deletes what was spooled; nothing reaches the store from here.
    /// </summary>
    private static async Task<(Upload? Upload, IResult? Problem)> ReadUploadAsync(HttpContext http, Limits limits, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the file as multipart/form-data, in a part named \"file\" (curl -F file=@photo.jpg -F lang=en-GB …)."));
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
        {
            return (null, ReadApi.BadRequest("body", "The multipart body has no boundary in its Content-Type; nothing was stored."));
        }

        TooLarge.AllowUpload(http);
        SpooledFile? file = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    throw new UploadRefused(ReadApi.BadRequest("body", "A part of the multipart body has no Content-Disposition: form-data with a name; nothing was stored."));
                }

                if (name == "file")
                {
                    if (file is not null)
                    {
                        throw new UploadRefused(ReadApi.BadRequest("file", "The body has more than one part named \"file\": upload one file per request. Nothing was stored."));
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    if (fileName is null)
                    {
                        throw new UploadRefused(ReadApi.BadRequest("file", "The part \"file\" has no filename in its Content-Disposition; send it as a file. Nothing was stored."));
                    }

                    // The name is checked before the bytes are taken in: a name with a path or a control character is refused at once.
                    MediaInspector.CheckName(fileName);
                    file = await SpooledFile.SpoolAsync(section.Body, fileName, section.ContentType, limits.UploadBytes, cancellationToken: cancellationToken);
                    continue;
                }

                if (name is not ("lang" or "title" or "alt" or "caption"))
                {
                    throw new UploadRefused(ReadApi.BadRequest(name, $"The upload has a part \"{name}\"; it takes file, lang, title, alt and caption. Nothing was stored."));
                }

                if (fields.ContainsKey(name))
                {
                    throw new UploadRefused(ReadApi.BadRequest(name, $"The part \"{name}\" is given twice; nothing was stored."));
                }

                fields[name] = await ReadFieldAsync(section, name, cancellationToken);
            }

            if (file is null)
            {
                throw new UploadRefused(ReadApi.BadRequest("file", "The upload has no part named \"file\" holding the file; nothing was stored."));
            }

            return (new Upload(file, fields), null);
        }
        catch (Exception failure)
        {
            file?.Dispose();
            return (null, failure switch
            {
                UploadRefused refused => refused.Problem,
                MediaException media => Problem(media),
                _ when TooLarge.Is(failure) => Results.Problem(title: "Payload too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"{TooLarge.Describe(http)} Nothing was stored."),
                InvalidDataException invalid => ReadApi.BadRequest("body", $"The multipart body cannot be read: {invalid.Message} Nothing was stored."),
                IOException when !cancellationToken.IsCancellationRequested => ReadApi.BadRequest("file",
                    "The upload ended before its multipart body did (its closing boundary never came): the file is incomplete. Nothing was stored."),
                _ => throw failure.Rethrow(),
            });
        }
    }

    // A form field of the upload, read with a bound: it is a short text, never a second file.
    private static async Task<string> ReadFieldAsync(MultipartSection section, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[FieldBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await section.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > FieldBytes)
        {
            throw new UploadRefused(ReadApi.BadRequest(name, $"The part \"{name}\" is longer than a {(name == "lang" ? "language tag" : "text of the library")} can be; nothing was stored."));
        }

        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(buffer, 0, length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new UploadRefused(ReadApi.BadRequest(name, $"The part \"{name}\" is not UTF-8 text; nothing was stored."));
        }
    }

    /// <summary>A refusal met while reading an upload, carried out of the reading loop.</summary>
    private sealed class UploadRefused(IResult problem) : Exception("The upload was refused.")
    {
        public IResult Problem { get; } = problem;
    }

    private static Exception Rethrow(this Exception failure)
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return failure;
    }

    /// <summary>Reads a JSON body as a document; a 415, 413 or 400 problem saying what is wrong with it.</summary>
    private static async Task<(JsonDocument? Body, IResult? Problem)> ReadJsonAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, Results.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the body as JSON with Content-Type: application/json."));
        }

        try
        {
            return (await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken), null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return (null, ReadApi.BadRequest("body", $"The body is not JSON{where}."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Results.Problem(title: "Payload too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: TooLarge.Describe(http)));
        }
    }

    /// <summary>The 401 for a caller without a token or session (reads take either).</summary>
    private static async Task<IResult?> SignedInAsync(HttpContext http)
    {
        if (await http.CurrentUserAsync() is not null)
        {
            return null;
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
            detail: "The media library needs an API token (Authorization: Bearer …) or a signed-in session.");
    }

    private static long? ParseId(string id) =>
        id.Length is > 0 and <= 18 && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static IResult BadId(string id) =>
        ReadApi.BadRequest("id", $"\"{(id.Length > 40 ? id[..40] + "…" : id)}\" is not a media item's number (a whole number from 1).");

    private static async Task<IResult> RunAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (MediaException e)
        {
            return Problem(e);
        }
    }

    /// <summary>The problem details of a refusal: its status by kind, and the field at fault when there is one.</summary>
    public static IResult Problem(MediaException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var status = e.Kind switch
        {
            MediaErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            MediaErrorKind.NotFound => StatusCodes.Status404NotFound,
            MediaErrorKind.Conflict => StatusCodes.Status409Conflict,
            MediaErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
            MediaErrorKind.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status400BadRequest,
        };
        var title = status == StatusCodes.Status400BadRequest && e.Field is { } invalid ? $"Invalid value for '{invalid}'" : ReasonPhrases.GetReasonPhrase(status);
        return Results.Problem(title: title, statusCode: status, detail: e.Message,
            extensions: e.Field is { } field ? new Dictionary<string, object?> { ["field"] = field } : null);
    }
}
