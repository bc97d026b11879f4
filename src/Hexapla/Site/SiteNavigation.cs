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
internal sealed record NavLink(string Title, LanguageTag? TitleLanguage, string Href, LanguageTag? HrefLang, bool Current, IReadOnlyList<NavLink> Children);

/// <summary>One step of a breadcrumb trail; the last (the page itself) has no address.</summary>
internal sealed record Crumb(string Title, LanguageTag? TitleLanguage, string? Href);

/// <summary>What a page shows to find the way: its menus and its breadcrumb trail.</summary>
internal sealed record PageNavigation(IReadOnlyList<NavLink> Header, IReadOnlyList<NavLink> Footer, IReadOnlyList<Crumb> Breadcrumbs)
{
    public static PageNavigation None { get; } = new([], [], []);
}

/// <summary>Builds a page's navigation from the site's structure, in one place for every kind of page.</summary>
internal static class SiteNavigation
{
    /// <summary>The address of a section's page in <paramref name="language"/>.</summary>
    public static string SectionPath(LanguageTag language, string path) => $"/{language.UrlSegment}/s/{path}";

    /// <summary>
    /// The navigation of a page in <paramref name="language"/> inside section <paramref name="sectionId"/> (none: null) whose
    /// own title is <paramref name="current"/> (null for a home page): breadcrumbs from the home page through the section's
    /// ancestors to the page, and the menus.
    /// </summary>
    public static async Task<PageNavigation> ForAsync(SiteContext site, LanguageTag language, long? sectionId, LocalText? current, CancellationToken cancellationToken)
    {
        var structure = await site.StructureAsync(cancellationToken);
        var fallback = await site.DefaultLanguageAsync(cancellationToken);
        var crumbs = new List<Crumb> { new(site.Options.SiteName, null, $"/{language.UrlSegment}/") };
        if (sectionId is { } id)
        {
            foreach (var section in structure.Trail(id))
            {
                var title = section.TitleFor(language, fallback);
                crumbs.Add(new(title.Text, title.IsForeignTo(language) ? title.Language : null, SectionPath(language, structure.PathOf(section.Id)!)));
            }
        }

        if (current is not null)
        {
            crumbs.Add(new(current.Text, current.IsForeignTo(language) ? current.Language : null, null));
        }

        // The menus are resolved by the navigation work of issue 21 (entries per language, the missing-language setting).
        return new PageNavigation([], [], crumbs);
    }
}
