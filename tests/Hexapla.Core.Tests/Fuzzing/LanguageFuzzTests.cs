using CsCheck;
using Hexapla.Languages;

namespace Hexapla.Tests.Fuzzing;

/// <summary>Language tags and <c>Accept-Language</c>: tags parse or fail with a reason; headers never throw.</summary>
[Collection(SerialFuzzing.Name)]
public sealed class LanguageFuzzTests
{
    private static readonly string[] Subtags =
    [
        "en", "ru", "zh", "ar", "i", "x", "u", "t", "a", "art", "lojban", "min", "nan", "klingon", "Hant", "Latn", "GB", "US",
        "419", "001", "1996", "fonipa", "ca", "co", "phonebk", "abcdefgh", "abcdefghi", "12345678", "q", "", "é", "ı", "İ",
        "K", "a1", "*", " ",
    ];

    private static readonly Gen<string> Tag =
        Gen.Frequency(
            (6, Gen.Select(Gen.OneOf(Subtags).Array[1, 10], Gen.OneOf("-", "_", "--", "-_"), (parts, separator) => string.Join(separator, parts))),
            (1, Gen.OneOf("i-klingon", "i-default", "i-enochian", "en-GB-oed", "sgn-BE-FR", "zh-min-nan", "x-whatever", "qaa-Qaaa-QM-x-southern", "de-CH-1901", " en-gb ", "EN_gb", "en-", "-en")),
            (1, Gen.String[0, 80]));

    [Fact]
    public void Parse_AnyText_GivesACanonicalTagOrALanguageTagException() =>
        Fuzz.ResultOrError<string, LanguageTagException>(Tag, text =>
        {
            var tag = LanguageTag.Parse(text);
            Assert.Equal(tag, LanguageTag.Parse(tag.Value));
            Assert.True(tag.Value.Length <= LanguageTag.MaxLength);
            Assert.True(LanguageTag.TryParse(text, out _, out _));
            Assert.NotNull(tag.NativeName);
            Assert.NotNull(tag.Culture);
        }, Fuzz.Iterations(2000));

    [Fact]
    public void TryParse_AnyText_NeverThrowsAndExplainsEveryFailure() =>
        Fuzz.NeverThrows(Tag, text =>
        {
            if (!LanguageTag.TryParse(text, out _, out var error))
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        }, Fuzz.Iterations(2000));

    private static readonly string[] HeaderTokens =
    [
        "en", "en-US", "ru-RU", "ru", "*", "zh-Hant-TW", "x-y", "i-klingon", ",", ", ", ";", ";q=", "q=", "Q=", "0", "1", "0.5",
        "0.999", "1.000", "1.0001", "-0", "1e-3", "NaN", "Infinity", ".", "=", " ", "\t", ";level=1", ";q=0.8;q=0.1", "\"",
    ];

    private static readonly Gen<string> Header = Fuzz.Soup(HeaderTokens, "enru-;=,.0123456789 q*", maxPieces: 60);

    private static readonly LanguageTag[] Available = [.. new[] { "en-GB", "ru-RU", "ar", "zh-Hant" }.Select(LanguageTag.Parse)];

    [Fact]
    public void ParseAcceptLanguage_AnyHeader_NeverThrowsAndKeepsItsPromises() =>
        Fuzz.NeverThrows(Header, header =>
        {
            var preferences = LanguageNegotiator.ParseAcceptLanguage(header);
            Assert.True(preferences.Count <= LanguageNegotiator.MaxEntries);
            Assert.All(preferences, p => Assert.InRange(p.Quality, double.Epsilon, 1));
            Assert.Equal(preferences.Count, preferences.Select(p => p.Range).Distinct().Count());
            for (var i = 1; i < preferences.Count; i++)
            {
                Assert.True(preferences[i - 1].Quality >= preferences[i].Quality);
            }

            var chosen = LanguageNegotiator.Choose(header, Available);
            Assert.True(chosen is null || Available.Contains(chosen));
        }, Fuzz.Iterations(2000));

    [Fact]
    public void ParseAcceptLanguage_TimeGrowsLinearlyWithInput()
    {
        // The header is cut at MaxHeaderLength, so a long one costs no more than a full one.
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("en-US;q=0.5,", n), h => LanguageNegotiator.Choose(h, Available), 400, "entries");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat(";;;;", n), h => LanguageNegotiator.Choose(h, Available), 400, "parameters");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("a", n), h => Assert.False(LanguageTag.TryParse(h, out _)), 400, "one long tag");
    }
}
