using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hexapla.Tests.Security;

/// <summary>
/// Walks every route the running site has (read from its endpoint table, so a route added later is walked too) with
/// hostile values in its route parameters and in every query parameter the site reads, anonymously and signed in,
/// and posts 5,000 form fields to every route that takes a body: nothing may answer 5xx.
/// </summary>
public sealed class HostileRouteTests
{
    private const string Password = "correct horse battery staple";

    /// <summary>Values an attacker or a careless link gives: huge, negative, non-numeric numbers, control characters.</summary>
    private static readonly string[] Hostile =
    [
        "2147483647", "2147483648", "-1", "0", "-2147483648", "99999999999999999999999", "1e9", "0x10", "1.5", " 1", "abc",
        "\u0001", "\u000B", "%00", "a\u0000b", "\uFFFF", "../../etc/passwd", "<script>", new string('9', 5000),
        "2026-12-06T15:54:01", "razvitie-situacii-v-irake", "en-gb",
    ];

    /// <summary>The query parameters the site reads somewhere; each is tried alone with each hostile value.</summary>
    private static readonly string[] QueryNames = ["page", "lang", "q", "state", "tag", "from", "to", "all", "source", "target", "revision", "returnUrl", "format", "languageId", "outdated", "missing", "done"];

    /// <summary>The form fields the admin's forms send; each is set to each hostile value in turn.</summary>
    private static readonly string[] FormNames =
    [
        "title", "summary", "body", "tags", "at", "revision", "expected", "lang", "language", "original", "slug", "action", "reason",
        "name", "password", "role", "term", "translation", "note", "source", "target", "segments", "segment", "returnUrl",
        "member",
    ];

