using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Translation;

/// <summary>Whether a pair is a whole segment (paragraph, heading, list item, cell) or sentences from one.</summary>
public enum PairUnit
{
    /// <summary>A whole segment and its translation.</summary>
    Paragraph,

    /// <summary>Aligned sentences from within a segment pair.</summary>
    Sentence,
}

/// <summary>A source text and its translation.</summary>
/// <param name="Source">Text in the original's language.</param>
/// <param name="Target">Text in the translation's language.</param>
/// <param name="Unit">Paragraph or sentence.</param>
public sealed record SegmentPair(string Source, string Target, PairUnit Unit);

/// <summary>The segment pairs of a document: what the translation memory and TMX are made of.</summary>
public static class SegmentPairs
{
    /// <summary>
    /// The pairs of <paramref name="translation"/> with its original, in the translation's order: each segment whose
    /// link is current (the original's segment still has the fingerprint it was translated from) as a paragraph pair,
    /// followed, when either side has several sentences, by the aligned sentence pairs within it (groups with a side
    /// empty left out).
    /// </summary>
    /// <returns>None when the document lacks either version or <paramref name="translation"/> is the original.</returns>
    public static IReadOnlyList<SegmentPair> Of(Document document, LanguageTag translation)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(translation);
        if (translation == document.OriginalLanguage
            || document.Version(document.OriginalLanguage) is not { } original
            || document.Version(translation) is not { } version)
        {
            return [];
        }

        var sources = Texts(original);
        var targets = Texts(version);
        var pairs = new List<SegmentPair>();
        foreach (var link in version.Links)
        {
            if (!sources.TryGetValue(link.SourceId, out var source) || source.Hash != link.SourceHash || !targets.TryGetValue(link.Id, out var target))
            {
                continue;
            }

            pairs.Add(new SegmentPair(source.Text, target.Text, PairUnit.Paragraph));
            var sourceSentences = SentenceSplitter.Split(source.Text, document.OriginalLanguage);
            var targetSentences = SentenceSplitter.Split(target.Text, translation);
            if (sourceSentences.Count < 2 && targetSentences.Count < 2)
            {
                continue;
            }

            foreach (var group in SentenceAligner.Align(sourceSentences, targetSentences))
            {
                if (group.SourceCount > 0 && group.TargetCount > 0 && (group.SourceCount < sourceSentences.Count || group.TargetCount < targetSentences.Count))
                {
                    pairs.Add(new SegmentPair(
                        Join(sourceSentences, group.SourceStart, group.SourceCount),
                        Join(targetSentences, group.TargetStart, group.TargetCount),
                        PairUnit.Sentence));
                }
            }
        }

        return pairs;
    }

    /// <summary>
    /// Memory units from every translation of <paramref name="document"/> that is approved or published (and from no
    /// other), with origin <c>document SLUG rN</c>.
    /// </summary>
    public static IReadOnlyList<MemoryUnit> MemoryUnits(Document document, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(document);
        var units = new List<MemoryUnit>();
        foreach (var version in document.Versions)
        {
            if (version.Language == document.OriginalLanguage || version.State is not (VersionState.Approved or VersionState.Published))
            {
                continue;
            }

            var origin = string.Create(CultureInfo.InvariantCulture, $"document {document.Slug} r{version.Revision}");
            units.AddRange(Of(document, version.Language).Select(p => new MemoryUnit(document.OriginalLanguage, version.Language, p.Source, p.Target, origin, now)));
        }

        return units;
    }

    /// <summary>Sentences <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 with a space between each two (groups hold one or two).</summary>
    private static string Join(IReadOnlyList<string> sentences, int start, int count) => count switch
    {
        1 => sentences[start],
        2 => string.Concat(sentences[start], " ", sentences[start + 1]),
        _ => string.Join(' ', Enumerable.Range(start, count).Select(i => sentences[i])),
    };

    private static Dictionary<string, (string Text, string Hash)> Texts(LanguageVersion version)
    {
        var segments = Segmenter.Split(version.Body);
        var texts = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(segments.Count, version.Segments.Count); i++)
        {
            texts[version.Segments[i].Id] = (segments[i].Text, version.Segments[i].Hash);
        }

        return texts;
    }
}
