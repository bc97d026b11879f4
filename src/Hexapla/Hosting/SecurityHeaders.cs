namespace Hexapla.Hosting;

/// <summary>Headers that every response carries, whatever produced it (pages, the API, errors, assets).</summary>
internal static class SecurityHeaders
{
    // No inline script or style anywhere: the site uses one external stylesheet and no script at all.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            // Set when the response starts, so an error handler that clears the response cannot drop them.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                // An answer that set a stricter policy of its own (an SVG served sandboxed) keeps it.
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
