using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Api;

public sealed class WriteApiTests
{
    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => Newsdesk.JsonAsync(response);

    private static readonly object Statement = new { slug = "new-statement", language = "en-GB", title = "A new statement", body = "The **text** of the statement about kookaburras.", tags = new[] { "press" } };

    [Fact]
    public async Task Post_EditorCreatesDraft_201WithLocationAndETag_NotPublic()
    {
        await using var desk = await Newsdesk.StartAsync();
        using var created = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", Statement);
        var json = await JsonAsync(created);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/documents/new-statement/en-GB", created.Headers.Location?.OriginalString);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal("draft", json.GetProperty("state").GetString());
        using var page = await desk.Site.Client.GetAsync("/en-gb/new-statement");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        using var anonymous = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents/new-statement/en-GB", null);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using var withToken = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents/new-statement/en-GB", "eddie");
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal("draft", (await JsonAsync(withToken)).GetProperty("state").GetString());
        Assert.Contains("no-store", withToken.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WithoutIfMatch_Is428_WithStaleIfMatch_Is412_WithCurrent_Saves()
    {
        await using var desk = await Newsdesk.StartAsync();
        using var created = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", Statement);
        var etag = created.Headers.ETag!.ToString();
        var edit = new { title = "A new statement", body = "Second text." };

        using var none = await desk.SendAsync(HttpMethod.Put, "/api/v1/documents/new-statement/en-GB", "eddie", edit);
        using var first = await desk.SendAsync(HttpMethod.Put, "/api/v1/documents/new-statement/en-GB", "eddie", edit, etag);
        using var stale = await desk.SendAsync(HttpMethod.Put, "/api/v1/documents/new-statement/en-GB", "alice", new { title = "Other", body = "Lost?" }, etag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await JsonAsync(first)).GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, (await JsonAsync(stale)).GetProperty("currentRevision").GetInt32());
        using var now = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents/new-statement/en-GB", "eddie");
        Assert.Equal("Second text.", (await JsonAsync(now)).GetProperty("body").GetString());
    }

