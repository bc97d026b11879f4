using System.CommandLine;
using Hexapla.Hosting;
using Hexapla.Interchange;
using Hexapla.Interchange.Sites;
using Hexapla.Languages;
using Hexapla.Storage;
using Spectre.Console;

namespace Hexapla.Cli;

/// <summary><c>hexapla import PATH...</c>: files or folders, in one transaction.</summary>
internal static class ImportCommand
{
    /// <summary>From this many files on, a terminal shows a progress bar.</summary>
    private const int ProgressThreshold = 10;

    public static Command Build(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders (searched recursively for .txt, .md, .markdown; Hugo, Jekyll and Hexo sites by their layout), or XLIFF 2.0 files alone, or TMX files alone.", Arity = ArgumentArity.OneOrMore };
        var lang = new Option<string?>("--lang") { Description = "The language of files that do not state it and cannot be detected (BCP 47, e.g. en-GB)." };
        var title = new Option<string?>("--title") { Description = "The title, for a file that has none (scraped text)." };
        var original = new Option<string?>("--original") { Description = "Which language is the original where the files do not say." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Where a version was changed in Hexapla since its last import, put the file's text in a working copy over it instead of refusing the run." };
        var command = new Command("import", "Import scraped page text, Markdown with front matter, or SLUG.LANG.EXT bundles; .tmx files go into the translation memory.") { paths, lang, title, original, overwrite };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                // Files are taken by what they are: documents, XLIFF, TMX; anything else named is refused with its kind.
                var selection = SiteLayouts.Select(result.GetValue(paths)!);
                if (selection.Refused.Count > 0)
                {
                    return await RefuseAsync(error, new ImportException(selection.Refused));
                }

                var kinds = (selection.Documents.Count > 0 ? 1 : 0) + (selection.Xliff.Count > 0 ? 1 : 0) + (selection.Tmx.Count > 0 ? 1 : 0);
                if (kinds > 1)
                {
                    await error.WriteLineAsync(selection.Xliff.Count > 0
                        ? $"hexapla import: XLIFF files ({string.Join(", ", selection.Xliff)}) are imported on their own; run import again for the other files."
                        : $"hexapla import: TMX files ({string.Join(", ", selection.Tmx)}) go into the translation memory, on their own; run import again for the other files.");
                    return 1;
                }

                if (selection.Tmx.Count > 0)
                {
                    return await ImportTmxCommand.RunAsync(selection.Tmx, result.GetValue(HexaplaCli.Data), output, error, cancellationToken);
                }

                if (selection.Xliff.Count > 0)
                {
                    return await ImportXliff.RunAsync(selection.Xliff, result.GetValue(HexaplaCli.Data), output, error, cancellationToken);
                }

                var limits = ImportLimits.Settings();
                if (ImportLimits.TimeZone() is not { } zone)
                {
                    await error.WriteLineAsync("hexapla import: Hexapla:TimeZone names no known time zone (use an IANA name such as Europe/Moscow).");
                    return 1;
                }

                var options = new ImportOptions
                {
                    Language = ParseTag(result.GetValue(lang), "--lang"),
                    Title = string.IsNullOrWhiteSpace(result.GetValue(title)) ? null : result.GetValue(title)!.Trim(),
                    Original = ParseTag(result.GetValue(original), "--original"),
                    MaxSegmentsPerDocument = limits.SegmentsPerDocument,
                    MaxFileBytes = limits.ImportFileBytes,
                    MaxFileBytesSetting = "Hexapla:Limits:ImportFileBytes",
                    TimeZone = zone,
                    Overwrite = result.GetValue(overwrite),
                };
                var names = selection.Documents;
                if (names.Count == 0)
                {
                    // Never a bare "nothing found" when files were there: say what was left out and why.
                    await error.WriteLineAsync(selection.Skipped.Count == 0
                        ? "hexapla import: the paths given hold no documents (.md, .markdown, .txt files)."
                        : "hexapla import: nothing to import; the paths given hold no documents, and these were skipped:");
                    foreach (var line in SiteLayouts.Describe(selection.Skipped))
                    {
                        await error.WriteLineAsync($"  {line}");
                    }

                    return 1;
                }

                var data = StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data));
                var store = await StoreSetup.OpenAsync(data, cancellationToken);
                using var index = await SearchSetup.OpenInStepAsync(store, data, TimeProvider.System, message => error.WriteLine($"hexapla import: {message}"), cancellationToken);
                var importer = new Importer(store, TimeProvider.System, index);
                var report = await RunWithProgressAsync(importer, names, options, output, cancellationToken);
                await output.WriteLineAsync(
                    $"Imported {names.Count} file(s): documents {report.DocumentsCreated} created, {report.DocumentsUpdated} updated; " +
                    $"versions {report.VersionsCreated} created, {report.VersionsUpdated} updated, {report.VersionsUnchanged} unchanged.");
                if (report.WorkingCopies > 0)
                {
                    await output.WriteLineAsync($"{report.WorkingCopies} version(s) that have been live got a working copy; their live text is unchanged until an editor publishes it.");
                }

