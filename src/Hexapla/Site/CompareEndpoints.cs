using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Site;

/// <summary>
/// <c>/{lang}/{slug}/compare/{other}</c>: two published versions of a document side by side, each paragraph beside
/// its counterpart — paired by segment links where the versions have them, else by a length-based alignment.
/// </summary>
internal static class CompareEndpoints
{
    public static IEndpointRouteBuilder MapCompare(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{lang}/{slug}/compare/{other}", CompareAsync);
        return app;
    }

    public static string ComparePath(LanguageTag language, string slug, LanguageTag other) =>
        $"{SiteContext.DocumentPath(language, slug)}/compare/{other.UrlSegment}";

    private static async Task<IResult> CompareAsync(string lang, string slug, string other, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        var language = await LanguageSegment.ResolveAsync(lang, site, cancellationToken);
        if (language is null || !LanguageTag.TryParse(other, out var otherLanguage))
        {
            return await SiteEndpoints.NotFoundAsync(http, site, language, cancellationToken);
        }

        var canonicalSlug = slug.ToLowerInvariant();
        if (lang != language.UrlSegment || other != otherLanguage.UrlSegment || (slug != canonicalSlug && Slug.IsValid(canonicalSlug)))
        {
            return Results.Redirect(ComparePath(language, canonicalSlug, otherLanguage), permanent: true);
        }

        // Only versions public now, and their live text: a draft, an embargoed or a withdrawn version, or a working copy
        // over live text, is as absent here as anywhere.
        var document = Slug.IsValid(slug) ? await site.Store.FindLiveDocumentAsync(slug, cancellationToken) : null;
        var published = document?.PublishedVersions(site.Now) ?? [];
        var left = published.FirstOrDefault(v => v.Language == language);
        var right = published.FirstOrDefault(v => v.Language == otherLanguage);
        if (document is null || left is null || right is null || language == otherLanguage)
        {
            return await SiteEndpoints.NotFoundAsync(http, site, language, cancellationToken);
        }

        var baseUrl = site.BaseUrl(http.Request);
        var lastModified = left.UpdatedAt > right.UpdatedAt ? left.UpdatedAt : right.UpdatedAt;
        var siteDefault = await site.InterfaceDefaultAsync(language, cancellationToken);
        var media = await PageMedia.FindAsync(site.Store, [left.Body, right.Body], cancellationToken);
        var navigation = await SiteNavigation.ForAsync(
            site, language, document.SectionId, new Sections.LocalText(SiteText.For(language, siteDefault).CompareTitleText(left.Title), null),
            ComparePath(language, document.Slug, otherLanguage), cancellationToken);
        return SiteEndpoints.HtmlResult(ComparePage(site, document, published, left, right, path => baseUrl + path, siteDefault, media, navigation), lastModified: lastModified);
    }

    /// <summary>
    /// The HTML of <paramref name="left"/> beside <paramref name="right"/>, two of <paramref name="document"/>'s
    /// <paramref name="published"/> versions; <paramref name="absolute"/> turns a site path into the canonical URL;
    /// <paramref name="siteDefault"/> gives the interface when the left version's language has none; <paramref name="media"/>
    /// the media items the two texts use (without them each shows as a placeholder); <paramref name="navigation"/> the menus and
    /// the trail through the document's section to this page.
    /// </summary>
    public static string ComparePage(
        SiteContext site, Document document, IReadOnlyList<LanguageVersion> published, LanguageVersion left, LanguageVersion right, Func<string, string> absolute,
        LanguageTag? siteDefault = null, IReadOnlyDictionary<long, Media.MediaItem>? media = null, PageNavigation? navigation = null)
    {
        var language = left.Language;
        var slug = document.Slug;
        var text = SiteText.For(language, siteDefault);
        var frame = new PageFrame
        {
            Language = language,
            QueryLength = site.QueryLength,
            Title = text.CompareTitleText(left.Title),
            SiteDefault = siteDefault,
            SiteName = site.Options.SiteName,
            Canonical = absolute(SiteContext.DocumentPath(language, slug)),
            NoIndex = true,
            Switcher = [.. published.Select(v => new LanguageLink(v.Language, $"{SiteContext.DocumentPath(v.Language, slug)}?choose", false))],
            FeedHref = $"/{language.UrlSegment}/feed.atom",
            Navigation = navigation ?? PageNavigation.None,
        };
        var rows = SideBySide.Pair(document, left, right);
        return Pages.Layout(frame, Pages.Compare(slug, left, right, rows, text, media));
    }
}

/// <summary>Pairs the segments of two versions for the side-by-side view.</summary>
internal static class SideBySide
{
    /// <summary>One row: segments of the left version beside segments of the right one (either side may be empty).</summary>
    public sealed record Row(IReadOnlyList<Segment> Left, IReadOnlyList<Segment> Right);

    /// <summary>
    /// Rows pairing <paramref name="left"/> with <paramref name="right"/>: through the original's segment ids when both
    /// versions are linked to it (a translation through its links, the original through its own ids), else by aligning
    /// paragraph lengths.
    /// </summary>
    public static IReadOnlyList<Row> Pair(Document document, LanguageVersion left, LanguageVersion right)
    {
        var leftSegments = Segmenter.Split(left.Body);
        var rightSegments = Segmenter.Split(right.Body);
        var leftKeys = Keys(document, left, leftSegments.Count);
        var rightKeys = Keys(document, right, rightSegments.Count);
        return leftKeys is not null && rightKeys is not null
            ? ByLinks(leftSegments, leftKeys, rightSegments, rightKeys)
            : ByLength(leftSegments, rightSegments);
    }

