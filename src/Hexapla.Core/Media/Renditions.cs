using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hexapla.Storage;
using NetVips;

namespace Hexapla.Media;

/// <summary>
/// Makes renditions of images with libvips and keeps them in the store: made once per source, recipe and format, then
/// found again by key. Public renditions carry no metadata (EXIF, GPS, XMP, IPTC, comments): only the colour profile
/// is kept, and the orientation the camera recorded is applied to the pixels.
/// </summary>
/// <remarks>
/// Only one make per key runs at a time: readers asking for a rendition being made wait for it rather than making it
/// again. At most one make per processor runs at once, so a page of new images cannot exhaust memory. A source that
/// declares more than <see cref="MaxPixels"/> pixels (a decompression bomb that came in before the upload check, or
/// through a restore) is refused before any pixel is decoded.
/// </remarks>
public sealed class Renditions(IMediaStore store, TimeProvider clock)
{
    /// <summary>The most pixels a source may declare (as the upload check allows by default).</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>The largest width or height a rendition may have.</summary>
    public const int MaxSide = 4096;

    private static readonly SemaphoreSlim Makers = new(Math.Max(1, Environment.ProcessorCount));

    private readonly ConcurrentDictionary<string, Lazy<Task<MediaRendition>>> _making = new(StringComparer.Ordinal);

