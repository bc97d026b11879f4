using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hexapla.Media;

/// <summary>
/// The kinds of file the media library takes, told apart by their content: the first bytes, and for containers (ZIP,
/// the compound files of old Office, MP4/ISO boxes, Ogg, Matroska/WebM) what they hold. A file's name and the type its
/// sender declared are then held against what the content is; a file whose three accounts disagree is refused.
/// </summary>
/// <remarks>
/// Nothing here decompresses more than a few hundred bytes: a ZIP's directory is read (its entry names), and an ODF
/// package's <c>mimetype</c> entry, which the format stores uncompressed at the start; an old Office file's directory
/// sectors are followed through its FAT, bounded. Audio and video are told by their headers only (they are linked,
/// never decoded on the server).
/// </remarks>
public static class MediaTypes
{
    /// <summary>A type the library takes: its media type, the file name extensions it goes by, and the other names senders declare it by.</summary>
    /// <param name="ContentType">The media type stored and served.</param>
    /// <param name="Describe">What to call it in a message ("a JPEG image").</param>
    /// <param name="Extensions">File name extensions (lower case, no dot) a file of this type may have.</param>
    /// <param name="Declared">Media types a sender may declare for it besides <paramref name="ContentType"/>.</param>
    public sealed record Known(string ContentType, string Describe, IReadOnlyList<string> Extensions, IReadOnlyList<string> Declared);

    private const string Ooxml = "application/vnd.openxmlformats-officedocument.";
    private const string Odf = "application/vnd.oasis.opendocument.";

    // Declared types that say nothing about the content: browsers send them for names they do not know.
    private static readonly string[] _unspecific = ["application/octet-stream", "binary/octet-stream", "application/unknown", "application/x-unknown"];
    private static readonly string[] _zip = ["application/zip", "application/x-zip-compressed", "application/x-zip"];
    private static readonly string[] _cfb = ["application/x-ole-storage", "application/vnd.ms-office", "application/x-cfb"];

    /// <summary>Every type the library takes, by media type.</summary>
    public static IReadOnlyDictionary<string, Known> All { get; } = new Known[]
    {
        new("image/jpeg", "a JPEG image", ["jpg", "jpeg", "jpe", "jfif"], ["image/jpg", "image/pjpeg"]),
        new("image/png", "a PNG image", ["png"], ["image/x-png", "image/apng"]),
        new("image/gif", "a GIF image", ["gif"], []),
        new("image/webp", "a WebP image", ["webp"], []),
        new("image/avif", "an AVIF image", ["avif"], []),
        new("image/svg+xml", "an SVG image", ["svg"], ["image/svg", "application/svg+xml", "text/xml", "application/xml"]),
        new("application/pdf", "a PDF document", ["pdf"], ["application/x-pdf", "application/acrobat"]),
        new(Ooxml + "wordprocessingml.document", "a Word document (DOCX)", ["docx"], _zip),
        new(Ooxml + "spreadsheetml.sheet", "an Excel workbook (XLSX)", ["xlsx"], _zip),
        new(Ooxml + "presentationml.presentation", "a PowerPoint presentation (PPTX)", ["pptx"], _zip),
        new(Odf + "text", "an OpenDocument text (ODT)", ["odt"], _zip),
        new(Odf + "spreadsheet", "an OpenDocument spreadsheet (ODS)", ["ods"], _zip),
        new(Odf + "presentation", "an OpenDocument presentation (ODP)", ["odp"], _zip),
        new(Odf + "graphics", "an OpenDocument drawing (ODG)", ["odg"], _zip),
        new("application/msword", "a Word 97–2003 document (DOC)", ["doc", "dot"], _cfb),
        new("application/vnd.ms-excel", "an Excel 97–2003 workbook (XLS)", ["xls", "xlt"], _cfb),
        new("application/vnd.ms-powerpoint", "a PowerPoint 97–2003 presentation (PPT)", ["ppt", "pps", "pot"], _cfb),
        new("audio/mpeg", "an MP3 audio file", ["mp3"], ["audio/mp3", "audio/x-mp3", "audio/mpeg3", "audio/x-mpeg"]),
        new("audio/ogg", "an Ogg audio file (Opus or Vorbis)", ["ogg", "oga", "opus"], ["audio/opus", "application/ogg", "audio/x-ogg", "audio/vorbis"]),
        new("audio/wav", "a WAV audio file", ["wav", "wave"], ["audio/x-wav", "audio/wave", "audio/vnd.wave", "audio/x-pn-wav"]),
        new("audio/flac", "a FLAC audio file", ["flac"], ["audio/x-flac"]),
        new("audio/mp4", "an M4A audio file", ["m4a", "m4b"], ["audio/x-m4a", "audio/m4a", "audio/aac", "audio/x-aac"]),
        new("video/mp4", "an MP4 video", ["mp4", "m4v"], ["video/x-m4v", "application/mp4"]),
        new("video/webm", "a WebM video", ["webm"], ["audio/webm"]),
    }.ToDictionary(k => k.ContentType, StringComparer.Ordinal);

