using System.Runtime.CompilerServices;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Sections;

namespace Hexapla.Site;

/// <summary>A link of a menu as one page shows it: resolved for the page's language.</summary>
/// <param name="Title">What it says.</param>
/// <param name="TitleLanguage">The language of <paramref name="Title"/> when it differs from the page's (mark it with <c>lang</c>), else null.</param>
/// <param name="Href">Where it leads.</param>
/// <param name="HrefLang">The language of the page it leads to when that differs from the page's (the original of an untranslated document), else null.</param>
/// <param name="Current">True when it leads to this page or to a section this page is in.</param>
/// <param name="Children">The links under it.</param>
internal sealed record NavLink(string Title, LanguageTag? TitleLanguage, string Href, LanguageTag? HrefLang, bool Current, IReadOnlyList<NavLink> Children)
{
    /// <summary>True when it leads to this very page (<c>aria-current="page"</c>); <see cref="Current"/> alone marks a section the page is in.</summary>
    public bool CurrentPage { get; init; }
}

/// <summary>One step of a breadcrumb trail; the last (the page itself) has no address.</summary>
internal sealed record Crumb(string Title, LanguageTag? TitleLanguage, string? Href);

/// <summary>What a page shows to find the way: its menus and its breadcrumb trail.</summary>
internal sealed record PageNavigation(IReadOnlyList<NavLink> Header, IReadOnlyList<NavLink> Footer, IReadOnlyList<Crumb> Breadcrumbs)
{
    public static PageNavigation None { get; } = new([], [], []);
}

/// <summary>Builds a page's navigation from the site's structure, in one place for every kind of page.</summary>
/// <remarks>
/// A menu entry for a document counts as present in a language only when a version in that language is public now
/// (<see cref="Content.LanguageVersion.IsPublicAt"/>): a draft, an embargoed or a withdrawn version never gives a menu a
/// title or a link. What the menus read of documents is kept while the store's generation stands and no embargo has
/// lifted, as <see cref="SiteContext.SiteLanguagesAsync"/> keeps the site's languages.
/// </remarks>
internal static class SiteNavigation
{
    // What the menus know of their documents, per site (one per host), replaced whole.
    private static readonly ConditionalWeakTable<SiteContext, StrongBox<KeptDocuments?>> Kept = [];

    /// <summary>The address of a section's page in <paramref name="language"/>.</summary>
    public static string SectionPath(LanguageTag language, string path) => $"/{language.UrlSegment}/s/{path}";

    /// <summary>
    /// The navigation of a page in <paramref name="language"/> inside section <paramref name="sectionId"/> (none: null) whose
    /// own title is <paramref name="current"/> (null for a home page): breadcrumbs from the home page through the section's
    /// ancestors to the page, and the menus.
    /// </summary>
    public static Task<PageNavigation> ForAsync(SiteContext site, LanguageTag language, long? sectionId, LocalText? current, CancellationToken cancellationToken) =>
        ForAsync(site, language, sectionId, current, currentPath: null, cancellationToken);

    /// <summary>
    /// As <see cref="ForAsync(SiteContext, LanguageTag, long?, LocalText?, CancellationToken)"/>, for the page at
    /// <paramref name="currentPath"/> (a site path such as <c>/en/some-slug</c>): a menu link to it is marked as the current page.
    /// </summary>
    public static async Task<PageNavigation> ForAsync(
        SiteContext site, LanguageTag language, long? sectionId, LocalText? current, string? currentPath, CancellationToken cancellationToken)
    {
        var structure = await site.StructureAsync(cancellationToken);
        var fallback = await site.DefaultLanguageAsync(cancellationToken);
        var crumbs = new List<Crumb> { new(site.Options.SiteName, null, $"/{language.UrlSegment}/") };
        var trail = sectionId is { } id ? structure.Trail(id) : [];
        foreach (var section in trail)
        {
            var title = section.TitleFor(language, fallback);
            crumbs.Add(new(title.Text, title.IsForeignTo(language) ? title.Language : null, SectionPath(language, structure.PathOf(section.Id)!)));
        }

        if (current is not null)
        {
            crumbs.Add(new(current.Text, current.IsForeignTo(language) ? current.Language : null, null));
        }

        var header = structure.Menu(Menu.Header);
        var footer = structure.Menu(Menu.Footer);
        if (header.Entries.Count == 0 && footer.Entries.Count == 0)
        {
            return new PageNavigation([], [], crumbs);
        }

        var documents = await DocumentsAsync(site, structure, cancellationToken);
        var resolver = new Resolver(structure, documents, language, fallback, site.Options.Menus.MissingLanguage, [.. trail.Select(s => s.Id)], currentPath);
        return new PageNavigation(resolver.Resolve(header.Entries), resolver.Resolve(footer.Entries), crumbs);
    }

    /// <summary>
    /// The menus of <paramref name="structure"/> resolved for <paramref name="language"/>, given what is public of the
    /// documents they name (<paramref name="documents"/>, by slug); for tests and callers that have them already.
    /// </summary>
    public static (IReadOnlyList<NavLink> Header, IReadOnlyList<NavLink> Footer) Menus(
        SiteStructure structure, IReadOnlyDictionary<string, MenuDocument> documents, LanguageTag language, LanguageTag? fallback, MenuMissingLanguage missing)
    {
        var resolver = new Resolver(structure, documents, language, fallback, missing, [], null);
        return (resolver.Resolve(structure.Menu(Menu.Header).Entries), resolver.Resolve(structure.Menu(Menu.Footer).Entries));
    }

