using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hexapla.Languages;

/// <summary>
/// An immutable, well-formed BCP 47 language tag (RFC 5646) in canonical case, such as
/// <c>en-GB</c>, <c>ru</c> or <c>zh-Hant-TW</c>.
/// </summary>
/// <remarks>
/// <para>
/// Parsing checks well-formedness only (the shape of each subtag and its position), not whether a
/// subtag is registered with IANA: <c>xx-YY</c> is accepted. Accepted input is trimmed, may use
/// <c>_</c> as well as <c>-</c> between subtags (<c>en_GB</c>), and is brought to canonical case:
/// language and extlang lowercase, script Titlecase, region UPPERCASE, everything else lowercase.
/// </para>
/// <para>
/// Refused, with a message that quotes the input and names the problem: empty or whitespace-only
/// input; tags over 64 characters; empty subtags (<c>en--GB</c>, <c>-en</c>); subtags over
/// 8 characters or with characters other than ASCII letters and digits; a repeated variant or
/// extension singleton; a singleton with nothing after it; private-use-only tags (<c>x-foo</c>),
/// because Hexapla needs a language; and the irregular grandfathered <c>i-</c> tags
/// (<c>i-klingon</c>), whose modern replacement is suggested when there is one. The regular
/// grandfathered tags that happen to be well-formed (<c>art-lojban</c>, <c>zh-min-nan</c>) are
/// accepted as ordinary tags, with no mapping to their preferred values.
/// </para>
/// <para>
/// Equality, hashing and ordering use <see cref="Value"/> ordinally; since the value is canonical,
/// <c>EN_gb</c> and <c>en-GB</c> parse to equal tags.
/// </para>
/// </remarks>
public sealed class LanguageTag : IEquatable<LanguageTag>, IComparable<LanguageTag>
{
    /// <summary>The longest input accepted, after trimming.</summary>
    public const int MaxLength = 64;

    private static readonly Dictionary<string, string> GrandfatheredReplacements = new(StringComparer.Ordinal)
    {
        ["i-ami"] = "ami",
        ["i-bnn"] = "bnn",
        ["i-hak"] = "hak",
        ["i-klingon"] = "tlh",
        ["i-lux"] = "lb",
        ["i-navajo"] = "nv",
        ["i-pwn"] = "pwn",
        ["i-tao"] = "tao",
        ["i-tay"] = "tay",
        ["i-tsu"] = "tsu",
    };

    private static readonly HashSet<string> RtlLanguages = new(StringComparer.Ordinal)
    {
        "ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "iw", "ji", "syr", "arc",
    };

    private static readonly HashSet<string> RtlScripts = new(StringComparer.Ordinal)
    {
        "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr",
    };

    // Names as the languages themselves write them at the start of a menu item. Kept here rather
    // than read from ICU so that a language switcher looks the same on every machine.
    private static readonly Dictionary<string, string> NativeNames = new(StringComparer.Ordinal)
    {
        ["af"] = "Afrikaans",
        ["am"] = "አማርኛ",
        ["ar"] = "العربية",
        ["az"] = "Azərbaycan dili",
        ["be"] = "Беларуская",
        ["bg"] = "Български",
        ["bn"] = "বাংলা",
        ["bs"] = "Bosanski",
        ["ca"] = "Català",
        ["ckb"] = "کوردی",
        ["cs"] = "Čeština",
        ["cy"] = "Cymraeg",
        ["da"] = "Dansk",
        ["de"] = "Deutsch",
        ["el"] = "Ελληνικά",
        ["en"] = "English",
        ["eo"] = "Esperanto",
        ["es"] = "Español",
        ["et"] = "Eesti",
        ["eu"] = "Euskara",
        ["fa"] = "فارسی",
        ["fi"] = "Suomi",
        ["fil"] = "Filipino",
        ["fr"] = "Français",
        ["ga"] = "Gaeilge",
        ["gl"] = "Galego",
        ["he"] = "עברית",
        ["hi"] = "हिन्दी",
        ["hr"] = "Hrvatski",
        ["hu"] = "Magyar",
        ["hy"] = "Հայերեն",
        ["id"] = "Bahasa Indonesia",
        ["is"] = "Íslenska",
        ["it"] = "Italiano",
        ["ja"] = "日本語",
        ["ka"] = "ქართული",
        ["kk"] = "Қазақ тілі",
        ["ko"] = "한국어",
        ["ky"] = "Кыргызча",
        ["la"] = "Latina",
        ["lt"] = "Lietuvių",
        ["lv"] = "Latviešu",
        ["mk"] = "Македонски",
        ["mn"] = "Монгол",
        ["ms"] = "Bahasa Melayu",
        ["mt"] = "Malti",
        ["nb"] = "Norsk bokmål",
        ["nl"] = "Nederlands",
        ["nn"] = "Norsk nynorsk",
        ["no"] = "Norsk",
        ["pl"] = "Polski",
        ["ps"] = "پښتو",
        ["pt"] = "Português",
        ["ro"] = "Română",
        ["ru"] = "Русский",
        ["sk"] = "Slovenčina",
        ["sl"] = "Slovenščina",
        ["sq"] = "Shqip",
        ["sr"] = "Српски",
        ["sv"] = "Svenska",
        ["sw"] = "Kiswahili",
        ["ta"] = "தமிழ்",
        ["tg"] = "Тоҷикӣ",
        ["th"] = "ไทย",
        ["tr"] = "Türkçe",
        ["uk"] = "Українська",
        ["ur"] = "اردو",
        ["uz"] = "Oʻzbekcha",
        ["vi"] = "Tiếng Việt",
        ["yi"] = "ייִדיש",
        ["zh"] = "中文",
    };

