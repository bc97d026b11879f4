using System.Globalization;
using System.Text;
using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Bench.Corpus;

/// <summary>
/// A deterministic bilingual corpus: document <c>i</c> of seed <c>s</c> is the same on every run and machine
/// (given the same word lists), whatever else was generated before it, because each document draws from its own
/// <see cref="Random"/> seeded from (s, i). That also lets the query mix reread any document cheaply.
/// </summary>
/// <remarks>
/// Each document has a ru-RU original and an en-GB translation, both published at the document's date. Bodies
/// run 300 to 1,500 words (the translation within -10 %..+20 % of the original's length), in paragraphs of 40 to
/// 120 words and sentences of 8 to 25 words that start with a capital and end with a period. The two versions share
/// no text: they are as alike as a translation is to an index, which is to say not at all.
/// </remarks>
internal sealed class CorpusGenerator
{
    /// <summary>The original language of every document.</summary>
    public static readonly LanguageTag Russian = LanguageTag.Parse("ru-RU");

    /// <summary>The language of every translation.</summary>
    public static readonly LanguageTag English = LanguageTag.Parse("en-GB");

    /// <summary>Documents are dated from here on, over ten years.</summary>
    public static readonly DateTimeOffset FirstDate = new(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A moment after every document's date: the "now" of indexing and search.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const double ZipfExponent = 1.0;
    public const int MinWords = 300;
    public const int MaxWords = 1_500;

    /// <summary>The fixed tag set; each document takes one to three.</summary>
    public static readonly IReadOnlyList<string> Tags =
    [
        "politics", "economy", "culture", "science", "technology", "health", "education", "environment", "sport",
        "travel", "history", "literature", "music", "cinema", "art", "business", "finance", "energy", "transport",
        "agriculture", "law", "religion", "media", "society", "architecture", "food", "fashion", "space", "climate",
        "migration",
    ];

    private static readonly long TenYearsInSeconds = (long)(FirstDate.AddYears(10) - FirstDate).TotalSeconds;

    private readonly int _seed;
    private readonly Language[] _languages;

    public CorpusGenerator(Vocabulary russian, Vocabulary english, int seed)
    {
        _seed = seed;
        _languages =
        [
            new Language(Russian, russian, new ZipfSampler(russian.Words.Count, ZipfExponent)),
            new Language(English, english, new ZipfSampler(english.Words.Count, ZipfExponent)),
        ];
    }

    /// <summary>Loads the word lists <c>ru.txt</c> and <c>en.txt</c> from <paramref name="folder"/>.</summary>
    public static CorpusGenerator Load(string folder, int seed) =>
        new(Vocabulary.Load(Path.Combine(folder, "ru.txt"), seed), Vocabulary.Load(Path.Combine(folder, "en.txt"), seed + 1), seed);

    /// <summary>The vocabulary of <paramref name="language"/>, in rank order.</summary>
    public Vocabulary VocabularyOf(LanguageTag language) => Find(language).Vocabulary;

    /// <summary>Documents 0..count-1, made one at a time as they are enumerated: none is kept.</summary>
    public IEnumerable<Document> Documents(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Generate(i);
        }
    }

    /// <summary>Document <paramref name="index"/> (0-based; its slug counts from 1).</summary>
    public Document Generate(int index)
    {
        var random = RandomFor(index);
        var date = FirstDate.AddSeconds(random.NextInt64(TenYearsInSeconds));
        var tags = Tags.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var originalLength = random.Next(MinWords, MaxWords + 1);
        var translationLength = Math.Clamp((int)(originalLength * (0.9 + (0.3 * random.NextDouble()))), MinWords, MaxWords);

        // Versions ordered by language tag, as the store returns them.
        LanguageVersion[] versions =
        [
            MakeVersion(_languages[1], random, translationLength, date, sourceRevision: 1),
            MakeVersion(_languages[0], random, originalLength, date, sourceRevision: null),
        ];
        return new Document
        {
            Slug = string.Create(CultureInfo.InvariantCulture, $"doc-{index + 1:D6}"),
            OriginalLanguage = Russian,
            Tags = tags,
            ExpectedLanguages = [English, Russian],
            CreatedAt = date,
            UpdatedAt = date,
            Versions = versions,
        };
    }

    private static LanguageVersion MakeVersion(Language language, Random random, int words, DateTimeOffset date, int? sourceRevision)
    {
        var title = new StringBuilder(80);
        AppendSentence(title, language, random, random.Next(4, 11), period: false);
        var body = new StringBuilder(words * 12);
        foreach (var paragraph in Split(words, 40, 120, random))
        {
            if (body.Length > 0)
            {
                body.Append("\n\n");
            }

            var first = true;
            foreach (var sentence in Split(paragraph, 8, 25, random))
            {
                if (!first)
                {
                    body.Append(' ');
                }

                AppendSentence(body, language, random, sentence, period: true);
                first = false;
            }
        }

        return new LanguageVersion
        {
            Language = language.Tag,
            Title = title.ToString(),
            Body = body.ToString(),
            State = VersionState.Published,
            PublishedAt = date,
            Revision = 1,
            SourceRevision = sourceRevision,
            UpdatedAt = date,
        };
    }

    private static void AppendSentence(StringBuilder text, Language language, Random random, int words, bool period)
    {
        for (var i = 0; i < words; i++)
        {
            var word = language.Vocabulary.Words[language.Sampler.Next(random)];
            if (i == 0)
            {
                text.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else
            {
                text.Append(' ').Append(word);
            }
        }

        if (period)
        {
            text.Append('.');
        }
    }

    /// <summary>
    /// Cuts <paramref name="total"/> into parts of <paramref name="min"/> to <paramref name="max"/> (needs
    /// max ≥ 2·min; a total under min gives one short part).
    /// </summary>
    private static List<int> Split(int total, int min, int max, Random random)
    {
        var parts = new List<int>();
        while (total > max)
        {
            var part = random.Next(min, max + 1);
            if (total - part < min)
            {
                part = total - min;
            }

            parts.Add(part);
            total -= part;
        }

        parts.Add(total);
        return parts;
    }

    private Language Find(LanguageTag tag) =>
        _languages.FirstOrDefault(l => l.Tag == tag) ?? throw new ArgumentException($"The corpus has no {tag} versions.", nameof(tag));

    /// <summary>A generator for one document, seeded from the corpus seed and the index (SplitMix64 finaliser).</summary>
    private Random RandomFor(int index)
    {
        var z = ((ulong)(uint)_seed << 32) | (uint)index;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Random((int)(z & 0x7FFF_FFFF));
    }

    private sealed record Language(LanguageTag Tag, Vocabulary Vocabulary, ZipfSampler Sampler);
}
