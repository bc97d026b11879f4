using System.Globalization;

namespace Hexapla.Interchange;

/// <summary>One file to import: the name errors will show (usually its path) and its bytes.</summary>
public sealed record ImportFile(string Name, byte[] Content)
{
    /// <summary>What the layout of the site the file comes from says about it (language, path key); null when nothing.</summary>
    public Sites.SiteHint? Hint { get; init; }

    /// <summary>
    /// True when <see cref="FileKinds"/> already found the file to be a document (the walk that chose it looked at its
    /// first bytes), so the import does not look again; false for files given in memory, which the import checks.
    /// </summary>
    public bool IsKnownDocument { get; init; }

    /// <summary>The largest file an import accepts: 10 MiB.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Reads a file from disk, refusing one over <see cref="MaxBytes"/> before reading it.</summary>
    /// <exception cref="ImportException">The file is too large or cannot be read.</exception>
    public static ImportFile Read(string path) => Read(path, MaxBytes, null);

    /// <summary>Reads a file from disk, refusing one over <paramref name="maxBytes"/> before reading it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest file accepted.</param>
    /// <param name="limitName">The setting the limit comes from, named in the refusal; null for none.</param>
    /// <exception cref="ImportException">The file is too large or cannot be read.</exception>
    public static ImportFile Read(string path, long maxBytes, string? limitName)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > maxBytes)
            {
                throw new ImportException(path, null, string.Create(CultureInfo.InvariantCulture,
                    $"the file is {Size(info.Length, "0.0")}; the limit{(limitName is null ? "" : $" ({limitName})")} is {Size(maxBytes, "0.#")}"));
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

    private static string Size(long bytes, string format) => bytes < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes")
        : (bytes / (1024.0 * 1024.0)).ToString(format, CultureInfo.InvariantCulture) + " MiB";
}
