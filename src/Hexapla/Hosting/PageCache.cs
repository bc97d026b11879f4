using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Hexapla.Admin;
using Hexapla.Languages;
using Hexapla.Search;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Hexapla.Hosting;

/// <summary>
/// Keeps the bytes of public answers (pages, feeds, the sitemap, the read API) with their Brotli and gzip forms, and
/// serves them again while the store's generation stands and no embargo instant has passed since they were made
/// (<see cref="ContentFreshness"/>). Answers carry a strong <c>ETag</c>, <c>Last-Modified</c> when the page has one,
/// and <c>Cache-Control: public</c> short enough for a CDN never to keep a page past an embargo instant.
/// </summary>
/// <remarks>
/// Only anonymous GET and HEAD requests are looked at: a request with an <c>Authorization</c> header or a session
/// cookie goes straight to its endpoint, since the read API shows drafts to signed-in users. Only 200 answers
/// without <c>Set-Cookie</c> and without <c>private</c>, <c>no-cache</c> or <c>no-store</c> are kept. <c>/</c>
/// (which reads the reader's languages and cookie), admin pages and everything else are never kept; search answers
/// only for <see cref="HexaplaOptions.SearchCacheDuration"/>.
/// </remarks>
internal sealed class PageCache : IDisposable
{
    public const string StatusHeader = "X-Hexapla-Cache";

    /// <summary>A larger answer (a sitemap of many documents) is served fresh each time rather than kept.</summary>
    private const int LargestKept = 4 * 1024 * 1024;

