using System.Text.Json;
using Hexapla.Content;
using Hexapla.Translation;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hexapla.Storage.Sqlite;

/// <summary>Bulk writes: one SQLite transaction for a whole run, with statements prepared once and reused.</summary>
public sealed partial class SqliteContentStore
{
    /// <summary>Page cache of a bulk write's connection, in KiB (SQLite spills the rest to the log or the file).</summary>
    private const int BulkCacheKibibytes = 64 * 1024;

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// One <c>BEGIN IMMEDIATE</c> transaction on a connection of its own, outside the pool, with a 64 MiB page cache,
    /// so memory stays bounded whatever the run's size. Other writers wait (up to the 30 s timeout) until it ends.
    /// </para>
    /// <para>
    /// Into a store that holds no documents and that no other connection has open (a first import into a new data
    /// folder), the write goes through SQLite's rollback journal instead of the write-ahead log: new pages go straight
    /// into the database file, and pages that existed are saved to the journal first. That halves what is written
    /// (no log to copy back at the end), and it locks the store for the run, which nobody else is using. A kill
    /// leaves a hot journal, which SQLite plays back at the next open; the store reopens empty, in WAL mode again.
    /// </para>
    /// <para>
    /// Otherwise the pages go to the write-ahead log, readers see the store as it was, and a kill leaves uncommitted
    /// frames in the log, which SQLite ignores on the next open.
    /// </para>
    /// </remarks>
    public override async Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        var direct = false;
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, $"PRAGMA cache_size = -{BulkCacheKibibytes};", cancellationToken);
            if (!await HoldsDocumentsAsync(connection, null, cancellationToken))
            {
                direct = await TryLeaveWalAsync(connection, cancellationToken);
            }

            var transaction = connection.BeginTransaction(deferred: false);
            var empty = !await HoldsDocumentsAsync(connection, transaction, cancellationToken);
            if (direct && !empty)
            {
                // Another process wrote between the look and the lock; its connection is gone, but so is the reason.
                await transaction.DisposeAsync();
                throw new StoreException($"Another process wrote to {Path} as this import began; nothing was written. Run the import again.");
            }

            return new SqliteBulkWrite(connection, transaction, empty, direct, ChangeLogGenerations);
        }
        catch
        {
            if (direct)
            {
                await ReturnToWalAsync(connection);
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> HoldsDocumentsAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM documents);";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! != 0;
    }

    /// <summary>
    /// Switches the store to the rollback journal, which SQLite allows only when no other connection has it open
    /// (this process's idle pooled ones are closed first); false, after a second at most, when one does.
    /// </summary>
    private async Task<bool> TryLeaveWalAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = DELETE;";
        command.CommandTimeout = 1;
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) is string mode && mode.Equals("delete", StringComparison.OrdinalIgnoreCase);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 /* SQLITE_BUSY */ or 6 /* SQLITE_LOCKED */)
        {
            return false;
        }
    }

    /// <summary>Back to the write-ahead log after a direct write; best effort, as every open of the store asks for it too.</summary>
    private static async Task ReturnToWalAsync(SqliteConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", CancellationToken.None);
        }
        catch (SqliteException)
        {
            // The next OpenAsync sets it.
        }
    }

    /// <summary>The writes of a document and of memory pairs, as reusable statements, in one transaction.</summary>
    private sealed class SqliteBulkWrite : IBulkWrite
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly SqliteCommand _document;
        private readonly SqliteCommand _clear;
        private readonly SqliteCommand _tag;
        private readonly SqliteCommand _expected;
        private readonly SqliteCommand _version;
        private readonly SqliteCommand _revision;
        private readonly SqliteCommand _audit;
        private readonly SqliteCommand _unuse;
        private readonly SqliteCommand _use;
        private readonly MemoryInsert _memory;
        private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
        private readonly bool _direct;
        private readonly long _keep;
        private bool _committed;

        public SqliteBulkWrite(SqliteConnection connection, SqliteTransaction transaction, bool startedEmpty, bool direct, long keep)
        {
            _keep = keep;
            _connection = connection;
            _transaction = transaction;
            _direct = direct;
            StartedEmpty = startedEmpty;
            _document = Command("""
                INSERT INTO documents (slug, original_language, created_at, updated_at, section_id, kind, fields)
                VALUES ($slug, $original, $created, $updated, $section, $kind, $fields)
                ON CONFLICT (slug) DO UPDATE SET original_language = excluded.original_language, updated_at = excluded.updated_at,
                    section_id = coalesce(excluded.section_id, documents.section_id), kind = coalesce(excluded.kind, documents.kind),
                    fields = coalesce(excluded.fields, documents.fields)
                RETURNING id;
                """, "$slug", "$original", "$created", "$updated", "$section", "$kind", "$fields");
            _clear = Command("DELETE FROM document_tags WHERE document_id = $id; DELETE FROM expected_languages WHERE document_id = $id;", "$id");
            _tag = Command("INSERT OR IGNORE INTO document_tags (document_id, position, tag) VALUES ($id, $position, $tag);", "$id", "$position", "$tag");
            _expected = Command("INSERT INTO expected_languages (document_id, language) VALUES ($id, $language);", "$id", "$language");

            // The same rows as SaveDocumentAsync writes, in statements prepared once for the run.
            _version = Command("""
                INSERT INTO versions (document_id, language, state, published_at, revision, updated_at, corrected_at, correction_note,
                    working_revision, working_state, approved_by, rejection)
                VALUES ($document, $language, $state, $published, $revision, $updated, $corrected, $correctionNote,
                    $workingRevision, $workingState, $approvedBy, $rejection)
                ON CONFLICT (document_id, language) DO UPDATE SET
                    state = excluded.state, published_at = excluded.published_at, revision = excluded.revision,
                    updated_at = excluded.updated_at, corrected_at = excluded.corrected_at, correction_note = excluded.correction_note,
                    working_revision = excluded.working_revision, working_state = excluded.working_state,
                    approved_by = excluded.approved_by, rejection = excluded.rejection
                RETURNING id;
                """, "$document", "$language", "$state", "$published", "$revision", "$updated", "$corrected", "$correctionNote",
                "$workingRevision", "$workingState", "$approvedBy", "$rejection");
            // The text lives only here (see SaveDocumentAsync for why an existing row takes the text too).
            _revision = Command("""
                INSERT INTO revisions (version_id, revision, title, summary, body, created_at, created_by, segments, links, source_revision, note, fields)
                VALUES ($version, $revision, $title, $summary, $body, $created, $by, $segments, $links, $source, $note, $fields)
                ON CONFLICT (version_id, revision) DO UPDATE SET
                    title = excluded.title, summary = excluded.summary, body = excluded.body,
                    segments = excluded.segments, links = excluded.links, source_revision = excluded.source_revision, fields = excluded.fields;
                """, "$version", "$revision", "$title", "$summary", "$body", "$created", "$by", "$segments", "$links", "$source", "$note", "$fields");
            _unuse = Command("DELETE FROM media_uses WHERE version_id = $version AND revision = $revision;", "$version", "$revision");
            _use = Command("INSERT OR IGNORE INTO media_uses (version_id, revision, media_id) VALUES ($version, $revision, $media);", "$version", "$revision", "$media");
            _audit = Command("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($at, $actor, $action, $target, $detail);",
                "$at", "$actor", "$action", "$target", "$detail");
            // Pairs go straight into tm_units: its unique index holds 16-byte keys (MemoryKey), small enough for the
            // page cache, so inserting them in arrival order costs no more than appending.
            _memory = new MemoryInsert(connection);
        }

        public bool StartedEmpty { get; }

        public async Task SaveAsync(Document document, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(document);
            ObjectDisposedException.ThrowIf(_committed, this);
            _slugs.Add(document.Slug);
            Set(_document, document.Slug, document.OriginalLanguage.Value, document.CreatedAt.ToUnixTimeMilliseconds(), document.UpdatedAt.ToUnixTimeMilliseconds(),
                document.SectionId, document.Kind, StoredFields(document.Fields));
            var id = (long)(await _document.ExecuteScalarAsync(cancellationToken))!;

            Set(_clear, id);
            await _clear.ExecuteNonQueryAsync(cancellationToken);
            for (var i = 0; i < document.Tags.Count; i++)
            {
                Set(_tag, id, i, document.Tags[i]);
                await _tag.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var language in document.ExpectedLanguages.Distinct())
            {
                Set(_expected, id, language.Value);
                await _expected.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var version in document.Versions)
            {
                var work = version.Working;
                var (approvedBy, rejection) = work is null ? (version.ApprovedBy, version.Rejection) : (work.ApprovedBy, work.Rejection);
                Set(_version, id, version.Language.Value, version.State.Name(), version.PublishedAt?.ToUnixTimeMilliseconds(), version.Revision,
                    version.UpdatedAt.ToUnixTimeMilliseconds(), version.CorrectedAt?.ToUnixTimeMilliseconds(), version.CorrectionNote,
                    work?.Revision, work?.State.Name(), approvedBy, rejection);
                var versionId = (long)(await _version.ExecuteScalarAsync(cancellationToken))!;
                foreach (var text in work is null ? [version] : new[] { version, work })
                {
                    Set(_revision, versionId, text.Revision, text.Title, text.Summary, text.Body, text.UpdatedAt.ToUnixTimeMilliseconds(), text.Author,
                        JsonSerializer.Serialize(text.Segments), JsonSerializer.Serialize(text.Links), text.SourceRevision, text.Note, StoredFields(text.Fields));
                    await _revision.ExecuteNonQueryAsync(cancellationToken);
                    await WriteMediaUsesAsync(versionId, text, cancellationToken);
                }
            }
        }

        // The media the text uses (see AppendMediaUses): a run into an empty store has no earlier uses to replace.
        private async Task WriteMediaUsesAsync(long versionId, LanguageVersion text, CancellationToken cancellationToken)
        {
            var ids = Hexapla.Media.MediaReferences.In(text.Body);
            if (!StartedEmpty)
            {
                Set(_unuse, versionId, text.Revision);
                await _unuse.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var media in ids)
            {
                Set(_use, versionId, text.Revision, media);
                await _use.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public Task AddMemoryAsync(IReadOnlyList<MemoryUnit> units, IReadOnlyList<byte[]>? keys = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(units);
            ObjectDisposedException.ThrowIf(_committed, this);
            if (keys is not null && keys.Count != units.Count)
            {
                throw new ArgumentException($"{keys.Count} keys for {units.Count} memory pairs.", nameof(keys));
            }

            for (var i = 0; i < units.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _memory.Add(units[i], keys?[i] ?? MemoryKey.Of(units[i].Source, units[i].Target));
            }

            return Task.CompletedTask;
        }

        public async Task AddAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(entries);
            ObjectDisposedException.ThrowIf(_committed, this);
            foreach (var entry in entries)
            {
                Set(_audit, entry.At.ToUnixTimeMilliseconds(), entry.Actor, entry.Action, entry.Target, entry.Detail);
                await _audit.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public async Task<long> CommitAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_committed, this);
            // One generation for the whole run, with every document it wrote in the change log.
            var generation = await BumpGenerationAsync(_connection, _transaction, _slugs, _keep, cancellationToken);

            await _transaction.CommitAsync(cancellationToken);
            _committed = true;
            if (_direct)
            {
                // The run is in the database file already.
                await ReturnToWalAsync(_connection);
                return generation;
            }

            // The run is in the log; move it into the database file and give the log's space back. Best effort: a
            // reader still on an old snapshot makes this stop short, and SQLite finishes it at a later checkpoint.
            using (var checkpoint = _connection.CreateCommand())
            {
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync(CancellationToken.None);
            }

            return generation;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { _document, _clear, _tag, _expected, _version, _revision, _unuse, _use, _audit })
            {
                await command.DisposeAsync();
            }

            _memory.Dispose();

            // Disposing an uncommitted transaction rolls it back.
            await _transaction.DisposeAsync();
            if (_direct && !_committed)
            {
                await ReturnToWalAsync(_connection);
            }

            await _connection.DisposeAsync();
        }

        private SqliteCommand Command(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }

        private static void Set(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }
    }

    /// <summary>
    /// The insert of memory pairs, prepared once and run through SQLite's own API: a run adds about fifty pairs per
    /// document, and the provider's per-command work (parameter lookup by name, a UTF-8 copy of every string on the
    /// managed heap) cost more than SQLite's insert itself on the one thread that writes.
    /// </summary>
    private sealed class MemoryInsert : IDisposable
    {
        private const string Sql = """
            INSERT INTO tm_units (source_lang, target_lang, source, target, pair_key, source_length, origin, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT DO NOTHING;
            """;

        private readonly sqlite3 _database;
        private readonly sqlite3_stmt _statement;

        public MemoryInsert(SqliteConnection connection)
        {
            _database = connection.Handle!;
            Check(raw.sqlite3_prepare_v2(_database, Sql, out _statement));
        }

        public void Add(MemoryUnit unit, byte[] key)
        {
            Check(raw.sqlite3_bind_text16(_statement, 1, unit.SourceLanguage.Value));
            Check(raw.sqlite3_bind_text16(_statement, 2, unit.TargetLanguage.Value));
            Check(raw.sqlite3_bind_text16(_statement, 3, unit.Source));
            Check(raw.sqlite3_bind_text16(_statement, 4, unit.Target));
            Check(raw.sqlite3_bind_blob(_statement, 5, key));
            Check(raw.sqlite3_bind_int64(_statement, 6, unit.Source.Length));
            Check(raw.sqlite3_bind_text16(_statement, 7, unit.Origin));
            Check(raw.sqlite3_bind_int64(_statement, 8, unit.CreatedAt.ToUnixTimeMilliseconds()));
            var result = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }
        }

        public void Dispose() => _statement.Dispose();

        private void Check(int result)
        {
            if (result != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }
        }
    }
}
