using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

/// <summary><c>hexapla check [--repair]</c> on stored media: lines, exit codes and repairs as for the rest of the store.</summary>
public sealed class MediaCheckCliTests : CliFolderTests
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");

    private static async Task<MediaItem> UploadAsync(SqlContentStore store, string name, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        var content = BlobContent.Of(bytes);
        return await store.CreateMediaAsync(new NewMediaItem(MediaKind.File, RuRu, new MediaFile(RuRu, name, "application/pdf", length, content.Sha256), content, []),
            new AuditEntry(0, DateTimeOffset.UnixEpoch, "editor", "media.upload", null, null));
    }

    private static async Task ExecuteAsync(string data, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName)};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Check_OrphanBlob_ReportedExit1_RepairDeletesIt_Exit0_ThenAllIsWell()
    {
        var data = Path.Combine(Folder, "data");
        var store = await OpenAsync(data);
        await UploadAsync(store, "kept.pdf", 2_000, 1);
        var dropped = await UploadAsync(store, "dropped.pdf", 3_000, 2);
        await ExecuteAsync(data, $"DELETE FROM media_files WHERE media_id = {dropped.Id};");
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);

        var check = await RunAsync("check", "--data", data);
        var repair = await RunAsync("check", "--repair", "--data", data);
        var again = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        Assert.Contains($"media: 1 orphan blob(s) that no file or rendition uses (3000 bytes: {dropped.Original.Sha256[..16]}…) → --repair would delete them", check.Output, StringComparison.Ordinal);
        Assert.Contains("1 problem(s) found; hexapla check --repair would repair 1 of them.", check.Output, StringComparison.Ordinal);
        Assert.True(repair.Exit == 0, repair.Output + repair.Error);
        Assert.Contains("Deleted 1 orphan media blob(s).", repair.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.Exit);
        Assert.StartsWith("All is well: the store is intact, every media file matches its checksum", again.Output, StringComparison.Ordinal);
        Assert.NotNull(await store.OpenBlobAsync((await store.FindMediaAsync(1))!.Original.Sha256));
    }

    [Fact]
    public async Task Check_DamagedFile_ReportedWithItsItemAndName_RepairCannot_Exit1()
    {
        var data = Path.Combine(Folder, "data");
        var store = await OpenAsync(data);
        var item = await UploadAsync(store, "statement.pdf", 4_000, 3);
        await ExecuteAsync(data, $"UPDATE media_chunks SET bytes = zeroblob(4000) WHERE sha256 = '{item.Original.Sha256}';");
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);

        var repair = await RunAsync("check", "--repair", "--data", data);

        Assert.Equal(1, repair.Exit);
        var line = $"media: blob {item.Original.Sha256[..16]}… is damaged (item {item.Id}, file statement.pdf (ru-RU)): its bytes hash to ";
        Assert.Contains(line, repair.Output, StringComparison.Ordinal);
        Assert.Contains("cannot repair: upload the file again (a new variant or a new item) or restore from a backup", repair.Output, StringComparison.Ordinal);
        Assert.Contains("still: " + line, repair.Output, StringComparison.Ordinal);
        Assert.Contains("1 problem(s) found, 1 remain after repair.", repair.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, repair.Error);
    }
}
