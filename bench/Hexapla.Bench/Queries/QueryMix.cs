using Hexapla.Bench.Corpus;
using Hexapla.Languages;

namespace Hexapla.Bench.Queries;

/// <summary>The kinds of query in the mix.</summary>
internal enum QueryKind
{
    /// <summary>One word of Zipf rank under 100: many matches, long posting lists.</summary>
    Common,

    /// <summary>One word of rank 5,000 to 50,000: few matches.</summary>
    Rare,

    /// <summary>Two words (both must match) taken from one generated version, so at least it matches.</summary>
    Pair,

    /// <summary>Two adjacent words of one generated sentence, in double quotes.</summary>
    Phrase,

    /// <summary>
    /// Russian only: another form of a word (rank under 5,000) from the same dictionary entry. Literal matching
    /// finds the form asked for; a stemmer also finds the word's other forms.
    /// </summary>
    Inflected,
}

/// <summary>One query: the text as a reader would type it (Hexapla syntax), its language and kind.</summary>
internal sealed record BenchQuery(int Number, QueryKind Kind, LanguageTag Language, string Text)
{
    /// <summary>The words and phrases of <see cref="Text"/>: a phrase keeps its inner space.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];
}

/// <summary>
/// The fixed query mix: the same list for the same seed, corpus size and word lists. Queries come shuffled
/// together, so the warm-up (the first ones) is a sample of every kind.
/// </summary>
internal static class QueryMix
{
    /// <summary>How many queries the mix has, shared equally among the corpus's languages.</summary>
    public const int Total = 1_200;

    public static IReadOnlyList<BenchQuery> Create(CorpusGenerator corpus, int documents, int seed)
    {
        var random = new Random(unchecked((seed * 7919) + 17));
        var drafts = new List<(QueryKind Kind, LanguageTag Language, IReadOnlyList<string> Terms)>();
        var perLanguage = Total / corpus.Languages.Count;
        foreach (var language in corpus.Languages)
        {
            // Another form of a word only where the word list groups forms by dictionary entry (ru, es).
            QueryKind[] kinds = corpus.VocabularyOf(language).HasFamilies
                ? [QueryKind.Common, QueryKind.Rare, QueryKind.Pair, QueryKind.Phrase, QueryKind.Inflected]
                : [QueryKind.Common, QueryKind.Rare, QueryKind.Pair, QueryKind.Phrase];
            AddLanguage(drafts, corpus, documents, language, kinds, perLanguage, random);
        }

        for (var i = drafts.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (drafts[i], drafts[j]) = (drafts[j], drafts[i]);
        }

        return [.. drafts.Select((d, i) => new BenchQuery(i + 1, d.Kind, d.Language, ToText(d.Terms, d.Kind)) { Terms = d.Terms })];
    }

    private static void AddLanguage(
        List<(QueryKind, LanguageTag, IReadOnlyList<string>)> drafts, CorpusGenerator corpus, int documents,
        LanguageTag language, QueryKind[] kinds, int perLanguage, Random random)
    {
        var vocabulary = corpus.VocabularyOf(language);
        var each = perLanguage / kinds.Length;
        foreach (var kind in kinds)
        {
            for (var i = 0; i < each; i++)
            {
                IReadOnlyList<string> terms = kind switch
                {
                    QueryKind.Common => [vocabulary.Words[random.Next(100)]],
                    QueryKind.Rare => [vocabulary.Words[random.Next(5_000, Math.Min(50_000, vocabulary.Words.Count))]],
                    QueryKind.Pair => PairFrom(Words(corpus, documents, language, random), random),
                    QueryKind.Phrase => [PhraseFrom(Words(corpus, documents, language, random), random, CorpusGenerator.Unspaced(language) ? "" : " ")],
                    QueryKind.Inflected => [OtherForm(vocabulary, random)],
                    _ => throw new ArgumentOutOfRangeException(nameof(kinds)),
                };
                drafts.Add((kind, language, terms));
            }
        }
    }

    /// <summary>
    /// The body of a random document's version in <paramref name="language"/>, as lowercase words with sentence ends
    /// marked by a period. In the six-language corpus not every document has every language: the next one that does.
    /// </summary>
    private static string[] Words(CorpusGenerator corpus, int documents, LanguageTag language, Random random)
    {
        var start = random.Next(documents);
        for (var i = 0; i < documents; i++)
        {
            var index = (start + i) % documents;
            if (corpus.Generate(index).Version(language) is not null)
            {
                return [.. corpus.BodyWords(index, language)];
            }
        }

        throw new InvalidOperationException($"No document of the corpus has a {language} version.");
    }

    private static string[] PairFrom(string[] words, Random random)
    {
        var first = words[random.Next(words.Length)].TrimEnd('.');
        string second;
        do
        {
            second = words[random.Next(words.Length)].TrimEnd('.');
        }
        while (second == first);
        return [first, second];
    }

    private static string PhraseFrom(string[] words, Random random, string separator)
    {
        // Two neighbours within one sentence: the first must not end it.
        while (true)
        {
            var i = random.Next(words.Length - 1);
            if (!words[i].EndsWith('.'))
            {
                return $"{words[i]}{separator}{words[i + 1].TrimEnd('.')}";
            }
        }
    }

    private static string OtherForm(Vocabulary vocabulary, Random random)
    {
        while (true)
        {
            var rank = random.Next(5_000);
            var family = vocabulary.Family(rank);
            var word = vocabulary.Words[rank];
            var others = family.Where(f => f != word).ToList();
            if (others.Count > 0)
            {
                return others[random.Next(others.Count)];
            }
        }
    }

    private static string ToText(IReadOnlyList<string> terms, QueryKind kind) =>
        string.Join(' ', terms.Select(t => kind == QueryKind.Phrase ? $"\"{t}\"" : t));
}
