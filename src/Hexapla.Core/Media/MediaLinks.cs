using System.Globalization;

namespace Hexapla.Media;

/// <summary>An image format a rendition is written in.</summary>
public enum RenditionFormat
{
    /// <summary>JPEG, for photographs without transparency.</summary>
    Jpeg,

    /// <summary>PNG, for images with transparency or drawn art.</summary>
    Png,

    /// <summary>WebP.</summary>
    WebP,

    /// <summary>AVIF.</summary>
    Avif,
}

/// <summary>
/// What to make of an image: scaled to <paramref name="Width"/> keeping its shape, or, with <paramref name="Height"/>,
/// cropped to that box around the item's focal point; in <paramref name="Format"/>.
/// </summary>
public sealed record RenditionRequest(int Width, int? Height, RenditionFormat Format);

/// <summary>
/// The public addresses of media, one rule for the site, the export and the API. Every address is content-addressed:
/// it names the SHA-256 of the source (16 hex digits) and the recipe, so a changed file, focal point or recipe is a new
/// address and an address is never reused for other bytes (answers are cached as immutable).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A file: <c>/media/{id}/{sha16}/{file name}</c>, the name percent-encoded.</item>
/// <item>A rendition: <c>/media/{id}/{sha16}-w{width}.{ext}</c>, or cropped <c>/media/{id}/{sha16}-{w}x{h}-{fx}-{fy}.{ext}</c>
/// with the focal point in thousandths.</item>
/// </list>
/// Readers get these only while a public text uses the item (see <see cref="Storage.IMediaStore.IsMediaPublicAsync"/>).
/// </remarks>
public static class MediaLinks
{
    /// <summary>The widths <c>srcset</c> offers, narrowest first; an image narrower than one of them is offered at its own width instead.</summary>
    public static IReadOnlyList<int> Widths { get; } = [320, 640, 960, 1280, 1920];

    /// <summary>The recipe version: raise it when renditions of the same recipe would come out differently.</summary>
    public const int RecipeVersion = 1;

    /// <summary>The address of <paramref name="file"/> of <paramref name="item"/>.</summary>
    public static string File(MediaItem item, MediaFile file)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(file);
        return string.Create(CultureInfo.InvariantCulture, $"/media/{item.Id}/{file.Sha256[..16]}/{Uri.EscapeDataString(file.FileName)}");
    }

    /// <summary>The address of the rendition <paramref name="request"/> of image <paramref name="item"/>'s original file.</summary>
    public static string Rendition(MediaItem item, RenditionRequest request)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(request);
        var sha = item.Original.Sha256[..16];
        var ext = Extension(request.Format);
        if (request.Height is not { } height)
        {
            return string.Create(CultureInfo.InvariantCulture, $"/media/{item.Id}/{sha}-w{request.Width}.{ext}");
        }

        var focal = item.Focal ?? new FocalPoint(0.5, 0.5);
        return string.Create(CultureInfo.InvariantCulture,
            $"/media/{item.Id}/{sha}-{request.Width}x{height}-{(int)Math.Round(focal.X * 1000)}-{(int)Math.Round(focal.Y * 1000)}.{ext}");
    }

    /// <summary>
    /// The format an image's plain <c>&lt;img&gt;</c> falls back to for browsers without WebP or AVIF: PNG for PNG
    /// originals (they may be transparent), JPEG for the rest.
    /// </summary>
    public static RenditionFormat FallbackFormat(MediaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Original.ContentType == "image/png" ? RenditionFormat.Png : RenditionFormat.Jpeg;
    }

    /// <summary>True when the image is served as uploaded, without renditions (SVG, and GIF, which may be animated).</summary>
    public static bool ServedAsIs(MediaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Original.ContentType is "image/svg+xml" or "image/gif";
    }

    /// <summary>The widths to offer for <paramref name="item"/>: those of <see cref="Widths"/> below its width, and its width.</summary>
    public static IReadOnlyList<int> WidthsFor(MediaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var width = item.Original.Width ?? Widths[^1];
        return [.. Widths.Where(w => w < width), Math.Min(width, Widths[^1])];
    }

    /// <summary>The file extension of <paramref name="format"/>.</summary>
    public static string Extension(RenditionFormat format) => format switch
    {
        RenditionFormat.Jpeg => "jpg",
        RenditionFormat.Png => "png",
        RenditionFormat.WebP => "webp",
        RenditionFormat.Avif => "avif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown rendition format."),
    };

    /// <summary>The media type of <paramref name="format"/>.</summary>
    public static string ContentType(RenditionFormat format) => format switch
    {
        RenditionFormat.Jpeg => "image/jpeg",
        RenditionFormat.Png => "image/png",
        RenditionFormat.WebP => "image/webp",
        RenditionFormat.Avif => "image/avif",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown rendition format."),
    };
}
