using System.Text;
using System.Xml;
using System.Xml.Linq;
using CsCheck;

namespace Hexapla.Tests.Fuzzing;

/// <summary>
/// Structure-aware XML fuzzing: starts from a valid document and applies a few random edits to its tree (drop,
/// duplicate, reorder, rename, nest elements; drop, change, add attributes, huge values, odd text), then maybe one to
/// its bytes (a DTD with an entity bomb or an external entity, a cut, stray bytes, another encoding).
/// </summary>
internal static class XmlMutation
{
    private const int TreeOps = 11;

    private static readonly string[] Texts =
    [
        "", " ", "x", "en-GB", "ru-RU", "xx-YY-x-", "not a tag", "2.0", "2.1", "1.4", "*all*", "title", "1", "s1", "yes", "no",
        "zz", "\u0001", "\uFFFE", "😀", "&amp;", "<", "]]>", "ÿ", "Совет", "\r\n", "-1", "110000", "D800", "41",
    ];

    private static readonly Gen<(int Op, int A, int B, string Text)> TreeOp =
        Gen.Select(Gen.Int[0, TreeOps - 1], Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], Gen.OneOf(Texts));

    private static readonly Gen<(int Op, int A, string Text)?> ByteOp =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1_000_000], Gen.String[0, 6])
            .Nullable(0.6);

    /// <summary>Mutants of <paramref name="valid"/>, using element and attribute <paramref name="names"/> the format knows.</summary>
    public static Gen<byte[]> Of(string valid, string[] names) =>
        Gen.Select(TreeOp.Array[0, 6], ByteOp, (tree, bytes) => Apply(valid, names, tree, bytes));

    private static byte[] Apply(string valid, string[] names, (int Op, int A, int B, string Text)[] treeOps, (int Op, int A, string Text)? byteOp)
    {
        var xml = XDocument.Parse(valid);
        foreach (var (op, a, b, text) in treeOps)
        {
            Mutate(xml, names, op, a, b, text);
        }

        var bytes = Serialise(xml);
        return byteOp is { } edit ? MutateBytes(bytes, edit.Op, edit.A, edit.Text) : bytes;
    }

    private static void Mutate(XDocument xml, string[] names, int op, int a, int b, string text)
    {
        var elements = xml.Root!.DescendantsAndSelf().ToList();
        var element = elements[a % elements.Count];
        var ns = element.Name.Namespace;
        var name = names[b % names.Length];
        switch (op)
        {
            case 0 when element.Parent is not null:
                element.Remove();
                break;
            case 1 when element.Parent is not null:
                element.AddAfterSelf(new XElement(element));
                break;
            case 2 when element.Parent is not null:
                element.Remove();
                elements[b % elements.Count].Parent?.AddFirst(element);
                break;
            case 3 when Attributes(element) is { Count: > 0 } attributes:
                attributes[b % attributes.Count].Remove();
                break;
            case 4 when Attributes(element) is { Count: > 0 } attributes:
                attributes[b % attributes.Count].Value = text;
                break;
            case 5:
                element.SetAttributeValue(name, new string('a', 1 + (b % 50_000)));
                break;
            case 6:
                element.SetAttributeValue(name, text);
                break;
            case 7:
                var depth = 1 + (b % 300);
                var inner = new XElement(ns + name, element.Nodes());
                var outer = inner;
                for (var i = 1; i < depth; i++)
                {
                    outer = new XElement(ns + name, outer);
                }

                element.ReplaceNodes(outer);
                break;
            case 8:
                element.ReplaceNodes(new XText(text));
                break;
            case 9:
                element.Add(new XElement(ns + name, new XAttribute("id", text), text));
                break;
            case 10:
                element.Name = ns + name;
                break;
            default:
                break;
        }
    }

    // Namespace declarations are left alone: the tree cannot be written with one changed under its elements.
    private static List<XAttribute> Attributes(XElement element) => [.. element.Attributes().Where(a => !a.IsNamespaceDeclaration)];

    private static byte[] Serialise(XDocument xml)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { CheckCharacters = false, Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            xml.Save(writer);
        }

        return stream.ToArray();
    }

    private static byte[] MutateBytes(byte[] bytes, int op, int a, string text)
    {
        var at = a % (bytes.Length + 1);
        var declarationEnd = Encoding.UTF8.GetString(bytes).IndexOf("?>", StringComparison.Ordinal) + 2;
        return op switch
        {
            0 => Insert(bytes, declarationEnd,
                "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"),
            1 => Insert(bytes, declarationEnd, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"),
            2 => bytes[..at],
            3 => Insert(bytes, at, text),
            4 => [.. bytes[..at], (byte)(a & 0xFF), .. bytes[at..]],
            _ => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("utf-8", text.Length == 0 ? "utf-16" : text, StringComparison.OrdinalIgnoreCase)),
        };
    }

    private static byte[] Insert(byte[] bytes, int at, string text) => [.. bytes[..at], .. Encoding.UTF8.GetBytes(text), .. bytes[at..]];
}
