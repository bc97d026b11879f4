using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Interchange.Tmx;

/// <summary>Reads TMX (1.4b, and 1.1–1.3 files that use <c>lang</c>) into translation memory units.</summary>
/// <remarks>
/// <para>
/// Each <c>&lt;tu&gt;</c> gives one unit per variant in a language other than the source: the source variant is the one
/// in the header's <c>srclang</c> (or the <c>tu</c>'s own <c>srclang</c>); with <c>*all*</c>, the first. Segment text
/// becomes Markdown as <see cref="TmxInline"/> says: plain text escaped, layout white space collapsed, inline codes
/// back to formatting where it is formatting Hexapla knows and otherwise dropped with the spaces around them kept.
/// </para>
/// <para>
/// A document type declaration (LISA's <c>tmx14.dtd</c>, OmegaT's <c>tmx11.dtd</c>, any external id) is skipped without
/// being loaded: no external fetch and no entity from it. An internal subset that declares entities is refused, and
/// a reference to any entity other than XML's five is an error. Files larger than <see cref="MaxBytes"/> are refused
/// before parsing, and elements nested deeper than <see cref="XmlNesting.MaxDepth"/> before loading.
/// </para>
/// <para>
/// Refused, each named with the file, the line and the unit's number: a header without <c>srclang</c>, a
/// <c>srclang</c> or <c>xml:lang</c> that is not a BCP 47 tag (<c>english</c>), a <c>version</c> other than 1.1–1.4b,
/// an element TMX does not allow inside <c>&lt;seg&gt;</c> (or inside a code). A file with any problem yields no units.
/// </para>
/// </remarks>
public static class TmxReader
{
    /// <summary>The largest TMX file accepted, in bytes.</summary>
    public const long MaxBytes = 64 * 1024 * 1024;

    /// <summary>The versions read: the published ones (1.4b writes itself as 1.4, some tools write 1.4b).</summary>
    private static readonly HashSet<string> Versions = new(StringComparer.Ordinal) { "1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b" };

