using System.Net;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Security;

/// <summary>
/// Requests whose shape, not content, is hostile: pages far past the end, forms with thousands of fields or cut short,
/// HEAD on pages nobody has asked for yet. Each gets a 4xx or the same answer as GET, never a 5xx or a 405.
/// </summary>
public sealed class RequestShapeTests
{
    private const string Password = "correct horse battery staple";
    private const string Slug = "razvitie-situacii-v-irake";

    [Theory]
    [InlineData("/en-gb/?page=2147483647")]
    [InlineData("/en-gb/?page=-1")]
    [InlineData("/en-gb/?page=0")]
    [InlineData("/en-gb/?page=abc")]
    [InlineData("/en-gb/?page=99999999999999")]
    [InlineData("/en-gb/?page=100001")]
    public async Task Home_PageOutOfRange_IsThe404Page(string path)
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("lang=\"en-GB\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/audit?page=2147483647")]
    [InlineData("/admin/audit?page=-5")]
    [InlineData("/admin/audit?page=x")]
    [InlineData("/admin/?page=2147483647")]
    [InlineData("/admin/?page=0")]
    public async Task Admin_PageOutOfRange_IsA404PageNamingTheValue(string path)
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password));
        using var admin = new AdminClient(site);
        await admin.LoginOrFailAsync("anna", Password);

        using var response = await admin.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("is not a page number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/documents?page=2147483647")]
    [InlineData("/api/v1/search?q=iraq&page=2147483647")]
    public async Task Api_PageOutOfRange_Is400NamingThePage(string path)
    {
        await using var site = await TestSite.StartAsync();

        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_With5000FormFields_Is400AndSaysWhy()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password));
        using var client = new AdminClient(site);
        var fields = Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>($"f{i}", "1")).Append(new("name", "anna")).Append(new("password", Password));

        using var response = await client.PostFormAsync(AdminAuth.LoginPath, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form could not be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(client.Cookies, c => c.Name == AdminAuth.CookieName);
    }

    [Fact]
    public async Task ApiPost_WithAMultipartBodyCutShort_Is400ProblemDetails()
    {
        await using var site = await TestSite.StartAsync();
        using var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        using var response = await site.Client.PostAsync("/api/v1/documents", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("could not be read", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/en-gb/")]
    [InlineData("/en-gb/" + Slug)]
    [InlineData("/ru-ru/" + Slug + "/compare/en-gb")]
    [InlineData("/en-gb/feed.atom")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/healthz")]
    [InlineData("/en-gb/search?q=iraq")]
    [InlineData("/api/v1/documents")]
    [InlineData("/api/v1/documents/" + Slug + "/en-GB")]
    [InlineData("/api/v1/search?q=iraq")]
    [InlineData("/api/openapi.json")]
    [InlineData("/en-gb/no-such-document")]
    [InlineData("/en-gb/?page=9")]
    public async Task Head_OnAPageNotYetCached_AnswersLikeGetWithoutTheBody(string path)
    {
        // HEAD first, so that nothing is cached yet; then GET on a second site in the same state.
        await using var headSite = await TestSite.StartAsync();
        await using var getSite = await TestSite.StartAsync();

        using var head = await headSite.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        using var get = await getSite.Client.GetAsync(path);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.Location, head.Headers.Location);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        if (get.Content.Headers.ContentLength is { } length && head.Content.Headers.ContentLength is { } headLength)
        {
            Assert.Equal(length, headLength);
        }
    }
}
