using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Storage;

/// <summary>
/// The store written once over <see cref="System.Data.Common"/>: every query, transaction and mapping of rows
/// to content, for each database a provider (<see cref="Sqlite.SqliteContentStore"/>,
/// <see cref="Postgres.PostgresContentStore"/>) supplies connections, migrations and the few SQL differences.
/// Each call opens a pooled connection, so one instance serves many threads. Times are stored as Unix
/// milliseconds (UTC) in integer columns on every database, and text compares and sorts by code point.
/// </summary>
public abstract partial class SqlContentStore : IContentStore
{
    /// <summary>The name of the database kind, as in <c>--database</c>: <c>sqlite</c> or <c>postgres</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Opens a connection with the store's settings. Internal so tests and the copier can query tables.</summary>
    protected internal abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a transaction. <paramref name="exclusive"/>: no other exclusive writer runs until it ends, so a
    /// check made in it (does this slug exist?) still holds when the transaction writes.
    /// </summary>
    protected abstract Task<DbTransaction> BeginTransactionAsync(DbConnection connection, bool exclusive, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="exception"/> is a violated unique constraint.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>SQL that joins the values of <paramref name="expression"/> in a group with single spaces (any order).</summary>
    protected abstract string JoinWithSpaces(string expression);

    /// <summary>SQL that is true when <paramref name="text"/> contains <paramref name="part"/>, both already lowered.</summary>
    protected abstract string ContainsText(string text, string part);

    /// <summary>SQL that is true when the user's <c>name</c> column equals <paramref name="parameter"/>, ignoring ASCII case.</summary>
    protected abstract string UserNameIs(string parameter);

    /// <summary>SQL that orders users by name, ignoring ASCII case.</summary>
    protected abstract string UserNameOrder { get; }

    /// <summary>
    /// Called by <see cref="StoreCopier"/> in its transaction after rows were inserted with their ids, so the
    /// next generated id follows the copied ones (SQLite needs nothing: it takes the largest id plus one).
    /// </summary>
    protected internal virtual Task AfterCopyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public async Task<long> GetGenerationAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_state WHERE name = 'generation';";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextPublicationAfterAsync(DateTimeOffset after, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(published_at) FROM versions WHERE state = 'published' AND published_at > @after;";
        command.Bind("@after", after.ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync(cancellationToken) is long next ? FromMilliseconds(next) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SlugsPublishedBetweenAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT d.slug FROM versions v JOIN documents d ON d.id = v.document_id
            WHERE v.state = 'published' AND v.published_at > @after AND v.published_at <= @until ORDER BY d.slug;
            """;
        command.Bind("@after", after.ToUnixTimeMilliseconds());
        command.Bind("@until", until.ToUnixTimeMilliseconds());
        var slugs = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            slugs.Add(reader.GetString(0));
        }

        return slugs;
    }

    /// <inheritdoc />
    public async Task<long> CountDocumentsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM documents;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<Document?> FindDocumentAsync(string slug, CancellationToken cancellationToken = default)
    {
        var found = await FindDocumentsAsync([slug], cancellationToken);
        return found.GetValueOrDefault(slug);
    }

    /// <inheritdoc />
    public async Task<Document?> FindLiveDocumentAsync(string slug, CancellationToken cancellationToken = default)
    {
        var found = await FindDocumentsAsync([slug], working: false, cancellationToken);
        return found.GetValueOrDefault(slug);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, Document>> FindDocumentsAsync(
        IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default) =>
        FindDocumentsAsync(slugs, working: true, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, Document>> FindLiveDocumentsAsync(
        IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default) =>
        FindDocumentsAsync(slugs, working: false, cancellationToken);

    private async Task<IReadOnlyDictionary<string, Document>> FindDocumentsAsync(
        IReadOnlyCollection<string> slugs, bool working, CancellationToken cancellationToken)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var result = new Dictionary<string, Document>(StringComparer.Ordinal);
        foreach (var slug in slugs.Distinct(StringComparer.Ordinal))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {DocumentColumns} FROM documents WHERE slug = @slug;";
            command.Bind("@slug", slug);
            Document? document = null;
            using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    document = ReadDocument(reader);
                }
            }

            if (document is not null)
            {
                result[slug] = await LoadDetailsAsync(connection, document, cancellationToken, working);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Document>> SaveDocumentsAsync(
        IReadOnlyList<Document> documents, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        // Exclusive like every document write: on PostgreSQL it cannot interleave with a create that checked the slug.
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        var saved = new List<Document>(documents.Count);
        foreach (var document in documents)
        {
            saved.Add(await SaveDocumentAsync(connection, transaction, document, cancellationToken));
        }

        await BumpGenerationAsync(connection, transaction, [.. saved.Select(d => d.Slug)], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// How many generations the change log reaches back (<see cref="DefaultChangeLogGenerations"/> unless set): older
    /// entries are dropped as writes come, and a reader further behind than that rebuilds its search index instead.
    /// </summary>
    public long ChangeLogGenerations
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The change log must keep at least one generation.");
    } = DefaultChangeLogGenerations;

    /// <summary>The change log's reach unless set: weeks of a busy newsroom's writes, a few megabytes.</summary>
    public const long DefaultChangeLogGenerations = 10_000;

    /// <summary>
    /// Moves the store's generation on by one in the caller's write transaction, records which documents it touched
    /// in the change log, and drops the log's entries older than <paramref name="keep"/> generations; returns the
    /// new generation.
    /// </summary>
    protected internal static async Task<long> BumpGenerationAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> slugs, long keep, CancellationToken cancellationToken)
    {
        long generation;
        using (var bump = connection.CreateCommand())
        {
            bump.Transaction = transaction;
            bump.CommandText = "UPDATE store_state SET value = value + 1 WHERE name = 'generation' RETURNING value;";
            generation = Convert.ToInt64(await bump.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        if (slugs.Count > 0)
        {
            using var log = connection.CreateCommand();
            log.Transaction = transaction;
            log.CommandText = "INSERT INTO changes (generation, slug) VALUES (@generation, @slug) ON CONFLICT DO NOTHING;";
            log.Bind("@generation", generation);
            var slugParameter = log.Bind("@slug", string.Empty);
            foreach (var slug in slugs)
            {
                slugParameter.Value = slug;
                await log.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var floor = generation - keep;
        if (floor > 0)
        {
            // The log stays complete from 'changes_from' on: it moves up to the oldest generation still logged.
            using var prune = connection.CreateCommand();
            prune.Transaction = transaction;
            prune.CommandText = """
                DELETE FROM changes WHERE generation <= @floor;
                UPDATE store_state SET value = @floor WHERE name = 'changes_from' AND value < @floor;
                """;
            prune.Bind("@floor", floor);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        return generation;
    }

    /// <inheritdoc />
    public async Task<StoreChanges?> ChangesSinceAsync(long generation, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        // One read transaction, so the generation and the log agree.
        using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long current;
        using (var state = connection.CreateCommand())
        {
            state.Transaction = transaction;
            state.CommandText = "SELECT name, value FROM store_state WHERE name IN ('generation', 'changes_from');";
            using var reader = await state.ExecuteReaderAsync(cancellationToken);
            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                values[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            }

            current = values["generation"];
            if (!values.TryGetValue("changes_from", out var from) || generation < from || generation > current)
            {
                return null;
            }
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT DISTINCT slug FROM changes WHERE generation > @since ORDER BY slug;";
        command.Bind("@since", generation);
        var slugs = new List<string>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                slugs.Add(reader.GetString(0));
            }
        }

        return new StoreChanges(current, slugs);
    }

    /// <inheritdoc />
    public async Task<PublishedPage> ListPublishedAsync(
        LanguageTag? language, DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        // Two statements rather than "(@language IS NULL OR …)", which keeps the planner from using either index.
        var Public = language is null
            ? "v.state = 'published' AND v.published_at <= @now"
            : "v.state = 'published' AND v.language = @language AND v.published_at <= @now";

        long total;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = $"SELECT count(*) FROM versions v WHERE {Public};";
            count.Bind("@now", now.ToUnixTimeMilliseconds());
            if (language is not null)
            {
                count.Bind("@language", language.Value);
            }

            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT d.slug, {VersionColumns},
                   (SELECT {JoinWithSpaces("s.language")} FROM versions s
                     WHERE s.document_id = v.document_id AND s.state = 'published' AND s.published_at <= @now)
            FROM versions v JOIN documents d ON d.id = v.document_id {LiveText}
            WHERE {Public}
            ORDER BY v.published_at DESC, d.slug, v.language
            LIMIT @limit OFFSET @offset;
            """;
        command.Bind("@now", now.ToUnixTimeMilliseconds());
        if (language is not null)
        {
            command.Bind("@language", language.Value);
        }

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
    public async Task<IReadOnlyList<LanguageCount>> CountPublishedByLanguageAsync(
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT language, count(*) AS n FROM versions
            WHERE state = 'published' AND published_at <= @now
            GROUP BY language ORDER BY n DESC, language;
            """;
        command.Bind("@now", now.ToUnixTimeMilliseconds());
        var counts = new List<LanguageCount>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new LanguageCount(LanguageTag.FromStored(reader.GetString(0)), reader.GetInt64(1)));
        }

        return counts;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Document> StreamPublishedDocumentsAsync(
        DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var documents = new List<Document>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT d.id, d.slug, d.original_language, d.created_at, d.updated_at, d.section_id, d.kind, d.fields FROM documents d
                WHERE EXISTS (SELECT 1 FROM versions v WHERE v.document_id = d.id AND v.state = 'published' AND v.published_at <= @now)
                ORDER BY d.slug;
                """;
            command.Bind("@now", now.ToUnixTimeMilliseconds());
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(ReadDocument(reader));
            }
        }

        foreach (var document in documents)
        {
            yield return await LoadDetailsAsync(connection, document, cancellationToken, working: false);
        }
    }

