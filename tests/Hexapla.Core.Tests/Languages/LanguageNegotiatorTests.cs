using Hexapla.Languages;

namespace Hexapla.Tests.Languages;

public sealed class LanguageNegotiatorTests
{
    private static readonly LanguageTag[] Site = [LanguageTag.Parse("en-GB"), LanguageTag.Parse("ru-RU"), LanguageTag.Parse("fr-FR")];

    [Fact]
    public void ParseAcceptLanguage_TypicalHeader_ReturnsRangesByQuality()
    {
        var preferences = LanguageNegotiator.ParseAcceptLanguage("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7,*;q=0.5");

        Assert.Equal(
            new[] { new LanguagePreference("ru-RU", 1), new("ru", 0.9), new("en-US", 0.8), new("en", 0.7), new("*", 0.5) },
            preferences);
    }

    [Fact]
    public void ParseAcceptLanguage_UnorderedQualities_SortsDescendingKeepingHeaderOrderForTies()
    {
        var preferences = LanguageNegotiator.ParseAcceptLanguage("de;q=0.5, fr;q=0.8, it;q=0.5, en");

        Assert.Equal(new[] { "en", "fr", "de", "it" }, preferences.Select(p => p.Range));
    }

    [Fact]
    public void ParseAcceptLanguage_WhitespaceAndCase_AreTolerated()
    {
        var preferences = LanguageNegotiator.ParseAcceptLanguage("  EN-us ; Q = 0.5 ,\tfr_ca  ");

        Assert.Equal(new[] { new LanguagePreference("fr-CA", 1), new("en-US", 0.5) }, preferences);
    }

    [Fact]
    public void ParseAcceptLanguage_QualityZero_IsDropped()
    {
        var preferences = LanguageNegotiator.ParseAcceptLanguage("en;q=0, fr;q=0.000, de");

        Assert.Equal(new[] { "de" }, preferences.Select(p => p.Range));
    }

    [Theory]
    [InlineData("en;q=2, de")]
    [InlineData("en;q=abc, de")]
    [InlineData("en;q=-0.1, de")]
    [InlineData("!!, de")]
    [InlineData(",,;q=0.3, de, ;")]
    [InlineData("en-, de")]
    [InlineData("en;garbage, de")]
    public void ParseAcceptLanguage_MalformedEntries_AreDroppedSilently(string header)
    {
        var preferences = LanguageNegotiator.ParseAcceptLanguage(header);

        Assert.Equal(new[] { "de" }, preferences.Select(p => p.Range));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(";;;,,,")]
    public void ParseAcceptLanguage_EmptyOrNull_ReturnsEmpty(string? header)
    {
        Assert.Empty(LanguageNegotiator.ParseAcceptLanguage(header));
    }

    [Fact]
    public void ParseAcceptLanguage_RepeatedRange_KeepsFirst()
    {
        var preferences = LanguageNegotiator.ParseAcceptLanguage("en;q=0.3, fr, en");

        Assert.Equal(new[] { new LanguagePreference("fr", 1), new("en", 0.3) }, preferences);
    }

    [Fact]
    public void ParseAcceptLanguage_ManyEntries_KeepsFirst32()
    {
        // Forty registered ISO 639-1 languages, in order.
        var header = "aa,ab,ae,af,ak,am,an,ar,as,av,ay,az,ba,be,bg,bi,bm,bn,bo,br,bs,ca,ce,ch,co,cr,cs,cu,cv,cy,da,de,dv,dz,ee,el,en,eo,es,et";

        var preferences = LanguageNegotiator.ParseAcceptLanguage(header);

        Assert.Equal(32, preferences.Count);
        Assert.Equal("aa", preferences[0].Range);
        Assert.Equal("de", preferences[31].Range);
    }

    [Fact]
    public void ParseAcceptLanguage_HugeHeader_ReadsOnlyFirst4096Characters()
    {
        var header = "fr;q=0.5," + new string(' ', 4100) + ",de";

        var preferences = LanguageNegotiator.ParseAcceptLanguage(header);

        Assert.Equal(new[] { "fr" }, preferences.Select(p => p.Range));
    }

    [Fact]
    public void Choose_ExactMatch_ReturnsIt()
    {
        Assert.Equal("fr-FR", LanguageNegotiator.Choose("fr-FR, en-GB;q=0.8", Site)?.Value);
    }

    [Fact]
    public void Choose_BareLanguage_ReturnsRegionalTag()
    {
        Assert.Equal("ru-RU", LanguageNegotiator.Choose("ru", Site)?.Value);
    }

    [Fact]
    public void Choose_OtherRegion_FallsBackToPrimaryLanguage()
    {
        Assert.Equal("en-GB", LanguageNegotiator.Choose("en-US", Site)?.Value);
    }

    [Fact]
    public void Choose_HigherQualityFallback_BeatsLowerQualityExactMatch()
    {
        Assert.Equal("ru-RU", LanguageNegotiator.Choose("fr-FR;q=0.4, ru-UA", Site)?.Value);
    }

    [Fact]
    public void Choose_QualityZero_IsExcluded()
    {
        Assert.Equal("fr-FR", LanguageNegotiator.Choose("ru;q=0, fr;q=0.1", Site)?.Value);
    }

    [Fact]
    public void Choose_SeveralMatchesForOneRange_PrefersFirstListed()
    {
        LanguageTag[] available = [LanguageTag.Parse("pt-PT"), LanguageTag.Parse("pt-BR")];

        Assert.Equal("pt-PT", LanguageNegotiator.Choose("pt", available)?.Value);
        Assert.Equal("pt-BR", LanguageNegotiator.Choose("pt-BR", available)?.Value);
    }

    [Fact]
    public void Choose_ExactMatchListedLater_BeatsPrefixMatch()
    {
        LanguageTag[] available = [LanguageTag.Parse("en-GB"), LanguageTag.Parse("en")];

        Assert.Equal("en", LanguageNegotiator.Choose("en", available)?.Value);
    }

    [Fact]
    public void Choose_BareRange_DoesNotMatchUnrelatedLanguageStartingAlike()
    {
        Assert.Null(LanguageNegotiator.Choose("r", [LanguageTag.Parse("ru")]));
        Assert.Null(LanguageNegotiator.Choose("ru", [LanguageTag.Parse("rue")]));
    }

    [Fact]
    public void Choose_StarOnly_ReturnsNull()
    {
        Assert.Null(LanguageNegotiator.Choose("*", Site));
    }

    [Fact]
    public void Choose_StarBeforeRealMatch_SkipsStar()
    {
        Assert.Equal("ru-RU", LanguageNegotiator.Choose("*, ru;q=0.5", Site)?.Value);
    }

    [Theory]
    [InlineData("de-DE, it")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("!!!")]
    public void Choose_NothingMatches_ReturnsNull(string? header)
    {
        Assert.Null(LanguageNegotiator.Choose(header, Site));
    }

    [Fact]
    public void Choose_NoAvailableLanguages_ReturnsNull()
    {
        Assert.Null(LanguageNegotiator.Choose("en", []));
        Assert.Null(LanguageNegotiator.Choose("en", null!));
    }
}
