using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hexapla.Tests.Reliability;

/// <summary>One write sent by a <see cref="CrashWriter"/>, and what came back (nothing, when the server died first).</summary>
/// <param name="Kind">create, translate, edit, publish or unpublish.</param>
/// <param name="SentBody">The text sent (create, translate, edit), else null.</param>
/// <param name="EditToken">The word unique to this write's text, for search.</param>
/// <param name="Answered">Whether a whole answer came back.</param>
/// <param name="Status">The answer's status (0 when unanswered).</param>
/// <param name="Revision">The revision in a 2xx answer.</param>
/// <param name="State">The state in a 2xx answer.</param>
/// <param name="Body">The text in a 2xx answer.</param>
internal sealed record SentWrite(string Kind, string? SentBody, string? EditToken, bool Answered, int Status, int Revision, string? State, string? Body)
{
    public bool Acknowledged => Answered && Status is >= 200 and < 300;

    public bool ChangesText => Kind is "create" or "translate" or "edit";
}

/// <summary>A language version written by one <see cref="CrashWriter"/> only, and every write sent to it.</summary>
internal sealed class TrackedVersion(string slug, string language, bool original, string versionToken)
{
    public string Slug { get; } = slug;

    public string Language { get; } = language;

    public bool Original { get; } = original;

    /// <summary>A word in every text of this version and nowhere else.</summary>
    public string VersionToken { get; } = versionToken;

    public List<SentWrite> Writes { get; } = [];

    /// <summary>False after an unanswered or refused write: the version must be read again before the next write.</summary>
    public bool Known { get; set; }

    public bool Exists { get; set; }

    public string? ETag { get; set; }

    public string? State { get; set; }

    public string Path => $"/api/v1/documents/{Slug}/{Language}";
}

/// <summary>
/// A client writing through the API (create, translate, edit with If-Match, publish, unpublish) to its own versions
/// while the server is killed under it. It records every write and its answer; after a write that got no answer it
/// reads the version again before writing, since that write may or may not have been stored.
/// </summary>
internal sealed class CrashWriter(int number, Uri baseAddress, string token, int documents, Random random) : IDisposable
{
    private readonly HttpClient _http = CreateClient(baseAddress, token);
    private int _writes;
    private int _acknowledged;

    public IReadOnlyList<TrackedVersion> Versions { get; } = [.. Enumerable.Range(0, documents).SelectMany(d => new[]
    {
        new TrackedVersion($"crash-c{number}-d{d}", "en-GB", original: true, $"vtok{number}x{d}ez"),
        new TrackedVersion($"crash-c{number}-d{d}", "ru-RU", original: false, $"vtok{number}x{d}rz"),
    })];

    /// <summary>How many writes were answered 2xx so far.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Unexpected answers (a 5xx, or a 4xx a correct server would not give here).</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Writes until <paramref name="stop"/> is cancelled; a request under way is finished and recorded first.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var version = Versions[random.Next(Versions.Count)];
            if (!version.Original && !Versions.First(v => v.Slug == version.Slug && v.Original).Exists)
            {
                continue;
            }

            if (!version.Known && !await ReadAsync(version))
            {
                await Task.Delay(20, CancellationToken.None);
                continue;
            }

            var answered = await WriteAsync(version);
            if (!answered)
            {
                // The server is down or restarting: do not spin.
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The newest text of a version as the API answers it to its writer: its working copy's when it has one (an edit of
    /// a published version goes there; readers keep the live text until it is published).
    /// </summary>
    internal static (int Revision, string? Body) Newest(JsonElement json) =>
        json.TryGetProperty("working", out var working) && working.ValueKind == JsonValueKind.Object
            ? (working.GetProperty("revision").GetInt32(), working.GetProperty("body").GetString())
            : (json.GetProperty("revision").GetInt32(), json.GetProperty("body").GetString());

    private static HttpClient CreateClient(Uri baseAddress, string token)
    {
        var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Reads the version's latest revision; false when the server did not answer.</summary>
    private async Task<bool> ReadAsync(TrackedVersion version)
    {
        try
        {
            using var response = await _http.GetAsync(version.Path);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                (version.Known, version.Exists, version.ETag, version.State) = (true, false, null, null);
                return true;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                Failures.Add($"GET {version.Path}: {(int)response.StatusCode} {text}");
                return false;
            }

            var json = JsonDocument.Parse(text).RootElement;
            (version.Known, version.Exists, version.ETag, version.State) = (true, true, response.Headers.ETag?.ToString(), json.GetProperty("state").GetString());
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>Sends one write chosen for the version's state and records it; false when it got no answer.</summary>
    private async Task<bool> WriteAsync(TrackedVersion version)
    {
        var n = Interlocked.Increment(ref _writes);
        var editToken = $"etok{number}x{n}z";
        var text = $"Crash test text of {version.VersionToken}, write {editToken}.\n\nA second paragraph, number {random.Next(1000)}.";
        var slugIndex = version.Slug[(version.Slug.LastIndexOf('d') + 1)..];
        string kind;
        HttpRequestMessage request;
        if (!version.Exists)
        {
            kind = version.Original ? "create" : "translate";
            request = version.Original
                ? new HttpRequestMessage(HttpMethod.Post, "/api/v1/documents")
                {
                    Content = JsonContent.Create(new { slug = version.Slug, language = version.Language, title = $"Crash document {number}-{slugIndex}", body = text }),
                }
                : new HttpRequestMessage(HttpMethod.Put, version.Path) { Content = JsonContent.Create(new { title = $"Документ {number}-{slugIndex}", body = text }) };
            if (!version.Original)
            {
                request.Headers.TryAddWithoutValidation("If-Match", "*");
            }
        }
        else
        {
            var roll = random.Next(10);
            kind = roll < 6 ? "edit" : version.State == "published" ? "unpublish" : "publish";
            request = kind == "edit"
                ? new HttpRequestMessage(HttpMethod.Put, version.Path) { Content = JsonContent.Create(new { title = $"Crash document {number}-{slugIndex}, edited", body = text, note = $"Edit {editToken}." }) }
                : new HttpRequestMessage(HttpMethod.Post, $"{version.Path}/{kind}");
            request.Headers.TryAddWithoutValidation("If-Match", version.ETag);
        }

        var sentBody = kind is "publish" or "unpublish" ? null : text;
        using (request)
        {
            try
            {
                using var response = await _http.SendAsync(request);
                var answer = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var json = JsonDocument.Parse(answer).RootElement;
                    var (revision, body) = Newest(json);
                    var write = new SentWrite(kind, sentBody, sentBody is null ? null : editToken, true, status, revision, json.GetProperty("state").GetString(), body);
                    version.Writes.Add(write);
                    Interlocked.Increment(ref _acknowledged);
                    (version.Known, version.Exists, version.ETag, version.State) = (true, true, response.Headers.ETag?.ToString(), write.State);
                    return true;
                }

                version.Writes.Add(new SentWrite(kind, sentBody, null, true, status, 0, null, null));
                version.Known = false;
                // After a write that got no answer, the next one may find the first one stored: a taken slug (409) or a
                // changed revision (412). Anything else is wrong.
                if (status is not (409 or 412))
                {
                    Failures.Add($"{request.Method} {request.RequestUri} ({kind}): {status} {answer}");
                }

                return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                version.Writes.Add(new SentWrite(kind, sentBody, sentBody is null ? null : editToken, false, 0, 0, null, null));
                version.Known = false;
                return false;
            }
        }
    }
}
