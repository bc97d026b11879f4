using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;

namespace Hexapla.Site;

/// <summary>
/// The media items a rendered text needs, found in one batch per page (feed, comparison, preview), and the
/// <see cref="MediaRendering"/> that renders them in a language with the site's words.
/// </summary>
/// <remarks>
/// Items are looked up, not checked for being public: a public page renders only public versions, whose uses make the
/// item public (the media route decides what it serves, in one place); an editor's preview shows what the draft uses.
/// The page cache stays right because every media write moves the store's generation on.
/// </remarks>
internal static class PageMedia
{
    private static readonly IReadOnlyDictionary<long, MediaItem> None = new Dictionary<long, MediaItem>();

    /// <summary>The items that <paramref name="bodies"/> use (<see cref="MediaReferences.In"/>), by id; those that exist.</summary>
    public static async Task<IReadOnlyDictionary<long, MediaItem>> FindAsync(IContentStore store, IEnumerable<string?> bodies, CancellationToken cancellationToken)
    {
        var ids = bodies.SelectMany(MediaReferences.In).Distinct().ToList();
        if (ids.Count == 0 || store is not IMediaStore media)
        {
            return None;
        }

        return await media.FindMediaAsync(ids, cancellationToken);
    }

    /// <summary>
    /// Renders a text in <paramref name="content"/> with <paramref name="items"/> (none: every item a placeholder) and
    /// <paramref name="text"/>'s words; <paramref name="baseUrl"/> makes media addresses absolute (feeds).
    /// </summary>
    public static MediaRendering For(LanguageTag content, SiteText text, IReadOnlyDictionary<long, MediaItem>? items, string? baseUrl = null) => new()
    {
        Language = content,
        Items = items ?? None,
        Words = text,
        BaseUrl = baseUrl,
    };
}
