using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Security;

/// <summary>
/// Characters XML cannot carry (U+0001, a word processor's U+000B…): refused at every entrance, naming the field and
/// the place, U+000B made a line break; and text stored before that rule never breaks a feed, an export or a download,
/// is reported by <c>hexapla check</c> and mended by <c>--repair</c>.
/// </summary>
public sealed class UncarriableTextTests : CliFolderTests
{
    private const string Password = "correct horse battery staple";
    private const string Sample = "razvitie-situacii-v-irake";
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");

    /// <summary>A published document "bad" whose en-GB original and fr-FR translation hold control characters, written straight to the store.</summary>
    private static async Task SeedBadTextAsync(Storage.Sqlite.SqliteContentStore store, DateTimeOffset now)
    {
        var original = Segmentation.WithSegments(new LanguageVersion
        {
            Language = EnGb,
            Title = "Bad\u0001title",
            Summary = "Sum\u0002mary",
            Body = "One\u000Btwo \u0002three.\n\nA clean paragraph.\n",
            State = VersionState.Published,
            PublishedAt = now.AddHours(-1),
            UpdatedAt = now.AddHours(-1),
        }, null);
        var translation = Segmentation.LinkByPosition(Segmentation.WithSegments(new LanguageVersion
        {
            Language = FrFr,
            Title = "Titre\u0001",
            Body = "Un\u0001 deux trois.\n\nUn paragraphe propre.\n",
            State = VersionState.Published,
            PublishedAt = now.AddHours(-1),
            UpdatedAt = now.AddHours(-1),
            SourceRevision = 1,
        }, null), original);
        var created = await store.CreateDocumentAsync(
            new Document { Slug = "bad", OriginalLanguage = EnGb, CreatedAt = now, UpdatedAt = now, Versions = [original, translation] },
            new AuditEntry(0, now, "ed", "document.create", "bad/en-GB", null));
        Assert.NotNull(created);
    }

    private static async Task<string> ProblemFieldAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(", line 1, column ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem.GetProperty("field").GetString()!;
    }

