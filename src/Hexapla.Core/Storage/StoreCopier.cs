using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hexapla.Storage;

/// <summary>One table of a copy: rows and checksums on both sides.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="SourceRows">Rows read from the source.</param>
/// <param name="TargetRows">Rows in the target after the copy.</param>
/// <param name="SourceChecksum">SHA-256 (hex) of the source's rows in primary-key order, see <see cref="StoreCopier.ChecksumAsync"/>.</param>
/// <param name="TargetChecksum">The same over the target's rows.</param>
public sealed record TableCopy(string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum)
{
    /// <summary>True when counts and checksums agree.</summary>
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}

/// <summary>Progress of a copy: rows of <paramref name="Table"/> written so far out of <paramref name="Total"/>.</summary>
public sealed record CopyProgress(string Table, long Done, long Total);

/// <summary>
/// Copies a whole store into an empty one of any provider (<c>hexapla migrate-store</c>): every table, ids kept,
/// in one transaction on the target, then counts and checksums each table on both sides.
/// </summary>
public static class StoreCopier
{
    /// <summary>
    /// The most bytes of rows held for one statement: a media chunk is 1 MiB, and a statement of as many rows as
    /// its three columns allow would hold 170 MiB of them (twice, with the parameters) in memory.
    /// </summary>
    public const int BatchBytes = 4 << 20;

    /// <summary>Every table of the store, parents before children, with its columns and primary key.</summary>
    public static IReadOnlyList<StoreTable> Tables { get; } =
    [
        new("sections", ["id", "parent_id", "slug", "position", "created_at", "updated_at"], ["id"]),
        new("section_titles", ["section_id", "language", "title"], ["section_id", "language"]),
        new("section_redirects", ["path", "section_id"], ["path"]),
        new("document_kinds", ["key", "position", "definition", "updated_at"], ["key"]),
        new("menus", ["name", "definition", "updated_at"], ["name"]),
        new("documents", ["id", "slug", "original_language", "created_at", "updated_at", "section_id", "kind", "fields"], ["id"]),
        new("document_tags", ["document_id", "position", "tag"], ["document_id", "tag"]),
        new("expected_languages", ["document_id", "language"], ["document_id", "language"]),
        new("versions", ["id", "document_id", "language", "state", "published_at", "revision", "updated_at", "updated_by", "corrected_at", "correction_note", "working_revision", "working_state", "approved_by", "rejection"], ["id"]),
        new("revisions", ["version_id", "revision", "title", "summary", "body", "created_at", "created_by", "segments", "links", "source_revision", "note", "fields"], ["version_id", "revision"]),
        new("store_state", ["name", "value"], ["name"]),
        new("changes", ["generation", "slug"], ["generation", "slug"]),
        new("users", ["id", "name", "role", "password_hash", "disabled", "created_at", "security_stamp"], ["id"]),
        new("user_languages", ["user_id", "language"], ["user_id", "language"]),
        new("api_tokens", ["id", "name", "user_id", "token_hash", "created_at", "revoked_at"], ["id"]),
        new("audit_log", ["id", "at", "actor", "action", "target", "detail"], ["id"]),
        new("tm_units", ["id", "source_lang", "target_lang", "source", "target", "pair_key", "source_length", "origin", "created_at"], ["id"]),
        new("glossary", ["id", "source_lang", "target_lang", "term", "translation", "note"], ["id"]),
        new("releases", ["id", "at", "state", "created_by", "created_at", "outcome"], ["id"]),
        new("release_members", ["release_id", "slug", "language", "revision"], ["release_id", "slug", "language"]),
        new("media_items", ["id", "kind", "original_language", "focal_x", "focal_y", "created_at", "created_by", "updated_at"], ["id"]),
        new("media_blobs", ["sha256", "size", "created_at"], ["sha256"]),
        new("media_chunks", ["sha256", "n", "bytes"], ["sha256", "n"]),
        new("media_files", ["media_id", "language", "file_name", "content_type", "size", "sha256", "width", "height", "text", "text_note", "created_at", "created_by"], ["media_id", "language"]),
        new("media_texts", ["media_id", "language", "field", "text", "source_hash", "machine", "updated_at", "updated_by"], ["media_id", "language", "field"]),
        new("media_renditions", ["key", "sha256", "content_type", "width", "height", "created_at"], ["key"]),
        new("media_uses", ["version_id", "revision", "media_id"], ["version_id", "revision", "media_id"]),
    ];

    /// <summary>
    /// Copies everything in <paramref name="source"/> into <paramref name="target"/>, then checks each table.
    /// The result tells whether the tables match; nothing is thrown for a mismatch.
    /// </summary>
    /// <exception cref="StoreException">The target holds data already (documents, users, memory… or a generation above 0); nothing was written.</exception>
    public static async Task<IReadOnlyList<TableCopy>> CopyAsync(
        SqlContentStore source, SqlContentStore target, IProgress<CopyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (await DescribeContentAsync(target, cancellationToken) is { } content)
        {
            throw new StoreException($"The target store {target} is not empty ({content}); migrate-store copies only into an empty store.");
        }

        await using (var from = await source.OpenConnectionAsync(cancellationToken))
        await using (var to = await target.OpenConnectionAsync(cancellationToken))
        {
            // One snapshot of the source, one transaction on the target: a failed copy leaves the target empty.
            await using var snapshot = await from.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            await using var write = await to.BeginTransactionAsync(cancellationToken);
            await using (var clear = to.CreateCommand())
            {
                clear.Transaction = write;
                clear.CommandText = "DELETE FROM store_state;";
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var table in Tables)
            {
                await CopyTableAsync(from, snapshot, to, write, table, progress, cancellationToken);
            }

            await target.AfterCopyAsync(to, write, cancellationToken);
            await write.CommitAsync(cancellationToken);
        }

        var copies = new List<TableCopy>(Tables.Count);
        foreach (var table in Tables)
        {
            var (sourceRows, sourceSum) = await ChecksumAsync(source, table, cancellationToken);
            var (targetRows, targetSum) = await ChecksumAsync(target, table, cancellationToken);
            copies.Add(new TableCopy(table.Name, sourceRows, targetRows, sourceSum, targetSum));
        }

        return copies;
    }

