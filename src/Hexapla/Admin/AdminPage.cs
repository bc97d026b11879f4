using Hexapla.Accounts;
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
        var html = Html.Of($"""
            <!doctype html>
            <html lang="en" dir="ltr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{title} · Hexapla admin</title>
            <link rel="stylesheet" href="{Pages.StylesheetHref}">
            <link rel="stylesheet" href="{StaticAssets.Href("admin.css")}">
            <script src="{StaticAssets.Href("admin.js")}" defer></script>
            </head>
            <body class="admin">
            <header class="site"><div class="bar"><a class="brand" href="/admin/">Hexapla admin</a>{Navigation(http)}</div></header>
            <main id="main">
            {main}
            </main>
            </body>
            </html>
            """);
        return SiteEndpoints.HtmlResult(html.Value, status);
    }

    /// <summary>The hidden antiforgery field every admin form carries.</summary>
    public static Html AntiforgeryField(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Html.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    // The user was read by the endpoint (CurrentUserAsync caches it); pages outside a session show no menu.
    private static Html Navigation(HttpContext http)
    {
        if (!http.Items.TryGetValue(typeof(User), out var cached) || cached is not User user)
        {
            return Html.Empty;
        }

        var create = user.CanCreateDocuments() ? Html.Of($"""<a href="/admin/new">New document</a>""") : Html.Empty;
        var releases = user.CanPublish() ? Html.Of($"""<a href="{AdminReleases.Path}">Releases</a>""") : Html.Empty;
        var audit = user.CanManageUsers() ? Html.Of($"""<a href="/admin/audit">Audit log</a><a href="/admin/users">Users</a>""") : Html.Empty;
        return Html.Of($"""
            <nav class="admin-nav" aria-label="Admin"><a href="/admin/">Documents</a><a href="{AdminWork.Path}">My work</a><a href="/admin/translations">Translations</a>{releases}{create}{audit}<span class="hint">Signed in as {user.Name} ({AdminAuth.RoleName(user.Role)})</span><form method="post" action="/admin/logout">{AntiforgeryField(http)}<button type="submit">Log out</button></form></nav>
            """);
    }
}
