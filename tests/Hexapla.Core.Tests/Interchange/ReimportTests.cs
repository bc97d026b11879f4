using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// Importing files again respects the newsroom: live text and states are Hexapla's once a version has been live,
/// changes made in Hexapla are never replaced silently, and every run is in the audit log. Written once, run on every
/// store provider, from files on disk through the bulk write the CLI uses.
/// </summary>
public abstract class ReimportTests<TProvider> : IAsyncLifetime, IDisposable
    where TProvider : IStoreProvider, new()
{
    private const string Slug = "statement";

    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);
    private static readonly User SecondEditor = new(5, "eva", Role.Editor, [], false, Start);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly TProvider _provider = new();
    private LuceneSearchIndex? _index;

    private SqlContentStore Store { get; set; } = null!;

    private Newsroom Newsroom { get; set; } = null!;

    private string Russian => _folder.Combine(Path.Combine("in", $"{Slug}.ru-RU.md"));

    private string English => _folder.Combine(Path.Combine("in", $"{Slug}.en-GB.md"));

    public async Task InitializeAsync()
    {
        Store = await _provider.OpenAsync();
        _index = LuceneSearchIndex.Open(_folder.Combine("index"));
        Newsroom = new Newsroom(Store, _index, _clock);
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    public void Dispose()
    {
        _index?.Dispose();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Markdown(string title, string body, bool original = false, bool draft = false) =>
        $"---\ntitle: {title}\n{(original ? "original: true\n" : "")}{(draft ? "draft: true\n" : "")}---\n\n{body}\n";

    private void WriteRussian(string body, bool draft = false) =>
        _folder.Write(Path.Combine("in", $"{Slug}.ru-RU.md"), Markdown("Заявление", body, original: true, draft: draft));

    private void WriteEnglish(string body, bool draft = false) =>
        _folder.Write(Path.Combine("in", $"{Slug}.en-GB.md"), Markdown("Statement", body, draft: draft));

    private void WriteOther(string slug, string body) =>
        _folder.Write(Path.Combine("in", $"{slug}.en-GB.md"), Markdown("Other", body));

    /// <summary>The files of the folder, imported the way <c>hexapla import</c> does it.</summary>
    private async Task<ImportReport> ImportAsync(bool overwrite = false)
    {
        _clock.Advance(TimeSpan.FromMinutes(1));
        return await new Importer(Store, _clock, _index).ImportFilesAsync(
            Importer.FindFiles([_folder.Combine("in")]), new ImportOptions { Overwrite = overwrite });
    }

    /// <summary>A published bilingual statement, imported once: both versions at revision 1.</summary>
    private async Task ImportStatementAsync()
    {
        WriteRussian("Первый абзац.\n\nВторой абзац.");
        WriteEnglish("First paragraph.\n\nSecond paragraph.");
        await ImportAsync();
    }

    private async Task<LanguageVersion> VersionAsync(LanguageTag language) => (await Store.FindDocumentAsync(Slug))!.Version(language)!;

    private async Task<LanguageVersion> LiveAsync(LanguageTag language) => (await Store.FindLiveDocumentAsync(Slug))!.Version(language)!;

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(LanguageTag language) => await Store.ListAuditOfAsync($"{Slug}/{language}");

    [SkippableFact]
    public async Task Reimport_SameFiles_WritesNoRevisionNoStateAndNoVersionEntry()
    {
        await ImportStatementAsync();
        var before = DocumentText.Describe(await Store.FindDocumentAsync(Slug));
        var audit = await AuditAsync(EnGb);

        var report = await ImportAsync();

        Assert.Equal((0, 0, 0, 0, 2), (report.DocumentsCreated, report.DocumentsUpdated, report.VersionsCreated, report.VersionsUpdated, report.VersionsUnchanged));
        Assert.Equal(before, DocumentText.Describe(await Store.FindDocumentAsync(Slug)));
        Assert.Single(await Store.ListRevisionsAsync(Slug, EnGb));
        Assert.Equal(audit, await AuditAsync(EnGb));
    }

    [SkippableFact]
    public async Task Reimport_ChangedFileOfPublishedVersion_WorkingCopyOverUnchangedLiveText()
    {
        await ImportStatementAsync();
        WriteEnglish("First paragraph, corrected.\n\nSecond paragraph.");

        var report = await ImportAsync();

        Assert.Equal((1, 1), (report.VersionsUpdated, report.WorkingCopies));
        var live = await LiveAsync(EnGb);
        Assert.Equal((1, VersionState.Published, "First paragraph.\n\nSecond paragraph."), (live.Revision, live.State, live.Body));
        Assert.Null(live.Working);
        Assert.True(live.IsPublicAt(_clock.GetUtcNow()));
        var work = (await VersionAsync(EnGb)).Working!;
        Assert.Equal((2, VersionState.Draft, User.System, "imported from " + English), (work.Revision, work.State, work.Author, work.Note));
        Assert.Equal("First paragraph, corrected.\n\nSecond paragraph.", work.Body);
        Assert.Empty(_index!.Search(new SearchQuery("corrected", EnGb), _clock.GetUtcNow()).Hits);

        // The same file once more changes nothing; a further change replaces the import's own working copy.
        Assert.Equal(2, (await ImportAsync()).VersionsUnchanged);
        WriteEnglish("First paragraph, corrected twice.\n\nSecond paragraph.");
        await ImportAsync();
        Assert.Equal((1, 3, "First paragraph, corrected twice.\n\nSecond paragraph."),
            ((await LiveAsync(EnGb)).Revision, (await VersionAsync(EnGb)).Working!.Revision, (await VersionAsync(EnGb)).Working!.Body));
        Assert.Equal("First paragraph.\n\nSecond paragraph.", (await LiveAsync(EnGb)).Body);
    }

    [SkippableFact]
    public async Task Reimport_WithdrawnVersion_StaysWithdrawnAndAChangeIsOnlyAWorkingCopy()
    {
        await ImportStatementAsync();
        await Newsroom.UnpublishAsync(Editor, Slug, EnGb, 1);

        await ImportAsync();
        Assert.Equal((VersionState.Unpublished, 1), ((await VersionAsync(EnGb)).State, (await VersionAsync(EnGb)).Revision));

        WriteEnglish("First paragraph, changed while withdrawn.\n\nSecond paragraph.");
        await ImportAsync();

        var version = await VersionAsync(EnGb);
        Assert.Equal((VersionState.Unpublished, 1, 2, VersionState.Draft), (version.State, version.Revision, version.Working!.Revision, version.Working.State));
        Assert.False((await LiveAsync(EnGb)).IsPublicAt(_clock.GetUtcNow()));
        Assert.Empty((await Store.ListPublishedAsync(EnGb, _clock.GetUtcNow(), 0, 10)).Items);
    }

    [SkippableFact]
    public async Task Import_DraftTrue_NewVersionIsADraftAndAPublishedOneGetsAWorkingCopy()
    {
        WriteRussian("Первый абзац.", draft: true);
        await ImportAsync();
        var draft = await VersionAsync(RuRu);
        Assert.Equal((VersionState.Draft, (DateTimeOffset?)null), (draft.State, draft.PublishedAt));
        Assert.False((await LiveAsync(RuRu)).IsPublicAt(_clock.GetUtcNow()));

        // The import's own draft goes live when its file stops saying draft (a first publication, as for a new file).
        WriteRussian("Первый абзац.");
        await ImportAsync();
        Assert.Equal((VersionState.Published, 1), ((await VersionAsync(RuRu)).State, (await VersionAsync(RuRu)).Revision));

        // Published now: draft: true neither withdraws it nor, with a new text, touches the live one.
        WriteRussian("Первый абзац.", draft: true);
        Assert.Equal(1, (await ImportAsync()).VersionsUnchanged);
        WriteRussian("Первый абзац, исправленный.", draft: true);
        await ImportAsync();
        var version = await VersionAsync(RuRu);
        Assert.Equal((VersionState.Published, "Первый абзац."), (version.State, (await LiveAsync(RuRu)).Body));
        Assert.Equal((2, VersionState.Draft, "Первый абзац, исправленный."), (version.Working!.Revision, version.Working.State, version.Working.Body));
    }

    [SkippableFact]
    public async Task Reimport_VersionChangedInHexapla_ConflictNamesFileAndRevisionAndWritesNothingOfTheRun()
    {
        await ImportStatementAsync();
        WriteOther("other", "Other text.");
        await ImportAsync();
        await Newsroom.SaveVersionAsync(Editor, Slug, EnGb, new VersionEdit("Statement", "First paragraph, by an editor.\n\nSecond paragraph.", Note: "Fixed"), 1);
        var before = DocumentText.Describe(await Store.FindDocumentAsync(Slug));
        var generation = await Store.GetGenerationAsync();
        var audit = await Store.ListAuditAsync(0, 1000);

        // In one run: the conflicting English, a changed Russian, a changed other document and a new document.
        WriteEnglish("First paragraph, from the file.\n\nSecond paragraph.");
        WriteRussian("Первый абзац, из файла.\n\nВторой абзац.");
        WriteOther("other", "Other text, changed.");
        WriteOther("new-one", "A new document.");
        var refused = await Assert.ThrowsAsync<ImportException>(() => ImportAsync());

        Assert.Equal(
            $"{English}: version changed in Hexapla since it was imported at revision 1; --overwrite to replace it with a working copy",
            Assert.Single(refused.Errors).ToString());
        Assert.Equal(before, DocumentText.Describe(await Store.FindDocumentAsync(Slug)));
        Assert.Null((await Store.FindDocumentAsync("other"))!.Version(EnGb)!.Working);
        Assert.Null(await Store.FindDocumentAsync("new-one"));
        Assert.Equal(generation, await Store.GetGenerationAsync());
        Assert.Equal(audit, await Store.ListAuditAsync(0, 1000));
    }

    [SkippableFact]
    public async Task Reimport_VersionChangedInHexaplaButFileUnchanged_KeepsHexaplasText()
    {
        await ImportStatementAsync();
        await Newsroom.SaveVersionAsync(Editor, Slug, EnGb, new VersionEdit("Statement", "First paragraph, by an editor.\n\nSecond paragraph.", Note: "Fixed"), 1);

        var report = await ImportAsync();

        Assert.Equal((2, 1, 0), (report.VersionsUnchanged, report.KeptFromHexapla, report.VersionsUpdated));
        var version = await VersionAsync(EnGb);
        Assert.Equal(("ed", "First paragraph, by an editor.\n\nSecond paragraph."), (version.Working!.Author, version.Working.Body));
    }

    [SkippableFact]
    public async Task Reimport_Overwrite_ReplacesHexaplasWorkingCopyWithTheFileAsAWorkingCopyNeverLive()
    {
        await ImportStatementAsync();
        await Newsroom.SaveVersionAsync(Editor, Slug, EnGb, new VersionEdit("Statement", "First paragraph, by an editor.\n\nSecond paragraph.", Note: "Fixed"), 1);
        WriteEnglish("First paragraph, from the file.\n\nSecond paragraph.");

        var report = await ImportAsync(overwrite: true);

        Assert.Equal((1, 1), (report.VersionsUpdated, report.WorkingCopies));
        var version = await VersionAsync(EnGb);
        Assert.Equal((1, "First paragraph.\n\nSecond paragraph."), (version.Revision, (await LiveAsync(EnGb)).Body));
        Assert.Equal((3, VersionState.Draft, User.System, "First paragraph, from the file.\n\nSecond paragraph."),
            (version.Working!.Revision, version.Working.State, version.Working.Author, version.Working.Body));
        // The editor's revision stays in the history.
        var history = await Store.ListRevisionsAsync(Slug, EnGb);
        Assert.Equal([3, 2, 1], history.Select(r => r.Revision));
        Assert.Equal(("ed", "Fixed"), (history[1].CreatedBy, history[1].Note));
        var entry = (await AuditAsync(EnGb))[^1];
        Assert.Equal(("version.import", User.System), (entry.Action, entry.Actor));
        Assert.Equal($"revision 3 (working copy) from {English}, over revision 2 by ed (--overwrite)", entry.Detail);
    }

    [SkippableFact]
    public async Task Reimport_LiveRevisionPublishedFromHexapla_ConflictThenOverwriteLeavesItLive()
    {
        await ImportStatementAsync();
        await Newsroom.SaveVersionAsync(Editor, Slug, EnGb, new VersionEdit("Statement", "First paragraph, by an editor.\n\nSecond paragraph.", Note: "Fixed"), 1);
        await Newsroom.SubmitAsync(Editor, Slug, EnGb, 2);
        await Newsroom.ApproveAsync(SecondEditor, Slug, EnGb, 2);
        await Newsroom.PublishAsync(SecondEditor, Slug, EnGb, null, 2);
        WriteEnglish("First paragraph, from the file.\n\nSecond paragraph.");

        var refused = await Assert.ThrowsAsync<ImportException>(() => ImportAsync());
        Assert.Contains("since it was imported at revision 1;", refused.Message, StringComparison.Ordinal);

        await ImportAsync(overwrite: true);
        var live = await LiveAsync(EnGb);
        Assert.Equal((2, "First paragraph, by an editor.\n\nSecond paragraph."), (live.Revision, live.Body));
        Assert.Equal(3, (await VersionAsync(EnGb)).Working!.Revision);
    }

    [SkippableFact]
    public async Task Reimport_ImportedWorkingCopyApprovedInHexapla_ConflictUnlessOverwrite()
    {
        await ImportStatementAsync();
        WriteEnglish("First paragraph, corrected.\n\nSecond paragraph.");
        await ImportAsync();
        await Newsroom.SubmitAsync(Editor, Slug, EnGb, 2);
        await Newsroom.ApproveAsync(SecondEditor, Slug, EnGb, 2);
        WriteEnglish("First paragraph, corrected again.\n\nSecond paragraph.");

        var refused = await Assert.ThrowsAsync<ImportException>(() => ImportAsync());

        Assert.Equal($"{English}: version is approved in Hexapla at revision 2; --overwrite to replace it with a working copy", Assert.Single(refused.Errors).ToString());
        Assert.Equal((2, VersionState.Approved), ((await VersionAsync(EnGb)).Working!.Revision, (await VersionAsync(EnGb)).Working!.State));
        await ImportAsync(overwrite: true);
        var work = (await VersionAsync(EnGb)).Working!;
        Assert.Equal((3, VersionState.Draft, (string?)null), (work.Revision, work.State, work.ApprovedBy));
        Assert.Equal("First paragraph.\n\nSecond paragraph.", (await LiveAsync(EnGb)).Body);
    }

    [SkippableFact]
    public async Task Reimport_VersionInAPendingRelease_RefusedEvenWithOverwrite()
    {
        await ImportStatementAsync();
        WriteEnglish("First paragraph, corrected.\n\nSecond paragraph.");
        await ImportAsync();
        await Newsroom.SubmitAsync(Editor, Slug, EnGb, 2);
        await Newsroom.ApproveAsync(SecondEditor, Slug, EnGb, 2);
        var release = await Newsroom.ReleaseAsync(SecondEditor, [new ReleaseMember(Slug, EnGb, 2)], _clock.GetUtcNow().AddHours(1));
        WriteEnglish("First paragraph, corrected again.\n\nSecond paragraph.");

        foreach (var overwrite in new[] { false, true })
        {
            var refused = await Assert.ThrowsAsync<ImportException>(() => ImportAsync(overwrite));
            Assert.StartsWith($"{English}: version is in release {release.Id}, due ", Assert.Single(refused.Errors).ToString(), StringComparison.Ordinal);
            Assert.EndsWith("at revision 2; cancel the release in Hexapla first", refused.Errors[0].Reason, StringComparison.Ordinal);
        }

        Assert.Equal((2, VersionState.Approved), ((await VersionAsync(EnGb)).Working!.Revision, (await VersionAsync(EnGb)).Working!.State));
    }

    [SkippableFact]
    public async Task Import_EveryRun_IsAuditedWithOneEntryPerVersionWritten()
    {
        await ImportStatementAsync();
        WriteEnglish("First paragraph, corrected.\n\nSecond paragraph.");
        await ImportAsync();
        await ImportAsync();

        var english = await AuditAsync(EnGb);
        Assert.Equal(["version.import", "version.import"], english.Select(e => e.Action));
        Assert.All(english, e => Assert.Equal(User.System, e.Actor));
        Assert.Equal($"revision 1 (published) from {English}", english[0].Detail);
        Assert.Equal($"revision 2 (working copy) from {English}", english[1].Detail);
        Assert.Single(await AuditAsync(RuRu));
        var runs = (await Store.ListAuditAsync(0, 100)).Where(e => e.Action == "import.run").ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, e => Assert.Equal((User.System, (string?)null), (e.Actor, e.Target)));
        Assert.Equal(
            "2 file(s): documents 0 created, 0 updated; versions 0 created, 0 updated (0 as working copies), 2 unchanged (0 kept as changed in Hexapla)",
            runs[0].Detail);
        Assert.StartsWith("2 file(s): documents 0 created, 1 updated; versions 0 created, 1 updated (1 as working copies)", runs[1].Detail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Import_ManyVersions_EveryOneHasItsEntryInTheRunsTransaction()
    {
        for (var i = 0; i < 130; i++)
        {
            WriteOther(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"note-{i:D3}"), $"Note number {i}.");
            _folder.Write(Path.Combine("in", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"note-{i:D3}.ru-RU.md")), Markdown("Заметка", $"Заметка номер {i}."));
        }

        await ImportAsync();

        var audit = await Store.ListAuditAsync(0, 1000);
        Assert.Equal(261, audit.Count);
        Assert.Equal(260, audit.Count(e => e.Action == "version.import"));
        Assert.Equal(["note-000/en-GB", "note-000/ru-RU", "note-129/en-GB", "note-129/ru-RU"],
            audit.Select(e => e.Target).Where(t => t is not null && (t.StartsWith("note-000", StringComparison.Ordinal) || t.StartsWith("note-129", StringComparison.Ordinal))).Order(StringComparer.Ordinal));
    }
}

/// <summary>The re-import rules on SQLite.</summary>
public sealed class SqliteReimportTests : ReimportTests<SqliteProvider>;

/// <summary>The re-import rules on PostgreSQL.</summary>
public sealed class PostgresReimportTests : ReimportTests<PostgresProvider>;
