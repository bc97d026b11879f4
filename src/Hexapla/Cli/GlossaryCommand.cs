using System.CommandLine;
using System.Text;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Cli;

/// <summary><c>hexapla glossary import|export</c>: a language pair's glossary as CSV (header <c>term,translation,note</c>).</summary>
internal static class GlossaryCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("glossary", "Import or export a language pair's glossary as CSV.");
        command.Subcommands.Add(Import(output, error));
        command.Subcommands.Add(Export(output, error));
        return command;
    }

    private static Option<string> Language(string name, string description) => new(name) { Description = description, Required = true };

    private static Command Import(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("FILE") { Description = "A UTF-8 CSV file with the header term,translation,note." };
        var source = Language("--source", "The source language, e.g. ru-RU.");
        var target = Language("--target", "The target language, e.g. en-GB.");
        var command = new Command("import", "Add or replace the terms of a CSV file; a bad file is refused whole.") { file, source, target };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            if (await PairAsync(result.GetValue(source), result.GetValue(target), "import", error) is not var (from, to))
            {
                return 2;
            }

            string text;
            try
            {
                if (new FileInfo(path).Length > 16 * 1024 * 1024)
                {
                    await error.WriteLineAsync($"hexapla glossary import: {path} is larger than 16 MiB.");
                    return 1;
                }

                text = await File.ReadAllTextAsync(path, new UTF8Encoding(false, true), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
            {
                await error.WriteLineAsync($"hexapla glossary import: {path}: {(e is DecoderFallbackException ? "not UTF-8 text" : e.Message)}");
                return 1;
            }

            try
            {
                var terms = GlossaryCsv.Parse(text);
                var store = await StoreSetup.OpenAsync(StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data)), cancellationToken);
                await ((IGlossaryStore)store).ImportGlossaryAsync(from, to, terms, cancellationToken);
                await output.WriteLineAsync($"Imported {terms.Count} term(s) into the {from} → {to} glossary.");
                return 0;
            }
            catch (GlossaryCsvException bad)
            {
                await error.WriteLineAsync($"hexapla glossary import: {path}, {bad.Message} Nothing was imported.");
                return 1;
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla glossary import: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Export(TextWriter output, TextWriter error)
    {
        var source = Language("--source", "The source language, e.g. ru-RU.");
        var target = Language("--target", "The target language, e.g. en-GB.");
        var into = new Option<string>("--out") { Description = "The CSV file to write.", Required = true };
        var command = new Command("export", "Write a language pair's glossary as CSV.") { source, target, into };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (await PairAsync(result.GetValue(source), result.GetValue(target), "export", error) is not var (from, to))
            {
                return 2;
            }

            var path = result.GetValue(into)!;
            try
            {
                var store = await StoreSetup.OpenAsync(StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data)), cancellationToken);
                var terms = await ((IGlossaryStore)store).ListGlossaryAsync(from, to, cancellationToken);
                await File.WriteAllTextAsync(path, GlossaryCsv.Write(terms), new UTF8Encoding(false), cancellationToken);
                await output.WriteLineAsync($"Wrote {terms.Count} term(s) of the {from} → {to} glossary to {path}.");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or StoreException)
            {
                await error.WriteLineAsync($"hexapla glossary export: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<(LanguageTag From, LanguageTag To)?> PairAsync(string? source, string? target, string verb, TextWriter error)
    {
        if (!LanguageTag.TryParse(source, out var from, out var sourceError))
        {
            await error.WriteLineAsync($"hexapla glossary {verb}: --source: {sourceError}");
            return null;
        }

        if (!LanguageTag.TryParse(target, out var to, out var targetError))
        {
            await error.WriteLineAsync($"hexapla glossary {verb}: --target: {targetError}");
            return null;
        }

        return (from, to);
    }
}
