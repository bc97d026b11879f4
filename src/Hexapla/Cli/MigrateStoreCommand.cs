using System.CommandLine;
using Hexapla.Hosting;
using Hexapla.Storage;
using Spectre.Console;

namespace Hexapla.Cli;

/// <summary>
/// <c>hexapla migrate-store --from sqlite:PATH --to postgres:CONN</c>: copies a whole store into an empty one,
/// then compares row counts and checksums of every table on both sides.
/// </summary>
internal static class MigrateStoreCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { Description = "The store to copy: sqlite:PATH or postgres:\"Host=…;Database=…\".", Required = true };
        var to = new Option<string>("--to") { Description = "The empty store to copy into: postgres:\"Host=…;Database=…\" or sqlite:PATH.", Required = true };
        var command = new Command("migrate-store", "Copy every table of one store into an empty one (e.g. SQLite to PostgreSQL) and check counts and checksums.") { from, to };
        command.SetAction(async (result, cancellationToken) =>
        {
            SqlContentStore? source = null;
            SqlContentStore? target = null;
            try
            {
                source = await StoreSetup.OpenNamedAsync(result.GetValue(from)!, mustExist: true, cancellationToken);
                target = await StoreSetup.OpenNamedAsync(result.GetValue(to)!, mustExist: false, cancellationToken);
                var copies = await CopyAsync(source, target, output, cancellationToken);
                foreach (var copy in copies)
                {
                    await output.WriteLineAsync(
                        $"{copy.Table,-20} {copy.SourceRows,8} -> {copy.TargetRows,-8} sha256 {copy.SourceChecksum[..16]} -> {copy.TargetChecksum[..16]}  {(copy.Matches ? "ok" : "DIFFERS")}");
                }

                var differing = copies.Where(c => !c.Matches).Select(c => c.Table).ToList();
                if (differing.Count > 0)
                {
                    await error.WriteLineAsync($"hexapla migrate-store: {differing.Count} table(s) differ between {source} and {target} after the copy: {string.Join(", ", differing)}.");
                    return 1;
                }

                await output.WriteLineAsync($"Copied {copies.Sum(c => c.SourceRows)} row(s) in {copies.Count} tables from {source} to {target}; counts and checksums match.");
                return 0;
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla migrate-store: {e.Message}");
                return 1;
            }
            finally
            {
                (source as IDisposable)?.Dispose();
                (target as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    // A bar per table on a terminal; nothing but the summary when output is redirected.
    private static async Task<IReadOnlyList<TableCopy>> CopyAsync(SqlContentStore source, SqlContentStore target, TextWriter output, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected || output != Console.Out)
        {
            return await StoreCopier.CopyAsync(source, target, null, cancellationToken);
        }

        return await AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new TableProgress(p =>
                {
                    if (!tasks.TryGetValue(p.Table, out var task))
                    {
                        tasks[p.Table] = task = context.AddTask(p.Table, maxValue: Math.Max(1, p.Total));
                    }

                    task.Value = p.Total == 0 ? 1 : p.Done;
                });
                return await StoreCopier.CopyAsync(source, target, progress, cancellationToken);
            });
    }

    /// <summary>Reports on the copying thread, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class TableProgress(Action<CopyProgress> report) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => report(value);
    }
}
