using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage.Sqlite;

namespace Hexapla.Bench.Soak;

/// <summary>How big a soak run is.</summary>
/// <param name="Clients">Concurrent clients; their roles repeat every 16 (see <see cref="SoakRun"/>).</param>
/// <param name="Duration">How long the clients run.</param>
/// <param name="Seed">Seeds every client's choices.</param>
internal sealed record SoakSettings(int Clients, TimeSpan Duration, int Seed);

/// <summary>One request: its kind, its status (0 when no answer came) and how long it took.</summary>
internal readonly record struct SoakSample(string Kind, int Status, double Milliseconds);

/// <summary>A write the server accepted: a new revision (edits) or a new state (publish, unpublish).</summary>
internal sealed record AcceptedWrite(string Slug, string Kind, int BasedOn, int Revision, string? Body, string State)
{
    /// <summary>The order in which answers came back, across all clients.</summary>
    public long Sequence { get; init; }
}

/// <summary>What a soak run measured and what its checks found.</summary>
/// <param name="Settings">The run's size.</param>
/// <param name="Elapsed">How long the clients ran.</param>
/// <param name="Baseline">Each kind of request sent alone, one at a time, on the same server before the clients start.</param>
/// <param name="Samples">Every request of the clients.</param>
/// <param name="Accepted">Every write the server accepted.</param>
/// <param name="RefusedStale">Writes refused as stale (409, 412).</param>
/// <param name="Memory">The server's resident memory, sampled every second.</param>
/// <param name="Problems">What the checks found wrong; empty when all passed.</param>
internal sealed record SoakResult(
    SoakSettings Settings, TimeSpan Elapsed, IReadOnlyList<SoakSample> Baseline, IReadOnlyList<SoakSample> Samples, IReadOnlyList<AcceptedWrite> Accepted,
    int RefusedStale, IReadOnlyList<(double Seconds, long KiB)> Memory, IReadOnlyList<string> Problems);

/// <summary>
/// The soak of issue 7: many concurrent clients on one running <c>hexapla serve</c> for a while, then checks that
/// nothing answered 5xx, that every refused write was a stale one (409/412), and that every accepted write is in
/// the store's history (edits) or audit log (publish, unpublish), with no two edits given one revision.
/// </summary>
/// <remarks>
/// Roles, by client number modulo 16: 0–3 read pages, feeds and the read API; 4–6 search; 7–10 edit one shared
/// version with If-Match (so some are refused); 11–13 each edit a version of their own; 14–15 publish and
/// unpublish (14 also the shared version). Every client has its own random generator seeded from the seed.
/// </remarks>
internal sealed class SoakRun(HexaplaProcess server, string token, SoakSettings settings)
{
    private const string Hot = "soak-shared";
    private const int PublishedPerPublisher = 4;
    private const string Alone = "soak-baseline";
    private const int BaselineRounds = 20;
    private static readonly string[] Words = ["iraq", "statement", "soak", "text", "situation", "Ирак", "ситуации", "revision"];

    private readonly ConcurrentBag<SoakSample> _samples = [];
    private readonly ConcurrentBag<SoakSample> _baseline = [];
    private readonly ConcurrentBag<AcceptedWrite> _accepted = [];
    private readonly ConcurrentBag<string> _problems = [];
    private readonly Dictionary<string, int> _setupRevisions = [];
    private readonly Dictionary<string, int> _setupStateChanges = [];
    private int _refused;
    private long _sequence;

    private static string Own(int client) => $"soak-own-{client}";

    private static string Toggled(int publisher, int i) => $"soak-pub-{publisher}-{i}";

    private static string Role(int client) => (client % 16) switch
    {
        < 4 => "reader",
        < 7 => "searcher",
        < 11 => "shared editor",
        < 14 => "own editor",
        _ => "publisher",
    };

