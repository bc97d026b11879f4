using System.Net;
using System.Text.Json;
using Hexapla.Content;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

public sealed class SearchTests
{
    private static async Task<JsonElement> ApiAsync(TestSite site, string query)
    {
        using var response = await site.Client.GetAsync($"/api/v1/search?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task SearchPage_RussianInflectedWord_FindsSampleWithMarkedSnippet()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/ru-ru/search?q=" + Uri.EscapeDataString("иракский"));
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Assert.Single(page.QuerySelectorAll("ol.results > li"));
        Assert.Equal("/ru-ru/razvitie-situacii-v-irake", result.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Contains(result.QuerySelectorAll(".snippet mark"), m => m.TextContent.StartsWith("иракск", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("/en-gb/razvitie-situacii-v-irake", result.QuerySelector(".langs a[hreflang='en-GB']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SearchPage_SearchesOwnLanguageUnlessAllAsked()
    {
        await using var site = await TestSite.StartAsync();
        var english = await site.GetPageAsync("/en-gb/search?q=" + Uri.EscapeDataString("Мосул"));
        var all = await site.GetPageAsync("/en-gb/search?all=1&q=" + Uri.EscapeDataString("Мосул"));

        Assert.Empty(english.QuerySelectorAll("ol.results > li"));
        var hit = Assert.Single(all.QuerySelectorAll("ol.results > li"));
        Assert.Equal("ru-RU", hit.GetAttribute("lang"));
    }

    [Fact]
    public async Task SearchBox_IsOnEveryPage()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/ru-ru/razvitie-situacii-v-irake");

        var form = page.QuerySelector("header form[role=search]")!;
        Assert.Equal("/ru-ru/search", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name=q]"));
        Assert.NotNull(page.QuerySelector($"label[for={form.QuerySelector("input")!.Id}]"));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("((((")]
    [InlineData("title:foo AND bar~2^3 [1 TO 5]")]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("<script>alert(1)</script>")]
    public async Task HostileQuery_NeverFailsAndIsEscaped(string query)
    {
        await using var site = await TestSite.StartAsync();
        using var page = await site.Client.GetAsync("/en-gb/search?q=" + Uri.EscapeDataString(query));
        using var api = await site.Client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(query));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    // Over Hexapla:Limits:QueryLength (500) a query is refused with a clear 400, never a server error.
    [Fact]
    public async Task HugeQuery_IsA400NamingTheLimitNotAServerError()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/api/v1/search?q=" + string.Concat(Enumerable.Repeat("iraq+", 1500)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the limit (Hexapla:Limits:QueryLength) is 500", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=iraq&lang=xx-!!", "lang")]
    [InlineData("q=iraq&page=0", "page")]
    [InlineData("q=iraq&from=yesterday", "from")]
    public async Task Api_BadParameter_Is400NamingIt(string query, string field)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/api/v1/search?" + query);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, json.GetProperty("field").GetString());
    }

    [Fact]
    public async Task PageAndApi_AgreeOnResults()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("baghdad-talks", "en-GB", "Talks in Baghdad", "The government met in Baghdad to discuss the coalition.", "date: 2026-10-01\n")));

        var api = await ApiAsync(site, "q=Baghdad&lang=en-GB");
        var page = await site.GetPageAsync("/en-gb/search?q=Baghdad");

        var apiSlugs = api.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("slug").GetString()!).ToList();
        var pageSlugs = page.QuerySelectorAll("ol.results > li h2 a").Select(a => a.GetAttribute("href")!.Split('/')[^1]).ToList();
        Assert.Equal(2, api.GetProperty("total").GetInt32());
        Assert.Equal(apiSlugs, pageSlugs);
        Assert.Equal("baghdad-talks", apiSlugs[0]);
    }

    [Fact]
    public async Task Api_AllLanguagesWithStar_AndDateFilter()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("old-baghdad", "en-GB", "Old statement", "Baghdad in an old statement.", "date: 2015-05-01\n")));

        var all = await ApiAsync(site, "q=Baghdad&lang=*");
        var recent = await ApiAsync(site, "q=Baghdad&lang=*&from=2020-01-01");
        var old = await ApiAsync(site, "q=Baghdad&lang=*&to=2016-01-01");

        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal("razvitie-situacii-v-irake", Assert.Single(recent.GetProperty("results").EnumerateArray()).GetProperty("slug").GetString());
        Assert.Equal("old-baghdad", Assert.Single(old.GetProperty("results").EnumerateArray()).GetProperty("slug").GetString());
    }

    [Fact]
    public async Task DateFilter_DaysAreTheSitesDays_AsItsPagesShowThem()
    {
        // 01:00 in Moscow on 6 November is still 5 November in UTC; the site shows (and filters by) Moscow's date.
        await using var site = await TestSite.StartAsync(
            settings: new Dictionary<string, string?> { ["Hexapla:TimeZone"] = "Europe/Moscow" },
            prepare: (data, clock) => TestContent.ImportAsync(data, clock,
                TestContent.Markdown("night-talks", "en-GB", "Night talks", "Baghdad talks went on past midnight.", "date: 2026-11-06T01:00:00+03:00\n")));

        var thatDay = await ApiAsync(site, "q=Baghdad&lang=en-GB&from=2026-11-06&to=2026-11-06");
        var dayBefore = await ApiAsync(site, "q=Baghdad&lang=en-GB&to=2026-11-05");
        var page = await site.GetPageAsync("/en-gb/search?q=midnight");

        Assert.Equal("night-talks", Assert.Single(thatDay.GetProperty("results").EnumerateArray()).GetProperty("slug").GetString());
        Assert.Equal(0, dayBefore.GetProperty("total").GetInt32());
        Assert.Equal("2026-11-06", page.QuerySelector("ol.results time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task DraftsAndEmbargoes_AreNeverFound_UntilTheEmbargoLifts()
    {
        var release = TestSite.Start.AddMinutes(30);
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("draft-note", "en-GB", "Draft note", "Zanzibar appears only in a draft.", "draft: true\n"),
            TestContent.Markdown("embargoed-note", "en-GB", "Embargoed note", "Quokka appears only under embargo.", $"date: {release:yyyy-MM-ddTHH:mm:ss}Z\n")));

        Assert.Equal(0, (await ApiAsync(site, "q=Zanzibar&lang=*")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await ApiAsync(site, "q=Quokka&lang=*")).GetProperty("total").GetInt32());

        site.Clock.SetUtcNow(release.AddSeconds(-1));
        Assert.Equal(0, (await ApiAsync(site, "q=Quokka&lang=*")).GetProperty("total").GetInt32());

        site.Clock.SetUtcNow(release.AddSeconds(1));
        var found = 0;
        for (var attempt = 0; attempt < 50 && found == 0; attempt++)
        {
            await Task.Delay(100);
            found = (await ApiAsync(site, "q=Quokka&lang=*")).GetProperty("total").GetInt32();
        }

        Assert.Equal(1, found);
        Assert.Equal(0, (await ApiAsync(site, "q=Zanzibar&lang=*")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DeletedIndexFolder_IsRebuiltAtStart()
    {
        var data = TestSite.NewDataFolder();
        try
        {
            await using (var first = await TestSite.StartAsync(dataFolder: data))
            {
                Assert.Equal(1, (await ApiAsync(first, "q=Mosul&lang=en-GB")).GetProperty("total").GetInt32());
            }

            Directory.Delete(Path.Combine(data, "index"), recursive: true);
            await using var second = await TestSite.StartAsync(dataFolder: data);
            Assert.Equal(1, (await ApiAsync(second, "q=Mosul&lang=en-GB")).GetProperty("total").GetInt32());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task StoreChangedWithoutIndex_LikeACrashBetweenThem_IsCaughtUpAtRestart()
    {
        var data = TestSite.NewDataFolder();
        try
        {
            await using (var first = await TestSite.StartAsync(dataFolder: data))
            {
                Assert.Equal(0, (await ApiAsync(first, "q=Wombat&lang=*")).GetProperty("total").GetInt32());
            }

            // A store commit whose index commit never happened.
            var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
            var document = (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!;
            var english = document.Versions.Single(v => v.Language.Value == "en-GB");
            await store.SaveDocumentsAsync([document with { Versions = [english with { Body = english.Body + "\n\nA wombat was seen.", Revision = 2 }] }]);

            await using var second = await TestSite.StartAsync(dataFolder: data);
            Assert.Equal(1, (await ApiAsync(second, "q=Wombat&lang=*")).GetProperty("total").GetInt32());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
