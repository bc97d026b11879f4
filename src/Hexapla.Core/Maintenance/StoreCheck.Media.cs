using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;

namespace Hexapla.Maintenance;

/// <summary>How far the media check is: bytes re-hashed out of all the store holds.</summary>
/// <param name="Done">Bytes read and hashed so far.</param>
/// <param name="Total">The sizes recorded for every blob, added up.</param>
public sealed record MediaCheckProgress(long Done, long Total);

// The media part of hexapla check: every stored blob read back chunk by chunk and hashed against its name and
// recorded size, files whose blob is missing, and blobs nothing uses.
public static partial class StoreCheck
{
    private const string ReuploadOrRestore = "cannot repair: upload the file again (a new variant or a new item) or restore from a backup";

    /// <summary>Deletes the stored blobs that no file or rendition uses, with their chunks.</summary>
    /// <param name="connect">A new connection to the store (SQLite or PostgreSQL).</param>
    /// <param name="cancellationToken">Stops the repair before it commits.</param>
    /// <returns>How many blobs were deleted.</returns>
    public static async Task<int> DeleteOrphanBlobsAsync(Func<DbConnection> connect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connect);
        using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await DeleteBlobsAsync(connection, transaction, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Deletes the renditions kept in each blob of <paramref name="sha256s"/> (damaged ones), and the blobs when no file
    /// uses them; each rendition is made again when next asked for.
    /// </summary>
    /// <returns>How many renditions were deleted.</returns>
    public static async Task<int> DeleteRenditionsAsync(Func<DbConnection> connect, IReadOnlyCollection<string> sha256s, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(sha256s);
        using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = 0;
        foreach (var sha256 in sha256s)
        {
            deleted += await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM media_renditions WHERE sha256 = @sha256;", new { sha256 }, transaction, cancellationToken: cancellationToken));
            await DeleteBlobsAsync(connection, transaction, sha256, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    // Chunks are deleted explicitly: a SQLite connection opened without foreign keys would not cascade.
    private static async Task<int> DeleteBlobsAsync(DbConnection connection, DbTransaction transaction, string? only, CancellationToken cancellationToken)
    {
        const string Unused = """
            NOT EXISTS (SELECT 1 FROM media_files f WHERE f.sha256 = media_blobs.sha256)
            AND NOT EXISTS (SELECT 1 FROM media_renditions r WHERE r.sha256 = media_blobs.sha256)
            """;
        var which = only is null ? Unused : $"sha256 = @only AND {Unused}";
        var parameters = only is null ? null : new { only };
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM media_chunks WHERE sha256 IN (SELECT sha256 FROM media_blobs WHERE {which});", parameters, transaction, cancellationToken: cancellationToken));
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM media_blobs WHERE {which};", parameters, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Reads every blob back in one read transaction, chunk by chunk (one chunk in memory at a time), and compares its
    /// SHA-256 and length with its name and recorded size; reports missing chunks, files whose blob is missing, and
    /// blobs that nothing uses.
    /// </summary>
    private static async Task CheckMediaAsync(
        Func<DbConnection> connect, Func<DbConnection, DbTransaction> begin, List<CheckFinding> findings, IProgress<MediaCheckProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        using var transaction = begin(connection);

        var missing = await connection.QueryAsync<FileRow>(new CommandDefinition("""
            SELECT f.media_id AS MediaId, f.language AS Language, f.file_name AS FileName, f.sha256 AS Sha256
            FROM media_files f WHERE NOT EXISTS (SELECT 1 FROM media_blobs b WHERE b.sha256 = f.sha256)
            ORDER BY f.media_id, f.language;
            """, transaction: transaction, cancellationToken: cancellationToken));
        foreach (var file in missing)
        {
            findings.Add(new CheckFinding("media", $"{Describe(file)}: its stored bytes (blob {Short(file.Sha256)}) are missing", ReuploadOrRestore, RepairAction.None));
        }

        // Names and sizes are small: all in memory, so the chunks can be read on the same connection (Npgsql reads one
        // result at a time).
        var blobs = (await connection.QueryAsync<BlobRow>(new CommandDefinition("""
            SELECT b.sha256 AS Sha256, b.size AS Size,
                CASE WHEN EXISTS (SELECT 1 FROM media_files f WHERE f.sha256 = b.sha256) THEN 1 ELSE 0 END AS Files,
                CASE WHEN EXISTS (SELECT 1 FROM media_renditions r WHERE r.sha256 = b.sha256) THEN 1 ELSE 0 END AS Renditions
            FROM media_blobs b ORDER BY b.sha256;
            """, transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var total = blobs.Sum(b => b.Size);
        var done = 0L;
        progress?.Report(new MediaCheckProgress(0, total));

        using var chunks = connection.CreateCommand();
        chunks.Transaction = transaction;
        chunks.CommandText = "SELECT n, bytes FROM media_chunks WHERE sha256 = @sha256 ORDER BY n;";
        var parameter = chunks.CreateParameter();
        parameter.ParameterName = "@sha256";
        chunks.Parameters.Add(parameter);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var blob in blobs)
        {
            parameter.Value = blob.Sha256;
            var length = 0L;
            var gaps = new List<long>();
            var expected = 0L;
            using (var reader = await chunks.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var n = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                    for (; expected < n; expected++)
                    {
                        gaps.Add(expected);
                    }

                    expected = n + 1;
                    var bytes = (byte[])reader.GetValue(1);
                    hash.AppendData(bytes);
                    length += bytes.Length;
                    done += bytes.Length;
                    progress?.Report(new MediaCheckProgress(Math.Min(done, total), total));
                }
            }

            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var chunkCount = Math.Max(1, (blob.Size + Storage.SqlContentStore.BlobChunkBytes - 1) / Storage.SqlContentStore.BlobChunkBytes);
            for (; expected < chunkCount && length < blob.Size; expected++)
            {
                gaps.Add(expected);
            }

            var problem = gaps.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{gaps.Count} chunk(s) missing (number {string.Join(", ", gaps.Take(10))}{(gaps.Count > 10 ? ", …" : "")})")
                : length != blob.Size
                    ? string.Create(CultureInfo.InvariantCulture, $"{length} byte(s) stored, {blob.Size} recorded")
                    : sha != blob.Sha256
                        ? $"its bytes hash to {Short(sha)}, not to its name"
                        : null;
            if (problem is not null)
            {
                findings.Add(await DamagedAsync(connection, transaction, blob, problem, cancellationToken));
            }
        }

        progress?.Report(new MediaCheckProgress(total, total));
        var orphans = blobs.Where(b => b.Files == 0 && b.Renditions == 0).ToList();
        if (orphans.Count > 0)
        {
            var names = string.Join(", ", orphans.Take(10).Select(b => Short(b.Sha256))) + (orphans.Count > 10 ? ", …" : "");
            findings.Add(new CheckFinding("media",
                string.Create(CultureInfo.InvariantCulture, $"{orphans.Count} orphan blob(s) that no file or rendition uses ({orphans.Sum(b => b.Size)} bytes: {names})"),
                "delete them", RepairAction.DeleteOrphanBlobs));
        }
    }

    // A damaged blob that only renditions use is remade on request; one a file uses needs the file again.
    private static async Task<CheckFinding> DamagedAsync(DbConnection connection, DbTransaction transaction, BlobRow blob, string problem, CancellationToken cancellationToken)
    {
        if (blob.Files == 0 && blob.Renditions == 1)
        {
            return new CheckFinding("media", $"a rendition's blob {Short(blob.Sha256)} is damaged: {problem}",
                "delete the rendition; it is made again when next asked for", RepairAction.DeleteRenditions, Path: blob.Sha256);
        }

        var files = (await connection.QueryAsync<FileRow>(new CommandDefinition("""
            SELECT media_id AS MediaId, language AS Language, file_name AS FileName, sha256 AS Sha256
            FROM media_files WHERE sha256 = @sha256 ORDER BY media_id, language;
            """, new { sha256 = blob.Sha256 }, transaction, cancellationToken: cancellationToken))).ToList();
        var users = files.Count == 0 ? "no file uses it" : string.Join("; ", files.Take(5).Select(Describe)) + (files.Count > 5 ? "; …" : "");
        return new CheckFinding("media", $"blob {Short(blob.Sha256)} is damaged ({users}): {problem}", ReuploadOrRestore, RepairAction.None);
    }

    private static string Describe(FileRow file) =>
        string.Create(CultureInfo.InvariantCulture, $"item {file.MediaId}, file {file.FileName} ({file.Language})");

    private static string Short(string sha256) => sha256.Length > 16 ? sha256[..16] + "…" : sha256;

    private sealed class FileRow
    {
        public long MediaId { get; init; }

        public string Language { get; init; } = "";

        public string FileName { get; init; } = "";

        public string Sha256 { get; init; } = "";
    }

    private sealed class BlobRow
    {
        public string Sha256 { get; init; } = "";

        public long Size { get; init; }

        public long Files { get; init; }

        public long Renditions { get; init; }
    }
}
