using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// The site structure the front matter tests import into: sections "regions" › "middle-east" and "press", and a kind
/// "briefing" with a translated speaker and place, a shared event date, a shared number and a shared record address.
/// </summary>
internal static class ImportStructure
{
    public static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    public static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");

    public static readonly User Admin = new(1, "Boris", Role.Admin, [], false, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static async Task<(Section Regions, Section MiddleEast)> SeedAsync(SqlContentStore store, TimeProvider clock)
    {
        var editor = new StructureEditor(store, clock);
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", new Dictionary<LanguageTag, string> { [RuRu] = "Регионы", [EnGb] = "Regions" });
        var middleEast = await editor.CreateSectionAsync(Admin, regions.Id, "middle-east", new Dictionary<LanguageTag, string> { [RuRu] = "Ближний Восток", [EnGb] = "Middle East" });
        await editor.CreateSectionAsync(Admin, null, "press", new Dictionary<LanguageTag, string> { [EnGb] = "Press" });
        await editor.SaveKindAsync(Admin, Briefing);
        await editor.SaveKindAsync(Admin, new DocumentKind { Key = "statement", Names = new Dictionary<LanguageTag, string> { [EnGb] = "Statement" } });
        return (regions, middleEast);
    }

    public static DocumentKind Briefing { get; } = new()
    {
        Key = "briefing",
        Names = new Dictionary<LanguageTag, string> { [RuRu] = "Брифинг", [EnGb] = "Briefing" },
        Fields =
        [
            new FieldDefinition("speaker", FieldType.Text, new Dictionary<LanguageTag, string> { [RuRu] = "Докладчик", [EnGb] = "Speaker" }),
            new FieldDefinition("place", FieldType.Text, new Dictionary<LanguageTag, string> { [RuRu] = "Место", [EnGb] = "Place" }),
            new FieldDefinition("event-date", FieldType.Date, new Dictionary<LanguageTag, string> { [RuRu] = "Дата", [EnGb] = "Date of the event" }),
            new FieldDefinition("number", FieldType.Number, new Dictionary<LanguageTag, string> { [EnGb] = "Number" }),
            new FieldDefinition("record", FieldType.Url, new Dictionary<LanguageTag, string> { [EnGb] = "Recording" }),
        ],
    };
}