    [Fact]
    public async Task WriteApi_ControlCharacter_400NamingTheField_NothingStored_VerticalTabBecomesLineBreak()
    {
        string? token = null;
        await using var site = await TestSite.StartAsync(prepare: async (data, clock) =>
        {
            var user = await AdminClient.AddUserAsync(data, clock, "eddie", Role.Editor, Password);
            var store = await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName));
            token = ApiTokens.Create();
            await store.AddTokenAsync("eddie-token", user.Id, ApiTokens.HashOf(token), clock.GetUtcNow());
        });
        site.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Task<HttpResponseMessage> CreateAsync(string title, string body, string? summary = null, string[]? tags = null) =>
            site.Client.PostAsJsonAsync("/api/v1/documents", new { slug = "note", language = "en-GB", title, body, summary, tags });

        using (var title = await CreateAsync("Bad\u0001title", "Body."))
        {
            Assert.Equal("title", await ProblemFieldAsync(title));
        }

        using (var body = await CreateAsync("Title", "Body \u0007 bell."))
        {
            Assert.Equal("body", await ProblemFieldAsync(body));
        }

        using (var summary = await CreateAsync("Title", "Body.", "Sum\uFFFFmary"))
        {
            Assert.Equal("summary", await ProblemFieldAsync(summary));
        }

        using (var tags = await CreateAsync("Title", "Body.", tags: ["iraq", "bad\u0003"]))
        {
            Assert.Equal("tags", await ProblemFieldAsync(tags));
        }

        var store = await AdminClient.OpenStoreAsync(site);
        Assert.Null(await store.FindDocumentAsync("note"));

        using var created = await CreateAsync("Title", "Line one\u000Bline two.");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Line one\nline two.", (await store.FindDocumentAsync("note"))!.Version(EnGb)!.Body);

        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/documents/note/en-GB")
        {
            Content = JsonContent.Create(new { title = "Title", body = "Now a \u0001 here." }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        using var saved = await site.Client.SendAsync(put);
        Assert.Equal("body", await ProblemFieldAsync(saved));
        Assert.Equal(1, (await store.FindDocumentAsync("note"))!.Version(EnGb)!.Revision);
    }

    [Fact]
    public async Task AdminForms_ControlCharacter_FormShownAgainWith400AndWhere_NothingStored()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password));
        using var editor = new AdminClient(site);
        await editor.LoginOrFailAsync("ed", Password);
        var store = await AdminClient.OpenStoreAsync(site);

        using var created = await editor.PostFormAsync("/admin/new", [
            new("language", "en-GB"), new("title", "Bad\u0001title"), new("slug", "note"), new("tags", ""), new("summary", ""), new("body", "Body."), new("action", "create")]);
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("title, line 1, column 4: U+0001", WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await store.FindDocumentAsync("note"));

        var path = $"/admin/documents/{Sample}/en-GB";
        var before = (await store.FindDocumentAsync(Sample))!.Version(EnGb)!;
        using var saved = await editor.PostFormAsync(path, [
            new("title", before.Title), new("summary", ""), new("body", "First line\r\nsecond \u0001 line"),
            new("revision", before.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("action", "save")]);
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("body, line 2, column 8: U+0001", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before.Revision, (await store.FindDocumentAsync(Sample))!.Version(EnGb)!.Revision);

        const string glossary = "/admin/glossary?source=ru-RU&target=en-GB";
        using var term = await editor.PostFormAsync(glossary, [new("action", "add"), new("term", "Багдад"), new("translation", "Bagh\u0001dad"), new("note", "")], formPage: glossary);
        Assert.Equal(HttpStatusCode.BadRequest, term.StatusCode);
        Assert.Contains("translation, line 1, column 5: U+0001", WebUtility.HtmlDecode(await term.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty(await store.ListGlossaryAsync(LanguageTag.Parse("ru-RU"), EnGb));
    }

    [Fact]
    public async Task StoredBeforeTheRule_FeedPageSitemapAndXliffDownload_Answer200_WellFormed()
    {
        await using var site = await TestSite.StartAsync(prepare: async (data, clock) =>
        {
            await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
            var store = await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName));
            await SeedBadTextAsync(store, clock.GetUtcNow());
        });

        using var feed = await site.Client.GetAsync("/en-gb/feed.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = XDocument.Parse(await feed.Content.ReadAsStringAsync()).Descendants(atom + "entry").ToList();
        var entry = entries.Single(e => e.Element(atom + "title")!.Value == "Badtitle");
        Assert.Equal("Summary", entry.Element(atom + "summary")!.Value);
        Assert.Contains("One\ntwo three.", entry.Element(atom + "content")!.Value, StringComparison.Ordinal);

        using var page = await site.Client.GetAsync("/en-gb/bad");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Badtitle", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0001', html);
        Assert.DoesNotContain('\u0002', html);

        using var sitemap = await site.Client.GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, sitemap.StatusCode);
        Assert.NotNull(XDocument.Parse(await sitemap.Content.ReadAsStringAsync()).Root);

        using var editor = new AdminClient(site);
        await editor.LoginOrFailAsync("ed", Password);
        using var xliff = await editor.Http.GetAsync("/admin/documents/bad/fr-FR/xliff");
        Assert.Equal(HttpStatusCode.OK, xliff.StatusCode);
        var units = XDocument.Parse(await xliff.Content.ReadAsStringAsync()).Descendants(Interchange.Xliff.XliffWriter.Ns + "target").Select(t => t.Value).ToList();
        Assert.Contains("Titre", units);
    }

    [Fact]
    public async Task StoredBeforeTheRule_ExportsSucceedWellFormed_CheckReports_RepairMends_CheckCleanAfter()
    {
        var data = Path.Combine(Folder, "data");
        var store = await OpenAsync(data);
        await new Importer(store, TimeProvider.System).ImportAsync(TestSite.Samples(allSamples: false), new ImportOptions());
        await SeedBadTextAsync(store, TimeProvider.System.GetUtcNow());
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);

        var site = await RunAsync("export", "site", "--out", Path.Combine(Folder, "site"), "--base-url", "https://press.example.org", "--data", data);
        Assert.True(site.Exit == 0, site.Output + site.Error);
        var feed = XDocument.Load(Path.Combine(Folder, "site", "en-gb", "feed.atom"));
        Assert.Contains(feed.Descendants(), e => e.Name.LocalName == "title" && e.Value == "Badtitle");
        Assert.NotNull(XDocument.Load(Path.Combine(Folder, "site", "sitemap.xml")).Root);

        var tmxPath = Path.Combine(Folder, "bad.tmx");
        var tmx = await RunAsync("export", "tmx", "--source", "en-GB", "--target", "fr-FR", "--out", tmxPath, "--data", data);
        Assert.True(tmx.Exit == 0, tmx.Output + tmx.Error);
        Assert.Contains(XDocument.Load(tmxPath).Descendants("seg"), s => s.Value == "Un deux trois.");

        var xliff = await RunAsync("export", "xliff", "--source", "en-GB", "--target", "fr-FR", "--out", Path.Combine(Folder, "xliff"), "--data", data);
        Assert.True(xliff.Exit == 0, xliff.Output + xliff.Error);
        Assert.NotNull(XDocument.Load(Path.Combine(Folder, "xliff", "bad.en-GB-fr-FR.xlf")).Root);

        var check = await RunAsync("check", "--data", data);
        Assert.Equal(1, check.Exit);
        Assert.Contains("text: bad/en-GB title: 1 character(s) the entrance rule refuses or XML cannot carry, the first U+0001 at line 1, column 4", check.Output, StringComparison.Ordinal);
        Assert.Contains("text: bad/en-GB body: 2 character(s)", check.Output, StringComparison.Ordinal);
        Assert.Contains("text: bad/fr-FR title: 1 character(s)", check.Output, StringComparison.Ordinal);

        var repair = await RunAsync("check", "--repair", "--data", data);
        Assert.True(repair.Exit == 0, repair.Output + repair.Error);
        Assert.Contains("Repaired the text of bad/en-GB: saved as revision 2.", repair.Output, StringComparison.Ordinal);
        var again = await RunAsync("check", "--data", data);
        Assert.True(again.Exit == 0, again.Output);
        var repaired = (await OpenAsync(data)).FindDocumentAsync("bad");
        var document = (await repaired)!;
        Assert.Equal(("Badtitle", "Summary", "One\ntwo three.\n\nA clean paragraph.\n", VersionState.Published),
            (document.Version(EnGb)!.Title, document.Version(EnGb)!.Summary, document.Version(EnGb)!.Body, document.Version(EnGb)!.State));
        Assert.Equal("Un deux trois.\n\nUn paragraphe propre.\n", document.Version(FrFr)!.Body);
    }

    [Fact]
    public async Task CliTmxAndGlossaryImport_ControlCharacter_RefusedWithFileAndLine_NothingStored()
    {
        var data = Path.Combine(Folder, "data");
        var tmx = Path.Combine(Folder, "memory.tmx");
        await File.WriteAllTextAsync(tmx, "<tmx version=\"1.4\"><header srclang=\"en-GB\"/><body>\n"
            + "<tu><tuv xml:lang=\"en-GB\"><seg>Yes</seg></tuv><tuv xml:lang=\"fr-FR\"><seg>Oui</seg></tuv></tu>\n"
            + "<tu><tuv xml:lang=\"en-GB\"><seg>No</seg></tuv><tuv xml:lang=\"fr-FR\"><seg>N&#x92;on</seg></tuv></tu></body></tmx>");
        var csv = Path.Combine(Folder, "terms.csv");
        await File.WriteAllTextAsync(csv, "term,translation,note\nБагдад,Baghdad\nМосул,Mo\u0001sul\n");

        var memory = await RunAsync("import", tmx, "--data", data);
        var glossary = await RunAsync("glossary", "import", csv, "--source", "ru-RU", "--target", "en-GB", "--data", data);

        Assert.Equal(1, memory.Exit);
        Assert.Contains($"{tmx}:3: tu 2: the fr-FR <seg>, character 2: U+0092 (", memory.Error, StringComparison.Ordinal);
        Assert.Equal(1, glossary.Exit);
        Assert.Contains("terms.csv, line 3: column 9: U+0001 (", glossary.Error, StringComparison.Ordinal);
        var store = await OpenAsync(data);
        Assert.Empty(await store.FindMatchesAsync(EnGb, FrFr, "Yes", minSimilarity: 1.0, max: 1));
        Assert.Empty(await store.ListGlossaryAsync(LanguageTag.Parse("ru-RU"), EnGb));
    }

    [Fact]
    public async Task CliImport_ControlCharacter_RefusedWithFileAndLine_NothingStored()
    {
        var data = Path.Combine(Folder, "data");
        var file = Path.Combine(Folder, "note.en-GB.md");
        await File.WriteAllTextAsync(file, "---\ntitle: A note\n---\nFirst paragraph.\n\nSecond \u0001 one.\n");

        var import = await RunAsync("import", file, "--data", data);

        Assert.NotEqual(0, import.Exit);
        Assert.Contains($"{file}:6: column 8: U+0001 (", import.Error, StringComparison.Ordinal);
        Assert.Null(await (await OpenAsync(data)).FindDocumentAsync("note"));
    }
}
