using System.CommandLine;

namespace Hexapla.Cli;

/// <summary><c>hexapla export FORMAT ...</c>: the parent of the export verbs, one per format.</summary>
internal static class ExportCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("export", "Export content in translators' and researchers' formats.");
        command.Subcommands.Add(ExportTmxCommand.Build(output, error));
        return command;
    }
}
