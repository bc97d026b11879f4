using CsCheck;
using Hexapla.Content;
using Hexapla.Translation;

namespace Hexapla.Tests.Fuzzing;

/// <summary>
/// The plain-prose shortcut of <see cref="Segmenter.Split"/> must find exactly the segments Markdig finds: segment ids
/// and fingerprints stored in every store depend on it.
/// </summary>
[Collection(SerialFuzzing.Name)]
public sealed class PlainProseFuzzTests
{
    private static readonly string[] Tokens =
    [
        "Word", "слово", "x", " ", "  ", "   ", "    ", "\n", "\n\n", "\n \n", "\n   \n", ". ", ", ", "2024", "30 ноября", "1.", "12)",
        "1. ", "3) ", "- ", "-", "--", "—", "«", "»", "\"", "'", "(", ")", ":", ";", "?", "\u00A0", "\u2028", "\u2029", "\u0085",
        "\f", "\v", "\u3000", "😀", "e\u0301", "\uFEFF", "a-b",
    ];

    private static readonly Gen<string> Text = Fuzz.Soup(Tokens, "ab АБ .,\n-1)", maxPieces: 50);

    [Fact]
    public void Split_PlainProse_FindsTheSegmentsMarkdigFinds()
    {
        var accepted = 0;
        Fuzz.NeverThrows(Text, text =>
        {
            if (!PlainProse.Is(text))
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            var expected = Segmenter.SplitMarkdown(text);
            Assert.True(
                expected.Select(s => (s.Text, s.Kind)).SequenceEqual(PlainProse.Paragraphs(text).Select(p => (p, SegmentKind.Paragraph))),
                "segments differ from Markdig's for " + string.Concat(text.Select(c => c is >= ' ' and < '\x7F' ? c.ToString() : $"\\u{(int)c:X4}")));
            Assert.True(MarkdownNesting.Parses(text));
        }, iterations: Fuzz.Iterations(3_000));

        Assert.True(accepted > 300, $"only {accepted} generated texts were plain prose: the generator no longer tests the shortcut");
    }

    [Theory]
    [InlineData("Text\n--\n", false)]
    [InlineData("Text\n1. item", false)]
    [InlineData("Text\n    indented", false)]
    [InlineData("Some *bold*", false)]
    [InlineData("Tab\tinside", false)]
    [InlineData("30 ноября 2026 г. министр заявил.\n\nВторой абзац.", true)]
    [InlineData("", true)]
    public void Is_AcceptsOnlyTextThatCannotBeAnythingButParagraphs(string text, bool plain) =>
        Assert.Equal(plain, PlainProse.Is(text));
}
