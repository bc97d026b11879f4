using System.CommandLine;
using System.Diagnostics;
using Hexapla.Hosting;
using Hexapla.Storage;
using Spectre.Console;

namespace Hexapla.Cli;

/// <summary><c>hexapla reindex</c>: rebuilds the search index from the store.</summary>
internal static class ReindexCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("reindex", "Rebuild the search index from the store (serve does this by itself when the index is missing or behind).");
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var data = StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data));
                var store = await StoreSetup.OpenAsync(data, cancellationToken);
                var documents = await store.CountDocumentsAsync(cancellationToken);
                var watch = Stopwatch.StartNew();
                Hexapla.Search.LuceneSearchIndex index;
                if (Console.IsOutputRedirected || output != Console.Out || documents < 10)
                {
                    index = await SearchSetup.OpenInStepAsync(store, data, TimeProvider.System, null, cancellationToken, forceRebuild: true);
                }
                else
                {
                    index = await AnsiConsole.Progress().AutoClear(true)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                        .StartAsync(async context =>
                        {
                            var task = context.AddTask("Indexing documents", maxValue: documents);
                            var progress = new Progress<int>(done => task.Value = done);
                            return await SearchSetup.OpenInStepAsync(store, data, TimeProvider.System, null, cancellationToken, progress, forceRebuild: true);
                        });
                }

                using (index)
                {
                    await output.WriteLineAsync($"Indexed {index.Count()} published version(s) of {documents} document(s) in {watch.Elapsed.TotalSeconds:0.0} s.");
                }

                return 0;
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla reindex: {e.Message}");
                return 1;
            }
            catch (Lucene.Net.Store.LockObtainFailedException)
            {
                await error.WriteLineAsync("hexapla reindex: the search index is busy (another hexapla is writing it); try again when it is done.");
                return 1;
            }
        });
        return command;
    }
}
