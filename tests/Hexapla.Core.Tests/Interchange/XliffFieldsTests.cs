using System.Text;
using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Sections;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Interchange.ImportStructure;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// A briefing's translatable field values (speaker, place) as XLIFF units of their own: written with their label and
/// type (valid against the XLIFF 2.0 schema), outdated when the original's value changed, read back into the version's
/// field values, refused when they no longer match.
/// </summary>
public sealed class XliffFieldsTests : NewsroomTestBase
{
    private const string Slug = "brifing";
    private static readonly XNamespace X = XliffWriter.Ns;
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);

    protected override async Task SetUpAsync()
    {
        var (_, middleEast) = await SeedAsync(Store, Clock);
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument(Slug, RuRu, "Брифинг М.В.Захаровой", "Мы внимательно следим за развитием ситуации в Ираке.\n"));
        await new StructureEditor(Store, Clock).PlaceDocumentAsync(Admin, Slug, middleEast.Id, "briefing", new Dictionary<string, string> { ["event-date"] = "2026-03-12" });
        await SaveRussianAsync(new Dictionary<string, string> { ["speaker"] = "М.В.Захарова", ["place"] = "Москва" });
    }

    private async Task SaveRussianAsync(IReadOnlyDictionary<string, string> fields)
    {
        var russian = (await DocumentAsync()).Version(RuRu)!.Latest;
        await Newsroom.SaveVersionAsync(Editor, Slug, RuRu, new VersionEdit(russian.Title, russian.Body, Fields: fields), russian.Revision);
    }

    private async Task<Document> DocumentAsync() => (await Store.FindDocumentAsync(Slug))!;

    private async Task<XDocument> ExportAsync() =>
        XDocument.Parse(Encoding.UTF8.GetString(XliffWriter.ToBytes(await Newsroom.ExportXliffAsync(await DocumentAsync(), EnGb))), LoadOptions.SetLineInfo);

    private static XElement Unit(XDocument xml, string id) => xml.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == id);

    private static void Translate(XDocument xml, string id, string target, string state = "translated")
    {
        var segment = Unit(xml, id).Element(X + "segment")!;
        segment.SetAttributeValue("state", state);
        segment.Element(X + "target")?.Remove();
        segment.Add(new XElement(X + "target", target));
    }

    private Task<LanguageVersion> ImportAsync(XDocument xml) =>
        Newsroom.ImportXliffAsync(Editor, XliffReader.Read(new MemoryStream(XliffWriter.ToBytes(xml)), "brifing.ru-RU-en-GB.xlf"));

    private static List<string> SchemaProblems(XDocument xml)
    {
        var problems = new List<string>();
        XliffSchema.Validate(xml, (_, reason) => problems.Add(reason));
        return problems;
    }

    private async Task<XDocument> TranslatedAsync()
    {
        var xml = await ExportAsync();
        Translate(xml, "title", "Briefing by Maria Zakharova");
        Translate(xml, "field-speaker", "Maria Zakharova", "final");
        Translate(xml, "field-place", "Moscow", "reviewed");
        return xml;
    }

    [Fact]
    public async Task Export_Briefing_AUnitPerTranslatableFieldWithLabelAndType_ValidAgainstTheSchema()
    {
        var xml = await ExportAsync();

        var ids = xml.Descendants(X + "unit").Select(u => (string)u.Attribute("id")!).ToList();
        // After the title, in the kind's order; the event date is shared (one value for every language) and has no unit.
        Assert.Equal(["title", "field-speaker", "field-place"], ids.Take(3));
        Assert.DoesNotContain("field-event-date", ids);
        var speaker = Unit(xml, "field-speaker");
        Assert.Equal("М.В.Захарова", speaker.Descendants(X + "source").Single().Value);
        Assert.Empty(speaker.Descendants(X + "target"));
        Assert.Equal("initial", (string)speaker.Element(X + "segment")!.Attribute("state")!);
        var notes = speaker.Element(X + "notes")!.Elements(X + "note").ToDictionary(n => (string)n.Attribute("category")!, n => n.Value);
        Assert.Equal(new Dictionary<string, string> { ["kind"] = "field", ["label"] = "Speaker", ["type"] = "text" }, notes);
        Assert.Empty(SchemaProblems(xml));
    }

    [Fact]
    public async Task Import_FieldTargetsConfirmed_WrittenAsTheVersionsFields_AndExportedBackTranslated()
    {
        var xml = await TranslatedAsync();

        var english = await ImportAsync(xml);

        Assert.Equal(new Dictionary<string, string> { ["speaker"] = "Maria Zakharova", ["place"] = "Moscow" }, english.Fields);
        var stored = (await DocumentAsync()).Version(EnGb)!;
        Assert.Equal(english.Fields, stored.Latest.Fields);
        Assert.Equal(english.Fields, Assert.Single(await Store.ListRevisionsAsync(Slug, EnGb)).Fields);
        var again = await ExportAsync();
        Assert.Equal(("Moscow", "translated"), (Unit(again, "field-place").Descendants(X + "target").Single().Value, (string)Unit(again, "field-place").Element(X + "segment")!.Attribute("state")!));
        Assert.Empty(SchemaProblems(again));
    }

    [Fact]
    public async Task Import_FieldLeftInitial_KeepsTheValueItHad()
    {
        await ImportAsync(await TranslatedAsync());
        var xml = await ExportAsync();
        Translate(xml, "field-place", "Geneva", "initial");
        Translate(xml, "field-speaker", "M. Zakharova");

        var english = await ImportAsync(xml);

        Assert.Equal(new Dictionary<string, string> { ["speaker"] = "M. Zakharova", ["place"] = "Moscow" }, english.Latest.Fields);
    }

    [Fact]
    public async Task Export_OriginalsPlaceChangedSinceTranslation_ThatTargetInitialWithTheOutdatedNote()
    {
        await ImportAsync(await TranslatedAsync());
        await SaveRussianAsync(new Dictionary<string, string> { ["speaker"] = "М.В.Захарова", ["place"] = "Женева" });

        var xml = await ExportAsync();

        var place = Unit(xml, "field-place");
        Assert.Equal(("Женева", "Moscow", "initial"), (place.Descendants(X + "source").Single().Value, place.Descendants(X + "target").Single().Value, (string)place.Element(X + "segment")!.Attribute("state")!));
        Assert.Contains(place.Descendants(X + "note"), n => (string)n.Attribute("category")! == "status" && n.Value == XliffWriter.OutdatedNote);
        // The speaker did not change in the original's new revision: still current.
        Assert.Equal("translated", (string)Unit(xml, "field-speaker").Element(X + "segment")!.Attribute("state")!);
        Assert.Empty(SchemaProblems(xml));
    }

    [Fact]
    public async Task Import_OriginalsValueChangedSinceExport_RefusedNamingTheUnit_NothingWritten()
    {
        var xml = await TranslatedAsync();
        await SaveRussianAsync(new Dictionary<string, string> { ["speaker"] = "С.В.Лавров", ["place"] = "Москва" });

        var refused = await Assert.ThrowsAsync<ImportException>(() => ImportAsync(xml));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("the source of unit field-speaker changed since export (the original's speaker is now different); export the document again", error.Reason);
        Assert.NotNull(error.Line);
        Assert.Null((await DocumentAsync()).Version(EnGb));
    }

    [Fact]
    public async Task Import_UnitForASharedField_Refused()
    {
        var xml = await TranslatedAsync();
        var unit = new XElement(Unit(xml, "field-place"));
        unit.SetAttributeValue("id", "field-event-date");
        unit.Descendants(X + "source").Single().Value = "2026-03-12";
        Unit(xml, "field-place").AddAfterSelf(unit);

        var refused = await Assert.ThrowsAsync<ImportException>(() => ImportAsync(xml));

        Assert.Equal("unit field-event-date: kind \"briefing\" has no translated field \"event-date\" now; export the document again", Assert.Single(refused.Errors).Reason);
        Assert.Null((await DocumentAsync()).Version(EnGb));
    }
}
