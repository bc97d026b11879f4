using System.Globalization;
using System.Text;
using Hexapla.Languages;
using Hexapla.Media;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hexapla.Content;

/// <summary>
/// The words a page says about media in its interface language: a file's kind, a language's name, a size, the
/// placeholder of a missing item. The public site gives its string sets; tests give their own.
/// </summary>
public interface IMediaWords
{
    /// <summary>The language these words are in (the page's chrome); the renderer marks them when the text around differs.</summary>
    LanguageTag Language { get; }

    /// <summary>What a reader calls a file of <paramref name="contentType"/>: "PDF", "Spreadsheet", "Audio".</summary>
    string FileKind(string contentType);

    /// <summary>
    /// <paramref name="language"/>'s name in <see cref="Language"/> ("Russian" in English); null when there is none, and
    /// the renderer then writes the language's name in itself, marked as that language.
    /// </summary>
    string? LanguageName(LanguageTag language);

    /// <summary>A file's size as the language writes it: "1.2 MB", «1,2 МБ».</summary>
    string Size(long bytes);

    /// <summary>What separates the facts about a file: ", " (English), "，" (Chinese), "، " (Arabic).</summary>
    string ListSeparator { get; }

    /// <summary>The pattern around the facts about a file, with <c>{0}</c> where they go: "({0})".</summary>
    string DetailsPattern { get; }

    /// <summary>The visible text in place of an item that does not exist (deleted, or a wrong number), naming it (<c>media:7</c>).</summary>
    string Missing(string reference);
}

/// <summary>
/// What <see cref="MarkdownRenderer.ToHtml(string, MediaRendering?)"/> needs to render <c>media:ID</c> images and links:
/// the items the text uses (found by the caller in one batch of <see cref="MediaReferences.In"/>), the content's language,
/// the interface's words, and where addresses start.
/// </summary>
/// <remarks>
/// One instance serves one page: it counts the images it has rendered so that only the page's first is fetched
/// eagerly (<c>fetchpriority="high"</c>) and the others load lazily. Copies made with <c>with</c> (another column of the
/// same page in another language) share that count. Not for concurrent use.
/// </remarks>
public sealed record MediaRendering
{
    private readonly ImageCount _count = new();

    /// <summary>The language of the text being rendered: texts and file variants are chosen for it.</summary>
    public required LanguageTag Language { get; init; }

    /// <summary>The items the text uses, by id; an id missing here renders as a visible placeholder.</summary>
    public required IReadOnlyDictionary<long, MediaItem> Items { get; init; }

    /// <summary>The interface's words (file kinds, language names, sizes, the placeholder).</summary>
    public required IMediaWords Words { get; init; }

    /// <summary>
    /// Put before every media address (no trailing slash), for HTML read away from the site (Atom feeds: absolute URLs);
    /// null for addresses from the site's root.
    /// </summary>
    public string? BaseUrl { get; init; }

    /// <summary>
    /// The <c>sizes</c> of the images: how wide they show at most. The default fits the public page's column (66 characters).
    /// </summary>
    public string Sizes { get; init; } = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

    /// <summary>True for the first image rendered with this instance or its copies, false after.</summary>
    internal bool TakeFirst() => _count.Next() == 0;

    internal string Url(string path) => BaseUrl is null ? path : BaseUrl + path;

    private sealed class ImageCount
    {
        private int _shown;

        public int Next() => _shown++;
    }
}

/// <summary>An image whose address was <c>media:ID</c>, shown inside text (a line of its own becomes a <see cref="MediaFigureBlock"/>).</summary>
internal sealed class MediaImageInline(long id, string? alt) : LeafInline
{
    public long Id { get; } = id;

    /// <summary>The Markdown's alt text, null when it gave none.</summary>
    public string? Alt { get; } = alt;
}

/// <summary>A link whose address was <c>media:ID</c>; its children are the link text.</summary>
internal sealed class MediaLinkInline(long id) : ContainerInline
{
    public long Id { get; } = id;
}

/// <summary>A paragraph that held nothing but one media image: a <c>figure</c> with its caption.</summary>
internal sealed class MediaFigureBlock(MediaImageInline image) : LeafBlock(null)
{
    public MediaImageInline Image { get; } = image;
}

