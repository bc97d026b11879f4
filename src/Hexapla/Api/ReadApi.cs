using System.Text.Json.Serialization;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Api;

/// <summary>
/// The read API, JSON: published documents for everyone; a signed-in caller who may read a version in any state also
/// gets its text under work. Anonymous answers come from the live text alone (<see cref="Storage.IContentStore.FindLiveDocumentAsync"/>),
/// so no field of a working copy can reach them. Errors are RFC 9457 problem details.
/// </summary>
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

    /// <summary>
    /// A published document. <c>Section</c>, <c>Kind</c> and <c>Fields</c> (the shared values only: translatable ones
    /// belong to each version) are named in the original's language; null section or kind for none.
    /// </summary>
    public sealed record DocumentResponse(string Slug, string OriginalLanguage, IReadOnlyList<string> Tags, IReadOnlyList<VersionLink> Versions)
    {
        [JsonPropertyOrder(10)]
        public StructureApi.SectionRef? Section { get; init; }

        [JsonPropertyOrder(11)]
        public StructureApi.KindRef? Kind { get; init; }

        [JsonPropertyOrder(12)]
        public IReadOnlyDictionary<string, StructureApi.FieldValue> Fields { get; init; } = new Dictionary<string, StructureApi.FieldValue>();
    }

    /// <summary>
    /// One version. The top-level text is what readers get (the live text, or for a version never live its only text).
    /// <c>UpdatedAt</c> is when that text was corrected after its first publication (the page's "Updated" date), null while
    /// readers have the text first published; <c>CorrectionNote</c> is the editor's public note on that correction. Both
    /// are public. The members after them are for signed-in callers who may read the version in any state, and are left
    /// out of every other answer, never sent as null: who wrote the revision and why, its approval or rejection, and the
    /// <see cref="Working"/> copy over live text.
    /// </summary>
    public sealed record VersionResponse(
        string Slug, string Language, string Title, string? Summary, string Body, string Html,
        string State, int Revision, DateTimeOffset? PublishedAt, bool Original, int? SourceRevision, string Url,
        DateTimeOffset? UpdatedAt, string? CorrectionNote,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Author = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApprovedBy = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rejection = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LatestRevision = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WorkingResponse? Working = null)
    {
        /// <summary>The media the top-level text uses, as its readers get them; sent by <c>GET</c> of a version, absent elsewhere.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        [JsonPropertyOrder(100)]
        public IReadOnlyList<MediaApi.UsedMedia>? Media { get; init; }

        /// <summary>The document's section, titles in this version's language (marked when they fell back); null for none.</summary>
        [JsonPropertyOrder(20)]
        public StructureApi.SectionRef? Section { get; init; }

        /// <summary>The document's kind, named in this version's language; null for none.</summary>
        [JsonPropertyOrder(21)]
        public StructureApi.KindRef? Kind { get; init; }

        /// <summary>The shared field values and this text's translatable ones, by key, labelled in this version's language.</summary>
        [JsonPropertyOrder(22)]
        public IReadOnlyDictionary<string, StructureApi.FieldValue> Fields { get; init; } = new Dictionary<string, StructureApi.FieldValue>();

        /// <summary>The kind's translatable fields this text has no value for (never filled in from another language).</summary>
        [JsonPropertyOrder(23)]
        public IReadOnlyList<string> MissingFields { get; init; } = [];
    }

    /// <summary>The working copy over a version's live text, for those who may read it.</summary>
    public sealed record WorkingResponse(
        int Revision, string State, string Title, string? Summary, string Body, string Html, string? Author, string? Note,
        string? ApprovedBy, string? Rejection, int? SourceRevision, DateTimeOffset UpdatedAt)
    {
        /// <summary>The field values with the working copy's translatable ones (see <see cref="VersionResponse.Fields"/>).</summary>
        public IReadOnlyDictionary<string, StructureApi.FieldValue> Fields { get; init; } = new Dictionary<string, StructureApi.FieldValue>();

        /// <summary>The translatable fields the working copy has no value for.</summary>
        public IReadOnlyList<string> MissingFields { get; init; } = [];
    }

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
        var view = await StructureApi.ViewAsync(site, cancellationToken);
        return Results.Ok(new DocumentResponse(document.Slug, document.OriginalLanguage.Value, document.Tags,
            [.. published.Select(v => new VersionLink(
                v.Language.Value, v.Title, baseUrl + SiteContext.DocumentPath(v.Language, slug), v.PublishedAt, v.Language == document.OriginalLanguage, Pages.CorrectionShown(v)))])
        {
            Section = StructureApi.SectionOf(view, document.SectionId, document.OriginalLanguage),
            Kind = StructureApi.KindOf(view, document.Kind, document.OriginalLanguage),
            Fields = StructureApi.FieldsOf(view, document, null, document.OriginalLanguage).Fields,
        });
    }

    private static async Task<IResult> VersionAsync(
        string slug, string lang, HttpContext http, SiteContext site, Storage.IMediaStore mediaStore, CancellationToken cancellationToken)
    {
        if (!LanguageTag.TryParse(lang, out var language, out var error))
        {
            return BadRequest("lang", error);
        }

        // Anonymous readers, and signed-in users who may not read this language in every state, get the live text if it
        // is public, read without any working copy; a user who may read it gets the version with its text under work.
        // The two must never share a cache entry.
        http.Response.Headers.Vary = "Authorization, Cookie";
        var user = await http.CurrentUserAsync();
        // An anonymous reader's answer is read without the working copies, like a page; never one read with them.
        var document = user is not null && Slug.IsValid(slug) ? await site.Store.FindDocumentAsync(slug, cancellationToken) : null;
        var mayRead = user is not null && document is not null && user.CanRead(document.OriginalLanguage, language);
        if (!mayRead)
        {
            document = Slug.IsValid(slug) ? await site.Store.FindLiveDocumentAsync(slug, cancellationToken) : null;
        }

        var version = document?.Version(language) is { } found && (mayRead || found.IsPublicAt(site.Now)) ? found : null;
        if (document is null || version is null)
        {
            return NotFound($"There is no published {language} version of \"{slug}\".");
        }

        if (mayRead)
        {
            // What a signed-in reader gets holds text under work: never for a shared cache.
            http.Response.Headers.CacheControl = "private, no-store";
        }

        // The document's place (section, kind, field values and their names) changes without a new revision of the text:
        // the tag says which place the answer shows, so a conditional GET never keeps a section or kind gone stale.
        var view = await StructureApi.ViewAsync(site, cancellationToken);
        var etag = StructureApi.WithPlace(WriteApi.ETagOf(version), view, document, version);
        http.Response.Headers.ETag = etag;
        var media = await MediaOfAsync(site, version, cancellationToken);
        // The ETag names the revision (it is the write API's precondition too), not the media texts the html shows: a text
        // that uses media is answered whole, never 304, so a changed alt text or caption reaches the caller.
        if (media.Count == 0 && http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var baseUrl = site.BaseUrl(http.Request);
        return Results.Ok(ToResponse(document, version, view, baseUrl, mayRead, media) with
        {
            Media = await MediaApi.UsedByAsync(mediaStore, version.Body, language, baseUrl, cancellationToken),
        });
    }

    /// <summary>
    /// The JSON of one version: with <paramref name="underWork"/>, for a caller who may read it in any state, the text
    /// under work and who did what to it; without, only what readers may know. <paramref name="media"/> holds the media
    /// items the texts use (<see cref="MediaOfAsync"/>), rendered in the version's language with absolute addresses.
    /// </summary>
    public static VersionResponse ToResponse(
        Document document, LanguageVersion version, StructureApi.View view, string baseUrl, bool underWork, IReadOnlyDictionary<long, Media.MediaItem>? media = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(version);
        var slug = document.Slug;
        var originalLanguage = document.OriginalLanguage;
        var rendering = PageMedia.For(version.Language, SiteText.For(version.Language), media, baseUrl);
        var (fields, missing) = StructureApi.FieldsOf(view, document, version, version.Language);
        var response = new VersionResponse(
            slug, version.Language.Value, version.Title, version.Summary, version.Body, MarkdownRenderer.ToHtml(version.Body, rendering),
            version.State.Name(), version.Revision, version.PublishedAt, version.Language == originalLanguage, version.SourceRevision,
            baseUrl + SiteContext.DocumentPath(version.Language, slug),
            Pages.CorrectionShown(version), Pages.CorrectionShown(version) is null ? null : version.CorrectionNote)
        {
            Section = StructureApi.SectionOf(view, document.SectionId, version.Language),
            Kind = StructureApi.KindOf(view, document.Kind, version.Language),
            Fields = fields,
            MissingFields = missing,
        };
        if (!underWork)
        {
            return response;
        }

        return response with
        {
            Author = version.Author,
            Note = version.Note,
            ApprovedBy = version.ApprovedBy,
            Rejection = version.Rejection,
            LatestRevision = version.Latest.Revision,
            Working = version.Working is { } work
                ? new WorkingResponse(work.Revision, work.State.Name(), work.Title, work.Summary, work.Body, MarkdownRenderer.ToHtml(work.Body, PageMedia.For(version.Language, SiteText.For(version.Language), media, baseUrl)),
                    work.Author, work.Note, work.ApprovedBy, work.Rejection, work.SourceRevision, work.UpdatedAt)
                {
                    Fields = StructureApi.FieldsOf(view, document, work, version.Language).Fields,
                    MissingFields = StructureApi.FieldsOf(view, document, work, version.Language).Missing,
                }
                : null,
        };
    }

    /// <summary>The media items the live text of <paramref name="version"/> and its working copy use, by id.</summary>
    public static Task<IReadOnlyDictionary<long, Media.MediaItem>> MediaOfAsync(SiteContext site, LanguageVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(version);
        return PageMedia.FindAsync(site.Store, [version.Body, version.Working?.Body], cancellationToken);
    }

    /// <summary>A 400 problem that names the parameter at fault in its <c>field</c> member.</summary>
    public static IResult BadRequest(string field, string detail) => Results.Problem(
        title: $"Invalid value for '{field}'",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["field"] = field });

    private static IResult NotFound(string detail) => Results.Problem(
        title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
