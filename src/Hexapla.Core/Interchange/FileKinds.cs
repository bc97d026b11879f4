using System.Text;

namespace Hexapla.Interchange;

/// <summary>What an import does with a file of some kind.</summary>
public enum FileRoute
{
    /// <summary>A text document (Markdown, scraped page text): imported as a language version.</summary>
    Document,

    /// <summary>An XLIFF file: goes to the XLIFF import (translations back from a CAT tool).</summary>
    Xliff,

    /// <summary>A TMX file: goes to the translation memory, never to documents.</summary>
    Tmx,

    /// <summary>Anything else: refused, naming what it is.</summary>
    Refused,
}

/// <summary>What a file is, and so where an import sends it; <see cref="What"/> names it for a refusal.</summary>
/// <param name="Route">Where it goes.</param>
/// <param name="What">What it is, as a refusal says it ("a gettext catalogue"); empty for documents.</param>
/// <param name="Advice">What to do with it instead, or empty.</param>
public sealed record FileKind(FileRoute Route, string What, string Advice = "")
{
    /// <summary>The refusal of a file of this kind: "a gettext catalogue, not a document; …".</summary>
    public string Refusal => Advice.Length == 0 ? $"{What}, not a document" : $"{What}, not a document; {Advice}";
}

/// <summary>
/// Tells what a file is from its first bytes, then its name: text documents (<c>.md</c>, <c>.markdown</c>, <c>.txt</c>
/// holding text), XLIFF and TMX (by their root element, whatever the extension), and everything else by what it is
/// (a gettext catalogue, a JSON or YAML file, an image, an archive, a binary…), so that a file passed by name is never
/// imported as a published document because of its name alone.
/// </summary>
/// <remarks>
/// The content decides first: a <c>.md</c> file holding a gettext catalogue or JSON is refused as that, and an
/// <c>.xml</c> file whose root is <c>&lt;xliff&gt;</c> is XLIFF. A text file with a document extension is a document;
/// a text file with any other extension (or none) is refused naming its extension. Only the first
/// <see cref="SniffBytes"/> bytes are looked at.
/// </remarks>
public static class FileKinds
{
    /// <summary>How much of the start of a file is looked at.</summary>
    public const int SniffBytes = 4096;

