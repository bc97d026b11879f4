using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// XLIFF out and back in with a document holding every Markdown construct the editor allows
/// (<c>Fixtures/XliffText/every-construct.ru.md</c>): what the translator sees, what comes back, and that nothing of
/// the page is lost on the way.
/// </summary>
public sealed class XliffRoundTripTests : NewsroomTestBase
{
    private const string Slug = "brifing";
    private const string Title = "Брифинг: 2*3 [итоги]";
    private const string Summary = "Кратко: **не** Markdown, 2*3 и _это_ тоже текст.";
    private static readonly XNamespace X = XliffWriter.Ns;
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);
    private static readonly User SecondEditor = new(3, "eva", Role.Editor, [], false, Start);

    private static string Body => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "XliffText", "every-construct.ru.md"));

    protected override async Task SetUpAsync() =>
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument(Slug, Ru, Title, Body, Summary));

    private async Task<Document> DocumentAsync() => (await Store.FindDocumentAsync(Slug))!;

    private async Task<byte[]> ExportAsync() => XliffWriter.ToBytes(XliffWriter.Write(await DocumentAsync(), En));

    private static XDocument Load(byte[] bytes) => XDocument.Parse(Encoding.UTF8.GetString(bytes), LoadOptions.PreserveWhitespace);

    private static byte[] Bytes(XDocument xml) => Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting));

    private Task<LanguageVersion> ImportAsync(XDocument xml) =>
        Newsroom.ImportXliffAsync(Editor, XliffReader.Read(new MemoryStream(Bytes(xml)), "brifing.ru-RU-en-GB.xlf"));

    private static XElement Unit(XDocument xml, string id) => xml.Descendants(X + "unit").Single(u => (string?)u.Attribute("id") == id);

    /// <summary>Every unit's target made a copy of its source, as a CAT tool does before the translator types.</summary>
    private static XDocument TargetsAsSources(XDocument xml)
    {
        foreach (var segment in xml.Descendants(X + "segment"))
        {
            var source = segment.Element(X + "source")!;
            segment.Element(X + "target")?.Remove();
            source.AddAfterSelf(new XElement(X + "target", source.Attributes(), source.Nodes()));
            segment.SetAttributeValue("state", "translated");
        }

        return xml;
    }

    private static LanguageVersion Text(LanguageVersion version) => version.Working ?? version;

    [Fact]
    public async Task Export_EveryConstruct_ValidatesAgainstTheXliffCoreSchema()
    {
        var xml = Load(await ExportAsync());
        var schemas = new XmlSchemaSet { XmlResolver = null };
        foreach (var name in new[] { "xml.xsd", "xliff_core_2.0.xsd" })
        {
            using var stream = typeof(XliffWriter).Assembly.GetManifestResourceStream($"Hexapla.Interchange.Xliff.Schemas.{name}")!;
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            schemas.Add(null, reader);
        }

        var problems = new List<string>();
        xml.Validate(schemas, (_, e) => problems.Add(e.Message));
        TargetsAsSources(xml).Validate(schemas, (_, e) => problems.Add(e.Message));

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Export_SourcesArePlainText_NoMarkdownEscapes()
    {
        var xml = Load(await ExportAsync());

        var formula = xml.Descendants(X + "source").Single(s => s.Value.Contains("Формула", StringComparison.Ordinal));
        Assert.Equal("Формула 2*3*4 и скобки […] остаются как есть; C:\\путь\\ и a_b_c тоже, © 2026 & далее.", formula.Value);
        Assert.Empty(formula.Elements());
        Assert.Equal(Title, Unit(xml, XliffWriter.TitleUnit).Descendants(X + "source").Single().Value);
        Assert.Equal(Summary, Unit(xml, XliffWriter.SummaryUnit).Descendants(X + "source").Single().Value);
        // Code, quotes' markers and list markers are not text to translate.
        Assert.DoesNotContain(xml.Descendants(X + "source"), s => s.Value.Contains("никогда", StringComparison.Ordinal));
        Assert.DoesNotContain(xml.Descendants(X + "source"), s => s.Value.Contains("> ", StringComparison.Ordinal));
        var quote = xml.Descendants(X + "source").Single(s => s.Value.StartsWith("Цитата", StringComparison.Ordinal));
        Assert.Equal("Цитата в одну строку с жирным\nи её продолжение на второй строке.", quote.Value);
    }

    [Fact]
    public async Task Export_SourceStartingWithACode_HasNoIndentationInIt()
    {
        var text = Encoding.UTF8.GetString(await ExportAsync());

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xliff ", text, StringComparison.Ordinal);
        Assert.Contains("\n    <unit id=\"title\">\n", text, StringComparison.Ordinal);
        Assert.Contains("<source xml:space=\"preserve\"><pc id=\"1\" type=\"fmt\" subType=\"xlf:b\" dataRefStart=\"d1\" dataRefEnd=\"d1\">Москва</pc></source>", text, StringComparison.Ordinal);
        var sources = Load(await ExportAsync()).Descendants(X + "source").Select(s => s.Value).ToList();
        Assert.All(sources, s => Assert.Equal(s.Trim(), s));
    }

    [Fact]
    public async Task Export_LinksAndCodeAreProtected_FormattingIsNot()
    {
        var xml = Load(await ExportAsync());

        var link = xml.Descendants(X + "pc").First(pc => pc.Value == "сайт МИД");
        Assert.Equal(("link", "no", "no"), ((string?)link.Attribute("type"), (string?)link.Attribute("canDelete"), (string?)link.Attribute("canCopy")));
        var bold = xml.Descendants(X + "pc").First(pc => pc.Value == "важным");
        Assert.Equal(("fmt", "xlf:b", null), ((string?)bold.Attribute("type"), (string?)bold.Attribute("subType"), (string?)bold.Attribute("canDelete")));
        var breaks = xml.Descendants(X + "ph").Where(ph => (string?)ph.Attribute("subType") == "xlf:lb").ToList();
        Assert.Equal(2, breaks.Count);
        var code = xml.Descendants(X + "ph").First(ph => (string?)ph.Attribute("type") == "other");
        Assert.Equal("no", (string?)code.Attribute("canDelete"));
    }

    [Fact]
    public async Task TargetsEqualToSources_ImportAndPublish_RenderTheSamePage()
    {
        var xml = TargetsAsSources(Load(await ExportAsync()));

        await ImportAsync(xml);

        var document = await DocumentAsync();
        var original = Text(document.Version(Ru)!);
        var translation = Text(document.Version(En)!);
        Assert.Equal(MarkdownRenderer.ToHtml(original.Body), MarkdownRenderer.ToHtml(translation.Body));
        Assert.Equal((Title, Summary), (translation.Title, translation.Summary));
        var html = MarkdownRenderer.ToHtml(translation.Body);
        Assert.Contains("<li>первый пункт</li>", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<br />").Length - 1);
        Assert.Contains("2*3*4", html, StringComparison.Ordinal);

        await Newsroom.SubmitAsync(Editor, Slug, En);
        await Newsroom.ApproveAsync(SecondEditor, Slug, En);
        await Newsroom.PublishAsync(Editor, Slug, En);
        var published = (await DocumentAsync()).Version(En)!;
        Assert.Equal(VersionState.Published, published.State);
        Assert.Equal(MarkdownRenderer.ToHtml(original.Body), MarkdownRenderer.ToHtml(published.Body));
    }

    [Fact]
    public async Task UnchangedImport_ExportAgain_IsByteIdentical()
    {
        await ImportAsync(TargetsAsSources(Load(await ExportAsync())));
        var first = await ExportAsync();
        Assert.All(Load(first).Descendants(X + "segment"), s => Assert.NotNull(s.Element(X + "target")));

        await ImportAsync(Load(first));
        var second = await ExportAsync();

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task TypedAsterisksAndBrackets_StayLiteralOnThePage()
    {
        var xml = TargetsAsSources(Load(await ExportAsync()));
        var target = xml.Descendants(X + "target").Single(t => t.Value.StartsWith("Формула", StringComparison.Ordinal));
        target.ReplaceNodes("Formel 2*3*4 und [Klammern] <b>bleiben</b>, a_b_c & Co.");

        await ImportAsync(xml);

        var body = Text((await DocumentAsync()).Version(En)!).Body;
        var html = MarkdownRenderer.ToHtml(body);
        Assert.Contains("<p>Formel 2*3*4 und [Klammern] &lt;b&gt;bleiben&lt;/b&gt;, a_b_c &amp; Co.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", html.Split("Formel")[1].Split("</p>")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslatedSummary_IsImportedAsPlainText()
    {
        var xml = TargetsAsSources(Load(await ExportAsync()));
        Unit(xml, XliffWriter.SummaryUnit).Descendants(X + "target").Single().ReplaceNodes("In short: 2*3 is *not* emphasis.");

        await ImportAsync(xml);

        Assert.Equal("In short: 2*3 is *not* emphasis.", Text((await DocumentAsync()).Version(En)!).Summary);
        var again = Load(await ExportAsync());
        Assert.Equal("In short: 2*3 is *not* emphasis.", Unit(again, XliffWriter.SummaryUnit).Descendants(X + "target").Single().Value);
    }

    [Fact]
    public async Task Translation_KeepsHardBreaksTightListsAndStructure()
    {
        var xml = TargetsAsSources(Load(await ExportAsync()));
        var address = xml.Descendants(X + "target").Single(t => t.Value.StartsWith("Адрес", StringComparison.Ordinal));
        var breaks = address.Elements(X + "ph").ToList();
        address.ReplaceNodes("Address:", breaks[0], "Smolenskaya-Sennaya Sq., 32/34", breaks[1], "Moscow, 119200\nline continued by a soft break.");
        xml.Descendants(X + "target").Single(t => t.Value == "первый пункт").ReplaceNodes("first item");
        var quote = xml.Descendants(X + "target").Single(t => t.Value.StartsWith("Цитата", StringComparison.Ordinal));
        var strong = quote.Element(X + "pc")!;
        strong.ReplaceNodes("bold");
        quote.ReplaceNodes("A quote on one line with ", strong, "\nand its second line.");

        await ImportAsync(xml);

        var body = Text((await DocumentAsync()).Version(En)!).Body;
        Assert.Contains("Address:  \nSmolenskaya-Sennaya Sq., 32/34\\\nMoscow, 119200\nline continued by a soft break.", body, StringComparison.Ordinal);
        Assert.Contains("- first item\n- второй пункт", body, StringComparison.Ordinal);
        Assert.Contains("> A quote on one line with **bold**\n> and its second line.", body, StringComparison.Ordinal);
        var html = MarkdownRenderer.ToHtml(body);
        Assert.Contains("<p>Address:<br />\nSmolenskaya-Sennaya Sq., 32/34<br />\nMoscow, 119200\nline continued by a soft break.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<li>first item</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitWithoutTarget_ItsOriginalTextIsLeftOut()
    {
        var xml = TargetsAsSources(Load(await ExportAsync()));
        foreach (var target in xml.Descendants(X + "target").Where(t => t.Value is "второй пункт с ссылкой" || t.Value.StartsWith("Картинка", StringComparison.Ordinal)).ToList())
        {
            target.Parent!.SetAttributeValue("state", "initial");
            target.Remove();
        }

        await ImportAsync(xml);

        var body = Text((await DocumentAsync()).Version(En)!).Body;
        Assert.DoesNotContain("Картинка", body, StringComparison.Ordinal);
        Assert.DoesNotContain("второй пункт", body, StringComparison.Ordinal);
        Assert.Contains("- первый пункт\n  - вложенный пункт", body, StringComparison.Ordinal);
    }
}
