using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Site;

/// <summary>
/// Sections on the public site: <c>/{lang}/s/{path}</c> lists what is public in that language in the section and every
/// section below it, newest first, with filters; <c>/{lang}/s/{path}/feed.atom</c> is its Atom feed. A section's old
/// path (before a rename or a move) answers 301 to its path now, and so does <c>/{lang}/{section-path}/{slug}</c>, the
/// shape some sites give documents, to the document's own address <c>/{lang}/{slug}</c>.
/// </summary>
internal static class SectionEndpoints
{
    /// <summary>The most used tags a filter form offers.</summary>
    public const int TopTags = 20;

    private const string FeedSuffix = "/feed.atom";

    public static IEndpointRouteBuilder MapSections(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{lang}/s/{**path}", SectionAsync);
        // Three segments or more: /{lang}/{slug} is a document's page, /{lang}/{slug}/compare/{other} a comparison.
        app.MapGet("/{lang}/{first}/{second}/{**rest}", SectionDocumentAsync);
        return app;
    }

    /// <summary>The address of a section's feed in <paramref name="language"/>.</summary>
    public static string FeedPath(LanguageTag language, string path) => SiteNavigation.SectionPath(language, path) + FeedSuffix;

    private static async Task<IResult> SectionAsync(string lang, string? path, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        if (await LanguageSegment.ResolveAsync(lang, site, cancellationToken) is not { } language)
        {
            return await SiteEndpoints.NotFoundAsync(http, site, null, cancellationToken);
        }

        path ??= string.Empty;
        var feed = path.EndsWith(FeedSuffix, StringComparison.Ordinal);
        var sectionPath = (feed ? path[..^FeedSuffix.Length] : path).Trim('/');
        var structure = await site.StructureAsync(cancellationToken);
        var section = sectionPath.Length == 0 ? null : structure.SectionAt(sectionPath);
        if (section is null)
        {
            // A path the section had before it was renamed or moved: its page (or feed) is now elsewhere, for good.
            if (sectionPath.Length > 0 && site.Store is IStructureStore structures
                && await structures.FindSectionRedirectAsync(sectionPath, cancellationToken) is { } moved
                && structure.PathOf(moved) is { } now)
            {
                var target = feed ? FeedPath(language, now) : SiteNavigation.SectionPath(language, now);
                return Results.Redirect($"{target}{http.Request.QueryString}", permanent: true);
            }

            return await SiteEndpoints.NotFoundAsync(http, site, language, cancellationToken);
        }

        var canonicalPath = structure.PathOf(section.Id)!;
        if (lang != language.UrlSegment || sectionPath != path[..(feed ? path.Length - FeedSuffix.Length : path.Length)] || canonicalPath != sectionPath)
        {
            var target = feed ? FeedPath(language, canonicalPath) : SiteNavigation.SectionPath(language, canonicalPath);
            return Results.Redirect($"{target}{http.Request.QueryString}", permanent: true);
        }

        if (!(await site.SiteLanguagesAsync(cancellationToken)).Contains(language))
        {
            return await SiteEndpoints.NotFoundAsync(http, site, language, cancellationToken);
        }

        var ids = structure.SelfAndDescendants(section.Id);
        var baseUrl = site.BaseUrl(http.Request);
        var siteDefault = await site.InterfaceDefaultAsync(language, cancellationToken);
        var fallback = await site.DefaultLanguageAsync(cancellationToken);
        if (feed)
        {
            var items = await site.Store.ListFilteredAsync(new ListingFilter(language) { SectionIds = ids }, site.Now, 0, DiscoveryEndpoints.FeedSize, cancellationToken);
            var media = await PageMedia.FindAsync(site.Store, items.Items.Select(i => i.Version.Body), cancellationToken);
            return Results.Text(
                SectionFeed(site, structure, section, language, fallback, items, path => baseUrl + path, siteDefault, media),
                "application/atom+xml; charset=utf-8");
        }

        if (Paging.Requested(http.Request) is not { } pageNumber)
        {
            return await SiteEndpoints.NotFoundAsync(http, site, language, cancellationToken);
        }

        var (query, problems) = ListingQuery.Parse(http.Request.Query, structure, site.TimeZone, SiteText.For(language, siteDefault));
        if (query is null)
        {
            return await BadFilterAsync(http, site, language, SiteNavigation.SectionPath(language, canonicalPath), problems, cancellationToken);
        }

        var size = site.Options.PageSize;
        var filter = query.Apply(new ListingFilter(language) { SectionIds = ids });
        var listing = await site.Store.ListFilteredAsync(filter, site.Now, (pageNumber - 1) * size, size, cancellationToken);
        if (listing.Items.Count == 0 && pageNumber > 1)
        {
            return await SiteEndpoints.NotFoundAsync(http, site, language, cancellationToken);
        }

        var choices = await ChoicesAsync(site, filter, structure, cancellationToken);
        var languages = await site.Store.ListSectionLanguagesAsync(ids, site.Now, cancellationToken);
        var title = section.TitleFor(language, fallback);
        var navigation = await SiteNavigation.ForAsync(site, language, section.ParentId, title, cancellationToken);
        var html = SectionPage(site, structure, section, language, fallback, pageNumber, listing, languages, path => baseUrl + path, siteDefault, query, choices, navigation);
        return SiteEndpoints.HtmlResult(html);
    }

