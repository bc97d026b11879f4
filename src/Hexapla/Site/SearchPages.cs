using System.Globalization;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Sections;

namespace Hexapla.Site;

/// <summary>
/// The filters of a search, found in the site's structure: a kind, a section (which takes in the sections below it), a
/// tag (lowercase, as tags are stored) and a range of days, each null when not asked for.
/// </summary>
internal sealed record SearchFilters(DocumentKind? Kind, Section? Section, string? Tag, DateOnly? From, DateOnly? To)
{
    /// <summary>True when any filter is set: a search of filters alone lists what they let through.</summary>
    public bool Any => Kind is not null || Section is not null || Tag is not null || From is not null || To is not null;

    /// <summary>
    /// A day written as <c>2016-02-29</c>, a month as <c>2016-02</c> or a year as <c>2016</c>: the first day of the month or
    /// year, or its last when <paramref name="end"/> (the end of a range). Null for anything else.
    /// </summary>
    public static DateOnly? ParseDay(string text, bool end)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return end ? month.AddMonths(1).AddDays(-1) : month;
        }

        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1)
        {
            return end ? new DateOnly(year, 12, 31) : new DateOnly(year, 1, 1);
        }

        return null;
    }

    /// <summary>The year the range covers exactly (1 January to 31 December), or null.</summary>
    public int? Year => From is { Month: 1, Day: 1 } from && To is { Month: 12, Day: 31 } to && from.Year == to.Year ? from.Year : null;
}

