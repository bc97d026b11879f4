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

public sealed class NewsroomTests : NewsroomTestBase
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");

    private static readonly User Admin = new(1, "ada", Role.Admin, [], false, Start);
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);
    private static readonly User Translator = new(3, "françoise", Role.Translator, [FrFr], false, Start);
    private static readonly User Reviewer = new(4, "rita", Role.Reviewer, [], false, Start);


    private Task<Document> CreateAsync(string title = "Ceasefire talks resume", string body = "Negotiators met in Geneva.", string? slug = null) =>
        Newsroom.CreateDocumentAsync(Editor, new NewDocument(slug, EnGb, title, body, null, ["Politics", "politics", " "]));

    private int Found(string text) => Index.Search(new SearchQuery(text, null), Clock.GetUtcNow()).Total;

    private async Task<LanguageVersion> Stored(string slug, LanguageTag language) =>
        (await Store.FindDocumentAsync(slug))!.Version(language)!;

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
        Assert.Null(await Newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Assert.NotNull(await Newsroom.GetVersionAsync(Reviewer, document.Slug, EnGb));
        Assert.Equal(0, Found("Geneva"));
        Assert.Equal(await Store.GetGenerationAsync(), Index.Generation);
    }

    [Fact]
    public async Task Create_TakenOrInvalidSlug_Refused()
    {
        await CreateAsync();
        await Refused(EditorialErrorKind.Conflict, () => CreateAsync());
        await Refused(EditorialErrorKind.Invalid, () => CreateAsync(slug: "../etc/passwd"));
        Assert.Contains("search page", (await Refused(EditorialErrorKind.Invalid, () => CreateAsync(slug: "search"))).Message, StringComparison.Ordinal);
        await Refused(EditorialErrorKind.Invalid, () => CreateAsync(slug: null, title: "Search"));
        await Refused(EditorialErrorKind.Invalid, () => CreateAsync(title: "«»"));
        await Refused(EditorialErrorKind.Invalid, () => CreateAsync(title: "  "));
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.CreateDocumentAsync(Translator, new NewDocument(null, FrFr, "Titre", "Texte")));
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.CreateDocumentAsync(Reviewer, new NewDocument(null, EnGb, "Title", "Text")));
        Assert.Equal(1, await Store.CountDocumentsAsync());
    }

    [Fact]
    public async Task Save_WithCurrentRevision_MakesRevisionTwo()
    {
        var document = await CreateAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));

        var saved = await Newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("Ceasefire talks resume", "Negotiators met in Geneva on Monday."), 1);

        Assert.Equal(2, saved.Revision);
        Assert.Equal(VersionState.Draft, saved.State);
        Assert.Equal(Clock.GetUtcNow(), saved.UpdatedAt);
        var history = await Newsroom.HistoryAsync(Reviewer, document.Slug, EnGb);
        Assert.Equal([2, 1], history.Select(r => r.Revision));
        Assert.All(history, r => Assert.Equal("ed", r.CreatedBy));
        Assert.Equal("Negotiators met in Geneva.", history[1].Body);
    }

    [Fact]
    public async Task Save_WithStaleRevision_ConflictCarriesCurrentText_StoreUnchanged()
    {
        var document = await CreateAsync();
        await Newsroom.SaveVersionAsync(Admin, document.Slug, EnGb, new VersionEdit("Talks resume", "The other editor's text."), 1);
        var before = DocumentText.Describe(await Store.FindDocumentAsync(document.Slug));

        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            Newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("Mine", "My text."), 1));

        Assert.Equal(EditorialErrorKind.Conflict, conflict.Kind);
        Assert.Equal("The other editor's text.", conflict.Current.Body);
        Assert.Equal(2, conflict.Current.Revision);
        Assert.Equal(before, DocumentText.Describe(await Store.FindDocumentAsync(document.Slug)));
    }

    [Fact]
    public async Task Save_NullExpectedRevisionOnExistingVersion_PreconditionRequired()
    {
        var document = await CreateAsync();
        await Refused(EditorialErrorKind.PreconditionRequired, () =>
            Newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("T", "B"), null));
        Assert.Equal(1, (await Stored(document.Slug, EnGb)).Revision);
    }

    [Fact]
    public async Task Store_CompareAndSet_OnlyOneOfTwoWritesFromTheSameRevisionWins()
    {
        var document = await CreateAsync();
        var current = await Stored(document.Slug, EnGb);
        var audit = new AuditEntry(0, Start, "ed", "version.save", $"{document.Slug}/en-GB", null);

        var first = await Store.SaveVersionAsync(document.Slug, current with { Body = "first", Revision = 2 }, 1, audit);
        var second = await Store.SaveVersionAsync(document.Slug, current with { Body = "second", Revision = 2 }, 1, audit);
        var insertAgain = await Store.SaveVersionAsync(document.Slug, current with { Body = "third" }, null, audit);

        var staleState = await Store.SaveVersionAsync(
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
        var french = await Newsroom.SaveVersionAsync(Translator, document.Slug, FrFr, new VersionEdit("Reprise des pourparlers", "Les négociateurs."), null);
        Assert.Equal((VersionState.Draft, 1, (int?)1), (french.State, french.Revision, french.SourceRevision));

        french = await Newsroom.SaveVersionAsync(Translator, document.Slug, FrFr, new VersionEdit("Reprise des pourparlers", "Les négociateurs se sont réunis."), 1);
        Assert.Equal(2, french.Revision);

        await Refused(EditorialErrorKind.Forbidden, () =>
            Newsroom.SaveVersionAsync(Translator, document.Slug, RuRu, new VersionEdit("Переговоры", "Текст."), null));
        await Refused(EditorialErrorKind.Forbidden, () =>
            Newsroom.SaveVersionAsync(Translator, document.Slug, EnGb, new VersionEdit("Mine", "Text."), 1));
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.PublishAsync(Translator, document.Slug, FrFr));
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.ApproveAsync(Translator, document.Slug, FrFr));
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.DeleteDocumentAsync(Translator, document.Slug));

        // A published translation stays the translator's to work on: a save goes to a working copy, never live.
        await Newsroom.SubmitAsync(Translator, document.Slug, FrFr);
        await Newsroom.ApproveAsync(Reviewer, document.Slug, FrFr);
        await Newsroom.PublishAsync(Editor, document.Slug, FrFr);
        var working = await Newsroom.SaveVersionAsync(Translator, document.Slug, FrFr, new VersionEdit("Titre", "Texte.", null, "Shorter."), 2);
        Assert.Equal((VersionState.Published, 2, VersionState.Draft, 3), (working.State, working.Revision, working.Working!.State, working.Working.Revision));
        Assert.Equal("Les négociateurs se sont réunis.", (await Newsroom.GetVersionAsync(null, document.Slug, FrFr))!.Body);
        await Newsroom.SubmitAsync(Translator, document.Slug, FrFr);
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.PublishAsync(Translator, document.Slug, FrFr));
        Assert.Null(await Store.FindDocumentAsync(document.Slug) is { } d ? d.Version(RuRu) : null);
    }

    [Fact]
    public async Task Reviewer_ApprovesButCannotEditOrPublish()
    {
        var document = await CreateAsync();
        await Refused(EditorialErrorKind.Forbidden, () =>
            Newsroom.SaveVersionAsync(Reviewer, document.Slug, EnGb, new VersionEdit("T", "B"), 1));
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.SubmitAsync(Reviewer, document.Slug, EnGb));

        await Newsroom.SubmitAsync(Editor, document.Slug, EnGb);
        var approved = await Newsroom.ApproveAsync(Reviewer, document.Slug, EnGb);

        Assert.Equal(VersionState.Approved, approved.State);
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.PublishAsync(Reviewer, document.Slug, EnGb));
    }

    [Fact]
    public async Task PublishNow_PublicAndFound()
    {
        var document = await CreateAsync();

        var published = await PublishAsync(document.Slug);

        Assert.Equal((VersionState.Published, (DateTimeOffset?)Start), (published.State, published.PublishedAt));
        Assert.NotNull(await Newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Assert.Equal(1, Found("Geneva"));
        Assert.Equal(await Store.GetGenerationAsync(), Index.Generation);
    }

    [Fact]
    public async Task PublishAtAFutureTime_IsAnEmbargo_PublicFromThatInstantOn()
    {
        var document = await CreateAsync();
        var at = Start.AddHours(2);

        var scheduled = await PublishAsync(document.Slug, at: at);

        Assert.Equal((VersionState.Published, (DateTimeOffset?)at), (scheduled.State, scheduled.PublishedAt));
        Assert.Null(await Newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Assert.Equal(0, Found("Geneva"));
        Assert.False(scheduled.IsPublicAt(at.AddMilliseconds(-1)));
        Assert.True(scheduled.IsPublicAt(at));

        Clock.SetUtcNow(at.AddMilliseconds(-1));
        Assert.Null(await Newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Clock.SetUtcNow(at);
        Assert.NotNull(await Newsroom.GetVersionAsync(null, document.Slug, EnGb));

        // The host's embargo release indexes it when the time comes, as this does.
        await Index.UpdateAsync([(await Store.FindDocumentAsync(document.Slug))!], Clock.GetUtcNow());
        Assert.Equal(1, Found("Geneva"));
    }

    [Fact]
    public async Task Publish_EmbargoCanBeMoved_ButAPublicVersionCannotBePublishedAgain()
    {
        var document = await CreateAsync();
        await PublishAsync(document.Slug, at: Start.AddHours(2));
        var moved = await Newsroom.PublishAsync(Editor, document.Slug, EnGb, Start.AddHours(1));
        Assert.Equal(Start.AddHours(1), moved.PublishedAt);

        Clock.SetUtcNow(Start.AddHours(1));
        await Refused(EditorialErrorKind.Invalid, () => Newsroom.PublishAsync(Editor, document.Slug, EnGb));
    }

    [Fact]
    public async Task Unpublish_GoneFromPublicAndSearch()
    {
        var document = await CreateAsync();
        await PublishAsync(document.Slug);

        var withdrawn = await Newsroom.UnpublishAsync(Editor, document.Slug, EnGb);

        Assert.Equal((VersionState.Unpublished, (DateTimeOffset?)null), (withdrawn.State, withdrawn.PublishedAt));
        Assert.Null(await Newsroom.GetVersionAsync(null, document.Slug, EnGb));
        Assert.Equal(0, Found("Geneva"));
        Assert.Equal(0, (await Store.ListPublishedAsync(null, Clock.GetUtcNow(), 0, 10)).Total);
    }

    [Fact]
    public async Task Delete_AdminOnly_GoneFromStoreAndSearch()
    {
        var document = await CreateAsync();
        await PublishAsync(document.Slug);

        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.DeleteDocumentAsync(Editor, document.Slug));
        await Newsroom.DeleteDocumentAsync(Admin, document.Slug);

        Assert.Null(await Store.FindDocumentAsync(document.Slug));
        Assert.Equal(0, Found("Geneva"));
        await Refused(EditorialErrorKind.NotFound, () => Newsroom.DeleteDocumentAsync(Admin, document.Slug));
    }

    [Fact]
    public async Task Restore_MakesANewRevisionWithTheOldText()
    {
        var document = await CreateAsync();
        await Newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("Changed", "Changed body."), 1);

        var restored = await Newsroom.RestoreRevisionAsync(Editor, document.Slug, EnGb, 1, 2);

        Assert.Equal((3, "Ceasefire talks resume", "Negotiators met in Geneva."), (restored.Revision, restored.Title, restored.Body));
        await Assert.ThrowsAsync<EditConflictException>(() => Newsroom.RestoreRevisionAsync(Editor, document.Slug, EnGb, 1, 2));
        await Refused(EditorialErrorKind.NotFound, () => Newsroom.RestoreRevisionAsync(Editor, document.Slug, EnGb, 9, 3));
    }

    [Fact]
    public async Task EveryAction_WritesAnAuditEntryWithItsActor()
    {
        var document = await CreateAsync();
        var slug = document.Slug;
        await Newsroom.SaveVersionAsync(Translator, slug, FrFr, new VersionEdit("Titre", "Texte."), null);
        await Newsroom.SaveVersionAsync(Editor, slug, EnGb, new VersionEdit("Title", "Body."), 1);
        await Newsroom.SubmitAsync(Editor, slug, EnGb);
        await Newsroom.RejectAsync(Reviewer, slug, EnGb, "Too long.");
        await Newsroom.SubmitAsync(Editor, slug, EnGb);
        await Newsroom.ApproveAsync(Reviewer, slug, EnGb);
        await Newsroom.PublishAsync(Editor, slug, EnGb);
        await Newsroom.UnpublishAsync(Admin, slug, EnGb);
        await Newsroom.RestoreRevisionAsync(Editor, slug, EnGb, 1, 2);
        await Newsroom.DeleteDocumentAsync(Admin, slug);

        var log = await Newsroom.ListAuditAsync(Admin, 0, 100);

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
        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.ListAuditAsync(Editor, 0, 10));
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
        { "reject", VersionState.Approved, true },
        { "reject", VersionState.Published, false },
        { "publish", VersionState.Draft, false },
        { "publish", VersionState.InReview, false },
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
            "submit" => () => Newsroom.SubmitAsync(Admin, document.Slug, EnGb),
            "approve" => () => Newsroom.ApproveAsync(Admin, document.Slug, EnGb),
            "reject" => () => Newsroom.RejectAsync(Admin, document.Slug, EnGb, "Too long."),
            "publish" => () => Newsroom.PublishAsync(Admin, document.Slug, EnGb),
            _ => () => Newsroom.UnpublishAsync(Admin, document.Slug, EnGb),
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
    [InlineData(VersionState.Draft, VersionState.Draft, null)]
    [InlineData(VersionState.InReview, VersionState.InReview, null)]
    [InlineData(VersionState.Approved, VersionState.InReview, null)]
    [InlineData(VersionState.Published, VersionState.Published, VersionState.Draft)]
    [InlineData(VersionState.Unpublished, VersionState.Unpublished, VersionState.Draft)]
    public async Task Save_StateAfterwards_LiveTextNeverChanges(VersionState before, VersionState after, VersionState? working)
    {
        var document = await CreateAsync();
        await PutInStateAsync(document.Slug, before);
        var publicBefore = await Newsroom.GetVersionAsync(null, document.Slug, EnGb);

        var saved = await Newsroom.SaveVersionAsync(Editor, document.Slug, EnGb, new VersionEdit("New title", "New body.", null, "Rewritten."), 1);

        Assert.Equal((after, working), (saved.State, saved.Working?.State));
        Assert.Equal(2, saved.Latest.Revision);
        Assert.Equal("New body.", saved.Latest.Body);
        Assert.Equal(publicBefore?.Body, (await Newsroom.GetVersionAsync(null, document.Slug, EnGb))?.Body);
        Assert.Equal(before == VersionState.Published ? "Negotiators met in Geneva." : null, (await Newsroom.GetVersionAsync(null, document.Slug, EnGb))?.Body);
    }

    [Fact]
    public async Task Get_TranslatorReadsOriginalAndOwnLanguage_AnonymousOnlyPublic()
    {
        var document = await CreateAsync();
        await Newsroom.SaveVersionAsync(Editor, document.Slug, RuRu, new VersionEdit("Переговоры", "Текст."), null);

        Assert.NotNull(await Newsroom.GetVersionAsync(Translator, document.Slug, EnGb));
        Assert.Null(await Newsroom.GetVersionAsync(Translator, document.Slug, RuRu));
        Assert.Null(await Newsroom.GetVersionAsync(Editor with { Disabled = true }, document.Slug, RuRu));
        await Refused(EditorialErrorKind.NotFound, () => Newsroom.HistoryAsync(Translator, document.Slug, RuRu));
    }

    [Fact]
    public async Task List_FiltersByLanguageStateAndTitle_WithPaging()
    {
        await CreateAsync("Ceasefire talks resume");
        Clock.Advance(TimeSpan.FromMinutes(1));
        var budget = await CreateAsync("Budget vote delayed", "MPs postponed the vote.");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Newsroom.SaveVersionAsync(Translator, budget.Slug, FrFr, new VersionEdit("Vote du budget reporté", "Les députés."), null);
        await PublishAsync(budget.Slug);

        var all = await Newsroom.ListDocumentsAsync(Editor, new DocumentFilter());
        Assert.Equal(["budget-vote-delayed", "ceasefire-talks-resume"], all.Rows.Select(r => r.Slug));
        var row = all.Rows[0];
        Assert.Equal(["en-GB published ed", "fr-FR draft françoise"], row.Versions.Select(v => $"{v.Language} {v.State.Name()} {v.UpdatedBy}"));

        Assert.Equal(["budget-vote-delayed"], (await Newsroom.ListDocumentsAsync(Editor, new DocumentFilter(Language: FrFr))).Rows.Select(r => r.Slug));
        Assert.Equal(["ceasefire-talks-resume"], (await Newsroom.ListDocumentsAsync(Editor, new DocumentFilter(State: VersionState.Draft, Language: EnGb))).Rows.Select(r => r.Slug));
        Assert.Equal(["ceasefire-talks-resume"], (await Newsroom.ListDocumentsAsync(Editor, new DocumentFilter(Text: "CEASEFIRE"))).Rows.Select(r => r.Slug));
        var second = await Newsroom.ListDocumentsAsync(Editor, new DocumentFilter(Offset: 1, Limit: 1));
        Assert.Equal((2L, "ceasefire-talks-resume"), (second.Total, Assert.Single(second.Rows).Slug));
    }

    // Walks the original version into a state through the newsroom itself.
    /// <summary>Submits the text under work (written by the editor) and has the reviewer approve it: what publishing needs.</summary>
    private async Task ApproveAsync(string slug, LanguageTag? language = null)
    {
        await Newsroom.SubmitAsync(Editor, slug, language ?? EnGb);
        await Newsroom.ApproveAsync(Reviewer, slug, language ?? EnGb);
    }

    /// <summary>Approves the text under work by a second person, then publishes it (at <paramref name="at"/>, or now).</summary>
    private async Task<LanguageVersion> PublishAsync(string slug, LanguageTag? language = null, DateTimeOffset? at = null)
    {
        await ApproveAsync(slug, language);
        return await Newsroom.PublishAsync(Editor, slug, language ?? EnGb, at);
    }

    private async Task PutInStateAsync(string slug, VersionState state)
    {
        switch (state)
        {
            case VersionState.Draft:
                break;
            case VersionState.InReview:
                await Newsroom.SubmitAsync(Editor, slug, EnGb);
                break;
            case VersionState.Approved:
                await Newsroom.SubmitAsync(Editor, slug, EnGb);
                await Newsroom.ApproveAsync(Reviewer, slug, EnGb);
                break;
            case VersionState.Published:
                await PublishAsync(slug);
                break;
            case VersionState.Unpublished:
                await PublishAsync(slug);
                await Newsroom.UnpublishAsync(Editor, slug, EnGb);
                break;
        }

        Assert.Equal(state, (await Stored(slug, EnGb)).State);
    }
}
