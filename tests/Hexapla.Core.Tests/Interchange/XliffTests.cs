using System.Text;
using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Interchange;

public sealed class XliffTests : NewsroomTestBase
{
    private const string Slug = "razvitie-situacii-v-irake";
    private static readonly XNamespace X = XliffWriter.Ns;
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);


    protected override async Task SetUpAsync()
    {
        Folder.Write(Path.Combine("in", Fixtures.RussianSeed), Fixtures.ScrapedText(Fixtures.RussianSeed));
        Folder.Write(Path.Combine("in", Fixtures.EnglishSeed), Fixtures.ScrapedText(Fixtures.EnglishSeed));
        var files = Importer.FindFiles([Folder.Combine("in")]).Select(ImportFile.Read).ToList();
        await new Importer(Store, Clock).ImportAsync(files, new ImportOptions { Original = RuRu });
    }

    private async Task<Document> DocumentAsync(string slug = Slug) => (await Store.FindDocumentAsync(slug))!;

    private async Task<XDocument> ExportAsync(string slug = Slug, LanguageTag? target = null) =>
        XDocument.Parse(Encoding.UTF8.GetString(XliffWriter.ToBytes(XliffWriter.Write(await DocumentAsync(slug), target ?? EnGb))));

    private static XliffDocument Parse(string xml, string name = "test.xlf") =>
        XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), name);

    private static XliffDocument Parse(XDocument xml) => Parse(xml.ToString());

    private async Task UnpublishEnglishAsync()
    {
        var version = (await DocumentAsync()).Version(EnGb)!;
        if (version.State == VersionState.Published)
        {
            await Newsroom.UnpublishAsync(Editor, Slug, EnGb);
        }
    }

    private async Task<(int Revision, string Body)> EnglishAsync()
    {
        var version = (await DocumentAsync()).Version(EnGb)!;
        return (version.Revision, version.Body);
    }

    private static XElement UnitOf(XDocument xml, string id) => xml.Descendants(X + "unit").Single(u => (string?)u.Attribute("id") == id);

    [Fact]
    public async Task Write_SeedDocument_OneUnitPerSegmentPlusTitle()
    {
        var xml = await ExportAsync();

        var root = xml.Root!;
        Assert.Equal(X + "xliff", root.Name);
        Assert.Equal("2.0", (string?)root.Attribute("version"));
        Assert.Equal("ru-RU", (string?)root.Attribute("srcLang"));
        Assert.Equal("en-GB", (string?)root.Attribute("trgLang"));
        Assert.Equal(Slug, (string?)root.Element(X + "file")!.Attribute("id"));
        var units = xml.Descendants(X + "unit").ToList();
        Assert.Equal(10, units.Count);
        Assert.Equal("title", (string?)units[0].Attribute("id"));
        var original = (await DocumentAsync()).Version(RuRu)!;
        Assert.Equal(original.Segments.Select(s => s.Id), units.Skip(1).Select(u => (string)u.Attribute("id")!));
        Assert.All(units, u => Assert.NotNull(u.Descendants(X + "target").SingleOrDefault()));
        Assert.All(units.Skip(1), u => Assert.Equal("translated", (string?)u.Element(X + "segment")!.Attribute("state")));
    }

    [Fact]
    public async Task Write_EmphasisCodeAndLinks_BecomeInlineCodesThatReadBackExactly()
    {
        const string paragraph = "Это **важно**, *очень* и [ссылка](https://example.org/x) с `код`.";
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument("inline", RuRu, "Заголовок", $"# Раздел\n\n{paragraph}\n\n- пункт _один_\n"));

        var xml = await ExportAsync("inline");

        var unit = xml.Descendants(X + "unit").ElementAt(2);
        var source = unit.Descendants(X + "source").Single();
        Assert.DoesNotContain("**", source.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("](", source.Value, StringComparison.Ordinal);
        Assert.Equal(3, source.Elements(X + "pc").Count());
        Assert.Contains(source.Elements(X + "pc"), pc => (string?)pc.Attribute("subType") == "xlf:b" && pc.Value == "важно");
        Assert.Single(source.Elements(X + "ph"));
        Assert.Contains(unit.Descendants(X + "data"), d => d.Value == "](https://example.org/x)");
        var parsed = Parse(xml);
        Assert.Equal(paragraph, parsed.Units[2].Source);
        Assert.Equal(["title", "s1", "s2", "s3"], parsed.Units.Select(u => u.Id));
    }

    [Fact]
    public async Task RoundTrip_EditedTarget_SavesDraftRevisionWithCurrentLinks()
    {
        await UnpublishEnglishAsync();
        var before = await EnglishAsync();
        var xml = await ExportAsync();
        var target = UnitOf(xml, "s2").Descendants(X + "target").Single();
        target.ReplaceNodes("The caliphate is a *grave* danger.");

        var saved = await Newsroom.ImportXliffAsync(Editor, Parse(xml));

        // The withdrawn text stays as it was; the import is a working copy over it.
        Assert.Equal((VersionState.Unpublished, before.Body), (saved.State, saved.Body));
        Assert.Equal(VersionState.Draft, saved.Working!.State);
        Assert.Equal(before.Revision + 1, saved.Working.Revision);
        saved = saved.Working;
        // XLIFF text is plain text: the asterisks the translator typed are shown as asterisks, not emphasis.
        var expected = string.Join("\n\n", XDocument.Parse(xml.ToString()).Descendants(X + "unit").Skip(1)
            .Select(u => u.Descendants(X + "target").Single().Value.Trim())).Replace("a *grave*", "a \\*grave\\*", StringComparison.Ordinal) + "\n";
        Assert.Equal(expected, saved.Body);
        var status = Hexapla.Translation.TranslationStatus.Of(await DocumentAsync(), EnGb);
        Assert.Equal((9, 0, 0), (status.UpToDate, status.Outdated.Count, status.Missing.Count));
    }

    [Fact]
    public async Task Import_PublishedTarget_MakesAWorkingCopy_LiveTextUnchanged()
    {
        var before = await EnglishAsync();
        var xml = await ExportAsync();
        UnitOf(xml, "s2").Descendants(X + "target").Single().ReplaceNodes("The caliphate is a grave danger.");

        var saved = await Newsroom.ImportXliffAsync(Editor, Parse(xml));

        Assert.Equal((VersionState.Published, before.Revision, before.Body), (saved.State, saved.Revision, saved.Body));
        Assert.Equal((VersionState.Draft, before.Revision + 1), (saved.Working!.State, saved.Working.Revision));
        Assert.Contains("a grave danger", saved.Working.Body, StringComparison.Ordinal);
        Assert.Equal(before.Body, (await Store.FindLiveDocumentAsync(Slug))!.Version(EnGb)!.Body);
    }

    [Theory]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ru-RU\" trgLang=\"en-GB\"><file id=\"a\">&e;</file></xliff>")]
    [InlineData("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]><xliff>&lol2;</xliff>")]
    public void Read_DtdOrEntities_IsRefusedNamingTheFile(string xml)
    {
        var e = Assert.Throws<ImportException>(() => Parse(xml, "evil.xlf"));

        Assert.StartsWith("evil.xlf: a DTD (<!DOCTYPE …>) is not allowed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OversizeFile_IsRefused()
    {
        var big = new MemoryStream(new byte[XliffReader.MaxBytes + 1]);

        var e = Assert.Throws<ImportException>(() => XliffReader.Read(big, "big.xlf"));

        Assert.Contains("larger than 10 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WrongLanguages_AreRefused()
    {
        await UnpublishEnglishAsync();
        var xml = await ExportAsync();
        xml.Root!.SetAttributeValue("trgLang", "not a tag");
        Assert.Contains("trgLang=\"not a tag\" is not a valid BCP 47", Assert.Throws<ImportException>(() => Parse(xml)).Message, StringComparison.Ordinal);

        xml.Root!.SetAttributeValue("trgLang", "en-GB");
        xml.Root!.SetAttributeValue("srcLang", "fr-FR");
        var e = await Assert.ThrowsAsync<ImportException>(() => Newsroom.ImportXliffAsync(Editor, Parse(xml)));
        Assert.Contains("srcLang is fr-FR, but the original", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownUnitAndChangedSource_AreAllReportedAndNothingWritten()
    {
        await UnpublishEnglishAsync();
        var before = await EnglishAsync();
        var xml = await ExportAsync();
        UnitOf(xml, "s3").SetAttributeValue("id", "s99");
        var original = (await DocumentAsync()).Version(RuRu)!;
        await Newsroom.SaveVersionAsync(Editor, Slug, RuRu, new VersionEdit(original.Title, original.Body.Replace("Потенциал экстремистов", "Потенциал террористов", StringComparison.Ordinal), null, "Wording."), original.Revision);

        var e = await Assert.ThrowsAsync<ImportException>(() => Newsroom.ImportXliffAsync(Editor, Parse(xml)));

        Assert.Equal(2, e.Errors.Count);
        Assert.Contains(e.Errors, p => p.Reason.StartsWith("unit s99: the ru-RU original", StringComparison.Ordinal));
        Assert.Contains(e.Errors, p => p.Reason.StartsWith("the source of unit s4 changed since export", StringComparison.Ordinal));
        Assert.Equal(before, await EnglishAsync());
    }

    [Fact]
    public async Task Read_BrokenInlineCodes_NameTheUnit()
    {
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument("inline", RuRu, "Заголовок", "Это **важно** здесь."));
        var xml = await ExportAsync("inline");
        var source = UnitOf(xml, "s1").Descendants(X + "source").Single();
        source.Add(new XElement(X + "sc", new XAttribute("id", "8"), new XAttribute("dataRef", "d1")));
        source.Add(new XElement(X + "ph", new XAttribute("id", "9"), new XAttribute("dataRef", "d77")));

        var e = Assert.Throws<ImportException>(() => Parse(xml));

        Assert.Contains(e.Errors, p => p.Reason == "unit s1: in <source>, <ph id=\"9\"> refers to data \"d77\", which <originalData> does not hold (keep the unit's <originalData> as exported)");
        Assert.Contains(e.Errors, p => p.Reason == "unit s1: in <source>, <sc id=\"8\"> has no matching <ec>");
        var unclosed = xml.ToString().Replace("</pc>", "", StringComparison.Ordinal);
        Assert.Contains("not well-formed XML", Assert.Throws<ImportException>(() => Parse(unclosed)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TranslatorForAnotherLanguage_IsForbidden()
    {
        await UnpublishEnglishAsync();
        var translator = new User(3, "françoise", Role.Translator, [FrFr], false, Start);
        var xml = await ExportAsync();

        var e = await Assert.ThrowsAsync<EditorialException>(() => Newsroom.ImportXliffAsync(translator, Parse(xml)));

        Assert.Equal(EditorialErrorKind.Forbidden, e.Kind);
    }

    [Fact]
    public async Task Import_NewLanguage_CreatesDraftFromTargetsOnly()
    {
        var xml = await ExportAsync(target: FrFr);
        Assert.Empty(xml.Descendants(X + "target"));
        // As a CAT tool saves a unit the translator confirmed: the target, and the segment's state moved on.
        UnitOf(xml, "title").Element(X + "segment")!.Add(new XElement(X + "target", "La situation en Irak"));
        UnitOf(xml, "title").Element(X + "segment")!.SetAttributeValue("state", "translated");
        UnitOf(xml, "s1").Element(X + "segment")!.Add(new XElement(X + "target", "L'Irak reste au cœur de l'instabilité."));
        UnitOf(xml, "s1").Element(X + "segment")!.SetAttributeValue("state", "reviewed");
        var translator = new User(3, "françoise", Role.Translator, [FrFr], false, Start);

        var saved = await Newsroom.ImportXliffAsync(translator, Parse(xml));

        Assert.Equal((VersionState.Draft, 1, "La situation en Irak"), (saved.State, saved.Revision, saved.Title));
        Assert.Equal("L'Irak reste au cœur de l'instabilité.\n", saved.Body);
        Assert.Equal("s1", Assert.Single(saved.Links).SourceId);
    }

    // Found by fuzzing: a deep tree took minutes to load, and inline elements are read recursively.
    [Fact]
    public void Read_ElementsNestedTooDeep_AreRefusedNamingTheLine()
    {
        var nested = string.Concat(Enumerable.Repeat("<mrk id=\"m\">", 100)) + "x" + string.Concat(Enumerable.Repeat("</mrk>", 100));
        var xml = $"""
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru-RU" trgLang="en-GB"><file id="a">
            <unit id="s1"><segment><source>{nested}</source></segment></unit></file></xliff>
            """;

        var e = Assert.Throws<ImportException>(() => Parse(xml, "deep.xlf"));

        Assert.Equal(("deep.xlf", 2), (e.Errors[0].File, e.Errors[0].Line));
        Assert.Contains("nested more than 100 deep", e.Message, StringComparison.Ordinal);
    }
}
