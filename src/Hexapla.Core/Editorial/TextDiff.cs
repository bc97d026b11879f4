namespace Hexapla.Editorial;

/// <summary>What a <see cref="DiffOperation"/> does to the old text.</summary>
public enum DiffKind
{
    /// <summary>Text in both.</summary>
    Equal,

    /// <summary>Text only in the new text.</summary>
    Insert,

    /// <summary>Text only in the old text.</summary>
    Delete,
}

/// <summary>One run of a diff: consecutive lines (or words) with the same <see cref="Kind"/>.</summary>
/// <param name="Kind">Whether the text is kept, added or removed.</param>
/// <param name="Text">The text. For <see cref="TextDiff.Lines"/> the lines of the run joined with <c>\n</c>; for
/// <see cref="TextDiff.Words"/> the words with the white space between them, so concatenating runs gives the text back.</param>
public sealed record DiffOperation(DiffKind Kind, string Text);

/// <summary>
/// Differences between two texts, for showing a revision against another: the longest common subsequence of lines
/// (a Markdown body's paragraphs are lines), and of words within a changed line.
/// </summary>
/// <remarks>
/// Common leading and trailing lines are matched first, so a small edit to a long text costs little. When what is
/// left is still very large (more than <see cref="MaxCells"/> line pairs) the middle is reported as one deletion and
/// one insertion rather than spending the memory to find a finer answer.
/// </remarks>
public static class TextDiff
{
    /// <summary>The largest table of token pairs the comparison builds.</summary>
    public const int MaxCells = 4_000_000;

    /// <summary>
    /// The line-level difference between <paramref name="oldText"/> and <paramref name="newText"/>. Line endings
    /// (<c>\r\n</c> or <c>\n</c>) are not part of the compared text. Equal texts give one <see cref="DiffKind.Equal"/>
    /// run; two empty texts give none.
    /// </summary>
    public static IReadOnlyList<DiffOperation> Lines(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        return Compare(SplitLines(oldText), SplitLines(newText), "\n");
    }

    /// <summary>
    /// The word-level difference between two lines: words and the white space between them are the tokens, so the
    /// <see cref="DiffKind.Equal"/> and <see cref="DiffKind.Delete"/> runs concatenated give <paramref name="oldText"/>
    /// back, and the <see cref="DiffKind.Equal"/> and <see cref="DiffKind.Insert"/> runs give <paramref name="newText"/>.
    /// </summary>
    public static IReadOnlyList<DiffOperation> Words(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        return Compare(SplitWords(oldText), SplitWords(newText), "");
    }

    private static string[] SplitLines(string text) =>
        text.Length == 0 ? [] : text.ReplaceLineEndings("\n").Split('\n');

    private static List<string> SplitWords(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || char.IsWhiteSpace(text[i]) != char.IsWhiteSpace(text[i - 1]))
            {
                tokens.Add(text[start..i]);
                start = i;
            }
        }

        return tokens;
    }

    private static List<DiffOperation> Compare(IReadOnlyList<string> a, IReadOnlyList<string> b, string separator)
    {
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var steps = new List<(DiffKind Kind, string Token)>(a.Count + b.Count);
        for (var i = 0; i < prefix; i++)
        {
            steps.Add((DiffKind.Equal, a[i]));
        }

        int n = a.Count - prefix - suffix, m = b.Count - prefix - suffix;
        if ((long)(n + 1) * (m + 1) > MaxCells)
        {
            for (var i = 0; i < n; i++)
            {
                steps.Add((DiffKind.Delete, a[prefix + i]));
            }

            for (var j = 0; j < m; j++)
            {
                steps.Add((DiffKind.Insert, b[prefix + j]));
            }
        }
        else
        {
            // lengths[i, j]: the longest common subsequence of a's middle from i on and b's middle from j on.
            var lengths = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    lengths[i, j] = a[prefix + i] == b[prefix + j]
                        ? lengths[i + 1, j + 1] + 1
                        : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
                }
            }

            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y])
                {
                    steps.Add((DiffKind.Equal, a[prefix + x]));
                    x++;
                    y++;
                }
                else if (y == m || (x < n && lengths[x + 1, y] >= lengths[x, y + 1]))
                {
                    steps.Add((DiffKind.Delete, a[prefix + x]));
                    x++;
                }
                else
                {
                    steps.Add((DiffKind.Insert, b[prefix + y]));
                    y++;
                }
            }
        }

        for (var i = a.Count - suffix; i < a.Count; i++)
        {
            steps.Add((DiffKind.Equal, a[i]));
        }

        return Runs(steps, separator);
    }

    private static List<DiffOperation> Runs(List<(DiffKind Kind, string Token)> steps, string separator)
    {
        var runs = new List<DiffOperation>();
        var index = 0;
        while (index < steps.Count)
        {
            var kind = steps[index].Kind;
            var end = index;
            while (end < steps.Count && steps[end].Kind == kind)
            {
                end++;
            }

            runs.Add(new DiffOperation(kind, string.Join(separator, steps.Skip(index).Take(end - index).Select(s => s.Token))));
            index = end;
        }

        return runs;
    }
}
