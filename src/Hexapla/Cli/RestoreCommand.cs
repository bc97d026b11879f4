using System.CommandLine;
using System.Globalization;
using Hexapla.Hosting;
using Hexapla.Maintenance;
using Hexapla.Storage;

namespace Hexapla.Cli;

/// <summary><c>hexapla restore FILE [--force]</c>: a backup into the data folder, checked whole first; then the search index is rebuilt.</summary>
internal static class RestoreCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("FILE") { Description = "The backup file (written by hexapla backup)." };
        var force = new Option<bool>("--force") { Description = "Replace a store that already holds data (stop hexapla serve on it first)." };
        var command = new Command("restore", "Restore a backup into the data folder (refused when the store there holds data, unless --force) and rebuild the search index.") { file, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var data = StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data));
                var store = MaintenanceProgress.Snapshots(data);
                var manifest = await MaintenanceProgress.StepsAsync(output, async steps =>
                {
                    steps?.Report("Checking the backup");
                    using var backup = BackupArchive.OpenVerified(result.GetValue(file)!);
                    steps?.Report("Restoring the store");
                    await backup.RestoreAsync(store, data, result.GetValue(force), cancellationToken);
                    return backup.Manifest;
                });

                // The index is not in the backup: whatever index was here belongs to another store.
                var index = SearchSetup.IndexFolder(data);
                if (Directory.Exists(index))
                {
                    Directory.Delete(index, recursive: true);
                }

                var indexed = await MaintenanceProgress.RebuildIndexAsync(data, output, cancellationToken);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Restored the backup taken {manifest.CreatedAt:u} by Hexapla {manifest.HexaplaVersion} (generation {manifest.StoreGeneration}) into {data}; search index rebuilt: {indexed} published version(s)."));
                return 0;
            }
            catch (BackupException e)
            {
                await error.WriteLineAsync($"hexapla restore: {e.Message}");
                return 1;
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla restore: {e.Message}");
                return 1;
            }
            catch (IOException e)
            {
                await error.WriteLineAsync($"hexapla restore: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
