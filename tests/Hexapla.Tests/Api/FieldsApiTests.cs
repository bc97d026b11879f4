using System.Net;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Api;

/// <summary>
/// Kinds and their fields through the API: definitions (admins only), shared values on the document, translatable ones
/// per version, each answer labelled in its language, a missing translation listed (never filled in from the original),
/// and a value of the wrong type refused with 422 naming the field and the value, nothing stored.
/// </summary>
public sealed class FieldsApiTests
{
    private const string Slug = "briefing-2026-11-30";
    private const string Russian = "/api/v1/documents/" + Slug + "/ru-RU";
    private const string English = "/api/v1/documents/" + Slug + "/en-GB";

    private static readonly object Briefing = new
    {
        names = new Dictionary<string, string?> { ["ru-RU"] = "Брифинг", ["en-GB"] = "Briefing" },
        fields = new[]
        {
            new { key = "speaker", type = "text", labels = new Dictionary<string, string?> { ["ru-RU"] = "Докладчик", ["en-GB"] = "Speaker" } },
            new { key = "event-date", type = "date", labels = new Dictionary<string, string?> { ["ru-RU"] = "Дата", ["en-GB"] = "Date" } },
            new { key = "number", type = "code", labels = new Dictionary<string, string?> { ["en-GB"] = "Document number" } },
            new { key = "attendance", type = "number", labels = new Dictionary<string, string?> { ["ru-RU"] = "Участники", ["en-GB"] = "Attendance" } },
        },
    };

