using System.Globalization;
using System.Text;
using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Bench.Corpus;

/// <summary>
/// A deterministic corpus: document <c>i</c> of seed <c>s</c> is the same on every run and machine
/// (given the same word lists), whatever else was generated before it, because each document draws from its own
/// <see cref="Random"/> seeded from (s, i). That also lets the query mix reread any document cheaply.
/// </summary>
/// <remarks>
/// Each document has a ru-RU original and an en-GB translation, both published at the document's date. Bodies
/// run 300 to 1,500 words (the translation within -10 %..+20 % of the original's length), in paragraphs of 40 to
/// 120 words and sentences of 8 to 25 words that start with a capital and end with a period. The two versions share
/// no text: they are as alike as a translation is to an index, which is to say not at all.
/// The six-language corpus (<see cref="LoadUn"/>) has the same shape, with an original in ar, en-GB, es, fr, ru-RU or zh
/// in turn (document i's is the (i mod 6)th) and a translation in one of the other five; Chinese words are written
/// without spaces and its sentences end with 。.
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

    /// <summary>The six official languages of the UN, in the order of <see cref="LoadUn"/>'s corpus.</summary>
    public static readonly IReadOnlyList<LanguageTag> UnLanguages = [.. new[] { "ar", "en-GB", "es", "fr", "ru-RU", "zh" }.Select(LanguageTag.Parse)];

    private readonly bool _six;

    public CorpusGenerator(Vocabulary russian, Vocabulary english, int seed)
    {
        _seed = seed;
        _languages =
        [
            new Language(Russian, russian, new ZipfSampler(russian.Words.Count, ZipfExponent)),
            new Language(English, english, new ZipfSampler(english.Words.Count, ZipfExponent)),
        ];
    }

    private CorpusGenerator(IReadOnlyList<(LanguageTag Tag, Vocabulary Vocabulary)> languages, int seed)
    {
        _seed = seed;
        _six = true;
        _languages = [.. languages.Select(l => new Language(l.Tag, l.Vocabulary, new ZipfSampler(l.Vocabulary.Words.Count, ZipfExponent)))];
    }

    /// <summary>Loads the word lists <c>ru.txt</c> and <c>en.txt</c> from <paramref name="folder"/>.</summary>
    public static CorpusGenerator Load(string folder, int seed) =>
        new(Vocabulary.Load(Path.Combine(folder, "ru.txt"), seed), Vocabulary.Load(Path.Combine(folder, "en.txt"), seed + 1), seed);

    /// <summary>
    /// Loads the six-language corpus's word lists (<c>ar.txt</c>, <c>en.txt</c>, <c>es.txt</c>, <c>fr.txt</c>,
    /// <c>ru.txt</c>, <c>zh.txt</c>; <c>bench/prepare-wordlists.sh --un</c> writes them) from <paramref name="folder"/>.
    /// </summary>
    public static CorpusGenerator LoadUn(string folder, int seed) =>
        new([.. UnLanguages.Select((tag, i) => (tag, Vocabulary.Load(Path.Combine(folder, FileOf(tag)), seed + i)))], seed);

    /// <summary>The word list file of <paramref name="language"/>.</summary>
    public static string FileOf(LanguageTag language) => language.Language + ".txt";

    /// <summary>The languages of the corpus: ru-RU and en-GB, or the six of <see cref="UnLanguages"/>.</summary>
    public IReadOnlyList<LanguageTag> Languages => _six ? UnLanguages : [English, Russian];

    /// <summary>True for a language whose words are written without spaces between them (Chinese).</summary>
    public static bool Unspaced(LanguageTag language) => language.Language == "zh";

    /// <summary>The vocabulary of <paramref name="language"/>, in rank order.</summary>
    public Vocabulary VocabularyOf(LanguageTag language) => Find(language).Vocabulary;

    /// <summary>
    /// The words of document <paramref name="index"/>'s <paramref name="language"/> body in order, lowercase, the
    /// last of each sentence followed by a period (the same for every language): what queries are cut from.
    /// </summary>
    public IReadOnlyList<string> BodyWords(int index, LanguageTag language)
    {
        var words = new List<string>();
        Generate(index, (language, words));
        return words.Count > 0 ? words : throw new ArgumentException($"Document {index} has no {language} version.", nameof(language));
    }

    /// <summary>Documents 0..count-1, made one at a time as they are enumerated: none is kept.</summary>
    public IEnumerable<Document> Documents(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Generate(i);
        }
    }

    /// <summary>Document <paramref name="index"/> (0-based; its slug counts from 1).</summary>
    public Document Generate(int index) => Generate(index, null);

    private Document Generate(int index, (LanguageTag Language, List<string> Words)? capture)
    {
        var random = RandomFor(index);
        var date = FirstDate.AddSeconds(random.NextInt64(TenYearsInSeconds));
        var tags = Tags.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var originalLength = random.Next(MinWords, MaxWords + 1);
        var translationLength = Math.Clamp((int)(originalLength * (0.9 + (0.3 * random.NextDouble()))), MinWords, MaxWords);

        List<string>? Sink(Language language) => capture is { } c && c.Language == language.Tag ? c.Words : null;

        Language original;
        Language translation;
        LanguageVersion[] versions;
        if (!_six)
        {
            original = _languages[0];
            translation = _languages[1];
            // Versions ordered by language tag, as the store returns them.
            versions =
            [
                MakeVersion(translation, random, translationLength, date, sourceRevision: 1, Sink(translation)),
                MakeVersion(original, random, originalLength, date, sourceRevision: null, Sink(original)),
            ];
        }
        else
        {
            original = _languages[index % _languages.Length];
            translation = _languages[(index + 1 + random.Next(_languages.Length - 1)) % _languages.Length];
            var made = new[]
            {
                MakeVersion(original, random, originalLength, date, sourceRevision: null, Sink(original)),
                MakeVersion(translation, random, translationLength, date, sourceRevision: 1, Sink(translation)),
            };
            versions = [.. made.OrderBy(v => v.Language)];
        }

        return new Document
        {
            Slug = string.Create(CultureInfo.InvariantCulture, $"doc-{index + 1:D6}"),
            OriginalLanguage = original.Tag,
            Tags = tags,
            ExpectedLanguages = [.. versions.Select(v => v.Language)],
            CreatedAt = date,
            UpdatedAt = date,
            Versions = versions,
        };
    }

    private static LanguageVersion MakeVersion(Language language, Random random, int words, DateTimeOffset date, int? sourceRevision, List<string>? sink)
    {
        var title = new StringBuilder(80);
        AppendSentence(title, language, random, random.Next(4, 11), period: false, sink: null);
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
                if (!first && !language.Unspaced)
                {
                    body.Append(' ');
                }

                AppendSentence(body, language, random, sentence, period: true, sink);
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

    private static void AppendSentence(StringBuilder text, Language language, Random random, int words, bool period, List<string>? sink)
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
                if (!language.Unspaced)
                {
                    text.Append(' ');
                }

                text.Append(word);
            }

            sink?.Add(period && i == words - 1 ? word + "." : word);
        }

        if (period)
        {
            text.Append(language.Unspaced ? '。' : '.');
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

    private sealed record Language(LanguageTag Tag, Vocabulary Vocabulary, ZipfSampler Sampler)
    {
        public bool Unspaced { get; } = CorpusGenerator.Unspaced(Tag);
    }
}
