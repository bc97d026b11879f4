using System.Globalization;
using System.Text.RegularExpressions;
using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Sections;

/// <summary>The type of a kind's field: what values it takes, and whether each language has its own.</summary>
public enum FieldType
{
    /// <summary>Text translated per language (a place, a speaker's name and office): each version has its own value.</summary>
    Text,

    /// <summary>Text that is the same in every language (a document number, a reference): one value per document.</summary>
    Code,

    /// <summary>A calendar date, stored as <c>yyyy-MM-dd</c> and shown in the reader's language; one value per document.</summary>
    Date,

    /// <summary>A whole number, stored in invariant digits; one value per document.</summary>
    Number,

    /// <summary>An absolute <c>http</c> or <c>https</c> address; one value per document.</summary>
    Url,
}

/// <summary>How field types are written in settings, front matter, the API and the store.</summary>
public static class FieldTypes
{
    /// <summary>The lower-case name: <c>text</c>, <c>code</c>, <c>date</c>, <c>number</c>, <c>url</c>.</summary>
    public static string Name(this FieldType type) => type switch
    {
        FieldType.Text => "text",
        FieldType.Code => "code",
        FieldType.Date => "date",
        FieldType.Number => "number",
        FieldType.Url => "url",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown field type."),
    };

    /// <summary>The type named <paramref name="name"/> (case-insensitive); false for an unknown name.</summary>
    public static bool TryParse(string? name, out FieldType type)
    {
        foreach (var candidate in Enum.GetValues<FieldType>())
        {
            if (string.Equals(candidate.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>True for the type whose values differ by language (<see cref="FieldType.Text"/>); the others are shared.</summary>
    public static bool IsTranslatable(this FieldType type) => type == FieldType.Text;
}

/// <summary>A field of a <see cref="DocumentKind"/>: its key, type and label per language.</summary>
/// <param name="Key">The key in front matter, the API and XLIFF (<see cref="DocumentKind.IsValidKey"/>), unique in its kind.</param>
/// <param name="Type">What values it takes.</param>
/// <param name="Labels">What a page calls it in each language (e.g. "Speaker", «Докладчик»); the key stands in where none fits.</param>
public sealed record FieldDefinition(string Key, FieldType Type, IReadOnlyDictionary<LanguageTag, string> Labels)
{
    /// <summary>True when each language version has its own value (see <see cref="FieldTypes.IsTranslatable"/>).</summary>
    public bool Translatable => Type.IsTranslatable();

    /// <summary>The label in <paramref name="language"/>, falling back as <see cref="LocalText.Choose"/> does, else the key.</summary>
    public LocalText LabelFor(LanguageTag language, LanguageTag? fallback = null) => LocalText.Choose(Labels, language, fallback, Key);
}

/// <summary>
/// A kind of document (statement, briefing, interview, speech) that an operator defines, with a name per language and
/// typed fields. A document is of at most one kind; its values for the kind's fields are checked against their types
/// (<see cref="FieldValues.Check"/>) wherever they come from: the admin, the API, an import's front matter, XLIFF.
/// </summary>
public sealed partial record DocumentKind
{
    /// <summary>The longest key of a kind or a field.</summary>
    public const int MaxKeyLength = 40;

    /// <summary>
    /// Keys a field may not take, since front matter, the API or a document's JSON already use them for something else.
    /// </summary>
    public static IReadOnlySet<string> ReservedFieldKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "summary", "description", "body", "tags", "slug", "lang", "language", "languages", "section", "kind", "fields", "date",
        "published", "publishdate", "publish-date", "published-at", "draft", "state", "id", "url", "aliases", "translationkey",
        "layout", "categories", "original", "revision", "media", "type", "weight",
    };

    /// <summary>The key, e.g. <c>briefing</c> (<see cref="IsValidKey"/>); never changes once stored.</summary>
    public required string Key { get; init; }

    /// <summary>The kind's name in each language (e.g. "Briefing", «Брифинг»).</summary>
    public IReadOnlyDictionary<LanguageTag, string> Names { get; init; } = new Dictionary<LanguageTag, string>();

    /// <summary>The fields, in the order a page shows them.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; init; } = [];

    /// <summary>Where it stands in lists of kinds, smallest first (then by key).</summary>
    public int Position { get; init; }

    /// <summary>The name in <paramref name="language"/>, falling back as <see cref="LocalText.Choose"/> does, else the key.</summary>
    public LocalText NameFor(LanguageTag language, LanguageTag? fallback = null) => LocalText.Choose(Names, language, fallback, Key);

    /// <summary>The field with this key, or null.</summary>
    public FieldDefinition? Field(string key) => Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));

    /// <summary>
    /// True for a key of a kind or a field: a lower-case ASCII letter, then letters, digits, single hyphens or
    /// underscores, at most <see cref="MaxKeyLength"/> characters (<c>event-date</c>, <c>document_number</c>).
    /// </summary>
    public static bool IsValidKey(string? key) => key is { Length: > 0 and <= MaxKeyLength } && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[a-z][a-z0-9]*([_-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>Checks and normalises field values against their types, with messages that name the field and the value.</summary>
public static class FieldValues
{
    /// <summary>The longest value of a text or code field, in characters.</summary>
    public const int MaxTextLength = 1000;

    /// <summary>
    /// Checks <paramref name="raw"/> as a value of <paramref name="field"/>: on success <paramref name="value"/> is what the
    /// store keeps (trimmed; a date as <c>yyyy-MM-dd</c>, a number in invariant digits) and the result is null; otherwise
    /// the result says what is wrong, naming the field, the value and what it should be. An empty value is never valid:
    /// leave the field out instead.
    /// </summary>
    public static string? Check(FieldDefinition field, string? raw, out string value)
    {
        ArgumentNullException.ThrowIfNull(field);
        value = (raw ?? "").Trim();
        if (value.Length == 0)
        {
            return $"field \"{field.Key}\" is empty; leave it out to give no value";
        }

        switch (field.Type)
        {
            case FieldType.Text or FieldType.Code:
                if (value.Length > MaxTextLength)
                {
                    return $"field \"{field.Key}\" is {value.Length} characters long; at most {MaxTextLength} are allowed";
                }

                if (EnteringText.FindRefused(value, field.Key) is { } fault)
                {
                    return $"field \"{field.Key}\", line {fault.Line}, column {fault.Column}: {fault.What}";
                }

                value = EnteringText.Accept(value, field.Key);
                if (field.Type == FieldType.Code && value.Contains('\n', StringComparison.Ordinal))
                {
                    return $"field \"{field.Key}\" is a code and takes one line";
                }

                return null;
            case FieldType.Date:
                // A date and time (front matter often carries one) counts as the date it was written with.
                var day = value.Length > 10 && value[10] is 'T' or ' ' ? value[..10] : value;
                if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    && (day.Length == value.Length || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
                {
                    value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return null;
                }

                return $"field \"{field.Key}\" is a date: \"{Shown(value)}\" is not one (write it as YYYY-MM-DD, e.g. 2024-07-13)";
            case FieldType.Number:
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    value = number.ToString(CultureInfo.InvariantCulture);
                    return null;
                }

                return $"field \"{field.Key}\" is a whole number: \"{Shown(value)}\" is not one";
            case FieldType.Url:
                if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    && !value.Any(char.IsWhiteSpace))
                {
                    value = uri.AbsoluteUri;
                    return null;
                }

                return $"field \"{field.Key}\" is an address: \"{Shown(value)}\" is not an absolute http or https URL";
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, "Unknown field type.");
        }
    }

    /// <summary>A value cut for a message, so a huge or hostile value cannot flood it.</summary>
    private static string Shown(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");
}
