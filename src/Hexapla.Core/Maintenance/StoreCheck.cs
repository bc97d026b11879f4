using System.Data.Common;
using System.Globalization;
using Hexapla.Search;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hexapla.Maintenance;

/// <summary>What <c>hexapla check --repair</c> does about a finding.</summary>
public enum RepairAction
{
    /// <summary>Nothing can be done here (a damaged store file: restore from a backup).</summary>
    None,

    /// <summary>Delete rows that reference missing rows.</summary>
    DeleteOrphanRows,

    /// <summary>Bring the schema up to date (opening the store migrates it).</summary>
    Migrate,

    /// <summary>Rebuild the search index from the store.</summary>
    RebuildIndex,

    /// <summary>Delete a leftover file (<see cref="CheckFinding.Path"/>).</summary>
    DeleteFile,

    /// <summary>
    /// Save the version (<see cref="CheckFinding.Slug"/>, <see cref="CheckFinding.Language"/>) again with
    /// <see cref="Content.EnteringText.Repair"/> applied, as a new revision (<c>Newsroom.RepairTextAsync</c>).
    /// </summary>
    RepairText,

    /// <summary>
    /// Rewrite a stored language tag (<see cref="CheckFinding.Language"/>) to its canonical or preferred form, or to an
    /// exact suggestion (<see cref="StoredLanguageTags.RepairAsync"/>).
    /// </summary>
    RepairLanguage,

    /// <summary>Delete stored media blobs that no file or rendition uses (<see cref="StoreCheck.DeleteOrphanBlobsAsync"/>).</summary>
    DeleteOrphanBlobs,

    /// <summary>
    /// Delete the renditions kept in a damaged blob (<see cref="CheckFinding.Path"/> holds its SHA-256), and the blob:
    /// a rendition is made again on its next request.
    /// </summary>
    DeleteRenditions,

    /// <summary>
    /// Repair the site structure where nothing is lost or guessed (<see cref="StoreCheck.RepairStructureAsync"/>): a section
    /// cut off from the tree goes to the top, a document in a missing section goes to none, an old path equal to a current
    /// one and menu entries leading to missing sections are deleted.
    /// </summary>
    RepairStructure,
}

/// <summary>One problem <see cref="StoreCheck"/> found.</summary>
/// <param name="Area"><c>store</c>, <c>index</c>, <c>text</c>, <c>language</c>, <c>media</c>, <c>structure</c> or <c>files</c>.</param>
/// <param name="Problem">What is wrong, one line.</param>
/// <param name="Repair">What the repair does about it, or why it cannot.</param>
/// <param name="Action">The repair.</param>
/// <param name="Leak">True for an embargoed or unpublished text where readers could reach it.</param>
/// <param name="Path">The file concerned, for <see cref="RepairAction.DeleteFile"/>; the blob's SHA-256, for <see cref="RepairAction.DeleteRenditions"/>.</param>
/// <param name="Slug">The document concerned, for <see cref="RepairAction.RepairText"/>.</param>
/// <param name="Language">The version concerned, for <see cref="RepairAction.RepairText"/>; the stored tag, for <see cref="RepairAction.RepairLanguage"/>.</param>
public sealed record CheckFinding(
    string Area, string Problem, string Repair, RepairAction Action, bool Leak = false, string? Path = null, string? Slug = null, string? Language = null);

/// <summary>
/// The checks of <c>hexapla check</c> on a SQLite store and its search index: the store file's integrity, its
/// references between tables and its schema version; that the index holds every public version as the store has it
/// and nothing else (a draft, an unpublished, deleted or embargoed version in the index is a finding, the embargoed
/// one a leak); and leftover temporary files in the data folder.
/// </summary>
/// <remarks>
/// Read only: it opens its own connection and never writes. A text is public when it is published and its
/// publication time is at or before <c>now</c>, as for readers. A temporary file younger than
/// <see cref="LeftoverAge"/> may belong to a backup or restore at work and is not reported.
/// <see cref="RunOnPostgresAsync"/> runs the same index and file checks on a PostgreSQL store.
/// </remarks>
public static partial class StoreCheck
{
    /// <summary>How old a <c>*.tmp</c> file in the data folder must be to count as left over.</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(15);

