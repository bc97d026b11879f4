using System.Xml.Linq;
using Hexapla.Cli;
using Hexapla.Hosting;
using Hexapla.Interchange;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

public sealed class TmxCliTests : CliFolderTests
{
    private async Task<string> SamplesAsync()
    {
        var data = Path.Combine(Folder, "samples");
        // The Iraq statement, the sample in Russian and English; "About this site" (English original) has a Russian version too.
        await new Importer(await OpenAsync(data), TimeProvider.System).ImportAsync(
            TestSite.Samples(false), new ImportOptions());
        return data;
    }

    [Fact]
    public async Task ExportTmx_Samples_NineParagraphUnitsAndTheirSentences_ThenImportFillsAnotherMemory()
    {
        var data = await SamplesAsync();
        var file = Path.Combine(Folder, "out", "ru-en.tmx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        var export = await RunAsync("export", "tmx", "--source", "ru-RU", "--target", "en-GB", "--out", file, "--data", data);

        Assert.Equal(0, export.Exit);
        var tmx = XDocument.Load(file);
        Assert.Equal("1.4", (string?)tmx.Root!.Attribute("version"));
        Assert.Equal("ru-RU", (string?)tmx.Root.Element("header")!.Attribute("srclang"));
        var units = tmx.Root.Element("body")!.Elements("tu").ToList();
        string Kind(XElement tu) => tu.Elements("prop").Single(p => (string?)p.Attribute("type") == "x-unit").Value;
        var paragraphs = units.Where(u => Kind(u) == "paragraph").ToList();
        var sentences = units.Where(u => Kind(u) == "sentence").ToList();
        Assert.Equal(9, paragraphs.Count);
        Assert.Equal(SentenceUnits, sentences.Count);
        Assert.Contains($"{9} paragraph and {SentenceUnits} sentence unit(s) from 1 document(s)", export.Output, StringComparison.Ordinal);
        Assert.StartsWith("Ирак по-прежнему", paragraphs[0].Elements("tuv").First().Element("seg")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("Iraq remains in the heart", paragraphs[0].Elements("tuv").Last().Element("seg")!.Value, StringComparison.Ordinal);
        Assert.Contains(sentences, s => s.Elements("tuv").Last().Element("seg")!.Value.StartsWith("First and foremost, it applies to Turkey. It is building up", StringComparison.Ordinal));

        var other = Path.Combine(Folder, "other");
        var import = await RunAsync("import", file, "--data", other);

        Assert.Equal(0, import.Exit);
        Assert.Contains($"{units.Count} added", import.Output, StringComparison.Ordinal);
        Assert.Equal(units.Count, await (await OpenAsync(other)).CountAsync());
        var again = await RunAsync("import", file, "--data", other);
        Assert.Contains($"0 added to the translation memory, {units.Count} already there", again.Output, StringComparison.Ordinal);
    }

    // Counted from the samples: the sentence groups of their multi-sentence paragraphs (three per paragraph mostly; paragraph 3 gives 1–1 and 2–1).
    private const int SentenceUnits = 25;

    [Fact]
    public async Task ImportTmx_WithAnEntity_IsRefused_AndTheMemoryStaysEmpty()
    {
        var file = Path.Combine(Folder, "evil.tmx");
        await File.WriteAllTextAsync(file, """<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><tmx version="1.4"><header srclang="en-GB"/><body><tu><tuv xml:lang="en-GB"><seg>&b;</seg></tuv><tuv xml:lang="fr-FR"><seg>x</seg></tuv></tu></body></tmx>""");
        var data = Path.Combine(Folder, "data");

        var result = await RunAsync("import", file, "--data", data);

        Assert.Equal(1, result.Exit);
        Assert.Contains("nothing was imported", result.Error, StringComparison.Ordinal);
        Assert.Contains("evil.tmx", result.Error, StringComparison.Ordinal);
        Assert.Contains("DTD", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, SqliteContentStore.FileName)) && await (await OpenAsync(data)).CountAsync() > 0);
    }

