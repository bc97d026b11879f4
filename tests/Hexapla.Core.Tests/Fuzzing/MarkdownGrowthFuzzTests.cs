using System.Text;
using CsCheck;
using Hexapla.Content;
using Hexapla.Translation;

namespace Hexapla.Tests.Fuzzing;

/// <summary>
/// Rendering time must grow with the length of the body, not its square, for any body up to the request limit: a body
/// is rendered for <c>/admin/preview</c>, the write API's answer and every public page. Each shape is a pattern repeated
/// to n and 16n characters; the time ratio must stay under <see cref="Fuzz.GrowsLinearly"/>'s bound.
/// </summary>
[Collection(SerialFuzzing.Name)]
public sealed class MarkdownGrowthFuzzTests
{
    private const int Small = 10_000;

    // Patterns whose work in Markdig or in an HTML sanitizer grew with the square of their count, and their neighbours.
    public static TheoryData<string> Shapes => new(Shape.All.Keys);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ToHtml_RepeatedShape_TimeGrowsLinearly(string shape) =>
        Fuzz.GrowsLinearly(Shape.All[shape], Render, Small / 2, shape);

    // The write path splits every body into segments with its own Markdig pipeline (raw HTML on): the same bound.
    // Without "<!--": never closed, it is one raw HTML block to the segmenter (no segment, little allocated) until the
    // body is over MarkdownCost's budget and becomes one paragraph segment, so the bytes jump while the time stays linear.
    public static TheoryData<string> SegmenterShapes => new(Shape.All.Keys.Where(shape => shape != "<!--"));

    [Theory]
    [MemberData(nameof(SegmenterShapes))]
    public void Segmenter_RepeatedShape_TimeGrowsLinearly(string shape) =>
        Fuzz.GrowsLinearly(Shape.All[shape], markdown => Segmenter.Split(markdown), Small / 2, shape);

    // Fuzzing for growth: a generated unit of Markdown syntax repeated; whatever it is, 16 times longer must not take
    // a hundred times longer.
    [Fact]
    public void ToHtml_AnyRepeatedUnit_TimeGrowsLinearly()
    {
        string[] tokens =
        [
            "[", "]", "(", ")", "](", "![", "<", ">", "*", "**", "_", "__", "~", "~~", "^", "+", "=", "`", "``", "|", "\\", "&",
            "&amp;", "&#1;", "\"", "'", ":", "a", " ", "\n", "\n\n", "> ", "- ", "1. ", "# ", "    ", "---", "http://a.b", "www.a.b",
            "mailto:a@b.c", "a@b.c", "[x]: ", "[x]", "|-|",
        ];
        var unit = Gen.OneOf(tokens).Array[1, 8].Select(string.Concat);
        unit.Sample(
            u => Fuzz.GrowsLinearly(n => Fuzz.Repeat(u, n), Render, Small / 4, "repeated " + Visible(u)),
            iter: Fuzz.Iterations(25),
            threads: 1);
    }

