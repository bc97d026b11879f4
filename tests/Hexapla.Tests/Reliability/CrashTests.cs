using System.Globalization;
using System.Net;
using System.Text.Json;
using Hexapla.Bench.Soak;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Hexapla.Tests.Reliability;

/// <summary>
/// The crash test of issue 7: the real <c>hexapla serve</c>, a child process on its own SQLite data folder, killed
/// with SIGKILL at random moments while several API clients write, and started again each time. Afterwards every
/// acknowledged write must be stored and readable, the database must pass <c>PRAGMA integrity_check</c>, and the
/// search index must hold exactly the published versions' current text.
/// </summary>
/// <remarks>
/// CI size: 20 kills, 4 clients with 2 documents (4 versions) each. <c>HEXAPLA_CRASH_KILLS</c>,
/// <c>HEXAPLA_CRASH_CLIENTS</c> make it bigger; <c>HEXAPLA_CRASH_SEED</c> replays a kill schedule (the seed is in
/// every failure message).
/// </remarks>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = TestSite.NewDataFolder();

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    [Fact]
    public async Task Serve_KilledAtRandomWhileClientsWrite_KeepsEveryAcknowledgedWriteAndAnIndexInStep()
    {
        var kills = Setting("HEXAPLA_CRASH_KILLS", 20);
        var clients = Setting("HEXAPLA_CRASH_CLIENTS", 4);
        var seed = Setting("HEXAPLA_CRASH_SEED", Random.Shared.Next(1, int.MaxValue));
        var random = new Random(seed);
        var context = $"(seed {seed}; HEXAPLA_CRASH_SEED={seed} replays the kill schedule)";
        output.WriteLine($"Crash test: {kills} kills, {clients} clients, seed {seed}");

        await using var server = new HexaplaProcess(Path.Combine(AppContext.BaseDirectory, "hexapla.dll"), _data);
        var token = await server.CreateTokenAsync("crasher", "editor");
        var startTimeout = TimeSpan.FromSeconds(60);
        await server.StartAsync(samples: false, startTimeout);

        var writers = Enumerable.Range(0, clients).Select(c => new CrashWriter(c, server.BaseAddress, token, documents: 2, new Random(seed + c + 1))).ToList();
        using var stop = new CancellationTokenSource();
        var running = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token), CancellationToken.None)).ToList();
        try
        {
            for (var kill = 0; kill < kills; kill++)
            {
                // One kill in five comes while the server is starting (migrations, index checks), the others while it
                // serves: after the first write of the round is acknowledged (so a slow machine still sees writes in
                // every round), at a random moment of the writes that follow.
                if (kill % 5 == 4)
                {
                    await server.StartAsync(samples: false, startTimeout, waitUntilHealthy: false);
                    await Task.Delay(random.Next(0, 1500));
                }
                else
                {
                    if (kill > 0)
                    {
                        await server.StartAsync(samples: false, startTimeout);
                    }

                    var before = writers.Sum(w => w.Acknowledged);
                    var deadline = DateTime.UtcNow + startTimeout;
                    while (writers.Sum(w => w.Acknowledged) == before && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(10);
                    }

                    await Task.Delay(random.Next(0, 600));
                }

                server.Kill();
            }

            await server.StartAsync(samples: false, startTimeout);
            await Task.Delay(1000);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
        }

        var failures = writers.SelectMany(w => w.Failures).ToList();
        var versions = writers.SelectMany(w => w.Versions).ToList();
        var acknowledged = versions.Sum(v => v.Writes.Count(w => w.Acknowledged));
        var unanswered = versions.Sum(v => v.Writes.Count(w => !w.Answered));
        output.WriteLine($"{server.Starts} starts; writes acknowledged {acknowledged}, unanswered {unanswered}, refused {versions.Sum(v => v.Writes.Count(w => w.Answered && !w.Acknowledged))}");

        // Read back through the running server: every version, then search for each version's words.
        using var reader = new HttpClient { BaseAddress = server.BaseAddress };
        reader.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var finals = new Dictionary<TrackedVersion, JsonElement?>();
        foreach (var version in versions)
        {
            using var response = await reader.GetAsync(version.Path);
            finals[version] = response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : null;
            failures.AddRange(CheckFinal(version, finals[version]));
            failures.AddRange(await CheckSearchAsync(reader, version, finals[version]));
        }

        // The last stop is a kill too: the file is checked as a crash leaves it.
        server.Kill();
        failures.AddRange(await CheckStoreAsync(versions, finals));

        Assert.True(failures.Count == 0, $"{failures.Count} problem(s) {context}:\n{string.Join('\n', failures.Take(30))}\nServer log:\n{server.RecentLog}");
        var servingKills = kills - kills / 5;
        Assert.True(acknowledged >= servingKills, $"Only {acknowledged} writes were acknowledged in {servingKills} rounds of serving {context}: the test did not exercise the server.");
        Assert.True(server.Starts >= kills + 1, $"The server started {server.Starts} times for {kills} kills {context}.");
    }

    /// <summary>The version as served now against the writes sent to it.</summary>
    private static IEnumerable<string> CheckFinal(TrackedVersion version, JsonElement? final)
    {
        var name = $"{version.Slug}/{version.Language}";
        var lastAck = version.Writes.LastOrDefault(w => w.Acknowledged);
        if (final is not { } json)
        {
            if (version.Writes.Any(w => w.Acknowledged))
            {
                yield return $"{name}: acknowledged writes, but GET finds no version";
            }

            yield break;
        }

        // The newest text (a working copy over a published one), which every acknowledged write answered with.
        var (revision, body) = CrashWriter.Newest(json);
        var state = json.GetProperty("state").GetString();
        if (lastAck is null)
        {
            // Only unanswered writes: one of them was stored.
            if (!version.Writes.Any(w => !w.Answered && w.SentBody == body))
            {
                yield return $"{name}: stored text is from no write sent: {body}";
            }

            yield break;
        }

        var after = version.Writes.Skip(version.Writes.LastIndexOf(lastAck) + 1).Where(w => !w.Answered).ToList();
        if (after.Count == 0)
        {
            // Nothing was sent after the last acknowledged write but refusals: the version is exactly as that write left it.
            if (revision != lastAck.Revision || state != lastAck.State || body != lastAck.Body)
            {
                yield return $"{name}: expected revision {lastAck.Revision} {lastAck.State} (last acknowledged {lastAck.Kind}), found revision {revision} {state}";
            }

            yield break;
        }

        if (revision < lastAck.Revision)
        {
            yield return $"{name}: acknowledged revision {lastAck.Revision} lost; found revision {revision}";
        }
        else if (revision == lastAck.Revision ? body != lastAck.Body : !after.Any(w => w.SentBody == body))
        {
            yield return $"{name}: revision {revision} has a text no write sent after the last acknowledged one: {body}";
        }
    }

    /// <summary>A published version is found by its words, its current text only; an unpublished one not at all.</summary>
    private static async Task<IEnumerable<string>> CheckSearchAsync(HttpClient client, TrackedVersion version, JsonElement? final)
    {
        var problems = new List<string>();
        var name = $"{version.Slug}/{version.Language}";
        var published = final is { } json && json.GetProperty("state").GetString() == "published";
        var byVersion = await SearchAsync(client, version.VersionToken);
        if (published && (byVersion.Total != 1 || byVersion.Hit != name))
        {
            problems.Add($"{name} is published but a search for {version.VersionToken} finds {byVersion.Total} ({byVersion.Hit})");
        }
        else if (!published && byVersion.Total != 0)
        {
            problems.Add($"{name} is not published ({(final is { } f ? f.GetProperty("state").GetString() : "missing")}) but a search for {version.VersionToken} finds it");
        }

        if (!published)
        {
            return problems;
        }

        var body = final!.Value.GetProperty("body").GetString()!;
        var tokens = version.Writes.Where(w => w.EditToken is not null).Select(w => w.EditToken!).Distinct().ToList();
        var current = tokens.Where(t => body.Contains(t, StringComparison.Ordinal)).ToList();
        if (current.Count != 1)
        {
            problems.Add($"{name}: the current text carries {current.Count} write words");
            return problems;
        }

        if (await SearchAsync(client, current[0]) is { Total: not 1 } found)
        {
            problems.Add($"{name}: a search for its current text's word {current[0]} finds {found.Total}");
        }

        // The words of the last few texts it had before: the index must have dropped them.
        foreach (var old in tokens.Where(t => t != current[0]).TakeLast(5))
        {
            if (await SearchAsync(client, old) is { Total: not 0 } stale)
            {
                problems.Add($"{name}: a search for {old}, a word of an older text, finds {stale.Total}");
            }
        }

        return problems;
    }

    private static async Task<(int Total, string? Hit)> SearchAsync(HttpClient client, string word)
    {
        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/search?q={word}&lang=*")).RootElement;
        var hit = json.GetProperty("results").EnumerateArray().Select(r => $"{r.GetProperty("slug").GetString()}/{r.GetProperty("language").GetString()}").FirstOrDefault();
        return (json.GetProperty("total").GetInt32(), hit);
    }

    /// <summary>The database file as the last kill left it: intact, and holding every acknowledged revision.</summary>
    private async Task<IEnumerable<string>> CheckStoreAsync(IReadOnlyList<TrackedVersion> versions, Dictionary<TrackedVersion, JsonElement?> finals)
    {
        var problems = new List<string>();
        var path = Path.Combine(_data, SqliteContentStore.FileName);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await command.ExecuteScalarAsync();
            if (result != "ok")
            {
                problems.Add($"PRAGMA integrity_check: {result}");
            }
        }

        var store = await SqliteContentStore.OpenAsync(path);
        foreach (var version in versions)
        {
            var name = $"{version.Slug}/{version.Language}";
            var history = (await store.ListRevisionsAsync(version.Slug, LanguageTag.Parse(version.Language))).ToDictionary(r => r.Revision);
            var texts = version.Writes.Where(w => w.Acknowledged && w.ChangesText).ToList();
            if (texts.Select(w => w.Revision).Distinct().Count() != texts.Count)
            {
                problems.Add($"{name}: two acknowledged writes got the same revision (a lost update): {string.Join(", ", texts.Select(w => w.Revision))}");
            }

            foreach (var write in texts)
            {
                if (!history.TryGetValue(write.Revision, out var stored) || stored.Body != write.SentBody)
                {
                    problems.Add($"{name}: acknowledged revision {write.Revision} ({write.Kind}) is {(stored is null ? "missing from" : "different in")} the history");
                }
            }

            var document = await store.FindDocumentAsync(version.Slug);
            var storedVersion = document?.Version(LanguageTag.Parse(version.Language));
            if (finals[version] is { } final
                ? storedVersion is null || storedVersion.Latest.Revision != CrashWriter.Newest(final).Revision || storedVersion.State.Name() != final.GetProperty("state").GetString()
                : storedVersion is not null)
            {
                problems.Add($"{name}: the store after the kill ({storedVersion?.Latest.Revision} {storedVersion?.State.Name()}) is not what the server served before it");
            }
        }

        SqliteConnection.ClearAllPools();
        return problems;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; it does not affect other tests.
        }
    }
}
