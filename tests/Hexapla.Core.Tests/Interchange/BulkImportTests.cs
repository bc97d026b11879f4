using System.Globalization;
using System.Text;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Hexapla.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Interchange;

/// <summary>Imports from folders through the bulk write and the bulk index update: all of a run or none of it.</summary>
public sealed class BulkImportTests : IDisposable
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);

    public void Dispose() => _folder.Dispose();

    /// <summary>Documents <c>doc-NNNN</c> from <paramref name="first"/>: a ru-RU original and an en-GB translation of three paragraphs each.</summary>
    private List<string> WriteDocuments(string folder, int count, int first = 1, string english = "The English text")
    {
        for (var i = first; i < first + count; i++)
        {
            var slug = string.Create(CultureInfo.InvariantCulture, $"doc-{i:D4}");
            _folder.Write(Path.Combine(folder, $"{slug}.ru-RU.md"),
                $"---\ntitle: Документ {i}\ndate: 2020-01-02\ntags: [one, two]\noriginal: true\n---\n\nПервый абзац {i}. Ещё одно предложение.\n\nВторой абзац {i}.\n\nТретий абзац {i}.\n");
            _folder.Write(Path.Combine(folder, $"{slug}.en-GB.md"),
                $"---\ntitle: Document {i}\ndate: 2020-01-03\n---\n\n{english} {i}, first paragraph. Another sentence.\n\nSecond paragraph {i}.\n\nThird paragraph {i}.\n");
        }

        return [.. Importer.FindFiles([_folder.Combine(folder)])];
    }

    private LuceneSearchIndex OpenIndex() => LuceneSearchIndex.Open(_folder.Combine("index"));

    private static MemoryUnit Unit(string source) => new(RuRu, EnGb, source, "target of " + source, "test", Start);

    private static Document Doc(string slug) => new()
    {
        Slug = slug,
        OriginalLanguage = EnGb,
        CreatedAt = Start,
        UpdatedAt = Start,
        Versions = [new LanguageVersion { Language = EnGb, Title = "T", Body = "Body.", PublishedAt = Start, UpdatedAt = Start }],
    };

    [Fact]
    public async Task BeginBulkWriteAsync_DisposedWithoutCommit_StoresNothing()
    {
        var store = await _folder.OpenStoreAsync();
        var generation = await store.GetGenerationAsync();

        await using (var write = await store.BeginBulkWriteAsync())
        {
            await write.SaveAsync(Doc("a"));
            await write.SaveAsync(Doc("b"));
            await write.AddMemoryAsync([Unit("Один.")]);
        }

        Assert.Equal(0, await store.CountDocumentsAsync());
        Assert.Equal(0, await store.CountAsync());
        Assert.Equal(generation, await store.GetGenerationAsync());
        Assert.Equal("wal", JournalMode(store));
        Assert.False(File.Exists(store.Path + "-journal"));
    }

    private static string JournalMode(SqliteContentStore store)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task BeginBulkWriteAsync_EmptyStoreNobodyElseHasOpen_WritesPastTheLogAndReturnsToIt()
    {
        var store = await _folder.OpenStoreAsync();
        await store.CountDocumentsAsync(); // leaves an idle pooled connection, which the bulk write closes

        await using (var write = await store.BeginBulkWriteAsync())
        {
            Assert.True(write.StartedEmpty);
            await write.SaveAsync(Doc("a"));
            await write.AddMemoryAsync([Unit("Один.")]);
            Assert.True(File.Exists(store.Path + "-journal"), "a direct write keeps a rollback journal, not a log");
            await write.CommitAsync();
        }

        Assert.Equal("wal", JournalMode(store));
        Assert.False(File.Exists(store.Path + "-journal"));
        Assert.Equal(1, await store.CountDocumentsAsync());
        Assert.Equal(1, await store.CountAsync());
    }

    [Fact]
    public async Task OpenAsync_WhileADirectWriteRuns_SaysTheStoreIsLockedByAnotherProcess()
    {
        var store = await _folder.OpenStoreAsync();
        await using (var write = await store.BeginBulkWriteAsync())
        {
            await write.SaveAsync(Doc("a"));

            var e = await Assert.ThrowsAsync<StoreException>(() => SqliteContentStore.OpenAsync(store.Path, busySeconds: 1));
            Assert.Contains("locked by another process for 1 s", e.Message, StringComparison.Ordinal);
            await write.CommitAsync();
        }

        var reopened = await SqliteContentStore.OpenAsync(store.Path, busySeconds: 1);
        Assert.Equal(1, await reopened.CountDocumentsAsync());
    }

    [Fact]
    public async Task BeginBulkWriteAsync_AnotherConnectionOpen_WritesThroughTheLogAndThatReaderKeepsReading()
    {
        var store = await _folder.OpenStoreAsync();
        using var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.Path};Pooling=False");
        reader.Open();
        using var count = reader.CreateCommand();
        count.CommandText = "SELECT count(*) FROM documents;";
        count.ExecuteScalar();

        await using (var write = await store.BeginBulkWriteAsync())
        {
            Assert.True(write.StartedEmpty);
            await write.SaveAsync(Doc("a"));
            Assert.False(File.Exists(store.Path + "-journal"));
            Assert.Equal(0L, (long)count.ExecuteScalar()!);
            await write.CommitAsync();
        }

        Assert.Equal(1L, (long)count.ExecuteScalar()!);
        Assert.Equal("wal", JournalMode(store));
    }

    [Fact]
    public async Task BeginBulkWriteAsync_StoreWithDocuments_DoesNotStartEmptyAndKeepsTheLog()
    {
        var store = await _folder.OpenStoreAsync();
        await store.SaveDocumentsAsync([Doc("old")]);

        await using (var write = await store.BeginBulkWriteAsync())
        {
            Assert.False(write.StartedEmpty);
            await write.SaveAsync(Doc("new"));
            Assert.False(File.Exists(store.Path + "-journal"));
            await write.CommitAsync();
        }

        Assert.Equal(2, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task BeginBulkWriteAsync_Commit_WritesEverythingAndBumpsTheGenerationOnce()
    {
        var store = await _folder.OpenStoreAsync();
        var generation = await store.GetGenerationAsync();

        long committed;
        await using (var write = await store.BeginBulkWriteAsync())
        {
            await write.SaveAsync(Doc("a"));
            await write.SaveAsync(Doc("b") with { Tags = ["x", "y"], ExpectedLanguages = [RuRu] });
            await write.AddMemoryAsync([Unit("Один."), Unit("Два."), Unit("Один.")]);
            committed = await write.CommitAsync();
        }

        Assert.Equal(generation + 1, committed);
        Assert.Equal(committed, await store.GetGenerationAsync());
        Assert.Equal(2, await store.CountDocumentsAsync());
        Assert.Equal(2, await store.CountAsync());
        var b = await store.FindDocumentAsync("b");
        Assert.Equal(new[] { "x", "y" }, b!.Tags);
        Assert.Equal(new[] { RuRu }, b.ExpectedLanguages);
        Assert.Equal(1, Assert.Single(await store.ListRevisionsAsync("b", EnGb)).Revision);
    }

    [Fact]
    public async Task ImportFilesAsync_Folder_KeepsRevisionsLinksMemoryAndTheIndexInStep()
    {
        var store = await _folder.OpenStoreAsync();
        using var index = OpenIndex();
        var generation = await store.GetGenerationAsync();
        var files = WriteDocuments("in", 40);

        var report = await new Importer(store, _clock, index).ImportFilesAsync(files, new ImportOptions());

        Assert.Equal((40, 0, 80, 0, 0), (report.DocumentsCreated, report.DocumentsUpdated, report.VersionsCreated, report.VersionsUpdated, report.VersionsUnchanged));
        Assert.Equal(40, await store.CountDocumentsAsync());
        Assert.Equal(generation + 1, await store.GetGenerationAsync());
        var document = await store.FindDocumentAsync("doc-0007");
        Assert.Equal(RuRu, document!.OriginalLanguage);
        var english = document.Version(EnGb)!;
        var russian = document.Version(RuRu)!;
        Assert.Equal(3, russian.Segments.Count);
        Assert.Equal(russian.Segments.Select(s => s.Id), english.Links.Select(l => l.SourceId));
        Assert.Equal(1, english.SourceRevision);
        Assert.Equal(new[] { "one", "two" }, document.Tags);
        Assert.Single(await store.ListRevisionsAsync("doc-0007", EnGb));
        Assert.True(await store.CountAsync(RuRu, EnGb) >= 40 * 3, "every paragraph pair is in the translation memory");
        Assert.Equal(80, index.Count());
        Assert.True(index.IsInStepWith(await store.GetGenerationAsync()));
        Assert.Equal("doc-0007", Assert.Single(index.Search(new SearchQuery("\"Первый абзац 7\"", RuRu), _clock.GetUtcNow()).Hits).Slug);
    }

    [Fact]
    public async Task ImportFilesAsync_ExistingSlugs_ChangedPublishedFileBecomesAWorkingCopyAndNeverDuplicates()
    {
        var store = await _folder.OpenStoreAsync();
        using var index = OpenIndex();
        var importer = new Importer(store, _clock, index);
        await importer.ImportFilesAsync(WriteDocuments("in", 10), new ImportOptions());
        _clock.Advance(TimeSpan.FromHours(1));

        // The same ten again, with one English text changed.
        var again = WriteDocuments("again", 10);
        _folder.Write(Path.Combine("again", "doc-0003.en-GB.md"), "---\ntitle: Document 3\ndate: 2020-01-03\n---\n\nA new English text 3.\n\nSecond paragraph 3.\n\nThird paragraph 3.\n");
        var report = await importer.ImportFilesAsync(again, new ImportOptions());

        Assert.Equal((0, 1, 0, 1, 19), (report.DocumentsCreated, report.DocumentsUpdated, report.VersionsCreated, report.VersionsUpdated, report.VersionsUnchanged));
        Assert.Equal(10, await store.CountDocumentsAsync());
        Assert.Equal(new[] { 2, 1 }, (await store.ListRevisionsAsync("doc-0003", EnGb)).Select(r => r.Revision));
        Assert.Single(await store.ListRevisionsAsync("doc-0004", EnGb));
        // The published English keeps its live text (readers and the index); revision 2 is a draft working copy over it.
        var english = (await store.FindDocumentAsync("doc-0003"))!.Version(EnGb)!;
        Assert.Equal((1, VersionState.Published, 2, VersionState.Draft), (english.Revision, english.State, english.Working!.Revision, english.Working.State));
        Assert.StartsWith("A new English text 3.", english.Working.Body, StringComparison.Ordinal);
        Assert.StartsWith("The English text 3,", (await store.FindLiveDocumentAsync("doc-0003"))!.Version(EnGb)!.Body, StringComparison.Ordinal);
        Assert.Equal(20, index.Count());
        Assert.Empty(index.Search(new SearchQuery("\"new English text\"", EnGb), _clock.GetUtcNow()).Hits);
        Assert.Equal("doc-0003", Assert.Single(index.Search(new SearchQuery("\"English text 3\"", EnGb), _clock.GetUtcNow()).Hits).Slug);
    }

    [Fact]
    public async Task ImportFilesAsync_MalformedFileInTheMiddle_NamesFileAndLineAndStoresNothing()
    {
        var store = await _folder.OpenStoreAsync();
        using var index = OpenIndex();
        var importer = new Importer(store, _clock, index);
        await importer.ImportFilesAsync(WriteDocuments("before", 1, first: 900), new ImportOptions());
        var generation = await store.GetGenerationAsync();
        var files = WriteDocuments("in", 100);
        var bad = _folder.Write(Path.Combine("in", "doc-0050.ru-RU.md"), "---\ntitle: Плохой\ndate: вчера\noriginal: true\n---\n\nТекст.\n");

        var e = await Assert.ThrowsAsync<ImportException>(() => importer.ImportFilesAsync(files, new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal(bad, error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains("date", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await store.CountDocumentsAsync());
        Assert.Equal(generation, await store.GetGenerationAsync());
        Assert.Equal(2, index.Count());
        Assert.True(index.IsInStepWith(generation));
    }

    [Fact]
    public async Task ImportFilesAsync_BadBundleFilesFoundWhileStoringIntoAnEmptyStore_ListsEveryProblemAndStoresNothing()
    {
        // Bundle files are grouped by name and read only in the second pass: the first bad one is in the second batch of
        // 64 documents, after the first batch is written.
        var store = await _folder.OpenStoreAsync();
        using var index = OpenIndex();
        var generation = await store.GetGenerationAsync();
        var files = WriteDocuments("in", 300);
        var badDate = _folder.Write(Path.Combine("in", "doc-0100.ru-RU.md"), "---\ntitle: Плохой\ndate: вчера\noriginal: true\n---\n\nТекст.\n");
        var secondOriginal = _folder.Write(Path.Combine("in", "doc-0150.en-GB.md"), "---\ntitle: Document 150\noriginal: true\n---\n\nText 150.\n");
        var otherLanguage = _folder.Write(Path.Combine("in", "doc-0200.en-GB.md"), "---\ntitle: Document 200\nlang: fr-FR\n---\n\nTexte 200.\n");
        var notUtf8 = _folder.Write(Path.Combine("in", "doc-0290.en-GB.md"), [.. "---\ntitle: Document 290\n---\n\nText "u8, 0xFF, .. " 290.\n"u8]);
        var reported = 0;
        var progress = new InlineProgress(p => reported = p.Stage == ImportStage.Storing ? Math.Max(reported, p.Done) : reported);

        var e = await Assert.ThrowsAsync<ImportException>(() => new Importer(store, _clock, index).ImportFilesAsync(files, new ImportOptions(), progress));

        Assert.True(reported >= 128, $"the problems were found while storing (got to document {reported})");
        Assert.Equal(4, e.Errors.Count);
        Assert.Contains(e.Errors, error => error.File == badDate && error.Line == 3 && error.Reason.Contains("date", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.ToString().Contains(secondOriginal, StringComparison.Ordinal) && error.Reason.Contains("has one original", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.File == otherLanguage && error.Reason.Contains("the file name says en-GB", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.File == notUtf8 && error.Line == 5 && error.Reason.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Equal(0, await store.CountDocumentsAsync());
        Assert.Equal(0, await store.CountAsync());
        Assert.Equal(generation, await store.GetGenerationAsync());
        Assert.Equal(0, index.Count());

        // Fixed, the same run goes through.
        foreach (var fixedFile in new[] { badDate, secondOriginal, otherLanguage, notUtf8 })
        {
            File.Delete(fixedFile);
        }

        var report = await new Importer(store, _clock, index).ImportFilesAsync(Importer.FindFiles([_folder.Combine("in")]), new ImportOptions());
        Assert.Equal(300, report.DocumentsCreated);
        Assert.Equal(596, index.Count());
    }

    [Fact]
    public async Task ImportFilesAsync_CancelledWhileStoring_StoresAndIndexesNothing()
    {
        var store = await _folder.OpenStoreAsync();
        using var index = OpenIndex();
        var generation = await store.GetGenerationAsync();
        var files = WriteDocuments("in", 700);
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            if (p.Stage == ImportStage.Storing)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Importer(store, _clock, index).ImportFilesAsync(files, new ImportOptions(), progress, cancel.Token));

        Assert.Equal(0, await store.CountDocumentsAsync());
        Assert.Equal(0, await store.CountAsync());
        Assert.Equal(generation, await store.GetGenerationAsync());
        Assert.Equal(0, index.Count());

        // The index is usable again at once: nothing holds its writer.
        await new Importer(store, _clock, index).ImportFilesAsync(files[..4], new ImportOptions());
        Assert.Equal(4, index.Count());
    }

    /// <summary>Reports on the reporting thread, unlike <see cref="Progress{T}"/>, so the test sees the first storing report at once.</summary>
    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
