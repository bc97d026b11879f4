using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Hexapla.Cli;
using Hexapla.Hosting;
using Hexapla.Site.Export;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Export;

/// <summary>
/// <c>hexapla export site</c>: a live test site (every sample, versions in every unpublished state, one document per
/// home page) is exported at the same instant, and the files are walked as a static server and a crawler would.
/// </summary>
public sealed partial class SiteExportTests : IAsyncLifetime
{
    private const string BaseUrl = "https://press.example.org/news";

    private static DateTimeOffset Embargo => UnpublishedVersions.Embargo;

    /// <summary>Each word appears only in a version no reader may see yet.</summary>
    private static readonly string[] Secrets = [.. UnpublishedVersions.Secrets.Select(s => s.Word)];

    /// <summary>One document per home page; the live site's sitemap has 12 URLs a file (of 14: six home pages, eight versions), as <see cref="ExportAsync"/> can ask.</summary>
    private static readonly Dictionary<string, string?> Settings = new() { ["Hexapla:PageSize"] = "1", ["Hexapla:SitemapPageSize"] = "12" };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hexapla-export-tests", Guid.NewGuid().ToString("N"));

    private TestSite _site = null!;

    private string Out => Path.Combine(_folder, "site");

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync(allSamples: true, settings: Settings, prepare: PrepareAsync);
        _site.Clock.SetUtcNow(Embargo.AddMilliseconds(-1));
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was exported.
        }
    }

    private static Task PrepareAsync(string data, FakeTimeProvider clock) => UnpublishedVersions.PrepareAsync(data, clock);

    /// <summary>Exports the test site to <see cref="Out"/>; <paramref name="pagedSitemap"/> takes the live site's sitemap page size, otherwise the default keeps one file.</summary>
    private async Task<SiteExportReport> ExportAsync(string? searchUrl = null, bool compare = true, bool pagedSitemap = false)
    {
        var store = await SqliteContentStore.OpenAsync(Path.Combine(_site.DataFolder, SqliteContentStore.FileName));
        var settings = new HexaplaOptions { PageSize = 1 };
        if (pagedSitemap)
        {
            settings.SitemapPageSize = int.Parse(Settings["Hexapla:SitemapPageSize"]!, System.Globalization.CultureInfo.InvariantCulture);
        }

        return await SiteExporter.ExportAsync(store, settings, _site.Clock.GetUtcNow(), new SiteExportOptions(Out, BaseUrl, searchUrl, Compare: compare));
    }

    private IEnumerable<string> HtmlFiles() => Directory.EnumerateFiles(Out, "*.html", SearchOption.AllDirectories);

    /// <summary>The address a file answers at, from the site root: <c>en-gb/slug/index.html</c> → <c>/en-gb/slug/</c>.</summary>
    private string UrlPathOf(string file)
    {
        var relative = "/" + Path.GetRelativePath(Out, file).Replace(Path.DirectorySeparatorChar, '/');
        return relative.EndsWith("/index.html", StringComparison.Ordinal) ? relative[..^"index.html".Length] : relative;
    }

    /// <summary>The exported file a site path (no host, query or fragment) reaches, or null.</summary>
    private string? FileAt(string path)
    {
        var file = Path.Combine(Out, Uri.UnescapeDataString(path).TrimStart('/'));
        return path.EndsWith('/') ? (File.Exists(Path.Combine(file, "index.html")) ? Path.Combine(file, "index.html") : null) : File.Exists(file) ? file : null;
    }

    [Fact]
    public async Task EveryInternalLink_ReachesAnExportedFile_AndAbsoluteOnesUseTheBaseUrl()
    {
        var report = await ExportAsync();

        // Two public documents, of 2 and 6 versions; home pages of one version each (en-GB 2, ru-RU 2, ar, es, fr, zh-CN 1);
        // compare pages 2 + 6 × 5.
        Assert.Equal(2, report.Documents);
        Assert.Equal(8 + 8 + 32, report.Pages);
        var parser = new HtmlParser();
        var site = new Uri("http://static.invalid/news/");
        var checkedLinks = 0;
        foreach (var file in HtmlFiles().Where(f => !f.EndsWith("404.html", StringComparison.Ordinal)))
        {
            var page = new Uri(site, UrlPathOf(file).TrimStart('/'));
            var document = parser.ParseDocument(await File.ReadAllTextAsync(file));
            foreach (var element in document.QuerySelectorAll("a[href], link[href], form[action], img[src], script[src]"))
            {
                var link = element.GetAttribute("href") ?? element.GetAttribute("action") ?? element.GetAttribute("src")!;
                if (link.StartsWith('#') || link.StartsWith("mailto:", StringComparison.Ordinal)
                    || (Uri.IsWellFormedUriString(link, UriKind.Absolute) && !link.StartsWith(BaseUrl, StringComparison.Ordinal)))
                {
                    // Within the page, or another site's (a link in a document's text).
                    continue;
                }

                Assert.False(link.StartsWith('/'), $"{file}: {link} starts from the root, which breaks under a sub-path.");
                string path;
                if (link.StartsWith(BaseUrl + "/", StringComparison.Ordinal))
                {
                    path = link[BaseUrl.Length..];
                }
                else
                {
                    var target = new Uri(page, link);
                    Assert.StartsWith(site.AbsolutePath, target.AbsolutePath, StringComparison.Ordinal);
                    path = target.AbsolutePath[(site.AbsolutePath.Length - 1)..];
                }

                Assert.True(FileAt(path) is not null, $"{UrlPathOf(file)}: {link} reaches no exported file.");
                checkedLinks++;
            }
        }

        Assert.True(checkedLinks > 100, $"only {checkedLinks} links checked");

        // A server sends the 404 page for any address, so its links start from the root, under the base URL's path.
        var notFound = parser.ParseDocument(await File.ReadAllTextAsync(Path.Combine(Out, "404.html")));
        var notFoundLinks = notFound.QuerySelectorAll("a[href^='/'], link[href^='/']").Select(e => e.GetAttribute("href")!).ToList();
        Assert.NotEmpty(notFoundLinks);
        Assert.All(notFoundLinks, link => Assert.True(link.StartsWith("/news/", StringComparison.Ordinal) && FileAt(new Uri(site, link).AbsolutePath[5..]) is not null, link));
        Assert.NotNull(FileAt("/en-gb/page/2/"));
        Assert.Null(FileAt("/en-gb/page/3/"));
    }

    [Fact]
    public async Task WithoutCompare_NoSideBySidePage_AndNoLinkToOne()
    {
        var report = await ExportAsync(compare: false);

        Assert.Equal(8 + 8, report.Pages);
        Assert.Empty(Directory.EnumerateDirectories(Out, "compare", SearchOption.AllDirectories));
        foreach (var file in HtmlFiles())
        {
            var html = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("/compare/", html, StringComparison.Ordinal);
            Assert.DoesNotContain("compare-links", html, StringComparison.Ordinal);
        }

        var page = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(FileAt("/en-gb/razvitie-situacii-v-irake/")!));
        Assert.Equal(2, page.QuerySelectorAll("nav.switcher a").Length);
    }

    [Fact]
    public async Task Switcher_Hreflang_Sitemap_AndFeeds_AreIntact()
    {
        await ExportAsync();
        var parser = new HtmlParser();
        var page = parser.ParseDocument(await File.ReadAllTextAsync(FileAt("/en-gb/razvitie-situacii-v-irake/")!));

        var switcher = page.QuerySelectorAll("nav.switcher a").Select(a => (a.GetAttribute("hreflang"), a.GetAttribute("href"), a.HasAttribute("aria-current"))).ToList();
        Assert.Equal(
            [("ru-RU", "../../ru-ru/razvitie-situacii-v-irake/", false), ("en-GB", "../../en-gb/razvitie-situacii-v-irake/", true)],
            switcher);
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href"))).ToList();
        Assert.Equal(
            [
                ("ru-RU", $"{BaseUrl}/ru-ru/razvitie-situacii-v-irake/"),
                ("en-GB", $"{BaseUrl}/en-gb/razvitie-situacii-v-irake/"),
                ("x-default", $"{BaseUrl}/ru-ru/razvitie-situacii-v-irake/"),
            ],
            alternates);
        Assert.Equal($"{BaseUrl}/en-gb/razvitie-situacii-v-irake/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("form[role=search]"));

        XNamespace sitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
        XNamespace xhtml = "http://www.w3.org/1999/xhtml";
        SitemapSchemas.AssertValid(await File.ReadAllTextAsync(Path.Combine(Out, "sitemap.xml")), "sitemap.xml");
        var sitemap = XDocument.Load(Path.Combine(Out, "sitemap.xml"));
        var entries = sitemap.Root!.Elements(sitemapNs + "url").ToList();
        Assert.Equal(6 + 8, entries.Count);
        var entry = entries.Single(e => e.Element(sitemapNs + "loc")!.Value == $"{BaseUrl}/en-gb/razvitie-situacii-v-irake/");
        Assert.Equal(["en-GB", "ru-RU", "x-default"], entry.Elements(xhtml + "link").Select(l => (string)l.Attribute("hreflang")!).Order());
        foreach (var url in entries.SelectMany(e => e.Elements(xhtml + "link").Select(l => (string)l.Attribute("href")!).Append(e.Element(sitemapNs + "loc")!.Value)))
        {
            Assert.StartsWith(BaseUrl + "/", url, StringComparison.Ordinal);
            Assert.True(FileAt(url[BaseUrl.Length..]) is not null, $"the sitemap's {url} is not exported");
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Load(Path.Combine(Out, "ru-ru", "feed.atom"));
        Assert.Equal($"{BaseUrl}/ru-ru/feed.atom", feed.Root!.Element(atom + "id")!.Value);
        Assert.Equal(
            [$"{BaseUrl}/ru-ru/about-this-site/", $"{BaseUrl}/ru-ru/razvitie-situacii-v-irake/"],
            feed.Root.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value).Order(StringComparer.Ordinal));
        Assert.Equal($"User-agent: *\nAllow: /\nSitemap: {BaseUrl}/sitemap.xml\n", await File.ReadAllTextAsync(Path.Combine(Out, "robots.txt")));
        var landing = parser.ParseDocument(await File.ReadAllTextAsync(Path.Combine(Out, "index.html")));
        Assert.Equal("0; url=en-gb/", landing.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task PagedSitemap_IsTheLiveSitesIndexAndPages_ButForLinks_AndEachUrlIsExported()
    {
        await ExportAsync(pagedSitemap: true);
        XNamespace sitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var live = _site.BaseAddress.GetLeftPart(UriPartial.Authority);

        var index = XDocument.Load(Path.Combine(Out, "sitemap.xml"));
        Assert.Equal(sitemapNs + "sitemapindex", index.Root!.Name);
        Assert.Equal([$"{BaseUrl}/sitemap-1.xml", $"{BaseUrl}/sitemap-2.xml"], index.Root.Elements(sitemapNs + "sitemap").Select(e => e.Element(sitemapNs + "loc")!.Value));
        Assert.False(File.Exists(Path.Combine(Out, "sitemap-3.xml")));
        var urls = new List<string>();
        foreach (var name in new[] { "sitemap.xml", "sitemap-1.xml", "sitemap-2.xml" })
        {
            var exported = await File.ReadAllTextAsync(Path.Combine(Out, name));
            SitemapSchemas.AssertValid(exported, name);
            var served = await _site.Client.GetStringAsync("/" + name);
            Assert.Equal(WithoutFolderSlash(served.Replace(live, BaseUrl, StringComparison.Ordinal)), WithoutFolderSlash(exported));
            if (name != "sitemap.xml")
            {
                var page = XDocument.Parse(exported).Root!;
                Assert.Equal(sitemapNs + "urlset", page.Name);
                Assert.InRange(page.Elements(sitemapNs + "url").Count(), 1, 12);
                urls.AddRange(page.Elements(sitemapNs + "url").Select(u => u.Element(sitemapNs + "loc")!.Value));
            }
        }

        // Six home pages and the eight public versions, each once, each an exported page.
        Assert.Equal(6 + 8, urls.Distinct().Count());
        Assert.Equal(urls.Count, urls.Distinct().Count());
        Assert.All(urls, url => Assert.True(FileAt(url[BaseUrl.Length..]) is not null, $"the sitemap's {url} is not exported"));

        // The export's addresses of pages are folders (/en-gb/slug/), the live site's are not.
        static string WithoutFolderSlash(string xml) => xml.Replace("/<", "<", StringComparison.Ordinal).Replace("/\"", "\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoWordOfAnUnpublishedVersion_AppearsInAnyFile()
    {
        await ExportAsync();

        foreach (var file in Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            foreach (var word in Secrets)
            {
                Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"{file} shows {word}.");
            }
        }

        Assert.Null(FileAt("/en-gb/draft-only/"));
        Assert.DoesNotContain(Directory.EnumerateDirectories(Out).Select(Path.GetFileName), d => d is "fr-fr" or "de-de" or "it-it" or "pt-pt");
        Assert.Null(FileAt("/en-gb/razvitie-situacii-v-irake/compare/it-it/"));
    }

    [Fact]
    public async Task Pages_AreTheLiveSitesBytes_ButForLinks()
    {
        await ExportAsync(searchUrl: "https://search.example.org");
        (string Live, string Exported)[] pages =
        [
            ("/en-gb/", "/en-gb/"),
            ("/en-gb/?page=2", "/en-gb/page/2/"),
            ("/ar/about-this-site", "/ar/about-this-site/"),
            ("/ru-ru/razvitie-situacii-v-irake", "/ru-ru/razvitie-situacii-v-irake/"),
            ("/en-gb/razvitie-situacii-v-irake/compare/ru-ru", "/en-gb/razvitie-situacii-v-irake/compare/ru-ru/"),
            ("/en-gb/no-such-page", "/404.html"),
        ];
        foreach (var (live, exported) in pages)
        {
            using var response = await _site.Client.GetAsync(live);
            var liveHtml = await response.Content.ReadAsStringAsync();
            var exportedHtml = await File.ReadAllTextAsync(FileAt(exported)!);

            // A static export has no filter form (filters need a server): the live page is compared without it.
            var liveWithoutFilters = FilterForm().Replace(liveHtml, "");
            Assert.Equal(WithoutLinks(liveWithoutFilters, _site.BaseAddress.ToString().TrimEnd('/')), WithoutLinks(exportedHtml, BaseUrl));
        }

        var page = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(FileAt("/ru-ru/razvitie-situacii-v-irake/")!));
        Assert.Equal("https://search.example.org/ru-ru/search", page.QuerySelector("form[role=search]")!.GetAttribute("action"));
    }

    [Fact]
    public async Task HeadLinks_AreTheLiveSitesForEveryPageKind_AndTheRootIsTheHomePagesXDefault()
    {
        await ExportAsync();
        var live = _site.BaseAddress.GetLeftPart(UriPartial.Authority);
        var homes = (await _site.GetPageAsync("/en-gb/")).QuerySelectorAll("head link[rel=alternate][hreflang]:not([hreflang=x-default])")
            .Select(l => new Uri(l.GetAttribute("href")!).AbsolutePath).ToList();
        Assert.Equal(6, homes.Count);
        (string Live, string Exported)[] pages =
        [
            .. homes.Select(h => (h, h)),
            ("/en-gb/?page=2", "/en-gb/page/2/"),
            ("/ar/about-this-site", "/ar/about-this-site/"),
            ("/ru-ru/razvitie-situacii-v-irake", "/ru-ru/razvitie-situacii-v-irake/"),
            ("/en-gb/razvitie-situacii-v-irake", "/en-gb/razvitie-situacii-v-irake/"),
            ("/en-gb/razvitie-situacii-v-irake/compare/ru-ru", "/en-gb/razvitie-situacii-v-irake/compare/ru-ru/"),
            ("/en-gb/no-such-page", "/404.html"),
        ];
        foreach (var (livePath, exportedPath) in pages)
        {
            using var response = await _site.Client.GetAsync(livePath);
            var expected = HeadLinks(await response.Content.ReadAsStringAsync(), new Uri(live + livePath), live, ExportLinks.UrlPath);
            var exported = HeadLinks(await File.ReadAllTextAsync(FileAt(exportedPath)!), new Uri(BaseUrl + exportedPath), BaseUrl, path => path);

            Assert.Equal(expected, exported);
            Assert.All(exported.Where(l => l.Rel is "canonical" or "alternate"), l => Assert.True(FileAt(l.Path) is not null, $"{exportedPath}: {l.Rel} {l.Path} is not exported"));
        }

        // Pages whose alternates point to the root, which the live site answers with a redirect to a language and the
        // export with index.html: there it is the home pages' x-default, its own canonical page, with their alternates.
        var home = HeadLinks(await _site.Client.GetStringAsync("/en-gb/"), new Uri(live + "/en-gb/"), live, ExportLinks.UrlPath);
        var root = HeadLinks(await File.ReadAllTextAsync(Path.Combine(Out, "index.html")), new Uri(BaseUrl + "/"), BaseUrl, path => path);
        Assert.Equal(home.Where(l => l.HrefLang is not null), root.Where(l => l.HrefLang is not null));
        var canonical = root.Single(l => l.Rel == "canonical");
        Assert.True(canonical.Absolute);
        Assert.Equal("/", canonical.Path);
        Assert.Equal(("x-default", "/"), root.Where(l => l.HrefLang == "x-default").Select(l => (l.HrefLang, l.Path)).Single());
        Assert.Equal(7, root.Count(l => l.HrefLang is not null));
    }

    /// <summary>
    /// The <c>link</c>s of a page's head: rel, hreflang, type, whether the href is absolute, and the site path it reaches
    /// (from the site's root at <paramref name="site"/>, mapped by <paramref name="map"/>: the live site's to exported addresses).
    /// </summary>
    private static List<(string? Rel, string? HrefLang, string? Type, bool Absolute, string Path)> HeadLinks(string html, Uri page, string site, Func<string, string> map)
    {
        var sitePath = new Uri(site + "/").AbsolutePath;
        return
        [
            .. new HtmlParser().ParseDocument(html).QuerySelectorAll("head link").Select(l =>
            {
                var href = l.GetAttribute("href")!;
                var target = new Uri(page, href);
                Assert.StartsWith(site + "/", target.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
                var path = "/" + target.PathAndQuery[sitePath.Length..];
                return (l.GetAttribute("rel"), l.GetAttribute("hreflang"), l.GetAttribute("type"), Uri.IsWellFormedUriString(href, UriKind.Absolute), map(path));
            }),
        ];
    }

    /// <summary>The page with every link and every absolute address of the site blanked.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("<section class=\"filters\"[\\s\\S]*?</section>\n?")]
    private static partial System.Text.RegularExpressions.Regex FilterForm();

    private static string WithoutLinks(string html, string baseUrl) =>
        LinkValue().Replace(html.Replace(baseUrl, "BASE", StringComparison.Ordinal), "${attribute}=\"\"") is var blanked
            ? AddressText().Replace(blanked, "BASE")
            : html;

    [Fact]
    public async Task ExportSite_IntoAFolderThatIsNotEmpty_IsRefusedUnlessForce_AndForceOnlyReplacesAnExport()
    {
        var first = await CliAsync("export", "site", "--out", Out, "--base-url", BaseUrl, "--data", _site.DataFolder);
        Assert.Equal(0, first.Exit);
        // The command reads the real clock, which is past the test site's embargo: the counts are not this test's point.
        Assert.Matches(@"^Wrote .*: \d+ page\(s\) of 2 document\(s\), \d+ file\(s\)", first.Output);
        var stale = Path.Combine(Out, "en-gb", "withdrawn", "index.html");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllTextAsync(stale, "an old page");

        var again = await CliAsync("export", "site", "--out", Out, "--base-url", BaseUrl, "--data", _site.DataFolder);
        Assert.Equal(1, again.Exit);
        Assert.Contains("is not empty; add --force", again.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(stale));

        var forced = await CliAsync("export", "site", "--out", Out, "--base-url", BaseUrl, "--data", _site.DataFolder, "--force");
        Assert.Equal(0, forced.Exit);
        Assert.False(File.Exists(stale));
        Assert.NotNull(FileAt("/en-gb/razvitie-situacii-v-irake/"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_folder), e => Path.GetFileName(e).StartsWith('.'));

        var other = Path.Combine(_folder, "documents");
        Directory.CreateDirectory(other);
        await File.WriteAllTextAsync(Path.Combine(other, "letter.txt"), "keep me");
        var refused = await CliAsync("export", "site", "--out", other, "--base-url", BaseUrl, "--data", _site.DataFolder, "--force");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("does not look like an earlier export", refused.Error, StringComparison.Ordinal);
        Assert.Equal(["letter.txt"], Directory.EnumerateFileSystemEntries(other).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(null, "--base-url is required")]
    [InlineData("press.example.org", "--base-url: \"press.example.org\" is not an absolute http or https address")]
    [InlineData("https://press.example.org/?x=1", "is not an absolute http or https address")]
    public async Task ExportSite_WithoutAUsableBaseUrl_NamesTheOption_AndWritesNothing(string? baseUrl, string message)
    {
        string[] args = ["export", "site", "--out", Out, "--data", _site.DataFolder];
        var result = await CliAsync(baseUrl is null ? args : [.. args, "--base-url", baseUrl]);

        Assert.Equal(1, result.Exit);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/en-gb/", "/en-gb/")]
    [InlineData("/en-gb/?page=1", "/en-gb/")]
    [InlineData("/en-gb/?page=3", "/en-gb/page/3/")]
    [InlineData("/en-gb/some-slug", "/en-gb/some-slug/")]
    [InlineData("/en-gb/some-slug?choose", "/en-gb/some-slug/")]
    [InlineData("/en-gb/?choose", "/en-gb/")]
    [InlineData("/en-gb/some-slug/compare/ru-ru", "/en-gb/some-slug/compare/ru-ru/")]
    [InlineData("/en-gb/feed.atom", "/en-gb/feed.atom")]
    [InlineData("/assets/site.css?v=abc", "/assets/site.css?v=abc")]
    public void UrlPath_MapsLiveAddressesToExportedOnes(string live, string exported) =>
        Assert.Equal(exported, ExportLinks.UrlPath(live));

    [Theory]
    [InlineData("/en-gb/slug/", """<a href="/ru-ru/slug?choose">""", """<a href="../../ru-ru/slug/">""")]
    [InlineData("/en-gb/", """<a href="/en-gb/?page=2">""", """<a href="../en-gb/page/2/">""")]
    [InlineData("/", """<link href="/assets/site.css?v=1">""", """<link href="assets/site.css?v=1">""")]
    [InlineData("/", """<a href="/">""", """<a href="./">""")]
    [InlineData("/en-gb/slug/", """<a href="https://example.org/x">/x</a>""", """<a href="https://example.org/x">/x</a>""")]
    public void Rewrite_MakesSiteLinksRelative(string page, string html, string expected) =>
        Assert.Equal(expected, ExportLinks.Rewrite(html, page, searchUrl: null));

    private static async Task<(int Exit, string Output, string Error)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HexaplaCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"(?<attribute>\b(?:href|src|action))=""[^""]*""")]
    private static partial Regex LinkValue();

    [GeneratedRegex(@"BASE[^\s<""]*")]
    private static partial Regex AddressText();
}
