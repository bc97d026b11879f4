using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Maintenance;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Storage.Postgres;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Maintenance;

/// <summary>Backup and restore carry media whole: items, files per language, texts, blobs of several chunks, renditions and uses.</summary>
public sealed class MediaBackupTests : CliFolderTests
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset At = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A PDF item in Russian with an English variant larger than a chunk, texts in both, a rendition, and a published document using it.</summary>
    private static async Task<(MediaItem Item, byte[] Russian, byte[] English, byte[] Rendition)> FillAsync(SqlContentStore store)
    {
        var audit = new AuditEntry(0, At, "editor", "media.upload", null, null);
        var russian = Bytes(5_000, 1);
        var english = Bytes(SqlContentStore.BlobChunkBytes + 77, 2);
        var ru = BlobContent.Of(russian);
        var en = BlobContent.Of(english);
        var item = await store.CreateMediaAsync(new NewMediaItem(MediaKind.File, RuRu, new MediaFile(RuRu, "заявление.pdf", "application/pdf", russian.Length, ru.Sha256), ru,
            [new MediaText(RuRu, MediaField.Title, "Заявление")]), audit);
        await store.SaveMediaFileAsync(item.Id, new MediaFile(EnGb, "statement.pdf", "application/pdf", english.Length, en.Sha256), en, audit);
        await store.SaveMediaTextsAsync(item.Id, [new MediaText(EnGb, MediaField.Title, "Statement", SourceHash: "abc")], audit);
        var rendition = Bytes(900, 3);
        var kept = BlobContent.Of(rendition);
        await store.SaveRenditionAsync(new MediaRendition("backup-key", kept.Sha256, "image/webp", 30, 20), kept, At);
        await store.CreateDocumentAsync(new Document
        {
            Slug = "with-media",
            OriginalLanguage = RuRu,
            CreatedAt = At,
            UpdatedAt = At,
            Versions = [new LanguageVersion { Language = RuRu, Title = "С файлом", Body = $"[Текст](media:{item.Id})\n", State = VersionState.Published, PublishedAt = At, UpdatedAt = At }],
        }, audit with { Action = "document.create" });
        return ((await store.FindMediaAsync(item.Id))!, russian, english, rendition);
    }

    private static async Task<byte[]> ReadAsync(SqlContentStore store, string sha256)
    {
        await using var stream = (await store.OpenBlobAsync(sha256))!;
        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes);
        return bytes;
    }

    private static async Task AssertRestoredAsync(SqlContentStore restored, (MediaItem Item, byte[] Russian, byte[] English, byte[] Rendition) filled)
    {
        var item = (await restored.FindMediaAsync(filled.Item.Id))!;
        Assert.Equal(filled.Item.Files, item.Files);
        Assert.Equal(filled.Item.Texts, item.Texts);
        Assert.Equal(filled.Russian, await ReadAsync(restored, item.FileFor(RuRu).Sha256));
        Assert.Equal(filled.English, await ReadAsync(restored, item.FileFor(EnGb).Sha256));
        var rendition = (await restored.FindRenditionAsync("backup-key"))!;
        Assert.Equal(filled.Rendition, await ReadAsync(restored, rendition.Sha256));
        var use = Assert.Single(await restored.ListMediaUsesAsync(item.Id, At.AddDays(1)));
        Assert.Equal(("with-media", true), (use.Slug, use.Public));
        Assert.True(await restored.IsMediaPublicAsync(item.Id, At.AddDays(1)));
    }

    [Fact]
    public async Task BackupRestore_SqliteStoreWithMedia_EveryFileRenditionAndUseComesBack_CheckIsClean()
    {
        var data = Path.Combine(Folder, "data");
        var filled = await FillAsync(await OpenAsync(data));
        var file = Path.Combine(Folder, "media.hexapla-backup");
        var target = Path.Combine(Folder, "restored");

        var backup = await RunAsync("backup", "--out", file, "--data", data);
        var restore = await RunAsync("restore", file, "--data", target);
        var check = await RunAsync("check", "--data", target);

        Assert.True(backup.Exit == 0, backup.Error);
        Assert.True(restore.Exit == 0, restore.Error);
        await AssertRestoredAsync(await OpenAsync(target), filled);
        Assert.True(check.Exit == 0, check.Output + check.Error);
        Assert.StartsWith("All is well", check.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task BackupRestore_PostgresStoreWithMedia_EveryFileRenditionAndUseComesBack()
    {
        Skip.If(!File.Exists("/usr/bin/pg_dump") || !File.Exists("/usr/bin/pg_restore"), "pg_dump and pg_restore (the postgresql-client package) are not installed.");
        var server = await PostgresServer.GetAsync();
        var source = await server.CreateDatabaseAsync();
        var target = await server.CreateDatabaseAsync();
        try
        {
            (MediaItem, byte[], byte[], byte[]) filled;
            using (var store = await PostgresContentStore.OpenAsync(source))
            {
                filled = await FillAsync(store);
            }

            var file = Path.Combine(Folder, "pg-media.hexapla-backup");
            var manifest = await BackupArchive.CreateAsync(new PostgresStoreSnapshots(source, PostgresContentStore.SchemaVersion), Folder, file, TimeProvider.System, "test");
            using (var backup = BackupArchive.OpenVerified(file))
            {
                await backup.RestoreAsync(new PostgresStoreSnapshots(target, PostgresContentStore.SchemaVersion), Path.Combine(Folder, "restored"), force: false);
            }

            Assert.Equal("postgres", manifest.Provider);
            using var restored = await PostgresContentStore.OpenAsync(target);
            await AssertRestoredAsync(restored, filled);
        }
        finally
        {
            await server.DropDatabaseAsync(source);
            await server.DropDatabaseAsync(target);
        }
    }

    [Fact]
    public async Task Restore_IntoAStoreHoldingOnlyMedia_RefusedWithoutForce()
    {
        // A library filled before any document was written is content too: a restore must not replace it silently.
        var data = Path.Combine(Folder, "data");
        await FillAsync(await OpenAsync(data));
        var file = Path.Combine(Folder, "media.hexapla-backup");
        Assert.Equal(0, (await RunAsync("backup", "--out", file, "--data", data)).Exit);
        var target = Path.Combine(Folder, "media-only");
        var store = await OpenAsync(target);
        var bytes = Bytes(100, 9);
        var content = BlobContent.Of(bytes);
        await store.CreateMediaAsync(new NewMediaItem(MediaKind.File, RuRu, new MediaFile(RuRu, "only.pdf", "application/pdf", 100, content.Sha256), content, []),
            new AuditEntry(0, At, "editor", "media.upload", null, null));

        var restore = await RunAsync("restore", file, "--data", target);

        Assert.Equal(1, restore.Exit);
        Assert.Contains("already holds a store with content", restore.Error, StringComparison.Ordinal);
        Assert.Equal("only.pdf", Assert.Single((await store.ListMediaAsync(new MediaFilter())).Items).Original.FileName);
    }
}
