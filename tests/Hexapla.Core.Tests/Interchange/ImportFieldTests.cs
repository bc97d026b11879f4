using System.Text;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Interchange.Sites;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Hexapla.Tests.Interchange.ImportStructure;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// Front matter giving a document its section, kind and field values (top-level keys and a <c>fields:</c> mapping), and
/// every refusal of a bad one: nothing stored, the file, line, field and value named.
/// </summary>
public sealed class ImportFieldTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);

    public void Dispose() => _folder.Dispose();

    private async Task<(SqliteContentStore Store, Importer Importer, long MiddleEast)> OpenAsync()
    {
        var store = await _folder.OpenStoreAsync();
        var (_, middleEast) = await SeedAsync(store, _clock);
        return (store, new Importer(store, _clock), middleEast.Id);
    }

    private static ImportFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private static string Briefing(string lang, string frontMatter, string body = "Мы внимательно следим за развитием ситуации.") =>
        $"---\ntitle: \"Брифинг {lang}\"\nlang: {lang}\ndate: 2026-03-12T15:00:00+03:00\n{frontMatter}---\n\n{body}\n";

    private static async Task<ImportException> RefusedAsync(SqliteContentStore store, Importer importer, params ImportFile[] files)
    {
        var refused = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(files, new ImportOptions()));
        Assert.Equal(0, await store.CountDocumentsAsync());
        return refused;
    }

    [Fact]
    public async Task ImportFiles_HugoBriefingInRuAndEn_PlacedWithSharedAndTranslatedFields()
    {
        var (store, _, middleEast) = await OpenAsync();
        var selection = SiteLayouts.Select([Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sites", "hugo-briefing")]);

        var report = await new Importer(store, _clock).ImportFilesAsync(selection.Documents, new ImportOptions());

        Assert.Equal(["brifing-12-marta-2026"], report.Slugs);
        var document = (await store.FindDocumentAsync("brifing-12-marta-2026"))!;
        Assert.Equal(middleEast, document.SectionId);
        Assert.Equal("briefing", document.Kind);
        // The event date is shared: on the document once, written at the top in Russian and under fields: in English.
        Assert.Equal(new Dictionary<string, string> { ["event-date"] = "2026-03-12" }, document.Fields);
        Assert.Equal(new Dictionary<string, string> { ["speaker"] = "М.В.Захарова", ["place"] = "Москва" }, document.Version(RuRu)!.Fields);
        Assert.Equal(new Dictionary<string, string> { ["speaker"] = "Maria Zakharova", ["place"] = "Moscow" }, document.Version(EnGb)!.Fields);
        // The theme's own keys (images, weight) are not fields and were left alone.
        Assert.Equal(["briefing", "iraq", "брифинг", "ирак"], document.Tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_SameFilesAgain_NothingChanges_ThenAChangedPlace_WorkingCopyWithIt()
    {
        var (store, importer, _) = await OpenAsync();
        var first = Briefing("ru-RU", "kind: briefing\nspeaker: М.В.Захарова\nplace: Москва\n");
        await importer.ImportAsync([File("brifing.ru-RU.md", first)], new ImportOptions());

        var again = await importer.ImportAsync([File("brifing.ru-RU.md", first)], new ImportOptions());
        var moved = await importer.ImportAsync([File("brifing.ru-RU.md", first.Replace("place: Москва", "place: Женева", StringComparison.Ordinal))], new ImportOptions());

        Assert.Equal((0, 1), (again.VersionsUpdated, again.VersionsUnchanged));
        Assert.Equal(1, moved.VersionsUpdated);
        // Published, so the file's change is a working copy for review: the live revision keeps its value.
        var russian = (await store.FindDocumentAsync("brifing"))!.Version(RuRu)!;
        Assert.Equal((1, "Москва"), (russian.Revision, russian.Fields["place"]));
        Assert.Equal((2, "Женева"), (russian.Latest.Revision, russian.Latest.Fields["place"]));
        var history = await store.ListRevisionsAsync("brifing", RuRu);
        Assert.Equal(["Женева", "Москва"], history.Select(r => r.Fields["place"]));
    }

    [Fact]
    public async Task ImportAsync_DateTimeAndEmptyValues_DateKeptAsDayEmptyLeftOut()
    {
        var (store, importer, _) = await OpenAsync();

        await importer.ImportAsync([File("brifing.ru-RU.md", Briefing("ru-RU", "kind: briefing\nspeaker:\nplace: \"\"\nevent-date: 2026-03-12T10:00:00+03:00\nnumber: 42\nrecord: https://mid.example.org/video/12\n"))], new ImportOptions());

        var document = (await store.FindDocumentAsync("brifing"))!;
        Assert.Equal(new Dictionary<string, string> { ["event-date"] = "2026-03-12", ["number"] = "42", ["record"] = "https://mid.example.org/video/12" }, document.Fields);
        Assert.Empty(document.Version(RuRu)!.Fields);
    }

    [Theory]
    [InlineData("event-date: 12 марта 2026\n", 6, "event-date", "12 марта 2026", "date")]
    [InlineData("number: сорок два\n", 6, "number", "сорок два", "whole number")]
    [InlineData("fields:\n  record: mid.example.org/video\n", 7, "record", "mid.example.org/video", "http or https")]
    public async Task ImportAsync_WrongType_RefusedNamingFileLineFieldValueAndType(string frontMatter, int line, string field, string value, string expected)
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await RefusedAsync(store, importer, File("brifing.ru-RU.md", Briefing("ru-RU", "kind: briefing\n" + frontMatter)));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("brifing.ru-RU.md", line), (error.File, error.Line));
        Assert.Contains($"field \"{field}\"", error.Reason, StringComparison.Ordinal);
        Assert.Contains($"\"{value}\"", error.Reason, StringComparison.Ordinal);
        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_ListForATextField_Refused()
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await RefusedAsync(store, importer, File("brifing.ru-RU.md", Briefing("ru-RU", "kind: briefing\nspeaker:\n  - М.В.Захарова\n  - С.В.Лавров\n")));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(6, error.Line);
        Assert.Equal("field \"speaker\" is a text field and takes one value, not a list or a mapping", error.Reason);
    }

    [Fact]
    public async Task ImportAsync_UnknownKeyUnderFields_RefusedNamingTheKindsFields_UnknownTopLevelKeyIgnored()
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await RefusedAsync(store, importer, File("brifing.ru-RU.md", Briefing("ru-RU", "kind: briefing\nfields:\n  speakr: М.В.Захарова\nspeakr: М.В.Захарова\n")));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(7, error.Line);
        Assert.Equal("kind \"briefing\" has no field \"speakr\"; its fields are speaker (text), place (text), event-date (date), number (number), record (url)", error.Reason);
    }

    [Fact]
    public async Task ImportAsync_FieldsWithoutAKind_Refused()
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await RefusedAsync(store, importer, File("brifing.ru-RU.md", Briefing("ru-RU", "fields:\n  speaker: М.В.Захарова\n")));

        Assert.Equal("brifing.ru-RU.md:6: field \"speaker\" is under fields:, but the document has no kind; name one with kind: (the kinds are briefing, statement)", Assert.Single(refused.Errors).ToString());
    }

    [Fact]
    public async Task ImportAsync_TwoFilesDisagreeOnASharedValue_RefusedNamingBoth()
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await RefusedAsync(store, importer,
            File("brifing.ru-RU.md", Briefing("ru-RU", "kind: briefing\nevent-date: 2026-03-12\n")),
            File("brifing.en-GB.md", Briefing("en-GB", "kind: briefing\nfields:\n  event-date: 2026-03-13\n", "We are following the situation closely.")));

        var error = Assert.Single(refused.Errors);
        Assert.Contains("field \"event-date\" is \"2026-03-", error.Reason, StringComparison.Ordinal);
        Assert.Contains("one value for all languages", error.Reason, StringComparison.Ordinal);
        var files = new[] { error.File, error.Reason };
        Assert.Contains(files, f => f.Contains("brifing.ru-RU.md", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains("brifing.en-GB.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_TwoFilesDisagreeOnTheKind_RefusedNamingBoth()
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await RefusedAsync(store, importer,
            File("brifing.ru-RU.md", Briefing("ru-RU", "kind: briefing\n")),
            File("brifing.en-GB.md", Briefing("en-GB", "kind: statement\n", "We are following the situation closely.")));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("kind is \"statement\" here but \"briefing\" in brifing.ru-RU.md; a document has one kind, so make them agree", error.Reason);
        Assert.Equal("brifing.en-GB.md", error.File);
    }

    [Fact]
    public async Task ImportAsync_TomlFrontMatter_FieldsTableAndTopLevelKeys_PlacedWithValues()
    {
        var (store, importer, middleEast) = await OpenAsync();
        // Hugo's default front matter: TOML between +++ lines, with a table of the kind's fields.
        const string Russian = """
            +++
            title = "Брифинг официального представителя МИД России"
            date = 2026-03-12T15:00:00+03:00
            draft = false
            section = "regions/middle-east"
            kind = "briefing"
            tags = [
              "брифинг",
              "ирак", # trailing comma and comments, as Hugo allows
            ]
            event-date = 2026-03-12

            [fields]
            speaker = "М.В.Захарова"
            place = 'Москва'

            [params]
            images = ["/images/briefing-room.jpg"]
            +++

            Мы внимательно следим за развитием ситуации в Ираке.
            """;
        const string English = """
            +++
            title = "Briefing by the Foreign Ministry Spokeswoman"
            kind = "briefing"
            fields.speaker = "Maria Zakharova"
            fields.place = "Moscow"
            +++

            We are closely following the developments in Iraq.
            """;

        await importer.ImportAsync([File("brifing.ru-RU.md", Russian + "\n"), File("brifing.en-GB.md", English + "\n")], new ImportOptions());

        var document = (await store.FindDocumentAsync("brifing"))!;
        Assert.Equal((middleEast, "briefing"), (document.SectionId, document.Kind));
        Assert.Equal(new Dictionary<string, string> { ["event-date"] = "2026-03-12" }, document.Fields);
        Assert.Equal(["брифинг", "ирак"], document.Tags);
        var russian = document.Version(RuRu)!;
        Assert.Equal(("Брифинг официального представителя МИД России", new DateTimeOffset(2026, 3, 12, 12, 0, 0, TimeSpan.Zero)), (russian.Title, russian.PublishedAt!.Value));
        Assert.Equal("Мы внимательно следим за развитием ситуации в Ираке.", russian.Body);
        Assert.Equal(new Dictionary<string, string> { ["speaker"] = "М.В.Захарова", ["place"] = "Москва" }, russian.Fields);
        Assert.Equal(new Dictionary<string, string> { ["speaker"] = "Maria Zakharova", ["place"] = "Moscow" }, document.Version(EnGb)!.Fields);
    }

    [Theory]
    [InlineData("kind = \"briefing\"\n[fields]\nevent-date = \"12.03.2026\"\n", 5, "field \"event-date\" is a date: \"12.03.2026\" is not one")]
    [InlineData("kind = \"briefing\"\nspeaker = \"М.В.Захарова\n", 4, "a string opened with \" on this line is never closed")]
    [InlineData("kind = \"briefing\"\nkind = \"statement\"\n", 4, "key \"kind\" is given twice")]
    public async Task ImportAsync_BadTomlFrontMatter_RefusedNamingTheLine(string toml, int line, string reason)
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(
            [File("brifing.en-GB.md", $"+++\ntitle = \"Briefing\"\n{toml}+++\n\nWe are following the situation.\n")], new ImportOptions()));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("brifing.en-GB.md", line), (error.File, error.Line));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountDocumentsAsync());
    }
}
