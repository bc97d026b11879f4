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
}

/// <summary>The HTML of the public pages. Plain markup, one stylesheet, no script.</summary>
internal static partial class Pages
{
    public static string StylesheetHref => StaticAssets.Href("site.css");

    public static string Layout(PageFrame frame, Html main)
    {
        var text = SiteText.For(frame.Language);
        var alternates = frame.Alternates.Select(a => Html.Of($"""<link rel="alternate" hreflang="{a.HrefLang}" href="{a.Href}">"""));
        var canonical = frame.Canonical is null ? Html.Empty : Html.Of($"""<link rel="canonical" href="{frame.Canonical}">""");
        var description = frame.Description is null ? Html.Empty : Html.Of($"""<meta name="description" content="{frame.Description}">""");
        var feed = frame.FeedHref is null ? Html.Empty : Html.Of($"""<link rel="alternate" type="application/atom+xml" title="{frame.SiteName} · {text.Feed}" href="{frame.FeedHref}">""");
        var robots = frame.NoIndex ? Html.Of($"""<meta name="robots" content="noindex">""") : Html.Empty;
        var title = frame.Title == frame.SiteName ? frame.Title : $"{frame.Title} · {frame.SiteName}";
        return Html.Of($"""
            <!doctype html>
            <html lang="{frame.Language.Value}" dir="{frame.Language.HtmlDir}">
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
            <header class="site"><div class="bar">
            <a class="brand" href="/{frame.Language.UrlSegment}/">{frame.SiteName}</a>
            {SearchBox(frame.Language, text, frame.Query, frame.QueryLength)}
            {Switcher(frame.Switcher, text, frame.Language)}{frame.BesideSwitcher}
            </div></header>
            <main id="main">
            {main}
            </main>
            <footer><div class="bar">{frame.SiteName}{(frame.FeedHref is null ? Html.Empty : Html.Of($" · <a href=\"{frame.FeedHref}\">{text.Feed}</a>"))}</div></footer>
            </body>
            </html>
            """).Value;
    }

    public static Html SearchBox(LanguageTag language, SiteText text, string? query, int maxLength) => Html.Of($"""
        <form class="search" role="search" action="/{language.UrlSegment}/search" method="get"><label for="q" class="visually-hidden">{text.SearchLabel}</label><input id="q" type="search" name="q" value="{query ?? string.Empty}" dir="auto" maxlength="{maxLength}" placeholder="{text.SearchLabel}"><button type="submit">{text.Search}</button></form>
        """);

