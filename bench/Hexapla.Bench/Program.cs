using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hexapla.Bench;
using Hexapla.Bench.Corpus;
using Spectre.Console;

// hexapla-bench: `search` measures Hexapla's search index against SQLite FTS5; `generate` times the corpus alone;
// `corpus` and `plain` serve bench/load.sh.
// `export-corpus` writes the corpus for the static export benchmark; `corpus-files` and `import-baseline` serve bench/import.sh.
// `render` times Markdown rendering per KB at two sizes.
var docs = new Option<int>("--docs") { Description = "Documents in the corpus (two versions each).", DefaultValueFactory = _ => 2_000 };
var seed = new Option<int>("--seed") { Description = "Seed of the corpus and the query mix.", DefaultValueFactory = _ => 42 };
var words = new Option<string?>("--words") { Description = "Folder with en.txt and ru.txt (default: bench/.cache, made by bench/prepare-wordlists.sh)." };

// search: the benchmark of issue 3.
var output = new Option<string>("--out") { Description = "Folder for results.md and the per-query CSV files.", DefaultValueFactory = _ => "bench-results" };
var engine = new Option<string>("--engine") { Description = "both, hexapla or fts5.", DefaultValueFactory = _ => "both" };
engine.AcceptOnlyFromAmong("both", "hexapla", "fts5");
var keep = new Option<bool>("--keep") { Description = "Keep the databases and index (in OUT/work) after the run." };
var languages = new Option<string>("--languages")
{
    Description = "en-ru: ru-RU originals with en-GB translations (issue 3's corpus); un: originals in ar, en-GB, es, fr, ru-RU and zh in turn, each with a translation in another of them (issue 18; needs prepare-wordlists.sh --un).",
    DefaultValueFactory = _ => "en-ru",
};
languages.AcceptOnlyFromAmong("en-ru", "un");
var search = new Command("search", "Index N documents with each engine, then time a fixed mix of queries.") { docs, seed, words, output, engine, keep, languages };
search.SetAction(async (parsed, cancellationToken) =>
{
    var which = parsed.GetValue(engine)!;
    var un = parsed.GetValue(languages) == "un";
    if (WordLists.Find(parsed.GetValue(words), un) is not { } folder)
    {
        await Console.Error.WriteLineAsync(un
            ? "hexapla-bench: no six-language word lists (ar, en, es, fr, ru, zh); run bench/prepare-wordlists.sh --un first (or pass --words DIR)."
            : "hexapla-bench: no word lists; run bench/prepare-wordlists.sh first (or pass --words DIR).");
        return 2;
    }

    var outFolder = Path.GetFullPath(parsed.GetValue(output)!);
    var work = Path.Combine(outFolder, "work");
    if (Directory.Exists(work))
    {
        Directory.Delete(work, recursive: true);
    }

    var settings = new SearchBenchmarkSettings(
        Math.Max(1, parsed.GetValue(docs)), parsed.GetValue(seed), which != "fts5", which != "hexapla", folder, work) { Un = un };
    var result = Phases.Interactive
        ? await AnsiConsole.Progress().AutoClear(true).StartAsync(context => new SearchBenchmark(settings, new Phases(context)).RunAsync(cancellationToken))
        : await new SearchBenchmark(settings, Phases.Quiet).RunAsync(cancellationToken);

    var markdown = Report.ToMarkdown(result);
    Directory.CreateDirectory(outFolder);
    await File.WriteAllTextAsync(Path.Combine(outFolder, "results.md"), markdown, cancellationToken);
    foreach (var engineResult in result.Engines)
    {
        var name = engineResult.Engine.Replace(' ', '-').ToLowerInvariant();
        await File.WriteAllTextAsync(Path.Combine(outFolder, $"queries-{name}.csv"), Report.ToCsv(engineResult), cancellationToken);
    }

    if (!parsed.GetValue(keep))
    {
        Directory.Delete(work, recursive: true);
    }

    Console.Write(markdown);
    return 0;
});

