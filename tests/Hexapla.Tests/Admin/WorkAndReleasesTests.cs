using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hexapla.Tests.Admin;

/// <summary>
/// "My work" (<c>/admin/work</c>), the releases page (<c>/admin/releases</c>) and the translation matrix's view of
/// working copies, through real HTTP on a test site; the states are set up through the site's own newsroom.
/// </summary>
public sealed class WorkAndReleasesTests
{
    private const string Password = "correct horse battery";
    private const string Slug = "razvitie-situacii-v-irake";
    private const string OldRussian = "треть территории";
    private const string OldEnglish = "one third of the country";
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag De = LanguageTag.Parse("de-DE");

    private sealed record People(User Ed, User Eve, User Tom, User Pierre, User Rita);

    private static async Task<(TestSite Site, People People)> StartAsync()
    {
        People? people = null;
        var site = await TestSite.StartAsync(prepare: async (data, clock) => people = new People(
            await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password),
            await AdminClient.AddUserAsync(data, clock, "eve", Role.Editor, Password),
            await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB"),
            await AdminClient.AddUserAsync(data, clock, "pierre", Role.Translator, Password, "fr-FR"),
            await AdminClient.AddUserAsync(data, clock, "rita", Role.Reviewer, Password)));
        return (site, people!);
    }

    private static Newsroom NewsroomOf(TestSite site) => site.Services.GetRequiredService<Newsroom>();

    private static async Task<AdminClient> SignInAsync(TestSite site, string name)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync(name, Password);
        return client;
    }

    private static async Task<IHtmlDocument> PageAsync(AdminClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.Http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>What a refused release must leave as it was: each version's live and working revision, state and text.</summary>
    private static string Snapshot(Hexapla.Content.Document? document) => string.Join("\n", document!.Versions.Select(v =>
        $"{v.Language} {v.State} r{v.Revision} {v.PublishedAt:O} {v.Body} | {v.Working?.State} r{v.Working?.Revision} {v.Working?.ApprovedBy} {v.Working?.Body}"));

    private static int Count(IHtmlDocument page, string section, string language) =>
        page.QuerySelectorAll($"#{section} li[data-slug='{Slug}'][data-language='{language}']").Length;

    /// <summary>Saves <paramref name="language"/> with <paramref name="from"/> replaced by <paramref name="to"/> in its newest body, with a note; the new revision.</summary>
    private static async Task<int> CorrectAsync(TestSite site, User actor, LanguageTag language, string from, string to)
    {
        var newsroom = NewsroomOf(site);
        var version = (await site.Services.GetRequiredService<IContentStore>().FindDocumentAsync(Slug))!.Version(language)!.Latest;
        Assert.Contains(from, version.Body, StringComparison.Ordinal);
        var saved = await newsroom.SaveVersionAsync(actor, Slug, language,
            new VersionEdit(version.Title, version.Body.Replace(from, to, StringComparison.Ordinal), version.Summary, $"{from} → {to}"), version.Revision);
        return saved.Latest.Revision;
    }

    [Fact]
    public async Task MyWork_ListsWhatWaitsForEachUser_OnlyInWhatTheyMayRead()
    {
        var (site, people) = await StartAsync();
        await using var _ = site;
        var newsroom = NewsroomOf(site);
        // ed corrects the Russian original and submits; tom updates the English elsewhere, submits, and eve sends it back.
        await CorrectAsync(site, people.Ed, Ru, OldRussian, "четверть территории");
        await newsroom.SubmitAsync(people.Ed, Slug, Ru);
        await CorrectAsync(site, people.Tom, En, "Iraq remains", "Iraq still remains");
        await newsroom.SubmitAsync(people.Tom, Slug, En);
        await newsroom.RejectAsync(people.Eve, Slug, En, "Use the <official> wording & keep paragraph 2 in step.");
        // A German draft by ed that nobody but editors, reviewers and admins may read.
        await newsroom.SaveVersionAsync(people.Ed, Slug, De, new VersionEdit("Titel wombatsecret", "Text wombatsecret."), null);
        await newsroom.SubmitAsync(people.Ed, Slug, De);

        using var tom = await SignInAsync(site, "tom");
        var tomsWork = await PageAsync(tom, "/admin/work");
        Assert.Equal(1, Count(tomsWork, "to-revise", "en-GB"));
        var rejection = tomsWork.QuerySelector("#to-revise .rejection")!.TextContent;
        Assert.Contains("Use the <official> wording & keep paragraph 2 in step.", rejection, StringComparison.Ordinal);
        // His working copy did not answer paragraph 2: it still waits to be translated.
        Assert.Equal(1, Count(tomsWork, "to-translate", "en-GB"));
        Assert.Contains("1 outdated", tomsWork.QuerySelector("#to-translate li")!.TextContent, StringComparison.Ordinal);
        Assert.Null(tomsWork.QuerySelector("#to-review"));
        Assert.Null(tomsWork.QuerySelector("#to-publish"));
        Assert.DoesNotContain("wombatsecret", tomsWork.Source.Text, StringComparison.Ordinal);
        Assert.NotNull(tomsWork.QuerySelector("nav.admin-nav a[href='/admin/work']"));
        Assert.Null(tomsWork.QuerySelector("nav.admin-nav a[href='/admin/releases']"));

        // Another translator sees none of it, not even the reason.
        using var pierre = await SignInAsync(site, "pierre");
        var pierresWork = await PageAsync(pierre, "/admin/work");
        Assert.Empty(pierresWork.QuerySelectorAll("li[data-slug]"));
        Assert.DoesNotContain("official", pierresWork.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("wombatsecret", pierresWork.Source.Text, StringComparison.Ordinal);

        // Reviewers and editors review others' text, never their own; the reviewer has nothing to publish.
        using var rita = await SignInAsync(site, "rita");
        var ritasWork = await PageAsync(rita, "/admin/work");
        Assert.Equal(1, Count(ritasWork, "to-review", "ru-RU"));
        Assert.Equal(1, Count(ritasWork, "to-review", "de-DE"));
        Assert.Null(ritasWork.QuerySelector("#to-publish"));
        using var ed = await SignInAsync(site, "ed");
        var edsWork = await PageAsync(ed, "/admin/work");
        Assert.Equal(0, Count(edsWork, "to-review", "ru-RU"));
        Assert.Equal(0, Count(edsWork, "to-review", "de-DE"));
        // An editor translates every language: the English, rejected or not, still has paragraph 2 outdated.
        Assert.Equal(1, Count(edsWork, "to-translate", "en-GB"));
        using var eve = await SignInAsync(site, "eve");
        Assert.Equal(1, Count(await PageAsync(eve, "/admin/work"), "to-review", "ru-RU"));

        await newsroom.ApproveAsync(people.Eve, Slug, Ru);
        edsWork = await PageAsync(ed, "/admin/work");
        Assert.Equal(1, Count(edsWork, "to-publish", "ru-RU"));
        Assert.Contains("approved by eve", edsWork.QuerySelector("#to-publish li")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, Count(await PageAsync(rita, "/admin/work"), "to-review", "ru-RU"));
    }

    [Fact]
    public async Task Matrix_WorkingCopyInReview_CountsAsInReview_AndShowsBesideTheLiveState()
    {
        var (site, people) = await StartAsync();
        await using var _ = site;
        var newsroom = NewsroomOf(site);
        using var ed = await SignInAsync(site, "ed");
        var cell = "tbody td[data-language='en-GB']";
        var total = "tfoot td[data-language='en-GB']";

        await CorrectAsync(site, people.Tom, En, "Iraq remains", "Iraq still remains");
        var matrix = await PageAsync(ed, "/admin/translations");
        Assert.Equal("up-to-date", matrix.QuerySelector(cell)!.GetAttribute("data-state"));
        Assert.Equal("draft", matrix.QuerySelector($"{cell} .working")!.GetAttribute("data-working-state"));
        Assert.Contains("1 up to date", matrix.QuerySelector(total)!.TextContent, StringComparison.Ordinal);

        await newsroom.SubmitAsync(people.Tom, Slug, En);
        matrix = await PageAsync(ed, "/admin/translations");
        Assert.Equal("in-review", matrix.QuerySelector(cell)!.GetAttribute("data-state"));
        Assert.Contains("up to date", matrix.QuerySelector(cell)!.TextContent, StringComparison.Ordinal);
        Assert.Contains("working copy", matrix.QuerySelector($"{cell} .working")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("in review", matrix.QuerySelector($"{cell} .working")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1 in review", matrix.QuerySelector($"{total} [data-state='in-review']")!.TextContent);
        Assert.Equal("0 up to date", matrix.QuerySelector($"{total} [data-state='up-to-date']")!.TextContent);

        var filtered = await PageAsync(ed, "/admin/translations?state=in-review");
        Assert.NotNull(filtered.QuerySelector(cell));
        var none = await PageAsync(ed, "/admin/translations?state=up-to-date");
        Assert.Null(none.QuerySelector(cell));
    }

    [Fact]
    public async Task Releases_ScheduleCancelAndPublishNow_RefusalsNameTheMember_AndChangeNothing()
    {
        var (site, people) = await StartAsync();
        await using var _ = site;
        var newsroom = NewsroomOf(site);
        var store = site.Services.GetRequiredService<IContentStore>();
        var ru = await CorrectAsync(site, people.Ed, Ru, OldRussian, "четверть территории");
        await newsroom.SubmitAsync(people.Ed, Slug, Ru);
        var en = await CorrectAsync(site, people.Tom, En, OldEnglish, "one quarter of the country");
        await newsroom.SubmitAsync(people.Tom, Slug, En);
        await newsroom.ApproveAsync(people.Eve, Slug, Ru);
        string Member(LanguageTag language, int revision) => $"{Slug}/{language.Value}/{revision.ToString(CultureInfo.InvariantCulture)}";
        var before = Snapshot(await store.FindDocumentAsync(Slug));

        // Only editors and admins.
        using var tom = await SignInAsync(site, "tom");
        await PageAsync(tom, "/admin/releases", HttpStatusCode.Forbidden);
        using (var refused = await tom.PostFormAsync("/admin/releases", [new("member", Member(Ru, ru)), new("action", "now")], formPage: "/admin/work"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var eve = await SignInAsync(site, "eve");
        var page = await PageAsync(eve, "/admin/releases");
        // Only the approved Russian is offered; the English is still in review.
        Assert.NotNull(page.QuerySelector($"input[name=member][value='{Member(Ru, ru)}']"));
        Assert.Null(page.QuerySelector($"input[name=member][value='{Member(En, en)}']"));

        async Task RefusedAsync(HttpStatusCode status, string expected, params (string Name, string Value)[] fields)
        {
            using var response = await eve.PostFormAsync("/admin/releases", fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), formPage: "/admin/releases");
            var body = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(expected, body.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }

        await RefusedAsync(HttpStatusCode.BadRequest, "Choose at least one version", ("action", "now"));
        await RefusedAsync(HttpStatusCode.BadRequest, "does not name a version", ("member", "nothing/at/all/here"), ("action", "now"));
        await RefusedAsync(HttpStatusCode.BadRequest, "Unknown action", ("member", Member(Ru, ru)), ("action", "sometime"));
        await RefusedAsync(HttpStatusCode.BadRequest, "“Release at”", ("member", Member(Ru, ru)), ("action", "at"), ("at", "next tuesday"));
        // The English is in review, not approved: refused, naming it, and nothing of the release is written.
        await RefusedAsync(HttpStatusCode.BadRequest, "en-GB version of \"razvitie-situacii-v-irake\"",
            ("member", Member(Ru, ru)), ("member", Member(En, en)), ("action", "now"));
        await RefusedAsync(HttpStatusCode.Conflict, "changed after it was chosen", ("member", Member(Ru, ru - 1)), ("action", "now"));
        Assert.Equal(before, Snapshot(await store.FindDocumentAsync(Slug)));
        Assert.Empty(await store.ListReleasesAsync(pendingOnly: false, 10));

        // Scheduled an hour ahead, then cancelled.
        await newsroom.ApproveAsync(people.Eve, Slug, En);
        before = Snapshot(await store.FindDocumentAsync(Slug));
        // The test site's zone is UTC (the browser test reads another zone).
        var at = site.Clock.GetUtcNow().AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        using (var scheduled = await eve.PostFormAsync("/admin/releases",
            [new("member", Member(Ru, ru)), new("member", Member(En, en)), new("action", "at"), new("at", at)], formPage: "/admin/releases"))
        {
            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        }

        var release = Assert.Single(await store.ListReleasesAsync(pendingOnly: true, 10));
        Assert.Equal(site.Clock.GetUtcNow().AddHours(1), release.At);
        Assert.Equal("eve", release.CreatedBy);
        page = await PageAsync(eve, "/admin/releases");
        var row = page.QuerySelector($"table.releases.pending tr[data-release='{release.Id}']")!;
        Assert.Contains($"{Slug} ru-RU", row.TextContent, StringComparison.Ordinal);
        Assert.Contains($"{Slug} en-GB", row.TextContent, StringComparison.Ordinal);
        // Versions in a pending release are not offered for another.
        Assert.Null(page.QuerySelector($"input[name=member][value='{Member(Ru, ru)}']"));
        await RefusedAsync(HttpStatusCode.Conflict, "already in release", ("member", Member(Ru, ru)), ("action", "now"));

        var cancel = $"/admin/releases/{release.Id}/cancel";
        using (var cancelled = await eve.PostFormAsync(cancel, Array.Empty<KeyValuePair<string, string>>(), formPage: "/admin/releases"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }

        using (var again = await eve.PostFormAsync(cancel, Array.Empty<KeyValuePair<string, string>>(), formPage: "/admin/releases"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("can no longer be cancelled", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var unknown = await eve.PostFormAsync("/admin/releases/abc/cancel", Array.Empty<KeyValuePair<string, string>>(), formPage: "/admin/releases"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        page = await PageAsync(eve, "/admin/releases");
        Assert.NotNull(page.QuerySelector($"table.releases.recent tr[data-release='{release.Id}'][data-state='cancelled']"));
        Assert.Equal(before, Snapshot(await store.FindDocumentAsync(Slug)));

        // Now, together: both live in one step.
        using (var now = await eve.PostFormAsync("/admin/releases", [new("member", Member(Ru, ru)), new("member", Member(En, en)), new("action", "now")], formPage: "/admin/releases"))
        {
            Assert.Equal(HttpStatusCode.Redirect, now.StatusCode);
        }

        var live = (await store.FindLiveDocumentAsync(Slug))!;
        Assert.Contains("четверть территории", live.Version(Ru)!.Body, StringComparison.Ordinal);
        Assert.Contains("one quarter of the country", live.Version(En)!.Body, StringComparison.Ordinal);
        Assert.Equal((ru, en), (live.Version(Ru)!.Revision, live.Version(En)!.Revision));
    }
}
