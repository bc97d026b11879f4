using System.Text;
using Hexapla.Interchange;
using Hexapla.Interchange.ScrapedText;
using Hexapla.Languages;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Interchange;

public sealed class ScrapedTextReaderTests
{
    private const string French =
        "Le conseil s'est réuni mardi pour discuter du budget de l'année prochaine. Les membres ont dit que le " +
        "plan est trop cher et ont demandé au maire de réduire le coût du nouveau pont, qui n'est pas nécessaire.";

    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");

    // Not a bundle name, so the language has to be detected rather than read from the name.
    private static ImportFile Unnamed(byte[] content) => new("page.txt", content);

    private static ImportFile Unnamed(string text) => Unnamed(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_EnglishSeedFile_DetectsEnglishAmongListedLanguages()
    {
        var version = ScrapedTextReader.Read(Unnamed(Fixtures.ScrapedText(Fixtures.EnglishSeed)), new ImportOptions());

        Assert.Equal(EnGb, version.Language);
        Assert.Equal(new[] { RuRu }, version.OtherLanguages);
        Assert.Equal("page.txt", version.Source);
        Assert.Null(version.Slug);
    }

    [Fact]
    public void Read_EnglishSeedFile_BodyIsTheNineParagraphsAsInTheFile()
    {
        var version = ScrapedTextReader.Read(Unnamed(Fixtures.ScrapedText(Fixtures.EnglishSeed)), new ImportOptions());

        Assert.Equal(Fixtures.SeedBody(Fixtures.EnglishSeed), version.Body);
        Assert.Equal(9, version.Body.Split("\n\n").Length);
        Assert.StartsWith("Iraq remains in the heart", version.Body);
        Assert.EndsWith("intra-Iraqi settlement.", version.Body);
    }

    [Fact]
    public void Read_EnglishSeedFile_TitleIsFirstSentenceWithoutPeriod()
    {
        var version = ScrapedTextReader.Read(Unnamed(Fixtures.ScrapedText(Fixtures.EnglishSeed)), new ImportOptions());

        Assert.Equal("Iraq remains in the heart of the Middle East instability", version.Title);
    }

    [Fact]
    public void Read_RussianSeedFile_DetectsRussian()
    {
        var version = ScrapedTextReader.Read(Unnamed(Fixtures.ScrapedText(Fixtures.RussianSeed)), new ImportOptions());

        Assert.Equal(RuRu, version.Language);
        Assert.Equal(new[] { EnGb }, version.OtherLanguages);
        Assert.Equal(Fixtures.SeedBody(Fixtures.RussianSeed), version.Body);
        Assert.Equal(9, version.Body.Split("\n\n").Length);
    }

    [Fact]
    public void Read_LanguageOption_OverridesDetection()
    {
        var enUs = LanguageTag.Parse("en-US");

        var version = ScrapedTextReader.Read(
            Unnamed(Fixtures.ScrapedText(Fixtures.EnglishSeed)), new ImportOptions { Language = enUs });

        Assert.Equal(enUs, version.Language);
        Assert.Equal(new[] { EnGb, RuRu }, version.OtherLanguages);
    }

    [Fact]
    public void Read_BundleLanguage_OverridesLanguageOption()
    {
        var version = ScrapedTextReader.Read(
            new ImportFile(Fixtures.EnglishSeed, Fixtures.ScrapedText(Fixtures.EnglishSeed)),
            new ImportOptions { Language = RuRu },
            named: EnGb);

        Assert.Equal(EnGb, version.Language);
    }

    [Fact]
    public void Read_TitleOption_OverridesFirstSentence()
    {
        var version = ScrapedTextReader.Read(
            Unnamed(Fixtures.ScrapedText(Fixtures.EnglishSeed)), new ImportOptions { Title = "Iraq: an overview" });

        Assert.Equal("Iraq: an overview", version.Title);
        Assert.Equal(Fixtures.SeedBody(Fixtures.EnglishSeed), version.Body);
    }

    [Fact]
    public void Read_CrlfAndBom_SameResultAsLf()
    {
        var lf = Fixtures.ScrapedText(Fixtures.EnglishSeed);
        var crlf = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(lf).Replace("\n", "\r\n")))
            .ToArray();

        var expected = ScrapedTextReader.Read(Unnamed(lf), new ImportOptions());
        var actual = ScrapedTextReader.Read(Unnamed(crlf), new ImportOptions());

        Assert.Equal(expected.Language, actual.Language);
        Assert.Equal(expected.OtherLanguages, actual.OtherLanguages);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Body, actual.Body);
        Assert.DoesNotContain('\r', actual.Body);
        Assert.DoesNotContain('\uFEFF', actual.Body);
    }

    [Fact]
    public void Read_BadTagOnSwitcherLine_ThrowsNamingFileLineAndToken()
    {
        var file = new ImportFile("bad-tag.txt", Encoding.UTF8.GetBytes("• en-GB1 xx-!!1\n\nThe council met on Tuesday.\n"));

        var e = Assert.Throws<ImportException>(() => ScrapedTextReader.Read(file, new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal("bad-tag.txt", error.File);
        Assert.Equal(1, error.Line);
        Assert.Contains("xx-!!1", error.Reason);
        Assert.StartsWith("bad-tag.txt:1: ", e.Message);
    }

    [Theory]
    [InlineData("• en-GB1 ru-RU1\n")]
    [InlineData("• en-GB1 ru-RU1\n\n\n   \n")]
    [InlineData("• en-GB1 ru-RU1")]
    public void Read_EmptyBody_ThrowsWithLine(string text)
    {
        var e = Assert.Throws<ImportException>(() => ScrapedTextReader.Read(Unnamed(text), new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("empty", error.Reason);
    }

    [Theory]
    [InlineData("12345 67890\n\n2024-01-01, 17:30 — 42%.\n")]
    [InlineData("• en-GB1 ru-RU1\n\n" + French + "\n")]
    public void Read_UndecidableLanguage_ThrowsMentioningLangOption(string text)
    {
        var e = Assert.Throws<ImportException>(() => ScrapedTextReader.Read(Unnamed(text), new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Contains("--lang", error.Reason);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Read_FrenchWithLanguageOption_UsesOption()
    {
        var frFr = LanguageTag.Parse("fr-FR");

        var version = ScrapedTextReader.Read(Unnamed("• en-GB1 ru-RU1\n\n" + French + "\n"), new ImportOptions { Language = frFr });

        Assert.Equal(frFr, version.Language);
        Assert.Equal(new[] { EnGb, RuRu }, version.OtherLanguages);
    }

    [Fact]
    public void Read_InvalidUtf8_ThrowsNamingLineAndUtf8()
    {
        byte[] content = [.. "• en-GB1\n\nThe council met.\nOn Tues"u8, 0xFF, 0xFE, .. "day.\n"u8];

        var e = Assert.Throws<ImportException>(() => ScrapedTextReader.Read(Unnamed(content), new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("UTF-8", error.Reason);
    }

    [Fact]
    public void Read_NulByte_Throws()
    {
        byte[] content = [.. "• en-GB1\n\nThe council"u8, 0x00, .. " met.\n"u8];

        var e = Assert.Throws<ImportException>(() => ScrapedTextReader.Read(Unnamed(content), new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("NUL", error.Reason);
    }
}
