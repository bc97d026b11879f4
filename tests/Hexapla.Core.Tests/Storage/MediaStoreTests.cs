using System.Security.Cryptography;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Storage;

/// <summary>The media library's storage, written once and run on SQLite and PostgreSQL.</summary>
public abstract class MediaStoreTests<TProvider> : IAsyncLifetime
    where TProvider : IStoreProvider, new()
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    private static AuditEntry Audit(string action) => new(0, Now, "editor", action, null, null);

    private static NewMediaItem Pdf(byte[] bytes, string name = "statement.pdf")
    {
        var content = BlobContent.Of(bytes);
        return new NewMediaItem(MediaKind.File, RuRu, new MediaFile(RuRu, name, "application/pdf", bytes.Length, content.Sha256), content,
            [new MediaText(RuRu, MediaField.Title, "Заявление"), new MediaText(RuRu, MediaField.Caption, "Текст заявления")]);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static Document Doc(string slug, string body, VersionState state = VersionState.Published, DateTimeOffset? published = null) => new()
    {
        Slug = slug,
        OriginalLanguage = RuRu,
        CreatedAt = Now,
        UpdatedAt = Now,
        Versions = [new LanguageVersion
        {
            Language = RuRu, Title = slug, Body = body, State = state,
            PublishedAt = state == VersionState.Published ? published ?? Now : null, UpdatedAt = Now,
        }],
    };

    [SkippableFact]
    public async Task CreateMedia_LargerThanAChunk_ReadsBackEveryByteAndSeeks()
    {
        var store = await Provider.OpenAsync();
        var bytes = Bytes(SqlContentStore.BlobChunkBytes * 2 + 12345, 1);
        var item = await store.CreateMediaAsync(Pdf(bytes), Audit("media.upload"));

        Assert.Equal(MediaKind.File, item.Kind);
        Assert.Equal("statement.pdf", item.Original.FileName);
        Assert.Equal("Заявление", item.TextFor(MediaField.Title, EnGb)!.Text);
        await using var stream = (await store.OpenBlobAsync(item.Original.Sha256))!;
        Assert.Equal(bytes.Length, stream.Length);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());

        stream.Seek(SqlContentStore.BlobChunkBytes - 3, SeekOrigin.Begin);
        var across = new byte[10];
        await stream.ReadExactlyAsync(across);
        Assert.Equal(bytes.AsSpan(SqlContentStore.BlobChunkBytes - 3, 10).ToArray(), across);
    }

    [SkippableFact]
    public async Task CreateMedia_SameBytesTwice_StoresOneBlob()
    {
        var store = await Provider.OpenAsync();
        var bytes = Bytes(1000, 2);
        await store.CreateMediaAsync(Pdf(bytes, "a.pdf"), Audit("media.upload"));
        await store.CreateMediaAsync(Pdf(bytes, "b.pdf"), Audit("media.upload"));

        Assert.Equal(1L, await Provider.QueryAsync<long>("SELECT count(*) FROM media_blobs;"));
        Assert.Equal(2L, (await store.ListMediaAsync(new MediaFilter())).Total);
    }

    [SkippableFact]
    public async Task CreateMedia_ContentShorterThanAnnounced_StoresNothing()
    {
        var store = await Provider.OpenAsync();
        var bytes = Bytes(1000, 3);
        var lying = Pdf(bytes) with { Content = new BlobContent(Convert.ToHexStringLower(SHA256.HashData(bytes)), 5000, () => new MemoryStream(bytes)) };

        await Assert.ThrowsAsync<StoreException>(() => store.CreateMediaAsync(lying, Audit("media.upload")));

        Assert.Equal(0L, await Provider.QueryAsync<long>("SELECT count(*) FROM media_items;"));
        Assert.Equal(0L, await Provider.QueryAsync<long>("SELECT count(*) FROM media_chunks;"));
    }

    [SkippableFact]
    public async Task Uses_FollowTheRevisionsThatNameTheItem_AndDecideWhatIsPublic()
    {
        var store = await Provider.OpenAsync();
        var item = await store.CreateMediaAsync(Pdf(Bytes(100, 4)), Audit("media.upload"));
        var other = await store.CreateMediaAsync(Pdf(Bytes(100, 5)), Audit("media.upload"));
        await store.SaveDocumentsAsync([
            Doc("public", $"Text.\n\n![](media:{item.Id})\n\n`media:{other.Id}` in code is not a use."),
            Doc("embargoed", $"[PDF](media:{other.Id})", published: Now.AddDays(1)),
            Doc("draft", $"[PDF][p]\n\n[p]: media:{other.Id}", VersionState.Draft),
        ]);

        Assert.True(await store.IsMediaPublicAsync(item.Id, Now));
        Assert.False(await store.IsMediaPublicAsync(other.Id, Now));
        Assert.True(await store.IsMediaPublicAsync(other.Id, Now.AddDays(2)));
        var uses = await store.ListMediaUsesAsync(other.Id, Now);
        Assert.Equal(["draft", "embargoed"], uses.Select(u => u.Slug));
        Assert.All(uses, u => Assert.False(u.Public));
    }

    [SkippableFact]
    public async Task DeleteMedia_InUse_IsRefusedWithTheUses_AndUnusedGoesWithItsBlob()
    {
        var store = await Provider.OpenAsync();
        var used = await store.CreateMediaAsync(Pdf(Bytes(100, 6)), Audit("media.upload"));
        var unused = await store.CreateMediaAsync(Pdf(Bytes(100, 7)), Audit("media.upload"));
        await store.SaveDocumentsAsync([Doc("uses-it", $"[PDF](media:{used.Id})", VersionState.Draft)]);

        var refused = await store.DeleteMediaAsync(used.Id, Audit("media.delete"));
        var deleted = await store.DeleteMediaAsync(unused.Id, Audit("media.delete"));

        Assert.Equal("uses-it", Assert.Single(refused!).Slug);
        Assert.NotNull(await store.FindMediaAsync(used.Id));
        Assert.Empty(deleted!);
        Assert.Null(await store.FindMediaAsync(unused.Id));
        Assert.Null(await store.OpenBlobAsync(unused.Original.Sha256));
        Assert.Null(await store.DeleteMediaAsync(unused.Id, Audit("media.delete")));
    }

    [SkippableFact]
    public async Task SaveTexts_OnAUsedItem_LogsItsDocumentsAsChanged()
    {
        var store = await Provider.OpenAsync();
        var item = await store.CreateMediaAsync(Pdf(Bytes(100, 8)), Audit("media.upload"));
        await store.SaveDocumentsAsync([Doc("with-pdf", $"[PDF](media:{item.Id})"), Doc("without", "No media.")]);
        var before = await store.GetGenerationAsync();

        var generation = await store.SaveMediaTextsAsync(item.Id,
            [new MediaText(EnGb, MediaField.Caption, "The statement", "abc"), new MediaText(RuRu, MediaField.Title, "")], Audit("media.texts"));

        var changes = await store.ChangesSinceAsync(before);
        Assert.Equal(generation, changes!.Generation);
        Assert.Equal(["with-pdf"], changes.Slugs);
        var saved = (await store.FindMediaAsync(item.Id))!;
        Assert.Equal("abc", saved.TextIn(MediaField.Caption, EnGb)!.SourceHash);
        Assert.Null(saved.TextIn(MediaField.Title, RuRu));
    }

    [SkippableFact]
    public async Task Variants_AreAddedAndRemoved_ButNeverTheOriginal()
    {
        var store = await Provider.OpenAsync();
        var item = await store.CreateMediaAsync(Pdf(Bytes(100, 9)), Audit("media.upload"));
        var english = BlobContent.Of(Bytes(200, 10));

        await store.SaveMediaFileAsync(item.Id, new MediaFile(EnGb, "statement-en.pdf", "application/pdf", 200, english.Sha256), english, Audit("media.file"));
        var withVariant = (await store.FindMediaAsync(item.Id))!;
        Assert.Equal("statement-en.pdf", withVariant.FileFor(EnGb).FileName);
        Assert.Equal("statement.pdf", withVariant.FileFor(LanguageTag.Parse("fr-FR")).FileName);
        Assert.Null(await store.DeleteMediaFileAsync(item.Id, RuRu, Audit("media.file-removed")));

        Assert.NotNull(await store.DeleteMediaFileAsync(item.Id, EnGb, Audit("media.file-removed")));
        Assert.Single((await store.FindMediaAsync(item.Id))!.Files);
        Assert.Null(await store.OpenBlobAsync(english.Sha256));
    }

    [SkippableFact]
    public async Task Renditions_AreKeptOnce_AndOrphanBlobsAreFoundAndRemoved()
    {
        var store = await Provider.OpenAsync();
        var bytes = BlobContent.Of(Bytes(300, 11));
        var rendition = new MediaRendition("k1", bytes.Sha256, "image/webp", 10, 5);
        await store.SaveRenditionAsync(rendition, bytes, Now);
        await store.SaveRenditionAsync(rendition with { Width = 99 }, bytes, Now);
        Assert.Equal(10, (await store.FindRenditionAsync("k1"))!.Width);

        await Provider.QueryAsync<long>("DELETE FROM media_renditions; SELECT 0;");
        var blobs = new List<StoredBlob>();
        await foreach (var blob in store.ListBlobsAsync())
        {
            blobs.Add(blob);
        }

        Assert.False(Assert.Single(blobs).Referenced);
        Assert.Equal(1, await store.DeleteOrphanBlobsAsync());
        Assert.Equal(0L, await Provider.QueryAsync<long>("SELECT count(*) FROM media_chunks;"));
    }
}

public sealed class SqliteMediaStoreTests : MediaStoreTests<SqliteProvider>;

public sealed class PostgresMediaStoreTests : MediaStoreTests<PostgresProvider>;
