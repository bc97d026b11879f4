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
    /// <remarks>The word level rewards a changed word in a long sentence fairly; the character level is kinder to a changed ending or a typo in a short one.</remarks>
    public static double Score(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var wordsA = a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var wordsB = b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (wordsA.Length == 0 && wordsB.Length == 0)
        {
            return 1;
        }

        var words = 1 - ((double)Distance(wordsA, wordsB) / Math.Max(wordsA.Length, wordsB.Length));
        var textA = string.Join(' ', wordsA);
        var textB = string.Join(' ', wordsB);
        if (textA.Length > MaxCharacterLength || textB.Length > MaxCharacterLength)
        {
            return words;
        }

        var characters = 1 - ((double)Distance(textA.ToCharArray(), textB.ToCharArray()) / Math.Max(textA.Length, textB.Length));
        return Math.Max(words, characters);
    }

    private static int Distance<T>(T[] a, T[] b)
    {
        var comparer = EqualityComparer<T>.Default;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (comparer.Equals(a[i - 1], b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
