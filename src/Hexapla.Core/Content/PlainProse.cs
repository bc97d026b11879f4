namespace Hexapla.Content;

/// <summary>
/// Text that Markdown reads as paragraphs and nothing else: no character that can start inline markup, an entity or
/// an escape, and no line that could open a heading, list, quote, code block, table or thematic break. Most statements
/// are such text, and for them the paragraphs can be found without a Markdown parser (an import parses every
/// version's body several times).
/// </summary>
/// <remarks>
/// The test is conservative: a text it refuses may still be plain paragraphs, and then takes the parser's way. What it
/// accepts, Markdig (with the pipelines used here) reads as paragraphs separated by blank lines; a property test holds
/// <see cref="Paragraphs"/> to Markdig's answer on generated text.
/// </remarks>
internal static class PlainProse
{
    // Inline markup, entities, escapes, HTML, tables and the emphasis extras (~ ^ + =); tabs and lone carriage returns,
    // whose column and line rules differ; '-' is checked at line starts only.
    private static readonly System.Buffers.SearchValues<char> Markup = System.Buffers.SearchValues.Create("*_[]#<>`\\|!~&^+=\t\r");

    /// <summary>True when <paramref name="text"/> is plain paragraphs (see the class remarks).</summary>
    public static bool Is(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().ContainsAny(Markup))
        {
            return false;
        }

        // Lines as Markdown counts them: carriage returns were refused above, so only '\n' ends one (not the other
        // line and paragraph separators .NET knows).
        var rest = text.AsSpan();
        while (true)
        {
            var newline = rest.IndexOf('\n');
            var line = newline < 0 ? rest : rest[..newline];
            var trimmed = line.TrimStart(' ');

            // Indented code, a list or setext underline ('-'), an ordered list item (up to nine digits, then '.' or ')').
            if (!trimmed.IsEmpty && (line.Length - trimmed.Length >= 4 || trimmed[0] == '-' || OpensOrderedItem(trimmed)))
            {
                return false;
            }

            if (newline < 0)
            {
                break;
            }

            rest = rest[(newline + 1)..];
        }

        return true;
    }

    /// <summary>
    /// The paragraphs of <paramref name="text"/>, which <see cref="Is"/> accepted: runs of lines that are not blank
    /// (blank: spaces only), each as the text from its first line's start to its last line's end, trimmed.
    /// </summary>
    public static List<string> Paragraphs(string text)
    {
        var paragraphs = new List<string>();
        var start = -1;
        var end = 0;
        var position = 0;
        while (position <= text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var lineEnd = newline < 0 ? text.Length : newline;
            var blank = text.AsSpan(position, lineEnd - position).TrimStart(' ').IsEmpty;
            if (!blank)
            {
                start = start < 0 ? position : start;
                end = lineEnd;
            }
            else if (start >= 0)
            {
                Add(paragraphs, text, start, end);
                start = -1;
            }

            if (newline < 0)
            {
                break;
            }

            position = newline + 1;
        }

        if (start >= 0)
        {
            Add(paragraphs, text, start, end);
        }

        return paragraphs;

        static void Add(List<string> paragraphs, string text, int start, int end)
        {
            var paragraph = text[start..end].Trim();
            if (paragraph.Length > 0)
            {
                paragraphs.Add(paragraph);
            }
        }
    }

    private static bool OpensOrderedItem(ReadOnlySpan<char> line)
    {
        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits is > 0 and <= 9 && digits < line.Length && line[digits] is '.' or ')';
    }
}
