using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Site;

/// <summary>
/// Redirects that keep old links working and remember the reader's choice:
/// <list type="bullet">
/// <item>Old portal URLs whose query has a parameter named <c>languageId</c> or ending in <c>_languageId</c>
/// (Liferay writes <c>?_101_INSTANCE_x_languageId=en_GB</c>) go 301 to the last path segment as a slug in that
/// language, or to that language's home page.</item>
/// <item>A switcher link (<c>?choose</c>) stores the language in a cookie that <c>/</c> honours, then goes 302
/// to the same address without the query.</item>
/// </list>
/// </summary>
internal static class LanguageRedirects
{
    public static IApplicationBuilder UseLanguageRedirects(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.QueryString.HasValue && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Path.StartsWithSegments("/api"))
        {
            var site = http.RequestServices.GetRequiredService<SiteContext>();
            if (await LegacyTargetAsync(request, site, http.RequestAborted) is { } target)
            {
                http.Response.Redirect(target, permanent: true);
                return;
            }

            if (request.Query.ContainsKey("choose") && await LanguageSegment.OfPathAsync(request.Path, site, http.RequestAborted) is { } chosen)
            {
                http.Response.Cookies.Append(SiteContext.LanguageCookie, chosen.Value, new CookieOptions
                {
                    Path = "/",
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = request.IsHttps,
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                });
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Redirect(request.PathBase + request.Path, permanent: false);
                return;
            }
        }

        await next(http);
    });

    /// <summary>
    /// Where an old portal link goes: <c>/SLUG?…languageId=en_GB</c> to <c>/en-gb/SLUG</c>, <c>/ru/?…languageId=en_GB</c> to
    /// <c>/en-gb/</c>; null when the query names no language, or one that is not a valid tag (the address is then
    /// answered as it stands). Whether the last segment is a language or a slug is <see cref="LanguageSegment"/>'s call.
    /// </summary>
    internal static async Task<string?> LegacyTargetAsync(HttpRequest request, SiteContext site, CancellationToken cancellationToken)
    {
        foreach (var (key, values) in request.Query)
        {
            if (!key.Equals("languageId", StringComparison.OrdinalIgnoreCase)
                && !key.EndsWith("_languageId", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!LanguageTag.TryParse(values.ToString(), out var language))
            {
                return null;
            }

            var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
            var last = segments.Length > 0 ? Uri.UnescapeDataString(segments[^1]).ToLowerInvariant() : null;
            var onlyLanguage = segments.Length == 1 && await LanguageSegment.ResolveAsync(segments[0], site, cancellationToken) is not null;
            return last is not null && !onlyLanguage && Slug.IsValid(last)
                ? $"/{language.UrlSegment}/{last}"
                : $"/{language.UrlSegment}/";
        }

        return null;
    }
}
