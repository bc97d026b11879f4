using System.Net;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

public sealed class LanguageLandingTests
{
    private static async Task<HttpResponseMessage> GetRootAsync(TestSite site, string? acceptLanguage = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await site.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("ru", "/ru-ru/")]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.8", "/ru-ru/")]
    [InlineData("en-US,en;q=0.9", "/en-gb/")]
    [InlineData("fr-FR, en;q=0.5, ru;q=0.7", "/ru-ru/")]
    [InlineData("de;q=1, en-GB;q=0", "/en-gb/")]
    public async Task Root_AcceptLanguage_RedirectsToBestPublishedLanguage(string acceptLanguage, string expected)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await GetRootAsync(site, acceptLanguage);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Fact]
    public async Task Root_SwitcherCookie_WinsOverAcceptLanguage()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await GetRootAsync(site, "ru-RU", "hexapla-lang=en-GB");

        Assert.Equal("/en-gb/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Root_CookieForLanguageWithoutDocuments_IsIgnored()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await GetRootAsync(site, "ru-RU", "hexapla-lang=fr-FR");

        Assert.Equal("/ru-ru/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Root_NoPreference_UsesConfiguredDefault()
    {
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:DefaultLanguage"] = "ru-RU" });
        using var response = await GetRootAsync(site);

        Assert.Equal("/ru-ru/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Root_NoPreferenceNoDefault_UsesLanguageWithMostDocuments()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("second", "ru-RU", "Второй документ", "Текст второго документа на русском языке.")));
        using var response = await GetRootAsync(site);

        Assert.Equal("/ru-ru/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Switcher_ChooseLink_SetsCookieAndRedirectsToCleanAddress()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/en-gb/razvitie-situacii-v-irake?choose");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/en-gb/razvitie-situacii-v-irake", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("hexapla-lang=en-GB", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/en-GB/razvitie-situacii-v-irake", "/en-gb/razvitie-situacii-v-irake")]
    [InlineData("/EN_gb/razvitie-situacii-v-irake", "/en-gb/razvitie-situacii-v-irake")]
    [InlineData("/ru-ru/Razvitie-Situacii-V-Irake", "/ru-ru/razvitie-situacii-v-irake")]
    [InlineData("/RU-RU/", "/ru-ru/")]
    [InlineData("/ru-ru", "/ru-ru/")]
    [InlineData("/En-Gb/feed.atom", "/en-gb/feed.atom")]
    public async Task Address_OtherCasing_RedirectsPermanentlyToLowercase(string path, string expected)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/web/guest/-/asset_publisher/cKNonkJE02Bw/content/razvitie-situacii-v-irake?_101_INSTANCE_cKNonkJE02Bw_languageId=en_GB", "/en-gb/razvitie-situacii-v-irake")]
    [InlineData("/ru-ru/razvitie-situacii-v-irake?languageId=en_GB", "/en-gb/razvitie-situacii-v-irake")]
    [InlineData("/?languageId=ru_RU", "/ru-ru/")]
    [InlineData("/en-gb/?languageId=ru_RU", "/ru-ru/")]
    public async Task LegacyPortalLink_LanguageId_RedirectsPermanently(string path, string expected)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LegacyPortalLink_InvalidLanguageId_IsNotRedirected()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/ru-ru/razvitie-situacii-v-irake?languageId=xx_!!");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
