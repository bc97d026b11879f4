using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Site;

/// <summary>
/// The page cache: what it serves again, what it lets go when content changes or an embargo lifts, and what it never
/// keeps. The <c>X-Hexapla-Cache</c> header (turned on by a setting) says whether an answer came from it.
/// </summary>
public sealed class PageCacheTests
{
    private const string Document = "/en-gb/razvitie-situacii-v-irake";
    private const string Password = "correct horse battery staple";

    // One editor publishes through the API here: what is tested is the cache, not review, so no second person is asked for.
    private static readonly Dictionary<string, string?> WithStatusHeader = new()
    {
        ["Hexapla:CacheStatusHeader"] = "true",
        ["Hexapla:Review:RequireSecondPerson"] = "false",
    };

    private static async Task<(HttpStatusCode Status, string? Cache, string Body)> GetAsync(TestSite site, string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await site.Client.SendAsync(request);
        var cache = response.Headers.TryGetValues("X-Hexapla-Cache", out var values) ? values.Single() : null;
        return (response.StatusCode, cache, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A site with an editor's API token, for changes made while it runs. One editor writes and publishes: these tests
    /// are about what the cache lets go, not about review, so a second person's approval is not required here.
    /// </summary>
    private static async Task<(TestSite Site, string Token)> StartWithEditorAsync(Func<string, FakeTimeProvider, Task>? more = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var token = ApiTokens.Create();
        var settings = new Dictionary<string, string?>(WithStatusHeader) { ["Hexapla:Review:RequireSecondPerson"] = "false" };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var site = await TestSite.StartAsync(settings: settings, prepare: async (data, clock) =>
        {
            var user = await AdminClient.AddUserAsync(data, clock, "eddie", Role.Editor, Password);
            var store = await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName));
            await store.AddTokenAsync("eddie-token", user.Id, ApiTokens.HashOf(token), clock.GetUtcNow());
            if (more is not null)
            {
                await more(data, clock);
            }
        });
        return (site, token);
    }

    private static async Task<HttpStatusCode> SendAsync(TestSite site, string token, HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await site.Client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task SecondRequest_IsServedFromTheCache_WithTheSameBytes()
    {
        await using var site = await TestSite.StartAsync(settings: WithStatusHeader);
        foreach (var path in new[] { Document, "/en-gb/", "/en-gb/feed.atom", "/sitemap.xml", "/api/v1/documents", "/api/v1/documents/razvitie-situacii-v-irake/en-GB" })
        {
            var first = await GetAsync(site, path);
            var second = await GetAsync(site, path);

            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Equal(("miss", "hit"), (first.Cache, second.Cache));
            Assert.Equal(first.Body, second.Body);
        }
    }

    [Fact]
    public async Task SitemapIndexAndPages_AreKeptLikeTheSitemap_AndBadPageNumbersNever()
    {
        // Six home pages and two documents of 2 and 6 versions, 6 URLs a file: three pages.
        await using var site = await TestSite.StartAsync(allSamples: true, settings: new Dictionary<string, string?>(WithStatusHeader) { ["Hexapla:SitemapPageSize"] = "6" });
        foreach (var path in new[] { "/sitemap.xml", "/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml" })
        {
            var first = await GetAsync(site, path);
            var second = await GetAsync(site, path);

            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Equal(("miss", "hit"), (first.Cache, second.Cache));
            Assert.Equal(first.Body, second.Body);
        }

        Assert.Contains("/sitemap-3.xml</loc>", (await GetAsync(site, "/sitemap.xml")).Body, StringComparison.Ordinal);
        foreach (var path in new[] { "/sitemap-4.xml", "/sitemap-01.xml" })
        {
            await GetAsync(site, path);
            var again = await GetAsync(site, path);
            Assert.Equal(HttpStatusCode.NotFound, again.Status);
            Assert.NotEqual("hit", again.Cache);
        }
    }

    [Fact]
    public async Task ManyReadersAtOnce_CauseOneRender()
    {
        await using var site = await TestSite.StartAsync(settings: WithStatusHeader);
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => GetAsync(site, "/en-gb/feed.atom")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers, a => a.Cache == "miss");
        Assert.Single(answers.Select(a => a.Body).Distinct());
    }

