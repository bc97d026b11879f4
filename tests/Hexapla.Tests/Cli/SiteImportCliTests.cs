using Hexapla.Languages;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

/// <summary><c>hexapla import</c> taking files by what they are, recognising site layouts and saying what it skipped.</summary>
public sealed class SiteImportCliTests : CliFolderTests
{
    private string Data => Path.Combine(Folder, "data");

    private string Write(string relative, string text)
    {
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Import_FolderOfReadmes_SaysWhatWasSkippedAndWhy()
    {
        Write("repo/README.md", "# Project\n\nAbout the project.\n");
        Write("repo/docs/README.md", "# Docs\n\nAbout the docs.\n");
        Write("repo/tools/Readme.markdown", "# Tools\n\nAbout the tools.\n");

        var result = await RunAsync("import", Path.Combine(Folder, "repo"), "--data", Data);

        Assert.Equal(1, result.Exit);
        Assert.DoesNotContain("no .txt, .md or .markdown files found", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing to import", result.Error, StringComparison.Ordinal);
        Assert.Contains("3 × READMEs", result.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("docs", "README.md"), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FilesThatAreNoDocuments_EachRefusedWithItsKindAndNothingStored()
    {
        var po = Write("in/sample.ru.po", "msgid \"Home\"\nmsgstr \"Главная\"\n");
        var package = Write("in/package.json", "{\n  \"name\": \"site\"\n}\n");
        var locale = Write("in/ru.yaml", "ru:\n  home: Главная\n");
        var good = Write("in/note.en-GB.md", "# Note\n\nA short English note about the weather.\n");

        var result = await RunAsync("import", po, package, locale, good, "--data", Data);

        Assert.Equal(1, result.Exit);
        Assert.Contains("nothing was imported (3 problems)", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{po}: a gettext catalogue, not a document", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{package}: an npm package manifest, not a document", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{locale}: a YAML file", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Data, Storage.Sqlite.SqliteContentStore.FileName)) && await (await OpenAsync(Data)).CountDocumentsAsync() > 0);
    }

    [Fact]
    public async Task Import_HugoSiteWithAFolderPerLanguage_PairsAndReportsLayoutAndSkipped()
    {
        Write("site/hugo.toml", "defaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \"content/en\"\nlanguageCode = \"en-GB\"\n[languages.ru]\ncontentDir = \"content/ru\"\nlanguageCode = \"ru-RU\"\n");
        Write("site/content/en/news/visit.md", "---\ntitle: The visit\n---\n\nThe minister visits the capital.\n");
        Write("site/content/ru/news/visit.md", "---\ntitle: Визит\n---\n\nМинистр посещает столицу.\n");
        Write("site/content/en/news/_index.md", "---\ntitle: News\n---\n");
        Write("site/layouts/index.html", "<html></html>\n");

        var result = await RunAsync("import", Path.Combine(Folder, "site"), "--data", Data);

        Assert.Equal(0, result.Exit);
        Assert.Contains("documents 1 created", result.Output, StringComparison.Ordinal);
        Assert.Contains("Site layout:", result.Output, StringComparison.Ordinal);
        Assert.Contains("Hugo, hugo.toml", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 × files starting with _", result.Output, StringComparison.Ordinal);
        var document = (await (await OpenAsync(Data)).FindDocumentAsync("visit"))!;
        Assert.Equal([LanguageTag.Parse("en-GB"), LanguageTag.Parse("ru-RU")], document.Versions.Select(v => v.Language));
    }

    [Fact]
    public async Task Import_XliffWithDocuments_RefusedAsOnItsOwn()
    {
        var xliff = Write("in/back.xml", "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ru-RU\" trgLang=\"en-GB\"><file id=\"f\"/></xliff>\n");
        var note = Write("in/note.en-GB.md", "# Note\n\nText.\n");

        var result = await RunAsync("import", xliff, note, "--data", Data);

        Assert.Equal(1, result.Exit);
        Assert.Contains("XLIFF files", result.Error, StringComparison.Ordinal);
        Assert.Contains("on their own", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TmxWithDocuments_RefusedNamingTheMemoryImport()
    {
        var tmx = Write("in/memory.xml", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\"/><body/></tmx>\n");
        var note = Write("in/note.en-GB.md", "# Note\n\nText.\n");

        var result = await RunAsync("import", tmx, note, "--data", Data);

        Assert.Equal(1, result.Exit);
        Assert.Contains("TMX files", result.Error, StringComparison.Ordinal);
        Assert.Contains("translation memory", result.Error, StringComparison.Ordinal);
    }
}
