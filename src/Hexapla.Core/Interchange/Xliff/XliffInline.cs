using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Markdig;
using Markdig.Parsers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hexapla.Interchange.Xliff;

/// <summary>
/// Converts the Markdown of one segment to XLIFF 2.0 inline content and back. Text is plain text, as a reader reads
/// it: Markdown escapes are taken out on the way to XLIFF (<c>2\*3</c> is <c>2*3</c>) and put back on the way in, so
/// what a translator types is what the page shows. Markdown structure becomes inline codes whose Markdown is kept in
/// the unit's <c>&lt;originalData&gt;</c>: emphasis, strong, strikeout and the other emphasis extras and links and
/// images become <c>&lt;pc&gt;</c>; code spans, autolinks, raw HTML and hard line breaks become <c>&lt;ph&gt;</c>.
/// </summary>
/// <remarks>
/// <para>
/// Formatting codes (emphasis of every kind, hard line breaks: <c>type="fmt"</c>) may be deleted or copied by the
/// translator, since languages stress words differently; links, images, code spans, autolinks and raw HTML are
/// written with <c>canDelete="no"</c> and <c>canCopy="no"</c>: an address or a piece of code must arrive once, as
/// exported. Codes may be reordered among their siblings (word order changes), never moved into or out of another
/// code (<see cref="CheckCodes"/>).
/// </para>
/// <para>
/// A segment is read as inline content only (no block syntax: a heading text such as <c>1. Intro</c> stays text).
/// Reference links (<c>[text][ref]</c>) are resolved only when the body's definitions are given.
/// </para>
/// </remarks>
public static partial class XliffInline
{
    private static readonly MarkdownPipeline Pipeline = InlinePipeline();

