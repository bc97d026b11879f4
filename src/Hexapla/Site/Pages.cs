using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Site;

/// <summary>A link of the language switcher, and of a page's hreflang alternates.</summary>
internal sealed record LanguageLink(LanguageTag Language, string Href, bool Current);

/// <summary>What every public page has: language, title, links for search engines, the switcher.</summary>
internal sealed record PageFrame
{
    public required LanguageTag Language { get; init; }
    public required string Title { get; init; }
    public required string SiteName { get; init; }
    public string? Canonical { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<LanguageLink> Switcher { get; init; } = [];

    /// <summary>Absolute URLs of the same page in other languages, with the x-default target.</summary>
    public IReadOnlyList<(string HrefLang, string Href)> Alternates { get; init; } = [];
    public string? FeedHref { get; init; }
    public bool NoIndex { get; init; }

    /// <summary>What the search box shows: the query of a results page.</summary>
    public string? Query { get; init; }

    /// <summary>The longest query the search box lets a reader type (<c>Hexapla:Limits:QueryLength</c>).</summary>
    public int QueryLength { get; init; } = Hosting.Limits.DefaultQueryLength;

    /// <summary>Links shown beside the language switcher (a document's side-by-side comparisons).</summary>
    public Html BesideSwitcher { get; init; } = Html.Empty;

    /// <summary>
    /// The site's default language, whose interface a page gets when its own language has none (null: English then).
    /// Only needed for such pages; <see cref="SiteContext.InterfaceDefaultAsync"/> gives it.
    /// </summary>
    public LanguageTag? SiteDefault { get; init; }

    /// <summary>The page's menus and breadcrumbs (<see cref="SiteNavigation.ForAsync(SiteContext, LanguageTag, long?, Sections.LocalText?, CancellationToken)"/>); none when not given.</summary>
    public PageNavigation Navigation { get; init; } = PageNavigation.None;

    /// <summary>The words of this page's chrome.</summary>
    public SiteText Text => SiteText.For(Language, SiteDefault);
}

/// <summary>Where a document stands in the site, for its page: its kind and fields, named in the page's language.</summary>
/// <param name="Document">The document (its kind and shared values).</param>
/// <param name="Structure">The site's structure (the kind's definition).</param>
/// <param name="Page">The page's language, which names the kind and labels the fields.</param>
/// <param name="Fallback">The site's default language, for names and labels the page's language lacks.</param>
internal sealed record DocumentPlace(Content.Document Document, Sections.SiteStructure Structure, LanguageTag Page, LanguageTag? Fallback);

/// <summary>The HTML of the public pages. Plain markup, one stylesheet, no script.</summary>
/// <remarks>
/// The chrome (header, navigation, footer, notices) is in the interface language and carries its <c>lang</c>/<c>dir</c> on
/// <c>html</c>; content (titles, summaries, bodies) carries its own where it differs, so neither direction scrambles the other.
/// </remarks>
internal static partial class Pages
{
    public static string StylesheetHref => StaticAssets.Href("site.css");

