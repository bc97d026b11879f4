using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Site;

/// <summary>What lets readers and machines find the documents: Atom feeds, the sitemap, robots.txt, a health check.</summary>
internal static class DiscoveryEndpoints
{
    /// <summary>How many of the newest versions a feed shows.</summary>
    public const int FeedSize = 50;

    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{lang}/feed.atom", FeedAsync);
        app.MapGet("/sitemap.xml", SitemapAsync);
        app.MapGet("/sitemap-{page}.xml", SitemapPageAsync);
        app.MapGet("/robots.txt", (HttpContext http, SiteContext site) =>
            Results.Text(RobotsTxt($"{site.BaseUrl(http.Request)}/sitemap.xml"), "text/plain; charset=utf-8"));
        // It proves the store answers, and tells nothing about unpublished content (not even how much there is).
        app.MapGet("/healthz", async (SiteContext site, CancellationToken cancellationToken) =>
        {
            await site.Store.GetGenerationAsync(cancellationToken);
            return Results.Json(new { status = "ok" });
        });
        return app;
    }

    /// <summary>robots.txt: everything may be crawled, and the sitemap is at <paramref name="sitemapUrl"/>.</summary>
    public static string RobotsTxt(string sitemapUrl) => $"User-agent: *\nAllow: /\nSitemap: {sitemapUrl}\n";

    private static async Task<IResult> FeedAsync(string lang, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        if (await LanguageSegment.ResolveAsync(lang, site, cancellationToken) is not { } language)
        {
            return await SiteEndpoints.NotFoundAsync(http, site, null, cancellationToken);
        }

        if (lang != language.UrlSegment)
        {
            return Results.Redirect($"/{language.UrlSegment}/feed.atom", permanent: true);
        }

        if (!(await site.SiteLanguagesAsync(cancellationToken)).Contains(language))
        {
            return await SiteEndpoints.NotFoundAsync(http, site, language, cancellationToken);
        }

        var baseUrl = site.BaseUrl(http.Request);
        var listing = await site.Store.ListPublishedAsync(language, site.Now, 0, FeedSize, cancellationToken);
        var siteDefault = await site.InterfaceDefaultAsync(language, cancellationToken);
        var media = await PageMedia.FindAsync(site.Store, listing.Items.Select(i => i.Version.Body), cancellationToken);
        return Results.Text(Feed(site, language, listing, path => baseUrl + path, siteDefault, media), "application/atom+xml; charset=utf-8");
    }

    /// <summary>
    /// The Atom feed of <paramref name="language"/> with the entries of <paramref name="listing"/> (the newest
    /// <see cref="FeedSize"/>); <paramref name="absolute"/> turns a site path into an absolute URL (ids and links). Its title
    /// and subtitle are in the feed's language when Hexapla has that interface, else the site default's (<paramref name="siteDefault"/>).
    /// <paramref name="media"/> holds the media items the entries use; their addresses are absolute, as a feed is read away from the site.
    /// A section's feed gives its own <paramref name="selfPath"/>, the page it stands for (<paramref name="htmlPath"/>) and
    /// the <paramref name="name"/> its title starts with (the site's and the section's); the language's feed gives none.
    /// </summary>
    public static string Feed(
        SiteContext site, LanguageTag language, PublishedPage listing, Func<string, string> absolute, LanguageTag? siteDefault = null,
        IReadOnlyDictionary<long, Media.MediaItem>? media = null, string? selfPath = null, string? htmlPath = null, string? name = null)
    {
        var self = absolute(selfPath ?? $"/{language.UrlSegment}/feed.atom");
        var text = SiteText.For(language, siteDefault);
        var feed = new SyndicationFeed
        {
            Id = self,
            Title = new TextSyndicationContent(text.FeedTitle(name ?? site.Options.SiteName)),
            Description = new TextSyndicationContent(text.FeedSubtitle(language.NativeName)),
            Language = language.Value,
            LastUpdatedTime = listing.Items.Count > 0 ? listing.Items.Max(i => EntryUpdated(i.Version)) : site.Now,
            Items = [.. listing.Items.Select(item =>
            {
                var url = absolute(SiteContext.DocumentPath(language, item.Slug));
                var entry = new SyndicationItem
                {
                    Id = url,
                    Title = new TextSyndicationContent(item.Version.Title),
                    PublishDate = item.Version.PublishedAt ?? item.Version.UpdatedAt,
                    LastUpdatedTime = EntryUpdated(item.Version),
                    Content = new TextSyndicationContent(
                        MarkdownRenderer.ToHtml(item.Version.Body, PageMedia.For(language, text, media, baseUrl: absolute(string.Empty))),
                        TextSyndicationContentKind.Html),
                };
                if (item.Version.Summary is { } summary)
                {
                    entry.Summary = new TextSyndicationContent(summary);
                }

                entry.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(url), "text/html"));
                return entry;
            })],
        };
        var chrome = text.Language;
        if (chrome != language)
        {
            // The feed is in its language (xml:lang); its title and subtitle are in the interface's, and say so.
            var xmlLang = new XmlQualifiedName("lang", "http://www.w3.org/XML/1998/namespace");
            feed.Title.AttributeExtensions.Add(xmlLang, chrome.Value);
            feed.Description.AttributeExtensions.Add(xmlLang, chrome.Value);
        }

        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(self), "application/atom+xml"));
        feed.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(absolute(htmlPath ?? $"/{language.UrlSegment}/")), "text/html"));
        feed.Authors.Add(new SyndicationPerson { Name = site.Options.SiteName });

        var output = new StringBuilder();
        using (var writer = Interchange.XmlOutput.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    /// <summary>
    /// An entry's <c>updated</c>: the correction time when the live text was corrected after its first publication (what
    /// the page shows as "Updated"), else the last change of the version, never before its publication.
    /// </summary>
    public static DateTimeOffset EntryUpdated(LanguageVersion version)
    {
        var updated = Pages.CorrectionShown(version) ?? version.UpdatedAt;
        return version.PublishedAt is { } first && first > updated ? first : updated;
    }

    /// <summary>The most URLs (and the most sitemaps in an index) one sitemap file may list: the sitemaps protocol's ceiling.</summary>
    public const int MaxSitemapUrls = 50_000;

    /// <summary>
    /// How many sitemap pages <paramref name="urls"/> URLs take at <paramref name="urlsPerFile"/> a file: 0 when they all
    /// fit in <c>/sitemap.xml</c> (no index), else enough pages for each to hold <paramref name="urlsPerFile"/> URLs but
    /// the last, which holds the rest (at least one).
    /// </summary>
    /// <remarks>
    /// The sitemap's URLs are one sequence, cut into pages by count alone: the home pages (in the site's language order), the section pages (by path, then language),
    /// then each public document by slug, its versions in <see cref="PublicDocument.Versions"/> order. A document's
    /// versions may fall on two pages; each entry carries all its alternates, so no page needs another.
    /// </remarks>
    public static int SitemapPages(long urls, int urlsPerFile) =>
        urls <= urlsPerFile ? 0 : (int)((urls + urlsPerFile - 1) / urlsPerFile);

    /// <summary>The address of sitemap page <paramref name="page"/> (from 1) of a sitemap index.</summary>
    public static string SitemapPagePath(int page) => $"/sitemap-{page.ToString(CultureInfo.InvariantCulture)}.xml";

    /// <summary>
    /// True when <paramref name="path"/> is the address of a sitemap page, <c>/sitemap-N.xml</c> with N written as
    /// <see cref="SitemapPagePath"/> writes it (from 1, no sign, no leading zero); whether page N exists is not checked.
    /// </summary>
    public static bool IsSitemapPagePath(string path, out int page)
    {
        page = 0;
        return path.StartsWith("/sitemap-", StringComparison.Ordinal) && path.EndsWith(".xml", StringComparison.Ordinal)
            && path["/sitemap-".Length..^".xml".Length] is { Length: > 0 and <= 9 } digits
            && digits[0] is >= '1' and <= '9' && digits.All(char.IsAsciiDigit)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out page);
    }

    /// <summary>
    /// <c>/sitemap.xml</c>: every public URL in one file while they fit (<see cref="HexaplaOptions.SitemapPageSize"/>),
    /// otherwise a sitemap index of the pages <c>/sitemap-N.xml</c>.
    /// </summary>
    private static async Task<IResult> SitemapAsync(HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        var (languages, sections, urls) = await SitemapShapeAsync(site, cancellationToken);
        var perFile = site.Options.SitemapPageSize;
        var pages = SitemapPages(urls, perFile);
        var baseUrl = site.BaseUrl(http.Request);
        if (pages == 0)
        {
            var slice = await ReadSitemapSliceAsync(site, languages, sections, 0, perFile, cancellationToken);
            return SitemapResult(writer => WriteUrlSetAsync(writer, languages, slice, path => baseUrl + path));
        }

        return SitemapResult(writer => WriteSitemapIndexAsync(writer, pages, path => baseUrl + path));
    }

    /// <summary><c>/sitemap-N.xml</c>: page N of the sitemap index; 404 past the last or without an index.</summary>
    private static async Task<IResult> SitemapPageAsync(HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        var (languages, sections, urls) = await SitemapShapeAsync(site, cancellationToken);
        var perFile = site.Options.SitemapPageSize;
        if (!IsSitemapPagePath(http.Request.Path.Value ?? string.Empty, out var page) || page > SitemapPages(urls, perFile))
        {
            return await SiteEndpoints.NotFoundAsync(http, site, null, cancellationToken);
        }

        var baseUrl = site.BaseUrl(http.Request);
        var slice = await ReadSitemapSliceAsync(site, languages, sections, (long)(page - 1) * perFile, perFile, cancellationToken);
        return SitemapResult(writer => WriteUrlSetAsync(writer, languages, slice, path => baseUrl + path));
    }

    /// <summary>
    /// The site's public languages (the home pages), the section pages with something public, and how many URLs the
    /// sitemap lists: one per home page, one per section page, one per public version.
    /// </summary>
    private static async Task<(IReadOnlyList<LanguageTag> Languages, IReadOnlyList<SectionEntry> Sections, long Urls)> SitemapShapeAsync(SiteContext site, CancellationToken cancellationToken)
    {
        // One query for both, so the count and the home pages agree (the store's count is what the documents' listing pages through).
        var counts = await site.Store.CountPublishedByLanguageAsync(site.Now, cancellationToken);
        var sections = await SectionEntriesAsync(site, cancellationToken);
        return ([.. counts.Select(c => c.Language)], sections, counts.Count + sections.Count + counts.Sum(c => c.Count));
    }

    /// <summary>
    /// A section page in the sitemap: its path, its language, and every language it has public documents in (its
    /// alternates), with the x-default its HTML names.
    /// </summary>
    public sealed record SectionEntry(string Path, LanguageTag Language, IReadOnlyList<LanguageTag> Languages, LanguageTag Default);

    /// <summary>
    /// The section pages that list something public: for each section (by path) each language with a public version in
    /// it or below it, counted by the store (so only public versions count), the languages ordered as the page orders them.
    /// </summary>
    public static async Task<IReadOnlyList<SectionEntry>> SectionEntriesAsync(SiteContext site, CancellationToken cancellationToken)
    {
        var structure = await site.StructureAsync(cancellationToken);
        if (structure.Sections.Count == 0)
        {
            return [];
        }

        var fallback = await site.DefaultLanguageAsync(cancellationToken);
        var direct = (await site.Store.CountPublishedBySectionAsync(site.Now, cancellationToken))
            .GroupBy(c => c.SectionId)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Language).ToList());
        var entries = new List<SectionEntry>();
        foreach (var section in structure.Sections.Select(s => (Section: s, Path: structure.PathOf(s.Id)!)).OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            var languages = structure.SelfAndDescendants(section.Section.Id)
                .SelectMany(id => direct.GetValueOrDefault(id) ?? [])
                .Distinct()
                .OrderBy(l => l.Value, StringComparer.Ordinal)
                .ToList();
            if (languages.Count == 0)
            {
                continue;
            }

            var original = languages.Contains(fallback) ? fallback : languages[0];
            entries.AddRange(languages.Select(l => new SectionEntry(section.Path, l, languages, original)));
        }

        return entries;
    }

    /// <summary>Documents read at once while walking to a sitemap page's first URL.</summary>
    private const int SitemapWalkChunk = 10_000;

    /// <summary>
    /// The URLs <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> (exclusive) of the sitemap's
    /// sequence (see <see cref="SitemapPages"/>), read before anything is written, so a failing store never leaves half a file.
    /// </summary>
    /// <remarks>
    /// A document has one URL per public version, so where a page starts among the documents is only known by counting
    /// them from the first: the walk reads the <c>versions_sitemap</c> index, no text, a chunk of documents at a time.
    /// </remarks>
    private static async Task<SitemapSlice> ReadSitemapSliceAsync(
        SiteContext site, IReadOnlyList<LanguageTag> languages, IReadOnlyList<SectionEntry> sections, long first, int count, CancellationToken cancellationToken)
    {
        var end = first + count;
        var homes = languages.Where((_, i) => i >= first && i < end).ToList();
        var sectionSlice = sections.Where((_, i) => languages.Count + i >= first && languages.Count + i < end).ToList();
        var entries = new List<(PublicDocument Document, int Version)>();
        long position = languages.Count + sections.Count;
        for (var offset = 0; position < end; offset += SitemapWalkChunk)
        {
            var documents = await site.Store.ListPublicDocumentsAsync(site.Now, offset, SitemapWalkChunk, cancellationToken);
            foreach (var document in documents)
            {
                for (var i = 0; i < document.Versions.Count && position < end; i++, position++)
                {
                    if (position >= first)
                    {
                        entries.Add((document, i));
                    }
                }

                if (position == end)
                {
                    break;
                }
            }

            if (documents.Count < SitemapWalkChunk)
            {
                break;
            }
        }

        return new SitemapSlice(homes, sectionSlice, entries);
    }

    /// <summary>What one sitemap file lists: some home pages, some section pages, then versions of documents (by index in their document).</summary>
    private sealed record SitemapSlice(IReadOnlyList<LanguageTag> Homes, IReadOnlyList<SectionEntry> Sections, IReadOnlyList<(PublicDocument Document, int Version)> Entries);

    /// <summary>An XML answer written straight to the response (the store was read before), never held whole as a string.</summary>
    private static IResult SitemapResult(Func<XmlWriter, Task> write) =>
        Results.Stream(
            async body =>
            {
                await using var writer = XmlWriter.Create(body, new XmlWriterSettings { Indent = true, Async = true, Encoding = Utf8 });
                await write(writer);
            },
            "application/xml; charset=utf-8");

    private static async Task WriteUrlSetAsync(XmlWriter writer, IReadOnlyList<LanguageTag> languages, SitemapSlice slice, Func<string, string> absolute)
    {
        await WriteSitemapStartAsync(writer);
        foreach (var home in slice.Homes)
        {
            WriteHomeEntry(writer, home, languages, absolute);
        }

        foreach (var section in slice.Sections)
        {
            WriteSectionEntry(writer, section, absolute);
        }

        foreach (var (document, version) in slice.Entries)
        {
            WriteDocumentEntry(writer, document, version, absolute);
        }

        await WriteSitemapEndAsync(writer);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";

    /// <summary>A sitemap index of the pages 1 to <paramref name="pages"/>; <paramref name="absolute"/> turns a site path into an absolute URL.</summary>
    public static async Task WriteSitemapIndexAsync(XmlWriter writer, int pages, Func<string, string> absolute)
    {
        await writer.WriteStartDocumentAsync();
        writer.WriteStartElement("sitemapindex", SitemapNs);
        for (var page = 1; page <= pages; page++)
        {
            writer.WriteStartElement("sitemap", SitemapNs);
            writer.WriteElementString("loc", SitemapNs, absolute(SitemapPagePath(page)));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        await writer.WriteEndDocumentAsync();
    }

    /// <summary>A sitemap's start: the <c>urlset</c>, with the prefix of the <c>xhtml:link</c> alternates.</summary>
    public static async Task WriteSitemapStartAsync(XmlWriter writer)
    {
        await writer.WriteStartDocumentAsync();
        writer.WriteStartElement("urlset", SitemapNs);
        writer.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
    }

    /// <summary>
    /// The entry of <paramref name="language"/>'s home page, with the alternates its HTML has
    /// (<see cref="SiteEndpoints.HomeAlternates"/>: every home of <paramref name="languages"/>, and x-default).
    /// </summary>
    public static void WriteHomeEntry(XmlWriter writer, LanguageTag language, IReadOnlyList<LanguageTag> languages, Func<string, string> absolute)
    {
        writer.WriteStartElement("url", SitemapNs);
        writer.WriteElementString("loc", SitemapNs, absolute($"/{language.UrlSegment}/"));
        foreach (var (hreflang, href) in SiteEndpoints.HomeAlternates(languages, absolute))
        {
            WriteAlternate(writer, hreflang, href);
        }

        writer.WriteEndElement();
    }

    /// <summary>The entry of a section's page in one language, with the alternates its HTML has (each language, and x-default).</summary>
    public static void WriteSectionEntry(XmlWriter writer, SectionEntry section, Func<string, string> absolute)
    {
        writer.WriteStartElement("url", SitemapNs);
        writer.WriteElementString("loc", SitemapNs, absolute(SiteNavigation.SectionPath(section.Language, section.Path)));
        foreach (var language in section.Languages)
        {
            WriteAlternate(writer, language.Value, absolute(SiteNavigation.SectionPath(language, section.Path)));
        }

        WriteAlternate(writer, "x-default", absolute(SiteNavigation.SectionPath(section.Default, section.Path)));
        writer.WriteEndElement();
    }

    /// <summary>
    /// The entry of <paramref name="document"/>'s public version at <paramref name="index"/> in its
    /// <see cref="PublicDocument.Versions"/>, with every public version as an alternate and the original (the first) as x-default.
    /// </summary>
    public static void WriteDocumentEntry(XmlWriter writer, PublicDocument document, int index, Func<string, string> absolute)
    {
        var versions = document.Versions;
        var version = versions[index];
        writer.WriteStartElement("url", SitemapNs);
        writer.WriteElementString("loc", SitemapNs, absolute(SiteContext.DocumentPath(version.Language, document.Slug)));
        writer.WriteElementString("lastmod", SitemapNs, version.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var sibling in versions)
        {
            WriteAlternate(writer, sibling.Language.Value, absolute(SiteContext.DocumentPath(sibling.Language, document.Slug)));
        }

        WriteAlternate(writer, "x-default", absolute(SiteContext.DocumentPath(versions[0].Language, document.Slug)));
        writer.WriteEndElement();
    }

    private static void WriteAlternate(XmlWriter writer, string hreflang, string href)
    {
        writer.WriteStartElement("xhtml", "link", XhtmlNs);
        writer.WriteAttributeString("rel", "alternate");
        writer.WriteAttributeString("hreflang", hreflang);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    /// <summary>Ends a sitemap started by <see cref="WriteSitemapStartAsync"/>.</summary>
    public static async Task WriteSitemapEndAsync(XmlWriter writer)
    {
        writer.WriteEndElement();
        await writer.WriteEndDocumentAsync();
    }
}
