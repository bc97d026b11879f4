using System.Globalization;

namespace Hexapla.Content;

/// <summary>
/// Finds Markdown that would take Markdig far more work than its length, before Markdig reads it. Within one paragraph
/// (or table) Markdig's work grows with the square of some constructs' count: every <c>](</c> reads ahead to the end of
/// its link address and title, which for a link that is never closed is the rest of the paragraph, and every bare web
/// address looks back over everything before it in the paragraph. 160 KB of <c>[a](</c> took 19 s.
/// </summary>
/// <remarks>
/// The check follows those reads as Markdig would make them and counts the characters (or, for web addresses, the
/// pieces of markup) they pass, stopping as soon as the count is over <see cref="Budget"/>: its own time is bounded by
/// the budget, which grows with the length of the text. Ordinary text, even a long table full of links, stays far
/// under it.
/// </remarks>
internal static class MarkdownCost
{
    /// <summary>Steps of reading ahead or back allowed per character of the text, beyond <see cref="BaseBudget"/>.</summary>
    public const int StepsPerCharacter = 64;

    /// <summary>Steps allowed to any text, however short: what a few pages of links cost.</summary>
    public const long BaseBudget = 4_000_000;

    // A "]" looks back over the brackets still open and tries each as a link, far slower than a step of reading ahead:
    // 2,000 nested "[" with "[x]" among them took 144 ms, 70 ns per bracket pair.
    private const long BracketWeight = 16;

    private static readonly string[] WebAddressStarts = ["http://", "https://", "www.", "ftp://", "mailto:", "tel:"];

    /// <summary>The most steps <paramref name="length"/> characters may cost.</summary>
    public static long Budget(int length) => BaseBudget + (long)StepsPerCharacter * length;

    /// <summary>
    /// Why <paramref name="markdown"/> would cost Markdig too much to read (in words for the person who wrote it), or null.
    /// </summary>
    public static string? Problem(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var budget = Budget(markdown.Length);
        long links = 0, emphasis = 0, addresses = 0, definitions = 0, cells = 0;
        var start = 0;
        while (start < markdown.Length)
        {
            // Paragraphs (and tables) end at blank lines; each is read alone. A text without blank lines is one.
            var end = BlockEnd(markdown, start);
            links += LinkReads(markdown, start, end, budget - addresses - definitions);
            var (emphasisPairs, bracketNesting) = Openers(markdown, start, end);
            links += bracketNesting * BracketWeight;
            emphasis += emphasisPairs;
            addresses += WebAddressReads(markdown, start, end, budget);
            definitions += DefinitionCopies(markdown, start, end) + HtmlLikeReads(markdown, start, end, budget);
            cells += TableCells(markdown, start, end, out var pipePairs) * StepsPerCharacter + pipePairs;
            if (links + emphasis + addresses + definitions + cells > budget)
            {
                var most = Math.Max(Math.Max(links, emphasis), Math.Max(addresses, Math.Max(definitions, cells)));
                var what = most == links ? "links that are never closed (\"[\" or \"[text](\" without the closing bracket)"
                    : most == emphasis ? "emphasis marks (* _ ~ ^ + =) that are never closed"
                    : most == addresses ? "bare web addresses"
                    : most == cells ? "table cells (rows times the columns of its widest row) or \"|\" on one line"
                    : "link reference definitions (\"[label]:\" lines) or unclosed \"<!\" and \"<?\"";
                return string.Create(CultureInfo.InvariantCulture,
                    $"a paragraph with too many {what} to read as Markdown in reasonable time; split it with blank lines or remove them");
            }

            start = end;
        }

        return null;
    }

    // The end of the run of lines from start up to and including the next blank line (spaces and tabs only).
    private static int BlockEnd(string text, int start)
    {
        var position = start;
        while (position < text.Length)
        {
            var newline = text.IndexOf('\n', position);
            var lineEnd = newline < 0 ? text.Length : newline;
            var blank = text.AsSpan(position, lineEnd - position).Trim(" \t\r").IsEmpty;
            position = newline < 0 ? text.Length : newline + 1;
            if (blank)
            {
                break;
            }
        }

        return position;
    }