    /// <summary>
    /// True for a version <c>v</c> public at <c>@now</c>: the SQL form of <see cref="LanguageVersion.IsPublicAt"/>, as
    /// every published listing filters.
    /// </summary>
    private const string PublicAtNow = "v.state = 'published' AND v.published_at <= @now";

    /// <summary>
    /// The query of <see cref="CountPublicDocumentsAsync"/> (<c>@now</c>): it probes the <c>versions_sitemap</c> index per
    /// document, where a count over versions would read their rows, bodies and all. Internal for the query-plan test.
    /// </summary>
    internal const string CountPublicDocumentsSql = $"""
        SELECT count(*) FROM documents d
        WHERE EXISTS (SELECT 1 FROM versions v WHERE v.document_id = d.id AND {PublicAtNow});
        """;

    /// <summary>
    /// The query of <see cref="ListPublicDocumentsAsync"/> (<c>@now</c>, <c>@limit</c>, <c>@offset</c>): documents walk the
    /// slug index, and their versions come from the <c>versions_sitemap</c> index alone, never from the rows. Internal
    /// for the query-plan test.
    /// </summary>
    internal const string ListPublicDocumentsSql = $"""
        SELECT d.slug, d.original_language, v.language, v.updated_at
        FROM (SELECT p.id, p.slug, p.original_language FROM documents p
              WHERE EXISTS (SELECT 1 FROM versions v WHERE v.document_id = p.id AND {PublicAtNow})
              ORDER BY p.slug LIMIT @limit OFFSET @offset) d
        JOIN versions v ON v.document_id = d.id
        WHERE {PublicAtNow}
        ORDER BY d.slug;
        """;

