using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Hexapla.Media;

namespace Hexapla.Core.Tests.Media;

/// <summary>
/// What an upload is found to be, by its content, and what is refused: a name or declared type that disagrees with
/// the content, containers that are not office documents, and each way an SVG could run or fetch something. Every
/// fixture is made here, shaped as the program that writes such files lays them out.
/// </summary>
public sealed class InspectUploadTests
{
    private static async Task<InspectedFile> InspectAsync(byte[] bytes, string name, string? declared = null)
    {
        using var file = await SpooledFile.SpoolAsync(new MemoryStream(bytes), name, declared, 64 * 1024 * 1024);
        return MediaInspector.Inspect(file);
    }

    private static async Task<MediaException> RefusedAsync(byte[] bytes, string name, string? declared = null)
    {
        var refused = await Assert.ThrowsAsync<MediaException>(() => InspectAsync(bytes, name, declared));
        Assert.Contains(name, refused.Message, StringComparison.Ordinal);
        Assert.Equal("file", refused.Field);
        return refused;
    }

    private static byte[] Png()
    {
        using var black = NetVips.Image.Black(40, 30, bands: 3);
        using var image = black + 128;
        return image.PngsaveBuffer();
    }

    private static byte[] Jpeg()
    {
        using var black = NetVips.Image.Black(40, 30, bands: 3);
        return black.JpegsaveBuffer();
    }

    [Fact]
    public async Task Inspect_PngNamedAndDeclaredAsPng_IsAnImageWithItsSize()
    {
        var found = await InspectAsync(Png(), "map.png", "image/png");

        Assert.Equal(("image/png", MediaKind.Image, 40, 30), (found.ContentType, found.Kind, found.Width!.Value, found.Height!.Value));
    }

    [Fact]
    public async Task Inspect_GenericDeclaredTypeOrNoExtension_IsJudgedByContent()
    {
        Assert.Equal("image/jpeg", (await InspectAsync(Jpeg(), "photo.JPEG", "application/octet-stream")).ContentType);
        Assert.Equal("image/jpeg", (await InspectAsync(Jpeg(), "photo", null)).ContentType);
    }

    [Fact]
    public async Task Inspect_JpegNamedPng_IsRefusedNamingBoth()
    {
        var refused = await RefusedAsync(Jpeg(), "photo.png", "image/png");

        Assert.Equal(MediaErrorKind.Invalid, refused.Kind);
        Assert.Contains(".png (a PNG image), but the content is a JPEG image", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_PngDeclaredAsPdf_IsRefused()
    {
        var refused = await RefusedAsync(Png(), "map.png", "application/pdf");

        Assert.Contains("sent as application/pdf, but the content is a PNG image", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_TextFile_IsAnUnsupportedType()
    {
        var refused = await RefusedAsync("Minutes of the meeting."u8.ToArray(), "minutes.pdf", "application/pdf");

        Assert.Equal(MediaErrorKind.UnsupportedType, refused.Kind);
        Assert.Contains("though its name ends in .pdf and it was sent as application/pdf", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../map.png")]
    [InlineData("C:\\Users\\press\\map.png")]
    [InlineData("map\u0000.png")]
    [InlineData("map\u202E.png")]
    public async Task Inspect_NameWithPathOrControlCharacter_IsRefused(string name)
    {
        var refused = await Assert.ThrowsAsync<MediaException>(() => InspectAsync(Png(), name));

        Assert.Matches("holds a (path|control)", refused.Message);
        Assert.Equal("file", refused.Field);
    }

    // Office Open XML as Word, Excel and PowerPoint write it: [Content_Types].xml, _rels, and the main part.
    private static byte[] Ooxml(string mainPart, params string[] more)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", mainPart }.Concat(more))
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><x/>");
            }
        }

        return buffer.ToArray();
    }

    // OpenDocument as LibreOffice writes it: "mimetype" first, stored uncompressed, then the manifest and content.
    private static byte[] Odf(string mimetype)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var stream = zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open())
            {
                stream.Write(Encoding.ASCII.GetBytes(mimetype));
            }

            foreach (var name in new[] { "META-INF/manifest.xml", "content.xml", "styles.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><x/>");
            }
        }

        return buffer.ToArray();
    }

