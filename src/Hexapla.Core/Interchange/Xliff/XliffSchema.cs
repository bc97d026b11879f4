using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Hexapla.Interchange.Xliff;

/// <summary>
/// The OASIS XLIFF 2.0 core schema (<c>xliff_core_2.0.xsd</c> and the <c>xml.xsd</c> it imports), loaded from the
/// resources embedded in this assembly, and the validation of a loaded XLIFF document against it with messages a
/// translator can act on.
/// </summary>
/// <remarks>
/// <para>
/// Only the core is compiled into the set. The core lets module and other namespaces in at its extension points with
/// <c>processContents="lax"</c>, so with no schema for them their content is accepted unchecked: matches, glossaries,
/// metadata and the like are what CAT tools add, and Hexapla reads none of it, so it should never be a reason to refuse
/// a translation. A foreign element or attribute where the core allows none is still refused.
/// </para>
/// <para>
/// Schema locations are resolved by file name among the embedded resources only: nothing is read from disk or the
/// network, and <c>xsi:schemaLocation</c> in a file is ignored.
/// </para>
/// </remarks>
public static class XliffSchema
{
    private const string ResourcePrefix = "Hexapla.Interchange.Xliff.Schemas.";
    private static readonly Lazy<XmlSchemaSet> LazySet = new(Load);

    // XmlSchemaSet promises nothing for concurrent use of an instance; uploads are rare, so validations take turns.
    private static readonly Lock Turn = new();

    /// <summary>The compiled schema set: the XLIFF 2.0 core and <c>xml.xsd</c>.</summary>
    public static XmlSchemaSet Set => LazySet.Value;

    /// <summary>
    /// Validates <paramref name="xliff"/> (loaded with line information) against the core schema and reports each
    /// problem once, as a sentence naming the element (and unit, where there is one), what is wrong and what to do.
    /// </summary>
    /// <param name="xliff">The document; its root is expected to be the XLIFF 2.0 <c>&lt;xliff&gt;</c> element.</param>
    /// <param name="error">Called with the node at fault (for its line) and the sentence.</param>
    public static void Validate(XDocument xliff, Action<XObject?, string> error)
    {
        ArgumentNullException.ThrowIfNull(xliff);
        ArgumentNullException.ThrowIfNull(error);
        var seen = new HashSet<(XObject?, string)>();
        var found = new List<(XObject? At, string Sentence)>();
        lock (Turn)
        {
            xliff.Validate(Set, (sender, e) =>
            {
                var at = sender as XObject;
                var sentence = XliffValidationMessages.Explain(at, e.Message);
                if (seen.Add((at, sentence)))
                {
                    found.Add((at, sentence));
                }
            });
        }

        foreach (var (at, sentence) in found)
        {
            error(at, sentence);
        }
    }

    /// <summary>The declaration of a core element by its local name, or null when the core has no such element.</summary>
    internal static XmlSchemaElement? Element(XName name) =>
        Set.GlobalElements[new XmlQualifiedName(name.LocalName, name.NamespaceName)] as XmlSchemaElement;

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = new EmbeddedResolver() };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using (var stream = Open("xliff_core_2.0.xsd"))
        using (var reader = XmlReader.Create(stream, settings, ResourcePrefix + "xliff_core_2.0.xsd"))
        {
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }

    private static Stream Open(string fileName) =>
        typeof(XliffSchema).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
        ?? throw new InvalidOperationException($"The embedded XLIFF schema {fileName} is missing from the build.");

    /// <summary>Resolves an <c>xs:import</c>'s <c>schemaLocation</c> by its file name to an embedded schema, never elsewhere.</summary>
    private sealed class EmbeddedResolver : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            ArgumentNullException.ThrowIfNull(absoluteUri);
            var name = absoluteUri.Segments.Length > 0 ? Uri.UnescapeDataString(absoluteUri.Segments[^1]) : absoluteUri.OriginalString;
            // A resource name like "Hexapla.Interchange.Xliff.Schemas.xml.xsd" has no slash: keep what follows the prefix.
            if (name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                name = name[ResourcePrefix.Length..];
            }

            return Open(name);
        }

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri) =>
            new("embedded:///" + Path.GetFileName(relativeUri ?? ""), UriKind.Absolute);
    }
}
