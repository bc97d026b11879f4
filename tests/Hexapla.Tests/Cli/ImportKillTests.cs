using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hexapla.Cli;
using Hexapla.Hosting;
using Hexapla.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Hexapla.Tests.Cli;

/// <summary>
/// <c>hexapla import</c> run as a child process and killed (SIGKILL) at seeded random moments: the store holds all of
/// the run or none of it, stays sound, and the index matches it after serve's startup check.
/// </summary>
public sealed class ImportKillTests(ITestOutputHelper log) : IDisposable
{
    private const int Documents = 400;
    private const int Previous = 3;
    private const int Seed = 20261130;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hexapla-kill-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_KilledAtRandomMoments_StoreHoldsAllOrNoneAndIndexFollows()
    {
        var input = Path.Combine(_folder, "in");
        WriteDocuments(input, Documents, first: 1);
        var previous = Path.Combine(_folder, "previous");
        WriteDocuments(previous, Previous, first: 9001);

        // One run to the end: how long a whole run takes here, and what "all of it" looks like.
        var whole = await PrepareAsync("whole", previous);
        var clock = Stopwatch.StartNew();
        using (var child = StartImport(input, whole))
        {
            await child.WaitForExitAsync();
            Assert.True(child.ExitCode == 0, await child.StandardError.ReadToEndAsync());
        }

        var duration = clock.Elapsed;
        log.WriteLine($"a whole import of {Documents} documents took {duration.TotalSeconds:F1} s");
        Assert.Equal(Previous + Documents, await CheckAsync(whole));

        var random = new Random(Seed);
        for (var k = 0; k < 4; k++)
        {
            var data = await PrepareAsync($"kill-{k}", previous);
            var moment = duration * (0.05 + (0.9 * random.NextDouble()));
            using (var child = StartImport(input, data))
            {
                await Task.WhenAny(child.WaitForExitAsync(), Task.Delay(moment));
                var exited = child.HasExited;
                if (!exited)
                {
                    child.Kill(); // SIGKILL on Linux: no handler runs, nothing is flushed.
                }

                await child.WaitForExitAsync();
                log.WriteLine($"kill {k} at {moment.TotalSeconds:F2} s{(exited ? " (the run had already ended)" : "")}");
            }

            var count = await CheckAsync(data);
            log.WriteLine($"  documents after: {count}");
            Assert.True(count is Previous or Previous + Documents, $"kill {k} at {moment.TotalSeconds:F2} s left {count} documents: neither {Previous} nor {Previous + Documents}");
        }

        // And once right after the store's commit, before the index's: the index is behind, and serve's check catches it.
        var late = await PrepareAsync("kill-after-commit", previous);
        var before = await GenerationAsync(late);
        using (var watch = Open(late))
        using (var generation = watch.CreateCommand())
        using (var child = StartImport(input, late))
        {
            await watch.OpenAsync();
            generation.CommandText = "SELECT value FROM store_state WHERE name = 'generation';";
            while (!child.HasExited && (long)(await generation.ExecuteScalarAsync())! == before)
            {
                Thread.Sleep(1);
            }

            if (!child.HasExited)
            {
                child.Kill();
            }

            await child.WaitForExitAsync();
        }

        using (var index = Search.LuceneSearchIndex.Open(SearchSetup.IndexFolder(late)))
        {
            log.WriteLine($"kill after the store's commit: the index was {(index.IsInStepWith(await GenerationAsync(late)) ? "already in step" : "behind")}");
        }

        Assert.Equal(Previous + Documents, await CheckAsync(late));
    }

    private static SqliteConnection Open(string data) => new(new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(data, SqliteContentStore.FileName),
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString());

    private static async Task<long> GenerationAsync(string data)
    {
        using var connection = Open(data);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_state WHERE name = 'generation';";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A data folder holding the <see cref="Previous"/> documents, imported in-process.</summary>
    private async Task<string> PrepareAsync(string name, string previous)
    {
        var data = Path.Combine(_folder, name);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(await HexaplaCli.RunAsync(["import", previous, "--data", data], output, error) == 0, error.ToString());
        SqliteConnection.ClearAllPools();
        return data;
    }

    private static Process StartImport(string input, string data)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(HexaplaCli).Assembly.Location, "import", input, "--data", data })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>
    /// Opens the store as serve does (its schema check and WAL recovery), checks its integrity, brings the index in
    /// step as serve's startup does, and compares the two; returns the document count.
    /// </summary>
    private static async Task<long> CheckAsync(string data)
    {
        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        using (var connection = new SqliteConnection($"Data Source={store.Path}"))
        {
            await connection.OpenAsync();
            using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", (string)(await integrity.ExecuteScalarAsync())!);
        }

        var now = DateTimeOffset.UtcNow;
        var published = 0L;
        await foreach (var document in store.StreamPublishedDocumentsAsync(now))
        {
            published += document.PublishedVersions(now).Count;
        }

        using (var index = await SearchSetup.OpenInStepAsync(store, data, TimeProvider.System, null, CancellationToken.None))
        {
            Assert.True(index.IsInStepWith(await store.GetGenerationAsync()));
            Assert.Equal(published, index.Count());
        }

        var count = await store.CountDocumentsAsync();
        SqliteConnection.ClearAllPools();
        return count;
    }

    /// <summary>Bundles <c>kill-NNNN.ru-RU.md</c> (original) and <c>kill-NNNN.en-GB.md</c>, each of eight 60-word paragraphs.</summary>
    private static void WriteDocuments(string folder, int count, int first)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(Seed + first);
        string[] russian = ["заявление", "ситуация", "министерство", "развитие", "вопрос", "страна", "мир", "год", "работа", "решение"];
        string[] english = ["statement", "situation", "ministry", "development", "question", "country", "peace", "year", "work", "decision"];
        string Body(string[] words)
        {
            var text = new StringBuilder();
            for (var p = 0; p < 8; p++)
            {
                text.Append(p == 0 ? "" : "\n\n");
                for (var w = 0; w < 60; w++)
                {
                    text.Append(words[random.Next(words.Length)]).Append(w % 12 == 11 ? ". " : " ");
                }
            }

            return text.ToString().TrimEnd() + ".";
        }

        for (var i = first; i < first + count; i++)
        {
            var slug = string.Create(CultureInfo.InvariantCulture, $"kill-{i:D4}");
            File.WriteAllText(Path.Combine(folder, $"{slug}.ru-RU.md"), $"---\ntitle: Заявление {i}\ndate: 2020-01-02\noriginal: true\n---\n\n{Body(russian)}\n");
            File.WriteAllText(Path.Combine(folder, $"{slug}.en-GB.md"), $"---\ntitle: Statement {i}\ndate: 2020-01-02\n---\n\n{Body(english)}\n");
        }
    }
}
