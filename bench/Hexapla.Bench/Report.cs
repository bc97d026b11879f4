using System.Globalization;
using System.Text;
using Hexapla.Bench.Queries;

namespace Hexapla.Bench;

/// <summary>The results as Markdown: the main table, the ratio, then the breakdown by kind of query.</summary>
internal static class Report
{
    public static string ToMarkdown(SearchBenchmarkResult result)
    {
        var s = result.Settings;
        var first = result.Engines.Count > 0 ? result.Engines[0] : null;
        var text = new StringBuilder();
        Line(text, $"## Search: {s.Documents:N0} documents, seed {s.Seed}, {(s.Un ? "six languages (ar, en-GB, es, fr, ru-RU, zh)" : "ru-RU originals with en-GB translations")}");
        text.AppendLine();
        text.AppendLine("| engine | versions | index time | versions/s | p50 ms | p95 ms | p99 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var engine in result.Engines)
        {
            var l = engine.Latency;
            Line(text, $"| {engine.Engine} | {engine.Versions:N0} | {engine.Index.TotalSeconds:N1} s | {engine.VersionsPerSecond:N0} | {l.P50:N2} | {l.P95:N2} | {l.P99:N2} |");
        }

        if (result.Engines.FirstOrDefault(e => e.Engine == "Hexapla") is { } hexapla
            && result.Engines.FirstOrDefault(e => e.Engine != "Hexapla") is { } fts5)
        {
            Line(text, $"| Hexapla / FTS5 | | {hexapla.Index / fts5.Index:N2} | {hexapla.VersionsPerSecond / fts5.VersionsPerSecond:N2} | {hexapla.Latency.P50 / fts5.Latency.P50:N2} | {hexapla.Latency.P95 / fts5.Latency.P95:N2} | {hexapla.Latency.P99 / fts5.Latency.P99:N2} |");
        }

        text.AppendLine();
        var timed = first?.Timings.Count ?? 0;
        Line(text, $"- Queries: {result.QueryCount:N0} in the mix, the first {s.WarmUp} run as warm-up, {timed:N0} timed one by one; each asks for page 1 (10 hits with snippets) and the total.");
        foreach (var engine in result.Engines)
        {
            var import = engine.Import is { } i ? $"; saving to the store took {i.TotalSeconds:N1} s more (not in the index time)" : "";
            Line(text, $"- {engine.Engine}: mean {engine.Latency.Mean:N2} ms, max {engine.Latency.Max:N2} ms{import}.");
        }

        var generation = first?.Generation;
        Line(text, $"- Corpus generation (never inside a timing): {generation?.TotalSeconds ?? 0:N1} s per pass; word lists and query mix ready in {result.WordListLoad.TotalSeconds:N1} s.");
        Line(text, $"- Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
        Line(text, $"- FTS5: tokenizer unicode61 remove_diacritics 2, no stemmer (FTS5 has none for Russian), one table per language, BM25 with title ×10; snippets not HTML-escaped.");
        text.AppendLine();

        text.AppendLine("### By kind of query (p50 / p95 ms; queries that matched nothing)");
        text.AppendLine();
        text.Append("| kind | language | queries |");
        foreach (var engine in result.Engines)
        {
            text.Append(CultureInfo.InvariantCulture, $" {engine.Engine} p50 / p95 | {engine.Engine} no match |");
        }

        text.AppendLine();
        text.Append("|---|---|---:|");
        text.AppendLine(string.Concat(result.Engines.Select(_ => "---:|---:|")));
        var groups = first?.Timings.GroupBy(t => (t.Query.Kind, t.Query.Language.Value)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Value).ToList() ?? [];
        foreach (var group in groups)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Name(group.Key.Kind)} | {group.Key.Value} | {group.Count()} |");
            foreach (var engine in result.Engines)
            {
                var mine = engine.Timings.Where(t => t.Query.Kind == group.Key.Kind && t.Query.Language.Value == group.Key.Value).ToList();
                var p = Percentiles.Of([.. mine.Select(t => t.Milliseconds)]);
                text.Append(CultureInfo.InvariantCulture, $" {p.P50:N2} / {p.P95:N2} | {mine.Count(t => t.Total == 0)} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Every timed query, one line each, for a closer look.</summary>
    public static string ToCsv(EngineResult engine)
    {
        var text = new StringBuilder("number,kind,language,milliseconds,total,query\n");
        foreach (var t in engine.Timings)
        {
            Line(text, $"{t.Query.Number},{Name(t.Query.Kind)},{t.Query.Language},{t.Milliseconds:F3},{t.Total},\"{t.Query.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        }

        return text.ToString();
    }

    private static string Name(QueryKind kind) => kind.ToString().ToLowerInvariant();

    private static void Line(StringBuilder text, FormattableString line) =>
        text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
