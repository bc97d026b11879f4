using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using System.Data.Common;
using System.Text;
using Hexapla.Accounts;

namespace Hexapla.Storage;

// The editorial workflow's writes (compare-and-set saves with their audit entries) and the editors' reads.
public abstract partial class SqlContentStore
{
    /// <inheritdoc />
    public async Task<(Document Document, long Generation)?> CreateDocumentAsync(
        Document document, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        // An immediate transaction: no other writer between the check for the slug and the insert.
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        // A section's slug counts as taken too: both stand right after the language in an address.
        using (var exists = Command(connection, transaction, "SELECT 1 FROM documents WHERE slug = @slug UNION ALL SELECT 1 FROM sections WHERE slug = @slug;"))
        {
            exists.Bind("@slug", document.Slug);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return null;
            }
        }

        var stored = await SaveDocumentAsync(connection, transaction, document, cancellationToken);
        using (var by = Command(connection, transaction, """
            UPDATE versions SET updated_by = @actor WHERE document_id = @id;
            UPDATE revisions SET created_by = coalesce(created_by, @actor) WHERE version_id IN (SELECT id FROM versions WHERE document_id = @id);
            """))
        {
            by.Bind("@actor", audit.Actor);
            by.Bind("@id", stored.Id);
            await by.ExecuteNonQueryAsync(cancellationToken);
        }

        var generation = await AuditAndBumpAsync(connection, transaction, audit, stored.Slug, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (stored, generation);
    }

    /// <inheritdoc />
    public async Task<long?> SaveVersionAsync(
        string slug, LanguageVersion version, int? expectedRevision, AuditEntry audit, VersionState? expectedState = null,
        CancellationToken cancellationToken = default) =>
        (await SaveVersionsAsync([new VersionWrite(slug, version, expectedRevision, expectedState)], [audit], null, cancellationToken)).Generation;

