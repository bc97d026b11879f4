using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hexapla.Interchange.Markdown;

/// <summary>
/// A title for a Markdown file that states none: the text of its first heading, whether written in Markdown
/// (<c># …</c>, <c>…\n===</c>) or as HTML (<c>&lt;div align="center"&gt;&lt;h1&gt;…&lt;/h1&gt;</c>, as READMEs open), else
/// the first paragraph's text; never markup: tags, emphasis marks, link addresses and images are left out, character
/// references decoded, white space collapsed.
/// </summary>
/// <remarks>Only the start of the body is read (<see cref="HeadBytes"/> characters), so a long or hostile body costs no more.</remarks>
internal static partial class MarkdownTitle
{
    /// <summary>How much of a body is looked at for its title.</summary>
    private const int HeadBytes = 16 * 1024;

    // HTML on: a heading inside an HTML block is what a reader sees as the title.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();

    /// <summary>
    /// The title <paramref name="body"/> gives (<c>IsHeading</c>: a heading's text, else the first paragraph's), and the
    /// body without it when it opens with a level-one Markdown heading (which would otherwise show twice); the body
    /// unchanged otherwise. Null title when the start holds no text at all.
    /// </summary>
    public static (string? Title, bool IsHeading, string Body) Find(string body)
    {
        var head = body.Length > HeadBytes ? body[..HeadBytes] : body;
        var document = Markdig.Markdown.Parse(head, Pipeline);
        foreach (var block in document.Descendants())
        {
            switch (block)
            {
                case HeadingBlock heading when Text(heading.Inline) is { Length: > 0 } text:
                    if (heading.Level == 1 && ReferenceEquals(document.FirstOrDefault(), heading) && heading.Parent == document)
                    {
                        var rest = body[Math.Min(body.Length, heading.Span.End + 1)..].TrimStart('\n');
                        // A setext underline is part of the heading's span; the rest starts after it.
                        return (text, true, rest);
                    }

                    return (text, true, body);
                case HtmlBlock html when HtmlHeading(html.Lines.ToString()) is { Length: > 0 } text:
                    return (text, true, body);
                default:
                    break;
            }
        }

        var paragraph = document.Descendants<ParagraphBlock>().Select(p => Text(p.Inline)).FirstOrDefault(t => t.Length > 0);
        return (paragraph, false, body);
    }

    /// <summary>The text a reader sees of some inlines: literals, code, link and emphasis contents; no HTML, no images.</summary>
    private static string Text(ContainerInline? inlines)
    {
        if (inlines is null)
        {
            return "";
        }

        var text = new StringBuilder();
        Append(inlines, text);
        return Collapse(text.ToString());
    }

    private static void Append(Inline inline, StringBuilder text)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case LinkInline { IsImage: true }:
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, text);
                }

                break;
            default:
                // Raw HTML inlines and anything else that is not text.
                break;
        }
    }

    /// <summary>The text of the first <c>&lt;h1&gt;</c>…<c>&lt;h6&gt;</c> in some HTML, tags removed and references decoded.</summary>
    private static string HtmlHeading(string html)
    {
        foreach (Match match in HeadingElement().Matches(html))
        {
            var text = Collapse(WebUtility.HtmlDecode(Tag().Replace(match.Groups[2].Value, " ")));
            if (text.Length > 0)
            {
                return text;
            }
        }

        return "";
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HeadingElement();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tag();
}
