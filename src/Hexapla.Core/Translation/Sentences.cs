namespace Hexapla.Translation;

/// <summary>Splits a paragraph into sentences (English, Russian and other languages that write . ! ? …).</summary>
/// <remarks>
/// A sentence ends at <c>.</c>, <c>!</c>, <c>?</c> or <c>…</c> (with any closing quotes or brackets after them) followed
/// by white space and an upper-case letter, an opening quote or a dash. A full stop after a common abbreviation
/// (<c>Mr.</c>, <c>e.g.</c>, <c>г.</c>, <c>т.е.</c>) or an initial (<c>J.</c>, <c>В.</c>) ends nothing. Each sentence is
/// an exact substring of the text; only the white space between sentences is left out.
/// </remarks>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr", "vs", "e.g", "i.e", "cf", "no", "fig", "gen", "col", "lt", "sgt", "rev", "hon", "u.s", "u.k",
        "г", "гг", "т.е", "т.к", "т.н", "т.ч", "т.д", "т.п", "им", "ул", "проф", "акад", "стр", "см", "напр", "тыс", "млн", "млрд", "руб", "ст", "пр", "г-н", "г-жа",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int LongestAbbreviation = Abbreviations.Max(a => a.Length);

    /// <summary>The sentences of <paramref name="text"/>, in order; none for blank text, one when nothing ends a sentence inside it.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?' or '…' or '"' or '\'' or '»' or '”' or '’' or ')' or ']')
            {
                end++;
            }

            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next == end || next >= text.Length || !StartsSentence(text[next]) || (text[i] == '.' && IsAbbreviation(text, start, i)))
            {
                i = end - 1;
                continue;
            }

            Add(sentences, text, start, end);
            start = next;
            i = next - 1;
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || c is '"' or '\'' or '«' or '“' or '„' or '‘' or '—' or '–' or '-' or '(' or '[' || char.IsDigit(c);

    /// <summary>Whether the word before the full stop at <paramref name="dot"/> is an initial or a listed abbreviation.</summary>
    /// <remarks>Called at nearly every sentence end: a word longer than any abbreviation is ruled out without copying it.</remarks>
    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        // Walks back over the word, but never further than the longest abbreviation and one more letter.
        var wordStart = dot;
        var floor = Math.Max(sentenceStart, dot - LongestAbbreviation - 1);
        while (wordStart > floor && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"' or '«' or '“'))
        {
            wordStart--;
        }

        var length = dot - wordStart;
        if (length == 1 && char.IsUpper(text[wordStart]))
        {
            return true; // an initial
        }

        if (length == 0 || length > LongestAbbreviation)
        {
            return false;
        }

        // Invariant lower-casing maps each char to one char, so the lower-cased word has the same length.
        Span<char> lower = stackalloc char[LongestAbbreviation];
        text.AsSpan(wordStart, length).ToLowerInvariant(lower);
        return AbbreviationLookup.Contains(lower[..length]);
    }

    private static void Add(List<string> sentences, string text, int start, int end)
    {
        var sentence = text.AsSpan(start, end - start).Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence.Length == text.Length ? text : sentence.ToString());
        }
    }
}

/// <summary>
/// A group of consecutive sentences of a source text and of its translation that say the same thing; either side may
/// be empty (a sentence left out or added in translation).
/// </summary>
/// <param name="SourceStart">Index of the first source sentence.</param>
/// <param name="SourceCount">How many source sentences (0–2).</param>
/// <param name="TargetStart">Index of the first target sentence.</param>
/// <param name="TargetCount">How many target sentences (0–2).</param>
public sealed record AlignedGroup(int SourceStart, int SourceCount, int TargetStart, int TargetCount);

/// <summary>
/// Aligns the sentences of a text with those of its translation by their lengths in characters (Gale and Church,
/// 1993): long sentences translate into long ones.
/// </summary>
/// <remarks>
/// A dynamic programme over the two sentence lists chooses steps 1–1, 1–0, 0–1, 2–1, 1–2 and 2–2, each costing
/// −log(prior) − log P(length difference | match). The difference is δ = (l₂ − c·l₁) / √(s²·l), with c the ratio of the
/// two texts' total lengths (so Russian running longer than English is allowed for), s² = 6.8 and l the mean of l₁
/// and l₂/c. Every sentence belongs to exactly one group; groups come in order.
/// </remarks>
public static class SentenceAligner
{
    private const double Variance = 6.8;

    private static readonly (int Source, int Target, double Prior)[] Steps =
    [
        (1, 1, 0.89), (1, 0, 0.0099 / 2), (0, 1, 0.0099 / 2), (2, 1, 0.089 / 2), (1, 2, 0.089 / 2), (2, 2, 0.011),
    ];

    /// <summary>The groups that align <paramref name="source"/> with <paramref name="target"/>; empty when both are empty.</summary>
    public static IReadOnlyList<AlignedGroup> Align(IReadOnlyList<string> source, IReadOnlyList<string> target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var sourceLengths = source.Select(s => s.Length).ToArray();
        var targetLengths = target.Select(s => s.Length).ToArray();
        var sourceTotal = sourceLengths.Sum();
        var targetTotal = targetLengths.Sum();
        var ratio = sourceTotal > 0 && targetTotal > 0 ? (double)targetTotal / sourceTotal : 1.0;

        // Cell (i, j) of the programme is [i * width + j].
        var width = target.Count + 1;
        var cost = new double[(source.Count + 1) * width];
        var back = new byte[cost.Length];
        for (var i = 0; i <= source.Count; i++)
        {
            for (var j = 0; j <= target.Count; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }

                var best = double.PositiveInfinity;
                for (var s = 0; s < Steps.Length; s++)
                {
                    var (di, dj, prior) = Steps[s];
                    if (i < di || j < dj || double.IsPositiveInfinity(cost[((i - di) * width) + j - dj]))
                    {
                        continue;
                    }

                    var l1 = Sum(sourceLengths, i - di, di);
                    var l2 = Sum(targetLengths, j - dj, dj);
                    var candidate = cost[((i - di) * width) + j - dj] + StepCost(l1, l2, ratio, prior);
                    if (candidate < best)
                    {
                        best = candidate;
                        back[(i * width) + j] = (byte)s;
                    }
                }

                cost[(i * width) + j] = best;
            }
        }

        var groups = new List<AlignedGroup>();
        for (int i = source.Count, j = target.Count; i > 0 || j > 0;)
        {
            var (di, dj, _) = Steps[back[(i * width) + j]];
            groups.Add(new AlignedGroup(i - di, di, j - dj, dj));
            i -= di;
            j -= dj;
        }

        groups.Reverse();
        return groups;
    }

    private static int Sum(int[] lengths, int start, int count)
    {
        var sum = 0;
        for (var k = start; k < start + count; k++)
        {
            sum += lengths[k];
        }

        return sum;
    }

    private static double StepCost(int l1, int l2, double ratio, double prior)
    {
        var mean = (l1 + (l2 / ratio)) / 2;
        var delta = mean <= 0 ? 0 : Math.Abs(l2 - (ratio * l1)) / Math.Sqrt(Variance * mean);
        // Two-tailed probability of a difference at least this large under a standard normal distribution.
        var probability = Math.Max(2 * (1 - NormalCdf(delta)), 1e-12);
        return -Math.Log(prior) - Math.Log(probability);
    }

    private static double NormalCdf(double x)
    {
        // Abramowitz and Stegun 7.1.26, for x ≥ 0.
        var t = 1 / (1 + (0.3275911 * x / Math.Sqrt(2)));
        var erf = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x / 2);
        return 0.5 * (1 + erf);
    }
}
