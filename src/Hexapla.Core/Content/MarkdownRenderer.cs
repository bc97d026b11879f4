using Ganss.Xss;
using Markdig;

namespace Hexapla.Content;

/// <summary>Renders a version's Markdown body to HTML that is safe to put in a page.</summary>
/// <remarks>
/// Raw HTML in the Markdown is shown as text, never executed, and the rendered HTML goes through an allow-list
/// sanitizer, so <c>javascript:</c> links, event handlers and <c>&lt;script&gt;</c> never reach a reader.
/// Thread-safe.
/// </remarks>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The HTML for <paramref name="markdown"/>; an empty string for an empty body.</summary>
    /// <remarks>
    /// Markdown nested deeper than any document needs (more than a hundred quotes or list items opened on one line, or
    /// deeper than Markdig allows) is shown as escaped text in one paragraph, rather than failing or stalling the page.
    /// </remarks>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        // Text stored before the entrance rule: the page shows what the feed does (EnteringText.ForXml).
        markdown = EnteringText.ForXml(markdown);
        var asText = $"<p>{HtmlText.Escape(markdown.Trim())}</p>";
        string html;
        try
        {
            html = MarkdownNesting.IsTooDeep(markdown) ? asText : Markdown.ToHtml(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit: the only argument it can object to once the text is not null.
            html = asText;
        }

        return Sanitizer.Sanitize(html);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        return sanitizer;
    }
}