    /// <summary>
    /// What is public now of each document the menus name: its original's language and its public titles by language.
    /// A document with no public version is absent.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, MenuDocument>> DocumentsAsync(SiteContext site, SiteStructure structure, CancellationToken cancellationToken)
    {
        var slugs = Menu.Names.SelectMany(n => structure.Menu(n).Entries.SelectMany(e => e.Children.Prepend(e)))
            .Where(e => e.Target == MenuTargetKind.Document && e.DocumentSlug is not null)
            .Select(e => e.DocumentSlug!)
            .ToHashSet(StringComparer.Ordinal);
        if (slugs.Count == 0)
        {
            return new Dictionary<string, MenuDocument>(StringComparer.Ordinal);
        }

        var box = Kept.GetValue(site, _ => new StrongBox<KeptDocuments?>());
        var state = site.Freshness is { } freshness ? await freshness.CurrentAsync(cancellationToken) : (ContentState?)null;
        if (state is { } now && Volatile.Read(ref box.Value) is { } kept && now.Allows(kept.State, site.Now) && kept.Slugs.SetEquals(slugs))
        {
            return kept.Documents;
        }

        // Live text only, and only versions public at this instant: the one rule every reader-facing list follows.
        var at = site.Now;
        var found = await site.Store.FindLiveDocumentsAsync(slugs, cancellationToken);
        var documents = new Dictionary<string, MenuDocument>(StringComparer.Ordinal);
        foreach (var (slug, document) in found)
        {
            var published = document.PublishedVersions(at);
            if (published.Count > 0)
            {
                documents[slug] = new MenuDocument(document.OriginalLanguage, published.ToDictionary(v => v.Language, v => v.Title));
            }
        }

        if (state is { } read)
        {
            Volatile.Write(ref box.Value, new KeptDocuments(read, slugs, documents));
        }

        return documents;
    }

    private sealed record KeptDocuments(ContentState State, HashSet<string> Slugs, IReadOnlyDictionary<string, MenuDocument> Documents);

    /// <summary>Resolves menu entries for one page.</summary>
    private sealed class Resolver(
        SiteStructure structure, IReadOnlyDictionary<string, MenuDocument> documents, LanguageTag language, LanguageTag? fallback,
        MenuMissingLanguage missing, HashSet<long> trail, string? currentPath)
    {
        public IReadOnlyList<NavLink> Resolve(IReadOnlyList<MenuEntry> entries) =>
            [.. entries.Select(e => Link(e, nested: false)).OfType<NavLink>()];

        private NavLink? Link(MenuEntry entry, bool nested)
        {
            LocalText title;
            string href;
            LanguageTag? hrefLang = null;
            var inTrail = false;
            switch (entry.Target)
            {
                case MenuTargetKind.Section:
                    if (entry.SectionId is not { } id || structure.Section(id) is not { } section || structure.PathOf(id) is not { } path)
                    {
                        return null;
                    }

                    // The entry's own title in this language, else the section's, else the fallbacks (marked).
                    title = entry.Titles.TryGetValue(language, out var own) ? new(own, language)
                        : section.Titles.TryGetValue(language, out var its) ? new(its, language)
                        : entry.Titles.Count > 0 ? LocalText.Choose(entry.Titles, language, fallback, section.Slug)
                        : section.TitleFor(language, fallback);
                    href = SectionPath(language, path);
                    inTrail = trail.Contains(id);
                    break;
                case MenuTargetKind.Document:
                    if (entry.DocumentSlug is not { } slug || !documents.TryGetValue(slug, out var document))
                    {
                        return null;
                    }

                    if (document.Titles.TryGetValue(language, out var versionTitle))
                    {
                        title = entry.Titles.TryGetValue(language, out var entryTitle) ? new(entryTitle, language) : new(versionTitle, language);
                        href = SiteContext.DocumentPath(language, slug);
                    }
                    else if (missing == MenuMissingLanguage.LinkOriginal)
                    {
                        // The original when it is public, else the first public version: its page, its title, its language.
                        var target = document.Titles.ContainsKey(document.OriginalLanguage) ? document.OriginalLanguage : document.Titles.Keys.Order().First();
                        title = new(document.Titles[target], target);
                        href = SiteContext.DocumentPath(target, slug);
                        hrefLang = target;
                    }
                    else
                    {
                        return null;
                    }

                    break;
                case MenuTargetKind.Link:
                    if (entry.Url is not { } url)
                    {
                        return null;
                    }

                    title = LocalText.Choose(entry.Titles, language, fallback, url);
                    href = url;
                    break;
                default:
                    return null;
            }

            var children = nested ? [] : entry.Children.Select(c => Link(c, nested: true)).OfType<NavLink>().ToList();
            var page = currentPath is not null && string.Equals(href, currentPath, StringComparison.Ordinal);
            return new NavLink(title.Text, title.IsForeignTo(language) ? title.Language : null, href, hrefLang, page || inTrail, children)
            {
                CurrentPage = page,
            };
        }
    }
}

/// <summary>What a menu may show of a document: the language of its original and the title of each public version.</summary>
/// <param name="OriginalLanguage">The original's language.</param>
/// <param name="Titles">The title of each version public now, by language (never empty).</param>
internal sealed record MenuDocument(LanguageTag OriginalLanguage, IReadOnlyDictionary<LanguageTag, string> Titles);
