using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Api;

/// <summary>
/// Releases: an original and any translations published together, now or at an instant, all or none
/// (<see cref="Newsroom.ReleaseAsync"/>). Making and cancelling one needs an API token, as every write does; the list
/// and a release's state are for signed-in callers (a token or a session) who may publish.
/// </summary>
/// <remarks>
/// A refusal names the member at fault in its <c>field</c> (<c>versions[1]</c>) and <c>member</c>
/// (<c>{"slug","language","revision"}</c>): 409 for a member whose text changed since the revision named or that is in
/// another pending release, 422 for one that is not approved, has nothing under work, or does not exist. Nothing is
/// published or scheduled when any member is refused.
/// </remarks>
internal static class ReleaseApi
{
    /// <summary>The most versions one release may name: a document in every language of a large site, several times over.</summary>
    public const int MaxMembers = 200;

    /// <summary>Maps the writes (a token group).</summary>
    public static WebApplication MapReleaseApi(this WebApplication app)
    {
        var api = app.MapTokenGroup("/api/v1/releases");
        api.MapPost("/", CreateAsync);
        api.MapDelete("/{id}", CancelAsync);
        return app;
    }

    /// <summary>Maps the reads into <paramref name="signedIn"/>, the <c>/api/v1</c> group for signed-in callers.</summary>
    public static RouteGroupBuilder MapReleaseReads(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/releases", ListAsync);
        signedIn.MapGet("/releases/{id}", FindAsync);
        return signedIn;
    }

    /// <summary>One version of a release as a client names it.</summary>
    public sealed record MemberRequest(string? Slug, string? Language, int? Revision);

    /// <summary>
    /// <c>at</c> is read as text by <see cref="Instants"/> (an offset is required), as for publishing one version; absent
    /// or past means now.
    /// </summary>
    public sealed record ReleaseRequest(string? At, IReadOnlyList<MemberRequest?>? Versions);

    public sealed record MemberResponse(string Slug, string Language, int Revision, string Url);

    /// <summary>A release; <c>id</c> is null for one carried out at once, which is not kept as a release.</summary>
    public sealed record ReleaseResponse(
        long? Id, DateTimeOffset At, string State, string CreatedBy, DateTimeOffset CreatedAt, string? Outcome, IReadOnlyList<MemberResponse> Members);

    public sealed record ReleaseList(IReadOnlyList<ReleaseResponse> Items);

    private static async Task<IResult> CreateAsync(HttpContext http, Newsroom newsroom, SiteContext site, ReleaseRunner runner, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        // Permission before the body is read or judged.
        if (Refused(user) is { } forbidden)
        {
            return forbidden;
        }

        var (request, bad) = await WriteApi.ReadAsync<ReleaseRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        DateTimeOffset? at = null;
        if (request.At is not null)
        {
            if (!Instants.TryParse(request.At, out var instant, out var error))
            {
                return ReadApi.BadRequest("at", $"\"at\" {error}.");
            }

            at = instant;
        }

        var (members, problem) = Members(request.Versions);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var release = await newsroom.ReleaseAsync(user, members, at, cancellationToken);
            if (release.State == ReleaseState.Pending)
            {
                // The runner may be asleep until a later release: it looks again now, and wakes at this one's instant.
                runner.Wake();
                return Results.Created($"/api/v1/releases/{release.Id.ToString(CultureInfo.InvariantCulture)}", ToResponse(release, site.BaseUrl(http.Request)));
            }

            return Results.Ok(ToResponse(release, site.BaseUrl(http.Request)));
        }
        catch (EditorialException e)
        {
            return MemberProblem(e, members);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var user = await http.CurrentUserAsync();
        if (user is null)
        {
            return Unauthorized();
        }

        if (Refused(user) is { } forbidden)
        {
            return forbidden;
        }

        var all = http.Request.Query["all"].ToString();
        if (all.Length > 0 && !bool.TryParse(all, out _))
        {
            return ReadApi.BadRequest("all", "\"all\" is true (every release, newest instant first) or false (the pending ones only, the default).");
        }

        var releases = await newsroom.ListReleasesAsync(user, pendingOnly: !string.Equals(all, "true", StringComparison.OrdinalIgnoreCase), 100, cancellationToken);
        http.Response.Headers.CacheControl = "private, no-store";
        return Results.Ok(new ReleaseList([.. releases.Select(r => ToResponse(r, site.BaseUrl(http.Request)))]));
    }

    private static async Task<IResult> FindAsync(string id, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        var user = await http.CurrentUserAsync();
        if (user is null)
        {
            return Unauthorized();
        }

        if (Refused(user) is { } forbidden)
        {
            return forbidden;
        }

        if (!TryParseId(id, out var number))
        {
            return ReadApi.BadRequest("id", $"\"{id}\" is not a release id: a positive whole number.");
        }

        var release = await site.Store.FindReleaseAsync(number, cancellationToken);
        http.Response.Headers.CacheControl = "private, no-store";
        return release is null ? NoSuchRelease(number) : Results.Ok(ToResponse(release, site.BaseUrl(http.Request)));
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, Newsroom newsroom, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (Refused(user) is { } forbidden)
        {
            return forbidden;
        }

        if (!TryParseId(id, out var number))
        {
            return ReadApi.BadRequest("id", $"\"{id}\" is not a release id: a positive whole number.");
        }

        try
        {
            return Results.Ok(ToResponse(await newsroom.CancelReleaseAsync(user, number, cancellationToken), site.BaseUrl(http.Request)));
        }
        catch (EditorialException e)
        {
            // Not pending any more (done, failed or already cancelled): the request is right, the release's state is not.
            var status = e.Kind switch
            {
                EditorialErrorKind.NotFound => StatusCodes.Status404NotFound,
                EditorialErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            };
            return Results.Problem(title: ReasonPhrase(status), statusCode: status, detail: e.Message);
        }
    }

