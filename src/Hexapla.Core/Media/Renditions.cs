using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hexapla.Storage;
using NetVips;

namespace Hexapla.Media;

/// <summary>
/// Makes renditions of images with libvips and keeps them in the store: made once per source, recipe and format, then
/// found again by key. Public renditions carry no metadata (EXIF, GPS, XMP, IPTC): only the colour profile is kept.
/// </summary>
public sealed class Renditions(IMediaStore store, TimeProvider clock)
{
    /// <summary>The key a rendition is kept under: the source's checksum, the recipe and its version.</summary>
    public static string Key(MediaItem item, RenditionRequest request)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(request);
        var focal = request.Height is null ? "" : string.Create(CultureInfo.InvariantCulture, $"|f{item.Focal?.X ?? 0.5:0.###},{item.Focal?.Y ?? 0.5:0.###}");
        var recipe = string.Create(CultureInfo.InvariantCulture,
            $"v{MediaLinks.RecipeVersion}|{item.Original.Sha256}|w{request.Width}|h{request.Height}|{MediaLinks.Extension(request.Format)}{focal}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)));
    }

    /// <summary>The rendition <paramref name="request"/> of image <paramref name="item"/>, made now if it was not kept yet.</summary>
    /// <exception cref="MediaException">The item is not an image with renditions, or the request is out of bounds.</exception>
    public async Task<MediaRendition> GetOrMakeAsync(MediaItem item, RenditionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(request);
        if (item.Kind != MediaKind.Image || MediaLinks.ServedAsIs(item))
        {
            throw new MediaException(MediaErrorKind.NotFound, $"Item {item.Id} has no renditions.");
        }

        if (request.Width is < 1 or > 4096 || request.Height is < 1 or > 4096)
        {
            throw new MediaException($"Item {item.Id}: renditions are 1 to 4096 pixels wide and high.");
        }

        var key = Key(item, request);
        if (await store.FindRenditionAsync(key, cancellationToken) is { } kept)
        {
            return kept;
        }

        byte[] source;
        await using (var stream = await store.OpenBlobAsync(item.Original.Sha256, cancellationToken)
            ?? throw new MediaException(MediaErrorKind.NotFound, $"Item {item.Id}: its file is missing from the store (run hexapla check)."))
        {
            source = new byte[stream.Length];
            await stream.ReadExactlyAsync(source, cancellationToken);
        }

        var (bytes, width, height) = Make(source, item.Focal, request);
        var content = BlobContent.Of(bytes);
        var rendition = new MediaRendition(key, content.Sha256, MediaLinks.ContentType(request.Format), width, height);
        await store.SaveRenditionAsync(rendition, content, clock.GetUtcNow(), cancellationToken);
        return rendition;
    }

    /// <summary>Resizes (or crops around <paramref name="focal"/>) and encodes <paramref name="source"/> as <paramref name="request"/> asks.</summary>
    public static (byte[] Bytes, int Width, int Height) Make(byte[] source, FocalPoint? focal, RenditionRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        using var image = request.Height is { } height
            ? Crop(source, focal ?? new FocalPoint(0.5, 0.5), request.Width, height)
            : Image.ThumbnailBuffer(source, request.Width, height: 100_000, size: Enums.Size.Down, noRotate: false);
        var bytes = request.Format switch
        {
            RenditionFormat.Jpeg => image.JpegsaveBuffer(q: 82, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.Icc),
            RenditionFormat.Png => image.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.Icc),
            RenditionFormat.WebP => image.WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.Icc),
            RenditionFormat.Avif => image.HeifsaveBuffer(q: 55, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.Icc),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Format, "Unknown rendition format."),
        };
        return (bytes, image.Width, image.Height);
    }

    // Scales the image to cover the box, then cuts the box out around the focal point (kept inside the image).
    private static Image Crop(byte[] source, FocalPoint focal, int width, int height)
    {
        using var oriented = Image.NewFromBuffer(source).Autorot();
        var scale = Math.Max((double)width / oriented.Width, (double)height / oriented.Height);
        using var scaled = oriented.Resize(Math.Min(scale, 1.0));
        var boxWidth = Math.Min(width, scaled.Width);
        var boxHeight = Math.Min(height, scaled.Height);
        var left = (int)Math.Clamp(Math.Round((focal.X * scaled.Width) - (boxWidth / 2.0)), 0, scaled.Width - boxWidth);
        var top = (int)Math.Clamp(Math.Round((focal.Y * scaled.Height) - (boxHeight / 2.0)), 0, scaled.Height - boxHeight);
        return scaled.Crop(left, top, boxWidth, boxHeight);
    }
}