    /// <inheritdoc />
    public async Task<VersionWriteResult> SaveVersionsAsync(
        IReadOnlyList<VersionWrite> writes, IReadOnlyList<AuditEntry> audit, ReleaseDone? release = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        var actor = audit.Count > 0 ? audit[0].Actor : User.System;
        foreach (var write in writes)
        {
            if (!await WriteVersionAsync(connection, transaction, write, actor, cancellationToken))
            {
                // Nothing of the batch is kept: the transaction is disposed uncommitted.
                return new VersionWriteResult(null, write);
            }
        }

        if (release is not null)
        {
            using var done = Command(connection, transaction, "UPDATE releases SET state = 'done', outcome = @outcome WHERE id = @id AND state = 'pending';");
            done.Bind("@id", release.Id);
            done.BindText("@outcome", release.Outcome);
            if (await done.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return new VersionWriteResult(null, null);
            }
        }

        foreach (var entry in audit)
        {
            await InsertAuditAsync(connection, transaction, entry, cancellationToken);
        }

        var generation = await BumpGenerationAsync(connection, transaction, [.. writes.Select(w => w.Slug).Distinct(StringComparer.Ordinal)], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new VersionWriteResult(generation, null);
    }

    /// <summary>
    /// One compare-and-set write of a version row and the revision rows of its live text and working copy; false (and
    /// nothing written by it) when the document is missing or the stored version is not as expected.
    /// </summary>
    private static async Task<bool> WriteVersionAsync(
        DbConnection connection, DbTransaction transaction, VersionWrite write, string actor, CancellationToken cancellationToken)
    {
        var version = write.Version;
        long documentId;
        using (var find = Command(connection, transaction, "SELECT id FROM documents WHERE slug = @slug;"))
        {
            find.Bind("@slug", write.Slug);
            if (await find.ExecuteScalarAsync(cancellationToken) is not long id)
            {
                return false;
            }

            documentId = id;
        }

        // The expectation is about the newest text (the working copy's revision when there is one) and the state of the
        // text under work, so two people acting on the same working copy cannot both win.
        var sql = write.ExpectedRevision is null
            ? """
              INSERT INTO versions (document_id, language, state, published_at, revision, updated_at, updated_by, corrected_at, correction_note,
                  working_revision, working_state, approved_by, rejection)
              VALUES (@document, @languageV, @stateV, @publishedV, @revisionV, @updatedV, @actor, @correctedV, @correctionNoteV,
                  @workingRevisionV, @workingStateV, @approvedByV, @rejectionV)
              ON CONFLICT (document_id, language) DO NOTHING
              RETURNING id;
              """
            : """
              UPDATE versions SET state = @stateV, published_at = @publishedV, revision = @revisionV, updated_at = @updatedV, updated_by = @actor,
                  corrected_at = @correctedV, correction_note = @correctionNoteV, working_revision = @workingRevisionV,
                  working_state = @workingStateV, approved_by = @approvedByV, rejection = @rejectionV
              WHERE document_id = @document AND language = @languageV AND coalesce(working_revision, revision) = @expected
                  AND (@expectedState IS NULL OR coalesce(working_state, state) = @expectedState)
              RETURNING id;
              """;
        long versionId;
        using (var row = Command(connection, transaction, sql))
        {
            row.Bind("@document", documentId);
            BindVersionRow(row, version, "V");
            row.Bind("@actor", actor);
            row.BindInt32("@expected", write.ExpectedRevision);
            row.BindText("@expectedState", write.ExpectedState?.Name());
            if (await row.ExecuteScalarAsync(cancellationToken) is not long id)
            {
                return false;
            }

            versionId = id;
        }

        using var texts = Command(connection, transaction, "");
        var sqlText = new StringBuilder();
        AppendRevision(sqlText, texts, version with { Author = version.Author ?? actor }, "L", "@version");
        if (version.Working is { } work)
        {
            AppendRevision(sqlText, texts, work with { Language = version.Language, Author = work.Author ?? actor }, "W", "@version");
        }

        sqlText.Append("UPDATE documents SET updated_at = @touched WHERE id = @document;");
        texts.CommandText = sqlText.ToString();
        texts.Bind("@version", versionId);
        texts.Bind("@document", documentId);
        texts.Bind("@touched", (version.Working?.UpdatedAt ?? version.UpdatedAt).ToUnixTimeMilliseconds());
        await texts.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<long?> DeleteDocumentAsync(string slug, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        await DeleteMemoryOfAsync(connection, transaction, slug, cancellationToken);
        using (var delete = Command(connection, transaction, "DELETE FROM documents WHERE slug = @slug;"))
        {
            delete.Bind("@slug", slug);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var generation = await AuditAndBumpAsync(connection, transaction, audit, slug, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return generation;
    }

    /// <summary>
    /// Deletes the memory pairs a document's translations gave (origins <c>document SLUG rN</c>, any revision), so that
    /// a deleted text is never offered to another translator as a match. Read by language pair, a range of the origin
    /// index each, rather than by scanning a memory of millions of pairs.
    /// </summary>
    /// <remarks>
    /// A pair is kept once whoever gave it, under the origin that gave it first: a pair another document also holds
    /// goes too, and comes back when that document's translation is next approved or published.
    /// </remarks>
    private static async Task DeleteMemoryOfAsync(DbConnection connection, DbTransaction transaction, string slug, CancellationToken cancellationToken)
    {
        var languages = new List<string>();
        using (var read = Command(connection, transaction, """
            SELECT DISTINCT v.language FROM versions v JOIN documents d ON d.id = v.document_id WHERE d.slug = @slug;
            """))
        {
            read.Bind("@slug", slug);
            using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                languages.Add(reader.GetString(0));
            }
        }

        using var delete = Command(connection, transaction, """
            DELETE FROM tm_units WHERE source_lang = @sourceLang AND target_lang = @targetLang AND origin >= @first AND origin < @past;
            """);
        var source = delete.Bind("@sourceLang", "");
        var target = delete.Bind("@targetLang", "");
        delete.Bind("@first", $"document {slug} r");
        delete.Bind("@past", $"document {slug} s");
        foreach (var from in languages)
        {
            foreach (var to in languages.Where(l => l != from))
            {
                source.Value = from;
                target.Value = to;
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VersionRevision>> ListRevisionsAsync(
        string slug, LanguageTag language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(language);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.revision, r.title, r.summary, r.body, r.created_at, r.created_by, r.note, r.fields
            FROM revisions r JOIN versions v ON v.id = r.version_id JOIN documents d ON d.id = v.document_id
            WHERE d.slug = @slug AND v.language = @language
            ORDER BY r.revision DESC;
            """;
        command.Bind("@slug", slug);
        command.Bind("@language", language.Value);
        var revisions = new List<VersionRevision>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(new VersionRevision(
                reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                FromMilliseconds(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                Note = reader.IsDBNull(6) ? null : reader.GetString(6),
                Fields = ReadFields(reader, 7),
            });
        }

        return revisions;
    }

    /// <inheritdoc />
    public async Task<DocumentListPage> ListDocumentsAsync(DocumentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(filter.Offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filter.Limit);
        // Only versions the reader may read are matched, counted and listed: one condition in each query.
        var readable = filter.Readable is { Languages: { } languages } ? languages : null;
        string Readable(string version, string original) => readable is null ? "1 = 1"
            : $"({version}.language = {original}{string.Concat(readable.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $" OR {version}.language = @readable{i}")))})";
        void BindReadable(DbCommand command)
        {
            for (var i = 0; readable is not null && i < readable.Count; i++)
            {
                command.Bind(string.Create(CultureInfo.InvariantCulture, $"@readable{i}"), readable[i].Value);
            }
        }

        var matches = $"""
            EXISTS (SELECT 1 FROM versions m JOIN revisions mr ON mr.version_id = m.id AND mr.revision = coalesce(m.working_revision, m.revision)
                WHERE m.document_id = d.id
                AND {Readable("m", "d.original_language")}
                AND (@language IS NULL OR m.language = @language)
                AND (@state IS NULL OR m.state = @state OR m.working_state = @state)
                AND (@text IS NULL OR {ContainsText("lower(mr.title)", "lower(@text)")}))
            """;
        void Bind(DbCommand command)
        {
            command.BindText("@language", filter.Language?.Value);
            command.BindText("@state", filter.State?.Name());
            command.BindText("@text", string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim());
            BindReadable(command);
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        long total;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = $"SELECT count(*) FROM documents d WHERE {matches};";
            Bind(count);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var documents = new List<(long Id, string Slug, LanguageTag Original, DateTimeOffset UpdatedAt)>();
        using (var page = connection.CreateCommand())
        {
            page.CommandText = $"""
                SELECT d.id, d.slug, d.original_language, d.updated_at FROM documents d WHERE {matches}
                ORDER BY d.updated_at DESC, d.slug LIMIT @limit OFFSET @offset;
                """;
            Bind(page);
            page.Bind("@limit", filter.Limit);
            page.Bind("@offset", filter.Offset);
            using var reader = await page.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add((reader.GetInt64(0), reader.GetString(1), LanguageTag.FromStored(reader.GetString(2)), FromMilliseconds(reader.GetInt64(3))));
            }
        }

        var rows = new List<DocumentRow>(documents.Count);
        foreach (var document in documents)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT v.language, v.state, v.revision, r.title, v.published_at, v.updated_at, v.updated_by, v.working_revision, v.working_state, v.rejection
                FROM versions v JOIN revisions r ON r.version_id = v.id AND r.revision = coalesce(v.working_revision, v.revision)
                WHERE v.document_id = @id AND {Readable("v", "@original")} ORDER BY v.language;
                """;
            command.Bind("@id", document.Id);
            command.Bind("@original", document.Original.Value);
            BindReadable(command);
            var versions = new List<VersionRow>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var state = VersionStates.TryParse(reader.GetString(1), out var s) ? s : throw new StoreException($"Unknown version state \"{reader.GetString(1)}\" in the store.");
                versions.Add(new VersionRow(
                    LanguageTag.FromStored(reader.GetString(0)), state, reader.GetInt32(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : FromMilliseconds(reader.GetInt64(4)), FromMilliseconds(reader.GetInt64(5)),
                    reader.IsDBNull(6) ? null : reader.GetString(6))
                {
                    WorkingRevision = reader.IsDBNull(7) ? null : reader.GetInt32(7),
                    WorkingState = reader.IsDBNull(8) ? null : State(reader.GetString(8)),
                    Rejected = !reader.IsDBNull(9),
                });
            }

            rows.Add(new DocumentRow(document.Slug, document.Original, document.UpdatedAt, versions));
        }

        return new DocumentListPage(total, rows);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    // Every editorial write ends here: its audit line and the generation bump, in the caller's transaction.
    private async Task<long> AuditAndBumpAsync(
        DbConnection connection, DbTransaction transaction, AuditEntry audit, string slug, CancellationToken cancellationToken)
    {
        await InsertAuditAsync(connection, transaction, audit, cancellationToken);
        return await BumpGenerationAsync(connection, transaction, [slug], ChangeLogGenerations, cancellationToken);
    }

    private static async Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, AuditEntry audit, CancellationToken cancellationToken)
    {
        using var insert = Command(connection, transaction,
            "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (@at, @actor, @action, @target, @detail);");
        insert.Bind("@at", audit.At.ToUnixTimeMilliseconds());
        insert.Bind("@actor", audit.Actor);
        insert.Bind("@action", audit.Action);
        insert.BindText("@target", audit.Target);
        insert.BindText("@detail", audit.Detail);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
