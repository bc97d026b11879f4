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

    [Fact]
    public async Task Serve_BeyondLoopbackWithBaseUrl_WritesTheBaseUrlWhateverTheHostHeader()
    {
        var data = TestSite.NewDataFolder();
        await using var app = await BuildAsync(data, "http://0.0.0.0:0", new() { ["Hexapla:BaseUrl"] = "https://press.example.org" });
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/sitemap.xml");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        var sitemap = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("https://press.example.org/", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", sitemap, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task Serve_BeyondLoopbackWithAllowedHosts_RefusesAnyOtherHostHeader()
    {
        var data = TestSite.NewDataFolder();
        await using var app = await BuildAsync(data, "http://0.0.0.0:0", new() { ["AllowedHosts"] = "press.example.org" });
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        using var client = new HttpClient();

        using var evil = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/robots.txt");
        evil.Headers.Host = "evil.example";
        using var refused = await client.SendAsync(evil);
        using var good = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/robots.txt");
        good.Headers.Host = "press.example.org";
        using var answered = await client.SendAsync(good);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("press.example.org", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.StopAsync();
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
