using System.CommandLine;
using Hexapla.Hosting;
using Hexapla.Interchange.Tmx;
using Hexapla.Languages;
using Hexapla.Storage;
using Spectre.Console;

namespace Hexapla.Cli;

/// <summary><c>hexapla export tmx --source L --target L --out FILE</c>: the published archive of a language pair as TMX 1.4b.</summary>
internal static class ExportTmxCommand
{
    /// <summary>From this many documents on, a terminal shows a progress bar.</summary>
    private const int ProgressThreshold = 10;

    public static Command Build(TextWriter output, TextWriter error)
    {
        var source = new Option<string>("--source") { Description = "The source language (BCP 47, e.g. ru-RU).", Required = true };
        var target = new Option<string>("--target") { Description = "The target language (BCP 47, e.g. en-GB).", Required = true };
        var file = new Option<string>("--out") { Description = "The TMX file to write (replaced if it exists).", Required = true };
        var command = new Command("tmx", "Write every published document pair of two languages as TMX 1.4b: paragraph and sentence units.") { source, target, file };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!LanguageTag.TryParse(result.GetValue(source), out var from, out var fromError))
            {
                await error.WriteLineAsync($"hexapla export tmx: --source: {fromError}");
                return 1;
            }

            if (!LanguageTag.TryParse(result.GetValue(target), out var to, out var toError))
            {
                await error.WriteLineAsync($"hexapla export tmx: --target: {toError}");
                return 1;
            }

            if (from == to)
            {
                await error.WriteLineAsync("hexapla export tmx: --source and --target are the same language.");
                return 1;
            }

            var path = Path.GetFullPath(result.GetValue(file)!);
            var temporary = path + ".tmp";
            try
            {
                var data = StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data));
                var store = await StoreSetup.OpenAsync(data, cancellationToken);
                var now = TimeProvider.System.GetUtcNow();
                var documents = await store.CountDocumentsAsync(cancellationToken);
                TmxExportReport report;
                // Written beside the target and moved into place, so a failed export leaves no half-written file.
                await using (var stream = File.Create(temporary))
                {
                    if (documents < ProgressThreshold || Console.IsOutputRedirected || output != Console.Out)
                    {
                        report = await TmxExport.WriteAsync(store, from, to, stream, now, cancellationToken: cancellationToken);
                    }
                    else
                    {
                        report = await AnsiConsole.Progress().AutoClear(true)
                            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                            .StartAsync(async context =>
                            {
                                var task = context.AddTask("Exporting documents", maxValue: documents);
                                var progress = new Progress<int>(done => task.Value = done);
                                return await TmxExport.WriteAsync(store, from, to, stream, now, progress, cancellationToken);
                            });
                    }
                }

                File.Move(temporary, path, overwrite: true);
                await output.WriteLineAsync($"Wrote {path}: {report.Paragraphs} paragraph and {report.Sentences} sentence unit(s) from {report.Documents} document(s), {from} → {to}.");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or StoreException)
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }

                await error.WriteLineAsync($"hexapla export tmx: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
