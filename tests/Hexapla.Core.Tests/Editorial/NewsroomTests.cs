using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Editorial;

public sealed class NewsroomTests : IAsyncLifetime, IDisposable
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly User Admin = new(1, "ada", Role.Admin, [], false, Start);
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);
    private static readonly User Translator = new(3, "françoise", Role.Translator, [FrFr], false, Start);
    private static readonly User Reviewer = new(4, "rita", Role.Reviewer, [], false, Start);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private SqliteContentStore _store = null!;
    private LuceneSearchIndex _index = null!;
    private Newsroom _newsroom = null!;

    public async Task InitializeAsync()
    {
        _store = await _folder.OpenStoreAsync();
        _index = LuceneSearchIndex.Open(_folder.Combine("index"));
        _newsroom = new Newsroom(_store, _index, _clock);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _index?.Dispose();
        _folder.Dispose();
    }

    private Task<Document> CreateAsync(string title = "Ceasefire talks resume", string body = "Negotiators met in Geneva.", string? slug = null) =>
        _newsroom.CreateDocumentAsync(Editor, new NewDocument(slug, EnGb, title, body, null, ["Politics", "politics", " "]));

    private int Found(string text) => _index.Search(new SearchQuery(text, null), _clock.GetUtcNow()).Total;

    private async Task<LanguageVersion> Stored(string slug, LanguageTag language) =>
        (await _store.FindDocumentAsync(slug))!.Version(language)!;

    private static async Task<EditorialException> Refused(EditorialErrorKind kind, Func<Task> action)
    {
        var e = await Assert.ThrowsAnyAsync<EditorialException>(action);
        Assert.Equal(kind, e.Kind);
        return e;
    }

    [Fact]
    public async Task Create_MakesADraftAtRevisionOne_NotPublicNotInSearch()
    {
        var document = await CreateAsync();

        Assert.Equal("ceasefire-talks-resume", document.Slug);
        Assert.Equal(["politics"], document.Tags);
        var version = Assert.Single(document.Versions);
        Assert.Equal((VersionState.Draft, 1, (DateTimeOffset?)null), (version.State, version.Revision, version.PublishedAt));
        Assert.Null(await _newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Assert.NotNull(await _newsroom.GetVersionAsync(Reviewer, document.Slug, EnGb));
        Assert.Equal(0, Found("Geneva"));
        Assert.Equal(await _store.GetGenerationAsync(), _index.Generation);
    }

    [Fact]
    public async Task Create_TakenOrInvalidSlug_Refused()
    {
        await CreateAsync();
        await Refused(EditorialErrorKind.Conflict, () => CreateAsync());
        await Refused(EditorialErrorKind.Invalid, () => CreateAsync(slug: "../etc/passwd"));
        await Refused(EditorialErrorKind.Invalid, () => CreateAsync(title: "«»"));
        await Refused(EditorialErrorKind.Invalid, () => CreateAsync(title: "  "));
        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.CreateDocumentAsync(Translator, new NewDocument(null, FrFr, "Titre", "Texte")));
        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.CreateDocumentAsync(Reviewer, new NewDocument(null, EnGb, "Title", "Text")));
        Assert.Equal(1, await _store.CountDocumentsAsync());
    }

    [Fact]
    public async Task Save_WithCurrentRevision_MakesRevisionTwo()
    {
        var document = await CreateAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));

        var saved = await _newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("Ceasefire talks resume", "Negotiators met in Geneva on Monday."), 1);

        Assert.Equal(2, saved.Revision);
        Assert.Equal(VersionState.Draft, saved.State);
        Assert.Equal(_clock.GetUtcNow(), saved.UpdatedAt);
        var history = await _newsroom.HistoryAsync(Reviewer, document.Slug, EnGb);
        Assert.Equal([2, 1], history.Select(r => r.Revision));
        Assert.All(history, r => Assert.Equal("ed", r.CreatedBy));
        Assert.Equal("Negotiators met in Geneva.", history[1].Body);
    }

    [Fact]
    public async Task Save_WithStaleRevision_ConflictCarriesCurrentText_StoreUnchanged()
    {
        var document = await CreateAsync();
        await _newsroom.SaveVersionAsync(Admin, document.Slug, EnGb, new VersionEdit("Talks resume", "The other editor's text."), 1);
        var before = DocumentText.Describe(await _store.FindDocumentAsync(document.Slug));

        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            _newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("Mine", "My text."), 1));

        Assert.Equal(EditorialErrorKind.Conflict, conflict.Kind);
        Assert.Equal("The other editor's text.", conflict.Current.Body);
        Assert.Equal(2, conflict.Current.Revision);
        Assert.Equal(before, DocumentText.Describe(await _store.FindDocumentAsync(document.Slug)));
    }

    [Fact]
    public async Task Save_NullExpectedRevisionOnExistingVersion_PreconditionRequired()
    {
        var document = await CreateAsync();
        await Refused(EditorialErrorKind.PreconditionRequired, () =>
            _newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("T", "B"), null));
        Assert.Equal(1, (await Stored(document.Slug, EnGb)).Revision);
    }

    [Fact]
    public async Task Store_CompareAndSet_OnlyOneOfTwoWritesFromTheSameRevisionWins()
    {
        var document = await CreateAsync();
        var current = await Stored(document.Slug, EnGb);
        var audit = new AuditEntry(0, Start, "ed", "version.save", $"{document.Slug}/en-GB", null);

        var first = await _store.SaveVersionAsync(document.Slug, current with { Body = "first", Revision = 2 }, 1, audit);
        var second = await _store.SaveVersionAsync(document.Slug, current with { Body = "second", Revision = 2 }, 1, audit);
        var insertAgain = await _store.SaveVersionAsync(document.Slug, current with { Body = "third" }, null, audit);

        var staleState = await _store.SaveVersionAsync(
            document.Slug, current with { Body = "fourth", Revision = 2, State = VersionState.InReview }, 2, audit, VersionState.Approved);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Null(insertAgain);
        Assert.Null(staleState);
        Assert.Equal("first", (await Stored(document.Slug, EnGb)).Body);
    }

    [Fact]
    public async Task Translator_WorksOnTheirLanguageOnly_AndCannotPublish()
    {
        var document = await CreateAsync();
        var french = await _newsroom.SaveVersionAsync(Translator, document.Slug, FrFr, new VersionEdit("Reprise des pourparlers", "Les négociateurs."), null);
        Assert.Equal((VersionState.Draft, 1, (int?)1), (french.State, french.Revision, french.SourceRevision));

        french = await _newsroom.SaveVersionAsync(Translator, document.Slug, FrFr, new VersionEdit("Reprise des pourparlers", "Les négociateurs se sont réunis."), 1);
        Assert.Equal(2, french.Revision);

        await Refused(EditorialErrorKind.Forbidden, () =>
            _newsroom.SaveVersionAsync(Translator, document.Slug, RuRu, new VersionEdit("Переговоры", "Текст."), null));
        await Refused(EditorialErrorKind.Forbidden, () =>
            _newsroom.SaveVersionAsync(Translator, document.Slug, EnGb, new VersionEdit("Mine", "Text."), 1));
        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.PublishAsync(Translator, document.Slug, FrFr));
        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.ApproveAsync(Translator, document.Slug, FrFr));
        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.DeleteDocumentAsync(Translator, document.Slug));

        // Published text is the editors' to change.
        await _newsroom.PublishAsync(Editor, document.Slug, FrFr);
        await Refused(EditorialErrorKind.Forbidden, () =>
            _newsroom.SaveVersionAsync(Translator, document.Slug, FrFr, new VersionEdit("Titre", "Texte."), 2));
        Assert.Null(await _store.FindDocumentAsync(document.Slug) is { } d ? d.Version(RuRu) : null);
    }

    [Fact]
    public async Task Reviewer_ApprovesButCannotEditOrPublish()
    {
        var document = await CreateAsync();
        await Refused(EditorialErrorKind.Forbidden, () =>
            _newsroom.SaveVersionAsync(Reviewer, document.Slug, EnGb, new VersionEdit("T", "B"), 1));
        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.SubmitAsync(Reviewer, document.Slug, EnGb));

        await _newsroom.SubmitAsync(Editor, document.Slug, EnGb);
        var approved = await _newsroom.ApproveAsync(Reviewer, document.Slug, EnGb);

        Assert.Equal(VersionState.Approved, approved.State);
        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.PublishAsync(Reviewer, document.Slug, EnGb));
    }

    [Fact]
    public async Task PublishNow_PublicAndFound()
    {
        var document = await CreateAsync();

        var published = await _newsroom.PublishAsync(Editor, document.Slug, EnGb);

        Assert.Equal((VersionState.Published, (DateTimeOffset?)Start), (published.State, published.PublishedAt));
        Assert.NotNull(await _newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Assert.Equal(1, Found("Geneva"));
        Assert.Equal(await _store.GetGenerationAsync(), _index.Generation);
    }

    [Fact]
    public async Task PublishAtAFutureTime_IsAnEmbargo_PublicFromThatInstantOn()
    {
        var document = await CreateAsync();
        var at = Start.AddHours(2);

        var scheduled = await _newsroom.PublishAsync(Editor, document.Slug, EnGb, at);

        Assert.Equal((VersionState.Published, (DateTimeOffset?)at), (scheduled.State, scheduled.PublishedAt));
        Assert.Null(await _newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Assert.Equal(0, Found("Geneva"));
        Assert.False(scheduled.IsPublicAt(at.AddMilliseconds(-1)));
        Assert.True(scheduled.IsPublicAt(at));

        _clock.SetUtcNow(at.AddMilliseconds(-1));
        Assert.Null(await _newsroom.GetVersionAsync(null, document.Slug, EnGb));
        _clock.SetUtcNow(at);
        Assert.NotNull(await _newsroom.GetVersionAsync(null, document.Slug, EnGb));

        // The host's embargo release indexes it when the time comes, as this does.
        await _index.UpdateAsync([(await _store.FindDocumentAsync(document.Slug))!], _clock.GetUtcNow());
        Assert.Equal(1, Found("Geneva"));
    }

    [Fact]
    public async Task Publish_EmbargoCanBeMoved_ButAPublicVersionCannotBePublishedAgain()
    {
        var document = await CreateAsync();
        await _newsroom.PublishAsync(Editor, document.Slug, EnGb, Start.AddHours(2));
        var moved = await _newsroom.PublishAsync(Editor, document.Slug, EnGb, Start.AddHours(1));
        Assert.Equal(Start.AddHours(1), moved.PublishedAt);

        _clock.SetUtcNow(Start.AddHours(1));
        await Refused(EditorialErrorKind.Invalid, () => _newsroom.PublishAsync(Editor, document.Slug, EnGb));
    }

    [Fact]
    public async Task Unpublish_GoneFromPublicAndSearch()
    {
        var document = await CreateAsync();
        await _newsroom.PublishAsync(Editor, document.Slug, EnGb);

        var withdrawn = await _newsroom.UnpublishAsync(Editor, document.Slug, EnGb);

        Assert.Equal((VersionState.Unpublished, (DateTimeOffset?)null), (withdrawn.State, withdrawn.PublishedAt));
        Assert.Null(await _newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Assert.Equal(0, Found("Geneva"));
        Assert.Equal(0, (await _store.ListPublishedAsync(null, _clock.GetUtcNow(), 0, 10)).Total);
    }

    [Fact]
    public async Task Delete_AdminOnly_GoneFromStoreAndSearch()
    {
        var document = await CreateAsync();
        await _newsroom.PublishAsync(Editor, document.Slug, EnGb);

        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.DeleteDocumentAsync(Editor, document.Slug));
        await _newsroom.DeleteDocumentAsync(Admin, document.Slug);

        Assert.Null(await _store.FindDocumentAsync(document.Slug));
        Assert.Equal(0, Found("Geneva"));
        await Refused(EditorialErrorKind.NotFound, () => _newsroom.DeleteDocumentAsync(Admin, document.Slug));
    }

    [Fact]
    public async Task Restore_MakesANewRevisionWithTheOldText()
    {
        var document = await CreateAsync();
        await _newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("Changed", "Changed body."), 1);

        var restored = await _newsroom.RestoreRevisionAsync(Editor, document.Slug, EnGb, 1, 2);

        Assert.Equal((3, "Ceasefire talks resume", "Negotiators met in Geneva."), (restored.Revision, restored.Title, restored.Body));
        await Assert.ThrowsAsync<EditConflictException>(() => _newsroom.RestoreRevisionAsync(Editor, document.Slug, EnGb, 1, 2));
        await Refused(EditorialErrorKind.NotFound, () => _newsroom.RestoreRevisionAsync(Editor, document.Slug, EnGb, 9, 3));
    }

    [Fact]
    public async Task EveryAction_WritesAnAuditEntryWithItsActor()
    {
        var document = await CreateAsync();
        var slug = document.Slug;
        await _newsroom.SaveVersionAsync(Translator, slug, FrFr, new VersionEdit("Titre", "Texte."), null);
        await _newsroom.SaveVersionAsync(Editor, slug, EnGb, new VersionEdit("Title", "Body."), 1);
        await _newsroom.SubmitAsync(Editor, slug, EnGb);
        await _newsroom.RejectAsync(Reviewer, slug, EnGb);
        await _newsroom.SubmitAsync(Editor, slug, EnGb);
        await _newsroom.ApproveAsync(Reviewer, slug, EnGb);
        await _newsroom.PublishAsync(Editor, slug, EnGb);
        await _newsroom.UnpublishAsync(Admin, slug, EnGb);
        await _newsroom.RestoreRevisionAsync(Editor, slug, EnGb, 1, 2);
        await _newsroom.DeleteDocumentAsync(Admin, slug);

        var log = await _newsroom.ListAuditAsync(Admin, 0, 100);

        Assert.Equal(
            [
                "ed document.create ceasefire-talks-resume/en-GB",
                "françoise version.create ceasefire-talks-resume/fr-FR",
                "ed version.save ceasefire-talks-resume/en-GB",
                "ed version.submit ceasefire-talks-resume/en-GB",
                "rita version.reject ceasefire-talks-resume/en-GB",
                "ed version.submit ceasefire-talks-resume/en-GB",
                "rita version.approve ceasefire-talks-resume/en-GB",
                "ed version.publish ceasefire-talks-resume/en-GB",
                "ada version.unpublish ceasefire-talks-resume/en-GB",
                "ed version.restore ceasefire-talks-resume/en-GB",
                "ada document.delete ceasefire-talks-resume",
            ],
            log.Reverse().Select(e => $"{e.Actor} {e.Action} {e.Target}"));
        await Refused(EditorialErrorKind.Forbidden, () => _newsroom.ListAuditAsync(Editor, 0, 10));
    }

    public static TheoryData<string, VersionState, bool> Transitions() => new()
    {
        { "submit", VersionState.Draft, true },
        { "submit", VersionState.InReview, false },
        { "submit", VersionState.Approved, false },
        { "submit", VersionState.Published, false },
        { "submit", VersionState.Unpublished, false },
        { "approve", VersionState.Draft, false },
        { "approve", VersionState.InReview, true },
        { "approve", VersionState.Approved, false },
        { "approve", VersionState.Published, false },
        { "approve", VersionState.Unpublished, false },
        { "reject", VersionState.Draft, false },
        { "reject", VersionState.InReview, true },
        { "reject", VersionState.Approved, false },
        { "reject", VersionState.Published, false },
        { "publish", VersionState.Draft, true },
        { "publish", VersionState.InReview, true },
        { "publish", VersionState.Approved, true },
        { "publish", VersionState.Published, false },
        { "publish", VersionState.Unpublished, true },
        { "unpublish", VersionState.Draft, false },
        { "unpublish", VersionState.InReview, false },
        { "unpublish", VersionState.Approved, false },
        { "unpublish", VersionState.Published, true },
        { "unpublish", VersionState.Unpublished, false },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task Transition_FollowsTheRules(string action, VersionState from, bool allowed)
    {
        var document = await CreateAsync();
        await PutInStateAsync(document.Slug, from);
        Func<Task<LanguageVersion>> act = action switch
        {
            "submit" => () => _newsroom.SubmitAsync(Admin, document.Slug, EnGb),
            "approve" => () => _newsroom.ApproveAsync(Admin, document.Slug, EnGb),
            "reject" => () => _newsroom.RejectAsync(Admin, document.Slug, EnGb),
            "publish" => () => _newsroom.PublishAsync(Admin, document.Slug, EnGb),
            _ => () => _newsroom.UnpublishAsync(Admin, document.Slug, EnGb),
        };

        if (allowed)
        {
            var expected = action switch
            {
                "submit" => VersionState.InReview,
                "approve" => VersionState.Approved,
                "reject" => VersionState.Draft,
                "publish" => VersionState.Published,
                _ => VersionState.Unpublished,
            };
            Assert.Equal(expected, (await act()).State);
        }
        else
        {
            var e = await Refused(EditorialErrorKind.Invalid, act);
            Assert.Contains(from.Name().Replace('_', ' '), e.Message, StringComparison.Ordinal);
            Assert.Equal(from, (await Stored(document.Slug, EnGb)).State);
        }
    }

    [Theory]
    [InlineData(VersionState.Draft, VersionState.Draft)]
    [InlineData(VersionState.InReview, VersionState.InReview)]
    [InlineData(VersionState.Approved, VersionState.InReview)]
    [InlineData(VersionState.Published, VersionState.Published)]
    [InlineData(VersionState.Unpublished, VersionState.Draft)]
    public async Task Save_StateAfterwards(VersionState before, VersionState after)
    {
        var document = await CreateAsync();
        await PutInStateAsync(document.Slug, before);

        var saved = await _newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("New title", "New body."), 1);

        Assert.Equal(after, saved.State);
        Assert.Equal(before == VersionState.Published, await _newsroom.GetVersionAsync(null, document.Slug, EnGb) is { Body: "New body." });
    }

    [Fact]
    public async Task Get_TranslatorReadsOriginalAndOwnLanguage_AnonymousOnlyPublic()
    {
        var document = await CreateAsync();
        await _newsroom.SaveVersionAsync(Editor, document.Slug, RuRu, new VersionEdit("Переговоры", "Текст."), null);

        Assert.NotNull(await _newsroom.GetVersionAsync(Translator, document.Slug, EnGb));
        Assert.Null(await _newsroom.GetVersionAsync(Translator, document.Slug, RuRu));
        Assert.Null(await _newsroom.GetVersionAsync(Editor with { Disabled = true }, document.Slug, RuRu));
        await Refused(EditorialErrorKind.NotFound, () => _newsroom.HistoryAsync(Translator, document.Slug, RuRu));
    }

    [Fact]
    public async Task List_FiltersByLanguageStateAndTitle_WithPaging()
    {
        await CreateAsync("Ceasefire talks resume");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var budget = await CreateAsync("Budget vote delayed", "MPs postponed the vote.");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _newsroom.SaveVersionAsync(Translator, budget.Slug, FrFr, new VersionEdit("Vote du budget reporté", "Les députés."), null);
        await _newsroom.PublishAsync(Editor, budget.Slug, EnGb);

        var all = await _newsroom.ListDocumentsAsync(Editor, new DocumentFilter());
        Assert.Equal(["budget-vote-delayed", "ceasefire-talks-resume"], all.Rows.Select(r => r.Slug));
        var row = all.Rows[0];
        Assert.Equal(["en-GB published ed", "fr-FR draft françoise"], row.Versions.Select(v => $"{v.Language} {v.State.Name()} {v.UpdatedBy}"));

        Assert.Equal(["budget-vote-delayed"], (await _newsroom.ListDocumentsAsync(Editor, new DocumentFilter(Language: FrFr))).Rows.Select(r => r.Slug));
        Assert.Equal(["ceasefire-talks-resume"], (await _newsroom.ListDocumentsAsync(Editor, new DocumentFilter(State: VersionState.Draft, Language: EnGb))).Rows.Select(r => r.Slug));
        Assert.Equal(["ceasefire-talks-resume"], (await _newsroom.ListDocumentsAsync(Editor, new DocumentFilter(Text: "CEASEFIRE"))).Rows.Select(r => r.Slug));
        var second = await _newsroom.ListDocumentsAsync(Editor, new DocumentFilter(Offset: 1, Limit: 1));
        Assert.Equal((2L, "ceasefire-talks-resume"), (second.Total, Assert.Single(second.Rows).Slug));
    }

    // Walks the original version into a state through the newsroom itself.
    private async Task PutInStateAsync(string slug, VersionState state)
    {
        switch (state)
        {
            case VersionState.Draft:
                break;
            case VersionState.InReview:
                await _newsroom.SubmitAsync(Editor, slug, EnGb);
                break;
            case VersionState.Approved:
                await _newsroom.SubmitAsync(Editor, slug, EnGb);
                await _newsroom.ApproveAsync(Reviewer, slug, EnGb);
                break;
            case VersionState.Published:
                await _newsroom.PublishAsync(Editor, slug, EnGb);
                break;
            case VersionState.Unpublished:
                await _newsroom.PublishAsync(Editor, slug, EnGb);
                await _newsroom.UnpublishAsync(Editor, slug, EnGb);
                break;
        }

        Assert.Equal(state, (await Stored(slug, EnGb)).State);
    }
}