    [Fact]
    public async Task EveryRoute_WithHostileValues_NeverAnswers5xx()
    {
        string token = "";
        await using var site = await TestSite.StartAsync(allSamples: true, prepare: async (data, clock) =>
        {
            var user = await AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password);
            await AdminClient.AddUserAsync(data, clock, "bob", Role.Translator, Password, "en-GB");
            var store = await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName));
            token = ApiTokens.Create();
            await store.AddTokenAsync("anna-token", user.Id, ApiTokens.HashOf(token), clock.GetUtcNow());
        });
        using var admin = new AdminClient(site);
        await admin.LoginOrFailAsync("anna", Password);
        var failures = new List<string>();

        var routes = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .ToList();
        Assert.True(routes.Count > 30, $"Only {routes.Count} routes were found: the walk would prove little.");

        foreach (var (pattern, methods) in routes)
        {
            // Reading routes: every route value, then every query parameter, takes each hostile value in turn; anonymous
            // and signed in (cookie for the admin, bearer token for the API).
            if (methods.Contains("GET"))
            {
                var paths = Paths(pattern).ToList();
                var real = paths[0];
                var slashed = real.EndsWith('/') ? [real] : new[] { real, real + "/" };
                foreach (var path in paths.Concat(slashed).Distinct())
                {
                    await CheckAsync(site.Client, HttpMethod.Get, path, null, failures);
                    await CheckAsync(admin.Http, HttpMethod.Get, path, null, failures);
                    await CheckAsync(admin.Http, HttpMethod.Get, path, token, failures);
                    await CheckAsync(site.Client, HttpMethod.Head, path, null, failures);
                    await CheckAsync(admin.Http, HttpMethod.Get, path + "?lang=en-gb&source=ru-RU&target=en-GB&page=1&q=iraq", null, failures);
                }

                foreach (var query in QueryNames.SelectMany(n => Hostile.Select(v => $"?{n}={Uri.EscapeDataString(v)}")))
                {
                    foreach (var path in slashed)
                    {
                        await CheckAsync(site.Client, HttpMethod.Get, path + query, null, failures);
                        await CheckAsync(admin.Http, HttpMethod.Get, path + query, null, failures);
                    }
                }
            }

        }

        // Writing routes, after every reading one, and those that delete or sign out last: 5,000 form fields, a hostile
        // JSON body, a body that is neither, with and without credentials; then, signed in with a valid antiforgery
        // token, every form field the admin reads set to each hostile value. Only the first filled path is used.
        var writing = routes.SelectMany(r => r.Methods.Where(m => m is "POST" or "PUT" or "DELETE").Select(m => (r.Pattern, Method: m)))
            .OrderBy(r => r.Pattern.RawText!.Contains("login", StringComparison.Ordinal) ? 3
                : r.Pattern.RawText.Contains("logout", StringComparison.Ordinal) ? 2
                : r.Method == "DELETE" || r.Pattern.RawText.Contains("delete", StringComparison.Ordinal) || r.Pattern.RawText.Contains("disabled", StringComparison.Ordinal) ? 1
                : 0)
            .ToList();
        var previous = "(none)";
        foreach (var (pattern, method) in writing)
        {
            {
                var path = Paths(pattern).First();
                var many = string.Join('&', Enumerable.Range(0, 5000).Select(i => $"f{i}=1"));
                using (var alive = await admin.Http.GetAsync("/admin/"))
            {
                Assert.True(alive.StatusCode == HttpStatusCode.OK || pattern.RawText!.Contains("log", StringComparison.Ordinal), $"The session ended before {method} {pattern.RawText} was tried, after {previous}: /admin/ answered {(int)alive.StatusCode} {alive.Headers.Location}.");
            }

            foreach (var (body, type) in new[]
                {
                    (many, "application/x-www-form-urlencoded"),
                    ("{\"title\":\"\\u0001\",\"body\":\"\\u000b\",\"at\":\"2026-12-06T15:54:01\",\"page\":2147483647,\"revision\":-1}", "application/json"),
                    ("\u0001{", "application/json"),
                    ("--x\r\n", "multipart/form-data; boundary=x"),
                })
                {
                    await CheckAsync(site.Client, new HttpMethod(method), path, null, failures, body, type);
                    await CheckAsync(admin.Http, new HttpMethod(method), path, null, failures, body, type);
                    await CheckAsync(site.Client, new HttpMethod(method), path, token, failures, body, type);
                }

                previous = $"{method} {pattern.RawText}";
                if (method == "POST" && path.StartsWith("/admin", StringComparison.Ordinal))
                {
                    foreach (var value in Hostile)
                    {
                        // Only signing out may end the session; after it, the login form's token serves the login's posts.
                        var signedOut = pattern.RawText!.Contains("logout", StringComparison.Ordinal) || pattern.RawText.Contains("login", StringComparison.Ordinal);
                        using (var check = await admin.Http.GetAsync("/admin/"))
                        {
                            Assert.True(signedOut || check.StatusCode == HttpStatusCode.OK, $"The session ended before {path} was posted with {Shorten(value)}.");
                        }

                        using var response = await admin.PostFormAsync(path, FormNames.Select(n => new KeyValuePair<string, string>(n, value)), formPage: signedOut ? "/admin/login" : "/admin/");
                        if ((int)response.StatusCode >= 500)
                        {
                            failures.Add($"POST {Shorten(path)} [form, every field {Shorten(value)}]: {(int)response.StatusCode}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} request(s) answered 5xx:\n{string.Join('\n', failures.Take(60))}");
    }

    /// <summary>The route filled in: with real values first, then with each hostile value in each parameter.</summary>
    private static IEnumerable<string> Paths(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        string Fill(Func<string, string> value) => "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => Uri.EscapeDataString(value(parameter.Name)),
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

        static string Real(string name) => name.ToLowerInvariant() switch
        {
            "lang" or "language" => "en-gb",
            "slug" => "razvitie-situacii-v-irake",
            "source" => "ru-RU",
            "target" => "en-GB",
            "name" => "bob",
            _ => "1",
        };

        yield return Fill(Real);
        foreach (var parameter in pattern.Parameters)
        {
            foreach (var value in Hostile)
            {
                yield return Fill(name => name == parameter.Name ? value : Real(name));
            }
        }
    }

    private static async Task CheckAsync(HttpClient client, HttpMethod method, string path, string? token, List<string> failures, string? body = null, string? type = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type!);
        }

        try
        {
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{method} {Shorten(path)}{(token is null ? "" : " (bearer)")}{(body is null ? "" : $" [{type}, {body.Length} chars]")}: {(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException e)
        {
            failures.Add($"{method} {Shorten(path)}: the connection failed ({e.Message})");
        }
    }

    private static string Shorten(string path) => path.Length > 160 ? path[..160] + "…" : path;
}