// generate: how long the corpus takes to make, and what it holds.
var generate = new Command("generate", "Generate N documents without storing them, and report the time and size.") { docs, seed, words };
generate.SetAction(async (parsed, cancellationToken) =>
{
    if (WordLists.Find(parsed.GetValue(words)) is not { } folder)
    {
        await Console.Error.WriteLineAsync("hexapla-bench: no word lists; run bench/prepare-wordlists.sh first (or pass --words DIR).");
        return 2;
    }

    var start = Stopwatch.GetTimestamp();
    var corpus = CorpusGenerator.Load(folder, parsed.GetValue(seed));
    var load = Stopwatch.GetElapsedTime(start);
    start = Stopwatch.GetTimestamp();
    long versions = 0, wordCount = 0, characters = 0;
    foreach (var document in corpus.Documents(Math.Max(1, parsed.GetValue(docs))))
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var version in document.Versions)
        {
            versions++;
            characters += version.Body.Length + version.Title.Length;
            wordCount += version.Body.AsSpan().Count(' ') + version.Body.AsSpan().Count('\n') / 2 + 1;
        }
    }

    var elapsed = Stopwatch.GetElapsedTime(start);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{parsed.GetValue(docs):N0} documents, {versions:N0} versions, {wordCount:N0} words, {characters:N0} characters: generated in {elapsed.TotalSeconds:N1} s (word lists loaded in {load.TotalSeconds:N1} s)."));
    return 0;
});

// store: the PostgreSQL store against SQLite (issue 6), on empty databases named by --postgres and --postgres-copy.
var postgres = new Option<string>("--postgres") { Description = "Connection string of an empty PostgreSQL database.", Required = true };
var postgresCopy = new Option<string>("--postgres-copy") { Description = "A second empty database, the target of the copy.", Required = true };
var store = new Command("store", "Time store operations on SQLite (baseline) and PostgreSQL.") { docs, postgres, postgresCopy };
store.SetAction(async (parsed, cancellationToken) =>
{
    var work = Path.Combine(Path.GetTempPath(), "hexapla-bench-store-" + Guid.NewGuid().ToString("N"));
    try
    {
        Console.Write(await Hexapla.Bench.Store.StoreBenchmark.RunAsync(
            Math.Max(1, parsed.GetValue(docs)), parsed.GetValue(postgres)!, parsed.GetValue(postgresCopy)!, work, cancellationToken));
        return 0;
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
    }
});

// soak: issue 7's soak, many clients on a real Release server for a while, then the checks.
var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 16 };
var seconds = new Option<int>("--seconds") { Description = "How long the clients run.", DefaultValueFactory = _ => 60 };
var hexapla = new Option<string>("--hexapla") { Description = "The hexapla.dll to run.", DefaultValueFactory = _ => "src/Hexapla/bin/Release/net10.0/hexapla.dll" };
var keepData = new Option<bool>("--keep-data") { Description = "Keep the server's data folder (in the temp folder) after the run." };
var soak = new Command("soak", "Run N clients (readers, searchers, editors, publishers) against hexapla serve; check and report.") { clients, seconds, seed, hexapla, keepData };
soak.SetAction(async (parsed, cancellationToken) =>
{
    var data = Path.Combine(Path.GetTempPath(), "hexapla-soak", Guid.NewGuid().ToString("N"));
    var settings = new Hexapla.Bench.Soak.SoakSettings(Math.Max(1, parsed.GetValue(clients)), TimeSpan.FromSeconds(Math.Max(1, parsed.GetValue(seconds))), parsed.GetValue(seed));
    Hexapla.Bench.Soak.SoakResult result;
    await using (var server = new Hexapla.Bench.Soak.HexaplaProcess(Path.GetFullPath(parsed.GetValue(hexapla)!), data))
    {
        var token = await server.CreateTokenAsync("soak", "editor");
        await server.StartAsync(samples: true, TimeSpan.FromSeconds(60));
        var run = new Hexapla.Bench.Soak.SoakRun(server, token, settings);
        result = Phases.Interactive
            ? await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
            {
                var bar = context.AddTask("Soak", maxValue: settings.Duration.TotalSeconds);
                var running = run.RunAsync();
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(1000, CancellationToken.None));
                    bar.Increment(1);
                }

                return await running;
            })
            : await run.RunAsync();
    }

    if (parsed.GetValue(keepData))
    {
        await Console.Error.WriteLineAsync($"Data kept in {data}");
    }
    else
    {
        Directory.Delete(data, recursive: true);
    }

    Console.Write(Hexapla.Bench.Soak.SoakReport.ToMarkdown(result));
    return result.Problems.Count == 0 ? 0 : 1;
});