    public static string Layout(PageFrame frame, Html main)
    {
        var text = frame.Text;
        var alternates = frame.Alternates.Select(a => Html.Of($"""<link rel="alternate" hreflang="{a.HrefLang}" href="{a.Href}">"""));
        var canonical = frame.Canonical is null ? Html.Empty : Html.Of($"""<link rel="canonical" href="{frame.Canonical}">""");
        var description = frame.Description is null ? Html.Empty : Html.Of($"""<meta name="description" content="{frame.Description}">""");
        var feed = frame.FeedHref is null ? Html.Empty : Html.Of($"""<link rel="alternate" type="application/atom+xml" title="{frame.SiteName} · {text.Feed}" href="{frame.FeedHref}">""");
        var robots = frame.NoIndex ? Html.Of($"""<meta name="robots" content="noindex">""") : Html.Empty;
        var title = frame.Title == frame.SiteName ? frame.Title : $"{frame.Title} · {frame.SiteName}";
        var footerFeed = frame.FeedHref is null ? Html.Empty : Html.Of($""" · <a href="{frame.FeedHref}">{text.Feed}</a>""");
        return Html.Of($"""
            <!doctype html>
            <html lang="{text.Language.Value}" dir="{text.Dir}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title>
            {description}{canonical}{Html.Join(alternates)}{feed}{robots}
            <link rel="icon" type="image/svg+xml" href="{StaticAssets.Href("favicon.svg")}">
            <link rel="stylesheet" href="{StylesheetHref}">
            </head>
            <body>
            <a class="skip" href="#main">{text.SkipToContent}</a>
            <header class="site">
            <div class="bar">
            <a class="brand" href="/{frame.Language.UrlSegment}/"><bdi>{frame.SiteName}</bdi></a>
            {SearchBox(frame.Language, text, frame.Query, frame.QueryLength)}
            {Switcher(frame.Switcher, text)}{frame.BesideSwitcher}
            </div>{HeaderMenu(frame.Navigation.Header, text)}
            </header>
            {Breadcrumbs(frame.Navigation.Breadcrumbs, text)}<main id="main">
            {main}
            </main>
            <footer>
            {FooterMenu(frame.Navigation.Footer, text)}<div class="bar"><bdi>{frame.SiteName}</bdi>{footerFeed}</div>
            </footer>
            </body>
            </html>
            """).Value;
    }

    /// <summary><c> lang="…" dir="…"</c> of the chrome, for a line of it inside content of another language (a date in an article).</summary>
    private static Html ChromeOf(SiteText text) => Html.Of($""" lang="{text.Language.Value}" dir="{text.Dir}" """);

    /// <summary><c> lang="…" dir="…"</c> for content in <paramref name="content"/> inside chrome in <paramref name="text"/>'s language, or nothing when they agree.</summary>
    private static Html LangOf(LanguageTag content, SiteText text) =>
        content == text.Language ? Html.Empty : Html.Of($""" lang="{content.Value}" dir="{content.HtmlDir}" """);

    public static Html SearchBox(LanguageTag language, SiteText text, string? query, int maxLength) => Html.Of($"""
        <form class="search" role="search" action="/{language.UrlSegment}/search" method="get">
        <label for="q" class="visually-hidden">{text.SearchLabel}</label>
        <input id="q" type="search" name="q" value="{query ?? string.Empty}" dir="auto" maxlength="{maxLength}" placeholder="{text.SearchLabel}">
        <button type="submit">{text.Search}</button>
        </form>
        """);

