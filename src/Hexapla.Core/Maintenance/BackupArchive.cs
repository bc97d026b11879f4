using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hexapla.Maintenance;

/// <summary>
/// A backup file: a zip archive holding a snapshot of the store (<c>store/…</c>), the settings kept in the data
/// folder (<c>settings/…</c>) and <c>manifest.json</c> (<see cref="BackupManifest"/>). The search index is not in it:
/// a restore rebuilds it from the store.
/// </summary>
/// <remarks>
/// Settings kept in the data folder are <c>appsettings.json</c>, <c>appsettings.*.json</c> and the <c>keys/</c>
/// folder (data-protection keys), when present; today's host keeps neither there, so a backup usually holds the
/// store alone.
/// </remarks>
public static partial class BackupArchive
{
    private const string SettingsPrefix = "settings/";

    /// <summary>The files of <paramref name="dataFolder"/> a backup carries besides the store, as archive entry names.</summary>
    public static IReadOnlyList<(string EntryName, string Path)> SettingsFiles(string dataFolder)
    {
        var files = new List<(string, string)>();
        if (!Directory.Exists(dataFolder))
        {
            return files;
        }

        foreach (var path in Directory.EnumerateFiles(dataFolder, "appsettings*.json"))
        {
            files.Add((SettingsPrefix + Path.GetFileName(path), path));
        }

        var keys = Path.Combine(dataFolder, "keys");
        if (Directory.Exists(keys))
        {
            foreach (var path in Directory.EnumerateFiles(keys, "*", SearchOption.AllDirectories))
            {
                files.Add((SettingsPrefix + Path.GetRelativePath(dataFolder, path).Replace('\\', '/'), path));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    /// <summary>
    /// Writes a backup of the store and the data folder's settings to <paramref name="outFile"/>, which must not
    /// exist. The archive is written beside it under a temporary name and renamed when complete, so a failure never
    /// leaves a half-written file under the final name.
    /// </summary>
    /// <param name="store">The store to snapshot.</param>
    /// <param name="dataFolder">The data folder, for its settings.</param>
    /// <param name="outFile">The backup file to create.</param>
    /// <param name="clock">Gives the time recorded as taken.</param>
    /// <param name="hexaplaVersion">The version recorded as writer.</param>
    /// <param name="step">Told the name of each step as it begins.</param>
    /// <param name="cancellationToken">Stops the backup; nothing is left under <paramref name="outFile"/>.</param>
    /// <exception cref="BackupException"><paramref name="outFile"/> exists, or the store or a file cannot be read or written.</exception>
    public static async Task<BackupManifest> CreateAsync(
        IStoreSnapshots store, string dataFolder, string outFile, TimeProvider clock, string hexaplaVersion,
        IProgress<string>? step = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        outFile = Path.GetFullPath(outFile);
        if (File.Exists(outFile) || Directory.Exists(outFile))
        {
            throw new BackupException($"{outFile} already exists; give another name or remove it first.");
        }

        var stamp = Guid.NewGuid().ToString("N")[..8];
        var snapshotFile = $"{outFile}.store-{stamp}.tmp";
        var archiveFile = $"{outFile}.{stamp}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
            step?.Report("Copying the store");
            var createdAt = clock.GetUtcNow();
            var snapshot = await store.TakeAsync(snapshotFile, cancellationToken);

            step?.Report("Writing the backup");
            var sources = new List<(string EntryName, string Path)> { (store.EntryName, snapshotFile) };
            sources.AddRange(SettingsFiles(dataFolder));
            var entries = new List<BackupEntry>();
            BackupManifest result;
            await using (var file = new FileStream(archiveFile, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var (name, path) in sources)
                    {
                        await using var input = File.OpenRead(path);
                        await using var output = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                        var buffer = new byte[1 << 16];
                        long length = 0;
                        int read;
                        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                        {
                            hash.AppendData(buffer, 0, read);
                            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                            length += read;
                        }

                        entries.Add(new BackupEntry(name, length, Convert.ToHexStringLower(hash.GetHashAndReset())));
                    }

                    var manifest = new BackupManifest(
                        BackupManifest.FormatName, BackupManifest.CurrentFormatVersion, hexaplaVersion, createdAt,
                        store.Provider, snapshot.SchemaVersion, snapshot.Generation, entries);
                    await using (var output = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Fastest).Open())
                    {
                        await output.WriteAsync(manifest.ToJson(), cancellationToken);
                    }

                    // Disposing the archive writes its central directory; then the file goes to disk before the rename.
                    zip.Dispose();
                    file.Flush(flushToDisk: true);
                    result = manifest;
                }
            }

            File.Move(archiveFile, outFile, overwrite: false);
            return result;
        }
        catch (IOException e)
        {
            throw new BackupException($"Cannot write the backup {outFile}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BackupException($"Cannot write the backup {outFile}: {e.Message}", e);
        }
        finally
        {
            File.Delete(snapshotFile);
            File.Delete(archiveFile);
        }
    }

    /// <summary>
    /// Opens a backup file and checks it whole before anything is restored: a zip archive, a Hexapla manifest of a
    /// format this Hexapla reads, every entry present with its length and SHA-256, and no entry the manifest does not
    /// list.
    /// </summary>
    /// <exception cref="BackupException">The file is missing, not a zip (or truncated), foreign, newer, or damaged; the message says which.</exception>
    public static VerifiedBackup OpenVerified(string file)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            throw new BackupException($"{file}: no such file.");
        }

