using Hexapla.Languages;

namespace Hexapla.Tests.Languages;

public sealed class LanguageTagValidationTests
{
    [Fact]
    public void Registry_Bundled_HasFileDateAndTheSixLanguages()
    {
        var registry = LanguageRegistry.Default;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", registry.FileDate);
        foreach (var code in new[] { "ar", "en", "es", "fr", "ru", "zh" })
        {
            Assert.NotNull(registry.Find("language", code));
        }

        Assert.Equal("German", registry.Find("language", "DE")!.Name);
        Assert.Equal("Private use", registry.Find("language", "qab")!.Name);
        Assert.Null(registry.Find("language", "zz"));
    }

    [Fact]
    public void Registry_Parse_FoldedLinesAndRanges()
    {
        const string text = "File-Date: 2030-01-02\n%%\nType: language\nSubtag: ab\nDescription: A long\n  name\nAdded: 2005-10-16\n%%\nType: region\nSubtag: QM..QZ\nDescription: Private use\n";

        var registry = LanguageRegistry.Parse(new StringReader(text));

        Assert.Equal("2030-01-02", registry.FileDate);
        Assert.Equal("A long name", registry.Find("language", "ab")!.Name);
        Assert.NotNull(registry.Find("region", "QX"));
        Assert.Null(registry.Find("region", "QA"));
    }

    [Fact]
    public void Registry_Parse_WithoutFileDate_Throws()
    {
        Assert.Throws<FormatException>(() => LanguageRegistry.Parse(new StringReader("Type: language\nSubtag: ab\n")));
    }

