using System.CommandLine;
using Hexapla.Hosting;
using Hexapla.Maintenance;
using Hexapla.Storage;
using Hexapla.Storage.Postgres;
using Spectre.Console;

namespace Hexapla.Cli;

/// <summary>
/// <c>hexapla check [--repair]</c>: store integrity, media checksums, search index against the store, leftovers. Exit 0 when all is
/// well (after <c>--repair</c>: when everything found was repaired), 1 when problems remain, 2 when the store cannot
/// be found.
/// </summary>
internal static class CheckCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var repair = new Option<bool>("--repair") { Description = "Repair what can be repaired: rebuild the search index, delete orphan rows, orphan media blobs, damaged renditions and leftover files, mend the section tree and menus where nothing is lost, save text holding characters no output can carry without them." };
        var command = new Command("check", "Check the store's integrity, the site structure (section tree, old paths, kinds and field values, menus), every media file against its checksum, that the search index holds exactly the public versions, and for orphans and leftover files; --repair repairs.") { repair };
        command.SetAction(async (result, cancellationToken) =>
        {
            var data = StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data));
            (string Kind, string Connection) database;
            try
            {
                database = StoreSetup.Chosen(data);
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla check: {e.Message}");
                return 2;
            }

            if (database.Kind == "sqlite" && !File.Exists(database.Connection))
            {
                await error.WriteLineAsync($"hexapla check: there is no store at {database.Connection}.");
                return 2;
            }

            try
            {
                var findings = await CheckAsync(data, database, output, cancellationToken);
                var repairing = result.GetValue(repair);
                foreach (var finding in findings)
                {
                    var action = finding.Action == RepairAction.None ? finding.Repair : (repairing ? "repairing: " : "--repair would ") + finding.Repair;
                    await output.WriteLineAsync($"{finding.Area}: {finding.Problem} → {action}");
                }

                await WarnOfLeaksAsync(findings, error);
                if (findings.Count == 0)
                {
                    await output.WriteLineAsync("All is well: the store is intact, every media file matches its checksum, the search index holds exactly the public versions, no orphans or leftover files.");
                    return 0;
                }

                var repairable = findings.Count(f => f.Action != RepairAction.None);
                if (!repairing)
                {
                    await output.WriteLineAsync($"{findings.Count} problem(s) found; hexapla check --repair would repair {repairable} of them.");
                    return 1;
                }

                await RepairAsync(findings, data, database, output, cancellationToken);
                var left = await CheckAsync(data, database, output, cancellationToken);
                foreach (var finding in left)
                {
                    await output.WriteLineAsync($"still: {finding.Area}: {finding.Problem} → {finding.Repair}");
                }

                await WarnOfLeaksAsync(left, error);
                await output.WriteLineAsync(left.Count == 0
                    ? $"Repaired: {findings.Count} problem(s) found, all repaired; the check is now clean."
                    : $"{findings.Count} problem(s) found, {left.Count} remain after repair.");
                return left.Count == 0 ? 0 : 1;
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla check: {e.Message}");
                return 1;
            }
            catch (Lucene.Net.Store.LockObtainFailedException)
            {
                await error.WriteLineAsync("hexapla check: the search index is busy (another hexapla is writing it); try again when it is done.");
                return 1;
            }
        });
        return command;
    }

    // Reading every media byte back takes a while on a large store: a bar over the bytes on a terminal, nothing when redirected.
    private static async Task<IReadOnlyList<CheckFinding>> CheckAsync(
        string data, (string Kind, string Connection) database, TextWriter output, CancellationToken cancellationToken)
    {
        if (!MaintenanceProgress.Shows(output))
        {
            return await RunCheckAsync(data, database, null, cancellationToken);
        }

        return await AnsiConsole.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask? task = null;
                var media = new BytesProgress(p =>
                {
                    task ??= context.AddTask("Checking media files against their checksums", maxValue: Math.Max(1, p.Total));
                    task.Value = p.Total == 0 ? task.MaxValue : p.Done;
                });
                return await RunCheckAsync(data, database, media, cancellationToken);
            });
    }

    private static async Task<IReadOnlyList<CheckFinding>> RunCheckAsync(
        string data, (string Kind, string Connection) database, IProgress<MediaCheckProgress>? media, CancellationToken cancellationToken)
    {
        try
        {
            return database.Kind == "postgres"
                ? await StoreCheck.RunOnPostgresAsync(database.Connection, PostgresContentStore.SchemaVersion, SearchSetup.IndexFolder(data), data, TimeProvider.System.GetUtcNow(), media, cancellationToken)
                : await StoreCheck.RunAsync(database.Connection, SearchSetup.IndexFolder(data), data, TimeProvider.System.GetUtcNow(), media, cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or ArgumentException)
        {
            throw new StoreException($"Cannot check the PostgreSQL store: {e.Message}", e);
        }
    }

    private static async Task WarnOfLeaksAsync(IReadOnlyList<CheckFinding> findings, TextWriter error)
    {
        var leaks = findings.Count(f => f.Leak);
        if (leaks > 0)
        {
            await error.WriteLineAsync($"hexapla check: LEAK: {leaks} text(s) that are not public are in the search index; run hexapla check --repair now.");
        }
    }

    /// <summary>A writing connection to the store, foreign keys on for SQLite (chunks follow their blob).</summary>
    private static System.Data.Common.DbConnection Connect((string Kind, string Connection) database) => database.Kind == "postgres"
        ? new Npgsql.NpgsqlConnection(database.Connection)
        : new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = database.Connection,
            Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite,
            ForeignKeys = true,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());

    /// <summary>Reports on the checking thread, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class BytesProgress(Action<MediaCheckProgress> report) : IProgress<MediaCheckProgress>
    {
        public void Report(MediaCheckProgress value) => report(value);
    }

    /// <summary>
    /// Saves each version whose text breaks the entrance rule again, repaired, through the newsroom as the system user
    /// with admin rights: a new revision in its state, audited, and in the search index before the next.
    /// </summary>
    private static async Task RepairTextsAsync(IReadOnlyList<CheckFinding> findings, string data, TextWriter output, CancellationToken cancellationToken)
    {
        var versions = findings.Where(f => f.Action == RepairAction.RepairText).Select(f => (Slug: f.Slug!, Language: f.Language!)).Distinct().ToList();
        if (versions.Count == 0)
        {
            return;
        }

        var store = await StoreSetup.OpenAsync(data, cancellationToken);
        using var index = await SearchSetup.OpenInStepAsync(store, data, TimeProvider.System, message => output.WriteLine(message), cancellationToken);
        var newsroom = new Editorial.Newsroom(store, index, TimeProvider.System);
        var system = new Accounts.User(0, Accounts.User.System, Accounts.Role.Admin, [], false, DateTimeOffset.UnixEpoch);
        foreach (var (slug, language) in versions)
        {
            var repaired = await newsroom.RepairTextAsync(system, slug, Languages.LanguageTag.FromStored(language), cancellationToken);
            if (repaired is not null)
            {
                await output.WriteLineAsync($"Repaired the text of {slug}/{language}: saved as revision {repaired.Revision}.");
            }
        }
    }

    private static async Task RepairAsync(IReadOnlyList<CheckFinding> findings, string data, (string Kind, string Connection) database, TextWriter output, CancellationToken cancellationToken)
    {
        if (findings.Any(f => f.Action == RepairAction.None && f.Area == "store"))
        {
            // A damaged store is not touched, nor is the index rebuilt from it.
            foreach (var file in findings.Where(f => f.Action == RepairAction.DeleteFile))
            {
                File.Delete(file.Path!);
            }

            return;
        }

        if (findings.Any(f => f.Action == RepairAction.DeleteOrphanRows))
        {
            var deleted = await StoreCheck.DeleteOrphanRowsAsync(database.Connection, cancellationToken);
            await output.WriteLineAsync($"Deleted {deleted} orphan row(s).");
        }

        if (findings.Any(f => f.Action == RepairAction.RepairStructure))
        {
            foreach (var line in await StoreCheck.RepairStructureAsync(() => Connect(database), TimeProvider.System.GetUtcNow(), cancellationToken))
            {
                await output.WriteLineAsync(line);
            }
        }

        if (findings.Any(f => f.Action == RepairAction.Migrate))
        {
            // Opening the store brings its schema up to date.
            await StoreSetup.OpenAsync(data, cancellationToken);
            await output.WriteLineAsync("Brought the store's schema up to date.");
        }

        foreach (var file in findings.Where(f => f.Action == RepairAction.DeleteFile))
        {
            File.Delete(file.Path!);
            await output.WriteLineAsync($"Deleted {Path.GetFileName(file.Path)}.");
        }

        var damagedRenditions = findings.Where(f => f.Action == RepairAction.DeleteRenditions).Select(f => f.Path!).ToList();
        if (damagedRenditions.Count > 0)
        {
            var deleted = await StoreCheck.DeleteRenditionsAsync(() => Connect(database), damagedRenditions, cancellationToken);
            await output.WriteLineAsync($"Deleted {deleted} damaged rendition(s); each is made again when next asked for.");
        }

        if (findings.Any(f => f.Action == RepairAction.DeleteOrphanBlobs))
        {
            var deleted = await StoreCheck.DeleteOrphanBlobsAsync(() => Connect(database), cancellationToken);
            await output.WriteLineAsync($"Deleted {deleted} orphan media blob(s).");
        }

        await RepairTextsAsync(findings, data, output, cancellationToken);

        // Texts first: their findings name the version by the language as stored.
        if (findings.Any(f => f.Action == RepairAction.RepairLanguage))
        {
            void Report(string line) => output.WriteLine(line);
            await (database.Kind == "postgres"
                ? StoredLanguageTags.RepairPostgresAsync(database.Connection, Report, cancellationToken)
                : StoredLanguageTags.RepairSqliteAsync(database.Connection, Report, cancellationToken));
        }

        // A migrated store is checked again before its index is trusted, so a migration always rebuilds it too; the
        // index names versions by language, so a rewritten tag rebuilds it as well; it holds each document's sections, so a
        // repaired structure does too.
        if (findings.Any(f => f.Action is RepairAction.RebuildIndex or RepairAction.Migrate or RepairAction.DeleteOrphanRows or RepairAction.RepairLanguage or RepairAction.RepairStructure))
        {
            var indexed = await MaintenanceProgress.RebuildIndexAsync(data, output, cancellationToken);
            await output.WriteLineAsync($"Rebuilt the search index: {indexed} published version(s).");
        }
    }
}
