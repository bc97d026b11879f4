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
/// <para>
/// One <c>&lt;tu&gt;</c> per pair with <c>segtype</c> <c>paragraph</c> or <c>sentence</c> and the properties
/// <c>x-document</c> (the slug) and <c>x-unit</c> (<c>paragraph</c> or <c>sentence</c>); the header names Hexapla as the
/// creation tool, <c>o-tmf="hexapla"</c>, <c>datatype="x-markdown"</c> (the native code inside inline codes is
/// Markdown) and the source language. The file is valid against the TMX 1.4 DTD (which fixes <c>version="1.4"</c>).
/// </para>
/// <para>
/// Segment text is plain text as a reader reads it, with Markdown's inline formatting as TMX inline codes
/// (<see cref="TmxInline"/>): <c>**bold**</c> is <c>&lt;bpt i="1" type="bold"&gt;**&lt;/bpt&gt;bold&lt;ept i="1"&gt;**&lt;/ept&gt;</c>,
/// so a CAT tool shows a tag pair around "bold" and matches the words, and Hexapla reads the same Markdown back.
/// No layout white space is written inside <c>&lt;seg&gt;</c>.
/// </para>
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
        // Indented by hand: an indenting writer would put line breaks before a code that opens a segment.
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, NewLineChars = "\n" };
        using var xml = XmlOutput.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteWhitespace("\n");
        xml.WriteStartElement("tmx");
        xml.WriteAttributeString("version", "1.4");
        xml.WriteWhitespace("\n  ");
        xml.WriteStartElement("header");
        xml.WriteAttributeString("creationtool", "Hexapla");
        xml.WriteAttributeString("creationtoolversion", typeof(TmxWriter).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");
        xml.WriteAttributeString("segtype", "paragraph");
        xml.WriteAttributeString("o-tmf", "hexapla");
        xml.WriteAttributeString("adminlang", "en-US");
        xml.WriteAttributeString("srclang", source.Value);
        xml.WriteAttributeString("datatype", "x-markdown");
        xml.WriteAttributeString("creationdate", now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteEndElement();
        xml.WriteWhitespace("\n  ");
        xml.WriteStartElement("body");
        var count = 0;
        foreach (var document in documents)
        {
            foreach (var pair in document.Pairs)
            {
                var unit = pair.Unit == PairUnit.Sentence ? "sentence" : "paragraph";
                xml.WriteWhitespace("\n    ");
                xml.WriteStartElement("tu");
                xml.WriteAttributeString("segtype", unit);
                WriteProp(xml, "x-document", document.Slug);
                WriteProp(xml, "x-unit", unit);
                WriteVariant(xml, source, pair.Source);
                WriteVariant(xml, target, pair.Target);
                xml.WriteWhitespace("\n    ");
                xml.WriteEndElement();
                count++;
            }
        }

        xml.WriteWhitespace("\n  ");
        xml.WriteEndElement();
        xml.WriteWhitespace("\n");
        xml.WriteEndElement();
        xml.WriteWhitespace("\n");
        xml.WriteEndDocument();
        return count;
    }

    private static void WriteProp(XmlWriter xml, string type, string value)
    {
        xml.WriteWhitespace("\n      ");
        xml.WriteStartElement("prop");
        xml.WriteAttributeString("type", type);
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    private static void WriteVariant(XmlWriter xml, LanguageTag language, string text)
    {
        xml.WriteWhitespace("\n      ");
        xml.WriteStartElement("tuv");
        xml.WriteAttributeString("xml", "lang", null, language.Value);
        xml.WriteWhitespace("\n        ");
        xml.WriteStartElement("seg");
        foreach (var piece in TmxInline.FromMarkdown(text))
        {
            switch (piece)
            {
                case TmxText part:
                    xml.WriteString(part.Text);
                    break;
                case TmxBegin begin:
                    xml.WriteStartElement("bpt");
                    xml.WriteAttributeString("i", begin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    xml.WriteAttributeString("type", begin.Type);
                    xml.WriteString(begin.Native);
                    xml.WriteEndElement();
                    break;
                case TmxEnd end:
                    xml.WriteStartElement("ept");
                    xml.WriteAttributeString("i", end.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    xml.WriteString(end.Native);
                    xml.WriteEndElement();
                    break;
                case TmxPlaceholder placeholder:
                    xml.WriteStartElement("ph");
                    xml.WriteAttributeString("type", placeholder.Type);
                    xml.WriteString(placeholder.Native);
                    xml.WriteEndElement();
                    break;
            }
        }

        xml.WriteEndElement();
        xml.WriteWhitespace("\n      ");
        xml.WriteEndElement();
    }
}
