using System.Net;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_IsServedAndDescribesTheReadApi()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/api/openapi.json");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/documents/{slug}/{lang}", out var version));
        Assert.True(version.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/v1/search", out _));
    }

    [Fact]
    public async Task OpenApiDocument_EveryDescribedReadIsRouted()
    {
        await using var site = await TestSite.StartAsync();
        var document = JsonDocument.Parse(await site.Client.GetStringAsync("/api/openapi.json")).RootElement;

        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Value.TryGetProperty("get", out _)))
        {
            var url = path.Name.Replace("{slug}", "razvitie-situacii-v-irake", StringComparison.Ordinal).Replace("{lang}", "en-GB", StringComparison.Ordinal);
            // An operation whose only security is a token answers 401 to an anonymous reader; the others answer.
            var tokenOnly = path.Value.GetProperty("get").TryGetProperty("security", out var security)
                && security.EnumerateArray().All(s => s.EnumerateObject().Any());
            using var response = await site.Client.GetAsync(url);
            var expected = tokenOnly ? HttpStatusCode.Unauthorized : HttpStatusCode.OK;
            Assert.True(response.StatusCode == expected, $"GET {url} answered {(int)response.StatusCode}, not {(int)expected}");
        }
    }

    [Fact]
    public async Task OpenApiDocument_EveryDescribedWriteIsRouted_AndAsksForAToken()
    {
        await using var site = await TestSite.StartAsync();
        var document = JsonDocument.Parse(await site.Client.GetStringAsync("/api/openapi.json")).RootElement;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in new[] { "post", "put", "delete" }.Where(m => path.Value.TryGetProperty(m, out _)))
            {
                var url = path.Name.Replace("{slug}", "razvitie-situacii-v-irake", StringComparison.Ordinal).Replace("{lang}", "en-GB", StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                using var response = await site.Client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method.ToUpperInvariant()} {url} answered {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheWorkflowAndReleases()
    {
        await using var site = await TestSite.StartAsync(samples: false);
        var document = JsonDocument.Parse(await site.Client.GetStringAsync("/api/openapi.json")).RootElement;
        var paths = document.GetProperty("paths");

        foreach (var action in new[] { "submit", "approve", "reject", "publish", "unpublish", "discard", "keep", "restore" })
        {
            Assert.True(paths.TryGetProperty($"/api/v1/documents/{{slug}}/{{lang}}/{action}", out var path), $"{action} is not described");
            Assert.True(path.TryGetProperty("post", out _));
        }

        Assert.True(paths.GetProperty("/api/v1/releases").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/releases/{id}").TryGetProperty("delete", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("VersionEdit").GetProperty("properties").TryGetProperty("note", out _));
        Assert.True(schemas.GetProperty("Version").GetProperty("properties").TryGetProperty("working", out _));
        Assert.True(schemas.GetProperty("Version").GetProperty("properties").TryGetProperty("correctionNote", out _));
    }
}