    private static MarkdownPipeline InlinePipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseEmphasisExtras().UsePreciseSourceLocation();
        // A segment is the inline content of one block: no block syntax may turn its text into a list or a heading.
        builder.BlockParsers.RemoveAll(parser => parser is not ParagraphBlockParser);
        builder.BlockParsers.Find<ParagraphBlockParser>()!.ParseSetextHeadings = false;
        return builder.Build();
    }

    /// <summary>
    /// The XLIFF content of <paramref name="markdown"/>; new data entries are added to <paramref name="data"/>
    /// (ids <c>d1</c>, <c>d2</c>…). <paramref name="reuse"/> maps the data of codes already written (the source's) to
    /// their ids, so a target code with the same Markdown gets the same id as its source code, as CAT tools expect.
    /// </summary>
    /// <param name="markdown">The segment's Markdown (inline content; a blank line separates two paragraphs).</param>
    /// <param name="data">The unit's original data being written.</param>
    /// <param name="reuse">The source's code ids by <see cref="ReuseKey"/>, for a target; null for a source.</param>
    /// <param name="definitions">The link reference definitions of the body the segment comes from, or null.</param>
    public static IReadOnlyList<XNode> ToXliff(string markdown, InlineData data, IDictionary<string, Queue<string>>? reuse = null, string? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(data);
        var source = string.IsNullOrEmpty(definitions) ? markdown : $"{markdown}\n\n{definitions}";
        var document = Markdig.Markdown.Parse(source, Pipeline);
        var writer = new Writer(markdown, data, reuse);
        foreach (var block in document)
        {
            if (block is LeafBlock { Inline: { } inline } leaf && leaf.Span.Start < markdown.Length)
            {
                if (writer.Count > 0)
                {
                    writer.Append("\n\n");
                }

                writer.Children(inline);
            }
        }

        if (writer.Count == 0 && !string.IsNullOrWhiteSpace(markdown))
        {
            // Not text at all (a link reference definition is a segment of its own): kept whole, as one code.
            writer.Whole();
        }

        return writer.Nodes;
    }

    /// <summary>Where a source code's data is listed for reuse by the target: its start and end data joined.</summary>
    public static string ReuseKey(string start, string? end) => end is null ? start : $"{start}\u0000{end}";

    /// <summary>
    /// The Markdown of XLIFF content <paramref name="element"/> (a <c>source</c> or <c>target</c>), with the unit's
    /// <paramref name="data"/>: its text escaped where Markdown would read it as syntax, its codes replaced by their
    /// data. Problems (unknown data references, unpaired codes, unknown elements) are added to
    /// <paramref name="problems"/>, one per code.
    /// </summary>
    public static string ToMarkdown(XElement element, IReadOnlyDictionary<string, string> data, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder();
        var open = new Stack<string>();
        Read(element, data, problems, text, open, null);
        foreach (var id in open)
        {
            problems.Add($"<sc id=\"{id}\"> has no matching <ec>");
        }

        return text.ToString();
    }

    /// <summary>
    /// The plain text of <paramref name="element"/>, for units that are not Markdown (the title and the summary):
    /// text, annotations' text and <c>&lt;cp&gt;</c> characters; a code is a problem (these units are written without).
    /// </summary>
    public static string PlainText(XElement element, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder();
        foreach (var node in element.DescendantNodes())
        {
            if (node is XText literal)
            {
                text.Append(literal.Value);
            }
            else if (node is XElement child && child.Name.LocalName is not ("mrk" or "sm" or "em"))
            {
                if (child.Name.LocalName == "cp" && int.TryParse((string?)child.Attribute("hex"), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    && code is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
                {
                    text.Append(char.ConvertFromUtf32(code));
                }
                else
                {
                    problems.Add($"<{child.Name.LocalName}> has no place here: this unit is plain text, exported without codes; remove it and keep its text");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The Markdown of a unit's <paramref name="target"/>, after checking its codes against the
    /// <paramref name="source"/>'s (<see cref="CheckCodes"/>). A problem already in the source (data it refers to
    /// missing) is not repeated for the target's copy of the same code: each problem is one line.
    /// </summary>
    public static string TargetToMarkdown(XElement target, XElement source, IReadOnlyDictionary<string, string> data, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(problems);
        var sourceCodes = Codes(source).ToList();
        foreach (var problem in CheckCodes(source, target, data))
        {
            problems.Add(problem);
        }

        // A code copied from the source unchanged shares its references: a missing data entry is the source's problem.
        var reported = sourceCodes.Where(c => c.References.Any(r => !data.ContainsKey(r))).Select(c => c.Signature).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        var open = new Stack<string>();
        Read(target, data, problems, text, open, reported);
        foreach (var id in open)
        {
            problems.Add($"<sc id=\"{id}\"> has no matching <ec>");
        }

        return text.ToString();
    }

    /// <summary>
    /// The codes of <paramref name="target"/> compared with those of <paramref name="source"/>, one line per code:
    /// a code missing (unless deletable), extra (unless a <c>copyOf</c> of a copyable code), changed (another element
    /// or other data) or moved into or out of another code. Deletable and copyable are what the export wrote: a code
    /// of <c>type="fmt"</c> not marked <c>canDelete="no"</c> / <c>canCopy="no"</c>.
    /// </summary>
    public static IReadOnlyList<string> CheckCodes(XElement source, XElement target, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(data);
        var problems = new List<string>();
        var sourceCodes = Codes(source).Where(c => c.Id is not null).GroupBy(c => c.Id!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in Codes(target))
        {
            if (code.Id is null || code.Name == "ec")
            {
                // An <ec> is checked with its <sc>; an id-less code is the structure check's to report.
                continue;
            }

            var copyOf = (string?)code.Element.Attribute("copyOf");
            if (copyOf is not null)
            {
                if (!sourceCodes.TryGetValue(copyOf, out var original))
                {
                    problems.Add($"{Describe(code, data)} is a copy of code {copyOf}, which the source does not have; remove it");
                }
                else if (!original.CanCopy)
                {
                    problems.Add($"{Describe(code, data)} copies {Describe(original, data)}, which may appear only once; remove the copy");
                }

                continue;
            }

            if (!sourceCodes.TryGetValue(code.Id, out var match))
            {
                problems.Add($"{Describe(code, data)} is not in the source; remove it (only the source's codes may be used)");
                continue;
            }

            if (!seen.Add(code.Id))
            {
                problems.Add($"{Describe(match, data)} appears more than once; keep one");
                continue;
            }

            if ((!SameKind(match, code) && !IsSplitPair(match, code, target))
                || (SameKind(match, code) && !match.References.SequenceEqual(code.References, StringComparer.Ordinal)))
            {
                problems.Add($"{Describe(match, data)} was changed (to {Describe(code, data)}); keep the code as in the source");
                continue;
            }

            if (code.Parent != match.Parent)
            {
                var where = match.Parent is null ? "outside any other code" : $"inside code {match.Parent}";
                problems.Add($"{Describe(match, data)} was moved {(code.Parent is null ? "out of the code around it" : $"inside code {code.Parent}")}; in the source it is {where}, so keep it there");
            }
        }

        foreach (var (id, code) in sourceCodes)
        {
            if (code.Name != "ec" && !seen.Contains(id) && !code.CanDelete)
            {
                problems.Add($"{Describe(code, data)} is missing; put it back around or at the words it belongs to (it cannot be deleted)");
            }
        }

        return problems;
    }

    /// <summary>
    /// The Markdown <paramref name="markdown"/> as it comes back from XLIFF: written as inline content and read back.
    /// Two texts that show a translator the same text and codes have the same normal form.
    /// </summary>
    public static string Normalize(string markdown, string? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var data = new InlineData();
        var element = new XElement(XliffWriter.Ns + "source", ToXliff(markdown, data, null, definitions));
        return ToMarkdown(element, data.Entries.ToDictionary(e => e.Id, e => e.Value, StringComparer.Ordinal), new List<string>()).Trim();
    }

    /// <summary>
    /// The link reference definitions of <paramref name="body"/> (<c>[ref]: https://…</c>), one a line, for
    /// <see cref="ToXliff"/> and <see cref="Normalize"/>; null when it has none.
    /// </summary>
    public static string? Definitions(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.Contains("]:", StringComparison.Ordinal))
        {
            return null;
        }

        var document = Markdig.Markdown.Parse(body, DefinitionPipeline);
        // Written anew from what Markdig read: only the label matters to the segment, the address to the reference.
        var lines = document.Descendants<LinkReferenceDefinitionGroup>().SelectMany(g => g.Links.Values)
            .Where(d => d.Label is { Length: > 0 } && d.Url is not null)
            .Select(d => $"[{d.Label}]: <{d.Url}>")
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static readonly MarkdownPipeline DefinitionPipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UsePreciseSourceLocation().Build();

    /// <summary>
    /// Plain text as Markdown that shows it unchanged: characters Markdown would read as syntax at this place are
    /// escaped with a backslash; spaces before a line break are dropped (two would make a hard break).
    /// </summary>
    /// <param name="text">The plain text.</param>
    /// <param name="before">The Markdown written just before it ("" at the start of the segment).</param>
    public static string Escape(string text, string before = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(before);
        var output = new StringBuilder(text.Length + 8);
        var lineStart = before.Length == 0 || before[^1] == '\n';
        var previous = before.Length == 0 ? '\n' : before[^1];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '\n')
            {
                // Trailing spaces would turn the line break into a hard one.
                while (output.Length > 0 && output[^1] is ' ' or '\t')
                {
                    output.Length--;
                }

                output.Append('\n');
                lineStart = true;
                previous = '\n';
                continue;
            }

            if (lineStart && c is ' ' or '\t')
            {
                // Markdown drops a line's indentation inside a paragraph; four spaces could start code.
                continue;
            }

            var escape = c switch
            {
                '*' or '`' or '[' or ']' or '<' or '~' or '^' or '|' => true,
                '\\' => next is '\0' or '\n' || AsciiPunctuation.Contains(next, StringComparison.Ordinal),
                '_' => !(char.IsLetterOrDigit(previous) && char.IsLetterOrDigit(next)),
                '+' or '=' => next == c || previous == c || lineStart,
                '#' or '>' or '-' => lineStart,
                '&' => EntityLike().IsMatch(text.AsSpan(i)),
                '!' => next == '\0',
                '(' => previous == ']',
                '.' or ')' => lineStart && IsOrderedMarker(output),
                _ => false,
            };
            if (c == '#' && !lineStart && (previous is ' ' or '\t'))
            {
                // A closing sequence of a heading ("Intro #") would be dropped.
                escape = true;
            }

            if (escape)
            {
                output.Append('\\');
            }

            output.Append(c);
            previous = c;
            lineStart = lineStart && char.IsAsciiDigit(c);
        }

        return output.ToString();
    }

    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    // True when the current line holds only one to nine digits: a following "." or ")" would make it a list item.
    private static bool IsOrderedMarker(StringBuilder output)
    {
        var digits = 0;
        for (var i = output.Length - 1; i >= 0 && output[i] != '\n'; i--)
        {
            if (!char.IsAsciiDigit(output[i]))
            {
                return false;
            }

            digits++;
        }

        return digits is > 0 and <= 9;
    }

    [GeneratedRegex(@"^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex EntityLike();

    private static void Read(XElement element, IReadOnlyDictionary<string, string> data, ICollection<string> problems, StringBuilder text, Stack<string> open, HashSet<string>? reported)
    {
        foreach (var node in element.Nodes())
        {
            if (node is XText literal)
            {
                text.Append(Escape(literal.Value, Last(text)));
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
                    text.Append(Data(child, data, problems, reported, "dataRef"));
                    break;
                case "pc":
                    var (start, end) = (Data(child, data, problems, reported, "dataRefStart", "dataRefEnd"), Data(child, data, null, null, "dataRefEnd"));
                    var mark = text.Length;
                    text.Append(start);
                    Read(child, data, problems, text, open, reported);
                    if (IsDelimiter(start) && start == end)
                    {
                        Emphasis(text, mark, start, child.NextNode is XText after && after.Value.Length > 0 ? after.Value[0] : '\0');
                    }
                    else
                    {
                        text.Append(end);
                    }

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

                    text.Append(Data(child, data, problems, reported, "dataRef"));
                    break;
                case "ec":
                    var startRef = (string?)child.Attribute("startRef");
                    if (startRef is not null)
                    {
                        if (open.Count == 0 || open.Peek() != startRef)
                        {
                            problems.Add($"<ec startRef=\"{startRef}\"> does not close the innermost open <sc>");
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

                    text.Append(Data(child, data, problems, reported, "dataRef"));
                    break;
                case "mrk" or "sm" or "em":
                    // Annotations carry no Markdown of their own; their content is text.
                    Read(child, data, problems, text, open, reported);
                    break;
                case "cp":
                    if (int.TryParse((string?)child.Attribute("hex"), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        && code is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
                    {
                        text.Append(Escape(char.ConvertFromUtf32(code), Last(text)));
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

    /// <summary>
    /// The data the first of <paramref name="attributes"/> refers to; every reference of the code that is missing or
    /// unknown is reported in one line (when <paramref name="problems"/> is given).
    /// </summary>
    private static string Data(XElement code, IReadOnlyDictionary<string, string> data, ICollection<string>? problems, HashSet<string>? reported, params string[] attributes)
    {
        var references = attributes.Select(a => (Attribute: a, Value: (string?)code.Attribute(a))).ToList();
        var missing = references.Where(r => r.Value is null).Select(r => r.Attribute).ToList();
        var unknown = references.Where(r => r.Value is not null && !data.ContainsKey(r.Value)).Select(r => $"\"{r.Value}\"").ToList();
        if (problems is not null && (missing.Count > 0 || unknown.Count > 0)
            && (reported is null || !reported.Contains(Signature(code.Name.LocalName, (string?)code.Attribute("id"), references.Select(r => r.Value ?? "")))))
        {
            var what = $"<{code.Name.LocalName} id=\"{(string?)code.Attribute("id") ?? "?"}\">";
            problems.Add(missing.Count > 0
                ? $"{what} has no {string.Join(" or ", missing)}, so the Markdown it stands for is unknown"
                : $"{what} refers to data {string.Join(" and ", unknown)}, which <originalData> does not hold (keep the unit's <originalData> as exported)");
        }

        var first = references[0].Value;
        return first is not null && data.TryGetValue(first, out var value) ? value : "";
    }

    private static bool IsDelimiter(string data) => data.Length > 0 && data.All(c => c is '*' or '_' or '~' or '^' or '+' or '=');

    /// <summary>
    /// Closes emphasis whose opening delimiter is at <paramref name="mark"/> so that Markdown reads it as emphasis
    /// whatever the translator did around the code: spaces just inside it go outside (<c>** fett**</c> is no
    /// emphasis), an empty one is dropped, and <c>_</c> becomes <c>*</c> inside a word (<c>__fett__er</c> is no
    /// emphasis, <c>**fett**er</c> is).
    /// </summary>
    private static void Emphasis(StringBuilder text, int mark, string delimiter, char after)
    {
        var inner = text.ToString(mark + delimiter.Length, text.Length - mark - delimiter.Length);
        var trimmed = inner.Trim();
        text.Length = mark;
        if (trimmed.Length == 0)
        {
            text.Append(inner);
            return;
        }

        var lead = inner[..(inner.Length - inner.TrimStart().Length)];
        var trail = inner[inner.TrimEnd().Length..];
        var before = text.Length > 0 ? text[^1] : '\0';
        if (delimiter[0] == '_' && ((lead.Length == 0 && char.IsLetterOrDigit(before)) || (trail.Length == 0 && char.IsLetterOrDigit(after))))
        {
            delimiter = new string('*', delimiter.Length);
        }

        text.Append(lead).Append(delimiter).Append(trimmed).Append(delimiter).Append(trail);
    }

    private static string Last(StringBuilder text) => text.Length == 0 ? "" : text[^1].ToString();

    private static string Signature(string name, string? id, IEnumerable<string> references) => $"{name}\u0000{id}\u0000{string.Join("\u0000", references)}";

    private static bool SameKind(Code a, Code b) => a.Name == b.Name;

    // A <pc> written back as <sc>/<ec> with the same data (XLIFF 2.0 allows either form; some tools prefer the pair).
    private static bool IsSplitPair(Code source, Code target, XElement content) =>
        source.Name == "pc" && target.Name == "sc" && target.References[0] == source.References[0]
        && content.Descendants().Any(e => e.Name.LocalName == "ec" && (string?)e.Attribute("startRef") == target.Id && ((string?)e.Attribute("dataRef") ?? "") == source.References[1]);

    private static IEnumerable<Code> Codes(XElement content)
    {
        foreach (var element in content.Descendants())
        {
            var name = element.Name.LocalName;
            if (name is not ("pc" or "ph" or "sc" or "ec"))
            {
                continue;
            }

            var parent = element.Ancestors().TakeWhile(a => a != content).FirstOrDefault(a => a.Name.LocalName == "pc");
            var references = name == "pc"
                ? new[] { (string?)element.Attribute("dataRefStart") ?? "", (string?)element.Attribute("dataRefEnd") ?? "" }
                : [(string?)element.Attribute("dataRef") ?? ""];
            var formatting = (string?)element.Attribute("type") == "fmt";
            yield return new Code(
                element,
                name,
                (string?)element.Attribute("id"),
                parent is null ? null : (string?)parent.Attribute("id") ?? "?",
                references,
                formatting && (string?)element.Attribute("canDelete") != "no",
                formatting && (string?)element.Attribute("canCopy") != "no");
        }
    }

    private static string Describe(Code code, IReadOnlyDictionary<string, string> data)
    {
        string Value(string reference) => data.TryGetValue(reference, out var value) ? value : "";
        var markdown = code.Name == "pc" ? $"{Value(code.References[0])}…{Value(code.References[1])}" : Value(code.References[0]);
        var what = (string?)code.Element.Attribute("type") switch
        {
            "link" => "the link",
            "image" => "the image",
            "fmt" when code.Name == "ph" => "the line break",
            "fmt" => "the formatting",
            _ => "the code",
        };
        var shown = markdown.Length == 0 || markdown == "…" ? "" : $" ({(markdown.Length > 60 ? markdown[..57] + "…" : markdown).ReplaceLineEndings("⏎")})";
        return $"{what} <{code.Name} id=\"{code.Id}\">{shown}";
    }

    private sealed record Code(XElement Element, string Name, string? Id, string? Parent, IReadOnlyList<string> References, bool CanDelete, bool CanCopy)
    {
        public string Signature => XliffInline.Signature(Name, Id, References);
    }

    private sealed class Writer
    {
        private readonly string _markdown;
        private readonly InlineData _data;
        private readonly IDictionary<string, Queue<string>>? _reuse;
        private readonly StringBuilder _text = new();
        private readonly List<XNode> _nodes = [];
        private List<XNode> _into;

        public Writer(string markdown, InlineData data, IDictionary<string, Queue<string>>? reuse)
        {
            (_markdown, _data, _reuse) = (markdown, data, reuse);
            _into = _nodes;
        }

        public int Count => _nodes.Count + _text.Length;

        public List<XNode> Nodes
        {
            get
            {
                _into = _nodes;
                Flush();
                return _nodes;
            }
        }

        public void Append(string text) => _text.Append(text);

        public void Whole() => Add(Placeholder(_markdown, "other", null));

        /// <summary>Writes the children of <paramref name="container"/> into the current node list.</summary>
        public void Children(ContainerInline container)
        {
            for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        _text.Append(literal.Content.ToString());
                        break;
                    case HtmlEntityInline entity:
                        _text.Append(entity.Transcoded.ToString());
                        break;
                    case LineBreakInline lineBreak when lineBreak.IsHard:
                        Add(Placeholder(lineBreak.IsBackslash ? "\\\n" : "  \n", "fmt", "xlf:lb"));
                        break;
                    case LineBreakInline:
                        _text.Append('\n');
                        break;
                    case EmphasisInline emphasis when emphasis.FirstChild is not null:
                        var delimiter = new string(emphasis.DelimiterChar, emphasis.DelimiterCount);
                        var subType = emphasis.DelimiterChar is '*' or '_' ? (emphasis.DelimiterCount >= 2 ? "xlf:b" : "xlf:i") : null;
                        Paired(emphasis, delimiter, delimiter, "fmt", subType);
                        break;
                    case LinkInline link when link.FirstChild is not null && Raw(link) is { } raw && LinkEnds(link, raw) is var (open, close):
                        Paired(link, open, close, link.IsImage ? "image" : "link", null);
                        break;
                    case CodeInline:
                        Add(Placeholder(Raw(inline) ?? "", "other", null));
                        break;
                    case ContainerInline other when other is not LinkInline:
                        // A delimiter Markdig left unmatched: its children are text.
                        Children(other);
                        break;
                    default:
                        // Autolinks, raw HTML, links with no text: kept whole, not for translation.
                        Add(Placeholder(Raw(inline) ?? "", inline is AutolinkInline or LinkInline ? "link" : "other", null));
                        break;
                }
            }
        }

        private string? Raw(Inline inline) =>
            inline.Span.IsEmpty || inline.Span.Start < 0 || inline.Span.End >= _markdown.Length ? null : _markdown.Substring(inline.Span.Start, inline.Span.Length);

        // The Markdown before a link's text ("[" or "![") and after it ("](https://…)", "][ref]", "]").
        private static (string Open, string Close)? LinkEnds(LinkInline link, string raw)
        {
            var first = link.FirstChild!;
            var last = link.LastChild!;
            if (first.Span.IsEmpty || last.Span.IsEmpty || first.Span.Start < link.Span.Start || last.Span.End > link.Span.End)
            {
                return null;
            }

            var open = raw[..(first.Span.Start - link.Span.Start)];
            var close = raw[(last.Span.End + 1 - link.Span.Start)..];
            return open is "[" or "![" && close.StartsWith(']') ? (open, close) : null;
        }

        private void Paired(ContainerInline container, string open, string close, string type, string? subType)
        {
            var (id, startRef, endRef) = Ids(ReuseKey(open, close), open, close);
            var outer = _into;
            Flush();
            var inner = new List<XNode>();
            _into = inner;
            Children(container);
            Flush();
            _into = outer;
            var formatting = type == "fmt";
            Add(new XElement(XliffWriter.Ns + "pc",
                new XAttribute("id", id),
                new XAttribute("type", type),
                subType is null ? null : new XAttribute("subType", subType),
                new XAttribute("dataRefStart", startRef),
                new XAttribute("dataRefEnd", endRef!),
                formatting ? null : new XAttribute("canCopy", "no"),
                formatting ? null : new XAttribute("canDelete", "no"),
                inner));
        }

        private void Add(XElement element)
        {
            Flush();
            _into.Add(element);
        }

        private void Flush()
        {
            if (_text.Length > 0)
            {
                _into.Add(new XText(_text.ToString()));
                _text.Clear();
            }
        }

        private XElement Placeholder(string text, string type, string? subType)
        {
            var (id, reference, _) = Ids(ReuseKey(text, null), text, null);
            var formatting = type == "fmt";
            return new XElement(XliffWriter.Ns + "ph",
                new XAttribute("id", id),
                new XAttribute("type", type),
                subType is null ? null : new XAttribute("subType", subType),
                new XAttribute("dataRef", reference),
                formatting ? null : new XAttribute("canCopy", "no"),
                formatting ? null : new XAttribute("canDelete", "no"));
        }

        private (string Id, string Start, string? End) Ids(string key, string start, string? end)
        {
            if (_reuse is not null && _reuse.TryGetValue(key, out var waiting) && waiting.Count > 0)
            {
                var id = waiting.Dequeue();
                return (id, _data.Find(start)!, end is null ? null : _data.Find(end));
            }

            var fresh = _data.NextCodeId();
            return (fresh, _data.Add(start), end is null ? null : _data.Add(end));
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