/// <summary>
/// Writes media as HTML. Every attribute value and text goes through <see cref="HtmlText.Escape(StringBuilder, string?)"/>;
/// element and attribute names are constants here; addresses come from <see cref="MediaLinks"/> only. So nothing an
/// editor writes in alt texts, captions, titles or file names becomes markup.
/// </summary>
internal static class MediaMarkup
{
    /// <summary>Replaces <c>media:</c> images and links with the media objects, and paragraphs of only media images with figures.</summary>
    public static void Transform(List<LinkInline> links)
    {
        var images = new List<MediaImageInline>();
        foreach (var link in links)
        {
            if (!MediaReferences.TryParse(link.Url, out var id))
            {
                continue;
            }

            if (link.IsImage)
            {
                var alt = PlainText(link).Trim();
                var image = new MediaImageInline(id, alt.Length == 0 ? null : alt);
                link.ReplaceBy(image);
                images.Add(image);
            }
            else
            {
                var replacement = new MediaLinkInline(id);
                var child = link.FirstChild;
                while (child is not null)
                {
                    var next = child.NextSibling;
                    child.Remove();
                    replacement.AppendChild(child);
                    child = next;
                }

                link.ReplaceBy(replacement);
            }
        }

        // Each paragraph looked at once, however many images it holds: the time stays linear in the body's length.
        var paragraphs = new List<ParagraphBlock>();
        var seen = new HashSet<ParagraphBlock>();
        foreach (var image in images)
        {
            if (image.Parent is { ParentBlock: ParagraphBlock paragraph } root && root == paragraph.Inline && seen.Add(paragraph) && OnlyImages(root))
            {
                paragraphs.Add(paragraph);
            }
        }

        foreach (var paragraph in paragraphs)
        {
            if (paragraph.Parent is not { } parent)
            {
                continue;
            }

            var at = parent.IndexOf(paragraph);
            parent.RemoveAt(at);
            var figures = paragraph.Inline!.OfType<MediaImageInline>().ToList();
            foreach (var image in figures)
            {
                image.Remove();
                parent.Insert(at++, new MediaFigureBlock(image));
            }
        }
    }

    /// <summary>The renderers of the media objects, ahead of Markdig's own.</summary>
    public static void Setup(HtmlRenderer renderer, MediaRendering media)
    {
        renderer.ObjectRenderers.Insert(0, new FigureRenderer(media));
        renderer.ObjectRenderers.Insert(0, new ImageRenderer(media));
        renderer.ObjectRenderers.Insert(0, new LinkRenderer(media));
    }

    private static bool OnlyImages(ContainerInline root)
    {
        for (var child = root.FirstChild; child is not null; child = child.NextSibling)
        {
            var blank = child switch
            {
                MediaImageInline => true,
                LineBreakInline => true,
                LiteralInline literal => literal.Content.IsEmptyOrWhitespace(),
                _ => false,
            };
            if (!blank)
            {
                return false;
            }
        }

        return true;
    }

    private static string PlainText(ContainerInline container)
    {
        var text = new StringBuilder();
        foreach (var inline in container.Descendants<Inline>())
        {
            _ = inline switch
            {
                LiteralInline literal => text.Append(literal.Content.AsSpan()),
                CodeInline code => text.Append(code.Content),
                LineBreakInline => text.Append(' '),
                _ => text,
            };
        }

        return text.ToString();
    }

    /// <summary>An image as a figure: the picture, then the caption in the page's language (else the original's, marked).</summary>
    public static void Figure(StringBuilder html, MediaRendering media, MediaImageInline image)
    {
        if (!media.Items.TryGetValue(image.Id, out var item))
        {
            Missing(html, media, image.Id, block: true);
            return;
        }

        if (item.Kind != MediaKind.Image)
        {
            // A file placed as an image: linked, in a paragraph of its own.
            html.Append("<p>");
            FileLink(html, media, item);
            html.Append("</p>\n");
            return;
        }

        html.Append("<figure class=\"media\">\n");
        Picture(html, media, item, image.Alt);
        html.Append('\n');
        if (item.TextFor(MediaField.Caption, media.Language) is { } caption)
        {
            html.Append("<figcaption");
            LangOf(html, caption.Language, media.Language);
            html.Append('>');
            HtmlText.Escape(html, caption.Text);
            html.Append("</figcaption>\n");
        }

        html.Append("</figure>\n");
    }

    /// <summary>An image inside text: the picture alone (a caption has no place inside a paragraph).</summary>
    public static void Inline(StringBuilder html, MediaRendering media, MediaImageInline image)
    {
        if (!media.Items.TryGetValue(image.Id, out var item))
        {
            Missing(html, media, image.Id, block: false);
        }
        else if (item.Kind != MediaKind.Image)
        {
            FileLink(html, media, item);
        }
        else
        {
            Picture(html, media, item, image.Alt);
        }
    }

