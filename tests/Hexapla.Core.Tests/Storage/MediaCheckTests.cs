using System.Data.Common;
using Hexapla.Languages;
using Hexapla.Maintenance;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hexapla.Tests.Storage;

/// <summary>
/// <c>hexapla check</c> on stored media: every blob read back and hashed against its name and size, missing chunks,
/// orphan blobs and damaged renditions repaired; written once, run on every provider.
/// </summary>
public abstract class MediaCheckTests<TProvider> : IAsyncLifetime, IDisposable
    where TProvider : IStoreProvider, new()
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new();

    protected TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    public void Dispose()
    {
        _data.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The findings of <c>hexapla check</c> on this provider's store, with the media progress reported.</summary>
    protected abstract Task<IReadOnlyList<CheckFinding>> CheckAsync(string indexFolder, string dataFolder, IProgress<MediaCheckProgress> progress);

    /// <summary>A new writing connection to this provider's store.</summary>
    protected abstract Task<Func<DbConnection>> ConnectAsync();

    private static AuditEntry Audit() => new(0, Now, "editor", "media.upload", null, null);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static NewMediaItem Pdf(byte[] bytes, string name)
    {
        var content = BlobContent.Of(bytes);
        return new NewMediaItem(MediaKind.File, RuRu, new MediaFile(RuRu, name, "application/pdf", bytes.Length, content.Sha256), content, []);
    }

    private static string Short(string sha256) => sha256[..16] + "…";

    [SkippableFact]
    public async Task Check_DamagedMissingAndOrphanBlobs_EachReported_RepairDeletesOrphansAndDamagedRenditions_OnlyUnrepairableRemain()
    {
        var store = await Provider.OpenAsync();
        var altered = await store.CreateMediaAsync(Pdf(Bytes((SqlContentStore.BlobChunkBytes * 2) + 500, 1), "altered.pdf"), Audit());
        var gapped = await store.CreateMediaAsync(Pdf(Bytes(SqlContentStore.BlobChunkBytes + 700, 2), "gapped.pdf"), Audit());
        var resized = await store.CreateMediaAsync(Pdf(Bytes(900, 3), "resized.pdf"), Audit());
        var sound = await store.CreateMediaAsync(Pdf(Bytes(SqlContentStore.BlobChunkBytes + 1, 4), "sound.pdf"), Audit());
        var variant = Bytes(800, 5);
        var variantContent = BlobContent.Of(variant);
        await store.SaveMediaFileAsync(sound.Id, new MediaFile(EnGb, "sound.en.pdf", "application/pdf", variant.Length, variantContent.Sha256), variantContent, Audit());
        var rendition = BlobContent.Of(Bytes(600, 6));
        await store.SaveRenditionAsync(new MediaRendition("rendition-key", rendition.Sha256, "image/webp", 10, 10), rendition, Now);
        var keptRendition = BlobContent.Of(Bytes(650, 7));
        await store.SaveRenditionAsync(new MediaRendition("kept-key", keptRendition.Sha256, "image/webp", 12, 12), keptRendition, Now);

        // The damage: a chunk overwritten with another of the same length, a chunk gone, a size that disagrees, a variant
        // row gone (its blob left behind), and a rendition's recorded size wrong.
        var (a, b, c) = (altered.Original.Sha256, gapped.Original.Sha256, resized.Original.Sha256);
        await Provider.QueryAsync<long>($"UPDATE media_chunks SET bytes = (SELECT bytes FROM media_chunks WHERE sha256 = '{a}' AND n = 0) WHERE sha256 = '{a}' AND n = 1; SELECT 1;");
        await Provider.QueryAsync<long>($"DELETE FROM media_chunks WHERE sha256 = '{b}' AND n = 0; SELECT 1;");
        await Provider.QueryAsync<long>($"UPDATE media_blobs SET size = size + 1 WHERE sha256 = '{c}'; SELECT 1;");
        await Provider.QueryAsync<long>($"DELETE FROM media_files WHERE media_id = {sound.Id} AND language = 'en-GB'; SELECT 1;");
        await Provider.QueryAsync<long>($"UPDATE media_blobs SET size = size + 5 WHERE sha256 = '{rendition.Sha256}'; SELECT 1;");
        var reports = new List<MediaCheckProgress>();

        var media = (await CheckAsync(_data.Combine("index"), _data.Path, new SynchronousProgress<MediaCheckProgress>(reports.Add))).Where(f => f.Area == "media").ToList();

        Assert.Equal(5, media.Count);
        // The altered blob now reads as its first chunk twice, then its last.
        var original = Bytes((SqlContentStore.BlobChunkBytes * 2) + 500, 1);
        original.AsSpan(0, SqlContentStore.BlobChunkBytes).CopyTo(original.AsSpan(SqlContentStore.BlobChunkBytes));
        var alteredHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original));
        Assert.Contains(media, f => f.Problem == $"blob {Short(a)} is damaged (item {altered.Id}, file altered.pdf (ru-RU)): its bytes hash to {Short(alteredHash)}, not to its name" && f.Action == RepairAction.None);
        Assert.Contains(media, f => f.Problem == $"blob {Short(b)} is damaged (item {gapped.Id}, file gapped.pdf (ru-RU)): 1 chunk(s) missing (number 0)" && f.Action == RepairAction.None);
        Assert.Contains(media, f => f.Problem == $"blob {Short(c)} is damaged (item {resized.Id}, file resized.pdf (ru-RU)): 900 byte(s) stored, 901 recorded" && f.Action == RepairAction.None);
        var orphan = Assert.Single(media, f => f.Action == RepairAction.DeleteOrphanBlobs);
        Assert.Equal($"1 orphan blob(s) that no file or rendition uses (800 bytes: {Short(variantContent.Sha256)})", orphan.Problem);
        var damagedRendition = Assert.Single(media, f => f.Action == RepairAction.DeleteRenditions);
        Assert.Equal(rendition.Sha256, damagedRendition.Path);
        Assert.DoesNotContain(media, f => f.Problem.Contains(Short(sound.Original.Sha256), StringComparison.Ordinal) || f.Problem.Contains(Short(keptRendition.Sha256), StringComparison.Ordinal));
        var total = (SqlContentStore.BlobChunkBytes * 4L) + 500 + 700 + 901 + 1 + 800 + 605 + 650;
        Assert.Equal(new MediaCheckProgress(0, total), reports[0]);
        Assert.Equal(new MediaCheckProgress(total, total), reports[^1]);
        Assert.True(reports.Count > 8, $"{reports.Count} progress reports: one a chunk");

        var connect = await ConnectAsync();
        Assert.Equal(1, await StoreCheck.DeleteOrphanBlobsAsync(connect));
        Assert.Equal(1, await StoreCheck.DeleteRenditionsAsync(connect, [rendition.Sha256]));

        var left = (await CheckAsync(_data.Combine("index"), _data.Path, new SynchronousProgress<MediaCheckProgress>(_ => { }))).Where(f => f.Area == "media").ToList();
        Assert.Equal(3, left.Count);
        Assert.All(left, f => Assert.Equal(RepairAction.None, f.Action));
        Assert.Null(await store.FindRenditionAsync("rendition-key"));
        Assert.NotNull(await store.FindRenditionAsync("kept-key"));
        var blobs = new List<string>();
        await foreach (var blob in store.ListBlobsAsync())
        {
            blobs.Add(blob.Sha256);
        }

        Assert.DoesNotContain(variantContent.Sha256, blobs);
        Assert.DoesNotContain(rendition.Sha256, blobs);
        Assert.Equal(0L, await Provider.QueryAsync<long>($"SELECT count(*) FROM media_chunks WHERE sha256 IN ('{variantContent.Sha256}', '{rendition.Sha256}');"));
        await using var stream = (await store.OpenBlobAsync(sound.Original.Sha256))!;
        Assert.Equal(SqlContentStore.BlobChunkBytes + 1, stream.Length);
    }

    [SkippableFact]
    public async Task Check_SoundMedia_NoMediaFinding_ProgressCoversEveryByte()
    {
        var store = await Provider.OpenAsync();
        await store.CreateMediaAsync(Pdf(Bytes(SqlContentStore.BlobChunkBytes * 2, 8), "exact.pdf"), Audit());
        await store.CreateMediaAsync(Pdf([], "empty.pdf"), Audit());
        var reports = new List<MediaCheckProgress>();

        var findings = await CheckAsync(_data.Combine("index"), _data.Path, new SynchronousProgress<MediaCheckProgress>(reports.Add));

        Assert.DoesNotContain(findings, f => f.Area == "media");
        Assert.Equal(new MediaCheckProgress(SqlContentStore.BlobChunkBytes * 2L, SqlContentStore.BlobChunkBytes * 2L), reports[^1]);
    }
}

