namespace Hexapla.Media;

/// <summary>What an uploaded file was found to be.</summary>
/// <param name="Kind">Image or file.</param>
/// <param name="ContentType">The media type its content shows, whatever its name or the client said.</param>
/// <param name="Width">An image's width in pixels.</param>
/// <param name="Height">An image's height in pixels.</param>
/// <param name="Text">Text found for search (a PDF's), null when none.</param>
/// <param name="TextNote">Why a file that could have text has none (a scanned PDF), else null.</param>
public sealed record InspectedFile(MediaKind Kind, string ContentType, int? Width = null, int? Height = null, string? Text = null, string? TextNote = null);

/// <summary>The limits inspection applies.</summary>
/// <param name="MaxPixels">The most pixels an image may declare (width × height): a small file declaring more is a decompression bomb.</param>
public sealed record MediaInspectionOptions(long MaxPixels = 100_000_000);

/// <summary>
/// Looks at an uploaded file before anything is stored: its name, what its content is (by its first bytes, never by
/// its name alone), whether that agrees with its name and declared type, and what an image or PDF holds. Every refusal
/// is a <see cref="MediaException"/> naming the file and the reason. The kinds taken and how they are told apart:
/// <see cref="MediaTypes"/>; what an SVG may hold: <see cref="SvgCheck"/>.
/// </summary>
public static class MediaInspector
{
    /// <summary>Inspects <paramref name="file"/>.</summary>
    /// <exception cref="MediaException">The file is refused; the message says why.</exception>
    public static InspectedFile Inspect(SpooledFile file, MediaInspectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= new MediaInspectionOptions();
        CheckName(file.FileName);
        if (file.Size == 0)
        {
            throw new MediaException($"{file.FileName}: the file is empty; nothing was stored.") { Field = "file" };
        }

        var head = new byte[Math.Min(4096, file.Size)];
        using (var stream = File.OpenRead(file.Path))
        {
            stream.ReadExactly(head);
        }

        // What the content is decides; the name and the declared type must agree with it.
        var extension = MediaTypes.ExtensionOf(file.FileName);
        var type = MediaTypes.Sniff(head, file.Path, file.FileName, extension) ?? throw new MediaException(MediaErrorKind.UnsupportedType,
            $"{file.FileName}: the content is not a kind of file the media library takes ({MediaTypes.Accepted}){Claimed(extension, file.DeclaredType)}; nothing was stored.")
        { Field = "file" };
        if (type == "image/svg+xml")
        {
            // Checked as XML (whether it is SVG at all, first), never handed to an image library: stored only when
            // nothing in it can run or fetch.
            var (svgWidth, svgHeight) = SvgCheck.Check(file.Path, file.FileName);
            MediaTypes.CheckAgreement(file.FileName, extension, file.DeclaredType, type);
            return new InspectedFile(MediaKind.Image, type, svgWidth, svgHeight);
        }

        MediaTypes.CheckAgreement(file.FileName, extension, file.DeclaredType, type);

        if (type.StartsWith("image/", StringComparison.Ordinal))
        {
            var (width, height) = ImageHeader.Read(file, type, options.MaxPixels);
            return new InspectedFile(MediaKind.Image, type, width, height);
        }

        return new InspectedFile(MediaKind.File, type);
    }

    /// <summary>Refuses a name that is empty, too long, or holds a path separator or a control character.</summary>
    /// <exception cref="MediaException">The name is refused.</exception>
    public static void CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new MediaException("The upload has no file name; nothing was stored.") { Field = "file" };
        }

        if (name.Length > 255)
        {
            throw new MediaException($"The file name \"{name[..40]}…\" is longer than 255 characters; nothing was stored.") { Field = "file" };
        }

        if (name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            throw new MediaException($"The file name \"{Printable(name)}\" holds a path (/ or \\); give the file's own name only. Nothing was stored.") { Field = "file" };
        }

        if (name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator))
        {
            throw new MediaException($"The file name \"{Printable(name)}\" holds a control or invisible formatting character; rename the file. Nothing was stored.") { Field = "file" };
        }
    }

    /// <summary>The media type the first bytes show, or null for content the library does not take.</summary>
    internal static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && (head[8..12].SequenceEqual("avif"u8) || head[8..12].SequenceEqual("avis"u8)))
        {
            return "image/avif";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        return null;
    }

    // What the name or the sender said the file was, for the refusal of content that is none of ours.
    private static string Claimed(string extension, string? declared) =>
        (extension.Length > 0, string.IsNullOrWhiteSpace(declared)) switch
        {
            (true, false) => $", though its name ends in .{extension} and it was sent as {declared}",
            (true, true) => $", though its name ends in .{extension}",
            (false, false) => $", though it was sent as {declared}",
            _ => "",
        };

    // A name shown in a message, its control characters made visible.
    internal static string Printable(string name) =>
        string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
