using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Tests.Translation;

public sealed class MachineLinkTests
{
    private static LanguageVersion Version(string language, string body) =>
        Segmentation.WithSegments(new LanguageVersion { Language = LanguageTag.Parse(language), Title = "T", Body = body }, null);

    [Fact]
    public void WithLinks_MachineSegmentEdited_LosesMark_UntouchedKeepsIt()
    {
        var original = Version("en", "One.\n\nTwo.");
        var previous = Version("fr", "Un.\n\nDeux.");
        previous = previous with { Links = [.. previous.Segments.Select((s, i) => new SegmentLink(s.Id, original.Segments[i].Id, original.Segments[i].Hash, Machine: true))] };

        var edited = Segmentation.WithSegments(previous with { Body = "Un.\n\nDeux, revu." }, previous);
        var links = Segmentation.WithLinks(edited, previous, original).Links;

        Assert.True(links[0].Machine);
        Assert.False(links[1].Machine);
        Assert.Equal(original.Segments[1].Id, links[1].SourceId);
    }
}
