using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Hexapla.Content;
using Markdig;
using Markdig.Syntax;

namespace Hexapla.Translation;

/// <summary>What kind of block a segment is.</summary>
public enum SegmentKind
{
    /// <summary>A paragraph.</summary>
    Paragraph,

    /// <summary>A heading.</summary>
    Heading,

    /// <summary>A paragraph inside a list item.</summary>
    ListItem,

    /// <summary>A table cell.</summary>
    TableCell,
}

/// <summary>One translatable unit of a body: its Markdown text and kind.</summary>
/// <param name="Text">The segment's Markdown source, trimmed (inline markup such as <c>**bold**</c> kept).</param>
/// <param name="Kind">What kind of block it is.</param>
public sealed record Segment(string Text, SegmentKind Kind)
{
    /// <summary>A short fingerprint of the text, blind to differences in white space.</summary>
    public string Hash => Segmenter.Hash(Text);
}

/// <summary>A segment of a stored version: its stable id and the fingerprint of its text.</summary>
/// <param name="Id">Stable across edits elsewhere in the text: <c>s1</c>, <c>s2</c>…; a new segment gets the number after the highest in use.</param>
/// <param name="Hash">The fingerprint of its text (<see cref="Segmenter.Hash"/>).</param>
public sealed record SegmentRef(string Id, string Hash);

/// <summary>What a segment of a translation translates.</summary>
/// <param name="Id">The translation's own segment id.</param>
/// <param name="SourceId">The id of the original's segment it translates.</param>
/// <param name="SourceHash">The fingerprint of that segment's text when it was translated; a different current one means outdated.</param>
/// <param name="Machine">True while the segment's text is machine output no person has checked; a version with such a segment cannot be published.</param>
public sealed record SegmentLink(string Id, string SourceId, string SourceHash, bool Machine = false);

/// <summary>Splits a Markdown body into segments: paragraphs, headings, list items and table cells, in reading order.</summary>
/// <remarks>Code blocks, thematic breaks and raw HTML are not translatable and are not segments.</remarks>
public static class Segmenter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UsePreciseSourceLocation().Build();

    /// <summary>The segments of <paramref name="markdown"/>; none for an empty body.</summary>
    /// <remarks>
    /// Markdown nested too deep or too costly to render as Markdown (<see cref="MarkdownRenderer.ToHtml"/>) is one paragraph
    /// segment, as it is rendered as one paragraph.
    /// </remarks>
    public static IReadOnlyList<Segment> Split(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);

        // An import asks for the same body's segments several times on one thread (ids, limits, memory pairs): the
        // last few answers are kept per thread, by the string's identity, which fixes its content.
        var recent = _recent ??= new (string?, IReadOnlyList<Segment>)[4];
        foreach (var (text, known) in recent)
        {
            if (ReferenceEquals(text, markdown))
            {
                return known;
            }
        }

        var segments = SplitOnce(markdown);
        recent[_nextRecent] = (markdown, segments);
        _nextRecent = (_nextRecent + 1) % recent.Length;
        return segments;
    }

    [ThreadStatic]
    private static (string? Text, IReadOnlyList<Segment> Segments)[]? _recent;

    [ThreadStatic]
    private static int _nextRecent;

    private static System.Collections.ObjectModel.ReadOnlyCollection<Segment> SplitOnce(string markdown)
    {
        if (PlainProse.Is(markdown))
        {
            return PlainProse.Paragraphs(markdown).Select(text => new Segment(text, SegmentKind.Paragraph)).ToList().AsReadOnly();
        }

        return SplitMarkdown(markdown);
    }

    /// <summary>The segments as Markdig reads them, whatever the text (<see cref="Split"/> takes a shortcut for plain prose).</summary>
    internal static System.Collections.ObjectModel.ReadOnlyCollection<Segment> SplitMarkdown(string markdown)
    {
        MarkdownDocument? document;
        try
        {
            document = MarkdownRenderer.ShownAsText(markdown) ? null : Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit, as in MarkdownRenderer.ToHtml.
            document = null;
        }

        if (document is null)
        {
            return markdown.Trim() is { Length: > 0 } whole ? new[] { new Segment(whole, SegmentKind.Paragraph) }.AsReadOnly() : Array.Empty<Segment>().AsReadOnly();
        }

        var segments = new List<Segment>();
        foreach (var block in document.Descendants())
        {
            if (block is not LeafBlock leaf || leaf is CodeBlock or ThematicBreakBlock or HtmlBlock || leaf.Span.IsEmpty)
            {
                continue;
            }

            var kind = leaf is HeadingBlock ? SegmentKind.Heading
                : HasAncestor<Markdig.Extensions.Tables.TableCell>(leaf) ? SegmentKind.TableCell
                : HasAncestor<ListItemBlock>(leaf) ? SegmentKind.ListItem
                : SegmentKind.Paragraph;
            var text = leaf is HeadingBlock heading && heading.Inline is { } inline
                ? markdown.Substring(inline.Span.Start, Math.Max(0, inline.Span.Length))
                : markdown.Substring(leaf.Span.Start, leaf.Span.Length);
            text = text.Trim();
            if (text.Length > 0)
            {
                segments.Add(new Segment(text, kind));
            }
        }

        return segments.AsReadOnly();
    }

    /// <summary>16 hex digits of SHA-256 over the text with runs of white space made one space.</summary>
    /// <remarks>White space is what <see cref="char.IsWhiteSpace(char)"/> says; leading and trailing runs are dropped.</remarks>
    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        byte[]? bytes = null;
        try
        {
            var length = 0;
            var space = false;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = length > 0;
                    continue;
                }

                if (space)
                {
                    chars[length++] = ' ';
                    space = false;
                }

                chars[length++] = c;
            }

            bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetMaxByteCount(length)));
            var written = Encoding.UTF8.GetBytes(chars.AsSpan(0, length), bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }

    private static bool HasAncestor<T>(Block block) where T : Block
    {
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is T)
            {
                return true;
            }
        }

        return false;
    }
}
