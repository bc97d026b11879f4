using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/en-gb/razvitie-situacii-v-irake")]
    [InlineData("/api/v1/documents")]
    [InlineData("/en-gb/no-such-document")]
    [InlineData("/admin/login")]
    [InlineData("/api/v1/me")]
    public async Task EveryResponse_CarriesSecurityHeaders(string path)
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Client.GetAsync(path);

        string Header(string name) => string.Join(",", response.Headers.GetValues(name));
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            Header("Content-Security-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("same-origin", Header("Cross-Origin-Opener-Policy"));
    }

    [Fact]
    public async Task PublicPages_UseNoInlineStyleOrScript()
    {
        await using var site = await TestSite.StartAsync();

        var page = await site.GetPageAsync("/en-gb/razvitie-situacii-v-irake");

        Assert.Empty(page.QuerySelectorAll("script, style, [style]"));
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet]"));
    }
}
