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
        return Rendition(item, item.Original, request);
    }

    /// <summary>
    /// The address of the rendition <paramref name="request"/> of <paramref name="file"/> of image <paramref name="item"/>:
    /// the original's, or a language variant's (a map with labels in that language).
    /// </summary>
    public static string Rendition(MediaItem item, MediaFile file, RenditionRequest request)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        var sha = file.Sha256[..16];
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
    /// The shapes crops are offered in to readers, as width:height (square, landscape and portrait 4:3, 3:2, 16:9):
    /// a crop's height is its width times one of them, rounded. Signed-in users may ask for any size.
    /// </summary>
    public static IReadOnlyList<(int Width, int Height)> CropShapes { get; } = [(1, 1), (4, 3), (3, 4), (3, 2), (2, 3), (16, 9), (9, 16)];

    /// <summary>
    /// Reads the last segment of a rendition address (<c>{sha16}-w{W}.{ext}</c> or <c>{sha16}-{W}x{H}-{fx}-{fy}.{ext}</c>):
    /// the file's checksum prefix and the request. The focal point in it is only checked against the item's by comparing
    /// the whole address with <see cref="Rendition(MediaItem, MediaFile, RenditionRequest)"/>. False for anything else.
    /// </summary>
    public static bool TryParseRendition(string? name, out string sha16, out RenditionRequest request)
    {
        sha16 = "";
        request = new RenditionRequest(0, null, RenditionFormat.Jpeg);
        if (name is null || name.Length is < 22 or > 64 || name[16] != '-' || !IsLowerHex(name.AsSpan(0, 16)))
        {
            return false;
        }

        var dot = name.LastIndexOf('.');
        if (dot < 18 || !TryParseExtension(name[(dot + 1)..], out var format))
        {
            return false;
        }

        var recipe = name[17..dot];
        int? height = null;
        int width;
        if (recipe.StartsWith('w'))
        {
            if (!TryParseNumber(recipe[1..], out width))
            {
                return false;
            }
        }
        else
        {
            var parts = recipe.Split('-');
            var box = parts[0].Split('x');
            if (parts.Length != 3 || box.Length != 2 || !TryParseNumber(box[0], out width) || !TryParseNumber(box[1], out var boxHeight)
                || !TryParseNumber(parts[1], out _, allowZero: true) || !TryParseNumber(parts[2], out _, allowZero: true))
            {
                return false;
            }

            height = boxHeight;
        }

        sha16 = name[..16];
        request = new RenditionRequest(width, height, format);
        return true;
    }

    /// <summary>
    /// True when readers may ask for <paramref name="request"/> of <paramref name="file"/>: a width of <see cref="Widths"/>
    /// or the file's own width, and a crop in one of <see cref="CropShapes"/>. Bounds how many renditions strangers can
    /// make the server compute and keep.
    /// </summary>
    public static bool IsOffered(MediaFile file, RenditionRequest request)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        var width = request.Width;
        if (!Widths.Contains(width) && width != Math.Min(file.Width ?? 0, Widths[^1]))
        {
            return false;
        }

        return request.Height is not { } height
            || CropShapes.Any(shape => height == (int)Math.Round((double)width * shape.Height / shape.Width, MidpointRounding.AwayFromZero));
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

    /// <summary>The format whose extension is <paramref name="extension"/> (lower case, no dot); false for any other.</summary>
    public static bool TryParseExtension(string? extension, out RenditionFormat format)
    {
        foreach (var candidate in Enum.GetValues<RenditionFormat>())
        {
            if (Extension(candidate) == extension)
            {
                format = candidate;
                return true;
            }
        }

        format = default;
        return false;
    }

    // Decimal digits with no sign and no leading zero, at most five.
    private static bool TryParseNumber(string text, out int value, bool allowZero = false)
    {
        value = 0;
        if (text.Length is < 1 or > 5 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0') || (!allowZero && text == "0"))
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
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
