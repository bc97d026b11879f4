using System.Globalization;
using System.Text;

namespace Hexapla.Bench.Soak;

/// <summary>A soak run as Markdown: requests by kind with their statuses and latencies, memory, and the checks.</summary>
internal static class SoakReport
{
    /// <summary>
    /// Memory counts as stable when the mean resident size of the last tenth of the run is within this fraction of
    /// the mean over the middle tenth: the server warms up in the first half, and must not keep growing in the second.
    /// </summary>
    public const double StableGrowth = 0.10;

    /// <summary>The growth of resident memory over the second half of the run (see <see cref="StableGrowth"/>); null for too few samples.</summary>
    public static double? SecondHalfGrowth(SoakResult result)
    {
        var memory = result.Memory;
        if (memory.Count < 10)
        {
            return null;
        }

        var tenth = Math.Max(1, memory.Count / 10);
        var middle = memory.Skip(memory.Count / 2 - tenth / 2).Take(tenth).Average(m => m.KiB);
        var end = memory.TakeLast(tenth).Average(m => m.KiB);
        return (end - middle) / middle;
    }

    /// <summary>The baseline kind a soak kind is compared with: edits of any version with the lone client's edits, reads of shared versions with its reads.</summary>
    private static string BaselineKind(string kind) => kind switch
    {
        "edit shared" or "edit own" => "edit",
        "read API" => "read API (token)",
        _ => kind,
    };

    public static string ToMarkdown(SoakResult result)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var seconds = result.Elapsed.TotalSeconds;
        text.AppendLine(c, $"Soak: {result.Settings.Clients} clients for {seconds:N1} s (seed {result.Settings.Seed}), {result.Samples.Count:N0} requests, {result.Samples.Count / seconds:N0} per second.");
        text.AppendLine(c, $"Baseline (\"alone\"): each kind of request sent by one client, one at a time, {result.Baseline.Count:N0} requests on the same server just before.");
        text.AppendLine();
        text.AppendLine("| kind | requests | statuses | p50 ms | p99 ms | max ms | alone p50 ms | p50 / alone |");
        text.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var kind in result.Samples.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", kind.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => string.Create(c, $"{g.Key}: {g.Count():N0}")));
            var answered = kind.Where(s => s.Status != 0).Select(s => s.Milliseconds).ToList();
            var p = Percentiles.Of(answered);
            var alone = Percentiles.Of([.. result.Baseline.Where(s => s.Kind == BaselineKind(kind.Key)).Select(s => s.Milliseconds)]);
            var ratio = alone.P50 > 0 ? string.Create(c, $"{p.P50 / alone.P50:N1}×") : "";
            var aloneText = alone.P50 > 0 ? alone.P50.ToString("N1", c) : "";
            text.AppendLine(c, $"| {kind.Key} | {kind.Count():N0} | {statuses} | {p.P50:N1} | {p.P99:N1} | {p.Max:N1} | {aloneText} | {ratio} |");
        }

        var all = result.Samples.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => string.Create(c, $"{g.Key}: {g.Count():N0}"));
        text.AppendLine(c, $"| all | {result.Samples.Count:N0} | {string.Join(", ", all)} | {Percentiles.Of([.. result.Samples.Select(s => s.Milliseconds)]).P50:N1} | {Percentiles.Of([.. result.Samples.Select(s => s.Milliseconds)]).P99:N1} | | | |");
        text.AppendLine();

        var edits = result.Accepted.Count(a => a.Kind == "edit");
        var changes = result.Accepted.Count - edits;
        text.AppendLine(c, $"Writes accepted: {edits:N0} edits, {changes:N0} publish/unpublish; refused as stale (409/412): {result.RefusedStale:N0}.");
        if (result.Memory.Count > 0)
        {
            var start = result.Memory[0].KiB / 1024.0;
            var peak = result.Memory.Max(m => m.KiB) / 1024.0;
            var end = result.Memory[^1].KiB / 1024.0;
            var growth = SecondHalfGrowth(result);
            var verdict = growth is { } g
                ? string.Create(c, $"{g:+0.0%;-0.0%} over the second half: {(Math.Abs(g) <= StableGrowth ? "stable" : "NOT stable")}")
                : "too short to judge";
            text.AppendLine(c, $"Server memory (RSS, sampled every second): start {start:N0} MiB, peak {peak:N0} MiB, end {end:N0} MiB; {verdict}.");
            var quarters = Enumerable.Range(0, 5).Select(q => result.Memory[Math.Min(result.Memory.Count - 1, q * (result.Memory.Count - 1) / 4)])
                .Select(m => string.Create(c, $"{m.Seconds:N0} s {m.KiB / 1024.0:N0} MiB"));
            text.AppendLine(c, $"RSS over the run: {string.Join(", ", quarters)}.");
        }

        text.AppendLine();
        text.AppendLine(result.Problems.Count == 0
            ? "Checks: no 5xx; every refused write was 409/412; every accepted edit is in the history with its text (no two with one revision), every accepted publish/unpublish in the audit log. All passed."
            : string.Create(c, $"Checks FAILED, {result.Problems.Count} problem(s):\n- {string.Join("\n- ", result.Problems.Take(30))}"));
        return text.ToString();
    }
}