        FileStream? stream = null;
        ZipArchive? zip = null;
        try
        {
            stream = File.OpenRead(file);
            zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var manifestEntry = zip.GetEntry(BackupManifest.EntryName)
                ?? throw new BackupException($"{file} is not a Hexapla backup: it has no {BackupManifest.EntryName}.");
            using var buffer = new MemoryStream();
            using (var input = manifestEntry.Open())
            {
                input.CopyTo(buffer);
            }

            var manifest = BackupManifest.TryParse(buffer.ToArray());
            if (manifest is null || manifest.Format != BackupManifest.FormatName)
            {
                throw new BackupException($"{file} is not a Hexapla backup: its {BackupManifest.EntryName} is not a Hexapla manifest.");
            }

            if (manifest.FormatVersion > BackupManifest.CurrentFormatVersion || manifest.FormatVersion < 1)
            {
                throw new BackupException($"{file} was written by a newer Hexapla ({manifest.HexaplaVersion}, backup format {manifest.FormatVersion}; this one reads format {BackupManifest.CurrentFormatVersion}).");
            }

            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var expected in manifest.Entries)
            {
                if (!SafeEntryName().IsMatch(expected.Name) || !listed.Add(expected.Name))
                {
                    throw new BackupException($"{file} is damaged or was altered: its manifest lists a bad entry name '{expected.Name}'.");
                }

                var entry = zip.GetEntry(expected.Name)
                    ?? throw new BackupException($"{file} is damaged: {expected.Name} is missing.");
                var (length, sha256) = Measure(entry);
                if (length != expected.Length || sha256 != expected.Sha256)
                {
                    throw new BackupException($"{file} is damaged: {expected.Name} does not match its SHA-256 in the manifest.");
                }
            }

            if (zip.Entries.FirstOrDefault(e => e.FullName != BackupManifest.EntryName && !listed.Contains(e.FullName)) is { } stray)
            {
                throw new BackupException($"{file} is damaged or was altered: {stray.FullName} is not in its manifest.");
            }

