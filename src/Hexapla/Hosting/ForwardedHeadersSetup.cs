using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Hexapla.Hosting;

/// <summary>
/// Behind a reverse proxy, the client's address, scheme and host come from <c>X-Forwarded-*</c> headers: believed
/// only from the addresses in <see cref="HexaplaOptions.KnownProxies"/>, so the login limit counts the real client
/// and links made from the request (when <c>BaseUrl</c> is empty) carry the public address.
/// </summary>
internal static class ForwardedHeadersSetup
{
    /// <summary>The proxies' addresses, or null when one of them is not an IP address.</summary>
    public static IReadOnlyList<IPAddress>? Parse(string? knownProxies)
    {
        var addresses = new List<IPAddress>();
        foreach (var part in (knownProxies ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPAddress.TryParse(part, out var address))
            {
                return null;
            }

            addresses.Add(address);
        }

        return addresses;
    }

    public static WebApplication UseForwardedHeadersFromKnownProxies(this WebApplication app, string? knownProxies)
    {
        var proxies = Parse(knownProxies) ?? [];
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        // Only the configured proxies: the default (loopback) would be believed without being asked for.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
