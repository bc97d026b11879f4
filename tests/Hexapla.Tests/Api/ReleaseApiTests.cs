using System.Net;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Api;

/// <summary>Releases through the write API: several versions live together at one instant, or none of them.</summary>
public sealed class ReleaseApiTests
{
    private const string Russian = Newsdesk.Iraq + "/ru-RU";
    private const string English = Newsdesk.Iraq + "/en-GB";
    private const string RussianPage = "/ru-ru/razvitie-situacii-v-irake";
    private const string EnglishPage = "/en-gb/razvitie-situacii-v-irake";

    private static string[] Paragraphs(JsonElement version) => version.GetProperty("body").GetString()!.Split("\n\n");

    private static object Edit(JsonElement version, string body, string note) =>
        new { title = version.GetProperty("title").GetString(), body, note };

    /// <summary>Changes paragraph <paramref name="index"/> of <paramref name="path"/> as <paramref name="who"/>; the working copy's revision.</summary>
    private static async Task<int> CorrectAsync(Newsdesk desk, string path, string who, int index, string paragraph, string note)
    {
        var (version, etag) = await desk.GetAsync(path, who);
        var paragraphs = Paragraphs(version);
        paragraphs[index] = paragraph;
        var (saved, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, path, who, Edit(version, string.Join("\n\n", paragraphs), note), etag);
        return saved.GetProperty("working").GetProperty("revision").GetInt32();
    }

    private static object Member(string lang, int revision) => new { slug = "razvitie-situacii-v-irake", language = lang, revision };

    /// <summary>Asks <paramref name="path"/> until its answer contains <paramref name="text"/>: the runner acts on the fake clock's instant, on its own thread.</summary>
    private static async Task<string> WaitForAsync(TestSite site, string path, string text)
    {
        var body = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            body = await site.Client.GetStringAsync(path);
            if (body.Contains(text, StringComparison.Ordinal))
            {
                return body;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{path} did not show \"{text}\" within 10 s of the release's instant");
        return body;
    }

    /// <summary>
    /// The loop of issue 17 through the write API: a correction of the published original and an update of its published
    /// translation, reviewed by a second editor and released together a few seconds ahead. The page cache keeps
    /// answers for an hour here (CacheRecheck), so only the release runner's word can make it drop the old pages.
    /// </summary>
    [Fact]
    public async Task CorrectionAndTranslationUpdate_ReleasedTogether_InvisibleBefore_AllSurfacesAfter()
    {
        await using var desk = await Newsdesk.StartAsync(new Dictionary<string, string?>
        {
            ["Hexapla:CacheRecheck"] = "01:00:00",
            ["Hexapla:CacheStatusHeader"] = "true",
        });
        const string NewRussian = "Провозглашённый ИГИЛ «халифат» — угроза всему региону; квокказавр.";
        const string NewEnglish = "The caliphate proclaimed by ISIL threatens the whole region; quokkasaurus.";
        const string Note = "Второй абзац уточнён после заседания.";

        // An editor corrects paragraph 2 of the published original with a note: readers keep the old text.
        var ruRevision = await CorrectAsync(desk, Russian, "eddie", 1, NewRussian, Note);
        Assert.DoesNotContain("квокказавр", await desk.Site.Client.GetStringAsync(RussianPage), StringComparison.Ordinal);
        // The English translator sees exactly that paragraph outdated, and updates the published English, which stays live.
        var (status, _) = await desk.GetAsync($"{English}/status", "tess");
        var outdated = Assert.Single(status.GetProperty("outdatedSegments").EnumerateArray()).GetString();
        var enRevision = await CorrectAsync(desk, English, "tess", 1, NewEnglish, "Second paragraph follows the corrected original.");
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/submit", "tess");
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Russian}/submit", "eddie");
        Assert.Equal("published", (await desk.GetAsync(English, null)).Json.GetProperty("state").GetString());
        // Until the release, the translation's live paragraph stays flagged.
        Assert.Contains(outdated, (await desk.GetAsync($"{English}/status", "tess")).Json.GetProperty("outdatedSegments").EnumerateArray().Select(s => s.GetString()));

