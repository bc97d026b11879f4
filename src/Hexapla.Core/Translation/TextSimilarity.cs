using System.Globalization;

namespace Hexapla.Translation;

/// <summary>How similar two segments are, for fuzzy matches in the translation memory.</summary>
public static class TextSimilarity
{
    /// <summary>Beyond this many characters per side, only the word-level measure is computed (it is quadratic).</summary>
    private const int MaxCharacterLength = 2000;

    /// <summary>
    /// A score from 0 to 1: the better of a word-level similarity (1 − edit distance over words ÷ the larger word
    /// count) and a character-level one (1 − edit distance over characters ÷ the longer length). White space runs count
    /// as one space; case counts. 1 only for texts that are equal up to white space.
    /// </summary>
    /// <remarks>
    /// <para>The word level rewards a changed word in a long sentence fairly; the character level is kinder to a changed ending or a typo in a short one.</para>
    /// <para>
    /// In scripts written without spaces between words (Chinese, Japanese kana and kanji, Thai, Lao, Khmer, Myanmar,
    /// Tibetan), each character is a word of its own (with the vowel and tone marks written on it), so a sentence there
    /// is scored on its characters even where the character level is not computed (texts over 2,000 characters). Latin
    /// words inside such text (<c>iPhone</c>, <c>G20</c>) stay one word each.
    /// </para>
    /// </remarks>
    public static double Score(string a, string b) => Score(a, b, 0);

    /// <summary>
    /// <see cref="Score(string, string)"/> when that is at least <paramref name="atLeast"/>; otherwise some score below
    /// <paramref name="atLeast"/>, found sooner.
    /// </summary>
    /// <remarks>
    /// A memory lookup only keeps candidates above its threshold, and most of the time went into the character-level
    /// edit distance of long candidates that miss it by far. That distance is computed only within the band of cells
    /// that can still give a score above the threshold, and given up as soon as no cell of a row is within it.
    /// </remarks>
    public static double Score(string a, string b, double atLeast)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var wordsA = Words(a);
        var wordsB = Words(b);
        if (wordsA.Length == 0 && wordsB.Length == 0)
        {
            return 1;
        }

        var wordCount = Math.Max(wordsA.Length, wordsB.Length);
        var words = 1 - ((double)BoundedDistance<string>(wordsA, wordsB, wordCount) / wordCount);
        var textA = string.Join(' ', a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var textB = string.Join(' ', b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (textA.Length > MaxCharacterLength || textB.Length > MaxCharacterLength)
        {
            return words;
        }

        var longer = Math.Max(textA.Length, textB.Length);
        // One edit more than the threshold allows, so that rounding never rejects a score exactly at it; a distance
        // past the limit scores below the threshold by at least one edit's worth.
        var limit = atLeast <= 0 ? longer : Math.Min(longer, (int)Math.Floor((1 - atLeast) * longer) + 1);
        var distance = BoundedDistance(textA, textB, limit);
        var characters = distance > limit ? 0 : 1 - ((double)distance / longer);
        return Math.Max(words, characters);
    }

    /// <summary>The words of <paramref name="text"/>: runs between white space, and each character of a script written without spaces.</summary>
    internal static string[] Words(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            if (IsSpaceless(text, i))
            {
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
                while (i < text.Length && CharUnicodeInfo.GetUnicodeCategory(text, i) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                {
                    i++;
                }
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsSpaceless(text, i))
                {
                    i++;
                }
            }

            words.Add(text[start..i]);
        }

        return [.. words];
    }

    /// <summary>Whether the character at <paramref name="index"/> belongs to a script written without spaces between words.</summary>
    private static bool IsSpaceless(string text, int index)
    {
        var c = char.IsSurrogatePair(text, index) ? char.ConvertToUtf32(text[index], text[index + 1]) : text[index];
        return c is (>= 0x0E00 and <= 0x0EFF) // Thai, Lao
            or (>= 0x0F00 and <= 0x0FFF) // Tibetan
            or (>= 0x1000 and <= 0x109F) // Myanmar
            or (>= 0x1780 and <= 0x17FF) // Khmer
            or (>= 0x3000 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) // CJK punctuation, kana
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) // Han
            or (>= 0xFF00 and <= 0xFFEF) // full-width and half-width forms
            or (>= 0x20000 and <= 0x3FFFF); // Han beyond the BMP
    }

    /// <summary>The edit distance of <paramref name="a"/> and <paramref name="b"/> when it is at most <paramref name="limit"/>; otherwise <paramref name="limit"/> + 1.</summary>
    internal static int BoundedDistance(string a, string b, int limit) => BoundedDistance<char>(a, b, limit);

    /// <summary>The edit distance of two sequences (of characters or words) when it is at most <paramref name="limit"/>; otherwise <paramref name="limit"/> + 1.</summary>
    private static int BoundedDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int limit)
        where T : IEquatable<T>
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var beyond = limit + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = Math.Min(j, beyond);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            // Only cells within limit of the diagonal can hold a distance of at most limit.
            var from = Math.Max(1, i - limit);
            var to = Math.Min(b.Length, i + limit);
            current[0] = Math.Min(i, beyond);
            if (from > 1)
            {
                current[from - 1] = beyond;
            }

            var best = current[0];
            for (var j = from; j <= to; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1].Equals(b[j - 1]) ? 0 : 1);
                var cell = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                current[j] = Math.Min(cell, beyond);
                best = Math.Min(best, current[j]);
            }

            if (to < b.Length)
            {
                current[to + 1] = beyond;
            }

            if (best > limit)
            {
                return beyond;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
