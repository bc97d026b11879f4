using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hexapla.Interchange.Xliff;

/// <summary>
/// Converts the Markdown of one segment to XLIFF 2.0 inline content and back: emphasis and links become
/// <c>&lt;pc&gt;</c> codes, inline code, autolinks and raw HTML become <c>&lt;ph&gt;</c>, and the Markdown they stand
/// for is kept in the unit's <c>&lt;originalData&gt;</c>.
/// </summary>
/// <remarks>
/// The conversion is exact: writing the XLIFF content back with its data gives the segment's Markdown character for
/// character, so its fingerprint is unchanged. Text between codes is the Markdown source as written (a backslash
/// escape stays a backslash escape).
/// </remarks>
public static class XliffInline
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().UsePreciseSourceLocation().Build();

    /// <summary>
    /// The XLIFF content of <paramref name="markdown"/>; new data entries are added to <paramref name="data"/>
    /// (ids <c>d1</c>, <c>d2</c>…). <paramref name="reuse"/> maps the data of codes already written (the source's) to
    /// their ids, so a target code with the same Markdown gets the same id as its source code, as CAT tools expect.
    /// </summary>
    public static IReadOnlyList<XNode> ToXliff(string markdown, InlineData data, IDictionary<string, Queue<string>>? reuse = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(data);
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        var container = document.Count == 1 && document[0] is LeafBlock { Inline: { } inline } ? inline : null;
        var writer = new Writer(markdown, data, reuse);
        var nodes = new List<XNode>();
        if (container is null)
        {
            nodes.Add(new XText(markdown));
            return nodes;
        }

        var end = writer.Children(container, 0, markdown.Length, nodes);
        writer.Text(end, markdown.Length, nodes);
        return nodes;
    }

    /// <summary>Where a source code's data is listed for reuse by the target: its start and end data joined.</summary>
    public static string ReuseKey(string start, string? end) => end is null ? start : $"{start}\u0000{end}";

    /// <summary>
    /// The Markdown of XLIFF content <paramref name="element"/> (a <c>source</c> or <c>target</c>), with the unit's
    /// <paramref name="data"/>; problems (unknown data references, unpaired codes, unknown elements) are added to
    /// <paramref name="problems"/>.
    /// </summary>
    public static string ToMarkdown(XElement element, IReadOnlyDictionary<string, string> data, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder();
        var open = new Stack<string>();
        Read(element, data, problems, text, open);
        foreach (var id in open)
        {
            problems.Add($"<sc id=\"{id}\"> has no matching <ec>");
        }

        return text.ToString();
    }

    private static void Read(XElement element, IReadOnlyDictionary<string, string> data, ICollection<string> problems, StringBuilder text, Stack<string> open)
    {
        foreach (var node in element.Nodes())
        {
            if (node is XText literal)
            {
                text.Append(literal.Value);
                continue;
            }

            if (node is not XElement child)
            {
                continue;
            }

            var id = (string?)child.Attribute("id");
            switch (child.Name.LocalName)
            {
                case "ph":
                    text.Append(Data(child, "dataRef", data, problems));
                    break;
                case "pc":
                    text.Append(Data(child, "dataRefStart", data, problems));
                    Read(child, data, problems, text, open);
                    text.Append(Data(child, "dataRefEnd", data, problems));
                    break;
                case "sc":
                    if (id is null)
                    {
                        problems.Add("<sc> has no id");
                    }
                    else if ((string?)child.Attribute("isolated") != "yes")
                    {
                        open.Push(id);
                    }

                    text.Append(Data(child, "dataRef", data, problems));
                    break;
                case "ec":
                    var start = (string?)child.Attribute("startRef");
                    if (start is not null)
                    {
                        if (open.Count == 0 || open.Peek() != start)
                        {
                            problems.Add($"<ec startRef=\"{start}\"> does not close the innermost open <sc>");
                        }
                        else
                        {
                            open.Pop();
                        }
                    }
                    else if ((string?)child.Attribute("isolated") != "yes")
                    {
                        problems.Add("<ec> has neither startRef nor isolated=\"yes\"");
                    }

                    text.Append(Data(child, "dataRef", data, problems));
                    break;
                case "mrk" or "sm" or "em":
                    // Annotations carry no Markdown of their own; their content is text.
                    Read(child, data, problems, text, open);
                    break;
                case "cp":
                    if (int.TryParse((string?)child.Attribute("hex"), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        && code is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
                    {
                        text.Append(char.ConvertFromUtf32(code));
                    }
                    else
                    {
                        problems.Add("<cp> has no valid hex code point");
                    }

                    break;
                default:
                    problems.Add($"<{child.Name.LocalName}> is not an XLIFF 2.0 inline element");
                    break;
            }
        }
    }

    private static string Data(XElement code, string attribute, IReadOnlyDictionary<string, string> data, ICollection<string> problems)
    {
        var reference = (string?)code.Attribute(attribute);
        var id = (string?)code.Attribute("id") ?? "?";
        if (reference is null)
        {
            problems.Add($"<{code.Name.LocalName} id=\"{id}\"> has no {attribute}, so the Markdown it stands for is unknown");
            return "";
        }

        if (!data.TryGetValue(reference, out var value))
        {
            problems.Add($"<{code.Name.LocalName} id=\"{id}\"> refers to data \"{reference}\", which <originalData> does not hold");
            return "";
        }

        return value;
    }

    private sealed class Writer(string markdown, InlineData data, IDictionary<string, Queue<string>>? reuse)
    {
        /// <summary>Writes the children of <paramref name="container"/> from <paramref name="from"/>; returns where it stopped.</summary>
        public int Children(ContainerInline container, int from, int limit, List<XNode> nodes)
        {
            var cursor = from;
            foreach (var inline in container)
            {
                var (start, end) = (inline.Span.Start, inline.Span.End + 1);
                if (inline.Span.IsEmpty || start < cursor || end > limit)
                {
                    // No usable position (rare constructs): leave it to the text around it.
                    continue;
                }

                Text(cursor, start, nodes);
                switch (inline)
                {
                    case EmphasisInline emphasis when emphasis.FirstChild is not null:
                        Paired(emphasis, start, end, emphasis.DelimiterCount >= 2 ? "xlf:b" : "xlf:i", "fmt", nodes);
                        break;
                    case LinkInline link when link.FirstChild is not null:
                        Paired(link, start, end, null, link.IsImage ? "image" : "link", nodes);
                        break;
                    case LiteralInline or LineBreakInline:
                        Text(start, end, nodes);
                        break;
                    default:
                        // Inline code, autolinks, raw HTML, entities: kept whole, not for translation.
                        nodes.Add(Placeholder(markdown[start..end], inline is CodeInline ? "fmt" : "other"));
                        break;
                }

                cursor = end;
            }

            return cursor;
        }

        public void Text(int from, int to, List<XNode> nodes)
        {
            if (to > from)
            {
                nodes.Add(new XText(markdown[from..to]));
            }
        }

        private void Paired(ContainerInline container, int start, int end, string? subType, string type, List<XNode> nodes)
        {
            var first = container.FirstChild!.Span.Start;
            var inner = new List<XNode>();
            var stop = first >= start ? Children(container, first, end, inner) : start;
            var lastEnd = LastEnd(container, end);
            if (first < start || lastEnd < stop || lastEnd > end)
            {
                nodes.Add(Placeholder(markdown[start..end], "other"));
                return;
            }

            Text(stop, lastEnd, inner);
            var open = markdown[start..first];
            var close = markdown[lastEnd..end];
            var (id, startRef, endRef) = Ids(ReuseKey(open, close), open, close);
            var element = new XElement(XliffWriter.Ns + "pc",
                new XAttribute("id", id),
                new XAttribute("type", type),
                subType is null ? null : new XAttribute("subType", subType),
                new XAttribute("dataRefStart", startRef),
                new XAttribute("dataRefEnd", endRef!),
                inner);
            nodes.Add(element);
        }

        private static int LastEnd(ContainerInline container, int fallback)
        {
            var last = container.LastChild;
            return last is null || last.Span.IsEmpty ? fallback : last.Span.End + 1;
        }

        private XElement Placeholder(string text, string type)
        {
            var (id, reference, _) = Ids(ReuseKey(text, null), text, null);
            return new XElement(XliffWriter.Ns + "ph", new XAttribute("id", id), new XAttribute("type", type), new XAttribute("dataRef", reference));
        }

        private (string Id, string Start, string? End) Ids(string key, string start, string? end)
        {
            if (reuse is not null && reuse.TryGetValue(key, out var waiting) && waiting.Count > 0)
            {
                var id = waiting.Dequeue();
                return (id, data.Find(start)!, end is null ? null : data.Find(end));
            }

            var fresh = data.NextCodeId();
            return (fresh, data.Add(start), end is null ? null : data.Add(end));
        }
    }
}

/// <summary>The <c>&lt;originalData&gt;</c> of one unit being written, and the ids of its inline codes.</summary>
public sealed class InlineData
{
    private readonly List<(string Id, string Value)> _entries = [];
    private int _nextCode = 1;

    /// <summary>The entries in the order they were added.</summary>
    public IReadOnlyList<(string Id, string Value)> Entries => _entries;

    /// <summary>The id of an entry holding <paramref name="value"/>, adding one when there is none.</summary>
    public string Add(string value) => Find(value) ?? AddNew(value);

    /// <summary>The id of an entry holding <paramref name="value"/>, or null.</summary>
    public string? Find(string value) => _entries.FirstOrDefault(e => e.Value == value).Id;

    /// <summary>A fresh inline code id: 1, 2, 3…</summary>
    public string NextCodeId() => (_nextCode++).ToString(CultureInfo.InvariantCulture);

    private string AddNew(string value)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"d{_entries.Count + 1}");
        _entries.Add((id, value));
        return id;
    }
}
