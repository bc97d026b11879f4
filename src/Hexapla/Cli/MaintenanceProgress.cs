using System.Reflection;
using Hexapla.Hosting;
using Hexapla.Maintenance;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Storage.Postgres;
using Hexapla.Storage.Sqlite;
using Spectre.Console;

namespace Hexapla.Cli;

/// <summary>Progress for backup, restore and check: bars on a terminal, nothing when output is redirected.</summary>
internal static class MaintenanceProgress
{
    public static bool Shows(TextWriter output) => !Console.IsOutputRedirected && output == Console.Out;

    /// <summary>The version written into backups.</summary>
    public static string HexaplaVersion { get; } =
        typeof(MaintenanceProgress).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(MaintenanceProgress).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The chosen store (<c>--database</c>, <c>--connection</c>), for backup and restore.</summary>
    public static IStoreSnapshots Snapshots(string dataFolder) => StoreSetup.Chosen(dataFolder) switch
    {
        ("postgres", var connection) => new PostgresStoreSnapshots(connection, PostgresContentStore.SchemaVersion),
        (_, var path) => new SqliteStoreSnapshots(path),
    };

    /// <summary>Runs <paramref name="work"/>, which names its steps; each step shows as a running bar on a terminal.</summary>
    public static async Task<T> StepsAsync<T>(TextWriter output, Func<IProgress<string>?, Task<T>> work)
    {
        if (!Shows(output))
        {
            return await work(null);
        }

        return await AnsiConsole.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var steps = new Steps(context);
                try
                {
                    return await work(steps);
                }
                finally
                {
                    steps.Finish();
                }
            });
    }

    /// <summary>Rebuilds the search index from the store, with a bar over the documents on a terminal.</summary>
    public static async Task<int> RebuildIndexAsync(string dataFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var store = await StoreSetup.OpenAsync(dataFolder, cancellationToken);
        var documents = await store.CountDocumentsAsync(cancellationToken);
        LuceneSearchIndex index;
        if (!Shows(output))
        {
            index = await SearchSetup.OpenInStepAsync(store, dataFolder, TimeProvider.System, null, cancellationToken, forceRebuild: true);
        }
        else
        {
            index = await AnsiConsole.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Rebuilding the search index", maxValue: Math.Max(1, documents));
                    var progress = new Progress<int>(done => task.Value = done);
                    return await SearchSetup.OpenInStepAsync(store, dataFolder, TimeProvider.System, null, cancellationToken, progress, forceRebuild: true);
                });
        }

        using (index)
        {
            return index.Count();
        }
    }

    private sealed class Steps(ProgressContext context) : IProgress<string>
    {
        private ProgressTask? _current;

        public void Report(string value)
        {
            Finish();
            _current = context.AddTask(value).IsIndeterminate();
        }

        public void Finish()
        {
            if (_current is { } current)
            {
                current.IsIndeterminate(false).Value = current.MaxValue;
                current.StopTask();
            }
        }
    }
}
