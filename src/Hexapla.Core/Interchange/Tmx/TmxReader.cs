using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Interchange.Tmx;

/// <summary>Reads TMX (1.4b, and 1.1–1.3 files that use <c>lang</c>) into translation memory units.</summary>
/// <remarks>
/// <para>
/// Each <c>&lt;tu&gt;</c> gives one unit per variant in a language other than the source: the source variant is the one
/// in the header's <c>srclang</c> (or the <c>tu</c>'s own <c>srclang</c>); with <c>*all*</c>, the first. Inline codes
/// (<c>bpt</c>, <c>ept</c>, <c>ph</c>, <c>it</c>, <c>ut</c>) are native markup and are dropped from the text; the text of
/// <c>hi</c> and <c>sub</c> is kept.
/// </para>
/// <para>
/// The XML is read with DTDs prohibited and no resolver, so a document type declaration or an entity is refused, and
/// files larger than <see cref="MaxBytes"/> are refused before parsing. Every problem names the file, the line and the
/// unit number; a file with any problem yields no units at all.
/// </para>
/// </remarks>
public static class TmxReader
{
    /// <summary>The largest TMX file accepted, in bytes.</summary>
    public const long MaxBytes = 64 * 1024 * 1024;

    private static readonly HashSet<string> InlineCodes = new(StringComparer.Ordinal) { "bpt", "ept", "ph", "it", "ut" };

    /// <summary>The units in <paramref name="content"/>, with origin <c>tmx NAME</c>.</summary>
    /// <param name="name">The file name, for the origin and for messages.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="now">The units' date.</param>
    /// <exception cref="ImportException">The file is too large, not well-formed, has a DTD, or a unit is wrong; every problem is listed.</exception>
    public static IReadOnlyList<MemoryUnit> Read(string name, byte[] content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        if (content.LongLength > MaxBytes)
        {
            throw new ImportException(name, null, string.Create(CultureInfo.InvariantCulture, $"is {content.LongLength} bytes; TMX files up to {MaxBytes} bytes are accepted"));
        }

        XDocument xml;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes,
            MaxCharactersFromEntities = 0,
        };
        try
        {
            if (XmlNesting.FindTooDeep(content, settings) is { } deepLine)
            {
                throw new ImportException(name, deepLine, XmlNesting.Reason);
            }

            using var stream = new MemoryStream(content, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            xml = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            var reason = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "has a document type declaration (DTD); DTDs and entities are refused for safety"
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
        var origin = $"tmx {Path.GetFileName(name)}";
        var units = new List<MemoryUnit>();
        var errors = new List<ImportError>();
        var number = 0;
        foreach (var tu in body.Elements("tu"))
        {
            number++;
            var where = string.Create(CultureInfo.InvariantCulture, $"tu {number}: ");
            var errorsBefore = errors.Count;
            var sourceName = (string?)tu.Attribute("srclang") ?? (string?)header.Attribute("srclang");
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

                var text = Text(seg).Trim();
                if (Content.EnteringText.FindRefused(text, "seg") is { } fault)
                {
                    errors.Add(new ImportError(name, Line(seg), $"{where}the {language} <seg>, character {fault.Offset + 1}: {fault.What}"));
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

            var source = sourceName is null or "*all*"
                ? variants[0]
                : variants.FirstOrDefault(v => LanguageTag.TryParse(sourceName, out var tag) && v.Language == tag);
            if (source.Language is null)
            {
                errors.Add(new ImportError(name, Line(tu), $"{where}has no variant in the source language {sourceName}"));
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

    private static string Text(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            if (node is XText part)
            {
                text.Append(part.Value);
            }
            else if (node is XElement child && !InlineCodes.Contains(child.Name.LocalName))
            {
                text.Append(Text(child));
            }
        }

        return text.ToString();
    }

    private static int? Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
