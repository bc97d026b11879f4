using System.Text;
using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Interchange.Tmx;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;

namespace Hexapla.Tests.Content;

/// <summary>The one rule for text that enters (EnteringText), and each entrance in Core applying it.</summary>
public sealed class EnteringTextTests : NewsroomTestBase
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);

    [Theory]
    [InlineData("one\u000Btwo", "one\ntwo")]
    [InlineData("one\u2028two", "one\ntwo")]
    [InlineData("one\u2029two", "one\n\ntwo")]
    [InlineData("one\r\ntwo\rthree", "one\ntwo\nthree")]
    [InlineData("tab\there, emoji 😀, Ирак, العراق", "tab\there, emoji 😀, Ирак, العراق")]
    public void Accept_NormalisesLineBreaks_KeepsEverythingElse(string text, string stored) =>
        Assert.Equal(stored, EnteringText.Accept(text, "body"));

    [Theory]
    [InlineData("Bad\u0001title", 1, 4, 0x0001)]
    [InlineData("first line\r\nsecond \u0007 line", 2, 8, 0x0007)]
    [InlineData("😀 then \u0092", 1, 8, 0x0092)]
    [InlineData("del \u007F", 1, 5, 0x007F)]
    [InlineData("not \uFFFE a character", 1, 5, 0xFFFE)]
    [InlineData("feed\u000Cpage", 1, 5, 0x000C)]
    public void Accept_RefusedCharacter_NamesFieldLineAndColumn(string text, int line, int column, int codePoint)
    {
        var refused = Assert.Throws<TextRefusedException>(() => EnteringText.Accept(text, "title"));

        Assert.Equal(("title", line, column, codePoint), (refused.Fault.Field, refused.Fault.Line, refused.Fault.Column, refused.Fault.CodePoint));
        Assert.StartsWith($"title, line {line}, column {column}: U+{codePoint:X4} (", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_UnpairedSurrogate_Refused_PairCountsAsOneColumn()
    {
        // Built here: a lone surrogate in [InlineData] does not survive xunit's serialisation of test cases.
        var refused = Assert.Throws<TextRefusedException>(() => EnteringText.Accept("😀 half " + '\uD800' + " a pair", "summary"));

        Assert.Equal(("summary", 1, 8, 0xD800), (refused.Fault.Field, refused.Fault.Line, refused.Fault.Column, refused.Fault.CodePoint));
    }

    [Fact]
    public void Repair_RemovesRefused_NormalisesBreaks_ForXml_MendsOnlyWhatXmlCannotCarry()
    {
        var stored = "a\u0001b\u000Bc\u2028d\u0092e" + '\uD800';

        Assert.Equal("ab\nc\nde", EnteringText.Repair(stored));
        Assert.Equal("ab\nc\u2028d\u0092e", EnteringText.ForXml(stored));
        Assert.True(EnteringText.NeedsRepair(stored));
        Assert.True(EnteringText.NeedsRepair("only a\u000Bvertical tab"));
        Assert.False(EnteringText.NeedsRepair("clean\r\ntext 😀\u2028with separators\u2029every output carries"));
        var same = "nothing to mend";
        Assert.Same(same, EnteringText.ForXml(same));
    }

    [Fact]
    public void Html_StoredControlCharacters_LeftOutOfPages_AsOutOfFeeds()
    {
        Assert.Equal("a&amp;b\nc", HtmlText.Escape("a\u0001&b\u000Bc\uFFFF"));
        Assert.Equal("<p>One\ntwo three.</p>\n", MarkdownRenderer.ToHtml("One\u000Btwo \u0002three."));
    }

    [Fact]
    public async Task Newsroom_Save_ControlCharacterRefusedNamingField_VerticalTabNormalised()
    {
        var document = await Newsroom.CreateDocumentAsync(Editor, new NewDocument("note", EnGb, "A note", "Line one\u000Bline two.\u2029Next paragraph."));
        Assert.Equal("Line one\nline two.\n\nNext paragraph.", document.Version(EnGb)!.Body);

        var refused = await Assert.ThrowsAsync<EditorialException>(() =>
            Newsroom.SaveVersionAsync(Editor, "note", EnGb, new VersionEdit("A note", "Body with \u0001 inside."), 1));
        Assert.Equal((EditorialErrorKind.Invalid, "body"), (refused.Kind, refused.Field));
        Assert.Contains("body, line 1, column 11: U+0001", refused.Message, StringComparison.Ordinal);

        var tags = await Assert.ThrowsAsync<EditorialException>(() =>
            Newsroom.CreateDocumentAsync(Editor, new NewDocument("other", EnGb, "Other", "Body.", Tags: ["ok", "bad\u0002"])));
        Assert.Equal("tags", tags.Field);
        Assert.Equal(1, (await Newsroom.GetVersionAsync(Editor, "note", EnGb))!.Revision);
        Assert.Null(await Store.FindDocumentAsync("other"));
    }

    [Fact]
    public async Task Import_FileWithControlCharacter_RefusedWithFileLineAndColumn_NothingStored()
    {
        var bad = new ImportFile("note.en-GB.md", Encoding.UTF8.GetBytes("---\ntitle: A note\n---\nFirst paragraph.\n\nSecond \u0001 one.\n"));
        var good = new ImportFile("other.en-GB.md", Encoding.UTF8.GetBytes("---\ntitle: Other\n---\nLine one\u000Bline two.\n"));

        var refused = await Assert.ThrowsAsync<ImportException>(() => new Importer(Store, Clock).ImportAsync([bad, good], new ImportOptions()));

        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("note.en-GB.md:6: column 8: U+0001 (", error.ToString(), StringComparison.Ordinal);
        Assert.Null(await Store.FindDocumentAsync("other"));

        await new Importer(Store, Clock).ImportAsync([good], new ImportOptions());
        Assert.Equal("Line one\nline two.", (await Store.FindDocumentAsync("other"))!.Version(EnGb)!.Body);
    }

    [Fact]
    public void XliffReader_TargetWithC1Control_RefusedWithLine_LineSeparatorNormalised()
    {
        string Xliff(string target) => $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="{XliffWriter.Ns.NamespaceName}" version="2.0" srcLang="en-GB" trgLang="fr-FR">
            <file id="note">
            <unit id="title"><segment state="translated"><source>A note</source><target>{target}</target></segment></unit>
            </file>
            </xliff>
            """;

        var refused = Assert.Throws<ImportException>(() => XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Xliff("Une note&#x92;"))), "note.xlf"));
        var error = Assert.Single(refused.Errors);
        Assert.Equal(("note.xlf", 4), (error.File, error.Line));
        Assert.Contains("unit title: in <target>, character 9: U+0092", error.Reason, StringComparison.Ordinal);

        var read = XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Xliff("Une\u2028note"))), "note.xlf");
        Assert.Equal("Une\nnote", read.Units[0].Target);
    }

    [Fact]
    public void TmxReader_SegWithC1Control_RefusedWithLine()
    {
        const string tmx = "<tmx version=\"1.4\"><header srclang=\"en-GB\"/><body>\n<tu><tuv xml:lang=\"en-GB\"><seg>Yes</seg></tuv><tuv xml:lang=\"fr-FR\"><seg>Ou&#x85;i</seg></tuv></tu></body></tmx>";

        var refused = Assert.Throws<ImportException>(() => TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(tmx), Start));

        Assert.StartsWith("a.tmx:2: tu 1: the fr-FR <seg>, character 3: U+0085 (", Assert.Single(refused.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GlossaryCsv_ControlCharacter_RefusedWithLine_VerticalTabInQuotedFieldNormalised()
    {
        var refused = Assert.Throws<GlossaryCsvException>(() => GlossaryCsv.Parse("term,translation,note\nБагдад,Baghdad\nМосул,Mo\u0001sul\n"));
        Assert.Equal(3, refused.Line);
        Assert.StartsWith("line 3: column 9: U+0001 (", refused.Message, StringComparison.Ordinal);

        var terms = GlossaryCsv.Parse("term,translation,note\nБагдад,Baghdad,\"capital\u000Bcity\"\n");
        Assert.Equal("capital\ncity", Assert.Single(terms).Note);
    }

    [Fact]
    public void XmlWriters_StoredControlCharacters_WellFormedWithoutThem()
    {
        var document = new Document
        {
            Slug = "bad",
            OriginalLanguage = EnGb,
            Versions = [Segmentation.WithSegments(new LanguageVersion { Language = EnGb, Title = "Bad\u0001title", Body = "One\u000Btwo \u0002three.\n" }, null)],
        };

        var xliff = XDocument.Parse(Encoding.UTF8.GetString(XliffWriter.ToBytes(XliffWriter.Write(document, LanguageTag.Parse("fr-FR")))));
        Assert.Contains(xliff.Descendants(XliffWriter.Ns + "source"), s => s.Value == "Badtitle");

        using var tmx = new MemoryStream();
        TmxWriter.Write(tmx, EnGb, LanguageTag.Parse("fr-FR"), [new TmxDocument("bad", [new SegmentPair("One\u000Btwo \u0002three.", "Un deux trois.", PairUnit.Paragraph)])], Start);
        Assert.Equal("One\ntwo three.", XDocument.Parse(Encoding.UTF8.GetString(tmx.ToArray())).Descendants("seg").First().Value);
    }
}
