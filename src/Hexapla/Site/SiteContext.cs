using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Storage;
using Microsoft.Extensions.Options;

namespace Hexapla.Site;

/// <summary>What the public site's endpoints share: the store, the clock, the settings, and a few derived facts.</summary>
/// <remarks>
/// Without <paramref name="freshness"/> (a caller outside the web host) nothing is kept between calls.
/// </remarks>
internal sealed class SiteContext(
    IContentStore store, TimeProvider clock, IOptions<HexaplaOptions> options, ContentFreshness? freshness = null, IOptions<Hosting.Limits>? limits = null,
    IOptions<ReviewOptions>? review = null)
{
    // One reference, replaced whole, so concurrent requests never see a state paired with another state's list.
    private KeptLanguages? _languages;
    private KeptFacets? _facets;
    private KeptStructure? _structure;

    public const string LanguageCookie = "hexapla-lang";

    public IContentStore Store { get; } = store;

    public HexaplaOptions Options { get; } = options.Value;

    public TimeZoneInfo TimeZone { get; } = FindZone(options.Value.TimeZone);

    /// <summary>The longest search the site takes (<c>Hexapla:Limits:QueryLength</c>), for the search boxes' <c>maxlength</c>.</summary>
    public int QueryLength { get; } = limits?.Value.QueryLength ?? Hosting.Limits.DefaultQueryLength;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>What tells whether something kept is still what the store gives (null outside the web host: keep nothing).</summary>
    public ContentFreshness? Freshness => freshness;

    /// <summary>Whether a translation tells readers its original was updated since (<c>Hexapla:Review:OriginalUpdatedNotice</c>, on unless set to false).</summary>
    public bool OriginalUpdatedNotice { get; } = review?.Value.OriginalUpdatedNotice ?? true;

    /// <summary>
    /// Languages with published documents, most documents first. Kept while the store's generation stands and no
    /// embargo has lifted, since every page asks and the count is a GROUP BY over all versions.
    /// </summary>
    public async Task<IReadOnlyList<LanguageTag>> SiteLanguagesAsync(CancellationToken cancellationToken)
    {
        if (freshness is null)
        {
            return [.. (await Store.CountPublishedByLanguageAsync(Now, cancellationToken)).Select(c => c.Language)];
        }

        var state = await freshness.CurrentAsync(cancellationToken);
        if (Volatile.Read(ref _languages) is { } kept && state.Allows(kept.State, Now))
        {
            return kept.Languages;
        }

        IReadOnlyList<LanguageTag> languages = [.. (await Store.CountPublishedByLanguageAsync(Now, cancellationToken)).Select(c => c.Language)];
        Volatile.Write(ref _languages, new KeptLanguages(state, languages));
        return languages;
    }

    /// <summary>
    /// The site's sections, kinds and menus. Kept while the store's generation stands (every structure write moves it on),
    /// since every page shows menus and breadcrumbs; an empty structure for a store that keeps none.
    /// </summary>
    public async Task<Sections.SiteStructure> StructureAsync(CancellationToken cancellationToken)
    {
        if (Store is not IStructureStore structures)
        {
            return Sections.SiteStructure.Empty;
        }

        if (freshness is null)
        {
            return await structures.LoadStructureAsync(cancellationToken);
        }

        var state = await freshness.CurrentAsync(cancellationToken);
        if (Volatile.Read(ref _structure) is { } kept && kept.State.Generation == state.Generation)
        {
            return kept.Structure;
        }

        var structure = await structures.LoadStructureAsync(cancellationToken);
        Volatile.Write(ref _structure, new KeptStructure(state, structure));
        return structure;
    }

    /// <summary>
    /// The facet counts of a listing's filter form (<see cref="IContentStore.CountFacetsAsync"/>), kept while the store's
    /// generation stands and no embargo has lifted, like <see cref="SiteLanguagesAsync"/>: they group every public version
    /// of a language, which at 100,000 documents costs seconds, and every uncached home and section page shows them.
    /// At most <see cref="MaxKeptFacets"/> filters are kept per generation; others are counted each time.
    /// </summary>
    public async Task<ListingFacets> FacetsAsync(ListingFilter filter, int topTags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (freshness is null)
        {
            return await Store.CountFacetsAsync(filter, Now, topTags, TimeZone, cancellationToken);
        }

        var state = await freshness.CurrentAsync(cancellationToken);
        var kept = Volatile.Read(ref _facets);
        if (kept is null || !state.Allows(kept.State, Now))
        {
            kept = new KeptFacets(state, new System.Collections.Concurrent.ConcurrentDictionary<string, ListingFacets>(StringComparer.Ordinal));
            Volatile.Write(ref _facets, kept);
        }

        var key = string.Join('\u001f',
            filter.Language.Value, filter.SectionIds is { } ids ? string.Join(',', ids.Order()) : "*", filter.Kind ?? "", filter.Tag ?? "",
            filter.From?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            filter.Until?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            topTags.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (kept.Counts.TryGetValue(key, out var facets))
        {
            return facets;
        }

        facets = await Store.CountFacetsAsync(filter, Now, topTags, TimeZone, cancellationToken);
        if (kept.Counts.Count < MaxKeptFacets)
        {
            kept.Counts[key] = facets;
        }

        return facets;
    }

    /// <summary>The most filters whose facet counts are kept per generation (a few kilobytes each).</summary>
    public const int MaxKeptFacets = 2048;

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

    /// <summary>
    /// The site's default language when a page in <paramref name="page"/> needs it for its interface (its own language has
    /// none, so the page gets the default's), else null without asking the store.
    /// </summary>
    public async Task<LanguageTag?> InterfaceDefaultAsync(LanguageTag page, CancellationToken cancellationToken) =>
        Interface.InterfaceLanguages.Find(page) is null ? await DefaultLanguageAsync(cancellationToken) : null;

    /// <summary>The absolute base of the site's URLs, without a trailing slash.</summary>
    public string BaseUrl(HttpRequest request) =>
        string.IsNullOrWhiteSpace(Options.BaseUrl)
            ? $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}"
            : Options.BaseUrl.TrimEnd('/');

    public static string DocumentPath(LanguageTag language, string slug) => $"/{language.UrlSegment}/{slug}";

    private sealed record KeptLanguages(ContentState State, IReadOnlyList<LanguageTag> Languages);

    private sealed record KeptFacets(ContentState State, System.Collections.Concurrent.ConcurrentDictionary<string, ListingFacets> Counts);

    private sealed record KeptStructure(ContentState State, Sections.SiteStructure Structure);

    private static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
