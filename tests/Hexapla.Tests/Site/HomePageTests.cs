using System.Net;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

public sealed class HomePageTests
{
    [Fact]
    public async Task Home_WithTrailingSlash_IsThePage()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Client.GetAsync("/ru-ru/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"ru-RU\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Home_WithoutTrailingSlash_RedirectsPermanentlyKeepingTheQuery()
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Client.GetAsync("/en-gb?page=1");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/en-gb/?page=1", response.Headers.Location?.OriginalString);
    }
}