    [Fact]
    public async Task Root_NotFound_AndHealth_AreNeverKept()
    {
        await using var site = await TestSite.StartAsync(settings: WithStatusHeader);
        foreach (var path in new[] { "/", "/en-gb/no-such-page", "/healthz", "/api/v1/documents/no-such-document" })
        {
            await GetAsync(site, path);
            var again = await GetAsync(site, path);
            Assert.NotEqual("hit", again.Cache);
        }
    }

    [Fact]
    public async Task Search_IsKept_UntilTheStoreOrTheIndexChanges()
    {
        var (site, token) = await StartWithEditorAsync();
        await using var _ = site;
        await GetAsync(site, "/en-gb/search?q=kookaburras");
        var again = await GetAsync(site, "/en-gb/search?q=kookaburras");
        Assert.Equal("hit", again.Cache);
        Assert.DoesNotContain("/en-gb/new-statement", again.Body, StringComparison.Ordinal);

        // Published through this server: the index changes, and the next search runs again.
        var statement = new { slug = "new-statement", language = "en-GB", title = "A new statement", body = "The text about kookaburras." };
        Assert.Equal(HttpStatusCode.Created, await SendAsync(site, token, HttpMethod.Post, "/api/v1/documents", statement));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(site, token, HttpMethod.Post, "/api/v1/documents/new-statement/en-GB/publish"));
        var after = await GetAsync(site, "/en-gb/search?q=kookaburras");
        Assert.Equal("miss", after.Cache);
        Assert.Contains("/en-gb/new-statement", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAndUnpublish_EvictThePagesTheyChange_AndADraftIsNeverVisible()
    {
        var (site, token) = await StartWithEditorAsync();
        await using var _ = site;
        var statement = new { slug = "new-statement", language = "en-GB", title = "A new statement", body = "The text about kookaburras." };
        string[] paths = ["/en-gb/", "/en-gb/new-statement", "/en-gb/feed.atom", "/sitemap.xml", "/api/v1/documents", Document];

        Assert.Equal(HttpStatusCode.Created, await SendAsync(site, token, HttpMethod.Post, "/api/v1/documents", statement));
        foreach (var path in paths)
        {
            await GetAsync(site, path);
            var cached = await GetAsync(site, path);
            Assert.DoesNotContain("kookaburras", cached.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("A new statement", cached.Body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await SendAsync(site, token, HttpMethod.Post, "/api/v1/documents/new-statement/en-GB/publish"));
        var page = await GetAsync(site, "/en-gb/new-statement");
        Assert.Equal((HttpStatusCode.OK, "miss"), (page.Status, page.Cache));
        Assert.Contains("kookaburras", page.Body, StringComparison.Ordinal);
        foreach (var path in new[] { "/en-gb/", "/en-gb/feed.atom", "/sitemap.xml", "/api/v1/documents" })
        {
            var after = await GetAsync(site, path);
            Assert.Equal("miss", after.Cache);
            Assert.Contains("new-statement", after.Body, StringComparison.Ordinal);
        }

        Assert.Equal("hit", (await GetAsync(site, "/en-gb/new-statement")).Cache);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(site, token, HttpMethod.Post, "/api/v1/documents/new-statement/en-GB/unpublish"));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(site, "/en-gb/new-statement")).Status);
        Assert.DoesNotContain("new-statement", (await GetAsync(site, "/en-gb/")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorrectionGoingLive_IsServedOnTheNextRequest_AndItsWorkingCopyNeverWas()
    {
        // The store's generation is reread only after a write through this server (the recheck timer is an hour here):
        // what makes the correction visible at once is the publish request, not the passing of time.
        var (site, token) = await StartWithEditorAsync(extra: new Dictionary<string, string?> { ["Hexapla:CacheRecheck"] = "01:00:00" });
        await using var _ = site;
        string[] paths = [Document, "/en-gb/feed.atom", "/sitemap.xml", "/api/v1/documents/razvitie-situacii-v-irake/en-GB", "/ru-ru/razvitie-situacii-v-irake/compare/en-gb"];
        foreach (var path in paths)
        {
            await GetAsync(site, path);
            Assert.Equal("hit", (await GetAsync(site, path)).Cache);
        }

        // A working copy saved in the newsroom: nothing public changes, whether the cache looks again or not.
        site.Clock.Advance(TimeSpan.FromDays(1));
        var newsroom = site.Services.GetRequiredService<Hexapla.Editorial.Newsroom>();
        var eddie = new User(1000, "eddie", Role.Editor, [], false, TestSite.Start);
        var english = Languages.LanguageTag.Parse("en-GB");
        var live = (await newsroom.GetVersionAsync(eddie, "razvitie-situacii-v-irake", english))!;
        await newsroom.SaveVersionAsync(eddie, "razvitie-situacii-v-irake", english,
            new Hexapla.Editorial.VersionEdit(live.Title, live.Body.Replace("one third", "one third (kookaburra count)", StringComparison.Ordinal), live.Summary, "Figure qualified."), live.Latest.Revision);
        foreach (var path in paths)
        {
            Assert.DoesNotContain("kookaburra", (await GetAsync(site, path)).Body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await SendAsync(site, token, HttpMethod.Post, "/api/v1/documents/razvitie-situacii-v-irake/en-GB/publish"));
        foreach (var path in paths)
        {
            var after = await GetAsync(site, path);
            Assert.Equal((HttpStatusCode.OK, "miss"), (after.Status, after.Cache));
            Assert.Contains(path == "/sitemap.xml" ? "2026-11-30T09:00:00Z" : "kookaburra count", after.Body, StringComparison.Ordinal);
        }

        Assert.Contains("Updated", (await GetAsync(site, Document)).Body, StringComparison.Ordinal);
        Assert.Equal("hit", (await GetAsync(site, Document)).Cache);
    }

    [Fact]
    public async Task Embargo_ShowsTheTextAtItsInstant_AndNotAMomentBefore()
    {
        var release = TestSite.Start.AddHours(2);
        await using var site = await TestSite.StartAsync(samples: false, settings: WithStatusHeader, prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("embargoed", "en-GB", "Embargoed statement", "Secret text of the statement.", $"date: {release:yyyy-MM-ddTHH:mm:ss}Z\n"),
            TestContent.Markdown("public", "en-GB", "Public statement", "Public text.")));
        string[] paths = ["/en-gb/", "/en-gb/public", "/en-gb/feed.atom", "/sitemap.xml", "/api/v1/documents"];

        site.Clock.SetUtcNow(release.AddSeconds(-1));
        foreach (var path in paths)
        {
            await GetAsync(site, path);
            using var cached = await site.Client.GetAsync(path);
            Assert.Equal("hit", cached.Headers.GetValues("X-Hexapla-Cache").Single());
            Assert.DoesNotContain("Embargoed statement", await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // A browser or CDN may not keep it past the instant either.
            Assert.True(cached.Headers.CacheControl!.MaxAge <= TimeSpan.FromSeconds(1), $"{path}: {cached.Headers.CacheControl}");
        }

        site.Clock.SetUtcNow(release);
        foreach (var path in paths)
        {
            var after = await GetAsync(site, path);
            Assert.Equal("miss", after.Cache);
            Assert.Contains(path == "/en-gb/public" ? "hreflang" : "mbargoed", after.Body, StringComparison.Ordinal);
        }

        Assert.Contains("Secret text", (await GetAsync(site, "/en-gb/embargoed")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInReaders_BypassTheCache_AndTheirDraftsNeverReachIt()
    {
        var (site, token) = await StartWithEditorAsync();
        await using var _ = site;
        var statement = new { slug = "draft-statement", language = "en-GB", title = "A draft statement", body = "Unpublished words about wombats." };
        Assert.Equal(HttpStatusCode.Created, await SendAsync(site, token, HttpMethod.Post, "/api/v1/documents", statement));
        const string Api = "/api/v1/documents/draft-statement/en-GB";

        var anonymous = await GetAsync(site, Api);
        var editor = await GetAsync(site, Api, token);
        var editorAgain = await GetAsync(site, Api, token);
        var anonymousAgain = await GetAsync(site, Api);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.Status);
        Assert.Equal((HttpStatusCode.OK, "bypass"), (editor.Status, editor.Cache));
        Assert.Contains("wombats", editor.Body, StringComparison.Ordinal);
        Assert.Equal("bypass", editorAgain.Cache);
        Assert.Equal(HttpStatusCode.NotFound, anonymousAgain.Status);
        Assert.DoesNotContain("wombats", anonymousAgain.Body, StringComparison.Ordinal);

        // A published page asked for with a session cookie is not served from, nor put into, the cache.
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, Document);
        withCookie.Headers.Add("Cookie", $"{AdminAuth.CookieName}=whatever");
        using var cookieResponse = await site.Client.SendAsync(withCookie);
        Assert.Equal("bypass", cookieResponse.Headers.GetValues("X-Hexapla-Cache").Single());
    }

    [Fact]
    public async Task IfNoneMatch_And_IfModifiedSince_Give304()
    {
        await using var site = await TestSite.StartAsync();
        using var first = await site.Client.GetAsync(Document);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.False(etag.IsWeak);
        Assert.Contains("public", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl.MaxAge > TimeSpan.Zero);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, Document);
        byTag.Headers.IfNoneMatch.Add(etag);
        using var notModified = await site.Client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var otherTag = new HttpRequestMessage(HttpMethod.Get, Document);
        otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await site.Client.SendAsync(otherTag)).StatusCode);

        using var byDate = new HttpRequestMessage(HttpMethod.Get, Document);
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await site.Client.SendAsync(byDate)).StatusCode);

        using var earlier = new HttpRequestMessage(HttpMethod.Get, Document);
        earlier.Headers.IfModifiedSince = lastModified.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.OK, (await site.Client.SendAsync(earlier)).StatusCode);

