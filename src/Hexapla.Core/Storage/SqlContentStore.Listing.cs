using System.Data.Common;
using System.Globalization;
using System.Text;
using Hexapla.Languages;

namespace Hexapla.Storage;

/// <summary>Listings of public versions narrowed by section, kind, tag and date, with their facet counts.</summary>
/// <remarks>
/// Every query here starts from the one public condition (<see cref="PublicAtNow"/>), so a filter only ever narrows what
/// readers may see. A section listing is driven from <c>documents_section</c> (a section holds a few hundred documents
/// even on a large site), the versions of each document come from the covering <c>versions_sitemap</c> index, and the
/// text is read only for the page of rows kept; the home page's listing walks <c>versions_public</c> in order as before.
/// </remarks>
public abstract partial class SqlContentStore
{
    /// <summary>Which part of a filter a facet leaves out, so each of its choices shows what it would give.</summary>
    private enum Leave
    {
        Nothing,
        Kind,
        Tag,
        Dates,
    }

    /// <summary>
    /// The FROM and WHERE of a filtered listing over versions <c>v</c> and their documents <c>d</c>, binding its
    /// parameters on <paramref name="command"/> (<c>@now</c> included).
    /// </summary>
    private static string ListingFromWhere(DbCommand command, ListingFilter filter, DateTimeOffset now, Leave leave = Leave.Nothing, string? join = null)
    {
        // A section listing starts from the section's documents: CROSS JOIN keeps SQLite's planner from walking every
        // public version of the language by versions_public and testing each one's section (seconds at 100,000
        // documents instead of milliseconds); PostgreSQL plans the join order itself either way.
        var sql = new StringBuilder(filter.SectionIds is not null
            ? $"FROM documents d CROSS JOIN versions v {join} WHERE v.document_id = d.id AND "
            : $"FROM versions v JOIN documents d ON d.id = v.document_id {join} WHERE ");
        sql.Append(PublicAtNow).Append(" AND v.language = @language");
        command.Bind("@now", now.ToUnixTimeMilliseconds());
        command.Bind("@language", filter.Language.Value);
        if (filter.SectionIds is { } sections)
        {
            // Section ids are the store's own integers, written as literals: a list of hundreds stays one statement
            // without a parameter per id, and nothing a reader typed reaches the SQL this way.
            sql.Append(sections.Count == 0
                ? " AND 1 = 0"
                : $" AND d.section_id IN ({string.Join(", ", sections.Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture)))})");
        }

        if (filter.Kind is { } kind && leave != Leave.Kind)
        {
            sql.Append(" AND d.kind = @kind");
            command.Bind("@kind", kind);
        }

        if (filter.Tag is { } tag && leave != Leave.Tag)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = @tag)");
            command.Bind("@tag", tag);
        }

        if (leave != Leave.Dates)
        {
            if (filter.From is { } from)
            {
                sql.Append(" AND v.published_at >= @from");
                command.Bind("@from", from.ToUnixTimeMilliseconds());
            }

            if (filter.Until is { } until)
            {
                sql.Append(" AND v.published_at < @until");
                command.Bind("@until", until.ToUnixTimeMilliseconds());
            }
        }

        return sql.ToString();
    }

    /// <inheritdoc />
    public async Task<PublishedPage> ListFilteredAsync(
        ListingFilter filter, DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (filter.SectionIds is null && filter.HasNoFilter)
        {
            // The plain home page: the listing every page of the site has had, on its own index.
            return await ListPublishedAsync(filter.Language, now, offset, limit, cancellationToken);
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        long total;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = $"SELECT count(*) {ListingFromWhere(count, filter, now)};";
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        if (total <= offset)
        {
            return new PublishedPage(total, []);
        }

        using var command = connection.CreateCommand();
        // The page's versions are chosen first from ids alone, so only their texts (revisions) are read, never those
        // of every matching version.
        command.CommandText = $"""
            SELECT d.slug, {VersionColumns},
                   (SELECT {JoinWithSpaces("s.language")} FROM versions s
                     WHERE s.document_id = v.document_id AND s.state = 'published' AND s.published_at <= @now)
            FROM (SELECT v.id AS id {ListingFromWhere(command, filter, now)}
                  ORDER BY v.published_at DESC, d.slug, v.language
                  LIMIT @limit OFFSET @offset) p
            JOIN versions v ON v.id = p.id JOIN documents d ON d.id = v.document_id {LiveText}
            ORDER BY v.published_at DESC, d.slug, v.language;
            """;
        command.Bind("@limit", limit);
        command.Bind("@offset", offset);
        var items = new List<PublishedItem>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var languages = reader.GetString(1 + VersionColumnCount).Split(' ').Select(LanguageTag.FromStored).Order().ToList();
            items.Add(new PublishedItem(reader.GetString(0), ReadVersion(reader, 1), languages));
        }

        return new PublishedPage(total, items);
    }

    /// <inheritdoc />
    public async Task<ListingFacets> CountFacetsAsync(
        ListingFilter filter, DateTimeOffset now, int topTags, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(topTags);
        using var connection = await OpenConnectionAsync(cancellationToken);

        var kinds = new List<FacetCount>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT d.kind, count(*) AS n {ListingFromWhere(command, filter, now, Leave.Kind)} AND d.kind IS NOT NULL
                GROUP BY d.kind ORDER BY n DESC, d.kind;
                """;
            await ReadCountsAsync(command, kinds, cancellationToken);
        }

        var tags = new List<FacetCount>();
        if (topTags > 0)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT g.tag, count(*) AS n {ListingFromWhere(command, filter, now, Leave.Tag, "JOIN document_tags g ON g.document_id = d.id")}
                GROUP BY g.tag ORDER BY n DESC, g.tag LIMIT @top;
                """;
            command.Bind("@top", topTags);
            await ReadCountsAsync(command, tags, cancellationToken);
        }

        return new ListingFacets(kinds, tags, await CountYearsAsync(connection, filter, now, zone, cancellationToken));
    }

    /// <summary>
    /// The year facet: the span of publication times first (from the index), then one count per year of that span with
    /// the years' first instants in <paramref name="zone"/> as bounds, so a statement of 00:30 on 1 January local time
    /// counts in the new year whatever the zone's offset then.
    /// </summary>
    private static async Task<IReadOnlyList<FacetCount>> CountYearsAsync(
        DbConnection connection, ListingFilter filter, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        long? first, last;
        using (var span = connection.CreateCommand())
        {
            span.CommandText = $"SELECT min(v.published_at), max(v.published_at) {ListingFromWhere(span, filter, now, Leave.Dates)};";
            using var reader = await span.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            first = reader.IsDBNull(0) ? null : Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            last = reader.IsDBNull(1) ? null : Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        if (first is not { } from || last is not { } to)
        {
            return [];
        }

        var firstYear = TimeZoneInfo.ConvertTime(FromMilliseconds(from), zone).Year;
        var lastYear = TimeZoneInfo.ConvertTime(FromMilliseconds(to), zone).Year;
        using var command = connection.CreateCommand();
        var cases = new StringBuilder("CASE");
        for (var year = firstYear + 1; year <= lastYear; year++)
        {
            var name = $"@y{year.ToString(CultureInfo.InvariantCulture)}";
            cases.Append(CultureInfo.InvariantCulture, $" WHEN v.published_at < {name} THEN {year - 1}");
            command.Bind(name, YearStart(year, zone).ToUnixTimeMilliseconds());
        }

        cases.Append(CultureInfo.InvariantCulture, $" ELSE {lastYear} END");
        var yearOf = firstYear == lastYear ? lastYear.ToString(CultureInfo.InvariantCulture) : cases.ToString();
        command.CommandText = $"""
            SELECT y, count(*) FROM (SELECT {yearOf} AS y {ListingFromWhere(command, filter, now, Leave.Dates)}) x
            GROUP BY y ORDER BY y DESC;
            """;
        var years = new List<FacetCount>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                years.Add(new FacetCount(
                    Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture).ToString("D4", CultureInfo.InvariantCulture),
                    Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
            }
        }

        return years;
    }

    /// <summary>The first instant of <paramref name="year"/> in <paramref name="zone"/>.</summary>
    private static DateTimeOffset YearStart(int year, TimeZoneInfo zone)
    {
        var local = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        // A zone that skips midnight on 1 January starts the year at the first local time that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static async Task ReadCountsAsync(DbCommand command, List<FacetCount> counts, CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new FacetCount(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LanguageTag>> ListSectionLanguagesAsync(
        IReadOnlyCollection<long> sectionIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sectionIds);
        if (sectionIds.Count == 0)
        {
            return [];
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT DISTINCT v.language FROM documents d JOIN versions v ON v.document_id = d.id
            WHERE d.section_id IN ({string.Join(", ", sectionIds.Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture)))}) AND {PublicAtNow}
            ORDER BY v.language;
            """;
        command.Bind("@now", now.ToUnixTimeMilliseconds());
        var languages = new List<LanguageTag>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            languages.Add(LanguageTag.FromStored(reader.GetString(0)));
        }

        return languages;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SectionLanguageCount>> CountPublishedBySectionAsync(
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT d.section_id, v.language, count(*) FROM documents d JOIN versions v ON v.document_id = d.id
            WHERE d.section_id IS NOT NULL AND {PublicAtNow}
            GROUP BY d.section_id, v.language ORDER BY d.section_id, v.language;
            """;
        command.Bind("@now", now.ToUnixTimeMilliseconds());
        var counts = new List<SectionLanguageCount>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new SectionLanguageCount(
                reader.GetInt64(0), LanguageTag.FromStored(reader.GetString(1)), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }

        return counts;
    }
}
