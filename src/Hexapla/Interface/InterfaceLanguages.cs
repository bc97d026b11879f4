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
    /// <summary>English first: it is the neutral resource and the last fallback.</summary>
    public static IReadOnlyList<LanguageTag> All { get; } =
        [.. new[] { "en", "ar", "es", "fr", "ru", "zh" }.Select(LanguageTag.Parse)];

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
