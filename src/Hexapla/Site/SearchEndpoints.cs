using System.Globalization;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Site;

/// <summary>Search: the results page in each language, and the JSON API. Both read the same parameters.</summary>
internal static class SearchEndpoints
{
    private const int PageSize = 10;

    /// <summary>Results are paged no deeper than this: each page asks the index for every hit before it.</summary>
    private const int MaxPage = 1000;

    /// <summary>At most this many sections are named in a refusal of an unknown one.</summary>
    private const int NamedSections = 10;

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{lang}/search", PageAsync);
        app.MapGet("/api/v1/search", ApiAsync);
        return app;
    }

    /// <summary>The parameters both endpoints take, read without ever throwing; <c>Error</c> names a bad one and its value.</summary>
    private sealed record Request(string Query, int Page, SearchFilters Filters, string? Kind, string? Section, (string Field, string Value, string Detail)? Error);

    private static Request Read(HttpRequest http)
    {
        var query = http.Query["q"].ToString();
        (string, string, string)? error = null;
        var maxQuery = QueryLimit(http.HttpContext);
        if (query.Length > maxQuery)
        {
            error = ("q", query, $"The search is {query.Length} characters long; the limit (Hexapla:Limits:QueryLength) is {maxQuery}.");
        }

        if (Hosting.Paging.Requested(http, MaxPage) is not { } page)
        {
            error = ("page", http.Query["page"].ToString(), Hosting.Paging.Problem(http, MaxPage));
            page = 1;
        }

        DateOnly? Date(string field, bool end)
        {
            var text = http.Query[field].ToString().Trim();
            if (text.Length == 0)
            {
                return null;
            }

            if (SearchFilters.ParseDay(text, end) is { } day)
            {
                return day;
            }

            error ??= (field, text, $"\"{text}\" is not a date: write a day as 2016-02-29, a month as 2016-02 or a year as 2016.");
            return null;
        }

        var from = Date("from", end: false);
        var to = Date("to", end: true);
        if (from is { } start && to is { } finish && finish < start)
        {
            error ??= ("to", http.Query["to"].ToString(), $"\"{http.Query["to"]}\" is before \"{http.Query["from"]}\" (from): nothing could be found between them.");
        }

        var tag = http.Query["tag"].ToString().Trim();
        var kind = http.Query["kind"].ToString().Trim();
        var section = http.Query["section"].ToString().Trim().Trim('/');
        var filters = new SearchFilters(null, null, tag.Length > 0 ? tag.ToLowerInvariant() : null, from, to);
        return new Request(query, page, filters, kind.Length > 0 ? kind : null, section.Length > 0 ? section : null, error);
    }

    /// <summary>
    /// Finds the kind and section the request names in the site's structure: a section by its path, or by an old path
    /// it kept (a renamed or moved section's links keep filtering). An unknown one is an error naming the parameter.
    /// </summary>
    private static async Task<Request> ResolveAsync(Request request, SiteContext site, SiteStructure structure, CancellationToken cancellationToken)
    {
        if (request.Error is not null)
        {
            return request;
        }

        var filters = request.Filters;
        if (request.Kind is { } key)
        {
            if (structure.Kind(key) is not { } kind)
            {
                var known = structure.Kinds.Count == 0 ? "none is defined" : "the kinds are " + string.Join(", ", structure.Kinds.Select(k => k.Key));
                return request with { Error = ("kind", key, $"\"{key}\" is not a kind of document here ({known}).") };
            }

            filters = filters with { Kind = kind };
        }

        if (request.Section is { } path)
        {
            var section = structure.SectionAt(path);
            if (section is null && site.Store is IStructureStore store && await store.FindSectionRedirectAsync(path, cancellationToken) is { } moved)
            {
                section = structure.Section(moved);
            }

            if (section is null)
            {
                var paths = structure.Sections.Select(s => structure.PathOf(s.Id)!).Order(StringComparer.Ordinal).Take(NamedSections).ToList();
                var known = paths.Count == 0 ? "the site has no sections" : "sections are named by their path, such as " + string.Join(", ", paths);
                return request with { Error = ("section", path, $"\"{path}\" is not a section ({known}).") };
            }

            filters = filters with { Section = section };
        }

        return request with { Filters = filters };
    }

    private static int QueryLimit(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.Limits>>().Value.QueryLength;

    private static SearchQuery QueryOf(Request request, LanguageTag? language, TimeZoneInfo zone) => new(
        request.Query, language, request.Page, PageSize, request.Filters.Tag, request.Filters.From, request.Filters.To, zone,
        request.Filters.Kind?.Key, request.Filters.Section?.Id, Facets: true);

    private static async Task<IResult> PageAsync(string lang, HttpContext http, SiteContext site, ISearchIndex index, CancellationToken cancellationToken)
    {
        if (await LanguageSegment.ResolveAsync(lang, site, cancellationToken) is not { } language)
        {
            return await SiteEndpoints.NotFoundAsync(http, site, null, cancellationToken);
        }

        if (lang != language.UrlSegment)
        {
            return Results.Redirect($"/{language.UrlSegment}/search{http.Request.QueryString}", permanent: true);
        }

        var structure = await site.StructureAsync(cancellationToken);
        var request = await ResolveAsync(Read(http.Request), site, structure, cancellationToken);
        var all = http.Request.Query["all"].ToString() is "1" or "on" or "true";
        var searched = request.Error is null && (request.Query.Trim().Length > 0 || request.Filters.Any);
        var results = searched
            ? await PublicSearch.RunAsync(index, site.Store, QueryOf(request, all ? null : language, site.TimeZone), site.Now, cancellationToken)
            : SearchResults.None;
        var languages = await site.SiteLanguagesAsync(cancellationToken);
        var siteDefault = await site.InterfaceDefaultAsync(language, cancellationToken);
        var fallback = await site.DefaultLanguageAsync(cancellationToken);
        var text = SiteText.For(language, siteDefault);
        var frame = new PageFrame
        {
            Language = language,
            SiteDefault = siteDefault,
            QueryLength = site.QueryLength,
            Title = text.SearchLabel,
            SiteName = site.Options.SiteName,
            NoIndex = true,
            Query = request.Query,
            // The filters name kinds, sections and tags the same way in every language: a reader switching keeps them.
            Switcher = [.. languages.Select(l => new LanguageLink(l, SearchView.Href(l, request.Query, all, request.Filters, structure), l == language))],
        };
        var view = new SearchView(
            language, text, request.Query, all, request.Filters, structure, fallback, results, request.Page, PageSize, site.TimeZone, site.QueryLength);
        // A bad parameter: the search form under a message naming it, in the page's language, and no results.
        var body = request.Error switch
        {
            ("q", _, _) => Html.Of($"""<p class="alert" role="alert">{text.SearchTooLong(request.Query.Length, QueryLimit(http))}</p>{Pages.SearchResults(view with { Query = "", Page = 1 })}"""),
            var (field, value, _) => Html.Of($"""<p class="alert" role="alert">{text.SearchFilterInvalid(field, value)}</p>{Pages.SearchResults(view)}"""),
            null => Pages.SearchResults(view),
        };
        var html = Pages.Layout(frame, body);
        return SiteEndpoints.HtmlResult(html, request.Error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>A result of the JSON API; <c>File</c> names the linked file the snippet comes from, null when it is the body's.</summary>
    public sealed record ApiHit(string Slug, string Language, string Title, DateTimeOffset? PublishedAt, string Snippet, string Url, IReadOnlyList<string> Languages, string? File);

    /// <summary>The filters a search ran with, as the request gave them (a section by its current path).</summary>
    public sealed record ApiFilters(string? Kind, string? Section, string? Tag, string? From, string? To);

    /// <summary>A kind and how many results are of it, its name in the asked language (<c>NameLanguage</c> says which it is).</summary>
    public sealed record ApiKindCount(string Key, string Name, string? NameLanguage, int Count);

    /// <summary>A section and how many results are in it or below it.</summary>
    public sealed record ApiSectionCount(long Id, string Path, long? ParentId, string Title, string? TitleLanguage, int Count);

    public sealed record ApiTagCount(string Tag, int Count);

    public sealed record ApiYearCount(int Year, int Count);

    public sealed record ApiFacets(IReadOnlyList<ApiKindCount> Kinds, IReadOnlyList<ApiSectionCount> Sections, IReadOnlyList<ApiTagCount> Tags, IReadOnlyList<ApiYearCount> Years);

    public sealed record ApiResults(string Query, string? Language, int Page, int PageSize, int Total, ApiFilters Filters, IReadOnlyList<ApiHit> Results, ApiFacets Facets);

    private static async Task<IResult> ApiAsync(HttpContext http, SiteContext site, ISearchIndex index, CancellationToken cancellationToken)
    {
        var request = Read(http.Request);
        var lang = http.Request.Query["lang"].ToString();
        LanguageTag? language = null;
        if (lang.Length > 0 && lang != "*" && !LanguageTag.TryParse(lang, out language, out var error))
        {
            request = request with { Error = request.Error ?? ("lang", lang, error) };
        }

        var structure = await site.StructureAsync(cancellationToken);
        request = await ResolveAsync(request, site, structure, cancellationToken);
        if (request.Error is { } bad)
        {
            return Hexapla.Api.ReadApi.BadRequest(bad.Field, bad.Detail);
        }

        var results = await PublicSearch.RunAsync(index, site.Store, QueryOf(request, language, site.TimeZone), site.Now, cancellationToken);
        var baseUrl = site.BaseUrl(http.Request);
        // Names and titles in the language searched, else the site's default language.
        var names = language ?? await site.DefaultLanguageAsync(cancellationToken);
        var fallback = await site.DefaultLanguageAsync(cancellationToken);
        var facets = results.Facets ?? SearchFacets.Empty;
        var filters = request.Filters;
        return Results.Ok(new ApiResults(request.Query, language?.Value, request.Page, PageSize, results.Total,
            new ApiFilters(filters.Kind?.Key, filters.Section is { } s ? structure.PathOf(s.Id) : null, filters.Tag,
                filters.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), filters.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            [.. results.Hits.Select(h => new ApiHit(h.Slug, h.Language.Value, h.Title, h.PublishedAt, h.SnippetHtml,
                baseUrl + SiteContext.DocumentPath(h.Language, h.Slug), [.. h.Languages.Select(l => l.Value)], h.FileName))],
            new ApiFacets(
                [.. facets.Kinds.Select(c => (c.Count, Kind: structure.Kind(c.Value))).Where(p => p.Kind is not null).Select(p => KindCount(p.Kind!, p.Count, names, fallback))],
                [.. facets.Sections.Select(c => (c.Count, Section: structure.Section(c.Value))).Where(p => p.Section is not null)
                    .Select(p => SectionCount(structure, p.Section!, p.Count, names, fallback))],
                [.. facets.Tags.Select(c => new ApiTagCount(c.Value, c.Count))],
                [.. facets.Years.Select(c => new ApiYearCount(c.Value, c.Count))])));
    }

    private static ApiKindCount KindCount(DocumentKind kind, int count, LanguageTag language, LanguageTag fallback)
    {
        var name = kind.NameFor(language, fallback);
        return new ApiKindCount(kind.Key, name.Text, name.Language?.Value, count);
    }

    private static ApiSectionCount SectionCount(SiteStructure structure, Section section, int count, LanguageTag language, LanguageTag fallback)
    {
        var title = section.TitleFor(language, fallback);
        return new ApiSectionCount(section.Id, structure.PathOf(section.Id)!, section.ParentId, title.Text, title.Language?.Value, count);
    }
}
