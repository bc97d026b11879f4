using System.Text;
using System.Xml;
using Hexapla.Content;

namespace Hexapla.Interchange;

/// <summary>
/// The XML writers every XML output of Hexapla uses (Atom feeds, the static export's feeds, TMX, XLIFF): text and
/// attribute values pass through <see cref="EnteringText.ForXml"/> on the way out, so a text stored before the
/// entrance rule, holding U+0001 or U+000B, is written without the characters XML cannot carry rather than crashing
/// the writer halfway through (a 500, or an export that stops with a stack trace).
/// </summary>
/// <remarks>
/// Synchronous writers only: what they wrap is written synchronously, so their settings must not ask for
/// <see cref="XmlWriterSettings.Async"/>. Sitemaps, written asynchronously, hold only addresses made of slugs and
/// language tags, which are ASCII by construction.
/// </remarks>
public static class XmlOutput
{
    /// <summary>A writer to <paramref name="output"/> with <paramref name="settings"/>.</summary>
    public static XmlWriter Create(Stream output, XmlWriterSettings settings) => new CarryingWriter(XmlWriter.Create(output, Sync(settings)));

    /// <summary>A writer to <paramref name="output"/> with <paramref name="settings"/>.</summary>
    public static XmlWriter Create(StringBuilder output, XmlWriterSettings settings) => new CarryingWriter(XmlWriter.Create(output, Sync(settings)));

    private static XmlWriterSettings Sync(XmlWriterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Async ? throw new ArgumentException("XmlOutput writes synchronously; leave Async off.", nameof(settings)) : settings;
    }

    /// <summary>Passes everything to the inner writer, text through <see cref="EnteringText.ForXml"/>.</summary>
    private sealed class CarryingWriter(XmlWriter inner) : XmlWriter
    {
        public override WriteState WriteState => inner.WriteState;

        public override XmlWriterSettings? Settings => inner.Settings;

        public override XmlSpace XmlSpace => inner.XmlSpace;

        public override string? XmlLang => inner.XmlLang;

        public override void WriteString(string? text) => inner.WriteString(text is null ? null : EnteringText.ForXml(text));

        public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));

        public override void WriteCData(string? text) => inner.WriteCData(text is null ? null : EnteringText.ForXml(text));

        public override void WriteComment(string? text) => inner.WriteComment(text is null ? null : EnteringText.ForXml(text));

        public override void WriteCharEntity(char ch) => WriteString(ch.ToString());

        public override void WriteSurrogateCharEntity(char lowChar, char highChar) => inner.WriteSurrogateCharEntity(lowChar, highChar);

        public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, text);

        public override void WriteStartDocument() => inner.WriteStartDocument();

        public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);

        public override void WriteEndDocument() => inner.WriteEndDocument();

        public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);

        public override void WriteStartElement(string? prefix, string localName, string? ns) => inner.WriteStartElement(prefix, localName, ns);

        public override void WriteEndElement() => inner.WriteEndElement();

        public override void WriteFullEndElement() => inner.WriteFullEndElement();

        public override void WriteStartAttribute(string? prefix, string localName, string? ns) => inner.WriteStartAttribute(prefix, localName, ns);

        public override void WriteEndAttribute() => inner.WriteEndAttribute();

        public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);

        public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);

        public override void WriteRaw(char[] buffer, int index, int count) => inner.WriteRaw(buffer, index, count);

        public override void WriteRaw(string data) => inner.WriteRaw(data);

        public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);

        public override void Flush() => inner.Flush();

        public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
