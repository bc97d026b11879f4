using System.Globalization;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hexapla.Content;

/// <summary>Renders a version's Markdown body to HTML that is safe to put in a page.</summary>
/// <remarks>
/// Safe by construction, without a sanitizer over the output: raw HTML in the Markdown is never parsed as HTML (it is
/// shown as text), Markdig escapes all text and attribute values it writes, and a link or image whose address has a
/// scheme other than <c>http</c>, <c>https</c> or <c>mailto</c> (<c>javascript:</c>, <c>data:</c>…) is shown as its text,
/// with no address. The one other scheme is <c>media:ID</c>, and only when the caller gives the items
/// (<see cref="MediaRendering"/>): such an image or link is written by <see cref="MediaMarkup"/>, whose addresses come from
/// <see cref="Media.MediaLinks"/> and whose texts are escaped; without the items it is shown as its text, like any other
/// unknown scheme. The time taken grows with the length of the body (see <see cref="ToHtml"/>). Thread-safe.
/// </remarks>
public static class MarkdownRenderer
{
    /// <summary>The one Markdown dialect of Hexapla: what pages render and what other readers of a body (media uses) parse.</summary>
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>
    /// The HTML for <paramref name="markdown"/>; an empty string for an empty body. With <paramref name="media"/>,
    /// <c>![alt](media:ID)</c> on a line of its own is a <c>figure</c> (a responsive <c>picture</c> and the caption in
    /// <see cref="MediaRendering.Language"/>), inside text a <c>picture</c> alone, and <c>[text](media:ID)</c> a link to
    /// the file in that language (else the original's) followed by its kind, language and size; an item not in
    /// <see cref="MediaRendering.Items"/> is a visible placeholder, never a broken image.
    /// </summary>
    /// <remarks>
    /// Markdown that Markdig cannot read in time proportional to its length is shown as escaped text in one paragraph,
    /// rather than failing or stalling the page: nested deeper than any document needs (more than a hundred quotes or
    /// list items opened on one line, or deeper than Markdig allows), a paragraph with thousands of links that are never
    /// closed or of bare web addresses (<see cref="MarkdownCost"/>), or references that would repeat a long address
    /// into output many times the size of the body.
    /// </remarks>
    public static string ToHtml(string markdown, MediaRendering? media = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        // Text stored before the entrance rule: the page shows what the feed does (EnteringText.ForXml).
        markdown = EnteringText.ForXml(markdown);
        if (ShownAsText(markdown))
        {
            return AsText(markdown);
        }

        try
        {
            var document = Markdown.Parse(markdown, Pipeline);
            var mediaLinks = media is null ? null : new List<LinkInline>();
            if (!MakeLinksSafe(document, markdown.Length, mediaLinks))
            {
                return AsText(markdown);
            }

            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            var renderer = new HtmlRenderer(writer);
            Pipeline.Setup(renderer);
            if (media is not null)
            {
                MediaMarkup.Transform(mediaLinks!);
                MediaMarkup.Setup(renderer, media);
            }

            renderer.Render(document);
            writer.Flush();
            return writer.ToString();
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit (in parsing or rendering): the only argument it can object to once the text is not null.
            return AsText(markdown);
        }
    }

    /// <summary>
    /// True when <paramref name="markdown"/> is shown as one paragraph of text rather than read as Markdown, before
    /// Markdig is asked: nested too deep (<see cref="MarkdownNesting"/>) or too costly to read (<see cref="MarkdownCost"/>).
    /// </summary>
    internal static bool ShownAsText(string markdown) => MarkdownNesting.IsTooDeep(markdown) || MarkdownCost.Problem(markdown) is not null;

    /// <summary>True when a browser would not run <paramref name="url"/> as script: no scheme, or http, https or mailto.</summary>
    /// <remarks>
    /// Stricter than a browser: every control character and space is dropped before the scheme is read (browsers drop
    /// tabs and line breaks anywhere, and controls and spaces at the ends), so <c>java&amp;#9;script:</c> is refused.
    /// </remarks>
    internal static bool IsSafeUrl(string? url)
    {
        if (url is null)
        {
            return true;
        }

        var scheme = new System.Text.StringBuilder();
        foreach (var c in url)
        {
            if (c is '/' or '?' or '#')
            {
                // A path, query or fragment before any colon: a relative address.
                return true;
            }

            if (c == ':')
            {
                return Array.IndexOf(SafeSchemes, scheme.ToString().ToLowerInvariant()) >= 0;
            }

            if (c > ' ' && !char.IsControl(c))
            {
                scheme.Append(c);
            }
        }

        return true;
    }

    private static string AsText(string markdown)
    {
        var text = markdown.Trim();
        return text.Length == 0 ? string.Empty : $"<p>{HtmlText.Escape(text)}</p>";
    }

    // Links and images with an unsafe address become their text; raw HTML (which the pipeline never parses, so this is
    // a second guard) becomes text. False when references would repeat addresses and titles into far more output than
    // the body's length: the body is then shown as text. Links and images to media:ID go to mediaLinks when it is given
    // (the caller has the items), else they are unsafe like any other scheme.
    private static bool MakeLinksSafe(MarkdownDocument document, int length, List<LinkInline>? mediaLinks)
    {
        var unsafeLinks = new List<Inline>();
        long referenced = 0;
        var pending = new Stack<MarkdownObject>();
        pending.Push(document);
        while (pending.Count > 0)
        {
            var item = pending.Pop();
            switch (item)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push(child);
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push(inline);
                    break;
                case LinkInline link:
                    if (mediaLinks is not null && Media.MediaReferences.TryParse(link.Url, out _))
                    {
                        mediaLinks.Add(link);
                    }
                    else if (!IsSafeUrl(link.Url))
                    {
                        unsafeLinks.Add(link);
                    }

                    referenced += (link.Url?.Length ?? 0) + (link.Title?.Length ?? 0);
                    PushChildren(pending, link);
                    break;
                case AutolinkInline autolink when !autolink.IsEmail && !IsSafeUrl(autolink.Url):
                case HtmlInline:
                    unsafeLinks.Add((Inline)item);
                    break;
                case ContainerInline container:
                    PushChildren(pending, container);
                    break;
            }
        }

        if (referenced > 4L * length + 65_536)
        {
            return false;
        }

        foreach (var link in unsafeLinks)
        {
            Unwrap(link);
        }

        return true;
    }

    private static void PushChildren(Stack<MarkdownObject> pending, ContainerInline container)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            pending.Push(child);
        }
    }

    // Puts a link's children (or an autolink's or raw HTML's text) where it was. Only InsertAfter is used: Markdig's
    // InsertBefore leaves the inserted inline's previous sibling unset, which loses text when it is a first child.
    private static void Unwrap(Inline inline)
    {
        var text = inline switch
        {
            AutolinkInline autolink => autolink.Url,
            HtmlInline html => html.Tag,
            _ => null,
        };
        if (text is not null)
        {
            inline.InsertAfter(new LiteralInline(text));
        }
        else
        {
            var link = (ContainerInline)inline;
            Inline last = link;
            var child = link.FirstChild;
            while (child is not null)
            {
                var next = child.NextSibling;
                child.Remove();
                last.InsertAfter(child);
                last = child;
                child = next;
            }
        }

        inline.Remove();
    }
}
