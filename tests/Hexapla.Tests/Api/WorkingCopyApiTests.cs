using System.Net;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Api;

/// <summary>The write API over published text: saves go to a working copy, which goes through review before it is live.</summary>
public sealed class WorkingCopyApiTests
{
    private const string Russian = Newsdesk.Iraq + "/ru-RU";
    private const string English = Newsdesk.Iraq + "/en-GB";

    /// <summary>Every member of the version JSON that says something of work on the text; none may reach an anonymous reader.</summary>
    private static readonly string[] WorkFields = ["working", "author", "note", "approvedBy", "rejection", "latestRevision"];

    private static string[] Paragraphs(JsonElement version) => version.GetProperty("body").GetString()!.Split("\n\n");

    private static object Edit(JsonElement version, string body, string? note) => new
    {
        title = version.GetProperty("title").GetString(),
        body,
        summary = version.TryGetProperty("summary", out var summary) ? summary.GetString() : null,
        note,
    };

    [Fact]
    public async Task Put_PublishedVersion_WithoutNote_Is400NamingNote_AndSavesNothing()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (english, etag) = await desk.GetAsync(English, "eddie");

        foreach (var note in new[] { null, "  " })
        {
            using var response = await desk.SendAsync(HttpMethod.Put, English, "eddie", Edit(english, "Changed without a word.", note), etag);
            var problem = await Newsdesk.JsonAsync(response);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("note", problem.GetProperty("field").GetString());
            Assert.Contains("note", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var (after, etagAfter) = await desk.GetAsync(English, "eddie");
        Assert.Equal(etag, etagAfter);
        Assert.False(after.TryGetProperty("working", out _));
        Assert.Equal(1, after.GetProperty("latestRevision").GetInt32());
    }

    [Fact]
    public async Task Put_PublishedVersion_WritesTheWorkingCopy_ReadersKeepTheLiveText_AndSeeNothingOfTheWork()
    {
        await using var desk = await Newsdesk.StartAsync();
        var pageBefore = await desk.Site.Client.GetStringAsync("/en-gb/razvitie-situacii-v-irake");
        var (anonymousBefore, anonymousETag) = await desk.GetAsync(English, null);
        var (english, etag) = await desk.GetAsync(English, "tess");
        var paragraphs = Paragraphs(english);
        paragraphs[1] = "A quokka-shaped correction of the second paragraph.";

        // tess translates en-GB: she may change the published translation, into a working copy.
        var (saved, savedETag) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, English, "tess",
            Edit(english, string.Join("\n\n", paragraphs), "Second paragraph reworded."), etag);

        Assert.Equal("published", saved.GetProperty("state").GetString());
        Assert.Equal(1, saved.GetProperty("revision").GetInt32());
        Assert.DoesNotContain("quokka", saved.GetProperty("body").GetString(), StringComparison.Ordinal);
        var working = saved.GetProperty("working");
        Assert.Equal(2, working.GetProperty("revision").GetInt32());
        Assert.Equal("draft", working.GetProperty("state").GetString());
        Assert.Contains("quokka", working.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("tess", working.GetProperty("author").GetString());
        Assert.Equal("Second paragraph reworded.", working.GetProperty("note").GetString());
        Assert.Equal(2, saved.GetProperty("latestRevision").GetInt32());
        Assert.StartsWith("\"2-draft-", savedETag, StringComparison.Ordinal);

        // Readers: the page, the anonymous API answer and its ETag are as they were, with no field of the work.
        Assert.Equal(pageBefore, await desk.Site.Client.GetStringAsync("/en-gb/razvitie-situacii-v-irake"));
        using var anonymous = await desk.SendAsync(HttpMethod.Get, English, null);
        var anonymousText = await anonymous.Content.ReadAsStringAsync();
        var anonymousJson = JsonDocument.Parse(anonymousText).RootElement;
        Assert.Equal(anonymousETag, anonymous.Headers.ETag?.ToString());
        Assert.Equal(anonymousBefore.GetProperty("body").GetString(), anonymousJson.GetProperty("body").GetString());
        Assert.DoesNotContain("quokka", anonymousText, StringComparison.Ordinal);
        Assert.DoesNotContain("reworded", anonymousText, StringComparison.Ordinal);
        Assert.All(WorkFields, field => Assert.False(anonymousJson.TryGetProperty(field, out _), $"anonymous JSON has \"{field}\""));
        Assert.Equal(JsonValueKind.Null, anonymousJson.GetProperty("updatedAt").ValueKind);
        // tom (fr-FR) may not read en-GB in every state: he gets what readers get.
        var (byTom, _) = await desk.GetAsync(English, "tom");
        Assert.All(WorkFields, field => Assert.False(byTom.TryGetProperty(field, out _), $"tom's JSON has \"{field}\""));

        // The anonymous ETag names the live text: a save based on it is stale (412), and says which revision is newest.
        using var stale = await desk.SendAsync(HttpMethod.Put, English, "tess", Edit(english, "Lost?", "a note"), anonymousETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, (await Newsdesk.JsonAsync(stale)).GetProperty("currentRevision").GetInt32());
        // The ETag of the newest revision works, and without any the answer is 428, as for any save.
        using var none = await desk.SendAsync(HttpMethod.Put, English, "tess", Edit(english, "Lost?", "a note"));
        Assert.Equal(HttpStatusCode.PreconditionRequired, none.StatusCode);
        var (again, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, English, "tess", Edit(english, "Third text.", "Shorter."), savedETag);
        Assert.Equal(3, again.GetProperty("working").GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Review_OfAWorkingCopy_SecondPerson_RejectionWithReason_ThenPublishIsACorrection()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (english, etag) = await desk.GetAsync(English, "eddie");
        var paragraphs = Paragraphs(english);
        paragraphs[0] = "Iraq remains at the heart of the Middle East's instability (corrected).";
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, English, "eddie", Edit(english, string.Join("\n\n", paragraphs), "Grammar of the first sentence."), etag);

        // Unreviewed: publishing is refused with who may approve, and nothing goes live.
        var (refused, _) = await desk.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{English}/publish", "eddie");
        Assert.Contains("other than eddie", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/submit", "eddie");
        // Nobody approves their own text; a rejection needs a reason.
        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"{English}/approve", "eddie");
        var (noReason, _) = await desk.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{English}/reject", "rita", new { reason = " " });
        Assert.Equal("reason", noReason.GetProperty("field").GetString());
        var (noBody, _) = await desk.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{English}/reject", "rita");
        Assert.Equal("reason", noBody.GetProperty("field").GetString());

        var (rejected, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/reject", "rita", new { reason = "Say \"at the heart\" without the brackets." });
        Assert.Equal("draft", rejected.GetProperty("working").GetProperty("state").GetString());
        Assert.Equal("Say \"at the heart\" without the brackets.", rejected.GetProperty("working").GetProperty("rejection").GetString());

        // Saved and sent again; approved by rita; published by eddie: the live text changes, and readers are told.
        var (current, currentETag) = await desk.GetAsync(English, "eddie");
        paragraphs[0] = "Iraq remains at the heart of the Middle East's instability.";
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, English, "eddie", Edit(current, string.Join("\n\n", paragraphs), "Grammar of the first sentence."), currentETag);
        var (approved, approvedETag) = await desk.ReviewAsync(English);
        Assert.Equal("approved", approved.GetProperty("working").GetProperty("state").GetString());
        Assert.Equal("rita", approved.GetProperty("working").GetProperty("approvedBy").GetString());
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("working").GetProperty("rejection").ValueKind);

        desk.Site.Clock.Advance(TimeSpan.FromMinutes(5));
        var (published, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/publish", "eddie", null, approvedETag);
        Assert.Equal(3, published.GetProperty("revision").GetInt32());
        Assert.False(published.TryGetProperty("working", out _));
        var (anonymous, _) = await desk.GetAsync(English, null);
        Assert.StartsWith("Iraq remains at the heart of the Middle East's instability.", anonymous.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(TestSite.Start, anonymous.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(TestSite.Start.AddMinutes(5), anonymous.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal("Grammar of the first sentence.", anonymous.GetProperty("correctionNote").GetString());
        Assert.Contains("at the heart of the Middle East", await desk.Site.Client.GetStringAsync("/en-gb/razvitie-situacii-v-irake"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discard_NeedsIfMatch_DropsTheWorkingCopy_AndTheLiveTextStays()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (english, etag) = await desk.GetAsync(English, "eddie");
        var (_, workETag) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, English, "eddie", Edit(english, "Nothing but this.", "Shortened."), etag);

        await desk.ExpectAsync(HttpStatusCode.PreconditionRequired, HttpMethod.Post, $"{English}/discard", "eddie");
        var (stale, _) = await desk.ExpectAsync(HttpStatusCode.PreconditionFailed, HttpMethod.Post, $"{English}/discard", "eddie", null, etag);
        Assert.Equal(2, stale.GetProperty("currentRevision").GetInt32());
        // rita reviews but does not write: she may not throw text away.
        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"{English}/discard", "rita", null, workETag);

        var (discarded, discardedETag) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/discard", "eddie", null, workETag);

        Assert.False(discarded.TryGetProperty("working", out _));
        Assert.Equal(english.GetProperty("body").GetString(), discarded.GetProperty("body").GetString());
        Assert.Equal(etag, discardedETag);
        // Nothing left to discard.
        await desk.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{English}/discard", "eddie", null, discardedETag);
    }

    [Fact]
    public async Task Restore_MakesAWorkingCopyFromAnOldRevision_LiveTextUntouched()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (english, etag) = await desk.GetAsync(English, "eddie");
        var (_, workETag) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, English, "eddie", Edit(english, "Nothing but this.", "Shortened."), etag);

        var (missing, _) = await desk.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{English}/restore", "eddie", new { note = "back" }, workETag);
        Assert.Equal("revision", missing.GetProperty("field").GetString());
        var (unknown, _) = await desk.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{English}/restore", "eddie", new { revision = 99 }, workETag);
        Assert.Equal("revision", unknown.GetProperty("field").GetString());
        await desk.ExpectAsync(HttpStatusCode.PreconditionRequired, HttpMethod.Post, $"{English}/restore", "eddie", new { revision = 1 });

        var (restored, _) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/restore", "eddie", new { revision = 1, note = "The short text was a mistake." }, workETag);

        var working = restored.GetProperty("working");
        Assert.Equal(3, working.GetProperty("revision").GetInt32());
        Assert.Equal("draft", working.GetProperty("state").GetString());
        Assert.Equal(english.GetProperty("body").GetString(), working.GetProperty("body").GetString());
        Assert.Equal("The short text was a mistake.", working.GetProperty("note").GetString());
        Assert.Equal(1, restored.GetProperty("revision").GetInt32());
        var (anonymous, _) = await desk.GetAsync(English, null);
        Assert.Equal(english.GetProperty("body").GetString(), anonymous.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Keep_AsIs_NeedsANote_ClearsTheOutdatedFlag_WithoutANewRevision()
    {
        await using var desk = await Newsdesk.StartAsync();
        var (russian, ruETag) = await desk.GetAsync(Russian, "eddie");
        var paragraphs = Paragraphs(russian);
        paragraphs[1] = paragraphs[1].Replace("«халифат»", "«халифат»,", StringComparison.Ordinal);
        await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, Russian, "eddie", Edit(russian, string.Join("\n\n", paragraphs), "Запятая."), ruETag);
        var (status, _) = await desk.GetAsync($"{English}/status", "tess");
        var outdated = Assert.Single(status.GetProperty("outdatedSegments").EnumerateArray()).GetString()!;
        var (english, etag) = await desk.GetAsync(English, "tess");

        var (noNote, _) = await desk.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{English}/keep", "tess", new { segments = new[] { outdated } }, etag);
        Assert.Equal("note", noNote.GetProperty("field").GetString());
        var (noSegments, _) = await desk.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{English}/keep", "tess", new { note = "typo" }, etag);
        Assert.Equal("segments", noSegments.GetProperty("field").GetString());
        await desk.ExpectAsync(HttpStatusCode.PreconditionRequired, HttpMethod.Post, $"{English}/keep", "tess", new { segments = new[] { outdated }, note = "typo" });
        await desk.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"{English}/keep", "tom", new { segments = new[] { outdated }, note = "typo" }, etag);

        var (kept, keptETag) = await desk.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{English}/keep", "tess",
            new { segments = new[] { outdated }, note = "A comma in the original; the translation needs none." }, etag);

        Assert.Equal(1, kept.GetProperty("revision").GetInt32());
        Assert.False(kept.TryGetProperty("working", out _));
        Assert.Equal(etag, keptETag);
        var (after, _) = await desk.GetAsync($"{English}/status", "tess");
        Assert.Empty(after.GetProperty("outdatedSegments").EnumerateArray());
        Assert.Equal(english.GetProperty("body").GetString(), (await desk.GetAsync(English, null)).Json.GetProperty("body").GetString());
    }
}
