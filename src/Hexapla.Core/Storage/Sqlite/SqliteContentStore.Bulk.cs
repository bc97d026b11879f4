using System.Text.Json;
using Hexapla.Content;
using Hexapla.Translation;
using Microsoft.Data.Sqlite;

namespace Hexapla.Storage.Sqlite;

/// <summary>Bulk writes: one SQLite transaction for a whole run, with statements prepared once and reused.</summary>
public sealed partial class SqliteContentStore
{
    /// <summary>Page cache of a bulk write's connection, in KiB (SQLite spills the rest to the WAL).</summary>
    private const int BulkCacheKibibytes = 64 * 1024;

    /// <inheritdoc />
    /// <remarks>
    /// One <c>BEGIN IMMEDIATE</c> transaction on a connection of its own, outside the pool, with a 64 MiB page cache:
    /// pages beyond it spill to the write-ahead log, so memory stays bounded while the log grows with the run. Other
    /// writers wait (up to the 30 s timeout) until it ends; readers see the store as it was. A kill at any moment
    /// leaves uncommitted frames in the log, which SQLite ignores on the next open.
    /// </remarks>
    public async Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            using (var pragma = connection.CreateCommand())
            {
                // The staged memory pairs and their sort go to a temporary file, not to memory (SQLite as bundled
                // keeps temporary tables in memory), so a run's size does not become the process's.
                pragma.CommandText = $"PRAGMA cache_size = -{BulkCacheKibibytes}; PRAGMA temp_store = FILE;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            return new SqliteBulkWrite(connection, connection.BeginTransaction(deferred: false));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
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
        private readonly SqliteCommand _memory;
        private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
        private bool _committed;

        public SqliteBulkWrite(SqliteConnection connection, SqliteTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
            _document = Command("""
                INSERT INTO documents (slug, original_language, created_at, updated_at)
                VALUES ($slug, $original, $created, $updated)
                ON CONFLICT (slug) DO UPDATE SET original_language = excluded.original_language, updated_at = excluded.updated_at
                RETURNING id;
                """, "$slug", "$original", "$created", "$updated");
            _clear = Command("DELETE FROM document_tags WHERE document_id = $id; DELETE FROM expected_languages WHERE document_id = $id;", "$id");
            _tag = Command("INSERT OR IGNORE INTO document_tags (document_id, position, tag) VALUES ($id, $position, $tag);", "$id", "$position", "$tag");
            _expected = Command("INSERT INTO expected_languages (document_id, language) VALUES ($id, $language);", "$id", "$language");

            // The same row as SaveDocumentAsync's upsert followed by WriteSegmentsAsync, in one statement each.
            _version = Command("""
                INSERT INTO versions (document_id, language, title, summary, body, state, published_at, revision, source_revision, updated_at, segments, links)
                VALUES ($document, $language, $title, $summary, $body, $state, $published, $revision, $source, $updated, $segments, $links)
                ON CONFLICT (document_id, language) DO UPDATE SET
                    title = excluded.title, summary = excluded.summary, body = excluded.body, state = excluded.state,
                    published_at = excluded.published_at, revision = excluded.revision,
                    source_revision = excluded.source_revision, updated_at = excluded.updated_at,
                    segments = excluded.segments, links = excluded.links
                RETURNING id;
                """, "$document", "$language", "$title", "$summary", "$body", "$state", "$published", "$revision", "$source", "$updated", "$segments", "$links");
            _revision = Command("""
                INSERT INTO revisions (version_id, revision, title, summary, body, created_at, segments)
                VALUES ($version, $revision, $title, $summary, $body, $created, $segments)
                ON CONFLICT (version_id, revision) DO UPDATE SET segments = excluded.segments;
                """, "$version", "$revision", "$title", "$summary", "$body", "$created", "$segments");
            // Memory pairs are appended to a temporary table as they come and moved into tm_units sorted at the commit:
            // inserting long text keys into tm_units' unique index in arrival order touches a random page each time,
            // which costs more than everything else the run writes.
            using (var staging = Command("CREATE TEMP TABLE bulk_tm_units (source_lang TEXT, target_lang TEXT, source TEXT, target TEXT, source_length INTEGER, origin TEXT, created_at INTEGER);"))
            {
                staging.ExecuteNonQuery();
            }

            _memory = Command("""
                INSERT INTO temp.bulk_tm_units (source_lang, target_lang, source, target, source_length, origin, created_at)
                VALUES ($sourceLang, $targetLang, $source, $target, $length, $origin, $createdAt);
                """, "$sourceLang", "$targetLang", "$source", "$target", "$length", "$origin", "$createdAt");
        }

        public async Task SaveAsync(Document document, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(document);
            ObjectDisposedException.ThrowIf(_committed, this);
            _slugs.Add(document.Slug);
            Set(_document, document.Slug, document.OriginalLanguage.Value, document.CreatedAt.ToUnixTimeMilliseconds(), document.UpdatedAt.ToUnixTimeMilliseconds());
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
                var segments = JsonSerializer.Serialize(version.Segments);
                Set(_version, id, version.Language.Value, version.Title, version.Summary, version.Body, version.State.Name(),
                    version.PublishedAt?.ToUnixTimeMilliseconds(), version.Revision, version.SourceRevision,
                    version.UpdatedAt.ToUnixTimeMilliseconds(), segments, JsonSerializer.Serialize(version.Links));
                var versionId = (long)(await _version.ExecuteScalarAsync(cancellationToken))!;

                Set(_revision, versionId, version.Revision, version.Title, version.Summary, version.Body, version.UpdatedAt.ToUnixTimeMilliseconds(), segments);
                await _revision.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public async Task AddMemoryAsync(IReadOnlyList<MemoryUnit> units, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(units);
            ObjectDisposedException.ThrowIf(_committed, this);
            foreach (var unit in units)
            {
                Set(_memory, unit.SourceLanguage.Value, unit.TargetLanguage.Value, unit.Source, unit.Target, unit.Source.Length, unit.Origin, unit.CreatedAt.ToUnixTimeMilliseconds());
                await _memory.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public async Task<long> CommitAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_committed, this);
            using (var memory = Command("""
                INSERT INTO tm_units (source_lang, target_lang, source, target, source_length, origin, created_at)
                SELECT source_lang, target_lang, source, target, source_length, origin, created_at FROM temp.bulk_tm_units
                WHERE true ORDER BY source_lang, target_lang, source, target, rowid
                ON CONFLICT (source_lang, target_lang, source, target) DO NOTHING;
                DROP TABLE temp.bulk_tm_units;
                """))
            {
                // Pairs a run holds twice keep the first one's origin, as when they were inserted one by one.
                memory.CommandTimeout = 0;
                await memory.ExecuteNonQueryAsync(cancellationToken);
            }

            // One generation for the whole run, with every document it wrote in the change log.
            var generation = await BumpGenerationAsync(_connection, _transaction, _slugs, cancellationToken);

            await _transaction.CommitAsync(cancellationToken);
            _committed = true;

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
            foreach (var command in new[] { _document, _clear, _tag, _expected, _version, _revision, _memory })
            {
                await command.DisposeAsync();
            }

            // Disposing an uncommitted transaction rolls it back.
            await _transaction.DisposeAsync();
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
}
