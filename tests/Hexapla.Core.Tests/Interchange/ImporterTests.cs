using System.Text;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Interchange;

public sealed class ImporterTests : IDisposable
{
    private const string SeedSlug = "razvitie-situacii-v-irake";

    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);

    public void Dispose() => _folder.Dispose();

    // The seed files copied into a folder of their own, found and read the way the CLI does it.
    private List<ImportFile> SeedFiles()
    {
        // Written Russian first: the order must come from the ordinal sort of the names, not from the disk.
        _folder.Write(Path.Combine("in", Fixtures.RussianSeed), Fixtures.ScrapedText(Fixtures.RussianSeed));
        _folder.Write(Path.Combine("in", Fixtures.EnglishSeed), Fixtures.ScrapedText(Fixtures.EnglishSeed));
        return [.. Importer.FindFiles([_folder.Combine("in")]).Select(ImportFile.Read)];
    }

    private async Task<(SqliteContentStore Store, Importer Importer)> OpenAsync()
    {
        var store = await _folder.OpenStoreAsync();
        return (store, new Importer(store, _clock));
    }

    private static ImportFile Text(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task ImportAsync_SeedBundle_OneDocumentWithTwoVersions()
    {
        var (store, importer) = await OpenAsync();

        var report = await importer.ImportAsync(SeedFiles(), new ImportOptions());

        Assert.Equal((1, 0, 2, 0, 0), (report.DocumentsCreated, report.DocumentsUpdated, report.VersionsCreated, report.VersionsUpdated, report.VersionsUnchanged));
        Assert.Equal(new[] { SeedSlug }, report.Slugs);
        Assert.Equal(1, await store.CountDocumentsAsync());
        var document = await store.FindDocumentAsync(SeedSlug);
        Assert.NotNull(document);
        Assert.Equal(EnGb, document.OriginalLanguage);
        Assert.Equal(new[] { EnGb, RuRu }, document.Versions.Select(v => v.Language));
        Assert.Contains(RuRu, document.ExpectedLanguages);
        Assert.Contains(EnGb, document.ExpectedLanguages);
        Assert.Equal(Start, document.CreatedAt);

        var english = document.Version(EnGb)!;
        Assert.Equal("Iraq remains in the heart of the Middle East instability", english.Title);
        Assert.Equal(Fixtures.SeedBody(Fixtures.EnglishSeed), english.Body);
        Assert.Equal(1, english.Revision);
        Assert.Null(english.SourceRevision);
        Assert.Equal(VersionState.Published, english.State);
        Assert.Equal(Start, english.PublishedAt);

        var russian = document.Version(RuRu)!;
        Assert.Equal(Fixtures.SeedBody(Fixtures.RussianSeed), russian.Body);
        Assert.Equal(english.Revision, russian.SourceRevision);
    }

    [Fact]
    public async Task ImportAsync_OriginalOption_MakesRussianTheOriginal()
    {
        var (store, importer) = await OpenAsync();

        await importer.ImportAsync(SeedFiles(), new ImportOptions { Original = RuRu });

        var document = (await store.FindDocumentAsync(SeedSlug))!;
        Assert.Equal(RuRu, document.OriginalLanguage);
        Assert.Null(document.Version(RuRu)!.SourceRevision);
        Assert.Equal(1, document.Version(EnGb)!.SourceRevision);
    }

    [Fact]
    public async Task ImportAsync_SameFilesAgain_ChangesNothing()
    {
        var (store, importer) = await OpenAsync();
        await importer.ImportAsync(SeedFiles(), new ImportOptions());
        var before = DocumentText.Describe(await store.FindDocumentAsync(SeedSlug));
        _clock.Advance(TimeSpan.FromDays(1));

        var report = await importer.ImportAsync(SeedFiles(), new ImportOptions());

        Assert.Equal(0, report.DocumentsCreated);
        Assert.Equal(0, report.DocumentsUpdated);
        Assert.Equal(0, report.VersionsCreated);
        Assert.Equal(0, report.VersionsUpdated);
        Assert.Equal(2, report.VersionsUnchanged);
        Assert.Equal(1, await store.CountDocumentsAsync());
        Assert.Equal(before, DocumentText.Describe(await store.FindDocumentAsync(SeedSlug)));
    }

    [Fact]
    public async Task ImportAsync_OneFileChanged_ThatVersionGetsAWorkingCopyAtRevisionTwo()
    {
        var (store, importer) = await OpenAsync();
        var files = SeedFiles();
        await importer.ImportAsync(files, new ImportOptions());
        _clock.Advance(TimeSpan.FromHours(2));
        var russian = files.Single(f => f.Name.EndsWith(Fixtures.RussianSeed, StringComparison.Ordinal));
        var changed = russian with { Content = [.. russian.Content, .. "\nНовый абзац.\n"u8] };

        var report = await importer.ImportAsync([files.Single(f => f != russian), changed], new ImportOptions());

        Assert.Equal(1, report.VersionsUpdated);
        Assert.Equal(1, report.VersionsUnchanged);
        Assert.Equal(1, report.DocumentsUpdated);
        var document = (await store.FindDocumentAsync(SeedSlug))!;
        // Published before: the live text stays revision 1, the change is a draft working copy over it.
        var version = document.Version(RuRu)!;
        Assert.Equal((1, VersionState.Published, Start), (version.Revision, version.State, version.PublishedAt));
        Assert.Equal(Fixtures.SeedBody(Fixtures.RussianSeed), version.Body);
        Assert.Equal((2, VersionState.Draft), (version.Working!.Revision, version.Working.State));
        Assert.EndsWith("\n\nНовый абзац.", version.Working.Body);
        Assert.Equal(Start.AddHours(2), version.Working.UpdatedAt);
        Assert.Equal("imported from " + changed.Name, version.Working.Note);
        Assert.Equal(1, document.Version(EnGb)!.Revision);
        Assert.Equal(Start, document.Version(EnGb)!.UpdatedAt);
    }

    [Fact]
    public async Task ImportAsync_OneBadFile_ThrowsAndLeavesStoreAsItWas()
    {
        var (store, importer) = await OpenAsync();
        var files = SeedFiles();
        await importer.ImportAsync(files, new ImportOptions());
        var before = DocumentText.Describe(await store.FindDocumentAsync(SeedSlug));
        var english = files.Single(f => f.Name.EndsWith(Fixtures.EnglishSeed, StringComparison.Ordinal));
        ImportFile[] run =
        [
            english with { Content = [.. english.Content, .. "\n\nA new paragraph.\n"u8] },
            Text("new-document.en-GB.txt", "• en-GB1\n\nA document that must not be stored.\n"),
            Text("bad.txt", "• en-GB1 xx-!!1\n\nThe council met on Tuesday.\n"),
        ];

        var e = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(run, new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal("bad.txt", error.File);
        Assert.Contains("bad.txt", e.Message);
        Assert.Equal(1, await store.CountDocumentsAsync());
        Assert.Null(await store.FindDocumentAsync("new-document"));
        Assert.Equal(before, DocumentText.Describe(await store.FindDocumentAsync(SeedSlug)));
    }

    [Fact]
    public async Task ImportAsync_TwoFilesSameSlugAndLanguage_ThrowsNamingBoth()
    {
        var (store, importer) = await OpenAsync();
        ImportFile[] run =
        [
            Text("a/budget.en-GB.txt", "• en-GB1\n\nThe council met on Tuesday.\n"),
            Text("b/budget.en-GB.md", "---\ntitle: Budget\n---\nThe council met on Wednesday.\n"),
        ];

        var e = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(run, new ImportOptions()));

        Assert.Contains("a/budget.en-GB.txt", e.Message);
        Assert.Contains("b/budget.en-GB.md", e.Message);
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Theory]
    [InlineData("search.en-GB.md", "---\ntitle: Budget\n---\nThe council met on Tuesday.\n")]
    [InlineData("budget.md", "---\ntitle: Budget\nslug: search\nlang: en-GB\n---\nThe council met on Tuesday.\n")]
    [InlineData("page.md", "---\ntitle: Search\nlang: en-GB\n---\nThe council met on Tuesday.\n")]
    public async Task ImportAsync_SlugOfTheSearchPage_RefusedNamingTheFile(string name, string text)
    {
        var (store, importer) = await OpenAsync();

        var e = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync([Text(name, text)], new ImportOptions()));

        Assert.Contains(name, e.Message);
        Assert.Contains("\"search\" is the address of the site's search page", e.Message);
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task ImportAsync_TwoOriginals_ThrowsNamingBoth()
    {
        var (store, importer) = await OpenAsync();
        ImportFile[] run =
        [
            Text("budget.en-GB.md", "---\ntitle: Budget\noriginal: true\n---\nThe council met on Tuesday.\n"),
            Text("budget.ru-RU.md", "---\ntitle: Бюджет\noriginal: true\n---\nСовет собрался во вторник.\n"),
        ];

        var e = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(run, new ImportOptions()));

        Assert.Contains("budget.en-GB.md", e.Message);
        Assert.Contains("budget.ru-RU.md", e.Message);
        Assert.Contains("original", e.Message);
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task ImportAsync_ScrapedFileWithoutBundleName_SlugFromTransliteratedTitle()
    {
        var (store, importer) = await OpenAsync();
        var file = Text("page.txt", "• en-GB1 ru-RU1\n\nРазвитие ситуации в Ираке. Ирак по-прежнему остаётся в эпицентре нестабильности.\n");

        var report = await importer.ImportAsync([file], new ImportOptions());

        Assert.Equal(new[] { SeedSlug }, report.Slugs);
        var document = (await store.FindDocumentAsync(SeedSlug))!;
        Assert.Equal("Развитие ситуации в Ираке", document.Version(RuRu)!.Title);
        Assert.Equal(new[] { EnGb }, document.ExpectedLanguages);
    }

    [Fact]
    public async Task ImportAsync_FrontMatterDate_BecomesPublishedAt()
    {
        var (store, importer) = await OpenAsync();
        var file = Text("budget.en-GB.md", "---\ntitle: Budget\ndate: 2016-02-29T10:30:00+03:00\n---\nThe council met on Tuesday.\n");

        await importer.ImportAsync([file], new ImportOptions());

        var version = (await store.FindDocumentAsync("budget"))!.Version(EnGb)!;
        Assert.Equal(new DateTimeOffset(2016, 2, 29, 7, 30, 0, TimeSpan.Zero), version.PublishedAt);
        Assert.Equal(Start, version.UpdatedAt);
    }

    [Fact]
    public async Task ImportAsync_NoDate_PublishedAtIsClockNow()
    {
        var (store, importer) = await OpenAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));

        await importer.ImportAsync([Text("budget.en-GB.md", "---\ntitle: Budget\n---\nThe council met on Tuesday.\n")], new ImportOptions());

        var version = (await store.FindDocumentAsync("budget"))!.Version(EnGb)!;
        Assert.Equal(VersionState.Published, version.State);
        Assert.Equal(Start.AddMinutes(5), version.PublishedAt);
    }

    [Fact]
    public async Task ImportAsync_Draft_IsDraftWithoutPublishedAt()
    {
        var (store, importer) = await OpenAsync();

        await importer.ImportAsync(
            [Text("budget.en-GB.md", "---\ntitle: Budget\ndate: 2016-02-29\ndraft: true\n---\nThe council met on Tuesday.\n")],
            new ImportOptions());

        var version = (await store.FindDocumentAsync("budget"))!.Version(EnGb)!;
        Assert.Equal(VersionState.Draft, version.State);
        Assert.Null(version.PublishedAt);
        Assert.False(version.IsPublicAt(Start.AddYears(10)));
    }

    [Fact]
    public void FindFiles_Folder_WalksRecursivelySkippingHiddenSectionAndReadmeFiles()
    {
        var root = _folder.Combine("content");
        var wanted = new[]
        {
            _folder.Write("content/a.en-GB.txt", "x"),
            _folder.Write("content/posts/b.en-GB.md", "x"),
            _folder.Write("content/posts/2024/c.ru-RU.markdown", "x"),
        };
        _folder.Write("content/_index.md", "x");
        _folder.Write("content/posts/_index.md", "x");
        _folder.Write("content/README.md", "x");
        _folder.Write("content/posts/README.md", "x");
        _folder.Write("content/.hidden.md", "x");
        _folder.Write("content/.git/HEAD.md", "x");
        _folder.Write("content/posts/.drafts/d.en-GB.md", "x");
        _folder.Write("content/posts/image.png", "x");

        var found = Importer.FindFiles([root]);

        Assert.Equal(wanted.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public void FindFiles_MissingPath_ThrowsImportException()
    {
        var missing = _folder.Combine("no-such-folder");

        var e = Assert.Throws<ImportException>(() => Importer.FindFiles([missing]));

        Assert.Equal(missing, Assert.Single(e.Errors).File);
    }

    [Fact]
    public void Read_FileOverTenMebibytes_ThrowsNamingTheLimit()
    {
        var path = _folder.Combine("huge.txt");
        using (var stream = File.Create(path))
        {
            stream.SetLength(ImportFile.MaxBytes + 1L);
        }

        var e = Assert.Throws<ImportException>(() => ImportFile.Read(path));

        var error = Assert.Single(e.Errors);
        Assert.Equal(path, error.File);
        Assert.Contains("10 MiB", error.Reason);
    }

    [Fact]
    public void Read_FileOfExactlyTenMebibytes_Reads()
    {
        var path = _folder.Combine("limit.txt");
        using (var stream = File.Create(path))
        {
            stream.SetLength(ImportFile.MaxBytes);
        }

        Assert.Equal(ImportFile.MaxBytes, ImportFile.Read(path).Content.Length);
    }
}
