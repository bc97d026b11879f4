using System.Net;
using System.Text.Json;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Api;

public sealed class ReadApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Version_ReturnsMarkdownHtmlAndETag()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/api/v1/documents/razvitie-situacii-v-irake/en-GB");
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en-GB", json.GetProperty("language").GetString());
        Assert.Equal("Development of the situation in Iraq", json.GetProperty("title").GetString());
        Assert.StartsWith("Iraq remains in the heart", json.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<p>Iraq remains", json.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal("published", json.GetProperty("state").GetString());
        Assert.Equal(1, json.GetProperty("revision").GetInt32());
        Assert.Equal(TestSite.Start, json.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.False(json.GetProperty("original").GetBoolean());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Version_IfNoneMatch_Is304()
    {
        await using var site = await TestSite.StartAsync();
        using var first = await site.Client.GetAsync("/api/v1/documents/razvitie-situacii-v-irake/ru-ru");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/documents/razvitie-situacii-v-irake/ru-RU");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await site.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Document_ListsPublishedVersions()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/api/v1/documents/razvitie-situacii-v-irake");
        var json = await JsonAsync(response);

        Assert.Equal("ru-RU", json.GetProperty("originalLanguage").GetString());
        var versions = json.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["ru-RU", "en-GB"], versions.Select(v => v.GetProperty("language").GetString()));
        Assert.EndsWith("/en-gb/razvitie-situacii-v-irake", versions[1].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(["iraq", "middle-east"], json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task List_FiltersByLanguageAndPages()
    {
        await using var site = await TestSite.StartAsync();
        var all = await JsonAsync(await site.Client.GetAsync("/api/v1/documents"));
        var russian = await JsonAsync(await site.Client.GetAsync("/api/v1/documents?lang=ru_RU&page=1"));

        Assert.Equal(2, all.GetProperty("total").GetInt64());
        Assert.Equal(1, russian.GetProperty("total").GetInt64());
        var item = Assert.Single(russian.GetProperty("items").EnumerateArray());
        Assert.Equal("Развитие ситуации в Ираке", item.GetProperty("title").GetString());
        Assert.Equal(["en-GB", "ru-RU"], item.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
    }

    [Theory]
    [InlineData("/api/v1/documents?lang=xx-!!", "lang")]
    [InlineData("/api/v1/documents?page=abc", "page")]
    [InlineData("/api/v1/documents?page=0", "page")]
    [InlineData("/api/v1/documents/razvitie-situacii-v-irake/xx-!!", "lang")]
    public async Task BadParameter_Is400ProblemNamingTheField(string path, string field)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync(path);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, json.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/documents/no-such-document")]
    [InlineData("/api/v1/documents/razvitie-situacii-v-irake/fr-FR")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Missing_Is404Problem(string path)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DraftVersion_IsNeverReturned()
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock,
            TestContent.Markdown("razvitie-situacii-v-irake", "fr-FR", "Brouillon secret", "Texte du brouillon.", "draft: true\n")));

        using var version = await site.Client.GetAsync("/api/v1/documents/razvitie-situacii-v-irake/fr-FR");
        var document = await site.Client.GetStringAsync("/api/v1/documents/razvitie-situacii-v-irake");
        var list = await site.Client.GetStringAsync("/api/v1/documents?lang=fr-FR");

        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
        Assert.DoesNotContain("Brouillon", document, StringComparison.Ordinal);
        Assert.DoesNotContain("Brouillon", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Brouillon", await version.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