    [Theory]
    [InlineData("word/document.xml", "statement.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xl/workbook.xml", "budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("ppt/presentation.xml", "briefing.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    public async Task Inspect_OfficeOpenXml_IsToldApartByItsMainPart(string mainPart, string name, string expected)
    {
        var found = await InspectAsync(Ooxml(mainPart), name, "application/zip");

        Assert.Equal((MediaKind.File, expected), (found.Kind, found.ContentType));
    }

    [Fact]
    public async Task Inspect_WordDocumentNamedXlsx_IsRefused()
    {
        var refused = await RefusedAsync(Ooxml("word/document.xml"), "budget.xlsx");

        Assert.Contains("but the content is a Word document (DOCX)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_DocumentWithMacros_IsRefused()
    {
        var refused = await RefusedAsync(Ooxml("word/document.xml", "word/vbaProject.bin"), "statement.docx");

        Assert.Contains("macros", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/vnd.oasis.opendocument.text", "statement.odt")]
    [InlineData("application/vnd.oasis.opendocument.spreadsheet", "budget.ods")]
    public async Task Inspect_OpenDocument_IsToldByItsMimetypeEntry(string mimetype, string name)
    {
        Assert.Equal(mimetype, (await InspectAsync(Odf(mimetype), name)).ContentType);
    }

    [Fact]
    public async Task Inspect_PlainZipArchive_IsAnUnsupportedType()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("photos/1.txt").Open());
            writer.Write("x");
        }

        var refused = await RefusedAsync(buffer.ToArray(), "photos.zip");

        Assert.Equal(MediaErrorKind.UnsupportedType, refused.Kind);
    }

    [Fact]
    public async Task Inspect_TruncatedZip_IsRefusedAsUnreadable()
    {
        var whole = Ooxml("word/document.xml");

        var refused = await RefusedAsync(whole[..(whole.Length / 2)], "statement.docx");

        Assert.Contains("cannot be read as one", refused.Message, StringComparison.Ordinal);
    }

    // A compound file as Office 97–2003 writes it ([MS-CFB] version 3): header, one FAT sector, one directory sector.
    private static byte[] CompoundFile(string stream)
    {
        var bytes = new byte[512 * 3];
        var header = bytes.AsSpan(0, 512);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], 0xFFFFFFFE);
        header[0x4C..].Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x4C..], 0);
        var fat = bytes.AsSpan(512, 512);
        fat.Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD);
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], 0xFFFFFFFE);
        var directory = bytes.AsSpan(1024, 512);
        Entry(directory[..128], "Root Entry", 5);
        Entry(directory[128..256], stream, 2);
        Entry(directory[256..384], "\u0005SummaryInformation", 2);
        return bytes;

        static void Entry(Span<byte> entry, string name, byte type)
        {
            var encoded = Encoding.Unicode.GetBytes(name + "\0");
            encoded.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)encoded.Length);
            entry[66] = type;
        }
    }

    [Theory]
    [InlineData("WordDocument", "letter.doc", "application/msword")]
    [InlineData("Workbook", "budget.xls", "application/vnd.ms-excel")]
    [InlineData("PowerPoint Document", "briefing.ppt", "application/vnd.ms-powerpoint")]
    public async Task Inspect_LegacyOffice_IsToldByTheStreamsInItsDirectory(string stream, string name, string expected)
    {
        Assert.Equal(expected, (await InspectAsync(CompoundFile(stream), name)).ContentType);
    }

    [Fact]
    public async Task Inspect_LegacyWordNamedXls_IsRefused()
    {
        var refused = await RefusedAsync(CompoundFile("WordDocument"), "budget.xls");

        Assert.Contains("Word 97–2003 document", refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> Sounds() => new()
    {
        // ID3v2.4 tag header, as tagging programs put before the frames.
        { "speech.mp3", [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0], "audio/mpeg" },
        // A bare MPEG-1 layer III frame header, 128 kbit/s, 44.1 kHz.
        { "speech.mp3", [0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0], "audio/mpeg" },
        { "speech.flac", [.. "fLaC"u8, 0, 0, 0, 34], "audio/flac" },
        { "speech.wav", [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVE"u8, .. "fmt "u8, 16, 0, 0, 0], "audio/wav" },
        // An Ogg page (27-byte header, one lacing value of 19) holding the OpusHead packet.
        { "speech.opus", [.. "OggS"u8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 19, .. "OpusHead"u8, 1, 2, 0, 0, 0x80, 0xBB, 0, 0, 0, 0, 0], "audio/ogg" },
        { "speech.m4a", [0, 0, 0, 24, .. "ftyp"u8, .. "M4A "u8, 0, 0, 2, 0, .. "M4A "u8, .. "isom"u8], "audio/mp4" },
        { "briefing.mp4", [0, 0, 0, 24, .. "ftyp"u8, .. "isom"u8, 0, 0, 2, 0, .. "isom"u8, .. "mp41"u8], "video/mp4" },
        // An EBML header whose DocType is webm, as muxers write it.
        { "briefing.webm", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8], "video/webm" },
    };

    [Theory]
    [MemberData(nameof(Sounds))]
    public async Task Inspect_AudioAndVideo_AreToldByTheirHeaders(string name, byte[] head, string expected)
    {
        var found = await InspectAsync([.. head, .. new byte[256]], name);

        Assert.Equal((MediaKind.File, expected), (found.Kind, found.ContentType));
    }

    [Fact]
    public async Task Inspect_QuickTimeMovie_IsAnUnsupportedType()
    {
        var refused = await RefusedAsync([0, 0, 0, 20, .. "ftyp"u8, .. "qt  "u8, 0, 0, 2, 0, .. "qt  "u8, .. new byte[64]], "clip.mov");

        Assert.Equal(MediaErrorKind.UnsupportedType, refused.Kind);
    }

    private static byte[] Svg(string inner, string rootAttributes = "width=\"120\" height=\"80\"") => Encoding.UTF8.GetBytes(
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {rootAttributes}>
          {inner}
        </svg>
        """);

    [Fact]
    public async Task Inspect_CleanSvg_IsAnImageWithTheSizeItSays()
    {
        var clean = Svg("""
            <defs><linearGradient id="g"><stop offset="0" stop-color="#036"/></linearGradient><path id="p" d="M0 0h10v10z"/></defs>
            <style>.river { stroke: url(#g); }</style>
            <rect width="120" height="80" fill="url(#g)"/><use xlink:href="#p"/><use href="#p" x="20"/>
            <image width="4" height="4" href="data:image/png;base64,iVBORw0KGgo="/>
            <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
            <text x="10" y="40">Bagdad</text>
            """);

        var found = await InspectAsync(clean, "map.svg", "image/svg+xml");

        Assert.Equal(("image/svg+xml", MediaKind.Image, 120, 80), (found.ContentType, found.Kind, found.Width!.Value, found.Height!.Value));
    }

    [Fact]
    public async Task Inspect_SvgWithViewBoxOnly_TakesItsSizeFromIt()
    {
        var found = await InspectAsync(Svg("<circle r=\"4\"/>", "viewBox=\"0 0 300 150.5\""), "dot.svg");

        Assert.Equal((300, 151), (found.Width!.Value, found.Height!.Value));
    }

    public static TheoryData<string, string> HostileSvg() => new()
    {
        { "<script>alert(1)</script>", "<script>" },
        { "<script xlink:href=\"https://evil.example/x.js\"/>", "<script>" },
        { "<rect width=\"9\" height=\"9\" onclick=\"alert(1)\"/>", "event handler" },
        { "<g onLoad=\"alert(1)\"/>", "event handler" },
        { "<a href=\"javascript:alert(1)\"><text>x</text></a>", "reference to another file" },
        { "<image width=\"9\" height=\"9\" xlink:href=\"https://tracker.example/pixel.png\"/>", "reference to another file" },
        { "<use href=\"sprites.svg#flag\"/>", "reference to another file" },
        { "<image href=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\"/>", "reference to another file" },
        { "<rect style=\"fill: url('https://evil.example/p.svg#x')\"/>", "url(https://evil.example/p.svg#x)" },
        { "<rect fill=\"url(other.svg#g)\"/>", "url(other.svg#g)" },
        { "<style>@import url(https://evil.example/a.css);</style>", "@import" },
        { "<style><![CDATA[rect { fill: url(//evil.example/x) }]]></style>", "url(//evil.example/x)" },
        { "<style>rect { background: \\75 rl(https://evil.example/x) }</style>", "CSS escape" },
        { "<rect style=\"background-image: image-set('x.png' 1x)\"/>", "image-set()" },
        { "<foreignObject width=\"9\" height=\"9\"><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>", "<foreignObject>" },
        { "<iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://evil.example\"/>", "HTML element" },
        { "<a href=\"#x\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a>", "animation of href" },
        { "<animate attributeName=\"onbegin\" values=\"alert(1)\"/>", "animation of onbegin" },
    };

    [Theory]
    [MemberData(nameof(HostileSvg))]
    public async Task Inspect_SvgThatCouldRunOrFetch_IsRefusedSayingWhat(string inner, string what)
    {
        var refused = await RefusedAsync(Svg(inner), "map.svg", "image/svg+xml");

        Assert.Contains(what, refused.Message, StringComparison.Ordinal);
        Assert.Contains("(line ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_SvgWithEntityExpansion_IsRefusedForItsDtd()
    {
        var bomb = Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <!DOCTYPE svg [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY file SYSTEM "file:///etc/passwd">
            ]>
            <svg xmlns="http://www.w3.org/2000/svg"><text>&c;&file;</text></svg>
            """);

        var refused = await RefusedAsync(bomb, "map.svg");

        Assert.Contains("document type (<!DOCTYPE", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_SvgWithStyleSheetInstruction_IsRefused()
    {
        var linked = Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <?xml-stylesheet href="https://evil.example/a.css" type="text/css"?>
            <svg xmlns="http://www.w3.org/2000/svg"/>
            """);

        var refused = await RefusedAsync(linked, "map.svg");

        Assert.Contains("<?xml-stylesheet?>", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_XmlThatIsNotSvg_IsAnUnsupportedType()
    {
        var refused = await RefusedAsync("<?xml version=\"1.0\"?><xliff version=\"2.0\"/>"u8.ToArray(), "map.svg");

        Assert.Equal(MediaErrorKind.UnsupportedType, refused.Kind);
        Assert.Contains("not SVG", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_SvgCutShort_IsRefusedAsNotWellFormed()
    {
        var whole = Svg("<rect width=\"9\" height=\"9\"/>");

        var refused = await RefusedAsync(whole[..(whole.Length - 12)], "map.svg");

        Assert.Contains("not well-formed XML", refused.Message, StringComparison.Ordinal);
    }
}
