using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hexapla.Languages;

/// <summary>
/// An immutable, valid BCP 47 language tag (RFC 5646) in canonical form, such as
/// <c>en-GB</c>, <c>ru</c> or <c>zh-Hant-TW</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Parse"/>, <see cref="TryParse(string?, out LanguageTag?, out string?)"/> and
/// <see cref="Validate"/> accept a tag only when it is well-formed and every language, extlang,
/// script, region and variant subtag is in the IANA Language Subtag Registry
/// (<see cref="LanguageRegistry"/>); a variant must also follow one of its registered prefixes
/// (<c>de-1901</c>, not <c>en-1901</c>). Extensions and private use are checked for shape only.
/// Input is trimmed and may use <c>_</c> as well as <c>-</c> (<c>en_GB</c>).
/// </para>
/// <para>
/// The result is canonical: language and extlang lowercase, script Titlecase, region UPPERCASE,
/// the rest lowercase; an extlang form becomes its language (<c>zh-yue</c> → <c>yue</c>);
/// deprecated subtags and tags become their preferred values (<c>iw</c> → <c>he</c>,
/// <c>i-klingon</c> → <c>tlh</c>, <c>sgn-BR</c> → <c>bzs</c>), with a
/// <see cref="LanguageTagValidation.Note"/> saying so. Grandfathered tags with no replacement
/// (<c>i-default</c>), private-use-only tags (<c>x-foo</c>) and tags over 64 characters are refused.
/// A refusal names the input and the bad subtag, and suggests a close valid tag when there is one
/// (<c>german</c> → <c>de</c>, <c>en_UK</c> → <c>en-GB</c>); <c>zz-ZZ</c> gets no suggestion.
/// </para>
/// <para>
/// Text already stored is read with <see cref="FromStored"/>, which does not consult the
/// registry, so a store holding <c>german</c> still loads and can be checked and repaired.
/// </para>
/// <para>
/// Equality, hashing and ordering use <see cref="Value"/> ordinally; since the value is canonical,
/// <c>EN_gb</c> and <c>en-GB</c> parse to equal tags.
/// </para>
/// </remarks>
public sealed partial class LanguageTag : IEquatable<LanguageTag>, IComparable<LanguageTag>
{
    /// <summary>The longest input accepted, after trimming.</summary>
    public const int MaxLength = 64;

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
    public static bool TryParse(string? value, [NotNullWhen(true)] out LanguageTag? tag)
    {
        // No message is wanted, so no suggestion is looked for: addresses and headers are checked on every request.
        tag = ValidateCore(value, suggest: false).Tag;
        return tag is not null;
    }

    /// <summary>Parses a language tag without throwing, and says why when it fails.</summary>
    /// <param name="value">The tag; null gives false.</param>
    /// <param name="tag">The parsed tag, in canonical form, when the result is true.</param>
    /// <param name="error">When the result is false, a sentence naming the input, the bad subtag and, when one is close, a suggestion.</param>
    /// <returns>True when <paramref name="value"/> is a valid tag (see <see cref="Validate"/>).</returns>
    public static bool TryParse(
        string? value,
        [NotNullWhen(true)] out LanguageTag? tag,
        [NotNullWhen(false)] out string? error)
    {
        var result = Validate(value);
        tag = result.Tag;
        error = result.Error;
        return tag is not null;
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