    /// <summary>
    /// The search page: the form with its filters, then (when words or a filter were given) how many results, the facets
    /// that narrow them, the page of results and the paging. A search of filters alone lists what they let through.
    /// </summary>
    public static Html SearchResults(SearchView view)
    {
        var (language, text, query, all, results) = (view.Language, view.Text, view.Query, view.All, view.Results);
        var allToggle = Html.Of($"""<label><input type="checkbox" name="all" value="1"{(all ? Html.Raw(" checked") : Html.Empty)}> {text.SearchAllLanguages}</label>""");
        var form = Html.Of($"""
            <form class="search-page" role="search" aria-label="{text.SearchLabel}" action="/{language.UrlSegment}/search" method="get">
            <label for="search-q">{text.SearchLabel}</label>
            <input id="search-q" type="search" name="q" value="{query}" dir="auto" maxlength="{view.MaxLength}">
            {allToggle}
            {SearchFilterFields(view)}
            <button type="submit">{text.Search}</button>
            </form>
            """);
        if (query.Trim().Length == 0 && !view.Filters.Any)
        {
            return Html.Of($"<h1>{text.SearchLabel}</h1>{form}");
        }

        var items = results.Hits.Select(hit =>
        {
            var others = hit.Languages.Where(l => l != hit.Language).ToList();
            var lang = LangOf(hit.Language, text);
            var chrome = lang == Html.Empty ? Html.Empty : ChromeOf(text);
            var date = hit.PublishedAt is { } at ? Html.Of($"""<p class="meta"{chrome}>{Day(at, text, view.Zone)}</p>""") : Html.Empty;
            // Words found in a file the page links: the passage is the file's, and says so.
            var file = hit.FileName is { } name ? Html.Of($"""<span class="from-file"{chrome}>{text.SearchInFile(name)}</span> """) : Html.Empty;
            // The snippet comes from the index with every character escaped but the <mark> around matched words.
            return Html.Of($"""
                <li{lang}>
                <h2><a href="/{hit.Language.UrlSegment}/{hit.Slug}">{hit.Title}</a></h2>
                {date}<p class="snippet">{file}{Html.Raw(hit.SnippetHtml)}</p>{AlsoIn(text, others, hit.Slug, chrome)}
                </li>
                """);
        });
        var pages = Math.Max(1, (results.Total + view.PageSize - 1) / view.PageSize);
        string PageHref(int number) => SearchView.Href(language, query, all, view.Filters, view.Structure, number);
        var newer = view.Page > 1 ? Html.Of($"""<a rel="prev" href="{PageHref(view.Page - 1)}">{text.BackArrow} {text.Number(view.Page - 1)}</a>""") : Html.Of($"<span></span>");
        var older = view.Page < pages ? Html.Of($"""<a rel="next" href="{PageHref(view.Page + 1)}">{text.Number(view.Page + 1)} {text.OnArrow}</a>""") : Html.Empty;
        var paging = pages > 1
            ? Html.Of($"""<nav class="paging" aria-label="{text.Pages}">{newer}<span>{text.PageOf(view.Page, pages)}</span>{older}</nav>""")
            : Html.Empty;
        var summary = results.Total == 0
            ? Html.Of($"""<p role="status">{text.SearchNothing}</p>""")
            : Html.Of($"""<p role="status">{text.SearchResults(results.Total)}</p>""");
        // The query may run the other way from the page (English words on an Arabic page): bdi keeps it whole.
        var echo = query.Trim().Length == 0 ? Html.Empty : Html.Of($"""<p class="meta query">{text.SearchResultsFor(query)}</p>""");
        return Html.Of($"""
            <h1>{text.SearchLabel}</h1>
            {form}
            {echo}{summary}
            {SearchFacetGroups(view)}
            <ol class="list results">{items}</ol>
            {paging}
            """);
    }

    /// <summary>"Also in: Русский English", the links to a document's other languages, each name in its own language.</summary>
    private static Html AlsoIn(SiteText text, List<LanguageTag> others, string slug, Html chrome) =>
        others.Count == 0
            ? Html.Empty
            : Html.Of($"""<p class="langs"{chrome}>{text.AlsoIn} {others.Select(l => Html.Of($"""<a href="/{l.UrlSegment}/{slug}" hreflang="{l.Value}" lang="{l.Value}" dir="{l.HtmlDir}">{l.NativeName}</a> """))}</p>""");

    public static Html Switcher(IReadOnlyList<LanguageLink> links, SiteText text)
    {
        if (links.Count == 0)
        {
            return Html.Empty;
        }

        var items = links.Select(l => l.Current
            ? Html.Of($"""<li><a href="{l.Href}" hreflang="{l.Language.Value}" lang="{l.Language.Value}" dir="{l.Language.HtmlDir}" aria-current="page">{l.Language.NativeName}</a></li>""")
            : Html.Of($"""<li><a href="{l.Href}" hreflang="{l.Language.Value}" lang="{l.Language.Value}" dir="{l.Language.HtmlDir}">{l.Language.NativeName}</a></li>"""));
        return Html.Of($"""
            <nav class="switcher" aria-label="{text.LanguageVersions}">
            <ul>{items}</ul>
            </nav>
            """);
    }