// corpus and plain: what bench/load.sh needs (a large data folder to serve; a bare Kestrel server as the ceiling).
var data = new Option<string>("--data") { Description = "The data folder to write (it must not hold a store yet).", Required = true };
var sectionCount = new Option<int>("--sections")
{
    Description = "Put the documents into a tree of this many sections (count ÷ 25 top-level ones, the rest below them; 500 = 20 × 24), " +
        "with the kinds statement and briefing and their field values. 0: no sections.",
    DefaultValueFactory = _ => 0,
};
var corpusCommand = new Command("corpus", "Write N generated documents into a data folder that `hexapla serve --data` can serve.") { docs, seed, words, data, sectionCount };
corpusCommand.SetAction(async (parsed, cancellationToken) =>
{
    if (WordLists.Find(parsed.GetValue(words)) is not { } folder)
    {
        await Console.Error.WriteLineAsync("hexapla-bench: no word lists; run bench/prepare-wordlists.sh first (or pass --words DIR).");
        return 2;
    }

    var target = Path.GetFullPath(parsed.GetValue(data)!);
    if (File.Exists(Path.Combine(target, Hexapla.Storage.Sqlite.SqliteContentStore.FileName)))
    {
        await Console.Error.WriteLineAsync($"hexapla-bench: {target} already holds a store.");
        return 2;
    }

    var generator = CorpusGenerator.Load(folder, parsed.GetValue(seed));
    var count = Math.Max(1, parsed.GetValue(docs));
    var start = Stopwatch.GetTimestamp();
    if (Phases.Interactive)
    {
        await AnsiConsole.Progress().AutoClear(true).StartAsync(context => LoadSupport.WriteCorpusAsync(generator, count, target, new Phases(context), parsed.GetValue(sectionCount), cancellationToken));
    }
    else
    {
        await LoadSupport.WriteCorpusAsync(generator, count, target, Phases.Quiet, parsed.GetValue(sectionCount), cancellationToken);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} documents written to {target} in {Stopwatch.GetElapsedTime(start).TotalSeconds:N0} s."));
    return 0;
});

var url = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5090" };
var file = new Option<string>("--file") { Description = "The file whose bytes every answer carries.", Required = true };
var plain = new Command("plain", "Serve one file's bytes from bare Kestrel (no middleware): the framework's ceiling.") { url, file };
plain.SetAction(async (parsed, cancellationToken) =>
{
    await LoadSupport.ServeFileAsync(parsed.GetValue(url)!, parsed.GetValue(file)!, cancellationToken);
    return 0;
});

// place: put a document of an existing data folder into a section (made when missing), for bench/load.sh on the samples.
var placeData = new Option<string>("--data") { Description = "The data folder.", Required = true };
var placePath = new Option<string>("--section") { Description = "The section's path, e.g. regions/middle-east.", Required = true };
var placeSlug = new Option<string>("--slug") { Description = "The document's slug.", Required = true };
var placeTitles = new Option<string[]>("--title") { Description = "\"English|Russian\" title of each path segment, in order (missing ones: the segment).", AllowMultipleArgumentsPerToken = false };
var placeCommand = new Command("place", "Put a document into a section, making the sections of its path that are missing.") { placeData, placePath, placeSlug, placeTitles };
placeCommand.SetAction(async (parsed, cancellationToken) =>
{
    var store = await Hexapla.Storage.Sqlite.SqliteContentStore.OpenAsync(
        Path.Combine(Path.GetFullPath(parsed.GetValue(placeData)!), Hexapla.Storage.Sqlite.SqliteContentStore.FileName), cancellationToken);
    Console.WriteLine(await SectionCorpus.PlaceAsync(store, store, parsed.GetValue(placePath)!, parsed.GetValue(placeSlug)!, parsed.GetValue(placeTitles) ?? [], cancellationToken));
    return 0;
});

// export-corpus: the same corpus as a Hexapla store and a Hugo content tree, for bench/export-vs-hugo.sh.
var exportCorpus = ExportCorpus.Build(docs, seed, words);