    [Fact]
    public void Render_UnclosedLinksOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["[a]("], Render, Small, "unclosed links");

    [Fact]
    public void Render_UnclosedLinkTitlesOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["[a](b ("], Render, Small, "unclosed link titles");

    [Fact]
    public void Render_PipeTableOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["table rows"], Render, Small, "pipe table");

    [Fact]
    public void Render_WideTableOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["table columns"], Render, Small, "wide pipe table");

    [Fact]
    public void Render_HeadingsOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["headings"], Render, Small, "headings");

    [Fact]
    public void Render_CodeSpansOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["code spans"], Render, Small, "code spans");

    [Fact]
    public void Render_AutolinksOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["autolinks"], Render, Small, "autolinks");

    [Fact]
    public void Render_AutolinksAfterStrikethroughOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["www.a.b~"], Render, Small, "autolinks after ~");

    [Fact]
    public void Render_EmptyReferenceDefinitionsOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["[x]:\\n"], Render, Small, "empty reference definitions");

    [Fact]
    public void Render_ProseOf160KB_IsNearLinear() =>
        Fuzz.GrowsLinearly(Shape.All["prose"], Render, Small, "prose");

    private static void Render(string markdown) => MarkdownRenderer.ToHtml(markdown);

    private static string Visible(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and < '\x7F' ? c.ToString() : $"\\u{(int)c:X4}"));

    /// <summary>The shapes, by name: each makes about n characters.</summary>
    internal static class Shape
    {
        public static readonly IReadOnlyDictionary<string, Func<int, string>> All = new Dictionary<string, Func<int, string>>
        {
            ["prose"] = n => Fuzz.Repeat("Some *text* with [a link](https://example.org) and `code`.\n\n", n),
            ["[a]("] = n => Fuzz.Repeat("[a](", n),
            ["[a](b"] = n => Fuzz.Repeat("[a](b", n),
            ["[a](<b"] = n => Fuzz.Repeat("[a](<b", n),
            ["[a](b ("] = n => Fuzz.Repeat("[a](b (", n),
            ["[a](b (\\n"] = n => Fuzz.Repeat("[a](b (\n", n),
            ["[a](b \""] = n => Fuzz.Repeat("[a](b \"", n),
            ["[a]( "] = n => Fuzz.Repeat("[a]( ", n),
            ["[ (]("] = n => Fuzz.Repeat("[ (](", n),
            ["]([\\n"] = n => Fuzz.Repeat("]([\n", n),
            ["[a"] = n => Fuzz.Repeat("[a", n),
            ["a]"] = n => Fuzz.Repeat("a]", n),
            ["[a]"] = n => Fuzz.Repeat("[a]", n),
            ["[a]["] = n => Fuzz.Repeat("[a][", n),
            ["!["] = n => Fuzz.Repeat("![", n),
            ["[ a_"] = n => Fuzz.Repeat("[ a_", n),
            ["nested brackets"] = n => Fuzz.Nest("[", "a", "]", n / 2),
            ["*a **b"] = n => Fuzz.Repeat("*a **b ", n),
            ["_a"] = n => Fuzz.Repeat("_a ", n),
            ["a_"] = n => Fuzz.Repeat("a_ ", n),
            ["*a_"] = n => Fuzz.Repeat("*a_ ", n),
            ["a**b c*"] = n => "a**b" + Fuzz.Repeat("c* ", n),
            ["nested emphasis"] = n => Fuzz.Repeat("*a **a ", n / 2) + "b" + Fuzz.Repeat(" a** a*", n / 2),
            ["~~a"] = n => Fuzz.Repeat("~~a ", n),
            ["^a"] = n => Fuzz.Repeat("^a", n),
            ["++a ==b"] = n => Fuzz.Repeat("++a ==b ", n),
            ["_ line"] = n => new string('_', n),
            ["* line"] = n => "x" + new string('*', n) + "x",
            ["table rows"] = n => Table(n / 8, 2),
            ["table columns"] = n => Table(1, n / 4),
            ["table square"] = n => Table((int)Math.Sqrt(n / 4.0), (int)Math.Sqrt(n / 4.0)),
            ["table header, short rows"] = n => "|" + Fuzz.Repeat(" a |", n / 2) + "\n|" + Fuzz.Repeat("-|", n / 4) + "\n" + Fuzz.Repeat("|\n", n / 4),
            ["table cells [a]("] = n => "|a|b|\n|-|-|\n" + Fuzz.Repeat("|[a](|b|\n", n),
            ["table cells *a"] = n => "|a|b|\n|-|-|\n" + Fuzz.Repeat("|*a|_b|\n", n),
            ["|"] = n => new string('|', n),
            ["a|"] = n => Fuzz.Repeat("a|", n),
            ["|`"] = n => Fuzz.Repeat("|`", n),
            [">"] = n => new string('>', n) + " x",
            ["> "] = n => Fuzz.Repeat("> ", n) + "x",
            ["> x lines"] = n => Fuzz.Repeat("> x\n", n),
            ["> lazy"] = n => "> " + Fuzz.Repeat("a\n", n),
            ["> - a"] = n => Fuzz.Repeat("> - a\n", n),
            ["deep list lines"] = n => Lines(n, i => new string(' ', 2 * (i % 100)) + "- x"),
            ["- - - - a"] = n => Fuzz.Repeat("- - - - a\n", n),
            ["- lazy"] = n => "- " + Fuzz.Repeat("a\n", n),
            ["list items"] = n => Fuzz.Repeat("- a\n", n),
            ["1. items"] = n => Fuzz.Repeat("1. x\n", n),
            ["headings"] = n => Fuzz.Repeat("# h\n", n),
            ["setext"] = n => Fuzz.Repeat("a\n=\n", n),
            ["```"] = n => Fuzz.Repeat("```\n", n),
            ["    code"] = n => Fuzz.Repeat("    x\n", n),
            ["code spans"] = n => Fuzz.Repeat("`a ", n),
            ["backtick runs"] = n => Lines(n, i => "e" + new string('`', 1 + i % 200)),
            ["\\``"] = n => Fuzz.Repeat("\\``", n),
            ["<"] = n => new string('<', n),
            ["<>"] = n => Fuzz.Repeat("<>", n),
            ["<a:"] = n => Fuzz.Repeat("<a:", n),
            ["<http://a"] = n => Fuzz.Repeat("<http://a ", n),
            ["<a@b"] = n => Fuzz.Repeat("<a@b ", n),
            ["<div>"] = n => Fuzz.Repeat("<div>", n),
            ["a <![CDATA["] = n => Fuzz.Repeat("a <![CDATA[", n),
            ["a <?"] = n => Fuzz.Repeat("a <? ", n),
            ["a <!A"] = n => Fuzz.Repeat("a <!A", n),
            ["<!--"] = n => Fuzz.Repeat("<!-- ", n),
            ["autolinks"] = n => Fuzz.Repeat("http://a.b/ ", n),
            ["www.a.b~"] = n => Fuzz.Repeat("www.a.b~", n),
            ["www. "] = n => Fuzz.Repeat("www. ", n),
            ["mailto:"] = n => Fuzz.Repeat("mailto:a@b.c ", n),
            ["a@b.c"] = n => Fuzz.Repeat("a@b.c ", n),
            ["http://a/("] = n => "http://a/" + new string('(', n),
            ["reference definitions"] = n => Lines(n, i => $"[r{i}]: https://example.org/{i}"),
            ["reference uses"] = n => Lines(n / 2, i => $"[r{i}]: https://example.org/{i}") + "\n" + Fuzz.Repeat("[r1] ", n / 2),
            ["[x]:\\n"] = n => Fuzz.Repeat("[x]:\n", n),
            ["[x]: <"] = n => Fuzz.Repeat("[x]: <", n),
            ["[x]: b '"] = n => "[x]: b '\n" + Fuzz.Repeat("a\n", n),
            ["[x]: b ("] = n => Fuzz.Repeat("[x]: b (\n", n),
            ["&amp;"] = n => Fuzz.Repeat("&amp;", n),
            ["&"] = n => new string('&', n),
            ["&#1"] = n => Fuzz.Repeat("&#1", n),
            ["\\"] = n => new string('\\', n),
            ["hard breaks"] = n => Fuzz.Repeat("a  \n", n),
            ["one long line"] = n => Fuzz.Repeat("word ", n),
            ["one long word"] = n => new string('x', n),
        };

        private static string Table(int rows, int columns)
        {
            var builder = new StringBuilder();
            builder.Append('|').Insert(builder.Length, " h |", columns).Append("\n|").Insert(builder.Length, "---|", columns).Append('\n');
            for (var row = 0; row < rows; row++)
            {
                builder.Append('|').Insert(builder.Length, " a |", columns).Append('\n');
            }

            return builder.ToString();
        }

        private static string Lines(int length, Func<int, string> line)
        {
            var builder = new StringBuilder();
            for (var i = 0; builder.Length < length; i++)
            {
                builder.Append(line(i)).Append('\n');
            }

            return builder.ToString();
        }
    }
}
