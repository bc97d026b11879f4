using System.Security.Cryptography;

namespace Hexapla.Media;

/// <summary>
/// An uploaded file spooled to a temporary file, with its size and SHA-256 taken while it was written. The library
/// inspects and stores it from there, so nothing is stored before the whole file has arrived and been checked. Deletes
/// its temporary file when disposed.
/// </summary>
public sealed class SpooledFile : IDisposable
{
    private SpooledFile(string path, string fileName, string? declaredType, long size, string sha256)
    {
        Path = path;
        FileName = fileName;
        DeclaredType = declaredType;
        Size = size;
        Sha256 = sha256;
    }

    /// <summary>The temporary file.</summary>
    public string Path { get; }

    /// <summary>The name the client gave (not yet checked: see <see cref="MediaInspector"/>).</summary>
    public string FileName { get; }

    /// <summary>The media type the client declared, if any.</summary>
    public string? DeclaredType { get; }

    /// <summary>Bytes received.</summary>
    public long Size { get; }

    /// <summary>SHA-256 of the bytes, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>The content as the store takes it.</summary>
    public Storage.BlobContent Content => new(Sha256, Size, () => File.OpenRead(Path));

    /// <summary>
    /// Copies <paramref name="source"/> into a new temporary file in <paramref name="folder"/> (the system's when null),
    /// refusing it once it passes <paramref name="maxBytes"/>; the partial file is deleted on every failure.
    /// </summary>
    /// <exception cref="MediaException">The content is larger than <paramref name="maxBytes"/> (<see cref="MediaErrorKind.TooLarge"/>).</exception>
    public static async Task<SpooledFile> SpoolAsync(
        Stream source, string fileName, string? declaredType, long maxBytes, string? folder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fileName);
        var directory = folder ?? System.IO.Path.GetTempPath();
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"hexapla-upload-{Guid.NewGuid():N}.part");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new MediaException(MediaErrorKind.TooLarge,
                            $"{fileName}: the file is larger than the upload limit of {maxBytes:N0} bytes (Limits:UploadBytes); nothing was stored.")
                        { Field = "file" };
                    }

                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            return new SpooledFile(path, fileName, declaredType, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => File.Delete(Path);
}
