using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;

namespace Hexapla.Tests.Editorial;

/// <summary>Live text and the text being worked on: corrections, review by a second person, releases at one instant.</summary>
public sealed class WorkingCopyTests : NewsroomTestBase
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");

    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);
    private static readonly User SecondEditor = new(3, "eva", Role.Editor, [], false, Start);
    private static readonly User Translator = new(4, "tom", Role.Translator, [EnGb], false, Start);
    private static readonly User Reviewer = new(5, "rita", Role.Reviewer, [], false, Start);

    private const string Slug = "situation";
    private const string RussianBody = "Первый абзац о переговорах.\n\nВторой абзац о помощи.\n\nТретий абзац.";
    private const string EnglishBody = "First paragraph on the talks.\n\nSecond paragraph on aid.\n\nThird paragraph.";

    protected override async Task SetUpAsync()
    {
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument(Slug, RuRu, "Ситуация", RussianBody));
        await Newsroom.PublishReviewedAsync(Editor, Slug, RuRu);
        await Newsroom.SaveVersionAsync(Translator, Slug, EnGb, new VersionEdit("The situation", EnglishBody), null);
        await Newsroom.SubmitAsync(Translator, Slug, EnGb);
        await Newsroom.ApproveAsync(Reviewer, Slug, EnGb);
        await Newsroom.PublishAsync(Editor, Slug, EnGb);
        Clock.Advance(TimeSpan.FromHours(1));
    }

    private Task<LanguageVersion?> PublicAsync(LanguageTag language) => Newsroom.GetVersionAsync(null, Slug, language);

    private async Task<Document> StoredAsync() => (await Store.FindDocumentAsync(Slug))!;

    private int Found(string word) => Index.Search(new SearchQuery(word, null), Clock.GetUtcNow()).Total;

    private static async Task<EditorialException> Refused(EditorialErrorKind kind, Func<Task> action)
    {
        var e = await Assert.ThrowsAnyAsync<EditorialException>(action);
        Assert.Equal(kind, e.Kind);
        return e;
    }

    private async Task<LanguageVersion> CorrectRussianAsync(string note = "Помощь ООН уточнена.")
    {
        var russian = (await StoredAsync()).Version(RuRu)!;
        return await Newsroom.SaveVersionAsync(Editor, Slug, RuRu,
            new VersionEdit(russian.Title, RussianBody.Replace("о помощи", "о гуманитарной помощи ООН", StringComparison.Ordinal), null, note), russian.Latest.Revision);
    }

    [Fact]
    public async Task TheWholeLoop_CorrectionAndTranslationGoLiveTogetherAtTheReleaseInstant()
    {
        // An editor corrects paragraph 2 of the published original, with a note: the public page is unchanged.
        var corrected = await CorrectRussianAsync();
        Assert.Equal((VersionState.Published, 1, VersionState.Draft, 2), (corrected.State, corrected.Revision, corrected.Working!.State, corrected.Working.Revision));
        Assert.Equal(RussianBody, (await PublicAsync(RuRu))!.Body);
        Assert.Equal(0, Found("ООН"));

        // The English translator sees exactly that paragraph outdated.
        var document = await StoredAsync();
        var status = TranslationStatus.Of(document, EnGb);
        Assert.Equal([document.Version(RuRu)!.Working!.Segments[1].Id], status.Outdated);

        // … updates a working copy of the published English (which stays live), and submits.
        var english = document.Version(EnGb)!;
        var working = await Newsroom.SaveVersionAsync(Translator, Slug, EnGb,
            new VersionEdit(english.Title, EnglishBody.Replace("on aid", "on UN humanitarian aid", StringComparison.Ordinal), null, "Follows the original."), english.Latest.Revision);
        Assert.Equal((VersionState.Published, VersionState.Draft), (working.State, working.Working!.State));
        Assert.Equal(EnglishBody, (await PublicAsync(EnGb))!.Body);
        await Newsroom.SubmitAsync(Translator, Slug, EnGb);
        await Newsroom.SubmitAsync(Editor, Slug, RuRu);

        // A second editor approves both and schedules them as one release a few seconds ahead.
        await Newsroom.ApproveAsync(SecondEditor, Slug, RuRu);
        await Newsroom.ApproveAsync(SecondEditor, Slug, EnGb);
        var at = Clock.GetUtcNow().AddSeconds(5);
        var release = await Newsroom.ReleaseAsync(SecondEditor, [new ReleaseMember(Slug, RuRu, 2), new ReleaseMember(Slug, EnGb, 2)], at);
        Assert.Equal(ReleaseState.Pending, release.State);

        // Before the instant neither change is visible, even if the runner looks.
        Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await Newsroom.RunDueReleasesAsync());
        Assert.Equal(RussianBody, (await PublicAsync(RuRu))!.Body);
        Assert.Equal(EnglishBody, (await PublicAsync(EnGb))!.Body);
        Assert.Equal((0, 0), (Found("ООН"), Found("UN")));
        Assert.Equal(at, await Newsroom.NextReleaseAsync());

        // After it, both are, with "Updated" and the note; the outdated flag is gone.
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Newsroom.RunDueReleasesAsync());
        var russian = (await PublicAsync(RuRu))!;
        var englishLive = (await PublicAsync(EnGb))!;
        Assert.Contains("ООН", russian.Body, StringComparison.Ordinal);
        Assert.Contains("UN humanitarian", englishLive.Body, StringComparison.Ordinal);
        Assert.Equal((at, "Помощь ООН уточнена.", 2), (russian.CorrectedAt, russian.CorrectionNote, russian.Revision));
        Assert.Equal((at, "Follows the original."), (englishLive.CorrectedAt, englishLive.CorrectionNote));
        Assert.Equal(Start, russian.PublishedAt);
        Assert.Equal((1, 1), (Found("ООН"), Found("humanitarian")));
        var after = await StoredAsync();
        Assert.True(TranslationStatus.Of(after, EnGb).IsUpToDate);
        Assert.Null(after.Version(RuRu)!.Working);
        Assert.Equal(ReleaseState.Done, (await Store.FindReleaseAsync(release.Id))!.State);
        Assert.Null(await Newsroom.NextReleaseAsync());
    }

    [Fact]
    public async Task Review_TheLastAuthorCannotApprove_AndUnapprovedTextIsNotPublished()
    {
        await CorrectRussianAsync();
        var refusal = await Refused(EditorialErrorKind.Invalid, () => Newsroom.PublishAsync(Editor, Slug, RuRu));
        Assert.Contains("not approved", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("other than ed", refusal.Message, StringComparison.Ordinal);

        await Newsroom.SubmitAsync(Editor, Slug, RuRu);
        refusal = await Refused(EditorialErrorKind.Forbidden, () => Newsroom.ApproveAsync(Editor, Slug, RuRu));
        Assert.Contains("other than ed must approve", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(RussianBody, (await PublicAsync(RuRu))!.Body);

        await Newsroom.ApproveAsync(Reviewer, Slug, RuRu);
        var live = await Newsroom.PublishAsync(Editor, Slug, RuRu);
        Assert.Equal((2, (LanguageVersion?)null, Clock.GetUtcNow()), (live.Revision, live.Working, live.CorrectedAt));
        Assert.Contains("ООН", (await PublicAsync(RuRu))!.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_OffForAOnePersonOffice_PublishesUnreviewedText()
    {
        var newsroom = new Newsroom(Store, Index, Clock) { RequireSecondPerson = false };
        var russian = (await StoredAsync()).Version(RuRu)!;
        await newsroom.SaveVersionAsync(Editor, Slug, RuRu, new VersionEdit(russian.Title, "Новый текст.", null, "Переписано."), 1);

        Assert.Equal("Новый текст.", (await newsroom.PublishAsync(Editor, Slug, RuRu)).Body);
    }

    [Fact]
    public async Task Reject_NeedsAReason_WhichTheAuthorSeesUntilTheyResubmit()
    {
        await CorrectRussianAsync();
        await Newsroom.SubmitAsync(Editor, Slug, RuRu);
        var refusal = await Refused(EditorialErrorKind.Invalid, () => Newsroom.RejectAsync(Reviewer, Slug, RuRu, "  "));
        Assert.Equal("reason", refusal.Field);

        var rejected = await Newsroom.RejectAsync(Reviewer, Slug, RuRu, "Cite the UN resolution.");
        Assert.Equal((VersionState.Draft, "Cite the UN resolution."), (rejected.Working!.State, rejected.Working.Rejection));
        Assert.Equal("Cite the UN resolution.", (await StoredAsync()).Version(RuRu)!.Work!.Rejection);
        Assert.Contains(await Store.ListAuditOfAsync($"{Slug}/ru-RU"), e => e.Action == "version.reject" && e.Detail == "Cite the UN resolution.");

        var resubmitted = await Newsroom.SubmitAsync(Editor, Slug, RuRu);
        Assert.Null(resubmitted.Working!.Rejection);
    }

    [Fact]
    public async Task Save_PublishedTextWithoutANote_IsRefusedAndNothingChanges()
    {
        var before = await StoredAsync();
        var refusal = await Refused(EditorialErrorKind.Invalid, () =>
            Newsroom.SaveVersionAsync(Editor, Slug, RuRu, new VersionEdit("Ситуация", "Другой текст."), 1));

        Assert.Equal("note", refusal.Field);
        Assert.Equal(DocumentText.Describe(before), DocumentText.Describe(await StoredAsync()));
    }

    [Fact]
    public async Task Release_AMemberChangedAfterApproval_FailsWholeNamingIt_NothingGoesLive()
    {
        await CorrectRussianAsync();
        await Newsroom.SubmitAsync(Editor, Slug, RuRu);
        await Newsroom.ApproveAsync(Reviewer, Slug, RuRu);
        var english = (await StoredAsync()).Version(EnGb)!;
        await Newsroom.SaveVersionAsync(Translator, Slug, EnGb, new VersionEdit(english.Title, "Changed.", null, "Shorter."), english.Revision);
        await Newsroom.SubmitAsync(Translator, Slug, EnGb);
        await Newsroom.ApproveAsync(Reviewer, Slug, EnGb);
        var release = await Newsroom.ReleaseAsync(Editor, [new ReleaseMember(Slug, RuRu, 2), new ReleaseMember(Slug, EnGb, 2)], Clock.GetUtcNow().AddMinutes(5));

        // The translator changes the English after approval: it is back in review, at revision 3.
        await Newsroom.SaveVersionAsync(Translator, Slug, EnGb, new VersionEdit(english.Title, "Changed again.", null, "Again."), 2);
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await Newsroom.RunDueReleasesAsync());

        var failed = (await Store.FindReleaseAsync(release.Id))!;
        Assert.Equal(ReleaseState.Failed, failed.State);
        Assert.Contains("en-GB version of \"situation\" is at revision 3, not 2", failed.Outcome, StringComparison.Ordinal);
        Assert.Equal(RussianBody, (await PublicAsync(RuRu))!.Body);
        Assert.Equal(EnglishBody, (await PublicAsync(EnGb))!.Body);
    }

    [Fact]
    public async Task Release_NotApprovedOrNamedTwiceOrNotReady_IsRefusedNamingTheMember()
    {
        await CorrectRussianAsync();
        var refusal = await Refused(EditorialErrorKind.Invalid, () => Newsroom.ReleaseAsync(Editor, [new ReleaseMember(Slug, RuRu, 2)]));
        Assert.Contains("ru-RU version of \"situation\" is draft, not approved", refusal.Message, StringComparison.Ordinal);

        refusal = await Refused(EditorialErrorKind.Invalid, () => Newsroom.ReleaseAsync(Editor, [new ReleaseMember(Slug, EnGb, 2)]));
        Assert.Contains("Nobody is working on the en-GB version", refusal.Message, StringComparison.Ordinal);

        refusal = await Refused(EditorialErrorKind.Invalid, () => Newsroom.ReleaseAsync(Editor, [new ReleaseMember(Slug, RuRu, 2), new ReleaseMember(Slug, RuRu, 2)]));
        Assert.Contains("named twice", refusal.Message, StringComparison.Ordinal);

        await Refused(EditorialErrorKind.Forbidden, () => Newsroom.ReleaseAsync(Translator, [new ReleaseMember(Slug, RuRu, 2)]));
        Assert.Empty(await Store.ListReleasesAsync(pendingOnly: false, 10));
    }

    [Fact]
    public async Task Release_AtAPastInstant_PublishesNow()
    {
        await CorrectRussianAsync();
        await Newsroom.SubmitAsync(Editor, Slug, RuRu);
        await Newsroom.ApproveAsync(Reviewer, Slug, RuRu);

        var release = await Newsroom.ReleaseAsync(Editor, [new ReleaseMember(Slug, RuRu, 2)], Clock.GetUtcNow().AddDays(-1));

        Assert.Equal(ReleaseState.Done, release.State);
        Assert.Equal(Clock.GetUtcNow(), (await PublicAsync(RuRu))!.CorrectedAt);
        Assert.Empty(await Store.ListReleasesAsync(pendingOnly: true, 10));
    }

    [Fact]
    public async Task Discard_LeavesTheLiveTextAndHistory_RefusedWhileAReleaseHoldsIt()
    {
        await CorrectRussianAsync();
        await Newsroom.SubmitAsync(Editor, Slug, RuRu);
        await Newsroom.ApproveAsync(Reviewer, Slug, RuRu);
        var release = await Newsroom.ReleaseAsync(Editor, [new ReleaseMember(Slug, RuRu, 2)], Clock.GetUtcNow().AddHours(1));

        var refusal = await Refused(EditorialErrorKind.Conflict, () => Newsroom.DiscardWorkingCopyAsync(Editor, Slug, RuRu));
        Assert.Contains($"release {release.Id}", refusal.Message, StringComparison.Ordinal);

        await Newsroom.CancelReleaseAsync(Editor, release.Id);
        var discarded = await Newsroom.DiscardWorkingCopyAsync(Editor, Slug, RuRu);
        Assert.Null(discarded.Working);
        Assert.Equal((1, RussianBody), (discarded.Revision, discarded.Body));
        Assert.Equal([2, 1], (await Store.ListRevisionsAsync(Slug, RuRu)).Select(r => r.Revision));

        // The next correction takes a number above the discarded one.
        var next = await CorrectRussianAsync("Ещё раз.");
        Assert.Equal(3, next.Working!.Revision);
        await Refused(EditorialErrorKind.Invalid, () => Newsroom.CancelReleaseAsync(Editor, release.Id));
    }

    [Fact]
    public async Task PublishNow_IsRefusedWhileAReleaseHoldsTheVersion_SoNothingGoesLiveBeforeItsInstant()
    {
        // A correction of the live original, and a new translation never live, both held by a release an hour ahead.
        var corrected = await CorrectRussianAsync();
        await Newsroom.SubmitAsync(Editor, Slug, RuRu);
        await Newsroom.ApproveAsync(Reviewer, Slug, RuRu);
        var french = LanguageTag.Parse("fr-FR");
        await Newsroom.SaveVersionAsync(Editor, Slug, french, new VersionEdit("La situation", "Premier paragraphe sur l'aide de l'ONU."), null);
        await Newsroom.SubmitAsync(Editor, Slug, french);
        await Newsroom.ApproveAsync(Reviewer, Slug, french);
        var release = await Newsroom.ReleaseAsync(Editor, [new ReleaseMember(Slug, RuRu, 2), new ReleaseMember(Slug, french, 1)], Clock.GetUtcNow().AddHours(1));

        foreach (var language in new[] { RuRu, french })
        {
            var refusal = await Refused(EditorialErrorKind.Conflict, () => Newsroom.PublishAsync(Editor, Slug, language));
            Assert.Contains($"release {release.Id}", refusal.Message, StringComparison.Ordinal);
        }

        Assert.Equal(RussianBody, (await PublicAsync(RuRu))!.Body);
        Assert.Null(await PublicAsync(french));
        Assert.Equal(0, Found("ООН"));

        // Once the release is called off, publishing now is the editor's call again.
        await Newsroom.CancelReleaseAsync(Editor, release.Id);
        var published = await Newsroom.PublishAsync(Editor, Slug, RuRu);
        Assert.Equal(corrected.Working!.Body, published.Body);
        Assert.Equal(corrected.Working.Body, (await PublicAsync(RuRu))!.Body);
    }

    [Fact]
    public async Task KeepAsIs_NeedsANote_WritesNoRevision_AndShowsInHistory()
    {
        await CorrectRussianAsync();
        var document = await StoredAsync();
        var outdated = Assert.Single(TranslationStatus.Of(document, EnGb).Outdated);
        var englishSegment = document.Version(EnGb)!.Links.Single(l => l.SourceId == outdated).Id;

        await Refused(EditorialErrorKind.Invalid, () => Newsroom.MarkSegmentsCurrentAsync(Translator, Slug, EnGb, [englishSegment], 1, null));
        var kept = await Newsroom.MarkSegmentsCurrentAsync(Translator, Slug, EnGb, [englishSegment], 1, "Only the Russian wording changed.");

        Assert.Equal((1, (LanguageVersion?)null), (kept.Revision, kept.Working));
        Assert.True(TranslationStatus.Of(await StoredAsync(), EnGb).IsUpToDate);
        Assert.Single(await Store.ListRevisionsAsync(Slug, EnGb));
        Assert.Contains(await Store.ListAuditOfAsync($"{Slug}/en-GB"), e => e.Action == "version.keep" && e.Detail!.EndsWith("Only the Russian wording changed.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_MakesAWorkingCopyThatGoesThroughReview()
    {
        var corrected = await CorrectRussianAsync();
        await Newsroom.SubmitAsync(Editor, Slug, RuRu);
        await Newsroom.ApproveAsync(Reviewer, Slug, RuRu);
        await Newsroom.PublishAsync(Editor, Slug, RuRu);

        var restored = await Newsroom.RestoreRevisionAsync(Editor, Slug, RuRu, 1, 2);

        Assert.Equal((2, VersionState.Draft, 3, RussianBody), (restored.Revision, restored.Working!.State, restored.Working.Revision, restored.Working.Body));
        Assert.Equal("Restored from revision 1.", restored.Working.Note);
        Assert.Contains("ООН", (await PublicAsync(RuRu))!.Body, StringComparison.Ordinal);
        Assert.NotEqual(corrected.Working!.Body, restored.Working.Body);
    }

    [Fact]
    public async Task Save_TwoPeopleOnOneWorkingCopy_TheLaterGetsAConflict()
    {
        await CorrectRussianAsync();
        await Newsroom.SaveVersionAsync(SecondEditor, Slug, RuRu, new VersionEdit("Ситуация", "Версия Евы.", null, "Ева."), 2);

        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            Newsroom.SaveVersionAsync(Editor, Slug, RuRu, new VersionEdit("Ситуация", "Версия Эда.", null, "Эд."), 2));

        Assert.Equal("Версия Евы.", conflict.Current.Latest.Body);
        Assert.Equal("Версия Евы.", (await StoredAsync()).Version(RuRu)!.Working!.Body);
    }

    [Fact]
    public async Task Unpublished_Version_IsNeverRepublishedByASave_ItsWorkingCopyWaitsForAPublish()
    {
        await Newsroom.UnpublishAsync(Editor, Slug, EnGb);
        var english = (await StoredAsync()).Version(EnGb)!;

        var saved = await Newsroom.SaveVersionAsync(Translator, Slug, EnGb, new VersionEdit(english.Title, "New English.", null, null), english.Revision);

        Assert.Equal((VersionState.Unpublished, VersionState.Draft), (saved.State, saved.Working!.State));
        Assert.Null(await PublicAsync(EnGb));
    }
}
