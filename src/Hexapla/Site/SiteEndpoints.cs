using System.Globalization;
using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Storage;
using Microsoft.Net.Http.Headers;

namespace Hexapla.Site;

/// <summary>The public site: language landing, home pages, document pages.</summary>
internal static class SiteEndpoints
{
    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ChooseLanguageAsync);
        // Routing ignores a trailing slash, so /{lang} and /{lang}/ meet here; the home page's address has one.
        app.MapGet("/{lang}", HomeAsync);
        app.MapGet("/{lang}/{slug}", DocumentAsync);
        return app;
    }

    /// <summary>Sends the reader to a language: their switcher cookie, then their browser's languages, then the default.</summary>
    private static async Task<IResult> ChooseLanguageAsync(HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        http.Response.Headers.Vary = "Accept-Language, Cookie";
        http.Response.Headers.CacheControl = "private, no-cache";
        var available = await site.SiteLanguagesAsync(cancellationToken);
        LanguageTag? chosen = null;
        if (http.Request.Cookies.TryGetValue(SiteContext.LanguageCookie, out var cookie)
            && LanguageTag.TryParse(cookie, out var fromCookie) && available.Contains(fromCookie))
        {
            chosen = fromCookie;
        }

        chosen ??= LanguageNegotiator.Choose(http.Request.Headers.AcceptLanguage.ToString(), available);
        chosen ??= await site.DefaultLanguageAsync(cancellationToken);
        return Results.Redirect($"/{chosen.UrlSegment}/");
    }

    private static async Task<IResult> HomeAsync(string lang, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        if (await LanguageSegment.ResolveAsync(lang, site, cancellationToken) is not { } language)
        {
            return await NotFoundAsync(http, site, null, cancellationToken);
        }

        if (lang != language.UrlSegment || !(http.Request.Path.Value ?? string.Empty).EndsWith('/'))
        {
            return Results.Redirect($"/{language.UrlSegment}/{http.Request.QueryString}", permanent: true);
        }

        if (Hosting.Paging.Requested(http.Request) is not { } pageNumber)
        {
            return await NotFoundAsync(http, site, language, cancellationToken);
        }

        var siteDefault = await site.InterfaceDefaultAsync(language, cancellationToken);
        var structure = await site.StructureAsync(cancellationToken);
        var (query, problems) = ListingQuery.Parse(http.Request.Query, structure, site.TimeZone, SiteText.For(language, siteDefault));
        if (query is null)
        {
            return await SectionEndpoints.BadFilterAsync(http, site, language, $"/{language.UrlSegment}/", problems, cancellationToken);
        }

        var size = site.Options.PageSize;
        var filter = query.Apply(new ListingFilter(language));
        var listing = await site.Store.ListFilteredAsync(filter, site.Now, (pageNumber - 1) * size, size, cancellationToken);
        var languages = await site.SiteLanguagesAsync(cancellationToken);
        if (!languages.Contains(language) || (listing.Items.Count == 0 && pageNumber > 1))
        {
            return await NotFoundAsync(http, site, language, cancellationToken);
        }

        var choices = await SectionEndpoints.ChoicesAsync(site, filter, structure, cancellationToken);
        var baseUrl = site.BaseUrl(http.Request);
        return HtmlResult(HomePage(site, language, pageNumber, listing, languages, path => baseUrl + path, siteDefault, query, choices));
    }

    /// <summary>
    /// The HTML of a home page: <paramref name="listing"/> is page <paramref name="pageNumber"/> of the language's published
    /// versions; <paramref name="absolute"/> turns a site path into the absolute URL search engines get (the live site's or an export's);
    /// <paramref name="siteDefault"/> gives the interface when <paramref name="language"/> has none; <paramref name="query"/> the
    /// filters the listing was narrowed by (a filtered page is not indexed: its canonical is the unfiltered first page) and
    /// <paramref name="choices"/> what the filter form offers (none when null).
    /// </summary>
    public static string HomePage(
        SiteContext site, LanguageTag language, int pageNumber, PublishedPage listing, IReadOnlyList<LanguageTag> languages, Func<string, string> absolute, LanguageTag? siteDefault = null,
        ListingQuery? query = null, FilterChoices? choices = null)
    {
        query ??= ListingQuery.None;
        var filtered = !query.IsEmpty;
        var size = site.Options.PageSize;
        var feed = $"/{language.UrlSegment}/feed.atom";
        var frame = new PageFrame
        {
            Language = language,
            QueryLength = site.QueryLength,
            Title = site.Options.SiteName,
            SiteName = site.Options.SiteName,
            Description = SiteText.For(language, siteDefault).HomeDescription(site.Options.SiteName, language.NativeName),
            Canonical = pageNumber == 1 || filtered ? absolute($"/{language.UrlSegment}/") : absolute($"/{language.UrlSegment}/?page={pageNumber}"),
            Switcher = [.. languages.Select(l => new LanguageLink(l, $"/{l.UrlSegment}/?choose", l == language))],
            Alternates = pageNumber == 1 && !filtered ? HomeAlternates(languages, absolute) : [],
            NoIndex = filtered,
            FeedHref = feed,
            SiteDefault = siteDefault,
        };
        return Pages.Layout(frame, Pages.Home(language, frame.Text, listing, pageNumber, size, site.TimeZone, feed, query, choices));
    }

    /// <summary>
    /// The hreflang alternates of the home pages (their first pages), the same on each of them, in the sitemap and on the
    /// static export's root: every language's home, then x-default at the site root, which sends a reader to a language.
    /// </summary>
    public static IReadOnlyList<(string HrefLang, string Href)> HomeAlternates(IReadOnlyList<LanguageTag> languages, Func<string, string> absolute) =>
        [.. languages.Select(l => (l.Value, absolute($"/{l.UrlSegment}/"))), ("x-default", absolute("/"))];

    private static async Task<IResult> DocumentAsync(string lang, string slug, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        if (await LanguageSegment.ResolveAsync(lang, site, cancellationToken) is not { } language)
        {
            return await NotFoundAsync(http, site, null, cancellationToken);
        }

        var canonicalSlug = slug.ToLowerInvariant();
        if (lang != language.UrlSegment || (slug != canonicalSlug && Slug.IsValid(canonicalSlug)))
        {
            return Results.Redirect($"{SiteContext.DocumentPath(language, canonicalSlug)}{http.Request.QueryString}", permanent: true);
        }

        // Live text only: a page never reads a working copy, so none can reach a reader through it.
        var document = Slug.IsValid(slug) ? await site.Store.FindLiveDocumentAsync(slug, cancellationToken) : null;
        var published = document?.PublishedVersions(site.Now) ?? [];
        if (document is null || published.Count == 0)
        {
            // No document by that slug: a top-level section's slug (or an old one) leads to the section's page.
            if (document is null && Slug.IsValid(slug) && await TopSectionPathAsync(site, slug, cancellationToken) is { } sectionPath)
            {
                return Results.Redirect(SiteNavigation.SectionPath(language, sectionPath), permanent: true);
            }

            return await NotFoundAsync(http, site, language, cancellationToken);
        }

        var baseUrl = site.BaseUrl(http.Request);
        var media = await PageMedia.FindAsync(site.Store, published.Select(v => v.Body), cancellationToken);
        var structure = await site.StructureAsync(cancellationToken);
        var fallback = await site.DefaultLanguageAsync(cancellationToken);
        var shown = published.FirstOrDefault(v => v.Language == language)
            ?? (site.Options.MissingTranslation == MissingTranslation.ShowOriginal ? published.FirstOrDefault(v => v.Language == document.OriginalLanguage) ?? published[0] : null);
        var navigation = await SiteNavigation.ForAsync(
            site, language, document.SectionId, shown is null ? null : new Sections.LocalText(shown.Title, shown.Language), SiteContext.DocumentPath(language, slug), cancellationToken);
        var page = DocumentPage(
            site, document, published, language, path => baseUrl + path, siteDefault: await site.InterfaceDefaultAsync(language, cancellationToken), media: media,
            navigation: navigation, structure: structure, fallback: fallback);
        return HtmlResult(page.Html, page.Status, page.LastModified);
    }

    /// <summary>
    /// The path of the section a single segment after the language names: a top-level section whose slug it is, else the
    /// section an old top-level path of that slug now leads to; null for neither.
    /// </summary>
    private static async Task<string?> TopSectionPathAsync(SiteContext site, string slug, CancellationToken cancellationToken)
    {
        var structure = await site.StructureAsync(cancellationToken);
        if (structure.SectionAt(slug) is { ParentId: null } top)
        {
            return structure.PathOf(top.Id);
        }

        return site.Store is IStructureStore structures && await structures.FindSectionRedirectAsync(slug, cancellationToken) is { } id
            ? structure.PathOf(id)
            : null;
    }

    /// <summary>A rendered page with what its response needs besides the HTML.</summary>
    public sealed record RenderedPage(string Html, int Status, DateTimeOffset? LastModified);

    /// <summary>
    /// The page of <paramref name="document"/> in <paramref name="language"/>, given its <paramref name="published"/> versions
    /// (at least one): the version, the original with a notice, or the 404 listing the versions that exist.
    /// <paramref name="absolute"/> turns a site path into the absolute URL for canonical and alternate links;
    /// <paramref name="compare"/> says whether the side-by-side pages exist to link to; <paramref name="siteDefault"/> gives the
    /// interface when <paramref name="language"/> has none; <paramref name="media"/> the media items the versions use
    /// (<see cref="PageMedia.FindAsync"/>: without them each shows as a placeholder); <paramref name="navigation"/> the menus and
    /// breadcrumbs (<see cref="SiteNavigation.ForAsync(SiteContext, LanguageTag, long?, Sections.LocalText?, string?, CancellationToken)"/>
    /// with the shown version's title; the 404 listing the versions puts its own title last); <paramref name="structure"/> the
    /// site's structure, for the document's kind and fields (none shown without it), named in <paramref name="language"/>
    /// or <paramref name="fallback"/>.
    /// </summary>
    public static RenderedPage DocumentPage(
        SiteContext site, Document document, IReadOnlyList<LanguageVersion> published, LanguageTag language, Func<string, string> absolute, bool compare = true,
        LanguageTag? siteDefault = null, IReadOnlyDictionary<long, Media.MediaItem>? media = null, PageNavigation? navigation = null,
        Sections.SiteStructure? structure = null, LanguageTag? fallback = null)
    {
        var slug = document.Slug;
        var switcher = published.Select(v => new LanguageLink(v.Language, $"{SiteContext.DocumentPath(v.Language, slug)}?choose", v.Language == language)).ToList();
        var alternates = published.Select(v => (v.Language.Value, absolute(SiteContext.DocumentPath(v.Language, slug)))).ToList();
        var original = published.FirstOrDefault(v => v.Language == document.OriginalLanguage) ?? published[0];
        alternates.Add(("x-default", absolute(SiteContext.DocumentPath(original.Language, slug))));
        var version = published.FirstOrDefault(v => v.Language == language);
        var frame = new PageFrame
        {
            Language = language,
            QueryLength = site.QueryLength,
            Title = (version ?? original).Title,
            SiteName = site.Options.SiteName,
            Description = (version ?? original).Summary ?? Excerpt((version ?? original).Body),
            Canonical = absolute(SiteContext.DocumentPath(version?.Language ?? original.Language, slug)),
            Switcher = switcher,
            Alternates = alternates,
            FeedHref = $"/{language.UrlSegment}/feed.atom",
            SiteDefault = siteDefault,
            Navigation = navigation ?? PageNavigation.None,
        };
        var text = frame.Text;
        var place = structure is null ? null : new DocumentPlace(document, structure, language, fallback);

        if (version is not null)
        {
            // The side-by-side comparisons sit beside the language switcher, the place a reader looks for other versions.
            var withCompare = frame with { BesideSwitcher = Pages.CompareLinks(language, text, slug, published) };
            // The page changes when any published version does (its switcher, hreflang and compare links) or appears.
            var lastModified = published.Max(v => v.PublishedAt is { } at && at > v.UpdatedAt ? at : v.UpdatedAt);
            var originalUpdated = site.OriginalUpdatedNotice && OriginalUpdatedSince(document, published, version) is { } updated
                ? Pages.OriginalUpdatedNotice(text, site.TimeZone, updated, compare ? CompareEndpoints.ComparePath(language, slug, document.OriginalLanguage) : null)
                : (Html?)null;
            return new(
                Pages.Layout(withCompare, Pages.Document(version, text, site.TimeZone, notice: null, frame.Canonical, originalUpdated, media, place)),
                StatusCodes.Status200OK,
                lastModified);
        }

        if (site.Options.MissingTranslation == MissingTranslation.ShowOriginal)
        {
            var notice = text.NotYetTranslated(language, original.Language);
            return new(Pages.Layout(frame with { Title = original.Title, NoIndex = true }, Pages.Document(original, text, site.TimeZone, notice, frame.Canonical, media: media, place: place)), StatusCodes.Status200OK, null);
        }

        var existing = published.Select(v => (v, SiteContext.DocumentPath(v.Language, slug))).ToList();
        // The trail ends at this page, which is the list of versions, not any version's text.
        var notHere = frame.Navigation with
        {
            Breadcrumbs = frame.Navigation.Breadcrumbs.Count == 0 ? [] : [.. frame.Navigation.Breadcrumbs.Where(c => c.Href is not null), new Crumb(text.NotInLanguageTitle, null, null)],
        };
        return new(
            Pages.Layout(frame with { Canonical = null, NoIndex = true, Title = text.NotInLanguageTitle, Navigation = notHere }, Pages.NotInLanguage(text, existing)),
            StatusCodes.Status404NotFound,
            null);
    }

    /// <summary>
    /// When the public original of <paramref name="translation"/> was updated after the translation was made, or null: the
    /// original's live revision is above the one the translation was made from, and its live text was corrected after
    /// readers got the translation's (its first publication, or its own last correction). Null for the original itself,
    /// for a translation with no known source revision, and while the original is not public.
    /// </summary>
    public static DateTimeOffset? OriginalUpdatedSince(Document document, IReadOnlyList<LanguageVersion> published, LanguageVersion translation)
    {
        if (translation.Language == document.OriginalLanguage
            || translation.SourceRevision is not { } source
            || published.FirstOrDefault(v => v.Language == document.OriginalLanguage) is not { } original
            || original.Revision <= source
            || Pages.CorrectionShown(original) is not { } corrected)
        {
            return null;
        }

        var since = translation.PublishedAt;
        if (translation.CorrectedAt is { } own && (since is null || own > since))
        {
            since = own;
        }

        return since is null || corrected > since ? corrected : null;
    }

    /// <summary>
    /// The friendly 404 page, in <paramref name="language"/> (the address's, when its first segment is a language) or
    /// the site's default. A language with an interface gets it even when the site has no content in it: <c>/fr-fr/</c>
    /// on a site without French is a French page saying so, since the reader asked for French.
    /// </summary>
    public static async Task<IResult> NotFoundAsync(HttpContext http, SiteContext site, LanguageTag? language, CancellationToken cancellationToken)
    {
        var languages = await site.SiteLanguagesAsync(cancellationToken);
        var siteDefault = await site.DefaultLanguageAsync(cancellationToken);
        _ = http;
        var shown = language ?? siteDefault;
        var navigation = await SiteNavigation.ForAsync(site, shown, null, new Sections.LocalText(SiteText.For(shown, siteDefault).NotFoundTitle, null), cancellationToken);
        return HtmlResult(NotFoundPage(site, shown, languages, siteDefault, navigation), StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The HTML of the friendly 404 page in <paramref name="language"/> (the interface of <paramref name="siteDefault"/> when it has
    /// none), listing the site's languages, with <paramref name="navigation"/>'s menus and trail when given.
    /// </summary>
    public static string NotFoundPage(SiteContext site, LanguageTag language, IReadOnlyList<LanguageTag> languages, LanguageTag? siteDefault = null, PageNavigation? navigation = null)
    {
        var text = SiteText.For(language, siteDefault);
        var frame = new PageFrame
        {
            Language = language,
            QueryLength = site.QueryLength,
            Title = text.NotFoundTitle,
            SiteName = site.Options.SiteName,
            NoIndex = true,
            SiteDefault = siteDefault,
            Navigation = navigation ?? PageNavigation.None,
        };
        return Pages.Layout(frame, Pages.NotFound(text, languages));
    }

    public static IResult HtmlResult(string html, int status = StatusCodes.Status200OK, DateTimeOffset? lastModified = null) =>
        new HtmlPageResult(html, status, lastModified);

    private sealed class HtmlPageResult(string html, int status, DateTimeOffset? lastModified) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            if (lastModified is { } modified)
            {
                response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
            }

            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }

    /// <summary>
    /// A description for search engines when a version has no summary: the start of its text, cut at a word
    /// boundary near the 160 characters a results page shows.
    /// </summary>
    private static string Excerpt(string markdown)
    {
        const int length = 160;
        var text = string.Join(' ', Markdig.Markdown.ToPlainText(markdown).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : length), "…");
    }
}