    /// <summary>Creates the run's documents, runs the clients, stops the server and checks the store.</summary>
    public async Task<SoakResult> RunAsync(Action<string>? report = null)
    {
        using var setup = Client(withToken: true);
        report?.Invoke("Creating the soak documents");
        await CreateAsync(setup, Hot, publish: true);
        for (var client = 0; client < settings.Clients; client++)
        {
            if (Role(client) == "own editor")
            {
                await CreateAsync(setup, Own(client), publish: client % 2 == 0);
            }
            else if (Role(client) == "publisher")
            {
                for (var i = 0; i < PublishedPerPublisher; i++)
                {
                    await CreateAsync(setup, Toggled(client, i), publish: i % 2 == 0);
                }
            }
        }

        report?.Invoke("Timing each kind of request alone");
        await RunBaselineAsync(setup);

        report?.Invoke($"Running {settings.Clients} clients for {settings.Duration.TotalSeconds:N0} s");
        var memory = new List<(double, long)>();
        var start = Stopwatch.GetTimestamp();
        var until = start + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var clients = Enumerable.Range(0, settings.Clients).Select(c => Task.Run(() => RunClientAsync(c, until))).ToList();
        var all = Task.WhenAll(clients);
        while (!all.IsCompleted)
        {
            if (server.ResidentKiB() is { } kib)
            {
                memory.Add((Stopwatch.GetElapsedTime(start).TotalSeconds, kib));
            }

            await Task.WhenAny(all, Task.Delay(1000));
        }

        await all;
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (server.ResidentKiB() is { } last)
        {
            memory.Add((elapsed.TotalSeconds, last));
        }

        report?.Invoke("Stopping the server and checking the store");
        await server.StopAsync();
        await CheckStoreAsync();
        foreach (var sample in _samples.Where(s => s.Status >= 500))
        {
            _problems.Add($"{sample.Kind}: {sample.Status}");
        }

        return new SoakResult(settings, elapsed, [.. _baseline], [.. _samples], [.. _accepted], _refused, memory, [.. _problems]);
    }

    private HttpClient Client(bool withToken)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (withToken)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private async Task CreateAsync(HttpClient http, string slug, bool publish)
    {
        using var created = await http.PostAsJsonAsync("/api/v1/documents", new { slug, language = "en-GB", title = $"Soak document {slug}", body = Text(slug, 0) });
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating {slug} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        _setupRevisions[slug] = 1;
        _setupStateChanges[slug] = 0;
        if (publish)
        {
            using var published = await http.PostAsync(new Uri($"/api/v1/documents/{slug}/en-GB/publish", UriKind.Relative), null);
            if (published.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Publishing {slug} answered {(int)published.StatusCode}: {await published.Content.ReadAsStringAsync()}");
            }

            _setupStateChanges[slug] = 1;
        }
    }

