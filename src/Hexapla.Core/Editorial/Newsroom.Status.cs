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
    /// Marks segments of a translation as translated from the original's current text: each link whose own segment id is
    /// in <paramref name="segmentIds"/> gets the current fingerprint of the source segment it translates. The text does
    /// not change, but the version gets a new revision (compare-and-set on <paramref name="expectedRevision"/>) and the
    /// audit log a <c>version.mark-current</c> entry; the state is kept, so a translator may mark a published
    /// translation's segments done. Ids that are not linked, or whose source segment no longer exists, are ignored.
    /// </summary>
    /// <returns>The version as stored.</returns>
    /// <exception cref="EditConflictException"><paramref name="expectedRevision"/> is not the current revision.</exception>
    /// <exception cref="EditorialException">NotFound for no such version; Forbidden when the actor may not edit the
    /// language; Invalid for the original itself or when none of the ids could be marked.</exception>
    public async Task<LanguageVersion> MarkSegmentsCurrentAsync(
        User actor, string slug, LanguageTag language, IReadOnlyCollection<string> segmentIds, int expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentIds);
        var (document, current) = await LoadAsync(actor, slug, language, cancellationToken);
        Require(actor, actor.CanEdit(document.OriginalLanguage, language), $"edit the {language} version of \"{slug}\"");
        if (language == document.OriginalLanguage || document.Version(document.OriginalLanguage) is not { } original)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"The {language} version of \"{slug}\" is not a translation.");
        }

        if (expectedRevision != current.Revision)
        {
            throw new EditConflictException(current, expectedRevision);
        }

        var hashes = original.Segments.ToDictionary(s => s.Id, s => s.Hash);
        var wanted = segmentIds.ToHashSet(StringComparer.Ordinal);
        var marked = new List<string>();
        var links = current.Links.Select(link =>
        {
            if (wanted.Contains(link.Id) && hashes.TryGetValue(link.SourceId, out var hash) && hash != link.SourceHash)
            {
                marked.Add(link.Id);
                return link with { SourceHash = hash };
            }

            return link;
        }).ToList();
        if (marked.Count == 0)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"None of the segments {string.Join(", ", wanted)} of the {language} version of \"{slug}\" is outdated.");
        }

        var now = Now();
        var next = current with { Links = links, Revision = current.Revision + 1, SourceRevision = original.Revision, UpdatedAt = now };
        var detail = string.Create(CultureInfo.InvariantCulture, $"revision {next.Revision}: {string.Join(", ", marked)}");
        return await WriteAsync(actor, slug, current, next, "version.mark-current", detail, now, cancellationToken);
    }
}
