using CsCheck;
using Hexapla.Content;
using Hexapla.Translation;

namespace Hexapla.Tests.Fuzzing;

/// <summary>Slugs from titles and sentences from paragraphs: any text gives a valid result, quickly.</summary>
[Collection(SerialFuzzing.Name)]
public sealed class TextFuzzTests
{
    private static readonly string[] Tokens =
    [
        "Развитие ситуации", "в Ираке", "Ελληνικά ου", "Straße", "ŁÓDŹ", "İı", "ǅ", "ﬁ", "’", "'", "-", "--", " ", ".", "Mr.", "т.е.",
        "г.", "J.", "!", "?", "…", "»", "\"", "(", ")", "A", "a", "1", "\u0301", "\u200B", "\uD800", "😀", "𝐀", "中文", "العربية", "\n",
        "。", "！", "？", "；", "」", "『", "“", "”", "؟", "،", "؛", "۔", "।", "«", "\u00A0", "\u202F", "¿", "¡", "т. е.", "p. ej.", "z. B.", "3.", "د.", "と", "𠀀",
    ];

    private static readonly Gen<string> Text = Fuzz.Soup(Tokens, "aA. -'’!?", maxPieces: 50);

    [Fact]
    public void SlugFromTitle_AnyText_GivesAValidSlugOrNothing() =>
        Fuzz.NeverThrows(Gen.Select(Text, Gen.Int[1, 120]), input =>
        {
            var slug = Slug.FromTitle(input.Item1, input.Item2);
            Assert.True(slug.Length == 0 || (Slug.IsValid(slug) && slug.Length <= input.Item2), $"\"{slug}\"");
        }, Fuzz.Iterations(2000));

    [Fact]
    public void SentenceSplitter_AnyText_GivesSubstringsInOrder() =>
        Fuzz.NeverThrows(Gen.Select(Text, Gen.OneOf("", "en", "ru", "zh", "ja", "ar", "fr", "es", "de", "hi", "pl")), input =>
        {
            var (text, language) = input;
            var position = 0;
            foreach (var sentence in SentenceSplitter.Split(text, language.Length == 0 ? null : Hexapla.Languages.LanguageTag.Parse(language)))
            {
                var at = text.IndexOf(sentence, position, StringComparison.Ordinal);
                Assert.True(at >= 0, $"\"{sentence}\" is not in the text after position {position}");
                position = at + sentence.Length;
            }
        }, Fuzz.Iterations(2000));

    [Fact]
    public void SentenceAligner_AnyTwoParagraphs_CoversEverySentenceOnce() =>
        Fuzz.NeverThrows(Gen.Select(Text, Text), pair =>
        {
            var source = SentenceSplitter.Split(pair.Item1);
            var target = SentenceSplitter.Split(pair.Item2);
            var groups = SentenceAligner.Align(source, target);
            Assert.Equal(source.Count, groups.Sum(g => g.SourceCount));
            Assert.Equal(target.Count, groups.Sum(g => g.TargetCount));
        });

    [Fact]
    public void SimilarityWithAThreshold_AgreesWithTheFullScore_WheneverItIsReached()
    {
        // A small alphabet, so that many pairs are close to each other and to any threshold.
        var text = Gen.String[Gen.Char["ab c"], 0, 40];
        Fuzz.NeverThrows(Gen.Select(text, text, Gen.Int[0, 100]), input =>
        {
            var (a, b, percent) = input;
            var threshold = percent / 100.0;
            var full = TextSimilarity.Score(a, b);
            var bounded = TextSimilarity.Score(a, b, threshold);
            if (full >= threshold)
            {
                Assert.Equal(full, bounded);
            }
            else
            {
                Assert.True(bounded < threshold, $"{bounded} for \"{a}\" and \"{b}\" at {threshold}, where the full score is {full}");
            }
        }, Fuzz.Iterations(5000));
    }

    [Fact]
    public void BoundedDistance_IsTheEditDistance_OrOneMoreThanTheLimit()
    {
        var text = Gen.String[Gen.Char["abc"], 0, 30];
        Fuzz.NeverThrows(Gen.Select(text, text, Gen.Int[0, 35]), input =>
        {
            var (a, b, limit) = input;
            var distance = Levenshtein(a, b);
            Assert.Equal(distance <= limit ? distance : limit + 1, TextSimilarity.BoundedDistance(a, b, limit));
        }, Fuzz.Iterations(5000));
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }

    [Fact]
    public void LanguageDetector_AnyMarkup_GivesAnAnswerOrAReason() =>
        Fuzz.NeverThrows(Fuzz.Soup([.. Tokens, "[", "]", "(", ")", "![", "](", "<a href=\"", "\">", "</a>", "<!--", "-->", "`", "```", "---\n", "https://", "www.", "@", "&eacute;", "&#x4e2d;", "<pre>", "</pre>", "|", "#", "的", "是", "の", "і", "ñ"], "aA. <>[]()`", maxPieces: 60), text =>
        {
            var result = Hexapla.Languages.LanguageDetector.Detect(text, []);
            Assert.NotEmpty(result.Reason);
            Assert.InRange(result.Confidence, 0, 1);
            Assert.Equal(result.Language is null, result.IsUnsure);
        }, Fuzz.Iterations(2000));

    [Fact]
    public void LanguageDetector_TimeGrowsLinearlyWithMarkup()
    {
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("[![a](b)](c) ", n), t => Hexapla.Languages.LanguageDetector.Detect(t, []), 5_000, "nested links");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("<a href=\"x ", n), t => Hexapla.Languages.LanguageDetector.Detect(t, []), 5_000, "unclosed tags");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("<!-- <pre> `", n), t => Hexapla.Languages.LanguageDetector.Detect(t, []), 5_000, "unclosed comments, elements and code spans");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("a.b/c@d", n), t => Hexapla.Languages.LanguageDetector.Detect(t, []), 5_000, "one long dotted name");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("```\n", n), t => Hexapla.Languages.LanguageDetector.Detect(t, []), 5_000, "fences");
    }

    [Fact]
    public void SlugAndSentences_TimeGrowsLinearlyWithInput()
    {
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("Развитие ситуации в Ираке. ", n), t => Slug.FromTitle(t), 5_000, "slug from a long title");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("Mr. a ", n), t => SentenceSplitter.Split(t), 5_000, "abbreviations");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("a.b", n) + ". A", t => SentenceSplitter.Split(t), 5_000, "one long word before a stop");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("Yes. ", n), t => SentenceSplitter.Split(t), 5_000, "many sentences");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("好。」", n), t => SentenceSplitter.Split(t), 5_000, "Chinese sentences without spaces");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("т. е. ", n) + "А", t => SentenceSplitter.Split(t), 5_000, "spaced abbreviations");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("! ", n) + "»", t => SentenceSplitter.Split(t), 5_000, "stops and spaces before a guillemet");
    }
}
