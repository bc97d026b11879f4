namespace Hexapla.Interchange;

/// <summary>One file to import: the name errors will show (usually its path) and its bytes.</summary>
public sealed record ImportFile(string Name, byte[] Content)
{
    /// <summary>The largest file an import accepts: 10 MiB.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Reads a file from disk, refusing one over <see cref="MaxBytes"/> before reading it.</summary>
    /// <exception cref="ImportException">The file is too large or cannot be read.</exception>
    public static ImportFile Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
            {
                throw new ImportException(path, null, $"the file is {info.Length / (1024.0 * 1024.0):0.0} MiB; the limit is {MaxBytes / (1024 * 1024)} MiB");
            }

            return new ImportFile(path, File.ReadAllBytes(path));
        }
        catch (IOException e)
        {
            throw new ImportException(path, null, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImportException(path, null, $"cannot be read: {e.Message}");
        }
    }
}
