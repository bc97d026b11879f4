using System.Net;
using Hexapla.Hosting;
using Hexapla.Site;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Site;

/// <summary>Whether a first segment is a language is decided in one place, against the registry and the site's languages.</summary>
public sealed class LanguageSegmentTests
{
    private const string SeedPortalLink =
        "/razvitie-situacii-v-irake?p_p_id=56_INSTANCE_AyS9ZzuKuCga&_56_INSTANCE_AyS9ZzuKuCga_languageId=en_GB";

    private static async Task<string> DefaultLanguageAsync(TestSite site) =>
        (await site.Services.GetRequiredService<SiteContext>().DefaultLanguageAsync(CancellationToken.None)).Value;

    [Fact]
    public async Task SeedPortalLink_RedirectsPermanentlyToTheStatementInEnglish()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Client.GetAsync(SeedPortalLink);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/en-gb/razvitie-situacii-v-irake", response.Headers.Location?.OriginalString);

        using var page = await site.Client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("lang=\"en-GB\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/razvitie-situacii-v-irake/", "razvitie-situacii-v-irake")]
    [InlineData("/razvitie-situacii-v-irake", "razvitie-situacii-v-irake")]
    [InlineData("/razvitie-situacii-v-irake/anything", "razvitie-situacii-v-irake")]
    [InlineData("/german/", "german")]
    [InlineData("/zz-zz/", "zz-ZZ")]
    [InlineData("/draft/", "draft")]
    [InlineData("/de/", "de")]
    [InlineData("/api-docs/", "api-docs")]
    public async Task NotALanguage_NotFoundInTheSiteDefaultLanguage(string path, string bogus)
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"<html lang=\"{await DefaultLanguageAsync(site)}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"lang=\"{bogus}\"", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/admin/no-such-page")]
    [InlineData("/admin/no/such/page")]
    [InlineData("/assets/no-such-file.css")]
    public async Task SiteOwnWords_ErrorPagesNeverTakeThemForALanguage(string path)
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("lang=\"admin\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("lang=\"assets\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterfaceLanguageWithoutContent_IsALanguage()
    {
        await using var site = await TestSite.StartAsync();

        // French has an interface, so /fr-fr/ is a French address even before there is French content.
        using var response = await site.Client.GetAsync("/fr-fr/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<html lang=\"fr-FR\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_DecidesByRegistryAndSiteLanguages()
    {
        await using var site = await TestSite.StartAsync();
        var context = site.Services.GetRequiredService<SiteContext>();

        async Task<string?> ResolveAsync(string segment) => (await LanguageSegment.ResolveAsync(segment, context, CancellationToken.None))?.Value;

        Assert.Equal("ru-RU", await ResolveAsync("ru-ru"));
        Assert.Equal("en-GB", await ResolveAsync("en_GB"));
        Assert.Equal("ar", await ResolveAsync("ar"));
        Assert.Equal("zh-Hans", await ResolveAsync("zh-hans"));
        Assert.Equal("ru", await ResolveAsync("ru"));
        Assert.Null(await ResolveAsync("razvitie-situacii-v-irake"));
        Assert.Null(await ResolveAsync("admin"));
        Assert.Null(await ResolveAsync("assets"));
        Assert.Null(await ResolveAsync("healthz"));
        Assert.Null(await ResolveAsync("draft"));
        Assert.Null(await ResolveAsync("zz-ZZ"));
        Assert.Null(await ResolveAsync("xx-YY"));

        // Registered, but the site has neither content nor an interface in them.
        Assert.Null(await ResolveAsync("api"));
        Assert.Null(await ResolveAsync("de"));
        Assert.Null(await ResolveAsync(""));
    }

    [Fact]
    public async Task NotALanguage_NeverKeptInThePageCache()
    {
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:CacheStatusHeader"] = "true" });

        using var first = await site.Client.GetAsync("/razvitie-situacii-v-irake/");
        using var second = await site.Client.GetAsync("/razvitie-situacii-v-irake/");
        using var home = await site.Client.GetAsync("/en-gb/");
        using var homeAgain = await site.Client.GetAsync("/en-gb/");

        Assert.False(second.Headers.TryGetValues(PageCache.StatusHeader, out var status) && status.Contains("hit"));
        Assert.Contains("hit", homeAgain.Headers.GetValues(PageCache.StatusHeader));
    }

    [Fact]
    public async Task AcceptLanguage_InvalidRangesAreDropped()
    {
        await using var site = await TestSite.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", "german, zz-ZZ;q=0.9, razvitie-situacii-v-irake;q=0.8, en;q=0.1");

        using var response = await site.Client.SendAsync(request);

        Assert.Equal("/en-gb/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DeprecatedTagInAddress_RedirectsToPreferred()
    {
        await using var site = await TestSite.StartAsync();

        // "en-GB-oed" is grandfathered; its preferred value is en-GB-oxendict, a form of English the site has an interface in.
        using var response = await site.Client.GetAsync("/en-gb-oed/");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/en-gb-oxendict/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("german", "\"german\" is not a valid BCP 47 language tag: \"german\" is not a registered language subtag. Did you mean \"de\" (German)?")]
    [InlineData("zz-ZZ", "\"zz\" is not a registered language subtag.")]
    public async Task DefaultLanguageSetting_Invalid_RefusedAtStartNamingIt(string value, string expected)
    {
        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = await WebHost.BuildAsync(new ServeSettings(TestSite.NewDataFolder(), "http://127.0.0.1:0", false, [])
            {
                Clock = new FakeTimeProvider(TestSite.Start),
                Overrides = new Dictionary<string, string?> { ["Hexapla:DefaultLanguage"] = value },
            });
            await app.StartAsync();
        });

        var message = string.Join(" ", refusal.Failures);
        Assert.Contains("Hexapla:DefaultLanguage", message, StringComparison.Ordinal);
        Assert.Contains(expected.Replace("\"german\" is not a valid BCP 47 language tag: ", string.Empty, StringComparison.Ordinal), message, StringComparison.Ordinal);
        Assert.Contains($"\"{value}\"", message, StringComparison.Ordinal);
    }
}
