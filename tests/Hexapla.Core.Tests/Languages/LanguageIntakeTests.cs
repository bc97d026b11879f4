using System.Text;
using Hexapla.Interchange;
using Hexapla.Interchange.Markdown;
using Hexapla.Interchange.Tmx;
using Hexapla.Interchange.Xliff;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Languages;

/// <summary>Every file format that names a language takes only registered tags, and says what was probably meant.</summary>
public sealed class LanguageIntakeTests : IDisposable
{
    private const string GermanRefusal = "\"german\" is not a valid BCP 47 language tag: \"german\" is not a registered language subtag. Did you mean \"de\" (German)?";

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Xliff(string srcLang, string trgLang, string sourceLang = "", string targetLang = "") => $"""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="{srcLang}" trgLang="{trgLang}">
          <file id="statement">
            <unit id="u1">
              <segment>
                <source{sourceLang}>Мир</source>
                <target{targetLang}>Peace</target>
              </segment>
            </unit>
          </file>
        </xliff>
        """;

    private static XliffDocument ReadXliff(string xml) => XliffReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "statement.xlf");

    [Theory]
    [InlineData("statement.draft.md")]
    [InlineData("statement.german.md")]
    [InlineData("statement.final.md")]
    [InlineData("report.v2.md")]
    public void BundleName_PartThatIsNoRegisteredLanguage_IsNotABundleName(string name)
    {
        Assert.Equal((null, null), Importer.BundleName(name));
    }

    [Theory]
    [InlineData("statement.en-GB.md", "en-GB")]
    [InlineData("statement.en_gb.md", "en-GB")]
    [InlineData("statement.ru.txt", "ru")]
    [InlineData("statement.zh-Hans.md", "zh-Hans")]
    public void BundleName_RegisteredLanguage_IsABundleName(string name, string language)
    {
        var (slug, tag) = Importer.BundleName(name);

        Assert.Equal("statement", slug);
        Assert.Equal(language, tag?.Value);
    }

    [Fact]
    public async Task Import_DottedFileName_LanguageFromFrontMatterNotFromTheName()
    {
        var store = await _folder.OpenStoreAsync();
        var file = new ImportFile("statement.draft.md", Encoding.UTF8.GetBytes("---\ntitle: A statement\nlang: en-GB\n---\nThe text.\n"));

        var report = await new Importer(store, TimeProvider.System).ImportAsync([file], new ImportOptions());

        var document = await store.FindDocumentAsync(Assert.Single(report.Slugs));
        Assert.Equal(["en-GB"], document!.Versions.Select(v => v.Language.Value));
    }

    [Theory]
    [InlineData("lang: english", "\"english\" is not a valid BCP 47 language tag: \"english\" is not a registered language subtag. Did you mean \"en\" (English)?")]
    [InlineData("lang: german", GermanRefusal)]
    [InlineData("language: zz-ZZ", "\"zz-ZZ\" is not a valid BCP 47 language tag: \"zz\" is not a registered language subtag.")]
    public async Task FrontMatter_UnregisteredLanguage_RefusedWithLineAndSuggestion_StoreUnchanged(string field, string reason)
    {
        var store = await _folder.OpenStoreAsync();
        var file = new ImportFile("post.md", Encoding.UTF8.GetBytes($"---\ntitle: A statement\n{field}\n---\nThe text.\n"));

        var e = await Assert.ThrowsAsync<ImportException>(() => new Importer(store, TimeProvider.System).ImportAsync([file], new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("post.md", 3), (error.File, error.Line));
        Assert.EndsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Fact]
    public void FrontMatter_DeprecatedLanguage_StoredAsPreferred()
    {
        var version = FrontMatterReader.Read(
            new ImportFile("post.md", Encoding.UTF8.GetBytes("---\ntitle: A statement\nlang: iw\n---\nThe text.\n")), new ImportOptions(), null);

        Assert.Equal("he", version.Language.Value);
    }

    [Fact]
    public void Xliff_TrgLangGerman_RefusedNamingTheAttribute()
    {
        var e = Assert.Throws<ImportException>(() => ReadXliff(Xliff("ru-RU", "german")));

        Assert.Contains($"trgLang=\"german\" is not a valid BCP 47 language tag: \"german\" is not a registered language subtag. Did you mean \"de\" (German)?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xliff_SrcLangZzZz_RefusedWithoutSuggestion()
    {
        var e = Assert.Throws<ImportException>(() => ReadXliff(Xliff("zz-ZZ", "en-GB")));

        Assert.Contains("srcLang=\"zz-ZZ\" is not a valid BCP 47 language tag: \"zz\" is not a registered language subtag.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xliff_XmlLangInvalidOrContradicting_Refused()
    {
        var invalid = Assert.Throws<ImportException>(() => ReadXliff(Xliff("ru-RU", "en-GB", targetLang: " xml:lang=\"english\"")));
        Assert.Contains("<target> xml:lang=\"english\" is not a valid BCP 47 language tag: \"english\" is not a registered language subtag. Did you mean \"en\" (English)?", invalid.Message, StringComparison.Ordinal);

        var contradicting = Assert.Throws<ImportException>(() => ReadXliff(Xliff("ru-RU", "en-GB", sourceLang: " xml:lang=\"fr\"")));
        Assert.Contains("<source> xml:lang=\"fr\" differs from the file's srcLang=\"ru-RU\"", contradicting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xliff_XmlLangAgreeing_Reads()
    {
        var document = ReadXliff(Xliff("ru_ru", "en-gb", " xml:lang=\"ru-RU\"", " xml:lang=\"en-GB\""));

        Assert.Equal(("ru-RU", "en-GB"), (document.Source.Value, document.Target.Value));
    }

    [Fact]
    public void Tmx_XmlLangEnglish_RefusedWithSuggestion()
    {
        const string tmx = """
            <tmx version="1.4"><header srclang="ru-RU"/><body>
            <tu><tuv xml:lang="ru-RU"><seg>Мир</seg></tuv><tuv xml:lang="english"><seg>Peace</seg></tuv></tu>
            </body></tmx>
            """;

        var e = Assert.Throws<ImportException>(() => TmxReader.Read("memory.tmx", Encoding.UTF8.GetBytes(tmx), Start));

        Assert.Contains("tu 1: <tuv> xml:lang=\"english\" is not a valid BCP 47 language tag: \"english\" is not a registered language subtag. Did you mean \"en\" (English)?", e.Message, StringComparison.Ordinal);
    }
}