    /// <summary>What the library takes, for messages.</summary>
    public const string Accepted =
        "images: JPEG, PNG, WebP, AVIF, GIF, SVG; files: PDF, Word/Excel/PowerPoint (DOCX, XLSX, PPTX, DOC, XLS, PPT), OpenDocument (ODT, ODS, ODP, ODG), MP3, Ogg (Opus/Vorbis), WAV, FLAC, M4A, MP4, WebM";

    /// <summary>
    /// The media type the content of <paramref name="path"/> (whose first bytes are <paramref name="head"/>) shows, or
    /// null for content the library does not take. <paramref name="extension"/> (lower case, no dot) only chooses
    /// between two names of the same content: an MP4 container holding sound alone, named <c>.m4a</c>, is audio.
    /// </summary>
    /// <exception cref="MediaException">A container that is recognised but refused (macros, an unreadable ZIP); the message says why.</exception>
    public static string? Sniff(ReadOnlySpan<byte> head, string path, string fileName, string extension)
    {
        if (MediaInspector.Sniff(head) is { } basic)
        {
            return basic;
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return Package(path, fileName);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return CompoundFile.Kind(path, fileName);
        }

        if (head.StartsWith("ID3"u8) || IsMp3Frame(head))
        {
            return "audio/mpeg";
        }

        if (head.StartsWith("fLaC"u8))
        {
            return "audio/flac";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return "audio/wav";
        }

        if (head.StartsWith("OggS"u8))
        {
            // The first page holds the first packet, which names the codec (the page header is 27 bytes plus its segment table).
            var packet = head.Length > 27 ? head[(27 + head[26])..] : [];
            return packet.StartsWith("OpusHead"u8) || packet.StartsWith("\u0001vorbis"u8) ? "audio/ogg" : null;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoBrand(head, extension);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            // An EBML header: WebM says so in its DocType, early (Matroska files in general are not taken).
            return head.IndexOf("webm"u8) is >= 0 and < 64 ? "video/webm" : null;
        }

        return LooksLikeSvg(head) ? "image/svg+xml" : null;
    }

    /// <summary>
    /// Holds <paramref name="contentType"/> (what the content is) against the name's extension and the declared type;
    /// the first disagreement is refused, naming the file, what it says and what the content is.
    /// </summary>
    /// <exception cref="MediaException">The name or the declared type says another kind of file.</exception>
    public static void CheckAgreement(string fileName, string extension, string? declaredType, string contentType)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(contentType);
        var known = All[contentType];
        if (extension.Length > 0 && !known.Extensions.Contains(extension, StringComparer.Ordinal))
        {
            var named = ByExtension(extension);
            throw new MediaException(
                $"{fileName}: the name ends in .{extension}{(named is null ? "" : $" ({named.Describe})")}, but the content is {known.Describe}; give it its own extension (.{known.Extensions[0]}) if that is what it is. Nothing was stored.")
            { Field = "file" };
        }

