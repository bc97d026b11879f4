using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Site;

/// <summary>What a filter form shows: the facet counts, and the names of the site's kinds in the page's language.</summary>
internal sealed record FilterChoices(ListingFacets Facets, SiteStructure Structure, LanguageTag? Fallback);

/// <summary>The markup of listings: home and section pages, their filters and paging.</summary>
internal static partial class Pages
{
    /// <summary>
    /// A list of public versions in <paramref name="language"/>, each with its date, summary and other languages; the
    /// heading levels under the page's <c>h1</c>.
    /// </summary>
    public static Html ListingItems(LanguageTag language, SiteText text, PublishedPage page, TimeZoneInfo zone)
    {
        var lang = LangOf(language, text);
        var chrome = lang == Html.Empty ? Html.Empty : ChromeOf(text);
        var items = page.Items.Select(item =>
        {
            var others = item.PublishedLanguages.Where(l => l != language).ToList();
            var summary = item.Version.Summary is null ? Html.Empty : Html.Of($"<p>{item.Version.Summary}</p>");
            var date = item.Version.PublishedAt is { } at ? Html.Of($"""<p class="meta"{chrome}>{Day(at, text, zone)}</p>""") : Html.Empty;
            return Html.Of($"""
                <li{lang}>
                <h2><a href="/{language.UrlSegment}/{item.Slug}">{item.Version.Title}</a></h2>
                {date}{summary}{AlsoIn(text, others, item.Slug, chrome)}
                </li>
                """);
        });
        return Html.Of($"""<ul class="list">{items}</ul>""");
    }

    /// <summary>
    /// The newer/older links of a listing at <paramref name="path"/> whose filters are <paramref name="query"/>; nothing when
    /// everything fits on one page.
    /// </summary>
    public static Html ListingPaging(SiteText text, string path, ListingQuery query, long total, int pageNumber, int pageSize)
    {
        var pages = (int)Math.Max(1, (total + pageSize - 1) / pageSize);
        if (pages <= 1)
        {
            return Html.Empty;
        }

        var newer = pageNumber > 1
            ? Html.Of($"""<a rel="prev" href="{path}{query.QueryString(pageNumber - 1)}">{text.BackArrow} {text.Newer}</a>""")
            : Html.Of($"<span></span>");
        var older = pageNumber < pages
            ? Html.Of($"""<a rel="next" href="{path}{query.QueryString(pageNumber + 1)}">{text.Older} {text.OnArrow}</a>""")
            : Html.Empty;
        return Html.Of($"""
            <nav class="paging" aria-label="{text.Pages}">
            {newer}<span>{text.PageOf(pageNumber, pages)}</span>{older}
            </nav>
            """);
    }

