using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hexapla.Content;

namespace Hexapla.Bench.Render;

/// <summary>
/// Markdown rendering time per KB at 10 KB and at 1 MB (the default request limit) for ordinary prose and for the
/// shapes whose cost grew with the square of their length (issue 16). Near-linear rendering keeps the ratio near 1.
/// </summary>
internal static class RenderBenchmark
{
    private static readonly (string Name, string Unit)[] Shapes =
    [
        ("prose (baseline)", "Some *text* with [a link](https://example.org) and `code`, in a sentence of ordinary length.\n\n"),
        ("pipe table rows", "| 2015 | 12 | [report](https://example.org/r) |\n"),
        ("headings", "# h\n"),
        ("unclosed links [a](", "[a]("),
        ("unclosed titles [a](b (", "[a](b ("),
        ("bare addresses www.a.b~", "www.a.b~"),
        ("emphasis ~~a", "~~a "),
    ];

    public static string Run(int small, int large, int runs)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"| Shape | {Size(small)}: ms | µs/KB | {Size(large)}: ms | µs/KB | ratio per KB |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, unit) in Shapes)
        {
            var tSmall = Fastest(Repeat(unit, small), runs);
            var tLarge = Fastest(Repeat(unit, large), Math.Max(1, runs / 3));
            var perKbSmall = tSmall * 1000 / (small / 1024.0);
            var perKbLarge = tLarge * 1000 / (large / 1024.0);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {tSmall:0.00} | {perKbSmall:0} | {tLarge:0.0} | {perKbLarge:0} | {perKbLarge / perKbSmall:0.00} |");
        }

        return report.ToString();
    }

    private static string Size(int chars) => chars >= 1024 * 1024 ? $"{chars / (1024 * 1024)} MB" : $"{chars / 1024} KB";

    // The fastest of several runs, after one to warm up: the run least disturbed by other work on the machine.
    private static double Fastest(string markdown, int runs)
    {
        MarkdownRenderer.ToHtml(markdown);
        var best = double.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var start = Stopwatch.GetTimestamp();
            MarkdownRenderer.ToHtml(markdown);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return best;
    }

    private static string Repeat(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length + unit.Length <= length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }
}
