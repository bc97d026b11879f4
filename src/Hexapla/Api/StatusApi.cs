using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Translation;

namespace Hexapla.Api;

/// <summary>
/// <c>GET /api/v1/documents/{slug}/{lang}/status</c>: where a translation stands, segment by segment, for editors,
/// admins, reviewers and translators who may read that language (a Bearer token or the session cookie).
/// </summary>
internal static class StatusApi
{
    /// <summary>Maps the status route into <paramref name="signedIn"/>, the <c>/api/v1</c> group for signed-in callers.</summary>
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder signedIn)
    {
        signedIn.MapGet("/documents/{slug}/{lang}/status", StatusAsync);
        return signedIn;
    }

    public sealed record SegmentCounts(int Total, int UpToDate, int Outdated, int Missing);

    public sealed record StatusResponse(
        string Language, string Source, string? State, SegmentCounts Segments, IReadOnlyList<string> OutdatedSegments, IReadOnlyList<string> MissingSegments);

    private static async Task<IResult> StatusAsync(string slug, string lang, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(title: "Unauthorized", detail: "Translation status needs an API token (Authorization: Bearer …) or a signed-in session.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!LanguageTag.TryParse(lang, out var language, out var error))
        {
            return ReadApi.BadRequest("lang", error);
        }

        if (!Slug.IsValid(slug) || await site.Store.FindDocumentAsync(slug, cancellationToken) is not { } document)
        {
            return Results.Problem(title: "Not found", detail: $"There is no document \"{slug}\".", statusCode: StatusCodes.Status404NotFound);
        }

        if (!user.CanRead(document.OriginalLanguage, language))
        {
            return Results.Problem(title: "Forbidden",
                detail: $"{user.Name} ({user.Role.ToString().ToLowerInvariant()}) may not read the status of the {language} version of \"{slug}\".",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var status = TranslationStatus.Of(document, language);
        if (language == document.OriginalLanguage && document.Version(language) is { } original)
        {
            // The original is its own source: every segment of it is current.
            status = status with { UpToDate = original.Segments.Count, Outdated = [], Missing = [] };
        }

        return Results.Ok(new StatusResponse(
            language.Value, status.Source.Value, status.State?.Name(),
            new SegmentCounts(status.Total, status.UpToDate, status.Outdated.Count, status.Missing.Count),
            status.Outdated, status.Missing));
    }
}
