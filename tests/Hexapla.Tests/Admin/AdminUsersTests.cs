using System.Net;
using Hexapla.Accounts;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

public sealed class AdminUsersTests
{
    private const string Password = "correct horse battery staple";

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "alice", Role.Admin, Password);
        await AdminClient.AddUserAsync(data, clock, "eddie", Role.Editor, Password);
        await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "fr-FR");
    });

    [Fact]
    public async Task Admin_SeesUsers_AndDisablesOne_WhoCanNoLongerLogIn()
    {
        await using var site = await StartAsync();
        using var admin = new AdminClient(site);
        await admin.LoginOrFailAsync("alice", Password);

        var page = await TestContent.ParseAsync(await admin.Http.GetAsync("/admin/users"));
        Assert.Equal(["alice", "eddie", "tom"], page.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent).Order());
        using var disabled = await admin.PostFormAsync("/admin/users/tom/disabled", [new("disabled", "true")], formPage: "/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        using var tom = new AdminClient(site);
        using var login = await tom.LoginAsync("tom", Password);
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Editor_CannotManageUsers()
    {
        await using var site = await StartAsync();
        using var editor = new AdminClient(site);
        await editor.LoginOrFailAsync("eddie", Password);

        using var list = await editor.Http.GetAsync("/admin/users");
        using var disable = await editor.PostFormAsync("/admin/users/alice/disabled", [new("disabled", "true")], formPage: "/admin/");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, disable.StatusCode);
        using var admin = new AdminClient(site);
        await admin.LoginOrFailAsync("alice", Password);
    }

    [Fact]
    public async Task DisableWithoutAntiforgeryToken_IsRefused()
    {
        await using var site = await StartAsync();
        using var admin = new AdminClient(site);
        await admin.LoginOrFailAsync("alice", Password);

        using var response = await admin.PostFormAsync("/admin/users/eddie/disabled", [new("disabled", "true")], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var eddie = new AdminClient(site);
        await eddie.LoginOrFailAsync("eddie", Password);
    }

    [Fact]
    public async Task Anonymous_IsSentToLogin()
    {
        await using var site = await StartAsync();
        using var response = await site.Client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location?.AbsolutePath);
    }
}