    // The characters Markdig reads after each "](" looking for a link's address and title, up to limit.
    private static long LinkReads(string text, int start, int end, long limit)
    {
        long steps = 0;
        var i = text.IndexOf("](", start, end - start, StringComparison.Ordinal);
        while (i >= 0 && steps <= limit)
        {
            var position = SkipSpace(text, i + 2, end);
            int addressEnd;
            if (position < end && text[position] == '<')
            {
                addressEnd = IndexOfAnyOrEnd(text, position + 1, end, '>', '\n');
            }
            else
            {
                addressEnd = position;
                while (addressEnd < end && !char.IsWhiteSpace(text[addressEnd]))
                {
                    addressEnd++;
                }
            }

            steps += addressEnd - position;
            position = SkipSpace(text, addressEnd, end);
            if (position < end && text[position] is '"' or '\'' or '(')
            {
                var close = text[position] == '(' ? ')' : text[position];
                steps += IndexOfAnyOrEnd(text, position + 1, end, close, close) - position;
            }

            i = i + 2 < end ? text.IndexOf("](", i + 2, end - i - 2, StringComparison.Ordinal) : -1;
        }

        return steps;
    }

    // For each bare web address Markdig's autolink extension could take, the pieces of markup before it in the block,
    // over which it looks back (an approximation: one piece for each markup character and line end), and the
    // characters up to the next white space, which it reads as the address. An address right after the "](" of a "["
    // that was open is a link's, which the link parser takes first.
    private static long WebAddressReads(string text, int start, int end, long limit)
    {
        long steps = 0, pieces = 0, open = 0;
        var linkEnd = -1;
        for (var i = start; i < end && steps <= limit; i++)
        {
            var c = text[i];
            if (c is '*' or '_' or '~' or '^' or '+' or '=' or '[' or ']' or '(' or ')' or '!' or '<' or '>' or '&' or '\\' or '`' or '|' or '\n')
            {
                pieces++;
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '[')
                {
                    open++;
                }
                else if (c == ']' && open > 0)
                {
                    open--;
                    linkEnd = i;
                }
            }
            else if (c is 'h' or 'w' or 'f' or 'm' or 't'
                && (i == start || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '*' or '_' or '~' || (text[i - 1] == '(' && linkEnd != i - 2))
                && StartsWebAddress(text, i))
            {
                steps += pieces;
                pieces++;
                var addressEnd = i;
                while (addressEnd < end && !char.IsWhiteSpace(text[addressEnd]))
                {
                    addressEnd++;
                }

                steps += addressEnd - i;
            }
        }

