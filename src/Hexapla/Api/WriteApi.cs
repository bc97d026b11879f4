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
/// <remarks>
/// Every endpoint answers in the same order: the token (401), the user's right to do this at all (403), then the
/// preconditions (428 without If-Match where one is needed, 412 for a stale one) and the body (400), then the
/// newsroom's own refusals. Saving a version that has been live writes its working copy; readers keep the live text
/// until that copy is published. The revision a client sends in If-Match is always the newest one (the working copy's
/// when there is one), which the ETag of every answer here names.
/// </remarks>
internal static class WriteApi
{
    public static WebApplication MapWriteApi(this WebApplication app)
    {
        // The whole group requires an API token; each endpoint still takes its user from the token, never a cookie.
        var api = app.MapTokenGroup("/api/v1/documents");
        api.MapPost("/", CreateAsync);
        api.MapPut("/{slug}/{lang}", SaveAsync);
        api.MapPost("/{slug}/{lang}/submit", SubmitAsync);
        api.MapPost("/{slug}/{lang}/approve", ApproveAsync);
        api.MapPost("/{slug}/{lang}/reject", RejectAsync);
        api.MapPost("/{slug}/{lang}/publish", PublishAsync);
        api.MapPost("/{slug}/{lang}/unpublish", UnpublishAsync);
        api.MapPost("/{slug}/{lang}/discard", DiscardAsync);
        api.MapPost("/{slug}/{lang}/keep", KeepAsync);
        api.MapPost("/{slug}/{lang}/restore", RestoreAsync);
        api.MapDelete("/{slug}", DeleteAsync);
        return app;
    }

    /// <summary>
    /// A new document. <c>section</c> (an id or a path), <c>kind</c> and the kind's shared <c>fields</c> place it as it is
    /// created (editors and admins); translatable fields go with each version's save.
    /// </summary>
    public sealed record CreateRequest(
        string? Slug, string? Language, string? Title, string? Body, string? Summary, IReadOnlyList<string>? Tags,
        JsonElement Section = default, string? Kind = null, Dictionary<string, JsonElement>? Fields = null);

    /// <summary>
    /// A save: <c>note</c> says what changed, and is required when the version is published. <c>fields</c> holds the
    /// kind's translatable values in this language: left out keeps the text's values, given replaces them all.
    /// </summary>
    public sealed record EditRequest(string? Title, string? Body, string? Summary, string? Note, Dictionary<string, JsonElement>? Fields = null);

    /// <summary>Why text under work goes back to its writers.</summary>
    public sealed record RejectRequest(string? Reason);

    /// <summary>"Keep as is": the translation's segments whose source change needs no change in them, and why.</summary>
    public sealed record KeepRequest(IReadOnlyList<string?>? Segments, string? Note);

    /// <summary>An earlier revision to make a working copy (or a new draft revision) from.</summary>
    public sealed record RestoreRequest(int? Revision, string? Note);

    /// <summary>
    /// <c>at</c> is read as text by <see cref="Instants"/>, not by the JSON reader, which would take a time without an
    /// offset in the server's own time zone: an embargo must not depend on where the server runs.
    /// </summary>
    public sealed record PublishRequest(string? At);

    /// <summary>
    /// The ETag of a version: its newest revision first (what If-Match must name), that text's state, the publication
    /// time, and, when a working copy lies over live text, the live revision and state, since publishing or withdrawing
    /// changes those without a new text. A version read without its working copy (an anonymous reader's) gets the
    /// ETag of its live text, which tells nothing of work on it.
    /// </summary>
    public static string ETagOf(LanguageVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var latest = version.Latest;
        var live = version.Working is null ? "" : string.Create(CultureInfo.InvariantCulture, $"-over-{version.Revision}-{version.State.Name()}");
        return string.Create(CultureInfo.InvariantCulture,
            $"\"{latest.Revision}-{latest.State.Name()}-{version.PublishedAt?.ToUnixTimeMilliseconds() ?? 0}{live}\"");
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, Newsroom newsroom, Sections.StructureEditor editor, SiteContext site, TimeProvider clock, CancellationToken cancellationToken)
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

