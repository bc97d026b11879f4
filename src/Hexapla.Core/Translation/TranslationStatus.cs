using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Translation;

/// <summary>Where a translation stands against its original, segment by segment.</summary>
/// <param name="Language">The translation's language.</param>
/// <param name="Source">The original's language.</param>
/// <param name="State">The translation's workflow state; null when the translation does not exist yet.</param>
/// <param name="Total">Segments of the original.</param>
/// <param name="UpToDate">Original segments whose translation was made from their current text.</param>
/// <param name="Outdated">Ids of original segments changed since they were translated.</param>
/// <param name="Missing">Ids of original segments with no translation.</param>
public sealed record TranslationStatus(
    LanguageTag Language, LanguageTag Source, VersionState? State, int Total, int UpToDate,
    IReadOnlyList<string> Outdated, IReadOnlyList<string> Missing)
{
    /// <summary>True when every segment of the original is translated from its current text.</summary>
    public bool IsUpToDate => State is not null && Outdated.Count == 0 && Missing.Count == 0;

    /// <summary>The status of <paramref name="language"/> in <paramref name="document"/> (which may lack it).</summary>
    public static TranslationStatus Of(Document document, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(document);
        // Against the newest original (a correction in its working copy outdates the translations' paragraphs at once),
        // with the translation's own links: for a live translation the live text's, so a paragraph stays outdated until
        // the working copy that answers it is published (or someone keeps it as is).
        var original = document.Version(document.OriginalLanguage)?.Latest;
        var source = original?.Segments ?? [];
        var translation = document.Version(language);
        if (translation is null)
        {
            return new TranslationStatus(language, document.OriginalLanguage, null, source.Count, 0, [], [.. source.Select(s => s.Id)]);
        }

        var links = translation.Links.GroupBy(l => l.SourceId).ToDictionary(g => g.Key, g => g.ToList());
        var outdated = new List<string>();
        var missing = new List<string>();
        var upToDate = 0;
        foreach (var segment in source)
        {
            if (!links.TryGetValue(segment.Id, out var linked))
            {
                missing.Add(segment.Id);
            }
            else if (linked.All(l => l.SourceHash == segment.Hash))
            {
                upToDate++;
            }
            else
            {
                outdated.Add(segment.Id);
            }
        }

        return new TranslationStatus(language, document.OriginalLanguage, translation.State, source.Count, upToDate, outdated, missing);
    }
}
