using System.Globalization;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Api;

/// <summary>
/// The write API, JSON, for API tokens (<c>Authorization: Bearer …</c>) only: a browser's session cookie never
/// writes through it, so a page elsewhere cannot make a signed-in editor's browser change anything. Every change
/// goes through the <see cref="Newsroom"/>, which checks the user's rights and keeps revisions and the audit log.
/// </summary>
internal static class WriteApi
{
    public static WebApplication MapWriteApi(this WebApplication app)
    {
        // The whole group requires an API token; each endpoint still takes its user from the token, never a cookie.
        var api = app.MapTokenGroup("/api/v1/documents");
        api.MapPost("/", CreateAsync);
        api.MapPut("/{slug}/{lang}", SaveAsync);
        api.MapPost("/{slug}/{lang}/publish", PublishAsync);
        api.MapPost("/{slug}/{lang}/unpublish", UnpublishAsync);
        api.MapDelete("/{slug}", DeleteAsync);
        return app;
    }

    public sealed record CreateRequest(string? Slug, string? Language, string? Title, string? Body, string? Summary, IReadOnlyList<string>? Tags);

    public sealed record EditRequest(string? Title, string? Body, string? Summary);

    /// <summary>
    /// <c>at</c> is read as text by <see cref="Instants"/>, not by the JSON reader, which would take a time without an
    /// offset in the server's own time zone: an embargo must not depend on where the server runs.
    /// </summary>
    public sealed record PublishRequest(string? At);

    /// <summary>The ETag of a version: its revision and its state, since publishing changes one but not the other.</summary>
    public static string ETagOf(LanguageVersion version) => string.Create(CultureInfo.InvariantCulture,
        $"\"{version.Revision}-{version.State.Name()}-{version.PublishedAt?.ToUnixTimeMilliseconds() ?? 0}\"");

    private static async Task<IResult> CreateAsync(HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, denied) = await TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        // Permission before the body is read or judged.
        if (Refused(() => Newsroom.AuthorizeCreate(user)) is { } forbidden)
        {
            return forbidden;
        }

        var (request, bad) = await ReadAsync<CreateRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        if (!LanguageTag.TryParse(request.Language, out var language, out var languageError))
        {
            return ReadApi.BadRequest("language", request.Language is null ? "\"language\" is required: the original's language, e.g. \"ru-RU\"." : languageError);
        }

        if ((Missing(request.Title, "title") ?? Missing(request.Body, "body")) is { } missing)
        {
            return missing;
        }

