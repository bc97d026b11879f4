using System.Globalization;

namespace Hexapla.Site;

/// <summary>The search page's filters and facets (keys prefixed <c>Search</c>).</summary>
internal sealed partial class SiteText
{
    public string SearchFilters => Phrase();
    public string SearchFacetKind => Phrase();
    public string SearchFacetSection => Phrase();
    public string SearchFacetTag => Phrase();
    public string SearchFacetYear => Phrase();
    public string SearchFrom => Phrase();
    public string SearchTo => Phrase();
    public string SearchAnyKind => Phrase();
    public string SearchAnySection => Phrase();
    public string SearchAnyTag => Phrase();
    public string SearchAnyYear => Phrase();
    public string SearchRefine => Phrase();

    /// <summary>A year as the interface writes its digits, without a group separator (2016, never 2,016).</summary>
    public string Year(int year) => LocalDigits(year.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// "“{value}” cannot be used for {filter}": a refused parameter of the search, named by its label on the form
    /// (the parameter's own name when the form has no label for it), the value isolated.
    /// </summary>
    public Html SearchFilterInvalid(string parameter, string value)
    {
        var label = parameter switch
        {
            "kind" => SearchFacetKind,
            "section" => SearchFacetSection,
            "tag" => SearchFacetTag,
            "from" => SearchFrom,
            "to" => SearchTo,
            "page" => Pages,
            _ => parameter,
        };
        return Compose(nameof(SearchFilterInvalid), Html.Of($"<bdi>{label}</bdi>"), Html.Of($"<bdi>{value}</bdi>"));
    }
}
