using System.Net;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Hosting;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

public sealed class SessionKeysTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Session_SurvivesARestartOnTheSameDataFolder()
    {
        var data = TestSite.NewDataFolder();
        try
        {
            string cookie;
            await using (var first = await TestSite.StartAsync(dataFolder: data, prepare: (folder, clock) => AdminClient.AddUserAsync(folder, clock, "anna", Role.Admin, Password)))
            {
                using var client = new AdminClient(first);
                await client.LoginOrFailAsync("anna", Password);
                cookie = client.Cookies[AdminAuth.CookieName]!.Value;
            }

            Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, WebHost.KeysFolder), "*.xml"));
            await using var second = await TestSite.StartAsync(dataFolder: data);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/");
            request.Headers.Add("Cookie", $"{AdminAuth.CookieName}={cookie}");
            using var response = await second.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await TestContent.ParseAsync(response);
            Assert.StartsWith("Signed in as anna", page.QuerySelector(".admin-nav .hint")?.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Session_IsRefusedByASiteWithOtherKeys()
    {
        string cookie;
        await using (var first = await TestSite.StartAsync(prepare: (folder, clock) => AdminClient.AddUserAsync(folder, clock, "anna", Role.Admin, Password)))
        {
            using var client = new AdminClient(first);
            await client.LoginOrFailAsync("anna", Password);
            cookie = client.Cookies[AdminAuth.CookieName]!.Value;
        }

        await using var other = await TestSite.StartAsync(prepare: (folder, clock) => AdminClient.AddUserAsync(folder, clock, "anna", Role.Admin, Password));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        request.Headers.Add("Cookie", $"{AdminAuth.CookieName}={cookie}");
        using var response = await other.Client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
