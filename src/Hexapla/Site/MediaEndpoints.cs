using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Hexapla.Admin;
using Hexapla.Hosting;
using Hexapla.Media;
using Hexapla.Storage;
using Microsoft.Net.Http.Headers;

namespace Hexapla.Site;

/// <summary>Who may have an item's files, as <see cref="MediaAccess"/> decided for one request.</summary>
/// <param name="Item">The item, with its files and texts.</param>
/// <param name="Public">True when a public version's live text uses it: anyone may have it, and caches may keep it.</param>
/// <param name="SignedIn">True when the caller is a signed-in user (session or token), who may have any item.</param>
internal sealed record MediaGrant(MediaItem Item, bool Public, bool SignedIn)
{
    /// <summary>
    /// <c>public, max-age=31536000, immutable</c> for public items (their addresses are content-addressed), else
    /// <c>private, no-store</c>: a draft's image shown to an editor is kept by no browser or proxy.
    /// </summary>
    public string CacheControl => Public ? "public, max-age=31536000, immutable" : "private, no-store";
}

/// <summary>
/// The one place that decides who may fetch an item's files and renditions: readers only while a version public now
/// uses it in its live text (<see cref="IMediaStore.IsMediaPublicAsync"/>: an embargoed statement's photo or PDF stays
/// hidden until the embargo lifts), signed-in users always. Everything that serves media asks here.
/// </summary>
/// <remarks>
/// The item and the decision are remembered with the store's state (<see cref="ContentFreshness"/>): a write to the
/// store, or an embargo instant passing, makes them be read again, so a hot image costs no query.
/// </remarks>
internal sealed class MediaAccess(IMediaStore store, ContentFreshness freshness, TimeProvider clock)
{
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<long, Remembered> _items = new();

    /// <summary>The item <paramref name="id"/> with what the caller may do with it; null when there is no such item or the caller may not have it.</summary>
    public async Task<MediaGrant?> DecideAsync(HttpContext http, long id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var state = await freshness.CurrentAsync(http.RequestAborted);
        var now = clock.GetUtcNow();
        if (!_items.TryGetValue(id, out var remembered) || !state.Allows(remembered.State, now))
        {
            var item = await store.FindMediaAsync(id, http.RequestAborted);
            var isPublic = item is not null && await store.IsMediaPublicAsync(id, now, http.RequestAborted);
            remembered = new Remembered(item, isPublic, state);
            if (_items.Count >= MaxRemembered)
            {
                _items.Clear();
            }

            _items[id] = remembered;
        }

        if (remembered.Item is not { } found)
        {
            return null;
        }

        // The user is only looked up when it matters: a reader of a public item costs no account query.
        var signedIn = (!remembered.Public || http.Request.Cookies.ContainsKey(AdminAuth.CookieName) || http.Request.Headers.ContainsKey(HeaderNames.Authorization))
            && await http.CurrentUserAsync() is not null;
        return remembered.Public || signedIn ? new MediaGrant(found, remembered.Public, signedIn) : null;
    }

    private sealed record Remembered(MediaItem? Item, bool Public, ContentState State);
}

/// <summary>
/// The files served at <c>/media/…</c> on this node, kept under the data folder by checksum (<c>media-cache/ab/abcd…</c>)
/// so that a hot image is sent from disk like a static file. Derived data: deleting the folder (even while the site
/// runs) only costs reading the store again. Every file is checked against its checksum before it is kept.
/// </summary>
internal sealed class MediaDiskCache(string folder)
{
    /// <summary>The folder's name inside the data folder.</summary>
    public const string FolderName = "media-cache";

    /// <summary>The folder that holds the kept files.</summary>
    public string Folder { get; } = folder;

    /// <summary>The path of the blob <paramref name="sha256"/> on disk, copied from the store first when missing; null when the store has no such blob.</summary>
    /// <exception cref="StoreException">The store's bytes do not match their checksum.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public async Task<string?> PathAsync(IMediaStore store, string sha256, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, sha256[..2], sha256);
        if (File.Exists(path))
        {
            return path;
        }

        await using var source = await store.OpenBlobAsync(sha256, cancellationToken);
        if (source is null)
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written under a name of its own and renamed when whole, so a reader never sees half a file.
        var part = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var target = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != sha256)
            {
                throw new StoreException($"Blob {sha256} reads back as {actual}: the store is damaged; run hexapla check.");
            }

            File.Move(part, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(part);
        }
    }
}

/// <summary>
/// <c>/media/{id}/{sha16}/{name}</c> (a file) and <c>/media/{id}/{sha16}-…</c> (a rendition), per <see cref="MediaLinks"/>:
/// who may have them is <see cref="MediaAccess"/>'s decision; answers carry a strong <c>ETag</c> (the bytes' SHA-256),
/// answer <c>If-None-Match</c> with 304 and <c>Range</c> with 206 (or 416), say inline or attachment, and an SVG
/// comes with a policy that runs nothing in it.
/// </summary>
internal static class MediaEndpoints
{
    /// <summary>The policy an SVG is served with: no script, no fetch, its own inline styles only, in a sandbox.</summary>
    public const string SvgContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    /// <summary>Registers what <c>/media</c> needs: the access decision, renditions, and the disk cache under <paramref name="dataFolder"/>.</summary>
    public static IServiceCollection AddMediaServing(this IServiceCollection services, string dataFolder)
    {
        services.AddSingleton<MediaAccess>();
        services.AddSingleton(services => new Renditions(services.GetRequiredService<IMediaStore>(), services.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new MediaDiskCache(Path.Combine(dataFolder, MediaDiskCache.FolderName)));
        services.AddSingleton<RenditionsSeen>();
        return services;
    }

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{id}/{sha16}/{name}", FileAsync);
        app.MapGet("/media/{id}/{name}", RenditionAsync);
        return app;
    }

