using Hexapla.Accounts;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Sections;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Site;

/// <summary>
/// A site with a structure, written through the newsroom and the structure editor as editors would: sections
/// Regions › Middle East and Press office (titles in Russian and English only, so an Arabic page falls back to the
/// default, Russian), a kind "briefing" with a field of every type, a briefing in Russian, English and Arabic with its
/// values, a Russian-only document, an embargoed statement, a draft, and a header and a footer menu naming them all.
/// </summary>
public static class NavigationSite
{
    public static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    public static readonly LanguageTag En = LanguageTag.Parse("en-GB");
    public static readonly LanguageTag Ar = LanguageTag.Parse("ar");

    public const string Briefing = "brifing-12";
    public const string OnlyRussian = "tolko-po-russki";
    public const string Embargoed = "embargoed-statement";
    public const string Draft = "draft-note";

    /// <summary>Words only unpublished text holds: the embargoed statement's, the draft's, a working copy's field value.</summary>
    public const string EmbargoWord = "secretwombat";
    public const string DraftWord = "potoroodraft";
    public const string WorkingWord = "quollworking";

    /// <summary>When the embargoed statement becomes public.</summary>
    public static DateTimeOffset Embargo { get; } = TestSite.Start.AddHours(3);

    public static Task<TestSite> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Hexapla:DefaultLanguage"] = "ru-RU", ["Hexapla:SiteName"] = "Hexapla" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return TestSite.StartAsync(samples: false, settings: all, prepare: PrepareAsync);
    }

    private static async Task PrepareAsync(string data, FakeTimeProvider clock)
    {
        var admin = new User(1, "admin", Role.Admin, [], false, clock.GetUtcNow());
        var reviewer = new User(2, "reviewer", Role.Reviewer, [], false, clock.GetUtcNow());
        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        using var index = LuceneSearchIndex.Open(SearchSetup.IndexFolder(data));
        var newsroom = new Newsroom(store, index, clock);
        var editor = new StructureEditor(store, clock);

        var regions = await editor.CreateSectionAsync(admin, null, "regions", new Dictionary<LanguageTag, string> { [Ru] = "Регионы", [En] = "Regions" });
        var middleEast = await editor.CreateSectionAsync(admin, regions.Id, "middle-east", new Dictionary<LanguageTag, string> { [Ru] = "Ближний Восток", [En] = "Middle East" });
        var press = await editor.CreateSectionAsync(admin, null, "press", new Dictionary<LanguageTag, string> { [Ru] = "Пресс-служба", [En] = "Press office" }, position: 1);

        await editor.SaveKindAsync(admin, new DocumentKind
        {
            Key = "briefing",
            Names = new Dictionary<LanguageTag, string> { [Ru] = "Брифинг", [En] = "Briefing" },
            Fields =
            [
                new("speaker", FieldType.Text, new Dictionary<LanguageTag, string> { [Ru] = "Докладчик", [En] = "Speaker", [Ar] = "المتحدث" }),
                new("place", FieldType.Text, new Dictionary<LanguageTag, string> { [Ru] = "Место", [En] = "Place" }),
                new("event-date", FieldType.Date, new Dictionary<LanguageTag, string> { [Ru] = "Дата", [En] = "Date of the briefing", [Ar] = "التاريخ" }),
                new("number", FieldType.Code, new Dictionary<LanguageTag, string> { [Ru] = "Номер", [En] = "Number", [Ar] = "الرقم" }),
                new("attendees", FieldType.Number, new Dictionary<LanguageTag, string> { [Ru] = "Участники", [En] = "Attendees", [Ar] = "الحضور" }),
                new("source", FieldType.Url, new Dictionary<LanguageTag, string> { [Ru] = "Источник", [En] = "Source", [Ar] = "المصدر" }),
            ],
        });

        // The briefing: Russian original, English and Arabic translations, each with its own values of the text fields.
        await newsroom.CreateDocumentAsync(admin, new NewDocument(Briefing, Ru, "Брифинг официального представителя", "Текст брифинга."));
        await editor.PlaceDocumentAsync(admin, Briefing, middleEast.Id, "briefing", new Dictionary<string, string>
        {
            ["event-date"] = "2026-11-27",
            ["number"] = "12-34/5",
            ["attendees"] = "1500",
            ["source"] = "https://example.org/briefings/12",
        });
        await SaveAndPublishAsync(Briefing, Ru, "Брифинг официального представителя", "Текст брифинга.", new() { ["speaker"] = "М. В. Захарова", ["place"] = "Москва" });
        await SaveAndPublishAsync(Briefing, En, "Briefing by the spokeswoman", "The text of the briefing.", new() { ["speaker"] = "M. Zakharova" });
        await SaveAndPublishAsync(Briefing, Ar, "إحاطة المتحدثة الرسمية", "نص الإحاطة.", new() { ["speaker"] = "ماريا زاخاروفا" });
        // A working copy over the live English text, with another speaker: readers keep the live revision's values.
        var english = (await store.FindDocumentAsync(Briefing))!.Version(En)!;
        await newsroom.SaveVersionAsync(
            admin, Briefing, En, new VersionEdit(english.Title, english.Body, null, "Another speaker.", new Dictionary<string, string> { ["speaker"] = WorkingWord }), english.Latest.Revision);

        await newsroom.CreateDocumentAsync(admin, new NewDocument(OnlyRussian, Ru, "Только по-русски", "Текст только на русском."));
        await editor.PlaceDocumentAsync(admin, OnlyRussian, regions.Id, null, null);
        await ApproveAndPublishAsync(OnlyRussian, Ru, null);

        await newsroom.CreateDocumentAsync(admin, new NewDocument(Embargoed, En, $"Statement {EmbargoWord}", $"The body says {EmbargoWord}."));
        await editor.PlaceDocumentAsync(admin, Embargoed, middleEast.Id, null, null);
        await ApproveAndPublishAsync(Embargoed, En, Embargo);

        await newsroom.CreateDocumentAsync(admin, new NewDocument(Draft, En, $"Note {DraftWord}", $"The body says {DraftWord}."));
        await editor.PlaceDocumentAsync(admin, Draft, press.Id, null, null);

        await editor.SaveMenuAsync(admin, new Menu(Menu.Header,
        [
            new MenuEntry
            {
                Target = MenuTargetKind.Section,
                SectionId = regions.Id,
                Children =
                [
                    new MenuEntry { Target = MenuTargetKind.Section, SectionId = middleEast.Id },
                    new MenuEntry { Target = MenuTargetKind.Document, DocumentSlug = OnlyRussian },
                    new MenuEntry { Target = MenuTargetKind.Document, DocumentSlug = Embargoed },
                ],
            },
            new MenuEntry
            {
                Target = MenuTargetKind.Document,
                DocumentSlug = Briefing,
                Titles = new Dictionary<LanguageTag, string> { [Ru] = "Брифинг № 12", [En] = "Briefing No. 12" },
            },
            new MenuEntry
            {
                Target = MenuTargetKind.Link,
                Url = "https://example.org/ministry",
                Titles = new Dictionary<LanguageTag, string> { [Ru] = "Министерство", [En] = "Ministry" },
            },
        ]));
        await editor.SaveMenuAsync(admin, new Menu(Menu.Footer,
        [
            new MenuEntry { Target = MenuTargetKind.Section, SectionId = press.Id },
            new MenuEntry { Target = MenuTargetKind.Document, DocumentSlug = Draft },
            new MenuEntry { Target = MenuTargetKind.Link, Url = "/en-gb/search", Titles = new Dictionary<LanguageTag, string> { [En] = "Search the archive" } },
        ]));

        async Task SaveAndPublishAsync(string slug, LanguageTag language, string title, string body, Dictionary<string, string> fields)
        {
            var current = (await store.FindDocumentAsync(slug))!.Version(language);
            await newsroom.SaveVersionAsync(admin, slug, language, new VersionEdit(title, body, null, null, fields), current?.Latest.Revision);
            await ApproveAndPublishAsync(slug, language, null);
        }

        async Task ApproveAndPublishAsync(string slug, LanguageTag language, DateTimeOffset? at)
        {
            await newsroom.SubmitAsync(admin, slug, language);
            await newsroom.ApproveAsync(reviewer, slug, language);
            await newsroom.PublishAsync(admin, slug, language, at);
        }
    }
}