    /// <summary>The original's segment id for each segment, or null when the version cannot be paired by links.</summary>
    private static string?[]? Keys(Document document, LanguageVersion version, int count)
    {
        if (version.Segments.Count != count)
        {
            return null;
        }

        if (version.Language == document.OriginalLanguage)
        {
            return [.. version.Segments.Select(s => s.Id)];
        }

        if (version.Links.Count == 0)
        {
            return null;
        }

        var links = version.Links.ToDictionary(l => l.Id, l => l.SourceId, StringComparer.Ordinal);
        return [.. version.Segments.Select(s => links.GetValueOrDefault(s.Id))];
    }

    private static List<Row> ByLinks(IReadOnlyList<Segment> left, string?[] leftKeys, IReadOnlyList<Segment> right, string?[] rightKeys)
    {
        var leftKeySet = leftKeys.Where(k => k is not null).ToHashSet(StringComparer.Ordinal);
        var rows = new List<(string? Key, List<Segment> Left, List<Segment> Right)>();
        var emitted = new bool[right.Count];
        var next = 0;
        for (var i = 0; i < left.Count; i++)
        {
            var key = leftKeys[i];
            if (key is not null && rows.Count > 0 && rows[^1].Key == key)
            {
                // Two segments of this version translate one of the original: one row.
                rows[^1].Left.Add(left[i]);
                continue;
            }

            var matches = key is null ? [] : Enumerable.Range(0, right.Count).Where(j => !emitted[j] && rightKeys[j] == key).ToList();
            if (matches.Count > 0)
            {
                // Right segments with no counterpart on the left keep their place before this row.
                for (; next < matches[0]; next++)
                {
                    if (!emitted[next] && (rightKeys[next] is null || !leftKeySet.Contains(rightKeys[next]!)))
                    {
                        rows.Add((null, [], [right[next]]));
                        emitted[next] = true;
                    }
                }

                matches.ForEach(j => emitted[j] = true);
            }

            rows.Add((key, [left[i]], [.. matches.Select(j => right[j])]));
        }

        for (var j = 0; j < right.Count; j++)
        {
            if (!emitted[j])
            {
                rows.Add((null, [], [right[j]]));
            }
        }

        return [.. rows.Select(r => new Row(r.Left, r.Right))];
    }

    private static List<Row> ByLength(IReadOnlyList<Segment> left, IReadOnlyList<Segment> right) =>
        [.. ParagraphAligner.Align([.. left.Select(s => s.Text.Length)], [.. right.Select(s => s.Text.Length)])
            .Select(b => new Row([.. b.Left.Select(i => left[i])], [.. b.Right.Select(j => right[j])]))];
}

/// <summary>The side-by-side page and the document page's links to it.</summary>
internal static partial class Pages
{
    public static Html Compare(
        string slug, LanguageVersion left, LanguageVersion right, IReadOnlyList<SideBySide.Row> rows, SiteText text, IReadOnlyDictionary<long, Media.MediaItem>? media = null)
    {
        // Each column in its own language, with the page's words; the two share one count of images (the first is eager).
        // Half the page's width each, a column of 72rem at most.
        var leftMedia = PageMedia.For(left.Language, text, media) with { Sizes = "(min-width: 40rem) 36rem, 50vw" };
        var rightMedia = leftMedia with { Language = right.Language };
        Html Head(LanguageVersion v) => Html.Of($"""
            <div class="compare-head" lang="{v.Language.Value}" dir="{v.Language.HtmlDir}"><h2><a href="{SiteContext.DocumentPath(v.Language, slug)}" hreflang="{v.Language.Value}">{v.Title}</a></h2><p class="meta">{v.Language.NativeName}</p></div>
            """);
        Html Cell(LanguageVersion v, IReadOnlyList<Segment> segments) => Html.Of($"""
            <div class="cell" lang="{v.Language.Value}" dir="{v.Language.HtmlDir}">{segments.Select(s => Html.Raw(MarkdownRenderer.ToHtml(s.Kind == SegmentKind.Heading ? "### " + s.Text : s.Text, v == left ? leftMedia : rightMedia)))}</div>
            """);
        var pairs = rows.Select(r => Html.Of($"""<div class="pair">{Cell(left, r.Left)}{Cell(right, r.Right)}</div>"""));
        return Html.Of($"""
            <h1>{text.CompareTitle(left.Title, left.Language)}</h1>
            <div class="compare">
            <div class="pair compare-heads">{Head(left)}{Head(right)}</div>
            {pairs}
            </div>
            """);
    }

    /// <summary>Links from a document page to its side-by-side views with every other published version.</summary>
    public static Html CompareLinks(LanguageTag language, SiteText text, string slug, IReadOnlyList<LanguageVersion> published)
    {
        var others = published.Where(v => v.Language != language).ToList();
        if (others.Count == 0)
        {
            return Html.Empty;
        }

        var items = others.Select(v => Html.Of($"""<li><a href="{CompareEndpoints.ComparePath(language, slug, v.Language)}" rel="nofollow">{text.CompareWith(v.Language)}</a></li>"""));
        return Html.Of($"""
            <nav class="compare-links" aria-label="{text.CompareLinks}">
            <ul>{items}</ul>
            </nav>
            """);
    }
}
