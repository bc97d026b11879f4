using System.Text;
using Hexapla.Content;
using Hexapla.Translation;
using Markdig;
using Markdig.Syntax;

namespace Hexapla.Interchange.Xliff;

/// <summary>Where one segment (<see cref="Segmenter"/>) stands in its body, so a translation can be put in its place.</summary>
/// <param name="Start">Where the segment's text starts in the body.</param>
/// <param name="End">Where it ends (exclusive).</param>
/// <param name="Kind">The segment's kind.</param>
/// <param name="Continuation">What starts each further line of the text at this place: the block quote markers and the indentation of the list items around it (<c>"&gt;   "</c>).</param>
/// <param name="DropStart">Where the text to take out starts when the segment has no translation: its whole lines, or its list item when it is the item's only block.</param>
/// <param name="DropEnd">Where that text ends (exclusive, after its last line break).</param>
/// <param name="Text">The segment's text with the markers of its further lines taken out (<c>&gt;</c> of the quotes around it, indentation).</param>
public sealed record SegmentPlace(int Start, int End, SegmentKind Kind, string Continuation, int DropStart, int DropEnd, string Text);

/// <summary>
/// Finds the segments of a body in its Markdown, so that a translation keeps the original's structure: list
/// tightness, nesting, quotes, code blocks, tables and reference definitions stay as they are and only the segments'
/// text is replaced.
/// </summary>
public static class SegmentPlaces
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UsePreciseSourceLocation().Build();

    /// <summary>
    /// The place of each of <paramref name="segments"/> (the body's, from <see cref="Segmenter.Split"/>) in
    /// <paramref name="body"/>; null when the body is not read as Markdown or the places found do not hold exactly
    /// those segments' texts.
    /// </summary>
    public static IReadOnlyList<SegmentPlace>? Find(string body, IReadOnlyList<Segment> segments)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(segments);
        MarkdownDocument document;
        try
        {
            if (MarkdownRenderer.ShownAsText(body))
            {
                return null;
            }

            document = Markdig.Markdown.Parse(body, Pipeline);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var places = new List<SegmentPlace>();
        foreach (var block in document.Descendants())
        {
            if (block is not LeafBlock leaf || leaf is CodeBlock or ThematicBreakBlock or HtmlBlock || leaf.Span.IsEmpty)
            {
                continue;
            }

            var (start, length) = leaf is HeadingBlock { Inline: { } inline } ? (inline.Span.Start, Math.Max(0, inline.Span.Length)) : (leaf.Span.Start, leaf.Span.Length);
            if (start < 0 || start + length > body.Length)
            {
                return null;
            }

            var end = start + length;
            while (start < end && char.IsWhiteSpace(body[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(body[end - 1]))
            {
                end--;
            }

            if (end == start)
            {
                continue;
            }

            var index = places.Count;
            if (index >= segments.Count || body[start..end] != segments[index].Text)
            {
                return null;
            }

            var lineStart = body.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
            if (start == 0)
            {
                lineStart = 0;
            }

            var prefix = body[lineStart..start];
            var continuation = new string([.. prefix.Select(c => c is '>' or ' ' or '\t' ? c : ' ')]);
            var depth = Ancestors(leaf).Count(b => b is QuoteBlock);
            var (dropStart, dropEnd) = Drop(body, leaf, start, end, segments[index].Kind);
            places.Add(new SegmentPlace(start, end, segments[index].Kind, continuation, dropStart, dropEnd, Unquote(segments[index].Text, depth)));
        }

        return places.Count == segments.Count ? places : null;
    }

    /// <summary>The text of a segment with its further lines' quote markers and indentation taken out.</summary>
    private static string Unquote(string text, int depth)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }

        var lines = text.Split('\n');
        var result = new StringBuilder(lines[0]);
        foreach (var line in lines.Skip(1))
        {
            var rest = line.AsSpan().TrimStart();
            for (var i = 0; i < depth && rest.Length > 0 && rest[0] == '>'; i++)
            {
                rest = rest[1..].TrimStart();
            }

            result.Append('\n').Append(rest);
        }

        return result.ToString();
    }

    private static (int Start, int End) Drop(string body, LeafBlock leaf, int start, int end, SegmentKind kind)
    {
        if (leaf is LinkReferenceDefinition)
        {
            // An address, not words: with no translation, the definition stays so the translation's links work.
            return (start, start);
        }

        if (kind == SegmentKind.TableCell)
        {
            // The cell stays, empty: the table keeps its columns.
            return (start, end);
        }

        Block whole = leaf;
        if (leaf.Parent is ListItemBlock { Count: 1 } item)
        {
            whole = item;
        }

        var from = Math.Min(start, whole.Span.Start);
        var lineStart = from == 0 ? 0 : body.LastIndexOf('\n', from - 1) + 1;
        var last = Math.Max(end, Math.Min(body.Length, whole.Span.End + 1));
        var lineEnd = body.IndexOf('\n', Math.Max(0, last - 1));
        return (lineStart, lineEnd < 0 ? body.Length : lineEnd + 1);
    }

    private static IEnumerable<Block> Ancestors(Block block)
    {
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            yield return parent;
        }
    }
}