    /// <summary>The members as the newsroom takes them, or a 400 that names the one at fault (<c>versions[2].language</c>).</summary>
    private static (IReadOnlyList<ReleaseMember> Members, IResult? Problem) Members(IReadOnlyList<MemberRequest?>? versions)
    {
        if (versions is not { Count: > 0 })
        {
            return ([], ReadApi.BadRequest("versions", "\"versions\" is required: the versions to publish together, each {\"slug\", \"language\", \"revision\"}."));
        }

        if (versions.Count > MaxMembers)
        {
            return ([], ReadApi.BadRequest("versions", $"A release names at most {MaxMembers} versions; this one names {versions.Count}."));
        }

        var members = new List<ReleaseMember>();
        for (var i = 0; i < versions.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"versions[{i}]");
            if (versions[i] is not { } version)
            {
                return ([], ReadApi.BadRequest(field, $"{field} is null; each version is {{\"slug\", \"language\", \"revision\"}}."));
            }

            if (string.IsNullOrWhiteSpace(version.Slug) || !Slug.IsValid(version.Slug.Trim()))
            {
                return ([], ReadApi.BadRequest($"{field}.slug", version.Slug is null
                    ? $"{field}.slug is required: the document's slug."
                    : $"{field}.slug \"{version.Slug}\" is not a slug: lowercase letters a–z, digits and single hyphens."));
            }

            if (!LanguageTag.TryParse(version.Language, out var language, out var languageError))
            {
                return ([], ReadApi.BadRequest($"{field}.language", version.Language is null ? $"{field}.language is required, e.g. \"en-GB\"." : languageError));
            }

            if (version.Revision is not (> 0 and var revision))
            {
                return ([], ReadApi.BadRequest($"{field}.revision",
                    $"{field}.revision is required: the revision of the text under work that goes live (its ETag's first number), which must be approved."));
            }

            members.Add(new ReleaseMember(version.Slug.Trim(), language, revision));
        }

        return (members, null);
    }

    /// <summary>
    /// The newsroom's refusal as a problem naming the member it is about: 409 for a member that changed or is taken by
    /// another release, 422 for one that cannot be released as it is.
    /// </summary>
    private static IResult MemberProblem(EditorialException e, IReadOnlyList<ReleaseMember> members)
    {
        var status = e.Kind switch
        {
            EditorialErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            EditorialErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var extensions = new Dictionary<string, object?>();
        // The newsroom's messages name a member by its language and quoted slug; the first one named is the one at fault.
        var named = members.Select((m, i) => new { Member = m, Index = i })
            .Where(m => e.Message.Contains($"\"{m.Member.Slug}\"", StringComparison.Ordinal))
            .OrderByDescending(m => e.Message.Contains($"{m.Member.Language.Value} version", StringComparison.Ordinal))
            .ThenBy(m => e.Message.IndexOf($"\"{m.Member.Slug}\"", StringComparison.Ordinal))
            .FirstOrDefault();
        if (named is not null)
        {
            extensions["field"] = string.Create(CultureInfo.InvariantCulture, $"versions[{named.Index}]");
            extensions["member"] = new MemberRequest(named.Member.Slug, named.Member.Language.Value, named.Member.Revision);
        }

        return Results.Problem(title: status == StatusCodes.Status403Forbidden ? "Forbidden" : "Release refused", statusCode: status, detail: e.Message,
            extensions: extensions);
    }

    private static ReleaseResponse ToResponse(Release release, string baseUrl) => new(
        release.Id == 0 ? null : release.Id, release.At, release.State.ToString().ToLowerInvariant(), release.CreatedBy, release.CreatedAt, release.Outcome,
        [.. release.Members.Select(m => new MemberResponse(m.Slug, m.Language.Value, m.Revision, $"{baseUrl}/api/v1/documents/{m.Slug}/{m.Language.Value}"))]);

    private static bool TryParseId(string id, out long number) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;

    /// <summary>Only those who may publish see or make releases: the newsroom's own check, before anything else is looked at.</summary>
    private static IResult? Refused(User user) => WriteApi.Refused(() => Newsroom.AuthorizePublish(user));

    private static IResult NoSuchRelease(long id) => Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound,
        detail: string.Create(CultureInfo.InvariantCulture, $"There is no release {id}."));

    private static IResult Unauthorized() => Results.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
        detail: "Releases need an API token (Authorization: Bearer …) or, to read them, a signed-in session.");

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
