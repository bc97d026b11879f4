using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Hexapla.Tests.Api;

/// <summary>
/// The served OpenAPI document as a contract: finds the operation an answer belongs to, and checks that the document
/// declares the answer's status, its content type and its headers, and that the body is valid by the declared schema.
/// Every object schema with <c>properties</c> is checked closed (a member the document does not name fails), so the
/// document must describe every member the server sends, not only some. Which statuses were seen is kept, so a test can
/// ask whether every declared answer was provoked.
/// </summary>
internal sealed partial class ApiContract
{
    private const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    private readonly JsonElement _document;
    private readonly JsonObject _definitions;
    private readonly Dictionary<string, JsonSchema> _schemas = [];
    private readonly List<(string Template, Regex Pattern, int Literals)> _paths;
    private readonly HashSet<string> _seen = [];

    public ApiContract(JsonElement document)
    {
        _document = document;
        _definitions = new JsonObject();
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            _definitions[schema.Name] = Closed(Rewritten(JsonNode.Parse(schema.Value.GetRawText())!));
        }

        _paths = [.. document.GetProperty("paths").EnumerateObject().Select(p => (
            p.Name,
            new Regex("^" + ParameterPattern().Replace(Regex.Escape(p.Name).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "$", RegexOptions.CultureInvariant),
            p.Name.Split('/').Count(s => !s.StartsWith('{'))))];
    }

