using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hexapla.Hosting;
using Hexapla.Maintenance;

namespace Hexapla.Cli;

/// <summary><c>hexapla backup --out FILE</c>: a consistent backup of the store and the data folder's settings, safe while serving.</summary>
internal static class BackupCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Option<string>("--out") { Description = "The backup file to create (it must not exist).", Required = true };
        var command = new Command("backup", "Back up the store (translation memory and accounts included) and the settings of the data folder into one file, while Hexapla keeps serving. The search index is not in it: restore rebuilds it.") { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var data = StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data));
                var store = MaintenanceProgress.Snapshots(data);
                var watch = Stopwatch.StartNew();
                var manifest = await MaintenanceProgress.StepsAsync(output, steps =>
                    BackupArchive.CreateAsync(store, data, result.GetValue(file)!, TimeProvider.System, MaintenanceProgress.HexaplaVersion, steps, cancellationToken));
                var path = Path.GetFullPath(result.GetValue(file)!);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Backed up the store (schema {manifest.SchemaVersion}, generation {manifest.StoreGeneration}) and {manifest.Entries.Count - 1} settings file(s) to {path} ({new FileInfo(path).Length} bytes) in {watch.Elapsed.TotalSeconds:0.0} s. The search index is not in it: restore rebuilds it."));
                return 0;
            }
            catch (BackupException e)
            {
                await error.WriteLineAsync($"hexapla backup: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
