using System.Net;
using System.Xml.Linq;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Security;

public sealed class HostileContentTests
{
    private const string Hostile = "Text <script>alert('b')</script>, <img src=x onerror=alert(2)>, [a link](javascript:alert(1)) and <iframe src=//evil.example></iframe> about emus.";

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: (data, clock) => TestContent.ImportAsync(data, clock,
        TestContent.Markdown("hostile", "en-GB", "Hostile <b>title</b>", Hostile)));

    [Fact]
    public async Task Feed_EntryContent_IsSanitised()
    {
        await using var site = await StartAsync();
        var feed = XDocument.Parse(await site.Client.GetStringAsync("/en-gb/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value.StartsWith("Hostile", StringComparison.Ordinal));
        var html = entry.Element(atom + "content")!.Value;
        var content = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        Assert.Empty(content.QuerySelectorAll("script, iframe, [onerror]"));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("emus", content.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchSnippet_OfHostileText_IsEscaped()
    {
        await using var site = await StartAsync();
        var page = await site.GetPageAsync("/en-gb/search?q=emus");
        var snippet = page.QuerySelector("ol.results .snippet")!;

        Assert.DoesNotContain(snippet.QuerySelectorAll("*"), e => e.LocalName != "mark");
        Assert.Contains("<script>", snippet.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/en-gb/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/en-gb/%2e%2e")]
    [InlineData("/..%2Fhexapla.db")]
    [InlineData("/api/v1/documents/..%2F..%2Fetc%2Fpasswd/en-GB")]
    [InlineData("/assets/..%2F..%2Fhexapla.db")]
    public async Task PathTraversal_InSlugs_IsNotFound(string path)
    {
        await using var site = await StartAsync();
        using var response = await site.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        // Kestrel resolves a dot segment before routing (/en-gb/%2e%2e is /), which may redirect to a language: fine.
        var redirectedHome = response.StatusCode == HttpStatusCode.Found && response.Headers.Location?.OriginalString is ['/', ..] location && !location.Contains("..", StringComparison.Ordinal);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest || redirectedHome, $"{path} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite format", body, StringComparison.Ordinal);
    }
}
