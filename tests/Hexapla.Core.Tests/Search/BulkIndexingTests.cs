using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Search;

public sealed class BulkIndexingTests : IDisposable
{
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    private string IndexFolder => _folder.Combine("index");

    private static Document Doc(string slug, string body) => new()
    {
        Slug = slug,
        OriginalLanguage = EnGb,
        Versions = [new LanguageVersion { Language = EnGb, Title = slug, Body = body, PublishedAt = Now.AddDays(-1) }],
    };

    public void Dispose() => _folder.Dispose();

    /// <summary>Exit code of util-linux's <c>flock -n FILE true</c>: 0 when the lock was free, 1 when another process holds it.</summary>
    private static async Task<int> FlockFromAnotherProcessAsync(string file)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["-n", file, "true"]) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    [SkippableFact]
    public async Task BulkUpdate_HoldsTheIndexLockAgainstOtherProcesses_UntilItEnds()
    {
        Skip.IfNot(File.Exists("/usr/bin/flock"), "needs util-linux's flock (/usr/bin/flock) to stand in for another process");
        using var index = LuceneSearchIndex.Open(IndexFolder);
        var lockFile = Path.Combine(IndexFolder, "write.lock");

        using (var update = index.BeginBulkUpdate())
        {
            await update.AddAsync([Doc("first", "A kangaroo crossed the road.")], Now);

            Assert.Equal(1, await FlockFromAnotherProcessAsync(lockFile));
            await update.CommitAsync(1, Now);
        }

        Assert.Equal(0, await FlockFromAnotherProcessAsync(lockFile));
    }

    [Fact]
    public async Task BulkUpdate_FlushesPlainSegmentFiles_AndLaterUpdatesCompoundOnes()
    {
        using var index = LuceneSearchIndex.Open(IndexFolder);
        using (var update = index.BeginBulkUpdate())
        {
            await update.AddAsync([Doc("first", "A kangaroo crossed the road.")], Now);
            await update.CommitAsync(1, Now);
        }

        // Written once as its own files, not copied into a compound file afterwards.
        Assert.Empty(Directory.GetFiles(IndexFolder, "*.cfs"));
        Assert.NotEmpty(Directory.GetFiles(IndexFolder, "*.fdt"));

        await index.UpdateAsync([Doc("second", "A wombat dug a burrow.")], Now, 2);

        Assert.Single(Directory.GetFiles(IndexFolder, "*.cfs"));
        Assert.Equal("first", Assert.Single(index.Search(new SearchQuery("kangaroo", null), Now).Hits).Slug);
        Assert.Equal("second", Assert.Single(index.Search(new SearchQuery("wombat", null), Now).Hits).Slug);
    }

    [Fact]
    public async Task BulkUpdate_SecondIndexOnTheSameFolder_CannotTakeTheWriter()
    {
        using var first = LuceneSearchIndex.Open(IndexFolder);
        using var second = LuceneSearchIndex.Open(IndexFolder);
        second.WriteLockTimeout = TimeSpan.FromMilliseconds(200);
        using var update = first.BeginBulkUpdate();
        await update.AddAsync([Doc("first", "A kangaroo crossed the road.")], Now);

        Assert.ThrowsAny<Lucene.Net.Store.LockObtainFailedException>(() => second.BeginBulkUpdate().Dispose());
    }

    [Fact]
    public async Task HeldWriter_UpdatesAreSearchableAndDurableWithoutWaitingForTheCommitInterval()
    {
        using (var index = LuceneSearchIndex.Open(IndexFolder, holdWriter: true))
        {
            await index.UpdateAsync([Doc("first", "A kangaroo crossed the road.")], Now, storeGeneration: 1);
            await index.UpdateAsync([Doc("second", "Another kangaroo followed.")], Now, storeGeneration: 2);

            Assert.Equal(2, index.Search(new SearchQuery("kangaroo", null), Now).Total);
        }

        using var reopened = LuceneSearchIndex.Open(IndexFolder);
        Assert.True(reopened.IsInStepWith(2));
        Assert.Equal(2, reopened.Search(new SearchQuery("kangaroo", null), Now).Total);
    }

    [Fact]
    public async Task HeldWriter_DisposeCommitsPendingUpdates()
    {
        using (var index = LuceneSearchIndex.Open(IndexFolder, holdWriter: true))
        {
            await index.UpdateAsync([Doc("first", "A kangaroo crossed the road.")], Now, storeGeneration: 1);
            await index.UpdateAsync([Doc("second", "A wombat followed.")], Now, storeGeneration: 5);
        }

        using var reopened = LuceneSearchIndex.Open(IndexFolder);
        Assert.True(reopened.IsInStepWith(5));
        Assert.Equal(1, reopened.Search(new SearchQuery("wombat", null), Now).Total);
    }

    [Fact]
    public async Task HeldWriter_KeepsOtherWritersOut_UntilDisposed()
    {
        using var held = LuceneSearchIndex.Open(IndexFolder, holdWriter: true);
        await held.UpdateAsync([Doc("first", "A kangaroo.")], Now, storeGeneration: 1);
        held.Commit();

        Assert.True(held.IsInStepWith(1));
        Assert.True(File.Exists(Path.Combine(IndexFolder, "write.lock")));
    }

    [Theory]
    [InlineData("Plain paragraph one.\n\nPlain paragraph two, with a comma — and a dash.")]
    [InlineData("Russian text: Ирак по-прежнему остаётся в эпицентре.")]
    [InlineData("Numbers like 2016 and 3.5 per cent stay as they are.")]
    public void PlainTextOf_PlainParagraphs_EqualsMarkdigsPlainText(string body)
    {
        var expected = Markdig.Markdown.ToPlainText(body).Trim();

        Assert.Equal(expected, LuceneSearchIndex.PlainTextOf(body));
    }

    [Theory]
    [InlineData("Some **bold** text", "Some bold text")]
    [InlineData("A [link](https://example.org) here", "A link here")]
    [InlineData("- item one\n- item two", "item one\nitem two")]
    [InlineData("1. first\n2. second", "first\nsecond")]
    [InlineData("Text &amp; more", "Text & more")]
    [InlineData("# Heading\n\nBody", "Heading\nBody")]
    public void PlainTextOf_Markdown_IsReadLikeAReaderSeesIt(string body, string expected)
    {
        Assert.Equal(expected, LuceneSearchIndex.PlainTextOf(body).Replace("\r", string.Empty));
    }
}
