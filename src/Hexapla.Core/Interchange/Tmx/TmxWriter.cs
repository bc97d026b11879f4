using System.Text;
using System.Xml;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Interchange.Tmx;

/// <summary>The segment pairs of one document, for <see cref="TmxWriter"/>.</summary>
/// <param name="Slug">The document's slug, written as the <c>x-document</c> property of each unit.</param>
/// <param name="Pairs">Its pairs, in the source → target direction of the file.</param>
public sealed record TmxDocument(string Slug, IReadOnlyList<SegmentPair> Pairs);

/// <summary>Writes translation units as TMX 1.4b.</summary>
/// <remarks>
/// One <c>&lt;tu&gt;</c> per pair with <c>segtype</c> <c>paragraph</c> or <c>sentence</c> and the properties
/// <c>x-document</c> (the slug) and <c>x-unit</c> (<c>paragraph</c> or <c>sentence</c>); the header names Hexapla as the
/// creation tool, <c>o-tmf="hexapla"</c>, <c>datatype="plaintext"</c> and the source language. Segment text is written as
/// it is stored (Markdown inline markup kept); XML escaping is the writer's.
/// </remarks>
public static class TmxWriter
{
    /// <summary>Writes a complete TMX document to <paramref name="stream"/> (UTF-8, no byte order mark).</summary>
    /// <returns>How many units were written.</returns>
    public static int Write(Stream stream, LanguageTag source, LanguageTag target, IEnumerable<TmxDocument> documents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(documents);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using var xml = XmlOutput.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("tmx");
        xml.WriteAttributeString("version", "1.4");
        xml.WriteStartElement("header");
        xml.WriteAttributeString("creationtool", "Hexapla");
        xml.WriteAttributeString("creationtoolversion", typeof(TmxWriter).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");
        xml.WriteAttributeString("segtype", "paragraph");
        xml.WriteAttributeString("o-tmf", "hexapla");
        xml.WriteAttributeString("adminlang", "en-US");
        xml.WriteAttributeString("srclang", source.Value);
        xml.WriteAttributeString("datatype", "plaintext");
        xml.WriteAttributeString("creationdate", now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteEndElement();
        xml.WriteStartElement("body");
        var count = 0;
        foreach (var document in documents)
        {
            foreach (var pair in document.Pairs)
            {
                var unit = pair.Unit == PairUnit.Sentence ? "sentence" : "paragraph";
                xml.WriteStartElement("tu");
                xml.WriteAttributeString("segtype", unit);
                WriteProp(xml, "x-document", document.Slug);
                WriteProp(xml, "x-unit", unit);
                WriteVariant(xml, source, pair.Source);
                WriteVariant(xml, target, pair.Target);
                xml.WriteEndElement();
                count++;
            }
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        return count;
    }

    private static void WriteProp(XmlWriter xml, string type, string value)
    {
        xml.WriteStartElement("prop");
        xml.WriteAttributeString("type", type);
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    private static void WriteVariant(XmlWriter xml, LanguageTag language, string text)
    {
        xml.WriteStartElement("tuv");
        xml.WriteAttributeString("xml", "lang", null, language.Value);
        xml.WriteElementString("seg", text);
        xml.WriteEndElement();
    }
}
