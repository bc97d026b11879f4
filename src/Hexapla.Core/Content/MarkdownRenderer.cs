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
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        return sanitizer;
    }
}
