using System.Globalization;
using Hexapla.Languages;

namespace Hexapla.Translation;

/// <summary>Splits a paragraph into sentences, in any script the memory and alignment see.</summary>
/// <remarks>
/// <para>
/// A sentence ends at <c>.</c>, <c>!</c>, <c>?</c>, <c>…</c>, the Arabic question mark <c>؟</c> or the Arabic full stop
/// <c>۔</c> (with any closing quotes or brackets after them, and a French closing guillemet after a space: <c>! »</c>)
/// followed by white space and what can start a sentence: an upper-case letter, a letter of a script without case
/// (Arabic, Devanagari, Han…), a digit, an opening quote or bracket, a dash, or Spanish <c>¿</c> and <c>¡</c>. The Arabic
/// comma <c>،</c> and semicolon <c>؛</c>, like <c>,</c> and <c>;</c>, end nothing; nor does a French <c>:</c> or
/// <c>;</c>, with or without the space before it.
/// </para>
/// <para>
/// The ideographic full stop <c>。</c>, the full-width <c>！</c>, <c>？</c> and <c>；</c> (Chinese and Japanese) and the
/// Devanagari danda <c>।</c> and <c>॥</c> end a sentence whatever follows, space or none, after any closing quotes
/// (<c>。」</c>, <c>！”</c>), unless a quotation closes and the Japanese particle <c>と</c> follows it (<c>「…？」と</c>
/// goes on the same sentence). So do <c>.</c>, <c>!</c>, <c>?</c> and <c>…</c> written between two Chinese or Japanese
/// characters without a space.
/// </para>
/// <para>
/// A full stop after an abbreviation of the text's language ends nothing: <c>Mr.</c>, <c>г.</c>, <c>т. е.</c> (with or
/// without the space), <c>Sr.</c>, <c>p. ej.</c>, <c>z. B.</c>; nor after an initial (<c>J.</c>, <c>В.</c>, <c>M.</c>)
/// or a lone Arabic letter (<c>د.</c> for doctor). Without a language, every list applies. In German and other languages
/// that write ordinals with a full stop (<c>3. Oktober</c>), a number of up to three digits before it ends nothing.
/// </para>
/// <para>
/// Each sentence is an exact substring of the text; only the white space between sentences is left out. English and
/// Russian text splits exactly as before these rules for other scripts were added, except after spaced abbreviations
/// such as <c>т. е.</c>, which now end nothing, like <c>т.е.</c> always did.
/// </para>
/// </remarks>
public static class SentenceSplitter
{
    /// <summary>The sentences of <paramref name="text"/>, in order, with every language's abbreviations.</summary>
    /// <returns>None for blank text; one when nothing ends a sentence inside it.</returns>
    public static IReadOnlyList<string> Split(string text) => Split(text, null);

    /// <summary>The sentences of <paramref name="text"/> written in <paramref name="language"/>, in order.</summary>
    /// <param name="text">The paragraph.</param>
    /// <param name="language">Its language, which chooses the abbreviations; null for every language's.</param>
    /// <returns>None for blank text; one when nothing ends a sentence inside it.</returns>
    public static IReadOnlyList<string> Split(string text, LanguageTag? language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var abbreviations = SentenceAbbreviations.For(language?.Language);
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsStop(text[i]))
            {
                continue;
            }

            // The run of stops and closing marks that ends here: "?!", ".»", "。」", "! »".
            var firm = IsFirmStop(text[i]);
            var end = i + 1;
            while (end < text.Length)
            {
                if (IsStop(text[end]))
                {
                    firm |= IsFirmStop(text[end]);
                    end++;
                }
                else if (IsCloser(text[end]))
                {
                    end++;
                }
                else if (ClosingGuillemetAfterSpace(text, end) is var guillemet and > 0)
                {
                    end = guillemet + 1;
                }
                else
                {
                    break;
                }
            }

            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next >= text.Length || !EndsHere(text, start, i, end, next, firm, abbreviations))
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

    /// <summary>Whether the stops from <paramref name="stop"/> to <paramref name="end"/> end the sentence begun at <paramref name="start"/>; the next one would begin at <paramref name="next"/>.</summary>
    private static bool EndsHere(string text, int start, int stop, int end, int next, bool firm, SentenceAbbreviations abbreviations)
    {
        if (firm)
        {
            // Japanese quotes a sentence into another with a particle after the closing quote: 「本当ですか？」と尋ねた。
            return !(next == end && end > stop + 1 && IsCloser(text[end - 1]) && text[next] == 'と');
        }

        if (next == end)
        {
            // No space: only between Chinese or Japanese characters, which are written without one.
            return stop > start && IsSpacelessScript(text, stop - 1) && (IsSpacelessScript(text, next) || IsOpener(text[next]));
        }

        return StartsSentence(text, next) && !(text[stop] == '.' && abbreviations.EndsAbbreviation(text, start, stop));
    }

    private static bool IsStop(char c) => c is '.' or '!' or '?' or '…' or '؟' or '۔' || IsFirmStop(c);

    /// <summary>Stops that end a sentence whatever follows them.</summary>
    private static bool IsFirmStop(char c) => c is '。' or '｡' or '！' or '？' or '；' or '।' or '॥';

    private static bool IsCloser(char c) =>
        c is '"' or '\'' or '»' or '›' or '”' or '’' or ')' or ']' or '」' or '』' or '）' or '》' or '〉' or '】' or '〕' or '〗' or '〙' or '］' or '｝' or '｣' or '〞' or '〟';

    private static bool IsOpener(char c) =>
        c is '"' or '\'' or '«' or '‹' or '“' or '„' or '‘' or '(' or '[' or '「' or '『' or '（' or '《' or '〈' or '【' or '〔' or '〖' or '［' or '｢' or '〝';

    /// <summary>The index of a French closing guillemet that follows <paramref name="at"/> after spaces on the same line (<c>Oui ! »</c>), or −1.</summary>
    private static int ClosingGuillemetAfterSpace(string text, int at)
    {
        var k = at;
        while (k < text.Length && text[k] is ' ' or '\u00A0' or '\u202F' or '\u2009')
        {
            k++;
        }

        return k > at && k < text.Length && text[k] is '»' or '›' ? k : -1;
    }

    private static bool StartsSentence(string text, int index)
    {
        var c = text[index];
        if (char.IsDigit(c) || IsOpener(c) || c is '—' or '–' or '-' or '¿' or '¡')
        {
            return true;
        }

        // Upper case, title case, or a letter of a script without case (Arabic, Hebrew, Devanagari, Han, kana, Thai…).
        return CharUnicodeInfo.GetUnicodeCategory(text, index) is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.OtherLetter;
    }

    /// <summary>Whether the character at <paramref name="index"/> is Han, kana, CJK punctuation or a full-width form: writing without spaces.</summary>
    private static bool IsSpacelessScript(string text, int index)
    {
        int c = text[index];
        if (char.IsLowSurrogate(text[index]) && index > 0 && char.IsHighSurrogate(text[index - 1]))
        {
            c = char.ConvertToUtf32(text[index - 1], text[index]);
        }
        else if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            c = char.ConvertToUtf32(text[index], text[index + 1]);
        }

        // Han beyond the BMP (extension B on) lies in planes 2 and 3.
        return c is (>= 0x3000 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFF00 and <= 0xFFEF) or (>= 0x20000 and <= 0x3FFFF);
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