    /// <summary>
    /// The HTML of a section's page in <paramref name="language"/>: page <paramref name="pageNumber"/> of
    /// <paramref name="listing"/> (the public versions of the section and those below it, narrowed by <paramref name="query"/>);
    /// <paramref name="languages"/> are the languages with public documents there (the switcher and the hreflang
    /// alternates); <paramref name="absolute"/> turns a site path into an absolute URL (the live site's or an export's).
    /// </summary>
    public static string SectionPage(
        SiteContext site, SiteStructure structure, Section section, LanguageTag language, LanguageTag fallback, int pageNumber, PublishedPage listing,
        IReadOnlyList<LanguageTag> languages, Func<string, string> absolute, LanguageTag? siteDefault, ListingQuery query, FilterChoices? choices, PageNavigation navigation)
    {
        var path = structure.PathOf(section.Id)!;
        var here = SiteNavigation.SectionPath(language, path);
        var title = section.TitleFor(language, fallback);
        var filtered = !query.IsEmpty;
        var text = SiteText.For(language, siteDefault);
        var alternates = new List<(string HrefLang, string Href)>();
        if (pageNumber == 1 && !filtered && languages.Count > 0)
        {
            alternates.AddRange(languages.Select(l => (l.Value, absolute(SiteNavigation.SectionPath(l, path)))));
            var original = languages.Contains(fallback) ? fallback : languages[0];
            alternates.Add(("x-default", absolute(SiteNavigation.SectionPath(original, path))));
        }

        var frame = new PageFrame
        {
            Language = language,
            QueryLength = site.QueryLength,
            Title = title.Text,
            SiteName = site.Options.SiteName,
            Description = text.HomeDescription(site.Options.SiteName, title.Text),
            Canonical = pageNumber == 1 || filtered ? absolute(here) : absolute($"{here}?page={pageNumber}"),
            Switcher = [.. languages.Select(l => new LanguageLink(l, $"{SiteNavigation.SectionPath(l, path)}?choose", l == language))],
            Alternates = alternates,
            FeedHref = FeedPath(language, path),
            // A filtered listing, and a section with nothing in this language, are not pages for a search engine.
            NoIndex = filtered || !languages.Contains(language),
            SiteDefault = siteDefault,
            Navigation = navigation,
        };
        var subsections = structure.Children(section.Id)
            .Select(child => (child.TitleFor(language, fallback), SiteNavigation.SectionPath(language, structure.PathOf(child.Id)!)))
            .ToList();
        return Pages.Layout(frame, Pages.SectionListing(
            language, frame.Text, title, subsections, here, query, choices ?? new FilterChoices(ListingFacets.None, structure, fallback), listing, pageNumber,
            site.Options.PageSize, site.TimeZone, frame.FeedHref));
    }

