using System.Net;
using System.Net.Sockets;
using System.Text;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Interchange.Tmx;
using Hexapla.Storage;

namespace Hexapla.Tests.Interchange;

/// <summary>TMX as other memories write it: the fixtures in Fixtures/Tmx, each with what it must give.</summary>
public sealed class TmxReadTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tmx", name);

    private static IReadOnlyList<MemoryUnit> Read(string name) => TmxReader.Read(name, File.ReadAllBytes(FixturePath(name)), Now);

    private static ImportException Refused(string name) => Assert.Throws<ImportException>(() => Read(name));

    private static (string, string, string, string)[] Pairs(IReadOnlyList<MemoryUnit> units) =>
        [.. units.Select(u => (u.SourceLanguage.Value, u.TargetLanguage.Value, u.Source, u.Target))];

    [Fact]
    public void OmegaTProjectSave_ItsDoctypeIsSkipped_ItsTagsWrittenAsTextAreDropped_AndTextReadsAsTyped()
    {
        var units = Read("omegat-project_save.tmx");

        Assert.Equal(
            [
                ("en-GB", "fr-FR", "The Council met in Geneva on Tuesday.", "Le Conseil s'est réuni à Genève mardi."),
                ("en-GB", "fr-FR", "Read the statement in full.", "Lire la déclaration en entier."),
                // Plain text in TMX, Markdown in the memory: the asterisks stay asterisks on a page.
                ("en-GB", "fr-FR", "Formula 2\\*3\\*4 applies.", "La formule 2\\*3\\*4 s'applique."),
            ],
            Pairs(units));
        Assert.Equal("<p>La formule 2*3*4 s'applique.</p>\n", MarkdownRenderer.ToHtml(units[2].Target));
        Assert.All(units, u => Assert.Equal("tmx omegat-project_save.tmx", u.Origin));
    }

    [Fact]
    public void OmegaTLevel2_SpacesBetweenCodesAreKept_AndItsLineBreakTagIsAHardBreak()
    {
        var units = Read("omegat-level2.tmx");

        Assert.Equal(
            [
                // Before, the space between </ept> and <bpt> was lost: "Please seethe MFA website."
                ("en-GB", "ru-RU", "Please see the MFA website.", "См. сайт МИД."),
                ("en-GB", "ru-RU", "Line one\\\nline two.", "Строка один\\\nстрока два."),
            ],
            Pairs(units));
        Assert.Contains("<br />", MarkdownRenderer.ToHtml(units[1].Target), StringComparison.Ordinal);
    }

    [Fact]
    public void TradosStudio_EmptyCodesAreDropped_WordsStaySeparate_AndTheByteOrderMarkIsFine()
    {
        var units = Read("trados-studio.tmx");

        Assert.Equal(
            [
                ("en-GB", "de-DE", "Please see the MFA website.", "Siehe die Website des Außenministeriums."),
                // A dropped placeholder between two words stands for a space.
                ("en-GB", "de-DE", "Press release No. 12", "Pressemitteilung Nr. 12"),
            ],
            Pairs(units));
    }

    [Fact]
    public void TradosStudio_AsUtf16_ReadsTheSame()
    {
        // Older Trados versions write TMX in UTF-16 with a byte order mark.
        var text = File.ReadAllText(FixturePath("trados-studio.tmx")).Replace("encoding=\"utf-8\"", "encoding=\"utf-16\"", StringComparison.Ordinal);
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var units = TmxReader.Read("trados-studio.tmx", bytes, Now);

        Assert.Equal(Pairs(Read("trados-studio.tmx")), Pairs(units));
    }

    [Fact]
    public void MemoQ_BoldAndItalicByType_BecomeMarkdown_AndAFootnoteCodeIsDropped()
    {
        var units = Read("memoq.tmx");

        Assert.Equal(
            [
                ("en-GB", "es-ES", "The talks were **constructive** and *frank*.", "Las conversaciones fueron **constructivas** y *francas*."),
                ("en-GB", "es-ES", "Footnote applies.", "Se aplica la nota."),
            ],
            Pairs(units));
        Assert.Equal("<p>Las conversaciones fueron <strong>constructivas</strong> y <em>francas</em>.</p>\n", MarkdownRenderer.ToHtml(units[0].Target));
    }

    [Fact]
    public void LisaStyleHtmlCodes_Version14b_AllLanguages_LayoutWhiteSpaceCollapsed_UnsafeLinkDropped()
    {
        var units = Read("lisa-html.tmx");

        Assert.Equal(
            [
                ("en-GB", "zh-CN",
                    "Text in **bold**, *emphasis* and a [link](https://www.example.org/statement?id=12&lang=en).",
                    // javascript: is no address for a page: the link's text stays, the link goes.
                    "文本包含**粗体**、*强调*和链接。"),
                ("en-GB", "ar", "First line\\\nsecond line with Security Council", "السطر الأول\\\nالسطر الثاني مع مجلس الأمن"),
            ],
            Pairs(units));
        Assert.Contains("<strong>粗体</strong>", MarkdownRenderer.ToHtml(units[0].Target), StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://www.example.org/statement?id=12&amp;lang=en\">link</a>", MarkdownRenderer.ToHtml(units[0].Source), StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderWithoutSrclang_IsRefused_NamingFileAndLine()
    {
        var e = Refused("refused-no-srclang.tmx");

        var error = Assert.Single(e.Errors);
        Assert.Equal(("refused-no-srclang.tmx", 3), (error.File, error.Line));
        Assert.StartsWith("<header> has no srclang", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlLangEnglish_IsRefused_AndVersion14bIsNot()
    {
        var e = Refused("refused-lang-english.tmx");

        var error = Assert.Single(e.Errors);
        Assert.Equal(("refused-lang-english.tmx", 7), (error.File, error.Line));
        Assert.StartsWith("tu 1: <tuv> xml:lang=\"english\" is not a valid BCP 47 language tag", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ForeignElementsInSegAndInCodes_AreRefused_OneLineEach()
    {
        var e = Refused("refused-foreign-element.tmx");

        Assert.Equal(
            [
                "refused-foreign-element.tmx:6: tu 1: the en-GB <seg> holds <b>, which TMX does not allow there",
                "refused-foreign-element.tmx:7: tu 1: the fr-FR <seg> holds <b>, which TMX does not allow there",
                "refused-foreign-element.tmx:11: tu 2: the fr-FR <seg> holds <note xmlns=\"urn:example:notes\">, which TMX does not allow there",
                "refused-foreign-element.tmx:14: tu 3: the en-GB <ph> holds <g>, which TMX does not allow there",
            ],
            e.Errors.Select(x => x.ToString().Split(" (")[0]));
        Assert.Contains("(only <bpt>, <ept>, <it>, <ph>, <hi> and <ut>)", e.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InternalEntityDeclarations_AreRefused()
    {
        var e = Refused("refused-internal-entity.tmx");

        var error = Assert.Single(e.Errors);
        Assert.Equal(("refused-internal-entity.tmx", 2), (error.File, error.Line));
        Assert.Contains("declares entities", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInternalSubsetWithoutEntities_IsSkipped_ItsDefaultsNeverApplied()
    {
        // Were the subset read, every <tuv> would get xml:lang="fr-FR" by default and the unit would be taken.
        const string tmx = """
            <?xml version="1.0"?>
            <!DOCTYPE tmx [ <!ATTLIST tuv xml:lang CDATA "fr-FR"> ]>
            <tmx version="1.4"><header srclang="en-GB"/><body>
            <tu><tuv xml:lang="en-GB"><seg>Peace</seg></tuv><tuv><seg>Paix</seg></tuv></tu>
            </body></tmx>
            """;

        var e = Assert.Throws<ImportException>(() => TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(tmx), Now));

        Assert.Equal("a.tmx:4: tu 1: <tuv> has no xml:lang", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void SubDirectlyInASegment_IsRefused()
    {
        const string tmx = """<tmx version="1.4"><header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>a <sub>b</sub></seg></tuv><tuv xml:lang="fr-FR"><seg>c</seg></tuv></tu></body></tmx>""";

        var e = Assert.Throws<ImportException>(() => TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(tmx), Now));

        Assert.StartsWith("tu 1: the en-GB <seg> holds <sub>, which TMX does not allow there", Assert.Single(e.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExternalDtd_IsNeverLoaded_SoItsEntitiesAreUnknown()
    {
        // The declaration points at a real file on this machine that declares the entity the text uses.
        var dtd = FixturePath("external-entities.dtd");
        Assert.True(File.Exists(dtd));
        var tmx = File.ReadAllText(FixturePath("external-dtd.tmx")).Replace("\"external-entities.dtd\"", $"\"{new Uri(dtd).AbsoluteUri}\"", StringComparison.Ordinal);

        var e = Assert.Throws<ImportException>(() => TmxReader.Read("external-dtd.tmx", Encoding.UTF8.GetBytes(tmx), Now));

        var error = Assert.Single(e.Errors);
        Assert.Equal(7, error.Line);
        Assert.Contains("uses an entity that is not one of XML's five", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("LOADED", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADoctypeOnTheNetwork_IsNotFetched()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var tmx = File.ReadAllText(FixturePath("memoq.tmx")).Replace("SYSTEM \"tmx14.dtd\"", $"SYSTEM \"http://127.0.0.1:{port}/tmx14.dtd\"", StringComparison.Ordinal);
            Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), tmx, StringComparison.Ordinal);

            var units = TmxReader.Read("memoq.tmx", Encoding.UTF8.GetBytes(tmx), Now);

            Assert.Equal(2, units.Count);
            Assert.False(listener.Pending(), "the reader connected to the DTD's address");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData("version=\"2.0\"", "<tmx> version=\"2.0\" is not a TMX version Hexapla reads (1.1 to 1.4b)")]
    [InlineData("", "<tmx> has no version")]
    public void UnknownOrMissingVersion_IsRefused(string version, string expected)
    {
        var tmx = $"""<tmx {version}><header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>a</seg></tuv><tuv xml:lang="fr-FR"><seg>b</seg></tuv></tu></body></tmx>""";

        var e = Assert.Throws<ImportException>(() => TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(tmx), Now));

        Assert.StartsWith(expected, Assert.Single(e.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSrclang_InTheHeaderOrATu_IsRefused()
    {
        const string tmx = """
            <tmx version="1.4"><header srclang="english"/><body/></tmx>
            """;
        const string tu = """
            <tmx version="1.4"><header srclang="en-GB"/><body>
            <tu srclang="francais"><tuv xml:lang="en-GB"><seg>a</seg></tuv><tuv xml:lang="fr-FR"><seg>b</seg></tuv></tu></body></tmx>
            """;

        var header = Assert.Throws<ImportException>(() => TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(tmx), Now));
        var unit = Assert.Throws<ImportException>(() => TmxReader.Read("b.tmx", Encoding.UTF8.GetBytes(tu), Now));

        Assert.StartsWith("a.tmx:1: <header> srclang=\"english\" is not a valid BCP 47 language tag", header.Message, StringComparison.Ordinal);
        Assert.StartsWith("b.tmx:2: tu 1: srclang=\"francais\" is not a valid BCP 47 language tag", unit.Message, StringComparison.Ordinal);
    }

    [Theory]
    // A code that is not formatting Hexapla knows goes, with the text it wrapped kept.
    [InlineData("<bpt i=\"1\">&lt;u&gt;</bpt>under<ept i=\"1\">&lt;/u&gt;</ept> line", "under line")]
    // Spaces just inside formatting go outside it, or Markdown would show the asterisks.
    [InlineData("a<bpt i=\"1\">&lt;b&gt;</bpt> bold <ept i=\"1\">&lt;/b&gt;</ept>word", "a **bold** word")]
    // Formatting around nothing but spaces leaves nothing.
    [InlineData("a<bpt i=\"1\" type=\"bold\"/> <ept i=\"1\"/>b", "a b")]
    // Crossed pairs are no formatting.
    [InlineData("<bpt i=\"1\">&lt;b&gt;</bpt>x<bpt i=\"2\">&lt;i&gt;</bpt>y<ept i=\"1\">&lt;/b&gt;</ept>z<ept i=\"2\">&lt;/i&gt;</ept>", "xyz")]
    // A half without its other half is no formatting.
    [InlineData("<it pos=\"begin\">&lt;b&gt;</it>start only", "start only")]
    // Markdown delimiters as native code (Hexapla's own export) come back exactly.
    [InlineData("<bpt i=\"1\" type=\"bold\">__</bpt>strong<ept i=\"1\">__</ept> and <ph type=\"x-code\">`a*b`</ph>", "__strong__ and `a*b`")]
    // A ph that looks like Markdown but is not one code is dropped, never pasted in.
    [InlineData("x<ph>`a` *b* `c`</ph> y", "x y")]
    // Unsafe addresses never become links, in Markdown or HTML codes.
    [InlineData("<bpt i=\"1\">[</bpt>go<ept i=\"1\">](javascript:alert(1))</ept>", "go")]
    // Chinese has no spaces between words: a dropped placeholder leaves none.
    [InlineData("文本<ph type=\"1\"/>包含", "文本包含")]
    public void InlineCodes_AreMappedAsDocumented(string seg, string expected)
    {
        var tmx = $"""<tmx version="1.4"><header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>{seg}</seg></tuv><tuv xml:lang="fr-FR"><seg>x</seg></tuv></tu></body></tmx>""";

        var unit = Assert.Single(TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(tmx), Now));

        Assert.Equal(expected, unit.Source);
    }

    [Fact]
    public void ManyCodesInOneSegment_TakeTimeInProportion()
    {
        // Opens that never close, then closes that match nothing; and nested formatting around nothing.
        static string Tmx(string seg) =>
            $"""<tmx version="1.4"><header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>a {seg} b</seg></tuv><tuv xml:lang="fr-FR"><seg>x</seg></tuv></tu></body></tmx>""";
        static string Codes(int n, Func<int, string> code) => string.Concat(Enumerable.Range(0, n).Select(code));

        Hexapla.Tests.Fuzzing.Fuzz.GrowsLinearly(
            n => Tmx(Codes(n, i => $"<bpt i=\"o{i}\" type=\"bold\"/>") + Codes(n, i => $"<ept i=\"c{i}\"/>")),
            text => TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(text), Now), 2_000, "unmatched codes");
        Hexapla.Tests.Fuzzing.Fuzz.GrowsLinearly(
            n => Tmx(Codes(n, i => $"<bpt i=\"{i}\" type=\"bold\"/>") + Codes(n, i => $"<ept i=\"{n - 1 - i}\"/>")),
            text => TmxReader.Read("a.tmx", Encoding.UTF8.GetBytes(text), Now), 2_000, "nested empty formatting");
    }

    [Theory]
    [InlineData("2*3*4")]
    [InlineData("[note] and ![not an image]")]
    [InlineData("snake_case and _underscored_")]
    [InlineData("# not a heading")]
    [InlineData("1. not a list")]
    [InlineData("2) not a list either")]
    [InlineData("- not a bullet")]
    [InlineData("+ nor this")]
    [InlineData("> not a quote")]
    [InlineData("`not code`")]
    [InlineData("<b>not HTML</b> <https://not.an.autolink>")]
    [InlineData("~~not struck~~ H~2~O x^2^ ==not marked== ++not inserted++")]
    [InlineData("a | b | c")]
    [InlineData("&amp; &#169; &copy; & AT&T")]
    [InlineData("back\\slash \\* and \\")]
    [InlineData("see https://example.org/a_b_c?x=1&y=2 now")]
    [InlineData("*** --- ___")]
    public void PlainText_IsEscapedIntoMarkdownThatReadsBackTheSame(string text)
    {
        var markdown = TmxInline.Escape(text, atLineStart: true);

        Assert.Equal(text + "\n", TmxInline.VisibleText(markdown));
        Assert.DoesNotContain("<em>", MarkdownRenderer.ToHtml(markdown), StringComparison.Ordinal);
        Assert.DoesNotContain("<del>", MarkdownRenderer.ToHtml(markdown), StringComparison.Ordinal);
    }
}