    /// <summary>
    /// A document page; <paramref name="canonical"/>, the page's absolute URL, is printed under the text so a paper copy
    /// says where it came from. <paramref name="notice"/> is a notice above the text; <paramref name="originalUpdated"/>
    /// one more (<see cref="OriginalUpdatedNotice"/>). <paramref name="media"/> holds the items the body uses
    /// (<see cref="PageMedia.FindAsync"/>); one it lacks shows as a placeholder.
    /// </summary>
    public static Html Document(
        LanguageVersion version, SiteText text, TimeZoneInfo zone, Html? notice, string? canonical = null, Html? originalUpdated = null,
        IReadOnlyDictionary<long, Media.MediaItem>? media = null, DocumentPlace? place = null)
    {
        var contentLanguage = version.Language;
        // "Updated" only for live text that changed after readers first had it; the note is the editor's public word on it.
        var lang = LangOf(contentLanguage, text);
        var chrome = lang == Html.Empty ? Html.Empty : ChromeOf(text);
        var updated = CorrectionShown(version) is { } corrected
            ? Html.Of($" · {text.UpdatedOn(Time(corrected, text, zone))}")
            : Html.Empty;
        var published = version.PublishedAt is { } at
            ? Html.Of($"""<p class="meta"{chrome}>{text.PublishedOn(Time(at, text, zone))}{updated}</p>""")
            : Html.Empty;
        var correction = CorrectionShown(version) is not null && version.CorrectionNote is { } note
            ? Html.Of($"""<p class="correction">{note}</p>""")
            : Html.Empty;
        var summary = version.Summary is null ? Html.Empty : Html.Of($"""<p class="summary">{version.Summary}</p>""");
        // The kind and the fields are the site's words about the text: in the page's language, whatever the text's.
        var kind = place is null ? Html.Empty : KindName(place.Document, place.Structure, place.Page, place.Fallback, text, chrome);
        var fields = place is null ? Html.Empty : DocumentFields(place.Document, version, place.Structure, place.Page, place.Fallback, text, chrome);
        var noticeHtml = notice is { } said ? Html.Of($"""<p class="notice" role="note">{said}</p>""") : Html.Empty;
        if (originalUpdated is { } more)
        {
            noticeHtml = Html.Of($"{noticeHtml}{more}");
        }

        var source = canonical is null ? Html.Empty : Html.Of($"""
            <p class="print-only source">{text.PrintLanguage} <bdi lang="{contentLanguage.Value}">{contentLanguage.NativeName}</bdi> · {text.PrintAddress} <bdi dir="ltr">{canonical}</bdi></p>
            """);
        // The article is in the content's language; its date line, chrome, says it is in the interface's.
        return Html.Of($"""
            {noticeHtml}<article{lang}>
            {kind}<h1>{version.Title}</h1>
            {published}{correction}{fields}{summary}<div class="body">
            {Html.Raw(MarkdownRenderer.ToHtml(version.Body, PageMedia.For(contentLanguage, text, media)))}</div>
            </article>
            {source}
            """);
    }

    /// <summary>
    /// A language's home page: its newest public versions, page <paramref name="pageNumber"/>, narrowed by
    /// <paramref name="query"/> with the filter form of <paramref name="choices"/> (none when null).
    /// </summary>
    public static Html Home(
        LanguageTag language, SiteText text, PublishedPage page, int pageNumber, int pageSize, TimeZoneInfo zone, string feedHref,
        ListingQuery? query = null, FilterChoices? choices = null)
    {
        query ??= ListingQuery.None;
        var path = $"/{language.UrlSegment}/";
        var heading = Html.Of($"""<h1{LangOf(language, text)}>{language.NativeName}</h1>""");
        var filters = choices is null ? Html.Empty : FilterForm(language, text, path, query, choices);
        if (page.Items.Count == 0)
        {
            return Html.Of($"""
                {heading}
                {filters}<p role="status">{(query.IsEmpty ? text.NoDocuments : text.ListFilterNothing)}</p>
                """);
        }

        return Html.Of($"""
            {heading}
            {filters}{ListingItems(language, text, page, zone)}
            {ListingPaging(text, path, query, page.Total, pageNumber, pageSize)}
            <p><a href="{feedHref}">{text.Feed}</a></p>
            """);
    }

