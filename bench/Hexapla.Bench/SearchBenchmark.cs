using System.Diagnostics;
using Hexapla.Bench.Corpus;
using Hexapla.Bench.Queries;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;

namespace Hexapla.Bench;

/// <summary>What to run: corpus size and seed, which engines, and where files go.</summary>
internal sealed record SearchBenchmarkSettings(
    int Documents, int Seed, bool RunHexapla, bool RunFts5, string WordsFolder, string WorkFolder)
{
    /// <summary>Documents per store transaction, index update and FTS5 transaction.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>The first queries of the mix, run but not counted.</summary>
    public int WarmUp { get; init; } = 100;

    /// <summary>The six-language corpus (<see cref="CorpusGenerator.LoadUn"/>) instead of ru-RU with en-GB.</summary>
    public bool Un { get; init; }
}

/// <summary>One query's time and how many matches its engine reported.</summary>
internal readonly record struct QueryTiming(BenchQuery Query, double Milliseconds, int Total);

/// <summary>What one engine did.</summary>
/// <param name="Engine">Its name in the report.</param>
/// <param name="Versions">Versions indexed.</param>
/// <param name="Index">Time spent in the engine's indexing calls, batches summed.</param>
/// <param name="Import">For Hexapla, the time spent saving to the store (not part of <paramref name="Index"/>).</param>
/// <param name="Generation">Time spent generating the corpus for this engine, outside every timing.</param>
/// <param name="Timings">The timed queries (warm-up excluded).</param>
internal sealed record EngineResult(
    string Engine, long Versions, TimeSpan Index, TimeSpan? Import, TimeSpan Generation, IReadOnlyList<QueryTiming> Timings)
{
    public double VersionsPerSecond => Versions / Index.TotalSeconds;

    public Percentiles Latency { get; } = Percentiles.Of([.. Timings.Select(t => t.Milliseconds)]);
}

/// <summary>The whole run: the corpus, the query mix, and each engine in turn on both.</summary>
internal sealed record SearchBenchmarkResult(
    SearchBenchmarkSettings Settings, TimeSpan WordListLoad, int QueryCount, IReadOnlyList<EngineResult> Engines);

/// <summary>
/// Generates the corpus, feeds it to each engine in batches (timing only the engine's own work, never the
/// generation), then runs the query mix against it: a warm-up, then every other query timed on its own with
/// <see cref="Stopwatch.GetTimestamp"/>.
/// </summary>
internal sealed class SearchBenchmark(SearchBenchmarkSettings settings, Phases phases)
{
    public async Task<SearchBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var corpus = settings.Un ? CorpusGenerator.LoadUn(settings.WordsFolder, settings.Seed) : CorpusGenerator.Load(settings.WordsFolder, settings.Seed);
        var queries = QueryMix.Create(corpus, settings.Documents, settings.Seed);
        var load = Stopwatch.GetElapsedTime(start);

        var engines = new List<EngineResult>();
        if (settings.RunHexapla)
        {
            engines.Add(await RunHexaplaAsync(corpus, queries, cancellationToken));
        }

        if (settings.RunFts5)
        {
            engines.Add(RunFts5(corpus, queries, cancellationToken));
        }

        return new SearchBenchmarkResult(settings, load, queries.Count, engines);
    }

    private async Task<EngineResult> RunHexaplaAsync(CorpusGenerator corpus, IReadOnlyList<BenchQuery> queries, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(settings.WorkFolder, "hexapla");
        var store = await SqliteContentStore.OpenAsync(Path.Combine(folder, SqliteContentStore.FileName), cancellationToken);
        var indexFolder = Directory.CreateDirectory(Path.Combine(folder, "search")).FullName;
        using var index = HexaplaEngine.Open(indexFolder);

        var generation = TimeSpan.Zero;
        var import = TimeSpan.Zero;
        var indexing = TimeSpan.Zero;
        long versions = 0;
        var phase = phases.Start("Hexapla: import and index", settings.Documents);
        foreach (var batch in Batches(corpus, t => generation += t))
        {
            var t0 = Stopwatch.GetTimestamp();
            var saved = await store.SaveDocumentsAsync(batch, cancellationToken);
            var t1 = Stopwatch.GetTimestamp();
            await index.UpdateAsync(saved, CorpusGenerator.Now, cancellationToken: cancellationToken);
            var t2 = Stopwatch.GetTimestamp();
            import += Stopwatch.GetElapsedTime(t0, t1);
            indexing += Stopwatch.GetElapsedTime(t1, t2);
            versions += saved.Sum(d => d.PublishedVersions(CorpusGenerator.Now).Count);
            phase.Advance(batch.Length);
        }

        // The last commit belongs to the indexing time: until then the index is neither durable nor searchable.
        var commitStart = Stopwatch.GetTimestamp();
        index.Commit();
        indexing += Stopwatch.GetElapsedTime(commitStart);

        var timings = Measure("Hexapla: queries", queries, q =>
            index.Search(new SearchQuery(q.Text, q.Language, 1, 10), CorpusGenerator.Now).Total);
        return new EngineResult("Hexapla", versions, indexing, import, generation, timings);
    }

    private EngineResult RunFts5(CorpusGenerator corpus, IReadOnlyList<BenchQuery> queries, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.WorkFolder);
        using var fts5 = Fts5Baseline.Create(Path.Combine(settings.WorkFolder, "fts5.db"));

        var generation = TimeSpan.Zero;
        var indexing = TimeSpan.Zero;
        long versions = 0;
        var phase = phases.Start("FTS5: index", settings.Documents);
        foreach (var batch in Batches(corpus, t => generation += t))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t0 = Stopwatch.GetTimestamp();
            versions += fts5.Insert(batch, CorpusGenerator.Now);
            indexing += Stopwatch.GetElapsedTime(t0);
            phase.Advance(batch.Length);
        }

        var timings = Measure("FTS5: queries", queries, fts5.Search);
        return new EngineResult("SQLite FTS5", versions, indexing, null, generation, timings);
    }

    /// <summary>The corpus in batches, each generated before it is handed out, with the time that took.</summary>
    private IEnumerable<Content.Document[]> Batches(CorpusGenerator corpus, Action<TimeSpan> generated)
    {
        for (var first = 0; first < settings.Documents; first += settings.BatchSize)
        {
            var start = Stopwatch.GetTimestamp();
            var batch = new Content.Document[Math.Min(settings.BatchSize, settings.Documents - first)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = corpus.Generate(first + i);
            }

            generated(Stopwatch.GetElapsedTime(start));
            yield return batch;
        }
    }

    private List<QueryTiming> Measure(string title, IReadOnlyList<BenchQuery> queries, Func<BenchQuery, int> search)
    {
        var phase = phases.Start(title, queries.Count);
        var timings = new List<QueryTiming>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var total = search(queries[i]);
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (i >= settings.WarmUp)
            {
                timings.Add(new QueryTiming(queries[i], elapsed.TotalMilliseconds, total));
            }

            phase.Advance(1);
        }

        return timings;
    }
}