    // Where the script changes how a language writes its own name.
    private static readonly Dictionary<string, string> NativeNamesByScript = new(StringComparer.Ordinal)
    {
        ["sr-Latn"] = "Srpski",
        ["bs-Cyrl"] = "Босански",
        ["uz-Cyrl"] = "Ўзбекча",
        ["az-Cyrl"] = "Азәрбајҹан дили",
    };

    private CultureInfo? _culture;

    private LanguageTag(string value, string language, string? script, string? region)
    {
        Value = value;
        Language = language;
        Script = script;
        Region = region;
    }

    /// <summary>The canonical tag, e.g. <c>en-GB</c> or <c>zh-Hant-TW</c>.</summary>
    public string Value { get; }

    /// <summary>The primary language subtag in lowercase, e.g. <c>en</c> (extlangs are not included).</summary>
    public string Language { get; }

    /// <summary>The script subtag in Titlecase (<c>Latn</c>), or null when the tag has none.</summary>
    public string? Script { get; }

    /// <summary>The region subtag in uppercase (<c>GB</c>, <c>419</c>), or null when the tag has none.</summary>
    public string? Region { get; }

    /// <summary>The canonical tag in lowercase, for URLs: <c>en-gb</c>.</summary>
    public string UrlSegment => Value.ToLowerInvariant();

    /// <summary>
    /// The language's name in itself, capitalised as at the start of a menu item
    /// (<c>English</c>, <c>Русский</c>, <c>Français</c>, <c>中文</c>). Comes from a built-in table of
    /// common languages; for others, from the machine's culture data; and when nothing is known,
    /// it is the tag itself. Regions are not named: <c>en-GB</c> and <c>en-US</c> are both
    /// <c>English</c>.
    /// </summary>
    public string NativeName
    {
        get
        {
            if (Script is not null && NativeNamesByScript.TryGetValue(Language + "-" + Script, out var byScript))
            {
                return byScript;
            }

            if (NativeNames.TryGetValue(Language, out var name))
            {
                return name;
            }

            var culture = FindCulture(Language);
            if (culture is null || string.IsNullOrWhiteSpace(culture.NativeName)
                || string.Equals(culture.NativeName, Language, StringComparison.OrdinalIgnoreCase))
            {
                return Value;
            }

            var native = culture.NativeName;
            return culture.TextInfo.ToUpper(native[0]) + native[1..];
        }
    }

    /// <summary>
    /// The direction of the language's text. An explicit script decides (<c>az-Arab</c> is right to
    /// left, <c>ar-Latn</c> left to right); without one, the language's usual script does.
    /// </summary>
    public TextDirection Direction
    {
        get
        {
            if (Script is not null)
            {
                return RtlScripts.Contains(Script) ? TextDirection.Rtl : TextDirection.Ltr;
            }

            return RtlLanguages.Contains(Language) ? TextDirection.Rtl : TextDirection.Ltr;
        }
    }

    /// <summary>True when <see cref="Direction"/> is <see cref="TextDirection.Rtl"/>.</summary>
    public bool IsRightToLeft => Direction == TextDirection.Rtl;

    /// <summary>The value for an HTML <c>dir</c> attribute: <c>ltr</c> or <c>rtl</c>.</summary>
    public string HtmlDir => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>
    /// The closest culture the machine knows, for formatting dates and numbers: the whole tag if
    /// possible, else language with region or script, else the bare language; the invariant
    /// culture when none is known. Never throws.
    /// </summary>
    public CultureInfo Culture => _culture ??= ResolveCulture();

