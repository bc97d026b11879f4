using System.Net;
using System.Net.Http.Headers;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Cli;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>
/// A session cookie stops working the moment its user logs out, gets a new password, role or languages, or is
/// disabled: every session of that user, on every node sharing the store, whatever copy of the cookie is replayed.
/// </summary>
public sealed class SessionEndTests
{
    private const string Password = "correct horse battery";

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(samples: false, prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password);
        await AdminClient.AddUserAsync(data, clock, "pierre", Role.Translator, Password, "fr-FR");
    });

    /// <summary>Signs in and returns the session cookie, as an attacker who copied it would hold it.</summary>
    private static async Task<(AdminClient Client, string Cookie)> SignInAsync(TestSite site, string name)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync(name, Password);
        var cookie = client.Cookies.Single(c => c.Name == AdminAuth.CookieName);
        return (client, $"{cookie.Name}={cookie.Value}");
    }

    private static async Task<(HttpStatusCode Me, HttpStatusCode Admin, string? AdminLocation)> ReplayAsync(TestSite site, string cookie)
    {
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Add("Cookie", cookie);
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        admin.Headers.Add("Cookie", cookie);
        using var meResponse = await site.Client.SendAsync(me);
        using var adminResponse = await site.Client.SendAsync(admin);
        return (meResponse.StatusCode, adminResponse.StatusCode, adminResponse.Headers.Location?.AbsolutePath);
    }

    private static async Task AssertEndedAsync(TestSite site, string cookie)
    {
        var (me, admin, location) = await ReplayAsync(site, cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, me);
        Assert.Equal(HttpStatusCode.Redirect, admin);
        Assert.Equal(AdminAuth.LoginPath, location);
    }

    private static async Task AssertAliveAsync(TestSite site, string cookie)
    {
        var (me, admin, _) = await ReplayAsync(site, cookie);
        Assert.Equal(HttpStatusCode.OK, me);
        Assert.Equal(HttpStatusCode.OK, admin);
    }

    [Fact]
    public async Task Logout_EndsTheCopiedCookie_AndEveryOtherSessionOfThatUser_OnlyThatUser()
    {
        await using var site = await StartAsync();
        var (laptop, copied) = await SignInAsync(site, "anna");
        var (phone, phoneCookie) = await SignInAsync(site, "anna");
        var (other, otherCookie) = await SignInAsync(site, "pierre");
        await AssertAliveAsync(site, copied);

        using (var logout = await laptop.PostFormAsync("/admin/logout", [], formPage: "/admin/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        await AssertEndedAsync(site, copied);
        await AssertEndedAsync(site, phoneCookie);
        await AssertAliveAsync(site, otherCookie);
        var (again, fresh) = await SignInAsync(site, "anna");
        await AssertAliveAsync(site, fresh);
        laptop.Dispose();
        phone.Dispose();
        other.Dispose();
        again.Dispose();
    }

    [Fact]
    public async Task PasswdOnTheCommandLine_EndsTheUsersSessions()
    {
        await using var site = await StartAsync();
        var (client, cookie) = await SignInAsync(site, "anna");

        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader("a brand new password\n");
        var exit = await HexaplaCli.RunAsync(["user", "passwd", "anna", "--password-stdin", "--data", site.DataFolder], output, error, input);

        Assert.Equal(0, exit);
        await AssertEndedAsync(site, cookie);
        client.Dispose();
    }

    [Fact]
    public async Task RoleOrLanguageChange_EndsTheUsersSessions()
    {
        await using var site = await StartAsync();
        var (first, before) = await SignInAsync(site, "pierre");

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HexaplaCli.RunAsync(["user", "role", "pierre", "--role", "translator", "--lang", "de-DE", "--data", site.DataFolder], output, error, new StringReader(""));
        Assert.True(exit == 0, error.ToString());
        await AssertEndedAsync(site, before);

        var (second, during) = await SignInAsync(site, "pierre");
        var me = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/me") { Headers = { { "Cookie", during } } });
        Assert.Contains("de-DE", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        exit = await HexaplaCli.RunAsync(["user", "role", "pierre", "--role", "reviewer", "--data", site.DataFolder], output, error, new StringReader(""));
        Assert.True(exit == 0, error.ToString());
        await AssertEndedAsync(site, during);
        var user = (await (await AdminClient.OpenStoreAsync(site)).FindUserAsync("pierre"))!;
        Assert.Equal((Role.Reviewer, 0), (user.Role, user.Languages.Count));
        first.Dispose();
        second.Dispose();
        me.Dispose();
    }

    [Fact]
    public async Task DisableThroughTheAdmin_EndsTheUsersSessionsAndTokens()
    {
        await using var site = await StartAsync();
        var (anna, _) = await SignInAsync(site, "anna");
        var (pierre, cookie) = await SignInAsync(site, "pierre");
        var store = await AdminClient.OpenStoreAsync(site);
        var token = ApiTokens.Create();
        await store.AddTokenAsync("pierre-laptop", (await store.FindUserAsync("pierre"))!.Id, ApiTokens.HashOf(token), site.Clock.GetUtcNow());

        using (var disable = await anna.PostFormAsync("/admin/users/pierre/disabled", [new("disabled", "true")], formPage: "/admin/users"))
        {
            Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        }

        await AssertEndedAsync(site, cookie);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var api = await site.Client.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        // Enabled again, the old cookie still does not come back to life: only a new login does.
        Assert.True(await store.SetDisabledAsync("pierre", false, site.Clock.GetUtcNow()));
        await AssertEndedAsync(site, cookie);
        anna.Dispose();
        pierre.Dispose();
    }

    [Fact]
    public async Task SessionsEndedInTheStoreByAnotherProcess_EndHereAtOnce()
    {
        await using var site = await StartAsync();
        var (client, cookie) = await SignInAsync(site, "anna");
        await AssertAliveAsync(site, cookie);

        // Another node (or the command line) sharing the store ends the sessions: this node reads the store's stamp.
        var store = await AdminClient.OpenStoreAsync(site);
        Assert.True(await store.EndSessionsAsync("anna", site.Clock.GetUtcNow(), "test"));

        await AssertEndedAsync(site, cookie);
        client.Dispose();
    }
}
