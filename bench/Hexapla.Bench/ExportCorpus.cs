using System.CommandLine;
using System.Globalization;
using System.Text;
using Hexapla.Bench.Corpus;
using Hexapla.Content;
using Hexapla.Storage.Sqlite;
using Spectre.Console;

namespace Hexapla.Bench;

/// <summary>
/// <c>export-corpus</c>: the same bilingual corpus twice, for <c>bench/export-vs-hugo.sh</c>: a Hexapla store ready for
/// <c>hexapla export site</c> (<c>OUT/hexapla-data</c>) and a Hugo content tree (<c>OUT/hugo/content/SLUG.en.md</c> and
/// <c>SLUG.ru.md</c>) with the same titles, bodies, dates and slugs.
/// </summary>
internal static class ExportCorpus
{
    private const int Batch = 1_000;

    /// <summary>Hugo's language keys for the corpus's two languages (the file name suffix and the URL prefix).</summary>
    public static string HugoKey(Hexapla.Languages.LanguageTag language) => language == CorpusGenerator.English ? "en" : "ru";

    public static Command Build(Option<int> docs, Option<int> seed, Option<string?> words)
    {
        var output = new Option<string>("--out") { Description = "Folder for hexapla-data/ and hugo/content/ (emptied first).", DefaultValueFactory = _ => "export-corpus" };
        var command = new Command("export-corpus", "Write N documents as a Hexapla store and as a Hugo content tree, for the export benchmark.") { docs, seed, words, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (WordLists.Find(parsed.GetValue(words)) is not { } folder)
            {
                await Console.Error.WriteLineAsync("hexapla-bench: no word lists; run bench/prepare-wordlists.sh first (or pass --words DIR).");
                return 2;
            }

            var count = Math.Max(1, parsed.GetValue(docs));
            var outFolder = Path.GetFullPath(parsed.GetValue(output)!);
            if (Directory.Exists(outFolder))
            {
                Directory.Delete(outFolder, recursive: true);
            }

            var corpus = CorpusGenerator.Load(folder, parsed.GetValue(seed));
            if (Phases.Interactive)
            {
                await AnsiConsole.Progress().AutoClear(true).StartAsync(context => WriteAsync(corpus, count, outFolder, new Phases(context), cancellationToken));
            }
            else
            {
                await WriteAsync(corpus, count, outFolder, Phases.Quiet, cancellationToken);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} documents × 2 languages written to {outFolder}/hexapla-data and {outFolder}/hugo/content."));
            return 0;
        });
        return command;
    }

    private static async Task WriteAsync(CorpusGenerator corpus, int count, string outFolder, Phases phases, CancellationToken cancellationToken)
    {
        var data = Directory.CreateDirectory(Path.Combine(outFolder, "hexapla-data")).FullName;
        var content = Directory.CreateDirectory(Path.Combine(outFolder, "hugo", "content")).FullName;
        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName), cancellationToken);
        var phase = phases.Start("Writing the store and the Hugo content", count);
        var batch = new List<Document>(Batch);
        foreach (var document in corpus.Documents(count))
        {
            foreach (var version in document.Versions)
            {
                await File.WriteAllTextAsync(Path.Combine(content, $"{document.Slug}.{HugoKey(version.Language)}.md"), HugoPage(document, version), cancellationToken);
            }

            batch.Add(document);
            if (batch.Count == Batch)
            {
                await store.SaveDocumentsAsync(batch, cancellationToken);
                phase.Advance(batch.Count);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await store.SaveDocumentsAsync(batch, cancellationToken);
            phase.Advance(batch.Count);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>A Hugo page: YAML front matter (title, date, slug), then the version's Markdown body.</summary>
    private static string HugoPage(Document document, LanguageVersion version)
    {
        var date = (version.PublishedAt ?? document.CreatedAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var page = new StringBuilder(version.Body.Length + 200);
        page.Append("---\n")
            .Append("title: \"").Append(version.Title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n")
            .Append("date: ").Append(date).Append('\n')
            .Append("slug: ").Append(document.Slug).Append('\n')
            .Append("---\n\n")
            .Append(version.Body).Append('\n');
        return page.ToString();
    }
}