        return await RunAsync(async () =>
        {
            var document = await newsroom.CreateDocumentAsync(user, new NewDocument(
                string.IsNullOrWhiteSpace(request.Slug) ? null : request.Slug.Trim(), language, request.Title!, request.Body!, request.Summary, request.Tags),
                cancellationToken);
            var version = document.Version(language)!;
            var location = $"/api/v1/documents/{document.Slug}/{language.Value}";
            http.Response.Headers.ETag = ETagOf(version);
            return Results.Created(location, ReadApi.ToResponse(document.Slug, version, document.OriginalLanguage, site.BaseUrl(http.Request)));
        });
    }

    private static async Task<IResult> SaveAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        // Permission before any precondition: a user who may not write this version gets 403, never a 428 or a 412
        // that would tell them its current revision.
        if (await RefusedAsync(() => newsroom.AuthorizeEditAsync(user, slug, language, cancellationToken)) is { } forbidden)
        {
            return forbidden;
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
        {
            return Results.Problem(title: "If-Match required", statusCode: StatusCodes.Status428PreconditionRequired,
                detail: "Send the ETag of the revision your edit is based on in If-Match (GET the version first), or If-Match: * to create a version that does not exist yet.");
        }

        var (request, bad) = await ReadAsync<EditRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        if ((Missing(request.Title, "title") ?? Missing(request.Body, "body")) is { } missing)
        {
            return missing;
        }

        return await RunAsync(async () =>
        {
            var current = await newsroom.GetVersionAsync(user, slug, language, cancellationToken);
            int? expected = null;
            if (current is not null)
            {
                if (!ifMatch.Split(',').Select(t => t.Trim()).Contains(ETagOf(current)))
                {
                    http.Response.Headers.ETag = ETagOf(current);
                    return Results.Problem(title: "Precondition failed", statusCode: StatusCodes.Status412PreconditionFailed,
                        detail: $"The {language} version of \"{slug}\" has changed since your copy: it is now at revision {current.Revision} ({current.State.Name()}). GET it, merge your edit, and send its ETag.",
                        extensions: new Dictionary<string, object?> { ["currentRevision"] = current.Revision, ["currentETag"] = ETagOf(current) });
                }

                expected = current.Revision;
            }

            var saved = await newsroom.SaveVersionAsync(user, slug, language, new VersionEdit(request.Title!, request.Body!, request.Summary), expected, cancellationToken);
            var document = (await site.Store.FindDocumentAsync(slug, cancellationToken))!;
            http.Response.Headers.ETag = ETagOf(saved);
            var body = ReadApi.ToResponse(slug, saved, document.OriginalLanguage, site.BaseUrl(http.Request));
            return current is null ? Results.Created($"/api/v1/documents/{slug}/{language.Value}", body) : Results.Ok(body);
        });
    }

    private static async Task<IResult> PublishAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        // Permission before the body is read or judged.
        if (Refused(() => Newsroom.AuthorizePublish(user)) is { } forbidden)
        {
            return forbidden;
        }

        DateTimeOffset? at = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (request, bad) = await ReadAsync<PublishRequest>(http, cancellationToken);
            if (request is null)
            {
                return bad!;
            }

            if (request.At is not null)
            {
                if (!Instants.TryParse(request.At, out var instant, out var error))
                {
                    return ReadApi.BadRequest("at", $"\"at\" {error}.");
                }

                at = instant;
            }
        }

        return await StateChangeAsync(http, site, slug, language, () => newsroom.PublishAsync(user, slug, language, at, ExpectedRevision(http), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> UnpublishAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        return await StateChangeAsync(http, site, slug, language, () => newsroom.UnpublishAsync(user, slug, language, ExpectedRevision(http), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(string slug, HttpContext http, Newsroom newsroom)
    {
        var (user, denied) = await TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        return await RunAsync(async () =>
        {
            await newsroom.DeleteDocumentAsync(user, slug, http.RequestAborted);
            return Results.NoContent();
        });
    }

    private static Task<IResult> StateChangeAsync(
        HttpContext http, SiteContext site, string slug, LanguageTag language, Func<Task<LanguageVersion>> change, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var version = await change();
            var document = (await site.Store.FindDocumentAsync(slug, cancellationToken))!;
            http.Response.Headers.ETag = ETagOf(version);
            return Results.Ok(ReadApi.ToResponse(slug, version, document.OriginalLanguage, site.BaseUrl(http.Request)));
        });

    /// <summary>The revision in an If-Match ETag of ours, for state changes that may name the revision they saw.</summary>
    private static int? ExpectedRevision(HttpContext http)
    {
        var tag = http.Request.Headers.IfMatch.ToString().Trim().Trim('"');
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(tag[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;
    }

    /// <summary>The token's user and the version's language, or the problem that stops the request.</summary>
    private static async Task<(User User, LanguageTag Language, IResult? Refused)> BeginAsync(HttpContext http, string lang)
    {
        var (user, denied) = await TokenUserAsync(http);
        if (user is null)
        {
            return (null!, null!, denied);
        }

        return LanguageTag.TryParse(lang, out var language, out var error)
            ? (user, language, null)
            : (user, null!, ReadApi.BadRequest("lang", error));
    }

    /// <summary>The user of the request's API token; a 401 problem for no token or a session cookie, which may not write.</summary>
    private static async Task<(User? User, IResult? Denied)> TokenUserAsync(HttpContext http)
    {
        var bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var user = bearer ? await http.CurrentUserAsync() : null;
        if (user is not null)
        {
            return (user, null);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return (null, Results.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
            detail: bearer ? "The API token is unknown, revoked, or its user is disabled." : "Writing needs an API token: Authorization: Bearer … (hexapla token create NAME --user USER)."));
    }

    private static IResult? Missing(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? ReadApi.BadRequest(field, $"\"{field}\" is required and may not be empty.") : null;

    /// <summary>Reads the JSON body; a 415 or 400 problem that says what is wrong with it, and where.</summary>
    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, CancellationToken cancellationToken) where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, Results.Problem(title: "Unsupported media type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send the body as JSON with Content-Type: application/json."));
        }

        try
        {
            var value = await http.Request.ReadFromJsonAsync<T>(cancellationToken);
            return value is null ? (null, ReadApi.BadRequest("body", "The body is empty or null; send a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1}{(string.IsNullOrEmpty(e.Path) ? "" : $", at {e.Path}")})" : "";
            return (null, ReadApi.BadRequest(string.IsNullOrEmpty(e.Path) ? "body" : e.Path.TrimStart('$', '.'), $"The body is not the JSON expected{where}."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Results.Problem(title: "Payload too large", statusCode: StatusCodes.Status413PayloadTooLarge, detail: TooLarge.Describe(http)));
        }
    }

    /// <summary>Runs a newsroom call and turns its refusals into problem details.</summary>
    private static async Task<IResult> RunAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (EditConflictException e)
        {
            return Results.Problem(title: "Precondition failed", statusCode: StatusCodes.Status412PreconditionFailed, detail: e.Message,
                extensions: new Dictionary<string, object?> { ["currentRevision"] = e.Current.Revision, ["currentETag"] = ETagOf(e.Current) });
        }
        catch (EditorialException e)
        {
            return Problem(e);
        }
    }

    /// <summary>Runs a newsroom check; the problem details of its refusal, or null when it passed.</summary>
    private static IResult? Refused(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (EditorialException e)
        {
            return Problem(e);
        }
    }

    private static async Task<IResult?> RefusedAsync(Func<Task> check)
    {
        try
        {
            await check();
            return null;
        }
        catch (EditorialException e)
        {
            return Problem(e);
        }
    }

    private static IResult Problem(EditorialException e)
    {
        var status = e.Kind switch
        {
            EditorialErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            EditorialErrorKind.NotFound => StatusCodes.Status404NotFound,
            EditorialErrorKind.Conflict => StatusCodes.Status409Conflict,
            EditorialErrorKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
            _ => StatusCodes.Status400BadRequest,
        };
        return e.Field is { } field
            ? ReadApi.BadRequest(field, e.Message)
            : Results.Problem(title: ReasonPhrase(status), statusCode: status, detail: e.Message);
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
