namespace Hexapla.Hosting;

/// <summary>What to show when a reader asks for a language a document has no published version in.</summary>
public enum MissingTranslation
{
    /// <summary>A 404 page that lists the versions that exist.</summary>
    NotFound,

    /// <summary>The original, with a visible "not yet translated" notice in the reader's language.</summary>
    ShowOriginal,
}

/// <summary>
/// The settings of Hexapla, bound to the <c>Hexapla</c> section: <c>appsettings.json</c>, then environment
/// variables (<c>Hexapla__SiteName</c>…; <c>HEXAPLA_DATA</c> for the data folder), then command-line options.
/// </summary>
public sealed class HexaplaOptions
{
    public const string Section = "Hexapla";

    /// <summary>The data folder: the store (<c>hexapla.db</c>) lives there.</summary>
    public string DataFolder { get; set; } = "hexapla-data";

    /// <summary>The site's name, shown in every page's header and title.</summary>
    public string SiteName { get; set; } = "Hexapla";

    /// <summary>
    /// The language <c>/</c> sends a reader to when neither their cookie nor their browser's languages match.
    /// Empty: the language with the most published documents.
    /// </summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>What a missing translation shows.</summary>
    public MissingTranslation MissingTranslation { get; set; } = MissingTranslation.NotFound;

    /// <summary>
    /// The public address of the site (<c>https://press.example.org</c>) for canonical links, feeds and the
    /// sitemap. Empty: the address of each request.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The time zone dates are shown in (an IANA name such as <c>Europe/Moscow</c>).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Documents per page on home pages and in the list API.</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>
    /// The most URLs one sitemap file lists (1–50,000, the sitemaps protocol's ceiling). A site with more URLs (a home
    /// page per public language and one per public version) gets a sitemap index at <c>/sitemap.xml</c> and pages at
    /// <c>/sitemap-1.xml</c>, <c>/sitemap-2.xml</c>…, each full but the last;
    /// see <see cref="Site.DiscoveryEndpoints.SitemapPages"/>. Lower only to test paging or to keep files small.
    /// </summary>
    public int SitemapPageSize { get; set; } = Site.DiscoveryEndpoints.MaxSitemapUrls;

    /// <summary>
    /// How often this node looks for writes made by other processes sharing the store (other web nodes, a CLI
    /// import) and indexes them for search.
    /// </summary>
    public TimeSpan IndexFollowInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long browsers and a CDN may keep a public page, feed, sitemap or read-API answer (<c>max-age</c>; as long
    /// again with <c>stale-while-revalidate</c>). Short, because a retracted text stays in their caches that long.
    /// Never past the next embargo instant.
    /// </summary>
    public TimeSpan PublicMaxAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the server rereads the store's generation to notice writes made by another process (a CLI import):
    /// the longest such a write can go unseen by the page cache. Writes made through this server are seen at once.
    /// </summary>
    public TimeSpan CacheRecheck { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a search results page (or search API answer) is kept and served again: search reads the index, which
    /// takes in a write a moment after the store does, so these are kept briefly rather than until the next write.
    /// 0 keeps none.
    /// </summary>
    public TimeSpan SearchCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The memory the page cache may hold, in MiB (bodies and their Brotli and gzip forms); 0 turns it off.</summary>
    public int PageCacheMegabytes { get; set; } = 64;

    /// <summary>Adds <c>X-Hexapla-Cache: hit|miss|bypass</c> to answers the page cache looked at (for tests and debugging).</summary>
    public bool CacheStatusHeader { get; set; }

    /// <summary>
    /// Addresses of reverse proxies, comma-separated (<c>10.0.0.5, ::1</c>), whose <c>X-Forwarded-For</c>,
    /// <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> are believed. Empty: such headers are ignored.
    /// </summary>
    public string? KnownProxies { get; set; }

    /// <summary>How the site's menus are shown (<c>Hexapla:Menus</c>).</summary>
    public MenuOptions Menus { get; set; } = new();
}

/// <summary>The settings of the public site's menus, bound to <c>Hexapla:Menus</c>.</summary>
public sealed class MenuOptions
{
    /// <summary>
    /// What a menu shows in a language where an entry's document has no public version: <c>Omit</c> (the default) leaves
    /// the entry out there; <c>LinkOriginal</c> links the original's page, its title marked with the original's language.
    /// A document with no public version in any language is left out either way.
    /// </summary>
    public Sections.MenuMissingLanguage MissingLanguage { get; set; } = Sections.MenuMissingLanguage.Omit;
}
