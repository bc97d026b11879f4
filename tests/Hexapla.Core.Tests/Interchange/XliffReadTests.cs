using System.Text;
using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// XLIFF 2.0 files as CAT tools send them back (fixtures in <c>Fixtures/XliffRead</c>, each shaped like one tool's
/// output for the same short statement): what is taken, what is left, what is refused and how it is said.
/// </summary>
public sealed class XliffReadTests : NewsroomTestBase
{
    private const string Slug = "statement";
    private const string Title = "Minister meets delegation";
    private const string Body = """
        # Press statement

        The minister met the delegation. Talks will continue on Monday.

        The agenda covers **trade** and energy.

        Questions to the press office.

        """;

    private static readonly XNamespace X = XliffWriter.Ns;
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag DeDe = LanguageTag.Parse("de-DE");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);

    private const string Full = """
        # Pressemitteilung

        Der Minister traf die Delegation. Die Gespräche werden am Montag fortgesetzt.

        Die Tagesordnung umfasst **Handel** und Energie.

        Fragen an die Pressestelle.

        """;

    protected override async Task SetUpAsync() =>
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument(Slug, EnGb, Title, Body));

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "XliffRead", name);

    private static XliffDocument ReadFixture(string name)
    {
        using var stream = File.OpenRead(FixturePath(name));
        return XliffReader.Read(stream, name);
    }

    private static XliffDocument Read(string xml, string name = "test.xlf") =>
        XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), name);

    private async Task<LanguageVersion?> GermanAsync() => (await Store.FindDocumentAsync(Slug))!.Version(DeDe);

    [Fact]
    public async Task Export_MatchesTheFixturesSources()
    {
        // The fixtures are edited copies of this export: same units, same sources.
        var xml = XliffWriter.Write((await Store.FindDocumentAsync(Slug))!, DeDe);

        Assert.Equal(["title", "s1", "s2", "s3", "s4"], xml.Descendants(X + "unit").Select(u => (string)u.Attribute("id")!));
        var parsed = ReadFixture("trados.xlf");
        var exported = xml.Descendants(X + "unit").Select(u => u.Descendants(X + "source").Single().Value);
        Assert.Equal(exported.Skip(1).First(), parsed.Units[1].Source);
    }

    [Fact]
    public async Task Trados_SegmentSplitWithIgnorable_IsJoinedInOrder_AndEveryUnitTaken()
    {
        var parsed = ReadFixture("trados.xlf");

        Assert.Equal("The minister met the delegation. Talks will continue on Monday.", parsed.Units[2].Source);
        Assert.Equal("Der Minister traf die Delegation. Die Gespräche werden am Montag fortgesetzt.", parsed.Units[2].Target);
        Assert.Equal(XliffState.Translated, parsed.Units[2].State);
        Assert.Equal(XliffState.Reviewed, parsed.Units[0].State);
        Assert.Empty(parsed.Left);

        var saved = await Newsroom.ImportXliffAsync(Editor, parsed);

        Assert.Equal(("Minister trifft Delegation", Full, VersionState.Draft), (saved.Title, saved.Body, saved.State));
    }

    [Fact]
    public async Task MemoQ_ModulesAndSubState_AreFine_PretranslatedInitialUnitIsLeft()
    {
        var parsed = ReadFixture("memoq.xlf");

        Assert.Equal(["title", "s1", "s2", "s3"], parsed.Taken.Select(u => u.Id));
        var left = Assert.Single(parsed.Left);
        Assert.Equal(("s4", XliffState.Initial, null), (left.Id, left.State, left.Target));

        var saved = await Newsroom.ImportXliffAsync(Editor, parsed);

        Assert.DoesNotContain("Pressestelle", saved.Body, StringComparison.Ordinal);
        Assert.Equal(Full[..Full.IndexOf("\n\nFragen", StringComparison.Ordinal)] + "\n", saved.Body);
    }

    [Fact]
    public async Task Phrase_PrefilledCopyOfSourceInInitial_NeverBecomesTheTranslation()
    {
        var parsed = ReadFixture("phrase.xlf");

        Assert.Equal(["title", "s1", "s2"], parsed.Taken.Select(u => u.Id));
        Assert.Equal([("s3", XliffState.Initial), ("s4", XliffState.NoTarget)], parsed.Left.Select(u => (u.Id, u.State)));
        Assert.Equal("unit s3 still initial; unit s4 without a target", XliffReader.Describe(parsed.Left));

        var saved = await Newsroom.ImportXliffAsync(Editor, parsed);

        // The English prefill of s3 is not in the German version.
        Assert.DoesNotContain("agenda", saved.Body, StringComparison.Ordinal);
        Assert.Equal("# Pressemitteilung\n\nDer Minister traf die Delegation. Die Gespräche werden am Montag fortgesetzt.\n", saved.Body);
    }

    [Fact]
    public async Task OmegaT_FirstTranslation_StatesLeftInitial_IsRefusedSayingNothingIsTaken_NothingWritten()
    {
        // OmegaT's XLIFF 2 filter writes targets but keeps each segment's state as it found it (initial on export).
        var parsed = ReadFixture("omegat-first.xlf");
        Assert.Empty(parsed.Taken);

        var e = await Assert.ThrowsAsync<ImportException>(() => Newsroom.ImportXliffAsync(Editor, parsed));

        var error = Assert.Single(e.Errors);
        Assert.Equal(
            "omegat-first.xlf: no unit has a target marked translated, reviewed or final, so there is nothing to import (units title, s1, s2 still initial); confirm the finished segments in your CAT tool (that sets their state) and save the file again",
            error.ToString());
        Assert.Null(await GermanAsync());
    }

    [Fact]
    public async Task OmegaT_Update_TakesTranslatedUnits_LeavesInitialOnesAsTheyWere()
    {
        // A German version with a title and a heading, then a file where those two were edited (still translated) and
        // three more were typed into segments OmegaT left initial.
        var first = ReadFixture("trados.xlf");
        await Newsroom.ImportXliffAsync(Editor, first with { Units = [.. first.Units.Take(2)] });
        var parsed = ReadFixture("omegat-update.xlf");

        var saved = await Newsroom.ImportXliffAsync(Editor, parsed);

        Assert.Equal(["title", "s1"], parsed.Taken.Select(u => u.Id));
        Assert.Equal(["s2", "s3", "s4"], parsed.Left.Select(u => u.Id));
        Assert.Equal(("Der Minister empfängt eine Delegation", "# Presseerklärung\n", 2), (saved.Title, saved.Body, saved.Revision));
    }

    [Fact]
    public void Invalid_EveryProblemOnItsLine_InWordsATranslatorCanActOn()
    {
        var e = Assert.Throws<ImportException>(() => ReadFixture("invalid.xlf"));

        Assert.Equal(
            string.Join('\n',
            [
                "invalid.xlf:5: unit title: <segment> has state=\"done\", which XLIFF 2.0 does not allow; use one of: initial, translated, reviewed, final",
                "invalid.xlf:11: unit s1: <comment> is not an element of XLIFF 2.0; remove it",
                "invalid.xlf:17: unit s2: <unit> has an attribute priority=\"high\" that XLIFF 2.0 does not define; remove it (a tool's own data belongs in its own namespace)",
                "invalid.xlf:29: unit s3: <pc> has no id, which XLIFF 2.0 requires of every inline code and marker; keep the codes as they were exported (undo the edit that removed the id, or copy the code from <source>)",
                "invalid.xlf:35: unit s4: <target> xml:lang=\"fr-FR\" differs from the file's trgLang=\"de-DE\"; text in fr-FR cannot be stored as the de-DE version: translate into de-DE, or export a file for fr-FR",
                "invalid.xlf:38: the id \"s4\" is used by more than one <unit> or <group> in the <file>; ids must be unique (was a unit copied?)",
            ]),
            string.Join('\n', e.Errors.Select(p => p.ToString())));
        Assert.DoesNotContain(e.Errors, p => p.Reason.Contains("The element", StringComparison.Ordinal) || p.Reason.Contains("is not declared", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<segment state=\"translated\"><source>a</source><target>b</target></segment>", " trgLang=\"de-DE\"", "")]
    [InlineData("<segment state=\"translated\"><source>a</source><target>b</target></segment>", "", "<xliff> has no trgLang, so the language of the translation is unknown; export the file from Hexapla for the language you translate into")]
    [InlineData("<segment><target>b</target><source>a</source></segment>", " trgLang=\"de-DE\"", "unit u: <target> may not stand here inside <segment>; XLIFF 2.0 expects <source> at this place")]
    [InlineData("<segment state=\"translated\" x:check=\"1\" xmlns:x=\"urn:example\"><source>a</source><target>b</target></segment>", " trgLang=\"de-DE\"", "unit u: <segment> may not carry x:check=\"1\" (namespace urn:example): XLIFF 2.0 allows no attributes of other namespaces on <segment>; remove it")]
    [InlineData("<segment id=\"1\" state=\"translated\"><source>a</source><target>b</target></segment><segment id=\"1\" state=\"translated\"><source>c</source><target>d</target></segment>", " trgLang=\"de-DE\"", "unit u: two <segment>/<ignorable> elements have the id \"1\"; ids must be unique in a unit")]
    [InlineData("<originalData><data id=\"d1\">`x`</data></originalData><segment state=\"translated\"><source><ph id=\"1\" dataRef=\"d1\"/> <ph id=\"1\" dataRef=\"d1\"/></source><target>b</target></segment>", " trgLang=\"de-DE\"", "unit u: in <source>, two inline codes have the id \"1\"; each code needs its own id (keep the codes as exported)")]
    [InlineData("<segment state=\"translated\"><source xml:lang=\"en\">a</source><target>b</target></segment>", " trgLang=\"de-DE\"", "unit u: <source> xml:lang=\"en\" differs from the file's srcLang=\"en-GB\"; a source says what it was translated from, so both must be the same")]
    [InlineData("<segment state=\"translated\"><source>a</source><target>b</target></segment></unit><unit id=\"u\"><segment><source>a</source></segment>", " trgLang=\"de-DE\"", "the id \"u\" is used by more than one <unit> or <group> in the <file>; ids must be unique (was a unit copied?)")]
    [InlineData("<segment state=\"translated\"><source>a</source><target>b</target></segment>", " trgLang=\"de-DE\" srcLang=\"\"", "srcLang=\"\" is not a valid BCP 47 language tag: ")]
    public void Read_SchemaAndWhatItCannotSay(string unit, string trgLang, string expected)
    {
        var xml = $"""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"{(trgLang.Contains("srcLang", StringComparison.Ordinal) ? "" : " srcLang=\"en-GB\"")}{trgLang}><file id="f"><unit id="u">{unit}</unit></file></xliff>""";

        if (expected.Length == 0)
        {
            Assert.Equal("b", Assert.Single(Read(xml).Units).Target);
            return;
        }

        var e = Assert.Throws<ImportException>(() => Read(xml));
        Assert.StartsWith(expected, Assert.Single(e.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoSrcLangNorVersion_EachSaidOnce()
    {
        var e = Assert.Throws<ImportException>(() => Read("""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" trgLang="de-DE"><file id="f"><unit id="u"><segment state="translated"><source>a</source><target>b</target></segment></unit></file></xliff>"""));

        Assert.Equal(
            ["<xliff> has no version, which XLIFF 2.0 requires; add it (or export the file again)", "<xliff> has no srcLang, which XLIFF 2.0 requires; add it (or export the file again)"],
            e.Errors.Select(p => p.Reason).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void Read_TargetsInAnotherOrder_AreJoinedByTheirOrderAttribute_AndAMissingOneLeavesTheUnit()
    {
        const string unit = """
            <segment id="a" state="translated"><source>First. </source><target order="3">Zweitens. </target></segment>
            <segment id="b" state="translated"><source>Second.</source><target order="1">Erstens </target></segment>
            """;
        string Xliff(string content) => $"""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB" trgLang="de-DE"><file id="f"><unit id="u">{content}</unit></file></xliff>""";

        var read = Assert.Single(Read(Xliff(unit)).Units);
        Assert.Equal(("First. Second.", "Erstens Zweitens."), (read.Source, read.Target));

        var partly = Assert.Single(Read(Xliff(unit.Replace("<target order=\"1\">Erstens </target>", "", StringComparison.Ordinal))).Units);
        Assert.Equal((XliffState.NoTarget, null), (partly.State, partly.Target));
        var initial = Assert.Single(Read(Xliff(unit.Replace("id=\"b\" state=\"translated\"", "id=\"b\"", StringComparison.Ordinal))).Units);
        Assert.Equal((XliffState.Initial, null), (initial.State, initial.Target));
    }

    [Fact]
    public async Task Export_ValidatesAgainstTheCoreSchema()
    {
        var second = ReadFixture("trados.xlf");
        await Newsroom.ImportXliffAsync(Editor, second);
        var xml = XDocument.Parse(Encoding.UTF8.GetString(XliffWriter.ToBytes(XliffWriter.Write((await Store.FindDocumentAsync(Slug))!, DeDe))), LoadOptions.SetLineInfo);
        var problems = new List<string>();

        XliffSchema.Validate(xml, (_, reason) => problems.Add(reason));

        Assert.Empty(problems);
    }
}
