using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hexapla.Bench.Memory;

/// <summary>
/// Translation memory lookups on an existing store (the data folder an import of the bench corpus leaves): the two
/// kinds the product makes, timed, with how often the pair looked for was found.
/// </summary>
/// <remarks>
/// <para>
/// <c>exact</c> looks up a stored source as it is, with a minimum similarity of 100 % and one result (what the
/// machine prefill asks for each missing segment). <c>near</c> looks up the same source with its last word dropped,
/// at 70 % and five results; it counts as found when the stored pair is among the results. <c>near, similar
/// documents</c> is the same lookup as a translation's edit page makes it: it also scores the pairs of the 20 documents
/// the search index (DATA/index) finds most like the text, and its time includes that search.
/// </para>
/// <para>
/// The baseline, in the same run, is the candidate query the store used before (every pair within 30 % of the length,
/// ordered by distance in length, the first 500 kept), run on a few of the same sources through SQLite directly.
/// The store is only read.
/// </para>
/// </remarks>
internal static class MemoryLookup
{
    public static async Task<string> RunAsync(string dataFolder, int lookups, int baselineLookups, int seed, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataFolder, "hexapla.db");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no store at {path}");
        }

        var samples = Sample(path, lookups, seed);
        var store = await SqliteContentStore.OpenAsync(path, cancellationToken);
        var pairs = await store.CountAsync(cancellationToken: cancellationToken);

        // One untimed round-trip, so that the JIT and the page cache are not in the first figure.
        await store.FindMatchesAsync(samples[0].SourceLanguage, samples[0].TargetLanguage, samples[0].Source, cancellationToken: cancellationToken);

        using var index = LuceneSearchIndex.Open(Path.Combine(dataFolder, "index"));
        var now = DateTimeOffset.UtcNow;
        var exact = new List<double>();
        var near = new List<double>();
        var similar = new List<double>();
        int exactFound = 0, nearFound = 0, similarFound = 0;
        foreach (var sample in samples)
        {
            var start = Stopwatch.GetTimestamp();
            var found = await store.FindMatchesAsync(sample.SourceLanguage, sample.TargetLanguage, sample.Source, 1.0, 1, cancellationToken);
            exact.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            exactFound += found.Any(m => m.Unit.Target == sample.Target) ? 1 : 0;

            var shortened = WithoutLastWord(sample.Source);
            start = Stopwatch.GetTimestamp();
            found = await store.FindMatchesAsync(sample.SourceLanguage, sample.TargetLanguage, shortened, 0.70, 5, cancellationToken);
            near.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            nearFound += found.Any(m => m.Unit.Source == sample.Source && m.Unit.Target == sample.Target) ? 1 : 0;

            start = Stopwatch.GetTimestamp();
            var documents = index.SimilarDocuments(shortened, sample.SourceLanguage, 20, now);
            found = await store.FindMatchesAsync(sample.SourceLanguage, sample.TargetLanguage, shortened, documents, 0.70, 5, cancellationToken);
            similar.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            similarFound += found.Any(m => m.Unit.Source == sample.Source && m.Unit.Target == sample.Target) ? 1 : 0;
        }

        var baseline = new List<double>();
        int baselineFound = 0;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString()))
        {
            connection.Open();
            foreach (var sample in samples.Take(baselineLookups))
            {
                var start = Stopwatch.GetTimestamp();
                baselineFound += OldCandidates(connection, sample, WithoutLastWord(sample.Source)) ? 1 : 0;
                baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Translation memory lookups: {pairs:N0} pairs in {path}, {samples.Count} sampled sources (seed {seed})");
        text.AppendLine();
        text.AppendLine("| lookup | lookups | p50 ms | p99 ms | max ms | pair found |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        Row(text, "exact (100 %, one result)", exact, exactFound);
        Row(text, "near (last word dropped, 70 %, five results)", near, nearFound);
        Row(text, "near, similar documents (the edit page's lookup)", similar, similarFound);
        Row(text, "baseline: the old candidate query, near", baseline, baselineFound);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"near / baseline at p50: {Percentiles.Of(near).P50 / Percentiles.Of(baseline).P50:0.0000}");
        text.AppendLine(CultureInfo.InvariantCulture, $"near, similar documents / baseline at p50: {Percentiles.Of(similar).P50 / Percentiles.Of(baseline).P50:0.0000}");
        return text.ToString();
    }

    private sealed record Pair(LanguageTag SourceLanguage, LanguageTag TargetLanguage, string Source, string Target);

    /// <summary>Pairs at random ids (the same ones for the same seed and store), skipping one-word sources.</summary>
    private static List<Pair> Sample(string path, int count, int seed)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var range = connection.CreateCommand();
        range.CommandText = "SELECT MIN(id), MAX(id) FROM tm_units;";
        long low, high;
        using (var reader = range.ExecuteReader())
        {
            reader.Read();
            if (reader.IsDBNull(0))
            {
                throw new InvalidOperationException("the store's translation memory is empty");
            }

            (low, high) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var random = new Random(seed);
        var samples = new List<Pair>();
        using var pick = connection.CreateCommand();
        pick.CommandText = "SELECT source_lang, target_lang, source, target FROM tm_units WHERE id >= $id ORDER BY id LIMIT 1;";
        var id = pick.Parameters.Add("$id", SqliteType.Integer);
        for (var attempts = 0; samples.Count < count && attempts < count * 10; attempts++)
        {
            id.Value = random.NextInt64(low, high + 1);
            using var reader = pick.ExecuteReader();
            if (reader.Read() && reader.GetString(2).Contains(' ', StringComparison.Ordinal))
            {
                samples.Add(new Pair(LanguageTag.Parse(reader.GetString(0)), LanguageTag.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3)));
            }
        }

        return samples;
    }

    private static string WithoutLastWord(string source) => source[..source.TrimEnd().LastIndexOf(' ')].TrimEnd();

    /// <summary>The candidate query of the store before this benchmark; true when the sampled pair was among the 500.</summary>
    private static bool OldCandidates(SqliteConnection connection, Pair sample, string text)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT source, target FROM tm_units
            WHERE source_lang = $s AND target_lang = $t AND source_length BETWEEN $shortest AND $longest
            ORDER BY ABS(source_length - $length), created_at DESC LIMIT 500;
            """;
        command.Parameters.AddWithValue("$s", sample.SourceLanguage.Value);
        command.Parameters.AddWithValue("$t", sample.TargetLanguage.Value);
        command.Parameters.AddWithValue("$length", text.Length);
        command.Parameters.AddWithValue("$shortest", (long)Math.Floor(text.Length * 0.7));
        command.Parameters.AddWithValue("$longest", (long)Math.Ceiling(text.Length * 1.3));
        var found = false;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found |= reader.GetString(0) == sample.Source && reader.GetString(1) == sample.Target;
        }

        return found;
    }

    private static void Row(StringBuilder text, string name, List<double> milliseconds, int found)
    {
        var p = Percentiles.Of(milliseconds);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {milliseconds.Count} | {p.P50:0.0} | {p.P99:0.0} | {p.Max:0.0} | {found} of {milliseconds.Count} |");
    }
}