    /// <summary>Parses a language tag, or throws.</summary>
    /// <param name="value">The tag, e.g. <c>en_GB</c> or <c> EN-gb </c>.</param>
    /// <returns>The tag in canonical form.</returns>
    /// <exception cref="LanguageTagException">The value is not a well-formed tag (see the type's remarks).</exception>
    public static LanguageTag Parse(string value)
    {
        if (TryParse(value, out var tag, out var error))
        {
            return tag;
        }

        throw new LanguageTagException(error);
    }

    /// <summary>Parses a language tag without throwing.</summary>
    /// <param name="value">The tag; null gives false.</param>
    /// <param name="tag">The parsed tag when the result is true.</param>
    /// <returns>True when <paramref name="value"/> is a well-formed tag.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out LanguageTag? tag) =>
        TryParse(value, out tag, out _);

    /// <summary>Parses a language tag without throwing, and says why when it fails.</summary>
    /// <param name="value">The tag; null gives false.</param>
    /// <param name="tag">The parsed tag when the result is true.</param>
    /// <param name="error">When the result is false, a sentence naming the input and the problem.</param>
    /// <returns>True when <paramref name="value"/> is a well-formed tag.</returns>
    public static bool TryParse(
        string? value,
        [NotNullWhen(true)] out LanguageTag? tag,
        [NotNullWhen(false)] out string? error)
    {
        tag = ParseCore(value, out var problem);
        if (tag is not null)
        {
            error = null;
            return true;
        }

        error = $"{Quote(value)} is not a valid BCP 47 language tag: {problem}";
        return false;
    }

    /// <summary>
    /// True when this tag is <paramref name="range"/> or a more specific form of it:
    /// <c>ru-RU</c> matches <c>ru</c>, but <c>ru</c> does not match <c>ru-RU</c>, and <c>rue</c>
    /// does not match <c>ru</c>.
    /// </summary>
    /// <param name="range">The broader tag; null matches nothing.</param>
    /// <returns>Whether this tag falls under the range.</returns>
    public bool Matches(LanguageTag range)
    {
        if (range is null)
        {
            return false;
        }

        return Value.Length == range.Value.Length
            ? string.Equals(Value, range.Value, StringComparison.Ordinal)
            : Value.Length > range.Value.Length
                && Value[range.Value.Length] == '-'
                && Value.StartsWith(range.Value, StringComparison.Ordinal);
    }

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The canonical tag.</returns>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public bool Equals(LanguageTag? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LanguageTag);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>Orders ordinally by <see cref="Value"/>; null sorts first.</summary>
    /// <param name="other">The tag to compare with.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(LanguageTag? other) =>
        other is null ? 1 : string.CompareOrdinal(Value, other.Value);

    /// <summary>Equality by value.</summary>
    public static bool operator ==(LanguageTag? left, LanguageTag? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(LanguageTag? left, LanguageTag? right) => !(left == right);

    /// <summary>Ordinal order by value; null sorts first.</summary>
    public static bool operator <(LanguageTag? left, LanguageTag? right) => Compare(left, right) < 0;

    /// <summary>Ordinal order by value; null sorts first.</summary>
    public static bool operator <=(LanguageTag? left, LanguageTag? right) => Compare(left, right) <= 0;

    /// <summary>Ordinal order by value; null sorts first.</summary>
    public static bool operator >(LanguageTag? left, LanguageTag? right) => Compare(left, right) > 0;

    /// <summary>Ordinal order by value; null sorts first.</summary>
    public static bool operator >=(LanguageTag? left, LanguageTag? right) => Compare(left, right) >= 0;

    private static int Compare(LanguageTag? left, LanguageTag? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static LanguageTag? ParseCore(string? input, out string problem)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            problem = "the tag is empty.";
            return null;
        }

        var trimmed = input.Trim();
        if (trimmed.Length > MaxLength)
        {
            problem = $"it is {trimmed.Length} characters long, and a tag may have at most {MaxLength}.";
            return null;
        }

        var parts = trimmed.Replace('_', '-').Split('-');
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                problem = "it has an empty subtag (two separators in a row, or one at the start or end).";
                return null;
            }

            if (!part.All(char.IsAsciiLetterOrDigit))
            {
                problem = $"\"{part}\" is not a valid subtag.";
                return null;
            }

