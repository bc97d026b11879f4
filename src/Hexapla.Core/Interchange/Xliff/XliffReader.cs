using System.Xml;
using System.Xml.Linq;
using Hexapla.Languages;

namespace Hexapla.Interchange.Xliff;

/// <summary>One unit of an XLIFF file as read: its id, and its source and target as Markdown.</summary>
/// <param name="Id">The unit id: <c>title</c> or a segment id of the original.</param>
/// <param name="Source">The source text as Markdown (codes turned back into the Markdown they stand for).</param>
/// <param name="Target">The target text as Markdown; null when the unit has no target or an empty one.</param>
/// <param name="Line">The line of the <c>&lt;unit&gt;</c> element in the file.</param>
public sealed record XliffUnit(string Id, string Source, string? Target, int? Line);

/// <summary>An XLIFF 2.0 file that passed <see cref="XliffReader"/>'s checks.</summary>
/// <param name="FileName">The file's name, for messages.</param>
/// <param name="Slug">The <c>file</c> element's id: the document's slug.</param>
/// <param name="Source">The <c>srcLang</c>.</param>
/// <param name="Target">The <c>trgLang</c>.</param>
/// <param name="Units">The units in file order.</param>
public sealed record XliffDocument(string FileName, string Slug, LanguageTag Source, LanguageTag Target, IReadOnlyList<XliffUnit> Units);

/// <summary>
/// Reads an XLIFF 2.0 file made by <see cref="XliffWriter"/> and edited in a CAT tool. What can be checked without the
/// store is checked here (well-formed XML, version, namespace, language tags, one <c>file</c>, unique unit ids, inline
/// codes); matching against the document is the newsroom's (<c>Newsroom.ImportXliffAsync</c>).
/// </summary>
/// <remarks>
/// The XML is read with DTDs prohibited and no resolver, so an external entity (XXE) or an entity expansion bomb is
/// refused before anything is expanded; files over <see cref="MaxBytes"/> are refused unread.
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
            xml = XDocument.Load(reader, LoadOptions.SetLineInfo);
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

        if ((string?)root.Attribute("version") is not ("2.0" or "2.1"))
        {
            Error(root, $"version=\"{(string?)root.Attribute("version")}\" is not supported; this is XLIFF 2.0");
        }

        var source = Language(root, "srcLang", Error);
        var target = Language(root, "trgLang", Error);
        CheckXmlLang(root, source, target, Error);
        var files = root.Elements(XliffWriter.Ns + "file").ToList();
        if (files.Count != 1)
        {
            Error(root, $"the file has {files.Count} <file> elements; Hexapla writes and reads one document per XLIFF file");
        }

        var slug = files.Count > 0 ? (string?)files[0].Attribute("id") : null;
        if (files.Count > 0 && string.IsNullOrWhiteSpace(slug))
        {
            Error(files[0], "<file> has no id (the document's slug)");
        }

        var units = new List<XliffUnit>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in files.Take(1).SelectMany(f => f.Descendants(XliffWriter.Ns + "unit")))
        {
            var id = (string?)unit.Attribute("id");
            if (string.IsNullOrEmpty(id))
            {
                Error(unit, "a <unit> has no id");
                continue;
            }

            if (!seen.Add(id))
            {
                Error(unit, $"unit {id}: the id is used twice");
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

        var segments = unit.Elements(XliffWriter.Ns + "segment").ToList();
        if (segments.Count != 1)
        {
            error(unit, $"unit {id}: has {segments.Count} <segment> elements; Hexapla writes one per unit and cannot tell how to join several");
            return null;
        }

        var segment = segments[0];
        if (segment.Element(XliffWriter.Ns + "source") is not { } sourceElement)
        {
            error(segment, $"unit {id}: the <segment> has no <source>");
            return null;
        }

        var problems = new List<string>();
        // The title and the summary are plain text; the other units Markdown carried as text and codes.
        var plain = id is XliffWriter.TitleUnit or XliffWriter.SummaryUnit;
        var sourceText = plain ? XliffInline.PlainText(sourceElement, problems) : XliffInline.ToMarkdown(sourceElement, data, problems);
        foreach (var problem in problems)
        {
            error(sourceElement, $"unit {id}: in <source>, {problem}");
        }

        string? targetText = null;
        if (segment.Element(XliffWriter.Ns + "target") is { } targetElement)
        {
            problems.Clear();
            targetText = plain ? XliffInline.PlainText(targetElement, problems) : XliffInline.TargetToMarkdown(targetElement, sourceElement, data, problems);
            foreach (var problem in problems)
            {
                error(targetElement, $"unit {id}: in <target>, {problem}");
            }

            // XML itself refuses most control characters; what it lets through (C1 controls) the entrance rule refuses.
            if (Content.EnteringText.FindRefused(targetText, "target") is { } fault)
            {
                error(targetElement, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"unit {id}: in <target>, character {fault.Offset + 1}: {fault.What}"));
                return null;
            }

            targetText = Content.EnteringText.Accept(targetText, "target");
        }

        return problems.Count > 0 ? null : new XliffUnit(id, sourceText, string.IsNullOrWhiteSpace(targetText) ? null : targetText.Trim(), Line(unit));
    }

    private static LanguageTag? Language(XElement root, string attribute, Action<XObject?, string> error)
    {
        var value = (string?)root.Attribute(attribute);
        if (value is null)
        {
            error(root, $"<xliff> has no {attribute}");
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
                error(element, $"{where} differs from the file's {(element.Name.LocalName == "source" ? "srcLang" : "trgLang")}=\"{expected}\"");
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
