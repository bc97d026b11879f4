using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Content;

namespace Hexapla.Tests.Content;

public sealed class MarkdownRendererTests
{
    // Parsed the way a browser would, so harmless escaped text ("&lt;img onerror=…&gt;") is not mistaken for markup.
    private static List<IElement> Elements(string html) =>
        [.. new HtmlParser().ParseDocument("<body>" + html + "</body>").Body!.QuerySelectorAll("*")];

    [Fact]
    public void ToHtml_ScriptElement_IsEscapedText()
    {
        var html = MarkdownRenderer.ToHtml("Before\n\n<script>alert(1)</script>\n\nAfter");

        Assert.DoesNotContain(Elements(html), e => e.LocalName == "script");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("[x](  javascript:alert(1) )")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void ToHtml_DangerousLink_HasNoDangerousUrl(string markdown)
    {
        var urls = Elements(MarkdownRenderer.ToHtml(markdown))
            .SelectMany(e => e.Attributes)
            .Where(a => a.Name is "href" or "src")
            .Select(a => a.Value.Trim());

        Assert.All(urls, url => Assert.True(
            url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
                || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || !url.Contains(':', StringComparison.Ordinal),
            $"unsafe URL {url}"));
    }

    // No sanitizer runs over the output: an unsafe address must be dropped by the renderer itself, whatever form it takes.
    [Theory]
    [InlineData("[x]: javascript:alert(1)\n\nSee [x] and [y][x].")]
    [InlineData("[x](java&#x09;script:alert(1))")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](<java script:alert(1)>)")]
    [InlineData("[x](%20javascript:alert(1))")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("<vbscript:msgbox(1)>")]
    [InlineData("[![x](javascript:alert(1))](javascript:alert(2))")]
    public void ToHtml_DisguisedDangerousLink_IsTextWithoutUrl(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);

        Assert.DoesNotContain(Elements(html), e => e.LocalName is "a" or "img");
        Assert.DoesNotContain("script:", html.Replace("script:alert", "", StringComparison.Ordinal).Replace("script:msgbox", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_DangerousLinkFirstInParagraph_KeepsItsTextAndTheRest()
    {
        var html = MarkdownRenderer.ToHtml("[*first*](javascript:alert(1)) then [second](https://example.org/) and **more**.");

        Assert.Equal("<p><em>first</em> then <a href=\"https://example.org/\">second</a> and <strong>more</strong>.</p>", html.Trim());
    }

    [Theory]
    [InlineData("[x](https://example.org/\"onmouseover=\"alert(1))")]
    [InlineData("[x](https://example.org/ \"a\\\" onmouseover=\\\"alert(1)\")")]
    [InlineData("![a\" onerror=\"alert(1)](https://example.org/i.png)")]
    [InlineData("```js\" onclick=\"alert(1)\ncode\n```")]
    [InlineData("| a |\n|:-:|\n| <b onclick=x> |")]
    public void ToHtml_QuotesInAttributes_AddNoAttribute(string markdown)
    {
        var elements = Elements(MarkdownRenderer.ToHtml(markdown));

        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(elements, e => e.LocalName == "b");
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Text <img src=x onerror=alert(1)> inline")]
    [InlineData("<a href=\"https://example.org\" onclick=\"alert(1)\">x</a>")]
    public void ToHtml_RawHtmlWithEventHandler_HasNoElementOrHandler(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        var elements = Elements(html);

        Assert.DoesNotContain(elements, e => e.LocalName is "img" or "a" or "script");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("&lt;", html);
    }

    [Fact]
    public void ToHtml_Emphasis_Renders()
    {
        Assert.Equal("<p>Some <em>soft</em> and <strong>strong</strong> words.</p>", MarkdownRenderer.ToHtml("Some *soft* and **strong** words.").Trim());
    }

    [Fact]
    public void ToHtml_HttpLink_Renders()
    {
        var html = MarkdownRenderer.ToHtml("See [the report](https://example.org/report?id=1&lang=en).");

        Assert.Contains("<a href=\"https://example.org/report?id=1&amp;lang=en\">the report</a>", html);
    }

    [Fact]
    public void ToHtml_MailtoLink_Renders()
    {
        Assert.Contains("href=\"mailto:desk@example.org\"", MarkdownRenderer.ToHtml("[write](mailto:desk@example.org)"));
    }

    [Fact]
    public void ToHtml_PipeTable_Renders()
    {
        var html = MarkdownRenderer.ToHtml("| Year | Cases |\n|------|------:|\n| 2015 | 12 |\n| 2016 | 7 |\n");

        Assert.Contains("<table>", html);
        Assert.Contains("<th>Year</th>", html);
        Assert.Contains("<td>2015</td>", html);
        Assert.Contains(">7</td>", html);
    }

    // The cost limits (MarkdownCost) must leave real documents alone: a long table full of links and bold figures, and a
    // body of ordinary prose at the request limit, are still Markdown.
    [Fact]
    public void ToHtml_LongTableWithLinksAndEmphasis_IsStillATable()
    {
        var rows = string.Concat(Enumerable.Range(0, 1_000).Select(i => $"| {2000 + i} | **{i}** | [report](https://example.org/r/{i}) |\n"));

        var html = MarkdownRenderer.ToHtml("| Year | Cases | Source |\n|---|--:|---|\n" + rows);

        Assert.Equal(1_000, Elements(html).Count(e => e.LocalName == "a"));
        Assert.Equal(1_001, Elements(html).Count(e => e.LocalName == "tr"));
    }

    [Fact]
    public void ToHtml_ProseAtTheRequestLimit_IsStillMarkdown()
    {
        var paragraph = "Some *soft* and **strong** words, a [link](https://example.org/) and www.example.org.\n\n";
        var markdown = string.Concat(Enumerable.Repeat(paragraph, 1024 * 1024 / paragraph.Length));

        Assert.Equal(markdown.Length / paragraph.Length, Elements(MarkdownRenderer.ToHtml(markdown)).Count(e => e.LocalName == "strong"));
    }

    [Fact]
    public void ToHtml_Empty_IsEmpty()
    {
        Assert.Equal(string.Empty, MarkdownRenderer.ToHtml(string.Empty));
    }

    // Found by fuzzing: Markdig throws past its depth limit, and takes quadratic time on deep containers before it.
    [Theory]
    [InlineData(5_000, "> ")]
    [InlineData(101, "- ")]
    [InlineData(101, "> 1. ")]
    public void ToHtml_ContainersNestedTooDeep_AreOneParagraphOfText(int depth, string marker)
    {
        var markdown = string.Concat(Enumerable.Repeat(marker, depth)) + "<b>x</b>";

        var html = MarkdownRenderer.ToHtml(markdown);

        var paragraph = Assert.Single(Elements(html));
        Assert.Equal("p", paragraph.LocalName);
        Assert.EndsWith("<b>x</b>", paragraph.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ContainersNestedAHundredDeep_AreStillMarkdown()
    {
        var html = MarkdownRenderer.ToHtml(string.Concat(Enumerable.Repeat("> ", 100)) + "x");

        Assert.Equal(100, Elements(html).Count(e => e.LocalName == "blockquote"));
    }
}
