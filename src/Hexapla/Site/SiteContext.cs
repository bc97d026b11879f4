using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Storage;
using Microsoft.Extensions.Options;

namespace Hexapla.Site;

/// <summary>What the public site's endpoints share: the store, the clock, the settings, and a few derived facts.</summary>
internal sealed class SiteContext(IContentStore store, TimeProvider clock, IOptions<HexaplaOptions> options)
{
    public const string LanguageCookie = "hexapla-lang";

    public IContentStore Store { get; } = store;

    public HexaplaOptions Options { get; } = options.Value;

    public TimeZoneInfo TimeZone { get; } = FindZone(options.Value.TimeZone);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Languages with published documents, most documents first.</summary>
    public async Task<IReadOnlyList<LanguageTag>> SiteLanguagesAsync(CancellationToken cancellationToken) =>
        [.. (await Store.CountPublishedByLanguageAsync(Now, cancellationToken)).Select(c => c.Language)];

    /// <summary>The configured default language, else the language with most published documents, else English.</summary>
    public async Task<LanguageTag> DefaultLanguageAsync(CancellationToken cancellationToken)
    {
        if (LanguageTag.TryParse(Options.DefaultLanguage, out var configured))
        {
            return configured;
        }

        var languages = await SiteLanguagesAsync(cancellationToken);
        return languages.Count > 0 ? languages[0] : LanguageTag.Parse("en");
    }

    /// <summary>The absolute base of the site's URLs, without a trailing slash.</summary>
    public string BaseUrl(HttpRequest request) =>
        string.IsNullOrWhiteSpace(Options.BaseUrl)
            ? $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}"
            : Options.BaseUrl.TrimEnd('/');

    public static string DocumentPath(LanguageTag language, string slug) => $"/{language.UrlSegment}/{slug}";

    private static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
