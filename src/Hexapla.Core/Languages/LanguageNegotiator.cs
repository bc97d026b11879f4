using System.Globalization;

namespace Hexapla.Languages;

/// <summary>One entry of an <c>Accept-Language</c> header.</summary>
/// <param name="Range">A canonical language tag (<c>en-US</c>) or <c>*</c>.</param>
/// <param name="Quality">The q-value, greater than 0 and at most 1.</param>
public readonly record struct LanguagePreference(string Range, double Quality);

/// <summary>
/// Picks the language to serve from a browser's <c>Accept-Language</c> header. Nothing here
/// throws: a header is input from anyone, and a bad one just means "no preference".
/// </summary>
public static class LanguageNegotiator
{
    /// <summary>Only this many characters of a header are read; the rest is ignored.</summary>
    public const int MaxHeaderLength = 4096;

    /// <summary>Only this many entries of a header are kept.</summary>
    public const int MaxEntries = 32;

    /// <summary>
    /// Parses an <c>Accept-Language</c> header such as
    /// <c>ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7,*;q=0.5</c>.
    /// </summary>
    /// <remarks>
    /// The result is sorted by quality, highest first; entries of equal quality keep their order in
    /// the header. Ranges are canonicalised (<c>en_us</c> → <c>en-US</c>). Silently dropped: entries
    /// with q=0 (which mean "not this one"), entries whose range is not a language tag or <c>*</c>,
    /// entries with a q outside 0–1 or not a number, and repeats of a range already seen (the first
    /// wins). Parameters other than q are ignored. Only the first <see cref="MaxHeaderLength"/>
    /// characters (an entry cut in two there is dropped) and the first <see cref="MaxEntries"/>
    /// valid entries are used. Null, empty or entirely malformed headers give an empty list.
    /// </remarks>
    /// <param name="header">The header value, or null when the request had none.</param>
    /// <returns>The preferences, best first.</returns>
    public static IReadOnlyList<LanguagePreference> ParseAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        if (header.Length > MaxHeaderLength)
        {
            // Cut at the last comma inside the limit so a half entry is not read as a whole one.
            var cut = header.LastIndexOf(',', MaxHeaderLength);
            header = cut < 0 ? string.Empty : header[..cut];
        }

        var preferences = new List<LanguagePreference>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in header.Split(','))
        {
            if (preferences.Count == MaxEntries)
            {
                break;
            }

            if (TryParseEntry(entry, out var preference) && seen.Add(preference.Range) && preference.Quality > 0)
            {
                preferences.Add(preference);
            }
        }

        // OrderByDescending is stable, so equal qualities keep header order.
        return preferences.OrderByDescending(p => p.Quality).ToArray();
    }

    /// <summary>
    /// Chooses one of the <paramref name="available"/> languages for a reader's
    /// <c>Accept-Language</c> header.
    /// </summary>
    /// <remarks>
    /// Preferences are tried best first. For each: an available tag equal to the range; else one
    /// more specific than it (<c>ru</c> → <c>ru-RU</c>); else, when the range has more than a
    /// language (<c>en-US</c>), one with the same primary language (<c>en-GB</c>). When several
    /// available tags fit one range in the same way, the one listed first in
    /// <paramref name="available"/> wins. <c>*</c> is skipped: it says any language will do, so the
    /// caller's default applies. Returns null when nothing fits, when the header is missing or
    /// malformed, or when <paramref name="available"/> is null or empty; the caller then uses its
    /// default language.
    /// </remarks>
    /// <param name="acceptLanguage">The header value, or null.</param>
    /// <param name="available">The languages the content exists in, in order of preference.</param>
    /// <returns>The chosen tag, or null.</returns>
    public static LanguageTag? Choose(string? acceptLanguage, IReadOnlyCollection<LanguageTag> available)
    {
        if (available is null || available.Count == 0)
        {
            return null;
        }

        var tags = available.Where(t => t is not null).ToArray();
        foreach (var preference in ParseAcceptLanguage(acceptLanguage))
        {
            if (preference.Range == "*" || !LanguageTag.TryParse(preference.Range, out var range))
            {
                continue;
            }

            var chosen = Array.Find(tags, t => t == range)
                ?? Array.Find(tags, t => t.Matches(range))
                ?? (range.Value.Length > range.Language.Length
                    ? Array.Find(tags, t => string.Equals(t.Language, range.Language, StringComparison.Ordinal))
                    : null);
            if (chosen is not null)
            {
                return chosen;
            }
        }

        return null;
    }

    private static bool TryParseEntry(string entry, out LanguagePreference preference)
    {
        preference = default;
        var pieces = entry.Split(';');
        var rangeText = pieces[0].Trim();
        string range;
        if (rangeText == "*")
        {
            range = "*";
        }
        else if (LanguageTag.TryParse(rangeText, out var tag))
        {
            range = tag.Value;
        }
        else
        {
            return false;
        }

        var quality = 1.0;
        var qualitySeen = false;
        for (var i = 1; i < pieces.Length; i++)
        {
            var parameter = pieces[i];
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (string.IsNullOrWhiteSpace(parameter))
                {
                    continue;
                }

                return false;
            }

            var name = parameter[..equals].Trim();
            if (!string.Equals(name, "q", StringComparison.OrdinalIgnoreCase) || qualitySeen)
            {
                continue;
            }

            qualitySeen = true;
            var text = parameter[(equals + 1)..].Trim();
            if (text.Length == 0 || text.Length > 8
                || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality)
                || quality is < 0 or > 1)
            {
                return false;
            }
        }

        preference = new LanguagePreference(range, quality);
        return true;
    }
}
