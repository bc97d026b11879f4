using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Tests.Maintenance;

/// <summary>
/// A store's structure for the maintenance tests, made through <see cref="StructureEditor"/> as the admin would: a
/// briefing kind, Regions › Middle East and Regions › Africa (Middle East once called "near-east", so an old path is
/// kept), a header menu, and two briefings placed with shared and translatable values, one embargoed.
/// </summary>
internal static class StructureFill
{
    public static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    public static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    public static readonly DateTimeOffset At = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly User Admin = new(1, "admin", Role.Admin, [], false, At);

    public sealed record Filled(long Regions, long MiddleEast, long Africa);

    public static Dictionary<LanguageTag, string> Titles(string ru, string en) => new() { [RuRu] = ru, [EnGb] = en };

    public static DocumentKind Briefing => new()
    {
        Key = "briefing",
        Names = Titles("Брифинг", "Briefing"),
        Fields =
        [
            new FieldDefinition("speaker", FieldType.Text, Titles("Выступающий", "Speaker")),
            new FieldDefinition("place", FieldType.Text, Titles("Место", "Place")),
            new FieldDefinition("event-date", FieldType.Date, Titles("Дата брифинга", "Date of the briefing")),
        ],
    };

    public static async Task<Filled> FillAsync(SqlContentStore store)
    {
        var editor = new StructureEditor(store, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(At));
        await editor.SaveKindAsync(Admin, Briefing);
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        var nearEast = await editor.CreateSectionAsync(Admin, regions.Id, "near-east", Titles("Ближний Восток", "Middle East"));
        var middleEast = await editor.UpdateSectionAsync(Admin, nearEast with { Slug = "middle-east" });
        var africa = await editor.CreateSectionAsync(Admin, regions.Id, "africa", Titles("Африка", "Africa"), position: 1);
        await editor.SaveMenuAsync(Admin, new Menu(Menu.Header,
        [
            new MenuEntry
            {
                Target = MenuTargetKind.Section,
                SectionId = regions.Id,
                Children = [new MenuEntry { Target = MenuTargetKind.Section, SectionId = middleEast.Id }, new MenuEntry { Target = MenuTargetKind.Section, SectionId = africa.Id }],
            },
            new MenuEntry { Target = MenuTargetKind.Link, Url = "https://example.org/press", Titles = Titles("Пресс-служба", "Press office") },
        ]));

        await CreateAsync(store, "brifing-4-maya", At, "Мария Захарова", "Maria Zakharova");
        await editor.PlaceDocumentAsync(Admin, "brifing-4-maya", middleEast.Id, "briefing", new Dictionary<string, string> { ["event-date"] = "2026-05-04" });
        // Under embargo until a day later: structure travels with it all the same.
        await CreateAsync(store, "brifing-5-maya", At.AddDays(1), "Мария Захарова", null);
        await editor.PlaceDocumentAsync(Admin, "brifing-5-maya", africa.Id, "briefing", new Dictionary<string, string> { ["event-date"] = "2026-05-05" });
        return new Filled(regions.Id, middleEast.Id, africa.Id);
    }

    private static async Task CreateAsync(SqlContentStore store, string slug, DateTimeOffset published, string speakerRu, string? speakerEn)
    {
        var versions = new List<LanguageVersion>
        {
            new()
            {
                Language = RuRu, Title = "Брифинг", Body = "Текст брифинга.", PublishedAt = published, UpdatedAt = At,
                Fields = new Dictionary<string, string> { ["speaker"] = speakerRu, ["place"] = "Москва" },
            },
        };
        if (speakerEn is not null)
        {
            versions.Add(new()
            {
                Language = EnGb, Title = "Briefing", Body = "The briefing's text.", PublishedAt = published, UpdatedAt = At, SourceRevision = 1,
                Fields = new Dictionary<string, string> { ["speaker"] = speakerEn, ["place"] = "Moscow" },
            });
        }

        Assert.NotNull(await store.CreateDocumentAsync(
            new Document { Slug = slug, OriginalLanguage = RuRu, CreatedAt = At, UpdatedAt = At, Versions = versions },
            new AuditEntry(0, At, "editor", "document.create", slug, null)));
    }

    /// <summary>Asserts that <paramref name="store"/> holds the structure <see cref="FillAsync"/> made, ids and all.</summary>
    public static async Task AssertCarriedAsync(SqlContentStore store, Filled filled)
    {
        var structure = await store.LoadStructureAsync();
        Assert.Equal(["regions", "regions/middle-east", "regions/africa"], structure.Sections.Select(s => structure.PathOf(s.Id)));
        Assert.Equal(filled.MiddleEast, structure.SectionAt("regions/middle-east")!.Id);
        Assert.Equal("Ближний Восток", structure.Section(filled.MiddleEast)!.TitleFor(RuRu).Text);
        Assert.Equal("Africa", structure.Section(filled.Africa)!.TitleFor(EnGb).Text);
        Assert.Equal(filled.MiddleEast, await store.FindSectionRedirectAsync("regions/near-east"));
        var kind = Assert.Single(structure.Kinds);
        Assert.Equal(Briefing.Fields.Select(f => (f.Key, f.Type, f.LabelFor(EnGb).Text)), kind.Fields.Select(f => (f.Key, f.Type, f.LabelFor(EnGb).Text)));
        var header = structure.Menu(Menu.Header);
        Assert.Equal([filled.MiddleEast, filled.Africa], header.Entries[0].Children.Select(c => c.SectionId!.Value));
        Assert.Equal(("https://example.org/press", "Press office"), (header.Entries[1].Url, header.Entries[1].Titles[EnGb]));

        var document = (await store.FindDocumentAsync("brifing-4-maya"))!;
        Assert.Equal((filled.MiddleEast, "briefing", "2026-05-04"), (document.SectionId, document.Kind, document.Fields["event-date"]));
        Assert.Equal("Maria Zakharova", document.Version(EnGb)!.Fields["speaker"]);
        Assert.Equal("Москва", document.Version(RuRu)!.Fields["place"]);
        var embargoed = (await store.FindDocumentAsync("brifing-5-maya"))!;
        Assert.Equal((filled.Africa, "2026-05-05"), (embargoed.SectionId, embargoed.Fields["event-date"]));
        Assert.Equal(At.AddDays(1), embargoed.Version(RuRu)!.PublishedAt);
    }
}