// corpus-files: the corpus as files for `hexapla import` (bench/import.sh); import-baseline: the SQLite FTS5 baseline.
var filesOut = new Option<string>("--out") { Description = "Folder to write the files into (made when missing).", Required = true };
var corpusFiles = new Command("corpus-files", "Write N documents as SLUG.ru-RU.md and SLUG.en-GB.md files with front matter.") { docs, seed, words, filesOut };
corpusFiles.SetAction(async (parsed, cancellationToken) =>
{
    if (WordLists.Find(parsed.GetValue(words)) is not { } folder)
    {
        await Console.Error.WriteLineAsync("hexapla-bench: no word lists; run bench/prepare-wordlists.sh first (or pass --words DIR).");
        return 2;
    }

    var count = Math.Max(1, parsed.GetValue(docs));
    var target = Path.GetFullPath(parsed.GetValue(filesOut)!);
    var start = Stopwatch.GetTimestamp();
    var corpus = CorpusGenerator.Load(folder, parsed.GetValue(seed));
    var (files, bytes) = Phases.Interactive
        ? await AnsiConsole.Progress().AutoClear(true).StartAsync(context =>
        {
            var phase = new Phases(context).Start("Writing files", count);
            return Task.FromResult(Hexapla.Bench.Import.CorpusFiles.Write(corpus, count, target, n => phase.Advance(n), cancellationToken));
        })
        : Hexapla.Bench.Import.CorpusFiles.Write(corpus, count, target, null, cancellationToken);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{count:N0} documents, {files:N0} files, {bytes / 1e6:N0} MB written to {target} in {Stopwatch.GetElapsedTime(start).TotalSeconds:N1} s."));
    return 0;
});

var baselineIn = new Argument<string>("DIR") { Description = "A folder written by corpus-files." };
var baselineDb = new Option<string>("--db") { Description = "The SQLite file to create (replaced when it exists).", Required = true };
var importBaseline = new Command("import-baseline", "Load the files of DIR into a plain SQLite table and an FTS5 index, in one transaction.") { baselineIn, baselineDb };
importBaseline.SetAction(parsed =>
{
    var start = Stopwatch.GetTimestamp();
    var rows = Hexapla.Bench.Import.ImportBaseline.Run(parsed.GetValue(baselineIn)!, parsed.GetValue(baselineDb)!, null);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows in {Stopwatch.GetElapsedTime(start).TotalSeconds:N1} s."));
    return 0;
});

// search-cpu: CPU time per uncached search on an existing index (the 100,000-document data folder of bench/load.sh).
var indexFolder = new Option<string>("--index") { Description = "The index folder to search (only read).", Required = true };
var rounds = new Option<int>("--rounds") { Description = "Timed runs of the whole mix.", DefaultValueFactory = _ => 3 };
var dump = new Option<string?>("--dump") { Description = "Also write every query's results (hits and snippets) to this file." };
var searchCpu = new Command("search-cpu", "Time the search benchmark's query mix on an existing index: CPU ms and latency per search, by kind.") { indexFolder, docs, seed, words, rounds, dump };
searchCpu.SetAction(async (parsed, cancellationToken) =>
{
    if (WordLists.Find(parsed.GetValue(words)) is not { } folder)
    {
        await Console.Error.WriteLineAsync("hexapla-bench: no word lists; run bench/prepare-wordlists.sh first (or pass --words DIR).");
        return 2;
    }

    var corpus = CorpusGenerator.Load(folder, parsed.GetValue(seed));
    var queries = Hexapla.Bench.Queries.QueryMix.Create(corpus, Math.Max(1, parsed.GetValue(docs)), parsed.GetValue(seed));
    Console.Write(Hexapla.Bench.Queries.SearchCpu.Run(
        Path.GetFullPath(parsed.GetValue(indexFolder)!), queries, Math.Max(1, parsed.GetValue(rounds)), CorpusGenerator.Now, parsed.GetValue(dump)));
    return 0;
});

// memory-lookup: translation memory lookups on an existing store (the data folder bench/import.sh's import leaves).
var dataFolder = new Option<string>("--data") { Description = "The data folder whose store to read.", Required = true };
var lookups = new Option<int>("--lookups") { Description = "Sources to look up.", DefaultValueFactory = _ => 200 };
var baselineLookups = new Option<int>("--baseline-lookups") { Description = "Sources to look up with the old candidate query (seconds each at 100,000 documents).", DefaultValueFactory = _ => 5 };
var memoryLookup = new Command("memory-lookup", "Time exact and near translation memory lookups on an existing store, against the old candidate query.") { dataFolder, lookups, baselineLookups, seed };
memoryLookup.SetAction(async (parsed, cancellationToken) =>
{
    Console.Write(await Hexapla.Bench.Memory.MemoryLookup.RunAsync(
        Path.GetFullPath(parsed.GetValue(dataFolder)!), Math.Max(1, parsed.GetValue(lookups)), Math.Max(1, parsed.GetValue(baselineLookups)), parsed.GetValue(seed), cancellationToken));
    return 0;
});