    public static Html SearchResults(LanguageTag language, string query, bool all, Search.SearchResults results, int pageNumber, int pageSize, TimeZoneInfo zone, int maxLength)
    {
        var text = SiteText.For(language);
        var allToggle = Html.Of($"""<label><input type="checkbox" name="all" value="1"{(all ? Html.Raw(" checked") : Html.Empty)}> {text.SearchAllLanguages}</label>""");
        var form = Html.Of($"""
            <form class="search-page" role="search" aria-label="{text.SearchLabel}" action="/{language.UrlSegment}/search" method="get">
            <label for="search-q">{text.SearchLabel}</label>
            <input id="search-q" type="search" name="q" value="{query}" dir="auto" maxlength="{maxLength}">
            {allToggle}
            <button type="submit">{text.Search}</button>
            </form>
            """);
        if (query.Trim().Length == 0)
        {
            return Html.Of($"<h1>{text.SearchLabel}</h1>{form}");
        }

        var items = results.Hits.Select(hit =>
        {
            var others = hit.Languages.Where(l => l != hit.Language).ToList();
            var also = others.Count == 0 ? Html.Empty : Html.Of($"""<p class="langs">{text.AlsoIn}: {others.Select(l => Html.Of($"""<a href="/{l.UrlSegment}/{hit.Slug}" hreflang="{l.Value}" lang="{l.Value}" dir="{l.HtmlDir}">{l.NativeName}</a> """))}</p>""");
            var date = hit.PublishedAt is { } at ? Html.Of($"""<p class="meta"><time datetime="{DayOf(at, zone)}">{FormatDate(at, language, zone)}</time></p>""") : Html.Empty;
            var langAttribute = hit.Language == language ? Html.Empty : Html.Of($""" lang="{hit.Language.Value}" dir="{hit.Language.HtmlDir}" """);
            // The snippet comes from the index with every character escaped but the <mark> around matched words.
            return Html.Of($"""<li{langAttribute}><h2><a href="/{hit.Language.UrlSegment}/{hit.Slug}">{hit.Title}</a></h2>{date}<p class="snippet">{Html.Raw(hit.SnippetHtml)}</p>{also}</li>""");
        });
        var pages = Math.Max(1, (results.Total + pageSize - 1) / pageSize);
        var baseQuery = $"/{language.UrlSegment}/search?q={Uri.EscapeDataString(query)}{(all ? "&all=1" : "")}";
        var newer = pageNumber > 1 ? Html.Of($"""<a rel="prev" href="{baseQuery}&page={pageNumber - 1}">← {pageNumber - 1}</a>""") : Html.Of($"<span></span>");
        var older = pageNumber < pages ? Html.Of($"""<a rel="next" href="{baseQuery}&page={pageNumber + 1}">{pageNumber + 1} →</a>""") : Html.Empty;
        var paging = pages > 1
            ? Html.Of($"""<nav class="paging" aria-label="{text.Pages}">{newer}<span>{text.PageOf(pageNumber, pages)}</span>{older}</nav>""")
            : Html.Empty;
        var summary = results.Total == 0
            ? Html.Of($"""<p role="status">{text.SearchNothing}</p>""")
            : Html.Of($"""<p role="status">{text.SearchResults(results.Total)}</p>""");
        // The query may run the other way from the page (English words on an Arabic page): bdi keeps it whole.
        var echo = Html.Of($"""<p class="meta query">{text.SearchResultsFor(Html.Of($"<bdi>{query}</bdi>"))}</p>""");
        return Html.Of($"""
            <h1>{text.SearchLabel}</h1>
            {form}
            {echo}{summary}
            <ol class="list results">{items}</ol>
            {paging}
            """);
    }

    public static Html Switcher(IReadOnlyList<LanguageLink> links, SiteText text, LanguageTag pageLanguage)
    {
        if (links.Count == 0)
        {
            return Html.Empty;
        }

        var items = links.Select(l => l.Current
            ? Html.Of($"""<li><a href="{l.Href}" hreflang="{l.Language.Value}" lang="{l.Language.Value}" dir="{l.Language.HtmlDir}" aria-current="page">{l.Language.NativeName}</a></li>""")
            : Html.Of($"""<li><a href="{l.Href}" hreflang="{l.Language.Value}" lang="{l.Language.Value}" dir="{l.Language.HtmlDir}">{l.Language.NativeName}</a></li>"""));
        _ = pageLanguage;
        return Html.Of($"""<nav class="switcher" aria-label="{text.LanguageVersions}"><ul>{items}</ul></nav>""");
    }

