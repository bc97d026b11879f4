using Hexapla.Hosting;
using Hexapla.Interchange;
using Hexapla.Interchange.Tmx;
using Hexapla.Storage;

namespace Hexapla.Cli;

/// <summary><c>hexapla import FILE.tmx ...</c>: TMX files into the translation memory, all or nothing.</summary>
internal static class ImportTmxCommand
{
    /// <summary>True when every path is a <c>.tmx</c> file, so <c>import</c> hands the run to <see cref="RunAsync"/>.</summary>
    public static bool Applies(IReadOnlyList<string>? paths) =>
        paths is { Count: > 0 } && paths.All(p => string.Equals(Path.GetExtension(p), ".tmx", StringComparison.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(IReadOnlyList<string> paths, string? dataOption, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var now = TimeProvider.System.GetUtcNow();
            var units = new List<MemoryUnit>();
            var errors = new List<ImportError>();
            foreach (var path in paths)
            {
                try
                {
                    if (!File.Exists(path))
                    {
                        throw new ImportException(path, null, "no such file");
                    }

                    if (new FileInfo(path).Length > TmxReader.MaxBytes)
                    {
                        throw new ImportException(path, null, $"is larger than {TmxReader.MaxBytes} bytes");
                    }

                    units.AddRange(TmxReader.Read(path, await File.ReadAllBytesAsync(path, cancellationToken), now));
                }
                catch (ImportException e)
                {
                    errors.AddRange(e.Errors);
                }
            }

            if (errors.Count > 0)
            {
                throw new ImportException(errors);
            }

            var store = await StoreSetup.OpenAsync(StoreSetup.ResolveDataFolder(dataOption), cancellationToken);
            if (store is not ITranslationMemory memory)
            {
                await error.WriteLineAsync("hexapla import: this store keeps no translation memory.");
                return 1;
            }

            var added = await memory.AddAsync(units, cancellationToken);
            await output.WriteLineAsync($"Read {units.Count} translation unit pair(s) from {paths.Count} TMX file(s): {added} added to the translation memory, {units.Count - added} already there.");
            return 0;
        }
        catch (ImportException e)
        {
            return await ImportCommand.RefuseAsync(error, e);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"hexapla import: {e.Message}");
            return 1;
        }
    }
}
