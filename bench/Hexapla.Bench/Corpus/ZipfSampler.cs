namespace Hexapla.Bench.Corpus;

/// <summary>
/// Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s, in constant time per draw (Vose's alias
/// method: one table built once, then one uniform slot and one biased coin per draw).
/// </summary>
internal sealed class ZipfSampler
{
    private readonly double[] _threshold;
    private readonly int[] _alias;

    public ZipfSampler(int count, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var weights = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            weights[i] = 1.0 / Math.Pow(i + 1, exponent);
            sum += weights[i];
        }

        // Scale so the mean slot holds exactly 1, then pair each light slot with a heavy one that tops it up.
        _threshold = new double[count];
        _alias = new int[count];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = 0; i < count; i++)
        {
            weights[i] = weights[i] * count / sum;
            (weights[i] < 1.0 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            var light = small.Pop();
            var heavy = large.Pop();
            _threshold[light] = weights[light];
            _alias[light] = heavy;
            weights[heavy] -= 1.0 - weights[light];
            (weights[heavy] < 1.0 ? small : large).Push(heavy);
        }

        // What is left is 1 up to rounding error.
        foreach (var i in small.Concat(large))
        {
            _threshold[i] = 1.0;
            _alias[i] = i;
        }
    }

    /// <summary>How many ranks there are.</summary>
    public int Count => _threshold.Length;

    /// <summary>One rank.</summary>
    public int Next(Random random)
    {
        var slot = random.Next(_threshold.Length);
        return random.NextDouble() < _threshold[slot] ? slot : _alias[slot];
    }
}