    /// <summary>
    /// A document page; <paramref name="canonical"/>, the page's absolute URL, is printed under the text so a paper copy
    /// says where it came from. <paramref name="notice"/> is a plain-text notice above the text; <paramref name="originalUpdated"/>
    /// one with markup (<see cref="OriginalUpdatedNotice"/>).
    /// </summary>
    public static Html Document(LanguageVersion version, LanguageTag pageLanguage, TimeZoneInfo zone, string? notice, string? canonical = null, Html? originalUpdated = null)
    {
        var text = SiteText.For(pageLanguage);
        var contentLanguage = version.Language;
        // "Updated" only for live text that changed after readers first had it; the note is the editor's public word on it.
        var updated = CorrectionShown(version) is { } corrected
            ? Html.Of($" · {text.Updated} {Time(corrected, pageLanguage, zone)}")
            : Html.Empty;
        var published = version.PublishedAt is { } at
            ? Html.Of($"""<p class="meta">{text.Published} {Time(at, pageLanguage, zone)}{updated}</p>""")
            : Html.Empty;
        var correction = CorrectionShown(version) is not null && version.CorrectionNote is { } note
            ? Html.Of($"""<p class="correction">{note}</p>""")
            : Html.Empty;
        var summary = version.Summary is null ? Html.Empty : Html.Of($"""<p class="summary">{version.Summary}</p>""");
        var noticeHtml = notice is null ? Html.Empty : Html.Of($"""<p class="notice" role="note">{notice}</p>""");
        if (originalUpdated is { } more)
        {
            noticeHtml = Html.Of($"{noticeHtml}{more}");
        }

        var langAttribute = contentLanguage == pageLanguage
            ? Html.Empty
            : Html.Of($""" lang="{contentLanguage.Value}" dir="{contentLanguage.HtmlDir}" """);
        var source = canonical is null ? Html.Empty : Html.Of($"""
            <p class="print-only source">{text.PrintLanguage} <bdi lang="{contentLanguage.Value}">{contentLanguage.NativeName}</bdi> · {text.PrintAddress} <bdi dir="ltr">{canonical}</bdi></p>
            """);
        return Html.Of($"""
            {noticeHtml}<article{langAttribute}>
            <h1>{version.Title}</h1>
            {published}{correction}{summary}<div class="body">
            {Html.Raw(MarkdownRenderer.ToHtml(version.Body))}</div>
            </article>
            {source}
            """);
    }

    public static Html Home(LanguageTag language, PublishedPage page, int pageNumber, int pageSize, TimeZoneInfo zone, string feedHref)
    {
        var text = SiteText.For(language);
        if (page.Items.Count == 0)
        {
            return Html.Of($"""<h1>{language.NativeName}</h1><p>{text.NoDocuments}</p>""");
        }

        var items = page.Items.Select(item =>
        {
            var others = item.PublishedLanguages.Where(l => l != language).ToList();
            var also = others.Count == 0 ? Html.Empty : Html.Of($"""<p class="langs">{text.AlsoIn}: {others.Select(l => Html.Of($"""<a href="/{l.UrlSegment}/{item.Slug}" hreflang="{l.Value}" lang="{l.Value}" dir="{l.HtmlDir}">{l.NativeName}</a> """))}</p>""");
            var summary = item.Version.Summary is null ? Html.Empty : Html.Of($"<p>{item.Version.Summary}</p>");
            var date = item.Version.PublishedAt is { } at ? Html.Of($"""<p class="meta"><time datetime="{DayOf(at, zone)}">{FormatDate(at, language, zone)}</time></p>""") : Html.Empty;
            return Html.Of($"""<li><h2><a href="/{language.UrlSegment}/{item.Slug}">{item.Version.Title}</a></h2>{date}{summary}{also}</li>""");
        });
        var pages = (int)Math.Max(1, (page.Total + pageSize - 1) / pageSize);
        var newer = pageNumber > 1 ? Html.Of($"""<a rel="prev" href="/{language.UrlSegment}/{(pageNumber == 2 ? "" : $"?page={pageNumber - 1}")}">← {text.Newer}</a>""") : Html.Of($"<span></span>");
        var older = pageNumber < pages ? Html.Of($"""<a rel="next" href="/{language.UrlSegment}/?page={pageNumber + 1}">{text.Older} →</a>""") : Html.Empty;
        var paging = pages > 1
            ? Html.Of($"""<nav class="paging" aria-label="{text.Pages}">{newer}<span>{text.PageOf(pageNumber, pages)}</span>{older}</nav>""")
            : Html.Empty;
        return Html.Of($"""
            <h1>{language.NativeName}</h1>
            <ul class="list">{items}</ul>
            {paging}
            <p><a href="{feedHref}">{text.Feed}</a></p>
            """);
    }

