using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Editorial;

/// <summary>Translation status: marking segments of a translation as brought up to date with the original.</summary>
public sealed partial class Newsroom
{
    /// <summary>
    /// Keeps segments of a translation as they are although their source changed ("keep as is": a typo fix in the
    /// original needs no change in the translation): each link whose own segment id is in <paramref name="segmentIds"/>
    /// gets the fingerprint of the original's newest text of the segment it translates. An explicit decision with a
    /// <paramref name="note"/>, by a translator of the language or an editor: no text changes and no revision is written
    /// (the links of the live text, and of a working copy over it, change in place); the audit log and the version's
    /// history get a <c>version.keep</c> entry with the note. Ids that are not linked or not outdated are ignored.
    /// </summary>
    /// <returns>The version as stored.</returns>
    /// <exception cref="EditConflictException"><paramref name="expectedRevision"/> is not the newest revision.</exception>
    /// <exception cref="EditorialException">NotFound for no such version; Forbidden when the actor may not edit the
    /// language; Invalid for the original itself, without a note, or when none of the ids is outdated.</exception>
    public async Task<LanguageVersion> MarkSegmentsCurrentAsync(
        User actor, string slug, LanguageTag language, IReadOnlyCollection<string> segmentIds, int expectedRevision, string? note,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentIds);
        var (document, current) = await LoadAsync(actor, slug, language, cancellationToken);
        Require(actor, actor.CanEdit(document.OriginalLanguage, language), $"edit the {language} version of \"{slug}\"");
        if (language == document.OriginalLanguage || document.Version(document.OriginalLanguage)?.Latest is not { } original)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"The {language} version of \"{slug}\" is not a translation.");
        }

        if (expectedRevision != current.Latest.Revision)
        {
            throw new EditConflictException(current, expectedRevision);
        }

        var why = Note(note, "note") ?? throw new EditorialException(EditorialErrorKind.Invalid,
            "Keeping a paragraph as is is a decision: say why its translation needs no change (for example \"typo fix in the original\").") { Field = "note" };
        var hashes = original.Segments.ToDictionary(s => s.Id, s => s.Hash);
        var wanted = segmentIds.ToHashSet(StringComparer.Ordinal);
        var marked = new SortedSet<string>(StringComparer.Ordinal);
        IReadOnlyList<SegmentLink> Keep(IReadOnlyList<SegmentLink> links) => [.. links.Select(link =>
        {
            if (wanted.Contains(link.Id) && hashes.TryGetValue(link.SourceId, out var hash) && hash != link.SourceHash)
            {
                marked.Add(link.Id);
                return link with { SourceHash = hash };
            }

            return link;
        })];
        var next = current with { Links = Keep(current.Links), Working = current.Working is { } work ? work with { Links = Keep(work.Links) } : null };
        if (marked.Count == 0)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"None of the segments {string.Join(", ", wanted)} of the {language} version of \"{slug}\" is outdated.");
        }

        var now = Now();
        var detail = $"kept as is: {string.Join(", ", marked)}: {why}";
        return await WriteAsync(actor, slug, current, next, "version.keep", detail, now, cancellationToken);
    }
}
