using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Hexapla.Tests.Api;

/// <summary>
/// The OpenAPI document is kept by hand next to the endpoints; these tests hold it to what the server does: the
/// document is valid OpenAPI 3.1 whose references all resolve, it describes exactly the routes under <c>/api</c>, and
/// every answer a client can provoke, declared or not, has a status, content type, headers and body the document
/// declares (bodies validated by the declared JSON Schema, every described object closed).
/// </summary>
public sealed class OpenApiTests
{
    private const string Slug = "razvitie-situacii-v-irake";
    private const string Document = Newsdesk.Iraq;
    private const string Russian = Newsdesk.Iraq + "/ru-RU";
    private const string English = Newsdesk.Iraq + "/en-GB";
    private const string French = Newsdesk.Iraq + "/fr-FR";
    private const string Nowhere = "/api/v1/documents/no-such-document";
    private const string StaleTag = "\"99-draft-0\"";

    private static async Task<JsonElement> DocumentOf(TestSite site) =>
        JsonDocument.Parse(await site.Client.GetStringAsync("/api/openapi.json")).RootElement.Clone();

    [Fact]
    public async Task OpenApiDocument_IsServedAsJson_AndReadsAsOpenApi31WithoutErrors()
    {
        await using var site = await TestSite.StartAsync(samples: false);
        using var response = await site.Client.GetAsync("/api/openapi.json");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var read = await OpenApiDocument.LoadAsync(stream, "json");
        Assert.Empty(read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic?.SpecificationVersion);
        var errors = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet());
        Assert.Empty(errors?.Select(e => $"{e.Pointer}: {e.Message}") ?? []);
    }

    [Fact]
    public async Task OpenApiDocument_EveryReferenceResolves_AndEveryPathParameterIsDeclared()
    {
        await using var site = await TestSite.StartAsync(samples: false);
        var document = await DocumentOf(site);
        var contract = new ApiContract(document);
        var problems = new List<string>();

        void Walk(JsonElement node, string where)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in node.EnumerateObject())
                {
                    if (member.Name == "$ref" && member.Value.ValueKind == JsonValueKind.String)
                    {
                        try
                        {
                            contract.Pointer(member.Value.GetString()!);
                        }
                        catch (KeyNotFoundException e)
                        {
                            problems.Add($"{where}: {e.Message}");
                        }
                    }
                    else
                    {
                        Walk(member.Value, $"{where}/{member.Name}");
                    }
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    Walk(item, $"{where}/{i++}");
                }
            }
        }

        Walk(document, "#");
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var named = path.Name.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')).ToHashSet();
            var shared = Parameters(contract, path.Value);
            foreach (var operation in path.Value.EnumerateObject().Where(o => ApiContract.IsMethod(o.Name)))
            {
                var declared = shared.Concat(Parameters(contract, operation.Value)).Where(p => p.In == "path").Select(p => p.Name).ToHashSet();
                if (!declared.SetEquals(named))
                {
                    problems.Add($"{operation.Name} {path.Name}: path parameters declared [{string.Join(", ", declared)}], in the path [{string.Join(", ", named)}].");
                }

                if (!operation.Value.TryGetProperty("responses", out var responses) || !responses.EnumerateObject().Any())
                {
                    problems.Add($"{operation.Name} {path.Name}: no responses.");
                }
            }
        }

        Assert.Empty(problems);
    }

    private static List<(string Name, string In)> Parameters(ApiContract contract, JsonElement owner) =>
        owner.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray()
                .Select(p => p.TryGetProperty("$ref", out var reference) ? contract.Pointer(reference.GetString()!) : p)
                .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!))
                .ToList()
            : [];

    /// <summary>Every route the app maps under /api is in the document, and the document names no route the app lacks.</summary>
    [Fact]
    public async Task OpenApiDocument_DescribesExactlyTheRoutesUnderApi()
    {
        await using var site = await TestSite.StartAsync(samples: false);
        var document = await DocumentOf(site);

        static string Shape(string path) =>
            "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.StartsWith('{') ? "{}" : s));

        var routed = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["(any)"])
                .Select(m => $"{m} {Shape(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => ApiContract.IsMethod(o.Name)).Select(o => $"{o.Name.ToUpperInvariant()} {Shape(p.Name)}"))
            .ToHashSet();

        Assert.NotEmpty(routed);
        Assert.Empty(routed.Except(described).Select(r => $"routed but not described: {r}"));
        Assert.Empty(described.Except(routed).Select(d => $"described but not routed: {d}"));
    }

    /// <summary>
    /// The security each operation declares is the one it enforces: an admin's session cookie is taken where the
    /// document names the session scheme and refused (401) where it names only a Bearer token, as for every write.
    /// </summary>
    [Fact]
    public async Task EveryOperation_TakesOrRefusesASessionCookie_AsItsSecuritySays()
    {
        await using var desk = await Newsdesk.StartAsync();
        var document = await DocumentOf(desk.Site);
        var contract = new ApiContract(document);
        using var browser = new AdminClient(desk.Site);
        await browser.LoginOrFailAsync("alice", Newsdesk.Password);
        var cookie = string.Join("; ", browser.Cookies.Select(c => $"{c.Name}={c.Value}"));
        var problems = new List<string>();
        var checkedOperations = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => ApiContract.IsMethod(o.Name)))
            {
                if (!operation.Value.TryGetProperty("security", out var security) || security.EnumerateArray().Any(s => !s.EnumerateObject().Any()))
                {
                    continue; // Open to anonymous readers: nothing to take or refuse.
                }

                var session = security.EnumerateArray().Any(s => s.TryGetProperty("session", out _));
                var url = path.Name.Replace("{slug}", Slug, StringComparison.Ordinal).Replace("{lang}", "en-GB", StringComparison.Ordinal).Replace("{id}", "1", StringComparison.Ordinal);
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                using var request = new HttpRequestMessage(method, url);
                request.Headers.Add("Cookie", cookie);
                using var response = await desk.Site.Client.SendAsync(request);
                var (answerProblems, body) = await contract.CheckAsync(method, url, response);
                problems.AddRange(answerProblems);
                if (session == (response.StatusCode == HttpStatusCode.Unauthorized))
                {
                    problems.Add($"{method} {url} with a session cookie: {(int)response.StatusCode}, though the document says it {(session ? "takes" : "refuses")} one: {body}");
                }

                checkedOperations++;
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(checkedOperations >= 15, $"only {checkedOperations} operations need credentials");
    }

    /// <summary>
    /// A request of every kind to every operation: each declared answer provoked at least once, and the undeclared
    /// ones a client can cause (no token, another's language, a bad tag, no such thing, a stale or missing If-Match, a
    /// body that is not JSON or too large, a method the path does not take). Every answer is checked against the
    /// document; all mismatches are reported together.
    /// </summary>
    [Fact]
    public async Task EveryAnswerOfEveryOperation_IsDeclared_AndItsBodyValidatesAgainstTheDocument()
    {
        await using var desk = await Newsdesk.StartAsync(new Dictionary<string, string?>
        {
            ["Hexapla:Limits:RequestBodyBytes"] = "65536",
            // Uploads over it are just over it (262,500 bytes and their multipart headers): the server answers 413 once the
            // limit is passed and closes the connection, and a body that is mostly still unsent then breaks the client's pipe.
            ["Hexapla:Limits:UploadBytes"] = "262144",
        });
        var contract = new ApiContract(await DocumentOf(desk.Site));
        var run = new Run(desk, contract);
        try
        {
            await ScenarioAsync(run);
        }
        catch (Exception e) when (run.Problems.Count > 0)
        {
            // A step that could not go on because an earlier answer was wrong: the wrong answers say why.
            Assert.Fail(string.Join("\n", run.Problems) + "\n" + e);
        }

        Assert.True(run.Problems.Count == 0, string.Join("\n", run.Problems));
        Assert.Empty(contract.Declared().Except(contract.Seen).Select(d => $"declared but never provoked: {d}"));
    }

    private static async Task ScenarioAsync(Run run)
    {
        var huge = new { title = "Too large", body = new string('x', 100_000), reason = "x", note = "x" };

        // The document itself, and the public reads; a cached public answer is 304 to its own ETag.
        var (_, openApiTag) = await run.Call(200, HttpMethod.Get, "/api/openapi.json", null);
        await run.Call(304, HttpMethod.Get, "/api/openapi.json", null, ifNoneMatch: openApiTag);
        var (_, listTag) = await run.Call(200, HttpMethod.Get, "/api/v1/documents", null);
        await run.Call(200, HttpMethod.Get, "/api/v1/documents?lang=ru-RU&page=1", null);
        await run.Call(304, HttpMethod.Get, "/api/v1/documents", null, ifNoneMatch: listTag);
        await run.Call(400, HttpMethod.Get, "/api/v1/documents?page=0", null);
        await run.Call(400, HttpMethod.Get, "/api/v1/documents?lang=not_a_language!", null);
        var (_, documentTag) = await run.Call(200, HttpMethod.Get, Document, null);
        await run.Call(304, HttpMethod.Get, Document, null, ifNoneMatch: documentTag);
        await run.Call(404, HttpMethod.Get, Nowhere, null);
        var (_, englishTag) = await run.Call(200, HttpMethod.Get, English, null);
        await run.Call(304, HttpMethod.Get, English, null, ifNoneMatch: englishTag);
        await run.Call(304, HttpMethod.Get, English, "eddie", ifNoneMatch: englishTag);
        await run.Call(200, HttpMethod.Get, English, "eddie");
        await run.Call(400, HttpMethod.Get, Document + "/not_a_language!", null);
        await run.Call(404, HttpMethod.Get, Nowhere + "/en-GB", null);
        await run.Call(404, HttpMethod.Get, French, "eddie");
        var (_, searchTag) = await run.Call(200, HttpMethod.Get, "/api/v1/search?q=Ирак&lang=*", null);
        await run.Call(304, HttpMethod.Get, "/api/v1/search?q=Ирак&lang=*", null, ifNoneMatch: searchTag);
        await run.Call(400, HttpMethod.Get, "/api/v1/search?q=Ирак&from=yesterday", null);
        await run.Call(405, HttpMethod.Patch, English, "eddie", new { title = "x" });
        await run.Call(404, HttpMethod.Get, "/api/v1/Not_A_Slug", "eddie");

        // Who the token is.
        await run.Call(200, HttpMethod.Get, "/api/v1/me", "tom");
        await run.Call(401, HttpMethod.Get, "/api/v1/me", null);
        await run.Call(401, HttpMethod.Get, "/api/v1/me", "nobody");

        // Translation status.
        await run.Call(200, HttpMethod.Get, English + "/status", "tess");
        await run.Call(401, HttpMethod.Get, English + "/status", null);
        await run.Call(403, HttpMethod.Get, English + "/status", "tom");
        await run.Call(400, HttpMethod.Get, Document + "/not_a_language!/status", "eddie");
        await run.Call(404, HttpMethod.Get, Nowhere + "/en-GB/status", "eddie");

        // A new document.
        var note = new { slug = "contract-note", language = "en-GB", title = "A note", body = "One paragraph.\n\nAnother one." };
        await run.Call(401, HttpMethod.Post, "/api/v1/documents", null, note);
        await run.Call(401, HttpMethod.Post, "/api/v1/documents", "nobody", note);
        await run.Call(403, HttpMethod.Post, "/api/v1/documents", "tom", note);
        await run.Call(415, HttpMethod.Post, "/api/v1/documents", "eddie", raw: "slug=contract-note", contentType: "text/plain");
        await run.Call(413, HttpMethod.Post, "/api/v1/documents", "eddie", huge);
        await run.Call(400, HttpMethod.Post, "/api/v1/documents", "eddie", new { language = "en-GB" });
        await run.Call(400, HttpMethod.Post, "/api/v1/documents", "eddie", raw: "{\"title\": ");
        await run.Call(400, HttpMethod.Post, "/api/v1/documents", "eddie", raw: "null");
        await run.Call(400, HttpMethod.Post, "/api/v1/documents", "eddie", raw: "[\"A note\"]");
        await run.Call(400, HttpMethod.Post, "/api/v1/documents", "eddie", note with { slug = "Not_A_Slug" });
        await run.Call(201, HttpMethod.Post, "/api/v1/documents", "eddie", note);
        await run.Call(409, HttpMethod.Post, "/api/v1/documents", "eddie", note);

        // A new translation, saved: 428 without If-Match, 201 with *, 412 stale, 200 with its ETag.
        var french = new { title = "Évolution de la situation en Irak", body = "Un paragraphe." };
        await run.Call(401, HttpMethod.Put, French, null, french, ifMatch: "*");
        await run.Call(403, HttpMethod.Put, English, "tom", french, ifMatch: "*");
        await run.Call(400, HttpMethod.Put, Document + "/not_a_language!", "tom", french, ifMatch: "*");
        await run.Call(404, HttpMethod.Put, Nowhere + "/fr-FR", "eddie", french, ifMatch: "*");
        await run.Call(428, HttpMethod.Put, French, "tom", french);
        await run.Call(415, HttpMethod.Put, French, "tom", raw: "title=x", contentType: "text/plain", ifMatch: "*");
        await run.Call(413, HttpMethod.Put, French, "tom", huge, ifMatch: "*");
        await run.Call(400, HttpMethod.Put, French, "tom", new { title = "Sans texte" }, ifMatch: "*");
        var (_, frenchTag) = await run.Call(201, HttpMethod.Put, French, "tom", french, ifMatch: "*");
        await run.Call(412, HttpMethod.Put, French, "tom", french, ifMatch: StaleTag);
        await run.Call(412, HttpMethod.Put, French, "tom", french, ifMatch: "not an etag");
        await run.Call(404, HttpMethod.Put, "/api/v1/documents/Not_A_Slug/fr-FR", "eddie", french, ifMatch: "*");
        (_, frenchTag) = await run.Call(200, HttpMethod.Put, French, "tom", french with { }, ifMatch: frenchTag);

        // Review: submit, approve, reject.
        await run.Call(401, HttpMethod.Post, French + "/submit", null);
        // A translator of another language does not see the version at all; a reviewer sees it but does not write it.
        await run.Call(404, HttpMethod.Post, French + "/submit", "tess");
        await run.Call(403, HttpMethod.Post, French + "/submit", "rita");
        await run.Call(400, HttpMethod.Post, Document + "/not_a_language!/submit", "tom");
        await run.Call(404, HttpMethod.Post, Nowhere + "/fr-FR/submit", "tom");
        await run.Call(412, HttpMethod.Post, French + "/submit", "tom", ifMatch: StaleTag);
        (_, frenchTag) = await run.Call(200, HttpMethod.Post, French + "/submit", "tom", ifMatch: frenchTag);
        await run.Call(400, HttpMethod.Post, French + "/submit", "tom");
        await run.Call(401, HttpMethod.Post, French + "/approve", null);
        await run.Call(403, HttpMethod.Post, French + "/approve", "tom");
        await run.Call(400, HttpMethod.Post, Document + "/not_a_language!/approve", "rita");
        await run.Call(404, HttpMethod.Post, Nowhere + "/fr-FR/approve", "rita");
        await run.Call(412, HttpMethod.Post, French + "/approve", "rita", ifMatch: StaleTag);
        (_, frenchTag) = await run.Call(200, HttpMethod.Post, French + "/approve", "rita", ifMatch: frenchTag);
        await run.Call(400, HttpMethod.Post, French + "/approve", "rita");

        const string Note = "/api/v1/documents/contract-note/en-GB";
        await run.Call(200, HttpMethod.Post, Note + "/submit", "eddie");
        await run.Call(401, HttpMethod.Post, Note + "/reject", null, new { reason = "Shorter, please." });
        await run.Call(403, HttpMethod.Post, Note + "/reject", "tess", new { reason = "Shorter, please." });
        await run.Call(400, HttpMethod.Post, "/api/v1/documents/contract-note/not_a_language!/reject", "rita", new { reason = "Shorter, please." });
        await run.Call(404, HttpMethod.Post, Nowhere + "/en-GB/reject", "rita", new { reason = "Shorter, please." });
        await run.Call(415, HttpMethod.Post, Note + "/reject", "rita", raw: "Shorter, please.", contentType: "text/plain");
        await run.Call(413, HttpMethod.Post, Note + "/reject", "rita", huge);
        await run.Call(400, HttpMethod.Post, Note + "/reject", "rita");
        await run.Call(412, HttpMethod.Post, Note + "/reject", "rita", new { reason = "Shorter, please." }, ifMatch: StaleTag);
        await run.Call(200, HttpMethod.Post, Note + "/reject", "rita", new { reason = "Shorter, please." });
        await run.Call(400, HttpMethod.Post, Note + "/reject", "rita", new { reason = "Again." });

        // Publishing and withdrawing the approved translation.
        await run.Call(401, HttpMethod.Post, French + "/publish", null);
        await run.Call(403, HttpMethod.Post, French + "/publish", "tom");
        await run.Call(400, HttpMethod.Post, Document + "/not_a_language!/publish", "eddie");
        await run.Call(400, HttpMethod.Post, French + "/publish", "eddie", new { at = "2026-12-01T10:00:00" });
        await run.Call(415, HttpMethod.Post, French + "/publish", "eddie", raw: "now", contentType: "text/plain");
        await run.Call(413, HttpMethod.Post, French + "/publish", "eddie", huge);
        await run.Call(404, HttpMethod.Post, Nowhere + "/fr-FR/publish", "eddie");
        await run.Call(412, HttpMethod.Post, French + "/publish", "eddie", ifMatch: StaleTag);
        await run.Call(400, HttpMethod.Post, "/api/v1/documents/contract-note/en-GB/publish", "eddie");
        (_, frenchTag) = await run.Call(200, HttpMethod.Post, French + "/publish", "eddie", ifMatch: frenchTag);
        await run.Call(401, HttpMethod.Post, French + "/unpublish", null);
        await run.Call(403, HttpMethod.Post, French + "/unpublish", "tom");
        await run.Call(400, HttpMethod.Post, Document + "/not_a_language!/unpublish", "eddie");
        await run.Call(404, HttpMethod.Post, Nowhere + "/fr-FR/unpublish", "eddie");
        await run.Call(412, HttpMethod.Post, French + "/unpublish", "eddie", ifMatch: StaleTag);
        (_, frenchTag) = await run.Call(200, HttpMethod.Post, French + "/unpublish", "eddie", ifMatch: frenchTag);
        await run.Call(400, HttpMethod.Post, French + "/unpublish", "eddie");

        // A correction of the published original, through review and live: the English translation falls behind.
        var (original, russianTag) = await run.Call(200, HttpMethod.Get, Russian, "eddie");
        var paragraphs = original.GetProperty("body").GetString()!.Split("\n\n");
        paragraphs[0] += " Исправлено.";
        var correction = new { title = original.GetProperty("title").GetString(), body = string.Join("\n\n", paragraphs), note = "A correction." };
        (_, russianTag) = await run.Call(200, HttpMethod.Put, Russian, "eddie", correction, ifMatch: russianTag);
        (_, russianTag) = await run.Call(200, HttpMethod.Post, Russian + "/submit", "eddie", ifMatch: russianTag);
        (_, russianTag) = await run.Call(200, HttpMethod.Post, Russian + "/approve", "rita", ifMatch: russianTag);
        (_, russianTag) = await run.Call(200, HttpMethod.Post, Russian + "/publish", "eddie", ifMatch: russianTag);
        var (status, _) = await run.Call(200, HttpMethod.Get, English + "/status", "tess");
        var outdated = status.GetProperty("outdatedSegments").EnumerateArray().Select(s => s.GetString()).ToArray();
        Assert.NotEmpty(outdated);

        // Keep as is.
        var (_, englishWork) = await run.Call(200, HttpMethod.Get, English, "tess");
        var keep = new { segments = outdated, note = "Only the original's wording changed." };
        await run.Call(401, HttpMethod.Post, English + "/keep", null, keep, ifMatch: englishWork);
        await run.Call(403, HttpMethod.Post, English + "/keep", "tom", keep, ifMatch: englishWork);
        await run.Call(400, HttpMethod.Post, Document + "/not_a_language!/keep", "tess", keep, ifMatch: englishWork);
        await run.Call(404, HttpMethod.Post, Nowhere + "/en-GB/keep", "eddie", keep, ifMatch: englishWork);
        await run.Call(428, HttpMethod.Post, English + "/keep", "tess", keep);
        await run.Call(415, HttpMethod.Post, English + "/keep", "tess", raw: "p1", contentType: "text/plain", ifMatch: englishWork);
        await run.Call(413, HttpMethod.Post, English + "/keep", "tess", huge, ifMatch: englishWork);
        await run.Call(400, HttpMethod.Post, English + "/keep", "tess", new { note = "No segments." }, ifMatch: englishWork);
        await run.Call(412, HttpMethod.Post, English + "/keep", "tess", keep, ifMatch: StaleTag);
        await run.Call(200, HttpMethod.Post, English + "/keep", "tess", keep, ifMatch: englishWork);

        // A working copy over the live original, held by a pending release, then the release cancelled and the copy discarded.
        (_, russianTag) = await run.Call(200, HttpMethod.Put, Russian, "eddie", correction with { note = "A second correction." }, ifMatch: russianTag);
        (_, russianTag) = await run.Call(200, HttpMethod.Post, Russian + "/submit", "eddie", ifMatch: russianTag);
        var (approved, _) = await run.Call(200, HttpMethod.Post, Russian + "/approve", "rita", ifMatch: russianTag);
        var (_, russianTagNow) = await run.Call(200, HttpMethod.Get, Russian, "eddie");
        russianTag = russianTagNow;
        var workingRevision = approved.GetProperty("working").GetProperty("revision").GetInt32();
        var member = new { slug = Slug, language = "ru-RU", revision = workingRevision };
        var later = TestSite.Start.AddDays(30).ToString("O");
        await run.Call(401, HttpMethod.Get, "/api/v1/releases", null);
        await run.Call(403, HttpMethod.Get, "/api/v1/releases", "tom");
        await run.Call(400, HttpMethod.Get, "/api/v1/releases?all=maybe", "eddie");
        await run.Call(401, HttpMethod.Post, "/api/v1/releases", null, new { at = later, versions = new[] { member } });
        await run.Call(403, HttpMethod.Post, "/api/v1/releases", "tom", new { at = later, versions = new[] { member } });
        await run.Call(415, HttpMethod.Post, "/api/v1/releases", "eddie", raw: "ru-RU", contentType: "text/plain");
        await run.Call(413, HttpMethod.Post, "/api/v1/releases", "eddie", huge);
        await run.Call(400, HttpMethod.Post, "/api/v1/releases", "eddie", new { at = later });
        await run.Call(409, HttpMethod.Post, "/api/v1/releases", "eddie", new { at = later, versions = new[] { member with { revision = workingRevision - 1 } } });
        await run.Call(422, HttpMethod.Post, "/api/v1/releases", "eddie", new { at = later, versions = new[] { new { slug = "contract-note", language = "en-GB", revision = 1 } } });
        var (release, _) = await run.Call(201, HttpMethod.Post, "/api/v1/releases", "eddie", new { at = later, versions = new[] { member } });
        var releasePath = $"/api/v1/releases/{release.GetProperty("id").GetInt64()}";
        await run.Call(200, HttpMethod.Get, "/api/v1/releases", "eddie");
        await run.Call(200, HttpMethod.Get, "/api/v1/releases?all=true", null, session: true);
        await run.Call(200, HttpMethod.Get, releasePath, "eddie");
        await run.Call(401, HttpMethod.Get, releasePath, null);
        await run.Call(403, HttpMethod.Get, releasePath, "tom");
        await run.Call(400, HttpMethod.Get, "/api/v1/releases/first", "eddie");
        await run.Call(404, HttpMethod.Get, "/api/v1/releases/999", "eddie");
        await run.Call(400, HttpMethod.Get, "/api/v1/releases/0", "eddie");

        await run.Call(401, HttpMethod.Post, Russian + "/discard", null, ifMatch: russianTag);
        await run.Call(403, HttpMethod.Post, Russian + "/discard", "tom", ifMatch: russianTag);
        await run.Call(400, HttpMethod.Post, Document + "/not_a_language!/discard", "eddie", ifMatch: russianTag);
        await run.Call(404, HttpMethod.Post, Nowhere + "/ru-RU/discard", "eddie", ifMatch: russianTag);
        await run.Call(428, HttpMethod.Post, Russian + "/discard", "eddie");
        await run.Call(412, HttpMethod.Post, Russian + "/discard", "eddie", ifMatch: StaleTag);
        await run.Call(409, HttpMethod.Post, Russian + "/discard", "eddie", ifMatch: russianTag);
        await run.Call(409, HttpMethod.Post, Russian + "/publish", "eddie", new { at = TestSite.Start.AddDays(31).ToString("O") }, ifMatch: russianTag);

        await run.Call(401, HttpMethod.Delete, releasePath, null);
        await run.Call(403, HttpMethod.Delete, releasePath, "tom");
        await run.Call(400, HttpMethod.Delete, "/api/v1/releases/first", "eddie");
        await run.Call(404, HttpMethod.Delete, "/api/v1/releases/999", "eddie");
        await run.Call(200, HttpMethod.Delete, releasePath, "eddie");
        await run.Call(409, HttpMethod.Delete, releasePath, "eddie");
        (_, russianTag) = await run.Call(200, HttpMethod.Post, Russian + "/discard", "eddie", ifMatch: russianTag);

        // The French translation released at once (200, done): a release never kept.
        (_, frenchTag) = await run.Call(200, HttpMethod.Put, French, "tom", french with { }, ifMatch: frenchTag);
        await run.Call(200, HttpMethod.Post, French + "/submit", "tom");
        var (frenchApproved, _) = await run.Call(200, HttpMethod.Post, French + "/approve", "rita");
        var frenchRevision = frenchApproved.TryGetProperty("working", out var work) && work.ValueKind == JsonValueKind.Object
            ? work.GetProperty("revision").GetInt32() : frenchApproved.GetProperty("revision").GetInt32();
        await run.Call(200, HttpMethod.Post, "/api/v1/releases", "eddie", new { versions = new[] { new { slug = Slug, language = "fr-FR", revision = frenchRevision } } });

        // Restore an earlier revision of the original as a working copy.
        var restore = new { revision = 1, note = "Back to the first wording." };
        await run.Call(401, HttpMethod.Post, Russian + "/restore", null, restore, ifMatch: russianTag);
        await run.Call(403, HttpMethod.Post, Russian + "/restore", "tom", restore, ifMatch: russianTag);
        await run.Call(400, HttpMethod.Post, Document + "/not_a_language!/restore", "eddie", restore, ifMatch: russianTag);
        await run.Call(404, HttpMethod.Post, Nowhere + "/ru-RU/restore", "eddie", restore, ifMatch: russianTag);
        await run.Call(428, HttpMethod.Post, Russian + "/restore", "eddie", restore);
        await run.Call(415, HttpMethod.Post, Russian + "/restore", "eddie", raw: "1", contentType: "text/plain", ifMatch: russianTag);
        await run.Call(413, HttpMethod.Post, Russian + "/restore", "eddie", huge, ifMatch: russianTag);
        await run.Call(400, HttpMethod.Post, Russian + "/restore", "eddie", new { note = "Which one?" }, ifMatch: russianTag);
        await run.Call(412, HttpMethod.Post, Russian + "/restore", "eddie", restore, ifMatch: StaleTag);
        await run.Call(200, HttpMethod.Post, Russian + "/restore", "eddie", restore, ifMatch: russianTag);

        await MediaScenarioAsync(run, huge);
        await StructureScenarioAsync(run, huge);

        // Deleting a document (admins).
        await run.Call(401, HttpMethod.Delete, "/api/v1/documents/contract-note", null);
        await run.Call(403, HttpMethod.Delete, "/api/v1/documents/contract-note", "eddie");
        await run.Call(404, HttpMethod.Delete, Nowhere, "alice");
        await run.Call(404, HttpMethod.Delete, "/api/v1/documents/Not_A_Slug", "alice");
        await run.Call(204, HttpMethod.Delete, "/api/v1/documents/contract-note", "alice");
    }

    /// <summary>The media library: uploads (multipart), texts, variants, where-used and deletion, with every refusal.</summary>
    private static async Task MediaScenarioAsync(Run run, object huge)
    {
        var png = Png(64, 48);
        const string Library = "/api/v1/media";
        const string NoItem = "/api/v1/media/999999";
        await run.Call(401, HttpMethod.Get, Library, null);
        await run.Call(200, HttpMethod.Get, Library, "tom");
        await run.Call(200, HttpMethod.Get, Library + "?q=map&kind=image&lang=ru-RU&page=1", null, session: true);
        await run.Call(400, HttpMethod.Get, Library + "?kind=video", "eddie");

        await run.Call(401, HttpMethod.Post, Library, null, content: Upload(png, "map.png", "image/png"));
        await run.Call(403, HttpMethod.Post, Library, "tom", content: Upload(png, "map.png", "image/png"));
        await run.Call(415, HttpMethod.Post, Library, "eddie", raw: "map", contentType: "text/plain");
        await run.Call(415, HttpMethod.Post, Library, "eddie", content: Upload("Not a picture."u8.ToArray(), "notes.txt", "text/plain"));
        await run.Call(400, HttpMethod.Post, Library, "eddie", content: Upload(png, "map.jpg", "image/jpeg"));
        await run.Call(400, HttpMethod.Post, Library, "eddie", content: Upload(png, "maps/map.png", "image/png"));
        await run.Call(413, HttpMethod.Post, Library, "eddie", content: Upload(new byte[262_500], "big.png", "image/png"));
        var (item, _) = await run.Call(201, HttpMethod.Post, Library, "eddie",
            content: Upload(png, "map.png", "image/png", ("lang", "ru-RU"), ("title", "Карта"), ("alt", "Карта района")));
        var path = $"{Library}/{item.GetProperty("id").GetInt64()}";

        await run.Call(200, HttpMethod.Get, path, "tess");
        await run.Call(200, HttpMethod.Get, path, null, session: true);
        await run.Call(401, HttpMethod.Get, path, null);
        await run.Call(400, HttpMethod.Get, Library + "/first", "eddie");
        await run.Call(404, HttpMethod.Get, NoItem, "eddie");

        var english = new Dictionary<string, object?> { ["alt"] = new Dictionary<string, string?> { ["en-GB"] = "A map of the area" } };
        await run.Call(401, HttpMethod.Put, path, null, english);
        await run.Call(403, HttpMethod.Put, path, "tom", english);
        await run.Call(400, HttpMethod.Put, Library + "/first", "tess", english);
        await run.Call(400, HttpMethod.Put, path, "tess", new Dictionary<string, object?> { ["alt"] = new Dictionary<string, string?> { ["not_a_language!"] = "x" } });
        await run.Call(404, HttpMethod.Put, NoItem, "tess", english);
        await run.Call(413, HttpMethod.Put, path, "eddie", huge);
        await run.Call(415, HttpMethod.Put, path, "eddie", raw: "alt=x", contentType: "text/plain");
        await run.Call(200, HttpMethod.Put, path, "tess", english);
        await run.Call(200, HttpMethod.Put, path, "eddie", new { focal = new { x = 0.25, y = 0.5 }, caption = new Dictionary<string, string?> { ["ru-RU"] = "Подпись" } });

        var variant = path + "/files/en-GB";
        await run.Call(401, HttpMethod.Put, variant, null, content: Upload(png, "map-en.png", "image/png"));
        await run.Call(403, HttpMethod.Put, variant, "tom", content: Upload(png, "map-en.png", "image/png"));
        await run.Call(400, HttpMethod.Put, path + "/files/not_a_language!", "eddie", content: Upload(png, "map-en.png", "image/png"));
        await run.Call(404, HttpMethod.Put, NoItem + "/files/en-GB", "eddie", content: Upload(png, "map-en.png", "image/png"));
        await run.Call(415, HttpMethod.Put, variant, "eddie", raw: "map", contentType: "text/plain");
        await run.Call(413, HttpMethod.Put, variant, "eddie", content: Upload(new byte[262_500], "big.png", "image/png"));
        await run.Call(200, HttpMethod.Put, variant, "eddie", content: Upload(Png(80, 40), "map-en.png", "image/png"));
        await run.Call(401, HttpMethod.Delete, variant, null);
        await run.Call(403, HttpMethod.Delete, variant, "tom");
        await run.Call(400, HttpMethod.Delete, path + "/files/not_a_language!", "eddie");
        await run.Call(404, HttpMethod.Delete, NoItem + "/files/en-GB", "eddie");
        await run.Call(409, HttpMethod.Delete, path + "/files/ru-RU", "eddie");
        await run.Call(200, HttpMethod.Delete, variant, "eddie");

        // Used by a draft: deletion is refused, naming it; once the document is gone, it goes.
        await run.Call(201, HttpMethod.Post, "/api/v1/documents", "eddie",
            new { slug = "media-note", language = "ru-RU", title = "Карта", body = $"![](media:{item.GetProperty("id").GetInt64()})" });
        await run.Call(401, HttpMethod.Delete, path, null);
        await run.Call(403, HttpMethod.Delete, path, "tom");
        await run.Call(400, HttpMethod.Delete, Library + "/first", "eddie");
        await run.Call(404, HttpMethod.Delete, NoItem, "eddie");
        await run.Call(409, HttpMethod.Delete, path, "eddie");
        await run.Call(204, HttpMethod.Delete, "/api/v1/documents/media-note", "alice");
        await run.Call(204, HttpMethod.Delete, path, "eddie");
    }

    /// <summary>The site's structure: sections, kinds, menus, a document's place, and field values, with every refusal.</summary>
    private static async Task StructureScenarioAsync(Run run, object huge)
    {
        await run.Call(200, HttpMethod.Get, "/api/v1/sections", null);
        await run.Call(200, HttpMethod.Get, "/api/v1/kinds", null);
        await run.Call(200, HttpMethod.Get, "/api/v1/menus/header", null);
        await run.Call(404, HttpMethod.Get, "/api/v1/menus/sidebar", null);

        // Sections: create, read, change; translators retitle in their own languages.
        const string Sections = "/api/v1/sections";
        var regions = new { slug = "contract-regions", titles = new Dictionary<string, string?> { ["ru-RU"] = "Регионы", ["en-GB"] = "Regions" } };
        await run.Call(401, HttpMethod.Post, Sections, null, regions);
        await run.Call(403, HttpMethod.Post, Sections, "tom", regions);
        await run.Call(415, HttpMethod.Post, Sections, "eddie", raw: "slug=contract-regions", contentType: "text/plain");
        await run.Call(413, HttpMethod.Post, Sections, "eddie", huge);
        await run.Call(400, HttpMethod.Post, Sections, "eddie", new { titles = new Dictionary<string, string?> { ["en-GB"] = "No slug" } });
        await run.Call(422, HttpMethod.Post, Sections, "eddie", new { slug = "contract-east", parent = "no/such/section" });
        var (created, _) = await run.Call(201, HttpMethod.Post, Sections, "eddie", regions);
        var regionsId = created.GetProperty("id").GetInt64();
        await run.Call(409, HttpMethod.Post, Sections, "eddie", regions);
        var (east, _) = await run.Call(201, HttpMethod.Post, Sections, "eddie",
            new { slug = "contract-east", parent = "contract-regions", titles = new Dictionary<string, string?> { ["ru-RU"] = "Ближний Восток", ["en-GB"] = "Middle East" } });
        var eastPath = $"{Sections}/{east.GetProperty("id").GetInt64()}";
        var (empty, _) = await run.Call(201, HttpMethod.Post, Sections, "eddie", new { slug = "contract-empty", position = 3 });
        await run.Call(200, HttpMethod.Get, eastPath, null);
        await run.Call(400, HttpMethod.Get, Sections + "/first", null);
        await run.Call(404, HttpMethod.Get, Sections + "/999999", null);
        await run.Call(401, HttpMethod.Put, eastPath, null, new { position = 1 });
        await run.Call(403, HttpMethod.Put, eastPath, "rita", new { position = 1 });
        await run.Call(403, HttpMethod.Put, eastPath, "tess", new { slug = "contract-middle-east" });
        await run.Call(400, HttpMethod.Put, Sections + "/first", "eddie", new { position = 1 });
        await run.Call(404, HttpMethod.Put, Sections + "/999999", "eddie", new { position = 1 });
        await run.Call(415, HttpMethod.Put, eastPath, "eddie", raw: "position=1", contentType: "text/plain");
        await run.Call(413, HttpMethod.Put, eastPath, "eddie", huge);
        await run.Call(422, HttpMethod.Put, eastPath, "eddie", new { parent = 999999 });
        await run.Call(409, HttpMethod.Put, $"{Sections}/{regionsId}", "eddie", new { parent = "contract-regions/contract-east" });
        await run.Call(200, HttpMethod.Put, eastPath, "tess", new { titles = new Dictionary<string, string?> { ["en-GB"] = "The Middle East" } });

        // Kinds (admins).
        const string Kind = "/api/v1/kinds/contract-briefing";
        var briefing = new
        {
            names = new Dictionary<string, string?> { ["ru-RU"] = "Брифинг", ["en-GB"] = "Briefing" },
            fields = new[]
            {
                new { key = "speaker", type = "text", labels = new Dictionary<string, string?> { ["ru-RU"] = "Докладчик", ["en-GB"] = "Speaker" } },
                new { key = "event-date", type = "date", labels = new Dictionary<string, string?> { ["ru-RU"] = "Дата", ["en-GB"] = "Date" } },
                new { key = "number", type = "code", labels = new Dictionary<string, string?> { ["en-GB"] = "Number" } },
            },
        };
        await run.Call(401, HttpMethod.Put, Kind, null, briefing);
        await run.Call(403, HttpMethod.Put, Kind, "eddie", briefing);
        await run.Call(415, HttpMethod.Put, Kind, "alice", raw: "briefing", contentType: "text/plain");
        await run.Call(413, HttpMethod.Put, Kind, "alice", huge);
        await run.Call(400, HttpMethod.Put, "/api/v1/kinds/Not_A_Key", "alice", briefing);
        await run.Call(422, HttpMethod.Put, Kind, "alice", new { fields = new[] { new { key = "colour", type = "colour" } } });
        await run.Call(201, HttpMethod.Put, Kind, "alice", briefing);
        await run.Call(200, HttpMethod.Put, Kind, "alice", briefing);

        // A document made in its place, its translatable field saved with the text, then moved.
        var note = new
        {
            slug = "contract-briefing-note", language = "ru-RU", title = "Брифинг", body = "Текст брифинга.", section = "contract-regions/contract-east", kind = "contract-briefing",
            fields = new Dictionary<string, object?> { ["event-date"] = "2026-11-30", ["number"] = "1234-30-11-2026" },
        };
        await run.Call(422, HttpMethod.Post, "/api/v1/documents", "eddie", note with { fields = new Dictionary<string, object?> { ["event-date"] = "yesterday" } });
        await run.Call(409, HttpMethod.Post, "/api/v1/documents", "eddie", note with { slug = "contract-regions" });
        var (_, noteTag) = await run.Call(201, HttpMethod.Post, "/api/v1/documents", "eddie", note);
        const string Version = "/api/v1/documents/contract-briefing-note/ru-RU";
        await run.Call(422, HttpMethod.Put, Version, "eddie", new { title = "Брифинг", body = "Текст.", fields = new Dictionary<string, object?> { ["speaker"] = true } }, ifMatch: noteTag);
        await run.Call(200, HttpMethod.Put, Version, "eddie", new { title = "Брифинг", body = "Текст.", fields = new Dictionary<string, object?> { ["speaker"] = "М. Захарова" } }, ifMatch: noteTag);

        const string Place = "/api/v1/documents/contract-briefing-note/place";
        await run.Call(401, HttpMethod.Put, Place, null, new { section = regionsId });
        await run.Call(403, HttpMethod.Put, Place, "tom", new { section = regionsId });
        await run.Call(404, HttpMethod.Put, Nowhere + "/place", "eddie", new { section = regionsId });
        await run.Call(415, HttpMethod.Put, Place, "eddie", raw: "section=1", contentType: "text/plain");
        await run.Call(413, HttpMethod.Put, Place, "eddie", huge);
        await run.Call(400, HttpMethod.Put, Place, "eddie", raw: "{\"section\": ");
        await run.Call(422, HttpMethod.Put, Place, "eddie", new { kind = "no-such-kind" });
        await run.Call(200, HttpMethod.Put, Place, "eddie", new { section = regionsId });
        await run.Call(200, HttpMethod.Get, Version, "eddie");

        // A type change the stored date would not fit.
        await run.Call(409, HttpMethod.Put, Kind, "alice", briefing with { fields = [briefing.fields[0], briefing.fields[1] with { type = "number" }, briefing.fields[2]] });

        // Menus.
        const string Header = "/api/v1/menus/header";
        var header = new
        {
            entries = new object[]
            {
                new { target = "section", section = (object)regionsId, titles = new Dictionary<string, string?>(), children = new object[] { new { target = "section", section = "contract-regions/contract-east" } } },
                new { target = "document", document = "contract-briefing-note" },
                new { target = "link", url = "https://example.org/", titles = new Dictionary<string, string?> { ["en-GB"] = "Elsewhere" } },
            },
        };
        await run.Call(401, HttpMethod.Put, Header, null, header);
        await run.Call(403, HttpMethod.Put, Header, "tom", header);
        await run.Call(404, HttpMethod.Put, "/api/v1/menus/sidebar", "eddie", header);
        await run.Call(415, HttpMethod.Put, Header, "eddie", raw: "entries", contentType: "text/plain");
        await run.Call(413, HttpMethod.Put, Header, "eddie", huge);
        await run.Call(400, HttpMethod.Put, Header, "eddie", new { entries = new[] { new { target = "page" } } });
        await run.Call(422, HttpMethod.Put, Header, "eddie", new { entries = new[] { new { target = "section", section = "no/such" } } });
        await run.Call(200, HttpMethod.Put, Header, "eddie", header);
        await run.Call(200, HttpMethod.Get, Header, null);
        await run.Call(200, HttpMethod.Get, Header, "eddie");
        await run.Call(200, HttpMethod.Get, "/api/v1/sections", null);

        // Deletes: refused while in use, then done.
        var emptyPath = $"{Sections}/{empty.GetProperty("id").GetInt64()}";
        await run.Call(401, HttpMethod.Delete, emptyPath, null);
        await run.Call(403, HttpMethod.Delete, emptyPath, "tom");
        await run.Call(400, HttpMethod.Delete, Sections + "/first", "eddie");
        await run.Call(404, HttpMethod.Delete, Sections + "/999999", "eddie");
        await run.Call(409, HttpMethod.Delete, $"{Sections}/{regionsId}", "eddie");
        await run.Call(204, HttpMethod.Delete, emptyPath, "eddie");
        await run.Call(401, HttpMethod.Delete, Kind, null);
        await run.Call(403, HttpMethod.Delete, Kind, "eddie");
        await run.Call(404, HttpMethod.Delete, "/api/v1/kinds/no-such-kind", "alice");
        await run.Call(409, HttpMethod.Delete, Kind, "alice");
        await run.Call(200, HttpMethod.Put, Place, "eddie", new { kind = (string?)null, fields = new Dictionary<string, object?>() });
        await run.Call(204, HttpMethod.Delete, Kind, "alice");
    }

    private static byte[] Png(int width, int height)
    {
        using var image = NetVips.Image.Black(width, height, bands: 3) + 90;
        return image.PngsaveBuffer();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string contentType, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        return form;
    }

    /// <summary>Sends requests as the newsdesk's people and checks each answer against the contract, collecting every mismatch.</summary>
    private sealed class Run(Newsdesk desk, ApiContract contract)
    {
        private string? _session;

        public List<string> Problems { get; } = [];

        public async Task<(JsonElement Json, string? ETag)> Call(
            int expected, HttpMethod method, string url, string? who, object? json = null,
            string? raw = null, string contentType = "application/json", string? ifMatch = null, string? ifNoneMatch = null, bool session = false,
            HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, url);
            if (who is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", desk.Tokens.TryGetValue(who, out var token) ? token : "hxp_unknown-token");
            }

            if (session)
            {
                if (_session is null)
                {
                    using var browser = new AdminClient(desk.Site);
                    await browser.LoginOrFailAsync("eddie", Newsdesk.Password);
                    _session = string.Join("; ", browser.Cookies.Select(c => $"{c.Name}={c.Value}"));
                }

                request.Headers.Add("Cookie", _session);
            }

            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            if (ifNoneMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            }

            if (content is not null)
            {
                request.Content = content;
            }
            else if (raw is not null)
            {
                request.Content = new StringContent(raw, Encoding.UTF8, contentType);
            }
            else if (json is not null)
            {
                request.Content = JsonContent.Create(json);
            }

            using var response = await desk.Site.Client.SendAsync(request);
            var (problems, body) = await contract.CheckAsync(method, url, response);
            if (json is not null && (int)response.StatusCode is >= 200 and < 300)
            {
                problems.AddRange(contract.CheckRequest(method, url, JsonSerializer.Serialize(json)));
            }

            if ((int)response.StatusCode != expected)
            {
                problems.Insert(0, $"{method} {url} by {who ?? "(anonymous)"}: expected {expected}, got {(int)response.StatusCode}: {body}");
            }

            Problems.AddRange(problems);
            var parsed = body.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true
                ? JsonDocument.Parse(body).RootElement.Clone()
                : default;
            return (parsed, response.Headers.ETag?.ToString());
        }
    }
}