        var declared = declaredType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(declared) || _unspecific.Contains(declared, StringComparer.Ordinal)
            || declared == contentType || known.Declared.Contains(declared, StringComparer.Ordinal)
            // A video container holding sound alone is declared either way by different programs.
            || (contentType is "audio/mp4" && declared is "video/mp4") || (contentType is "video/mp4" && declared is "audio/mp4"))
        {
            return;
        }

        throw new MediaException(
            $"{fileName}: it was sent as {declared}, but the content is {known.Describe} ({contentType}); nothing was stored.")
        { Field = "file" };
    }

    /// <summary>The extension of <paramref name="fileName"/>, lower case without the dot; empty when it has none.</summary>
    public static string ExtensionOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var dot = fileName.LastIndexOf('.');
        return dot <= 0 || dot == fileName.Length - 1 ? "" : fileName[(dot + 1)..].ToLowerInvariant();
    }

    private static Known? ByExtension(string extension) =>
        All.Values.FirstOrDefault(k => k.Extensions.Contains(extension, StringComparer.Ordinal));

    // MPEG audio layer III frame: 11 sync bits, a version other than "reserved", layer bits 01.
    private static bool IsMp3Frame(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x18) != 0x08 && (head[1] & 0x06) == 0x02
        && (head[2] & 0xF0) != 0xF0 && (head[2] & 0x0C) != 0x0C;

    private static string? IsoBrand(ReadOnlySpan<byte> head, string extension)
    {
        // The major brand, then the compatible ones up to the box's end (bounded by what the head holds).
        var boxSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head), (uint)head.Length);
        var brands = new List<string> { Encoding.ASCII.GetString(head[8..12]) };
        for (var at = 16; at + 4 <= boxSize; at += 4)
        {
            brands.Add(Encoding.ASCII.GetString(head[at..(at + 4)]));
        }

        if (brands[0] is "M4A " or "M4B ")
        {
            return "audio/mp4";
        }

        // QuickTime (qt), HEIF (heic, mif1) and 3GPP are other families: not taken.
        if (brands[0] is "qt  " or "heic" or "heix" or "mif1" or "msf1" || brands[0].StartsWith("3g", StringComparison.Ordinal))
        {
            return null;
        }

        string[] mp4 = ["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "M4V ", "mmp4", "MSNV", "f4v "];
        if (!brands.Any(b => mp4.Contains(b, StringComparer.Ordinal)))
        {
            return null;
        }

        return extension is "m4a" or "m4b" ? "audio/mp4" : "video/mp4";
    }

    // SVG is text: after a byte order mark and white space, an XML declaration, a comment, a document type or the svg
    // element itself. Any XML is a candidate: the XML reader decides whether it really is SVG (and says so when not).
    private static bool LooksLikeSvg(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var text = head.TrimStart(" \t\r\n"u8);
        return text.StartsWith("<?xml"u8) || text.StartsWith("<svg"u8) || text.StartsWith("<!--"u8) || text.StartsWith("<!DOCTYPE"u8);
    }

    // A ZIP: Office Open XML (a [Content_Types].xml and the main part of Word, Excel or PowerPoint) or OpenDocument (its
    // mimetype entry). Other ZIP archives are not taken; nor are documents with macros.
    private static string? Package(string path, string fileName)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > 20_000)
            {
                throw new MediaException($"{fileName}: the archive has {zip.Entries.Count:N0} entries, more than an office document has; nothing was stored.") { Field = "file" };
            }

            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("mimetype"))
            {
                var entry = zip.GetEntry("mimetype")!;
                using var stream = entry.Open();
                var buffer = new byte[128];
                var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                var declared = Encoding.ASCII.GetString(buffer, 0, read).Trim();
                return declared.StartsWith(Odf, StringComparison.Ordinal) && All.ContainsKey(declared) ? declared : null;
            }

            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                throw new MediaException(MediaErrorKind.UnsupportedType,
                    $"{fileName}: the document holds macros (vbaProject.bin); documents with macros are not taken. Save it without macros (.docx, .xlsx, .pptx). Nothing was stored.")
                { Field = "file" };
            }

            return names.Contains("word/document.xml") ? Ooxml + "wordprocessingml.document"
                : names.Contains("xl/workbook.xml") ? Ooxml + "spreadsheetml.sheet"
                : names.Contains("ppt/presentation.xml") ? Ooxml + "presentationml.presentation"
                : null;
        }
        catch (InvalidDataException e)
        {
            throw new MediaException($"{fileName}: the file starts as a ZIP archive but cannot be read as one ({e.Message}); it may be cut short. Nothing was stored.") { Field = "file" };
        }
    }

    /// <summary>
    /// The compound files of Office 97–2003: which application wrote one is told by the streams in its directory
    /// (WordDocument, Workbook or Book, PowerPoint Document), found by following the directory's sectors through the FAT.
    /// </summary>
    private static class CompoundFile
    {
        public static string? Kind(string path, string fileName)
        {
            using var file = File.OpenRead(path);
            var header = new byte[512];
            if (file.ReadAtLeast(header, 512, throwOnEndOfStream: false) < 512)
            {
                return null;
            }

            var shift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x1E));
            if (shift is not (9 or 12))
            {
                return null;
            }

            var sectorSize = 1 << shift;
            var fatSectors = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x2C)), 109);
            var directory = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x30));

            // The FAT sectors the header lists (the first 109: files up to several MiB per sector of FAT; enough to find the directory).
            var fat = new List<uint>();
            var sector = new byte[sectorSize];
            for (var i = 0; i < fatSectors; i++)
            {
                var at = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x4C + (4 * i)));
                if (!ReadSector(file, at, sector))
                {
                    return null;
                }

                for (var j = 0; j < sectorSize; j += 4)
                {
                    fat.Add(BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(j)));
                }
            }

            string? found = null;
            var seen = 0;
            for (var next = directory; next < 0xFFFFFFFA && seen++ < 4096; next = next < fat.Count ? fat[(int)next] : 0xFFFFFFFE)
            {
                if (!ReadSector(file, next, sector))
                {
                    return null;
                }

                for (var at = 0; at + 128 <= sectorSize; at += 128)
                {
                    var length = BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(at + 64));
                    if (length is < 2 or > 64)
                    {
                        continue;
                    }

                    var name = Encoding.Unicode.GetString(sector, at, length - 2);
                    found ??= name switch
                    {
                        "WordDocument" => "application/msword",
                        "Workbook" or "Book" => "application/vnd.ms-excel",
                        "PowerPoint Document" => "application/vnd.ms-powerpoint",
                        _ => null,
                    };
                    if (name is "_VBA_PROJECT_CUR" or "Macros" or "VBA")
                    {
                        throw new MediaException(MediaErrorKind.UnsupportedType,
                            $"{fileName}: the document holds macros; documents with macros are not taken. Nothing was stored.")
                        { Field = "file" };
                    }
                }
            }

            return found;
        }

        private static bool ReadSector(FileStream file, uint number, byte[] sector)
        {
            var offset = ((long)number + 1) * sector.Length;
            if (number >= 0xFFFFFFFA || offset + sector.Length > file.Length)
            {
                return false;
            }

            file.Position = offset;
            file.ReadExactly(sector);
            return true;
        }
    }
}
