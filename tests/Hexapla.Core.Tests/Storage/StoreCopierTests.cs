using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Storage;

/// <summary>Copying a SQLite store into an empty store of each provider (what <c>hexapla migrate-store</c> does).</summary>
public abstract class StoreCopierTests<TTarget> : IAsyncLifetime
    where TTarget : IStoreProvider, new()
{
    private SqliteProvider Source { get; } = new();

    protected TTarget Target { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Target.DisposeAsync();
        await Source.DisposeAsync();
    }

    private async Task<SqlContentStore> SeededSourceAsync()
    {
        var source = await Source.OpenAsync();
        await StoreSeed.SeedAsync(source);
        return source;
    }

    [SkippableFact]
    public async Task Copy_SeededStore_EveryTableMatchesInCountAndChecksum_AndReadsTheSame()
    {
        var target = await Target.OpenAsync();
        var source = await SeededSourceAsync();
        var progress = new List<CopyProgress>();

        var copies = await StoreCopier.CopyAsync(source, target, new SynchronousProgress<CopyProgress>(progress.Add));

        Assert.Equal(StoreCopier.Tables.Select(t => t.Name), copies.Select(c => c.Table));
        Assert.All(copies, c => Assert.True(c.Matches, $"{c.Table}: {c.SourceRows}/{c.TargetRows} rows, {c.SourceChecksum} vs {c.TargetChecksum}"));
        Assert.All(copies, c => Assert.True(c.SourceRows > 0, $"the seed leaves {c.Table} empty"));
        // Fifteen revisions of the seed's documents, the one of the document that uses a media item, and the one that gave document-1 its field values.
        Assert.Equal(18, copies.Single(c => c.Table == "revisions").TargetRows);
        Assert.Contains(progress, p => p.Table == "revisions" && p.Done == 18 && p.Total == 18);
        var (from, to) = (await source.LoadStructureAsync(), await target.LoadStructureAsync());
        Assert.Equal(from.Sections.Select(s => (from.PathOf(s.Id), string.Join(",", s.Titles.OrderBy(t => t.Key.Value).Select(t => t.Value)))),
            to.Sections.Select(s => (to.PathOf(s.Id), string.Join(",", s.Titles.OrderBy(t => t.Key.Value).Select(t => t.Value)))));
        Assert.Equal(Sections.StructureJson.WriteKind(from.Kinds[0]), Sections.StructureJson.WriteKind(to.Kinds[0]));
        Assert.Equal(Sections.StructureJson.WriteMenu(from.Menu("header")), Sections.StructureJson.WriteMenu(to.Menu("header")));
        Assert.Equal(await source.FindSectionRedirectAsync("regions/near-east"), await target.FindSectionRedirectAsync("regions/near-east"));
        var placed = (await target.FindDocumentAsync("document-1"))!;
        Assert.Equal(("statement", "1234-02-04-2026", "Москва"), (placed.Kind, placed.Fields["number"], placed.Version(LanguageTag.Parse("ru-RU"))!.Fields["place"]));
        Assert.Equal(await source.GetGenerationAsync(), await target.GetGenerationAsync());
        foreach (var document in await source.ListAllDocumentsAsync())
        {
            Assert.Equal(DocumentText.Describe(document), DocumentText.Describe(await target.FindDocumentAsync(document.Slug)));
            Assert.Equal(await source.ListRevisionsAsync(document.Slug, LanguageTag.Parse("ru-RU")), await target.ListRevisionsAsync(document.Slug, LanguageTag.Parse("ru-RU")));
        }

        Assert.Equal(await source.ListAuditAsync(0, 100), await target.ListAuditAsync(0, 100));
        var media = Assert.Single((await source.ListMediaAsync(new Hexapla.Storage.MediaFilter())).Items);
        var copied = (await target.FindMediaAsync(media.Id))!;
        Assert.Equal(media with { Files = [], Texts = [] }, copied with { Files = [], Texts = [] });
        Assert.Equal(media.Files, copied.Files);
        Assert.Equal(media.Texts, copied.Texts);
        Assert.Equal(await source.ListTokensAsync(), await target.ListTokensAsync());
        Assert.Equal("anna", (await target.FindUserByTokenHashAsync("token-hash-1"))!.Name);
    }

    [SkippableFact]
    public async Task Copy_TablesOfManyStatements_CopiesEveryRowAndReportsAsItGoes()
    {
        // Rows go many to a statement (36 versions, 56 memory pairs): these counts leave a part-filled last one.
        var target = await Target.OpenAsync();
        var source = await SeededSourceAsync();
        var english = LanguageTag.Parse("en-GB");
        var french = LanguageTag.Parse("fr-FR");
        await source.SaveDocumentsAsync([.. Enumerable.Range(0, 41).Select(i => new Document
        {
            Slug = $"bulk-{i}",
            OriginalLanguage = english,
            CreatedAt = StoreSeed.At,
            UpdatedAt = StoreSeed.At,
            Versions =
            [
                new LanguageVersion { Language = english, Title = $"Title {i}", Body = $"Body {i}.", PublishedAt = StoreSeed.At, UpdatedAt = StoreSeed.At },
                new LanguageVersion { Language = french, Title = $"Titre {i}", Summary = i % 2 == 0 ? null : "Résumé", Body = $"Texte {i}.", UpdatedAt = StoreSeed.At },
            ],
        })]);
        await source.AddAsync([.. Enumerable.Range(0, 1_130).Select(i => new MemoryUnit(english, french, $"Sentence {i}.", $"Phrase {i}.", "copy test", StoreSeed.At))]);
        var progress = new List<CopyProgress>();

        var copies = await StoreCopier.CopyAsync(source, target, new SynchronousProgress<CopyProgress>(progress.Add));

        Assert.All(copies, c => Assert.True(c.Matches, $"{c.Table}: {c.SourceRows}/{c.TargetRows} rows, {c.SourceChecksum} vs {c.TargetChecksum}"));
        var memory = copies.Single(c => c.Table == "tm_units");
        Assert.True(memory.TargetRows > 1_130, $"{memory.TargetRows} memory pairs copied");
        Assert.Equal(
            [0, 504, 1_008, memory.TargetRows],
            progress.Where(p => p.Table == "tm_units").Select(p => p.Done));
        Assert.True(copies.Single(c => c.Table == "versions").TargetRows > 82);
        Assert.Equal("Titre 40", (await target.FindDocumentAsync("bulk-40"))!.Version(french)!.Title);
    }

    [SkippableFact]
    public async Task Copy_ThenWrite_NewRowsGetFreshIds()
    {
        var target = await Target.OpenAsync();
        await StoreCopier.CopyAsync(await SeededSourceAsync(), target);

        var carla = await target.AddUserAsync("carla", Role.Editor, [], "hash", StoreSeed.At);

        Assert.Equal(3, carla.Id);
        Assert.Equal(["anna", "Boris", "carla"], (await target.ListUsersAsync()).Select(u => u.Name));
    }

    [SkippableFact]
    public async Task Copy_TargetNotEmpty_RefusesAndWritesNothing()
    {
        var target = await Target.OpenAsync();
        await target.AddUserAsync("already", Role.Admin, [], "hash", StoreSeed.At);
        var source = await SeededSourceAsync();

        var e = await Assert.ThrowsAsync<StoreException>(() => StoreCopier.CopyAsync(source, target));

        Assert.Contains("not empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 rows in users", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await target.CountDocumentsAsync());
    }

    [SkippableFact]
    public async Task Copy_MediaOfManyChunks_FewMiBAStatement_BlobReadsBackTheSame()
    {
        // 170 chunk rows fit in one statement's parameters: 170 MiB held at once before the copy counted bytes.
        var target = await Target.OpenAsync();
        var source = await SeededSourceAsync();
        var bytes = new byte[(SqlContentStore.BlobChunkBytes * 21) + 3];
        new Random(7).NextBytes(bytes);
        var content = Hexapla.Storage.BlobContent.Of(bytes);
        var russian = LanguageTag.Parse("ru-RU");
        await source.CreateMediaAsync(
            new Hexapla.Storage.NewMediaItem(Hexapla.Media.MediaKind.File, russian, new Hexapla.Media.MediaFile(russian, "large.pdf", "application/pdf", bytes.Length, content.Sha256), content, []),
            new AuditEntry(0, StoreSeed.At, "editor", "media.upload", null, null));
        var progress = new List<CopyProgress>();

        var copies = await StoreCopier.CopyAsync(source, target, new SynchronousProgress<CopyProgress>(progress.Add));

        Assert.All(copies, c => Assert.True(c.Matches, $"{c.Table}: {c.SourceRows}/{c.TargetRows} rows, {c.SourceChecksum} vs {c.TargetChecksum}"));
        var done = progress.Where(p => p.Table == "media_chunks").Select(p => p.Done).ToList();
        var batches = done.Zip(done.Skip(1), (before, after) => after - before).ToList();
        Assert.True(batches.Count >= 6, $"media chunks copied in {batches.Count} statement(s)");
        // A statement stops at the row that reaches 4 MiB: four whole chunks, and with them at most the seed's three small
        // ones (the map's 3,000 bytes, the 17-byte tail of its variant, a 3-byte rendition), wherever their keys sort.
        Assert.All(batches, rows => Assert.InRange(rows, 1, (StoreCopier.BatchBytes / SqlContentStore.BlobChunkBytes) + 3));
        await using var stream = (await target.OpenBlobAsync(content.Sha256))!;
        var copied = new byte[stream.Length];
        await stream.ReadExactlyAsync(copied);
        Assert.Equal(bytes, copied);
    }

    [SkippableFact]
    public async Task Checksum_OneChangedValue_Differs()
    {
        var target = await Target.OpenAsync();
        var source = await SeededSourceAsync();
        await StoreCopier.CopyAsync(source, target);
        var table = StoreCopier.Tables.Single(t => t.Name == "glossary");

        await Target.QueryAsync<int>("UPDATE glossary SET note = 'changed' WHERE term = 'Ирак'; SELECT 0;");

        Assert.NotEqual((await StoreCopier.ChecksumAsync(source, table)).Checksum, (await StoreCopier.ChecksumAsync(target, table)).Checksum);
    }

    /// <summary>Reports on the calling thread, so the list is complete when the copy returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

public sealed class SqliteToSqliteCopierTests : StoreCopierTests<SqliteProvider>
{
    [Fact]
    public async Task Tables_NameEveryTableAndColumnOfTheSchema()
    {
        var store = (SqliteContentStore)await Target.OpenAsync();
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.cid;
            """;
        var schema = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schema.Add($"{reader.GetString(0)}.{reader.GetString(1)}");
            }
        }

        var copied = StoreCopier.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c}"));
        Assert.Equal(schema.Order(StringComparer.Ordinal), copied.Order(StringComparer.Ordinal));
    }
}

public sealed class SqliteToPostgresCopierTests : StoreCopierTests<PostgresProvider>;