            if (part.Length > 8)
            {
                problem = $"\"{part}\" is longer than 8 characters, the most a subtag may have.";
                return null;
            }
        }

        var first = parts[0].ToLowerInvariant();
        if (first == "x")
        {
            problem = parts.Length == 1
                ? "the private-use singleton \"x\" must be followed by at least one subtag."
                : "it is private use only (\"x-…\") and names no language; put a language subtag first, e.g. \"en-x-…\".";
            return null;
        }

        if (first == "i")
        {
            var key = string.Join('-', parts).ToLowerInvariant();
            problem = GrandfatheredReplacements.TryGetValue(key, out var replacement)
                ? $"grandfathered \"i-\" tags are not supported; use \"{replacement}\" instead."
                : "grandfathered \"i-\" tags are not supported; use a registered language subtag instead.";
            return null;
        }

        if (first.Length == 1)
        {
            problem = $"\"{parts[0]}\" is too short for a language subtag, which has 2 to 8 letters.";
            return null;
        }

        if (!first.All(char.IsAsciiLetter))
        {
            problem = $"\"{parts[0]}\" is not a valid language subtag, which has 2 to 8 letters only.";
            return null;
        }

        var canonical = new List<string>(parts.Length) { first };
        string? script = null;
        string? region = null;
        var index = 1;

        // extlang: up to three 3-letter subtags, only after a 2–3 letter language.
        for (var count = 0; first.Length <= 3 && count < 3 && index < parts.Length
            && parts[index].Length == 3 && parts[index].All(char.IsAsciiLetter); count++)
        {
            canonical.Add(parts[index++].ToLowerInvariant());
        }

        if (index < parts.Length && parts[index].Length == 4 && parts[index].All(char.IsAsciiLetter))
        {
            var p = parts[index++];
            script = char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant();
            canonical.Add(script);
        }

        if (index < parts.Length && IsRegion(parts[index]))
        {
            region = parts[index++].ToUpperInvariant();
            canonical.Add(region);
        }

        var variants = new HashSet<string>(StringComparer.Ordinal);
        while (index < parts.Length && IsVariant(parts[index]))
        {
            var variant = parts[index++].ToLowerInvariant();
            if (!variants.Add(variant))
            {
                problem = $"the variant \"{variant}\" appears twice.";
                return null;
            }

            canonical.Add(variant);
        }

        var singletons = new HashSet<string>(StringComparer.Ordinal);
        while (index < parts.Length && parts[index].Length == 1)
        {
            var singleton = parts[index++].ToLowerInvariant();
            if (singleton == "x")
            {
                if (index == parts.Length)
                {
                    problem = "the private-use singleton \"x\" must be followed by at least one subtag.";
                    return null;
                }

                // Private use runs to the end and allows subtags of 1 to 8 characters.
                canonical.Add(singleton);
                while (index < parts.Length)
                {
                    canonical.Add(parts[index++].ToLowerInvariant());
                }

                break;
            }

            if (!singletons.Add(singleton))
            {
                problem = $"the extension singleton \"{singleton}\" appears twice.";
                return null;
            }

            canonical.Add(singleton);
            var start = index;
            while (index < parts.Length && parts[index].Length >= 2)
            {
                canonical.Add(parts[index++].ToLowerInvariant());
            }

            if (index == start)
            {
                problem = $"the extension singleton \"{singleton}\" must be followed by at least one subtag of 2 to 8 characters.";
                return null;
            }
        }

        if (index < parts.Length)
        {
            problem = $"\"{parts[index]}\" cannot stand here, after \"{string.Join('-', canonical)}\" (expected a variant, an extension or private use).";
            return null;
        }

        problem = string.Empty;
        return new LanguageTag(string.Join('-', canonical), first, script, region);
    }

    private static bool IsRegion(string part) =>
        (part.Length == 2 && part.All(char.IsAsciiLetter))
        || (part.Length == 3 && part.All(char.IsAsciiDigit));

    private static bool IsVariant(string part) =>
        part.Length is >= 5 and <= 8 || (part.Length == 4 && char.IsAsciiDigit(part[0]));

    private static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        // Keep messages readable when someone pastes a whole paragraph into a language field.
        return value.Length <= 80 ? $"\"{value}\"" : $"\"{value[..80]}…\"";
    }

    private CultureInfo ResolveCulture()
    {
        string?[] names =
        [
            Value,
            Script is not null && Region is not null ? $"{Language}-{Script}-{Region}" : null,
            Region is not null ? $"{Language}-{Region}" : null,
            Script is not null ? $"{Language}-{Script}" : null,
            Language,
        ];

        foreach (var name in names)
        {
            if (name is not null && FindCulture(name) is { } culture)
            {
                return culture;
            }
        }

        return CultureInfo.InvariantCulture;
    }

    private static CultureInfo? FindCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (ArgumentException)
        {
            // CultureNotFoundException, or a name ICU refuses; either way there is no such culture.
            return null;
        }
    }
}
