namespace Hexapla.Site;

/// <summary>The words of section pages and of the filters on home and section pages.</summary>
internal sealed partial class SiteText
{
    public string ListSubsections => Phrase();
    public string ListFilter => Phrase();
    public string ListFilterKind => Phrase();
    public string ListFilterTag => Phrase();
    public string ListFilterYear => Phrase();
    public string ListFilterFrom => Phrase();
    public string ListFilterTo => Phrase();
    public string ListFilterDateHint => Phrase();
    public string ListFilterAny => Phrase();
    public string ListFilterApply => Phrase();
    public string ListFilterClear => Phrase();
    public string ListFilterNothing => Phrase();
    public string ListBadFilterTitle => Phrase();
    public string ListSectionFeed => Phrase();

    /// <summary>A facet's choice with its count: "statement (12)", the number written as the language writes it.</summary>
    public string ListFacetCount(string choice, long count) => Format(nameof(ListFacetCount), choice, Number(count));

    /// <summary>A date filter (<paramref name="parameter"/>: from, to) whose <paramref name="value"/> is not a date.</summary>
    public string ListBadDate(string parameter, string value) => Format(nameof(ListBadDate), parameter, value);

    /// <summary>A kind filter naming no kind of this site.</summary>
    public string ListBadKind(string value) => Format(nameof(ListBadKind), value);

    /// <summary>A filter value over the length limit.</summary>
    public string ListTooLong(string parameter, int limit) => Format(nameof(ListTooLong), parameter, Number(limit));

    /// <summary>A span whose start is after its end.</summary>
    public string ListBadSpan(string from, string to) => Format(nameof(ListBadSpan), from, to);

    /// <summary>A filter given twice (<c>?tag=a&amp;tag=b</c>).</summary>
    public string ListRepeated(string parameter) => Format(nameof(ListRepeated), parameter);
}
