using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

public sealed class AdminAuthTests
{
    private const string Password = "correct horse battery";

    private static Task<TestSite> StartWithUsersAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password);
        await AdminClient.AddUserAsync(data, clock, "pierre", Role.Translator, Password, "fr-FR");
    });

    private static async Task<string> CreateTokenAsync(TestSite site, string user, string name)
    {
        var store = await AdminClient.OpenStoreAsync(site);
        var owner = (await store.FindUserAsync(user))!;
        var token = ApiTokens.Create();
        await store.AddTokenAsync(name, owner.Id, ApiTokens.HashOf(token), site.Clock.GetUtcNow());
        return token;
    }

    private static HttpRequestMessage WithBearer(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Login_RightPassword_SetsHttpOnlyLaxCookieAndReachesAdmin()
    {
        await using var site = await StartWithUsersAsync();
        using var client = new AdminClient(site);

        using var login = await client.LoginAsync("anna", Password);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/admin/", login.Headers.Location!.OriginalString);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminAuth.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        using var home = await client.Http.GetAsync("/admin/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("Signed in as anna (admin)", (await TestContent.ParseAsync(home)).QuerySelector(".admin-nav .hint")?.TextContent);
        var audit = await (await AdminClient.OpenStoreAsync(site)).ListAuditAsync(0, 10);
        Assert.Equal("login", audit[0].Action);
    }

    [Fact]
    public async Task Login_WrongPassword_NoCookieAndAudited()
    {
        await using var site = await StartWithUsersAsync();
        using var client = new AdminClient(site);

        using var login = await client.LoginAsync("anna", "not the password at all");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.DoesNotContain(client.Cookies, c => c.Name == AdminAuth.CookieName);
        Assert.Contains("Wrong name or password", await login.Content.ReadAsStringAsync());
        var entry = (await (await AdminClient.OpenStoreAsync(site)).ListAuditAsync(0, 10))[0];
        Assert.Equal(("login.failed", "anna"), (entry.Action, entry.Target));
    }

    [Fact]
    public async Task Login_PostWithoutAntiforgeryToken_Is400()
    {
        await using var site = await StartWithUsersAsync();
        using var client = new AdminClient(site);

        using var login = await client.PostFormAsync(AdminAuth.LoginPath, [new("name", "anna"), new("password", Password)], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.DoesNotContain(client.Cookies, c => c.Name == AdminAuth.CookieName);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_Is400AndStaysSignedIn()
    {
        await using var site = await StartWithUsersAsync();
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("anna", Password);

        using var forged = await client.PostFormAsync("/admin/logout", [], withToken: false);
        using var stillIn = await client.Http.GetAsync("/admin/");
        using var logout = await client.PostFormAsync("/admin/logout", [], formPage: "/admin/");
        using var after = await client.Http.GetAsync("/admin/");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("logout", (await (await AdminClient.OpenStoreAsync(site)).ListAuditAsync(0, 1))[0].Action);
    }

    [Fact]
    public async Task Login_SixthAttemptForOneAccount_Is429UntilFifteenMinutesPass()
    {
        await using var site = await StartWithUsersAsync();
        using var client = new AdminClient(site);
        for (var i = 0; i < LoginThrottle.AccountLimit; i++)
        {
            using var failed = await client.LoginAsync("anna", "wrong password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var refused = await client.LoginAsync("anna", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many failed logins", await refused.Content.ReadAsStringAsync());
        using var otherAccount = await client.LoginAsync("pierre", Password);
        Assert.Equal(HttpStatusCode.Redirect, otherAccount.StatusCode);

        site.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var later = await client.LoginAsync("anna", Password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task Login_TwentyFailuresFromOneAddress_RefusesEveryAccountFromIt()
    {
        await using var site = await StartWithUsersAsync();
        using var client = new AdminClient(site);
        for (var i = 0; i < LoginThrottle.AddressLimit; i++)
        {
            using var failed = await client.LoginAsync($"nobody{i}", "wrong password");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var refused = await client.LoginAsync("anna", Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task DisabledUser_CannotLogInAndLosesSessionAndToken()
    {
        await using var site = await StartWithUsersAsync();
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("anna", Password);
        var token = await CreateTokenAsync(site, "anna", "laptop");

        await (await AdminClient.OpenStoreAsync(site)).SetDisabledAsync("anna", true, site.Clock.GetUtcNow());
        using var session = await client.Http.GetAsync("/admin/");
        using var api = await site.Client.SendAsync(WithBearer("/api/v1/me", token));
        using var fresh = new AdminClient(site);
        using var login = await fresh.LoginAsync("anna", Password);

        Assert.Equal(HttpStatusCode.Redirect, session.StatusCode);
        Assert.StartsWith(AdminAuth.LoginPath, session.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task BearerToken_ReachesMe_AndRevokedTokenGets401Problem()
    {
        await using var site = await StartWithUsersAsync();
        var token = await CreateTokenAsync(site, "pierre", "ci");

        using var me = await site.Client.SendAsync(WithBearer("/api/v1/me", token));
        using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        await (await AdminClient.OpenStoreAsync(site)).RevokeTokenAsync("ci", site.Clock.GetUtcNow());
        using var revoked = await site.Client.SendAsync(WithBearer("/api/v1/me", token));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("pierre", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("translator", json.RootElement.GetProperty("role").GetString());
        Assert.Equal(["fr-FR"], json.RootElement.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task BearerToken_Unknown_Gets401()
    {
        await using var site = await StartWithUsersAsync();

        using var response = await site.Client.SendAsync(WithBearer("/api/v1/me", ApiTokens.Create()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_AdminRedirectsToLogin_ApiGets401Problem()
    {
        await using var site = await StartWithUsersAsync();

        using var admin = await site.Client.GetAsync("/admin/");
        using var api = await site.Client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Equal(AdminAuth.LoginPath, admin.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("https://evil.example/", "/admin/")]
    [InlineData("//evil.example/", "/admin/")]
    [InlineData("/\\evil.example/", "/admin/")]
    [InlineData("/admin/?tab=users", "/admin/?tab=users")]
    public async Task Login_ReturnUrl_OnlyLocalIsFollowed(string returnUrl, string expected)
    {
        await using var site = await StartWithUsersAsync();
        using var client = new AdminClient(site);

        using var login = await client.LoginAsync("anna", Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(expected, login.Headers.Location!.OriginalString);
    }
}