    /// <summary>Runs every check and lists what it finds; an empty list means all is well.</summary>
    /// <param name="databasePath">The store file, which must exist.</param>
    /// <param name="indexFolder">The search index folder.</param>
    /// <param name="dataFolder">The data folder, for leftover files.</param>
    /// <param name="now">What counts as now for publication times and file ages.</param>
    /// <param name="media">Told the bytes of media re-hashed so far, out of all stored.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static async Task<IReadOnlyList<CheckFinding>> RunAsync(
        string databasePath, string indexFolder, string dataFolder, DateTimeOffset now, IProgress<MediaCheckProgress>? media = null, CancellationToken cancellationToken = default)
    {
        var findings = new List<CheckFinding>();
        var storeSound = await CheckStoreAsync(databasePath, findings, cancellationToken);
        if (storeSound)
        {
            await CheckTextAsync(() => SqliteStoreSnapshots.Open(databasePath, SqliteOpenMode.ReadOnly), findings, cancellationToken);
            await StoredLanguageTags.CheckAsync(() => SqliteStoreSnapshots.Open(databasePath, SqliteOpenMode.ReadOnly), findings, cancellationToken);
            await CheckStructureAsync(
                () => SqliteStoreSnapshots.Open(databasePath, SqliteOpenMode.ReadOnly),
                connection => ((SqliteConnection)connection).BeginTransaction(deferred: true),
                findings, cancellationToken);
            await CheckMediaAsync(
                () => SqliteStoreSnapshots.Open(databasePath, SqliteOpenMode.ReadOnly),
                connection => ((SqliteConnection)connection).BeginTransaction(deferred: true),
                findings, media, cancellationToken);
            await CheckIndexAsync(databasePath, indexFolder, now, findings, cancellationToken);
        }
        else
        {
            findings.Add(new CheckFinding("index", "not checked: the store cannot be read", "none until the store is restored", RepairAction.None));
        }

        CheckLeftoverFiles(dataFolder, now, findings);
        return findings;
    }

    /// <summary>
    /// The same checks on a PostgreSQL store: its schema version and generation, then the search index and leftover
    /// files as for SQLite. The server enforces foreign keys, so orphan rows cannot arise there; the file-level
    /// integrity of the database is the server's (and <c>pg_amcheck</c>'s) business, not Hexapla's.
    /// </summary>
    /// <param name="connectionString">Npgsql's connection string of the store.</param>
    /// <param name="latestSchemaVersion">The newest PostgreSQL schema version this Hexapla knows.</param>
    /// <param name="indexFolder">The search index folder.</param>
    /// <param name="dataFolder">The data folder, for leftover files.</param>
    /// <param name="now">What counts as now for publication times and file ages.</param>
    /// <param name="media">Told the bytes of media re-hashed so far, out of all stored.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static async Task<IReadOnlyList<CheckFinding>> RunOnPostgresAsync(
        string connectionString, int latestSchemaVersion, string indexFolder, string dataFolder, DateTimeOffset now,
        IProgress<MediaCheckProgress>? media = null, CancellationToken cancellationToken = default)
    {
        var findings = new List<CheckFinding>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var schema = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection);
            var version = Convert.ToInt32(await schema.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (version != latestSchemaVersion)
            {
                findings.Add(version > latestSchemaVersion
                    ? new CheckFinding("store", $"schema version {version} is newer than this Hexapla knows ({latestSchemaVersion})", "none: run the newer release", RepairAction.None)
                    : new CheckFinding("store", $"schema version {version} is behind this Hexapla's ({latestSchemaVersion})", "bring the schema up to date", RepairAction.Migrate));
                return findings;
            }
        }

        await CheckTextAsync(() => new NpgsqlConnection(connectionString), findings, cancellationToken);
        await StoredLanguageTags.CheckAsync(() => new NpgsqlConnection(connectionString), findings, cancellationToken);
        await CheckStructureAsync(
            () => new NpgsqlConnection(connectionString),
            connection => connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead),
            findings, cancellationToken);
        await CheckMediaAsync(
            () => new NpgsqlConnection(connectionString),
            connection => connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead),
            findings, media, cancellationToken);
        await CheckIndexAsync(
            () => new NpgsqlConnection(connectionString),
            connection => connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead),
            indexFolder, now, findings, cancellationToken);
        CheckLeftoverFiles(dataFolder, now, findings);
        return findings;
    }

    /// <summary>Deletes every row that references a missing row (in one transaction, foreign keys on, so their own dependants go too).</summary>
    /// <returns>How many rows were deleted, dependants not counted.</returns>
    public static async Task<int> DeleteOrphanRowsAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        using var connection = SqliteStoreSnapshots.Open(databasePath, SqliteOpenMode.ReadWrite);
        await connection.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        var deleted = 0;
        while (true)
        {
            var orphans = await ForeignKeyCheckAsync(connection, transaction, cancellationToken);
            // A file whose blob is missing is the media check's finding: deleting it would leave its item without a file.
            var rows = orphans.Where(o => o.RowId is not null && !IsFileWithoutBlob(o) && !IsStructureReference(o)).ToList();
            if (rows.Count == 0)
            {
                break;
            }

            foreach (var (table, rowId, _) in rows)
            {
                using var delete = connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = $"DELETE FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WHERE rowid = $id;";
                delete.Parameters.AddWithValue("$id", rowId);
                deleted += await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        transaction.Commit();
        return deleted;
    }

    private static async Task<bool> CheckStoreAsync(string databasePath, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        const string Restore = "cannot repair: restore from a backup (hexapla restore FILE --data DIR --force)";
        try
        {
            using var connection = SqliteStoreSnapshots.Open(databasePath, SqliteOpenMode.ReadOnly);
            await connection.OpenAsync(cancellationToken);
            using (var integrity = connection.CreateCommand())
            {
                integrity.CommandText = "PRAGMA integrity_check;";
                using var reader = await integrity.ExecuteReaderAsync(cancellationToken);
                var problems = new List<string>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    problems.Add(reader.GetString(0));
                }

                if (problems is not ["ok"])
                {
                    findings.Add(new CheckFinding("store", $"the store file is damaged (SQLite says: {string.Join("; ", problems.Take(3))})", Restore, RepairAction.None));
                    return false;
                }
            }

            var schema = (int)await SqliteStoreSnapshots.ScalarAsync(connection, "PRAGMA user_version;", cancellationToken);
            var latest = Storage.Sqlite.SqliteMigrator.LatestVersion;
            if (schema > latest)
            {
                findings.Add(new CheckFinding("store", $"schema version {schema} is newer than this Hexapla knows ({latest})", "none: run the newer release", RepairAction.None));
                return false;
            }

            if (schema < latest)
            {
                findings.Add(new CheckFinding("store", $"schema version {schema} is behind this Hexapla's ({latest})", "bring the schema up to date", RepairAction.Migrate));
                return false;
            }

            foreach (var group in (await ForeignKeyCheckAsync(connection, null, cancellationToken)).Where(o => !IsFileWithoutBlob(o) && !IsStructureReference(o)).GroupBy(o => (o.Table, o.Parent)))
            {
                var rowIds = group.Where(o => o.RowId is not null).Select(o => o.RowId!.Value).Order().ToList();
                var shown = string.Join(", ", rowIds.Take(10).Select(r => r.ToString(CultureInfo.InvariantCulture))) + (rowIds.Count > 10 ? ", …" : string.Empty);
                findings.Add(new CheckFinding(
                    "store",
                    $"orphan rows: {group.Count()} row(s) of {group.Key.Table} reference missing {group.Key.Parent} (rowid {shown})",
                    $"delete those {group.Key.Table} rows", RepairAction.DeleteOrphanRows));
            }

            if (await SqliteStoreSnapshots.ScalarAsync(connection, "SELECT count(*) FROM store_state WHERE name = 'generation';", cancellationToken) == 0)
            {
                findings.Add(new CheckFinding("store", "the store generation is missing from store_state", Restore, RepairAction.None));
                return false;
            }

            return true;
        }
        catch (SqliteException e)
        {
            findings.Add(new CheckFinding("store", $"the store file cannot be read (SQLite says: {e.Message})", Restore, RepairAction.None));
            return false;
        }
    }

    private static bool IsFileWithoutBlob((string Table, long? RowId, string Parent) orphan) =>
        orphan is { Table: "media_files", Parent: "media_blobs" };

    private static async Task<List<(string Table, long? RowId, string Parent)>> ForeignKeyCheckAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA foreign_key_check;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var orphans = new List<(string, long?, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            orphans.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2)));
        }

        return orphans;
    }

    private sealed record StoredVersion(string Slug, string Language, string Title, string Body, string State, long? PublishedAt, long Revision);

    private static Task CheckIndexAsync(string databasePath, string indexFolder, DateTimeOffset now, List<CheckFinding> findings, CancellationToken cancellationToken) =>
        CheckIndexAsync(
            () => SqliteStoreSnapshots.Open(databasePath, SqliteOpenMode.ReadOnly),
            connection => ((SqliteConnection)connection).BeginTransaction(deferred: true),
            indexFolder, now, findings, cancellationToken);

    private static async Task CheckIndexAsync(
        Func<DbConnection> connect, Func<DbConnection, DbTransaction> begin, string indexFolder, DateTimeOffset now, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        const string Rebuild = "rebuild the search index";
        if (!Directory.Exists(indexFolder))
        {
            findings.Add(new CheckFinding("index", "the search index is missing", Rebuild, RepairAction.RebuildIndex));
            return;
        }

        var versions = new Dictionary<(string, string), StoredVersion>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        long generation;
        using (var connection = connect())
        {
            await connection.OpenAsync(cancellationToken);

            // One read transaction, so the generation and the versions agree.
            using var transaction = begin(connection);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                SELECT value FROM store_state WHERE name = 'generation';
                SELECT slug FROM documents;
                SELECT d.slug, v.language, r.title, r.body, v.state, v.published_at, v.revision
                FROM versions v JOIN documents d ON d.id = v.document_id JOIN revisions r ON r.version_id = v.id AND r.revision = v.revision;
                """;
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            generation = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                slugs.Add(reader.GetString(0));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var version = new StoredVersion(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetInt64(6));
                versions[(version.Slug, version.Language)] = version;
            }
        }

        using var index = LuceneSearchIndex.Open(indexFolder);
        if (!index.IsCompatible)
        {
            findings.Add(new CheckFinding("index", "the search index is unreadable or was built by another version", Rebuild, RepairAction.RebuildIndex));
            return;
        }

        if (index.Generation != generation)
        {
            var recorded = index.Generation?.ToString(CultureInfo.InvariantCulture) ?? "none";
            findings.Add(new CheckFinding("index", $"the search index reflects store generation {recorded}, the store is at {generation}", Rebuild, RepairAction.RebuildIndex));
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        bool IsPublic(StoredVersion v) => v.State == "published" && v.PublishedAt is { } at && at <= nowMs;
        var seen = new Dictionary<(string, string), int>();
        foreach (var entry in index.Entries())
        {
            var key = (entry.Slug, entry.Language);
            seen[key] = seen.GetValueOrDefault(key) + 1;
            var name = $"{entry.Slug}/{entry.Language}";
            if (!versions.TryGetValue(key, out var version))
            {
                var problem = slugs.Contains(entry.Slug)
                    ? $"{name} is in the search index but the document has no such version"
                    : $"{name} is in the search index but no such document exists (deleted?)";
                findings.Add(new CheckFinding("index", problem, Rebuild, RepairAction.RebuildIndex));
            }
            else if (version.State == "published" && version.PublishedAt > nowMs)
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(version.PublishedAt.Value).ToString("u", CultureInfo.InvariantCulture);
                findings.Add(new CheckFinding("index", $"LEAK: {name} is embargoed until {at} but is in the search index", Rebuild, RepairAction.RebuildIndex, Leak: true));
            }
            else if (!IsPublic(version))
            {
                findings.Add(new CheckFinding("index", $"LEAK: {name} is not public (state {version.State}) but is in the search index", Rebuild, RepairAction.RebuildIndex, Leak: true));
            }
            else if (entry.Title != version.Title || entry.Body != LuceneSearchIndex.PlainTextOf(version.Body) || entry.PublishedAt?.ToUnixTimeMilliseconds() != version.PublishedAt)
            {
                findings.Add(new CheckFinding("index", $"{name} is in the search index with another text than the store's revision {version.Revision}", Rebuild, RepairAction.RebuildIndex));
            }
        }

        foreach (var ((slug, language), count) in seen.Where(s => s.Value > 1))
        {
            findings.Add(new CheckFinding("index", $"{slug}/{language} is in the search index {count} times", Rebuild, RepairAction.RebuildIndex));
        }

        foreach (var version in versions.Values.Where(IsPublic).Where(v => !seen.ContainsKey((v.Slug, v.Language))).OrderBy(v => v.Slug, StringComparer.Ordinal))
        {
            findings.Add(new CheckFinding("index", $"{version.Slug}/{version.Language} is published but missing from the search index", Rebuild, RepairAction.RebuildIndex));
        }
    }

    /// <summary>
    /// Versions whose title, summary or body is not as the entrance rule (<see cref="Content.EnteringText"/>) would
    /// store it: characters the rule refuses (those XML cannot carry broke feeds and exports before it) and U+000B, which
    /// XML cannot carry either (<see cref="Content.EnteringText.NeedsRepair"/>); one finding per field, with the first
    /// character's line and column.
    /// </summary>
    /// <remarks>Current versions only: the history keeps what was saved, and no output reads it.</remarks>
    private static async Task CheckTextAsync(Func<DbConnection> connect, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.slug, v.language, r.title, r.summary, r.body
            FROM versions v JOIN documents d ON d.id = v.document_id
            JOIN revisions r ON r.version_id = v.id AND r.revision = coalesce(v.working_revision, v.revision)
            ORDER BY d.slug, v.language;
            """;
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (slug, language) = (reader.GetString(0), reader.GetString(1));
            foreach (var (field, text) in new[] { ("title", reader.GetString(2)), ("summary", reader.IsDBNull(3) ? null : reader.GetString(3)), ("body", reader.GetString(4)) })
            {
                if (!Content.EnteringText.NeedsRepair(text) || Content.EnteringText.Survey(text!, field) is not (var count, { } first))
                {
                    continue;
                }

                var problem = string.Create(CultureInfo.InvariantCulture,
                    $"{slug}/{language} {field}: {count} character(s) the entrance rule refuses or XML cannot carry, the first U+{first.CodePoint:X4} at line {first.Line}, column {first.Column}");
                findings.Add(new CheckFinding("text", problem,
                    "save a new revision with refused characters removed and line breaks normalised (U+000B, U+2028, CR LF as LF)",
                    RepairAction.RepairText, Slug: slug, Language: language));
            }
        }
    }

    private static void CheckLeftoverFiles(string dataFolder, DateTimeOffset now, List<CheckFinding> findings)
    {
        if (!Directory.Exists(dataFolder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(dataFolder, "*.tmp").Order(StringComparer.Ordinal))
        {
            var age = now - new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
            if (age >= LeftoverAge)
            {
                findings.Add(new CheckFinding("files", $"leftover temporary file {Path.GetFileName(path)} ({age.TotalHours:0.#} h old)", "delete it", RepairAction.DeleteFile, Path: path));
            }
        }
    }
}
