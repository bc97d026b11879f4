using System.IO.Compression;
using System.Text;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NetVips;

namespace Hexapla.Tests.Media;

/// <summary>Renditions made with libvips: metadata gone, upright, cropped around the focal point, bombs refused, addresses read back.</summary>
public sealed class RenditionTests
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");

    /// <summary>A 160 × 120 photograph-like JPEG carrying GPS position, camera make and XMP, as a phone writes them.</summary>
    internal static byte[] JpegWithGps()
    {
        using var gradient = Image.Xyz(160, 120);
        using var bands = gradient[0].Bandjoin(gradient[1], gradient[0] + gradient[1]);
        using var photo = bands.Cast(Enums.BandFormat.Uchar);
        using var tagged = photo.Mutate(m =>
        {
            m.Set(GValue.GStrType, "exif-ifd0-Make", "Hexapla Test Camera");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitudeRef", "N");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLatitude", "33/1 18/1 45/1");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLongitudeRef", "E");
            m.Set(GValue.GStrType, "exif-ifd3-GPSLongitude", "44/1 21/1 58/1");
            m.Set(GValue.BlobType, "xmp-data", Encoding.UTF8.GetBytes(
                """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="33,18.75N"/></rdf:RDF></x:xmpmeta>"""));
        });
        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    [Fact]
    public void JpegWithGps_Fixture_CarriesGpsAndXmp()
    {
        using var source = Image.NewFromBuffer(JpegWithGps());
        var fields = source.GetFields();
        Assert.Contains("exif-ifd3-GPSLatitude", fields);
        Assert.Contains("xmp-data", fields);
        Assert.StartsWith("33/1 18/1 45/1", (string)source.Get("exif-ifd3-GPSLatitude"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RenditionFormat.Jpeg)]
    [InlineData(RenditionFormat.Png)]
    [InlineData(RenditionFormat.WebP)]
    [InlineData(RenditionFormat.Avif)]
    public void Make_JpegWithGps_RenditionCarriesNoMetadata(RenditionFormat format)
    {
        var (bytes, width, height) = Renditions.Make(JpegWithGps(), null, new RenditionRequest(80, null, format));

        Assert.Equal((80, 60), (width, height));
        using var rendition = Image.NewFromBuffer(bytes);
        Assert.Equal((80, 60), (rendition.Width, rendition.Height));
        var fields = rendition.GetFields();
        Assert.DoesNotContain(fields, f => f.StartsWith("exif-", StringComparison.Ordinal) || f is "xmp-data" or "iptc-data");
        // The bytes themselves: no EXIF block, no XMP packet, no trace of the camera or the position.
        var text = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain("Exif\0\0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hexapla Test Camera", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GPSLatitude", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xmpmeta", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_TurnedPhotograph_ComesOutUpright()
    {
        // Stored 200 × 100, red left and blue right, with orientation 6: the camera was turned, the picture shows 100 × 200, red on top.
        using var red = Image.Black(100, 100).NewFromImage(255, 0, 0);
        using var blue = Image.Black(100, 100).NewFromImage(0, 0, 255);
        using var joined = red.Join(blue, Enums.Direction.Horizontal);
        using var turned = joined.Cast(Enums.BandFormat.Uchar).Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        var source = turned.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.All);
        using (var check = Image.NewFromBuffer(source))
        {
            Assert.Equal(6, (int)check.Get("orientation"));
        }

        var (bytes, width, height) = Renditions.Make(source, null, new RenditionRequest(640, null, RenditionFormat.Png));

        Assert.Equal((100, 200), (width, height));
        using var upright = Image.NewFromBuffer(bytes);
        Assert.False(upright.Contains("orientation"));
        var top = upright.Getpoint(50, 30);
        var bottom = upright.Getpoint(50, 170);
        Assert.True(top[0] > 200 && top[2] < 60, $"top is red, got {string.Join(',', top)}");
        Assert.True(bottom[2] > 200 && bottom[0] < 60, $"bottom is blue, got {string.Join(',', bottom)}");
    }

    [Theory]
    [InlineData(0.8, true)]
    [InlineData(0.1, false)]
    public void Make_Crop_KeepsTheFocalPoint(double focalX, bool greenInside)
    {
        // 400 × 200 grey with a green square around (320, 100); a 100 × 100 crop scales to 200 × 100 and cuts around the focal point.
        using var grey = Image.Black(400, 200).NewFromImage(128, 128, 128).Cast(Enums.BandFormat.Uchar);
        using var green = Image.Black(40, 40).NewFromImage(0, 255, 0).Cast(Enums.BandFormat.Uchar);
        using var picture = grey.Insert(green, 300, 80);
        var source = picture.PngsaveBuffer();

        var (bytes, width, height) = Renditions.Make(source, new FocalPoint(focalX, 0.5), new RenditionRequest(100, 100, RenditionFormat.Png));

        Assert.Equal((100, 100), (width, height));
        using var crop = Image.NewFromBuffer(bytes);
        var hasGreen = Enumerable.Range(0, 10).Any(i => crop.Getpoint(i * 10, 50) is [< 60, > 200, < 60, ..]);
        Assert.Equal(greenInside, hasGreen);
    }

    [Fact]
    public void Make_SmallerThanAsked_IsNotEnlarged()
    {
        var (_, width, height) = Renditions.Make(JpegWithGps(), null, new RenditionRequest(1920, null, RenditionFormat.WebP));

        Assert.Equal((160, 120), (width, height));
    }

    /// <summary>A valid PNG of a hundred bytes or so declaring 50,000 × 50,000 grey pixels (2.5 gigapixels once decoded).</summary>
    internal static byte[] PngBomb()
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, 50_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 50_000);
        header[8] = 8; // bit depth; colour type 0 (grey), deflate, no filter, no interlace
        Chunk(png, "IHDR", header);
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[50_001]); // the first row only: the rest is missing, as in a bomb nobody finished
        }

        Chunk(png, "IDAT", data.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] content)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, content.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(content).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public async Task Inspect_PngBomb_RefusedFromItsHeaderNamingTheFile()
    {
        var bomb = PngBomb();
        Assert.True(bomb.Length < 300, $"the bomb is small ({bomb.Length} bytes)");
        using var file = await SpooledFile.SpoolAsync(new MemoryStream(bomb), "map.png", "image/png", 1 << 20);

        var refused = Assert.Throws<MediaException>(() => MediaInspector.Inspect(file));

        Assert.Contains("map.png", refused.Message, StringComparison.Ordinal);
        Assert.Contains("50,000 × 50,000", refused.Message, StringComparison.Ordinal);
        Assert.Contains("decompression bomb", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_PngBomb_RefusedBeforeDecoding()
    {
        var refused = Assert.Throws<MediaException>(() => Renditions.Make(PngBomb(), null, new RenditionRequest(640, null, RenditionFormat.WebP)));

        Assert.Contains("50,000 × 50,000", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_NotAnImage_RefusedWithAMessage()
    {
        var refused = Assert.Throws<MediaException>(() => Renditions.Make("%PDF-1.7 not an image"u8.ToArray(), null, new RenditionRequest(640, null, RenditionFormat.Jpeg)));

        Assert.Contains("cannot be made into a rendition", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(4097, null)]
    [InlineData(640, 5000)]
    public void Make_OutOfBounds_Refused(int width, int? height)
    {
        Assert.Throws<MediaException>(() => Renditions.Make(JpegWithGps(), null, new RenditionRequest(width, height, RenditionFormat.Jpeg)));
    }

    [Fact]
    public async Task GetOrMakeAsync_ManyAtOnce_MakeOneAndKeepIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hexapla-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var store = await SqliteContentStore.OpenAsync(Path.Combine(folder, SqliteContentStore.FileName));
            var bytes = JpegWithGps();
            var content = BlobContent.Of(bytes);
            var item = await store.CreateMediaAsync(
                new NewMediaItem(MediaKind.Image, RuRu, new MediaFile(RuRu, "встреча.jpg", "image/jpeg", bytes.Length, content.Sha256, 160, 120), content, []),
                new AuditEntry(0, DateTimeOffset.UnixEpoch, "ed", "media.upload", null, null));
            var renditions = new Renditions(store, new FakeTimeProvider());
            var request = new RenditionRequest(320, null, RenditionFormat.Avif);

            var made = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => renditions.GetOrMakeAsync(item, request))));

            Assert.Single(made.Select(r => r.Sha256).Distinct());
            Assert.Equal(Renditions.Key(item, request), made[0].Key);
            Assert.Equal("image/avif", made[0].ContentType);
            Assert.Equal((160, 120), (made[0].Width, made[0].Height));
            Assert.Equal(made[0], await store.FindRenditionAsync(made[0].Key));
            await using var kept = (await store.OpenBlobAsync(made[0].Sha256))!;
            using var image = Image.NewFromStream(kept);
            Assert.Equal(160, image.Width);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("0123456789abcdef-w640.webp", 640, null, RenditionFormat.WebP)]
    [InlineData("0123456789abcdef-1280x720-500-0.avif", 1280, 720, RenditionFormat.Avif)]
    [InlineData("0123456789abcdef-w320.jpg", 320, null, RenditionFormat.Jpeg)]
    public void TryParseRendition_AddressesMediaLinksWrites_ReadBack(string name, int width, int? height, RenditionFormat format)
    {
        Assert.True(MediaLinks.TryParseRendition(name, out var sha16, out var request));

        Assert.Equal("0123456789abcdef", sha16);
        Assert.Equal(new RenditionRequest(width, height, format), request);
    }

    [Theory]
    [InlineData("0123456789ABCDEF-w640.webp")]
    [InlineData("0123456789abcdef-w0640.webp")]
    [InlineData("0123456789abcdef-w0.webp")]
    [InlineData("0123456789abcdef-w640.WEBP")]
    [InlineData("0123456789abcdef-w640.gif")]
    [InlineData("0123456789abcdef-w-640.jpg")]
    [InlineData("0123456789abcdef-640x480.jpg")]
    [InlineData("0123456789abcde-w640.jpg")]
    [InlineData("0123456789abcdef-w640.jpg.exe")]
    [InlineData("statement.pdf")]
    public void TryParseRendition_AnythingElse_False(string name)
    {
        Assert.False(MediaLinks.TryParseRendition(name, out _, out _));
    }

    [Fact]
    public void Rendition_Crop_AddressNamesTheFocalPointAndParsesBack()
    {
        var file = new MediaFile(RuRu, "a.jpg", "image/jpeg", 10, new string('a', 64), 3000, 2000);
        var item = new MediaItem { Id = 7, Kind = MediaKind.Image, OriginalLanguage = RuRu, Focal = new FocalPoint(0.25, 0.755), Files = [file] };

        var address = MediaLinks.Rendition(item, file, new RenditionRequest(640, 480, RenditionFormat.WebP));

        Assert.Equal("/media/7/aaaaaaaaaaaaaaaa-640x480-250-755.webp", address);
        Assert.True(MediaLinks.TryParseRendition(address.Split('/')[^1], out _, out var request));
        Assert.Equal(new RenditionRequest(640, 480, RenditionFormat.WebP), request);
    }

    [Theory]
    [InlineData(640, null, true)]
    [InlineData(1000, null, true)] // the file's own width
    [InlineData(641, null, false)]
    [InlineData(640, 640, true)]
    [InlineData(640, 360, true)]
    [InlineData(640, 361, false)]
    public void IsOffered_OnlyTheSizesPagesUse(int width, int? height, bool offered)
    {
        var file = new MediaFile(RuRu, "a.jpg", "image/jpeg", 10, new string('a', 64), 1000, 800);

        Assert.Equal(offered, MediaLinks.IsOffered(file, new RenditionRequest(width, height, RenditionFormat.Jpeg)));
    }
}
