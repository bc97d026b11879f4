using System.Globalization;
using Hexapla.Admin;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Api;

/// <summary>The read API, JSON: published documents only. Errors are RFC 9457 problem details.</summary>
internal static class ReadApi
{
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/documents");
        api.MapGet("/", ListAsync);
        api.MapGet("/{slug}", DocumentAsync);
        api.MapGet("/{slug}/{lang}", VersionAsync);
        return app;
    }

    /// <summary>One published version in a listing; <c>UpdatedAt</c> is its last correction after first publication, as in <see cref="VersionResponse"/>.</summary>
    public sealed record ListItem(string Slug, string Language, string Title, string? Summary, DateTimeOffset? PublishedAt, string Url, IReadOnlyList<string> Languages, DateTimeOffset? UpdatedAt);

    public sealed record ListResponse(int Page, int PageSize, long Total, IReadOnlyList<ListItem> Items);

    public sealed record VersionLink(string Language, string Title, string Url, DateTimeOffset? PublishedAt, bool Original, DateTimeOffset? UpdatedAt);

    public sealed record DocumentResponse(string Slug, string OriginalLanguage, IReadOnlyList<string> Tags, IReadOnlyList<VersionLink> Versions);

    /// <summary>
    /// One version's live text. <c>UpdatedAt</c> is when that text was corrected after its first publication (the page's
    /// "Updated" date), null while readers have the text first published; <c>CorrectionNote</c> is the editor's public note
    /// on that correction, null when none was given.
    /// </summary>
    public sealed record VersionResponse(
        string Slug, string Language, string Title, string? Summary, string Body, string Html,
        string State, int Revision, DateTimeOffset? PublishedAt, bool Original, int? SourceRevision, string Url,
        DateTimeOffset? UpdatedAt, string? CorrectionNote);

    private static async Task<IResult> ListAsync(HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        LanguageTag? language = null;
        var lang = http.Request.Query["lang"].ToString();
        if (lang.Length > 0 && !LanguageTag.TryParse(lang, out language, out var error))
        {
            return BadRequest("lang", error);
        }

        if (Hosting.Paging.Requested(http.Request) is not { } page)
        {
            return BadRequest("page", Hosting.Paging.Problem(http.Request));
        }

        var size = site.Options.PageSize;
        var listing = await site.Store.ListPublishedAsync(language, site.Now, (page - 1) * size, size, cancellationToken);
        var baseUrl = site.BaseUrl(http.Request);
        return Results.Ok(new ListResponse(page, size, listing.Total, [.. listing.Items.Select(i => new ListItem(
            i.Slug, i.Version.Language.Value, i.Version.Title, i.Version.Summary, i.Version.PublishedAt,
            baseUrl + SiteContext.DocumentPath(i.Version.Language, i.Slug), [.. i.PublishedLanguages.Select(l => l.Value)], Pages.CorrectionShown(i.Version)))]));
    }

    private static async Task<IResult> DocumentAsync(string slug, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        var document = Slug.IsValid(slug) ? await site.Store.FindLiveDocumentAsync(slug, cancellationToken) : null;
        var published = document?.PublishedVersions(site.Now) ?? [];
        if (document is null || published.Count == 0)
        {
            return NotFound($"There is no published document \"{slug}\".");
        }

        var baseUrl = site.BaseUrl(http.Request);
        return Results.Ok(new DocumentResponse(document.Slug, document.OriginalLanguage.Value, document.Tags,
            [.. published.Select(v => new VersionLink(
                v.Language.Value, v.Title, baseUrl + SiteContext.DocumentPath(v.Language, slug), v.PublishedAt, v.Language == document.OriginalLanguage, Pages.CorrectionShown(v)))]));
    }

    private static async Task<IResult> VersionAsync(string slug, string lang, HttpContext http, SiteContext site, Newsroom newsroom, CancellationToken cancellationToken)
    {
        if (!LanguageTag.TryParse(lang, out var language, out var error))
        {
            return BadRequest("lang", error);
        }

        // Anonymous readers get the published version; a user who may read the language gets the latest revision,
        // whatever its state. The two must never share a cache entry.
        http.Response.Headers.Vary = "Authorization, Cookie";
        var user = await http.CurrentUserAsync();
        // An anonymous reader's answer is read without the working copies, like a page; a signed-in user's may hold one.
        var document = !Slug.IsValid(slug) ? null
            : user is null ? await site.Store.FindLiveDocumentAsync(slug, cancellationToken)
            : await site.Store.FindDocumentAsync(slug, cancellationToken);
        var version = document is null ? null
            : user is null ? document.Version(language) is { } v && v.IsPublicAt(site.Now) ? v : null
            : await newsroom.GetVersionAsync(user, slug, language, cancellationToken);
        if (document is null || version is null)
        {
            return NotFound($"There is no published {language} version of \"{slug}\".");
        }

        if (!version.IsPublicAt(site.Now))
        {
            http.Response.Headers.CacheControl = "private, no-store";
        }

        var etag = WriteApi.ETagOf(version);
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Ok(ToResponse(document.Slug, version, document.OriginalLanguage, site.BaseUrl(http.Request)));
    }

    /// <summary>The JSON of one version.</summary>
    public static VersionResponse ToResponse(string slug, LanguageVersion version, LanguageTag originalLanguage, string baseUrl) => new(
        slug, version.Language.Value, version.Title, version.Summary, version.Body, MarkdownRenderer.ToHtml(version.Body),
        version.State.Name(), version.Revision, version.PublishedAt, version.Language == originalLanguage, version.SourceRevision,
        baseUrl + SiteContext.DocumentPath(version.Language, slug),
        Pages.CorrectionShown(version), Pages.CorrectionShown(version) is null ? null : version.CorrectionNote);

    /// <summary>A 400 problem that names the parameter at fault in its <c>field</c> member.</summary>
    public static IResult BadRequest(string field, string detail) => Results.Problem(
        title: $"Invalid value for '{field}'",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["field"] = field });

    private static IResult NotFound(string detail) => Results.Problem(
        title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
