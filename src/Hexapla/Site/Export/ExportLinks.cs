using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hexapla.Site.Export;

/// <summary>
/// Where the live site's addresses land in an exported site, and how the links of a rendered page are rewritten
/// to reach them. Every page becomes a folder with an <c>index.html</c> (<c>/en-gb/slug</c> → <c>en-gb/slug/index.html</c>,
/// address <c>/en-gb/slug/</c>), which any static server or CDN serves without rewrites; a home page's later pages
/// (<c>/en-gb/?page=2</c>) become <c>/en-gb/page/2/</c>, since a static file cannot answer to a query string.
/// Files with an extension (feeds, the sitemap, assets) keep their address.
/// </summary>
internal static partial class ExportLinks
{
    /// <summary>
    /// The exported address (from the site root, starting with <c>/</c>) of a live site path such as
    /// <c>/en-gb/slug?choose</c>: pages get their folder's trailing slash, <c>?page=N</c> becomes <c>page/N/</c>, the
    /// switcher's <c>?choose</c> (it sets a cookie on the live site) is dropped, other queries (an asset's
    /// <c>?v=</c>) are kept.
    /// </summary>
    public static string UrlPath(string livePath)
    {
        // Media keep their address as it is: a file name may have no extension, and is never a page.
        if (livePath.StartsWith("/media/", StringComparison.Ordinal))
        {
            return livePath;
        }

        var question = livePath.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? livePath : livePath[..question];
        var query = question < 0 ? string.Empty : livePath[(question + 1)..];
        var lastSegment = path[(path.LastIndexOf('/') + 1)..];
        if (!path.EndsWith('/') && !lastSegment.Contains('.', StringComparison.Ordinal))
        {
            path += "/";
        }

        var kept = new List<string>();
        foreach (var parameter in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (parameter == "choose")
            {
                continue;
            }

            if (parameter.StartsWith("page=", StringComparison.Ordinal) && path.EndsWith('/')
                && int.TryParse(parameter.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var page))
            {
                path = page > 1 ? $"{path}page/{page}/" : path;
                continue;
            }

            kept.Add(parameter);
        }

        return kept.Count == 0 ? path : $"{path}?{string.Join('&', kept)}";
    }

    /// <summary>The file, relative to the export's folder and with <c>/</c> separators, that answers an exported address.</summary>
    public static string FilePath(string urlPath)
    {
        var question = urlPath.IndexOf('?', StringComparison.Ordinal);
        var path = (question < 0 ? urlPath : urlPath[..question]).TrimStart('/');
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }

    /// <summary>
    /// Rewrites the site links of <paramref name="html"/> (every <c>href</c>, <c>src</c> and <c>action</c> that starts
    /// with <c>/</c>) to their exported addresses, relative to the page at <paramref name="pageUrlPath"/> so the
    /// export works under any host, under a sub-path and from disk; absolute links (canonical, alternates) are left
    /// alone. With <paramref name="rootPrefix"/> (the 404 page, which a server sends for any address, so relative links
    /// would break) links are instead written from the root, after the prefix (the base URL's path, maybe empty).
    /// The header's search form, which needs a server, points to <paramref name="searchUrl"/> or is left out.
    /// </summary>
    public static string Rewrite(string html, string pageUrlPath, string? searchUrl, string? rootPrefix = null)
    {
        html = SearchForm().Replace(html, match => searchUrl is null
            ? string.Empty
            : match.Value.Replace($"action=\"{match.Groups["action"].Value}\"", $"action=\"{searchUrl}{match.Groups["action"].Value}\"", StringComparison.Ordinal));
        var up = rootPrefix is null ? Up(pageUrlPath) : null;
        string Written(string url)
        {
            var target = UrlPath(url);
            return up is null ? rootPrefix + target : Relative(up, target);
        }

        html = SiteLink().Replace(html, match => $"{match.Groups["attribute"].Value}=\"{Written(match.Groups["url"].Value)}\"");

        // srcset lists candidates ("URL 640w, URL 960w"): each site URL in it is rewritten the same way.
        return SourceSet().Replace(html, match =>
        {
            var candidates = match.Groups["set"].Value.Split(',').Select(candidate =>
            {
                var trimmed = candidate.Trim();
                var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
                var url = space < 0 ? trimmed : trimmed[..space];
                return url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? Written(url) + (space < 0 ? "" : trimmed[space..]) : trimmed;
            });
            return $"srcset=\"{string.Join(", ", candidates)}\"";
        });
    }

    private static string Relative(string up, string target)
    {
        var relative = up + target.TrimStart('/');
        return relative.Length == 0 ? "./" : relative.StartsWith('?') ? "./" + relative : relative;
    }

    /// <summary>The way from a page's folder back to the site root: <c>../</c> per folder.</summary>
    private static string Up(string pageUrlPath)
    {
        var depth = pageUrlPath.AsSpan(0, pageUrlPath.LastIndexOf('/') + 1).Count('/') - 1;
        var up = new StringBuilder(depth * 3);
        for (var i = 0; i < depth; i++)
        {
            up.Append("../");
        }

        return up.ToString();
    }

    // The pages' own markup always quotes attributes with ", and text from the store is escaped (a quote becomes &quot;),
    // so an attribute that starts with a slash is a site link; "//" would be another host, and is left alone.
    [GeneratedRegex(@"(?<attribute>\b(?:href|src|action))=""(?<url>/(?!/)[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex SiteLink();

    [GeneratedRegex(@"\bsrcset=""(?<set>[^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex SourceSet();

    [GeneratedRegex("""<form class="search" role="search" action="(?<action>/[^"]*)"[^>]*>.*?</form>""", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SearchForm();
}