        // A second editor approves both and schedules them as one release, five seconds ahead.
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Russian}/approve", "edna");
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/approve", "edna");
        var instant = TestSite.Start.AddSeconds(5);
        using var scheduled = await desk.SendAsync(HttpMethod.Post, "/api/v1/releases", "edna",
            new { at = instant.ToString("O"), versions = new[] { Member("ru-RU", ruRevision), Member("en-GB", enRevision) } });
        var release = await Newsdesk.JsonAsync(scheduled);
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        Assert.Equal("pending", release.GetProperty("state").GetString());
        Assert.Equal(instant, release.GetProperty("at").GetDateTimeOffset());
        var id = release.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/releases/{id}", scheduled.Headers.Location?.OriginalString);
        Assert.Equal(2, release.GetProperty("members").GetArrayLength());
        var (pending, _) = await desk.GetAsync("/api/v1/releases", "eddie");
        Assert.Equal(id, Assert.Single(pending.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());

        // Before the instant, neither change is on any surface; the pages are served from the cache.
        desk.Site.Clock.SetUtcNow(instant.AddMilliseconds(-500));
        foreach (var path in new[] { RussianPage, EnglishPage, RussianPage, EnglishPage })
        {
            using var page = await desk.Site.Client.GetAsync(path);
            var html = await page.Content.ReadAsStringAsync();
            Assert.DoesNotContain("квокказавр", html, StringComparison.Ordinal);
            Assert.DoesNotContain("quokkasaurus", html, StringComparison.Ordinal);
        }

        using (var cached = await desk.Site.Client.GetAsync(EnglishPage))
        {
            Assert.Equal("hit", cached.Headers.GetValues("X-Hexapla-Cache").Single());
        }

        var feeds = new[] { await desk.Site.Client.GetStringAsync("/ru-ru/feed.atom"), await desk.Site.Client.GetStringAsync("/en-gb/feed.atom") };
        Assert.All(feeds, text => Assert.DoesNotContain("quokkasaurus", text, StringComparison.Ordinal));
        Assert.All(feeds, text => Assert.DoesNotContain("квокказавр", text, StringComparison.Ordinal));
        // A search answer repeats its query: what counts is that it finds nothing.
        Assert.Contains("\"total\":0", await desk.Site.Client.GetStringAsync("/api/v1/search?q=quokkasaurus"), StringComparison.Ordinal);
        Assert.Contains("\"total\":0", await desk.Site.Client.GetStringAsync("/api/v1/search?q=квокказавр"), StringComparison.Ordinal);
        // The API's JSON may escape Cyrillic: its text is compared as read.
        var (ruBefore, _) = await desk.GetAsync(Russian, null);
        var (enBefore, _) = await desk.GetAsync(English, null);
        Assert.NotEqual(NewRussian, Paragraphs(ruBefore)[1]);
        Assert.NotEqual(NewEnglish, Paragraphs(enBefore)[1]);
        Assert.Equal(JsonValueKind.Null, ruBefore.GetProperty("updatedAt").ValueKind);

        // At the instant the runner carries it out, and every surface shows both changes.
        desk.Site.Clock.SetUtcNow(instant);
        await WaitForAsync(desk.Site, RussianPage, "квокказавр");
        Assert.Contains("quokkasaurus", await desk.Site.Client.GetStringAsync(EnglishPage), StringComparison.Ordinal);
        Assert.Contains("квокказавр", await desk.Site.Client.GetStringAsync("/ru-ru/feed.atom"), StringComparison.Ordinal);
        Assert.Contains("quokkasaurus", await desk.Site.Client.GetStringAsync("/en-gb/feed.atom"), StringComparison.Ordinal);
        Assert.Contains("\"total\":1", await desk.Site.Client.GetStringAsync("/api/v1/search?q=quokkasaurus"), StringComparison.Ordinal);
        Assert.Contains("\"total\":1", await desk.Site.Client.GetStringAsync("/api/v1/search?q=квокказавр"), StringComparison.Ordinal);
        var (ru, _) = await desk.GetAsync(Russian, null);
        var (en, _) = await desk.GetAsync(English, null);
        Assert.Equal(NewRussian, Paragraphs(ru)[1]);
        Assert.Equal(NewEnglish, Paragraphs(en)[1]);
        Assert.Equal(ruRevision, ru.GetProperty("revision").GetInt32());
        Assert.Equal(instant, ru.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(Note, ru.GetProperty("correctionNote").GetString());
        Assert.Equal(instant, en.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(TestSite.Start, en.GetProperty("publishedAt").GetDateTimeOffset());
        // The outdated flag is gone, and the release is done.
        var (statusAfter, _) = await desk.GetAsync($"{English}/status", "tess");
        Assert.Empty(statusAfter.GetProperty("outdatedSegments").EnumerateArray());
        var (done, _) = await desk.GetAsync($"/api/v1/releases/{id}", "edna");
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Empty((await desk.GetAsync("/api/v1/releases", "edna")).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Release_WithoutAtOrInThePast_IsPublishedNow_200Done()
    {
        await using var desk = await Newsdesk.StartAsync();
        var revision = await CorrectAsync(desk, English, "eddie", 0, "Iraq is a quokkaland now.", "Opening rewritten.");
        await desk.ReviewAsync(English);

        var (release, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/releases", "edna",
            new { at = TestSite.Start.AddDays(-1).ToString("O"), versions = new[] { Member("en-GB", revision) } });

        Assert.Equal("done", release.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, release.GetProperty("id").ValueKind);
        Assert.Equal(TestSite.Start, release.GetProperty("at").GetDateTimeOffset());
        Assert.Contains("quokkaland", await desk.Site.Client.GetStringAsync(EnglishPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_OfAMemberNotApproved_Is422_OfAChangedOne_Is409_NamingIt_AndNothingHappens()
    {
        await using var desk = await Newsdesk.StartAsync();
        var ruRevision = await CorrectAsync(desk, Russian, "eddie", 0, "Ирак — квокка.", "Первый абзац.");
        await desk.ReviewAsync(Russian);
        var enRevision = await CorrectAsync(desk, English, "tess", 0, "Iraq is a quokka.", "Follows the original.");
        var at = TestSite.Start.AddHours(1).ToString("O");

        // The English is a draft: not approved.
        var (draft, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/v1/releases", "edna",
            new { at, versions = new[] { Member("ru-RU", ruRevision), Member("en-GB", enRevision) } });
        Assert.Equal("versions[1]", draft.GetProperty("field").GetString());
        Assert.Equal("en-GB", draft.GetProperty("member").GetProperty("language").GetString());
        Assert.Contains("en-GB", draft.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The Russian named at a revision it no longer has.
        await desk.ReviewAsync(English, "tess", "rita");
        var (changed, _) = await desk.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/api/v1/releases", "edna",
            new { at, versions = new[] { Member("en-GB", enRevision), Member("ru-RU", ruRevision - 1) } });
        Assert.Equal("versions[1]", changed.GetProperty("field").GetString());
        Assert.Equal("ru-RU", changed.GetProperty("member").GetProperty("language").GetString());

        // No document at all.
        var (missing, _) = await desk.ExpectAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/v1/releases", "edna",
            new { versions = new[] { new { slug = "no-such-thing", language = "en-GB", revision = 1 } } });
        Assert.Equal("versions[0]", missing.GetProperty("field").GetString());

        Assert.Empty((await desk.GetAsync("/api/v1/releases", "edna")).Json.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain("quokka", await desk.Site.Client.GetStringAsync(EnglishPage), StringComparison.Ordinal);
        Assert.DoesNotContain("квокка", await desk.Site.Client.GetStringAsync(RussianPage), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "versions")]
    [InlineData("{\"versions\":[]}", "versions")]
    [InlineData("{\"versions\":[null]}", "versions[0]")]
    [InlineData("{\"versions\":[{\"language\":\"en-GB\",\"revision\":2}]}", "versions[0].slug")]
    [InlineData("{\"versions\":[{\"slug\":\"../x\",\"language\":\"en-GB\",\"revision\":2}]}", "versions[0].slug")]
    [InlineData("{\"versions\":[{\"slug\":\"a\",\"language\":\"en-GB\",\"revision\":2},{\"slug\":\"a\",\"language\":\"xx-!!\",\"revision\":2}]}", "versions[1].language")]
    [InlineData("{\"versions\":[{\"slug\":\"a\",\"language\":\"en-GB\"}]}", "versions[0].revision")]
    [InlineData("{\"versions\":[{\"slug\":\"a\",\"language\":\"en-GB\",\"revision\":0}]}", "versions[0].revision")]
    [InlineData("{\"versions\":[{\"slug\":\"a\",\"language\":\"en-GB\",\"revision\":\"two\"}]}", "versions[0].revision")]
    [InlineData("{\"at\":\"2026-12-06T15:54:01\",\"versions\":[{\"slug\":\"a\",\"language\":\"en-GB\",\"revision\":2}]}", "at")]
    public async Task Release_BadBody_Is400NamingTheField_AndSchedulesNothing(string body, string field)
    {
        await using var desk = await Newsdesk.StartAsync();

        using var response = await desk.SendAsync(HttpMethod.Post, "/api/v1/releases", "eddie", rawBody: body);
        var problem = await Newsdesk.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Empty((await desk.GetAsync("/api/v1/releases?all=true", "eddie")).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Cancel_APendingRelease_KeepsTheWork_DiscardWaitsForIt_AndASecondCancelIs409()
    {
        await using var desk = await Newsdesk.StartAsync();
        var revision = await CorrectAsync(desk, English, "eddie", 0, "Iraq is a quokka.", "Opening.");
        var (_, etag) = await desk.ReviewAsync(English);
        var (release, _) = await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/releases", "edna",
            new { at = TestSite.Start.AddHours(1).ToString("O"), versions = new[] { Member("en-GB", revision) } });
        var id = release.GetProperty("id").GetInt64();

        // The working copy is held by the release: discarding it waits for the release to be called off.
        await desk.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{English}/discard", "eddie", null, etag);
        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, $"/api/v1/releases/{id}", "rita");
        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, $"/api/v1/releases/{id}", "tess");
        await desk.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/api/v1/releases", null);

        var (cancelled, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Delete, $"/api/v1/releases/{id}", "eddie");

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        await desk.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Delete, $"/api/v1/releases/{id}", "eddie");
        await desk.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, "/api/v1/releases/999", "eddie");
        Assert.Equal("cancelled", (await desk.GetAsync($"/api/v1/releases/{id}", "eddie")).Json.GetProperty("state").GetString());
        Assert.Empty((await desk.GetAsync("/api/v1/releases", "eddie")).Json.GetProperty("items").EnumerateArray());
        Assert.Single((await desk.GetAsync("/api/v1/releases?all=true", "eddie")).Json.GetProperty("items").EnumerateArray());
        desk.Site.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal("approved", (await desk.GetAsync(English, "eddie")).Json.GetProperty("working").GetProperty("state").GetString());
        Assert.DoesNotContain("quokka", await desk.Site.Client.GetStringAsync(EnglishPage), StringComparison.Ordinal);
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/discard", "eddie", null, etag);
    }

    [Fact]
    public async Task Release_WhoseMemberChangedBeforeItsInstant_FailsWhole_NamingTheMember()
    {
        await using var desk = await Newsdesk.StartAsync();
        var ruRevision = await CorrectAsync(desk, Russian, "eddie", 0, "Ирак — квокка.", "Первый абзац.");
        await desk.ReviewAsync(Russian);
        var enRevision = await CorrectAsync(desk, English, "tess", 0, "Iraq is a quokka.", "Follows the original.");
        await desk.ReviewAsync(English, "tess", "rita");
        var instant = TestSite.Start.AddSeconds(5);
        var (release, _) = await desk.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/releases", "edna",
            new { at = instant.ToString("O"), versions = new[] { Member("ru-RU", ruRevision), Member("en-GB", enRevision) } });
        var id = release.GetProperty("id").GetInt64();

        // tess saves the English again after it was chosen: its approval is gone.
        await CorrectAsync(desk, English, "tess", 0, "Iraq is a quokka, really.", "One more word.");
        desk.Site.Clock.SetUtcNow(instant);

        JsonElement ended = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            (ended, _) = await desk.GetAsync($"/api/v1/releases/{id}", "edna");
            if (ended.GetProperty("state").GetString() != "pending")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("failed", ended.GetProperty("state").GetString());
        Assert.Contains("en-GB", ended.GetProperty("outcome").GetString(), StringComparison.Ordinal);
        // None of it went live, the Russian correction included.
        Assert.DoesNotContain("квокка", await desk.Site.Client.GetStringAsync(RussianPage), StringComparison.Ordinal);
        Assert.DoesNotContain("quokka", await desk.Site.Client.GetStringAsync(EnglishPage), StringComparison.Ordinal);
        Assert.Equal("approved", (await desk.GetAsync(Russian, "eddie")).Json.GetProperty("working").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Publish_OfAWorkingCopyAtALaterInstant_IsAReleaseOfOne_LiveTextStaysUntilThen()
    {
        await using var desk = await Newsdesk.StartAsync();
        await CorrectAsync(desk, English, "eddie", 0, "Iraq is a wallaby now.", "Opening rewritten.");
        var (_, etag) = await desk.ReviewAsync(English);
        var instant = TestSite.Start.AddSeconds(30);

        var (published, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/publish", "edna", new { at = instant.ToString("O") }, etag);

        Assert.Equal("approved", published.GetProperty("working").GetProperty("state").GetString());
        var (pending, _) = await desk.GetAsync("/api/v1/releases", "edna");
        var release = Assert.Single(pending.GetProperty("items").EnumerateArray());
        Assert.Equal(instant, release.GetProperty("at").GetDateTimeOffset());
        Assert.DoesNotContain("wallaby", await desk.Site.Client.GetStringAsync(EnglishPage), StringComparison.Ordinal);
        desk.Site.Clock.SetUtcNow(instant);
        await WaitForAsync(desk.Site, EnglishPage, "wallaby");
        var (live, _) = await desk.GetAsync(English, null);
        Assert.Equal(instant, live.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal("Opening rewritten.", live.GetProperty("correctionNote").GetString());
    }
}
