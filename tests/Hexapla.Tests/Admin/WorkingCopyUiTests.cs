using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>
/// The editor and the history over published text, through the admin's forms as a browser without script would:
/// corrections go to a working copy that readers never see until it is approved and published; review by a second
/// person; send back with a reason; discard; restore after a confirmation; compare any two revisions.
/// </summary>
public sealed class WorkingCopyUiTests
{
    private const string Password = "correct horse battery";
    private const string Sample = "razvitie-situacii-v-irake";
    private const string English = $"/admin/documents/{Sample}/en-GB";
    private const string PublicEnglish = $"/en-gb/{Sample}";
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password);
        await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
        await AdminClient.AddUserAsync(data, clock, "rita", Role.Reviewer, Password);
        await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB");
    });

    private static async Task<AdminClient> SignInAsync(TestSite site, string name)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync(name, Password);
        return client;
    }

    private static List<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];

    private static async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(AdminClient client, string path)
    {
        using var response = await client.Http.GetAsync(path);
        return (response.StatusCode, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<IDocument> PageAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private static async Task<LanguageVersion> StoredAsync(TestSite site)
    {
        var store = await AdminClient.OpenStoreAsync(site);
        return (await store.FindDocumentAsync(Sample))!.Version(En)!;
    }

    private static string Number(int revision) => revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>Saves the English sample with its first paragraph replaced, from the newest revision, with a note.</summary>
    private static async Task<HttpResponseMessage> CorrectAsync(AdminClient client, LanguageVersion version, string firstParagraph, string note)
    {
        var latest = version.Latest;
        var paragraphs = latest.Body.Split("\n\n");
        paragraphs[0] = firstParagraph;
        return await client.PostFormAsync(English, Fields(
            ("title", latest.Title), ("summary", latest.Summary ?? ""), ("body", string.Join("\n\n", paragraphs)),
            ("note", note), ("revision", Number(latest.Revision)), ("action", "save")));
    }

    private static Task<HttpResponseMessage> WorkflowAsync(AdminClient client, string action, int revision, params (string Name, string Value)[] more) =>
        client.PostFormAsync($"{English}/workflow", [.. Fields(("action", action), ("revision", Number(revision))), .. Fields(more)], formPage: English);

    private static async Task<string> PublicTextAsync(TestSite site)
    {
        using var response = await site.Client.GetAsync(PublicEnglish);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent;
    }

    [Fact]
    public async Task SavePublished_WithoutANote_IsRefused_TheTypedTextStays_NothingIsSaved()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        var before = await StoredAsync(site);
        var (_, form) = await GetAsync(ed, English);
        Assert.True(form.QuerySelector("textarea#note")!.HasAttribute("required"));
        Assert.Equal("note-hint", form.QuerySelector("textarea#note")!.GetAttribute("aria-describedby"));

        using var refused = await CorrectAsync(ed, before, "A corrected first paragraph, typed with care.", "   ");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await PageAsync(refused);
        Assert.Contains("note", page.QuerySelector("#form-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("textarea#note")!.GetAttribute("aria-invalid"));
        Assert.StartsWith("A corrected first paragraph, typed with care.", page.QuerySelector("textarea#body")!.TextContent, StringComparison.Ordinal);
        var after = await StoredAsync(site);
        Assert.Null(after.Working);
        Assert.Equal(before.LastRevision, after.LastRevision);
        Assert.Equal(before.Body, after.Body);
    }

    [Fact]
    public async Task SavePublished_MakesAWorkingCopy_ThePublicPageStaysUntilASecondPersonApprovesAndItIsPublished()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var rita = await SignInAsync(site, "rita");
        var live = await StoredAsync(site);
        var publicBefore = await PublicTextAsync(site);
        Assert.DoesNotContain("Quokkas", publicBefore, StringComparison.Ordinal);

        using (var saved = await CorrectAsync(ed, live, "Quokkas corrected this paragraph.", "Figures corrected after the ministry's update."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Readers get exactly what they had; the editor sees live text, working copy and their difference together.
        Assert.Equal(publicBefore, await PublicTextAsync(site));
        var stored = await StoredAsync(site);
        Assert.Equal(live.Body, stored.Body);
        Assert.Equal(live.Revision, stored.Revision);
        Assert.Equal(VersionState.Draft, stored.Working!.State);
        var (_, page) = await GetAsync(ed, English);
        Assert.Equal("published", page.QuerySelector(".meta .badge")!.TextContent);
        Assert.Contains("working copy", page.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Quokkas corrected this paragraph.", page.QuerySelector("textarea#body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Number(stored.Working.Revision), page.QuerySelector("form input[name=revision]")!.GetAttribute("value"));
        Assert.Contains(live.Body.Split("\n\n")[1], page.QuerySelector(".live-text")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Quokkas", page.QuerySelector(".live-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll(".work-changes .diff ins"), i => i.TextContent.Contains("Quokkas", StringComparison.Ordinal));
        Assert.NotEmpty(page.QuerySelectorAll(".work-changes .diff del"));
        Assert.Equal("ed", page.QuerySelector(".work-author")!.TextContent);
        Assert.Equal("Figures corrected after the ministry's update.", page.QuerySelector(".work-note")!.TextContent);
        Assert.Null(page.QuerySelector("button[value=publish]"));
        Assert.NotNull(page.QuerySelector(".not-approved"));

        using (var submit = await WorkflowAsync(ed, "submit", stored.Working.Revision))
        {
            Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        }

        // The last author may not approve her own text: not offered, and refused when sent anyway.
        var (_, own) = await GetAsync(ed, English);
        Assert.Null(own.QuerySelector("button[value=approve]"));
        Assert.NotNull(own.QuerySelector(".own-text"));
        using (var self = await WorkflowAsync(ed, "approve", stored.Working.Revision))
        {
            Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        }

        using (var early = await WorkflowAsync(ed, "publish", stored.Working.Revision))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("other than ed", (await PageAsync(early)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(publicBefore, await PublicTextAsync(site));
        var (_, review) = await GetAsync(rita, English);
        Assert.NotNull(review.QuerySelector("button[value=approve]"));
        Assert.Null(review.QuerySelector("button[value=save]"));
        using (var approve = await WorkflowAsync(rita, "approve", stored.Working.Revision))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }

        var (_, approved) = await GetAsync(ed, English);
        Assert.Equal("rita", approved.QuerySelector(".approved-by")!.TextContent);
        Assert.Equal("approved", approved.QuerySelector(".work-state")!.TextContent);
        Assert.Equal(publicBefore, await PublicTextAsync(site));

        using (var publish = await WorkflowAsync(ed, "publish", stored.Working.Revision))
        {
            Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        }

        Assert.Contains("Quokkas corrected this paragraph.", await PublicTextAsync(site), StringComparison.Ordinal);
        var published = await StoredAsync(site);
        Assert.Null(published.Working);
        Assert.Equal(stored.Working.Revision, published.Revision);
        var (_, done) = await GetAsync(ed, English);
        Assert.Null(done.QuerySelector(".live-and-work"));
    }

    [Fact]
    public async Task Translator_CorrectsAPublishedTranslation_SendBackNeedsAReason_WhichTheTranslatorSees()
    {
        await using var site = await StartAsync();
        using var tom = await SignInAsync(site, "tom");
        using var rita = await SignInAsync(site, "rita");
        var live = await StoredAsync(site);

        using (var saved = await CorrectAsync(tom, live, "Iraq remains at the centre of instability.", "Closer to the original's wording."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var revision = (await StoredAsync(site)).Working!.Revision;
        var (_, page) = await GetAsync(tom, English);
        Assert.Null(page.QuerySelector("button[value=publish]"));
        Assert.Null(page.QuerySelector("button[value=unpublish]"));
        using (var submit = await WorkflowAsync(tom, "submit", revision))
        {
            Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        }

        var (_, review) = await GetAsync(rita, English);
        var reason = review.QuerySelector("form.send-back textarea#reason")!;
        Assert.True(reason.HasAttribute("required"));
        Assert.Equal("Why it goes back", review.QuerySelector("label[for=reason]")!.TextContent);
        Assert.NotNull(review.QuerySelector("form.send-back fieldset legend"));

        using (var blank = await WorkflowAsync(rita, "reject", revision, ("reason", " ")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
            Assert.Contains("Say why", (await PageAsync(blank)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(VersionState.InReview, (await StoredAsync(site)).Working!.State);
        using (var reject = await WorkflowAsync(rita, "reject", revision, ("reason", "\"Centre of instability\" is not what the minister said; keep \"epicentre\".")))
        {
            Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);
        }

        var (_, back) = await GetAsync(tom, English);
        Assert.Contains("keep \"epicentre\"", back.QuerySelector(".rejection")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("draft", back.QuerySelector(".work-state")!.TextContent);
        Assert.NotNull(back.QuerySelector("button[value=submit]"));
        var stored = await StoredAsync(site);
        Assert.Equal(live.Body, stored.Body);
        Assert.Equal(VersionState.Published, stored.State);
    }

    [Fact]
    public async Task PublishAt_AnApprovedWorkingCopy_IsScheduled_TheLiveTextStays_DiscardIsRefusedWhileItWaits()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var rita = await SignInAsync(site, "rita");
        var live = await StoredAsync(site);
        var publicBefore = await PublicTextAsync(site);
        using (var saved = await CorrectAsync(ed, live, "A correction for noon.", "Embargoed figures."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var work = (await StoredAsync(site)).Working!.Revision;
        using (var submit = await WorkflowAsync(ed, "submit", work))
        using (var approve = await WorkflowAsync(rita, "approve", work))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }

        var (_, ready) = await GetAsync(ed, English);
        Assert.NotNull(ready.QuerySelector("button[value=publish]"));
        Assert.NotNull(ready.QuerySelector("label[for=publish-at]"));

        // The site starts at 09:00 UTC; the form's time is read in the site's zone, UTC here.
        using (var schedule = await WorkflowAsync(ed, "publish-at", work, ("at", "2026-11-29T12:00")))
        {
            Assert.Equal(HttpStatusCode.Redirect, schedule.StatusCode);
        }

        var (_, page) = await GetAsync(ed, English);
        Assert.Contains("2026-11-29 12:00 UTC", page.QuerySelector(".scheduled")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(publicBefore, await PublicTextAsync(site));
        Assert.Equal(live.Body, (await StoredAsync(site)).Body);

        using var discard = await WorkflowAsync(ed, "discard", work);

        Assert.Equal(HttpStatusCode.Conflict, discard.StatusCode);
        Assert.Contains("cancel that release", (await PageAsync(discard)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(work, (await StoredAsync(site)).Working!.Revision);
    }

    [Fact]
    public async Task TwoPeopleSavingOverTheSameLiveText_TheLaterIs409_WithTheWorkingCopyToCompare_AndNothingLost()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var tom = await SignInAsync(site, "tom");
        var live = await StoredAsync(site);
        using (var first = await CorrectAsync(ed, live, "Ed's correction.", "Ed's note."))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // Tom started from the same live text (revision 1) and saves after Ed.
        using var later = await CorrectAsync(tom, live, "Tom's correction.", "Tom's note.");

        Assert.Equal(HttpStatusCode.Conflict, later.StatusCode);
        var page = await PageAsync(later);
        Assert.StartsWith("Tom's correction.", page.QuerySelector("textarea#body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Tom's note.", page.QuerySelector("textarea#note")!.TextContent);
        Assert.StartsWith("Ed's correction.", page.QuerySelector("textarea#their-body")!.TextContent, StringComparison.Ordinal);
        var stored = await StoredAsync(site);
        Assert.Equal(Number(stored.Working!.Revision), page.QuerySelector("form input[name=revision]")!.GetAttribute("value"));
        Assert.StartsWith("Ed's correction.", stored.Working.Body, StringComparison.Ordinal);
        Assert.Equal(live.Body, stored.Body);
    }

    [Fact]
    public async Task Discard_DropsTheWorkingCopy_TheLiveTextAndTheHistoryStay()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        var live = await StoredAsync(site);
        using (var saved = await CorrectAsync(ed, live, "A correction nobody wants.", "Trying something."))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, (await PageAsync(saved)).QuerySelector(".alert")?.TextContent);
        }

        var work = (await StoredAsync(site)).Working!.Revision;
        var (_, page) = await GetAsync(ed, English);
        Assert.NotNull(page.QuerySelector("button[value=discard]"));

        using var discard = await WorkflowAsync(ed, "discard", work);

        Assert.Equal(HttpStatusCode.Redirect, discard.StatusCode);
        var after = await StoredAsync(site);
        Assert.Null(after.Working);
        Assert.Equal(live.Body, after.Body);
        Assert.Equal(live.Revision, after.Revision);
        var (_, again) = await GetAsync(ed, English);
        Assert.Null(again.QuerySelector("button[value=discard]"));
        Assert.Equal(live.Body, again.QuerySelector("textarea#body")!.TextContent);
        var (_, history) = await GetAsync(ed, $"{English}/history");
        Assert.NotNull(history.QuerySelector($"#r{work}"));
        Assert.Contains(history.QuerySelectorAll(".events tr[data-action]"), r => r.GetAttribute("data-action") == "version.discard");
    }

    [Fact]
    public async Task History_ShowsNotesLiveMarkerAndEvents_ComparesAnyTwo_BadNumbersAreFriendly()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var rita = await SignInAsync(site, "rita");
        var live = await StoredAsync(site);
        using (var saved = await CorrectAsync(ed, live, "A clearer first paragraph.", "Typo fixed in the first paragraph."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var work = (await StoredAsync(site)).Working!.Revision;
        using (var submit = await WorkflowAsync(ed, "submit", work))
        using (var approve = await WorkflowAsync(rita, "approve", work))
        using (var publish = await WorkflowAsync(ed, "publish", work))
        {
            Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        }

        var path = $"{English}/history";
        var (status, history) = await GetAsync(ed, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("(live)", history.QuerySelector($"#r{work} h2")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Typo fixed in the first paragraph.", history.QuerySelector($"#r{work} .note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ed", history.QuerySelector($"#r{work} .meta")!.TextContent, StringComparison.Ordinal);
        var actions = history.QuerySelectorAll(".events tbody tr").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Equal(["version.publish", "version.approve", "version.submit", "version.save"], actions.Take(4));
        Assert.Contains(history.QuerySelectorAll(".events tbody tr"), r => r.TextContent.Contains("rita", StringComparison.Ordinal) && r.TextContent.Contains("approved", StringComparison.Ordinal));
        Assert.Equal("compare-from", history.QuerySelector("label[for=compare-from]")!.GetAttribute("for"));

        var (compared, comparison) = await GetAsync(ed, $"{path}?from={live.Revision}&to={work}");
        Assert.Equal(HttpStatusCode.OK, compared);
        Assert.Contains(comparison.QuerySelectorAll(".comparison .diff ins"), i => i.TextContent.Contains("clearer", StringComparison.Ordinal));
        Assert.NotEmpty(comparison.QuerySelectorAll(".comparison .diff del"));
        var (backwards, reversed) = await GetAsync(ed, $"{path}?from={work}&to={live.Revision}");
        Assert.Equal(HttpStatusCode.OK, backwards);
        Assert.Contains(reversed.QuerySelectorAll(".comparison .diff del"), d => d.TextContent.Contains("clearer", StringComparison.Ordinal));

        foreach (var (query, expected) in new[]
        {
            ("?from=1&to=99", HttpStatusCode.NotFound), ("?from=0&to=1", HttpStatusCode.NotFound), ("?from=one&to=2", HttpStatusCode.BadRequest),
            ("?from=1", HttpStatusCode.BadRequest), ("?to=", HttpStatusCode.BadRequest), ("?from=-1&to=2", HttpStatusCode.BadRequest),
            ("?from=99999999999999&to=1", HttpStatusCode.BadRequest),
        })
        {
            var (bad, badPage) = await GetAsync(ed, path + query);
            Assert.Equal(expected, bad);
            Assert.NotEmpty(badPage.QuerySelector(".alert")!.TextContent);
        }
    }

    [Fact]
    public async Task Restore_AsksFirst_ThenMakesAWorkingCopyForReview_TheLiveTextStays()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        var live = await StoredAsync(site);
        using (var saved = await CorrectAsync(ed, live, "A wording to be undone.", "Trying a new wording."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var work = (await StoredAsync(site)).Working!.Revision;
        var (_, history) = await GetAsync(ed, $"{English}/history");
        var link = history.QuerySelector($"#r{live.Revision} a.restore")!.GetAttribute("href")!;
        Assert.Null(history.QuerySelector($"#r{live.Revision} form"));

        var (status, confirm) = await GetAsync(ed, link);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((await StoredAsync(site)).Working!.Revision, work);
        Assert.Contains(confirm.QuerySelectorAll(".restore-diff .diff del"), d => d.TextContent.Contains("undone", StringComparison.Ordinal));
        Assert.Equal(Number(work), confirm.QuerySelector("form input[name=expected]")!.GetAttribute("value"));
        Assert.NotNull(confirm.QuerySelector("label[for=note]"));

        using var restore = await ed.PostFormAsync($"{English}/history/restore",
            Fields(("revision", Number(live.Revision)), ("expected", Number(work)), ("note", "Back to the wording readers have.")), formPage: link);

        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var after = await StoredAsync(site);
        Assert.Equal(live.Body, after.Body);
        Assert.Equal(live.Revision, after.Revision);
        Assert.Equal(live.Body, after.Working!.Body);
        Assert.Equal(work + 1, after.Working.Revision);
        Assert.Equal(VersionState.Draft, after.Working.State);
        Assert.Equal("Back to the wording readers have.", after.Working.Note);
        var (_, restored) = await GetAsync(ed, $"{English}/history");
        Assert.Contains(restored.QuerySelectorAll(".events tbody tr"), r => r.GetAttribute("data-action") == "version.restore");

        var (notANumber, _) = await GetAsync(ed, $"{English}/history/restore?revision=latest");
        var (noSuch, _) = await GetAsync(ed, $"{English}/history/restore?revision=42");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber);
        Assert.Equal(HttpStatusCode.NotFound, noSuch);
    }

    [Fact]
    public async Task Restore_IsForWhoMayWrite_AReviewerReadsTheHistoryButIsNotOfferedIt()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var rita = await SignInAsync(site, "rita");
        using var tom = await SignInAsync(site, "tom");
        var live = await StoredAsync(site);
        using (var saved = await CorrectAsync(ed, live, "Another wording.", "Trying another wording."))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var (status, history) = await GetAsync(rita, $"{English}/history");
        var (confirmStatus, _) = await GetAsync(rita, $"{English}/history/restore?revision=1");
        using var post = await rita.PostFormAsync($"{English}/history/restore", Fields(("revision", "1"), ("expected", "2")), formPage: $"{English}/history");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(history.QuerySelectorAll("a.restore"));
        Assert.Equal(HttpStatusCode.Forbidden, confirmStatus);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(2, (await StoredAsync(site)).Working!.Revision);

        // A translator of the language may restore: the result is a working copy for review like any of her saves.
        var (_, translatorsHistory) = await GetAsync(tom, $"{English}/history");
        Assert.NotNull(translatorsHistory.QuerySelector("#r1 a.restore"));
        using var restored = await tom.PostFormAsync($"{English}/history/restore", Fields(("revision", "1"), ("expected", "2")), formPage: $"{English}/history/restore?revision=1");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var after = await StoredAsync(site);
        Assert.Equal(live.Body, after.Working!.Body);
        Assert.Equal("tom", after.Working.Author);
        Assert.Equal("Restored from revision 1.", after.Working.Note);
    }
}
