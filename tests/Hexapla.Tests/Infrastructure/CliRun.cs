using Hexapla.Cli;

namespace Hexapla.Tests.Infrastructure;

/// <summary>Runs the command line in this process, as <c>hexapla ARGS</c> would, and keeps what it printed.</summary>
public static class CliRun
{
    /// <summary>The exit code, standard output and standard error of <c>hexapla <paramref name="args"/></c>.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HexaplaCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
