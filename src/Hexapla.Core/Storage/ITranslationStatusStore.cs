using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Storage;

/// <summary>What the translation status pages read besides <see cref="IContentStore"/>: every document, and revisions with their segments.</summary>
public interface ITranslationStatusStore
{
    /// <summary>Every document with all its versions in any state, ordered by slug.</summary>
    Task<IReadOnlyList<Document>> ListAllDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The kept revisions of a version with the segment ids they had, newest first; a revision stored before segments
    /// were kept has an empty <see cref="RevisionSegments.Segments"/>. Empty for no such version.
    /// </summary>
    Task<IReadOnlyList<RevisionSegments>> ListRevisionSegmentsAsync(string slug, LanguageTag language, CancellationToken cancellationToken = default);
}

/// <summary>One revision's body and the segment ids it had.</summary>
/// <param name="Revision">The revision number.</param>
/// <param name="Body">The body in Markdown.</param>
/// <param name="Segments">Its segments in order (as <see cref="Segmenter.Split"/> finds them in <paramref name="Body"/>); empty when not recorded.</param>
public sealed record RevisionSegments(int Revision, string Body, IReadOnlyList<SegmentRef> Segments)
{
    /// <summary>
    /// The text this revision had for the segment <paramref name="id"/> with fingerprint <paramref name="hash"/>, or null.
    /// Without recorded ids any segment with that fingerprint will do.
    /// </summary>
    public string? TextOf(string id, string hash)
    {
        var split = Segmenter.Split(Body);
        for (var i = 0; i < Segments.Count && i < split.Count; i++)
        {
            if (Segments[i].Id == id && Segments[i].Hash == hash)
            {
                return split[i].Text;
            }
        }

        return Segments.Count == 0 ? split.FirstOrDefault(s => s.Hash == hash)?.Text : null;
    }
}
