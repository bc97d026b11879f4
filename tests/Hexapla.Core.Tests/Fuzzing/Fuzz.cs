using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;

namespace Hexapla.Tests.Fuzzing;

/// <summary>
/// What every parser fuzz test shares: how many cases to run, the "result or documented error" property, a hard
/// per-case time limit (a hang fails the test instead of stalling the run) and the check that time grows no faster
/// than the input.
/// </summary>
/// <remarks>
/// The number of cases is small by default so <c>dotnet test</c> stays quick; set <c>HEXAPLA_FUZZ_ITER</c> (say
/// 100000) for a long session. A failure prints CsCheck's seed; <c>CsCheck_Seed=…</c> replays it.
/// </remarks>
internal static class Fuzz
{
    /// <summary>Cases per property: <c>HEXAPLA_FUZZ_ITER</c>, else <paramref name="quick"/>.</summary>
    public static long Iterations(long quick = 500) =>
        long.TryParse(Environment.GetEnvironmentVariable("HEXAPLA_FUZZ_ITER"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : quick;

    /// <summary>The longest one case may take before it counts as a hang. Far above any real parse of fuzz input.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <paramref name="property"/> on generated cases. Each case must return, or throw
    /// <typeparamref name="TDocumented"/> with a message; any other exception, an empty message or a hang fails.
    /// </summary>
    public static void ResultOrError<T, TDocumented>(Gen<T> gen, Action<T> property, long? iterations = null)
        where TDocumented : Exception =>
        gen.Sample(
            value => Within(CaseTimeout, () =>
            {
                try
                {
                    property(value);
                }
                catch (TDocumented e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{typeof(TDocumented).Name} without a message");
                }
            }),
            iter: iterations ?? Iterations(),
            threads: 1);

    /// <summary>Runs <paramref name="property"/> on generated cases; it must not throw at all, nor hang.</summary>
    public static void NeverThrows<T>(Gen<T> gen, Action<T> property, long? iterations = null) =>
        gen.Sample(value => Within(CaseTimeout, () => property(value)), iter: iterations ?? Iterations(), threads: 1);

    /// <summary>Runs <paramref name="action"/> and fails if it takes longer than <paramref name="limit"/>.</summary>
    public static void Within(TimeSpan limit, Action action)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!task.Wait(limit))
            {
                Assert.Fail($"the parser did not finish within {limit.TotalSeconds:0} s: a hang");
            }
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // The parser's own exception, with its stack, as if it had been called directly.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
        }
    }

    /// <summary>
    /// Fails when the parser's work grows much faster than its input: parses <paramref name="make"/>(n) and
    /// <paramref name="make"/>(16n) and compares the bytes allocated (deterministic: a parser that copies the rest of
    /// its input at every step shows at once) and the fastest of several timed runs (the run least disturbed by other
    /// work on the machine). Linear work gives ratios near 16, quadratic near 256; the bounds are 64 for bytes and 128
    /// for time (time also grows with cache misses on large inputs and with other builds on the machine). A time ratio over
    /// the bound is measured again, up to three times, before it fails: a machine busy with other builds can slow one
    /// measurement, not three in a row.
    /// </summary>
    public static void GrowsLinearly(Func<int, string> make, Action<string> parse, int n, string what)
    {
        const int factor = 16;
        const double allocationBound = 64;
        const double bound = 128;
        var small = make(n);
        var large = make(n * factor);
        Guard(parse, small);
        var allocated = (double)Allocated(parse, large) / Math.Max(Allocated(parse, small), 1);
        Assert.True(allocated < allocationBound,
            string.Create(CultureInfo.InvariantCulture,
                $"{what}: ×{allocated:0.0} bytes allocated for ×{factor} input ({small.Length} → {large.Length} chars); the bound is ×{allocationBound}"));

        var message = "";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var tSmall = Fastest(parse, small, 5);
            var tLarge = Fastest(parse, large, 3);

            // A small input parsed too fast to time well still bounds the large one by its floor.
            var ratio = tLarge / Math.Max(tSmall, 0.5);
            if (ratio < bound)
            {
                return;
            }

            message = string.Create(CultureInfo.InvariantCulture,
                $"{what}: {small.Length} chars took {tSmall:0.00} ms, {large.Length} chars took {tLarge:0.00} ms (×{ratio:0.0} for ×{factor} input; the bound is ×{bound})");
        }

        Assert.Fail(message);
    }

    private static void Guard(Action<string> parse, string input)
    {
        try
        {
            parse(input);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // Errors are fine for timing: a refused input must be refused quickly too.
        }
    }

    private static long Allocated(Action<string> parse, string input)
    {
        var bytes = 0L;
        Within(CaseTimeout, () =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Guard(parse, input);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        return bytes;
    }

    private static double Fastest(Action<string> parse, string input, int runs)
    {
        var best = double.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            Within(CaseTimeout, () => Guard(parse, input));
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    /// <summary>
    /// Text made of pieces: mostly <paramref name="tokens"/> (the syntax the parser cares about), some random
    /// characters from anywhere in the BMP, some from <paramref name="alphabet"/>.
    /// </summary>
    public static Gen<string> Soup(string[] tokens, string alphabet, int maxPieces = 40) =>
        Gen.Frequency(
                (6, Gen.OneOf(tokens)),
                (2, Gen.String[Gen.Char[alphabet], 1, 8]),
                (1, Gen.String[0, 4]))
            .Array[0, maxPieces]
            .Select(pieces => string.Concat(pieces));

    /// <summary><paramref name="text"/> repeated to about <paramref name="length"/> characters.</summary>
    public static string Repeat(string text, int length)
    {
        var builder = new StringBuilder(length + text.Length);
        while (builder.Length < length)
        {
            builder.Append(text);
        }

        return builder.ToString();
    }

    /// <summary><paramref name="open"/> <paramref name="depth"/> times, then <paramref name="middle"/>, then <paramref name="close"/> as many times.</summary>
    public static string Nest(string open, string middle, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + middle + string.Concat(Enumerable.Repeat(close, depth));
}
