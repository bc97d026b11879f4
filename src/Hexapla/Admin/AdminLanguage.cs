using Hexapla.Interface;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// The language of the admin's interface for one request: the one the user picked (a cookie), else the best of the
/// browser's <c>Accept-Language</c>, else the site's default language's interface, else English.
/// </summary>
internal static class AdminLanguage
{
    public const string Cookie = "hexapla-admin-lang";

    public static LanguageTag Of(HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(AdminLanguage), out var kept) && kept is LanguageTag known)
        {
            return known;
        }

        var language = Choose(http);
        http.Items[typeof(AdminLanguage)] = language;
        return language;
    }

    private static LanguageTag Choose(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(Cookie, out var picked) && LanguageTag.TryParse(picked, out var pickedTag)
            && InterfaceLanguages.Find(pickedTag) is { } fromCookie)
        {
            return fromCookie;
        }

        if (LanguageNegotiator.Choose(http.Request.Headers.AcceptLanguage.ToString(), [.. InterfaceLanguages.All]) is { } negotiated)
        {
            return negotiated;
        }

        var site = http.RequestServices.GetService<SiteContext>();
        return site is not null && LanguageTag.TryParse(site.Options.DefaultLanguage, out var fallback) && InterfaceLanguages.Find(fallback) is { } ui
            ? ui
            : InterfaceLanguages.All[0];
    }
}
