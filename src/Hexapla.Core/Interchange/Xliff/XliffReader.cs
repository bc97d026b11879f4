using System.Xml;
using System.Xml.Linq;
using Hexapla.Languages;

namespace Hexapla.Interchange.Xliff;

/// <summary>The <c>state</c> of a unit's segments as read: how far a CAT tool says its target got.</summary>
public enum XliffState
{
    /// <summary>The unit has no target, or an empty one.</summary>
    NoTarget,

    /// <summary><c>initial</c> (also when <c>state</c> is absent: XLIFF 2.0's default): a prefill, not a translation.</summary>
    Initial,

    /// <summary><c>translated</c>.</summary>
    Translated,

    /// <summary><c>reviewed</c>.</summary>
    Reviewed,

    /// <summary><c>final</c>.</summary>
    Final,
}

/// <summary>One unit of an XLIFF file as read: its id, and its source and target as Markdown.</summary>
/// <param name="Id">The unit id: <c>title</c> or a segment id of the original.</param>
/// <param name="Source">The source text as Markdown (codes turned back into the Markdown they stand for); the unit's
/// segments and ignorables joined in document order.</param>
/// <param name="Target">The target text as Markdown, only when it is to be taken: every segment of the unit has a
/// target and a <c>state</c> of <c>translated</c>, <c>reviewed</c> or <c>final</c>. Null otherwise (no target, an empty
/// one, or one still <c>initial</c>): such a unit is left as it was.</param>
/// <param name="Line">The line of the <c>&lt;unit&gt;</c> element in the file.</param>
/// <param name="State">The least advanced state among the unit's segments; <see cref="XliffState.NoTarget"/> when a
/// segment has no target.</param>
public sealed record XliffUnit(string Id, string Source, string? Target, int? Line, XliffState State = XliffState.Translated);

/// <summary>An XLIFF 2.0 file that passed <see cref="XliffReader"/>'s checks.</summary>
/// <param name="FileName">The file's name, for messages.</param>
/// <param name="Slug">The <c>file</c> element's id: the document's slug.</param>
/// <param name="Source">The <c>srcLang</c>.</param>
/// <param name="Target">The <c>trgLang</c>.</param>
/// <param name="Units">The units in file order, taken and left.</param>
public sealed record XliffDocument(string FileName, string Slug, LanguageTag Source, LanguageTag Target, IReadOnlyList<XliffUnit> Units)
{
    /// <summary>The units whose targets are taken (state <c>translated</c>, <c>reviewed</c> or <c>final</c>).</summary>
    public IReadOnlyList<XliffUnit> Taken => [.. Units.Where(u => u.Target is not null)];

    /// <summary>The units left as they were: no target, or a target still <c>initial</c>.</summary>
    public IReadOnlyList<XliffUnit> Left => [.. Units.Where(u => u.Target is null)];
}

