using System.CommandLine;

namespace Hexapla.Cli;

/// <summary><c>hexapla export FORMAT ...</c>: the parent of the export verbs; each format registers itself in <see cref="Formats"/>.</summary>
internal static class ExportCommand
{
    /// <summary>The export formats, one builder each (<c>export xliff</c>, <c>export tmx</c>…).</summary>
    private static readonly List<Func<TextWriter, TextWriter, Command>> Formats =
    [
        ExportXliffCommand.Build,
        ExportTmxCommand.Build,
        ExportSiteCommand.Build,
    ];

    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("export", "Export content in translators' and researchers' formats, or the public site as static files.");
        foreach (var format in Formats)
        {
            command.Subcommands.Add(format(output, error));
        }

        return command;
    }
}
