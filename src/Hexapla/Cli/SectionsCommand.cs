using System.CommandLine;
using System.Globalization;
using Hexapla.Hosting;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Cli;

/// <summary>
/// <c>hexapla sections</c>: the section tree as the site reads it, one section a line, indented under its parent, with
/// its id, path, titles per language and how many documents sit directly in it (every state: this is the operator's
/// view, not a reader's). Exit 0, or 1 when the store cannot be opened.
/// </summary>
internal static class SectionsCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("sections", "List the section tree: ids, paths, titles per language, and how many documents (in any state) each holds directly.");
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var data = StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data));
                if (await StoreSetup.OpenAsync(data, cancellationToken) is not IStructureStore store)
                {
                    await error.WriteLineAsync("hexapla sections: this store keeps no site structure.");
                    return 1;
                }

                var structure = await store.LoadStructureAsync(cancellationToken);
                var counts = await store.CountDocumentsBySectionAsync(cancellationToken);
                if (structure.Sections.Count == 0)
                {
                    await output.WriteLineAsync("No sections yet: make them in the admin (/admin/sections) or through the API (POST /api/v1/sections).");
                    return 0;
                }

                await WriteAsync(output, structure, counts, null, 0);
                await output.WriteLineAsync($"{structure.Sections.Count} section(s); hexapla check reports sections cut off from the tree.");
                return 0;
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla sections: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, SiteStructure structure, IReadOnlyDictionary<long, long> counts, long? parent, int depth)
    {
        foreach (var section in structure.Children(parent))
        {
            var titles = string.Join(" | ", section.Titles.OrderBy(t => t.Key.Value, StringComparer.Ordinal).Select(t => $"{t.Key.Value}: {t.Value}"));
            var count = counts.GetValueOrDefault(section.Id);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{new string(' ', depth * 2)}{structure.PathOf(section.Id)}  (id {section.Id}, {count} document(s))  {titles}"));
            await WriteAsync(output, structure, counts, section.Id, depth + 1);
        }
    }
}
