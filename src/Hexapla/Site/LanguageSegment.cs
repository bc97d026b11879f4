using Hexapla.Interface;
using Hexapla.Languages;

namespace Hexapla.Site;

/// <summary>
/// The one place that decides whether the first segment of a public address names a language. It does when it is a
/// valid language tag (registered subtags, see <see cref="LanguageTag.Validate"/>) and the site has published content
/// in that language (any region of it) or an interface in it (<see cref="InterfaceLanguages"/>). Anything else is not
/// a language: a slug (<c>/razvitie-situacii-v-irake</c>), one of the site's own words (<c>admin</c>, <c>assets</c>),
/// or a registered tag the site has nothing in (<c>api</c> is Apiaká). Those addresses never get a page in that
/// "language": they are answered in the site's default language.
/// </summary>
internal static class LanguageSegment
{
    /// <summary>The language <paramref name="segment"/> names on this site, or null (see the type).</summary>
    /// <param name="segment">The segment as it stands in the address (percent-encoding allowed).</param>
    /// <param name="site">The site, for its languages.</param>
    /// <param name="cancellationToken">Stops the look-up.</param>
    public static async Task<LanguageTag?> ResolveAsync(string? segment, SiteContext site, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(segment) || segment.Length > LanguageTag.MaxLength * 3)
        {
            return null;
        }

        var text = Uri.UnescapeDataString(segment);
        if (!LanguageTag.TryParse(text, out var tag))
        {
            return null;
        }

        if (InterfaceLanguages.Find(tag) is not null)
        {
            return tag;
        }

        var languages = await site.SiteLanguagesAsync(cancellationToken);
        return languages.Any(l => l.Language == tag.Language) ? tag : null;
    }

    /// <summary>The language named by the first segment of <paramref name="path"/>, or null.</summary>
    /// <param name="path">The request's path.</param>
    /// <param name="site">The site, for its languages.</param>
    /// <param name="cancellationToken">Stops the look-up.</param>
    public static Task<LanguageTag?> OfPathAsync(PathString path, SiteContext site, CancellationToken cancellationToken) =>
        ResolveAsync(FirstSegment(path), site, cancellationToken);

    /// <summary>The first segment of <paramref name="path"/>, or null when the path is <c>/</c>.</summary>
    /// <param name="path">The request's path.</param>
    public static string? FirstSegment(PathString path)
    {
        var value = path.Value ?? string.Empty;
        var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 0 ? segments[0] : null;
    }

    /// <summary>
    /// The language an answer about <paramref name="path"/> is written in when the site has no better one: the
    /// language its first segment names, else the site's default. Never the segment itself when it is not a language.
    /// </summary>
    /// <param name="path">The request's path.</param>
    /// <param name="site">The site.</param>
    /// <param name="cancellationToken">Stops the look-up.</param>
    public static async Task<LanguageTag> OfPathOrDefaultAsync(PathString path, SiteContext site, CancellationToken cancellationToken) =>
        await OfPathAsync(path, site, cancellationToken) ?? await site.DefaultLanguageAsync(cancellationToken);
}