                if (report.KeptFromHexapla > 0)
                {
                    await output.WriteLineAsync($"{report.KeptFromHexapla} version(s) changed in Hexapla since their file was imported were kept as they are (their files have not changed).");
                }

                foreach (var layout in selection.Layouts)
                {
                    await output.WriteLineAsync($"Site layout: {layout}.");
                }

                if (selection.Skipped.Count > 0)
                {
                    await output.WriteLineAsync("Skipped:");
                    foreach (var line in SiteLayouts.Describe(selection.Skipped))
                    {
                        await output.WriteLineAsync($"  {line}");
                    }
                }

                return 0;
            }
            catch (ImportException e)
            {
                return await RefuseAsync(error, e);
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla import: {e.Message}");
                return 1;
            }
            catch (Lucene.Net.Store.LockObtainFailedException)
            {
                await error.WriteLineAsync("hexapla import: the search index is busy (another hexapla process is writing it). Try again; anything already stored reaches the index at the next serve or with hexapla reindex.");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Says that nothing was imported and lists every problem, one a line; exit code 1.</summary>
    internal static async Task<int> RefuseAsync(TextWriter error, ImportException refusal)
    {
        var count = refusal.Errors.Count;
        await error.WriteLineAsync($"hexapla import: nothing was imported ({count} problem{(count == 1 ? "" : "s")}):");
        foreach (var problem in refusal.Errors)
        {
            await error.WriteLineAsync($"  {problem}");
        }

        return 1;
    }

    private static LanguageTag? ParseTag(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return LanguageTag.TryParse(value, out var tag, out var error) ? tag : throw new ImportException(option, null, error);
    }

    private static async Task<ImportReport> RunWithProgressAsync(
        Importer importer, IReadOnlyList<SelectedFile> files, ImportOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        // A bar only for a person at a terminal; redirected output stays quiet.
        if (files.Count < ProgressThreshold || Console.IsOutputRedirected || output != Console.Out)
        {
            return await importer.ImportFilesAsync(files, options, cancellationToken: cancellationToken);
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                // Two passes: files grouped into documents (nothing written), then read, checked, stored and indexed.
                var checking = context.AddTask("Grouping files", maxValue: files.Count);
                var storing = context.AddTask("Storing and indexing", autoStart: false, maxValue: 1);
                var progress = new Progress<ImportProgress>(p =>
                {
                    var task = p.Stage == ImportStage.Checking ? checking : storing;
                    if (p.Stage == ImportStage.Storing && !storing.IsStarted)
                    {
                        checking.Value = checking.MaxValue;
                        storing.MaxValue = p.Total;
                        storing.StartTask();
                    }

                    // Reports from parallel workers may arrive out of order.
                    task.Value = Math.Max(task.Value, p.Done);
                });
                var report = await importer.ImportFilesAsync(files, options, progress, cancellationToken);
                checking.Value = checking.MaxValue;
                storing.Value = storing.MaxValue;
                return report;
            });
    }
}
