using Hexapla.Content;
using Hexapla.Media;
using Hexapla.Storage;

namespace Hexapla.Search;

/// <summary>
/// Which files' text is indexed with a public version: the files its live text links (<c>media:ID</c>), as a reader of
/// that version gets them.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The file a version links is the item's variant in the version's language, else the original's
/// (<see cref="MediaItem.FileFor"/>); its text, when it has one, is indexed with the version, analysed as the file's own
/// language (a Russian original linked from an English page is analysed as Russian: English stemming would find none
/// of its words).</item>
/// <item>An original in another language is left out when a public version of the same document in that language
/// links the item too: its words then lead to that version, and not to every translation as well.</item>
/// <item>Only public versions are indexed at all, so a file linked only by a draft, an embargoed version or a working
/// copy is found by no search. A file without text (scanned, encrypted: <see cref="MediaFile.TextNote"/>) adds nothing.</item>
/// <item>A version whose text has no <c>media:</c> costs no store query.</item>
/// </list>
/// </remarks>
internal static class MediaAttachments
{
    private static readonly IReadOnlyDictionary<long, MediaItem> None = new Dictionary<long, MediaItem>();

    /// <summary>The items the public versions of <paramref name="documents"/> link, by id; empty without a store query when none links any.</summary>
    public static async Task<IReadOnlyDictionary<long, MediaItem>> ReadAsync(
        IMediaStore? store, IReadOnlyList<Document> documents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return None;
        }

        HashSet<long>? ids = null;
        foreach (var document in documents)
        {
            foreach (var version in document.Versions)
            {
                if (version.IsPublicAt(now))
                {
                    foreach (var id in MediaReferences.In(version.Body))
                    {
                        (ids ??= []).Add(id);
                    }
                }
            }
        }

        return ids is null ? None : await store.FindMediaAsync(ids, cancellationToken);
    }

    /// <summary>
    /// The files whose text goes with <paramref name="version"/>, one of <paramref name="publicVersions"/> (its
    /// document's), in order of first use.
    /// </summary>
    public static IReadOnlyList<MediaFile> Of(LanguageVersion version, IReadOnlyList<LanguageVersion> publicVersions, IReadOnlyDictionary<long, MediaItem> media)
    {
        List<MediaFile>? files = null;
        foreach (var id in MediaReferences.In(version.Body))
        {
            if (!media.TryGetValue(id, out var item))
            {
                continue;
            }

            var file = item.FileFor(version.Language);
            if (file.Text is null)
            {
                continue;
            }

            if (file.Language != version.Language
                && publicVersions.Any(v => v.Language == file.Language && MediaReferences.In(v.Body).Contains(id)))
            {
                continue;
            }

            (files ??= []).Add(file);
        }

        return files ?? (IReadOnlyList<MediaFile>)[];
    }
}
