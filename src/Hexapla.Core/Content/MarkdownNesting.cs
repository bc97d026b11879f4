namespace Hexapla.Content;

/// <summary>
/// Finds Markdown whose block containers (quotes, list items) nest deeper than any document needs, before Markdig
/// reads it: Markdig's time on one line grows with the square of its container depth before its own depth limit
/// stops it, so a line of 16,000 <c>&gt;</c> takes a third of a second and a longer one far more.
/// </summary>
internal static class MarkdownNesting
{
    /// <summary>The most container markers one line may open.</summary>
    public const int MaxContainers = 100;

    /// <summary>True when a line opens more than <see cref="MaxContainers"/> quotes or list items.</summary>
    public static bool IsTooDeep(string markdown)
    {
        var i = 0;
        while (i < markdown.Length)
        {
            var markers = 0;
            while (i < markdown.Length)
            {
                while (i < markdown.Length && markdown[i] is ' ' or '\t')
                {
                    i++;
                }

                var marker = MarkerLength(markdown, i);
                if (marker == 0)
                {
                    break;
                }

                i += marker;
                if (++markers > MaxContainers)
                {
                    return true;
                }
            }

            var end = markdown.IndexOf('\n', i);
            i = end < 0 ? markdown.Length : end + 1;
        }

        return false;
    }

    /// <summary>False when Markdig refuses <paramref name="markdown"/> as nested past its depth limit.</summary>
    public static bool Parses(string markdown)
    {
        if (PlainProse.Is(markdown))
        {
            // Paragraphs of text and nothing else: nothing to nest.
            return true;
        }

        try
        {
            Markdig.Markdown.Parse(markdown);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The length of a quote marker, bullet or ordered list marker at i (followed by white space or the line end), or 0.
    private static int MarkerLength(string text, int i)
    {
        if (i >= text.Length)
        {
            return 0;
        }

        if (text[i] == '>')
        {
            return 1;
        }

        var end = i;
        if (text[i] is '-' or '*' or '+')
        {
            end = i + 1;
        }
        else
        {
            while (end < text.Length && end - i < 9 && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end == i || end >= text.Length || text[end] is not ('.' or ')'))
            {
                return 0;
            }

            end++;
        }

        return end == text.Length || text[end] is ' ' or '\t' or '\n' or '\r' ? end - i : 0;
    }
}
