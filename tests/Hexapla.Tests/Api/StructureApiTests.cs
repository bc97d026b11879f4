using System.Net;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Api;

/// <summary>
/// Sections and menus through the API: the tree with counts that hold only what readers may see, menus that never name
/// a document readers cannot read, and the refusals (a slug clash, a loop, a non-empty delete, a translator renaming).
/// </summary>
public sealed class StructureApiTests
{
    private const string Sections = "/api/v1/sections";

    private static Dictionary<string, string?> Titles(string russian, string english) => new() { ["ru-RU"] = russian, ["en-GB"] = english };

    /// <summary>Makes regions › middle-east; returns their ids.</summary>
    private static async Task<(long Regions, long East)> TreeAsync(Newsdesk desk)
    {
        var (regions, _) = await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Sections, "eddie", new { slug = "regions", titles = Titles("Регионы", "Regions") });
        var (east, _) = await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Sections, "eddie",
            new { slug = "middle-east", parent = "regions", titles = Titles("Ближний Восток", "Middle East") });
        Assert.Equal("regions/middle-east", east.GetProperty("path").GetString());
        Assert.Equal(regions.GetProperty("id").GetInt64(), east.GetProperty("parentId").GetInt64());
        return (regions.GetProperty("id").GetInt64(), east.GetProperty("id").GetInt64());
    }

    /// <summary>Creates a Russian document in <paramref name="section"/> and, unless <paramref name="publish"/> is null, publishes it (at that instant).</summary>
    private static async Task CreateAsync(Newsdesk desk, string slug, string section, DateTimeOffset? publish)
    {
        await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/documents", "eddie",
            new { slug, language = "ru-RU", title = "Заявление " + slug, body = "Текст.", section });
        if (publish is { } at)
        {
            var path = $"/api/v1/documents/{slug}/ru-RU";
            await desk.ReviewAsync(path);
            // Published now, or under embargo until a later instant.
            await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, path + "/publish", "eddie", at > TestSite.Start ? new { at = at.ToString("O") } : null);
        }
    }

    private static JsonElement SectionAt(JsonElement list, string path) =>
        list.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("path").GetString() == path);

    [Fact]
    public async Task Sections_CountOnlyPublicDocuments_PerLanguage_InTheSectionAndAllAbove()
    {
        await using var desk = await Newsdesk.StartAsync();
        await TreeAsync(desk);
        await CreateAsync(desk, "public-statement", "regions/middle-east", TestSite.Start.AddHours(-1));
        await CreateAsync(desk, "embargoed-statement", "regions/middle-east", TestSite.Start.AddDays(30));
        await CreateAsync(desk, "draft-statement", "regions", null);

        var (list, _) = await desk.GetAsync(Sections, null);
        var east = SectionAt(list, "regions/middle-east");
        var regions = SectionAt(list, "regions");
        // One public document: the embargoed one and the draft count nowhere, in no language.
        Assert.Equal("""{"ru-RU":1}""", east.GetProperty("documents").GetRawText());
        Assert.Equal("""{"ru-RU":1}""", regions.GetProperty("documents").GetRawText());
        Assert.Equal("Ближний Восток", east.GetProperty("titles").GetProperty("ru-RU").GetString());
        await desk.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/v1/documents/embargoed-statement/ru-RU", null);
    }

    [Fact]
    public async Task Menu_NeverNamesADocumentReadersCannotRead_ButEditorsGetEveryEntry()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (regions, _) = await TreeAsync(desk);
        await CreateAsync(desk, "public-statement", "regions/middle-east", TestSite.Start.AddHours(-1));
        await CreateAsync(desk, "embargoed-statement", "regions/middle-east", TestSite.Start.AddDays(30));
        var menu = new
        {
            entries = new object[]
            {
                new { target = "section", section = (object)regions, children = new object[] { new { target = "section", section = "regions/middle-east" } } },
                new { target = "document", document = "public-statement" },
                new { target = "document", document = "embargoed-statement", titles = Titles("Секрет", "Secret") },
            },
        };
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/menus/header", "eddie", menu);

        var (anonymous, _) = await desk.GetAsync("/api/v1/menus/header", null);
        var text = anonymous.GetRawText();
        Assert.DoesNotContain("embargoed-statement", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", text, StringComparison.Ordinal);
        var entries = anonymous.GetProperty("entries");
        Assert.Equal(2, entries.GetArrayLength());
        Assert.Equal("regions", entries[0].GetProperty("path").GetString());
        Assert.Equal("regions/middle-east", entries[0].GetProperty("children")[0].GetProperty("path").GetString());
        Assert.Equal("""["ru-RU"]""", entries[1].GetProperty("languages").GetRawText());

        var (editor, _) = await desk.GetAsync("/api/v1/menus/header", "eddie");
        Assert.Equal(3, editor.GetProperty("entries").GetArrayLength());
        Assert.Equal("[]", editor.GetProperty("entries")[2].GetProperty("languages").GetRawText());
    }

    [Fact]
    public async Task SlugClashes_LoopsAndNonEmptyDeletes_Are409_NamingWhatIsInTheWay_AndChangeNothing()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (regions, east) = await TreeAsync(desk);
        await CreateAsync(desk, "public-statement", "regions/middle-east", TestSite.Start.AddHours(-1));

        var (taken, _) = await desk.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, Sections, "eddie", new { slug = "public-statement" });
        Assert.Contains("public-statement", taken.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (section, _) = await desk.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/v1/documents", "eddie",
            new { slug = "middle-east", language = "ru-RU", title = "Ближний Восток", body = "Текст." });
        Assert.Contains("regions/middle-east", section.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("slug", section.GetProperty("field").GetString());
        var (loop, _) = await desk.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, $"{Sections}/{regions}", "eddie", new { parent = east });
        Assert.Equal("parent", loop.GetProperty("field").GetString());
        var (full, _) = await desk.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Delete, $"{Sections}/{east}", "eddie");
        Assert.Contains("public-statement", full.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var (list, _) = await desk.GetAsync(Sections, null);
        Assert.Equal(2, list.GetProperty("sections").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, SectionAt(list, "regions").GetProperty("parentId").ValueKind);
        await desk.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/v1/documents/middle-east", null);
    }

    [Fact]
    public async Task Translator_RetitlesInTheirLanguage_KeepingTheOthers_ButMayNotRenameOrRetitleAnother()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (_, east) = await TreeAsync(desk);
        var path = $"{Sections}/{east}";

        var (retitled, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, path, "tess", new { titles = new Dictionary<string, string?> { ["en-GB"] = "The Middle East" } });
        Assert.Equal("The Middle East", retitled.GetProperty("titles").GetProperty("en-GB").GetString());
        Assert.Equal("Ближний Восток", retitled.GetProperty("titles").GetProperty("ru-RU").GetString());
        Assert.Equal("regions/middle-east", retitled.GetProperty("path").GetString());

        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, path, "tess", new { slug = "near-east" });
        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, path, "tess", new { titles = new Dictionary<string, string?> { ["ru-RU"] = "Восток" } });
        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Sections, "tess", new { slug = "europe" });
        var (section, _) = await desk.GetAsync(path, null);
        Assert.Equal("middle-east", section.GetProperty("slug").GetString());
        Assert.Equal("Ближний Восток", section.GetProperty("titles").GetProperty("ru-RU").GetString());
    }

    [Fact]
    public async Task MovingASection_KeepsDocumentLinks_AndTheVersionJsonFollowsTheNewPath()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (_, east) = await TreeAsync(desk);
        await CreateAsync(desk, "public-statement", "regions/middle-east", TestSite.Start.AddHours(-1));
        var (_, before) = await desk.GetAsync("/api/v1/documents/public-statement/ru-RU", null);
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"{Sections}/{east}", "eddie", new { parent = (long?)null, slug = "near-east" });

        // The text's revision is the same, but the answer is not: a conditional GET with the earlier tag gets it whole.
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents/public-statement/ru-RU");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", before);
        using var again = await desk.Site.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotEqual(before, again.Headers.ETag?.ToString());
        var version = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("near-east", version.GetProperty("section").GetProperty("path").GetString());
        Assert.Equal(1, version.GetProperty("section").GetProperty("trail").GetArrayLength());
        Assert.EndsWith("/ru-ru/public-statement", version.GetProperty("url").GetString(), StringComparison.Ordinal);

        // The tag a reader got, place and all, is still the text's precondition for a write.
        var (_, tag) = await desk.GetAsync("/api/v1/documents/public-statement/ru-RU", "eddie");
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/documents/public-statement/ru-RU", "eddie",
            new { title = "Заявление", body = "Текст, исправленный.", note = "Исправлено." }, ifMatch: tag);
    }
}