    public static Html NotInLanguage(SiteText text, IReadOnlyList<(LanguageVersion Version, string Href)> existing)
    {
        var items = existing.Select(e => Html.Of($"""
            <li><a href="{e.Href}" hreflang="{e.Version.Language.Value}" lang="{e.Version.Language.Value}" dir="{e.Version.Language.HtmlDir}">{e.Version.Title}</a> (<bdi lang="{e.Version.Language.Value}">{e.Version.Language.NativeName}</bdi>)</li>
            """));
        return Html.Of($"""
            <h1>{text.NotInLanguageTitle}</h1>
            <p>{text.NotInLanguageText}</p>
            <ul>{items}</ul>
            """);
    }

    public static Html NotFound(SiteText text, IReadOnlyList<LanguageTag> siteLanguages)
    {
        var links = siteLanguages.Select(l => Html.Of($"""<li><a href="/{l.UrlSegment}/" hreflang="{l.Value}" lang="{l.Value}" dir="{l.HtmlDir}">{l.NativeName}</a></li>"""));
        var others = siteLanguages.Count == 0 ? Html.Empty : Html.Of($"<p>{text.OtherLanguages}</p><ul>{links}</ul>");
        return Html.Of($"""<h1>{text.NotFoundTitle}</h1><p>{text.NotFoundText}</p>{others}""");
    }

    public static Html Error(SiteText text) => Html.Of($"""<h1>{text.ErrorTitle}</h1><p>{text.ErrorText}</p>""");

    /// <summary>
    /// The notice on a translation whose original was updated on <paramref name="updated"/> after the translation was
    /// made: the date, and a link to the two side by side (<paramref name="compareHref"/>) when the site has that view.
    /// </summary>
    public static Html OriginalUpdatedNotice(SiteText text, TimeZoneInfo zone, DateTimeOffset updated, string? compareHref)
    {
        var link = compareHref is null ? Html.Empty : Html.Of($""" <a href="{compareHref}" rel="nofollow">{text.CompareWithOriginal}</a>""");
        return Html.Of($"""<p class="notice original-updated" role="note">{text.OriginalUpdated(Time(updated, text, zone))}{link}</p>""");
    }

    /// <summary>When the live text of <paramref name="version"/> was corrected after it was first public, or null: the "Updated" date readers see.</summary>
    public static DateTimeOffset? CorrectionShown(LanguageVersion version) =>
        version.CorrectedAt is { } corrected && version.PublishedAt is { } first && corrected > first ? corrected : null;

    /// <summary>A date for readers in a &lt;time&gt; whose datetime is the instant in UTC.</summary>
    private static Html Time(DateTimeOffset at, SiteText text, TimeZoneInfo zone) =>
        Html.Of($"""<time datetime="{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}">{text.Date(at, zone)}</time>""");

    /// <summary>A date in a list, in a &lt;time&gt; whose datetime is the day in the site's zone, which agrees with the date shown.</summary>
    private static Html Day(DateTimeOffset at, SiteText text, TimeZoneInfo zone) =>
        Html.Of($"""<time datetime="{TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}">{text.Date(at, zone)}</time>""");

    /// <summary>A long date without the weekday, as the interface of <paramref name="language"/> writes it: "29 November 2026", «29 ноября 2026 г.».</summary>
    public static string FormatDate(DateTimeOffset at, LanguageTag language, TimeZoneInfo zone) => SiteText.For(language).Date(at, zone);
}