    /// <inheritdoc />
    public async Task<long> CountPublicDocumentsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = CountPublicDocumentsSql;
        command.Bind("@now", now.ToUnixTimeMilliseconds());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PublicDocument>> ListPublicDocumentsAsync(
        DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = ListPublicDocumentsSql;
        command.Bind("@now", now.ToUnixTimeMilliseconds());
        command.Bind("@limit", limit);
        command.Bind("@offset", offset);
        var documents = new List<PublicDocument>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? slug = null;
        LanguageTag? original = null;
        var versions = new List<PublicVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(0) != slug)
            {
                Flush();
                slug = reader.GetString(0);
                original = LanguageTag.FromStored(reader.GetString(1));
            }

            versions.Add(new PublicVersion(LanguageTag.FromStored(reader.GetString(2)), FromMilliseconds(reader.GetInt64(3))));
        }

        Flush();
        return documents;

        void Flush()
        {
            if (slug is not null)
            {
                // The order of Document.PublishedVersions: the original first, then by language.
                documents.Add(new PublicDocument(slug, [.. versions.OrderBy(v => v.Language == original ? 0 : 1).ThenBy(v => v.Language)]));
                versions.Clear();
            }
        }
    }

    /// <summary>
    /// The columns <see cref="ReadVersion"/> reads, from a version row <c>v</c> and its live revision <c>r</c>
    /// (<see cref="LiveText"/>): the text lives only in revisions, and the version row says which one readers get.
    /// </summary>
    private const string VersionColumns =
        "v.language, r.title, r.summary, r.body, v.state, v.published_at, v.revision, r.source_revision, v.updated_at, v.id, r.segments, r.links, " +
        "r.created_by, r.note, v.corrected_at, v.correction_note, v.approved_by, v.rejection, v.working_revision, v.working_state, " +
        "(SELECT max(x.revision) FROM revisions x WHERE x.version_id = v.id), r.fields";

    private const int VersionColumnCount = 22;

    /// <summary>The columns of a document row that <see cref="ReadDocument"/> reads, in order.</summary>
    private const string DocumentColumns = "id, slug, original_language, created_at, updated_at, section_id, kind, fields";

    /// <summary>Joins a version row <c>v</c> to the revision readers get, as <c>r</c>.</summary>
    private const string LiveText = "JOIN revisions r ON r.version_id = v.id AND r.revision = v.revision";

    /// <summary>The working copies of a document's versions (<c>@id</c>), with the language they belong to.</summary>
    private const string WorkingCopiesSql = """
        SELECT v.language, w.title, w.summary, w.body, v.working_state, w.revision, w.source_revision, w.created_at, w.segments, w.links,
               w.created_by, w.note, w.fields
        FROM versions v JOIN revisions w ON w.version_id = v.id AND w.revision = v.working_revision
        WHERE v.document_id = @id;
        """;

    private static Document ReadDocument(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        Slug = reader.GetString(1),
        OriginalLanguage = LanguageTag.FromStored(reader.GetString(2)),
        CreatedAt = FromMilliseconds(reader.GetInt64(3)),
        UpdatedAt = FromMilliseconds(reader.GetInt64(4)),
        SectionId = reader.FieldCount > 5 && !reader.IsDBNull(5) ? reader.GetInt64(5) : null,
        Kind = reader.FieldCount > 6 && !reader.IsDBNull(6) ? reader.GetString(6) : null,
        Fields = reader.FieldCount > 7 ? ReadFields(reader, 7) : Document.EmptyFields,
    };

    /// <summary>Field values stored as a JSON object of strings; none for NULL.</summary>
    private static IReadOnlyDictionary<string, string> ReadFields(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? Document.EmptyFields : ParseFields(reader.GetString(ordinal));

    /// <summary>Field values from their stored JSON; none for empty text.</summary>
    internal static IReadOnlyDictionary<string, string> ParseFields(string? json) =>
        string.IsNullOrEmpty(json)
            ? Document.EmptyFields
            : JsonSerializer.Deserialize<Dictionary<string, string>>(json) is { Count: > 0 } values
                ? new Dictionary<string, string>(values, StringComparer.Ordinal)
                : Document.EmptyFields;

    /// <summary>Field values as stored: a JSON object of strings, or NULL for none.</summary>
    internal static string? StoredFields(IReadOnlyDictionary<string, string> fields) =>
        fields.Count == 0 ? null : JsonSerializer.Serialize(fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value));

    private static LanguageVersion ReadVersion(DbDataReader reader, int first)
    {
        var hasWorking = !reader.IsDBNull(first + 18);
        var last = reader.IsDBNull(first + 20) ? reader.GetInt32(first + 6) : Convert.ToInt32(reader.GetValue(first + 20), CultureInfo.InvariantCulture);
        return new()
        {
            Language = LanguageTag.FromStored(reader.GetString(first)),
            Title = reader.GetString(first + 1),
            Summary = reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
            Body = reader.GetString(first + 3),
            State = State(reader.GetString(first + 4)),
            PublishedAt = reader.IsDBNull(first + 5) ? null : FromMilliseconds(reader.GetInt64(first + 5)),
            Revision = reader.GetInt32(first + 6),
            SourceRevision = reader.IsDBNull(first + 7) ? null : reader.GetInt32(first + 7),
            UpdatedAt = FromMilliseconds(reader.GetInt64(first + 8)),
            Segments = ReadSegments(reader, first + 10),
            Links = ReadLinks(reader, first + 11),
            Author = reader.IsDBNull(first + 12) ? null : reader.GetString(first + 12),
            Note = reader.IsDBNull(first + 13) ? null : reader.GetString(first + 13),
            CorrectedAt = reader.IsDBNull(first + 14) ? null : FromMilliseconds(reader.GetInt64(first + 14)),
            CorrectionNote = reader.IsDBNull(first + 15) ? null : reader.GetString(first + 15),
            // The review facts belong to the text under work: the working copy's when there is one (ReadWorking moves them).
            ApprovedBy = reader.IsDBNull(first + 16) ? null : reader.GetString(first + 16),
            Rejection = reader.IsDBNull(first + 17) ? null : reader.GetString(first + 17),
            LastRevision = last,
            Fields = ReadFields(reader, first + 21),
            Working = hasWorking
                ? new LanguageVersion { Language = LanguageTag.FromStored(reader.GetString(first)), Title = "", Body = "", Revision = reader.GetInt32(first + 18), State = State(reader.GetString(first + 19)) }
                : null,
        };
    }

    /// <summary><paramref name="version"/> with the working copy the reader's current row holds (<see cref="WorkingCopiesSql"/>).</summary>
    private static LanguageVersion WithWorking(LanguageVersion version, DbDataReader reader) => version with
    {
        ApprovedBy = null,
        Rejection = null,
        Working = new LanguageVersion
        {
            Language = version.Language,
            Title = reader.GetString(1),
            Summary = reader.IsDBNull(2) ? null : reader.GetString(2),
            Body = reader.GetString(3),
            State = State(reader.GetString(4)),
            Revision = reader.GetInt32(5),
            SourceRevision = reader.IsDBNull(6) ? null : reader.GetInt32(6),
            UpdatedAt = FromMilliseconds(reader.GetInt64(7)),
            Segments = ReadSegments(reader, 8),
            Links = ReadLinks(reader, 9),
            Author = reader.IsDBNull(10) ? null : reader.GetString(10),
            Note = reader.IsDBNull(11) ? null : reader.GetString(11),
            Fields = ReadFields(reader, 12),
            ApprovedBy = version.ApprovedBy,
            Rejection = version.Rejection,
            LastRevision = version.LastRevision,
        },
    };

    private static VersionState State(string name) =>
        VersionStates.TryParse(name, out var state) ? state : throw new StoreException($"Unknown version state \"{name}\" in the store.");

    private static async Task<Document> LoadDetailsAsync(DbConnection connection, Document document, CancellationToken cancellationToken, bool working = true)
    {
        var tags = new List<string>();
        var expected = new List<LanguageTag>();
        var versions = new List<LanguageVersion>();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT tag FROM document_tags WHERE document_id = @id ORDER BY position;
            SELECT language FROM expected_languages WHERE document_id = @id ORDER BY language;
            SELECT {VersionColumns} FROM versions v {LiveText} WHERE v.document_id = @id ORDER BY v.language;
            {(working ? WorkingCopiesSql : "")}
            """;
        command.Bind("@id", document.Id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tags.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            expected.Add(LanguageTag.FromStored(reader.GetString(0)));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Readers never get a working copy, not even its revision number, nor its review facts (who approved it,
            // why it was sent back), which the version row holds for it.
            var version = ReadVersion(reader, 0);
            versions.Add(working || version.Working is null ? version : version with { Working = null, ApprovedBy = null, Rejection = null });
        }

        if (working && await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var language = LanguageTag.FromStored(reader.GetString(0));
                var at = versions.FindIndex(v => v.Language == language);
                versions[at] = WithWorking(versions[at], reader);
            }
        }

        return document with { Tags = tags, ExpectedLanguages = expected, Versions = versions };
    }

    /// <summary>
    /// Inserts or updates <paramref name="document"/> (by slug, its versions by language) with its tags, expected
    /// languages, and a revision row with segments for each version, in two statements whatever its size: on
    /// PostgreSQL each statement is a round trip to the server, and one statement a row made a document about ten.
    /// </summary>
    private static async Task<Document> SaveDocumentAsync(
        DbConnection connection, DbTransaction transaction, Document document, CancellationToken cancellationToken)
    {
        Document stored;
        using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO documents (slug, original_language, created_at, updated_at, section_id, kind, fields)
                VALUES (@slug, @original, @created, @updated, @section, @kind, @fields)
                ON CONFLICT (slug) DO UPDATE SET original_language = excluded.original_language, updated_at = excluded.updated_at,
                    section_id = coalesce(excluded.section_id, documents.section_id), kind = coalesce(excluded.kind, documents.kind),
                    fields = coalesce(excluded.fields, documents.fields)
                RETURNING id, slug, original_language, created_at, updated_at, section_id, kind, fields;
                """;
            upsert.Bind("@slug", document.Slug);
            upsert.Bind("@original", document.OriginalLanguage.Value);
            upsert.Bind("@created", document.CreatedAt.ToUnixTimeMilliseconds());
            upsert.Bind("@updated", document.UpdatedAt.ToUnixTimeMilliseconds());
            upsert.BindInt64("@section", document.SectionId);
            upsert.BindText("@kind", document.Kind);
            upsert.BindText("@fields", StoredFields(document.Fields));
            using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            stored = ReadDocument(reader);
        }

        using var rest = connection.CreateCommand();
        rest.Transaction = transaction;
        rest.Bind("@id", stored.Id);
        var sql = new StringBuilder("DELETE FROM document_tags WHERE document_id = @id;\nDELETE FROM expected_languages WHERE document_id = @id;\n");
        if (document.Tags.Count > 0)
        {
            sql.Append("INSERT INTO document_tags (document_id, position, tag) VALUES ");
            for (var i = 0; i < document.Tags.Count; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@id, @position{i}, @tag{i})");
                rest.Bind($"@position{i}", i);
                rest.Bind($"@tag{i}", document.Tags[i]);
            }

            sql.Append(" ON CONFLICT DO NOTHING;\n");
        }

        var expected = document.ExpectedLanguages.Distinct().ToList();
        if (expected.Count > 0)
        {
            sql.Append("INSERT INTO expected_languages (document_id, language) VALUES ");
            for (var i = 0; i < expected.Count; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@id, @expected{i})");
                rest.Bind($"@expected{i}", expected[i].Value);
            }

            sql.Append(";\n");
        }

        for (var i = 0; i < document.Versions.Count; i++)
        {
            // The revision rows take the version's id from the row just written (SQLite needs the WHERE before ON CONFLICT).
            var version = document.Versions[i];
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO versions (document_id, language, state, published_at, revision, updated_at, corrected_at, correction_note,
                    working_revision, working_state, approved_by, rejection)
                VALUES (@id, @language{i}, @state{i}, @published{i}, @revision{i}, @updated{i}, @corrected{i}, @correctionNote{i},
                    @workingRevision{i}, @workingState{i}, @approvedBy{i}, @rejection{i})
                ON CONFLICT (document_id, language) DO UPDATE SET
                    state = excluded.state, published_at = excluded.published_at, revision = excluded.revision,
                    updated_at = excluded.updated_at, corrected_at = excluded.corrected_at, correction_note = excluded.correction_note,
                    working_revision = excluded.working_revision, working_state = excluded.working_state,
                    approved_by = excluded.approved_by, rejection = excluded.rejection;

                """);
            BindVersionRow(rest, version, i.ToString(CultureInfo.InvariantCulture));
            AppendRevision(sql, rest, version, $"{i}l", $"(SELECT id FROM versions WHERE document_id = @id AND language = @language{i})");
            if (version.Working is { } work)
            {
                AppendRevision(sql, rest, work with { Language = version.Language }, $"{i}w", $"(SELECT id FROM versions WHERE document_id = @id AND language = @language{i})");
            }
        }

        rest.CommandText = sql.ToString();
        await rest.ExecuteNonQueryAsync(cancellationToken);
        return stored with { Tags = document.Tags, ExpectedLanguages = document.ExpectedLanguages, Versions = document.Versions };
    }

    /// <summary>Binds the columns of a version row, each parameter name ending in <paramref name="suffix"/>.</summary>
    private static void BindVersionRow(DbCommand command, LanguageVersion version, string suffix)
    {
        var (approvedBy, rejection) = version.Working is { } work ? (work.ApprovedBy, work.Rejection) : (version.ApprovedBy, version.Rejection);
        command.Bind($"@language{suffix}", version.Language.Value);
        command.Bind($"@state{suffix}", version.State.Name());
        command.BindInt64($"@published{suffix}", version.PublishedAt?.ToUnixTimeMilliseconds());
        command.Bind($"@revision{suffix}", version.Revision);
        command.Bind($"@updated{suffix}", version.UpdatedAt.ToUnixTimeMilliseconds());
        command.BindInt64($"@corrected{suffix}", version.CorrectedAt?.ToUnixTimeMilliseconds());
        command.BindText($"@correctionNote{suffix}", version.CorrectionNote);
        command.BindInt32($"@workingRevision{suffix}", version.Working?.Revision);
        command.BindText($"@workingState{suffix}", version.Working?.State.Name());
        command.BindText($"@approvedBy{suffix}", approvedBy);
        command.BindText($"@rejection{suffix}", rejection);
    }

    /// <summary>
    /// Appends the upsert of <paramref name="text"/>'s revision row for the version <paramref name="versionId"/> (an SQL
    /// expression). A revision number names one text: the row is written when new; an existing row keeps its author,
    /// time and note and takes the segments and links (what a keep-as-is changes) and the text (an import that rewrote a
    /// revision under the same number, which the store never refuses).
    /// </summary>
    private static void AppendRevision(StringBuilder sql, DbCommand command, LanguageVersion text, string suffix, string versionId)
    {
        sql.Append(CultureInfo.InvariantCulture, $"""
            INSERT INTO revisions (version_id, revision, title, summary, body, created_at, created_by, segments, links, source_revision, note, fields)
            SELECT {versionId}, @rRevision{suffix}, @rTitle{suffix}, @rSummary{suffix}, @rBody{suffix}, @rCreated{suffix}, @rBy{suffix},
                @rSegments{suffix}, @rLinks{suffix}, @rSource{suffix}, @rNote{suffix}, @rFields{suffix}
            WHERE true
            ON CONFLICT (version_id, revision) DO UPDATE SET
                title = excluded.title, summary = excluded.summary, body = excluded.body,
                segments = excluded.segments, links = excluded.links, source_revision = excluded.source_revision, fields = excluded.fields;

            """);
        command.Bind($"@rRevision{suffix}", text.Revision);
        command.Bind($"@rTitle{suffix}", text.Title);
        command.BindText($"@rSummary{suffix}", text.Summary);
        command.Bind($"@rBody{suffix}", text.Body);
        command.Bind($"@rCreated{suffix}", text.UpdatedAt.ToUnixTimeMilliseconds());
        command.BindText($"@rBy{suffix}", text.Author);
        command.Bind($"@rSegments{suffix}", JsonSerializer.Serialize(text.Segments));
        command.Bind($"@rLinks{suffix}", JsonSerializer.Serialize(text.Links));
        command.BindInt32($"@rSource{suffix}", text.SourceRevision);
        command.BindText($"@rNote{suffix}", text.Note);
        command.BindText($"@rFields{suffix}", StoredFields(text.Fields));
        AppendMediaUses(sql, command, text.Body, suffix, versionId, $"@rRevision{suffix}");
    }

    private static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

}
