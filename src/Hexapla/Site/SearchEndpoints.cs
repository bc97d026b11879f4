using System.Globalization;
using Hexapla.Languages;
using Hexapla.Search;

namespace Hexapla.Site;

/// <summary>Search: the results page in each language, and the JSON API. Both read the same parameters.</summary>
internal static class SearchEndpoints
{
    private const int PageSize = 10;

    /// <summary>Results are paged no deeper than this: each page asks the index for every hit before it.</summary>
    private const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{lang}/search", PageAsync);
        app.MapGet("/api/v1/search", ApiAsync);
        return app;
    }

    /// <summary>The parameters both endpoints take, read without ever throwing; <c>Error</c> names a bad one.</summary>
    private sealed record Request(string Query, int Page, string? Tag, DateOnly? From, DateOnly? To, (string Field, string Detail)? Error);

    private static Request Read(HttpRequest http)
    {
        var query = http.Query["q"].ToString();
        (string, string)? error = null;
        var maxQuery = QueryLimit(http.HttpContext);
        if (query.Length > maxQuery)
        {
            error = ("q", $"The search is {query.Length} characters long; the limit (Hexapla:Limits:QueryLength) is {maxQuery}.");
        }

        if (Hosting.Paging.Requested(http, MaxPage) is not { } page)
        {
            error = ("page", Hosting.Paging.Problem(http, MaxPage));
            page = 1;
        }

        DateOnly? Date(string field)
        {
            var text = http.Query[field].ToString();
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            error ??= (field, $"\"{text}\" is not a date: write it as 2016-02-29.");
            return null;
        }

        var from = Date("from");
        var to = Date("to");
        var tag = http.Query["tag"].ToString();
        return new Request(query, page, tag.Length > 0 ? tag : null, from, to, error);
    }

    private static int QueryLimit(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.Limits>>().Value.QueryLength;

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

        var request = Read(http.Request);
        var all = http.Request.Query["all"].ToString() is "1" or "on" or "true";
        var results = request.Error is null && request.Query.Trim().Length > 0
            ? await PublicSearch.RunAsync(index, site.Store, new SearchQuery(request.Query, all ? null : language, request.Page, PageSize, request.Tag, request.From, request.To, site.TimeZone), site.Now, cancellationToken)
            : SearchResults.None;
        var languages = await site.SiteLanguagesAsync(cancellationToken);
        var siteDefault = await site.InterfaceDefaultAsync(language, cancellationToken);
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
            Switcher = [.. languages.Select(l => new LanguageLink(l, $"/{l.UrlSegment}/search?q={Uri.EscapeDataString(request.Query)}{(all ? "&all=1" : "")}", l == language))],
        };
        // A query over the length limit: the empty search form under a message saying so, in the page's language.
        var body = request.Error is ("q", _)
            ? Html.Of($"""<p class="alert" role="alert">{text.SearchTooLong(request.Query.Length, QueryLimit(http))}</p>{Pages.SearchResults(language, text, "", all, results, 1, PageSize, site.TimeZone, site.QueryLength)}""")
            : Pages.SearchResults(language, text, request.Query, all, results, request.Page, PageSize, site.TimeZone, site.QueryLength);
        var html = Pages.Layout(frame, body);
        return SiteEndpoints.HtmlResult(html, request.Error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>A result of the JSON API; <c>File</c> names the linked file the snippet comes from, null when it is the body's.</summary>
    public sealed record ApiHit(string Slug, string Language, string Title, DateTimeOffset? PublishedAt, string Snippet, string Url, IReadOnlyList<string> Languages, string? File);

    public sealed record ApiResults(string Query, string? Language, int Page, int PageSize, int Total, IReadOnlyList<ApiHit> Results);

    private static async Task<IResult> ApiAsync(HttpContext http, SiteContext site, ISearchIndex index, CancellationToken cancellationToken)
    {
        var request = Read(http.Request);
        var lang = http.Request.Query["lang"].ToString();
        LanguageTag? language = null;
        if (lang.Length > 0 && lang != "*" && !LanguageTag.TryParse(lang, out language, out var error))
        {
            request = request with { Error = request.Error ?? ("lang", error) };
        }

        if (request.Error is { } bad)
        {
            return Hexapla.Api.ReadApi.BadRequest(bad.Field, bad.Detail);
        }

        var results = await PublicSearch.RunAsync(index, site.Store, new SearchQuery(request.Query, language, request.Page, PageSize, request.Tag, request.From, request.To, site.TimeZone), site.Now, cancellationToken);
        var baseUrl = site.BaseUrl(http.Request);
        return Results.Ok(new ApiResults(request.Query, language?.Value, request.Page, PageSize, results.Total,
            [.. results.Hits.Select(h => new ApiHit(h.Slug, h.Language.Value, h.Title, h.PublishedAt, h.SnippetHtml,
                baseUrl + SiteContext.DocumentPath(h.Language, h.Slug), [.. h.Languages.Select(l => l.Value)], h.FileName))]));
    }
}
