using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace Hexapla.Maintenance;

/// <summary>
/// Snapshots of a PostgreSQL store with the server's own tools: <c>pg_dump --format=custom</c>, which reads the whole
/// database in one repeatable-read transaction (consistent while the store keeps serving), and <c>pg_restore</c>.
/// The schema version and generation are read from the dump itself, so they are the snapshot's.
/// </summary>
/// <remarks>
/// The connection string is in the Npgsql form (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>); it is
/// handed to the tools as libpq environment variables, so the password never appears on a command line. The tools
/// must be on the PATH. The store's tables are <c>store_state</c> (the generation) and <c>schema_version</c>.
/// </remarks>
/// <param name="connectionString">The store's connection string.</param>
/// <param name="latestSchemaVersion">The newest PostgreSQL schema version this Hexapla knows.</param>
public sealed class PostgresStoreSnapshots(string connectionString, int latestSchemaVersion) : IStoreSnapshots
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "PGHOST", ["server"] = "PGHOST",
        ["port"] = "PGPORT",
        ["database"] = "PGDATABASE", ["db"] = "PGDATABASE",
        ["username"] = "PGUSER", ["user id"] = "PGUSER", ["userid"] = "PGUSER", ["user"] = "PGUSER", ["user name"] = "PGUSER",
        ["password"] = "PGPASSWORD", ["pwd"] = "PGPASSWORD",
        ["ssl mode"] = "PGSSLMODE", ["sslmode"] = "PGSSLMODE",
    };

    /// <inheritdoc />
    public string Provider => "postgres";

    /// <inheritdoc />
    public string EntryName => "store/hexapla.pgdump";

    /// <inheritdoc />
    public int LatestSchemaVersion => latestSchemaVersion;

    /// <inheritdoc />
    public async Task<StoreSnapshot> TakeAsync(string destinationFile, CancellationToken cancellationToken = default)
    {
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file=" + destinationFile], "Cannot dump the PostgreSQL store", cancellationToken);
        return await ReadSnapshotAsync(destinationFile, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> HoldsDataAsync(CancellationToken cancellationToken = default)
    {
        const string Sql = """
            SELECT string_agg(format('EXISTS (SELECT 1 FROM %I)', c.relname), ' OR ')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname IN ('documents', 'users', 'tm_units', 'glossary', 'media_items');
            """;
        var test = (await RunAsync("psql", ["--no-psqlrc", "--tuples-only", "--no-align", "--command=" + Sql], "Cannot look into the PostgreSQL store", cancellationToken)).Trim();
        if (test.Length == 0)
        {
            return false;
        }

        var holds = await RunAsync("psql", ["--no-psqlrc", "--tuples-only", "--no-align", "--command=SELECT " + test + ";"], "Cannot look into the PostgreSQL store", cancellationToken);
        return holds.Trim() == "t";
    }

    /// <inheritdoc />
    public async Task RestoreAsync(string snapshotFile, CancellationToken cancellationToken = default)
    {
        await RunAsync("pg_restore", ["--list", snapshotFile], "The store in the backup is not a PostgreSQL dump", cancellationToken);
        var database = Settings().TryGetValue("PGDATABASE", out var name) ? name : null;
        string[] arguments = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname=" + (database ?? "postgres"), snapshotFile];
        await RunAsync("pg_restore", arguments, "Cannot restore into the PostgreSQL store (nothing was changed)", cancellationToken);
        File.Delete(snapshotFile);
    }

    private async Task<StoreSnapshot> ReadSnapshotAsync(string dump, CancellationToken cancellationToken)
    {
        var state = CopyRows(await RunAsync("pg_restore", ["--data-only", "--table=store_state", "--file=-", dump], "Cannot read the dump", cancellationToken));
        var versions = CopyRows(await RunAsync("pg_restore", ["--data-only", "--table=schema_version", "--file=-", dump], "Cannot read the dump", cancellationToken));
        var generation = state.Where(r => r.GetValueOrDefault("name") == "generation").Select(r => long.Parse(r["value"], CultureInfo.InvariantCulture)).FirstOrDefault();
        var schema = versions.Select(r => int.Parse(r["version"], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        return new StoreSnapshot(schema, generation);
    }

    /// <summary>The rows of the <c>COPY … FROM stdin</c> blocks of a plain dump, by column name.</summary>
    private static List<Dictionary<string, string>> CopyRows(string script)
    {
        var rows = new List<Dictionary<string, string>>();
        string[]? columns = null;
        foreach (var line in script.Split('\n'))
        {
            if (columns is null)
            {
                if (line.StartsWith("COPY ", StringComparison.Ordinal) && line.IndexOf('(', StringComparison.Ordinal) is > 0 and var open)
                {
                    columns = [.. line[(open + 1)..line.IndexOf(')', StringComparison.Ordinal)].Split(',').Select(c => c.Trim().Trim('"'))];
                }
            }
            else if (line == "\\.")
            {
                columns = null;
            }
            else
            {
                var values = line.Split('\t');
                rows.Add(columns.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
            }
        }

        return rows;
    }

    private Dictionary<string, string> Settings()
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in builder.Keys)
        {
            if (Variables.TryGetValue(key, out var variable) && builder[key]?.ToString() is { Length: > 0 } value)
            {
                settings[variable] = variable == "PGSSLMODE" ? value.ToLowerInvariant() : value;
            }
        }

        return settings;
    }

    private async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, string failure, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in Settings())
        {
            start.Environment[variable] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{failure}: {tool} is not installed or not on the PATH ({e.Message}).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                var message = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {process.ExitCode}";
                throw new BackupException($"{failure}: {tool} says: {message}");
            }

            return await output;
        }
    }
}