        return steps;
    }

    // Markdig pairs emphasis marks by looking back from each closing run over the opening runs before it: the work
    // grows with the pairs of runs of * _ ~ ^ + = in the block. It nests what follows an unclosed "[" inside it: each
    // "[" costs the brackets still open before it.
    private static (long EmphasisPairs, long BracketNesting) Openers(string text, int start, int end)
    {
        long runs = 0, open = 0, nesting = 0;
        var previous = '\0';
        for (var i = start; i < end; i++)
        {
            if ((i == start || text[i - 1] == '\n') && ThematicBreakEnd(text, i, end) is var breakEnd && breakEnd > i)
            {
                // "***", "_ _ _": a line Markdig reads as a rule, with no inline markup in it.
                i = breakEnd - 1;
                previous = '\0';
                continue;
            }

            var c = text[i];
            if (c == '\\')
            {
                // An escaped mark is text: "\]" closes nothing, and the mark after "\_" starts a run of its own.
                i++;
                previous = '\0';
                continue;
            }

            if (c == '[')
            {
                nesting += open++;
            }
            else if (c == ']')
            {
                open = Math.Max(0, open - 1);
            }
            else if (c is '*' or '_' or '~' or '^' or '+' or '=' && c != previous)
            {
                runs++;
            }

            previous = c;
        }

        return (runs * (runs - 1) / 2, nesting);
    }

    // The end of the line at lineStart when it is a thematic break (three or more of one of * - _, spaces and tabs
    // between, up to three spaces before), else lineStart.
    private static int ThematicBreakEnd(string text, int lineStart, int end)
    {
        var newline = text.IndexOf('\n', lineStart, end - lineStart);
        var lineEnd = newline < 0 ? end : newline;
        var line = text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd('\r');
        var trimmed = line.TrimStart(' ');
        if (line.Length - trimmed.Length > 3 || trimmed.IsEmpty || trimmed[0] is not ('*' or '-' or '_'))
        {
            return lineStart;
        }

        var marks = 0;
        foreach (var c in trimmed)
        {
            if (c == trimmed[0])
            {
                marks++;
            }
            else if (c is not (' ' or '\t'))
            {
                return lineStart;
            }
        }

        return marks >= 3 ? lineEnd : lineStart;
    }

    private static bool StartsWebAddress(string text, int i)
    {
        foreach (var prefix in WebAddressStarts)
        {
            if (string.CompareOrdinal(text, i, prefix, 0, prefix.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    // Markdig takes link reference definitions off the start of a paragraph one at a time, copying the lines left each
    // time: the lines left after each line that could start one.
    private static long DefinitionCopies(string text, int start, int end)
    {
        var lines = 0;
        var candidates = new List<int>();
        for (var position = start; position < end; lines++)
        {
            var first = position;
            while (first < end && first - position < 4 && text[first] == ' ')
            {
                first++;
            }

            if (first < end && text[first] == '[')
            {
                candidates.Add(lines);
            }

            var newline = text.IndexOf('\n', position, end - position);
            position = newline < 0 ? end : newline + 1;
        }

        long steps = 0;
        foreach (var line in candidates)
        {
            steps += lines - line;
        }

        return steps;
    }

    // Markdig pads every row of a table to the widest row, so a table's cells are its lines times the columns of its
    // widest line; each cell is written out, so they are counted at the budget's rate per character. Markdig's work on
    // one line also grows with the square of its "|" (with ":" among them, 40 KB of "a:|" took 0.4 s): pipePairs.
    private static long TableCells(string text, int start, int end, out long pipePairs)
    {
        long lines = 0, widest = 0;
        pipePairs = 0;
        for (var position = start; position < end; lines++)
        {
            var newline = text.IndexOf('\n', position, end - position);
            var lineEnd = newline < 0 ? end : newline;
            long pipes = text.AsSpan(position, lineEnd - position).Count('|');
            widest = Math.Max(widest, pipes + 1);
            pipePairs += pipes * pipes / 2;
            position = lineEnd + 1;
        }

        return widest > 1 ? lines * widest : 0;
    }

    // "<![CDATA[", "<?" and "<!" make Markdig read ahead for their end ("]]>", "?>", ">") even with raw HTML off.
    private static long HtmlLikeReads(string text, int start, int end, long limit)
    {
        long steps = 0;
        var position = start;
        while (position < end && steps <= limit)
        {
            var open = text.IndexOf('<', position, end - position);
            if (open < 0 || open + 1 >= end)
            {
                break;
            }

            position = open + 1;
            if (text[open + 1] is '!' or '?')
            {
                var close = text[open + 1] == '?' ? "?>" : string.CompareOrdinal(text, open, "<![CDATA[", 0, 9) == 0 ? "]]>" : ">";
                var found = text.IndexOf(close, open + 2, end - open - 2, StringComparison.Ordinal);
                steps += (found < 0 ? end : found) - open;
            }
        }

        return steps;
    }

    private static int SkipSpace(string text, int position, int end)
    {
        var newlines = 0;
        while (position < end && text[position] is ' ' or '\t' or '\r' or '\n' && (text[position] != '\n' || ++newlines <= 1))
        {
            position++;
        }

        return position;
    }

    private static int IndexOfAnyOrEnd(string text, int from, int end, char a, char b)
    {
        if (from >= end)
        {
            return end;
        }

        var found = text.AsSpan(from, end - from).IndexOfAny(a, b);
        return found < 0 ? end : from + found;
    }
}
