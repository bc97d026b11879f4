using Hexapla.Editorial;

namespace Hexapla.Tests.Editorial;

public sealed class TextDiffTests
{
    private static string Show(IReadOnlyList<DiffOperation> operations) =>
        string.Join(" | ", operations.Select(o => (o.Kind switch { DiffKind.Equal => "=", DiffKind.Insert => "+", _ => "-" }) + o.Text.Replace("\n", "⏎", StringComparison.Ordinal)));

    [Fact]
    public void Lines_EqualTexts_OneEqualRun() =>
        Assert.Equal("=a⏎b", Show(TextDiff.Lines("a\nb", "a\nb")));

    [Fact]
    public void Lines_BothEmpty_Nothing() => Assert.Empty(TextDiff.Lines("", ""));

    [Fact]
    public void Lines_FromEmpty_OneInsert() => Assert.Equal("+a⏎b", Show(TextDiff.Lines("", "a\nb")));

    [Fact]
    public void Lines_ToEmpty_OneDelete() => Assert.Equal("-a⏎b", Show(TextDiff.Lines("a\nb", "")));

    [Fact]
    public void Lines_ChangedMiddleParagraph_DeleteThenInsert() =>
        Assert.Equal("=one⏎ | -two | +deux | =⏎three", Show(TextDiff.Lines("one\n\ntwo\n\nthree", "one\n\ndeux\n\nthree")));

    [Fact]
    public void Lines_InsertedAndRemovedParagraphs() =>
        Assert.Equal("-a | =b⏎c | +d", Show(TextDiff.Lines("a\nb\nc", "b\nc\nd")));

    [Fact]
    public void Lines_WindowsLineEndings_CompareAsLines() =>
        Assert.Equal("=a⏎b", Show(TextDiff.Lines("a\r\nb", "a\nb")));

    [Fact]
    public void Lines_MovedLine_KeepsTheLongestCommonPart() =>
        Assert.Equal("+c | =a⏎b | -c", Show(TextDiff.Lines("a\nb\nc", "c\na\nb")));

    [Fact]
    public void Words_ChangedWord_RestIsEqual() =>
        Assert.Equal("=The  | -cat | +dog | = sat.", Show(TextDiff.Words("The cat sat.", "The dog sat.")));

    [Fact]
    public void Words_RunsRebuildBothTexts()
    {
        const string Old = "Talks  resumed in Baghdad on Monday.";
        const string New = "Talks resumed in Basra on  Tuesday, officials said.";
        var operations = TextDiff.Words(Old, New);
        Assert.Equal(Old, string.Concat(operations.Where(o => o.Kind != DiffKind.Insert).Select(o => o.Text)));
        Assert.Equal(New, string.Concat(operations.Where(o => o.Kind != DiffKind.Delete).Select(o => o.Text)));
    }

    [Fact]
    public void Lines_HugeDifferentMiddles_FallBackToDeleteAndInsert()
    {
        var old = string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"old {i}"));
        var @new = string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"new {i}"));
        var operations = TextDiff.Lines("same\n" + old, "same\n" + @new);
        Assert.Equal([DiffKind.Equal, DiffKind.Delete, DiffKind.Insert], operations.Select(o => o.Kind));
    }
}
