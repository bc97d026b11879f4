using NetVips;

namespace Hexapla.Media;

/// <summary>Reads an image's size from its header with libvips, before any pixel is decoded.</summary>
internal static class ImageHeader
{
    /// <summary>
    /// The width and height <paramref name="file"/> shows upright (a photograph the camera recorded as turned by a
    /// quarter has them swapped, as its renditions will), which its first bytes showed to be <paramref name="type"/>.
    /// </summary>
    /// <remarks>
    /// Only the header is read, so a small file declaring a huge image (a decompression bomb: a PNG of a few kilobytes
    /// declaring 50,000 × 50,000 pixels) is refused without allocating its pixels. Untrusted libvips loaders are blocked.
    /// </remarks>
    /// <exception cref="MediaException">libvips cannot read it as that type, or it declares more than <paramref name="maxPixels"/> pixels.</exception>
    public static (int Width, int Height) Read(SpooledFile file, string type, long maxPixels)
    {
        Vips.Configure();
        Image image;
        try
        {
            // Opening reads the header only: pixels are decoded when something asks for them.
            image = Image.NewFromFile(file.Path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        }
        catch (VipsException exception)
        {
            throw new MediaException($"{file.FileName}: the file starts as {type} but cannot be read as an image ({FirstLine(exception.Message)}); nothing was stored.") { Field = "file" };
        }

        using (image)
        {
            if ((long)image.Width * image.Height > maxPixels)
            {
                throw new MediaException(
                    $"{file.FileName}: the image declares {image.Width:N0} × {image.Height:N0} pixels, more than the {maxPixels:N0} allowed (a file this small that large is a decompression bomb); nothing was stored.")
                { Field = "file" };
            }

            return IsTurned(image) ? (image.Height, image.Width) : (image.Width, image.Height);
        }
    }

    /// <summary>True when the image's EXIF orientation (5 to 8) turns it by a quarter, so that it shows with width and height swapped.</summary>
    public static bool IsTurned(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Contains("orientation") && image.Get("orientation") is int orientation && orientation is >= 5 and <= 8;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