public sealed class SqliteMediaCheckTests : MediaCheckTests<SqliteProvider>
{
    protected override Task<IReadOnlyList<CheckFinding>> CheckAsync(string indexFolder, string dataFolder, IProgress<MediaCheckProgress> progress) =>
        StoreCheck.RunAsync(Provider.Folder.StorePath, indexFolder, dataFolder, new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), progress);

    protected override Task<Func<DbConnection>> ConnectAsync() =>
        Task.FromResult<Func<DbConnection>>(() => SqliteStoreSnapshots.Open(Provider.Folder.StorePath, SqliteOpenMode.ReadWrite));

    [Fact]
    public async Task Check_FileWhoseBlobIsGone_ReportedAsMedia_NotDeletedAsAnOrphanRow()
    {
        var store = await Provider.OpenAsync();
        var bytes = new byte[300];
        var content = BlobContent.Of(bytes);
        var item = await store.CreateMediaAsync(
            new NewMediaItem(MediaKind.File, LanguageTag.Parse("ru-RU"), new MediaFile(LanguageTag.Parse("ru-RU"), "gone.pdf", "application/pdf", 300, content.Sha256), content, []),
            new AuditEntry(0, DateTimeOffset.UnixEpoch, "editor", "media.upload", null, null));
        using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Provider.Folder.StorePath, ForeignKeys = false, Pooling = false }.ToString()))
        {
            raw.Open();
            using var delete = raw.CreateCommand();
            delete.CommandText = $"DELETE FROM media_chunks WHERE sha256 = '{content.Sha256}'; DELETE FROM media_blobs WHERE sha256 = '{content.Sha256}';";
            delete.ExecuteNonQuery();
        }

        var findings = await CheckAsync(Provider.Folder.Combine("index"), Provider.Folder.Path, new SynchronousProgress<MediaCheckProgress>(_ => { }));
        var deleted = await StoreCheck.DeleteOrphanRowsAsync(Provider.Folder.StorePath);

        var missing = Assert.Single(findings, f => f.Area == "media");
        Assert.Equal($"item {item.Id}, file gone.pdf (ru-RU): its stored bytes (blob {content.Sha256[..16]}…) are missing", missing.Problem);
        Assert.Equal(RepairAction.None, missing.Action);
        Assert.DoesNotContain(findings, f => f.Area == "store");
        Assert.Equal(0, deleted);
        Assert.Equal("gone.pdf", (await store.FindMediaAsync(item.Id))!.Original.FileName);
    }
}

public sealed class PostgresMediaCheckTests : MediaCheckTests<PostgresProvider>
{
    protected override async Task<IReadOnlyList<CheckFinding>> CheckAsync(string indexFolder, string dataFolder, IProgress<MediaCheckProgress> progress) =>
        await StoreCheck.RunOnPostgresAsync(
            await Provider.ConnectionStringAsync(), Hexapla.Storage.Postgres.PostgresContentStore.SchemaVersion, indexFolder, dataFolder,
            new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), progress);

    protected override async Task<Func<DbConnection>> ConnectAsync()
    {
        var connection = await Provider.ConnectionStringAsync();
        return () => new Npgsql.NpgsqlConnection(connection);
    }
}

/// <summary>Reports on the calling thread, in order.</summary>
file sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