    [Fact]
    public async Task StaleIfMatch_FromAUserWithoutTheRight_Is403WithoutTheCurrentETag_AndFromOneWithIt_Is412()
    {
        await using var desk = await Newsdesk.StartAsync();
        const string Doc = "/api/v1/documents/razvitie-situacii-v-irake";
        const string Stale = "\"1-draft-0\"";
        var edit = new { title = "Évolution de la situation en Irak", body = "L'Irak reste au cœur de l'instabilité." };
        using (var french = await desk.SendAsync(HttpMethod.Put, $"{Doc}/fr-FR", "tom", edit, "*"))
        {
            Assert.Equal(HttpStatusCode.Created, french.StatusCode);
        }

        using (var second = await desk.SendAsync(HttpMethod.Put, $"{Doc}/fr-FR", "eddie", edit, "\"1-draft-0\""))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        // tom (a fr-FR translator) reads the ru-RU original and the public en-GB version but may change neither, and
        // may not publish or unpublish at all: whatever If-Match he sends, the answer is 403 and nothing of the revision.
        var refused = new[]
        {
            await desk.SendAsync(HttpMethod.Put, $"{Doc}/ru-RU", "tom", edit, Stale),
            await desk.SendAsync(HttpMethod.Put, $"{Doc}/en-GB", "tom", edit, Stale),
            await desk.SendAsync(HttpMethod.Put, $"{Doc}/ru-RU", "tom", edit),
            await desk.SendAsync(HttpMethod.Post, $"{Doc}/fr-FR/publish", "tom", null, Stale),
            await desk.SendAsync(HttpMethod.Post, $"{Doc}/ru-RU/unpublish", "tom", null, Stale),
            await desk.SendAsync(HttpMethod.Post, $"{Doc}/fr-FR/publish", "rita", null, Stale),
        };
        foreach (var response in refused)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(HttpStatusCode.Forbidden == response.StatusCode, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {body}");
            Assert.Null(response.Headers.ETag);
            Assert.DoesNotContain("currentETag", body, StringComparison.Ordinal);
            Assert.DoesNotContain("currentRevision", body, StringComparison.Ordinal);
            response.Dispose();
        }

        // An editor with the same stale If-Match: 412 and the current ETag, so they can merge.
        using var put = await desk.SendAsync(HttpMethod.Put, $"{Doc}/ru-RU", "eddie", edit, Stale);
        using var publish = await desk.SendAsync(HttpMethod.Post, $"{Doc}/fr-FR/publish", "eddie", null, Stale);
        using var unpublish = await desk.SendAsync(HttpMethod.Post, $"{Doc}/en-GB/unpublish", "eddie", null, "\"9-published-0\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, put.StatusCode);
        Assert.NotNull(put.Headers.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, publish.StatusCode);
        Assert.Equal(2, (await JsonAsync(publish)).GetProperty("currentRevision").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, unpublish.StatusCode);
    }

    [Fact]
    public async Task Put_TranslatorCreatesOwnLanguage_ButNotOthers()
    {
        await using var desk = await Newsdesk.StartAsync();
        var edit = new { title = "Évolution de la situation en Irak", body = "L'Irak reste au cœur de l'instabilité." };

        using var french = await desk.SendAsync(HttpMethod.Put, "/api/v1/documents/razvitie-situacii-v-irake/fr-FR", "tom", edit, "*");
        using var russian = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents/razvitie-situacii-v-irake/ru-RU", "tom");
        using var overwrite = await desk.SendAsync(HttpMethod.Put, "/api/v1/documents/razvitie-situacii-v-irake/ru-RU", "tom", edit, russian.Headers.ETag!.ToString());
        using var publish = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents/razvitie-situacii-v-irake/fr-FR/publish", "tom");

        Assert.Equal(HttpStatusCode.Created, french.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, overwrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal("application/problem+json", overwrite.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Publish_Now_And_AtEmbargo_ThenUnpublish()
    {
        await using var desk = await Newsdesk.StartAsync();
        await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", Statement);
        // eddie wrote it, so another person approves it (Review:RequireSecondPerson is on by default).
        await desk.ReviewAsync("/api/v1/documents/new-statement/en-GB");
        var release = TestSite.Start.AddHours(1);

        using var scheduled = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents/new-statement/en-GB/publish", "eddie", new { at = release });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        using (var before = await desk.Site.Client.GetAsync("/en-gb/new-statement"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        Assert.Contains("\"total\":0", await desk.Site.Client.GetStringAsync("/api/v1/search?q=kookaburras"), StringComparison.Ordinal);
        desk.Site.Clock.SetUtcNow(release);
        using (var after = await desk.Site.Client.GetAsync("/en-gb/new-statement"))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        // An embargo set while the server runs reaches search within seconds of its instant too.
        var found = false;
        for (var attempt = 0; attempt < 50 && !found; attempt++)
        {
            found = (await desk.Site.Client.GetStringAsync("/api/v1/search?q=kookaburras")).Contains("\"total\":1", StringComparison.Ordinal);
            if (!found)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(found, "search did not find the released version within 5 s");

        using var unpublished = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents/new-statement/en-GB/unpublish", "eddie");
        Assert.Equal("unpublished", (await JsonAsync(unpublished)).GetProperty("state").GetString());
        using var gone = await desk.Site.Client.GetAsync("/en-gb/new-statement");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Delete_OnlyAdmins()
    {
        await using var desk = await Newsdesk.StartAsync();
        await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", Statement);

        using var byEditor = await desk.SendAsync(HttpMethod.Delete, "/api/v1/documents/new-statement", "eddie");
        using var byAdmin = await desk.SendAsync(HttpMethod.Delete, "/api/v1/documents/new-statement", "alice");
        using var after = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents/new-statement/en-GB", "alice");

        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Writes_WithoutToken_OrWithSessionCookieOnly_Are401()
    {
        await using var desk = await Newsdesk.StartAsync();
        using var anonymous = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", null, Statement);
        using var admin = new AdminClient(desk.Site);
        await admin.LoginOrFailAsync("alice", Newsdesk.Password);
        using var withCookie = await admin.Http.PostAsJsonAsync("/api/v1/documents", Statement);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
        Assert.Equal(1, (await JsonAsync(await desk.Site.Client.GetAsync("/api/v1/documents?lang=en-GB"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task RevokedToken_Is401()
    {
        await using var desk = await Newsdesk.StartAsync();
        var store = await AdminClient.OpenStoreAsync(desk.Site);
        await store.RevokeTokenAsync("eddie-token", desk.Site.Clock.GetUtcNow());

        using var response = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", Statement);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"slug\":\"x\",\"language\":\"en-GB\",\"title\":", "title")]
    [InlineData("{\"language\":\"xx-!!\",\"title\":\"T\",\"body\":\"B\"}", "language")]
    [InlineData("{\"language\":\"en-GB\",\"title\":\"\",\"body\":\"B\"}", "title")]
    [InlineData("{\"language\":\"en-GB\",\"title\":\"T\"}", "body")]
    [InlineData("{\"slug\":\"../../etc/passwd\",\"language\":\"en-GB\",\"title\":\"T\",\"body\":\"B\"}", null)]
    [InlineData("[1,2,3]", null)]
    public async Task Post_BadBody_Is400NamingTheProblem_AndStoresNothing(string body, string? field)
    {
        await using var desk = await Newsdesk.StartAsync();
        using var response = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", rawBody: body);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, json.GetProperty("field").GetString());
        }

        using var list = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents", null);
        Assert.Equal(2, (await JsonAsync(list)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Post_OversizeBody_Is413()
    {
        await using var desk = await Newsdesk.StartAsync();
        var huge = JsonSerializer.Serialize(new { language = "en-GB", title = "Huge", body = new string('a', 2 * 1024 * 1024) });

        using var response = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", rawBody: huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_SlugTaken_Is409()
    {
        await using var desk = await Newsdesk.StartAsync();
        using var response = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie",
            new { slug = "razvitie-situacii-v-irake", language = "en-GB", title = "T", body = "B" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"at\":\"2026-12-06T15:54:01\"}", "needs an offset")]
    [InlineData("{\"at\":\"2026-12-06\"}", "without a time of day")]
    [InlineData("{\"at\":\"next Tuesday\"}", "not a date and time")]
    [InlineData("{\"at\":1765036441}", null)]
    public async Task Publish_AtWithoutAnInstant_Is400NamingAt_AndPublishesNothing(string body, string? detail)
    {
        await using var desk = await Newsdesk.StartAsync();
        await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", Statement);

        // The test host runs in Europe/Moscow: a time without an offset was read in it and published at 12:54 UTC.
        using var response = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents/new-statement/en-GB/publish", "eddie", rawBody: body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("at", problem.GetProperty("field").GetString());
        if (detail is not null)
        {
            Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var version = await desk.SendAsync(HttpMethod.Get, "/api/v1/documents/new-statement/en-GB", "eddie");
        Assert.Equal("draft", (await JsonAsync(version)).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/v1/documents", "{}")]
    [InlineData("POST", "/api/v1/documents", "not json")]
    [InlineData("POST", "/api/v1/documents/new-statement/en-GB/publish", "{\"at\":\"next Tuesday\"}")]
    [InlineData("POST", "/api/v1/documents/new-statement/en-GB/publish", "not json")]
    [InlineData("POST", "/api/v1/documents/new-statement/en-GB/reject", "not json")]
    [InlineData("POST", "/api/v1/documents/new-statement/en-GB/keep", "not json")]
    [InlineData("POST", "/api/v1/documents/new-statement/en-GB/restore", "{\"revision\":\"one\"}")]
    [InlineData("POST", "/api/v1/documents/new-statement/en-GB/discard", "")]
    [InlineData("POST", "/api/v1/releases", "not json")]
    [InlineData("POST", "/api/v1/releases", "{\"versions\":[]}")]
    [InlineData("DELETE", "/api/v1/releases/not-a-number", "")]
    [InlineData("GET", "/api/v1/releases?all=maybe", "")]
    [InlineData("GET", "/api/v1/releases/not-a-number", "")]
    public async Task Write_ByWhoMayNot_Is403BeforeTheBodyIsJudged(string method, string path, string body)
    {
        // Authentication, then permission, then everything else: a translator learns that it may not, not what a
        // valid request would have looked like.
        await using var desk = await Newsdesk.StartAsync();
        await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", Statement);

        // tom translates fr-FR: he may not review, write the en-GB version, or publish.
        using var response = await desk.SendAsync(new HttpMethod(method), path, "tom", rawBody: body.Length == 0 ? null : body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("2026-12-06T15:54:01Z")]
    [InlineData("2026-12-06T18:54:01+03:00")]
    [InlineData("2026-12-06T10:54:01-05:00")]
    public async Task Publish_AtWithOffset_IsThatInstantWhateverTheServersZone(string at)
    {
        await using var desk = await Newsdesk.StartAsync();
        await desk.SendAsync(HttpMethod.Post, "/api/v1/documents", "eddie", Statement);
        await desk.ReviewAsync("/api/v1/documents/new-statement/en-GB");
        var instant = new DateTimeOffset(2026, 12, 6, 15, 54, 1, TimeSpan.Zero);

        using var response = await desk.SendAsync(HttpMethod.Post, "/api/v1/documents/new-statement/en-GB/publish", "eddie", new { at });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(instant, (await JsonAsync(response)).GetProperty("publishedAt").GetDateTimeOffset());
        desk.Site.Clock.SetUtcNow(instant.AddSeconds(-1));
        using (var before = await desk.Site.Client.GetAsync("/en-gb/new-statement"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        desk.Site.Clock.SetUtcNow(instant);
        using var after = await desk.Site.Client.GetAsync("/en-gb/new-statement");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