    /// <summary>
    /// The baseline: one client sends each kind of request in turn, nothing else running, on a document of its own
    /// (its edits and state changes are not among the checked ones).
    /// </summary>
    private async Task RunBaselineAsync(HttpClient http)
    {
        await CreateAsync(http, Alone, publish: true);
        _setupRevisions.Remove(Alone);
        _setupStateChanges.Remove(Alone);
        for (var round = 0; round < BaselineRounds; round++)
        {
            await SendAsync(http, "home page", HttpMethod.Get, "/en-gb/", [200], _baseline);
            await SendAsync(http, "feed", HttpMethod.Get, "/en-gb/feed.atom", [200], _baseline);
            await SendAsync(http, "document page", HttpMethod.Get, $"/en-gb/{Alone}", [200], _baseline);
            await SendAsync(http, "search", HttpMethod.Get, $"/api/v1/search?q={Words[round % Words.Length]}&lang=*", [200], _baseline);
            var (_, _, etag) = await SendAsync(http, "read API (token)", HttpMethod.Get, $"/api/v1/documents/{Alone}/en-GB", [200], _baseline);
            using (var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/documents/{Alone}/en-GB") { Content = JsonContent.Create(new { title = "Alone", body = Text(Alone, round + 1), note = "Baseline edit." }) })
            {
                edit.Headers.TryAddWithoutValidation("If-Match", etag);
                (_, _, etag) = await SendAsync(http, "edit", edit, [200], _baseline);
            }

            foreach (var action in new[] { "unpublish", "publish" })
            {
                using var change = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/documents/{Alone}/en-GB/{action}");
                change.Headers.TryAddWithoutValidation("If-Match", etag);
                (_, _, etag) = await SendAsync(http, action, change, [200], _baseline);
            }
        }
    }

    private static string Text(string slug, int n) => string.Create(CultureInfo.InvariantCulture,
        $"Soak text of {slug}, edit {n}. The situation in Iraq remains at the centre of the statement.\n\n" +
        $"A second paragraph so the text has some length, as a real edit would: revision after revision, the archive keeps them all ({n}).");

    private async Task RunClientAsync(int client, long until)
    {
        var random = new Random(settings.Seed * 31 + client);
        using var http = Client(withToken: Role(client) is "shared editor" or "own editor" or "publisher");
        var edits = 0;
        string? ownETag = null;
        while (Stopwatch.GetTimestamp() < until)
        {
            try
            {
                switch (Role(client))
                {
                    case "reader":
                        await ReadAsync(http, random);
                        break;
                    case "searcher":
                        var word = Uri.EscapeDataString(Words[random.Next(Words.Length)]);
                        await SendAsync(http, "search", HttpMethod.Get, random.Next(2) == 0 ? $"/api/v1/search?q={word}&lang=*" : $"/en-gb/search?q={word}", [200]);
                        break;
                    case "shared editor":
                        // Read, think a moment, write: the others write meanwhile, so some of these are stale.
                        var (etag, revision) = await ReadVersionAsync(http, Hot);
                        await Task.Delay(random.Next(0, 5));
                        await EditAsync(http, "edit shared", Hot, etag, revision, $"{client}-{++edits}");
                        break;
                    case "own editor":
                        if (ownETag is null)
                        {
                            (ownETag, _) = await ReadVersionAsync(http, Own(client));
                        }

                        ownETag = await EditAsync(http, "edit own", Own(client), ownETag, RevisionOf(ownETag), $"{client}-{++edits}");
                        break;
                    default:
                        await ToggleAsync(http, client, random);
                        break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                _samples.Add(new SoakSample(Role(client), 0, 0));
                _problems.Add($"client {client} ({Role(client)}): no answer: {e.Message}");
            }
        }
    }

    private Task<(int Status, string Answer, string? ETag)> ReadAsync(HttpClient http, Random random) => random.Next(6) switch
    {
        0 => SendAsync(http, "home page", HttpMethod.Get, random.Next(2) == 0 ? "/en-gb/" : "/ru-ru/", [200]),
        1 => SendAsync(http, "feed", HttpMethod.Get, "/en-gb/feed.atom", [200]),
        2 => SendAsync(http, "document page", HttpMethod.Get, "/en-gb/razvitie-situacii-v-irake", [200]),
        // Versions the publishers and the shared editors change: not found while unpublished.
        3 => SendAsync(http, "document page", HttpMethod.Get, $"/en-gb/{Hot}", [200, 404]),
        4 => SendAsync(http, "document page", HttpMethod.Get, $"/en-gb/{Toggled(14, random.Next(PublishedPerPublisher))}", [200, 404]),
        _ => SendAsync(http, "read API", HttpMethod.Get, $"/api/v1/documents/{Hot}/en-GB", [200, 404]),
    };

    private async Task<(string ETag, int Revision)> ReadVersionAsync(HttpClient http, string slug)
    {
        var (status, answer, etag) = await SendAsync(http, "read API (token)", HttpMethod.Get, $"/api/v1/documents/{slug}/en-GB", [200]);
        return status == 200 ? (etag!, NewestRevision(JsonDocument.Parse(answer).RootElement)) : ("\"0\"", 0);
    }

    /// <summary>The revision of a version's newest text: its working copy's when it has one (edits of published text go there).</summary>
    private static int NewestRevision(JsonElement json) =>
        json.TryGetProperty("latestRevision", out var latest) && latest.ValueKind == JsonValueKind.Number ? latest.GetInt32() : json.GetProperty("revision").GetInt32();

    private static int RevisionOf(string etag) =>
        int.Parse(etag.Trim('"').Split('-')[0], CultureInfo.InvariantCulture);

    /// <summary>A PUT with If-Match; the new ETag when accepted, the current one (from the 412) when refused.</summary>
    private async Task<string> EditAsync(HttpClient http, string kind, string slug, string etag, int basedOn, string n)
    {
        var body = Text(slug, 0).Replace("edit 0", $"edit {n}", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/documents/{slug}/en-GB") { Content = JsonContent.Create(new { title = $"Soak document {slug}", body, note = $"Soak edit {n}." }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var (status, answer, newETag) = await SendAsync(http, kind, request, [200, 409, 412]);
        if (status == 200)
        {
            var json = JsonDocument.Parse(answer).RootElement;
            _accepted.Add(new AcceptedWrite(slug, "edit", basedOn, NewestRevision(json), body, json.GetProperty("state").GetString()!)
            {
                Sequence = Interlocked.Increment(ref _sequence),
            });
        }
        else if (status is 409 or 412)
        {
            Interlocked.Increment(ref _refused);
        }

        return newETag ?? etag;
    }

    private async Task ToggleAsync(HttpClient http, int client, Random random)
    {
        var slug = client % 16 == 14 && random.Next(4) == 0 ? Hot : Toggled(client, random.Next(PublishedPerPublisher));
        var (readStatus, read, etag) = await SendAsync(http, "read API (token)", HttpMethod.Get, $"/api/v1/documents/{slug}/en-GB", [200]);
        if (readStatus != 200)
        {
            return;
        }

        var json = JsonDocument.Parse(read).RootElement;
        var action = json.GetProperty("state").GetString() == "published" ? "unpublish" : "publish";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/documents/{slug}/en-GB/{action}");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var (status, answer, _) = await SendAsync(http, action, request, [200, 409, 412]);
        if (status == 200)
        {
            var after = JsonDocument.Parse(answer).RootElement;
            _accepted.Add(new AcceptedWrite(slug, action, NewestRevision(json), NewestRevision(after), null, after.GetProperty("state").GetString()!)
            {
                Sequence = Interlocked.Increment(ref _sequence),
            });
        }
        else if (status is 409 or 412)
        {
            Interlocked.Increment(ref _refused);
        }
    }

    private async Task<(int Status, string Answer, string? ETag)> SendAsync(
        HttpClient http, string kind, HttpMethod method, string path, int[] expected, ConcurrentBag<SoakSample>? into = null)
    {
        using var request = new HttpRequestMessage(method, path);
        return await SendAsync(http, kind, request, expected, into);
    }

    /// <summary>Sends, times and records one request; an answer not in <paramref name="expected"/> is a problem.</summary>
    private async Task<(int Status, string Answer, string? ETag)> SendAsync(
        HttpClient http, string kind, HttpRequestMessage request, int[] expected, ConcurrentBag<SoakSample>? into = null)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        (into ?? _samples).Add(new SoakSample(kind, status, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
        if (!expected.Contains(status))
        {
            _problems.Add($"{kind} {request.Method} {request.RequestUri}: {status} {answer[..Math.Min(answer.Length, 300)]}");
        }

        return (status, answer, response.Headers.ETag?.ToString());
    }

    /// <summary>Every accepted edit in the history with its text, every accepted state change in the audit log.</summary>
    private async Task CheckStoreAsync()
    {
        var store = await SqliteContentStore.OpenAsync(Path.Combine(server.DataFolder, SqliteContentStore.FileName));
        var english = LanguageTag.Parse("en-GB");
        foreach (var (slug, setupRevision) in _setupRevisions)
        {
            var edits = _accepted.Where(a => a.Slug == slug && a.Kind == "edit").ToList();
            var history = (await store.ListRevisionsAsync(slug, english)).ToDictionary(r => r.Revision);
            if (edits.Select(e => e.Revision).Distinct().Count() != edits.Count)
            {
                _problems.Add($"{slug}: two accepted edits were given the same revision (a lost update)");
            }

            foreach (var edit in edits)
            {
                if (edit.Revision != edit.BasedOn + 1)
                {
                    _problems.Add($"{slug}: an edit based on revision {edit.BasedOn} was stored as revision {edit.Revision}");
                }

                if (!history.TryGetValue(edit.Revision, out var stored) || stored.Body != edit.Body)
                {
                    _problems.Add($"{slug}: accepted revision {edit.Revision} is {(stored is null ? "missing from" : "different in")} the history");
                }
            }

            var added = history.Keys.Count(r => r > setupRevision);
            if (added != edits.Count)
            {
                _problems.Add($"{slug}: {edits.Count} edits accepted but {added} revisions added to the history");
            }
        }

        var audit = new List<Storage.AuditEntry>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await store.ListAuditAsync(offset, 500);
            audit.AddRange(page);
            if (page.Count < 500)
            {
                break;
            }
        }

        foreach (var (slug, setupChanges) in _setupStateChanges)
        {
            var changes = _accepted.Count(a => a.Slug == slug && a.Kind is "publish" or "unpublish");
            var logged = audit.Count(e => e.Target == $"{slug}/en-GB" && e.Action is "version.publish" or "version.unpublish");
            if (logged != setupChanges + changes)
            {
                _problems.Add($"{slug}: {changes} publish/unpublish accepted (and {setupChanges} in setup) but {logged} in the audit log");
            }

            // The toggled versions change state only through their publisher: the last accepted change is what is stored.
            if (slug.StartsWith("soak-pub-", StringComparison.Ordinal) && _accepted.Where(a => a.Slug == slug).MaxBy(a => a.Sequence) is { } lastChange)
            {
                var stored = (await store.FindDocumentAsync(slug))?.Version(english);
                if (stored?.State.Name() != lastChange.State)
                {
                    _problems.Add($"{slug}: the last accepted change left it {lastChange.State}, the store has it {stored?.State.Name()}");
                }
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
