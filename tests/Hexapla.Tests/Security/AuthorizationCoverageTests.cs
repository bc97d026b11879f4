using System.Net;
using Hexapla.Admin;
using Hexapla.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hexapla.Tests.Security;

/// <summary>
/// Every admin page and action, and every API route that changes something or is for signed-in callers, requires
/// authorization through its route group, so a page added later cannot be left open by forgetting a call. The
/// exceptions are a short, explicit list.
/// </summary>
public sealed class AuthorizationCoverageTests
{
    /// <summary>What anyone may reach under the protected prefixes: the login form and its post.</summary>
    // The language picker is on the login page too: choosing the admin's language needs no session.
    private static readonly HashSet<string> Anonymous = ["GET /admin/login", "POST /admin/login", "POST /admin/language"];

    private static bool Protected(string pattern, string method) =>
        pattern.StartsWith("/admin", StringComparison.Ordinal)
        || pattern == "/api/v1/me"
        || pattern.EndsWith("/status", StringComparison.Ordinal) && pattern.StartsWith("/api/v1/", StringComparison.Ordinal)
        || pattern.StartsWith("/api/v1/releases", StringComparison.Ordinal)
        || pattern.StartsWith("/api/v1/", StringComparison.Ordinal) && method is not ("GET" or "HEAD");

    private static List<(string Method, string Pattern, Endpoint Endpoint)> Endpoints(TestSite site) =>
        [.. site.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), (Endpoint)e)))];

    [Fact]
    public async Task EveryAdminAndWriteEndpoint_RequiresAuthorization_ButTheLoginForm()
    {
        await using var site = await TestSite.StartAsync(samples: false);
        var endpoints = Endpoints(site).Where(e => Protected(e.Pattern, e.Method)).ToList();

        Assert.True(endpoints.Count > 25, $"only {endpoints.Count} endpoints found");
        Assert.Contains(endpoints, e => e.Method == "PUT" && e.Pattern.StartsWith("/api/v1/documents", StringComparison.Ordinal));
        var open = endpoints
            .Where(e => !Anonymous.Contains($"{e.Method} {e.Pattern}"))
            .Where(e => !e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() || e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => $"{e.Method} {e.Pattern}")
            .ToList();
        Assert.Empty(open);
        foreach (var login in Anonymous)
        {
            var endpoint = Assert.Single(endpoints, e => $"{e.Method} {e.Pattern}" == login).Endpoint;
            Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
        }
    }

    [Fact]
    public async Task EveryProtectedEndpoint_AnsweredAnonymously_SendsToLoginOrIs401()
    {
        await using var site = await TestSite.StartAsync(samples: false);
        var endpoints = Endpoints(site).Where(e => Protected(e.Pattern, e.Method) && !Anonymous.Contains($"{e.Method} {e.Pattern}")).ToList();

        var wrong = new List<string>();
        foreach (var (method, pattern, _) in endpoints)
        {
            var path = pattern.Replace("{slug}", "some-slug", StringComparison.Ordinal).Replace("{lang}", "en-GB", StringComparison.Ordinal).Replace("{name}", "anna", StringComparison.Ordinal)
                .Replace("{id:long}", "1", StringComparison.Ordinal).Replace("{id}", "1", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is not ("GET" or "HEAD" or "DELETE"))
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await site.Client.SendAsync(request);
            var ok = path.StartsWith("/admin", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.Redirect && new Uri(site.BaseAddress, response.Headers.Location!).AbsolutePath == AdminAuth.LoginPath
                : response.StatusCode == HttpStatusCode.Unauthorized;
            if (!ok)
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }
}
