using System.Net;

namespace Hexapla.Hosting;

/// <summary>
/// Where the site's own address comes from. Without <c>Hexapla:BaseUrl</c> every link, feed id, sitemap entry and
/// robots.txt line is built from the request's <c>Host</c> header, which any client sets at will. That is safe only on
/// loopback, where the clients are this machine's; a server that listens anywhere else must be told its address
/// (<c>Hexapla:BaseUrl</c>) or the host names it answers to (<c>AllowedHosts</c>, which the host-filtering middleware
/// enforces with a 400 for any other).
/// </summary>
internal static class PublicAddress
{
    /// <summary>
    /// Null when <paramref name="urls"/> (separated by <c>;</c>) are all loopback addresses, or a base URL or an
    /// allowed-hosts list other than <c>*</c> is set; else the sentence that refuses to start. A Unix socket counts as
    /// public: what reaches it comes through a proxy, with the Host header the proxy was sent.
    /// </summary>
    public static string? Problem(string urls, string? baseUrl, string? allowedHosts)
    {
        var named = !string.IsNullOrWhiteSpace(baseUrl)
            || (allowedHosts ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(h => h != "*");
        var open = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        if (named || open.Count == 0)
        {
            return null;
        }

        return $"Listening on {string.Join(", ", open)}, which is not loopback, needs Hexapla:BaseUrl (the site's public address, "
            + "such as https://press.example.org) or AllowedHosts (the host names the site answers to, separated by ;): "
            + "without either, any client's Host header would be written into links, feeds, the sitemap and robots.txt.";
    }

    private static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            // Kestrel refuses it at start with its own message.
            return true;
        }

        if (address.IsNamedPipe || address.IsUnixPipe)
        {
            return false;
        }

        return string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
