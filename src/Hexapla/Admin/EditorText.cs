using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Interface;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// The words of the admin's editorial pages (the editor and its side-by-side views, the history and its diffs, releases,
/// my work, the translation matrix, the changed segments) in the admin's language, read from
/// <c>Admin/Text/EditorText.*.resx</c>. One member per phrase; a phrase around markup (a slug, a link, a badge) returns
/// <see cref="Html"/> with the markup put in its place, so a language may order the pieces as it needs.
/// </summary>
/// <remarks>
/// User-supplied text inside a sentence (a slug, a name, a language tag) is isolated: with <c>bdi</c> or an element
/// carrying <c>dir</c> in markup, with U+2068/U+2069 in plain strings (a refusal's message), so an English slug in an
/// Arabic sentence keeps its place. Times stay <c>2026-12-06 18:54 UTC</c> in every language (the glossary's choice for
/// the admin), written with the language's digits.
/// </remarks>
internal sealed partial class EditorText : InterfaceText
{
    private static readonly ResourceManager Resources = new("Hexapla.Admin.Text.EditorText", typeof(EditorText).Assembly);

    private EditorText(LanguageTag language)
        : base(Resources, language)
    {
    }

    /// <summary>The strings in <paramref name="language"/>, one of the interface languages.</summary>
    public static EditorText For(LanguageTag language) => new(language);

