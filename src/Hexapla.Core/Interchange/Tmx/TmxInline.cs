using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hexapla.Content;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hexapla.Interchange.Tmx;

/// <summary>One piece of a segment as TMX carries it: text, or an inline code holding Markdown as its native code.</summary>
internal abstract record TmxPiece;

/// <summary>Plain text, as a reader reads it (no Markdown escapes).</summary>
internal sealed record TmxText(string Text) : TmxPiece;

/// <summary>The start of inline formatting: a <c>&lt;bpt&gt;</c> whose native code is the Markdown that opens it.</summary>
internal sealed record TmxBegin(int Id, string Type, string Native) : TmxPiece;

/// <summary>The end of inline formatting: an <c>&lt;ept&gt;</c> whose native code is the Markdown that closes it.</summary>
internal sealed record TmxEnd(int Id, string Native) : TmxPiece;

/// <summary>A standalone code: a <c>&lt;ph&gt;</c> holding Markdown (a code span, an image, an autolink, a hard line break).</summary>
internal sealed record TmxPlaceholder(string Type, string Native) : TmxPiece;

/// <summary>
/// Segment text between Markdown (how Hexapla stores it) and TMX (plain text with inline codes), both ways.
/// </summary>
/// <remarks>
/// <para>
/// Out: text is written as readers read it (<c>2\*3\*4</c> becomes <c>2*3*4</c>); emphasis, strong, strikeout,
/// sub/superscript, inserted, marked and links become <c>&lt;bpt&gt;</c>/<c>&lt;ept&gt;</c> pairs whose <c>type</c> says
/// what they are in TMX's terms (<c>bold</c>, <c>italic</c>, <c>link</c>, <c>x-…</c>) and whose native code is the
/// Markdown delimiter (<c>**</c>, <c>[</c> … <c>](https://…)</c>); code spans, images, autolinks and hard line breaks
/// become <c>&lt;ph&gt;</c> with their Markdown. A soft line break is a space.
/// </para>
/// <para>
/// In: text is escaped into Markdown so that it reads back as typed; layout white space (space, tab, line ends) is
/// collapsed to one space; a <c>bpt</c>/<c>ept</c> pair is formatting again when it is formatting Hexapla knows — Markdown
/// delimiters, HTML (<c>&lt;b&gt;</c>, <c>&lt;strong&gt;</c>, <c>&lt;i&gt;</c>, <c>&lt;em&gt;</c>, <c>&lt;s&gt;</c>,
/// <c>&lt;del&gt;</c>, <c>&lt;sub&gt;</c>, <c>&lt;sup&gt;</c>, <c>&lt;a href&gt;</c> with a safe address), or
/// <c>type="bold"</c>/<c>"italic"</c> — otherwise the code is dropped and the text around it keeps its spaces. A
/// <c>ph</c> holding one Markdown code span, image, autolink or hard break stays; a line break code (<c>type="lb"</c>,
/// <c>&lt;br&gt;</c>) becomes a hard break; a paragraph or block code becomes a space; any other code is dropped.
/// Formatting that would not read back as the same text is dropped rather than risk stray asterisks.
/// </para>
/// </remarks>
internal static partial class TmxInline
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>The pieces of one segment's Markdown text, for the writer.</summary>
    public static IReadOnlyList<TmxPiece> FromMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (markdown.Length == 0 || MarkdownRenderer.ShownAsText(markdown))
        {
            return [new TmxText(markdown)];
        }

        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            return [new TmxText(markdown)];
        }

        // A segment is the inline text of one block; read again alone it may look like a block of another kind (a
        // heading "1. Introduction" reads as a list): what comes before the inline text is text.
        var leaves = document.Descendants<LeafBlock>().Where(l => l.Inline is not null).ToList();
        if (leaves.Count != 1 || leaves[0].Inline!.Span.Start < 0)
        {
            return [new TmxText(markdown)];
        }

        var inline = leaves[0].Inline!;
        var pieces = new List<TmxPiece>();
        var start = inline.FirstChild?.Span.Start ?? markdown.Length;
        if (start > 0)
        {
            pieces.Add(new TmxText(markdown[..Math.Min(start, markdown.Length)]));
        }

        var next = 1;
        Walk(inline, markdown, pieces, ref next);
        return Merge(pieces);
    }

    private static void Walk(ContainerInline container, string source, List<TmxPiece> pieces, ref int next)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child)
            {
                case LiteralInline literal:
                    pieces.Add(new TmxText(literal.Content.ToString()));
                    break;
                case HtmlEntityInline entity:
                    pieces.Add(new TmxText(entity.Transcoded.ToString()));
                    break;
                case LineBreakInline lineBreak:
                    pieces.Add(lineBreak.IsHard ? new TmxPlaceholder("lb", Source(source, child)) : new TmxText(" "));
                    break;
                case CodeInline:
                    pieces.Add(new TmxPlaceholder("x-code", Source(source, child)));
                    break;
                case AutolinkInline:
                    pieces.Add(new TmxPlaceholder("x-link", Source(source, child)));
                    break;
                case LinkInline { IsImage: true }:
                    pieces.Add(new TmxPlaceholder("image", Source(source, child)));
                    break;
                case LinkInline { IsAutoLink: true }:
                    // A bare web address: text, as a reader sees it.
                    pieces.Add(new TmxText(Source(source, child)));
                    break;
                case LinkInline link when link.FirstChild is { } first && link.LastChild is { } last:
                    Paired(link, first, last, "link", source, pieces, ref next);
                    break;
                case EmphasisInline { FirstChild: { } first, LastChild: { } last } emphasis:
                    Paired(emphasis, first, last, EmphasisType(emphasis), source, pieces, ref next);
                    break;
                case ContainerInline { FirstChild: not null } other when other is not LinkInline:
                    Walk(other, source, pieces, ref next);
                    break;
                default:
                    pieces.Add(new TmxPlaceholder("x-markdown", Source(source, child)));
                    break;
            }
        }
    }

    private static void Paired(ContainerInline container, Inline first, Inline last, string type, string source, List<TmxPiece> pieces, ref int next)
    {
        var id = next++;
        pieces.Add(new TmxBegin(id, type, Slice(source, container.Span.Start, first.Span.Start)));
        Walk(container, source, pieces, ref next);
        pieces.Add(new TmxEnd(id, Slice(source, last.Span.End + 1, container.Span.End + 1)));
    }

    private static string EmphasisType(EmphasisInline emphasis) => (emphasis.DelimiterChar, emphasis.DelimiterCount) switch
    {
        ('*' or '_', 2) => "bold",
        ('*' or '_', _) => "italic",
        ('~', 2) => "x-strikeout",
        ('~', _) => "x-subscript",
        ('^', _) => "x-superscript",
        ('+', _) => "x-inserted",
        ('=', _) => "x-marked",
        _ => "x-emphasis",
    };

    private static string Source(string source, Inline inline) => Slice(source, inline.Span.Start, inline.Span.End + 1);

    private static string Slice(string source, int start, int end)
    {
        start = Math.Clamp(start, 0, source.Length);
        end = Math.Clamp(end, start, source.Length);
        return source[start..end];
    }

    private static List<TmxPiece> Merge(List<TmxPiece> pieces)
    {
        var merged = new List<TmxPiece>(pieces.Count);
        foreach (var piece in pieces)
        {
            if (piece is TmxText { Text.Length: 0 })
            {
                continue;
            }

            if (piece is TmxText text && merged.Count > 0 && merged[^1] is TmxText previous)
            {
                merged[^1] = new TmxText(previous.Text + text.Text);
            }
            else
            {
                merged.Add(piece);
            }
        }

        return merged;
    }

    // ---- In: TMX to Markdown ----

    private enum ItemKind
    {
        Text,
        Gap,
        Raw,
        Break,
        Open,
        Close,
    }

    /// <summary>One thing read from a segment: text, Markdown kept as it is, a hard break, or a formatting delimiter.</summary>
    private sealed record Item(ItemKind Kind, string Value, string? Id = null, string? Native = null, string? Type = null)
    {
        /// <summary>For an open or close: the Markdown it becomes, when the pair is formatting Hexapla knows.</summary>
        public string? Markdown { get; set; }

        /// <summary>For an open or close that became formatting: its other half.</summary>
        public Item? Partner { get; set; }
    }

    private static readonly HashSet<string> InSegment = new(StringComparer.Ordinal) { "bpt", "ept", "it", "ph", "hi", "ut" };

    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal) { "bpt", "ept", "it", "ph", "ut" };

    /// <summary>
    /// The Markdown for the content of <paramref name="seg"/>; every element TMX does not allow where it stands is
    /// told to <paramref name="refuse"/> (the element and the sentence to show), and the result is then null.
    /// </summary>
    /// <param name="seg">The <c>&lt;seg&gt;</c>, loaded with white space preserved.</param>
    /// <param name="omegaTags">The file is OmegaT's: text like <c>&lt;b0&gt;</c> is its inline codes written as text.</param>
    /// <param name="refuse">Told each element that is not allowed.</param>
    public static string? ToMarkdown(XElement seg, bool omegaTags, Action<XElement, string> refuse)
    {
        ArgumentNullException.ThrowIfNull(seg);
        ArgumentNullException.ThrowIfNull(refuse);
        var items = new List<Item>();
        var refused = false;
        Collect(seg, "seg", items, omegaTags, (element, reason) =>
        {
            refused = true;
            refuse(element, reason);
        });
        if (refused)
        {
            return null;
        }

        Pair(items);
        var plain = Render(items, formatted: false);
        var formatted = Render(items, formatted: true);
        // Formatting that Markdown would not read back as the same text (a delimiter shown as a character) is dropped.
        return formatted == plain || VisibleText(formatted) == VisibleText(plain) ? formatted : plain;
    }

    private static void Collect(XElement parent, string where, List<Item> items, bool omegaTags, Action<XElement, string> refuse)
    {
        foreach (var node in parent.Nodes())
        {
            switch (node)
            {
                case XText text:
                    AddText(items, text.Value, omegaTags);
                    break;
                case XElement element:
                    var name = element.Name.LocalName;
                    if (element.Name.Namespace != XNamespace.None || !InSegment.Contains(name))
                    {
                        refuse(element, Foreign(element, where));
                        continue;
                    }

                    if (name == "hi")
                    {
                        Collect(element, "hi", items, omegaTags, refuse);
                        continue;
                    }

                    var native = Native(element, refuse);
                    var type = (string?)element.Attribute("type");
                    switch (name)
                    {
                        case "bpt":
                            items.Add(new Item(ItemKind.Open, "", (string?)element.Attribute("i"), native, type));
                            break;
                        case "ept":
                            items.Add(new Item(ItemKind.Close, "", (string?)element.Attribute("i"), native));
                            break;
                        case "ph":
                            Placeholder(items, type, native);
                            break;
                        default:
                            // it and ut: a code whose other half is elsewhere, or unknown; only a break leaves a trace.
                            items.Add(BreakKind(type, native) is not null ? new Item(ItemKind.Text, " ") : new Item(ItemKind.Gap, ""));
                            break;
                    }

                    break;
            }
        }
    }

    private static string Foreign(XElement element, string where)
    {
        var shown = element.Name.Namespace == XNamespace.None ? element.Name.LocalName : $"{element.Name.LocalName} xmlns=\"{element.Name.NamespaceName}\"";
        return where is "seg" or "hi" or "sub"
            ? $"<{where}> holds <{shown}>, which TMX does not allow there (only <bpt>, <ept>, <it>, <ph>, <hi> and <ut>); write the original formatting as escaped native code inside <bpt>/<ept> (for example <bpt i=\"1\">&lt;b&gt;</bpt>) or remove the element"
            : $"<{where}> holds <{shown}>, which TMX does not allow there (a code holds only text and <sub>); escape the native code (&lt; for <) or remove the element";
    }

    // The native code's own text; a <sub> inside is translatable text belonging to the code, dropped with it, but
    // checked like the rest.
    private static string Native(XElement code, Action<XElement, string> refuse)
    {
        var native = new StringBuilder();
        foreach (var node in code.Nodes())
        {
            if (node is XText text)
            {
                native.Append(text.Value);
            }
            else if (node is XElement element)
            {
                if (element.Name.Namespace != XNamespace.None || element.Name.LocalName != "sub")
                {
                    refuse(element, Foreign(element, code.Name.LocalName));
                }
                else
                {
                    CheckSub(element, refuse);
                }
            }
        }

        return native.ToString();
    }

    private static void CheckSub(XElement sub, Action<XElement, string> refuse)
    {
        foreach (var element in sub.Elements())
        {
            if (element.Name.Namespace != XNamespace.None || !InSegment.Contains(element.Name.LocalName))
            {
                refuse(element, Foreign(element, "sub"));
            }
            else if (Codes.Contains(element.Name.LocalName))
            {
                Native(element, refuse);
            }
            else
            {
                CheckSub(element, refuse);
            }
        }
    }

    private static void AddText(List<Item> items, string text, bool omegaTags)
    {
        if (!omegaTags)
        {
            items.Add(new Item(ItemKind.Text, text));
            return;
        }

        // OmegaT's own tags (<b0>, </b0>, <x1/>) written as text in its level 1 memories: codes whose content is unknown.
        var at = 0;
        foreach (Match tag in OmegaTag().Matches(text))
        {
            items.Add(new Item(ItemKind.Text, text[at..tag.Index]));
            if (tag.Groups[4].Length > 0)
            {
                // A standalone tag: a placeholder, like <ph>.
                items.Add(new Item(ItemKind.Gap, ""));
            }

            at = tag.Index + tag.Length;
        }

        items.Add(new Item(ItemKind.Text, text[at..]));
    }

    private static void Placeholder(List<Item> items, string? type, string native)
    {
        if (MarkdownCode(native) is { } markdown)
        {
            items.Add(new Item(ItemKind.Raw, markdown));
        }
        else if (BreakKind(type, native) is { } kind)
        {
            items.Add(kind == ItemKind.Break ? new Item(ItemKind.Break, "\\\n") : new Item(ItemKind.Text, " "));
        }
        else
        {
            items.Add(new Item(ItemKind.Gap, ""));
        }
    }

    /// <summary>Break for a line break, Text for a block boundary (a space), null for anything else.</summary>
    private static ItemKind? BreakKind(string? type, string native)
    {
        var code = native.Trim();
        if (type is "lb" || LineBreakCode().IsMatch(code) || (code.Length == 0 && native.Contains('\n', StringComparison.Ordinal)))
        {
            return ItemKind.Break;
        }

        return type is "pb" or "cb" || BlockCode().IsMatch(code) ? ItemKind.Text : null;
    }

    /// <summary>The native code when it is one Markdown code span, image, autolink or hard break, else null.</summary>
    private static string? MarkdownCode(string native)
    {
        if (HardBreak().IsMatch(native))
        {
            return "\\\n";
        }

        if (native.Length < 2 || native.Contains('\n', StringComparison.Ordinal) || native[0] is not ('`' or '!' or '<'))
        {
            return null;
        }

        try
        {
            var document = Markdig.Markdown.Parse(native, Pipeline);
            if (document.Count == 1 && document[0] is ParagraphBlock { Inline: { FirstChild: { } only } inline }
                && only == inline.LastChild
                && only switch
                {
                    AutolinkInline autolink => autolink.IsEmail || MarkdownRenderer.IsSafeUrl(autolink.Url),
                    LinkInline { IsImage: true } image => MarkdownRenderer.IsSafeUrl(image.Url),
                    CodeInline => true,
                    _ => false,
                })
            {
                return native;
            }
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit: not a code we keep.
        }

        return null;
    }

    // Pairs opens and closes by their i, as nested spans; a pair that crosses another, or a half without its other
    // half, is no formatting. Known pairs get the Markdown they become.
    private static void Pair(List<Item> items)
    {
        var open = new List<Item>();
        // Where each id's opens stand in the list, so that a segment of many codes takes time in proportion to them.
        var positions = new Dictionary<string, Stack<int>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Kind == ItemKind.Open)
            {
                Positions(item).Push(open.Count);
                open.Add(item);
            }
            else if (item.Kind == ItemKind.Close)
            {
                if (Positions(item) is not { Count: > 0 } stack)
                {
                    continue;
                }

                var at = stack.Peek();
                var start = open[at];
                // Only the innermost open span may close: anything opened after it and still open crosses it.
                var crossing = at != open.Count - 1;
                for (var k = open.Count - 1; k >= at; k--)
                {
                    Positions(open[k]).Pop();
                }

                open.RemoveRange(at, open.Count - at);
                if (!crossing && Format(start.Type, start.Native ?? "", item.Native ?? "") is { } format)
                {
                    start.Markdown = format.Open;
                    item.Markdown = format.Close;
                    start.Partner = item;
                    item.Partner = start;
                }
            }
        }

        Stack<int> Positions(Item item)
        {
            var id = item.Id ?? "";
            if (!positions.TryGetValue(id, out var stack))
            {
                stack = new Stack<int>();
                positions[id] = stack;
            }

            return stack;
        }
    }

    private static (string Open, string Close)? Format(string? type, string begin, string end)
    {
        var code = begin.Trim();
        switch (code)
        {
            case "**" or "__" or "*" or "_" or "~~" or "~" or "^" or "==" or "++":
                return (code, code);
            case "[" when MarkdownLinkEnd().Match(end.Trim()) is { Success: true } link && MarkdownRenderer.IsSafeUrl(link.Groups["url"].Value):
                return ("[", end.Trim());
        }

        if (HtmlTag().Match(code) is { Success: true } tag)
        {
            switch (tag.Groups["name"].Value.ToLowerInvariant())
            {
                case "b" or "strong":
                    return ("**", "**");
                case "i" or "em":
                    return ("*", "*");
                case "s" or "del" or "strike":
                    return ("~~", "~~");
                case "sub":
                    return ("~", "~");
                case "sup":
                    return ("^", "^");
                case "a" when HtmlHref().Match(code) is { Success: true } href && Address(href) is { } url:
                    return ("[", $"]({url})");
            }
        }

        return type?.ToLowerInvariant() switch
        {
            "bold" => ("**", "**"),
            "italic" => ("*", "*"),
            _ => null,
        };
    }

    private static string? Address(Match href)
    {
        var url = System.Net.WebUtility.HtmlDecode(href.Groups["url"].Value).Trim();
        return url.Length > 0 && MarkdownRenderer.IsSafeUrl(url) && !url.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '<' or '>')
            ? url
            : null;
    }

    private static string Render(List<Item> items, bool formatted)
    {
        var output = new StringBuilder();
        var pendingSpace = false;
        var lastWasBreak = false;
        var gap = false;
        // Opening delimiters wait for the first character they format, so that a space just inside one goes before
        // it ("** see**" is no emphasis) and a span holding only spaces leaves nothing.
        var waiting = new List<Item>();
        // The waiting opens not yet closed again (a set, so that closing one is not a search of the list).
        var stillWaiting = new HashSet<Item>(ReferenceEqualityComparer.Instance);
        foreach (var item in items)
        {
            switch (item.Kind)
            {
                case ItemKind.Text:
                    foreach (var c in item.Value)
                    {
                        if (IsLayoutSpace(c))
                        {
                            pendingSpace = output.Length > 0 && !lastWasBreak;
                            continue;
                        }

                        // A dropped placeholder between two words of a script written with spaces stands for a space
                        // ("release<ph/>No. 12"); inside a word of Chinese or Thai it stands for nothing.
                        if (gap && !pendingSpace && output.Length > 0 && UsesSpaces(output[^1]) && UsesSpaces(c))
                        {
                            pendingSpace = true;
                        }

                        Release();
                        lastWasBreak = false;
                        output.Append(c);
                    }

                    break;
                case ItemKind.Gap:
                    gap = true;
                    break;
                case ItemKind.Break:
                    if (output.Length > 0 && !lastWasBreak)
                    {
                        pendingSpace = false;
                        output.Append('\u0001');
                        lastWasBreak = true;
                    }

                    break;
                case ItemKind.Raw:
                    Release();
                    output.Append('\u0002').Append(item.Value).Append('\u0003');
                    lastWasBreak = false;
                    break;
                case ItemKind.Open when formatted && item.Markdown is not null:
                    waiting.Add(item);
                    stillWaiting.Add(item);
                    break;
                case ItemKind.Close when formatted && item.Markdown is not null:
                    if (item.Partner is { } partner && stillWaiting.Remove(partner))
                    {
                        break;
                    }

                    // A space just before the closing delimiter stays pending, so it goes after it.
                    output.Append('\u0004').Append(item.Markdown).Append('\u0003');
                    break;
            }
        }

        return Assemble(output.ToString());

        void Release()
        {
            gap = false;
            if (pendingSpace)
            {
                output.Append(' ');
                pendingSpace = false;
            }

            foreach (var open in waiting)
            {
                if (stillWaiting.Contains(open))
                {
                    output.Append('\u0004').Append(open.Markdown).Append('\u0003');
                }
            }

            waiting.Clear();
            stillWaiting.Clear();
        }
    }

    private static bool IsLayoutSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    // Letters and digits of scripts that separate words with spaces: not Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan.
    private static bool UsesSpaces(char c) => char.IsLetterOrDigit(c) && c switch
    {
        >= '\u0E00' and <= '\u0EFF' => false,
        >= '\u0F00' and <= '\u0FFF' => false,
        >= '\u1000' and <= '\u109F' => false,
        >= '\u1780' and <= '\u17FF' => false,
        >= '\u3040' and <= '\u30FF' => false,
        >= '\u3400' and <= '\u4DBF' => false,
        >= '\u4E00' and <= '\u9FFF' => false,
        >= '\uF900' and <= '\uFAFF' => false,
        _ => true,
    };

    // The rendered stream marks Markdown kept as it is (U+0002 … U+0003), delimiters (U+0004 … U+0003) and hard breaks
    // (U+0001); text between is escaped here, where what comes before and after is known. The marks cannot occur in
    // the text: the reader refuses control characters before it gets here.
    private static string Assemble(string marked)
    {
        var result = new StringBuilder(marked.Length + 16);
        var text = new StringBuilder();
        for (var i = 0; i < marked.Length; i++)
        {
            var c = marked[i];
            if (c is '\u0002' or '\u0004')
            {
                Flush();
                var end = marked.IndexOf('\u0003', i + 1);
                result.Append(marked, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '\u0001')
            {
                Flush();
                // A hard break is a backslash at the end of a line; one at the very end of the segment means nothing.
                if (i < marked.Length - 1)
                {
                    TrimEndSpaces(result);
                    result.Append("\\\n");
                }
            }
            else
            {
                text.Append(c);
            }
        }

        Flush();
        return result.ToString().Trim(' ');

        void Flush()
        {
            if (text.Length > 0)
            {
                result.Append(Escape(text.ToString(), result.Length == 0 || result[^1] == '\n'));
                text.Clear();
            }
        }
    }

    private static void TrimEndSpaces(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }

    /// <summary>
    /// <paramref name="text"/> as Markdown that reads back as the same text: the characters that could start Markdown
    /// inline syntax are escaped, and at the start of a line the ones that could start a block. Web addresses are left
    /// as they are (Markdown links bare addresses, and an escape inside one would change it).
    /// </summary>
    internal static string Escape(string text, bool atLineStart)
    {
        var output = new StringBuilder(text.Length + 8);
        var addresses = WebAddress().Matches(text);
        var nextAddress = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (nextAddress < addresses.Count && addresses[nextAddress].Index == i)
            {
                output.Append(addresses[nextAddress].Value);
                i += addresses[nextAddress].Length - 1;
                nextAddress++;
                continue;
            }

            var c = text[i];
            var previous = i > 0 ? text[i - 1] : '\0';
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            var escape = c switch
            {
                '\\' or '`' or '*' or '[' or ']' or '<' or '~' or '^' or '|' => true,
                '_' => !(char.IsLetterOrDigit(previous) && char.IsLetterOrDigit(next)),
                '=' => next == c || previous == c,
                '+' => next == c || previous == c || (atLineStart && i == 0 && next is ' ' or '\0'),
                '&' => EntityLike().IsMatch(text.AsSpan(i)),
                '#' or '>' => atLineStart && i == 0,
                '-' => atLineStart && i == 0 && (next is ' ' or '\0' || next == '-'),
                '.' or ')' => atLineStart && IsAllDigits(text.AsSpan(0, i)) && i > 0 && next is ' ' or '\0',
                _ => false,
            };
            if (escape)
            {
                output.Append('\\');
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text a reader sees in <paramref name="markdown"/> (inline content only), to compare two renderings.</summary>
    internal static string VisibleText(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            return markdown;
        }

        var text = new StringBuilder();
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is { } inline)
            {
                Visible(inline, text);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static void Visible(ContainerInline container, StringBuilder text)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case ContainerInline inner:
                    Visible(inner, text);
                    break;
            }
        }
    }

    [GeneratedRegex(@"<(/?)([^\s/\d<>]+)(\d+)(/?)>", RegexOptions.CultureInvariant)]
    private static partial Regex OmegaTag();

    [GeneratedRegex(@"^(\\| {2,})\r?\n$", RegexOptions.CultureInvariant)]
    private static partial Regex HardBreak();

    [GeneratedRegex(@"^(<br\d*\b[^>]*>|\\line\b.*|\\n)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LineBreakCode();

    [GeneratedRegex(@"^</?(p|div|li|ul|ol|td|th|tr|table|h[1-6]|blockquote)\b[^>]*>$|^\\(par|cell|row|page)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BlockCode();

    [GeneratedRegex(@"^<(?<name>[A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?>$", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\shref\s*=\s*(""(?<url>[^""]*)""|'(?<url>[^']*)')", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HtmlHref();

    [GeneratedRegex(@"^\]\((?<url>[^\s()<>]+)(\s+""[^""\n]*"")?\)$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownLinkEnd();

    [GeneratedRegex(@"(https?://|ftp://|mailto:|www\.)[^\s<>\[\]`|*]*[^\s<>\[\]`|*.,;:!?'""\)]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"^&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)", RegexOptions.CultureInvariant)]
    private static partial Regex EntityLike();
}
