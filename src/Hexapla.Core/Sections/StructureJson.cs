using System.Text.Json;
using System.Text.Json.Serialization;
using Hexapla.Languages;

namespace Hexapla.Sections;

/// <summary>
/// How kinds and menus are kept in the store: one JSON document each, read whole. Language tags are the keys of the
/// per-language texts. Reading is lenient about what it does not know (a later version's members) and strict about what
/// it needs.
/// </summary>
public static class StructureJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The stored JSON of <paramref name="kind"/> (without its key and position, which have columns).</summary>
    public static string WriteKind(DocumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return JsonSerializer.Serialize(new KindDto(Texts(kind.Names), [.. kind.Fields.Select(f => new FieldDto(f.Key, f.Type.Name(), Texts(f.Labels)))]), Options);
    }

    /// <summary>The kind <paramref name="key"/> stored as <paramref name="json"/>.</summary>
    public static DocumentKind ReadKind(string key, int position, string json)
    {
        var dto = JsonSerializer.Deserialize<KindDto>(json, Options) ?? throw new JsonException($"Kind {key}: empty definition.");
        return new DocumentKind
        {
            Key = key,
            Position = position,
            Names = Tags(dto.Names),
            Fields = [.. (dto.Fields ?? []).Select(f => new FieldDefinition(
                f.Key, FieldTypes.TryParse(f.Type, out var type) ? type : throw new JsonException($"Kind {key}: unknown field type \"{f.Type}\"."), Tags(f.Labels)))],
        };
    }

    /// <summary>The stored JSON of <paramref name="menu"/>'s entries.</summary>
    public static string WriteMenu(Menu menu)
    {
        ArgumentNullException.ThrowIfNull(menu);
        return JsonSerializer.Serialize(menu.Entries.Select(Entry).ToList(), Options);
    }

    /// <summary>The menu <paramref name="name"/> stored as <paramref name="json"/>.</summary>
    public static Menu ReadMenu(string name, string json) =>
        new(name, [.. (JsonSerializer.Deserialize<List<EntryDto>>(json, Options) ?? []).Select(Entry)]);

    private static EntryDto Entry(MenuEntry entry) => new(
        entry.Target.ToString().ToLowerInvariant(), entry.SectionId, entry.DocumentSlug, entry.Url, Texts(entry.Titles),
        entry.Children.Count == 0 ? null : [.. entry.Children.Select(Entry)]);

    private static MenuEntry Entry(EntryDto dto) => new()
    {
        Target = Enum.TryParse<MenuTargetKind>(dto.Target, ignoreCase: true, out var target) ? target : throw new JsonException($"Unknown menu target \"{dto.Target}\"."),
        SectionId = dto.Section,
        DocumentSlug = dto.Document,
        Url = dto.Url,
        Titles = Tags(dto.Titles),
        Children = [.. (dto.Children ?? []).Select(Entry)],
    };

    private static Dictionary<string, string> Texts(IReadOnlyDictionary<LanguageTag, string> texts) =>
        texts.OrderBy(t => t.Key.Value, StringComparer.Ordinal).ToDictionary(t => t.Key.Value, t => t.Value, StringComparer.Ordinal);

    private static Dictionary<LanguageTag, string> Tags(Dictionary<string, string>? texts) =>
        (texts ?? []).ToDictionary(t => LanguageTag.FromStored(t.Key), t => t.Value);

    private sealed record KindDto(Dictionary<string, string>? Names, List<FieldDto>? Fields);

    private sealed record FieldDto(string Key, string Type, Dictionary<string, string>? Labels);

    private sealed record EntryDto(string Target, long? Section, string? Document, string? Url, Dictionary<string, string>? Titles, List<EntryDto>? Children);
}
