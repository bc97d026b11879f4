using Hexapla.Accounts;
using Hexapla.Interface;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// The frame of every admin page: plain markup, the site and admin stylesheets, one external script (the live
/// preview; every page works without it), never cached.
/// </summary>
internal static class AdminPage
{
    public static IResult Render(HttpContext http, string title, Html main, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.CacheControl = "no-store";
        var text = AdminText.Of(http);
        var html = Html.Of($"""
            <!doctype html>
            <html lang="{text.Language.Value}" dir="{text.Dir}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{text.PageTitle(title)}</title>
            <link rel="stylesheet" href="{Pages.StylesheetHref}">
            <link rel="stylesheet" href="{StaticAssets.Href("admin.css")}">
            <script src="{StaticAssets.Href("admin.js")}" defer></script>
            </head>
            <body class="admin">
            <a class="skip" href="#main">{text.SkipToContent}</a>
            <header class="site">
            <div class="bar">
            <a class="brand" href="/admin/">{text.Brand}</a>
            {Navigation(http, text)}
            {LanguagePicker(http, text)}
            </div>
            </header>
            <main id="main">
            {main}
            </main>
            </body>
            </html>
            """);
        return SiteEndpoints.HtmlResult(html.Value, status);
    }

    /// <summary>
    /// <c>POST /admin/language</c> (open to everyone, the login page has the picker too): keeps the chosen interface
    /// language in a cookie for a year and goes back to the page it was chosen on.
    /// </summary>
    public static RouteGroupBuilder MapAdminLanguage(this RouteGroupBuilder admin)
    {
        admin.MapPost("/language", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var value = form["lang"].ToString();
            var returnUrl = form["returnUrl"].ToString();
            var chosen = InterfaceLanguages.All.FirstOrDefault(l => string.Equals(l.Value, value, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                return AdminUi.Message(http, StatusCodes.Status400BadRequest, AdminText.Of(http).NotAnInterfaceLanguage(value), returnUrl);
            }

            http.Response.Cookies.Append(AdminLanguage.Cookie, chosen.Value, new CookieOptions
            {
                Path = "/admin",
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            var adminPage = AdminAuth.IsLocal(returnUrl) && (returnUrl == "/admin" || returnUrl.StartsWith("/admin/", StringComparison.Ordinal) || returnUrl.StartsWith("/admin?", StringComparison.Ordinal));
            return Results.Redirect(adminPage ? returnUrl : "/admin/");
        }).AllowAnonymous();
        return admin;
    }

    /// <summary>The hidden antiforgery field every admin form carries.</summary>
    public static Html AntiforgeryField(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Html.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    // The user was read by the endpoint (CurrentUserAsync caches it); pages outside a session show no menu.
    private static Html Navigation(HttpContext http, AdminText text)
    {
        if (!http.Items.TryGetValue(typeof(User), out var cached) || cached is not User user)
        {
            return Html.Empty;
        }

        var structure = AdminSections.MayOpen(user) ? Html.Of($"""<a href="{AdminSections.Path}">{text.StructureNavLink}</a>""") : Html.Empty;
        var create = user.CanCreateDocuments() ? Html.Of($"""<a href="/admin/new">{text.NavNewDocument}</a>""") : Html.Empty;
        var releases = user.CanPublish() ? Html.Of($"""<a href="{AdminReleases.Path}">{text.NavReleases}</a>""") : Html.Empty;
        var audit = user.CanManageUsers()
            ? Html.Of($"""<a href="/admin/audit">{text.NavAuditLog}</a><a href="/admin/users">{text.NavUsers}</a>""")
            : Html.Empty;
        return Html.Of($"""
            <nav class="admin-nav" aria-label="{text.NavLabel}">
            <a href="/admin/">{text.NavDocuments}</a><a href="{AdminWork.Path}">{text.NavMyWork}</a><a href="/admin/translations">{text.NavTranslations}</a><a href="{AdminMedia.Path}">{LibraryText.Of(http).Library}</a>{releases}{create}{structure}{audit}
            <span class="hint">{text.SignedInAs(user.Name, user.Role)}</span>
            <form method="post" action="/admin/logout">{AntiforgeryField(http)}<button type="submit">{text.LogOut}</button></form>
            </nav>
            """);
    }

    // Each language is named in itself, so a reader finds theirs whatever the page's language is.
    private static Html LanguagePicker(HttpContext http, AdminText text)
    {
        var here = HttpMethods.IsGet(http.Request.Method) ? http.Request.Path.Value + http.Request.QueryString.Value : "/admin/";
        var options = InterfaceLanguages.All.Select(l => Html.Of($"""
            <option value="{l.Value}" lang="{l.Value}"{(l == text.Language ? Html.Of($" selected") : Html.Empty)}>{Autonym(l)}</option>
            """));
        return Html.Of($"""
            <form class="admin-language" method="post" action="/admin/language">
            {AntiforgeryField(http)}<input type="hidden" name="returnUrl" value="{here}">
            <label for="admin-lang">{text.InterfaceLanguage}</label>
            <select id="admin-lang" name="lang">{options}</select>
            <button type="submit">{text.ChangeLanguage}</button>
            </form>
            """);
    }

    private static string Autonym(LanguageTag language) => language.Language switch
    {
        "zh" => "中文（简体）",
        _ => language.NativeName,
    };
}