    /// <summary>The strings in the admin language of this request (<see cref="AdminLanguage.Of"/>).</summary>
    public static EditorText Of(HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(EditorText), out var kept) && kept is EditorText text)
        {
            return text;
        }

        var made = new EditorText(AdminLanguage.Of(http));
        http.Items[typeof(EditorText)] = made;
        return made;
    }

    /// <summary>
    /// The opening of an editorial page's content: the editor stylesheet (a <c>link</c> is allowed in the body) and a
    /// wrapper carrying the admin language's <c>lang</c>/<c>dir</c>, so the chrome reads right whatever the frame says.
    /// </summary>
    public Html Begin => Html.Of($"""<link rel="stylesheet" href="{StaticAssets.Href("editor.css")}"><div class="editor-chrome" lang="{Language.Value}" dir="{Dir}">""");

    /// <summary>The end of <see cref="Begin"/>'s wrapper.</summary>
    public static Html End => Html.Raw("</div>");

    // ---- pieces of markup for user-supplied text ----

    /// <summary>A slug, left to right and isolated.</summary>
    public static Html Slug(string slug) => Html.Of($"""<code dir="ltr">{slug}</code>""");

    /// <summary>A language tag, left to right and isolated.</summary>
    public static Html Tag(LanguageTag language) => Html.Of($"""<bdi dir="ltr">{language.Value}</bdi>""");

    /// <summary>A name or other text from a person, isolated in its own direction.</summary>
    public static Html Name(string name) => Html.Of($"<bdi>{name}</bdi>");

    /// <summary>Text isolated inside a plain string (first-strong isolate … pop directional isolate).</summary>
    public static string Isolate(string text) => "\u2068" + text + "\u2069";

    // ---- numbers, times, states, roles ----

    /// <summary>A time to the minute in UTC, as the admin shows it, with the language's digits.</summary>
    public string Time(DateTimeOffset time) => LocalDigits(AdminUi.Utc(time));

    /// <summary>A time in the site's zone with UTC beside it, with the language's digits.</summary>
    public string TimeInZone(DateTimeOffset time, TimeZoneInfo zone) => LocalDigits(AdminUi.InZone(time, zone));

    /// <summary>A zone's label (<c>Europe/Moscow (UTC+03:00)</c>) with the language's digits.</summary>
    public string Zone(TimeZoneInfo zone, DateTimeOffset at) => LocalDigits(Instants.ZoneLabel(zone, at));

    /// <summary>"revision 3".</summary>
    public string Revision(int n) => Format(nameof(Revision), Number(n));

    /// <summary>"r3", the short form in lists.</summary>
    public string RevisionShort(int n) => Format(nameof(RevisionShort), Number(n));

    /// <summary>A version state's name (draft, in review, approved, published, withdrawn).</summary>
    public string State(VersionState state) => Get("State_" + state.Name());

    /// <summary>A role's name (administrator, editor, translator, reviewer).</summary>
    public string RoleName(Role role) => Get("Role_" + role.ToString().ToLowerInvariant());

    /// <summary>A release's state (pending, done, failed, cancelled).</summary>
    public string ReleaseStateName(ReleaseState state) => Get("Release_" + state.ToString().ToLowerInvariant());

    /// <summary>", " in the language's punctuation.</summary>
    public string ListSeparator => Phrase();

    /// <summary>"; " in the language's punctuation.</summary>
    public string ClauseSeparator => Phrase();

    /// <summary>"Name (role)", for who someone is in a sentence.</summary>
    public string UserAndRole(User user) => Format(nameof(UserAndRole), Isolate(user.Name), RoleName(user.Role));

    // ---- refusals (plain strings: the message page escapes them) ----

    public string NoDocument(string slug) => Format(nameof(NoDocument), Isolate(slug));

    public string NotALanguageTag(string text) => Format(nameof(NotALanguageTag), Isolate(text));

    public string NoVersion(string slug, LanguageTag language) => Format(nameof(NoVersion), Isolate(slug), Isolate(language.Value));

    public string NoSuchVersion => Phrase();

    public string NoRevision(string slug, LanguageTag language, int revision) => Format(nameof(NoRevision), Isolate(slug), Isolate(language.Value), Number(revision));

    public string MayNotWorkOn(User user, string slug, LanguageTag language) => Format(nameof(MayNotWorkOn), UserAndRole(user), Isolate(slug), Isolate(language.Value));

    public string MayNotChange(User user, string slug, LanguageTag language) => Format(nameof(MayNotChange), UserAndRole(user), Isolate(slug), Isolate(language.Value));

    public string MayNotDelete(User user) => Format(nameof(MayNotDelete), UserAndRole(user));

    public string UnknownAction => Phrase();

    /// <summary>A time the schedule form could not read; the reason is the reader's (English) wording of the problem.</summary>
    public string PublishAtUnreadable(string problem) => Format(nameof(PublishAtUnreadable), problem);

    public string ReleaseAtUnreadable(string problem) => Format(nameof(ReleaseAtUnreadable), problem);

    public string CompareNeedsBoth => Phrase();

    public string SayWhichRevision => Phrase();

    public string SayWhichRevisionAndCurrent => Phrase();

    public string BadReleaseMember(string value) => Format(nameof(BadReleaseMember), Isolate(value));

    public string ChooseOneVersion => Phrase();

    public string UnknownReleaseAction => Phrase();

    public string NoRelease(string id) => Format(nameof(NoRelease), Isolate(id));

    public string CheckParagraphsToKeep => Phrase();

    public string TranslationChangedMeanwhile => Phrase();

    // ---- what was just done (the editor's and the releases' ?done=) ----

    /// <summary>
    /// The notice for a <c>done</c> code the pages redirect with (<c>saved-as-revision-3</c>, <c>approved</c>…), in
    /// words; an unknown code gets a plain "Done." rather than the query's text.
    /// </summary>
    public string Done(string code)
    {
        if (SavedCode().Match(code) is { Success: true } saved)
        {
            var n = Number(int.Parse(saved.Groups[1].Value, CultureInfo.InvariantCulture));
            return saved.Groups[2].Success ? Format("DoneSavedWorkingCopy", n) : Format("DoneSaved", n);
        }

        if (RestoredCode().Match(code) is { Success: true } restored)
        {
            var (from, to) = (Number(int.Parse(restored.Groups[1].Value, CultureInfo.InvariantCulture)), Number(int.Parse(restored.Groups[2].Value, CultureInfo.InvariantCulture)));
            return restored.Groups[3].Success ? Format("DoneRestoredWorkingCopy", from, to) : Format("DoneRestored", from, to);
        }

        if (ReleaseCode().Match(code) is { Success: true } release)
        {
            var n = Number(long.Parse(release.Groups[1].Value, CultureInfo.InvariantCulture));
            return release.Groups[2].Value == "scheduled" ? Format("DoneReleaseScheduled", n) : Format("DoneReleaseCancelled", n);
        }

        if (PublishedTogetherCode().Match(code) is { Success: true } together)
        {
            return Plural("DonePublishedTogether", long.Parse(together.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return code switch
        {
            "submitted-for-review" => Get("DoneSubmitted"),
            "approved" => Get("DoneApproved"),
            "sent-back-to-its-writers" => Get("DoneSentBack"),
            "published" => Get("DonePublished"),
            "unpublished" => Get("DoneUnpublished"),
            "scheduled" => Get("DoneScheduled"),
            "working-copy-discarded;-the-live-text-is-unchanged" => Get("DoneDiscarded"),
            "kept-as-is" => Get("DoneKeptAsIs"),
            _ => Get("DoneOther"),
        };
    }

    [GeneratedRegex(@"^saved-as-revision-(\d{1,9})(-of-the-working-copy;-the-live-text-is-unchanged)?$")]
    private static partial Regex SavedCode();

    [GeneratedRegex(@"^restored-revision-(\d{1,9})-as-revision-(\d{1,9})(-\(a-working-copy-for-review\))?$")]
    private static partial Regex RestoredCode();

    [GeneratedRegex(@"^release-(\d{1,18})-(scheduled|cancelled)$")]
    private static partial Regex ReleaseCode();

    [GeneratedRegex(@"^(\d{1,9})-version\(s\)-published-together$")]
    private static partial Regex PublishedTogetherCode();

    // ---- the editor ----

    public string TitleField => Phrase();

    public string SummaryField => Phrase();

    public string BodyField => Phrase();

    public string Markdown => Phrase();

    public string WhatChanged => Phrase();

    public string TitleLabel => Phrase();

    public string SummaryLabel => Phrase();

    public string WhatChangedLabel => Phrase();

    public string NewVersionHeading(LanguageTag language) => Format(nameof(NewVersionHeading), Isolate(language.Value));

    public string NotSavedYet => Phrase();

    public Html RevisionChanged(int revision, DateTimeOffset at) => Markup(nameof(RevisionChanged), Text(Number(revision)), Text(Time(at)));

    public Html WorkingCopyAt(Html badge, int revision) => Markup(nameof(WorkingCopyAt), badge, Text(Number(revision)));

    public string PublicPage => Phrase();

    public string HistoryLink => Phrase();

    public string OriginalMark => Phrase();

    public string Preview => Phrase();

    /// <summary>The heading over the original beside a translation: language, revision, state when not live, and the revision the translation follows when older.</summary>
    public string OriginalHeading(LanguageTag language, int revision, VersionState? state, int? follows)
    {
        var details = Isolate(language.Value) + ListSeparator + Revision(revision)
            + (state is { } s ? ListSeparator + State(s) : "")
            + (follows is { } f ? ClauseSeparator + Format("TranslationFollows", Number(f)) : "");
        return Format(nameof(OriginalHeading), details);
    }

    public string EditingWithdrawnCopy(int copy) => Format(nameof(EditingWithdrawnCopy), Number(copy));

    public string EditingWithdrawn => Phrase();

    public string EditingWorkingCopy(int copy, int live) => Format(nameof(EditingWorkingCopy), Number(copy), Number(live));

    public string EditingLive(int live) => Format(nameof(EditingLive), Number(live));

    public string NoteRequiredHint => Phrase();

    public string NoteOptionalHint => Phrase();

    public string Save => Phrase();

    public string TextUnderWork => Phrase();

    public string NeverLive => Phrase();

    public string WorkingCopyOverLive => Phrase();

    public string ApprovedBy => Phrase();

    public string SentBackLabel => Phrase();

    public string Scheduled(int revision, DateTimeOffset at, TimeZoneInfo zone, long release) =>
        Format(nameof(Scheduled), Number(revision), TimeInZone(at, zone), Number(release));

    public string StateLabel => Phrase();

    public string RevisionLabel => Phrase();

    public string WrittenBy => Phrase();

    public string AnImport => Phrase();

    public string LiveText(int revision) => Format(nameof(LiveText), Number(revision));

    public string WithdrawnText(int revision) => Format(nameof(WithdrawnText), Number(revision));

    public string WorkingCopyChanges(int revision) => Format(nameof(WorkingCopyChanges), Number(revision));

    public string LiveVersusWorkingCopy => Phrase();

    public string WorkingCopyIsLiveText => Phrase();

    public string OtherVersions => Phrase();

    public string PlusWorkingCopy => Phrase();

    public string AddTranslation => Phrase();

    public string LanguageTagHint => Phrase();

    public string Open => Phrase();

    public string ConflictHeading => Phrase();

    public string ConflictKept(int revision) => Format(nameof(ConflictKept), Number(revision));

    public Html CurrentText(int revision, VersionState state, string? author) => author is null
        ? Markup(nameof(CurrentText), Text(Number(revision)), Text(State(state)))
        : Markup("CurrentTextBy", Text(Number(revision)), Text(State(state)), Name(author));

    public string YourChanges => Phrase();

    public string CurrentVersusYours => Phrase();

    // ---- the workflow ----

    public string WorkflowHeading => Phrase();

    public Html TimesHint(string zone) => Markup(nameof(TimesHint), Html.Of($"<bdi>{zone}</bdi>"));

    public string SubmitForReview => Phrase();

    public string OwnText(int revision) => Format(nameof(OwnText), Number(revision));

    public string Approve => Phrase();

    public string SendBackLegend => Phrase();

    public string WhyBack => Phrase();

    public string WhyBackHint => Phrase();

    public string SendBack => Phrase();

    public string PublishNow => Phrase();

    public string PublishReplacesLive => Phrase();

    public string PublishAt => Phrase();

    public string Schedule => Phrase();

    public Html NotApproved(int revision, VersionState state, string? author) => author is null
        ? Markup(nameof(NotApproved), Text(Number(revision)), Text(State(state)))
        : Markup("NotApprovedOther", Text(Number(revision)), Text(State(state)), Name(author));

    public string DiscardWorkingCopy => Phrase();

    public string DiscardHint(int copy, int live) => Format(nameof(DiscardHint), Number(copy), Number(live));

    public string Unpublish => Phrase();

    public string DeleteHeading => Phrase();

    public string DeleteDocument => Phrase();

    public string DeleteHint => Phrase();

    public string DeleteTitle => Phrase();

    public Html DeleteQuestion(string slug) => Markup(nameof(DeleteQuestion), Html.Of($"<bdi>{slug}</bdi>"));

    public string DeleteWarning(int versions) => Plural(nameof(DeleteWarning), versions);

    public string DeleteYes => Phrase();

    public string DeleteNo => Phrase();

    // ---- the history ----

    public string HistoryTitle(string slug, LanguageTag language) => Format(nameof(HistoryTitle), Isolate(slug), Isolate(language.Value));

    public Html HistoryHeading(string slug, LanguageTag language) => Markup(nameof(HistoryHeading), Slug(slug), Tag(language));

    public string BackToEditor => Phrase();

    public string Revisions => Phrase();

    public string RevisionsHint => Phrase();

    public string CompareLegend => Phrase();

    public string FromRevision => Phrase();

    public string ToRevision => Phrase();

    public string Compare => Phrase();

    public string CompareLink => Phrase();

    public string ComparisonHeading(int from, int to) => Format(nameof(ComparisonHeading), Number(from), Number(to));

    public string OnlyInRevisions(int from, int to) => Format(nameof(OnlyInRevisions), Number(from), Number(to));

    public string BodiesSame => Phrase();

    public string FirstRevision => Phrase();

    public Html ChangesFrom(int previous, Html compare) => Markup(nameof(ChangesFrom), Text(Number(previous)), compare);

    public string RestoreRevisionLink(int revision) => Format(nameof(RestoreRevisionLink), Number(revision));

    public Html RevisionHeading(int revision, string role, Html title) => Markup(nameof(RevisionHeading), Text(Number(revision)), Text(role), title);

    public string RoleWorkingCopy => Phrase();

    public string RoleLive => Phrase();

    public string RoleWithdrawn => Phrase();

    public string RoleState(VersionState state) => Format(nameof(RoleState), State(state));

    public string ByImport => Phrase();

    public Html ByAndWhen(string? author, DateTimeOffset at) => Markup(nameof(ByAndWhen), author is null ? Text(ByImport) : Name(author), Text(Time(at)));

    public string WhatWasDone => Phrase();

    public string When => Phrase();

    public string Who => Phrase();

    public string What => Phrase();

    public string Details => Phrase();

    /// <summary>An audit action in words; an action this version does not know stays as the log has it.</summary>
    public string Action(string action) =>
        Resources.GetString("Action_" + action.Replace('.', '_').Replace('-', '_'), Culture) ?? action;

    public string RestoreTitle(int revision) => Format(nameof(RestoreTitle), Number(revision));

    public Html RestoreQuestion(int revision, string slug, LanguageTag language) => Markup(nameof(RestoreQuestion), Text(Number(revision)), Slug(slug), Tag(language));

    public string RestoreOutcomeWorkingCopy(int next, int live) => Format(nameof(RestoreOutcomeWorkingCopy), Number(next), Number(live));

    public string RestoreOutcomeDraft(int next) => Format(nameof(RestoreOutcomeDraft), Number(next));

    public string RestoreDiffHeading(int latest) => Format(nameof(RestoreDiffHeading), Number(latest));

    public string RestoreNoteHint(int revision) => Format(nameof(RestoreNoteHint), Number(revision));

    public string RestoreButton(int revision) => Format(nameof(RestoreButton), Number(revision));

    public string RestoreNo => Phrase();

    // ---- releases ----

    public string Releases => Phrase();

    public string NewRelease => Phrase();

    public string NoApprovedText => Phrase();

    public string ReleaseHint => Phrase();

    public string PublishTogetherNow => Phrase();

    public string ReleaseAt => Phrase();

    public string ScheduleRelease => Phrase();

    public string Pending => Phrase();

    public string Recent => Phrase();

    public string None => Phrase();

    public string NoneYet => Phrase();

    public string RoleOriginal => Phrase();

    public string RoleTranslation => Phrase();

    public Html OverLive(int revision, Html badge) => Markup(nameof(OverLive), Text(RevisionShort(revision)), badge);

    public string NewText => Phrase();

    public Html ApprovedByName(string name) => Markup(nameof(ApprovedByName), Name(name));

    public string OpenLink => Phrase();

    public Html MemberLabel(LanguageTag language, string role, int revision, Html title) => Markup(nameof(MemberLabel), Tag(language), Text(role), Text(RevisionShort(revision)), title);

    public string At => Phrase();

    public string Versions => Phrase();

    public string ScheduledBy => Phrase();

    public string Outcome => Phrase();

    public string ActionsColumn => Phrase();

    public string Cancel => Phrase();

    // ---- my work ----

    public string MyWork => Phrase();

    public Html WhatWaitsFor(User user) => Markup(nameof(WhatWaitsFor), Markup(nameof(UserAndRole), Name(user.Name), Text(RoleName(user.Role))));

    public string ToTranslate => Phrase();

    public string ToTranslateHint => Phrase();

    public string ToRevise => Phrase();

    public string ToReviseHint => Phrase();

    public string ToReview => Phrase();

    public string ToReviewHint => Phrase();

    public string ToPublish => Phrase();

    public Html ToPublishHint(string releasesPath) => Markup(nameof(ToPublishHint), Html.Of($"""<a href="{releasesPath}">{Get("ToPublishHintLink")}</a>"""));

    public string Nothing => Phrase();

    /// <summary>"(3)" beside a heading, in the language's brackets and digits.</summary>
    public string Count(int n) => Format(nameof(Count), Number(n));

    public Html ByName(string name) => Markup(nameof(ByName), Name(name));

    public string SentBack(string reason) => Format(nameof(SentBack), reason);

    public string NotStarted(int paragraphs) => Plural(nameof(NotStarted), paragraphs);

    public string OutdatedParagraphs(int n, string ids) => Plural(nameof(OutdatedParagraphs), n, ids);

    public string MissingParagraphs(int n) => Plural(nameof(MissingParagraphs), n);

    public string OfParagraphs(string parts, int total) => Plural(nameof(OfParagraphs), total, parts);

    // ---- translations matrix ----

    public string Translations => Phrase();

    public string Document => Phrase();

    public string Totals => Phrase();

    public string NoDocumentMatches => Phrase();

    public string CellOriginal => Phrase();

    public string CellMissing => Phrase();

    public string CellUpToDate => Phrase();

    public string CellOutdated(int needs, int total) => Plural(nameof(CellOutdated), total, Number(needs));

    public string CellStateOutdated(VersionState state, int needs, int total) => Plural(nameof(CellStateOutdated), total, State(state), Number(needs));

    public string CellWorkingCopy(int revision, VersionState state, bool sentBack) =>
        Format(sentBack ? "CellWorkingCopySentBack" : nameof(CellWorkingCopy), RevisionShort(revision), State(state));

    public string TotalUpToDate(int n) => Plural(nameof(TotalUpToDate), n);

    public string TotalOutdated(int n) => Plural(nameof(TotalOutdated), n);

    public string TotalInReview(int n) => Plural(nameof(TotalInReview), n);

    public string TotalMissing(int n) => Plural(nameof(TotalMissing), n);

    public string FilterLanguage => Phrase();

    public string FilterAll => Phrase();

    public string FilterState => Phrase();

    public string FilterAnyState => Phrase();

    public string FilterMissing => Phrase();

    public string FilterOutdated => Phrase();

    public string FilterUpToDate => Phrase();

    public string FilterInReview => Phrase();

    public string FilterText => Phrase();

    public string FilterTextPlaceholder => Phrase();

    public string Filter => Phrase();

    // ---- changed segments ----

    public string SegmentsHeading => Phrase();

    public string SegmentsCurrent => Phrase();

    public string AnsweredInWorkingCopy(int n) => Plural(nameof(AnsweredInWorkingCopy), n);

    public string EarlierTextNotKept => Phrase();

    public string KeepAsIs => Phrase();

    public string OldSource => Phrase();

    public string NewSource => Phrase();

    public string TranslationColumn => Phrase();

    public string ChangedSegments(int n) => Format(nameof(ChangedSegments), Number(n));

    public string ChangeInForm => Phrase();

    public string KeepLegend => Phrase();

    public string KeepHint => Phrase();

    public string WhyNoChange => Phrase();

    public string Required => Phrase();

    public string AddedToOriginal => Phrase();

    public string RemovedFromOriginal => Phrase();

    // ---- helpers ----


    private static Html Text(string text) => Html.Of($"{text}");

    /// <summary>The pattern of <paramref name="key"/> with <c>{0}</c>, <c>{1}</c>… replaced by markup, the rest escaped.</summary>
    private Html Markup(string key, params Html[] parts)
    {
        var pattern = Get(key);
        var pieces = new List<Html>();
        var at = 0;
        foreach (Match hole in Hole().Matches(pattern))
        {
            pieces.Add(Text(pattern[at..hole.Index]));
            pieces.Add(parts[int.Parse(hole.Groups[1].Value, CultureInfo.InvariantCulture)]);
            at = hole.Index + hole.Length;
        }

        pieces.Add(Text(pattern[at..]));
        return Html.Join(pieces);
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex Hole();
}
