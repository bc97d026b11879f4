using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Hexapla.Site;

/// <summary>
/// The files of <c>Site/Assets/</c>, embedded in the binary and served at <c>/assets/NAME</c>. Each URL carries a hash
/// of the file's content (<c>?v=</c>), so browsers may cache a file for a year and still get a new one after a release.
/// </summary>
internal static class StaticAssets
{
    private const string ResourcePrefix = "Hexapla.Site.Assets.";

    private static readonly FrozenDictionary<string, Asset> Files = Load();

    /// <summary>The versioned URL of the asset <paramref name="name"/> (<c>site.css</c>, <c>admin.js</c>…).</summary>
    public static string Href(string name) =>
        Files.TryGetValue(name, out var asset) ? $"/assets/{name}?v={asset.Version}" : throw new ArgumentException($"There is no asset \"{name}\".", nameof(name));

    /// <summary>Every asset by name with its bytes, for writing the site out as files.</summary>
    public static IEnumerable<(string Name, byte[] Content)> All => Files.Select(f => (f.Key, f.Value.Content));

    public static WebApplication MapAssetFiles(this WebApplication app)
    {
        app.MapGet("/assets/{name}", (HttpContext http, string name) =>
        {
            if (!Files.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(asset.Content, asset.ContentType);
        });
        return app;
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            // Only the types the site means to serve; anything else dropped in the folder stays private.
            var contentType = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                _ => null,
            };
            if (contentType is null)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var content = memory.ToArray();
            files[name] = new Asset(content, contentType, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string Version);
}
