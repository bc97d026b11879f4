using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Hexapla.Media;
using Hexapla.Storage;

namespace Hexapla.Site.Export;

/// <summary>
/// The media files and renditions an export's pages and feeds refer to, written beside them at the addresses the live
/// site serves them at (<c>media/{id}/{sha16}/{name}</c>, <c>media/{id}/{sha16}-w640.webp</c>…), so a static server
/// answers them as the site would. Only what the written pages refer to goes out, and only items a text public at
/// the export's instant uses (<see cref="IMediaStore.IsMediaPublicAsync"/>): an embargoed statement's PDF stays in.
/// </summary>
/// <remarks>
/// Addresses are taken from the written text (links, <c>src</c>, <c>srcset</c>, feeds' absolute links) and compared
/// with those <see cref="MediaLinks"/> gives for the item, so the rules stay in one place: an address that is not one
/// of them (an old recipe, a mistyped link) is counted as skipped, never guessed at. Renditions come from
/// <see cref="Renditions.GetOrMakeAsync(MediaItem, RenditionRequest, CancellationToken)"/>, which makes a missing one and keeps it, as a first request to the site would.
/// </remarks>
internal sealed partial class ExportedMedia
{
    private readonly ConcurrentDictionary<string, byte> _referenced = new(StringComparer.Ordinal);

    /// <summary>Notes the media addresses in <paramref name="text"/>, a page or feed being written.</summary>
    public void Collect(string text)
    {
        if (!text.Contains("media/", StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match match in Reference().Matches(text))
        {
            _referenced.TryAdd("/" + match.Value, 0);
        }
    }

    /// <summary>How many distinct addresses the written text refers to.</summary>
    public int Count => _referenced.Count;

    /// <summary>
    /// Writes every referenced file and rendition under <paramref name="root"/>; returns how many were written and
    /// how many references were skipped (not public, no such item or address).
    /// </summary>
    public async Task<(int Written, int Skipped)> WriteAsync(
        IContentStore content, DateTimeOffset now, string root, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        if (_referenced.IsEmpty || content is not IMediaStore store)
        {
            return (0, _referenced.Count);
        }

        var byItem = _referenced.Keys.Select(path => (Path: path, Id: IdOf(path))).Where(p => p.Id > 0).ToLookup(p => p.Id, p => p.Path);
        var items = await store.FindMediaAsync([.. byItem.Select(g => g.Key)], cancellationToken);
        var renditions = new Renditions(store, new FixedClock(now));
        var (written, skipped, done) = (0, _referenced.Count - byItem.Sum(g => g.Count()), 0);
        var total = _referenced.Count;
        foreach (var group in byItem.OrderBy(g => g.Key))
        {
            if (!items.TryGetValue(group.Key, out var item) || !await store.IsMediaPublicAsync(item.Id, now, cancellationToken))
            {
                skipped += group.Count();
                progress?.Report((done += group.Count(), total));
                continue;
            }

            foreach (var path in group.Order(StringComparer.Ordinal))
            {
                var sha256 = await BlobOfAsync(item, path, renditions, cancellationToken);
                var file = FileOf(root, path);
                if (sha256 is null || file is null || !await CopyAsync(store, sha256, file, cancellationToken))
                {
                    skipped++;
                }
                else
                {
                    written++;
                }

                progress?.Report((++done, total));
            }
        }

        return (written, skipped);
    }

    /// <summary>The blob behind <paramref name="path"/> if it is one of <paramref name="item"/>'s addresses; renditions made when missing.</summary>
    private static async Task<string?> BlobOfAsync(MediaItem item, string path, Renditions renditions, CancellationToken cancellationToken)
    {
        if (item.Files.FirstOrDefault(f => MediaLinks.File(item, f) == path) is { } file)
        {
            return file.Sha256;
        }

        if (item.Kind != MediaKind.Image || MediaLinks.ServedAsIs(item) || RenditionOf(path) is not { } request || MediaLinks.Rendition(item, request) != path)
        {
            return null;
        }

        try
        {
            return (await renditions.GetOrMakeAsync(item, request, cancellationToken)).Sha256;
        }
        catch (MediaException)
        {
            return null;
        }
        catch (NetVips.VipsException)
        {
            // An image libvips cannot read has no renditions; the page keeps its link, which answers 404.
            return null;
        }
    }

    /// <summary>The rendition an address asks for, read loosely (width, height, format); the caller compares it with <see cref="MediaLinks.Rendition(MediaItem, RenditionRequest)"/>.</summary>
    private static RenditionRequest? RenditionOf(string path)
    {
        var match = RenditionName().Match(path);
        if (!match.Success || !int.TryParse(match.Groups["w"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var width))
        {
            return null;
        }

        int? height = match.Groups["h"].Success && int.TryParse(match.Groups["h"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : null;
        foreach (var format in Enum.GetValues<RenditionFormat>())
        {
            if (MediaLinks.Extension(format) == match.Groups["ext"].Value)
            {
                return new RenditionRequest(width, height, format);
            }
        }

        return null;
    }

    private static long IdOf(string path)
    {
        var id = path.Split('/')[2];
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    /// <summary>
    /// The file answering <paramref name="path"/>: its segments as a static server decodes them (a percent-encoded
    /// file name is written under its decoded name); null for a segment that could leave the folder.
    /// </summary>
    private static string? FileOf(string root, string path)
    {
        var segments = path.TrimStart('/').Split('/').Select(Uri.UnescapeDataString).ToList();
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.IndexOfAny(['/', '\\', '\0']) >= 0))
        {
            return null;
        }

        return Path.Combine([root, .. segments]);
    }

    private static async Task<bool> CopyAsync(IMediaStore store, string sha256, string file, CancellationToken cancellationToken)
    {
        await using var blob = await store.OpenBlobAsync(sha256, cancellationToken);
        if (blob is null)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await blob.CopyToAsync(output, cancellationToken);
        return true;
    }

    // media/{id}/{sha16}/{percent-encoded name} or media/{id}/{sha16}-{recipe}.{ext}, wherever it stands in a link.
    [GeneratedRegex(@"(?<=^|[""'/\s,(])media/[0-9]{1,18}/[0-9a-f]{16}(?:/[A-Za-z0-9%._~-]+|-[0-9a-z.-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex(@"/[0-9a-f]{16}-(?:w(?<w>[0-9]{1,5})|(?<w>[0-9]{1,5})x(?<h>[0-9]{1,5})-[0-9]{1,4}-[0-9]{1,4})\.(?<ext>[a-z]{3,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex RenditionName();

    /// <summary>The export's instant, as the time a rendition made during it is kept at.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
