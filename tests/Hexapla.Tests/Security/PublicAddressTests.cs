using System.Net;
using Hexapla.Hosting;
using Hexapla.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Security;

/// <summary>
/// A server that listens beyond loopback must be told its address (Hexapla:BaseUrl) or the host names it answers to
/// (AllowedHosts); otherwise the Host header of any client would be written into links, the sitemap and robots.txt.
/// </summary>
public sealed class PublicAddressTests
{
    private static async Task<WebApplication> BuildAsync(string dataFolder, string urls, Dictionary<string, string?> settings) =>
        await WebHost.BuildAsync(new ServeSettings(dataFolder, urls, true, [])
        {
            Clock = new FakeTimeProvider(TestSite.Start),
            Overrides = settings,
            SampleFiles = () => TestSite.Samples(false),
            SampleStructure = false,
        });

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://127.0.0.1:0;http://0.0.0.0:0")]
    public async Task Serve_BeyondLoopbackWithoutBaseUrlOrAllowedHosts_IsRefusedAtStartNamingBoth(string urls)
    {
        var data = TestSite.NewDataFolder();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = await BuildAsync(data, urls, []);
            await app.StartAsync();
        });

        var message = string.Join(" ", refusal.Failures);
        Assert.Contains("Hexapla:BaseUrl", message, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", message, StringComparison.Ordinal);
        Assert.Contains("0", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:0")]
    [InlineData("http://[::1]:0")]
    public void Problem_OnLoopback_IsNone(string urls) => Assert.Null(PublicAddress.Problem(urls, null, null));

    [Fact]
    public void Problem_AllowedHostsOfOnlyAStar_DoesNotCount() =>
        Assert.NotNull(PublicAddress.Problem("http://0.0.0.0:8080", "", "*"));

    /// <summary>Serves on every address (0.0.0.0) with <paramref name="settings"/>; returns the answer to GET <paramref name="path"/> with a Host header of <paramref name="host"/>.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> GetOnAllAddressesAsync(Dictionary<string, string?> settings, string path, string host)
    {
        await using var app = await BuildAsync(TestSite.NewDataFolder(), "http://0.0.0.0:0", settings);
        await app.StartAsync();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{new Uri(app.Urls.First()).Port}{path}");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        await app.StopAsync();
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task Serve_BeyondLoopbackWithBaseUrl_WritesTheBaseUrlWhateverTheHostHeader()
    {
        var (status, sitemap) = await GetOnAllAddressesAsync(new() { ["Hexapla:BaseUrl"] = "https://press.example.org" }, "/sitemap.xml", "evil.example");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("https://press.example.org/", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", sitemap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BeyondLoopbackWithAllowedHosts_RefusesAnyOtherHostHeader()
    {
        Dictionary<string, string?> settings = new() { ["AllowedHosts"] = "press.example.org" };

        var (refused, _) = await GetOnAllAddressesAsync(settings, "/robots.txt", "evil.example");
        var (answered, robots) = await GetOnAllAddressesAsync(settings, "/robots.txt", "press.example.org");

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Contains("press.example.org", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeCommand_BeyondLoopback_FailsWithOneLineNamingBothSettings()
    {
        var data = TestSite.NewDataFolder();

        var (exit, _, error) = await CliRun.RunAsync("serve", "--data", data, "--urls", "http://0.0.0.0:0", "--no-samples");

        Assert.Equal(1, exit);
        Assert.Contains("Hexapla:BaseUrl", error, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