    [Fact]
    public async Task ImportTmx_OmegaTMemoryWithItsDoctype_IsRead_CodesDroppedAndWordsKeptApart()
    {
        // Shaped like OmegaT's level 2 export: the LISA DTD named, never loaded; tags as bpt/ept/ph.
        var file = Path.Combine(Folder, "project-level2.tmx");
        await File.WriteAllTextAsync(file, """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE tmx SYSTEM "tmx14.dtd">
            <tmx version="1.4">
              <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="6.0.1" segtype="sentence" srclang="en-GB"/>
              <body>
                <tu tuid="p1">
                  <tuv xml:lang="en-GB">
                    <seg>Please <bpt i="0" x="0">&lt;b0&gt;</bpt>see<ept i="0">&lt;/b0&gt;</ept> <bpt i="1" x="1">&lt;a1&gt;</bpt>the MFA website<ept i="1">&lt;/a1&gt;</ept>.</seg>
                  </tuv>
                  <tuv xml:lang="ru-RU">
                    <seg>См. <bpt i="1" x="1">&lt;a1&gt;</bpt>сайт МИД<ept i="1">&lt;/a1&gt;</ept>.</seg>
                  </tuv>
                </tu>
              </body>
            </tmx>
            """);
        var data = Path.Combine(Folder, "data");

        var result = await RunAsync("import", file, "--data", data);

        Assert.Equal(0, result.Exit);
        Assert.Contains("1 added to the translation memory", result.Output, StringComparison.Ordinal);
        var match = Assert.Single(await (await OpenAsync(data)).FindMatchesAsync(
            Hexapla.Languages.LanguageTag.Parse("en-GB"), Hexapla.Languages.LanguageTag.Parse("ru-RU"), "Please see the MFA website.", max: 1));
        Assert.Equal("См. сайт МИД.", match.Unit.Target);
    }

    [Fact]
    public async Task ImportTmx_InvalidFiles_EachProblemOnItsOwnLine_NamingFileLineAndUnit_AndNothingIsStored()
    {
        var noSource = Path.Combine(Folder, "no-source.tmx");
        await File.WriteAllTextAsync(noSource, """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4">
              <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
              <body/>
            </tmx>
            """);
        var foreign = Path.Combine(Folder, "foreign.tmx");
        await File.WriteAllTextAsync(foreign, """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4b">
              <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-GB" datatype="html"/>
              <body>
                <tu><tuv xml:lang="en-GB"><seg>Press <b>OK</b>.</seg></tuv><tuv xml:lang="fr-FR"><seg>Appuyez sur OK.</seg></tuv></tu>
                <tu><tuv xml:lang="en-GB"><seg>Peace</seg></tuv><tuv xml:lang="english"><seg>Peace</seg></tuv></tu>
              </body>
            </tmx>
            """);
        var data = Path.Combine(Folder, "data");

        var result = await RunAsync("import", noSource, foreign, "--data", data);

        Assert.Equal(1, result.Exit);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("hexapla import: nothing was imported (3 problems):", lines[0]);
        Assert.StartsWith($"{noSource}:3: <header> has no srclang", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{foreign}:5: tu 1: the en-GB <seg> holds <b>, which TMX does not allow there", lines[2], StringComparison.Ordinal);
        Assert.StartsWith($"{foreign}:6: tu 2: <tuv> xml:lang=\"english\" is not a valid BCP 47 language tag", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.False(File.Exists(Path.Combine(data, SqliteContentStore.FileName)) && await (await OpenAsync(data)).CountAsync() > 0);
    }

    [Fact]
    public async Task ExportTmx_BadLanguage_FailsWithOneLine()
    {
        var result = await RunAsync("export", "tmx", "--source", "xx-!!", "--target", "en-GB", "--out", Path.Combine(Folder, "a.tmx"), "--data", Path.Combine(Folder, "d"));

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("hexapla export tmx: --source:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportTmx_IntoAMissingFolder_FailsWithOneLine()
    {
        var result = await RunAsync("export", "tmx", "--source", "ru-RU", "--target", "en-GB", "--out", Path.Combine(Folder, "no", "such", "a.tmx"), "--data", Path.Combine(Folder, "d"));

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("hexapla export tmx: ", result.Error, StringComparison.Ordinal);
    }
}
