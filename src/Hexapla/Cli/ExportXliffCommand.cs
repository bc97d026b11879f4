using System.CommandLine;
using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Cli;

/// <summary>
/// <c>hexapla export xliff --source L --target L [--slug S | --outdated | --missing] --out DIR</c>: one XLIFF 2.0 file per
/// document whose original is in the source language.
/// </summary>
internal static class ExportXliffCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var source = new Option<string>("--source") { Description = "The original language of the documents to export (BCP 47).", Required = true };
        var target = new Option<string>("--target") { Description = "The language to translate into (BCP 47).", Required = true };
        var slug = new Option<string?>("--slug") { Description = "Only this document." };
        var outdated = new Option<bool>("--outdated") { Description = "Only documents whose translation has segments made from an older original text." };
        var missing = new Option<bool>("--missing") { Description = "Only documents with no translation, or with untranslated segments." };
        var folder = new Option<string>("--out") { Description = "The folder to write SLUG.SOURCE-TARGET.xlf files into.", Required = true };
        var command = new Command("xliff", "Export documents as XLIFF 2.0 for CAT tools (OmegaT, Trados, memoQ, Phrase).") { source, target, slug, outdated, missing, folder };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!LanguageTag.TryParse(result.GetValue(source), out var from, out var problem)
                || !LanguageTag.TryParse(result.GetValue(target), out var to, out problem))
            {
                await error.WriteLineAsync($"hexapla export xliff: {problem}");
                return 1;
            }

            if (from == to)
            {
                await error.WriteLineAsync("hexapla export xliff: --source and --target are the same language.");
                return 1;
            }

            var only = result.GetValue(slug);
            if ((only is null ? 0 : 1) + (result.GetValue(outdated) ? 1 : 0) + (result.GetValue(missing) ? 1 : 0) > 1)
            {
                await error.WriteLineAsync("hexapla export xliff: give at most one of --slug, --outdated and --missing.");
                return 1;
            }

            try
            {
                var store = await StoreSetup.OpenAsync(StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data)), cancellationToken);
                var documents = await FindAsync(store, only, cancellationToken);
                if (only is not null && documents.Count == 0)
                {
                    await error.WriteLineAsync($"hexapla export xliff: there is no document \"{only}\".");
                    return 1;
                }

                var chosen = documents
                    .Where(d => d.OriginalLanguage == from && d.Version(from) is not null)
                    .Where(d => !result.GetValue(outdated) || TranslationStatus.Of(d, to) is { State: not null, Outdated.Count: > 0 })
                    .Where(d => !result.GetValue(missing) || TranslationStatus.Of(d, to).Missing.Count > 0)
                    .ToList();
                if (only is not null && chosen.Count == 0)
                {
                    await error.WriteLineAsync($"hexapla export xliff: the original of \"{only}\" is not in {from}.");
                    return 1;
                }

                var directory = Directory.CreateDirectory(result.GetValue(folder)!);
                foreach (var document in chosen)
                {
                    var path = Path.Combine(directory.FullName, XliffWriter.FileName(document, to));
                    // The newest texts: an import checks against the original's newest text and fills the translation's working copy.
                    // The texts of the media the original uses travel as units of their own (none without media: the same bytes as before),
                    // and so do the values of the kind's translatable fields.
                    var newest = document.Newest();
                    var media = await MediaSegments.UsedByAsync(store as IMediaStore, newest, cancellationToken);
                    await File.WriteAllBytesAsync(path, XliffWriter.ToBytes(XliffWriter.Write(newest, to, media, await XliffFieldSource.LoadAsync(store, newest, to, cancellationToken))), cancellationToken);
                }

                await output.WriteLineAsync($"Exported {chosen.Count} document(s) from {from} to {to} as XLIFF 2.0 into {directory.FullName}.");
                return 0;
            }
            catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"hexapla export xliff: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<List<Document>> FindAsync(IContentStore store, string? slug, CancellationToken cancellationToken)
    {
        if (slug is not null)
        {
            return await store.FindDocumentAsync(slug, cancellationToken) is { } one ? [one] : [];
        }

        var slugs = new List<string>();
        for (var offset = 0; ; offset += 200)
        {
            var page = await store.ListDocumentsAsync(new DocumentFilter(Offset: offset, Limit: 200), cancellationToken);
            slugs.AddRange(page.Rows.Select(r => r.Slug));
            if (page.Rows.Count < 200)
            {
                break;
            }
        }

        var found = await store.FindDocumentsAsync(slugs, cancellationToken);
        return [.. slugs.Where(found.ContainsKey).Select(s => found[s])];
    }
}
