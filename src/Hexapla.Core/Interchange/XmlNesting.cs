using System.Xml;

namespace Hexapla.Interchange;

/// <summary>
/// A depth check for the XML formats (XLIFF, TMX), run before the file is loaded into a tree: loading takes time that
/// grows with the square of the nesting depth (a 200,000-deep file of <c>&lt;hi&gt;</c> would run for minutes), and
/// the readers walk inline elements recursively. Real files nest a few levels.
/// </summary>
internal static class XmlNesting
{
    /// <summary>The deepest element accepted, counting the root as depth 0.</summary>
    public const int MaxDepth = 100;

    /// <summary>The line of the first element deeper than <see cref="MaxDepth"/>, or null when there is none.</summary>
    /// <exception cref="XmlException">The XML is not well-formed (as loading would say).</exception>
    public static int? FindTooDeep(byte[] content, XmlReaderSettings settings)
    {
        using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth > MaxDepth)
            {
                return reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
            }
        }

        return null;
    }

    /// <summary>The reason given for a file nested too deep.</summary>
    public static string Reason => $"elements are nested more than {MaxDepth} deep; no XLIFF or TMX tool writes that, so the file is refused";
}