    private static readonly HashSet<string> NotCopied = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength, HeaderNames.Date, HeaderNames.Server, HeaderNames.TransferEncoding,
        HeaderNames.ETag, HeaderNames.CacheControl, HeaderNames.Vary, HeaderNames.ContentEncoding,
    };

    private readonly ContentFreshness _freshness;
    private readonly ISearchIndex _index;
    private readonly TimeProvider _clock;
    private readonly HexaplaOptions _options;
    private readonly MemoryCache? _entries;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Entry?>> _rendering = new(StringComparer.Ordinal);
    private long _generationSeen = -1;
    private long _hits;
    private long _misses;

    public PageCache(ContentFreshness freshness, ISearchIndex index, TimeProvider clock, IOptions<HexaplaOptions> options)
    {
        _freshness = freshness;
        _index = index;
        _clock = clock;
        _options = options.Value;
        _entries = _options.PageCacheMegabytes > 0
            ? new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.PageCacheMegabytes * 1024L * 1024L })
            : null;
    }

    /// <summary>Answers served from the cache.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Answers rendered and kept.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public void Dispose() => _entries?.Dispose();

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var readOnly = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (!readOnly && !HttpMethods.IsOptions(request.Method))
        {
            // Whatever this request writes is committed before its answer starts: the next look at the cache rereads
            // the generation, even when the client's next request arrives before this one has finished.
            http.Response.OnStarting(() =>
            {
                _freshness.NoteWrite();
                return Task.CompletedTask;
            });
        }

        http.Response.OnStarting(() =>
        {
            MarkPrivate(http);
            return Task.CompletedTask;
        });

        var kind = KindOf(request.Path);
        if (kind != Kind.None && Site.LanguageSegment.FirstSegment(request.Path) is { } first && first != "api"
            && !first.Contains('.', StringComparison.Ordinal)
            && await Site.LanguageSegment.ResolveAsync(first, http.RequestServices.GetRequiredService<Site.SiteContext>(), http.RequestAborted) is null)
        {
            // Not a language of this site (a slug, "admin", a bogus tag): the answer is a redirect or a 404, never kept.
            kind = Kind.None;
        }

        if (kind == Kind.Search && _options.SearchCacheDuration <= TimeSpan.Zero)
        {
            kind = Kind.None;
        }
        if (!readOnly || _entries is null || kind == Kind.None)
        {
            await next(http);
            return;
        }

        if (IsPersonal(request))
        {
            SetStatus(http, "bypass");
            await next(http);
            return;
        }

        var state = await _freshness.CurrentAsync(http.RequestAborted);
        if (state.Generation != Interlocked.Exchange(ref _generationSeen, state.Generation))
        {
            // Everything kept belongs to an older generation: let it go at once rather than when memory runs short.
            _entries.Clear();
        }

        var key = $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}{request.Path.Value}{request.QueryString.Value}";
        if (_entries.TryGetValue(key, out Entry? entry) && entry is not null && IsServable(entry, state))
        {
            await ServeAsync(http, entry, "hit");
            return;
        }

        // One render per address at a time: readers who ask while it is being made wait for it (a home page over a
        // large store takes a while, and thirty-two of them at once would take thirty-two times as long).
        var rendering = new TaskCompletionSource<Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leader = _rendering.GetOrAdd(key, rendering);
        if (leader != rendering)
        {
            var shared = await leader.Task.WaitAsync(http.RequestAborted);
            if (shared is not null && IsServable(shared, state))
            {
                await ServeAsync(http, shared, "hit");
                return;
            }

            // Not kept, or made from an older state than this request saw: made again, for this request alone.
            rendering = null;
        }

        Entry? made = null;
        try
        {
            made = await RenderAsync(http, next, kind, state);
            if (made is not null)
            {
                // Kept before the render is let go of, so that a request arriving in between finds one or the other.
                _entries.Set(key, made, new MemoryCacheEntryOptions { Size = made.Size });
            }
        }
        finally
        {
            if (rendering is not null)
            {
                _rendering.TryRemove(new KeyValuePair<string, TaskCompletionSource<Entry?>>(key, rendering));
                rendering.TrySetResult(made);
            }
        }

        if (made is not null)
        {
            Interlocked.Increment(ref _misses);
            await ServeAsync(http, made, "miss");
        }
    }

    private bool IsServable(Entry entry, ContentState state) =>
        state.Allows(entry.State, _clock.GetUtcNow())
        && (entry.Index is not { } stamp || (Environment.TickCount64 < stamp.ExpiresAt && stamp.State == IndexState()));

    private Task ServeAsync(HttpContext http, Entry entry, string status)
    {
        if (status == "hit")
        {
            Interlocked.Increment(ref _hits);
        }

        SetStatus(http, status);
        return entry.WriteAsync(http, _clock.GetUtcNow(), _options.PublicMaxAge);
    }

    /// <summary>
    /// Runs the endpoint into memory, uncompressed (the compressor after this sees no Accept-Encoding), and returns
    /// what may be kept; an answer that may not is sent as it is, and null returned.
    /// </summary>
    private async Task<Entry?> RenderAsync(HttpContext http, RequestDelegate next, Kind kind, ContentState state)
    {
        var request = http.Request;
        var original = http.Response.Body;
        var acceptEncoding = request.Headers.AcceptEncoding;
        // Taken before rendering, as the store's state was: an index change during the render leaves the answer stale.
        var index = kind == Kind.Search ? new IndexStamp(IndexState(), Environment.TickCount64 + (long)_options.SearchCacheDuration.TotalMilliseconds) : null;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        request.Headers.AcceptEncoding = StringValues.Empty;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
            request.Headers.AcceptEncoding = acceptEncoding;
        }

        // Search answers also depend on the index, which takes in a store write just after it and an embargo's
        // version seconds after its instant: kept while the index has not changed, and for a moment only (another
        // process may update it), so that a popular query is not run again for every reader.
        var made = Entry.From(http.Response, buffer, state, index);
        if (made is null)
        {
            SetStatus(http, "bypass");
            if (buffer.Length > 0)
            {
                buffer.Position = 0;
                await buffer.CopyToAsync(original, http.RequestAborted);
            }
        }

        return made;
    }

    internal enum Kind
    {
        /// <summary>Never kept.</summary>
        None,

        /// <summary>Depends on the store and the clock only: kept until a write or an embargo instant.</summary>
        Page,

        /// <summary>Depends on the search index too: kept for <see cref="HexaplaOptions.SearchCacheDuration"/> at most.</summary>
        Search,
    }

    /// <summary>Which public addresses may be kept, and for how long.</summary>
    internal static Kind KindOf(PathString path)
    {
        var value = path.Value ?? "/";
        if (value is "/sitemap.xml" or "/robots.txt" or "/api/openapi.json" || Site.DiscoveryEndpoints.IsSitemapPagePath(value, out _))
        {
            return Kind.Page;
        }

        if (value is "/api/v1/search")
        {
            return Kind.Search;
        }

        var segments = value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 3 && segments[0] == "api")
        {
            return segments.Length <= 5 && segments[1] == "v1" && segments[2] == "documents" ? Kind.Page : Kind.None;
        }

        // Whether the first segment is a language is LanguageSegment's decision, made by the caller with the site's languages.
        if (segments.Length == 0)
        {
            return Kind.None;
        }

        return segments.Length switch
        {
            1 => Kind.Page,
            2 => segments[1] == "search" ? Kind.Search : Kind.Page,
            4 when segments[2] == "compare" => Kind.Page,
            // A section's page or feed (/{lang}/s/{path}, /{lang}/s/{path}/feed.atom): the store and the clock only, as the home page.
            >= 3 when segments[1] == "s" => Kind.Page,
            _ => Kind.None,
        };
    }

    /// <summary>What the index's last commit in this process reflects: it changes with every update.</summary>
    private (long? Generation, DateTimeOffset? AsOf) IndexState() => (_index.Generation, _index.AsOf);

    /// <summary>The index a search answer was made from, and when it stops being served (<see cref="Environment.TickCount64"/>).</summary>
    private sealed record IndexStamp((long? Generation, DateTimeOffset? AsOf) State, long ExpiresAt);

    private static bool IsPersonal(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderNames.Authorization) || request.Cookies.ContainsKey(AdminAuth.CookieName);

    /// <summary>Admin pages, sign-in and anything that sets a cookie are never kept by a browser or a proxy.</summary>
    private static void MarkPrivate(HttpContext http)
    {
        var response = http.Response;
        var setsCookie = response.Headers.ContainsKey(HeaderNames.SetCookie);
        if (setsCookie || http.Request.Path.StartsWithSegments("/admin"))
        {
            var current = response.Headers.CacheControl.ToString();
            if (!current.Contains("no-store", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.CacheControl = "no-store";
            }
        }
    }

    private void SetStatus(HttpContext http, string status)
    {
        if (_options.CacheStatusHeader)
        {
            http.Response.Headers[StatusHeader] = status;
        }
    }

    /// <summary>One kept answer: its headers, its bytes, and their compressed forms, made on first demand.</summary>
    private sealed class Entry
    {
        private readonly byte[] _identity;
        private readonly KeyValuePair<string, StringValues>[] _headers;
        private readonly string _etag;
        private readonly bool _etagFromEndpoint;
        private readonly string _vary;
        private readonly DateTimeOffset? _lastModified;
        private byte[]? _brotli;
        private byte[]? _gzip;

        private Entry(byte[] identity, KeyValuePair<string, StringValues>[] headers, string etag, bool etagFromEndpoint, string vary, DateTimeOffset? lastModified, ContentState state, IndexStamp? index)
        {
            Index = index;
            _identity = identity;
            _headers = headers;
            _etag = etag;
            _etagFromEndpoint = etagFromEndpoint;
            _vary = vary;
            _lastModified = lastModified;
            State = state;
        }

        public ContentState State { get; }

        /// <summary>For a search answer, the index it was made from; null for answers that do not read the index.</summary>
        public IndexStamp? Index { get; }

        /// <summary>The memory it may come to hold with both compressed forms, for the cache's size limit.</summary>
        public long Size => _identity.Length * 2L + 1024;

        public static Entry? From(HttpResponse response, MemoryStream body, ContentState state, IndexStamp? index)
        {
            var cacheControl = response.Headers.CacheControl.ToString();
            if (response.StatusCode != StatusCodes.Status200OK
                || body.Length > LargestKept
                || response.Headers.ContainsKey(HeaderNames.SetCookie)
                || response.Headers.ContainsKey(HeaderNames.ContentEncoding)
                || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
                || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
                || cacheControl.Contains("no-cache", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var identity = body.ToArray();
            var endpointETag = response.Headers.ETag.ToString();
            var etag = endpointETag.Length > 0 ? endpointETag : $"\"{Convert.ToHexStringLower(SHA256.HashData(identity).AsSpan(0, 12))}\"";
            var vary = response.Headers.Vary.ToString();
            vary = vary.Length > 0 ? $"{vary}, Accept-Encoding" : "Accept-Encoding";
            DateTimeOffset? lastModified = DateTimeOffset.TryParse(response.Headers.LastModified.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : null;
            var headers = response.Headers.Where(h => !NotCopied.Contains(h.Key)).ToArray();
            return new Entry(identity, headers, etag, endpointETag.Length > 0, vary, lastModified, state, index);
        }

        public Task WriteAsync(HttpContext http, DateTimeOffset now, TimeSpan maxAge)
        {
            var response = http.Response;
            var encoding = ChooseEncoding(http.Request.Headers.AcceptEncoding);
            var (bytes, etag) = encoding switch
            {
                "br" => (_brotli ??= Compress(_identity, s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true)), Tagged("br")),
                "gzip" => (_gzip ??= Compress(_identity, s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true)), Tagged("gz")),
                _ => (_identity, _etag),
            };
            if (bytes.Length >= _identity.Length)
            {
                (bytes, etag, encoding) = (_identity, _etag, null);
            }

            response.StatusCode = StatusCodes.Status200OK;
            foreach (var (name, value) in _headers)
            {
                response.Headers[name] = value;
            }

            // Never past the next embargo instant: a CDN must not hold the page before the version appears in it.
            var seconds = (long)maxAge.TotalSeconds;
            if (State.ValidUntil is { } until)
            {
                seconds = Math.Clamp((long)(until - now).TotalSeconds, 0, seconds);
            }

            if (Index is { } index)
            {
                seconds = Math.Clamp((index.ExpiresAt - Environment.TickCount64) / 1000, 0, seconds);
            }

            response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={seconds}, stale-while-revalidate={seconds}");
            response.Headers.Vary = _vary;
            response.Headers.ETag = etag;
            if (encoding is not null)
            {
                response.Headers.ContentEncoding = encoding;
            }

            if (NotModified(http.Request))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.Headers.Remove(HeaderNames.ContentType);
                response.Headers.Remove(HeaderNames.ContentEncoding);
                return Task.CompletedTask;
            }

            response.ContentLength = bytes.Length;
            return HttpMethods.IsHead(http.Request.Method)
                ? Task.CompletedTask
                : response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
        }

        /// <summary>
        /// A strong tag per representation for tags made from the content; an endpoint's own tag (the read API's
        /// revision tag, which <c>If-Match</c> on writes expects) stays the same whatever the coding.
        /// </summary>
        private string Tagged(string coding) => _etagFromEndpoint ? _etag : string.Concat(_etag.AsSpan(0, _etag.Length - 1), "-", coding, "\"");

        private bool NotModified(HttpRequest request)
        {
            var ifNoneMatch = request.Headers.IfNoneMatch;
            if (ifNoneMatch.Count > 0)
            {
                // Weak comparison (RFC 9110 13.1.2), and a tag of any coding of the same bytes names them.
                var plain = _etag.Trim('"');
                foreach (var tag in ifNoneMatch.SelectMany(v => (v ?? string.Empty).Split(',')))
                {
                    var candidate = tag.Trim();
                    candidate = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                    candidate = candidate.Trim('"');
                    if (candidate == "*" || candidate == plain || candidate == plain + "-br" || candidate == plain + "-gz")
                    {
                        return true;
                    }
                }

                return false;
            }

            return _lastModified is { } modified
                && DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
                && modified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
        }

        private static string? ChooseEncoding(StringValues acceptEncoding)
        {
            bool brotli = false, gzip = false;
            foreach (var value in acceptEncoding)
            {
                if (value is null || !StringWithQualityHeaderValue.TryParseList([value], out var codings))
                {
                    continue;
                }

                foreach (var coding in codings)
                {
                    if (coding.Quality is 0)
                    {
                        continue;
                    }

                    brotli |= coding.Value.Equals("br", StringComparison.OrdinalIgnoreCase);
                    gzip |= coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase);
                }
            }

            return brotli ? "br" : gzip ? "gzip" : null;
        }

        private static byte[] Compress(byte[] bytes, Func<Stream, Stream> compressor)
        {
            using var output = new MemoryStream();
            using (var stream = compressor(output))
            {
                stream.Write(bytes);
            }

            return output.ToArray();
        }
    }
}

/// <summary>Compression and the page cache, in the order they must run.</summary>
internal static class PageCacheSetup
{
    public static IServiceCollection AddPageCache(this IServiceCollection services)
    {
        services.AddSingleton<ContentFreshness>();
        services.AddSingleton<PageCache>();
        services.AddResponseCompression(options =>
        {
            // Only public answers reach the compressor (admin pages are left out below), and they hold no secret
            // for a BREACH attack to guess, so HTTPS answers are compressed too.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/atom+xml", "application/problem+json", "image/svg+xml"];
        });
        // What is compressed per request (search, assets) is compressed quickly; kept pages were compressed once.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// The cache, which codes what it keeps itself, then compression for everything else but the admin pages (whose
    /// forms carry antiforgery tokens: BREACH).
    /// </summary>
    public static WebApplication UsePageCache(this WebApplication app)
    {
        // The cache first, so that an answer it holds goes out without passing through the compressor at all.
        var cache = app.Services.GetRequiredService<PageCache>();
        app.Use(cache.InvokeAsync);
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/admin"), branch => branch.UseResponseCompression());
        return app;
    }
}