/// <summary>Everything the search page shows, gathered by <see cref="SearchEndpoints"/>.</summary>
/// <param name="Language">The page's language.</param>
/// <param name="Text">The interface's words.</param>
/// <param name="Query">The words searched, as typed.</param>
/// <param name="All">Searching every language, not only the page's.</param>
/// <param name="Filters">The filters in force.</param>
/// <param name="Structure">The site's sections and kinds, for the filters' choices and the facets' names.</param>
/// <param name="Fallback">The language names and titles fall back to (the site's default).</param>
/// <param name="Results">The page of results with their facets.</param>
/// <param name="Page">The page number.</param>
/// <param name="PageSize">Results per page.</param>
/// <param name="Zone">The site's time zone, which dates are shown in.</param>
/// <param name="MaxLength">The longest search accepted.</param>
internal sealed record SearchView(
    LanguageTag Language, SiteText Text, string Query, bool All, SearchFilters Filters, SiteStructure Structure, LanguageTag Fallback,
    SearchResults Results, int Page, int PageSize, TimeZoneInfo Zone, int MaxLength)
{
    /// <summary>At most this many tags are offered as facets: the ones most results carry.</summary>
    public const int TopTags = 20;

    /// <summary>The search page's address for these words and filters (section by its path); page 1 unless told.</summary>
    public static string Href(LanguageTag language, string query, bool all, SearchFilters filters, SiteStructure structure, int page = 1)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(query) };
        if (all)
        {
            parts.Add("all=1");
        }

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("kind", filters.Kind?.Key);
        Add("section", filters.Section is { } section ? structure.PathOf(section.Id) : null);
        Add("tag", filters.Tag);
        if (filters.Year is { } year)
        {
            Add("from", year.ToString(CultureInfo.InvariantCulture));
            Add("to", year.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            Add("from", filters.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", filters.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (page > 1)
        {
            Add("page", page.ToString(CultureInfo.InvariantCulture));
        }

        return $"/{language.UrlSegment}/search?{string.Join('&', parts)}";
    }

    /// <summary>This search's address with other filters (page 1).</summary>
    public string With(SearchFilters filters) => Href(Language, Query, All, filters, Structure);
}

internal static partial class Pages
{
    /// <summary>A name or title in another language than the page's: marked with its language and direction.</summary>
    private static Html SearchForeign(LocalText text, LanguageTag page) =>
        text.IsForeignTo(page) ? Html.Of($""" lang="{text.Language!.Value}" dir="{text.Language.HtmlDir}" """)
        // A text in no language (a tag, a key standing in for a name) is data, not words to translate.
        : text.Language is null ? Html.Of($""" translate="no" """) : Html.Empty;

    /// <summary>
    /// The filters of the search form, a plain GET form that needs no script: a kind (when the site has kinds), a section
    /// (when it has sections; each shown under its parent), a tag and a range of days.
    /// </summary>
    private static Html SearchFilterFields(SearchView view)
    {
        var text = view.Text;
        var filters = view.Filters;
        var kinds = view.Structure.Kinds.Count == 0 ? Html.Empty : Html.Of($"""
            <label for="search-kind">{text.SearchFacetKind}</label>
            <select id="search-kind" name="kind">
            <option value="">{text.SearchAnyKind}</option>
            {view.Structure.Kinds.Select(k => SearchKindOption(view, k))}
            </select>
            """);
        var sections = view.Structure.Sections.Count == 0 ? Html.Empty : Html.Of($"""
            <label for="search-section">{text.SearchFacetSection}</label>
            <select id="search-section" name="section">
            <option value="">{text.SearchAnySection}</option>
            {SearchSectionOptions(view, null, 0)}
            </select>
            """);
        return Html.Of($"""
            <fieldset class="filters">
            <legend>{text.SearchFilters}</legend>
            {kinds}{sections}<label for="search-tag">{text.SearchFacetTag}</label>
            <input id="search-tag" type="text" name="tag" value="{filters.Tag ?? string.Empty}" dir="auto">
            <label for="search-from">{text.SearchFrom}</label>
            <input id="search-from" type="date" name="from" value="{filters.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty}">
            <label for="search-to">{text.SearchTo}</label>
            <input id="search-to" type="date" name="to" value="{filters.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty}">
            </fieldset>
            """);
    }

    private static Html SearchKindOption(SearchView view, DocumentKind kind)
    {
        var name = kind.NameFor(view.Language, view.Fallback);
        var selected = view.Filters.Kind?.Key == kind.Key ? Html.Raw(" selected") : Html.Empty;
        return Html.Of($"""<option value="{kind.Key}"{selected}{SearchForeign(name, view.Language)}>{name.Text}</option>""");
    }

    /// <summary>The sections below <paramref name="parentId"/> as options, each followed by its own, indented by depth.</summary>
    private static Html SearchSectionOptions(SearchView view, long? parentId, int depth) => Html.Join(view.Structure.Children(parentId).Select(section =>
    {
        var title = section.TitleFor(view.Language, view.Fallback);
        var selected = view.Filters.Section?.Id == section.Id ? Html.Raw(" selected") : Html.Empty;
        // An option holds text only: the depth shows as leading dashes.
        var indent = string.Concat(Enumerable.Repeat("— ", depth));
        return Html.Of($"""
            <option value="{view.Structure.PathOf(section.Id)}"{selected}{SearchForeign(title, view.Language)}>{indent}{title.Text}</option>
            {SearchSectionOptions(view, section.Id, depth + 1)}
            """);
    }));

    /// <summary>
    /// The facets: for each of kind, section, tag and year, the values the results carry with how many carry each, as
    /// links that narrow the search; the value in force is marked current, and a first link lifts it. Sections offered
    /// are those just below the section in force (or the top ones), each counting what lies below it too.
    /// </summary>
    private static Html SearchFacetGroups(SearchView view)
    {
        var facets = view.Results.Facets ?? SearchFacets.Empty;
        var text = view.Text;
        var filters = view.Filters;
        var groups = new List<Html>();

        var kinds = facets.Kinds
            .Select(c => (Kind: view.Structure.Kind(c.Value), c.Count))
            .Where(p => p.Kind is not null)
            .Select(p => SearchFacetItem(view, p.Kind!.NameFor(view.Language, view.Fallback), p.Count, view.With(filters with { Kind = p.Kind }), filters.Kind?.Key == p.Kind!.Key))
            .ToList();
        groups.Add(SearchFacetGroup("kind", text.SearchFacetKind, filters.Kind is null ? null : (text.SearchAnyKind, view.With(filters with { Kind = null })), kinds));

        var counts = facets.Sections.ToDictionary(c => c.Value, c => c.Count);
        var current = filters.Section;
        var offered = view.Structure.Children(current?.Id)
            .Where(s => counts.ContainsKey(s.Id))
            .Select(s => SearchFacetItem(view, s.TitleFor(view.Language, view.Fallback), counts[s.Id], view.With(filters with { Section = s }), false));
        var sections = current is null
            ? offered.ToList()
            : [SearchFacetItem(view, current.TitleFor(view.Language, view.Fallback), counts.GetValueOrDefault(current.Id), view.With(filters), true), .. offered];
        var up = current is null ? ((string, string)?)null
            : (text.SearchAnySection, view.With(filters with { Section = current.ParentId is { } parent ? view.Structure.Section(parent) : null }));
        groups.Add(SearchFacetGroup("section", text.SearchFacetSection, up, sections));

        var tags = facets.Tags.Take(SearchView.TopTags)
            .Select(c => SearchFacetItem(view, new LocalText(c.Value, null), c.Count, view.With(filters with { Tag = c.Value }), filters.Tag == c.Value))
            .ToList();
        groups.Add(SearchFacetGroup("tag", text.SearchFacetTag, filters.Tag is null ? null : (text.SearchAnyTag, view.With(filters with { Tag = null })), tags));

        var years = facets.Years
            .Select(c => SearchFacetItem(view, new LocalText(text.Year(c.Value), null), c.Count,
                view.With(filters with { From = new DateOnly(c.Value, 1, 1), To = new DateOnly(c.Value, 12, 31) }), filters.Year == c.Value))
            .ToList();
        var dated = filters.From is not null || filters.To is not null;
        groups.Add(SearchFacetGroup("year", text.SearchFacetYear, dated ? (text.SearchAnyYear, view.With(filters with { From = null, To = null })) : null, years));

        var shown = groups.Where(g => g != Html.Empty).ToList();
        return shown.Count == 0 ? Html.Empty : Html.Of($"""
            <section class="facets" aria-labelledby="facets-title">
            <h2 id="facets-title">{text.SearchRefine}</h2>
            {shown}
            </section>
            """);
    }

    /// <summary>One facet's list; nothing when it has neither values nor a filter to lift.</summary>
    private static Html SearchFacetGroup(string name, string heading, (string Label, string Href)? lift, List<Html> items)
    {
        if (items.Count == 0 && lift is null)
        {
            return Html.Empty;
        }

        var first = lift is { } l ? Html.Of($"""<li><a href="{l.Href}">{l.Label}</a></li>""") : Html.Empty;
        return Html.Of($"""
            <div class="facet facet-{name}">
            <h3 id="facet-{name}">{heading}</h3>
            <ul aria-labelledby="facet-{name}">
            {first}{items}
            </ul>
            </div>
            """);
    }

    private static Html SearchFacetItem(SearchView view, LocalText label, int count, string href, bool current)
    {
        var marker = current ? Html.Raw(""" aria-current="true" """) : Html.Empty;
        return Html.Of($"""<li><a href="{href}"{marker}><bdi{SearchForeign(label, view.Language)}>{label.Text}</bdi> <span class="count">{view.Text.Number(count)}</span></a></li>""");
    }
}
