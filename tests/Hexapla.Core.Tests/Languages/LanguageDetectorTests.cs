using Hexapla.Languages;

namespace Hexapla.Tests.Languages;

public sealed class LanguageDetectorTests
{
    private const string English =
        "The council met on Tuesday to discuss the budget for the coming year. Members said that the plan was " +
        "too expensive and asked the mayor to cut the cost of the new bridge, which they think is not needed.";

    private const string Russian =
        "Совет собрался во вторник, чтобы обсудить бюджет на следующий год. Члены совета сказали, что план " +
        "слишком дорогой, и попросили мэра сократить расходы на новый мост, который, по их мнению, не нужен.";

    private const string French =
        "Le conseil s'est réuni mardi pour discuter du budget de l'année prochaine. Les membres ont dit que le " +
        "plan est trop cher et ont demandé au maire de réduire le coût du nouveau pont, qui n'est pas nécessaire.";

    private const string Ukrainian =
        "Рада зібралася у вівторок, щоб обговорити бюджет на наступний рік. Члени ради сказали, що план " +
        "занадто дорогий, і попросили мера скоротити витрати на новий міст, який, на їхню думку, не потрібен.";

    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");

    [Fact]
    public void Detect_EnglishWithCandidates_ReturnsEnglishCandidate()
    {
        var result = LanguageDetector.Detect(English, [EnGb, RuRu]);

        Assert.Same(EnGb, result.Language);
        Assert.Contains("English", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_RussianWithCandidates_ReturnsRussianCandidate()
    {
        var result = LanguageDetector.Detect(Russian, [EnGb, RuRu]);

        Assert.Same(RuRu, result.Language);
        Assert.Contains("Cyrillic", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_EnglishWithoutCandidates_ReturnsBareEnglish()
    {
        var result = LanguageDetector.Detect(English, []);

        Assert.Equal("en", result.Language?.Value);
    }

    [Fact]
    public void Detect_RussianWithoutCandidates_ReturnsBareRussian()
    {
        var result = LanguageDetector.Detect(Russian, []);

        Assert.Equal("ru", result.Language?.Value);
    }

    [Fact]
    public void Detect_UkrainianWithoutCandidates_ReturnsUkrainian()
    {
        Assert.Equal("uk", LanguageDetector.Detect(Ukrainian, []).Language?.Value);
    }

    [Fact]
    public void Detect_FrenchAmongLatinCandidates_ReturnsFrench()
    {
        var result = LanguageDetector.Detect(French, [EnGb, FrFr]);

        Assert.Same(FrFr, result.Language);
        Assert.Contains("French", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_EnglishAmongLatinCandidates_ReturnsEnglish()
    {
        Assert.Same(EnGb, LanguageDetector.Detect(English, [FrFr, EnGb]).Language);
    }

    [Fact]
    public void Detect_FrenchWithoutCandidates_ReturnsBareFrench()
    {
        Assert.Equal("fr", LanguageDetector.Detect(French, []).Language?.Value);
    }

    [Fact]
    public void Detect_FrenchButOnlyEnglishListedInLatin_ReturnsNullWithReason()
    {
        var result = LanguageDetector.Detect(French, [EnGb, RuRu]);

        Assert.Null(result.Language);
        Assert.Contains("none of the listed languages (en-GB, ru-RU) is French", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_CyrillicTextWithLatinCandidates_ReturnsNullWithReason()
    {
        var result = LanguageDetector.Detect(Russian, [EnGb, FrFr]);

        Assert.Null(result.Language);
        Assert.Equal(
            "The text is mostly Cyrillic but none of the listed languages (en-GB, fr-FR) is written in Cyrillic.",
            result.Reason);
    }

    [Fact]
    public void Detect_ShortTitleWithOneCandidateInScript_ReturnsThatCandidate()
    {
        var result = LanguageDetector.Detect("Ирак сегодня", [EnGb, RuRu]);

        Assert.Same(RuRu, result.Language);
        Assert.Contains("only listed language written in Cyrillic", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_ShortTitleWithoutCandidates_ReturnsNull()
    {
        var result = LanguageDetector.Detect("Ирак сегодня", []);

        Assert.Null(result.Language);
        Assert.StartsWith("The text is mostly Cyrillic", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_TwoCandidatesOfSameLanguage_ReturnsNull()
    {
        var result = LanguageDetector.Detect(English, [EnGb, LanguageTag.Parse("en-US")]);

        Assert.Null(result.Language);
        Assert.Contains("en-GB, en-US", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MixedScripts_ReturnsNull()
    {
        var result = LanguageDetector.Detect("Peace talks мирные переговоры in Geneva", [EnGb, RuRu]);

        Assert.Null(result.Language);
        Assert.Contains("mixes scripts", result.Reason, StringComparison.Ordinal);
        Assert.Contains("% Latin", result.Reason, StringComparison.Ordinal);
        Assert.Contains("% Cyrillic", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2024 — 15%!")]
    public void Detect_NoLetters_ReturnsNullSayingSo(string text)
    {
        var result = LanguageDetector.Detect(text, [EnGb, RuRu]);

        Assert.Null(result.Language);
        Assert.Contains("has no letters", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.", "el")]
    [InlineData("政府宣布了新的经济措施。", "zh")]
    [InlineData("政府は新しい経済対策を発表しました。", "ja")]
    [InlineData("정부는 새로운 경제 대책을 발표했다.", "ko")]
    [InlineData("הממשלה הודיעה על צעדים כלכליים חדשים.", "he")]
    [InlineData("أعلنت الحكومة عن إجراءات اقتصادية جديدة في المدينة.", "ar")]
    public void Detect_SingleLanguageScripts_ReturnsThatLanguage(string text, string expected)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text, []).Language?.Value);
    }

    [Fact]
    public void Detect_ArabicScriptWithCandidates_ReturnsArabicScriptCandidate()
    {
        var arabic = LanguageTag.Parse("ar-EG");

        Assert.Same(arabic, LanguageDetector.Detect("أعلنت الحكومة عن إجراءات اقتصادية جديدة.", [EnGb, arabic]).Language);
    }
}
