using Hexapla.Languages;

namespace Hexapla.Sections;

/// <summary>
/// A section of the site (Foreign policy › Regions › Middle East): a node of the section tree with a slug and a title per
/// language. A document sits in at most one section; the section's page lists what is public in it and below it.
/// </summary>
/// <remarks>
/// The slug is ASCII (<see cref="Content.Slug.IsValid"/>) and the same in every language, as a document's is; siblings
/// have different slugs, and no section has a document's slug (both may stand right after the language in an address).
/// A section's path is its ancestors' slugs and its own, joined by <c>/</c> (<see cref="SiteStructure.PathOf"/>).
/// </remarks>
public sealed record Section
{
    /// <summary>The store's identity; 0 before it is stored.</summary>
    public long Id { get; init; }

    /// <summary>The parent section, or null at the top of the tree.</summary>
    public long? ParentId { get; init; }

    /// <summary>The slug, unique among its siblings and among documents' slugs.</summary>
    public required string Slug { get; init; }

    /// <summary>Where it stands among its siblings, smallest first (then by slug).</summary>
    public int Position { get; init; }

    /// <summary>The title in each language it has one in; a language without one falls back (<see cref="TitleFor"/>).</summary>
    public IReadOnlyDictionary<LanguageTag, string> Titles { get; init; } = new Dictionary<LanguageTag, string>();

    /// <summary>When the section last changed (slug, parent, titles or position).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The title to show in <paramref name="language"/>: its own, else <paramref name="fallback"/>'s (the site's default
    /// language), else the first by language tag, else the slug. <see cref="LocalText.Language"/> says which language the
    /// text is in, so a page can mark a title that is not in its own language with <c>lang</c>; null for the slug.
    /// </summary>
    public LocalText TitleFor(LanguageTag language, LanguageTag? fallback = null) => LocalText.Choose(Titles, language, fallback, Slug);
}

/// <summary>A text and the language it is in (null when it is no language's, such as a slug standing in for a title).</summary>
/// <param name="Text">The text.</param>
/// <param name="Language">Its language, or null.</param>
public sealed record LocalText(string Text, LanguageTag? Language)
{
    /// <summary>
    /// The text of <paramref name="texts"/> in <paramref name="language"/>, else in <paramref name="fallback"/>, else the
    /// first by language tag, else <paramref name="otherwise"/> in no language.
    /// </summary>
    public static LocalText Choose(IReadOnlyDictionary<LanguageTag, string> texts, LanguageTag language, LanguageTag? fallback, string otherwise)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.TryGetValue(language, out var own))
        {
            return new(own, language);
        }

        if (fallback is not null && texts.TryGetValue(fallback, out var theirs))
        {
            return new(theirs, fallback);
        }

        if (texts.Count > 0)
        {
            var first = texts.Keys.Order().First();
            return new(texts[first], first);
        }

        return new(otherwise, null);
    }

    /// <summary>True when the text is in a language other than <paramref name="page"/>'s, so it must be marked.</summary>
    public bool IsForeignTo(LanguageTag page) => Language is { } language && language != page;
}

/// <summary>An old path of a section (before a rename or a move) that must keep answering, with the section it leads to.</summary>
/// <param name="Path">The old path, slugs joined by <c>/</c>.</param>
/// <param name="SectionId">The section it now belongs to.</param>
public sealed record SectionRedirect(string Path, long SectionId);
