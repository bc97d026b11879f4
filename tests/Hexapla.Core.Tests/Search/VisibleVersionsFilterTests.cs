using Hexapla.Search;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace Hexapla.Tests.Search;

public sealed class VisibleVersionsFilterTests : IDisposable
{
    private readonly RAMDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private void Write(params LuceneDocument[] documents)
    {
        using var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()));
        foreach (var document in documents)
        {
            writer.AddDocument(document);
        }

        writer.Commit();
    }

    private static LuceneDocument Entry(string id, string? language, long? published)
    {
        var document = new LuceneDocument { new StringField("id", id, Field.Store.YES) };
        if (language is not null)
        {
            document.Add(new StringField("lang", language, Field.Store.NO));
        }

        if (published is { } at)
        {
            document.Add(new Int64Field("published", at, Field.Store.NO));
        }

        return document;
    }

    private List<string> Visible(long? from, long to, string? language)
    {
        using var reader = DirectoryReader.Open(_directory);
        var searcher = new IndexSearcher(reader);
        var top = searcher.Search(new FilteredQuery(new MatchAllDocsQuery(), new VisibleVersionsFilter("published", from, to, "lang", language)), 100);
        return [.. top.ScoreDocs.Select(d => searcher.Doc(d.Doc).Get("id")).Order()];
    }

    [Fact]
    public void Entry_WithoutPublicationTime_NeverPasses()
    {
        // A missing time reads as 0 in the field cache, which a range from the beginning of time would take in.
        Write(Entry("dated", "en-GB", 1_000), Entry("undated", "en-GB", null));

        Assert.Equal(["dated"], Visible(null, 2_000, null));
        Assert.Equal(["dated"], Visible(null, 2_000, "en-GB"));
        Assert.Equal(["dated"], Visible(long.MinValue, long.MaxValue, null));
    }

    [Fact]
    public void Range_IsInclusiveAtBothEnds()
    {
        Write(Entry("early", "en-GB", 1_000), Entry("late", "en-GB", 2_000));

        Assert.Equal(["early", "late"], Visible(1_000, 2_000, null));
        Assert.Equal(["early"], Visible(null, 1_999, null));
        Assert.Equal(["late"], Visible(1_001, 2_000, null));
        Assert.Empty(Visible(2_001, 3_000, null));
        Assert.Empty(Visible(2_000, 1_000, null));
    }

    [Fact]
    public void Language_KeepsOnlyThatLanguage_AndAnEntryWithoutOne_NeverPasses()
    {
        Write(Entry("en", "en-GB", 1_000), Entry("ru", "ru-RU", 1_000), Entry("none", null, 1_000));

        Assert.Equal(["en"], Visible(null, 2_000, "en-GB"));
        Assert.Equal(["ru"], Visible(null, 2_000, "ru-RU"));
        Assert.Empty(Visible(null, 2_000, "de-DE"));
        Assert.Equal(["en", "none", "ru"], Visible(null, 2_000, null));
    }

    [Fact]
    public void SameReader_LaterSearchAtEarlierTime_HidesWhatTheEarlierOneFound()
    {
        Write(Entry("doc", "en-GB", 1_000));
        using var reader = DirectoryReader.Open(_directory);
        var searcher = new IndexSearcher(reader);
        int Count(long to) => searcher.Search(new FilteredQuery(new MatchAllDocsQuery(), new VisibleVersionsFilter("published", null, to, "lang", "en-GB")), 10).TotalHits;

        Assert.Equal(1, Count(1_000));
        Assert.Equal(0, Count(999));
        Assert.Equal(1, Count(5_000));
    }
}