    /// <summary>
    /// The filter form of a listing at <paramref name="path"/>: a plain GET form (no script) with the kinds and the most
    /// used tags as choices, each with how many versions it gives, a span of dates, and the years as links. Only what the
    /// reader may see is counted (<see cref="IContentStore.CountFacetsAsync"/>).
    /// </summary>
    public static Html FilterForm(LanguageTag language, SiteText text, string path, ListingQuery query, FilterChoices choices)
    {
        var facets = choices.Facets;
        if (query.IsEmpty && facets.Kinds.Count == 0 && facets.Tags.Count == 0 && facets.Years.Count <= 1)
        {
            // Nothing to choose between: a form would only be noise.
            return Html.Empty;
        }

        Html Option(string value, string label, LanguageTag? labelLanguage, bool selected, bool data = false) => Html.Of($"""
            <option value="{value}"{(labelLanguage is { } l && l != text.Language ? Html.Of($""" lang="{l.Value}" dir="{l.HtmlDir}" """) : Html.Empty)}{(data ? Html.Raw(" translate=\"no\"") : Html.Empty)}{(selected ? Html.Raw(" selected") : Html.Empty)}>{label}</option>
            """);

        var kindOptions = new List<Html> { Option(string.Empty, text.ListFilterAny, null, query.Kind is null) };
        var kinds = facets.Kinds.ToList();
        if (query.Kind is { } chosenKind && kinds.All(k => k.Value != chosenKind))
        {
            kinds.Add(new FacetCount(chosenKind, 0));
        }

        foreach (var kind in kinds)
        {
            var name = choices.Structure.Kind(kind.Value)?.NameFor(language, choices.Fallback) ?? new LocalText(kind.Value, null);
            kindOptions.Add(Option(kind.Value, text.ListFacetCount(name.Text, kind.Count), name.IsForeignTo(language) ? name.Language : null, kind.Value == query.Kind));
        }

        var tagOptions = new List<Html> { Option(string.Empty, text.ListFilterAny, null, query.Tag is null) };
        var tags = facets.Tags.ToList();
        if (query.Tag is { } chosenTag && tags.All(t => t.Value != chosenTag))
        {
            tags.Add(new FacetCount(chosenTag, 0));
        }

        // A tag is in no language: data, marked so (translate="no"), not words of the page's.
        tagOptions.AddRange(tags.Select(tag => Option(tag.Value, text.ListFacetCount(tag.Value, tag.Count), null, tag.Value == query.Tag, data: true)));
        var kindField = kinds.Count == 0 ? Html.Empty : Html.Of($"""
            <p>
            <label for="filter-kind">{text.ListFilterKind}</label>
            <select id="filter-kind" name="kind">{Html.Join(kindOptions)}</select>
            </p>
            """);
        var tagField = tags.Count == 0 ? Html.Empty : Html.Of($"""
            <p>
            <label for="filter-tag">{text.ListFilterTag}</label>
            <select id="filter-tag" name="tag">{Html.Join(tagOptions)}</select>
            </p>
            """);
        var years = facets.Years.Select(year =>
        {
            var link = (query with { From = year.Value, To = year.Value }).QueryString();
            var current = query.From == year.Value && query.To == year.Value ? Html.Raw(""" aria-current="true" """) : Html.Empty;
            return Html.Of($"""<li><a href="{path}{link}"{current}>{text.ListFacetCount(text.LocalDigits(year.Value), year.Count)}</a></li>""");
        });
        var yearList = facets.Years.Count == 0 ? Html.Empty : Html.Of($"""
            <div class="years">
            <h3 id="filter-years">{text.ListFilterYear}</h3>
            <ul aria-labelledby="filter-years">{Html.Join(years)}</ul>
            </div>
            """);
        var clear = query.IsEmpty ? Html.Empty : Html.Of($"""<a class="clear" href="{path}">{text.ListFilterClear}</a>""");
        return Html.Of($"""
            <section class="filters" aria-labelledby="filter-heading">
            <h2 id="filter-heading">{text.ListFilter}</h2>
            <form method="get" action="{path}">
            {kindField}{tagField}<p>
            <label for="filter-from">{text.ListFilterFrom}</label>
            <input id="filter-from" name="from" value="{query.From ?? string.Empty}" inputmode="numeric" size="10" maxlength="10" dir="ltr" aria-describedby="filter-date-hint">
            </p>
            <p>
            <label for="filter-to">{text.ListFilterTo}</label>
            <input id="filter-to" name="to" value="{query.To ?? string.Empty}" inputmode="numeric" size="10" maxlength="10" dir="ltr" aria-describedby="filter-date-hint">
            </p>
            <p id="filter-date-hint" class="hint">{text.ListFilterDateHint}</p>
            <p><button type="submit">{text.ListFilterApply}</button> {clear}</p>
            </form>
            {yearList}
            </section>
            """);
    }

    /// <summary>The page of a section: its title, the sections under it, the filters, its documents and its feed.</summary>
    public static Html SectionListing(
        LanguageTag language, SiteText text, LocalText title, IReadOnlyList<(LocalText Title, string Href)> subsections, string path, ListingQuery query,
        FilterChoices choices, PublishedPage page, int pageNumber, int pageSize, TimeZoneInfo zone, string feedHref)
    {
        var heading = Html.Of($"""<h1{TitleLang(title, language, text)}>{title.Text}</h1>""");
        var below = subsections.Count == 0 ? Html.Empty : Html.Of($"""
            <nav class="subsections" aria-labelledby="subsections-heading">
            <h2 id="subsections-heading">{text.ListSubsections}</h2>
            <ul>{Html.Join(subsections.Select(s => Html.Of($"""<li><a href="{s.Href}"{TitleLang(s.Title, language, text)}>{s.Title.Text}</a></li>"""))) }</ul>
            </nav>
            """);
        var list = page.Items.Count == 0
            ? Html.Of($"""<p role="status">{(query.IsEmpty ? text.NoDocuments : text.ListFilterNothing)}</p>""")
            : ListingItems(language, text, page, zone);
        return Html.Of($"""
            {heading}
            {below}
            {FilterForm(language, text, path, query, choices)}
            {list}
            {ListingPaging(text, path, query, page.Total, pageNumber, pageSize)}
            <p><a href="{feedHref}" type="application/atom+xml">{text.ListSectionFeed}</a></p>
            """);
    }

    /// <summary>The 400 page of filters that were not understood: each problem on its line, and the way back to the unfiltered listing.</summary>
    public static Html BadFilter(SiteText text, IReadOnlyList<string> problems, string path) => Html.Of($"""
        <h1>{text.ListBadFilterTitle}</h1>
        <ul class="problems">{Html.Join(problems.Select(p => Html.Of($"<li>{p}</li>")))}</ul>
        <p><a href="{path}">{text.ListFilterClear}</a></p>
        """);

    /// <summary><c> lang dir</c> for a title in another language than the chrome's (one fallen back, or the page's own when the chrome is another's), else nothing.</summary>
    private static Html TitleLang(LocalText title, LanguageTag page, SiteText text) =>
        LangOf(title.IsForeignTo(page) && title.Language is { } other ? other : page, text);
}
