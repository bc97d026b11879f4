using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Maintenance;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;

namespace Hexapla.Tests.Storage;

/// <summary>
/// Text stored before the entrance rule (written straight through the store API): the check reports it by version,
/// field and place, and the newsroom's repair saves it mended as a new revision in its state; written once, run on
/// every provider.
/// </summary>
public abstract class StoredTextRepairTests<TProvider> : IAsyncLifetime, IDisposable
    where TProvider : IStoreProvider, new()
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly User Admin = new(1, "root", Role.Admin, [], false, Now);

    private readonly TempFolder _data = new();

    protected TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    public void Dispose()
    {
        _data.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The findings of <c>hexapla check</c> on this provider's store.</summary>
    protected abstract Task<IReadOnlyList<CheckFinding>> CheckAsync(string indexFolder, string dataFolder, DateTimeOffset now);

    [SkippableFact]
    public async Task Check_ReportsStoredControlCharacters_RepairSavesMendedRevision_CheckIsCleanAfter()
    {
        var store = await Provider.OpenAsync();
        var version = Segmentation.WithSegments(new LanguageVersion
        {
            Language = EnGb,
            Title = "Bad\u0001title",
            Summary = "Fine summary",
            Body = "Line one\u000Bline two.\n\nClean paragraph.\n",
            State = VersionState.Published,
            PublishedAt = Now.AddHours(-1),
            UpdatedAt = Now.AddHours(-1),
        }, null);
        await store.CreateDocumentAsync(
            new Document { Slug = "bad", OriginalLanguage = EnGb, CreatedAt = Now, UpdatedAt = Now, Versions = [version] },
            new AuditEntry(0, Now, "ed", "document.create", "bad/en-GB", null));
        var indexFolder = _data.Combine("index");

        var text = (await CheckAsync(indexFolder, _data.Path, Now)).Where(f => f.Area == "text").ToList();

        Assert.Equal(2, text.Count);
        Assert.All(text, f => Assert.Equal((RepairAction.RepairText, "bad", "en-GB"), (f.Action, f.Slug, f.Language)));
        Assert.Contains("bad/en-GB title: 1 character(s)", text[0].Problem, StringComparison.Ordinal);
        Assert.Contains("the first U+0001 at line 1, column 4", text[0].Problem, StringComparison.Ordinal);
        Assert.Contains("bad/en-GB body: 1 character(s)", text[1].Problem, StringComparison.Ordinal);
        Assert.Contains("the first U+000B at line 1, column 9", text[1].Problem, StringComparison.Ordinal);

        using (var index = LuceneSearchIndex.Open(indexFolder))
        {
            var newsroom = new Newsroom(store, index, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
            var repaired = await newsroom.RepairTextAsync(Admin, "bad", EnGb);

            Assert.NotNull(repaired);
            Assert.Equal(("Badtitle", "Line one\nline two.\n\nClean paragraph.\n", 2, VersionState.Published),
                (repaired.Title, repaired.Body, repaired.Revision, repaired.State));
            Assert.Null(await newsroom.RepairTextAsync(Admin, "bad", EnGb));
        }

        Assert.Equal("Bad\u0001title", (await store.ListRevisionsAsync("bad", EnGb)).Single(r => r.Revision == 1).Title);
        Assert.DoesNotContain(await CheckAsync(indexFolder, _data.Path, Now), f => f.Area == "text");
    }
}

public sealed class SqliteStoredTextRepairTests : StoredTextRepairTests<SqliteProvider>
{
    protected override Task<IReadOnlyList<CheckFinding>> CheckAsync(string indexFolder, string dataFolder, DateTimeOffset now) =>
        StoreCheck.RunAsync(Provider.Folder.StorePath, indexFolder, dataFolder, now);
}

public sealed class PostgresStoredTextRepairTests : StoredTextRepairTests<PostgresProvider>
{
    protected override async Task<IReadOnlyList<CheckFinding>> CheckAsync(string indexFolder, string dataFolder, DateTimeOffset now) =>
        await StoreCheck.RunOnPostgresAsync(
            await Provider.ConnectionStringAsync(), Hexapla.Storage.Postgres.PostgresContentStore.SchemaVersion, indexFolder, dataFolder, now);
}
