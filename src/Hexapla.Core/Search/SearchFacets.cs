using System.Globalization;
using Hexapla.Content;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Hexapla.Search;

/// <summary>
/// What a search matched, counted four ways. Every count counts versions the search's filters let through and the
/// index holds as public at the time of the search, exactly as <see cref="SearchResults.Total"/> does: the index never
/// holds a draft, and an embargoed version is left out until its time (see <see cref="ISearchIndex"/>).
/// </summary>
/// <param name="Kinds">Versions per kind key, most first (then by key); documents without a kind are not counted here.</param>
/// <param name="Sections">
/// Versions per section id, a version counting in its document's section and in every section above it (so a count is
/// what filtering by that section would find); most first, then by id. Documents in no section are not counted here.
/// </param>
/// <param name="Tags">Versions per tag, most first (then by tag).</param>
/// <param name="Years">Versions per year of publication (in the search's time zone), newest year first.</param>
public sealed record SearchFacets(
    IReadOnlyList<FacetCount<string>> Kinds, IReadOnlyList<FacetCount<long>> Sections, IReadOnlyList<FacetCount<string>> Tags, IReadOnlyList<FacetCount<int>> Years)
{
    /// <summary>No counts at all.</summary>
    public static SearchFacets Empty { get; } = new([], [], [], []);
}

/// <summary>One value of a facet and how many matched versions carry it.</summary>
/// <typeparam name="T">The value's type: a key or tag, a section id, a year.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Count">How many matched versions carry it; never 0.</param>
public sealed record FacetCount<T>(T Value, int Count);

/// <summary>
/// Counts the kind, sections, tags and year of every document a search collects (beside the collector that keeps the
/// best page). Values are read per segment from Lucene's field cache of the indexed fields and counted by ordinal,
/// then turned into their terms when the segment ends, so a search costs in proportion to what matched.
/// </summary>
internal sealed class FacetCollector(string kindField, string sectionField, string tagField, string publishedField, TimeZoneInfo zone) : ICollector
{
    private readonly Dictionary<string, int> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _sections = [];
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _years = [];

    // The segment being collected: its values, and counts by ordinal that become counts by term at its end.
    private SortedDocValues? _kindValues;
    private SortedSetDocValues? _sectionValues;
    private SortedSetDocValues? _tagValues;
    private FieldCache.Int64s? _published;
    private int[] _kindCounts = [];
    private int[] _sectionCounts = [];
    private int[] _tagCounts = [];

    // Publication times fall mostly in a few years: the last year's bounds (Unix ms) save a time zone conversion per hit.
    private long _yearStart = long.MaxValue;
    private long _yearEnd = long.MinValue;
    private int _year;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        _kindValues = FieldCache.DEFAULT.GetTermsIndex(reader, kindField);
        _sectionValues = FieldCache.DEFAULT.GetDocTermOrds(reader, sectionField);
        _tagValues = FieldCache.DEFAULT.GetDocTermOrds(reader, tagField);
        _published = FieldCache.DEFAULT.GetInt64s(reader, publishedField, FieldCache.NUMERIC_UTILS_INT64_PARSER, setDocsWithField: true);
        _kindCounts = new int[_kindValues.ValueCount];
        _sectionCounts = new int[_sectionValues.ValueCount];
        _tagCounts = new int[_tagValues.ValueCount];
    }

    public void Collect(int doc)
    {
        if (_kindValues!.GetOrd(doc) is var kind and >= 0)
        {
            _kindCounts[kind]++;
        }

        Count(_sectionValues!, _sectionCounts, doc);
        Count(_tagValues!, _tagCounts, doc);
        var year = YearOf(_published!.Get(doc));
        _years[year] = _years.GetValueOrDefault(year) + 1;
    }

    private static void Count(SortedSetDocValues values, int[] counts, int doc)
    {
        values.SetDocument(doc);
        for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
        {
            counts[ord]++;
        }
    }

    private int YearOf(long milliseconds)
    {
        if (milliseconds >= _yearStart && milliseconds < _yearEnd)
        {
            return _year;
        }

        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), zone);
        _year = local.Year;
        _yearStart = Instants.StartOfDay(new DateOnly(_year, 1, 1), zone).ToUnixTimeMilliseconds();
        _yearEnd = _year < DateOnly.MaxValue.Year ? Instants.StartOfDay(new DateOnly(_year + 1, 1, 1), zone).ToUnixTimeMilliseconds() : long.MaxValue;
        return _year;
    }

    /// <summary>Turns the last segment's counts by ordinal into counts by term.</summary>
    private void Flush()
    {
        var term = new BytesRef();
        if (_kindValues is { } kinds)
        {
            for (var ord = 0; ord < _kindCounts.Length; ord++)
            {
                if (_kindCounts[ord] > 0)
                {
                    kinds.LookupOrd(ord, term);
                    var key = term.Utf8ToString();
                    _kinds[key] = _kinds.GetValueOrDefault(key) + _kindCounts[ord];
                }
            }
        }

        if (_sectionValues is { } sections)
        {
            for (var ord = 0; ord < _sectionCounts.Length; ord++)
            {
                if (_sectionCounts[ord] > 0)
                {
                    sections.LookupOrd(ord, term);
                    // Only ids are indexed in the field; anything else (a damaged entry) is not a section to count.
                    if (long.TryParse(term.Utf8ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    {
                        _sections[id] = _sections.GetValueOrDefault(id) + _sectionCounts[ord];
                    }
                }
            }
        }

        if (_tagValues is { } tags)
        {
            for (var ord = 0; ord < _tagCounts.Length; ord++)
            {
                if (_tagCounts[ord] > 0)
                {
                    tags.LookupOrd(ord, term);
                    var tag = term.Utf8ToString();
                    _tags[tag] = _tags.GetValueOrDefault(tag) + _tagCounts[ord];
                }
            }
        }

        _kindValues = null;
        _sectionValues = null;
        _tagValues = null;
    }

    /// <summary>The counts of everything collected.</summary>
    public SearchFacets Result()
    {
        Flush();
        return new SearchFacets(
            [.. _kinds.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new FacetCount<string>(p.Key, p.Value))],
            [.. _sections.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => new FacetCount<long>(p.Key, p.Value))],
            [.. _tags.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new FacetCount<string>(p.Key, p.Value))],
            [.. _years.OrderByDescending(p => p.Key).Select(p => new FacetCount<int>(p.Key, p.Value))]);
    }
}
