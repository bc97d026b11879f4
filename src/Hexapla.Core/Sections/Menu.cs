using Hexapla.Languages;

namespace Hexapla.Sections;

/// <summary>What a menu entry leads to.</summary>
public enum MenuTargetKind
{
    /// <summary>A section's page (<see cref="MenuEntry.SectionId"/>).</summary>
    Section,

    /// <summary>A document's page in the reader's language (<see cref="MenuEntry.DocumentSlug"/>).</summary>
    Document,

    /// <summary>An address (<see cref="MenuEntry.Url"/>): absolute http(s), or a path on this site starting with one <c>/</c>.</summary>
    Link,
}

/// <summary>
/// One entry of a <see cref="Menu"/>: a target, a title per language (a section's or document's own title stands in for
/// a language without one), and entries under it (one level: a menu is a row of entries, each possibly opening a list).
/// </summary>
public sealed record MenuEntry
{
    /// <summary>What it leads to.</summary>
    public required MenuTargetKind Target { get; init; }

    /// <summary>The section, for <see cref="MenuTargetKind.Section"/>.</summary>
    public long? SectionId { get; init; }

    /// <summary>The document's slug, for <see cref="MenuTargetKind.Document"/>.</summary>
    public string? DocumentSlug { get; init; }

    /// <summary>The address, for <see cref="MenuTargetKind.Link"/>.</summary>
    public string? Url { get; init; }

    /// <summary>The entry's own title per language; for a link, the only titles it has.</summary>
    public IReadOnlyDictionary<LanguageTag, string> Titles { get; init; } = new Dictionary<LanguageTag, string>();

    /// <summary>The entries under this one (at most one level deep).</summary>
    public IReadOnlyList<MenuEntry> Children { get; init; } = [];
}

/// <summary>A named menu of the site: <see cref="Header"/> or <see cref="Footer"/>.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Entries">Its entries, in order.</param>
public sealed record Menu(string Name, IReadOnlyList<MenuEntry> Entries)
{
    /// <summary>The menu across the top of every page.</summary>
    public const string Header = "header";

    /// <summary>The menu at the foot of every page.</summary>
    public const string Footer = "footer";

    /// <summary>The menus a site has.</summary>
    public static IReadOnlyList<string> Names { get; } = [Header, Footer];

    /// <summary>The most entries a menu (or an entry's list) holds.</summary>
    public const int MaxEntries = 40;
}

/// <summary>What a menu shows in a language where an entry's document has no public version.</summary>
public enum MenuMissingLanguage
{
    /// <summary>The entry is left out in that language.</summary>
    Omit,

    /// <summary>The entry links the original, its title marked with the original's language.</summary>
    LinkOriginal,
}
