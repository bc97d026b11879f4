using Hexapla.Content;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Editorial;

/// <summary>Feeding the translation memory from approved and published translations.</summary>
public sealed partial class Newsroom
{
    /// <summary>
    /// Adds the current segment pairs (paragraphs, and aligned sentences within them) of every approved or published
    /// translation of <paramref name="document"/> to the translation memory; pairs already held are left as they are.
    /// </summary>
    /// <returns>How many pairs were new; 0 when the store keeps no translation memory.</returns>
    public Task<int> FeedMemoryAsync(Document document, CancellationToken cancellationToken = default) =>
        FeedMemoryAsync(store as ITranslationMemory, [document], Now(), cancellationToken);

    /// <summary>
    /// Adds the segment pairs of the approved or published translations in <paramref name="documents"/> to
    /// <paramref name="memory"/> (see <see cref="SegmentPairs.MemoryUnits"/>); does nothing when it is null.
    /// </summary>
    /// <remarks>The memory is derived data written after the documents' own transaction: a failure here loses pairs, never documents.</remarks>
    /// <returns>How many pairs were new.</returns>
    public static async Task<int> FeedMemoryAsync(
        ITranslationMemory? memory, IReadOnlyList<Document> documents, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (memory is null)
        {
            return 0;
        }

        var units = documents.SelectMany(d => SegmentPairs.MemoryUnits(d, now)).ToList();
        return await memory.AddAsync(units, cancellationToken);
    }

    // Approving or publishing a translation (or publishing a new text of a published one) feeds its pairs; so does
    // approving or publishing the original, for the translations already approved or published.
    private async Task FeedMemoryAfterWriteAsync(Document? stored, LanguageVersion written, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stored is not null && (written.State is VersionState.Approved or VersionState.Published || written.Working?.State is VersionState.Approved))
        {
            await FeedMemoryAsync(store as ITranslationMemory, [stored], now, cancellationToken);
        }
    }
}
