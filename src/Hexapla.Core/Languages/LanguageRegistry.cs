using System.Globalization;
using System.Text;

namespace Hexapla.Languages;

/// <summary>
/// The IANA Language Subtag Registry (RFC 5646, section 3), as kept in the repository at
/// <c>src/Hexapla.Core/Languages/Data/language-subtag-registry</c> and embedded in the assembly.
/// <c>scripts/refresh-language-registry.sh</c> replaces the file with the official one.
/// </summary>
/// <remarks>
/// Read once, on first use. Subtag look-ups are case-insensitive. Private-use ranges such as
/// <c>qaa..qtz</c> count as registered for every subtag in them.
/// </remarks>
public sealed class LanguageRegistry
{
    private const string ResourceName = "Hexapla.Languages.Data.language-subtag-registry";

    private static readonly Lazy<LanguageRegistry> Loaded = new(() => Load());

    private readonly Dictionary<string, Dictionary<string, SubtagRecord>> _subtags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string From, string To)>> _ranges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SubtagRecord> _tags = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<SubtagRecord>> _languagesByName = new(StringComparer.Ordinal);

    private LanguageRegistry(string fileDate) => FileDate = fileDate;

    /// <summary>The registry bundled with Hexapla.</summary>
    public static LanguageRegistry Default => Loaded.Value;

    /// <summary>The registry's <c>File-Date</c>, e.g. <c>2025-08-25</c>.</summary>
    public string FileDate { get; }

    /// <summary>
    /// The record of a subtag of the given type (<c>language</c>, <c>extlang</c>, <c>script</c>,
    /// <c>region</c>, <c>variant</c>), or null when it is not registered. A subtag inside a
    /// private-use range gives a record whose description is "Private use".
    /// </summary>
    /// <param name="type">The record type, lowercase as in the registry.</param>
    /// <param name="subtag">The subtag in any case.</param>
    /// <returns>The record, or null.</returns>
    public SubtagRecord? Find(string type, string subtag)
    {
        if (_subtags.TryGetValue(type, out var byType) && byType.TryGetValue(subtag.ToLowerInvariant(), out var record))
        {
            return record;
        }

        if (_ranges.TryGetValue(type, out var ranges))
        {
            var lower = subtag.ToLowerInvariant();
            foreach (var (from, to) in ranges)
            {
                if (lower.Length == from.Length && string.CompareOrdinal(lower, from) >= 0 && string.CompareOrdinal(lower, to) <= 0)
                {
                    return new SubtagRecord(type, lower, ["Private use"], null, false, [], null);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The grandfathered or redundant record for a whole tag (<c>i-klingon</c>, <c>zh-min-nan</c>,
    /// <c>sgn-BR</c>), or null.
    /// </summary>
    /// <param name="tag">The whole tag, with <c>-</c> between subtags, in any case.</param>
    /// <returns>The record, or null.</returns>
    public SubtagRecord? FindTag(string tag) => _tags.TryGetValue(tag, out var record) ? record : null;

    /// <summary>
    /// The language subtags whose registered name is <paramref name="name"/> (compared without
    /// case and accents: <c>german</c> finds <c>de</c>, <c>volapuk</c> finds <c>vo</c>).
    /// </summary>
    /// <param name="name">A language's English name as the registry writes it.</param>
    /// <returns>The matching records, deprecated ones included; empty when none.</returns>
    public IReadOnlyList<SubtagRecord> FindLanguagesByName(string name) =>
        _languagesByName.TryGetValue(NameKey(name), out var records) ? records : [];

    /// <summary>The registered language subtags of two letters (ISO 639-1), for matching names by spelling.</summary>
    internal IEnumerable<SubtagRecord> TwoLetterLanguages =>
        _subtags["language"].Values.Where(r => r.Subtag.Length == 2 && !r.IsDeprecated);

    /// <summary>A name reduced for comparison: lowercase, no accents, letters and digits only.</summary>
    internal static string NameKey(string name)
    {
        var decomposed = name.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>Reads a registry in the IANA text format.</summary>
    /// <param name="reader">The registry's text.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="FormatException">The text does not start with a <c>File-Date</c> record.</exception>
    public static LanguageRegistry Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        LanguageRegistry? registry = null;
        var fields = new List<(string Name, string Value)>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line == "%%")
            {
                registry = registry is null ? Begin(fields) : registry.Add(fields);
                fields.Clear();
            }
            else if (line.Length > 0 && line[0] == ' ' && fields.Count > 0)
            {
                // A folded line continues the field before it (RFC 5646, section 3.1.1).
                fields[^1] = (fields[^1].Name, fields[^1].Value + " " + line.Trim());
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                fields.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        registry = registry is null ? Begin(fields) : registry.Add(fields);
        return registry;
    }

    private static LanguageRegistry Begin(List<(string Name, string Value)> fields)
    {
        var date = fields.FirstOrDefault(f => f.Name == "File-Date").Value;
        return string.IsNullOrEmpty(date)
            ? throw new FormatException("The language subtag registry does not start with a File-Date record.")
            : new LanguageRegistry(date);
    }

    private LanguageRegistry Add(List<(string Name, string Value)> fields)
    {
        string? Single(string name) => fields.FirstOrDefault(f => f.Name == name).Value;
        IReadOnlyList<string> All(string name) => [.. fields.Where(f => f.Name == name).Select(f => f.Value)];

        var type = Single("Type");
        if (type is null)
        {
            return this;
        }

        var record = new SubtagRecord(
            type,
            Single("Subtag") ?? Single("Tag") ?? string.Empty,
            All("Description"),
            Single("Preferred-Value"),
            Single("Deprecated") is not null,
            All("Prefix"),
            Single("Scope"));

        if (type is "grandfathered" or "redundant")
        {
            _tags[record.Subtag] = record;
            return this;
        }

        var subtag = record.Subtag.ToLowerInvariant();
        if (subtag.Contains("..", StringComparison.Ordinal))
        {
            var bounds = subtag.Split("..");
            if (!_ranges.TryGetValue(type, out var ranges))
            {
                _ranges[type] = ranges = [];
            }

            ranges.Add((bounds[0], bounds[1]));
            return this;
        }

        if (!_subtags.TryGetValue(type, out var byType))
        {
            _subtags[type] = byType = new Dictionary<string, SubtagRecord>(StringComparer.Ordinal);
        }

        byType[subtag] = record;
        if (type == "language")
        {
            foreach (var description in record.Descriptions)
            {
                var key = NameKey(description);
                if (!_languagesByName.TryGetValue(key, out var list))
                {
                    _languagesByName[key] = list = [];
                }

                list.Add(record);
            }
        }

        return this;
    }

    private static LanguageRegistry Load()
    {
        using var stream = typeof(LanguageRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from Hexapla.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }
}

/// <summary>One record of the language subtag registry.</summary>
/// <param name="Type">The record's type: <c>language</c>, <c>extlang</c>, <c>script</c>, <c>region</c>, <c>variant</c>, <c>grandfathered</c> or <c>redundant</c>.</param>
/// <param name="Subtag">The subtag (or, for grandfathered and redundant records, the whole tag) as the registry writes it.</param>
/// <param name="Descriptions">The English names, first the main one.</param>
/// <param name="PreferredValue">What to use instead, or null.</param>
/// <param name="IsDeprecated">Whether the registry marks the record deprecated.</param>
/// <param name="Prefixes">For extlangs and variants: the tags they may follow.</param>
/// <param name="Scope">The scope (<c>macrolanguage</c>, <c>collection</c>, <c>special</c>, <c>private-use</c>), or null.</param>
public sealed record SubtagRecord(
    string Type,
    string Subtag,
    IReadOnlyList<string> Descriptions,
    string? PreferredValue,
    bool IsDeprecated,
    IReadOnlyList<string> Prefixes,
    string? Scope)
{
    /// <summary>The main English name, e.g. <c>German</c>.</summary>
    public string Name => Descriptions.Count > 0 ? Descriptions[0] : Subtag;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Type} {Subtag} ({Name})");
}