    /// <summary>The units in <paramref name="content"/>, with origin <c>tmx NAME</c>.</summary>
    /// <param name="name">The file name, for the origin and for messages.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="now">The units' date.</param>
    /// <exception cref="ImportException">
    /// The file is too large, not well-formed, declares entities, or the header or a unit is wrong; every problem is listed.
    /// </exception>
    public static IReadOnlyList<MemoryUnit> Read(string name, byte[] content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        if (content.LongLength > MaxBytes)
        {
            throw new ImportException(name, null, string.Create(CultureInfo.InvariantCulture, $"is {content.LongLength} bytes; TMX files up to {MaxBytes} bytes are accepted"));
        }

        RefuseDeclaredEntities(name, content);
        XDocument xml;
        var settings = new XmlReaderSettings
        {
            // The declaration is skipped, never loaded: no external DTD is fetched and no entity from one is defined.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes,
        };
        try
        {
            if (XmlNesting.FindTooDeep(content, settings) is { } deepLine)
            {
                throw new ImportException(name, deepLine, XmlNesting.Reason);
            }

            using var stream = new MemoryStream(content, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            // White space kept as written: a space between two codes separates words ("see the"), and layout white
            // space inside a segment is collapsed by the reader, not dropped by the parser.
            xml = XDocument.Load(reader, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            var reason = e.Message.Contains("entity", StringComparison.OrdinalIgnoreCase)
                ? $"uses an entity that is not one of XML's five (&amp; &lt; &gt; &quot; &apos;); entities are refused for safety: write the character itself ({e.Message})"
                : $"is not well-formed XML: {e.Message}";
            throw new ImportException(name, e.LineNumber > 0 ? e.LineNumber : null, reason);
        }

        var root = xml.Root!;
        if (root.Name.LocalName != "tmx")
        {
            throw new ImportException(name, Line(root), $"is not TMX: the root element is <{root.Name.LocalName}>, not <tmx>");
        }

        var header = root.Element("header") ?? throw new ImportException(name, Line(root), "has no <header>");
        var body = root.Element("body") ?? throw new ImportException(name, Line(root), "has no <body>");
        var headerErrors = new List<ImportError>();
        var version = (string?)root.Attribute("version");
        if (version is null || !Versions.Contains(version.Trim()))
        {
            headerErrors.Add(new ImportError(name, Line(root), version is null
                ? "<tmx> has no version; TMX 1.1 to 1.4b files are read (add version=\"1.4\")"
                : $"<tmx> version=\"{version}\" is not a TMX version Hexapla reads (1.1 to 1.4b)"));
        }

        var headerSource = (string?)header.Attribute("srclang");
        if (headerSource is null)
        {
            headerErrors.Add(new ImportError(name, Line(header), "<header> has no srclang; TMX requires it: the source language's tag (srclang=\"en-GB\"), or srclang=\"*all*\" when any language may be the source"));
        }
        else if (headerSource != "*all*" && LanguageTag.Validate(headerSource).Tag is null)
        {
            headerErrors.Add(new ImportError(name, Line(header), $"<header> srclang=\"{headerSource}\" is not a valid BCP 47 language tag: {LanguageTag.Validate(headerSource).Reason}"));
        }

        if (headerErrors.Count > 0)
        {
            throw new ImportException(headerErrors);
        }

        // OmegaT's level 1 memories (project_save.tmx, -omegat.tmx) carry its own tags as text.
        var omegaTags = ((string?)header.Attribute("o-tmf"))?.Contains("OmegaT", StringComparison.OrdinalIgnoreCase) == true
            || ((string?)header.Attribute("creationtool"))?.Contains("OmegaT", StringComparison.OrdinalIgnoreCase) == true;
        var origin = $"tmx {Path.GetFileName(name)}";
        var units = new List<MemoryUnit>();
        var errors = new List<ImportError>();
        var number = 0;
        foreach (var tu in body.Elements("tu"))
        {
            number++;
            var where = string.Create(CultureInfo.InvariantCulture, $"tu {number}: ");
            var errorsBefore = errors.Count;
            var sourceName = (string?)tu.Attribute("srclang") ?? headerSource;
            if (sourceName != "*all*" && !LanguageTag.TryParse(sourceName, out _))
            {
                errors.Add(new ImportError(name, Line(tu), $"{where}srclang=\"{sourceName}\" is not a valid BCP 47 language tag: {LanguageTag.Validate(sourceName).Reason}"));
                continue;
            }

            var variants = new List<(LanguageTag Language, string Text)>();
            foreach (var tuv in tu.Elements("tuv"))
            {
                var lang = (string?)tuv.Attribute(XNamespace.Xml + "lang") ?? (string?)tuv.Attribute("lang");
                var checkedLanguage = LanguageTag.Validate(lang);
                if (checkedLanguage.Tag is not { } language)
                {
                    errors.Add(new ImportError(name, Line(tuv), lang is null
                        ? $"{where}<tuv> has no xml:lang"
                        : $"{where}<tuv> xml:lang=\"{lang}\" is not a valid BCP 47 language tag: {checkedLanguage.Reason}"));
                    continue;
                }

                if (tuv.Element("seg") is not { } seg)
                {
                    errors.Add(new ImportError(name, Line(tuv), $"{where}the {language} <tuv> has no <seg>"));
                    continue;
                }

                if (Content.EnteringText.FindRefused(seg.Value, "seg") is { } fault)
                {
                    errors.Add(new ImportError(name, Line(seg), $"{where}the {language} <seg>, character {fault.Offset + 1}: {fault.What}"));
                    continue;
                }

                var segWhere = $"{where}the {language} ";
                var text = TmxInline.ToMarkdown(seg, omegaTags, (element, reason) => errors.Add(new ImportError(name, Line(element) ?? Line(seg), segWhere + reason)));
                if (text is null)
                {
                    continue;
                }

                variants.Add((language, Content.EnteringText.Accept(text, "seg")));
            }

            if (variants.Count == 0)
            {
                // Counting, not searching the list: a file of many bad units must not take quadratic time.
                if (errors.Count == errorsBefore)
                {
                    errors.Add(new ImportError(name, Line(tu), $"{where}has no <tuv>"));
                }

                continue;
            }

            if (errors.Count > errorsBefore)
            {
                // A variant was refused: saying the unit then lacks its source variant would be the same problem twice.
                continue;
            }

            var source = sourceName is null or "*all*"
                ? variants[0]
                : variants.FirstOrDefault(v => LanguageTag.TryParse(sourceName, out var tag) && v.Language == tag);
            if (source.Language is null)
            {
                errors.Add(new ImportError(name, Line(tu), $"{where}has no variant in the source language {sourceName}; add one, or give the <tu> a srclang naming the language its source is in"));
                continue;
            }

            foreach (var variant in variants.Where(v => v.Language != source.Language))
            {
                if (source.Text.Length > 0 && variant.Text.Length > 0)
                {
                    units.Add(new MemoryUnit(source.Language, variant.Language, source.Text, variant.Text, origin, now));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        return units;
    }

    // Refuses an internal subset that declares entities, reading no further than the first element. The declaration
    // is parsed only here, with no resolver (nothing external is fetched) and almost no room for entity text.
    private static void RefuseDeclaredEntities(string name, byte[] content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null, MaxCharactersFromEntities = 1024, MaxCharactersInDocument = MaxBytes };
        int? line = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
            while (reader.Read() && reader.NodeType != XmlNodeType.Element)
            {
                if (reader.NodeType == XmlNodeType.DocumentType)
                {
                    line = reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
                    if (reader.Value.Contains("<!ENTITY", StringComparison.Ordinal))
                    {
                        throw new ImportException(name, line, "has a document type declaration (DTD) that declares entities (<!ENTITY …>); entities are refused for safety: remove the declarations in [ … ] and write the characters themselves");
                    }
                }
            }
        }
        catch (XmlException e) when (line is not null || e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("entit", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException(name, e.LineNumber > 0 ? e.LineNumber : line, $"has a document type declaration (DTD) that cannot be read safely ({e.Message}); remove it: Hexapla reads TMX without one");
        }
        catch (XmlException)
        {
            // Not well-formed before the first element: the full read below says where and why.
        }
    }

    private static int? Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
