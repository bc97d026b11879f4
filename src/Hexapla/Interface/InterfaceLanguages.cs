using System.Globalization;
using System.Resources;
using Hexapla.Languages;

namespace Hexapla.Interface;

/// <summary>
/// The languages Hexapla's own interface (public chrome and admin) is written in, and which one a page gets.
/// </summary>
/// <remarks>
/// A content language has an interface when its primary language has one: <c>ru-RU</c> → <c>ru</c>,
/// <c>ar-EG</c> → <c>ar</c>. Chinese is the Simplified interface for <c>zh</c>, <c>zh-Hans</c>, <c>zh-CN</c>, <c>zh-SG</c>;
/// Traditional Chinese (<c>zh-Hant</c>, <c>zh-TW</c>, <c>zh-HK</c>, <c>zh-MO</c>) has none yet.
/// </remarks>
internal static class InterfaceLanguages
{
    // Declared before All, whose initializer reads it.

    /// <summary>The base names of the resx string sets in the assembly (<c>Hexapla.Site.Text.SiteText</c> …).</summary>
    public static IReadOnlyList<string> StringSets { get; } =
        [.. typeof(InterfaceLanguages).Assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".resources", StringComparison.Ordinal))
            .Select(n => n[..^".resources".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The languages the string sets are written in: English first (the neutral resources and the last fallback), then
    /// every language a string set has a satellite resource file for (<c>SiteText.ar.resx</c> …), in the order of their
    /// tags. A seventh language is one more resx file per set; a test checks each file has exactly English's keys.
    /// </summary>
    public static IReadOnlyList<LanguageTag> All { get; } = Discover();

    private static LanguageTag[] Discover()
    {
        var assembly = typeof(InterfaceLanguages).Assembly;
        var sets = StringSets.Select(name => new ResourceManager(name, assembly)).ToList();
        // Satellites are per neutral culture (ar, zh…); asking each set for each one finds the files that exist, since
        // a missing satellite is no error to the resource manager (tryParents: false keeps English from answering).
        var found = CultureInfo.GetCultures(CultureTypes.NeutralCultures)
            .Where(c => c.Name.Length > 0 && c.Name != "en")
            .Where(c => sets.Any(set => set.GetResourceSet(c, createIfNotExists: true, tryParents: false) is not null))
            .Select(c => c.Name)
            .Order(StringComparer.Ordinal);
        return [LanguageTag.Parse("en"), .. found.Select(LanguageTag.Parse)];
    }

    /// <summary>The interface for content in <paramref name="language"/>, or null when Hexapla has none.</summary>
    public static LanguageTag? Find(LanguageTag language)
    {
        if (language.Language == "zh" && (language.Script == "Hant" || language.Region is "TW" or "HK" or "MO"))
        {
            return null;
        }

        return All.FirstOrDefault(ui => ui.Language == language.Language);
    }

    /// <summary>The interface of a page in <paramref name="page"/>: its own when there is one, else the site default's, else English.</summary>
    public static LanguageTag For(LanguageTag page, LanguageTag siteDefault) => Find(page) ?? Find(siteDefault) ?? All[0];
}
