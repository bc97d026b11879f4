using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Hexapla.Tests.Storage;

/// <summary>
/// A store written by the release before working copies (Fixtures/Stores: a SQLite file and a PostgreSQL dump, made by
/// that release's newsroom) opens with its history intact and works under the new model.
/// </summary>
public abstract class ReleaseOneStoreTests<TProvider> : IAsyncLifetime where TProvider : IStoreProvider, new()
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    private static readonly DateTimeOffset Made = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected TProvider Provider { get; } = new();

    /// <summary>Puts the fixture where <see cref="IStoreProvider.OpenAsync"/> will find it, at the old schema.</summary>
    protected abstract Task LoadFixtureAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    [SkippableFact]
    public async Task Open_ReleaseOneStore_KeepsEveryLiveTextStateAndHistory()
    {
        await LoadFixtureAsync();
        var store = await Provider.OpenAsync();

        var statement = (await store.FindDocumentAsync("situation-in-iraq"))!;
        var russian = statement.Version(RuRu)!;
        Assert.Equal((VersionState.Published, 3, (LanguageVersion?)null), (russian.State, russian.Revision, russian.Working));
        Assert.Equal(Made.AddMinutes(2), russian.PublishedAt);
        Assert.Equal("Первый абзац о переговорах в Женеве.\n\nВторой абзац о гуманитарной помощи ООН.", russian.Body);
        Assert.Equal("Кратко.", russian.Summary);
        Assert.Equal(2, russian.Segments.Count);
        var english = statement.Version(EnGb)!;
        Assert.Equal((VersionState.Published, 1, (int?)2), (english.State, english.Revision, english.SourceRevision));
        Assert.Equal(2, english.Links.Count);
        Assert.Equal((VersionState.InReview, "Premier paragraphe."), (statement.Version(FrFr)!.State, statement.Version(FrFr)!.Body));
        Assert.Equal(VersionState.Unpublished, (await store.FindDocumentAsync("withdrawn-note"))!.Versions[0].State);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), (await store.FindDocumentAsync("embargoed-statement"))!.Versions[0].PublishedAt);

        // The history: every revision with its text and author.
        var history = await store.ListRevisionsAsync("situation-in-iraq", RuRu);
        Assert.Equal([3, 2, 1], history.Select(r => r.Revision));
        Assert.All(history, r => Assert.Equal("ed", r.CreatedBy));
        Assert.Equal("Первый абзац о переговорах.\n\nВторой абзац о гуманитарной помощи.", history[2].Body);

        // The live correction the old release made left the English paragraph 2 outdated, and it still is.
        var status = TranslationStatus.Of(statement, EnGb);
        Assert.Equal([russian.Segments[1].Id], status.Outdated);

        // Readers see what they saw: the statement in two languages, the embargoed one not yet.
        var listed = await store.ListPublishedAsync(null, Made.AddDays(1), 0, 10);
        Assert.Equal(["situation-in-iraq/en-GB", "situation-in-iraq/ru-RU"], listed.Items.Select(i => $"{i.Slug}/{i.Version.Language}").Order());
        Assert.Equal(13, (await store.ListAuditAsync(0, 100)).Count);
    }

    [SkippableFact]
    public async Task Open_ReleaseOneStore_TakesWorkingCopiesAndReleases()
    {
        await LoadFixtureAsync();
        var store = await Provider.OpenAsync();
        var clock = new FakeTimeProvider(Made.AddDays(1));
        using var folder = new TempFolder();
        using var index = LuceneSearchIndex.Open(folder.Combine("index"));
        var newsroom = new Newsroom(store, index, clock);
        var editor = new User(1, "ed", Role.Editor, [], false, Made);
        var reviewer = new User(2, "rita", Role.Reviewer, [], false, Made);

        var saved = await newsroom.SaveVersionAsync(editor, "situation-in-iraq", EnGb,
            new VersionEdit("On the situation in Iraq", "First paragraph on the talks in Geneva.\n\nSecond paragraph on UN humanitarian aid.", null, "Follows the original."), 1);
        Assert.Equal((1, 2), (saved.Revision, saved.Working!.Revision));
        await newsroom.SubmitAsync(editor, "situation-in-iraq", EnGb);
        await newsroom.ApproveAsync(reviewer, "situation-in-iraq", EnGb);
        await newsroom.ReleaseAsync(editor, [new ReleaseMember("situation-in-iraq", EnGb, 2)]);

        var english = (await store.FindLiveDocumentAsync("situation-in-iraq"))!.Version(EnGb)!;
        Assert.Equal((2, "Follows the original.", clock.GetUtcNow()), (english.Revision, english.CorrectionNote, english.CorrectedAt));
        Assert.True(TranslationStatus.Of((await store.FindDocumentAsync("situation-in-iraq"))!, EnGb).IsUpToDate);
    }
}

public sealed class SqliteReleaseOneStoreTests : ReleaseOneStoreTests<SqliteProvider>
{
    protected override Task LoadFixtureAsync()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Stores", "release-1.sqlite"), Provider.Folder.StorePath);
        return Task.CompletedTask;
    }
}

public sealed class PostgresReleaseOneStoreTests : ReleaseOneStoreTests<PostgresProvider>
{
    protected override async Task LoadFixtureAsync()
    {
        // pg_dump's plain SQL, without psql's meta-commands, as one batch.
        var dump = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Stores", "release-1.postgres.sql"));
        await using var connection = new NpgsqlConnection(await Provider.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = dump;
        await command.ExecuteNonQueryAsync();
    }
}