    /// <summary>The extensions of text documents.</summary>
    public static readonly IReadOnlySet<string> DocumentExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".markdown" };

    private const string ImportAdvice = "Hexapla imports text documents (.md, .markdown, .txt), XLIFF 2.0 and TMX";

    /// <summary>A document.</summary>
    public static readonly FileKind Document = new(FileRoute.Document, "");

    /// <summary>Reads the start of the file at <paramref name="path"/> and tells what it is.</summary>
    /// <exception cref="ImportException">The file cannot be read.</exception>
    public static FileKind Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[SniffBytes];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Of(path, buffer.AsSpan(0, read));
        }
        catch (IOException e)
        {
            throw new ImportException(path, null, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImportException(path, null, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>Tells what a file named <paramref name="name"/> that starts with <paramref name="head"/> is.</summary>
    public static FileKind Of(string name, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (head.Length > SniffBytes)
        {
            head = head[..SniffBytes];
        }

        if (Binary(head, DocumentExtensions.Contains(extension)) is { } binary)
        {
            return binary;
        }

        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        // Cut at the last whole character: the sniffed bytes may end inside one.
        var text = Encoding.UTF8.GetString(head).TrimEnd('\uFFFD');
        var start = text.TrimStart();
        // A document may open with HTML (<div align="center">, <svg>…), shown as text on the page: only XLIFF, TMX,
        // a declared XML file or an HTML page's DOCTYPE make a document-named file something else.
        if (start.StartsWith('<') && Xml(start) is { } xml
            && (!DocumentExtensions.Contains(extension) || xml.Route != FileRoute.Refused
                || start.StartsWith("<?xml", StringComparison.Ordinal) || start.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)))
        {
            return xml;
        }

        // Named as XLIFF or TMX but not opening as such: their own import says what is wrong with them.
        if (extension is ".xlf" or ".xliff")
        {
            return new(FileRoute.Xliff, "an XLIFF file");
        }

        if (extension == ".tmx")
        {
            return new(FileRoute.Tmx, "a TMX translation memory", "hexapla import FILE.tmx adds it to the translation memory, on its own");
        }

        if (IsGettext(text) || extension is ".po" or ".pot")
        {
            return new(FileRoute.Refused, "a gettext catalogue", "its translations go into a CAT tool or the translation memory (TMX)");
        }

        if (Path.GetFileName(name).Equals("package.json", StringComparison.OrdinalIgnoreCase))
        {
            return new(FileRoute.Refused, "an npm package manifest", ImportAdvice);
        }

        if (extension == ".json" || ((start.StartsWith('{') || start.StartsWith('[')) && !DocumentExtensions.Contains(extension)) || LooksLikeJsonObject(start))
        {
            return new(FileRoute.Refused, "a JSON file (such as a locale catalogue or a manifest)", ImportAdvice);
        }

        if (extension is ".yml" or ".yaml")
        {
            return new(FileRoute.Refused, "a YAML file (such as a locale file or a site configuration)", ImportAdvice);
        }

        if (DocumentExtensions.Contains(extension))
        {
            return Document;
        }

        return extension switch
        {
            ".toml" => new(FileRoute.Refused, "a TOML file (such as a site configuration)", ImportAdvice),
            ".properties" => new(FileRoute.Refused, "a Java properties file (a string catalogue)", ImportAdvice),
            ".strings" or ".stringsdict" => new(FileRoute.Refused, "an Apple strings catalogue", ImportAdvice),
            ".csv" or ".tsv" => new(FileRoute.Refused, "a table of values", "a glossary goes in with hexapla glossary import"),
            ".html" or ".htm" or ".xhtml" => new(FileRoute.Refused, "an HTML page", "save its text as .md or .txt and import that"),
            ".rtf" => new(FileRoute.Refused, "an RTF document", "save its text as .md or .txt and import that"),
            "" => new(FileRoute.Refused, "a file without an extension", ImportAdvice + "; rename it if it is one"),
            _ => new(FileRoute.Refused, $"a {extension} file", ImportAdvice),
        };
    }

    /// <summary>Files recognised by their first bytes; null when the start is text.</summary>
    /// <remarks>
    /// A NUL in a file named as a document is left to the text check, which names its line (it is often one bad byte
    /// in a text).
    /// </remarks>
    private static FileKind? Binary(ReadOnlySpan<byte> head, bool namedAsDocument)
    {
        const string Save = "save its text as .md or .txt and import that";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || head.StartsWith("GIF8"u8)
            || (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)))
        {
            return new(FileRoute.Refused, "an image", "");
        }

        if (head.StartsWith("%PDF"u8))
        {
            return new(FileRoute.Refused, "a PDF document", Save);
        }

        if (head.StartsWith("PK\x03\x04"u8))
        {
            return new(FileRoute.Refused, "a ZIP archive (or a Word, OpenDocument or EPUB file, which are ZIP archives)", Save);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) || head.StartsWith("7z"u8) || head.StartsWith("BZh"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z']))
        {
            return new(FileRoute.Refused, "a compressed archive", "unpack it and import the documents in it");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return new(FileRoute.Refused, "an old Office document (.doc, .xls)", Save);
        }

        if (head.StartsWith("SQLite format 3\0"u8))
        {
            return new(FileRoute.Refused, "an SQLite database", "");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new(FileRoute.Refused, "UTF-16 text", "save it as UTF-8 and import again");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) || (!namedAsDocument && (head.StartsWith("MZ"u8) || head.IndexOf((byte)0) >= 0)))
        {
            return new(FileRoute.Refused, "a binary file", "");
        }

        return null;
    }

    /// <summary>XLIFF, TMX and other XML by the root element; null when the text does not open as XML.</summary>
    private static FileKind? Xml(string text)
    {
        // Past the declaration, comments, processing instructions and a DOCTYPE, to the first element's name.
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf('<', position);
            if (open < 0 || open + 1 >= text.Length)
            {
                return null;
            }

            var next = text[open + 1];
            if (next is '?' or '!')
            {
                var close = text.IndexOf('>', open);
                if (close < 0)
                {
                    return null;
                }

                if (text.AsSpan(open).StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase))
                {
                    return new(FileRoute.Refused, "an HTML page", "save its text as .md or .txt and import that");
                }

                position = close + 1;
                continue;
            }

            var end = open + 1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not '>' and not '/')
            {
                end++;
            }

            var qualified = text[(open + 1)..end];
            var root = qualified[(qualified.IndexOf(':') + 1)..].ToLowerInvariant();
            return root switch
            {
                "xliff" => new(FileRoute.Xliff, "an XLIFF file"),
                "tmx" => new(FileRoute.Tmx, "a TMX translation memory", "hexapla import FILE.tmx adds it to the translation memory, on its own"),
                "html" => new(FileRoute.Refused, "an HTML page", "save its text as .md or .txt and import that"),
                "svg" => new(FileRoute.Refused, "an SVG image", ""),
                "urlset" or "sitemapindex" => new(FileRoute.Refused, "a sitemap", ""),
                "rss" or "feed" => new(FileRoute.Refused, "a news feed (RSS or Atom)", "import the documents it was made from"),
                "resources" => new(FileRoute.Refused, "a string resource file (Android or .resx)", ImportAdvice),
                "ts" => new(FileRoute.Refused, "a Qt translation file", ImportAdvice),
                "" => null,
                // Markdown may open with an HTML block (<div align="center">…): only a file that goes on as XML is XML.
                _ when text.StartsWith("<?xml", StringComparison.Ordinal) => new(FileRoute.Refused, $"an XML file (root element <{qualified}>)", ImportAdvice),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>
    /// A gettext catalogue: past its comments, it opens with a <c>msgid</c> line, and a <c>msgstr</c> line follows (a
    /// document that only shows such lines, say in a code block, does not open with them).
    /// </summary>
    private static bool IsGettext(string text)
    {
        var msgid = false;
        foreach (var line in text.Split('\n'))
        {
            if (!msgid && (line.Trim().Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (!msgid)
            {
                if (!line.StartsWith("msgid", StringComparison.Ordinal) && !line.StartsWith("msgctxt", StringComparison.Ordinal))
                {
                    return false;
                }

                msgid = true;
            }
            else if (line.StartsWith("msgstr", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A document-named file that is a JSON object: opens with <c>{</c> then a quoted key.</summary>
    private static bool LooksLikeJsonObject(string start) =>
        start.StartsWith('{') && start[1..].TrimStart().StartsWith('"') && start[1..].TrimStart() is var rest && rest.IndexOf("\":", StringComparison.Ordinal) is > 0 and < 200;
}
