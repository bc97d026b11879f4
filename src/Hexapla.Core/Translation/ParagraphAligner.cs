namespace Hexapla.Translation;

/// <summary>One bead of an alignment: indexes of the left and right units that translate each other.</summary>
/// <param name="Left">Indexes into the left list, in order; empty when the right units have no counterpart.</param>
/// <param name="Right">Indexes into the right list, in order; empty when the left units have no counterpart.</param>
public sealed record AlignedBead(IReadOnlyList<int> Left, IReadOnlyList<int> Right);

/// <summary>
/// Aligns two lists of paragraphs (or sentences) by their lengths alone, in the spirit of Gale and Church (1993):
/// a dynamic programme over beads of 1–1, 1–0, 0–1, 2–1 and 1–2 units, each scored by how unlikely its length
/// ratio is and by how rare that kind of bead is.
/// </summary>
/// <remarks>
/// The expected ratio of right to left length is taken from the two totals, so languages that write longer or
/// shorter (Russian against English) align as well as equal ones. Empty inputs give an empty alignment; one empty
/// side gives one 1–0 (or 0–1) bead per unit. Every unit appears in exactly one bead, in order.
/// </remarks>
public static class ParagraphAligner
{
    // Variance per unit of length of the length difference, as Gale and Church measured it.
    private const double Variance = 6.8;

    // -log of each bead kind's prior probability.
    private static readonly double OneOne = -Math.Log(0.89);
    private static readonly double OneZero = -Math.Log(0.0099 / 2);
    private static readonly double TwoOne = -Math.Log(0.089 / 2);

    /// <summary>The beads aligning units with lengths <paramref name="left"/> to units with lengths <paramref name="right"/>.</summary>
    /// <param name="left">Lengths (characters, say) of the left units; negative lengths count as 0.</param>
    /// <param name="right">Lengths of the right units.</param>
    public static IReadOnlyList<AlignedBead> Align(IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        int n = left.Count, m = right.Count;
        var totalLeft = left.Sum(l => (double)Math.Max(0, l));
        var totalRight = right.Sum(r => (double)Math.Max(0, r));
        var ratio = totalLeft > 0 && totalRight > 0 ? totalRight / totalLeft : 1;

        var cost = new double[n + 1, m + 1];
        var step = new (int L, int R)[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= m; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }

                cost[i, j] = double.PositiveInfinity;
                foreach (var (di, dj, prior) in Moves())
                {
                    if (i < di || j < dj)
                    {
                        continue;
                    }

                    var l = Sum(left, i - di, di);
                    var r = Sum(right, j - dj, dj);
                    var candidate = cost[i - di, j - dj] + prior + Mismatch(l, r, ratio);
                    if (candidate < cost[i, j])
                    {
                        cost[i, j] = candidate;
                        step[i, j] = (di, dj);
                    }
                }
            }
        }

        var beads = new List<AlignedBead>();
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            var (di, dj) = step[i, j];
            beads.Add(new AlignedBead([.. Enumerable.Range(i - di, di)], [.. Enumerable.Range(j - dj, dj)]));
            i -= di;
            j -= dj;
        }

        beads.Reverse();
        return beads;
    }

    private static IEnumerable<(int, int, double)> Moves()
    {
        yield return (1, 1, OneOne);
        yield return (1, 0, OneZero);
        yield return (0, 1, OneZero);
        yield return (2, 1, TwoOne);
        yield return (1, 2, TwoOne);
    }

    private static double Sum(IReadOnlyList<int> lengths, int start, int count)
    {
        double total = 0;
        for (var k = start; k < start + count; k++)
        {
            total += Math.Max(0, lengths[k]);
        }

        return total;
    }

    /// <summary>-log of the probability of a length difference at least this large.</summary>
    private static double Mismatch(double left, double right, double ratio)
    {
        var mean = (left + (right / ratio)) / 2;
        if (mean <= 0)
        {
            return 0;
        }

        var delta = Math.Abs((right - (left * ratio)) / Math.Sqrt(mean * Variance));
        var probability = Math.Max(1e-12, 2 * (1 - NormalCdf(delta)));
        return -Math.Log(probability);
    }

    private static double NormalCdf(double x)
    {
        // Abramowitz and Stegun 7.1.26, good to 1.5e-7: plenty for ranking beads.
        var z = x / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * Math.Abs(z)));
        var erf = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
        return 0.5 * (1 + (z >= 0 ? erf : -erf));
    }
}
