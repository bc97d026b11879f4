using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;

namespace Hexapla.Site;

/// <summary>The menus, the breadcrumb trail, and a document's kind and fields.</summary>
/// <remarks>
/// No script: a menu is a nested list of links, every one of them reachable by Tab at every width (a sub-list is shown
/// when its entry is hovered or holds the focus on a wide screen, and always on a phone). Breadcrumbs carry schema.org
/// <c>BreadcrumbList</c> microdata.
/// </remarks>
internal static partial class Pages
{
    /// <summary>The header menu, or nothing when it has no entries.</summary>
    public static Html HeaderMenu(IReadOnlyList<NavLink> links, SiteText text) =>
        links.Count == 0
            ? Html.Empty
            : Html.Of($"""

                <nav class="menu" aria-label="{text.NavMenu}">
                {MenuList(links, text, "menu-list")}
                </nav>
                """);

    /// <summary>The footer menu, or nothing when it has no entries.</summary>
    public static Html FooterMenu(IReadOnlyList<NavLink> links, SiteText text) =>
        links.Count == 0
            ? Html.Empty
            : Html.Of($"""
                <nav class="footer-menu bar" aria-label="{text.NavFooter}">
                {MenuList(links, text, "footer-list")}
                </nav>

                """);

    private static Html MenuList(IReadOnlyList<NavLink> links, SiteText text, string? @class)
    {
        var items = links.Select(link =>
        {
            var children = link.Children.Count == 0 ? Html.Empty : Html.Of($"""

                {MenuList(link.Children, text, null)}
                """);
            return Html.Of($"""
                <li>{MenuLink(link, text)}{children}</li>
                """);
        });
        var classAttribute = @class is null ? Html.Empty : Html.Of($""" class="{@class}" """);
        return Html.Of($"""
            <ul{classAttribute}>
            {Html.Join(items.Select(i => Html.Of($"{i}\n")))}</ul>
            """);
    }

    private static Html MenuLink(NavLink link, SiteText text)
    {
        // The title's own language when it is not the chrome's (a fallback, or an untranslated document's original).
        var lang = link.TitleLanguage is { } titleLanguage && titleLanguage != text.Language
            ? Html.Of($""" lang="{titleLanguage.Value}" dir="{titleLanguage.HtmlDir}" """)
            : Html.Empty;
        var hreflang = link.HrefLang is { } target ? Html.Of($""" hreflang="{target.Value}" """) : Html.Empty;
        var current = link.CurrentPage ? Html.Raw(" aria-current=\"page\"") : link.Current ? Html.Raw(" aria-current=\"true\"") : Html.Empty;
        return Html.Of($"""<a href="{link.Href}"{hreflang}{lang}{current}>{link.Title}</a>""");
    }

    /// <summary>
    /// The breadcrumb trail with schema.org <c>BreadcrumbList</c> microdata; nothing for a trail of one step (the home page,
    /// which is where every trail starts).
    /// </summary>
    public static Html Breadcrumbs(IReadOnlyList<Crumb> crumbs, SiteText text)
    {
        if (crumbs.Count < 2)
        {
            return Html.Empty;
        }

        var items = crumbs.Select((crumb, i) =>
        {
            var lang = crumb.TitleLanguage is { } language && language != text.Language
                ? Html.Of($""" lang="{language.Value}" dir="{language.HtmlDir}" """)
                : Html.Empty;
            var position = (i + 1).ToString(CultureInfo.InvariantCulture);
            var step = crumb.Href is { } href
                ? Html.Of($"""<a itemprop="item" href="{href}"><span itemprop="name"{lang}>{crumb.Title}</span></a>""")
                : Html.Of($"""<span itemprop="name" aria-current="page"{lang}>{crumb.Title}</span>""");
            return Html.Of($"""
                <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">{step}<meta itemprop="position" content="{position}"></li>

                """);
        });
        return Html.Of($"""
            <nav class="crumbs bar" aria-label="{text.NavBreadcrumbs}">
            <ol itemscope itemtype="https://schema.org/BreadcrumbList">
            {items}</ol>
            </nav>

            """);
    }

