using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Hexapla.Bench.Soak;

/// <summary>
/// The real <c>hexapla</c> executable as child processes on one data folder: its CLI verbs, and <c>serve</c> on a
/// fixed port of 127.0.0.1 that can be killed (SIGKILL) and started again. Used by the soak bench and, linked into
/// the test project, by the crash and soak tests.
/// </summary>
/// <remarks>
/// <c>dotnet hexapla.dll</c> runs the server in the <c>dotnet</c> process itself (no wrapper with a child), so
/// killing that process kills the server.
/// </remarks>
internal sealed class HexaplaProcess : IAsyncDisposable
{
    private const int LogLines = 200;

    private readonly string _dll;
    private readonly Queue<string> _log = new();
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Process? _server;

    public HexaplaProcess(string dll, string dataFolder)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"No hexapla executable at {dll}; build src/Hexapla first.", dll);
        }

        _dll = dll;
        DataFolder = dataFolder;
        Directory.CreateDirectory(dataFolder);
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort()}"));
    }

    public string DataFolder { get; }

    public Uri BaseAddress { get; }

    /// <summary>The server's process id, while one runs.</summary>
    public int? ServerId => _server is { HasExited: false } server ? server.Id : null;

    /// <summary>How many times a server was started.</summary>
    public int Starts { get; private set; }

    /// <summary>The last lines the servers wrote (standard output and error), for failure messages.</summary>
    public string RecentLog
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Runs a CLI verb to its end; <paramref name="input"/> goes to its standard input.</summary>
    public async Task<(int Exit, string Output, string Error)> RunAsync(string? input, params string[] args)
    {
        using var process = Process.Start(Info([.. args, "--data", DataFolder], redirectInput: true))!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Adds a user with <paramref name="role"/> and returns a new API token of theirs, through the CLI.</summary>
    public async Task<string> CreateTokenAsync(string user, string role)
    {
        var added = await RunAsync("a long enough password for tests", "user", "add", user, "--role", role, "--password-stdin");
        if (added.Exit != 0)
        {
            throw new InvalidOperationException($"hexapla user add failed ({added.Exit}): {added.Error}");
        }

        var created = await RunAsync(null, "token", "create", $"{user}-token", "--user", user);
        if (created.Exit != 0)
        {
            throw new InvalidOperationException($"hexapla token create failed ({created.Exit}): {created.Error}");
        }

        return created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    /// <summary>Starts <c>serve</c> and, unless told not to, waits until <c>/healthz</c> answers 200.</summary>
    /// <exception cref="InvalidOperationException">The server exited or did not answer within <paramref name="timeout"/>.</exception>
    public async Task StartAsync(bool samples, TimeSpan timeout, bool waitUntilHealthy = true)
    {
        if (_server is { HasExited: false })
        {
            throw new InvalidOperationException("A server is running already.");
        }

        _server?.Dispose();
        string[] args = ["serve", "--data", DataFolder, "--urls", BaseAddress.ToString().TrimEnd('/'), .. samples ? Array.Empty<string>() : ["--no-samples"]];
        var server = Process.Start(Info(args, redirectInput: false))!;
        server.OutputDataReceived += (_, e) => Remember(e.Data);
        server.ErrorDataReceived += (_, e) => Remember(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _server = server;
        Starts++;
        if (waitUntilHealthy)
        {
            await WaitUntilHealthyAsync(timeout);
        }
    }

    /// <summary>Waits until the running server's <c>/healthz</c> answers 200.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_server is null || _server.HasExited)
            {
                throw new InvalidOperationException($"hexapla serve exited with {_server?.ExitCode} before it was healthy. Its last output:\n{RecentLog}");
            }

            try
            {
                using var response = await _probe.GetAsync(new Uri(BaseAddress, "/healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer; ask again.
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException($"hexapla serve was not healthy within {timeout.TotalSeconds:N0} s. Its last output:\n{RecentLog}");
    }

    /// <summary>Kills the server with SIGKILL (no shutdown code runs) and waits until it is gone.</summary>
    public void Kill()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    /// <summary>Stops the server as Ctrl+C would (SIGTERM), killing it if it has not stopped within 15 s.</summary>
    public async Task StopAsync()
    {
        if (_server is not { HasExited: false } server)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>The server's resident memory in KiB (VmRSS in /proc/PID/status); null when none runs or on another OS.</summary>
    public long? ResidentKiB()
    {
        if (ServerId is not { } id)
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }

        return null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _server?.Dispose();
        _probe.Dispose();
        return ValueTask.CompletedTask;
    }

    private ProcessStartInfo Info(IEnumerable<string> args, bool redirectInput)
    {
        // The dotnet CLI tells child processes where its host is; a plain `dotnet` from PATH otherwise.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataFolder,
        };
        info.ArgumentList.Add(_dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only the command line decides where the data is and where the server listens.
        info.Environment.Remove("HEXAPLA_DATA");
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("DOTNET_URLS");
        // Each client writes and publishes its own text through one token, as a one-person office does: review by a
        // second person is not what a soak or a crash measures.
        info.Environment["Hexapla__Review__RequireSecondPerson"] = "false";
        return info;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLines)
            {
                _log.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
