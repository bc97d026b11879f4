using Hexapla.Translation;

namespace Hexapla.Tests.Translation;

public sealed class ParagraphAlignerTests
{
    [Fact]
    public void Align_EqualLengths_PairsOneToOne()
    {
        var beads = ParagraphAligner.Align([100, 250, 80], [110, 240, 85]);

        Assert.Equal(3, beads.Count);
        Assert.All(beads.Select((b, i) => (b, i)), p => Assert.Equal([p.i], p.b.Left));
        Assert.All(beads.Select((b, i) => (b, i)), p => Assert.Equal([p.i], p.b.Right));
    }

    [Fact]
    public void Align_RightSplitsOneParagraphInTwo_MakesOneToTwoBead()
    {
        var beads = ParagraphAligner.Align([120, 300, 90], [125, 140, 150, 95]);

        Assert.Equal(3, beads.Count);
        Assert.Equal([1], beads[1].Left);
        Assert.Equal([1, 2], beads[1].Right);
        Assert.Equal([3], beads[2].Right);
    }

    [Fact]
    public void Align_LeftHasTwoMore_EveryUnitAppearsOnceInOrder()
    {
        int[] left = [50, 400, 60, 200, 200, 70];
        int[] right = [55, 410, 390, 75];
        var beads = ParagraphAligner.Align(left, right);

        Assert.Equal(Enumerable.Range(0, left.Length), beads.SelectMany(b => b.Left));
        Assert.Equal(Enumerable.Range(0, right.Length), beads.SelectMany(b => b.Right));
        Assert.Contains(beads, b => b.Left.SequenceEqual([3, 4]) && b.Right.SequenceEqual([2]));
    }

    [Fact]
    public void Align_OneSideEmpty_GivesOneSidedBeads()
    {
        Assert.Empty(ParagraphAligner.Align([], []));
        var beads = ParagraphAligner.Align([10, 20], []);
        Assert.Equal(2, beads.Count);
        Assert.All(beads, b => Assert.Empty(b.Right));
    }
}
