using System.Globalization;
using Hexapla.Content;

namespace Hexapla.Translation;

/// <summary>
/// Keeps the segment ids of versions stable across edits, and links translation segments to the original's.
/// </summary>
/// <remarks>
/// Ids follow the text: a segment whose text is unchanged keeps its id wherever it moves (a longest common
/// subsequence of fingerprints); a changed segment between two unchanged ones keeps the id of the segment it
/// replaced in that place; anything else gets a new id. So editing paragraph 5 leaves every other id alone, and
/// paragraph 5 keeps its id with a new fingerprint — which is how its translations become outdated.
/// </remarks>
public static class Segmentation
{
    /// <summary>
    /// <paramref name="next"/> with its segment ids worked out against <paramref name="previous"/> (its stored
    /// state, or null for a new version); unchanged when the body did not change and segments are known.
    /// </summary>
    public static LanguageVersion WithSegments(LanguageVersion next, LanguageVersion? previous)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (previous is not null && previous.Body == next.Body && previous.Segments.Count > 0)
        {
            return next with { Segments = previous.Segments };
        }

        var hashes = Segmenter.Split(next.Body).Select(s => s.Hash).ToList();
        return next with { Segments = AssignIds(previous?.Segments ?? [], hashes) };
    }

    /// <summary>
    /// Links a translation written now against <paramref name="original"/>: segments that kept their id keep their
    /// link; one whose text changed answers its source as it is now (its fingerprint becomes the source's current one, and
    /// machine output rewritten is no longer marked as such), one left alone keeps its fingerprint; new segments are linked by position to the
    /// original's segment in the same place, as translated from its current text.
    /// </summary>
    public static LanguageVersion WithLinks(LanguageVersion translation, LanguageVersion? previous, LanguageVersion original)
    {
        ArgumentNullException.ThrowIfNull(translation);
        ArgumentNullException.ThrowIfNull(original);
        var kept = (previous?.Links ?? []).ToDictionary(l => l.Id);
        var previousHashes = (previous?.Segments ?? []).ToDictionary(s => s.Id, s => s.Hash);
        var links = new List<SegmentLink>();
        for (var i = 0; i < translation.Segments.Count; i++)
        {
            var id = translation.Segments[i].Id;
            if (kept.TryGetValue(id, out var link))
            {
                // A segment a person rewrote answers the source as it is now: machine output is theirs, and an outdated
                // paragraph they changed is translated from the current original. One they left alone stays as it was.
                var edited = previousHashes.TryGetValue(id, out var was) && was != translation.Segments[i].Hash;
                var source = edited ? original.Segments.FirstOrDefault(s => s.Id == link.SourceId) : null;
                links.Add(edited ? link with { Machine = false, SourceHash = source?.Hash ?? link.SourceHash } : link);
            }
            else if (i < original.Segments.Count)
            {
                links.Add(new SegmentLink(id, original.Segments[i].Id, original.Segments[i].Hash));
            }
        }

        return translation with { Links = links };
    }

    /// <summary>Links every segment of a translation by position to the original as it is now (an import of a finished translation).</summary>
    public static LanguageVersion LinkByPosition(LanguageVersion translation, LanguageVersion original)
    {
        ArgumentNullException.ThrowIfNull(translation);
        ArgumentNullException.ThrowIfNull(original);
        var count = Math.Min(translation.Segments.Count, original.Segments.Count);
        return translation with
        {
            Links = [.. Enumerable.Range(0, count).Select(i => new SegmentLink(translation.Segments[i].Id, original.Segments[i].Id, original.Segments[i].Hash))],
        };
    }

    /// <summary>Ids for segments with fingerprints <paramref name="hashes"/>, given the previous segments.</summary>
    public static IReadOnlyList<SegmentRef> AssignIds(IReadOnlyList<SegmentRef> previous, IReadOnlyList<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(hashes);
        var ids = new string?[hashes.Count];

        // Unchanged segments: a longest common subsequence of fingerprints.
        var lengths = new int[previous.Count + 1, hashes.Count + 1];
        for (var i = previous.Count - 1; i >= 0; i--)
        {
            for (var j = hashes.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = previous[i].Hash == hashes[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var anchors = new List<(int Old, int New)>();
        for (int i = 0, j = 0; i < previous.Count && j < hashes.Count;)
        {
            if (previous[i].Hash == hashes[j])
            {
                anchors.Add((i, j));
                ids[j] = previous[i].Id;
                i++;
                j++;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        // Changed segments: within each gap between anchors, pair old and new by position.
        anchors.Add((previous.Count, hashes.Count));
        var (oldStart, newStart) = (0, 0);
        foreach (var (oldEnd, newEnd) in anchors)
        {
            for (int o = oldStart, n = newStart; o < oldEnd && n < newEnd; o++, n++)
            {
                ids[n] = previous[o].Id;
            }

            (oldStart, newStart) = (oldEnd + 1, newEnd + 1);
        }

        // New segments: numbers never used in this version before.
        var next = previous.Select(s => int.TryParse(s.Id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var result = new List<SegmentRef>(hashes.Count);
        for (var j = 0; j < hashes.Count; j++)
        {
            result.Add(new SegmentRef(ids[j] ?? string.Create(CultureInfo.InvariantCulture, $"s{next++}"), hashes[j]));
        }

        return result;
    }
}
