using System.Globalization;
using Hexapla.Languages;

namespace Hexapla.Tests.Languages;

public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en_GB", "en-GB")]
    [InlineData("EN-gb", "en-GB")]
    [InlineData("en-gb", "en-GB")]
    [InlineData("  en-GB\t", "en-GB")]
    [InlineData("ru", "ru")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("SR-LATN-rs", "sr-Latn-RS")]
    [InlineData("es-419", "es-419")]
    [InlineData("de-CH-1901", "de-CH-1901")]
    [InlineData("zh-YUE-hk", "yue-HK")]
    [InlineData("en-US-u-CA-Gregory-X-Private", "en-US-u-ca-gregory-x-private")]
    [InlineData("sl-rozaj-biske", "sl-rozaj-biske")]
    public void Parse_WellFormedTag_ReturnsCanonicalCase(string input, string expected)
    {
        var tag = LanguageTag.Parse(input);

        Assert.Equal(expected, tag.Value);
        Assert.Equal(expected, tag.ToString());
    }

    [Fact]
    public void Parse_FullTag_SplitsIntoParts()
    {
        var tag = LanguageTag.Parse("zh-hant-tw");

        Assert.Equal("zh", tag.Language);
        Assert.Equal("Hant", tag.Script);
        Assert.Equal("TW", tag.Region);
        Assert.Equal("zh-hant-tw", tag.UrlSegment);
    }

    [Fact]
    public void Parse_LanguageOnly_HasNoScriptOrRegion()
    {
        var tag = LanguageTag.Parse("ru");

        Assert.Equal("ru", tag.Language);
        Assert.Null(tag.Script);
        Assert.Null(tag.Region);
    }

    [Fact]
    public void Parse_NumericRegion_IsRegion()
    {
        var tag = LanguageTag.Parse("es-419");

        Assert.Equal("419", tag.Region);
        Assert.Null(tag.Script);
    }

    [Fact]
    public void Parse_InvalidCharacters_MessageNamesInputAndSubtag()
    {
        var error = Assert.Throws<LanguageTagException>(() => LanguageTag.Parse("xx-!!"));

        Assert.Equal("\"xx-!!\" is not a valid BCP 47 language tag: \"!!\" is not a valid subtag.", error.Message);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        Assert.ThrowsAny<FormatException>(() => LanguageTag.Parse("e"));
    }

    [Theory]
    [InlineData("", "\"\" is not a valid BCP 47 language tag: the tag is empty.")]
    [InlineData("   ", "\"   \" is not a valid BCP 47 language tag: the tag is empty.")]
    [InlineData("en--GB", "\"en--GB\" is not a valid BCP 47 language tag: it has an empty subtag")]
    [InlineData("en-", "\"en-\" is not a valid BCP 47 language tag: it has an empty subtag")]
    [InlineData("e", "\"e\" is not a valid BCP 47 language tag: \"e\" is too short for a language subtag")]
    [InlineData("toolongsubtagxx", "\"toolongsubtagxx\" is not a valid BCP 47 language tag: \"toolongsubtagxx\" is longer than 8 characters")]
    [InlineData("12-GB", "\"12-GB\" is not a valid BCP 47 language tag: \"12\" is not a valid language subtag")]
    [InlineData("de-1901-1901", "the variant \"1901\" appears twice.")]
    [InlineData("en-a-bbb-a-ccc", "the extension singleton \"a\" appears twice.")]
    [InlineData("en-a", "the extension singleton \"a\" must be followed by at least one subtag")]
    [InlineData("en-x", "the private-use singleton \"x\" must be followed by at least one subtag.")]
    [InlineData("x", "the private-use singleton \"x\" must be followed by at least one subtag.")]
    [InlineData("x-whatever", "it is private use only")]
    [InlineData("i-default", "\"i-default\" is a grandfathered tag (Default Language) with no registered replacement")]
    [InlineData("en-GB-US", "\"US\" cannot stand here, after \"en-GB\"")]
    [InlineData("en-Ω", "\"Ω\" is not a valid subtag.")]
    public void Parse_MalformedTag_ThrowsWithClearMessage(string input, string expectedPart)
    {
        var error = Assert.Throws<LanguageTagException>(() => LanguageTag.Parse(input));

        Assert.Contains(expectedPart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Over64Characters_SaysTheLimit()
    {
        var input = "en-" + string.Join("-", Enumerable.Repeat("abcdefgh", 8));

        var error = Assert.Throws<LanguageTagException>(() => LanguageTag.Parse(input));

        Assert.Contains("may have at most 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalseWithError()
    {
        var ok = LanguageTag.TryParse(null, out var tag, out var error);

        Assert.False(ok);
        Assert.Null(tag);
        Assert.Equal("null is not a valid BCP 47 language tag: the tag is empty.", error);
    }

    [Fact]
    public void TryParse_ValidInput_ReturnsTagAndNoError()
    {
        var ok = LanguageTag.TryParse("fr_ca", out var tag, out var error);

        Assert.True(ok);
        Assert.Equal("fr-CA", tag!.Value);
        Assert.Null(error);
    }

    [Fact]
    public void TryParse_Malformed_ReturnsFalse()
    {
        Assert.False(LanguageTag.TryParse("en--GB", out var tag));
        Assert.Null(tag);
    }

    [Theory]
    [InlineData("en", "English")]
    [InlineData("en-GB", "English")]
    [InlineData("ru-RU", "Русский")]
    [InlineData("fr", "Français")]
    [InlineData("de-AT", "Deutsch")]
    [InlineData("es-419", "Español")]
    [InlineData("ar", "العربية")]
    [InlineData("zh-Hant-TW", "中文")]
    [InlineData("ja", "日本語")]
    [InlineData("uk", "Українська")]
    [InlineData("he", "עברית")]
    [InlineData("fa", "فارسی")]
    [InlineData("ur", "اردو")]
    [InlineData("sr-Cyrl", "Српски")]
    [InlineData("sr-Latn-RS", "Srpski")]
    [InlineData("qaa", "qaa")]
    [InlineData("qaa-Latn", "qaa-Latn")]
    public void NativeName_KnownAndUnknownLanguages_ReturnsOwnName(string input, string expected)
    {
        Assert.Equal(expected, LanguageTag.Parse(input).NativeName);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("he")]
    [InlineData("fa-IR")]
    [InlineData("ur-PK")]
    [InlineData("yi")]
    [InlineData("ckb")]
    [InlineData("az-Arab")]
    [InlineData("pa-Arab-PK")]
    [InlineData("qaa-Hebr")]
    public void Direction_RightToLeftLanguageOrScript_IsRtl(string input)
    {
        var tag = LanguageTag.Parse(input);

        Assert.Equal(TextDirection.Rtl, tag.Direction);
        Assert.True(tag.IsRightToLeft);
        Assert.Equal("rtl", tag.HtmlDir);
    }

    [Theory]
    [InlineData("en-GB")]
    [InlineData("ru")]
    [InlineData("az")]
    [InlineData("az-Latn")]
    [InlineData("zh-Hant")]
    public void Direction_LeftToRightLanguage_IsLtr(string input)
    {
        var tag = LanguageTag.Parse(input);

        Assert.Equal(TextDirection.Ltr, tag.Direction);
        Assert.False(tag.IsRightToLeft);
        Assert.Equal("ltr", tag.HtmlDir);
    }

    [Fact]
    public void Culture_KnownTag_ReturnsMatchingCulture()
    {
        Assert.Equal("en-GB", LanguageTag.Parse("en_gb").Culture.Name);
    }

    [Fact]
    public void Culture_VariantOfKnownTag_FallsBackToLanguageAndRegion()
    {
        Assert.Equal("de-DE", LanguageTag.Parse("de-DE-1996").Culture.Name);
    }

    [Fact]
    public void Culture_UnknownLanguage_ReturnsInvariant()
    {
        Assert.Same(CultureInfo.InvariantCulture, LanguageTag.Parse("qaa-x-house").Culture);
    }

    [Fact]
    public void Equals_DifferentSpellingsOfOneTag_AreEqual()
    {
        var a = LanguageTag.Parse("EN_gb");
        var b = LanguageTag.Parse("en-GB");

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_DifferentTags_AreNotEqual()
    {
        var a = LanguageTag.Parse("en-GB");
        var b = LanguageTag.Parse("en-US");

        Assert.True(a != b);
        Assert.False(a.Equals(null));
        Assert.False(a == null);
    }

    [Fact]
    public void CompareTo_Tags_OrdersOrdinallyByValue()
    {
        var tags = new[] { "ru", "en-US", "en-GB", "de" }.Select(LanguageTag.Parse).ToList();

        tags.Sort();

        Assert.Equal(new[] { "de", "en-GB", "en-US", "ru" }, tags.Select(t => t.Value));
        Assert.True(LanguageTag.Parse("de") < LanguageTag.Parse("en"));
        Assert.True(LanguageTag.Parse("de").CompareTo(null) > 0);
    }

    [Theory]
    [InlineData("ru-RU", "ru", true)]
    [InlineData("ru", "ru", true)]
    [InlineData("zh-Hant-TW", "zh-Hant", true)]
    [InlineData("ru", "ru-RU", false)]
    [InlineData("rue", "ru", false)]
    [InlineData("en-GB", "en-US", false)]
    public void Matches_Range_FollowsPrefixRule(string tag, string range, bool expected)
    {
        Assert.Equal(expected, LanguageTag.Parse(tag).Matches(LanguageTag.Parse(range)));
    }
}
