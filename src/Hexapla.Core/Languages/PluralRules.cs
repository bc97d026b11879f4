namespace Hexapla.Languages;

/// <summary>The plural categories of CLDR (Unicode TR35, "Language Plural Rules").</summary>
public enum PluralCategory
{
    /// <summary>Zero (Arabic 0).</summary>
    Zero,
    /// <summary>One (English 1, Russian 21, French 0 and 1).</summary>
    One,
    /// <summary>Two (Arabic 2).</summary>
    Two,
    /// <summary>Few (Russian 2–4, Arabic 3–10).</summary>
    Few,
    /// <summary>Many (Russian 5–20, Arabic 11–99, French and Spanish millions).</summary>
    Many,
    /// <summary>Everything else; every language has it.</summary>
    Other,
}

/// <summary>
/// Picks the CLDR plural category of a whole number in a language, so that "1 document", "2 документа",
/// "11 وثيقة" each take the form their readers expect.
/// </summary>
/// <remarks>
/// Integers only (the interface counts things). A language CLDR gives no rules for, or one not covered here,
/// takes the English rule. Rules follow CLDR's <c>plurals.xml</c> for cardinals.
/// </remarks>
public static class PluralRules
{
    /// <summary>
    /// True when the rules of the language whose primary subtag is <paramref name="language"/> are written here; false
    /// when <see cref="Select(string, long)"/> would answer with the English rule for want of its own. An interface
    /// language must be known (a test checks), so a seventh one cannot get English plurals by accident.
    /// </summary>
    public static bool Knows(string language) => Known.Contains(language);

    private static readonly HashSet<string> Known = new(
        ["zh", "ja", "ko", "th", "vi", "id", "ms", "ar", "ru", "uk", "be", "fr", "es", "it", "en", "de", "nl", "sv", "da", "nb", "fi", "et", "el", "hu", "tr"],
        StringComparer.Ordinal);

    /// <summary>The category of <paramref name="n"/> in <paramref name="language"/> (its primary subtag decides).</summary>
    public static PluralCategory Select(LanguageTag language, long n) => Select(language.Language, n);

    /// <summary>The category of <paramref name="n"/> in the language whose primary subtag is <paramref name="language"/>.</summary>
    public static PluralCategory Select(string language, long n)
    {
        var i = Math.Abs(n);
        return language switch
        {
            "zh" or "ja" or "ko" or "th" or "vi" or "id" or "ms" => PluralCategory.Other,
            "ar" => i switch
            {
                0 => PluralCategory.Zero,
                1 => PluralCategory.One,
                2 => PluralCategory.Two,
                _ when i % 100 is >= 3 and <= 10 => PluralCategory.Few,
                _ when i % 100 is >= 11 and <= 99 => PluralCategory.Many,
                _ => PluralCategory.Other,
            },
            "ru" or "uk" or "be" => (i % 10, i % 100) switch
            {
                (1, not 11) => PluralCategory.One,
                (>= 2 and <= 4, not (>= 12 and <= 14)) => PluralCategory.Few,
                _ => PluralCategory.Many,
            },
            "fr" => i is 0 or 1 ? PluralCategory.One : i % 1_000_000 == 0 ? PluralCategory.Many : PluralCategory.Other,
            "es" or "it" or "pt" => i == 1 ? PluralCategory.One : i % 1_000_000 == 0 && i != 0 ? PluralCategory.Many : PluralCategory.Other,
            _ => i == 1 ? PluralCategory.One : PluralCategory.Other,
        };
    }
}
