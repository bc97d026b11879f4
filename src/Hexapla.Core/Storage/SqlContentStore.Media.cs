using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Hexapla.Languages;
using Hexapla.Media;

namespace Hexapla.Storage;

// The media library: items, files, texts, blobs cut into chunks, renditions and uses (see IMediaStore).
public abstract partial class SqlContentStore : IMediaStore
{
    /// <summary>The size of one stored chunk of a blob: small enough for one row on every database, large enough to stream.</summary>
    public const int BlobChunkBytes = 1 << 20;

    // Which revisions of which versions a use counts for: the text readers get and the working copy over it.
    private const string CurrentUse = "(u.revision = v.revision OR u.revision = v.working_revision)";

    /// <inheritdoc />
    public async Task<MediaItem> CreateMediaAsync(NewMediaItem item, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        var at = audit.At.ToUnixTimeMilliseconds();
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO media_items (kind, original_language, created_at, created_by, updated_at)
            VALUES (@kind, @language, @at, @by, @at) RETURNING id;
            """, new { kind = item.Kind.Name(), language = item.OriginalLanguage.Value, at, by = audit.Actor }, transaction, cancellationToken: cancellationToken));
        await WriteBlobAsync(connection, transaction, item.Content, at, cancellationToken);
        await WriteFileAsync(connection, transaction, id, item.File with { Language = item.OriginalLanguage }, item.Content, at, audit.Actor, cancellationToken);
        await WriteTextsAsync(connection, transaction, id, item.Texts, at, audit.Actor, cancellationToken);
        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? MediaTarget(id) }, cancellationToken);
        await BumpGenerationAsync(connection, transaction, [], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await FindMediaAsync(id, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<MediaItem?> FindMediaAsync(long id, CancellationToken cancellationToken = default) =>
        (await FindMediaAsync([id], cancellationToken)).GetValueOrDefault(id);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, MediaItem>> FindMediaAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new Dictionary<long, MediaItem>();
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadItemsAsync(connection, null, [.. ids.Distinct()], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MediaListPage> ListMediaAsync(MediaFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new List<string> { "true" };
        var text = string.IsNullOrWhiteSpace(filter.Text) ? null : filter.Text.Trim().ToLowerInvariant();
        if (filter.Kind is not null)
        {
            where.Add("m.kind = @kind");
        }

        if (filter.Language is not null)
        {
            where.Add("(EXISTS (SELECT 1 FROM media_files f WHERE f.media_id = m.id AND f.language = @language) OR " +
                "EXISTS (SELECT 1 FROM media_texts t WHERE t.media_id = m.id AND t.language = @language))");
        }

        if (text is not null)
        {
            where.Add($"(EXISTS (SELECT 1 FROM media_files f WHERE f.media_id = m.id AND {ContainsText("lower(f.file_name)", "@text")}) OR " +
                $"EXISTS (SELECT 1 FROM media_texts t WHERE t.media_id = m.id AND {ContainsText("lower(t.text)", "@text")}))");
        }

        var parameters = new
        {
            kind = filter.Kind?.Name(),
            language = filter.Language?.Value,
            text,
            offset = Math.Max(0, filter.Offset),
            limit = Math.Clamp(filter.Limit, 1, 500),
        };
        using var connection = await OpenConnectionAsync(cancellationToken);
        var condition = string.Join(" AND ", where);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM media_items m WHERE {condition};", parameters, cancellationToken: cancellationToken));
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT m.id FROM media_items m WHERE {condition} ORDER BY m.created_at DESC, m.id DESC LIMIT @limit OFFSET @offset;",
            parameters, cancellationToken: cancellationToken))).ToList();
        var items = await ReadItemsAsync(connection, null, ids, cancellationToken);
        return new MediaListPage(total, [.. ids.Where(items.ContainsKey).Select(i => items[i])]);
    }

    /// <inheritdoc />
    public async Task<long?> SaveMediaFileAsync(long id, MediaFile file, BlobContent content, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(audit);
        return await WriteItemAsync(id, audit, async (connection, transaction, at) =>
        {
            await WriteBlobAsync(connection, transaction, content, at, cancellationToken);
            var previous = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT sha256 FROM media_files WHERE media_id = @id AND language = @language;",
                new { id, language = file.Language.Value }, transaction, cancellationToken: cancellationToken));
            await WriteFileAsync(connection, transaction, id, file, content, at, audit.Actor, cancellationToken);
            if (previous is not null && previous != content.Sha256)
            {
                await DeleteBlobIfUnusedAsync(connection, transaction, previous, cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long?> DeleteMediaFileAsync(long id, LanguageTag language, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return await WriteItemAsync(id, audit, async (connection, transaction, at) =>
        {
            var sha = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("""
                SELECT f.sha256 FROM media_files f JOIN media_items m ON m.id = f.media_id
                WHERE f.media_id = @id AND f.language = @language AND f.language <> m.original_language;
                """, new { id, language = language.Value }, transaction, cancellationToken: cancellationToken));
            if (sha is null)
            {
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM media_files WHERE media_id = @id AND language = @language;",
                new { id, language = language.Value }, transaction, cancellationToken: cancellationToken));
            await DeleteBlobIfUnusedAsync(connection, transaction, sha, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long?> SaveMediaTextsAsync(long id, IReadOnlyList<MediaText> texts, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(audit);
        return await WriteItemAsync(id, audit, async (connection, transaction, at) =>
        {
            await WriteTextsAsync(connection, transaction, id, texts, at, audit.Actor, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long?> SetFocalPointAsync(long id, FocalPoint? focal, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (focal is { IsValid: false })
        {
            throw new ArgumentOutOfRangeException(nameof(focal), focal, "A focal point lies within 0 to 1 on both axes.");
        }

        return await WriteItemAsync(id, audit, async (connection, transaction, at) =>
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE media_items SET focal_x = @x, focal_y = @y WHERE id = @id;",
                new { id, x = focal?.X, y = focal?.Y }, transaction, cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MediaUse>?> DeleteMediaAsync(long id, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM media_items WHERE id = @id;",
            new { id }, transaction, cancellationToken: cancellationToken)) is null)
        {
            return null;
        }

        var uses = await ReadUsesAsync(connection, transaction, id, audit.At, cancellationToken);
        if (uses.Count > 0)
        {
            return uses;
        }

        var blobs = (await connection.QueryAsync<string>(new CommandDefinition("SELECT sha256 FROM media_files WHERE media_id = @id;",
            new { id }, transaction, cancellationToken: cancellationToken))).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM media_texts WHERE media_id = @id;
            DELETE FROM media_files WHERE media_id = @id;
            DELETE FROM media_items WHERE id = @id;
            """, new { id }, transaction, cancellationToken: cancellationToken));
        foreach (var sha in blobs.Distinct(StringComparer.Ordinal))
        {
            await DeleteBlobIfUnusedAsync(connection, transaction, sha, cancellationToken);
        }

        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? MediaTarget(id) }, cancellationToken);
        await BumpGenerationAsync(connection, transaction, [], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MediaUse>> ListMediaUsesAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadUsesAsync(connection, null, id, now, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> IsMediaPublicAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT 1 FROM media_uses u JOIN versions v ON v.id = u.version_id AND v.revision = u.revision
            WHERE u.media_id = @id AND v.state = 'published' AND v.published_at <= @now LIMIT 1;
            """, new { id, now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)) is not null;
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenBlobAsync(string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        using var connection = await OpenConnectionAsync(cancellationToken);
        var size = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT size FROM media_blobs WHERE sha256 = @sha256;",
            new { sha256 }, cancellationToken: cancellationToken));
        return size is { } length ? new StoredBlobStream(this, sha256, length) : null;
    }

    /// <inheritdoc />
    public async Task<MediaRendition?> FindRenditionAsync(string key, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RenditionRow>(new CommandDefinition(
            "SELECT key AS Key, sha256 AS Sha256, content_type AS ContentType, width AS Width, height AS Height FROM media_renditions WHERE key = @key;",
            new { key }, cancellationToken: cancellationToken));
        return row is null ? null : new MediaRendition(row.Key, row.Sha256, row.ContentType, (int)row.Width, (int)row.Height);
    }

    /// <inheritdoc />
    public async Task SaveRenditionAsync(MediaRendition rendition, BlobContent content, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        ArgumentNullException.ThrowIfNull(content);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        var at = createdAt.ToUnixTimeMilliseconds();
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT key FROM media_renditions WHERE key = @key;",
            new { key = rendition.Key }, transaction, cancellationToken: cancellationToken)) is not null)
        {
            return;
        }

        await WriteBlobAsync(connection, transaction, content, at, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO media_renditions (key, sha256, content_type, width, height, created_at) VALUES (@Key, @Sha256, @ContentType, @Width, @Height, @at);
            """, new { rendition.Key, rendition.Sha256, rendition.ContentType, rendition.Width, rendition.Height, at }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredBlob> ListBlobsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT b.sha256, b.size,
                EXISTS (SELECT 1 FROM media_files f WHERE f.sha256 = b.sha256) OR EXISTS (SELECT 1 FROM media_renditions r WHERE r.sha256 = b.sha256)
            FROM media_blobs b ORDER BY b.sha256;
            """;
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredBlob(reader.GetString(0), reader.GetInt64(1), Convert.ToBoolean(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <inheritdoc />
    public async Task<int> DeleteOrphanBlobsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM media_blobs WHERE NOT EXISTS (SELECT 1 FROM media_files f WHERE f.sha256 = media_blobs.sha256)
                AND NOT EXISTS (SELECT 1 FROM media_renditions r WHERE r.sha256 = media_blobs.sha256);
            """, transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The bytes of chunk <paramref name="chunk"/> of a blob, null when it is missing; read by <see cref="StoredBlobStream"/>.</summary>
    internal async Task<byte[]?> ReadChunkAsync(string sha256, long chunk, CancellationToken cancellationToken)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition("SELECT bytes FROM media_chunks WHERE sha256 = @sha256 AND n = @n;",
            new { sha256, n = (int)chunk }, cancellationToken: cancellationToken));
    }

    /// <summary>The audit target of an item: <c>media:ID</c>.</summary>
    public static string MediaTarget(long id) => FormattableString.Invariant($"media:{id}");

    // One write to an existing item: its audit entry, its updated time, and a generation bump that logs the documents
    // using it as changed (their pages show its texts). Null when there is no such item or the write found nothing.
    private async Task<long?> WriteItemAsync(
        long id, AuditEntry audit, Func<DbConnection, DbTransaction, long, Task<bool>> write, CancellationToken cancellationToken)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        var at = audit.At.ToUnixTimeMilliseconds();
        if (await connection.ExecuteAsync(new CommandDefinition("UPDATE media_items SET updated_at = @at WHERE id = @id;",
            new { id, at }, transaction, cancellationToken: cancellationToken)) == 0 || !await write(connection, transaction, at))
        {
            return null;
        }

        var slugs = (await connection.QueryAsync<string>(new CommandDefinition($"""
            SELECT DISTINCT d.slug FROM media_uses u JOIN versions v ON v.id = u.version_id JOIN documents d ON d.id = v.document_id
            WHERE u.media_id = @id AND {CurrentUse};
            """, new { id }, transaction, cancellationToken: cancellationToken))).ToList();
        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? MediaTarget(id) }, cancellationToken);
        var generation = await BumpGenerationAsync(connection, transaction, slugs, ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return generation;
    }

    private static async Task WriteBlobAsync(DbConnection connection, DbTransaction transaction, BlobContent content, long at, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT sha256 FROM media_blobs WHERE sha256 = @sha256;",
            new { sha256 = content.Sha256 }, transaction, cancellationToken: cancellationToken)) is not null)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO media_blobs (sha256, size, created_at) VALUES (@sha256, @size, @at);",
            new { sha256 = content.Sha256, size = content.Size, at }, transaction, cancellationToken: cancellationToken));
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO media_chunks (sha256, n, bytes) VALUES (@sha256, @n, @bytes);";
        insert.Bind("@sha256", content.Sha256);
        var number = insert.Bind("@n", 0);
        var bytes = insert.Bind("@bytes", Array.Empty<byte>());
        var buffer = new byte[BlobChunkBytes];
        long written = 0;
        await using var stream = content.Open();
        for (var n = 0; ; n++)
        {
            var filled = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (filled == 0 && n > 0)
            {
                break;
            }

            number.Value = n;
            bytes.Value = filled == buffer.Length ? buffer : buffer[..filled];
            await insert.ExecuteNonQueryAsync(cancellationToken);
            written += filled;
            if (filled < buffer.Length)
            {
                break;
            }
        }

        if (written != content.Size)
        {
            throw new StoreException($"The content of blob {content.Sha256} was {written} bytes, not the {content.Size} announced; nothing was stored.");
        }
    }

    private static async Task DeleteBlobIfUnusedAsync(DbConnection connection, DbTransaction transaction, string sha256, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM media_blobs WHERE sha256 = @sha256
                AND NOT EXISTS (SELECT 1 FROM media_files WHERE sha256 = @sha256)
                AND NOT EXISTS (SELECT 1 FROM media_renditions WHERE sha256 = @sha256);
            """, new { sha256 }, transaction, cancellationToken: cancellationToken));

    private static async Task WriteFileAsync(
        DbConnection connection, DbTransaction transaction, long id, MediaFile file, BlobContent content, long at, string? by, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO media_files (media_id, language, file_name, content_type, size, sha256, width, height, text, text_note, created_at, created_by)
            VALUES (@id, @language, @name, @type, @size, @sha256, @width, @height, @text, @note, @at, @by)
            ON CONFLICT (media_id, language) DO UPDATE SET
                file_name = excluded.file_name, content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256,
                width = excluded.width, height = excluded.height, text = excluded.text, text_note = excluded.text_note,
                created_at = excluded.created_at, created_by = excluded.created_by;
            """, new
        {
            id,
            language = file.Language.Value,
            name = file.FileName,
            type = file.ContentType,
            size = content.Size,
            sha256 = content.Sha256,
            width = file.Width,
            height = file.Height,
            text = file.Text,
            note = file.TextNote,
            at,
            by,
        }, transaction, cancellationToken: cancellationToken));

    private static async Task WriteTextsAsync(
        DbConnection connection, DbTransaction transaction, long id, IReadOnlyList<MediaText> texts, long at, string? by, CancellationToken cancellationToken)
    {
        foreach (var text in texts)
        {
            var key = new { id, language = text.Language.Value, field = text.Field.Name() };
            if (text.Text.Length == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM media_texts WHERE media_id = @id AND language = @language AND field = @field;", key, transaction, cancellationToken: cancellationToken));
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO media_texts (media_id, language, field, text, source_hash, machine, updated_at, updated_by)
                VALUES (@id, @language, @field, @text, @hash, @machine, @at, @by)
                ON CONFLICT (media_id, language, field) DO UPDATE SET
                    text = excluded.text, source_hash = excluded.source_hash, machine = excluded.machine,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by;
                """, new
            {
                id,
                language = text.Language.Value,
                field = text.Field.Name(),
                text = text.Text,
                hash = text.SourceHash,
                machine = text.Machine ? 1 : 0,
                at = text.UpdatedAt == default ? at : text.UpdatedAt.ToUnixTimeMilliseconds(),
                by = text.UpdatedAt == default ? by : text.UpdatedBy,
            }, transaction, cancellationToken: cancellationToken));
        }
    }

    private static async Task<Dictionary<long, MediaItem>> ReadItemsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var items = new Dictionary<long, MediaItem>();
        foreach (var batch in ids.Chunk(500))
        {
            var rows = await connection.QueryAsync<ItemRow>(new CommandDefinition($"""
                SELECT id AS Id, kind AS Kind, original_language AS OriginalLanguage, focal_x AS FocalX, focal_y AS FocalY,
                    created_at AS CreatedAt, created_by AS CreatedBy, updated_at AS UpdatedAt
                FROM media_items WHERE id IN ({InList(batch)});
                """, null, transaction, cancellationToken: cancellationToken));
            var files = (await connection.QueryAsync<FileRow>(new CommandDefinition($"""
                SELECT media_id AS MediaId, language AS Language, file_name AS FileName, content_type AS ContentType, size AS Size, sha256 AS Sha256,
                    width AS Width, height AS Height, text AS Text, text_note AS TextNote, created_at AS CreatedAt, created_by AS CreatedBy
                FROM media_files WHERE media_id IN ({InList(batch)}) ORDER BY media_id, language;
                """, null, transaction, cancellationToken: cancellationToken))).ToLookup(f => f.MediaId);
            var texts = (await connection.QueryAsync<TextRow>(new CommandDefinition($"""
                SELECT media_id AS MediaId, language AS Language, field AS Field, text AS Text, source_hash AS SourceHash, machine AS Machine,
                    updated_at AS UpdatedAt, updated_by AS UpdatedBy
                FROM media_texts WHERE media_id IN ({InList(batch)}) ORDER BY media_id, language, field;
                """, null, transaction, cancellationToken: cancellationToken))).ToLookup(t => t.MediaId);
            foreach (var row in rows)
            {
                var original = LanguageTag.FromStored(row.OriginalLanguage);
                var itemFiles = files[row.Id].Select(f => new MediaFile(
                    LanguageTag.FromStored(f.Language), f.FileName, f.ContentType, f.Size, f.Sha256, (int?)f.Width, (int?)f.Height, f.Text, f.TextNote,
                    DateTimeOffset.FromUnixTimeMilliseconds(f.CreatedAt), f.CreatedBy)).ToList();
                // The original's file first, then the variants by tag.
                itemFiles.Sort((a, b) => a.Language == original ? -1 : b.Language == original ? 1 : string.CompareOrdinal(a.Language.Value, b.Language.Value));
                items[row.Id] = new MediaItem
                {
                    Id = row.Id,
                    Kind = row.Kind == "file" ? MediaKind.File : MediaKind.Image,
                    OriginalLanguage = original,
                    Focal = row.FocalX is { } x && row.FocalY is { } y ? new FocalPoint(x, y) : null,
                    CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
                    CreatedBy = row.CreatedBy,
                    UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
                    Files = itemFiles,
                    Texts = [.. texts[row.Id].Select(t => new MediaText(
                        LanguageTag.FromStored(t.Language), MediaNames.TryParseField(t.Field, out var field) ? field : MediaField.Title, t.Text, t.SourceHash,
                        t.Machine != 0, DateTimeOffset.FromUnixTimeMilliseconds(t.UpdatedAt), t.UpdatedBy))],
                };
            }
        }

        return items;
    }

    // Ids are numbers the caller holds as longs: written into the SQL, they need no parameter per id on either database.
    private static string InList(IEnumerable<long> ids) => string.Join(", ", ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static async Task<IReadOnlyList<MediaUse>> ReadUsesAsync(
        DbConnection connection, DbTransaction? transaction, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<UseRow>(new CommandDefinition($"""
            SELECT d.slug AS Slug, v.language AS Language,
                max(CASE WHEN u.revision = v.revision THEN 1 ELSE 0 END) AS Live,
                max(CASE WHEN u.revision = v.working_revision THEN 1 ELSE 0 END) AS Working,
                max(CASE WHEN u.revision = v.revision AND v.state = 'published' AND v.published_at <= @now THEN 1 ELSE 0 END) AS Public
            FROM media_uses u JOIN versions v ON v.id = u.version_id JOIN documents d ON d.id = v.document_id
            WHERE u.media_id = @id AND {CurrentUse}
            GROUP BY d.slug, v.language ORDER BY d.slug, v.language;
            """, new { id, now = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new MediaUse(r.Slug, LanguageTag.FromStored(r.Language), r.Live != 0, r.Working != 0, r.Public != 0))];
    }

    /// <summary>
    /// Appends to <paramref name="sql"/> what records the media a revision's text uses: the uses of that revision are
    /// replaced (an import may rewrite a revision's text under the same number) by those of <paramref name="body"/>.
    /// </summary>
    private static void AppendMediaUses(System.Text.StringBuilder sql, DbCommand command, string body, string suffix, string versionId, string revisionParameter)
    {
        var ids = MediaReferences.In(body);
        sql.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"DELETE FROM media_uses WHERE version_id = {versionId} AND revision = {revisionParameter};\n");
        if (ids.Count == 0)
        {
            return;
        }

        sql.Append("INSERT INTO media_uses (version_id, revision, media_id) ");
        for (var i = 0; i < ids.Count; i++)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(i == 0 ? "SELECT " : " UNION ALL SELECT ")}{versionId}, {revisionParameter}, @mu{suffix}_{i}");
            command.Bind($"@mu{suffix}_{i}", ids[i]);
        }

        sql.Append(";\n");
    }

    private sealed class ItemRow
    {
        public long Id { get; init; }

        public string Kind { get; init; } = "";

        public string OriginalLanguage { get; init; } = "";

        public double? FocalX { get; init; }

        public double? FocalY { get; init; }

        public long CreatedAt { get; init; }

        public string? CreatedBy { get; init; }

        public long UpdatedAt { get; init; }
    }

    private sealed class FileRow
    {
        public long MediaId { get; init; }

        public string Language { get; init; } = "";

        public string FileName { get; init; } = "";

        public string ContentType { get; init; } = "";

        public long Size { get; init; }

        public string Sha256 { get; init; } = "";

        public long? Width { get; init; }

        public long? Height { get; init; }

        public string? Text { get; init; }

        public string? TextNote { get; init; }

        public long CreatedAt { get; init; }

        public string? CreatedBy { get; init; }
    }

    private sealed class TextRow
    {
        public long MediaId { get; init; }

        public string Language { get; init; } = "";

        public string Field { get; init; } = "";

        public string Text { get; init; } = "";

        public string? SourceHash { get; init; }

        public long Machine { get; init; }

        public long UpdatedAt { get; init; }

        public string? UpdatedBy { get; init; }
    }

    private sealed class RenditionRow
    {
        public string Key { get; init; } = "";

        public string Sha256 { get; init; } = "";

        public string ContentType { get; init; } = "";

        public long Width { get; init; }

        public long Height { get; init; }
    }

    private sealed class UseRow
    {
        public string Slug { get; init; } = "";

        public string Language { get; init; } = "";

        public long Live { get; init; }

        public long Working { get; init; }

        public long Public { get; init; }
    }
}
