using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Api;

/// <summary>
/// A site with the sample content (the Iraq statement: ru-RU original, en-GB translation, both published) and one API
/// token per person: alice (admin), eddie and edna (editors), rita (reviewer), tom (translator, fr-FR) and tess
/// (translator, en-GB).
/// </summary>
internal sealed class Newsdesk : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    public const string Iraq = "/api/v1/documents/razvitie-situacii-v-irake";

    private Newsdesk(TestSite site, Dictionary<string, string> tokens)
    {
        Site = site;
        Tokens = tokens;
    }

    public TestSite Site { get; }

    public Dictionary<string, string> Tokens { get; }

    public static async Task<Newsdesk> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var tokens = new Dictionary<string, string>();
        var site = await TestSite.StartAsync(settings: settings, prepare: async (data, clock) =>
        {
            (string Name, Role Role, string[] Languages)[] people =
            [
                ("alice", Role.Admin, []), ("eddie", Role.Editor, []), ("edna", Role.Editor, []), ("rita", Role.Reviewer, []),
                ("tom", Role.Translator, ["fr-FR"]), ("tess", Role.Translator, ["en-GB"]),
            ];
            var store = await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName));
            foreach (var (name, role, languages) in people)
            {
                var user = await AdminClient.AddUserAsync(data, clock, name, role, Password, languages);
                var token = ApiTokens.Create();
                await store.AddTokenAsync($"{name}-token", user.Id, ApiTokens.HashOf(token), clock.GetUtcNow());
                tokens[name] = token;
            }
        });
        return new Newsdesk(site, tokens);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? who, object? json = null, string? ifMatch = null, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (who is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[who]);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        }
        else if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return await Site.Client.SendAsync(request);
    }

    /// <summary>Sends, fails the test with the answer's body unless the status is <paramref name="expected"/>, and returns the JSON.</summary>
    public async Task<(JsonElement Json, string? ETag)> ExpectAsync(
        System.Net.HttpStatusCode expected, HttpMethod method, string path, string? who, object? json = null, string? ifMatch = null)
    {
        using var response = await SendAsync(method, path, who, json, ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} by {who ?? "(anonymous)"}: {(int)response.StatusCode}, not {(int)expected}: {text}");
        return (text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.ToString());
    }

    /// <summary>The version as <paramref name="who"/> reads it, with its ETag.</summary>
    public Task<(JsonElement Json, string? ETag)> GetAsync(string path, string? who) =>
        ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Get, path, who);

    /// <summary>Sends the text under work of <paramref name="path"/> through review: <paramref name="author"/> submits, <paramref name="reviewer"/> approves.</summary>
    public async Task<(JsonElement Json, string? ETag)> ReviewAsync(string path, string author = "eddie", string reviewer = "rita")
    {
        await ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"{path}/submit", author);
        return await ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"{path}/approve", reviewer);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}