    public static Html NotInLanguage(LanguageTag language, IReadOnlyList<(LanguageVersion Version, string Href)> existing)
    {
        var text = SiteText.For(language);
        var items = existing.Select(e => Html.Of($"""<li><a href="{e.Href}" hreflang="{e.Version.Language.Value}" lang="{e.Version.Language.Value}" dir="{e.Version.Language.HtmlDir}">{e.Version.Title}</a> (<bdi lang="{e.Version.Language.Value}">{e.Version.Language.NativeName}</bdi>)</li>"""));
        return Html.Of($"""
            <h1>{text.NotInLanguageTitle}</h1>
            <p>{text.NotInLanguageText}</p>
            <ul>{items}</ul>
            """);
    }

    public static Html NotFound(LanguageTag language, IReadOnlyList<LanguageTag> siteLanguages)
    {
        var text = SiteText.For(language);
        var links = siteLanguages.Select(l => Html.Of($"""<li><a href="/{l.UrlSegment}/" hreflang="{l.Value}" lang="{l.Value}" dir="{l.HtmlDir}">{l.NativeName}</a></li>"""));
        var others = siteLanguages.Count == 0 ? Html.Empty : Html.Of($"<p>{text.OtherLanguages}</p><ul>{links}</ul>");
        return Html.Of($"""<h1>{text.NotFoundTitle}</h1><p>{text.NotFoundText}</p>{others}""");
    }

    public static Html Error(LanguageTag language)
    {
        var text = SiteText.For(language);
        return Html.Of($"""<h1>{text.ErrorTitle}</h1><p>{text.ErrorText}</p>""");
    }

    /// <summary>
    /// The notice on a translation whose original was updated on <paramref name="updated"/> after the translation was
    /// made: the date, and a link to the two side by side (<paramref name="compareHref"/>) when the site has that view.
    /// </summary>
    public static Html OriginalUpdatedNotice(LanguageTag pageLanguage, TimeZoneInfo zone, DateTimeOffset updated, string? compareHref)
    {
        var text = SiteText.For(pageLanguage);
        var link = compareHref is null ? Html.Empty : Html.Of($""" <a href="{compareHref}" rel="nofollow">{text.CompareWithOriginal}</a>""");
        return Html.Of($"""<p class="notice original-updated" role="note">{text.OriginalUpdated(Time(updated, pageLanguage, zone))}{link}</p>""");
    }

    /// <summary>When the live text of <paramref name="version"/> was corrected after it was first public, or null: the "Updated" date readers see.</summary>
    public static DateTimeOffset? CorrectionShown(LanguageVersion version) =>
        version.CorrectedAt is { } corrected && version.PublishedAt is { } first && corrected > first ? corrected : null;

    /// <summary>A date for readers in a &lt;time&gt; whose datetime is the instant in UTC.</summary>
    private static Html Time(DateTimeOffset at, LanguageTag language, TimeZoneInfo zone) =>
        Html.Of($"""<time datetime="{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}">{FormatDate(at, language, zone)}</time>""");

    /// <summary>The day of a time in the site's zone, for a &lt;time datetime&gt; that agrees with the date shown.</summary>
    private static string DayOf(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A long date without the weekday, as the language writes it: "29 November 2026", «29 ноября 2026 г.».</summary>
    public static string FormatDate(DateTimeOffset at, LanguageTag language, TimeZoneInfo zone)
    {
        var culture = language.Culture;
        var pattern = WeekdayPattern().Replace(culture.DateTimeFormat.LongDatePattern, string.Empty).Replace("dd", "d", StringComparison.Ordinal);
        return TimeZoneInfo.ConvertTime(at, zone).ToString(pattern, culture);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"dddd[,،]?\s*|[,،]?\s*dddd")]
    private static partial System.Text.RegularExpressions.Regex WeekdayPattern();
}
