using NetVips;

namespace Hexapla.Media;

/// <summary>Reads an image's size from its header with libvips, before any pixel is decoded.</summary>
internal static class ImageHeader
{
    /// <summary>The width and height of <paramref name="file"/>, which its first bytes showed to be <paramref name="type"/>.</summary>
    /// <exception cref="MediaException">libvips cannot read it as that type, or it declares more than <paramref name="maxPixels"/> pixels.</exception>
    public static (int Width, int Height) Read(SpooledFile file, string type, long maxPixels)
    {
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

            return (image.Width, image.Height);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