    /// <summary>Every operation and status the document declares, as "GET /api/v1/documents 200".</summary>
    public IEnumerable<string> Declared()
    {
        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => IsMethod(o.Name)))
            {
                foreach (var status in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    yield return $"{operation.Name.ToUpperInvariant()} {path.Name} {status.Name}";
                }
            }
        }
    }

    /// <summary>The declared answers that <see cref="CheckAsync"/> has seen.</summary>
    public IReadOnlySet<string> Seen => _seen;

    /// <summary>The path template of the document that <paramref name="path"/> is an instance of: literal segments win.</summary>
    public string? TemplateOf(string path) =>
        _paths.Where(p => p.Pattern.IsMatch(path)).OrderByDescending(p => p.Literals).Select(p => p.Template).FirstOrDefault();

    public static bool IsMethod(string name) => name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options" or "trace";

    /// <summary>
    /// Checks one answer against the document; returns the problems, one line each (none when it conforms). The body is
    /// read here and returned with them.
    /// </summary>
    public async Task<(List<string> Problems, string Body)> CheckAsync(HttpMethod method, string url, HttpResponseMessage response)
    {
        var problems = new List<string>();
        var body = await response.Content.ReadAsStringAsync();
        var path = url.Split('?')[0];
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = $"{method} {url} → {status}";
        if (TemplateOf(path) is not { } template)
        {
            // An address under /api that nothing answers is a 404 in problem details, like every other API error.
            if (status != "404")
            {
                problems.Add($"{name}: the document has no path for {path}.");
            }

            CheckProblem(name, response, body, problems);
            return (problems, body);
        }

        if (!_document.GetProperty("paths").GetProperty(template).TryGetProperty(method.Method.ToLowerInvariant(), out var operation))
        {
            // A method the path does not take is answered 405 with problem details and Allow; the document cannot declare it.
            if (status != "405")
            {
                problems.Add($"{name}: {template} has no {method} operation in the document.");
            }

            CheckProblem(name, response, body, problems);
            return (problems, body);
        }

        if (!operation.GetProperty("responses").TryGetProperty(status, out var declared))
        {
            problems.Add($"{name}: the document does not declare {status} for {method} {template}. Body: {body}");
            return (problems, body);
        }

        _seen.Add($"{method} {template} {status}");
        declared = Resolve(declared);
        if (declared.TryGetProperty("headers", out var headers))
        {
            // A header the document says is always sent must be there; the others may be.
            foreach (var header in headers.EnumerateObject().Where(h => Resolve(h.Value).TryGetProperty("required", out var required) && required.GetBoolean()))
            {
                if (!response.Headers.Contains(header.Name) && !response.Content.Headers.Contains(header.Name))
                {
                    problems.Add($"{name}: the document declares the header {header.Name} required, but the answer lacks it.");
                }
            }
        }

        if (!declared.TryGetProperty("content", out var content))
        {
            if (body.Length > 0)
            {
                problems.Add($"{name}: the document declares no body, but the answer has one: {body}");
            }

            return (problems, body);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
        {
            problems.Add($"{name}: Content-Type {mediaType ?? "(none)"} is not among the declared {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}.");
            return (problems, body);
        }

        if (media.TryGetProperty("schema", out var schema))
        {
            problems.AddRange(Validate($"{method} {template} {status} {mediaType}", schema, body).Select(p => $"{name}: {p}"));
        }

        return (problems, body);
    }

    /// <summary>
    /// The problems of a request body by the operation's declared <c>requestBody</c> schema: a request the server
    /// accepted must be one the document describes, with no member it does not name.
    /// </summary>
    public IEnumerable<string> CheckRequest(HttpMethod method, string url, string json)
    {
        var path = url.Split('?')[0];
        if (TemplateOf(path) is not { } template
            || !_document.GetProperty("paths").GetProperty(template).TryGetProperty(method.Method.ToLowerInvariant(), out var operation))
        {
            return [$"{method} {url}: no such operation in the document."];
        }

        if (!operation.TryGetProperty("requestBody", out var requestBody)
            || !Resolve(requestBody).GetProperty("content").TryGetProperty("application/json", out var media))
        {
            return [$"{method} {template}: the server took a JSON body the document does not declare: {json}"];
        }

        return Validate($"{method} {template} request", media.GetProperty("schema"), json).Select(p => $"{method} {url} request body: {p}");
    }

    /// <summary>The problems of <paramref name="body"/> by the document's Problem schema.</summary>
    private void CheckProblem(string name, HttpResponseMessage response, string body, List<string> problems)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            problems.Add($"{name}: not problem details but {response.Content.Headers.ContentType?.MediaType ?? "no body"}.");
            return;
        }

        using var problem = JsonDocument.Parse("""{ "$ref": "#/components/schemas/Problem" }""");
        problems.AddRange(Validate("Problem", problem.RootElement, body).Select(p => $"{name}: {p}"));
    }

    /// <summary>The body's problems by <paramref name="schema"/> (a schema object of the document, refs and all).</summary>
    public IEnumerable<string> Validate(string key, JsonElement schema, string body)
    {
        if (!_schemas.TryGetValue(key, out var compiled))
        {
            var root = Closed(Rewritten(JsonNode.Parse(schema.GetRawText())!)).AsObject();
            root["$schema"] = Dialect;
            root["$defs"] = _definitions.DeepClone();
            // Each schema its own base, so that "#/$defs/…" resolves inside it (a fresh registry: no clash between them).
            compiled = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://contract.hexapla.test/{_schemas.Count}"));
            _schemas[key] = compiled;
        }

        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            return [$"the body is not JSON ({e.Message}): {body}"];
        }

        var result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"at {d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Distinct()
                .DefaultIfEmpty("invalid by the schema")
                .Select(p => $"{p}. Body: {body}")];
    }

    /// <summary>A response object behind its $ref.</summary>
    private JsonElement Resolve(JsonElement element)
    {
        while (element.TryGetProperty("$ref", out var reference))
        {
            element = Pointer(reference.GetString()!);
        }

        return element;
    }

    /// <summary>What a local reference (<c>#/components/…</c>) points at; a KeyNotFoundException when nothing.</summary>
    public JsonElement Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new KeyNotFoundException($"{reference} is not a local reference.");
        }

        var node = _document;
        foreach (var part in reference[2..].Split('/'))
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                throw new KeyNotFoundException($"{reference}: nothing at \"{name}\".");
            }
        }

        return node;
    }

    /// <summary>A schema whose references to the document's components point into <c>$defs</c>, where the validator finds them.</summary>
    private static JsonNode Rewritten(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue reference && reference.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    {
                        obj[key] = "#/$defs/" + reference.GetValue<string>()["#/components/schemas/".Length..];
                    }
                    else if (value is not null)
                    {
                        Rewritten(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rewritten(item);
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>Every schema that names its properties refuses others, unless it says what it does with them.</summary>
    private static JsonNode Closed(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj.ToList())
                {
                    if (value is not null)
                    {
                        Closed(value);
                    }
                }

                if (obj.ContainsKey("properties") && !obj.ContainsKey("additionalProperties") && !obj.ContainsKey("unevaluatedProperties"))
                {
                    obj["unevaluatedProperties"] = false;
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Closed(item);
                    }
                }

                break;
        }

        return node;
    }

    [GeneratedRegex("{[^/}]+}")]
    private static partial Regex ParameterPattern();
}
