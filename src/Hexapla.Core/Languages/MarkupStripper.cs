using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Hexapla.Languages;

/// <summary>
/// The prose of a Markdown or HTML text, for <see cref="LanguageDetector"/>: what a reader reads, without the markup and
/// the machine-readable parts that would count as words of some language.
/// </summary>
/// <remarks>
/// Left out: front matter (<c>---</c> or <c>+++</c> at the top), fenced code blocks and code spans, HTML comments,
/// <c>script</c>, <c>style</c>, <c>pre</c> and <c>code</c> elements, HTML tags with their attributes, link and image
/// destinations (their text and alt text stay), reference definitions (<c>[id]: https://…</c>), URLs, e-mail addresses,
/// <c>@</c> handles and dotted names such as <c>config.yml</c> or <c>example.org</c>. Character references are decoded
/// (<c>&amp;eacute;</c> is <c>é</c>). Every pattern runs without backtracking, so the time is linear in the text.
/// </remarks>
internal static partial class MarkupStripper
{
    /// <summary>The prose of <paramref name="text"/>; the text itself when there is nothing to strip.</summary>
    public static string ProseOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var prose = WithoutBlocks(text);
        prose = Elements().Replace(prose, " ");
        prose = Tags().Replace(prose, " ");
        prose = WebUtility.HtmlDecode(prose);

        // Badges nest an image in a link: [![alt](image)](link). The inner one goes first, then the outer.
        for (var pass = 0; pass < 3; pass++)
        {
            var unlinked = Links().Replace(prose, "$1");
            if (unlinked.Length == prose.Length)
            {
                break;
            }

            prose = unlinked;
        }

        prose = CodeSpans().Replace(prose, " ");
        prose = Addresses().Replace(prose, " ");
        return prose;
    }

    /// <summary>The text without front matter, fenced code and reference definitions, line by line.</summary>
    private static string WithoutBlocks(string text)
    {
        var lines = text.Split('\n');
        var kept = new StringBuilder(text.Length);
        var first = 0;
        if (lines.Length > 1 && lines[0].TrimEnd() is "---" or "+++")
        {
            var fence = lines[0].TrimEnd();
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].TrimEnd() == fence || (fence == "---" && lines[i].TrimEnd() == "..."))
                {
                    first = i + 1;
                    break;
                }
            }
        }

        string? codeFence = null;
        for (var i = first; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (codeFence is not null)
            {
                if (trimmed.StartsWith(codeFence, StringComparison.Ordinal) && trimmed.AsSpan(codeFence.Length).TrimStart(codeFence[0]).Trim().IsEmpty)
                {
                    codeFence = null;
                }

                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                var length = trimmed.AsSpan().IndexOfAnyExcept(trimmed[0]);
                codeFence = new string(trimmed[0], length < 0 ? trimmed.Length : length);
                continue;
            }

            if (ReferenceDefinition().IsMatch(line))
            {
                continue;
            }

            kept.Append(line).Append('\n');
        }

        return kept.ToString();
    }

    // Comments and elements whose content is not prose.
    [GeneratedRegex(@"<!--.*?-->|<(script|style|pre|code)\b[^>]*>.*?</(script|style|pre|code)\s*>", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Elements();

    // An HTML tag with its attributes, or an autolink <https://…>, <mailto:…>, <name@host>.
    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?>|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    // [text](destination "title"), ![alt](source), [text][id], [text][]: the text stays.
    [GeneratedRegex(@"!?\[([^\[\]\n]*)\](\([^()\n]*\)|\[[^\[\]\n]*\])", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Links();

    [GeneratedRegex(@"^ {0,3}\[[^\]\n]+\]:\s*\S+", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"``[^\n]*?``|`[^`\n]+`", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex CodeSpans();

    // URLs, e-mail addresses, @handles, and dotted or slashed names (config.yml, example.org, themes/next, v5.1.x).
    [GeneratedRegex(
        @"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s<>""'()\[\]]*|\bwww\.[^\s<>""'()\[\]]*|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|@[A-Za-z0-9_]+|[A-Za-z0-9_-]+([./\\][A-Za-z0-9_-]+)+",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Addresses();
}
