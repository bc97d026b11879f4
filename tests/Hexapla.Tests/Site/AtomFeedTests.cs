using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Hexapla.Hosting;
using Hexapla.Site.Export;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

/// <summary>
/// Every Atom feed, served and exported, is a feed by RFC 4287: the elements it requires (once), those it allows at
/// most once, absolute ids, RFC 3339 dates, an author for every entry, content or an alternate link, at most one
/// alternate link per type and language; and .NET's Atom 1.0 reader loads it.
/// </summary>
public sealed partial class AtomFeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Xml = XNamespace.Xml;

    /// <summary>
    /// Every sample (six languages), the Iraq statement's versions in every state readers must not see (its it-IT version
    /// public after the embargo: a language without an interface of its own), and an English note whose title and
    /// summary hold markup characters, with the clock at the embargo's end.
    /// </summary>
    private static async Task<TestSite> StartAsync()
    {
        var site = await TestSite.StartAsync(allSamples: true, prepare: async (data, clock) =>
        {
            await TestContent.ImportAsync(data, clock, TestContent.Markdown(
                "tom-and-jerry", "en-GB", "Tom & Jerry say 2 < 3 > 1", "Some **strong** words and [a link](https://example.org/?a=1&b=2).",
                "summary: \"Cats < dogs & \\\"quotes\\\"\"\ndate: 2026-11-02\n"));
            await UnpublishedVersions.PrepareAsync(data, clock);
        });
        site.Clock.SetUtcNow(UnpublishedVersions.Embargo);
        return site;
    }

    [Fact]
    public async Task EveryFeed_ServedAndExported_IsAtomByRfc4287()
    {
        await using var site = await StartAsync();
        var languages = (await site.GetPageAsync("/en-gb/")).QuerySelectorAll("head link[rel=alternate][hreflang]:not([hreflang=x-default])")
            .Select(l => new Uri(l.GetAttribute("href")!).AbsolutePath.Trim('/')).ToList();
        Assert.Equal(7, languages.Count);

        var folder = Path.Combine(Path.GetTempPath(), "hexapla-feed-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var store = await SqliteContentStore.OpenAsync(Path.Combine(site.DataFolder, SqliteContentStore.FileName));
            await SiteExporter.ExportAsync(store, new HexaplaOptions(), site.Clock.GetUtcNow(), new SiteExportOptions(folder, "https://press.example.org/news"));
            foreach (var language in languages)
            {
                using var response = await site.Client.GetAsync($"/{language}/feed.atom");
                Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
                var served = await response.Content.ReadAsStringAsync();
                Assert.Empty(Rfc4287Problems(served));
                Assert.Equal($"/{language}/feed.atom", new Uri(Load(served).Id).AbsolutePath);

                var exported = await File.ReadAllTextAsync(Path.Combine(folder, language, "feed.atom"));
                Assert.Empty(Rfc4287Problems(exported));
                Assert.Equal($"https://press.example.org/news/{language}/feed.atom", Load(exported).Id);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task MarkupInTitlesAndSummaries_IsText_AndTheBodyIsEscapedHtml()
    {
        await using var site = await StartAsync();
        var xml = await site.Client.GetStringAsync("/en-gb/feed.atom");
        var feed = Load(xml);

        var entry = feed.Items.Single(i => i.Title.Text.StartsWith("Tom", StringComparison.Ordinal));
        Assert.Equal("Tom & Jerry say 2 < 3 > 1", entry.Title.Text);
        Assert.Equal("text", entry.Title.Type);
        Assert.Equal("Cats < dogs & \"quotes\"", entry.Summary.Text);
        var content = Assert.IsType<TextSyndicationContent>(entry.Content);
        Assert.Equal("html", content.Type);
        Assert.Contains("<strong>strong</strong>", content.Text, StringComparison.Ordinal);
        Assert.Contains("https://example.org/?a=1&amp;b=2", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFeedInALanguageWithoutAnInterface_SaysItsTitlesLanguage()
    {
        await using var site = await StartAsync();
        var feed = XDocument.Parse(await site.Client.GetStringAsync("/it-it/feed.atom")).Root!;

        Assert.Equal("it-IT", (string?)feed.Attribute(Xml + "lang"));
        Assert.Equal("en-GB", (string?)feed.Element(Atom + "title")!.Attribute(Xml + "lang"));
        Assert.Equal("en-GB", (string?)feed.Element(Atom + "subtitle")!.Attribute(Xml + "lang"));
        Assert.Single(feed.Elements(Atom + "entry"));
    }

    [Theory]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>2026-11-29T09:00:00Z</updated><author><name>a</name></author></feed>""", "feed: 0 atom:id")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><id>https://x.example/f</id><title>t</title><title>u</title><updated>2026-11-29T09:00:00Z</updated><author><name>a</name></author></feed>""", "feed: 2 atom:title")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><id>https://x.example/f</id><title>t</title><updated>29 Nov 2026</updated><author><name>a</name></author></feed>""", "not an RFC 3339 date-time")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><id>https://x.example/f</id><title>t</title><updated>2026-11-29T09:00:00Z</updated><entry><id>https://x.example/e</id><title>e</title><updated>2026-11-29T09:00:00Z</updated><content>c</content></entry></feed>""", "no atom:author")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><id>https://x.example/f</id><title>t</title><updated>2026-11-29T09:00:00Z</updated><author><name>a</name></author><entry><id>https://x.example/e</id><title>e</title><updated>2026-11-29T09:00:00Z</updated></entry></feed>""", "neither atom:content nor an alternate link")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><id>relative/id</id><title>t</title><updated>2026-11-29T09:00:00Z</updated><author><name>a</name></author></feed>""", "not an absolute IRI")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><id>https://x.example/f</id><title>t</title><updated>2026-11-29T09:00:00Z</updated><author><name>a</name></author><link rel="alternate" type="text/html" href="https://x.example/a"/><link href="https://x.example/b" type="text/html"/></feed>""", "two alternate links")]
    public void TheCheck_FindsWhatRfc4287Forbids(string xml, string problem) =>
        Assert.Contains(Rfc4287Problems(xml), p => p.Contains(problem, StringComparison.Ordinal));

    private static SyndicationFeed Load(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "not an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    /// <summary>What RFC 4287 forbids in <paramref name="xml"/> (section 4 and its MUSTs), one line each; empty for a valid feed.</summary>
    internal static List<string> Rfc4287Problems(string xml)
    {
        var problems = new List<string>();
        var feed = XDocument.Parse(xml).Root!;
        if (feed.Name != Atom + "feed")
        {
            return [$"the root is {feed.Name}, not atom:feed"];
        }

        // 4.1.1: exactly one id, title, updated; at most one of the others.
        Cardinality(feed, "feed", ["id", "title", "updated"], ["generator", "icon", "logo", "rights", "subtitle"]);
        CheckCommon(feed, "feed");
        var entries = feed.Elements(Atom + "entry").ToList();
        // 4.1.1: an author on the feed, or on every entry (or its source).
        if (!feed.Elements(Atom + "author").Any() && (entries.Count == 0 || entries.Any(e => !e.Elements(Atom + "author").Any() && e.Element(Atom + "source")?.Element(Atom + "author") is null)))
        {
            problems.Add("feed: no atom:author, and not every entry has one");
        }

        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            var where = $"entry {i + 1}";
            Cardinality(entry, where, ["id", "title", "updated"], ["content", "published", "rights", "source", "summary"]);
            CheckCommon(entry, where);
            CheckDate(entry.Element(Atom + "published"), where);
            var content = entry.Element(Atom + "content");
            // 4.1.2: without content, an alternate link; with content by reference or base64, a summary.
            if (content is null && !Links(entry).Any(l => l.Rel == "alternate"))
            {
                problems.Add($"{where}: neither atom:content nor an alternate link");
            }

            var contentType = (string?)content?.Attribute("type");
            if (content is not null && entry.Element(Atom + "summary") is null
                && (content.Attribute("src") is not null || (contentType is not null and not ("text" or "html" or "xhtml") && !contentType.StartsWith("text/", StringComparison.Ordinal) && !contentType.EndsWith("xml", StringComparison.Ordinal))))
            {
                problems.Add($"{where}: content by reference or base64 without atom:summary");
            }

            CheckText(entry.Element(Atom + "summary"), where);
        }

        var ids = entries.Select(e => e.Element(Atom + "id")?.Value).Where(id => id is not null).ToList();
        if (ids.Count != ids.Distinct(StringComparer.Ordinal).Count())
        {
            problems.Add("feed: two entries have the same atom:id");
        }

        return problems;

        void Cardinality(XElement element, string where, string[] once, string[] atMostOnce)
        {
            foreach (var name in once.Where(n => element.Elements(Atom + n).Count() != 1))
            {
                problems.Add($"{where}: {element.Elements(Atom + name).Count()} atom:{name}, RFC 4287 requires exactly one");
            }

            foreach (var name in atMostOnce.Where(n => element.Elements(Atom + n).Count() > 1))
            {
                problems.Add($"{where}: several atom:{name}, RFC 4287 allows one");
            }
        }

        void CheckCommon(XElement element, string where)
        {
            // 4.2.6: an id is an absolute IRI.
            if (element.Element(Atom + "id") is { } id && !Uri.TryCreate(id.Value.Trim(), UriKind.Absolute, out _))
            {
                problems.Add($"{where}: atom:id \"{id.Value}\" is not an absolute IRI");
            }

            CheckDate(element.Element(Atom + "updated"), where);
            CheckText(element.Element(Atom + "title"), where);
            // 4.2.7: every link has an href; at most one alternate per type and hreflang.
            var links = Links(element).ToList();
            if (links.Any(l => l.Href is null))
            {
                problems.Add($"{where}: an atom:link without href");
            }

            if (links.Where(l => l.Rel == "alternate").GroupBy(l => (l.Type, l.HrefLang)).Any(g => g.Count() > 1))
            {
                problems.Add($"{where}: two alternate links of the same type and hreflang");
            }

            // 3.2: a person has exactly one name.
            foreach (var person in element.Elements(Atom + "author").Concat(element.Elements(Atom + "contributor")))
            {
                if (person.Elements(Atom + "name").Count() != 1)
                {
                    problems.Add($"{where}: an atom:{person.Name.LocalName} without exactly one atom:name");
                }
            }
        }

        void CheckDate(XElement? date, string where)
        {
            // 3.3: an RFC 3339 date-time, with the letters in upper case.
            if (date is not null && !Rfc3339().IsMatch(date.Value))
            {
                problems.Add($"{where}: atom:{date.Name.LocalName} \"{date.Value}\" is not an RFC 3339 date-time");
            }
        }

        void CheckText(XElement? text, string where)
        {
            // 3.1: a text construct's type is text, html or xhtml; xhtml holds one xhtml:div.
            var type = (string?)text?.Attribute("type") ?? "text";
            if (text is not null && type is not ("text" or "html" or "xhtml"))
            {
                problems.Add($"{where}: atom:{text.Name.LocalName} of type {type}");
            }

            if (text is not null && type == "xhtml" && text.Elements().Count(e => e.Name == XNamespace.Get("http://www.w3.org/1999/xhtml") + "div") != 1)
            {
                problems.Add($"{where}: xhtml atom:{text.Name.LocalName} without one xhtml:div");
            }
        }

        static IEnumerable<(string Rel, string? Type, string? HrefLang, string? Href)> Links(XElement element) =>
            element.Elements(Atom + "link").Select(l => ((string?)l.Attribute("rel") ?? "alternate", (string?)l.Attribute("type"), (string?)l.Attribute("hreflang"), (string?)l.Attribute("href")));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