    private static async Task<Newsdesk> DeskAsync()
    {
        var desk = await Newsdesk.StartAsync();
        await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, "/api/v1/kinds/briefing", "alice", Briefing);
        await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/sections", "eddie",
            new { slug = "regions", titles = new Dictionary<string, string?> { ["ru-RU"] = "Регионы", ["en-GB"] = "Regions" } });
        await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/sections", "eddie",
            new { slug = "middle-east", parent = "regions", titles = new Dictionary<string, string?> { ["ru-RU"] = "Ближний Восток" } });
        return desk;
    }

    private static object Note(Dictionary<string, object?> fields) => new
    {
        slug = Slug, language = "ru-RU", title = "Брифинг официального представителя", body = "Текст брифинга.",
        section = "regions/middle-east", kind = "briefing", fields,
    };

    [Fact]
    public async Task Kinds_AreDefinedByAdminsOnly_AndListedWithTypedFields()
    {
        await using var desk = await DeskAsync();
        var (refused, _) = await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, "/api/v1/kinds/interview", "eddie", Briefing);
        Assert.Contains("eddie", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (bad, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Put, "/api/v1/kinds/interview", "alice",
            new { fields = new[] { new { key = "when", type = "datetime" } } });
        Assert.Equal("fields.when.type", bad.GetProperty("field").GetString());
        Assert.Equal("datetime", bad.GetProperty("value").GetString());
        var (reserved, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Put, "/api/v1/kinds/interview", "alice",
            new { fields = new[] { new { key = "title", type = "text" } } });
        Assert.Equal("fields.title", reserved.GetProperty("field").GetString());

        var (kinds, _) = await desk.GetAsync("/api/v1/kinds", null);
        var briefing = Assert.Single(kinds.GetProperty("kinds").EnumerateArray());
        Assert.Equal("briefing", briefing.GetProperty("key").GetString());
        Assert.Equal(["text", "date", "code", "number"], briefing.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("type").GetString()));
        Assert.Equal([true, false, false, false], briefing.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("translatable").GetBoolean()));
    }

    [Fact]
    public async Task VersionJson_CarriesSectionKindAndFields_InItsOwnLanguage_AndListsMissingTranslations()
    {
        await using var desk = await DeskAsync();
        var (created, tag) = await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/documents", "eddie",
            Note(new() { ["event-date"] = "2026-11-30", ["number"] = "2304-30-11-2026", ["attendance"] = 40 }));
        Assert.Equal("""["speaker"]""", created.GetProperty("missingFields").GetRawText());
        var (saved, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Russian, "eddie",
            new { title = "Брифинг официального представителя", body = "Текст брифинга.", fields = new Dictionary<string, object?> { ["speaker"] = "М. В. Захарова" } },
            ifMatch: tag);
        Assert.Equal(2, saved.GetProperty("revision").GetInt32());
        await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, English, "tess", new { title = "Briefing by the spokesperson", body = "The briefing." }, ifMatch: "*");

        var (russian, _) = await desk.GetAsync(Russian, "eddie");
        Assert.Equal("Ближний Восток", russian.GetProperty("section").GetProperty("title").GetString());
        Assert.False(russian.GetProperty("section").TryGetProperty("language", out _));
        Assert.Equal(["Регионы", "Ближний Восток"], russian.GetProperty("section").GetProperty("trail").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.Equal("Брифинг", russian.GetProperty("kind").GetProperty("name").GetString());
        var fields = russian.GetProperty("fields");
        Assert.Equal(["speaker", "event-date", "number", "attendance"], fields.EnumerateObject().Select(f => f.Name));
        Assert.Equal("М. В. Захарова", fields.GetProperty("speaker").GetProperty("value").GetString());
        Assert.Equal("Докладчик", fields.GetProperty("speaker").GetProperty("label").GetString());
        Assert.Equal("40", fields.GetProperty("attendance").GetProperty("value").GetString());
        // No Russian label for the number: the site's default language stands in, and says so.
        Assert.Equal("Document number", fields.GetProperty("number").GetProperty("label").GetString());
        Assert.Equal("en-GB", fields.GetProperty("number").GetProperty("labelLanguage").GetString());
        Assert.Equal("[]", russian.GetProperty("missingFields").GetRawText());

        var (english, _) = await desk.GetAsync(English, "tess");
        Assert.Equal("Regions", english.GetProperty("section").GetProperty("trail")[0].GetProperty("title").GetString());
        // The section has no English title: the Russian one stands in, marked with its language.
        Assert.Equal("Ближний Восток", english.GetProperty("section").GetProperty("title").GetString());
        Assert.Equal("ru-RU", english.GetProperty("section").GetProperty("language").GetString());
        Assert.Equal("Briefing", english.GetProperty("kind").GetProperty("name").GetString());
        Assert.False(english.GetProperty("fields").TryGetProperty("speaker", out _));
        Assert.Equal("2026-11-30", english.GetProperty("fields").GetProperty("event-date").GetProperty("value").GetString());
        Assert.Equal("Date", english.GetProperty("fields").GetProperty("event-date").GetProperty("label").GetString());
        Assert.Equal("""["speaker"]""", english.GetProperty("missingFields").GetRawText());
    }

    [Fact]
    public async Task WrongType_Is422NamingTheFieldAndTheValue_AndNothingIsStored()
    {
        await using var desk = await DeskAsync();
        var (date, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/v1/documents", "eddie",
            Note(new() { ["event-date"] = "30.11.2026" }));
        Assert.Equal("fields.event-date", date.GetProperty("field").GetString());
        Assert.Equal("30.11.2026", date.GetProperty("value").GetString());
        Assert.Contains("30.11.2026", date.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (number, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/v1/documents", "eddie",
            Note(new() { ["attendance"] = "forty" }));
        Assert.Equal("fields.attendance", number.GetProperty("field").GetString());
        Assert.Equal("forty", number.GetProperty("value").GetString());
        var (translatable, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/v1/documents", "eddie",
            Note(new() { ["speaker"] = "М. В. Захарова" }));
        Assert.Equal("fields.speaker", translatable.GetProperty("field").GetString());
        var (section, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/v1/documents", "eddie",
            new { slug = Slug, language = "ru-RU", title = "Брифинг", body = "Текст.", section = "regions/europe" });
        Assert.Equal("regions/europe", section.GetProperty("value").GetString());
        Assert.Contains("regions/middle-east", section.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Nothing was stored: the slug is still free, and placing it finds no document.
        await desk.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"/api/v1/documents/{Slug}/place", "eddie", new { kind = "briefing" });

        var (_, tag) = await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/documents", "eddie", Note(new() { ["event-date"] = "2026-11-30" }));
        var (shared, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Put, Russian, "eddie",
            new { title = "Брифинг", body = "Текст.", fields = new Dictionary<string, object?> { ["event-date"] = "2026-12-01" } }, ifMatch: tag);
        Assert.Equal("fields.event-date", shared.GetProperty("field").GetString());
        var (json, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Put, Russian, "eddie",
            new { title = "Брифинг", body = "Текст.", fields = new Dictionary<string, object?> { ["speaker"] = new[] { "a", "b" } } }, ifMatch: tag);
        Assert.Equal("fields.speaker", json.GetProperty("field").GetString());
        Assert.Equal("""["a","b"]""", json.GetProperty("value").GetString());
        var (placed, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Put, $"/api/v1/documents/{Slug}/place", "eddie",
            new { fields = new Dictionary<string, object?> { ["event-date"] = "2026-02-30" } });
        Assert.Equal("2026-02-30", placed.GetProperty("value").GetString());

        var (version, _) = await desk.GetAsync(Russian, "eddie");
        Assert.Equal(1, version.GetProperty("revision").GetInt32());
        Assert.Equal("2026-11-30", version.GetProperty("fields").GetProperty("event-date").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Place_MovesAndRekindsADocument_ForEditorsOnly_KeepingWhatItLeavesOut()
    {
        await using var desk = await DeskAsync();
        await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/documents", "eddie", Note(new() { ["event-date"] = "2026-11-30" }));
        const string Place = "/api/v1/documents/" + Slug + "/place";
        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, Place, "tess", new { section = "regions" });

        var (moved, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Place, "eddie", new { section = "regions" });
        Assert.Equal("regions", moved.GetProperty("section").GetProperty("path").GetString());
        Assert.Equal("briefing", moved.GetProperty("kind").GetProperty("key").GetString());
        Assert.Equal("2026-11-30", moved.GetProperty("fields").GetProperty("event-date").GetProperty("value").GetString());

        var (cleared, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Place, "eddie", new { section = (string?)null, kind = (string?)null, fields = new Dictionary<string, object?>() });
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("section").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("kind").ValueKind);
        Assert.Equal("{}", cleared.GetProperty("fields").GetRawText());
        await desk.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/v1/kinds/briefing", "alice");
    }
}
