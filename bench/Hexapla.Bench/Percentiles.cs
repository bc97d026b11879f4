namespace Hexapla.Bench;

/// <summary>Latency percentiles by the nearest-rank method (no interpolation), in milliseconds.</summary>
internal readonly record struct Percentiles(double P50, double P95, double P99, double Mean, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return default;
        }

        var sorted = milliseconds.Order().ToArray();
        return new Percentiles(Rank(sorted, 50), Rank(sorted, 95), Rank(sorted, 99), sorted.Average(), sorted[^1]);
    }

    private static double Rank(double[] sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
