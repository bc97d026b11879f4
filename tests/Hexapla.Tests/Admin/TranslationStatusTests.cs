using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>The translation matrix, the status API, the translator's view of changed segments and Keep as is.</summary>
public sealed class TranslationStatusTests
{
    private const string Password = "correct horse battery";
    private const string Sample = "razvitie-situacii-v-irake";
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
        await AdminClient.AddUserAsync(data, clock, "pierre", Role.Translator, Password, "fr-FR");
        await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB");
        // A scraped page whose switcher lists fr-FR, which is never imported.
        await TestContent.ImportAsync(data, clock, ("zayavlenie.ru-RU.txt", "• en-GB1 ru-RU1 fr-FR1\n\nПервый абзац заявления.\n\nВторой абзац заявления.\n"));
    });

    private static async Task<AdminClient> SignInAsync(TestSite site, string name)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync(name, Password);
        return client;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(AdminClient client, string path)
    {
        using var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string? Cell(AngleSharp.Html.Dom.IHtmlDocument page, string slug, string language) =>
        page.QuerySelectorAll("tbody tr").FirstOrDefault(r => r.QuerySelector("th code")?.TextContent == slug)
            ?.QuerySelector($"td[data-language='{language}']")?.GetAttribute("data-state");

    private static async Task EditParagraphFiveAsync(TestSite site, AdminClient editor, string replacement)
    {
        var store = await AdminClient.OpenStoreAsync(site);
        // The original is published: the change goes to its working copy (with the note that requires), and the
        // translations follow the original's newest text at once.
        var original = (await store.FindDocumentAsync(Sample))!.Version(Ru)!.Latest;
        var paragraphs = original.Body.Split("\n\n");
        paragraphs[4] = replacement;
        using var response = await editor.PostFormAsync($"/admin/documents/{Sample}/ru-RU", [
            new("title", original.Title), new("summary", original.Summary ?? ""), new("body", string.Join("\n\n", paragraphs)),
            new("note", "Paragraph five rewritten."),
            new("revision", original.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("action", "save")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Matrix_Samples_EnglishUpToDate_ExpectedButNeverImportedIsMissing()
    {
        await using var site = await StartAsync();
        using var editor = await SignInAsync(site, "ed");

        var page = await PageAsync(editor, "/admin/translations");

        Assert.Equal("up-to-date", Cell(page, Sample, "en-GB"));
        Assert.Equal("original", Cell(page, Sample, "ru-RU"));
        Assert.Equal("missing", Cell(page, "zayavlenie", "fr-FR"));
        Assert.Equal("missing", Cell(page, "zayavlenie", "en-GB"));
        Assert.Contains("1 up to date", page.QuerySelector("tfoot td[data-language='en-GB']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 missing", page.QuerySelector("tfoot td[data-language='fr-FR']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("nav.admin-nav a[href='/admin/translations']"));

        var missingOnly = await PageAsync(editor, "/admin/translations?state=missing&lang=en-GB");
        Assert.Null(Cell(missingOnly, Sample, "en-GB"));
        Assert.Equal("missing", Cell(missingOnly, "zayavlenie", "en-GB"));
        Assert.Equal(["en-GB"], missingOnly.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent));
        var byText = await PageAsync(editor, "/admin/translations?q=IRAQ");
        Assert.Equal("up-to-date", Cell(byText, Sample, "en-GB"));
        Assert.Null(Cell(byText, "zayavlenie", "en-GB"));

        using var translator = await SignInAsync(site, "pierre");
        var own = await PageAsync(translator, "/admin/translations");
        Assert.Equal(["fr-FR"], own.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent));
    }

    [Fact]
    public async Task EditingParagraphFive_OutdatesExactlyThatSegment_ViewShowsOldAndNew_KeepAsIsWithANoteMakesItCurrentWithoutARevision()
    {
        await using var site = await StartAsync();
        using var editor = await SignInAsync(site, "ed");
        var store = await AdminClient.OpenStoreAsync(site);
        var before = (await store.FindDocumentAsync(Sample))!;
        var oldFifth = before.Version(Ru)!.Body.Split("\n\n")[4];
        var fifthId = before.Version(Ru)!.Segments[4].Id;
        await ((IGlossaryStore)store).UpsertGlossaryTermAsync(Ru, En, new GlossaryTerm("рамади", "Ramadi <b>", "city \"&\" note"));

        await EditParagraphFiveAsync(site, editor, "Иракскому правительству удалось остановить ИГИЛ. Знаковым событием стало освобождение Рамади.");

        var matrix = await PageAsync(editor, "/admin/translations");
        Assert.Equal("outdated", Cell(matrix, Sample, "en-GB"));
        Assert.Contains("1 of 9", matrix.QuerySelector($"td[data-language='en-GB']")!.TextContent, StringComparison.Ordinal);

        using var status = await editor.Http.GetAsync($"/api/v1/documents/{Sample}/en-GB/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using (var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync()))
        {
            var root = json.RootElement;
            Assert.Equal("en-GB", root.GetProperty("language").GetString());
            Assert.Equal("ru-RU", root.GetProperty("source").GetString());
            Assert.Equal("published", root.GetProperty("state").GetString());
            Assert.Equal(9, root.GetProperty("segments").GetProperty("total").GetInt32());
            Assert.Equal(8, root.GetProperty("segments").GetProperty("upToDate").GetInt32());
            Assert.Equal(1, root.GetProperty("segments").GetProperty("outdated").GetInt32());
            Assert.Equal([fifthId], root.GetProperty("outdatedSegments").EnumerateArray().Select(e => e.GetString()));
            Assert.Empty(root.GetProperty("missingSegments").EnumerateArray());
        }

        var view = await PageAsync(editor, $"/admin/documents/{Sample}/en-GB");
        var row = Assert.Single(view.QuerySelectorAll("table.changed-segments tbody tr"));
        Assert.Equal(oldFifth, row.QuerySelector(".old-source")!.TextContent);
        Assert.Contains("Знаковым событием стало освобождение", row.QuerySelector(".new-source")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector(".new-source del"));
        Assert.StartsWith("Despite", row.QuerySelector(".translation")!.TextContent.Trim(), StringComparison.Ordinal);
        var mark = row.QuerySelector(".new-source mark.term")!;
        Assert.Equal("Рамади", mark.TextContent);
        Assert.Equal("Ramadi <b> — city \"&\" note", mark.GetAttribute("title"));
        Assert.DoesNotContain("Ramadi <b>", view.Source.Text, StringComparison.Ordinal);

        // Keep as is: a checkbox per changed paragraph, labelled, and a note that is required.
        var keep = row.QuerySelector("td.keep input[type=checkbox][name=segment]")!;
        Assert.Equal(row.GetAttribute("data-segment"), keep.GetAttribute("value"));
        Assert.NotNull(view.QuerySelector($"label[for='{keep.Id}']"));
        Assert.True(view.QuerySelector("form.keep-as-is textarea[name=note]")!.HasAttribute("required"));

        var english = (await store.FindDocumentAsync(Sample))!.Version(En)!;
        var revision = english.Latest.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var withoutNote = await editor.PostFormAsync($"/admin/documents/{Sample}/en-GB/mark-current", [
            new("revision", revision), new("segment", row.GetAttribute("data-segment")!), new("note", "")],
            formPage: $"/admin/documents/{Sample}/en-GB"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutNote.StatusCode);
            Assert.Equal("outdated", Cell(await PageAsync(editor, "/admin/translations"), Sample, "en-GB"));
        }

        using var done = await editor.PostFormAsync($"/admin/documents/{Sample}/en-GB/mark-current", [
            new("revision", revision), new("segment", row.GetAttribute("data-segment")!), new("note", "Only the word order changed; the English says the same.")],
            formPage: $"/admin/documents/{Sample}/en-GB");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        // No revision is written and no text changes: the decision is in the audit log and the history, with its note.
        var after = (await store.FindDocumentAsync(Sample))!.Version(En)!;
        Assert.Equal(english.Revision, after.Revision);
        Assert.Equal(english.LastRevision, after.LastRevision);
        Assert.Equal(english.Body, after.Body);
        Assert.Equal(Content.VersionState.Published, after.State);
        Assert.Equal("up-to-date", Cell(await PageAsync(editor, "/admin/translations"), Sample, "en-GB"));
        Assert.Contains(await store.ListAuditAsync(0, 10), e => e.Action == "version.keep" && e.Target == $"{Sample}/en-GB" && e.Actor == "ed"
            && e.Detail!.Contains("Only the word order changed", StringComparison.Ordinal));
        Assert.Equal(english.Revision, (await store.ListRevisionsAsync(Sample, En))[0].Revision);
        var history = await PageAsync(editor, $"/admin/documents/{Sample}/en-GB/history");
        Assert.Contains(history.QuerySelectorAll(".events tbody tr"), r => r.GetAttribute("data-action") == "version.keep"
            && r.TextContent.Contains("Only the word order changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeepAsIs_TranslatorOfAnotherLanguage_Refused_NothingChanges()
    {
        await using var site = await StartAsync();
        using var editor = await SignInAsync(site, "ed");
        await EditParagraphFiveAsync(site, editor, "Совсем другой абзац.");
        var store = await AdminClient.OpenStoreAsync(site);
        var english = (await store.FindDocumentAsync(Sample))!.Version(En)!;
        using var pierre = await SignInAsync(site, "pierre");

        using var refused = await pierre.PostFormAsync($"/admin/documents/{Sample}/en-GB/mark-current", [
            new("revision", english.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("segment", english.Segments[4].Id), new("note", "Typo fix.")],
            formPage: "/admin/translations");

        // The newsroom does not tell a translator about versions they may not read.
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(english.Revision, (await store.FindDocumentAsync(Sample))!.Version(En)!.Revision);

        using var tom = await SignInAsync(site, "tom");
        using var allowed = await tom.PostFormAsync($"/admin/documents/{Sample}/en-GB/mark-current", [
            new("revision", english.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("segment", english.Segments[4].Id), new("note", "Typo fix in the original.")],
            formPage: "/admin/translations");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.True(Hexapla.Translation.TranslationStatus.Of((await store.FindDocumentAsync(Sample))!, En).IsUpToDate);
    }

    [Fact]
    public async Task StatusApi_Permissions_AndUnknowns()
    {
        await using var site = await StartAsync();
        using var pierre = await SignInAsync(site, "pierre");
        using var editor = await SignInAsync(site, "ed");

        using var anonymous = await site.Client.GetAsync($"/api/v1/documents/{Sample}/en-GB/status");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var other = await pierre.Http.GetAsync($"/api/v1/documents/{Sample}/en-GB/status");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);

        using var originalStatus = await pierre.Http.GetAsync($"/api/v1/documents/{Sample}/ru-RU/status");
        Assert.Equal(HttpStatusCode.OK, originalStatus.StatusCode);

        using var own = await pierre.Http.GetAsync($"/api/v1/documents/{Sample}/fr-FR/status");
        using (var json = JsonDocument.Parse(await own.Content.ReadAsStringAsync()))
        {
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("state").ValueKind);
            Assert.Equal(9, json.RootElement.GetProperty("segments").GetProperty("missing").GetInt32());
            Assert.Equal(9, json.RootElement.GetProperty("missingSegments").GetArrayLength());
        }

        using var unknown = await editor.Http.GetAsync("/api/v1/documents/no-such-thing/en-GB/status");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // A Bearer token works too.
        var store = await AdminClient.OpenStoreAsync(site);
        var token = await CreateTokenAsync(store);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/documents/{Sample}/en-GB/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var bearer = await site.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    private static async Task<string> CreateTokenAsync(Storage.Sqlite.SqliteContentStore store)
    {
        var user = (await store.FindUserAsync("ed"))!;
        var token = ApiTokens.Create();
        await store.AddTokenAsync("ed-token", user.Id, ApiTokens.HashOf(token), TestSite.Start);
        return token;
    }

    [Fact]
    public void Highlight_HostileTerm_Escaped_WholeWordsOnly()
    {
        var html = AdminSegmentsSection.Highlight("A <script> x and scripts; SCRIPT! <script>", [new GlossaryTerm("<script>", "\"><img src=x>", "n<o>te"), new GlossaryTerm("script", "скрипт", null)]).Value;

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<mark class=\"term\" title=\"скрипт\">SCRIPT</mark>!", html, StringComparison.Ordinal);
        Assert.Contains(" and scripts; ", html, StringComparison.Ordinal);
    }
}