    /// <summary>
    /// Rows and the SHA-256 of a table's rows read in primary-key order (text keys by code point, as both
    /// providers sort them). Each value is rendered the same way from every provider: <c>N</c> for null,
    /// <c>I</c> and the decimal digits for an integer, <c>D</c> and the shortest round-trip digits for a real, <c>T</c>, the UTF-8 length and the text for text; bytes
    /// as <c>B</c> and their length in the row's line, then themselves after it.
    /// </summary>
    public static async Task<(long Rows, string Checksum)> ChecksumAsync(SqlContentStore store, StoreTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", table.Columns)} FROM {table.Name} ORDER BY {string.Join(", ", table.Key)};";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = 0L;
        var values = new object?[table.Columns.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ReadRow(reader, values);
            var line = new StringBuilder("R");
            foreach (var value in values)
            {
                line.Append(value switch
                {
                    null => "N",
                    long number => string.Create(CultureInfo.InvariantCulture, $"I{number};"),
                    double real => string.Create(CultureInfo.InvariantCulture, $"D{real:R};"),
                    string text => string.Create(CultureInfo.InvariantCulture, $"T{Encoding.UTF8.GetByteCount(text)}:{text}"),
                    byte[] bytes => string.Create(CultureInfo.InvariantCulture, $"B{bytes.Length};"),
                    _ => throw new StoreException($"Unexpected {value.GetType().Name} in {table.Name}."),
                });
            }

            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
            rows++;

            // Bytes go into the hash as they are, after their length: a chunk of media is 1 MiB, its hex twice that.
            foreach (var value in values)
            {
                if (value is byte[] bytes)
                {
                    hash.AppendData(bytes);
                }
            }
        }

        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>What a store holds, in words (<c>3 rows in documents, generation 5</c>), or null when it is empty.</summary>
    public static async Task<string?> DescribeContentAsync(SqlContentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parts = new List<string>();
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        foreach (var table in Tables.Where(t => t.Name != "store_state"))
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table.Name};";
            var rows = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (rows > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{rows} rows in {table.Name}"));
            }
        }

        var generation = await store.GetGenerationAsync(cancellationToken);
        if (generation > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"generation {generation}"));
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static async Task CopyTableAsync(
        DbConnection from, DbTransaction snapshot, DbConnection to, DbTransaction write, StoreTable table,
        IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
    {
        long total;
        await using (var count = from.CreateCommand())
        {
            count.Transaction = snapshot;
            count.CommandText = $"SELECT count(*) FROM {table.Name};";
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        progress?.Report(new CopyProgress(table.Name, 0, total));

        // Rows go many to an INSERT: on PostgreSQL each statement is a round trip, and the memory alone has millions.
        await using var insert = new RowInserts(to, write, table.Name, table.Columns);
        var rows = new object?[insert.RowsPerStatement][];
        await using var select = from.CreateCommand();
        select.Transaction = snapshot;
        select.CommandText = $"SELECT {string.Join(", ", table.Columns)} FROM {table.Name} ORDER BY {string.Join(", ", table.Key)};";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var done = 0L;
        var buffered = 0;
        var bufferedBytes = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = rows[buffered++] ??= new object?[table.Columns.Count];
            ReadRow(reader, row);
            foreach (var value in row)
            {
                bufferedBytes += value is byte[] bytes ? bytes.Length : 0;
            }

            if (buffered == rows.Length || bufferedBytes >= BatchBytes)
            {
                await WriteAsync();
            }
        }

        if (buffered > 0)
        {
            await WriteAsync();
        }

        async Task WriteAsync()
        {
            await insert.InsertAsync(rows, buffered, cancellationToken);
            var before = done;
            var large = bufferedBytes >= BatchBytes;
            done += buffered;
            buffered = 0;
            bufferedBytes = 0;

            // The rows written no longer hold their bytes in memory until the next batch overwrites them.
            foreach (var written in rows)
            {
                if (written is not null)
                {
                    Array.Clear(written);
                }
            }

            // Large rows (media) report every batch: a few batches can take a while.
            if (done / 500 != before / 500 || done == total || large)
            {
                progress?.Report(new CopyProgress(table.Name, done, total));
            }
        }
    }

    // Integers come back as long from SQLite and as int or long from PostgreSQL: one type for both.
    private static void ReadRow(DbDataReader reader, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
            {
                int number => (long)number,
                short number => (long)number,
                var other => other,
            };
        }
    }
}

/// <summary>A table of the store as <see cref="StoreCopier"/> sees it.</summary>
/// <param name="Name">The table's name, the same on every provider.</param>
/// <param name="Columns">Every column, in a fixed order.</param>
/// <param name="Key">The primary key's columns.</param>
public sealed record StoreTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Key);
