using System.Globalization;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Site;

/// <summary>
/// The filters of a home or section page as the reader's query gives them: <c>?kind=&amp;tag=&amp;from=&amp;to=</c>. An
/// empty value (the form's "any") is no filter. Dates are <c>yyyy-MM-dd</c>, <c>yyyy-MM</c> or <c>yyyy</c> in the site's
/// time zone: <c>from</c> starts at the first instant of its day, month or year, <c>to</c> ends after the last.
/// </summary>
internal sealed record ListingQuery(string? Kind, string? Tag, string? From, string? To)
{
    /// <summary>The longest tag a filter takes; a tag is a short word, so a longer one is a mistake or a probe.</summary>
    public const int MaxTagLength = 200;

    public static ListingQuery None { get; } = new(null, null, null, null);

    /// <summary>The first instant the listing shows, from <see cref="From"/>.</summary>
    public DateTimeOffset? FromAt { get; private init; }

    /// <summary>The instant the listing ends before, from <see cref="To"/>.</summary>
    public DateTimeOffset? UntilAt { get; private init; }

    public bool IsEmpty => Kind is null && Tag is null && From is null && To is null;

    /// <summary>
    /// Reads the filters of <paramref name="query"/>, or says what is wrong with them: one line per problem, each naming
    /// the parameter and the value, in the page's interface (<paramref name="text"/>).
    /// </summary>
    public static (ListingQuery? Query, IReadOnlyList<string> Problems) Parse(IQueryCollection query, SiteStructure structure, TimeZoneInfo zone, SiteText text)
    {
        var problems = new List<string>();
        string? One(string name)
        {
            var values = query[name];
            if (values.Count > 1)
            {
                problems.Add(text.ListRepeated(name));
                return null;
            }

            var value = values.ToString().Trim();
            return value.Length == 0 ? null : value;
        }

        var kind = One("kind");
        var tag = One("tag");
        var from = One("from");
        var to = One("to");
        if (kind is not null && structure.Kind(kind) is null)
        {
            problems.Add(text.ListBadKind(Shorten(kind)));
        }

        if (tag is { Length: > MaxTagLength })
        {
            problems.Add(text.ListTooLong("tag", MaxTagLength));
        }

        DateTimeOffset? fromAt = null, untilAt = null;
        if (from is not null)
        {
            if (Period(from, zone) is { } period)
            {
                fromAt = period.Start;
            }
            else
            {
                problems.Add(text.ListBadDate("from", Shorten(from)));
            }
        }

        if (to is not null)
        {
            if (Period(to, zone) is { } period)
            {
                untilAt = period.End;
            }
            else
            {
                problems.Add(text.ListBadDate("to", Shorten(to)));
            }
        }

        if (fromAt is { } start && untilAt is { } end && start >= end)
        {
            problems.Add(text.ListBadSpan(from!, to!));
        }

        return problems.Count > 0
            ? (null, problems.Distinct(StringComparer.Ordinal).ToList())
            : (new ListingQuery(kind, tag, from, to) { FromAt = fromAt, UntilAt = untilAt }, []);
    }

    /// <summary>A value as a message repeats it: a long one cut, so a hostile query does not fill the page.</summary>
    private static string Shorten(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");

    /// <summary>The day, month or year <paramref name="value"/> names, as instants in <paramref name="zone"/>; null when it names none.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? Period(string value, TimeZoneInfo zone)
    {
        var styles = DateTimeStyles.None;
        DateTime start, end;
        if (value.Length == 10 && DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out start))
        {
            end = start.AddDays(1);
        }
        else if (value.Length == 7 && DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, styles, out start))
        {
            end = start.AddMonths(1);
        }
        else if (value.Length == 4 && DateTime.TryParseExact(value, "yyyy", CultureInfo.InvariantCulture, styles, out start))
        {
            end = start.AddYears(1);
        }
        else
        {
            return null;
        }

        if (start.Year < 1000 || start.Year > 9998)
        {
            return null;
        }

        return (Instant(start, zone), Instant(end, zone));
    }

    /// <summary>The instant a local midnight in <paramref name="zone"/> stands for (the first existing time when the zone skips it).</summary>
    private static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary><paramref name="filter"/> narrowed by these filters.</summary>
    public ListingFilter Apply(ListingFilter filter) =>
        filter with { Kind = Kind, Tag = Tag, From = FromAt, Until = UntilAt };

    /// <summary>
    /// The query string of this listing's page <paramref name="page"/> (with <c>?</c>, or empty for the unfiltered first
    /// page), the filters in a fixed order so one listing has one address (and one page-cache entry).
    /// </summary>
    public string QueryString(int page = 1)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("kind", Kind);
        Add("tag", Tag);
        Add("from", From);
        Add("to", To);
        if (page > 1)
        {
            parts.Add($"page={page.ToString(CultureInfo.InvariantCulture)}");
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
    }
}
