using Hexapla.Languages;
using Hexapla.Media;

namespace Hexapla.Storage;

/// <summary>
/// Content to store as a blob: its checksum and size known in advance (an upload is hashed while it is spooled to a
/// temporary file and checked there), and a way to read it once.
/// </summary>
/// <param name="Sha256">SHA-256 of the bytes, lower-case hex. The store trusts it: callers compute it from the bytes.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Open">Opens the bytes for reading from the start; the store disposes the stream.</param>
public sealed record BlobContent(string Sha256, long Size, Func<Stream> Open)
{
    /// <summary>Content held in memory (renditions, tests).</summary>
    public static BlobContent Of(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new BlobContent(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes.Length, () => new MemoryStream(bytes, writable: false));
    }
}

/// <summary>A new item: its kind and original language, its original file and its first texts.</summary>
public sealed record NewMediaItem(MediaKind Kind, LanguageTag OriginalLanguage, MediaFile File, BlobContent Content, IReadOnlyList<MediaText> Texts);

/// <summary>What the library lists: a text to find in names and texts, a kind, a language with files or texts, a page.</summary>
public sealed record MediaFilter(string? Text = null, MediaKind? Kind = null, LanguageTag? Language = null, int Offset = 0, int Limit = 50);

/// <summary>A page of the library, newest first, with the total that matched.</summary>
public sealed record MediaListPage(long Total, IReadOnlyList<MediaItem> Items);

/// <summary>A stored blob as <c>hexapla check</c> sees it.</summary>
/// <param name="Sha256">Its name.</param>
/// <param name="Size">The size recorded for it.</param>
/// <param name="Referenced">True when a file or rendition refers to it.</param>
public sealed record StoredBlob(string Sha256, long Size, bool Referenced);

/// <summary>The media library's storage: items, files per language, texts per language, blobs, renditions, uses.</summary>
/// <remarks>
/// Every write is one transaction that also moves the store's generation on and logs the documents using the item as
/// changed, so cached pages and the search index follow. Uses are written by the content store with each revision.
/// </remarks>
public interface IMediaStore
{
    /// <summary>Stores a new item with its original file (the blob once, whoever else has the same bytes) and texts.</summary>
    Task<MediaItem> CreateMediaAsync(NewMediaItem item, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The item with its files and texts; null when there is none.</summary>
    Task<MediaItem?> FindMediaAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The items of <paramref name="ids"/> that exist, by id.</summary>
    Task<IReadOnlyDictionary<long, MediaItem>> FindMediaAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);

    /// <summary>A page of the library, newest first.</summary>
    Task<MediaListPage> ListMediaAsync(MediaFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the file of <paramref name="file"/>'s language; the new generation, null when there is no such item.</summary>
    Task<long?> SaveMediaFileAsync(long id, MediaFile file, BlobContent content, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Removes a language variant (never the original's file); the new generation, null when there was none.</summary>
    Task<long?> DeleteMediaFileAsync(long id, LanguageTag language, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets texts: each of <paramref name="texts"/> replaces that language's text of its field, and an empty
    /// <see cref="MediaText.Text"/> removes it. The new generation, null when there is no such item.
    /// </summary>
    Task<long?> SaveMediaTextsAsync(long id, IReadOnlyList<MediaText> texts, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears the focal point; the new generation, null when there is no such item.</summary>
    Task<long?> SetFocalPointAsync(long id, FocalPoint? focal, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the item with its files and texts (and blobs nobody else uses), unless a live text or working copy uses
    /// it: then nothing is deleted and the uses are returned. Null when there was no such item.
    /// </summary>
    Task<IReadOnlyList<MediaUse>?> DeleteMediaAsync(long id, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The versions whose live text or working copy uses the item, by slug and language.</summary>
    Task<IReadOnlyList<MediaUse>> ListMediaUsesAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>True when a version public at <paramref name="now"/> uses the item in the text readers get.</summary>
    Task<bool> IsMediaPublicAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored blob for reading (seekable, so ranges can be served); null when there is none.</summary>
    Task<Stream?> OpenBlobAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>The rendition kept under <paramref name="key"/>, null when none has been made.</summary>
    Task<MediaRendition?> FindRenditionAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keeps a rendition (its blob once); a rendition already kept under the key stays as it is.</summary>
    Task SaveRenditionAsync(MediaRendition rendition, BlobContent content, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>Every blob with its recorded size and whether anything refers to it, by name.</summary>
    IAsyncEnumerable<StoredBlob> ListBlobsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes blobs nothing refers to; how many were deleted.</summary>
    Task<int> DeleteOrphanBlobsAsync(CancellationToken cancellationToken = default);
}
