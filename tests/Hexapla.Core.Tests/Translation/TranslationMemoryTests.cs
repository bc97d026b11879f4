using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Interchange.Tmx;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Translation;

public sealed class TranslationMemoryTests : IAsyncLifetime, IDisposable
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);
    private const string Slug = "razvitie-situacii-v-irake";

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private SqliteContentStore _store = null!;

    public async Task InitializeAsync() => _store = await _folder.OpenStoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    private static MemoryUnit Unit(string source, string target, string origin = "test", DateTimeOffset? at = null) =>
        new(EnGb, FrFr, source, target, origin, at ?? Start);

    private async Task<Document> ImportSeedAsync()
    {
        var files = new[] { Fixtures.EnglishSeed, Fixtures.RussianSeed }
            .Select(name => new ImportFile(name, Fixtures.ScrapedText(name))).ToList();
        await new Importer(_store, _clock).ImportAsync(files, new ImportOptions { Original = RuRu });
        return (await _store.FindDocumentAsync(Slug))!;
    }

    [Fact]
    public async Task Add_DuplicatePairs_AreKeptOnce_WithTheFirstOrigin()
    {
        Assert.Equal(2, await _store.AddAsync([Unit("The talks resume.", "Les pourparlers reprennent.", "document a r1"), Unit("Hello.", "Bonjour.")]));
        Assert.Equal(0, await _store.AddAsync([Unit("The talks resume.", "Les pourparlers reprennent.", "tmx b.tmx")]));

        Assert.Equal(2, await _store.CountAsync());
        Assert.Equal(2, await _store.CountAsync(EnGb, FrFr));
        Assert.Equal(0, await _store.CountAsync(FrFr, EnGb));
        var match = Assert.Single(await _store.FindMatchesAsync(EnGb, FrFr, "The talks resume."));
        Assert.Equal("document a r1", match.Unit.Origin);
        Assert.Equal(Start, match.Unit.CreatedAt);
    }

    [Fact]
    public async Task FindMatches_ExactFirst_FuzzyAfter_UnrelatedLeftOut()
    {
        await _store.AddAsync([
            Unit("The negotiators met in Geneva on Monday morning.", "Les négociateurs se sont réunis à Genève lundi matin."),
            Unit("The negotiators met in Vienna on Monday morning.", "Les négociateurs se sont réunis à Vienne lundi matin."),
            Unit("Bread prices rose sharply across the country last winter.", "Le prix du pain a fortement augmenté."),
        ]);

        var matches = await _store.FindMatchesAsync(EnGb, FrFr, "The negotiators met in Vienna on Monday morning.");

        Assert.Equal(2, matches.Count);
        Assert.Equal(1.0, matches[0].Score);
        Assert.Equal("Les négociateurs se sont réunis à Vienne lundi matin.", matches[0].Unit.Target);
        Assert.InRange(matches[1].Score, 0.7, 0.99);
        Assert.Contains("Genève", matches[1].Unit.Target, StringComparison.Ordinal);
        Assert.Empty(await _store.FindMatchesAsync(EnGb, FrFr, "Bread and circuses kept the crowd quiet for a while."));
        Assert.Empty(await _store.FindMatchesAsync(EnGb, RuRu, "The negotiators met in Vienna on Monday morning."));
    }

    [Fact]
    public async Task Import_PublishedSeed_FeedsNineParagraphPairsAndSentencePairs()
    {
        var document = await ImportSeedAsync();

        var pairs = SegmentPairs.Of(document, EnGb);
        Assert.Equal(9, pairs.Count(p => p.Unit == PairUnit.Paragraph));
        Assert.Contains(pairs, p => p.Unit == PairUnit.Sentence && p.Source.StartsWith("В первую очередь", StringComparison.Ordinal)
            && p.Target.StartsWith("First and foremost, it applies to Turkey. It is building up", StringComparison.Ordinal));
        Assert.Equal(pairs.Count, await _store.CountAsync(RuRu, EnGb));
        var origin = (await _store.FindMatchesAsync(RuRu, EnGb, pairs[0].Source))[0].Unit.Origin;
        Assert.Equal($"document {Slug} r1", origin);
    }

    [Fact]
    public async Task Approve_Translation_FeedsTheMemory_DraftsDoNot()
    {
        using var index = LuceneSearchIndex.Open(_folder.Combine("index"));
        var newsroom = new Newsroom(_store, index, _clock);
        await newsroom.CreateDocumentAsync(Editor, new NewDocument("talks", EnGb, "Talks", "The talks resume in Geneva. Both sides attend.\n\nNothing else was said."));
        await newsroom.PublishReviewedAsync(Editor, "talks", EnGb);
        await newsroom.SaveVersionAsync(Editor, "talks", FrFr, new VersionEdit("Pourparlers", "Les pourparlers reprennent à Genève. Les deux camps sont là.\n\nRien d'autre n'a été dit."), null);
        await newsroom.SubmitAsync(Editor, "talks", FrFr);
        Assert.Equal(0, await _store.CountAsync(EnGb, FrFr));

        await newsroom.ApproveAsync(Review.SecondReader, "talks", FrFr);

        // Two paragraphs, and the two sentences of the first.
        Assert.Equal(4, await _store.CountAsync(EnGb, FrFr));
        var exact = Assert.Single(await _store.FindMatchesAsync(EnGb, FrFr, "Both sides attend.", max: 1));
        Assert.Equal("Les deux camps sont là.", exact.Unit.Target);
        Assert.Equal("document talks r1", exact.Unit.Origin);
    }

    [Fact]
    public async Task Tmx_ExportOfTheSeed_IsTmx14_WithNineParagraphUnits_AndImportsBack()
    {
        var document = await ImportSeedAsync();
        using var stream = new MemoryStream();

        var report = await TmxExport.WriteAsync(_store, RuRu, EnGb, stream, Start.AddDays(1));

        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Empty(Hexapla.Tests.Interchange.TmxWriteTests.DtdProblems(System.Text.Encoding.UTF8.GetString(stream.ToArray())));
        Assert.Equal("1.4", (string?)xml.Root!.Attribute("version"));
        var header = xml.Root.Element("header")!;
        Assert.Equal("ru-RU", (string?)header.Attribute("srclang"));
        Assert.Equal("hexapla", (string?)header.Attribute("o-tmf"));
        // The native code inside inline codes is Markdown.
        Assert.Equal("x-markdown", (string?)header.Attribute("datatype"));
        Assert.Equal("Hexapla", (string?)header.Attribute("creationtool"));
        var units = xml.Root.Element("body")!.Elements("tu").ToList();
        var paragraphs = units.Where(u => u.Elements("prop").Any(p => (string?)p.Attribute("type") == "x-unit" && p.Value == "paragraph")).ToList();
        Assert.Equal(9, paragraphs.Count);
        Assert.Equal(9, report.Paragraphs);
        Assert.Equal(units.Count - 9, report.Sentences);
        Assert.True(report.Sentences > 0);
        Assert.All(units, u => Assert.Equal(Slug, u.Elements("prop").Single(p => (string?)p.Attribute("type") == "x-document").Value));
        var pairs = SegmentPairs.Of(document, EnGb).Where(p => p.Unit == PairUnit.Paragraph).ToList();
        for (var i = 0; i < 9; i++)
        {
            var variants = paragraphs[i].Elements("tuv").ToList();
            Assert.Equal("ru-RU", (string?)variants[0].Attribute(XNamespace.Xml + "lang"));
            Assert.Equal(pairs[i].Source, variants[0].Element("seg")!.Value);
            Assert.Equal("en-GB", (string?)variants[1].Attribute(XNamespace.Xml + "lang"));
            Assert.Equal(pairs[i].Target, variants[1].Element("seg")!.Value);
        }

        // Into an empty memory, the file gives back every pair.
        using var other = new TempFolder();
        var memory = await other.OpenStoreAsync();
        var read = TmxReader.Read("seed.tmx", stream.ToArray(), Start);
        Assert.Equal(units.Count, await memory.AddAsync(read));
        Assert.All(read, u => Assert.Equal("tmx seed.tmx", u.Origin));
    }

    [Fact]
    public void TmxReader_ReadsVariants_MapsInlineCodes_AndAcceptsOldLang()
    {
        const string tmx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-GB" datatype="plaintext"/>
            <body>
            <tu><tuv xml:lang="en-GB"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept> now.</seg></tuv><tuv xml:lang="fr-FR"><seg>Appuyez sur <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>
            <tu><tuv lang="EN-GB"><seg>Yes &amp; no</seg></tuv><tuv lang="ru-RU"><seg>Да и нет</seg></tuv><tuv xml:lang="fr-FR"><seg>Oui et non</seg></tuv></tu>
            </body></tmx>
            """;

        var units = TmxReader.Read("a.tmx", System.Text.Encoding.UTF8.GetBytes(tmx), Start);

        Assert.Equal(3, units.Count);
        // <b> … </b> as native code is formatting Hexapla knows: bold again, in Markdown.
        Assert.Equal(("Press **OK** now.", "Appuyez sur **OK**."), (units[0].Source, units[0].Target));
        Assert.Equal(("Yes & no", "ru-RU"), (units[1].Source, units[1].TargetLanguage.Value));
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x "boom">]><tmx version="1.4"><header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>&x;</seg></tuv><tuv xml:lang="fr-FR"><seg>b</seg></tuv></tu></body></tmx>""", "DTD")]
    // An external DTD is skipped, never read: an entity it would declare is unknown.
    [InlineData("""<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "file:///etc/passwd"><tmx version="1.4"><header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>&root;</seg></tuv></tu></body></tmx>""", "not one of XML's five")]
    [InlineData("""<tmx version="1.4"><header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>a</seg></tuv>""", "not well-formed")]
    [InlineData("<tmx version=\"1.4\"><header srclang=\"en-GB\"/><body><tu><tuv xml:lang=\"en-GB\"><seg>a</seg></tuv><tuv xml:lang=\"fr-FR\"><seg>b</seg></tuv></tu>\n<tu><tuv xml:lang=\"no such language!\"><seg>a</seg></tuv></tu></body></tmx>", "a.tmx:2: tu 2:")]
    public async Task TmxReader_HostileOrBrokenFiles_AreRefused_AndNothingIsWritten(string tmx, string expected)
    {
        var e = Assert.Throws<ImportException>(() => TmxReader.Read("a.tmx", System.Text.Encoding.UTF8.GetBytes(tmx), Start));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("a.tmx", e.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await _store.CountAsync());
    }

    [Fact]
    public void TmxWriter_EscapesText()
    {
        using var stream = new MemoryStream();
        TmxWriter.Write(stream, EnGb, FrFr, [new TmxDocument("x", [new SegmentPair("<b> & \"c\"", "</tmx>", PairUnit.Paragraph)])], Start);

        var seg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray())).Descendants("seg").ToList();
        Assert.Equal("<b> & \"c\"", seg[0].Value);
        Assert.Equal("</tmx>", seg[1].Value);
    }

    // Found by fuzzing: loading an XML tree takes time that grows with the square of its depth.
    [Fact]
    public void TmxReader_ElementsNestedTooDeep_AreRefusedNamingTheLine()
    {
        var nested = string.Concat(Enumerable.Repeat("<hi>", 100)) + "x" + string.Concat(Enumerable.Repeat("</hi>", 100));
        var tmx = $"<tmx version=\"1.4\"><header srclang=\"en-GB\"/><body>\n<tu><tuv xml:lang=\"en-GB\"><seg>{nested}</seg></tuv><tuv xml:lang=\"fr-FR\"><seg>b</seg></tuv></tu></body></tmx>";

        var e = Assert.Throws<ImportException>(() => TmxReader.Read("deep.tmx", System.Text.Encoding.UTF8.GetBytes(tmx), Start));

        Assert.Equal(("deep.tmx", 2), (e.Errors[0].File, e.Errors[0].Line));
        Assert.Contains("nested more than 100 deep", e.Message, StringComparison.Ordinal);
    }

    // Found by fuzzing: each unit without variants searched every earlier error (quadratic in bad units).
    [Fact]
    public void TmxReader_SeveralUnitsWithoutVariants_EachGetOneError()
    {
        const string tmx = """<tmx version="1.4"><header srclang="en-GB"/><body><tu/><tu><tuv/></tu><tu/></body></tmx>""";

        var e = Assert.Throws<ImportException>(() => TmxReader.Read("a.tmx", System.Text.Encoding.UTF8.GetBytes(tmx), Start));

        Assert.Equal(["tu 1: has no <tuv>", "tu 2: <tuv> has no xml:lang", "tu 3: has no <tuv>"], e.Errors.Select(x => x.Reason));
    }
}