    /// <summary>
    /// The Atom feed of a section in <paramref name="language"/>: the newest public versions of the section and those
    /// below it, its title naming the section.
    /// </summary>
    public static string SectionFeed(
        SiteContext site, SiteStructure structure, Section section, LanguageTag language, LanguageTag fallback, PublishedPage listing,
        Func<string, string> absolute, LanguageTag? siteDefault, IReadOnlyDictionary<long, Media.MediaItem>? media)
    {
        var path = structure.PathOf(section.Id)!;
        var title = section.TitleFor(language, fallback);
        return DiscoveryEndpoints.Feed(
            site, language, listing, absolute, siteDefault, media,
            selfPath: FeedPath(language, path), htmlPath: SiteNavigation.SectionPath(language, path), name: $"{site.Options.SiteName} · {title.Text}");
    }

    /// <summary>What the filter form of a listing narrowed by <paramref name="filter"/> offers, counted in the store.</summary>
    public static async Task<FilterChoices> ChoicesAsync(SiteContext site, ListingFilter filter, SiteStructure structure, CancellationToken cancellationToken)
    {
        var facets = await site.FacetsAsync(filter, TopTags, cancellationToken);
        return new FilterChoices(facets, structure, await site.DefaultLanguageAsync(cancellationToken));
    }

    /// <summary>The 400 page for filters that were not understood, in the page's language, naming each problem.</summary>
    public static async Task<IResult> BadFilterAsync(
        HttpContext http, SiteContext site, LanguageTag language, string path, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        _ = http;
        var siteDefault = await site.InterfaceDefaultAsync(language, cancellationToken);
        var text = SiteText.For(language, siteDefault);
        var frame = new PageFrame
        {
            Language = language,
            QueryLength = site.QueryLength,
            Title = text.ListBadFilterTitle,
            SiteName = site.Options.SiteName,
            NoIndex = true,
            SiteDefault = siteDefault,
        };
        return SiteEndpoints.HtmlResult(Pages.Layout(frame, Pages.BadFilter(text, problems, path)), StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// <c>/{lang}/{section-path…}/{slug}</c>: when everything before the slug is a section's path (now or before a move)
    /// and the slug is a document with a public version, 301 to the document's address; anything else is a 404, which
    /// says nothing of documents that are not public.
    /// </summary>
    private static async Task<IResult> SectionDocumentAsync(string lang, string first, string second, string? rest, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        if (lang == "api")
        {
            // A wrong API address is the API's 404: an empty answer the status page turns into problem details, never a page.
            return Results.StatusCode(StatusCodes.Status404NotFound);
        }

        if (await LanguageSegment.ResolveAsync(lang, site, cancellationToken) is not { } language)
        {
            return await SiteEndpoints.NotFoundAsync(http, site, null, cancellationToken);
        }

        var segments = new List<string> { first, second };
        segments.AddRange((rest ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries));
        var slug = segments[^1].ToLowerInvariant();
        var sectionPath = string.Join('/', segments.Take(segments.Count - 1));
        var structure = await site.StructureAsync(cancellationToken);
        var isSection = structure.SectionAt(sectionPath) is not null
            || (site.Store is IStructureStore structures && await structures.FindSectionRedirectAsync(sectionPath, cancellationToken) is not null);
        if (!isSection || !Content.Slug.IsValid(slug)
            || await site.Store.FindLiveDocumentAsync(slug, cancellationToken) is not { } document
            || document.PublishedVersions(site.Now).Count == 0)
        {
            return await SiteEndpoints.NotFoundAsync(http, site, language, cancellationToken);
        }

        return Results.Redirect($"{SiteContext.DocumentPath(language, slug)}{http.Request.QueryString}", permanent: true);
    }
}
