using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Cli;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Security;

/// <summary>
/// Every input limit is a setting (<c>Hexapla:Limits</c>), and input over one is refused with a message that names the
/// limit and the size, changing nothing: through real HTTP, and through the CLI.
/// </summary>
public sealed class LimitsTests
{
    private const string Password = "correct horse battery";
    private const string Slug = "razvitie-situacii-v-irake";

    private static Task<TestSite> StartAsync(params (string Key, string Value)[] limits) => TestSite.StartAsync(
        settings: limits.ToDictionary(l => $"Hexapla:Limits:{l.Key}", l => (string?)l.Value),
        prepare: async (data, clock) => await AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password));

    private static async Task<AdminClient> SignedInAsync(TestSite site)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync("anna", Password);
        return client;
    }

    [Fact]
    public async Task Api_BodyOverTheLimit_Is413NamingTheLimitAndTheSize()
    {
        await using var site = await StartAsync(("RequestBodyBytes", "4096"));
        var store = await AdminClient.OpenStoreAsync(site);
        var owner = (await store.FindUserAsync("anna"))!;
        var token = ApiTokens.Create();
        await store.AddTokenAsync("t", owner.Id, ApiTokens.HashOf(token), site.Clock.GetUtcNow());
        var before = await store.CountDocumentsAsync();
        var body = JsonSerializer.Serialize(new { language = "en-GB", title = "Big", body = new string('a', 10_000) });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await site.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Equal("The request is 9.8 KiB; the limit (Hexapla:Limits:RequestBodyBytes) is 4 KiB.", detail);
        Assert.Equal(before, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task AdminForm_OverTheLimit_IsAPageNamingTheLimit()
    {
        await using var site = await StartAsync(("RequestBodyBytes", "4096"));
        using var client = await SignedInAsync(site);
        var before = await (await AdminClient.OpenStoreAsync(site)).CountDocumentsAsync();

        using var response = await client.PostFormAsync("/admin/new",
            [new("language", "en-GB"), new("title", "Big"), new("body", new string('a', 10_000)), new("action", "create")]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("the limit (Hexapla:Limits:RequestBodyBytes) is 4 KiB. Nothing was changed.", page, StringComparison.Ordinal);
        Assert.Equal(before, await (await AdminClient.OpenStoreAsync(site)).CountDocumentsAsync());
    }

    [Fact]
    public async Task XliffUpload_BetweenTheBodyAndUploadLimits_IsRead_AndOverTheUploadLimit_IsAPage()
    {
        await using var site = await StartAsync(("RequestBodyBytes", "4096"), ("UploadBytes", "32768"));
        using var client = await SignedInAsync(site);
        var edit = $"/admin/documents/{Slug}/en-GB";

        // 10 KB passes the size check (the file is then refused as XLIFF), 40 KB does not.
        using var allowed = await UploadAsync(client, edit, 10_000);
        using var refused = await UploadAsync(client, edit, 40_000);

        Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        Assert.Contains("XLIFF not imported", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("the limit (Hexapla:Limits:UploadBytes) is 32 KiB. Nothing was changed.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_QueryOverTheLimit_SaysSoOnThePageAndInTheApi()
    {
        await using var site = await StartAsync(("QueryLength", "20"));
        var query = Uri.EscapeDataString(new string('a', 15) + " " + new string('b', 15));

        using var page = await site.Client.GetAsync($"/en-gb/search?q={query}");
        using var russian = await site.Client.GetAsync($"/ru-ru/search?q={query}");
        using var api = await site.Client.GetAsync($"/api/v1/search?q={query}");
        using var withinLimit = await site.Client.GetAsync("/en-gb/search?q=Iraq");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Your search is 31 characters long; searches are limited to 20.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Запрос слишком длинный (символов: 31, допускается не больше 20).", await russian.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("q", problem.GetProperty("field").GetString());
        Assert.Contains("Hexapla:Limits:QueryLength", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withinLimit.StatusCode);

        // Both search boxes (the header's and the results page's) stop typing at the same limit.
        var boxes = System.Text.RegularExpressions.Regex.Matches(await withinLimit.Content.ReadAsStringAsync(), "maxlength=\"(\\d+)\"");
        Assert.Equal(["20", "20"], boxes.Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Login_FailuresPerAccountFromTheSettings_LockTheAccount()
    {
        await using var site = await StartAsync(("LoginFailuresPerAccount", "2"), ("LoginLockout", "00:02:00"));
        using var client = new AdminClient(site);
        using var first = await client.LoginAsync("anna", "wrong password 1");
        using var second = await client.LoginAsync("anna", "wrong password 2");

        using var refused = await client.LoginAsync("anna", Password);
        site.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        using var later = await client.LoginAsync("anna", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Try again in 2 minutes", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task CliImport_FileOverTheLimit_FailsWithOneLineNamingTheFileAndTheLimit()
    {
        var folder = TestSite.NewDataFolder();
        Directory.CreateDirectory(folder);
        try
        {
            var big = Path.Combine(folder, "big.en-GB.md");
            await using (var file = File.Create(big))
            {
                // Sparse: the size is what counts, and the file is refused unread.
                file.SetLength(11L * 1024 * 1024);
            }

            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await HexaplaCli.RunAsync(["import", big, "--data", Path.Combine(folder, "data")], output, error);

            Assert.Equal(1, exit);
            Assert.Contains($"{big}: the file is 11.0 MiB; the limit (Hexapla:Limits:ImportFileBytes) is 10 MiB", error.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "data", Storage.Sqlite.SqliteContentStore.FileName))
                && await (await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(folder, "data", Storage.Sqlite.SqliteContentStore.FileName))).CountDocumentsAsync() > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SegmentsPerDocument_OverTheLimit_RefusesTheApiSaveAndTheAdminForm()
    {
        await using var site = await StartAsync(("SegmentsPerDocument", "3"));
        var store = await AdminClient.OpenStoreAsync(site);
        var owner = (await store.FindUserAsync("anna"))!;
        var token = ApiTokens.Create();
        await store.AddTokenAsync("t", owner.Id, ApiTokens.HashOf(token), site.Clock.GetUtcNow());
        var before = await store.CountDocumentsAsync();
        const string body = "One.\n\nTwo.\n\nThree.\n\nFour.";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { language = "en-GB", title = "Four parts", body }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var client = await SignedInAsync(site);

        using var api = await site.Client.SendAsync(request);
        using var form = await client.PostFormAsync("/admin/new",
            [new("language", "en-GB"), new("title", "Four parts"), new("body", body), new("action", "create")]);
        using var withinLimit = await client.PostFormAsync("/admin/new",
            [new("language", "en-GB"), new("title", "Three parts"), new("body", "One.\n\nTwo.\n\nThree."), new("action", "create")]);

        const string message = "The en-GB version of &quot;four-parts&quot; has 4 segments (paragraphs, headings, list items, table cells); the limit (Hexapla:Limits:SegmentsPerDocument) is 3.";
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(System.Net.WebUtility.HtmlDecode(message), JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains(message, await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withinLimit.StatusCode);
        Assert.Equal(before + 1, await store.CountDocumentsAsync());
    }

    // Found by fuzzing: Markdig refuses such a body, so it could be rendered only as plain text, and the search
    // index could not read it (serve would fail to reindex).
    [Theory]
    [InlineData(101)]
    [InlineData(50_000)]
    public async Task Save_MarkdownNestedTooDeep_IsRefusedAndNothingIsStored(int depth)
    {
        await using var site = await StartAsync();
        using var client = await SignedInAsync(site);
        var before = await (await AdminClient.OpenStoreAsync(site)).CountDocumentsAsync();

        using var form = await client.PostFormAsync("/admin/new",
            [new("language", "en-GB"), new("title", "Deep"), new("body", new string('>', depth) + " x"), new("action", "create")]);

        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("The en-GB version of &quot;deep&quot; nests quotes, lists, links or emphasis too deep to read as Markdown", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await (await AdminClient.OpenStoreAsync(site)).CountDocumentsAsync());
    }

    // Issue 16: 100 KB of "[a](" took Markdig 7.7 s (the square of the count); such a body is refused on the way in, and
    // the preview shows it as text at once.
    [Fact]
    public async Task Save_MarkdownTooCostlyToRead_IsRefusedAndPreviewIsText()
    {
        await using var site = await StartAsync();
        using var client = await SignedInAsync(site);
        var before = await (await AdminClient.OpenStoreAsync(site)).CountDocumentsAsync();
        var body = string.Concat(Enumerable.Repeat("[a](", 50_000));

        using var form = await client.PostFormAsync("/admin/new",
            [new("language", "en-GB"), new("title", "Links"), new("body", body), new("action", "create")]);
        using var preview = await client.PostFormAsync("/admin/preview", [new("body", body)], formPage: "/admin/new");

        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("The en-GB version of &quot;links&quot; has a paragraph with too many links that are never closed", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await (await AdminClient.OpenStoreAsync(site)).CountDocumentsAsync());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.StartsWith("<p>[a]([a](", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliImport_VersionOverTheSegmentLimit_FailsNamingTheFileAndTheCount()
    {
        var folder = TestSite.NewDataFolder();
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "long-note.en-GB.md");
            await File.WriteAllTextAsync(file, "# Long note\n\n" + string.Concat(Enumerable.Range(0, SegmentLimitDefault + 1).Select(i => $"Paragraph {i}.\n\n")));
            var data = Path.Combine(folder, "data");

            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await HexaplaCli.RunAsync(["import", file, "--data", data], output, error);

            Assert.Equal(1, exit);
            Assert.Contains($"{file}: The en-GB version of \"long-note\" has 5,001 segments", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("the limit (Hexapla:Limits:SegmentsPerDocument) is 5,000.", error.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, await (await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName))).CountDocumentsAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const int SegmentLimitDefault = Hexapla.Translation.SegmentLimit.Default;

    private static async Task<HttpResponseMessage> UploadAsync(AdminClient client, string edit, int size)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(await client.GetFormTokenAsync(edit)), "__RequestVerificationToken");
        var file = new StringContent(new string('x', size));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xliff+xml");
        content.Add(file, "file", "big.xlf");
        return await client.Http.PostAsync($"{edit}/xliff", content);
    }
}