    private static void Picture(StringBuilder html, MediaRendering media, MediaItem item, string? markdownAlt)
    {
        var original = item.Original;
        var first = media.TakeFirst();
        if (MediaLinks.ServedAsIs(item))
        {
            // SVG and GIF (perhaps animated) as uploaded; a language's own variant (a map labelled in it) when there is one.
            var file = item.FileFor(media.Language);
            Img(html, media, item, markdownAlt, media.Url(MediaLinks.File(item, file)), srcset: null, file.Width, file.Height, first);
            return;
        }

        // Distinct: WidthsFor offers the widest step twice for an image wider than it (1920 below 2400, and 1920 again).
        IReadOnlyList<int> widths = [.. MediaLinks.WidthsFor(item).Distinct()];
        var fallback = MediaLinks.FallbackFormat(item);
        html.Append("<picture>\n");
        foreach (var format in (ReadOnlySpan<RenditionFormat>)[RenditionFormat.Avif, RenditionFormat.WebP])
        {
            html.Append("<source type=\"");
            HtmlText.Escape(html, MediaLinks.ContentType(format));
            html.Append("\" srcset=\"");
            HtmlText.Escape(html, SrcSet(media, item, widths, format));
            html.Append("\" sizes=\"");
            HtmlText.Escape(html, media.Sizes);
            html.Append("\">\n");
        }

        // The plain img: the widest rendition up to 960 pixels, for browsers that read neither srcset nor sources.
        var width = widths.LastOrDefault(w => w <= 960, widths[0]);
        var src = media.Url(MediaLinks.Rendition(item, new RenditionRequest(width, null, fallback)));
        Img(html, media, item, markdownAlt, src, SrcSet(media, item, widths, fallback), original.Width, original.Height, first);
        html.Append("\n</picture>");
    }

    private static string SrcSet(MediaRendering media, MediaItem item, IReadOnlyList<int> widths, RenditionFormat format) =>
        string.Join(", ", widths.Select(w => string.Create(CultureInfo.InvariantCulture,
            $"{media.Url(MediaLinks.Rendition(item, new RenditionRequest(w, null, format)))} {w}w")));

    private static void Img(
        StringBuilder html, MediaRendering media, MediaItem item, string? markdownAlt, string src, string? srcset, int? width, int? height, bool first)
    {
        // The Markdown's alt text is the page's own; else the item's in the page's language; else the original's, marked
        // with its language (lang on an img applies to its alt); else the title; else empty, never a file name.
        var alt = markdownAlt is not null ? null : item.TextFor(MediaField.Alt, media.Language) ?? item.TextFor(MediaField.Title, media.Language);
        html.Append("<img src=\"");
        HtmlText.Escape(html, src);
        html.Append('"');
        if (srcset is not null)
        {
            html.Append(" srcset=\"");
            HtmlText.Escape(html, srcset);
            html.Append("\" sizes=\"");
            HtmlText.Escape(html, media.Sizes);
            html.Append('"');
        }

        if (width is { } w && height is { } h)
        {
            html.Append(CultureInfo.InvariantCulture, $" width=\"{w}\" height=\"{h}\"");
        }

        html.Append(" alt=\"");
        HtmlText.Escape(html, markdownAlt ?? alt?.Text ?? string.Empty);
        html.Append('"');
        if (alt is not null)
        {
            LangOf(html, alt.Language, media.Language);
        }

        // The first image is likely the page's largest paint: fetched at once; the others when they come near the view.
        // The first image is likely the largest thing in view: decoded with the page, not after it (an asynchronous
        // decode lets the page paint without it, which headless Chromium's screenshots showed as an empty figure).
        html.Append(first ? " fetchpriority=\"high\">" : " loading=\"lazy\" decoding=\"async\">");
    }

    /// <summary>
    /// A link to a file: the variant in the page's language, else the original's, with its language, type and size.
    /// <paramref name="write"/> takes markup in order; <paramref name="writeText"/> writes the Markdown's link text, null
    /// when it has none (the item's title then, else its file name).
    /// </summary>
    public static void Link(Action<string> write, MediaRendering media, long id, Action? writeText)
    {
        var html = new StringBuilder();
        if (!media.Items.TryGetValue(id, out var item))
        {
            if (writeText is not null)
            {
                writeText();
                html.Append(' ');
            }

            Missing(html, media, id, block: false);
            write(html.ToString());
            return;
        }

        FileLink(write, media, item, writeText);
    }

    private static void FileLink(StringBuilder html, MediaRendering media, MediaItem item) =>
        FileLink(text => html.Append(text), media, item, null);

