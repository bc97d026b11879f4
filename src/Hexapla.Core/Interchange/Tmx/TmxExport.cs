using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Interchange.Tmx;

/// <summary>What a TMX export wrote.</summary>
/// <param name="Documents">Documents with at least one pair.</param>
/// <param name="Paragraphs">Paragraph units.</param>
/// <param name="Sentences">Sentence units.</param>
public sealed record TmxExportReport(int Documents, int Paragraphs, int Sentences);

/// <summary>The published archive of one language pair as TMX: a parallel corpus.</summary>
public static class TmxExport
{
    /// <summary>
    /// Writes to <paramref name="stream"/> the pairs (<see cref="SegmentPairs.Of"/>) of every document in which both
    /// <paramref name="source"/> and <paramref name="target"/> are public at <paramref name="now"/> and one of them is the
    /// original; when the original is <paramref name="target"/>, each pair is turned round. Drafts, embargoed and
    /// unpublished versions are never read into it.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="source">The file's source language.</param>
    /// <param name="target">The file's target language.</param>
    /// <param name="stream">Where the TMX goes.</param>
    /// <param name="now">What counts as public, and the header's date.</param>
    /// <param name="progress">Told the number of documents looked at so far.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    public static async Task<TmxExportReport> WriteAsync(
        IContentStore store, LanguageTag source, LanguageTag target, Stream stream, DateTimeOffset now,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var documents = new List<TmxDocument>();
        var seen = 0;
        await foreach (var document in store.StreamPublishedDocumentsAsync(now, cancellationToken))
        {
            progress?.Report(++seen);
            if (document.Version(source) is not { } s || !s.IsPublicAt(now) || document.Version(target) is not { } t || !t.IsPublicAt(now))
            {
                continue;
            }

            IReadOnlyList<SegmentPair> pairs = document.OriginalLanguage == source ? SegmentPairs.Of(document, target)
                : document.OriginalLanguage == target ? [.. SegmentPairs.Of(document, source).Select(p => p with { Source = p.Target, Target = p.Source })]
                : [];
            if (pairs.Count > 0)
            {
                documents.Add(new TmxDocument(document.Slug, pairs));
            }
        }

        TmxWriter.Write(stream, source, target, documents, now);
        var all = documents.SelectMany(d => d.Pairs).ToList();
        return new TmxExportReport(documents.Count, all.Count(p => p.Unit == PairUnit.Paragraph), all.Count(p => p.Unit == PairUnit.Sentence));
    }
}