            var verified = new VerifiedBackup(file, stream, zip, manifest);
            stream = null;
            zip = null;
            return verified;
        }
        catch (InvalidDataException e)
        {
            throw new BackupException($"{file} is not a Hexapla backup, or is truncated or damaged (not a readable zip archive: {e.Message})", e);
        }
        catch (IOException e)
        {
            throw new BackupException($"Cannot read {file}: {e.Message}", e);
        }
        finally
        {
            zip?.Dispose();
            stream?.Dispose();
        }
    }

    private static (long Length, string Sha256) Measure(ZipArchiveEntry entry)
    {
        using var input = entry.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    // Entries go under store/ or settings/, in plain path segments: never an absolute path or "..".
    [GeneratedRegex(@"^(store|settings)(/(?!\.\.?(/|$))[A-Za-z0-9._-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeEntryName();
}

/// <summary>A backup file whose every entry matched its manifest when opened (see <see cref="BackupArchive.OpenVerified"/>).</summary>
public sealed class VerifiedBackup : IDisposable
{
    private readonly FileStream _stream;
    private readonly ZipArchive _zip;

    internal VerifiedBackup(string file, FileStream stream, ZipArchive zip, BackupManifest manifest)
    {
        File = file;
        _stream = stream;
        _zip = zip;
        Manifest = manifest;
    }

    /// <summary>The backup file.</summary>
    public string File { get; }

    /// <summary>Its manifest.</summary>
    public BackupManifest Manifest { get; }

    /// <summary>
    /// Restores the backup into <paramref name="dataFolder"/>: the store (through <paramref name="store"/>, which
    /// replaces it whole) and the settings files, each written under a temporary name and renamed. The search index
    /// is not touched: the caller rebuilds it.
    /// </summary>
    /// <param name="store">The target store.</param>
    /// <param name="dataFolder">The target data folder.</param>
    /// <param name="force">Replace a store that holds data; without it such a store is refused and nothing changes.</param>
    /// <param name="cancellationToken">Stops the restore before the store is replaced.</param>
    /// <exception cref="BackupException">Another kind of store, a newer schema, a store holding data without <paramref name="force"/>, or a damaged store entry; nothing is changed.</exception>
    public async Task RestoreAsync(IStoreSnapshots store, string dataFolder, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (Manifest.Provider != store.Provider)
        {
            throw new BackupException($"{File} holds a {Manifest.Provider} store; this data folder uses {store.Provider}.");
        }

        if (Manifest.SchemaVersion > store.LatestSchemaVersion)
        {
            throw new BackupException($"{File} holds a store of schema version {Manifest.SchemaVersion}, written by a newer Hexapla ({Manifest.HexaplaVersion}); this one knows up to {store.LatestSchemaVersion}.");
        }

        var storeEntry = _zip.GetEntry(store.EntryName)
            ?? throw new BackupException($"{File} holds no store ({store.EntryName} is missing).");
        if (!force && await store.HoldsDataAsync(cancellationToken))
        {
            throw new BackupException($"{Path.GetFullPath(dataFolder)} already holds a store with content; restore into an empty data folder, or add --force to replace it.");
        }

        Directory.CreateDirectory(dataFolder);
        var temporary = Path.Combine(dataFolder, $".restore-{Guid.NewGuid():N}.tmp");
        try
        {
            await ExtractAsync(storeEntry, temporary, cancellationToken);
            await store.RestoreAsync(temporary, cancellationToken);
            foreach (var entry in Manifest.Entries.Where(e => e.Name.StartsWith("settings/", StringComparison.Ordinal)))
            {
                var target = Path.Combine(dataFolder, entry.Name["settings/".Length..]);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await ExtractAsync(_zip.GetEntry(entry.Name)!, temporary, cancellationToken);
                System.IO.File.Move(temporary, target, overwrite: true);
            }
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _zip.Dispose();
        _stream.Dispose();
    }

    private static async Task ExtractAsync(ZipArchiveEntry entry, string path, CancellationToken cancellationToken)
    {
        await using var input = entry.Open();
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        await input.CopyToAsync(output, cancellationToken);
        output.Flush(flushToDisk: true);
    }
}
