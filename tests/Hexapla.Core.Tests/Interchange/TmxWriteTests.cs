using System.Text;
using System.Xml;
using System.Xml.Schema;
using Hexapla.Content;
using Hexapla.Interchange.Tmx;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Tests.Interchange;

/// <summary>TMX as Hexapla writes it: valid against the TMX 1.4 DTD, formatting as inline codes, read back as it was.</summary>
public sealed class TmxWriteTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");

    // Every inline construct the editor's Markdown allows inside a segment, with its French translation.
    private static readonly (string Source, string Target)[] Constructs =
    [
        ("Press **OK** now.", "Appuyez sur **OK** maintenant."),
        ("An *italic* and _another_ word.", "Un mot *italique* et un _autre_."),
        ("Both ***at once***.", "Les deux ***à la fois***."),
        ("~~Struck~~, H~2~O, x^2^, ==marked== and ++inserted++.", "~~Barré~~, H~2~O, x^2^, ==marqué== et ++inséré++."),
        ("Read [the statement](https://example.org/s?a=1&b=2 \"Statement\") today.", "Lire [la déclaration](https://example.org/s?a=1&b=2 \"Déclaration\") aujourd'hui."),
        ("Run `make all` first.", "Lancez d'abord `make all`."),
        ("The map ![Map of Iraq](https://example.org/map.png) shows it.", "La carte ![Carte de l'Irak](https://example.org/map.png) le montre."),
        ("Write to <press@example.org> or see <https://example.org>.", "Écrire à <press@example.org> ou voir <https://example.org>."),
        ("First line\\\nsecond line.", "Première ligne\\\ndeuxième ligne."),
        ("Formula 2\\*3\\*4 and \\[sic\\].", "Formule 2\\*3\\*4 et \\[sic\\]."),
        ("**Bold with [a link](https://example.org) inside**.", "**Gras avec [un lien](https://example.org) dedans**."),
        ("A table cell with a \\| pipe", "Une cellule avec une \\| barre"),
    ];

    private static string Write(params (string Source, string Target)[] pairs)
    {
        using var stream = new MemoryStream();
        TmxWriter.Write(stream, EnGb, FrFr, [new TmxDocument("talks", [.. pairs.Select(p => new SegmentPair(p.Source, p.Target, PairUnit.Paragraph))])], Now);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The problems the TMX 1.4 DTD finds in <paramref name="tmx"/> (none when it is valid).</summary>
    internal static List<string> DtdProblems(string tmx)
    {
        // Our files carry no DOCTYPE (no tool needs one); the test puts one in and points it at the local copy.
        var declaration = tmx.IndexOf("?>", StringComparison.Ordinal) + 2;
        var withDoctype = tmx[..declaration] + "\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">" + tmx[declaration..];
        var problems = new List<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, ValidationType = ValidationType.DTD, XmlResolver = new LocalDtd() };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(withDoctype), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    private sealed class LocalDtd : XmlResolver
    {
        private static readonly string Path = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Standards", "tmx14.dtd");

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn) =>
            absoluteUri.AbsolutePath.EndsWith("/tmx14.dtd", StringComparison.Ordinal)
                ? File.OpenRead(Path)
                : throw new XmlException($"no network and no other files in this test: {absoluteUri}");
    }

    [Fact]
    public void Export_WithEveryInlineConstruct_IsValidAgainstTheTmx14Dtd()
    {
        var tmx = Write(Constructs);

        Assert.Empty(DtdProblems(tmx));
        Assert.Contains("datatype=\"x-markdown\"", tmx, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDtdCheck_FindsAnInvalidFile()
    {
        var invalid = Write(Constructs[0]).Replace("<bpt i=\"1\"", "<bpt", StringComparison.Ordinal).Replace("<seg>", "<seg><b/>", StringComparison.Ordinal);

        var problems = DtdProblems(invalid);

        Assert.Contains(problems, p => p.Contains("'i'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'b'", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_FormattingBecomesCodes_TextIsPlain_AndNoLayoutWhiteSpaceIsWrittenInSegments()
    {
        var tmx = Write(Constructs);

        Assert.Contains("<seg>Press <bpt i=\"1\" type=\"bold\">**</bpt>OK<ept i=\"1\">**</ept> now.</seg>", tmx, StringComparison.Ordinal);
        Assert.Contains("<seg>An <bpt i=\"1\" type=\"italic\">*</bpt>italic<ept i=\"1\">*</ept> and <bpt i=\"2\" type=\"italic\">_</bpt>another<ept i=\"2\">_</ept> word.</seg>", tmx, StringComparison.Ordinal);
        Assert.Contains("<seg>Read <bpt i=\"1\" type=\"link\">[</bpt>the statement<ept i=\"1\">](https://example.org/s?a=1&amp;b=2 \"Statement\")</ept> today.</seg>", tmx, StringComparison.Ordinal);
        Assert.Contains("<seg>Run <ph type=\"x-code\">`make all`</ph> first.</seg>", tmx, StringComparison.Ordinal);
        Assert.Contains("<seg>First line<ph type=\"lb\">\\\n</ph>second line.</seg>", tmx, StringComparison.Ordinal);
        // What a translator sees is what readers read: no Markdown escapes.
        Assert.Contains("<seg>Formula 2*3*4 and [sic].</seg>", tmx, StringComparison.Ordinal);
        Assert.Contains("<seg><bpt i=\"1\" type=\"bold\">**</bpt>Bold with <bpt i=\"2\" type=\"link\">[</bpt>a link<ept i=\"2\">](https://example.org)</ept> inside<ept i=\"1\">**</ept>.</seg>", tmx, StringComparison.Ordinal);
        Assert.DoesNotContain("<seg>\n", tmx, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ThenImport_GivesBackTheSameMarkdown()
    {
        var tmx = Write(Constructs);

        var units = TmxReader.Read("talks.tmx", Encoding.UTF8.GetBytes(tmx), Now);

        Assert.Equal(Constructs, units.Select(u => (u.Source, u.Target)));
    }

    [Theory]
    // Written differently, read the same: the page shows the same thing.
    [InlineData("Fish &amp; chips", "Fish & chips")]
    [InlineData("two  \nlines", "two\\\nlines")]
    [InlineData("soft\nbreak", "soft break")]
    public void Export_ThenImport_OfEquivalentMarkdown_RendersTheSame(string markdown, string expected)
    {
        var units = TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(Write((markdown, "x"))), Now);

        var read = Assert.Single(units).Source;
        Assert.Equal(expected, read);
        Assert.Equal(MarkdownRenderer.ToHtml(markdown).Replace("\n", " ", StringComparison.Ordinal), MarkdownRenderer.ToHtml(read).Replace("\n", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_AHeadingSegmentThatLooksLikeAListAlone_StaysText()
    {
        // "# 1. Introduction" gives the segment "1. Introduction", which read alone would be a list.
        var tmx = Write(("1. **Introduction**", "1. **Introduction**"));

        Assert.Contains("<seg>1. <bpt i=\"1\" type=\"bold\">**</bpt>Introduction<ept i=\"1\">**</ept></seg>", tmx, StringComparison.Ordinal);
        Assert.Empty(DtdProblems(tmx));
    }
}