    private static async Task<IResult> FileAsync(string id, string sha16, string name, HttpContext http, MediaAccess access, MediaDiskCache cache, IMediaStore store)
    {
        if (!TryParseId(id, out var number) || sha16.Length != 16 || await access.DecideAsync(http, number) is not { } grant)
        {
            return NotFound(http);
        }

        var item = grant.Item;
        var file = item.Files.FirstOrDefault(f => f.Sha256.StartsWith(sha16, StringComparison.Ordinal) && f.FileName == name);
        if (file is null)
        {
            return NotFound(http);
        }

        // A photograph's original keeps its camera's metadata (GPS among it): only editors get it, readers its largest rendition.
        var editorsOnly = item.Kind == MediaKind.Image && !MediaLinks.ServedAsIs(item);
        if (editorsOnly && !grant.SignedIn)
        {
            var width = Math.Min(file.Width ?? MediaLinks.Widths[^1], MediaLinks.Widths[^1]);
            var format = file.ContentType == "image/png" ? RenditionFormat.Png : RenditionFormat.Jpeg;
            http.Response.Headers.CacheControl = grant.CacheControl;
            return Results.Redirect(MediaLinks.Rendition(item, file, new RenditionRequest(width, null, format)));
        }

        // What only editors get is never kept by a shared cache, public item or not.
        return await ServeAsync(http, editorsOnly ? grant with { Public = false } : grant, cache, store, file.Sha256, file.ContentType, file.FileName);
    }

    private static async Task<IResult> RenditionAsync(
        string id, string name, HttpContext http, MediaAccess access, Renditions renditions, RenditionsSeen seen, MediaDiskCache cache, IMediaStore store, ILoggerFactory logs)
    {
        if (!TryParseId(id, out var number) || !MediaLinks.TryParseRendition(name, out var sha16, out var request)
            || await access.DecideAsync(http, number) is not { } grant)
        {
            return NotFound(http);
        }

        var item = grant.Item;
        var file = item.Files.FirstOrDefault(f => f.Sha256.StartsWith(sha16, StringComparison.Ordinal));
        // The address must be exactly the one MediaLinks gives (the focal point in a crop's is the item's current one),
        // and readers only get the sizes pages offer, so strangers cannot make the server compute any size they like.
        if (file is null || item.Kind != MediaKind.Image || MediaLinks.ServedAsIs(item)
            || MediaLinks.Rendition(item, file, request) != http.Request.Path.Value
            || (!grant.SignedIn && !MediaLinks.IsOffered(file, request)))
        {
            return NotFound(http);
        }

        var key = Renditions.Key(item, file, request);
        if (!seen.TryGet(key, out var rendition))
        {
            try
            {
                rendition = await renditions.GetOrMakeAsync(item, file, request, http.RequestAborted);
            }
            catch (MediaException exception)
            {
                logs.CreateLogger("Hexapla.Media").LogWarning("No rendition {Path}: {Reason}", http.Request.Path.Value, exception.Message);
                return NotFound(http);
            }

            seen.Add(rendition);
        }

        return await ServeAsync(http, grant, cache, store, rendition.Sha256, rendition.ContentType, null);
    }

    private static async Task<IResult> ServeAsync(HttpContext http, MediaGrant grant, MediaDiskCache cache, IMediaStore store, string sha256, string contentType, string? fileName)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = grant.CacheControl;
        var inline = contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("audio/", StringComparison.Ordinal)
            || contentType.StartsWith("video/", StringComparison.Ordinal) || contentType == "application/pdf";
        if (contentType == "image/svg+xml")
        {
            // Sanitised at upload; served so that even a script that slipped through could not run or fetch anything.
            headers.ContentSecurityPolicy = SvgContentSecurityPolicy;
        }

        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        if (fileName is not null)
        {
            disposition.SetHttpFileName(fileName);
        }

        headers.ContentDisposition = disposition.ToString();
        var tag = new EntityTagHeaderValue($"\"{sha256}\"");
        try
        {
            if (await cache.PathAsync(store, sha256, http.RequestAborted) is not { } path)
            {
                return Missing(http, sha256);
            }

            return Results.File(path, contentType, entityTag: tag, enableRangeProcessing: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // No room or no right to keep it on this node: served from the store, a chunk at a time.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Hexapla.Media")
                .LogWarning("Media cache in {Folder} not written ({Reason}); serving {Sha} from the store", cache.Folder, exception.Message, sha256);
            var stream = await store.OpenBlobAsync(sha256, http.RequestAborted);
            return stream is null ? Missing(http, sha256) : Results.Stream(stream, contentType, entityTag: tag, enableRangeProcessing: true);
        }
    }

    private static IResult Missing(HttpContext http, string sha256)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Hexapla.Media")
            .LogError("Blob {Sha} is missing from the store: run hexapla check", sha256);
        return NotFound(http);
    }

    // Not found, and not to be kept: an embargoed item is "not found" only until its embargo lifts.
    private static IResult NotFound(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Remove(HeaderNames.ContentDisposition);
        return Results.NotFound();
    }

    private static bool TryParseId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0 && text[0] != '0';
}

/// <summary>Renditions already made, by key: a key always names the same rendition, so a hot one costs no query.</summary>
internal sealed class RenditionsSeen
{
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, MediaRendition> _byKey = new(StringComparer.Ordinal);

    public bool TryGet(string key, out MediaRendition rendition) => _byKey.TryGetValue(key, out rendition!);

    public void Add(MediaRendition rendition)
    {
        if (_byKey.Count >= MaxRemembered)
        {
            _byKey.Clear();
        }

        _byKey[rendition.Key] = rendition;
    }
}