/// <summary>
/// Reads an XLIFF 2.0 file made by <see cref="XliffWriter"/> and edited in a CAT tool. What can be checked without the
/// store is checked here; matching against the document is the newsroom's (<c>Newsroom.ImportXliffAsync</c>).
/// </summary>
/// <remarks>
/// <para>
/// Checked: well-formed XML; validity against the OASIS XLIFF 2.0 core schema (<see cref="XliffSchema"/>: unknown
/// core elements or attributes, a <c>state</c> other than initial/translated/reviewed/final, <c>&lt;pc&gt;</c> or
/// <c>&lt;mrk&gt;</c> without id…); and what the schema cannot say: <c>srcLang</c> and <c>trgLang</c> present and valid,
/// every <c>xml:lang</c> on a source or target equal to them, one <c>file</c>, unique ids (units and groups in the file,
/// segments and inline codes in a unit, data in <c>originalData</c>), inline codes that resolve to their data.
/// </para>
/// <para>
/// A unit split into several segments (and ignorables) by a CAT tool is joined back in document order. Its target is
/// taken only when every segment has one and is <c>translated</c>, <c>reviewed</c> or <c>final</c>; a unit with no
/// target or one still <c>initial</c> (also the default when <c>state</c> is absent) is read with a null
/// <see cref="XliffUnit.Target"/> and left as it was (the import refuses a file that would take none).
/// </para>
/// <para>
/// The XML is read with DTDs prohibited and no resolver, so an external entity (XXE) or an entity expansion bomb is
/// refused before anything is expanded; files over <see cref="MaxBytes"/> are refused unread.
/// </para>
/// </remarks>
public static class XliffReader
{
    /// <summary>The largest file read: 10 MiB.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Reads <paramref name="stream"/> (at most <see cref="MaxBytes"/> bytes).</summary>
    /// <exception cref="ImportException">Every problem found, each naming the file and, where known, the line and unit.</exception>
    public static XliffDocument Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var bytes = ReadLimited(stream, fileName);
        XDocument xml;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 0,
                MaxCharactersInDocument = MaxBytes,
                CloseInput = true,
            };
            if (XmlNesting.FindTooDeep(bytes, settings) is { } deepLine)
            {
                throw new ImportException(fileName, deepLine, XmlNesting.Reason);
            }

            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            // Whitespace is kept: a space between two codes, or an ignorable holding the space between two segments, is
            // text of the unit.
            xml = XDocument.Load(reader, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException(fileName, e.LineNumber > 0 ? e.LineNumber : null, "a DTD (<!DOCTYPE …>) is not allowed in XLIFF: entities could read local files or expand without end, so the file is refused");
        }
        catch (XmlException e)
        {
            throw new ImportException(fileName, e.LineNumber > 0 ? e.LineNumber : null, $"not well-formed XML: {e.Message}");
        }

        var errors = new List<ImportError>();
        void Error(XObject? at, string reason) => errors.Add(new ImportError(fileName, Line(at), reason));

        var root = xml.Root!;
        if (root.Name != XliffWriter.Ns + "xliff")
        {
            throw new ImportException(fileName, Line(root),
                $"the root element is <{root.Name.LocalName}> in namespace \"{root.Name.NamespaceName}\"; XLIFF 2.0 needs <xliff xmlns=\"{XliffWriter.Ns.NamespaceName}\">");
        }

        // The schema first: what it refuses inside a unit is not read further, so a problem is told once.
        var faulty = new HashSet<XElement>();
        XliffSchema.Validate(xml, (at, reason) =>
        {
            Error(at, reason);
            if ((at as XElement ?? at?.Parent)?.AncestorsAndSelf(XliffWriter.Ns + "unit").FirstOrDefault() is { } inUnit)
            {
                faulty.Add(inUnit);
            }
        });

        if ((string?)root.Attribute("version") is { } version && version is not ("2.0" or "2.1"))
        {
            Error(root, $"version=\"{version}\" is not supported; Hexapla reads XLIFF 2.0 (version=\"2.0\")");
        }

        var source = Language(root, "srcLang", Error);
        var target = Language(root, "trgLang", Error);
        CheckXmlLang(root, source, target, Error);
        var files = root.Elements(XliffWriter.Ns + "file").ToList();
        if (files.Count != 1)
        {
            Error(root, $"the file has {files.Count} <file> elements; Hexapla writes and reads one document per XLIFF file");
        }

        CheckUnique(files, "<file>", "in the document", Error);
        var slug = files.Count > 0 ? (string?)files[0].Attribute("id") : null;
        if (files.Count > 0 && string.IsNullOrWhiteSpace(slug))
        {
            Error(files[0], "<file> has no id (the document's slug)");
        }

        var units = new List<XliffUnit>();
        if (files.Count > 0)
        {
            // Units and groups share one set of ids in their file (XLIFF 2.0, 4.3.1.13).
            CheckUnique([.. files[0].Descendants().Where(e => e.Name == XliffWriter.Ns + "unit" || e.Name == XliffWriter.Ns + "group")], "<unit> or <group>", "in the <file>", Error);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in files.Take(1).SelectMany(f => f.Descendants(XliffWriter.Ns + "unit")))
        {
            var id = (string?)unit.Attribute("id");
            if (string.IsNullOrEmpty(id) || !seen.Add(id) || faulty.Contains(unit))
            {
                // Told already: by the schema (no id, or something wrong inside) or by the uniqueness check.
                continue;
            }

            if (ReadUnit(unit, id, Error) is { } read)
            {
                units.Add(read);
            }
        }

        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        return new XliffDocument(fileName, slug!.Trim(), source!, target!, units);
    }

    /// <summary>
    /// The units left, for messages: "unit s3 still initial, unit s5 without a target", at most 20 named.
    /// </summary>
    public static string Describe(IReadOnlyCollection<XliffUnit> left)
    {
        ArgumentNullException.ThrowIfNull(left);
        const int Named = 20;
        var parts = left.Where(u => u.Target is null).GroupBy(u => u.State == XliffState.Initial)
            .Select(g => $"{(g.Count() == 1 ? "unit" : "units")} {string.Join(", ", g.Take(Named).Select(u => u.Id))}{(g.Count() > Named ? $" and {g.Count() - Named} more" : "")} {(g.Key ? "still initial" : "without a target")}");
        return string.Join("; ", parts);
    }

    private static XliffUnit? ReadUnit(XElement unit, string id, Action<XObject?, string> error)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in unit.Elements(XliffWriter.Ns + "originalData").Elements(XliffWriter.Ns + "data"))
        {
            var dataId = (string?)entry.Attribute("id");
            if (dataId is null || !data.TryAdd(dataId, entry.Value))
            {
                error(entry, $"unit {id}: <data> {(dataId is null ? "has no id" : $"id \"{dataId}\" is used twice")}");
            }
        }

        // A CAT tool may split a unit into several segments with ignorables (whitespace) between them, as XLIFF 2.0
        // allows unless canResegment="no": the unit's text is all of them in document order (a target's order attribute
        // can move it), so they are joined back before the Markdown is read.
        var parts = unit.Elements().Where(e => e.Name == XliffWriter.Ns + "segment" || e.Name == XliffWriter.Ns + "ignorable").ToList();
        if (!CheckInlineIds(id, parts, error))
        {
            return null;
        }

        var segments = parts.Where(p => p.Name.LocalName == "segment").ToList();
        var state = segments.Select(SegmentState).DefaultIfEmpty(XliffState.NoTarget).Min();
        var sourceElement = Joined(parts, "source");
        var problems = new List<string>();
        // The title, the summary and media texts are plain text; the other units Markdown carried as text and codes.
        var plain = id is XliffWriter.TitleUnit or XliffWriter.SummaryUnit || Translation.MediaSegments.IsUnitId(id)
            || id.StartsWith(XliffWriter.FieldUnitPrefix, StringComparison.Ordinal);
        var sourceText = plain ? XliffInline.PlainText(sourceElement, problems) : XliffInline.ToMarkdown(sourceElement, data, problems);
        foreach (var problem in problems)
        {
            error(Line(sourceElement) is null ? parts[0] : sourceElement, $"unit {id}: in <source>, {problem}");
        }

        string? targetText = null;
        // Only a target to be taken is read: an initial one is a prefill (often the source copied), never a translation.
        if (state >= XliffState.Translated && Joined(parts, "target") is var targetElement)
        {
            problems.Clear();
            targetText = plain ? XliffInline.PlainText(targetElement, problems) : XliffInline.TargetToMarkdown(targetElement, sourceElement, data, problems);
            foreach (var problem in problems)
            {
                error(Line(targetElement) is null ? parts[0] : targetElement, $"unit {id}: in <target>, {problem}");
            }

            // XML itself refuses most control characters; what it lets through (C1 controls) the entrance rule refuses.
            if (Content.EnteringText.FindRefused(targetText, "target") is { } fault)
            {
                error(targetElement, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"unit {id}: in <target>, character {fault.Offset + 1}: {fault.What}"));
                return null;
            }

            targetText = Content.EnteringText.Accept(targetText, "target");
            if (string.IsNullOrWhiteSpace(targetText))
            {
                (targetText, state) = (null, XliffState.NoTarget);
            }
        }

        return problems.Count > 0 ? null : new XliffUnit(id, sourceText, targetText?.Trim(), Line(unit), state);
    }

    /// <summary>
    /// A segment's state: <see cref="XliffState.NoTarget"/> without a target, else its <c>state</c> (default
    /// <c>initial</c>, XLIFF 2.0 4.3.1.39). An empty source needs no target.
    /// </summary>
    private static XliffState SegmentState(XElement segment)
    {
        var target = segment.Element(XliffWriter.Ns + "target");
        if (target is null || target.IsEmpty || target.Nodes().All(n => n is XText { Value: var v } && string.IsNullOrWhiteSpace(v)))
        {
            var source = segment.Element(XliffWriter.Ns + "source");
            return source is not null && !source.HasElements && string.IsNullOrWhiteSpace(source.Value) ? XliffState.Final : XliffState.NoTarget;
        }

        return (string?)segment.Attribute("state") switch
        {
            "translated" => XliffState.Translated,
            "reviewed" => XliffState.Reviewed,
            "final" => XliffState.Final,
            _ => XliffState.Initial,
        };
    }

    /// <summary>
    /// The unit's <c>source</c> (or <c>target</c>) content as one element: the one element itself when the unit has one
    /// segment, else the parts' contents concatenated, targets in their <c>order</c>; an ignorable without a target
    /// gives its source to the target (it is whitespace or markup that is not translated).
    /// </summary>
    private static XElement Joined(List<XElement> parts, string kind)
    {
        if (parts.Count == 1 && parts[0].Element(XliffWriter.Ns + kind) is { } only)
        {
            return only;
        }

        var pieces = parts.Select((part, index) =>
        {
            var element = part.Element(XliffWriter.Ns + kind) ?? (kind == "target" && part.Name.LocalName == "ignorable" ? part.Element(XliffWriter.Ns + "source") : null);
            var order = kind == "target" && int.TryParse((string?)element?.Attribute("order"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : index + 1;
            return (Order: order, Index: index, Element: element);
        }).OrderBy(p => p.Order).ThenBy(p => p.Index);
        var joined = new XElement(XliffWriter.Ns + kind, new XAttribute(XNamespace.Xml + "space", "preserve"));
        foreach (var piece in pieces)
        {
            if (piece.Element is not null)
            {
                joined.Add(piece.Element.Nodes().Select(Copy));
            }
        }

        return joined;
    }

    private static XNode Copy(XNode node) => node switch
    {
        XElement element => new XElement(element),
        XText text => new XText(text.Value),
        _ => new XText(""),
    };

    /// <summary>
    /// Ids in a unit (XLIFF 2.0, 4.3.1.13 and 4.7.2): segments and ignorables unique; an inline code's or marker's id
    /// unique among the sources' codes and among the targets' (a target code takes the id of the source code it
    /// corresponds to), and never a segment's id.
    /// </summary>
    private static bool CheckInlineIds(string id, List<XElement> parts, Action<XObject?, string> error)
    {
        var fine = true;
        var partIds = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if ((string?)part.Attribute("id") is { } partId && !partIds.TryAdd(partId, part))
            {
                error(part, $"unit {id}: two <segment>/<ignorable> elements have the id \"{partId}\"; ids must be unique in a unit");
                fine = false;
            }
        }

        foreach (var kind in new[] { "source", "target" })
        {
            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var code in parts.Elements(XliffWriter.Ns + kind).Descendants()
                .Where(e => e.Name.Namespace == XliffWriter.Ns && e.Name.LocalName is "pc" or "sc" or "ph" or "mrk" or "sm" or "ec"))
            {
                if ((string?)code.Attribute("id") is not { } codeId)
                {
                    continue;
                }

                if (!codes.Add(codeId))
                {
                    error(code, $"unit {id}: in <{kind}>, two inline codes have the id \"{codeId}\"; each code needs its own id (keep the codes as exported)");
                    fine = false;
                }
                else if (partIds.ContainsKey(codeId))
                {
                    error(code, $"unit {id}: in <{kind}>, <{code.Name.LocalName}> has the id \"{codeId}\" of a <segment> or <ignorable> of the unit; ids must be unique in a unit");
                    fine = false;
                }
            }
        }

        return fine;
    }

    private static void CheckUnique(IEnumerable<XElement> elements, string what, string where, Action<XObject?, string> error)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if ((string?)element.Attribute("id") is { Length: > 0 } id && !ids.Add(id))
            {
                error(element, $"the id \"{id}\" is used by more than one {what} {where}; ids must be unique (was a unit copied?)");
            }
        }
    }

    private static LanguageTag? Language(XElement root, string attribute, Action<XObject?, string> error)
    {
        var value = (string?)root.Attribute(attribute);
        if (value is null)
        {
            // srcLang is the schema's to require (it says so already); trgLang is optional there, but not for an import.
            if (attribute == "trgLang")
            {
                error(root, "<xliff> has no trgLang, so the language of the translation is unknown; export the file from Hexapla for the language you translate into");
            }

            return null;
        }

        var checkedTag = LanguageTag.Validate(value);
        if (checkedTag.Tag is not { } tag)
        {
            error(root, $"{attribute}=\"{value}\" is not a valid BCP 47 language tag: {checkedTag.Reason}");
            return null;
        }

        return tag;
    }

    /// <summary>
    /// Every <c>xml:lang</c> must be a valid tag; on <c>&lt;source&gt;</c> and <c>&lt;target&gt;</c> it must also be
    /// <c>srcLang</c> and <c>trgLang</c> (XLIFF 2.0, 4.3.1.36 and 4.3.1.37), else the file says two things at once.
    /// </summary>
    private static void CheckXmlLang(XElement root, LanguageTag? source, LanguageTag? target, Action<XObject?, string> error)
    {
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Attribute(XNamespace.Xml + "lang") is not { } attribute)
            {
                continue;
            }

            var where = $"<{element.Name.LocalName}> xml:lang=\"{attribute.Value}\"";
            var checkedTag = LanguageTag.Validate(attribute.Value);
            if (checkedTag.Tag is not { } tag)
            {
                error(element, $"{where} is not a valid BCP 47 language tag: {checkedTag.Reason}");
                continue;
            }

            var expected = element.Name.LocalName switch
            {
                "source" => source,
                "target" => target,
                _ => null,
            };
            if (expected is not null && tag != expected)
            {
                var unit = element.Ancestors(XliffWriter.Ns + "unit").FirstOrDefault() is { } u ? $"unit {(string?)u.Attribute("id")}: " : "";
                error(element, element.Name.LocalName == "source"
                    ? $"{unit}{where} differs from the file's srcLang=\"{expected}\"; a source says what it was translated from, so both must be the same"
                    : $"{unit}{where} differs from the file's trgLang=\"{expected}\"; text in {tag} cannot be stored as the {expected} version: translate into {expected}, or export a file for {tag}");
            }
        }
    }

    private static byte[] ReadLimited(Stream stream, string fileName)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new ImportException(fileName, null, $"the file is larger than {MaxBytes / (1024 * 1024)} MiB, the most an XLIFF import reads");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static int? Line(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
