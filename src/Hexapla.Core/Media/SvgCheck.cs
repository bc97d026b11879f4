using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Hexapla.Media;

/// <summary>
/// Decides whether an SVG file is inert enough to store and serve as it is: parsed as XML with no document type (no
/// DTD, so no entities, internal or external), and refused when anything in it could run or fetch: script, event
/// handler attributes (<c>on…</c>), <c>&lt;foreignObject&gt;</c> and XHTML elements, links and references that do not
/// point inside the file itself (<c>href</c>/<c>xlink:href</c> and <c>url(…)</c> not starting with <c>#</c>, CSS
/// <c>@import</c>, <c>javascript:</c>), animations that would set a link or a handler, and processing instructions
/// such as <c>&lt;?xml-stylesheet?&gt;</c>. A refused file is not repaired: what is stored is exactly what was checked,
/// and it is what readers get.
/// </summary>
/// <remarks>
/// The one reference to something outside the file that is taken is an embedded raster image in a
/// <c>data:image/png</c> (JPEG, GIF, WebP) address, as drawing programs write when a photograph is placed: it cannot
/// fetch nor run anything. Elements of other namespaces (an editor's metadata, RDF) are inert and kept.
/// </remarks>
public static partial class SvgCheck
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    private static readonly string[] _animations = ["set", "animate", "animatetransform", "animatemotion", "animatecolor"];

    /// <summary>Checks the SVG file at <paramref name="path"/>; its width and height in pixels when it says them (attributes, else its viewBox).</summary>
    /// <exception cref="MediaException">The file is not SVG, or holds something refused; the message names the file, the thing and its line.</exception>
    public static (int? Width, int? Height) Check(string path, string fileName)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fileName);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            CloseInput = true,
        };
        try
        {
            using var reader = XmlReader.Create(File.OpenRead(path), settings);
            var lines = (IXmlLineInfo)reader;
            (int?, int?) size = (null, null);
            var root = true;
            var inStyle = 0;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.ProcessingInstruction:
                        throw Refused(fileName, $"the processing instruction <?{reader.Name}?>", lines.LineNumber, "it may load a style sheet from elsewhere");
                    case XmlNodeType.Element:
                        if (root)
                        {
                            if (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace)
                            {
                                throw new MediaException(MediaErrorKind.UnsupportedType,
                                    $"{fileName}: the file is XML but not SVG (its root element is <{reader.Name}>, not <svg> in the SVG namespace); nothing was stored.")
                                { Field = "file" };
                            }

                            size = Size(reader);
                            root = false;
                        }

                        CheckElement(reader, fileName, lines.LineNumber);
                        if (reader.LocalName.Equals("style", StringComparison.OrdinalIgnoreCase) && !reader.IsEmptyElement)
                        {
                            inStyle++;
                        }

                        break;
                    case XmlNodeType.EndElement:
                        if (inStyle > 0 && reader.LocalName.Equals("style", StringComparison.OrdinalIgnoreCase))
                        {
                            inStyle--;
                        }

                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when inStyle > 0:
                        CheckStyle(reader.Value, fileName, "the <style> element", lines.LineNumber);
                        break;
                }
            }

            return root
                ? throw new MediaException(MediaErrorKind.UnsupportedType, $"{fileName}: the file holds no SVG element; nothing was stored.") { Field = "file" }
                : size;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new MediaException(
                $"{fileName}: the SVG has a document type (<!DOCTYPE …>, line {e.LineNumber}); SVG with a DTD or entities is not taken (entities can expand without bound or read other files). Remove the DOCTYPE. Nothing was stored.")
            { Field = "file" };
        }
        catch (XmlException e)
        {
            throw new MediaException($"{fileName}: the SVG is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}: {e.Message.Split(" Line ", 2)[0]}); nothing was stored.")
            { Field = "file" };
        }
    }

    private static void CheckElement(XmlReader reader, string fileName, int line)
    {
        var name = reader.LocalName;
        if (reader.NamespaceURI == XhtmlNamespace)
        {
            throw Refused(fileName, $"the HTML element <{reader.Name}>", line, "HTML inside SVG can run script");
        }

        if (name.Equals("script", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(fileName, "a <script> element", line, "script would run in the reader's browser");
        }

        if (name.Equals("foreignObject", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(fileName, "a <foreignObject> element", line, "it embeds HTML, which can run script");
        }

        var animation = _animations.Contains(name.ToLowerInvariant(), StringComparer.Ordinal);
        var isImage = name == "image";
        if (!reader.MoveToFirstAttribute())
        {
            return;
        }

        do
        {
            if (reader.Prefix == "xmlns" || reader.Name == "xmlns")
            {
                continue;
            }

            var attribute = reader.LocalName;
            var value = reader.Value;
            if (attribute.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                throw Refused(fileName, $"the event handler attribute {reader.Name}=\"{Short(value)}\" on <{name}>", line, "it runs script");
            }

            if (attribute == "href")
            {
                var target = value.Trim();
                if (!target.StartsWith('#') && !(isImage && EmbeddedRaster().IsMatch(target)))
                {
                    throw Refused(fileName, $"a reference to another file, {reader.Name}=\"{Short(value)}\" on <{name}>", line,
                        "only references within the file (#id) are taken");
                }
            }

            if (animation && attribute == "attributeName"
                && (value.Trim().EndsWith("href", StringComparison.OrdinalIgnoreCase) || value.Trim().StartsWith("on", StringComparison.OrdinalIgnoreCase)))
            {
                throw Refused(fileName, $"an animation of {value.Trim()} on <{name}>", line, "it could turn a link or handler into script");
            }

            if (value.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                throw Refused(fileName, $"a javascript: address in {reader.Name}", line, "it runs script");
            }

            CheckStyle(value, fileName, $"the attribute {reader.Name}", line);
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
    }

    // CSS in a style element or attribute (or any attribute taking url(), like fill): only url(#id) is taken.
    private static void CheckStyle(string css, string fileName, string where, int line)
    {
        if (css.Contains("image-set(", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(fileName, $"image-set() in {where}", line, "it loads images from elsewhere");
        }

        if (css.Contains('\\', StringComparison.Ordinal) && (where.StartsWith("the <style>", StringComparison.Ordinal) || where == "the attribute style"))
        {
            // CSS escapes can spell url( or @import so that no plain search finds them.
            throw Refused(fileName, $"a CSS escape (\\) in {where}", line, "escapes can hide references to other files");
        }

        if (css.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(fileName, $"@import in {where}", line, "it loads a style sheet from elsewhere");
        }

        foreach (Match url in CssUrl().Matches(css))
        {
            var target = url.Groups["target"].Value.Trim().Trim('"', '\'').Trim();
            if (!target.StartsWith('#'))
            {
                throw Refused(fileName, $"a reference to another file, url({Short(target)}), in {where}", line, "only references within the file (#id) are taken");
            }
        }
    }

    private static MediaException Refused(string fileName, string what, int line, string why) =>
        new($"{fileName}: the SVG holds {what} (line {line}): {why}. SVG with script, event handlers or references to other files is not taken; remove it and upload again. Nothing was stored.")
        {
            Field = "file",
        };

    private static (int? Width, int? Height) Size(XmlReader root)
    {
        var width = Length(root.GetAttribute("width"));
        var height = Length(root.GetAttribute("height"));
        if ((width is null || height is null) && root.GetAttribute("viewBox") is { } viewBox)
        {
            var parts = viewBox.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 4 && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0 && w < 1e6 && h < 1e6)
            {
                width ??= (int)Math.Ceiling(w);
                height ??= (int)Math.Ceiling(h);
            }
        }

        return (width, height);
    }

    // A length in pixels (a bare number or px); other units and percentages are not pixels.
    private static int? Length(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.EndsWith("px", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 1e6 ? (int)Math.Ceiling(number) : null;
    }

    private static string Short(string value) => value.Length > 60 ? value[..60] + "…" : value;

    [GeneratedRegex(@"url\s*\((?<target>[^)]*)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedRaster();
}
