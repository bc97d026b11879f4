using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Hosting;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

/// <summary><c>hexapla import</c> run again over files whose versions editors have worked on since.</summary>
public sealed class ReimportCliTests : IDisposable
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, DateTimeOffset.UnixEpoch);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hexapla-cli-tests", Guid.NewGuid().ToString("N"));

    public ReimportCliTests() => Directory.CreateDirectory(Input);

    private string Data => Path.Combine(_folder, "data");

    private string Input => Path.Combine(_folder, "in");

    private string Note => Path.Combine(Input, "note.en-GB.md");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void WriteNote(string body) => File.WriteAllText(Note, $"---\ntitle: Note\n---\n\n{body}\n");

    private Task<SqliteContentStore> OpenStoreAsync() => SqliteContentStore.OpenAsync(Path.Combine(Data, SqliteContentStore.FileName));

    [Fact]
    public async Task Import_VersionChangedInHexaplaSince_RefusesNamingFileAndRevision_OverwriteMakesAWorkingCopy()
    {
        WriteNote("The text as first published.");
        Assert.Equal(0, (await RunAsync("import", Input, "--data", Data)).Exit);
        var store = await OpenStoreAsync();
        using (var index = LuceneSearchIndex.Open(Path.Combine(Data, "index")))
        {
            await new Newsroom(store, index, TimeProvider.System).SaveVersionAsync(
                Editor, "note", EnGb, new VersionEdit("Note", "The text as an editor corrected it.", Note: "Corrected"), 1);
        }

        WriteNote("The text as the file has it now.");
        var refused = await RunAsync("import", Input, "--data", Data);

        Assert.Equal(1, refused.Exit);
        Assert.Equal(
            "hexapla import: nothing was imported (1 problem):\n" +
            $"  {Note}: version changed in Hexapla since it was imported at revision 1; --overwrite to replace it with a working copy\n",
            refused.Error.ReplaceLineEndings("\n"));
        Assert.Equal(("Corrected", 2), ((await store.FindDocumentAsync("note"))!.Version(EnGb)!.Working!.Note, (await store.FindDocumentAsync("note"))!.Version(EnGb)!.Working!.Revision));

        var overwritten = await RunAsync("import", Input, "--data", Data, "--overwrite");

        Assert.Equal(0, overwritten.Exit);
        Assert.Contains("versions 0 created, 1 updated, 0 unchanged", overwritten.Output, StringComparison.Ordinal);
        Assert.Contains("1 version(s) that have been live got a working copy", overwritten.Output, StringComparison.Ordinal);
        var version = (await store.FindDocumentAsync("note"))!.Version(EnGb)!;
        Assert.Equal((3, VersionState.Draft, "The text as the file has it now."), (version.Working!.Revision, version.Working.State, version.Working.Body));
        var live = (await store.FindLiveDocumentAsync("note"))!.Version(EnGb)!;
        Assert.Equal((1, VersionState.Published, "The text as first published."), (live.Revision, live.State, live.Body));
    }

    [Fact]
    public async Task Import_WithdrawnVersionAgain_StaysWithdrawnAndTheRunIsAudited()
    {
        WriteNote("The text as first published.");
        Assert.Equal(0, (await RunAsync("import", Input, "--data", Data)).Exit);
        var store = await OpenStoreAsync();
        using (var index = LuceneSearchIndex.Open(Path.Combine(Data, "index")))
        {
            await new Newsroom(store, index, TimeProvider.System).UnpublishAsync(Editor, "note", EnGb, 1);
        }

        var again = await RunAsync("import", Input, "--data", Data);

        Assert.Equal(0, again.Exit);
        Assert.Contains("versions 0 created, 0 updated, 1 unchanged", again.Output, StringComparison.Ordinal);
        Assert.Equal(VersionState.Unpublished, (await store.FindDocumentAsync("note"))!.Version(EnGb)!.State);
        var audit = await store.ListAuditAsync(0, 10);
        Assert.Equal(["import.run", "version.unpublish", "import.run", "version.import"], audit.Select(e => e.Action));
        Assert.Equal($"revision 1 (published) from {Note}", audit[^1].Detail);
    }

    [Fact]
    public async Task Import_ChangedSampleOverServedSamples_PublicPageKeepsTheLiveText()
    {
        // serve imported the bundled samples into the empty store; the same sample, corrected, is imported again.
        // As the test site serves it: without its media and its place in the structure (the site has no sections).
        var sample = TestSite.Samples(false).Single(f => f.Name.EndsWith("razvitie-situacii-v-irake.en-GB.md", StringComparison.Ordinal));
        var corrected = System.Text.Encoding.UTF8.GetString(sample.Content)
            .Replace("Iraq remains in the heart", "Iraq remains, as corrected, in the heart", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Input, "razvitie-situacii-v-irake.en-GB.md"), corrected);
        (int Exit, string Output, string Error) run = default;
        await using var site = await TestSite.StartAsync(prepare: async (data, _) => run = await RunAsync("import", Input, "--data", data));

        Assert.Equal(0, run.Exit);
        Assert.Contains("1 version(s) that have been live got a working copy", run.Output, StringComparison.Ordinal);
        var page = await site.Client.GetStringAsync("/en-gb/razvitie-situacii-v-irake");
        Assert.Contains("Iraq remains in the heart", page, StringComparison.Ordinal);
        Assert.DoesNotContain("as corrected", page, StringComparison.Ordinal);
    }
}
