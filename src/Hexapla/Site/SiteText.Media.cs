using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Site;

/// <summary>The site's words about media in a page: file kinds, language names, sizes, the missing item's placeholder.</summary>
internal sealed partial class SiteText : IMediaWords
{
    /// <summary>Languages the string sets name in every interface language; others are named in themselves.</summary>
    private static readonly HashSet<string> NamedLanguages = new(StringComparer.Ordinal)
    {
        "ar", "de", "en", "es", "fr", "it", "ja", "pt", "ru", "tr", "uk", "zh",
    };

    public string ListSeparator => Get("MediaListSeparator");

    public string DetailsPattern => Get("MediaDetails");

    public string FileKind(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var type = contentType.ToLowerInvariant();
        var key = type switch
        {
            "application/pdf" => "MediaKindPdf",
            _ when type.StartsWith("image/", StringComparison.Ordinal) => "MediaKindImage",
            _ when type.StartsWith("audio/", StringComparison.Ordinal) => "MediaKindAudio",
            _ when type.StartsWith("video/", StringComparison.Ordinal) => "MediaKindVideo",
            _ when type.Contains("spreadsheet", StringComparison.Ordinal) || type.Contains("excel", StringComparison.Ordinal) => "MediaKindSpreadsheet",
            _ when type.Contains("presentation", StringComparison.Ordinal) || type.Contains("powerpoint", StringComparison.Ordinal) => "MediaKindPresentation",
            _ when type.Contains("wordprocessing", StringComparison.Ordinal) || type.Contains("msword", StringComparison.Ordinal)
                || type.Contains("opendocument.text", StringComparison.Ordinal) || type == "application/rtf" || type == "text/plain" => "MediaKindDocument",
            _ => "MediaKindFile",
        };
        return Get(key);
    }

    public string? LanguageName(LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(language);
        // Chinese in a script other than its usual one, or a language the sets do not name: the renderer names it in itself.
        return NamedLanguages.Contains(language.Language) && language.Script is null
            ? Get("LanguageName" + char.ToUpperInvariant(language.Language[0]) + language.Language[1..])
            : null;
    }

    public string Size(long bytes)
    {
        // Binary multiples, one decimal below ten ("1.2 MB", "12 MB"), as file managers show them.
        const double Kilo = 1024;
        if (bytes < Kilo)
        {
            return Format("MediaSizeBytes", Number(bytes));
        }

        var (value, key) = bytes < Kilo * Kilo ? (bytes / Kilo, "MediaSizeKilobytes")
            : bytes < Kilo * Kilo * Kilo ? (bytes / (Kilo * Kilo), "MediaSizeMegabytes")
            : (bytes / (Kilo * Kilo * Kilo), "MediaSizeGigabytes");
        var number = value < 10 ? value.ToString("0.#", Culture) : Math.Round(value).ToString("N0", Culture);
        return Format(key, LocalDigits(number));
    }

    public string Missing(string reference) => Format("MediaMissing", reference);
}
