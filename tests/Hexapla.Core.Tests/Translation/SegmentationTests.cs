using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Translation;

public sealed class SegmentationTests : IDisposable
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("Развитие ситуации в Ираке.")]
    [InlineData("  two\t\tspaces \n and a\u00A0no-break\u2003em space  ")]
    [InlineData("")]
    [InlineData(" \n\t ")]
    [InlineData("emoji 🇬🇧 and\r\nCRLF")]
    public void Hash_IsTheFirstHalfOfSha256OverTheWordsJoinedBySpaces(string text)
    {
        // The fingerprints stored in every store were made this way; a faster implementation must keep them.
        var words = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(words)))[..16];

        Assert.Equal(expected, Segmenter.Hash(text));
    }

    [Fact]
    public void Split_SameTextTwice_GivesEqualSegmentsThatCannotBeChanged()
    {
        // A text no other test on this thread can have split already (a literal is one shared, interned string).
        var body = $"One {Guid.NewGuid():N}.\n\nTwo.";
        var first = Segmenter.Split(body);
        var second = Segmenter.Split(new string(body.AsSpan()));

        Assert.Equal(first, second);
        Assert.Same(first, Segmenter.Split(body));
        Assert.False(first is IList<Segment> { IsReadOnly: false });
    }

    [Fact]
    public void Split_MarkdownBlocks_AreSegmentsOfTheirKind()
    {
        var segments = Segmenter.Split("# Title here\n\nA paragraph with **bold**.\n\n- first item\n- second item\n\n| a | b |\n|---|---|\n| one | two |\n\n```\ncode\n```\n\n---\n\nLast.");

        Assert.Equal(
            [("Title here", SegmentKind.Heading), ("A paragraph with **bold**.", SegmentKind.Paragraph), ("first item", SegmentKind.ListItem),
             ("second item", SegmentKind.ListItem), ("a", SegmentKind.TableCell), ("b", SegmentKind.TableCell), ("one", SegmentKind.TableCell),
             ("two", SegmentKind.TableCell), ("Last.", SegmentKind.Paragraph)],
            segments.Select(s => (s.Text, s.Kind)));
    }

    [Fact]
    public void Split_SeedBody_IsNineParagraphs()
    {
        Assert.Equal(9, Segmenter.Split(Fixtures.SeedBody("razvitie-situacii-v-irake.ru-RU.txt")).Count);
    }

    [Fact]
    public void AssignIds_EditInsertDeleteMove_KeepTheOtherIds()
    {
        var first = Segmentation.AssignIds([], ["a", "b", "c", "d", "e"]);
        Assert.Equal(["s1", "s2", "s3", "s4", "s5"], first.Select(s => s.Id));

        // c edited, x inserted after a, e removed.
        var second = Segmentation.AssignIds(first, ["a", "x", "b", "c2", "d"]);
        Assert.Equal(["s1", "s6", "s2", "s3", "s4"], second.Select(s => s.Id));
        Assert.Equal("c2", second[3].Hash);

        // A segment added at the end gets the next number.
        var third = Segmentation.AssignIds(second, ["a", "x", "b", "c2", "d", "y"]);
        Assert.Equal(["s1", "s6", "s2", "s3", "s4", "s7"], third.Select(s => s.Id));
    }

    [Fact]
    public async Task EditingParagraphFiveOfTheOriginal_MakesExactlyParagraphFiveOutdatedInTheTranslation()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        var store = await SqliteContentStore.OpenAsync(_folder.Combine("hexapla.db"));
        using var index = LuceneSearchIndex.Open(_folder.Combine("index"));
        await new Importer(store, clock, index).ImportAsync(
            [new ImportFile("razvitie-situacii-v-irake.ru-RU.txt", Fixtures.ScrapedText("razvitie-situacii-v-irake.ru-RU.txt")),
             new ImportFile("razvitie-situacii-v-irake.en-GB.txt", Fixtures.ScrapedText("razvitie-situacii-v-irake.en-GB.txt"))],
            new ImportOptions { Original = RuRu });

        var document = (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!;
        var before = TranslationStatus.Of(document, EnGb);
        Assert.Equal((9, 9), (before.Total, before.UpToDate));
        Assert.True(before.IsUpToDate);

        var editor = new User(1, "eddie", Role.Editor, [], false, clock.GetUtcNow());
        var russian = document.Version(RuRu)!;
        var paragraphs = russian.Body.Split("\n\n");
        paragraphs[4] += " Добавлено новое предложение.";
        await new Newsroom(store, index, clock).SaveVersionAsync(editor, "razvitie-situacii-v-irake", RuRu, new VersionEdit(russian.Title, string.Join("\n\n", paragraphs), null, "A sentence added."), russian.Revision);

        var after = TranslationStatus.Of((await store.FindDocumentAsync("razvitie-situacii-v-irake"))!, EnGb);
        var fifth = (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!.Version(RuRu)!.Latest.Segments[4].Id;
        Assert.Equal([fifth], after.Outdated);
        Assert.Empty(after.Missing);
        Assert.Equal(8, after.UpToDate);
        Assert.Equal(russian.Segments[4].Id, fifth);
    }

    [Fact]
    public async Task AddingAParagraphToTheOriginal_IsMissingInTheTranslation_AndRemovingOneDropsItFromTheCount()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        var store = await SqliteContentStore.OpenAsync(_folder.Combine("hexapla.db"));
        using var index = LuceneSearchIndex.Open(_folder.Combine("index"));
        var importer = new Importer(store, clock, index);
        await importer.ImportAsync(
            [new ImportFile("doc.en-GB.md", "---\ntitle: T\noriginal: true\n---\n\nOne.\n\nTwo.\n\nThree.\n"u8.ToArray()),
             new ImportFile("doc.ru-RU.md", "---\ntitle: Т\n---\n\nОдин.\n\nДва.\n\nТри.\n"u8.ToArray())], new ImportOptions());

        await importer.ImportAsync([new ImportFile("doc.en-GB.md", "---\ntitle: T\noriginal: true\n---\n\nOne.\n\nTwo.\n\nTwo and a half.\n\nThree.\n"u8.ToArray())], new ImportOptions());
        var added = TranslationStatus.Of((await store.FindDocumentAsync("doc"))!, RuRu);
        await importer.ImportAsync([new ImportFile("doc.en-GB.md", "---\ntitle: T\noriginal: true\n---\n\nOne.\n\nThree.\n"u8.ToArray())], new ImportOptions());
        var removed = TranslationStatus.Of((await store.FindDocumentAsync("doc"))!, RuRu);

        Assert.Equal((4, 3, 1, 0), (added.Total, added.UpToDate, added.Missing.Count, added.Outdated.Count));
        Assert.Equal((2, 2, true), (removed.Total, removed.UpToDate, removed.IsUpToDate));
    }

    // Found by fuzzing: Markdig's depth limit threw out of Split.
    [Fact]
    public void Split_ContainersNestedTooDeep_IsOneParagraph()
    {
        var markdown = new string('>', 5_000) + " x";

        var segment = Assert.Single(Segmenter.Split(markdown));

        Assert.Equal((markdown, SegmentKind.Paragraph), (segment.Text, segment.Kind));
    }
}
