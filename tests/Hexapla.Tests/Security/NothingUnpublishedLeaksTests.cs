using System.Net;
using Hexapla.Accounts;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Security;

/// <summary>
/// The worst bug Hexapla can have is an unpublished text reaching someone without rights. This puts versions in
/// every state that is not public into a site, then walks every public surface looking for their words.
/// </summary>
public sealed class NothingUnpublishedLeaksTests
{
    private static readonly DateTimeOffset Embargo = TestSite.Start.AddHours(3);

    /// <summary>Each secret word appears only in one version that readers must not see, title and body.</summary>
    private static readonly (string Language, string Word, string State)[] Secrets =
    [
        ("fr-FR", "quokkadraft", "draft"),
        ("de-DE", "wombatreview", "in review"),
        ("es-ES", "numbatapproved", "approved"),
        ("it-IT", "bilbyembargo", "embargoed"),
        ("pt-PT", "dingounpublished", "unpublished"),
        ("en-GB", "potoroodraftonly", "a document that is only a draft"),
    ];

    private static readonly string[] SecretLanguages = ["fr-FR", "de-DE", "es-ES", "it-IT", "pt-PT"];

    private static async Task PrepareAsync(string data, FakeTimeProvider clock)
    {
        var admin = new User(1, "admin", Role.Admin, [], false, clock.GetUtcNow());
        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        using var index = LuceneSearchIndex.Open(SearchSetup.IndexFolder(data));
        var newsroom = new Newsroom(store, index, clock);
        const string Slug = "razvitie-situacii-v-irake";

        async Task VersionAsync(string language, string word) =>
            await newsroom.SaveVersionAsync(admin, Slug, LanguageTag.Parse(language), new VersionEdit($"Title {word}", $"The body says {word} twice: {word}.", $"Summary {word}"), null);

        var fr = LanguageTag.Parse("fr-FR");
        await VersionAsync("fr-FR", "quokkadraft");
        await VersionAsync("de-DE", "wombatreview");
        await newsroom.SubmitAsync(admin, Slug, LanguageTag.Parse("de-DE"));
        await VersionAsync("es-ES", "numbatapproved");
        await newsroom.SubmitAsync(admin, Slug, LanguageTag.Parse("es-ES"));
        await newsroom.ApproveAsync(admin, Slug, LanguageTag.Parse("es-ES"));
        await VersionAsync("it-IT", "bilbyembargo");
        await newsroom.PublishAsync(admin, Slug, LanguageTag.Parse("it-IT"), Embargo);
        await VersionAsync("pt-PT", "dingounpublished");
        await newsroom.PublishAsync(admin, Slug, LanguageTag.Parse("pt-PT"));
        await newsroom.UnpublishAsync(admin, Slug, LanguageTag.Parse("pt-PT"));
        await newsroom.CreateDocumentAsync(admin, new NewDocument("draft-only", LanguageTag.Parse("en-GB"), "Title potoroodraftonly", "The body says potoroodraftonly.", "Summary potoroodraftonly"));
        _ = fr;
    }

    private static IEnumerable<string> PublicSurfaces()
    {
        string[] languages = ["en-gb", "ru-ru", "fr-fr", "de-de", "es-es", "it-it", "pt-pt"];
        yield return "/";
        yield return "/sitemap.xml";
        yield return "/robots.txt";
        yield return "/healthz";
        yield return "/api/v1/documents";
        yield return "/api/v1/documents/razvitie-situacii-v-irake";
        yield return "/api/v1/documents/draft-only";
        yield return "/api/openapi.json";
        foreach (var language in languages)
        {
            yield return $"/{language}/";
            yield return $"/{language}/razvitie-situacii-v-irake";
            yield return $"/{language}/draft-only";
            yield return $"/{language}/feed.atom";
            yield return $"/{language}/no-such-page";
            yield return $"/api/v1/documents?lang={language}";
            yield return $"/api/v1/documents/razvitie-situacii-v-irake/{language}";
            yield return $"/api/v1/documents/draft-only/{language}";
            foreach (var (_, word, _) in Secrets)
            {
                yield return $"/{language}/search?q={word}";
                yield return $"/{language}/search?all=1&q={word}";
            }
        }

        foreach (var (_, word, _) in Secrets)
        {
            yield return $"/api/v1/search?q={word}";
            yield return $"/api/v1/search?q=Title+{word}&lang=*";
        }
    }

    [Fact]
    public async Task EveryPublicSurface_ShowsNoWordOfAnyUnpublishedVersion()
    {
        await using var site = await TestSite.StartAsync(prepare: PrepareAsync);
        site.Clock.SetUtcNow(Embargo.AddMilliseconds(-1));

        foreach (var path in PublicSurfaces())
        {
            using var response = await site.Client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (path.Contains("q=", StringComparison.Ordinal))
            {
                // A search shows the query back to the reader; what must not appear is a result.
                body = path.StartsWith("/api/", StringComparison.Ordinal)
                    ? System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("results").GetRawText()
                    : new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body).QuerySelector("ol.results")?.OuterHtml ?? string.Empty;
                Assert.DoesNotContain("\"total\":1", body, StringComparison.Ordinal);
            }

            foreach (var (language, word, state) in Secrets)
            {
                Assert.False(body.Contains(word, StringComparison.OrdinalIgnoreCase), $"GET {path} shows the {state} {language} version ({word}).");
            }

            if (path.StartsWith("/api/v1/documents/", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.NotFound)
            {
                Assert.Null(response.Headers.ETag);
            }
        }
    }

    [Fact]
    public async Task DocumentPage_SwitcherAndHreflang_ListOnlyPublishedLanguages()
    {
        await using var site = await TestSite.StartAsync(prepare: PrepareAsync);
        var page = await site.GetPageAsync("/en-gb/razvitie-situacii-v-irake");
        var notFound = await site.GetPageAsync("/fr-fr/razvitie-situacii-v-irake");

        var languages = page.QuerySelectorAll("[hreflang]").Select(e => e.GetAttribute("hreflang")).ToHashSet();
        Assert.Equal(["en-GB", "ru-RU", "x-default"], languages.Order());
        var listed = notFound.QuerySelectorAll("main [hreflang]").Select(e => e.GetAttribute("hreflang")).ToHashSet();
        Assert.DoesNotContain(listed, l => SecretLanguages.Contains(l));
        Assert.Contains("en-GB", listed);
    }

    [Fact]
    public async Task Embargo_EverySurfaceShowsTheVersionWithinSecondsOfItsInstant()
    {
        await using var site = await TestSite.StartAsync(prepare: PrepareAsync);
        site.Clock.SetUtcNow(Embargo);

        using var page = await site.Client.GetAsync("/it-it/razvitie-situacii-v-irake");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("bilbyembargo", await site.Client.GetStringAsync("/it-it/feed.atom"), StringComparison.Ordinal);
        Assert.Contains("/it-it/razvitie-situacii-v-irake", await site.Client.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
        Assert.Contains("bilbyembargo", await site.Client.GetStringAsync("/api/v1/documents/razvitie-situacii-v-irake/it-IT"), StringComparison.Ordinal);
        Assert.Contains("hreflang=\"it-IT\"", await site.Client.GetStringAsync("/en-gb/razvitie-situacii-v-irake"), StringComparison.Ordinal);

        var found = false;
        for (var attempt = 0; attempt < 50 && !found; attempt++)
        {
            found = (await site.Client.GetStringAsync("/api/v1/search?q=bilbyembargo")).Contains("\"total\":1", StringComparison.Ordinal);
            if (!found)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(found, "search did not find the version within 5 s of its embargo");
    }
}
