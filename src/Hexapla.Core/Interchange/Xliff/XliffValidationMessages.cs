using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Hexapla.Interchange.Xliff;

/// <summary>
/// Turns a schema validation error into a sentence for a translator: the unit, the element, what is wrong and what to do.
/// </summary>
/// <remarks>
/// What is wrong is told from the node at fault and the schema itself (is the element or attribute known to XLIFF 2.0,
/// which values may it take) rather than from the validator's words; the validator's message is only used to tell its
/// few kinds of complaint about an element apart, and is shown, after a sentence of our own, only for a kind not foreseen.
/// </remarks>
internal static partial class XliffValidationMessages
{
    public static string Explain(XObject? at, string message)
    {
        var sentence = at switch
        {
            XAttribute attribute => Attribute(attribute),
            XElement element => Element(element, message),
            _ => $"the XLIFF 2.0 schema does not allow what is here ({message})",
        };
        var unit = (at as XElement ?? at?.Parent)?.AncestorsAndSelf(XliffWriter.Ns + "unit").FirstOrDefault();
        return unit is not null && (string?)unit.Attribute("id") is { Length: > 0 } id ? $"unit {id}: {sentence}" : sentence;
    }

    private static string Attribute(XAttribute attribute)
    {
        var element = attribute.Parent;
        var owner = element is null ? "the element" : $"<{Name(element)}>";
        var shown = $"{Name(attribute)}=\"{attribute.Value}\"";
        // Known or not is asked of the schema, not of the validator's wording (which differs with the element's wildcard).
        var declared = element is null ? null : Declared(element.Name, attribute.Name);
        if (declared is null && attribute.Name.Namespace != XNamespace.Xml)
        {
            return attribute.Name.Namespace == XNamespace.None || attribute.Name.Namespace == XliffWriter.Ns
                ? $"{owner} has an attribute {shown} that XLIFF 2.0 does not define; remove it (a tool's own data belongs in its own namespace)"
                : $"{owner} may not carry {shown} (namespace {attribute.Name.NamespaceName}): XLIFF 2.0 allows no attributes of other namespaces on {owner}; remove it";
        }

        var values = declared?.AttributeSchemaType?.Content is XmlSchemaSimpleTypeRestriction restriction
            ? [.. restriction.Facets.OfType<XmlSchemaEnumerationFacet>().Select(f => f.Value!)]
            : new List<string>();
        return values.Count > 0
            ? $"{owner} has {shown}, which XLIFF 2.0 does not allow; use one of: {string.Join(", ", values)}"
            : $"{owner} has {shown}, which is not a valid value for {Name(attribute)} in XLIFF 2.0; correct it in the file";
    }

    private static string Element(XElement element, string message)
    {
        var shown = $"<{Name(element)}>";
        var parent = element.Parent is { } p ? $"<{Name(p)}>" : "the document";
        if (MissingAttribute().Match(message) is { Success: true } missing)
        {
            var attribute = missing.Groups[1].Value;
            return element.Name.LocalName is "pc" or "mrk" or "sc" or "ph" or "sm" && attribute == "id"
                ? $"{shown} has no id, which XLIFF 2.0 requires of every inline code and marker; keep the codes as they were exported (undo the edit that removed the id, or copy the code from <source>)"
                : $"{shown} has no {attribute}, which XLIFF 2.0 requires; add it (or export the file again)";
        }

        if (message.Contains("has invalid child element", StringComparison.Ordinal) || message.Contains("element is not declared", StringComparison.Ordinal))
        {
            if (element.Name.Namespace == XliffWriter.Ns && XliffSchema.Element(element.Name) is null)
            {
                return $"{shown} is not an element of XLIFF 2.0; remove it";
            }

            var where = element.Name.Namespace == XliffWriter.Ns
                ? $"{shown} may not stand here inside {parent}"
                : $"{shown} (namespace {element.Name.NamespaceName}) may not stand here inside {parent}";
            return Expected(message) is { } expected ? $"{where}; XLIFF 2.0 expects {expected} at this place" : where;
        }

        if (message.Contains("has incomplete content", StringComparison.Ordinal))
        {
            return Expected(message) is { } expected
                ? $"{shown} is incomplete: XLIFF 2.0 requires {expected} in it"
                : $"{shown} is incomplete: XLIFF 2.0 requires more in it";
        }

        if (message.Contains("cannot contain text", StringComparison.Ordinal))
        {
            return $"{shown} holds text directly, which XLIFF 2.0 does not allow there; text belongs in <source> or <target>";
        }

        return $"{shown} is not valid XLIFF 2.0 here (the schema says: {message})";
    }

    /// <summary>The core's declaration of <paramref name="attribute"/> on <paramref name="element"/>, or null when it has none.</summary>
    private static XmlSchemaAttribute? Declared(XName element, XName attribute) =>
        (XliffSchema.Element(element)?.ElementSchemaType as XmlSchemaComplexType)?
            .AttributeUses[new XmlQualifiedName(attribute.LocalName, attribute.NamespaceName)] as XmlSchemaAttribute;

    /// <summary>The validator's list of what it expected, as element names: "&lt;source&gt;", "&lt;segment&gt; or &lt;ignorable&gt;".</summary>
    private static string? Expected(string message)
    {
        if (ExpectedList().Match(message) is not { Success: true } match)
        {
            return null;
        }

        var names = match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => $"<{n}>").ToList();
        return names.Count switch
        {
            0 => null,
            1 => names[0],
            _ => $"{string.Join(", ", names[..^1])} or {names[^1]}",
        };
    }

    private static string Name(XElement element) => Prefixed(element, element.Name);

    private static string Name(XAttribute attribute) =>
        attribute.Name.Namespace == XNamespace.Xml ? $"xml:{attribute.Name.LocalName}" : attribute.Parent is { } parent ? Prefixed(parent, attribute.Name) : attribute.Name.LocalName;

    private static string Prefixed(XElement scope, XName name)
    {
        if (name.Namespace == XNamespace.None || name.Namespace == XliffWriter.Ns)
        {
            return name.LocalName;
        }

        return scope.GetPrefixOfNamespace(name.Namespace) is { Length: > 0 } prefix ? $"{prefix}:{name.LocalName}" : name.LocalName;
    }

    [GeneratedRegex("required attribute '([^']+)' is missing")]
    private static partial Regex MissingAttribute();

    [GeneratedRegex("List of possible elements expected: '([^']+)' in namespace 'urn:oasis:names:tc:xliff:document:2\\.0'")]
    private static partial Regex ExpectedList();
}