        // The place is checked whole before anything is stored: a document is never left half made.
        var (placement, refusedPlace) = await CheckPlacementAsync(user, request, editor, cancellationToken);
        if (refusedPlace is not null)
        {
            return refusedPlace;
        }

        return await RunAsync(async () =>
        {
            var document = await newsroom.CreateDocumentAsync(user, new NewDocument(
                string.IsNullOrWhiteSpace(request.Slug) ? null : request.Slug.Trim(), language, request.Title!, request.Body!, request.Summary, request.Tags),
                cancellationToken);
            if (placement is not null)
            {
                try
                {
                    await editor.PlaceDocumentAsync(user, document.Slug, placement.SectionId, placement.Kind, placement.Fields, cancellationToken);
                }
                catch (Sections.StructureException e)
                {
                    // The structure changed between the check and the write (a section deleted meanwhile): take the new
                    // document back, so that the refusal leaves nothing behind.
                    await site.Store.DeleteDocumentAsync(document.Slug,
                        new Storage.AuditEntry(0, clock.GetUtcNow(), user.Name, "document.delete", document.Slug, "created through the API, its place refused: " + e.Message),
                        CancellationToken.None);
                    return StructureApi.Problem(e, null);
                }

                document = (await site.Store.FindDocumentAsync(document.Slug, cancellationToken))!;
            }

            var version = document.Version(language)!;
            var location = $"/api/v1/documents/{document.Slug}/{language.Value}";
            http.Response.Headers.ETag = ETagOf(version);
            return Results.Created(location, ReadApi.ToResponse(document, version, await StructureApi.ViewAsync(site, cancellationToken), site.BaseUrl(http.Request), underWork: true,
                await ReadApi.MediaOfAsync(site, version, cancellationToken)));
        });
    }

    /// <summary>
    /// The place a create request asks for, checked against the structure: null when it asks for none; a problem for a
    /// user who may not place documents (403), an unknown section or kind, a value of the wrong type or a translatable
    /// field (422), or a slug a section already has (409).
    /// </summary>
    private static async Task<(Storage.DocumentPlacement? Placement, IResult? Problem)> CheckPlacementAsync(
        User user, CreateRequest request, Sections.StructureEditor editor, CancellationToken cancellationToken)
    {
        var structure = await editor.Store.LoadStructureAsync(cancellationToken);
        var slug = string.IsNullOrWhiteSpace(request.Slug) ? null : request.Slug.Trim();
        if (slug is not null && structure.Sections.FirstOrDefault(s => s.Slug == slug) is { } clash)
        {
            return (null, Results.Problem(title: "Conflict", statusCode: StatusCodes.Status409Conflict,
                detail: $"The slug \"{slug}\" is the section \"{structure.PathOf(clash.Id)}\"'s; a document and a section may not share one (both stand right after the language in an address). Choose another slug.",
                extensions: new Dictionary<string, object?> { ["field"] = "slug", ["value"] = slug }));
        }

        var asked = request.Section.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null) || request.Kind is not null || request.Fields is { Count: > 0 };
        if (!asked)
        {
            return (null, null);
        }

        if (!user.CanPlaceDocuments())
        {
            return (null, Results.Problem(title: "Forbidden", statusCode: StatusCodes.Status403Forbidden,
                detail: $"{user.Name} ({AdminAuth.RoleName(user.Role)}) may not give a document a section, a kind or fields."));
        }

        if (!StructureApi.TryReadSection(structure, request.Section, "section", out var section, out var unknown))
        {
            return (null, unknown);
        }

        var (fields, badField) = StructureApi.ReadFields(request.Fields);
        if (badField is not null)
        {
            return (null, badField);
        }

        var kind = string.IsNullOrWhiteSpace(request.Kind) ? null : request.Kind.Trim();
        try
        {
            return (new Storage.DocumentPlacement(section, kind, Sections.StructureEditor.CheckSharedFields(structure, slug ?? "(new)", kind, fields)), null);
        }
        catch (Sections.StructureException e)
        {
            return (null, StructureApi.Problem(e, e.Field switch
            {
                "kind" => kind,
                { } f when f.StartsWith("fields.", StringComparison.Ordinal) => fields?.GetValueOrDefault(f["fields.".Length..]),
                _ => null,
            }));
        }
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

        var (fields, badField) = StructureApi.ReadFields(request.Fields);
        if (badField is not null)
        {
            return badField;
        }

        // The values are checked here too, against the document's kind, so that a refusal can name the value sent.
        if (fields is { Count: > 0 } && await site.Store.FindDocumentAsync(slug, cancellationToken) is { } placed)
        {
            try
            {
                Sections.StructureEditor.CheckVersionFields(await site.StructureAsync(cancellationToken), slug, language, placed.Kind, fields);
            }
            catch (Sections.StructureException e)
            {
                return StructureApi.Problem(e, e.Field is { } f && f.StartsWith("fields.", StringComparison.Ordinal) ? fields.GetValueOrDefault(f["fields.".Length..]) : null);
            }
        }

        return await RunAsync(async () =>
        {
            var current = await newsroom.GetVersionAsync(user, slug, language, cancellationToken);
            int? expected = null;
            if (current is not null)
            {
                if (!ifMatch.Split(',').Select(t => StructureApi.WithoutPlace(t.Trim())).Contains(ETagOf(current)))
                {
                    return Stale(http, slug, language, current);
                }

                expected = current.Latest.Revision;
            }

            var saved = await newsroom.SaveVersionAsync(
                user, slug, language, new VersionEdit(request.Title!, request.Body!, request.Summary, request.Note, fields), expected, cancellationToken);
            var document = (await site.Store.FindDocumentAsync(slug, cancellationToken))!;
            http.Response.Headers.ETag = ETagOf(saved);
            var body = ReadApi.ToResponse(document, saved, await StructureApi.ViewAsync(site, cancellationToken), site.BaseUrl(http.Request), underWork: true,
                await ReadApi.MediaOfAsync(site, saved, cancellationToken));
            return current is null ? Results.Created($"/api/v1/documents/{slug}/{language.Value}", body) : Results.Ok(body);
        });
    }

    /// <summary>The 412 for an If-Match that is not the version's ETag, with the current one so the client can merge.</summary>
    private static IResult Stale(HttpContext http, string slug, LanguageTag language, LanguageVersion current)
    {
        var latest = current.Latest;
        http.Response.Headers.ETag = ETagOf(current);
        return Results.Problem(title: "Precondition failed", statusCode: StatusCodes.Status412PreconditionFailed,
            detail: $"The {language} version of \"{slug}\" has changed since your copy: it is now at revision {latest.Revision} ({latest.State.Name()}). GET it, merge your edit, and send its ETag.",
            extensions: new Dictionary<string, object?> { ["currentRevision"] = latest.Revision, ["currentETag"] = ETagOf(current) });
    }

    private static async Task<IResult> PublishAsync(
        string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, ReleaseRunner runner, CancellationToken cancellationToken)
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

        return await StateChangeAsync(http, site, user, slug, language, async () =>
        {
            var published = await newsroom.PublishAsync(user, slug, language, at, ExpectedRevision(http), cancellationToken);
            // A working copy published at a later instant is a release of one version: the runner must know of it.
            runner.Wake();
            return published;
        }, cancellationToken);
    }

    private static async Task<IResult> UnpublishAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        return await StateChangeAsync(http, site, user, slug, language, () => newsroom.UnpublishAsync(user, slug, language, ExpectedRevision(http), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> SubmitAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        return await StateChangeAsync(http, site, user, slug, language, () => newsroom.SubmitAsync(user, slug, language, ExpectedRevision(http), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> ApproveAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        return await StateChangeAsync(http, site, user, slug, language, () => newsroom.ApproveAsync(user, slug, language, ExpectedRevision(http), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> RejectAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        // Permission before the body is read or judged.
        if (Refused(() => AuthorizeReview(user, "send versions back")) is { } forbidden)
        {
            return forbidden;
        }

        // No body at all is a rejection without a reason: the newsroom's refusal names "reason".
        var (request, bad) = await ReadOptionalAsync<RejectRequest>(http, cancellationToken);
        if (bad is not null)
        {
            return bad;
        }

        return await StateChangeAsync(http, site, user, slug, language,
            () => newsroom.RejectAsync(user, slug, language, request?.Reason, ExpectedRevision(http), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> DiscardAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        if (await RefusedAsync(() => newsroom.AuthorizeEditAsync(user, slug, language, cancellationToken)) is { } forbidden)
        {
            return forbidden;
        }

        // Discarding throws text away: only the working copy the client has seen.
        if (IfMatchMissing(http, "the working copy you mean to discard") is { } missing)
        {
            return missing;
        }

        var (expected, stale) = await MatchedRevisionAsync(http, newsroom, user, slug, language, cancellationToken);
        if (stale is not null)
        {
            return stale;
        }

        return await StateChangeAsync(http, site, user, slug, language, () => newsroom.DiscardWorkingCopyAsync(user, slug, language, expected, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> KeepAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        if (await RefusedAsync(() => newsroom.AuthorizeEditAsync(user, slug, language, cancellationToken)) is { } forbidden)
        {
            return forbidden;
        }

        if (IfMatchMissing(http, "the translation you decided on") is { } missing)
        {
            return missing;
        }

        var (request, bad) = await ReadAsync<KeepRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        if (request.Segments is not { Count: > 0 } segments || segments.Any(string.IsNullOrWhiteSpace))
        {
            return ReadApi.BadRequest("segments", "\"segments\" is required: the ids of the outdated segments to keep as they are, e.g. [\"p2\"].");
        }

        if (segments.Count > newsroom.MaxSegmentsPerDocument)
        {
            return ReadApi.BadRequest("segments", $"\"segments\" lists {segments.Count} ids; a version has at most {newsroom.MaxSegmentsPerDocument} segments.");
        }

        var (expected, stale) = await MatchedRevisionAsync(http, newsroom, user, slug, language, cancellationToken);
        if (stale is not null)
        {
            return stale;
        }

        return await StateChangeAsync(http, site, user, slug, language,
            () => newsroom.MarkSegmentsCurrentAsync(user, slug, language, [.. segments.Select(s => s!.Trim())], expected, request.Note, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> RestoreAsync(string slug, string lang, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, language, refused) = await BeginAsync(http, lang);
        if (refused is not null)
        {
            return refused;
        }

        if (await RefusedAsync(() => newsroom.AuthorizeEditAsync(user, slug, language, cancellationToken)) is { } forbidden)
        {
            return forbidden;
        }

        if (IfMatchMissing(http, "the version's newest revision, which the restored text will follow") is { } missing)
        {
            return missing;
        }

        var (request, bad) = await ReadAsync<RestoreRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        if (request.Revision is not (> 0 and var revision))
        {
            return ReadApi.BadRequest("revision", "\"revision\" is required: the number of the earlier revision to make a working copy from.");
        }

        var (expected, stale) = await MatchedRevisionAsync(http, newsroom, user, slug, language, cancellationToken);
        if (stale is not null)
        {
            return stale;
        }

        return await StateChangeAsync(http, site, user, slug, language, async () =>
        {
            try
            {
                return await newsroom.RestoreRevisionAsync(user, slug, language, revision, expected, request.Note, cancellationToken);
            }
            catch (EditorialException e) when (e.Kind == EditorialErrorKind.NotFound)
            {
                // The version was there a moment ago (MatchedRevisionAsync): what is missing is the revision asked for.
                throw new EditorialException(EditorialErrorKind.Invalid, e.Message) { Field = "revision" };
            }
        }, cancellationToken);
    }

    /// <summary>Refuses a user who may not review (approve or send back) at all, before a body is read.</summary>
    private static void AuthorizeReview(User user, string what)
    {
        if (!user.CanApprove())
        {
            throw new EditorialException(EditorialErrorKind.Forbidden, $"{user.Name} ({user.Role.ToString().ToLowerInvariant()}) may not {what}.");
        }
    }

    /// <summary>The 428 for a change that needs If-Match and came without one.</summary>
    private static IResult? IfMatchMissing(HttpContext http, string what) =>
        http.Request.Headers.IfMatch.ToString().Trim().Length > 0 ? null
            : Results.Problem(title: "If-Match required", statusCode: StatusCodes.Status428PreconditionRequired,
                detail: $"Send the ETag of {what} in If-Match (GET the version first).");

    /// <summary>
    /// The newest revision of the version when the request's If-Match is its current ETag; otherwise the problem: 412
    /// with the current ETag so the client can look again, or 404 when there is no such version.
    /// </summary>
    private static async Task<(int Expected, IResult? Problem)> MatchedRevisionAsync(
        HttpContext http, Newsroom newsroom, User user, string slug, LanguageTag language, CancellationToken cancellationToken)
    {
        var current = await newsroom.GetVersionAsync(user, slug, language, cancellationToken);
        if (current is null)
        {
            return (0, Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound, detail: $"\"{slug}\" has no {language} version."));
        }

        return http.Request.Headers.IfMatch.ToString().Split(',').Select(t => StructureApi.WithoutPlace(t.Trim())).Contains(ETagOf(current))
            ? (current.Latest.Revision, null)
            : (0, Stale(http, slug, language, current));
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
        HttpContext http, SiteContext site, User user, string slug, LanguageTag language, Func<Task<LanguageVersion>> change, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var version = await change();
            var document = await site.Store.FindDocumentAsync(slug, cancellationToken);
            if (document is null)
            {
                return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound, detail: $"The document \"{slug}\" was deleted meanwhile.");
            }

            http.Response.Headers.ETag = ETagOf(version);
            return Results.Ok(ReadApi.ToResponse(document, version, await StructureApi.ViewAsync(site, cancellationToken), site.BaseUrl(http.Request), user.CanRead(document.OriginalLanguage, language),
                await ReadApi.MediaOfAsync(site, version, cancellationToken)));
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
    public static async Task<(User? User, IResult? Denied)> TokenUserAsync(HttpContext http)
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
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http, CancellationToken cancellationToken) where T : class
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

    /// <summary>Reads the JSON body when there is one; (null, null) when the request has none.</summary>
    private static async Task<(T? Value, IResult? Problem)> ReadOptionalAsync<T>(HttpContext http, CancellationToken cancellationToken) where T : class =>
        http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0
            ? await ReadAsync<T>(http, cancellationToken)
            : (null, null);

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
                extensions: new Dictionary<string, object?> { ["currentRevision"] = e.Current.Latest.Revision, ["currentETag"] = ETagOf(e.Current) });
        }
        catch (EditorialException e)
        {
            return Problem(e);
        }
    }

    /// <summary>Runs a newsroom check; the problem details of its refusal, or null when it passed.</summary>
    public static IResult? Refused(Action check)
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
            // A field value that does not fit its kind's field (checked by the newsroom when the body did not say it first).
            _ when e.Field?.StartsWith("fields.", StringComparison.Ordinal) == true => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        if (status == StatusCodes.Status422UnprocessableEntity)
        {
            return Results.Problem(title: $"Invalid value for '{e.Field}'", detail: e.Message, statusCode: status,
                extensions: new Dictionary<string, object?> { ["field"] = e.Field });
        }

        return e.Field is { } field
            ? ReadApi.BadRequest(field, e.Message)
            : Results.Problem(title: ReasonPhrase(status), statusCode: status, detail: e.Message);
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
