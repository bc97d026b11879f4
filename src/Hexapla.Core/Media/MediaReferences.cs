using Hexapla.Content;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hexapla.Media;

/// <summary>Finds the media items a Markdown text uses: images and links whose address is <c>media:ID</c>.</summary>
/// <remarks>
/// Read as the page renders it (the same Markdown dialect), so <c>media:7</c> inside code or as plain words is not a use.
/// Reference links count (<c>[photo][p]</c> with <c>[p]: media:7</c>). Texts without the word <c>media:</c> are answered
/// without parsing, so an import pays for the parse only where media appear.
/// </remarks>
public static class MediaReferences
{
    /// <summary>The scheme of media addresses in Markdown, colon included.</summary>
    public const string Scheme = "media:";

    /// <summary>The distinct ids <paramref name="markdown"/> refers to, in order of first use.</summary>
    public static IReadOnlyList<long> In(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown) || !markdown.Contains(Scheme, StringComparison.OrdinalIgnoreCase) || MarkdownRenderer.ShownAsText(markdown))
        {
            return [];
        }

        var ids = new List<long>();
        var document = Markdown.Parse(markdown, MarkdownRenderer.Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (TryParse(link.Url, out var id) && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The id in <paramref name="url"/> when it is <c>media:ID</c> (ID a positive whole number), else false.</summary>
    public static bool TryParse(string? url, out long id)
    {
        id = 0;
        if (url is null || !url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var digits = url.AsSpan(Scheme.Length);
        return digits.Length is > 0 and <= 18 && !digits.ContainsAnyExceptInRange('0', '9') &&
            long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