    [Theory]
    [InlineData("zz-ZZ", "\"zz\" is not a registered language subtag.")]
    [InlineData("xx-YY", "\"xx\" is not a registered language subtag.")]
    [InlineData("en-JJ", "\"JJ\" is not a registered region subtag.")]
    [InlineData("en-Xxxa", "\"Xxxa\" is not a registered script subtag.")]
    [InlineData("en-abcde", "\"abcde\" is not a registered variant subtag.")]
    [InlineData("razvitie-situacii-v-irake", "\"razvitie\" is not a registered language subtag.")]
    [InlineData("draft", "\"draft\" is not a registered language subtag.")]
    [InlineData("admin", "\"admin\" is not a registered language subtag.")]
    [InlineData("en-1901", "the variant subtag \"1901\" (Traditional German orthography) may only follow \"de\"")]
    [InlineData("en-yue", "the extended language subtag \"yue\" may only follow \"zh\"")]
    public void Validate_UnregisteredSubtag_RefusedNamingTagAndSubtag(string input, string problem)
    {
        var result = LanguageTag.Validate(input);

        Assert.False(result.IsValid);
        Assert.StartsWith($"\"{input}\" is not a valid BCP 47 language tag: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.False(LanguageTag.TryParse(input, out _));
    }

    [Fact]
    public void Validate_ZzZz_NoSuggestion()
    {
        var result = LanguageTag.Validate("zz-ZZ");

        Assert.Null(result.Suggestion);
        Assert.DoesNotContain("Did you mean", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("german", "de", true)]
    [InlineData("English", "en", true)]
    [InlineData("russian", "ru", true)]
    [InlineData("Arabic", "ar", true)]
    [InlineData("chinese", "zh", true)]
    [InlineData("spanish", "es", true)]
    [InlineData("French", "fr", true)]
    [InlineData("Deutsch", "de", true)]
    [InlineData("Français", "fr", true)]
    [InlineData("русский", "ru", true)]
    [InlineData("eng", "en", true)]
    [InlineData("en_UK", "en-GB", true)]
    [InlineData("en-uk", "en-GB", true)]
    [InlineData("english-UK", "en-GB", true)]
    [InlineData("jp", "ja", true)]
    [InlineData("englsh", "en", false)]
    [InlineData("russain", "ru", false)]
    public void Validate_NearMiss_SuggestsTag(string input, string expected, bool exact)
    {
        var result = LanguageTag.Validate(input);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Suggestion?.Value);
        Assert.Equal(exact, result.SuggestionIsExact);
        Assert.EndsWith($"Did you mean \"{expected}\" ({LanguageRegistry.Default.Find("language", result.Suggestion!.Language)!.Name})?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_German_MessageIsWhole()
    {
        Assert.Equal(
            "\"german\" is not a valid BCP 47 language tag: \"german\" is not a registered language subtag. Did you mean \"de\" (German)?",
            LanguageTag.Validate("german").Error);
    }

    [Theory]
    [InlineData("en_GB", "en-GB")]
    [InlineData("en-gb", "en-GB")]
    [InlineData("zh-hans-cn", "zh-Hans-CN")]
    [InlineData("und", "und")]
    [InlineData("qaa", "qaa")]
    [InlineData("ja-Latn-hepburn", "ja-Latn-hepburn")]
    [InlineData("de-CH-1996", "de-CH-1996")]
    public void Validate_RegisteredTag_CanonicalWithoutNote(string input, string expected)
    {
        var result = LanguageTag.Validate(input);

        Assert.Equal(expected, result.Tag?.Value);
        Assert.Null(result.Note);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("iw", "he", "the language subtag \"iw\" is deprecated; \"he\" (Hebrew) is used instead.")]
    [InlineData("in-ID", "id-ID", "the language subtag \"in\" is deprecated")]
    [InlineData("mo", "ro", "the language subtag \"mo\" is deprecated")]
    [InlineData("my-BU", "my-MM", "the region subtag \"BU\" is deprecated; \"MM\" (Myanmar) is used instead.")]
    [InlineData("zh-yue", "yue", "\"zh-yue\" is a deprecated tag")]
    [InlineData("zh-hak-TW", "hak-TW", "the extended language subtag \"hak\" stands for the language itself.")]
    [InlineData("zh-YUE-hk", "yue-HK", "extended language")]
    [InlineData("ar-aao", "aao", "extended language")]
    [InlineData("i-klingon", "tlh", "\"i-klingon\" is a grandfathered tag; \"tlh\" (Klingon) is used instead.")]
    [InlineData("zh-min-nan", "nan", "grandfathered")]
    [InlineData("art-lojban", "jbo", "grandfathered")]
    [InlineData("sgn-BR", "bzs", "deprecated")]
    [InlineData("zh-cmn-Hans", "cmn-Hans", "deprecated")]
    [InlineData("ja-Latn-hepburn-heploc", "ja-Latn-hepburn-alalc97", "the variant subtag \"heploc\" is deprecated")]
    public void Validate_DeprecatedOrExtlang_PreferredValueWithNote(string input, string expected, string note)
    {
        var result = LanguageTag.Validate(input);

        Assert.Equal(expected, result.Tag?.Value);
        Assert.NotNull(result.Note);
        Assert.StartsWith($"\"{input}\" is written \"{expected}\"", result.Note, StringComparison.Ordinal);
        Assert.Contains(note, result.Note, StringComparison.Ordinal);
        Assert.Equal(expected, LanguageTag.Parse(input).Value);
    }

    [Fact]
    public void Validate_ExtlangForm_EqualsItsLanguage()
    {
        Assert.Equal(LanguageTag.Parse("yue"), LanguageTag.Parse("zh-yue"));
        Assert.Equal("yue", LanguageTag.Parse("zh-yue").Language);
    }

    [Theory]
    [InlineData("german", "german")]
    [InlineData("xx-yy", "xx-YY")]
    [InlineData("iw", "iw")]
    [InlineData("EN-gb", "en-GB")]
    [InlineData("Not a tag!", "Not a tag!")]
    public void FromStored_AnyStoredText_LoadsWithoutRemapping(string stored, string expected)
    {
        var tag = LanguageTag.FromStored(stored);

        Assert.Equal(expected, tag.Value);
    }

    [Fact]
    public void FromStored_Empty_Throws()
    {
        Assert.Throws<LanguageTagException>(() => LanguageTag.FromStored(" "));
    }
}
