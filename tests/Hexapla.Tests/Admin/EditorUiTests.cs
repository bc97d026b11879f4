using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>The editor UI under /admin/ driven through its forms, as a browser without script would.</summary>
public sealed class EditorUiTests
{
    private const string Password = "correct horse battery";
    private const string Sample = "razvitie-situacii-v-irake";

    /// <summary>
    /// Sites for tests about scheduling, where one editor writing and publishing is the point: review by a second
    /// person is switched off (it has tests of its own).
    /// </summary>
    private static Dictionary<string, string?> OnePerson(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Hexapla:Review:RequireSecondPerson"] = "false" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Task<TestSite> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) => TestSite.StartAsync(settings: settings, prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password);
        await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
        await AdminClient.AddUserAsync(data, clock, "pierre", Role.Translator, Password, "fr-FR");
        await AdminClient.AddUserAsync(data, clock, "rita", Role.Reviewer, Password);
    });

    private static async Task<AdminClient> SignInAsync(TestSite site, string name)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync(name, Password);
        return client;
    }

    private static async Task<string> CreateAsync(AdminClient client, string slug, string title, string body, string language = "en-GB")
    {
        using var response = await client.PostFormAsync("/admin/new", Fields(
            ("language", language), ("title", title), ("slug", slug), ("tags", "test, admin"), ("summary", "A summary"), ("body", body), ("action", "create")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/admin/documents/{slug}/{language}", location, StringComparison.Ordinal);
        return $"/admin/documents/{slug}/{language}";
    }

    private static Task<HttpResponseMessage> SaveAsync(AdminClient client, string path, string title, string body, string revision) =>
        client.PostFormAsync(path, Fields(("title", title), ("summary", ""), ("body", body), ("revision", revision), ("action", "save")));

    private static Task<HttpResponseMessage> WorkflowAsync(AdminClient client, string path, string action, string revision, string? at = null)
    {
        var fields = Fields(("action", action), ("revision", revision)).ToList();
        if (at is not null)
        {
            fields.Add(new("at", at));
        }

        return client.PostFormAsync($"{path}/workflow", fields, formPage: path);
    }

    private static List<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];

    private static async Task<IDocument> PageAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    private static async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(AdminClient client, string path)
    {
        using var response = await client.Http.GetAsync(path);
        return (response.StatusCode, await PageAsync(response));
    }

    private static string Revision(IDocument page) =>
        page.QuerySelector("form input[name=revision]")?.GetAttribute("value") ?? throw new InvalidOperationException("No revision field.");

    [Fact]
    public async Task NewDocument_ThroughTheForm_OpensItsEditPage_AndStaysOffTheSite()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");

        var path = await CreateAsync(ed, "budget-note", "Budget note", "The **budget** for next year.");

        var (status, page) = await GetAsync(ed, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Budget note", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("draft", page.QuerySelector(".meta .badge")!.TextContent);
        Assert.Equal("1", Revision(page));
        Assert.Equal("budget", page.QuerySelector("#preview strong")!.TextContent);
        using var pub = await site.Client.GetAsync("/en-gb/budget-note");
        Assert.Equal(HttpStatusCode.NotFound, pub.StatusCode);

        var (_, list) = await GetAsync(ed, "/admin/?state=draft&lang=en-GB");
        Assert.Contains(list.QuerySelectorAll("td code"), c => c.TextContent == "budget-note");
        var (_, other) = await GetAsync(ed, "/admin/?lang=fr-FR");
        Assert.DoesNotContain(other.QuerySelectorAll("td code"), c => c.TextContent == "budget-note");
    }

    [Fact]
    public async Task Save_WithStaleRevision_Is409_ShowingBothTextsAndTheRevisionToBaseOn()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var anna = await SignInAsync(site, "anna");
        var path = await CreateAsync(ed, "shared-note", "Shared note", "Opening line.");

        using (var first = await SaveAsync(anna, path, "Shared note", "Opening line.\n\nAnna wrote this paragraph.", "1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var stale = await SaveAsync(ed, path, "Shared note", "Opening line.\n\nEd wrote another paragraph.", "1");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = await PageAsync(stale);
        Assert.Contains("Ed wrote another paragraph.", page.QuerySelector("textarea#body")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Anna wrote this paragraph.", page.QuerySelector("textarea#their-body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", Revision(page));
        Assert.NotEmpty(page.QuerySelectorAll(".conflict .diff ins"));
        Assert.NotEmpty(page.QuerySelectorAll(".conflict .diff del"));
    }

    [Fact]
    public async Task History_ListsRevisionsNewestFirstWithDiffs_AndRestoreMakesANewRevision()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        var path = await CreateAsync(ed, "history-note", "History note", "The first wording.");
        using (var save = await SaveAsync(ed, path, "History note, revised", "The second wording.", "1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        }

        var (status, history) = await GetAsync(ed, $"{path}/history");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["r2", "r1"], history.QuerySelectorAll(".revisions > li").Select(li => li.Id));
        Assert.Contains("ed", history.QuerySelector("#r2 .meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(history.QuerySelectorAll("#r2 .diff del"), d => d.TextContent.Contains("first", StringComparison.Ordinal));
        Assert.Contains(history.QuerySelectorAll("#r2 .diff ins"), d => d.TextContent.Contains("second", StringComparison.Ordinal));

        // Restore asks first: the link opens a confirmation showing what the newest text becomes; nothing changes yet.
        var confirm = history.QuerySelector("#r1 a.restore")!.GetAttribute("href")!;
        Assert.Null(history.QuerySelector("#r2 a.restore"));
        var (confirmStatus, confirmation) = await GetAsync(ed, confirm);
        Assert.Equal(HttpStatusCode.OK, confirmStatus);
        Assert.Contains(confirmation.QuerySelectorAll(".restore-diff .diff ins"), d => d.TextContent.Contains("first", StringComparison.Ordinal));
        var (_, unchanged) = await GetAsync(ed, path);
        Assert.Equal("2", Revision(unchanged));

        using var restore = await ed.PostFormAsync($"{path}/history/restore", Fields(("revision", "1"), ("expected", "2")), formPage: confirm);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var (_, page) = await GetAsync(ed, path);
        Assert.Equal("The first wording.", page.QuerySelector("textarea#body")!.TextContent);
        Assert.Equal("3", Revision(page));
        // A version never live: the restored text is a new draft revision, which goes through review like any other.
        Assert.Equal("draft", page.QuerySelector(".meta .badge")!.TextContent);
    }

    [Fact]
    public async Task PublishNow_OnceASecondPersonApproved_MakesThePublicPageAnswer()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var rita = await SignInAsync(site, "rita");
        var path = await CreateAsync(ed, "press-release", "Press release", "Out now.");
        var (_, draft) = await GetAsync(ed, path);
        Assert.Null(draft.QuerySelector("button[value=publish]"));
        using (var unreviewed = await WorkflowAsync(ed, path, "publish", "1"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unreviewed.StatusCode);
        }

        using (var submit = await WorkflowAsync(ed, path, "submit", "1"))
        using (var approve = await WorkflowAsync(rita, path, "approve", "1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }

        using var publish = await WorkflowAsync(ed, path, "publish", "1");

        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        using var pub = await site.Client.GetAsync("/en-gb/press-release");
        Assert.Equal(HttpStatusCode.OK, pub.StatusCode);
        var (_, page) = await GetAsync(ed, path);
        Assert.Equal("published", page.QuerySelector(".meta .badge")!.TextContent);
        Assert.NotNull(page.QuerySelector("button[value=unpublish]"));
    }

    [Fact]
    public async Task PublishAt_InTheFuture_StaysOffTheSiteUntilTheClockPassesIt()
    {
        await using var site = await StartAsync(OnePerson());
        using var ed = await SignInAsync(site, "ed");
        var path = await CreateAsync(ed, "embargoed-note", "Embargoed note", "Not before noon.");

        // The site starts at 09:00 UTC; the input is read as UTC.
        using var schedule = await WorkflowAsync(ed, path, "publish-at", "1", "2026-11-29T12:00");

        Assert.Equal(HttpStatusCode.Redirect, schedule.StatusCode);
        var (_, page) = await GetAsync(ed, path);
        Assert.Contains("embargoed until 2026-11-29 12:00 UTC", page.QuerySelector(".meta .badge")!.TextContent, StringComparison.Ordinal);
        using (var early = await site.Client.GetAsync("/en-gb/embargoed-note"))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        site.Clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        using (var almost = await site.Client.GetAsync("/en-gb/embargoed-note"))
        {
            Assert.Equal(HttpStatusCode.NotFound, almost.StatusCode);
        }

        site.Clock.Advance(TimeSpan.FromSeconds(1));
        using var onTime = await site.Client.GetAsync("/en-gb/embargoed-note");
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Fact]
    public async Task PublishAt_IsReadInTheSitesTimeZone_WhichTheFormNames()
    {
        // The site's zone is Moscow (UTC+3) and so is the test host's own: 18:54 on the form is 15:54 UTC.
        await using var site = await StartAsync(OnePerson(("Hexapla:TimeZone", "Europe/Moscow")));
        using var ed = await SignInAsync(site, "ed");
        var path = await CreateAsync(ed, "moscow-note", "Moscow note", "Not before 18:54 Moscow time.");

        var (_, form) = await GetAsync(ed, path);
        Assert.Equal("Europe/Moscow (UTC+03:00)", form.QuerySelector("#publish-at-zone")!.TextContent);
        Assert.Equal("publish-at-zone", form.QuerySelector("#publish-at")!.GetAttribute("aria-describedby"));
        // Pre-filled with an hour from now (09:00 UTC) in Moscow's wall-clock time.
        Assert.Equal("2026-11-29T13:00", form.QuerySelector("#publish-at")!.GetAttribute("value"));

        using var schedule = await WorkflowAsync(ed, path, "publish-at", "1", "2026-12-06T18:54");

        Assert.Equal(HttpStatusCode.Redirect, schedule.StatusCode);
        var (_, page) = await GetAsync(ed, path);
        Assert.Equal("2026-12-06T18:54", page.QuerySelector("#publish-at")!.GetAttribute("value"));
        Assert.Contains("embargoed until 2026-12-06 18:54 Europe/Moscow (UTC+03:00), 15:54 UTC", page.QuerySelector(".meta .badge")!.TextContent, StringComparison.Ordinal);
        site.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 15, 53, 59, TimeSpan.Zero));
        using (var early = await site.Client.GetAsync("/en-gb/moscow-note"))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        site.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 15, 54, 0, TimeSpan.Zero));
        using var onTime = await site.Client.GetAsync("/en-gb/moscow-note");
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Fact]
    public async Task PublishAt_InTheSpringGap_IsRefusedAndPublishesNothing()
    {
        await using var site = await StartAsync(OnePerson(("Hexapla:TimeZone", "Europe/Berlin")));
        using var ed = await SignInAsync(site, "ed");
        var path = await CreateAsync(ed, "gap-note", "Gap note", "Clocks go forward.");

        // Berlin's clocks go from 02:00 to 03:00 on 2027-03-28: 02:30 never happens there.
        using var schedule = await WorkflowAsync(ed, path, "publish-at", "1", "2027-03-28T02:30");

        Assert.Equal(HttpStatusCode.BadRequest, schedule.StatusCode);
        Assert.Contains("does not exist in Europe/Berlin", (await PageAsync(schedule)).QuerySelector(".alert")!.TextContent, StringComparison.Ordinal);
        var (_, page) = await GetAsync(ed, path);
        Assert.Equal("draft", page.QuerySelector(".meta .badge")!.TextContent);
    }

    [Fact]
    public async Task Translator_WorksInTheirLanguage_AndIsRefusedElsewhere()
    {
        await using var site = await StartAsync();
        using var pierre = await SignInAsync(site, "pierre");
        var french = $"/admin/documents/{Sample}/fr-FR";
        var russian = $"/admin/documents/{Sample}/ru-RU";

        var (status, page) = await GetAsync(pierre, french);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("", Revision(page));
        Assert.NotNull(page.QuerySelector("aside.original"));
        using (var create = await SaveAsync(pierre, french, "Évolution de la situation en Irak", "L'Irak reste au cœur de l'instabilité.", ""))
        {
            Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        }

        var (_, saved) = await GetAsync(pierre, french);
        Assert.Equal("1", Revision(saved));
        using (var again = await SaveAsync(pierre, french, "Évolution de la situation en Irak", "Deuxième version.", "1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        var (russianStatus, _) = await GetAsync(pierre, russian);
        Assert.Equal(HttpStatusCode.Forbidden, russianStatus);
        // A valid token from a page the translator may open does not make the post allowed.
        using var post = await pierre.PostFormAsync(russian, Fields(("title", "Хак"), ("body", "Хак"), ("revision", "1"), ("action", "save")), formPage: french);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var (newStatus, _) = await GetAsync(pierre, "/admin/new");
        Assert.Equal(HttpStatusCode.Forbidden, newStatus);
        using var create2 = await pierre.PostFormAsync("/admin/new", Fields(("language", "fr-FR"), ("title", "X"), ("body", "X"), ("action", "create")), formPage: french);
        Assert.Equal(HttpStatusCode.Forbidden, create2.StatusCode);
    }

    [Fact]
    public async Task Workflow_WithAStaleRevision_IsRefusedForWhoMayNot_BeforeTheRevisionIsCompared()
    {
        await using var site = await StartAsync();
        using var pierre = await SignInAsync(site, "pierre");
        using var rita = await SignInAsync(site, "rita");
        using var ed = await SignInAsync(site, "ed");
        var french = $"/admin/documents/{Sample}/fr-FR";
        using (var created = await SaveAsync(pierre, french, "Évolution de la situation en Irak", "L'Irak reste instable.", ""))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        // A translator may not publish, a reviewer may not unpublish, a translator may not edit the original: each is
        // told so (403), even with a revision that is not the current one; an editor with that revision gets 409.
        using var publish = await WorkflowAsync(pierre, french, "publish", "7");
        using var unpublish = await WorkflowAsync(rita, $"/admin/documents/{Sample}/ru-RU", "unpublish", "7");
        using var original = await SaveAsync(pierre, $"/admin/documents/{Sample}/ru-RU", "Новый заголовок", "Текст.", "7");
        using var byEditor = await WorkflowAsync(ed, french, "publish", "7");

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unpublish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, original.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, byEditor.StatusCode);
    }

    [Fact]
    public async Task MachinePrefill_WithAStaleRevision_IsRefusedForWhoMayNot_BeforeTheRevisionIsCompared()
    {
        // The service's address is never called: every request here stops before it.
        await using var site = await TestSite.StartAsync(
            settings: new Dictionary<string, string?> { ["Hexapla:MachineTranslation:Url"] = "http://127.0.0.1:9/" },
            prepare: async (data, clock) =>
            {
                await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
                await AdminClient.AddUserAsync(data, clock, "pierre", Role.Translator, Password, "fr-FR");
            });
        using var pierre = await SignInAsync(site, "pierre");
        using var ed = await SignInAsync(site, "ed");
        Task<HttpResponseMessage> PrefillAsync(AdminClient client, string lang) => client.PostFormAsync(
            $"/admin/documents/{Sample}/{lang}/machine", Fields(("action", "prefill"), ("revision", "7")), formPage: $"/admin/documents/{Sample}/fr-FR");

        using var intoEnglish = await PrefillAsync(pierre, "en-GB");
        using var byEditor = await PrefillAsync(ed, "fr-FR");

        Assert.Equal(HttpStatusCode.Forbidden, intoEnglish.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, byEditor.StatusCode);
    }

    [Fact]
    public async Task Reviewer_ApprovesWithoutASaveButton()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        using var rita = await SignInAsync(site, "rita");
        var path = await CreateAsync(ed, "for-review", "For review", "Please check.");
        using (var submit = await WorkflowAsync(ed, path, "submit", "1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        }

        var (status, page) = await GetAsync(rita, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(page.QuerySelector("button[value=save]"));
        Assert.Null(page.QuerySelector("button[value=publish]"));
        Assert.NotNull(page.QuerySelector("button[value=approve]"));

        using var approve = await WorkflowAsync(rita, path, "approve", "1");
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var (_, after) = await GetAsync(rita, path);
        Assert.Equal("approved", after.QuerySelector(".meta .badge")!.TextContent);
    }

    [Fact]
    public async Task Anonymous_IsSentToLogin_AndAFormWithoutItsTokenIsRefused()
    {
        await using var site = await StartAsync();

        using var anonymous = await site.Client.GetAsync($"/admin/documents/{Sample}/en-GB");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/admin/login", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        using var ed = await SignInAsync(site, "ed");
        using var noToken = await ed.PostFormAsync($"/admin/documents/{Sample}/en-GB", Fields(("title", "T"), ("body", "B"), ("revision", "1"), ("action", "save")), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }

    [Fact]
    public async Task ScriptInTitleAndBody_IsTextEverywhere()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        const string Title = "<script>alert('title')</script> Evil";
        const string Body = "<script>alert('body')</script>\n\n<img src=x onerror=alert(1)> **bold**";
        var path = await CreateAsync(ed, "evil", Title, Body);
        using (var save = await SaveAsync(ed, path, Title + " again", Body + "\n\nmore", "1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        }

        foreach (var address in new[] { "/admin/", path, $"{path}/history" })
        {
            var (status, page) = await GetAsync(ed, address);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.StartsWith("/assets/admin.js", s.GetAttribute("src") ?? "", StringComparison.Ordinal));
            Assert.Empty(page.QuerySelectorAll("img[onerror]"));
            Assert.Contains("<script>alert('title')</script>", page.Body!.TextContent, StringComparison.Ordinal);
        }

        using var preview = await ed.PostFormAsync("/admin/preview", Fields(("body", Body)), formPage: path);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var fragment = await PageAsync(preview);
        Assert.Empty(fragment.QuerySelectorAll("script"));
        Assert.Empty(fragment.QuerySelectorAll("[onerror]"));
        Assert.Equal("bold", fragment.QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public async Task AuditLog_IsForAdminsOnly()
    {
        await using var site = await StartAsync();
        using var ed = await SignInAsync(site, "ed");
        await CreateAsync(ed, "audited", "Audited", "Text.");

        var (edStatus, _) = await GetAsync(ed, "/admin/audit");
        Assert.Equal(HttpStatusCode.Forbidden, edStatus);

        using var anna = await SignInAsync(site, "anna");
        var (status, page) = await GetAsync(anna, "/admin/audit");
        Assert.Equal(HttpStatusCode.OK, status);
        var first = page.QuerySelectorAll("table.audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("login", first[0], StringComparison.Ordinal);
        Assert.Contains(first, r => r.Contains("document.create", StringComparison.Ordinal) && r.Contains("audited/en-GB", StringComparison.Ordinal));
    }
}
