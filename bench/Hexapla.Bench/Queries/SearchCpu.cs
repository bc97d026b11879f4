using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hexapla.Bench.Corpus;
using Hexapla.Search;

namespace Hexapla.Bench.Queries;

/// <summary>
/// The CPU cost of a search that no cache has answered, on an existing index: the query mix of the search benchmark,
/// run group by group (kind and language) so that the process's CPU time can be split by kind. Meant for a shared
/// machine, where CPU time means more than wall time.
/// </summary>
/// <remarks>
/// Every query is run once untimed first (so the index's files are in the page cache and the JIT is done), then
/// <c>rounds</c> times. Lucene keeps no cache of results, so a repeated query costs what a new one does.
/// The index is only read: nothing is committed, no writer is opened.
/// </remarks>
internal static class SearchCpu
{
    /// <summary>Runs the mix and returns the Markdown table.</summary>
    /// <param name="indexFolder">The index to search.</param>
    /// <param name="queries">The query mix.</param>
    /// <param name="rounds">How many times each query is timed.</param>
    /// <param name="now">The time searches run at.</param>
    /// <param name="dump">
    /// When given, a file to write every query's results to (total, then each hit's slug, language, title and
    /// snippet), so two builds can be checked to find the same things.
    /// </param>
    public static string Run(string indexFolder, IReadOnlyList<BenchQuery> queries, int rounds, DateTimeOffset now, string? dump = null)
    {
        using var index = LuceneSearchIndex.Open(indexFolder);
        var loadBefore = LoadAverage();
        using (var writer = dump is null ? null : new StreamWriter(dump))
        {
            foreach (var query in queries)
            {
                var results = index.Search(new SearchQuery(query.Text, query.Language, 1, 10), now);
                writer?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{query.Number} {query.Language} {query.Text} => {results.Total}"));
                foreach (var hit in results.Hits)
                {
                    writer?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {hit.Slug} {hit.Language} {hit.PublishedAt:O} [{string.Join(' ', hit.Languages)}] {hit.Title} | {hit.SnippetHtml}"));
                }
            }
        }

        var groups = queries.GroupBy(q => (q.Kind, Language: q.Language.Value)).OrderBy(g => g.Key.Language).ThenBy(g => g.Key.Kind).ToList();
        var rows = new List<(string Kind, string Language, int Count, double CpuMs, Percentiles Latency)>();
        var allLatencies = new List<double>();
        var allCpu = TimeSpan.Zero;
        var allCount = 0;
        foreach (var group in groups)
        {
            var latencies = new List<double>();
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var query in group)
                {
                    var start = Stopwatch.GetTimestamp();
                    Search(index, query, now);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
            allCpu += cpu;
            allCount += latencies.Count;
            allLatencies.AddRange(latencies);
            rows.Add((group.Key.Kind.ToString(), group.Key.Language, latencies.Count, cpu.TotalMilliseconds / latencies.Count, Percentiles.Of(latencies)));
        }

        rows.Add(("all", "both", allCount, allCpu.TotalMilliseconds / allCount, Percentiles.Of(allLatencies)));
        var report = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        report.AppendLine(invariant, $"Index {indexFolder}; {queries.Count} queries x {rounds} rounds; load average before {loadBefore}, after {LoadAverage()}.");
        report.AppendLine();
        report.AppendLine("| Kind | Language | Searches | CPU ms/search | p50 ms | p99 ms | mean ms |");
        report.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            report.AppendLine(invariant, $"| {row.Kind} | {row.Language} | {row.Count} | {row.CpuMs:F2} | {row.Latency.P50:F2} | {row.Latency.P99:F2} | {row.Latency.Mean:F2} |");
        }

        return report.ToString();
    }

    private static int Search(LuceneSearchIndex index, BenchQuery query, DateTimeOffset now) =>
        index.Search(new SearchQuery(query.Text, query.Language, 1, 10), now).Total;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
