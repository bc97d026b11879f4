using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CsCheck;
using Hexapla.Content;
using Hexapla.Translation;

namespace Hexapla.Tests.Fuzzing;

/// <summary>
/// Markdown to HTML, and the Markdown-based splitters: any text renders, and hostile Markdown never leaves script,
/// event handlers or <c>javascript:</c> URLs in the output.
/// </summary>
[Collection(SerialFuzzing.Name)]
public sealed class MarkdownFuzzTests
{
    private static readonly string[] Tokens =
    [
        "# ", "## ", "> ", ">", "- ", "* ", "1. ", "```\n", "~~~", "    ", "\n", "\n\n", "|", "| --- |", "---\n", "***",
        "*", "**", "_", "~~", "`", "[", "]", "(", ")", "![", "<", ">", "&", "&amp;", "&#106;", "&#x6A;", "\\", "\"", "'",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java\nscript:alert(1))", "[x](&#106;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))", "![x](javascript:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))", "<javascript:alert(1)>", "[x]: javascript:alert(1)\n", "[x][x]", "<svg onload=alert(1)>",
        "<iframe src=x>", "<style>", "<!-- ", " -->", "<div onclick=\"x\">", "onerror=", "{onclick=alert(1)}",
        "<https://example.org/>", "https://example.org/?a=<b>", "www.example.org", "mailto:a@b.c", "\u0000", "\uFEFF",
        "\u202E", "\t", "😀",
    ];

    private static readonly HtmlParser Parser = new();

    private static readonly string[] ForbiddenElements = ["script", "iframe", "svg", "object", "embed", "style", "form", "math", "base", "meta", "link"];

    private static readonly Gen<string> Markdown = Fuzz.Soup(Tokens, "ax <>\"'=:/()[]\n", maxPieces: 60);

    [Fact]
    public void ToHtml_AnyMarkdown_RendersWithoutScript() =>
        Fuzz.NeverThrows(Markdown, markdown =>
        {
            var html = MarkdownRenderer.ToHtml(markdown);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            foreach (var element in Parser.ParseDocument("<body>" + html).Body!.QuerySelectorAll("*"))
            {
                Assert.DoesNotContain(element.LocalName, ForbiddenElements);
                foreach (var attribute in element.Attributes)
                {
                    Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"an event handler survived: {element.OuterHtml}");
                    if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href" or "srcset")
                    {
                        var value = Regex.Replace(attribute.Value, @"[\s\u0000-\u001F]", "");
                        var colon = value.IndexOf(':', StringComparison.Ordinal);
                        var scheme = colon < 0 || value.AsSpan(0, colon).IndexOfAny('/', '?', '#') >= 0 ? null : value[..colon].ToLowerInvariant();
                        Assert.True(scheme is null or "http" or "https" or "mailto", $"a URL with scheme \"{scheme}\" survived: {element.OuterHtml} from {string.Concat(markdown.Select(c => c is >= ' ' and < '\x7F' ? c.ToString() : $"\\u{(int)c:X4}"))}");
                    }
                }
            }
        }, Fuzz.Iterations(1000));

    [Fact]
    public void Segmenter_AnyMarkdown_GivesSegmentsThatAreTextOfTheInput() =>
        Fuzz.NeverThrows(Markdown, markdown =>
        {
            foreach (var segment in Segmenter.Split(markdown))
            {
                Assert.Contains(segment.Text, markdown, StringComparison.Ordinal);
            }
        });

    public static TheoryData<string> DeepNesting => new()
    {
        new string('>', 50_000) + " x",
        Fuzz.Repeat("- ", 40_000) + "x",
        string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', 2 * i) + "- x\n")),
        Fuzz.Nest("[", "x", "](y)", 3_000),
        Fuzz.Nest("[", "x", "](y)", 30_000),
        Fuzz.Nest("*", "x", "*", 20_000),
        Fuzz.Nest("**_", "x", "_**", 10_000),
        Fuzz.Nest("![", "x", "](y)", 10_000),
        Fuzz.Repeat("<", 100_000),
    };

    [Theory]
    [MemberData(nameof(DeepNesting))]
    public void ToHtml_DeepNesting_RendersWithoutCrashing(string markdown) =>
        Fuzz.Within(Fuzz.CaseTimeout, () =>
        {
            Assert.NotNull(MarkdownRenderer.ToHtml(markdown));
            Assert.NotNull(Segmenter.Split(markdown));
        });

    [Fact]
    public void ToHtml_TimeGrowsLinearlyWithInput()
    {
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("Some *text* with [a link](https://example.org) and `code`.\n\n", n), Render, 5_000, "paragraphs");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("[", n), Render, 5_000, "open brackets");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("*a ", n), Render, 5_000, "unclosed emphasis");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("> ", n) + "x", Render, 2_000, "nested quotes");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("- ", n) + "x", Render, 2_000, "nested list items");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("> - 1. ", n) + "x\n", Render, 2_000, "nested quotes and lists");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("| a | b |\n", n), Render, 2_000, "table rows");

        static void Render(string markdown) => MarkdownRenderer.ToHtml(markdown);
    }

    [Fact]
    public void Segmenter_TimeGrowsLinearlyWithInput()
    {
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("A sentence. Another one.\n\n- item\n\n", n), Split, 5_000, "paragraphs and items");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("| a | b |\n", n), Split, 2_000, "table rows");

        static void Split(string markdown) => Segmenter.Split(markdown);
    }

}
