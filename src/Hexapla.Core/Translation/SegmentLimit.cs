using System.Globalization;
using Hexapla.Content;
using Hexapla.Interchange;

namespace Hexapla.Translation;

/// <summary>
/// The most segments (paragraphs, headings, list items, table cells) one language version may have: the setting
/// <c>Hexapla:Limits:SegmentsPerDocument</c>, <see cref="Default"/> unless set. Every segment is a unit of translation
/// status, XLIFF and memory, so a version of tens of thousands is refused rather than slowing every page that shows it.
/// </summary>
public static class SegmentLimit
{
    /// <summary>The limit when the setting does not say.</summary>
    public const int Default = 5_000;

    /// <summary>The setting's name, for messages.</summary>
    public const string Setting = "Hexapla:Limits:SegmentsPerDocument";

    /// <summary>
    /// Why <paramref name="version"/> (with its segments assigned) is refused, or null: more segments than
    /// <paramref name="max"/>, or Markdown nested too deep or too costly to read as Markdown (<see cref="MarkdownCost"/>; it
    /// would show as plain text, and the search index and XLIFF export could not read it).
    /// </summary>
    public static string? Problem(string slug, LanguageVersion version, int max)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Segments.Count > max)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The {version.Language} version of \"{slug}\" has {version.Segments.Count:N0} segments (paragraphs, headings, list items, table cells); the limit ({Setting}) is {max:N0}.");
        }

        // The cost first: Markdig's own reading (in Parses) of a costly body is what the check is there to avoid.
        var costly = MarkdownNesting.IsTooDeep(version.Body) ? null : MarkdownCost.Problem(version.Body);
        if (costly is not null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The {version.Language} version of \"{slug}\" has {costly}.");
        }

        return MarkdownNesting.IsTooDeep(version.Body) || !MarkdownNesting.Parses(version.Body)
            ? string.Create(CultureInfo.InvariantCulture,
                $"The {version.Language} version of \"{slug}\" nests quotes, lists, links or emphasis too deep to read as Markdown (at most {MarkdownNesting.MaxContainers} quotes or list items on one line).")
            : null;
    }

    /// <summary>An error for each imported version of <paramref name="document"/> over <paramref name="max"/>, naming its file.</summary>
    public static IEnumerable<ImportError> ImportErrors(Document document, IEnumerable<ParsedVersion> incoming, int max)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var parsed in incoming)
        {
            if (document.Version(parsed.Language) is { } version && Problem(document.Slug, version, max) is { } problem)
            {
                yield return new ImportError(parsed.Source, null, problem);
            }
        }
    }
}
