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
    /// How often, in seconds, this node looks for writes made by other processes sharing the store (other web
    /// nodes, a CLI import) and indexes them for search.
    /// </summary>
    public double IndexFollowSeconds { get; set; } = 2;
}
