using Spectre.Console;

namespace Hexapla.Bench;

/// <summary>Progress of the benchmark's phases: bars on a terminal, nothing when output is redirected.</summary>
internal sealed class Phases(ProgressContext? context)
{
    /// <summary>True when stdout is a terminal that can draw progress bars.</summary>
    public static bool Interactive =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>No bars.</summary>
    public static Phases Quiet { get; } = new(null);

    public Phase Start(string description, double total) =>
        new(context?.AddTask(Markup.Escape(description), maxValue: total));

    /// <summary>One bar.</summary>
    public sealed class Phase(ProgressTask? task)
    {
        public void Advance(double amount) => task?.Increment(amount);
    }
}