    private static void FileLink(Action<string> write, MediaRendering media, MediaItem item, Action? writeText)
    {
        var file = item.FileFor(media.Language);
        var html = new StringBuilder();
        html.Append("<a href=\"");
        HtmlText.Escape(html, media.Url(MediaLinks.File(item, file)));
        html.Append("\" hreflang=\"");
        HtmlText.Escape(html, file.Language.Value);
        html.Append("\" type=\"");
        HtmlText.Escape(html, file.ContentType);
        html.Append("\">");
        if (writeText is not null)
        {
            write(html.ToString());
            html.Clear();
            writeText();
        }
        else if (item.TextFor(MediaField.Title, media.Language) is { } title)
        {
            // No link text: the item's title, marked when it is the original's in another language.
            var marked = title.Language != media.Language;
            if (marked)
            {
                html.Append("<span");
                LangOf(html, title.Language, media.Language);
                html.Append('>');
            }

            HtmlText.Escape(html, title.Text);
            html.Append(marked ? "</span>" : string.Empty);
        }
        else
        {
            html.Append("<bdi>");
            HtmlText.Escape(html, file.FileName);
            html.Append("</bdi>");
        }

        html.Append("</a> ");
        Details(html, media, file);
        write(html.ToString());
    }

    // "(PDF, Russian, 1.2 MB)": the language only when it is not the page's, so a fallback is said where it happens.
    private static void Details(StringBuilder html, MediaRendering media, MediaFile file)
    {
        var words = media.Words;
        var facts = new StringBuilder();
        HtmlText.Escape(facts, words.FileKind(file.ContentType));
        if (file.Language != media.Language)
        {
            HtmlText.Escape(facts, words.ListSeparator);
            if (words.LanguageName(file.Language) is { } name)
            {
                HtmlText.Escape(facts, name);
            }
            else
            {
                facts.Append("<bdi");
                LangOf(facts, file.Language, words.Language);
                facts.Append('>');
                HtmlText.Escape(facts, file.Language.NativeName);
                facts.Append("</bdi>");
            }
        }

        HtmlText.Escape(facts, words.ListSeparator);
        HtmlText.Escape(facts, words.Size(file.Size));
        var pattern = words.DetailsPattern;
        var hole = pattern.IndexOf("{0}", StringComparison.Ordinal);
        html.Append("<span class=\"media-file\"");
        LangOf(html, words.Language, media.Language);
        html.Append('>');
        if (hole < 0)
        {
            html.Append(facts);
        }
        else
        {
            HtmlText.Escape(html, pattern[..hole]);
            html.Append(facts);
            HtmlText.Escape(html, pattern[(hole + 3)..]);
        }

        html.Append("</span>");
    }

    private static void Missing(StringBuilder html, MediaRendering media, long id, bool block)
    {
        // Visible, in the interface's words, and never an img: a reader sees that something is not there, an editor which.
        html.Append(block ? "<p class=\"media-missing\" role=\"note\"" : "<span class=\"media-missing\"");
        LangOf(html, media.Words.Language, media.Language);
        html.Append('>');
        HtmlText.Escape(html, media.Words.Missing(string.Create(CultureInfo.InvariantCulture, $"{MediaReferences.Scheme}{id}")));
        html.Append(block ? "</p>\n" : "</span>");
    }

    /// <summary><c> lang="…" dir="…"</c> when <paramref name="language"/> is not <paramref name="around"/>'s, else nothing.</summary>
    private static void LangOf(StringBuilder html, LanguageTag language, LanguageTag around)
    {
        if (language != around)
        {
            html.Append(" lang=\"");
            HtmlText.Escape(html, language.Value);
            html.Append("\" dir=\"");
            html.Append(language.HtmlDir);
            html.Append('"');
        }
    }

    private sealed class FigureRenderer(MediaRendering media) : HtmlObjectRenderer<MediaFigureBlock>
    {
        protected override void Write(HtmlRenderer renderer, MediaFigureBlock obj)
        {
            var html = new StringBuilder();
            Figure(html, media, obj.Image);
            renderer.EnsureLine();
            renderer.Write(html.ToString());
        }
    }

    private sealed class ImageRenderer(MediaRendering media) : HtmlObjectRenderer<MediaImageInline>
    {
        protected override void Write(HtmlRenderer renderer, MediaImageInline obj)
        {
            var html = new StringBuilder();
            Inline(html, media, obj);
            renderer.Write(html.ToString());
        }
    }

    private sealed class LinkRenderer(MediaRendering media) : HtmlObjectRenderer<MediaLinkInline>
    {
        // The link text is Markdown's (emphasis, code): Markdig writes it, in order with the markup around it.
        protected override void Write(HtmlRenderer renderer, MediaLinkInline obj) =>
            Link(text => renderer.Write(text), media, obj.Id, obj.FirstChild is null ? null : () => renderer.WriteChildren(obj));
    }
}
