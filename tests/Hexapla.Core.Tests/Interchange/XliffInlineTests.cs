using System.Net;
using System.Text;
using System.Xml.Linq;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// What travels inside a unit: plain text escaped out of Markdown and back in, and inline codes checked against the
/// source's. Files under <c>Fixtures/XliffText/</c> are shaped the way CAT tools and libraries send XLIFF 2.0 back.
/// </summary>
public sealed class XliffInlineTests
{
    private static readonly XNamespace X = XliffWriter.Ns;

    private static XliffDocument ReadFixture(string name)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "XliffText", name));
        return XliffReader.Read(stream, name);
    }

    private static IReadOnlyList<string> Problems(string name) =>
        [.. Assert.Throws<ImportException>(() => ReadFixture(name)).Errors.Select(e => e.Reason)];

    private static (XElement Source, Dictionary<string, string> Data) Convert(string markdown)
    {
        var data = new InlineData();
        var source = new XElement(X + "source", XliffInline.ToXliff(markdown, data));
        return (source, data.Entries.ToDictionary(e => e.Id, e => e.Value, StringComparer.Ordinal));
    }

    // The text of a paragraph's HTML as a reader reads it.
    private static string Shown(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown).Trim();
        Assert.StartsWith("<p>", html, StringComparison.Ordinal);
        Assert.EndsWith("</p>", html, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(html[3..^4]);
    }

    [Theory]
    [InlineData("Formel 2*3*4 gilt.")]
    [InlineData("[…] und [Link](nicht) und ![kein](bild)")]
    [InlineData("1. kein Listenpunkt")]
    [InlineData("2026) auch nicht")]
    [InlineData("# keine Überschrift")]
    [InlineData("- kein Punkt\n+ auch keiner\n> kein Zitat\n=== kein Strich")]
    [InlineData("snake_case, _kursiv_ nicht, __fett__ nicht")]
    [InlineData("<b>kein HTML</b> &amp; &copy; bleiben Zeichen")]
    [InlineData("`kein Code` ~~nicht durch~~ H~2~O x^2^ ++nein++ ==nein==")]
    [InlineData("Spalte | Spalte")]
    [InlineData("C:\\Pfad\\ und \\* und Ende\\")]
    [InlineData("Titel mit Raute #")]
    [InlineData("Ausrufe!")]
    public void Escape_PlainText_IsShownAsTyped(string plain)
    {
        var markdown = XliffInline.Escape(plain);

        Assert.Equal(plain, Shown(markdown));
    }

    [Fact]
    public void Escape_TrailingSpacesBeforeALineBreak_DoNotMakeAHardBreak()
    {
        var markdown = XliffInline.Escape("eins   \nzwei");

        Assert.Equal("eins\nzwei", markdown);
        Assert.DoesNotContain("<br", MarkdownRenderer.ToHtml(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void ToXliff_EscapedMarkdown_IsPlainTextForTheTranslator()
    {
        var (source, _) = Convert("Формула 2\\*3\\*4 и \\[…\\], &copy; &amp; C:\\путь");

        Assert.Equal("Формула 2*3*4 и […], © & C:\\путь", source.Value);
        Assert.Empty(source.Elements());
    }

    [Theory]
    [InlineData("строка  \nстрока", "  \n")]
    [InlineData("строка\\\nстрока", "\\\n")]
    public void HardLineBreak_IsALineBreakCode_AndComesBackAsWritten(string markdown, string data)
    {
        var (source, values) = Convert(markdown);

        var lb = Assert.Single(source.Elements(X + "ph"));
        Assert.Equal(("fmt", "xlf:lb", data), ((string?)lb.Attribute("type"), (string?)lb.Attribute("subType"), values[(string)lb.Attribute("dataRef")!]));
        Assert.Equal(markdown, XliffInline.ToMarkdown(source, values, new List<string>()));
    }

    [Theory]
    [InlineData("<pc id=\"1\" type=\"fmt\" dataRefStart=\"d1\" dataRefEnd=\"d1\"> wichtig </pc>!", "**", "sehr  **wichtig** \\!", "sehr  <strong>wichtig</strong> !")]
    [InlineData("<pc id=\"1\" type=\"fmt\" dataRefStart=\"d1\" dataRefEnd=\"d1\">Staat</pc>es", "__", "sehr **Staat**es", "sehr <strong>Staat</strong>es")]
    [InlineData("<pc id=\"1\" type=\"fmt\" dataRefStart=\"d1\" dataRefEnd=\"d1\"> </pc>!", "*", "sehr  \\!", "sehr  !")]
    public void Emphasis_SpacesInsideOrWordAround_StillEmphasis(string content, string delimiter, string markdown, string html)
    {
        var target = XElement.Parse($"<target xmlns=\"{X.NamespaceName}\">sehr {content}</target>", LoadOptions.PreserveWhitespace);

        var result = XliffInline.ToMarkdown(target, new Dictionary<string, string> { ["d1"] = delimiter }, new List<string>());

        Assert.Equal(markdown, result);
        Assert.Equal($"<p>{html}</p>", MarkdownRenderer.ToHtml(result).Trim());
    }

    [Fact]
    public void Heading_TextThatLooksLikeAList_StaysText()
    {
        var (source, _) = Convert("1. Введение");

        Assert.Equal("1. Введение", source.Value);
        Assert.Equal("1\\. Введение", XliffInline.Normalize("1. Введение"));
    }

    [Fact]
    public void OmegaT_LinkDeleted_IsRefusedNamingTheUnitAndTheLink()
    {
        var problems = Problems("omegat-link-deleted.xlf");

        var problem = Assert.Single(problems);
        Assert.Equal("unit s1: in <target>, the link <pc id=\"1\"> ([…](https://mid.ru/ru/ \"Сайт\")) is missing; put it back around or at the words it belongs to (it cannot be deleted)", problem);
    }

    [Fact]
    public void Trados_FormattingDroppedAndCopied_IsAccepted()
    {
        var unit = Assert.Single(ReadFixture("trados-formatting-dropped.xlf").Units);

        // Strong emphasis and the line break deleted, emphasis copied: formatting may follow the language.
        Assert.Equal("Sehr wichtig: *Code* `x = 1`, *2\\*3* Ende.", unit.Target);
        Assert.Equal("<p>Sehr wichtig: <em>Code</em> <code>x = 1</code>, <em>2*3</em> Ende.</p>\n", MarkdownRenderer.ToHtml(unit.Target!));
    }

    [Fact]
    public void MemoQ_MovedChangedExtraAndCopiedCodes_AreEachRefusedOnce()
    {
        var problems = Problems("memoq-moved-and-changed.xlf");

        Assert.Equal(
        [
            "unit s4: in <target>, the formatting <pc id=\"2\"> (**…**) was moved inside code 1; in the source it is outside any other code, so keep it there",
            "unit s4: in <target>, the code <ph id=\"3\"> (`код`) was changed (to the code <ph id=\"3\"> (<https://mid.ru/press>)); keep the code as in the source",
            "unit s4: in <target>, the code <ph id=\"9\"> (`код`) is not in the source; remove it (only the source's codes may be used)",
            "unit s4: in <target>, the link <pc id=\"10\"> ([…](https://mid.ru/ru/)) copies the link <pc id=\"1\"> ([…](https://mid.ru/ru/)), which may appear only once; remove the copy",
        ], problems);
    }

    [Fact]
    public void NpmXliff_OriginalDataDropped_OneLinePerCode()
    {
        var problems = Problems("npm-xliff-no-originaldata.xlf");

        Assert.Equal(
        [
            "unit s1: in <source>, <pc id=\"1\"> refers to data \"d1\" and \"d2\", which <originalData> does not hold (keep the unit's <originalData> as exported)",
            "unit s1: in <source>, <pc id=\"2\"> refers to data \"d3\" and \"d3\", which <originalData> does not hold (keep the unit's <originalData> as exported)",
            "unit s2: in <source>, <ph id=\"1\"> refers to data \"d1\", which <originalData> does not hold (keep the unit's <originalData> as exported)",
        ], problems);
    }

    [Fact]
    public void PcWrittenBackAsScEcPair_IsAccepted_AnUnpairedOneIsNot()
    {
        const string unit = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru-RU" trgLang="de-DE">
              <file id="brifing">
                <unit id="s1">
                  <originalData><data id="d1">[</data><data id="d2">](https://mid.ru/)</data></originalData>
                  <segment state="translated">
                    <source xml:space="preserve">См. <pc id="1" type="link" dataRefStart="d1" dataRefEnd="d2" canCopy="no" canDelete="no">сайт</pc>.</source>
                    <target xml:space="preserve">Siehe <sc id="1" type="link" dataRef="d1" canCopy="no" canDelete="no"/>Website<ec startRef="1" dataRef="END"/>.</target>
                  </segment>
                </unit>
              </file>
            </xliff>
            """;

        var read = XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(unit.Replace("END", "d2", StringComparison.Ordinal))), "pair.xlf");
        var wrong = Assert.Throws<ImportException>(() => XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(unit.Replace("END", "d1", StringComparison.Ordinal))), "pair.xlf"));

        Assert.Equal("Siehe [Website](https://mid.ru/).", read.Units.Single().Target);
        Assert.Contains(wrong.Errors, e => e.Reason.StartsWith("unit s1: in <target>, the link <pc id=\"1\"> ([…](https://mid.ru/)) was changed", StringComparison.Ordinal));
    }

    [Fact]
    public void TitleUnit_IsPlainText_NotMarkdown()
    {
        const string xml = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru-RU" trgLang="de-DE">
              <file id="brifing">
                <unit id="title"><segment state="translated"><source>Итоги: 2*3 [кратко]</source><target>Bilanz: 2*3 [kurz]</target></segment></unit>
                <unit id="summary"><segment state="translated"><source>Кратко *так*</source><target>Kurz *so*</target></segment></unit>
              </file>
            </xliff>
            """;

        var read = XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "t.xlf");

        Assert.Equal(["Bilanz: 2*3 [kurz]", "Kurz *so*"], read.Units.Select(u => u.Target));
        Assert.Equal("Итоги: 2*3 [кратко]", read.Units[0].Source);
    }
}