    /// <summary>
    /// The name of <paramref name="document"/>'s kind in the page's language, or nothing when it has none (or its kind is
    /// gone); <paramref name="page"/> is the page's language, <paramref name="fallback"/> the site's default, <paramref name="chrome"/>
    /// the chrome's <c>lang</c> when the article is in another language.
    /// </summary>
    public static Html KindName(Document document, SiteStructure structure, LanguageTag page, LanguageTag? fallback, SiteText text, Html chrome)
    {
        if (structure.Kind(document.Kind) is not { } kind)
        {
            return Html.Empty;
        }

        var name = kind.NameFor(page, fallback);
        return Html.Of($"""<p class="kind"{(name.Language is null || name.Language == text.Language ? chrome : Marked(name.Language, text))}>{name.Text}</p>""");
    }

    /// <summary>
    /// The values of the document's fields shown on its page, in its kind's order: labels in the page's language (a
    /// fallback marked with its own), shared values from the document, translatable ones from <paramref name="version"/>
    /// only (its live revision: never another language's value); <paramref name="chrome"/> marks the list with the chrome's
    /// language when it sits in an article of another; dates written as the page's interface writes them, numbers
    /// in its digits, addresses as links, codes as they are. Nothing when no field has a value.
    /// </summary>
    public static Html DocumentFields(Document document, LanguageVersion version, SiteStructure structure, LanguageTag page, LanguageTag? fallback, SiteText text, Html chrome)
    {
        if (structure.Kind(document.Kind) is not { } kind)
        {
            return Html.Empty;
        }

        var rows = new List<Html>();
        foreach (var field in kind.Fields)
        {
            var stored = field.Translatable ? version.Fields.GetValueOrDefault(field.Key) : document.Fields.GetValueOrDefault(field.Key);
            if (string.IsNullOrWhiteSpace(stored) || FieldValue(field, stored, version.Language, text) is not { } value)
            {
                continue;
            }

            var label = field.LabelFor(page, fallback);
            rows.Add(Html.Of($"""
                <div><dt{Marked(label.Language, text)}>{label.Text}</dt><dd>{value}</dd></div>

                """));
        }

        return rows.Count == 0
            ? Html.Empty
            : Html.Of($"""
                <dl class="fields"{chrome}>
                {rows}</dl>

                """);
    }

    /// <summary>A stored value as a page shows it, or null when it does not fit its type (a value the kind's change left behind).</summary>
    private static Html? FieldValue(FieldDefinition field, string stored, LanguageTag versionLanguage, SiteText text)
    {
        switch (field.Type)
        {
            case FieldType.Text:
                return Html.Of($"""<span{Marked(versionLanguage, text)}>{stored}</span>""");
            case FieldType.Code:
                // A code is no language's words; bdi keeps "No. 12/3-ru" whole inside a right-to-left line.
                return Html.Of($"""<bdi class="code">{stored}</bdi>""");
            case FieldType.Date:
                if (!DateOnly.TryParseExact(stored, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return null;
                }

                var at = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                return Html.Of($"""<time datetime="{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}">{text.Date(at, TimeZoneInfo.Utc)}</time>""");
            case FieldType.Number:
                return long.TryParse(stored, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    ? Html.Of($"""<data value="{number.ToString(CultureInfo.InvariantCulture)}">{text.Number(number)}</data>""")
                    : null;
            case FieldType.Url:
                // Checked when stored; checked again here so that only an http(s) address ever becomes a link.
                return Uri.TryCreate(stored, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    ? Html.Of($"""<a href="{uri.AbsoluteUri}" dir="ltr">{stored}</a>""")
                    : null;
            default:
                return null;
        }
    }

    /// <summary><c> lang dir</c> for text in <paramref name="language"/> inside chrome in <paramref name="text"/>'s language; nothing when they agree or it is no language's.</summary>
    private static Html Marked(LanguageTag? language, SiteText text) =>
        language is { } l && l != text.Language ? Html.Of($""" lang="{l.Value}" dir="{l.HtmlDir}" """) : Html.Empty;
}