    /// <summary>The key a rendition of the item's original file is kept under.</summary>
    public static string Key(MediaItem item, RenditionRequest request)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Key(item, item.Original, request);
    }

    /// <summary>The key a rendition of <paramref name="file"/> (the original's or a language variant) is kept under: its checksum, the recipe and its version.</summary>
    public static string Key(MediaItem item, MediaFile file, RenditionRequest request)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        var focal = request.Height is null ? "" : string.Create(CultureInfo.InvariantCulture, $"|f{item.Focal?.X ?? 0.5:0.###},{item.Focal?.Y ?? 0.5:0.###}");
        var recipe = string.Create(CultureInfo.InvariantCulture,
            $"v{MediaLinks.RecipeVersion}|{file.Sha256}|w{request.Width}|h{request.Height}|{MediaLinks.Extension(request.Format)}{focal}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe)));
    }

    /// <summary>The rendition <paramref name="request"/> of image <paramref name="item"/>'s original file, made now if it was not kept yet.</summary>
    /// <exception cref="MediaException">The item is not an image with renditions, the request is out of bounds, or the source cannot be made into one.</exception>
    public Task<MediaRendition> GetOrMakeAsync(MediaItem item, RenditionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return GetOrMakeAsync(item, item.Original, request, cancellationToken);
    }

    /// <summary>
    /// The rendition <paramref name="request"/> of <paramref name="file"/> of image <paramref name="item"/>, made now if it
    /// was not kept yet. Cancelling stops the wait, not a make under way (others may be waiting for it, and it is kept).
    /// </summary>
    /// <exception cref="MediaException">The item is not an image with renditions, the request is out of bounds, or the source cannot be made into one.</exception>
    public async Task<MediaRendition> GetOrMakeAsync(MediaItem item, MediaFile file, RenditionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        if (item.Kind != MediaKind.Image || MediaLinks.ServedAsIs(item) || !item.Files.Contains(file))
        {
            throw new MediaException(MediaErrorKind.NotFound, $"Item {item.Id} has no renditions of {file.FileName}.");
        }

        CheckBounds(request);
        var key = Key(item, file, request);
        if (await store.FindRenditionAsync(key, cancellationToken) is { } kept)
        {
            return kept;
        }

        var making = _making.GetOrAdd(key, k => new Lazy<Task<MediaRendition>>(() => MakeAndKeepAsync(item, file, request, k)));
        var task = making.Value;
        // Forgotten once done, whoever waited (a cancelled waiter included): the next request finds it in the store.
        _ = task.ContinueWith(
            done => _making.TryRemove(new KeyValuePair<string, Lazy<Task<MediaRendition>>>(key, making)) && done.Exception is null,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Resizes (or crops around <paramref name="focal"/>) and encodes <paramref name="source"/> as <paramref name="request"/>
    /// asks, upright, with no metadata but the colour profile. Never enlarges: an image narrower than asked keeps its size.
    /// </summary>
    /// <exception cref="MediaException">
    /// The source is not an image libvips reads, declares more than <see cref="MaxPixels"/> pixels, or the request is
    /// out of bounds.
    /// </exception>
    public static (byte[] Bytes, int Width, int Height) Make(byte[] source, FocalPoint? focal, RenditionRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        CheckBounds(request);
        Vips.Configure();
        try
        {
            var (width, height) = UprightSize(source);
            using var resized = request.Height is { } boxHeight
                ? Crop(source, width, height, focal ?? new FocalPoint(0.5, 0.5), request.Width, boxHeight)
                : Image.ThumbnailBuffer(source, request.Width, height: MaxPixelsSide, size: Enums.Size.Down);
            using var image = EightBit(resized);
            var bytes = request.Format switch
            {
                RenditionFormat.Jpeg => image.JpegsaveBuffer(q: 82, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.Icc),
                RenditionFormat.Png => image.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.Icc),
                RenditionFormat.WebP => image.WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.Icc),
                RenditionFormat.Avif => image.HeifsaveBuffer(q: 55, bitdepth: 8, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.Icc),
                _ => throw new ArgumentOutOfRangeException(nameof(request), request.Format, "Unknown rendition format."),
            };
            return (bytes, image.Width, image.Height);
        }
        catch (VipsException exception)
        {
            throw new MediaException($"The image cannot be made into a rendition: {FirstLine(exception.Message)}.");
        }
    }

    // The height given with a width-only request: tall enough never to be the limit.
    private const int MaxPixelsSide = 100_000;

    private static void CheckBounds(RenditionRequest request)
    {
        if (request.Width is < 1 or > MaxSide || request.Height is < 1 or > MaxSide)
        {
            throw new MediaException($"Renditions are 1 to {MaxSide} pixels wide and high; {request.Width} × {request.Height?.ToString(CultureInfo.InvariantCulture) ?? "auto"} was asked.");
        }
    }

    private async Task<MediaRendition> MakeAndKeepAsync(MediaItem item, MediaFile file, RenditionRequest request, string key)
    {
        // Off the caller's context and token: a make others wait for finishes and is kept whoever went away.
        await Task.Yield();
        if (await store.FindRenditionAsync(key) is { } kept)
        {
            return kept;
        }

        byte[] source;
        await using (var stream = await store.OpenBlobAsync(file.Sha256)
            ?? throw new MediaException(MediaErrorKind.NotFound, $"Item {item.Id}: {file.FileName} is missing from the store (run hexapla check)."))
        {
            source = new byte[stream.Length];
            await stream.ReadExactlyAsync(source);
        }

        (byte[] Bytes, int Width, int Height) made;
        await Makers.WaitAsync();
        try
        {
            made = Make(source, item.Focal, request);
        }
        finally
        {
            Makers.Release();
        }

        var content = BlobContent.Of(made.Bytes);
        var rendition = new MediaRendition(key, content.Sha256, MediaLinks.ContentType(request.Format), made.Width, made.Height);
        await store.SaveRenditionAsync(rendition, content, clock.GetUtcNow());
        return rendition;
    }

    // The size the image shows at once its orientation is applied, read from the header; a bomb is refused here.
    private static (int Width, int Height) UprightSize(byte[] source)
    {
        using var header = Image.NewFromBuffer(source, access: Enums.Access.Sequential);
        if ((long)header.Width * header.Height > MaxPixels)
        {
            throw new MediaException($"The image declares {header.Width:N0} × {header.Height:N0} pixels, more than the {MaxPixels:N0} allowed; no rendition is made.");
        }

        return ImageHeader.IsTurned(header) ? (header.Height, header.Width) : (header.Width, header.Height);
    }

    // Scales the image (upright) to cover the box, never enlarging, then cuts the box out around the focal point, kept inside the image.
    private static Image Crop(byte[] source, int width, int height, FocalPoint focal, int boxWidth, int boxHeight)
    {
        var scale = Math.Min(1.0, Math.Max((double)boxWidth / width, (double)boxHeight / height));
        var scaledWidth = Math.Max(1, (int)Math.Ceiling(width * scale));
        using var scaled = Image.ThumbnailBuffer(source, scaledWidth, height: MaxPixelsSide, size: Enums.Size.Down);
        var cutWidth = Math.Min(boxWidth, scaled.Width);
        var cutHeight = Math.Min(boxHeight, scaled.Height);
        var left = (int)Math.Clamp(Math.Round((focal.X * scaled.Width) - (cutWidth / 2.0)), 0, scaled.Width - cutWidth);
        var top = (int)Math.Clamp(Math.Round((focal.Y * scaled.Height) - (cutHeight / 2.0)), 0, scaled.Height - cutHeight);
        return scaled.Crop(left, top, cutWidth, cutHeight);
    }

    // 16-bit sources (PNG, some AVIF) are written as 8-bit, which every encoder and browser takes.
    private static Image EightBit(Image image) => image.Interpretation switch
    {
        Enums.Interpretation.Rgb16 => image.Colourspace(Enums.Interpretation.Srgb),
        Enums.Interpretation.Grey16 => image.Colourspace(Enums.Interpretation.Bw),
        _ => image.Copy(),
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}

/// <summary>How this process uses libvips: set once, before the first image is opened.</summary>
internal static class Vips
{
    private static readonly Lazy<bool> Configured = new(() =>
    {
        // Loaders libvips marks untrusted (ImageMagick, MATLAB, FITS…) are never used on uploaded bytes.
        NetVips.NetVips.BlockUntrusted = true;

        // No operation cache: each source is opened once, and cached results would only hold memory.
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;
        return true;
    });

    public static void Configure() => _ = Configured.Value;
}