// render: Markdown rendering time per KB at 10 KB and 1 MB, prose against the shapes that once grew quadratically (issue 16).
var smallKb = new Option<int>("--small-kb") { Description = "The small body, in KB.", DefaultValueFactory = _ => 10 };
var largeKb = new Option<int>("--large-kb") { Description = "The large body, in KB (the request limit is 1024).", DefaultValueFactory = _ => 1024 };
var renderRuns = new Option<int>("--runs") { Description = "Timed runs at the small size (a third as many at the large); the fastest counts.", DefaultValueFactory = _ => 9 };
var render = new Command("render", "Time Markdown rendering per KB of ordinary prose and of pathological shapes, small and large.") { smallKb, largeKb, renderRuns };
render.SetAction(parsed =>
{
    Console.Write(Hexapla.Bench.Render.RenderBenchmark.Run(
        Math.Max(1, parsed.GetValue(smallKb)) * 1024, Math.Max(1, parsed.GetValue(largeKb)) * 1024, Math.Max(1, parsed.GetValue(renderRuns))));
    return 0;
});

// photographs, renditions, media-seed: bench/renditions.sh (issue 20) — photographs made with libvips, Hexapla's
// renditions of them timed against the vips command line, and a data folder serving one rendition under load.
var photoCount = new Option<int>("--count") { Description = "How many photographs.", DefaultValueFactory = _ => 500 };
var photoOut = new Option<string>("--out") { Description = "Folder to write them into.", Required = true };
var photographs = new Command("photographs", "Write N photograph-like JPEGs of mixed sizes (1 to 24 megapixels), made with libvips.") { photoCount, photoOut, seed };
photographs.SetAction(parsed =>
{
    Hexapla.Bench.Media.RenditionBenchmark.Photographs(Path.GetFullPath(parsed.GetValue(photoOut)!), Math.Max(1, parsed.GetValue(photoCount)), parsed.GetValue(seed));
    return 0;
});
var renditionsIn = new Option<string>("--in") { Description = "Folder of JPEGs.", Required = true };
var renditionsOut = new Option<string>("--out") { Description = "Folder for the renditions.", Required = true };
var renditionWidth = new Option<int>("--width") { Description = "Rendition width.", DefaultValueFactory = _ => 1280 };
var renditionParallel = new Option<int>("--parallel") { Description = "Renditions made at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
var renditionsCommand = new Command("renditions", "Make Hexapla's JPEG rendition of every JPEG in a folder (Renditions.Make), and report renditions/s.") { renditionsIn, renditionsOut, renditionWidth, renditionParallel };
renditionsCommand.SetAction(parsed =>
{
    Console.Write(Hexapla.Bench.Media.RenditionBenchmark.Make(
        Path.GetFullPath(parsed.GetValue(renditionsIn)!), Path.GetFullPath(parsed.GetValue(renditionsOut)!), parsed.GetValue(renditionWidth), Math.Max(1, parsed.GetValue(renditionParallel))));
    return 0;
});
var seedImage = new Option<string>("--image") { Description = "The JPEG to store.", Required = true };
var seedData = new Option<string>("--data") { Description = "The data folder (made when missing).", Required = true };
var mediaSeed = new Command("media-seed", "Store a JPEG as a media item used by a published document; print its rendition's address.") { seedImage, seedData, renditionWidth };
mediaSeed.SetAction(async (parsed, cancellationToken) =>
{
    Console.WriteLine(await Hexapla.Bench.Media.RenditionBenchmark.SeedAsync(
        Path.GetFullPath(parsed.GetValue(seedData)!), Path.GetFullPath(parsed.GetValue(seedImage)!), parsed.GetValue(renditionWidth), cancellationToken));
    return 0;
});

var root = new RootCommand("Hexapla benchmarks.") { search, generate, store, soak, corpusCommand, placeCommand, plain, exportCorpus, corpusFiles, importBaseline, searchCpu, memoryLookup, render, photographs, renditionsCommand, mediaSeed };
return await root.Parse(args).InvokeAsync();
