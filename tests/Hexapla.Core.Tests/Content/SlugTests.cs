using Hexapla.Content;

namespace Hexapla.Tests.Content;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Развитие ситуации в Ираке", "razvitie-situacii-v-irake")]
    [InlineData("Съезд объявил: «Щедрый урожай»", "sezd-obyavil-shhedryj-urozhaj")]
    [InlineData("Ёлка, чай и жёлтые цветы", "elka-chaj-i-zheltye-cvety")]
    [InlineData("Київ і Львів: єдність, ґанок", "kiyiv-i-lviv-yednist-ganok")]
    [InlineData("М'ясо", "myaso")]
    [InlineData("Беларуская мова ў школе", "belaruskaya-mova-u-shkole")]
    [InlineData("Ђорђе и Љубица, Његош", "djordje-i-ljubica-njegosh")]
    [InlineData("Ελληνική Δημοκρατία", "elliniki-dimokratia")]
    [InlineData("Ουρανός και θάλασσα", "ouranos-kai-thalassa")]
    [InlineData("Élections à Besançon : le débat", "elections-a-besancon-le-debat")]
    [InlineData("Straße der Öffentlichkeit", "strasse-der-offentlichkeit")]
    [InlineData("Æble, œuvre, Ørsted, Łódź, Đakovo, Þór, Garðar", "aeble-oeuvre-orsted-lodz-dakovo-thor-gardar")]
    [InlineData("“Quoted” — and 'single' «guillemets»!!", "quoted-and-single-guillemets")]
    [InlineData("  --Hello,   World--  ", "hello-world")]
    [InlineData("Don't stop", "dont-stop")]
    [InlineData("COVID-19 in 2021", "covid-19-in-2021")]
    public void FromTitle_Title_ReturnsTransliteratedSlug(string title, string expected)
    {
        Assert.Equal(expected, Slug.FromTitle(title));
    }

    [Theory]
    [InlineData("تطورات الوضع في العراق")]
    [InlineData("伊拉克局势发展")]
    [InlineData("«—!?»")]
    [InlineData("")]
    public void FromTitle_NothingTransliterable_ReturnsEmpty(string title)
    {
        Assert.Equal(string.Empty, Slug.FromTitle(title));
    }

    [Fact]
    public void FromTitle_MixedWithUntransliterable_KeepsTheRest()
    {
        Assert.Equal("iraq-2024", Slug.FromTitle("Iraq العراق 2024"));
    }

    [Fact]
    public void FromTitle_LongTitle_CutsAtWordBoundary()
    {
        var slug = Slug.FromTitle("alpha beta gamma delta", maxLength: 13);

        Assert.Equal("alpha-beta", slug);
    }

    [Fact]
    public void FromTitle_CutFallsOnHyphen_KeepsWholeWords()
    {
        Assert.Equal("alpha-beta", Slug.FromTitle("alpha beta gamma", maxLength: 10));
    }

    [Fact]
    public void FromTitle_SingleLongWord_CutsMidWord()
    {
        Assert.Equal("abcde", Slug.FromTitle("abcdefghij", maxLength: 5));
    }

    [Fact]
    public void FromTitle_DefaultMaxLength_Is80()
    {
        var title = string.Join(" ", Enumerable.Repeat("word", 30));

        var slug = Slug.FromTitle(title);

        Assert.Equal(79, slug.Length);
        Assert.True(Slug.IsValid(slug));
    }

    [Fact]
    public void FromTitle_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Slug.FromTitle(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Slug.FromTitle("x", 0));
    }

    [Theory]
    [InlineData("razvitie-situacii-v-irake", true)]
    [InlineData("a", true)]
    [InlineData("2024", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a--b", false)]
    [InlineData("A-b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void IsValid_Candidate_ReturnsExpected(string? slug, bool expected)
    {
        Assert.Equal(expected, Slug.IsValid(slug));
    }

    [Fact]
    public void IsValid_LengthLimit_Is100()
    {
        Assert.True(Slug.IsValid(new string('a', 100)));
        Assert.False(Slug.IsValid(new string('a', 101)));
    }

    // Found by fuzzing: a character outside the BMP made Normalize throw on its lone half.
    [Theory]
    [InlineData("Hello 😀 world", "hello-world")]
    [InlineData("𝐁old title", "old-title")]
    [InlineData("Broken \uD800 half", "broken-half")]
    [InlineData("\uDC00", "")]
    public void FromTitle_CharactersOutsideTheBmp_AreWordBreaks(string title, string expected)
    {
        Assert.Equal(expected, Slug.FromTitle(title));
    }

    // Found by fuzzing: a limit above MaxValidLength gave slugs that IsValid refuses.
    [Fact]
    public void FromTitle_LimitAboveMaxValidLength_StillGivesAValidSlug()
    {
        var slug = Slug.FromTitle(string.Join(' ', Enumerable.Repeat("word", 40)), maxLength: 500);

        Assert.True(Slug.IsValid(slug));
        Assert.True(slug.Length <= Slug.MaxValidLength);
    }
}
