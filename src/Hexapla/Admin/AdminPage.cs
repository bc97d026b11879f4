using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>The frame of every admin page: plain markup, the site stylesheet, no script, never cached.</summary>
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
            </head>
            <body class="admin">
            <header class="site"><div class="bar"><a class="brand" href="/admin/">Hexapla admin</a></div></header>
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
}
