using System.CommandLine;
using System.CommandLine.Invocation;

namespace Hexapla.Cli;

/// <summary>The command line: <c>hexapla VERB [options]</c>. Each verb lives in its own file.</summary>
internal static class HexaplaCli
{
    /// <summary><c>--data DIR</c>, taken by every verb.</summary>
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "The data folder (default: $HEXAPLA_DATA, else ./hexapla-data).",
        Recursive = true,
    };

    /// <summary><c>--database sqlite|postgres</c>, taken by every verb.</summary>
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "The store: sqlite (default, in the data folder) or postgres (default: $HEXAPLA_DATABASE).",
        Recursive = true,
    };

    /// <summary><c>--connection CONN</c>, taken by every verb.</summary>
    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "PostgreSQL: \"Host=…;Database=…;Username=…\"; SQLite: the database file (default: $HEXAPLA_CONNECTION).",
        Recursive = true,
    };

    public static RootCommand Build(TextReader input, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Hexapla: publish documents in several languages, one identity per document.");
        root.Options.Add(Data);
        root.Options.Add(Database);
        root.Options.Add(Connection);
        root.Subcommands.Add(ServeCommand.Build(output, error));
        root.Subcommands.Add(ImportCommand.Build(output, error));
        root.Subcommands.Add(ReindexCommand.Build(output, error));
        root.Subcommands.Add(UserCommand.Build(input, output, error));
        root.Subcommands.Add(TokenCommand.Build(output, error));
        root.Subcommands.Add(ExportCommand.Build(output, error));
        root.Subcommands.Add(GlossaryCommand.Build(output, error));
        root.Subcommands.Add(BackupCommand.Build(output, error));
        root.Subcommands.Add(RestoreCommand.Build(output, error));
        root.Subcommands.Add(CheckCommand.Build(output, error));
        root.Subcommands.Add(SectionsCommand.Build(output, error));
        root.Subcommands.Add(MigrateStoreCommand.Build(output, error));
        // --version also names the language subtag registry every language tag is checked against.
        if (root.Options.OfType<VersionOption>().FirstOrDefault() is { } version)
        {
            version.Action = new PrintVersion(output);
        }

        return root;
    }

    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output (default: the console).</param>
    /// <param name="error">Standard error (default: the console).</param>
    /// <param name="input">Standard input, read by <c>--password-stdin</c> (default: the console). Anything but the console counts as not a terminal.</param>
    /// <param name="cancellationToken">Stops the verb.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, TextReader? input = null, CancellationToken cancellationToken = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        input ??= Console.In;
        var root = Build(input, output, error);
        var parsed = root.Parse(args);
        // The store every verb opens; async, so the choice stays with this run and not its caller.
        Hosting.StoreSetup.UseOptions(parsed.GetValue(Database), parsed.GetValue(Connection));
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private sealed class PrintVersion(TextWriter output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var assembly = typeof(HexaplaCli).Assembly;
            var informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            output.WriteLine(informational);
            output.WriteLine($"Language subtag registry: File-Date {Languages.LanguageRegistry.Default.FileDate}");
            return 0;
        }
    }
}
