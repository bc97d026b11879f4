namespace Hexapla.Site;

/// <summary>The site's words about navigation: the names screen readers give the menus and the breadcrumb trail.</summary>
internal sealed partial class SiteText
{
    public string NavMenu => Phrase();
    public string NavFooter => Phrase();
    public string NavBreadcrumbs => Phrase();
}
