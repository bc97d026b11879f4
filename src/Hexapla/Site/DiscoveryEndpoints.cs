using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Hexapla.Content;
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
        if (!LanguageTag.TryParse(lang, out var language))
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
        return Results.Text(Feed(site, language, listing, path => baseUrl + path), "application/atom+xml; charset=utf-8");
    }

    /// <summary>
    /// The Atom feed of <paramref name="language"/> with the entries of <paramref name="listing"/> (the newest
    /// <see cref="FeedSize"/>); <paramref name="absolute"/> turns a site path into an absolute URL (ids and links).
    /// </summary>
    public static string Feed(SiteContext site, LanguageTag language, PublishedPage listing, Func<string, string> absolute)
    {
        var self = absolute($"/{language.UrlSegment}/feed.atom");
        var feed = new SyndicationFeed
        {
            Id = self,
            Title = new TextSyndicationContent(SiteText.For(language).FeedTitle(site.Options.SiteName)),
            Language = language.Value,
            LastUpdatedTime = listing.Items.Count > 0 ? listing.Items.Max(i => i.Version.UpdatedAt) : site.Now,
            Items = [.. listing.Items.Select(item =>
            {
                var url = absolute(SiteContext.DocumentPath(language, item.Slug));
                var entry = new SyndicationItem
                {
                    Id = url,
                    Title = new TextSyndicationContent(item.Version.Title),
                    PublishDate = item.Version.PublishedAt ?? item.Version.UpdatedAt,
                    LastUpdatedTime = item.Version.UpdatedAt,
                    Content = new TextSyndicationContent(MarkdownRenderer.ToHtml(item.Version.Body), TextSyndicationContentKind.Html),
                };
                if (item.Version.Summary is { } summary)
                {
                    entry.Summary = new TextSyndicationContent(summary);
                }

                entry.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(url), "text/html"));
                return entry;
            })],
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(self), "application/atom+xml"));
        feed.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(absolute($"/{language.UrlSegment}/")), "text/html"));
        feed.Authors.Add(new SyndicationPerson { Name = site.Options.SiteName });

        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static async Task<IResult> SitemapAsync(HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        var baseUrl = site.BaseUrl(http.Request);
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Async = true }))
        {
            await WriteSitemapStartAsync(writer, await site.SiteLanguagesAsync(cancellationToken), path => baseUrl + path);
            await foreach (var document in site.Store.StreamPublishedDocumentsAsync(site.Now, cancellationToken))
            {
                WriteSitemapEntries(writer, document, site.Now, path => baseUrl + path);
            }

            await WriteSitemapEndAsync(writer);
        }

        return Results.Text(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/xml; charset=utf-8");
    }

    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";

    /// <summary>The sitemap's start and one entry per home page; <paramref name="absolute"/> turns a site path into an absolute URL.</summary>
    public static async Task WriteSitemapStartAsync(XmlWriter writer, IReadOnlyList<LanguageTag> languages, Func<string, string> absolute)
    {
        await writer.WriteStartDocumentAsync();
        writer.WriteStartElement("urlset", SitemapNs);
        writer.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
        foreach (var language in languages)
        {
            writer.WriteStartElement("url", SitemapNs);
            writer.WriteElementString("loc", SitemapNs, absolute($"/{language.UrlSegment}/"));
            writer.WriteEndElement();
        }
    }

    /// <summary>The sitemap entries of <paramref name="document"/>'s versions public at <paramref name="now"/>, each with its siblings as alternates.</summary>
    public static void WriteSitemapEntries(XmlWriter writer, Document document, DateTimeOffset now, Func<string, string> absolute)
    {
        var versions = document.PublishedVersions(now);
        foreach (var version in versions)
        {
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

        static void WriteAlternate(XmlWriter writer, string hreflang, string href)
        {
            writer.WriteStartElement("xhtml", "link", XhtmlNs);
            writer.WriteAttributeString("rel", "alternate");
            writer.WriteAttributeString("hreflang", hreflang);
            writer.WriteAttributeString("href", href);
            writer.WriteEndElement();
        }
    }

    public static async Task WriteSitemapEndAsync(XmlWriter writer)
    {
        writer.WriteEndElement();
        await writer.WriteEndDocumentAsync();
    }
}
