using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Cli;

/// <summary>
/// <c>hexapla import FILE.xlf...</c>: applies XLIFF 2.0 files through the newsroom as the system user with editor
/// rights (whoever runs the CLI owns the data folder), each as a new draft revision of its translation.
/// </summary>
/// <remarks>Each file is checked and applied on its own: a refused file writes nothing, and the others still apply.</remarks>
internal static class ImportXliff
{
    public static bool IsXliff(string path) =>
        path.EndsWith(".xlf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xliff", StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(IReadOnlyList<string> files, string? dataOption, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var data = StoreSetup.ResolveDataFolder(dataOption);
        IContentStore store;
        try
        {
            store = await StoreSetup.OpenAsync(data, cancellationToken);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"hexapla import: {e.Message}");
            return 1;
        }

        using var index = await SearchSetup.OpenInStepAsync(store, data, TimeProvider.System, message => error.WriteLine($"hexapla import: {message}"), cancellationToken);
        var newsroom = new Newsroom(store, index, TimeProvider.System);
        var system = new User(0, User.System, Role.Editor, [], false, DateTimeOffset.UnixEpoch);
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                XliffDocument parsed;
                await using (var stream = File.OpenRead(file))
                {
                    parsed = XliffReader.Read(stream, file);
                }

                var result = await newsroom.ImportXliffFileAsync(system, parsed, cancellationToken);
                // What was taken and what was left (and why), so the translator knows what to confirm in the tool.
                var left = parsed.Left;
                var documentUnits = parsed.Units.Count(u => !MediaSegments.IsUnitId(u.Id));
                var documentTaken = parsed.Taken.Count(u => !MediaSegments.IsUnitId(u.Id));
                var what = result is { DocumentWritten: true, Version: { } saved }
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"saved the {saved.Language} version of \"{parsed.Slug}\" as draft revision {saved.Latest.Revision}{(saved.Working is null ? "" : " (a working copy; the live text is unchanged)")}: took {documentTaken} of {documentUnits} units")
                    : $"the {parsed.Target} version of \"{parsed.Slug}\" is unchanged (the file took media texts only)";
                var media = parsed.Units.Count - documentUnits == 0 ? ""
                    : string.Create(CultureInfo.InvariantCulture,
                        $"; media texts saved: {result.MediaTaken.Count}{(result.MediaTaken.Count == 0 ? "" : $" ({string.Join(", ", result.MediaTaken)})")}{(result.MediaUnchanged.Count == 0 ? "" : $", already current: {string.Join(", ", result.MediaUnchanged)}")}");
                await output.WriteLineAsync($"{file}: {what}{media}{(left.Count == 0 ? "." : $"; left as they were: {XliffReader.Describe(left)}.")}");
            }
            catch (Media.MediaException e)
            {
                failed++;
                await error.WriteLineAsync($"hexapla import: {file}: {e.Message}");
            }
            catch (ImportException e)
            {
                failed++;
                await error.WriteLineAsync($"hexapla import: {file} was not imported ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}):");
                foreach (var problem in e.Errors)
                {
                    await error.WriteLineAsync($"  {problem}");
                }
            }
            catch (EditorialException e)
            {
                failed++;
                await error.WriteLineAsync($"hexapla import: {file} was not imported: {e.Message}");
            }
            catch (IOException e)
            {
                failed++;
                await error.WriteLineAsync($"hexapla import: {file}: {e.Message}");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