        // The read API keeps its own revision tag, cached or not.
        using var api = await site.Client.GetAsync("/api/v1/documents/razvitie-situacii-v-irake/en-GB");
        using var apiAgain = await site.Client.GetAsync("/api/v1/documents/razvitie-situacii-v-irake/en-GB");
        Assert.Equal(api.Headers.ETag, apiAgain.Headers.ETag);
        using var apiConditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents/razvitie-situacii-v-irake/en-GB");
        apiConditional.Headers.IfNoneMatch.Add(api.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await site.Client.SendAsync(apiConditional)).StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Compression_IsNegotiated_AndDecodesToTheSameBytes(string coding)
    {
        await using var site = await TestSite.StartAsync();
        foreach (var path in new[] { Document, "/en-gb/feed.atom", "/en-gb/search?q=iraq" })
        {
            var plain = await site.Client.GetByteArrayAsync(path);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
            using var response = await site.Client.SendAsync(request);

            Assert.Equal([coding], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            await using var compressed = await response.Content.ReadAsStreamAsync();
            await using Stream decoder = coding == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
            using var decoded = new MemoryStream();
            await decoder.CopyToAsync(decoded);
            if (!path.Contains("search", StringComparison.Ordinal))
            {
                Assert.Equal(plain, decoded.ToArray());
            }
            else
            {
                Assert.Contains("<html", System.Text.Encoding.UTF8.GetString(decoded.ToArray()), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AdminPages_AreNeverCachedNorCompressed()
    {
        await using var site = await TestSite.StartAsync(settings: WithStatusHeader);
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var response = await site.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
            Assert.True(response.Headers.CacheControl!.NoStore);
            Assert.False(response.Headers.Contains("X-Hexapla-Cache"));
            Assert.Contains("<form", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Root_VariesOnTheReadersLanguageAndCookie_AndIsNotPublic()
    {
        await using var site = await TestSite.StartAsync(settings: WithStatusHeader);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("ru");
        using var response = await site.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ru-ru/", response.Headers.Location!.OriginalString);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Contains("Cookie", response.Headers.Vary);
        Assert.False(response.Headers.CacheControl!.Public);
        Assert.False(response.Headers.Contains("X-Hexapla-Cache"));
    }

    [Theory]
    [InlineData("127.0.0.1", "https://press.example.org")]
    [InlineData("", null)]
    public async Task ForwardedHeaders_AreBelievedOnlyFromKnownProxies(string proxies, string? expectedOrigin)
    {
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:KnownProxies"] = proxies });
        using var request = new HttpRequestMessage(HttpMethod.Get, Document);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "press.example.org");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await site.Client.SendAsync(request);
        var page = await TestContent.ParseAsync(response);

        var origin = expectedOrigin ?? site.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal(origin + Document, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }
}
