using System.Net;
using System.Text.Json;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

/// <summary>
/// A write made by another process sharing the store (another web node, a CLI import) reaches this node's search
/// through the store's change log, without a restart.
/// </summary>
public sealed class IndexFollowerTests
{
    private static async Task<int> TotalAsync(TestSite site, string word)
    {
        using var response = await site.Client.GetAsync($"/api/v1/search?q={word}&lang=*");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32();
    }

    // The follower waits on the site's fake clock: move it on, then give the follower a moment of real time.
    private static async Task<int> TotalAfterFollowingAsync(TestSite site, string word, int expected)
    {
        var total = -1;
        for (var attempt = 0; attempt < 100 && total != expected; attempt++)
        {
            site.Clock.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(100);
            total = await TotalAsync(site, word);
        }

        return total;
    }

    [Fact]
    public async Task AnotherProcessesWrites_AreIndexedWithoutARestart_DeletesToo()
    {
        await using var site = await TestSite.StartAsync();
        Assert.Equal(0, await TotalAsync(site, "Wombat"));

        // "Another process": its own store instance on the same file, writing past this server's newsroom.
        var store = await SqliteContentStore.OpenAsync(Path.Combine(site.DataFolder, SqliteContentStore.FileName));
        var document = (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!;
        var english = document.Versions.Single(v => v.Language.Value == "en-GB");
        await store.SaveDocumentsAsync([document with { Versions = [english with { Body = english.Body + "\n\nA wombat was seen.", Revision = english.Revision + 1 }] }]);

        Assert.Equal(1, await TotalAfterFollowingAsync(site, "Wombat", expected: 1));

        await store.DeleteDocumentAsync("razvitie-situacii-v-irake", new Storage.AuditEntry(0, TestSite.Start, "other-node", "document.delete", "razvitie-situacii-v-irake", null));

        Assert.Equal(0, await TotalAfterFollowingAsync(site, "Wombat", expected: 0));
        Assert.Equal(0, await TotalAsync(site, "Mosul"));
    }

    [Fact]
    public async Task AVersionWithdrawnByAnotherNode_LeavesThisNodesSearchAtOnce_BeforeItsIndexFollows()
    {
        // The follower never runs (an hour between looks), so this node's index still holds the English version.
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Hexapla:IndexFollowInterval"] = "01:00:00",
            ["Hexapla:SearchCacheDuration"] = "00:00:00",
        });
        Assert.Equal(1, await TotalAsync(site, "Mosul"));

        // Node 1 unpublishes the English version: its own store instance on the same file.
        var store = await SqliteContentStore.OpenAsync(Path.Combine(site.DataFolder, SqliteContentStore.FileName));
        var document = (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!;
        var english = document.Versions.Single(v => v.Language.Value == "en-GB");
        await store.SaveDocumentsAsync([document with { Versions = [english with { State = Content.VersionState.Unpublished, PublishedAt = null, Revision = english.Revision + 1 }] }]);

        using var api = await site.Client.GetAsync("/api/v1/search?q=Mosul&lang=*");
        var results = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        using var page = await site.Client.GetAsync("/en-gb/search?q=Mosul");
        var html = await page.Content.ReadAsStringAsync();
        using var russian = await site.Client.GetAsync("/api/v1/search?q=Мосул&lang=ru-RU");
        var russianHits = JsonDocument.Parse(await russian.Content.ReadAsStringAsync()).RootElement.GetProperty("results");

        Assert.Equal(0, results.GetProperty("total").GetInt32());
        Assert.Equal(0, results.GetProperty("results").GetArrayLength());
        Assert.DoesNotContain("/en-gb/razvitie-situacii-v-irake", html, StringComparison.Ordinal);
        // The Russian hit stays, and no longer offers the withdrawn English version.
        var hit = Assert.Single(russianHits.EnumerateArray());
        Assert.Equal(["ru-RU"], hit.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
    }
}
