using System.Text;
using CsCheck;
using Hexapla.Interchange;
using Hexapla.Interchange.Tmx;
using Hexapla.Interchange.Xliff;

namespace Hexapla.Tests.Fuzzing;

/// <summary>XLIFF and TMX: any mutant of a valid file gives a result or an <see cref="ImportException"/>, quickly.</summary>
[Collection(SerialFuzzing.Name)]
public sealed class InterchangeXmlFuzzTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private const string Xliff = """
        <?xml version="1.0" encoding="utf-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru-RU" trgLang="en-GB">
          <file id="razvitie-situacii-v-irake" original="razvitie-situacii-v-irake">
            <notes><note id="title" category="title">Развитие ситуации</note></notes>
            <unit id="title"><segment><source>Развитие ситуации</source><target>The situation</target></segment></unit>
            <unit id="s1">
              <originalData><data id="d1">**</data><data id="d2">**</data><data id="d3">[</data><data id="d4">](https://example.org)</data><data id="d5">`x`</data></originalData>
              <segment state="translated"><source>Совет <pc id="1" dataRefStart="d1" dataRefEnd="d2">собрался</pc> <ph id="2" dataRef="d5"/>.</source>
              <target>The <sc id="3" dataRef="d3"/>council<ec startRef="3" dataRef="d4"/> <mrk id="m1">met</mrk><cp hex="2014"/>.</target></segment>
            </unit>
            <unit id="s2"><segment><source>Второй абзац.</source></segment></unit>
          </file>
        </xliff>
        """;

    private static readonly string[] XliffNames =
    [
        "xliff", "file", "unit", "segment", "source", "target", "originalData", "data", "pc", "ph", "sc", "ec", "mrk", "sm", "em", "cp",
        "notes", "note", "id", "srcLang", "trgLang", "version", "dataRef", "dataRefStart", "dataRefEnd", "startRef", "isolated", "hex",
    ];

    private const string Tmx = """
        <?xml version="1.0" encoding="utf-8"?>
        <tmx version="1.4">
          <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-GB" datatype="plaintext"/>
          <body>
            <tu><tuv xml:lang="en-GB"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept> <hi>now</hi>.</seg></tuv><tuv xml:lang="fr-FR"><seg>Appuyez <ph><sub>sur</sub></ph> OK.</seg></tuv></tu>
            <tu srclang="ru-RU"><tuv lang="EN-GB"><seg>Yes &amp; no</seg></tuv><tuv xml:lang="ru-RU"><seg>Да и нет</seg></tuv></tu>
          </body>
        </tmx>
        """;

    private static readonly string[] TmxNames = ["tmx", "header", "body", "tu", "tuv", "seg", "bpt", "ept", "ph", "it", "ut", "hi", "sub", "srclang", "lang", "version"];

    [Fact]
    public void XliffReader_AnyMutantOfAValidFile_GivesUnitsOrAnImportError() =>
        Fuzz.ResultOrError<byte[], ImportException>(XmlMutation.Of(Xliff, XliffNames), bytes =>
        {
            var document = XliffReader.Read(new MemoryStream(bytes), "doc.xlf");
            Assert.Equal(document.Units.Count, document.Units.Select(u => u.Id).Distinct().Count());
        }, Fuzz.Iterations(300));

    [Fact]
    public void TmxReader_AnyMutantOfAValidFile_GivesUnitsOrAnImportError() =>
        Fuzz.ResultOrError<byte[], ImportException>(XmlMutation.Of(Tmx, TmxNames), bytes =>
        {
            var units = TmxReader.Read("memory.tmx", bytes, Now);
            Assert.All(units, u => Assert.NotEqual(u.SourceLanguage, u.TargetLanguage));
        }, Fuzz.Iterations(300));

    [Fact]
    public void XliffAndTmx_RandomBytes_GiveAnImportError()
    {
        Fuzz.ResultOrError<byte[], ImportException>(Gen.Byte.Array[0, 300], bytes => XliffReader.Read(new MemoryStream(bytes), "doc.xlf"));
        Fuzz.ResultOrError<byte[], ImportException>(Gen.Byte.Array[0, 300], bytes => TmxReader.Read("memory.tmx", bytes, Now));
    }

    [Theory]
    [InlineData("pc")]
    [InlineData("mrk")]
    public void XliffReader_DeeplyNestedInlineElements_AreAnImportErrorNotACrash(string element)
    {
        var nested = Fuzz.Nest($"<{element} id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1\">", "x", $"</{element}>", 200_000);
        var xliff = Xliff.Replace("<source>Второй абзац.</source>", $"<source>{nested}</source>", StringComparison.Ordinal)
            .Replace("<unit id=\"s2\">", "<unit id=\"s2\"><originalData><data id=\"d1\">*</data></originalData>", StringComparison.Ordinal);
        Fuzz.Within(Fuzz.CaseTimeout, () =>
        {
            var e = Assert.Throws<ImportException>(() => XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xliff)), "doc.xlf"));
            Assert.Contains("nested", e.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("sub")]
    public void TmxReader_DeeplyNestedInlineElements_AreAnImportErrorNotACrash(string element)
    {
        var tmx = Tmx.Replace("<hi>now</hi>", Fuzz.Nest($"<{element}>", "now", $"</{element}>", 200_000), StringComparison.Ordinal);
        Fuzz.Within(Fuzz.CaseTimeout, () =>
        {
            var e = Assert.Throws<ImportException>(() => TmxReader.Read("memory.tmx", Encoding.UTF8.GetBytes(tmx), Now));
            Assert.Contains("nested", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void XliffAndTmx_TimeGrowsLinearlyWithInput()
    {
        var unit = "<unit id=\"u{0}\"><segment><source>Совет <mrk id=\"m\">собрался</mrk>.</source><target>The council met.</target></segment></unit>";
        Fuzz.GrowsLinearly(n => Xliff.Replace("</file>", string.Concat(Enumerable.Range(0, n).Select(i => unit.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))) + "</file>", StringComparison.Ordinal),
            text => XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "doc.xlf"), 300, "units");
        Fuzz.GrowsLinearly(n => Xliff.Replace("</file>", Fuzz.Repeat("<unit><segment/></unit>", n * 20) + "</file>", StringComparison.Ordinal),
            text => XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "doc.xlf"), 300, "bad units (one error each)");

        var tu = "<tu><tuv xml:lang=\"en-GB\"><seg>Yes <hi>and</hi> no</seg></tuv><tuv xml:lang=\"fr-FR\"><seg>Oui et non</seg></tuv></tu>";
        Fuzz.GrowsLinearly(n => Tmx.Replace("</body>", Fuzz.Repeat(tu, n * tu.Length) + "</body>", StringComparison.Ordinal),
            text => TmxReader.Read("memory.tmx", Encoding.UTF8.GetBytes(text), Now), 300, "units");
        Fuzz.GrowsLinearly(n => Tmx.Replace("</body>", Fuzz.Repeat("<tu/>", n * 5) + "</body>", StringComparison.Ordinal),
            text => TmxReader.Read("memory.tmx", Encoding.UTF8.GetBytes(text), Now), 1_000, "bad units (one error each)");
    }
}
