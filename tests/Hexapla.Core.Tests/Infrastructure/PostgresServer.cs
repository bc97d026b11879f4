using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server for the tests: the one <c>HEXAPLA_TEST_POSTGRES</c> names (a connection string whose user
/// may create databases), else a throwaway cluster started from the installed server binaries
/// (<c>/usr/lib/postgresql/*/bin</c>) in a temp folder on a free 127.0.0.1 port, stopped and deleted when the
/// test process exits. Each caller gets a fresh database of its own.
/// </summary>
internal sealed class PostgresServer
{
    public const string Variable = "HEXAPLA_TEST_POSTGRES";

    private static readonly Lazy<Task<(PostgresServer? Server, string? Missing)>> Shared = new(StartAsync);

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    /// <summary>A connection string whose user may create and drop databases.</summary>
    public string AdminConnectionString => _adminConnectionString;

    /// <summary>The server, or a skip naming what is missing.</summary>
    public static async Task<PostgresServer> GetAsync()
    {
        var (server, missing) = await Shared.Value;
        Skip.If(server is null, missing);
        return server!;
    }

    /// <summary>Creates an empty database with a random name; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "hexapla_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name};");
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing its connections first.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE);");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(PostgresServer?, string?)> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return (new PostgresServer(configured), null);
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            return (null, $"No PostgreSQL server: set {Variable} to a connection string, or install PostgreSQL's server binaries (Debian: postgresql, which has /usr/lib/postgresql/*/bin/initdb and pg_ctl).");
        }

        // initdb refuses to run as root: then the cluster belongs to the postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot && !File.Exists("/usr/sbin/runuser"))
        {
            return (null, "No PostgreSQL server: running as root needs runuser (util-linux) to start one as the postgres user.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "hexapla-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        try
        {
            if (asRoot)
            {
                await RunAsync("/usr/bin/chown", ["postgres", folder], asRoot: false);
            }

            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asRoot);
            var options = string.Create(CultureInfo.InvariantCulture,
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "start"], asRoot);
        }
        catch (InvalidOperationException e)
        {
            return (null, $"No PostgreSQL server: could not start a test cluster with {bin} ({e.Message}).");
        }

        // A watchdog stops the cluster and deletes its folder once this test process is gone, however it ends
        // (the test host can be killed before ProcessExit handlers finish).
        var stop = asRoot ? $"/usr/sbin/runuser -u postgres -- '{bin}/pg_ctl'" : $"'{bin}/pg_ctl'";
        var watchdog = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            ArgumentList =
            {
                "-c",
                string.Create(CultureInfo.InvariantCulture,
                    $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop} -D '{data}' -m immediate -w stop; rm -rf '{folder}'"),
            },
        };
        using (Process.Start(watchdog))
        {
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            MaxPoolSize = 20,
        };
        return (new PostgresServer(admin.ToString()), null);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asRoot)
    {
        var start = new ProcessStartInfo(asRoot ? "/usr/sbin/runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        // pg_ctl start leaves the server holding inherited pipes open: read only until the process itself exits.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {(await error).Trim()}");
        }
    }
}
