using System.Net;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Security;

/// <summary>
/// The worst bug Hexapla can have is an unpublished text reaching someone without rights. This puts versions in
/// every state that is not public into a site, then walks every public surface looking for their words.
/// </summary>
public sealed class NothingUnpublishedLeaksTests
{
    private static DateTimeOffset Embargo => UnpublishedVersions.Embargo;

    private static IReadOnlyList<(string Language, string Word, string State)> Secrets => UnpublishedVersions.Secrets;

    private static IReadOnlyList<string> SecretLanguages => UnpublishedVersions.Languages;

    private static Task PrepareAsync(string data, FakeTimeProvider clock) => UnpublishedVersions.PrepareAsync(data, clock);

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
        yield return "/ru-ru/razvitie-situacii-v-irake/compare/en-gb";
        yield return "/en-gb/razvitie-situacii-v-irake/compare/ru-ru";
        yield return "/api/v1/documents/razvitie-situacii-v-irake/ru-RU/status";
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
