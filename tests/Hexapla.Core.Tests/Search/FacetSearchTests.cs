using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Sections;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Lucene.Net.Index;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Search;

/// <summary>
/// Search filters and facets over a real store and index: kind, section (a parent finds what is below it), tag and days;
/// counts that leave out an embargoed and a draft document; moves followed through the change log; an index built
/// before documents had kinds and sections is not used as it is.
/// </summary>
public sealed class FacetSearchTests : IAsyncLifetime, IDisposable
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly User Admin = new(1, "admin", Role.Admin, [], false, Now);

    private readonly TempFolder _folder = new();
    private SqliteContentStore _store = null!;
    private StructureEditor _editor = null!;
    private LuceneSearchIndex _index = null!;
    private Section _regions = null!;
    private Section _middleEast = null!;
    private Section _europe = null!;
    private Section _topics = null!;

    public async Task InitializeAsync()
    {
        _store = await _folder.OpenStoreAsync();
        _editor = new StructureEditor(_store, new FakeTimeProvider(Now));
        _regions = await _editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        _middleEast = await _editor.CreateSectionAsync(Admin, _regions.Id, "middle-east", Titles("Ближний Восток", "Middle East"));
        _europe = await _editor.CreateSectionAsync(Admin, _regions.Id, "europe", Titles("Европа", "Europe"));
        _topics = await _editor.CreateSectionAsync(Admin, null, "topics", Titles("Темы", "Topics"));
        await _editor.SaveKindAsync(Admin, new DocumentKind { Key = "statement", Names = Titles("Заявление", "Statement") });
        await _editor.SaveKindAsync(Admin, new DocumentKind { Key = "briefing", Names = Titles("Брифинг", "Briefing") });

        await CreateAsync("iraq-statement", _middleEast.Id, "statement", ["iraq", "un"], Day(2016, 3, 10));
        await CreateAsync("syria-briefing", _middleEast.Id, "briefing", ["syria"], Day(2017, 5, 2));
        await CreateAsync("europe-statement", _europe.Id, "statement", ["un"], Day(2017, 1, 15));
        await CreateAsync("loose-note", null, null, [], Day(2015, 6, 1));
        // Public tomorrow: nothing of it may be found or counted today.
        await CreateAsync("embargoed-briefing", _middleEast.Id, "briefing", ["iraq", "embargoed-tag"], Now.AddDays(1));
        // Never published.
        await CreateAsync("draft-statement", _europe.Id, "statement", ["draft-tag"], null);

        _index = LuceneSearchIndex.Open(_folder.Combine("index"), structure: _store);
        await _index.RebuildAsync(_store.StreamPublishedDocumentsAsync(Now), Now, await _store.GetGenerationAsync());
    }

    // xunit disposes through Dispose as well: the work is there, once.
    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _index?.Dispose();
        _folder.Dispose();
    }

    private static Dictionary<LanguageTag, string> Titles(string ru, string en) => new() { [RuRu] = ru, [EnGb] = en };

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A document in Russian and English about talks, published at <paramref name="published"/> (a draft when null).</summary>
    private async Task CreateAsync(string slug, long? section, string? kind, string[] tags, DateTimeOffset? published)
    {
        LanguageVersion Version(LanguageTag language, string title, string body) => new()
        {
            Language = language,
            Title = title,
            Body = body,
            State = published is null ? VersionState.Draft : VersionState.Published,
            PublishedAt = published,
            UpdatedAt = published ?? Now,
        };

        var document = new Document
        {
            Slug = slug,
            OriginalLanguage = RuRu,
            CreatedAt = Now,
            UpdatedAt = Now,
            SectionId = section,
            Kind = kind,
            Tags = tags,
            Versions =
            [
                Version(RuRu, $"Переговоры: {slug}", "Министр провёл переговоры о прекращении огня."),
                Version(EnGb, $"Talks: {slug}", "The minister held talks on a ceasefire."),
            ],
        };
        Assert.NotNull(await _store.CreateDocumentAsync(document, new AuditEntry(0, Now, "editor", "document.create", slug, null)));
    }

    private SearchResults Search(string text, string? kind = null, long? section = null, string? tag = null, DateOnly? from = null, DateOnly? to = null, DateTimeOffset? now = null) =>
        _index.Search(new SearchQuery(text, EnGb, PageSize: 100, Tag: tag, From: from, To: to, Kind: kind, SectionId: section, Facets: true), now ?? Now);

    private static List<string> Slugs(SearchResults results) => [.. results.Hits.Select(h => h.Slug).Order(StringComparer.Ordinal)];

    private static Dictionary<T, int> Counts<T>(IEnumerable<FacetCount<T>> counts)
        where T : notnull => counts.ToDictionary(c => c.Value, c => c.Count);

    [Fact]
    public async Task Facets_CountKindSectionWithAncestorsTagAndYear_LeavingOutTheEmbargoedAndTheDraft()
    {
        var results = Search("talks");

        Assert.Equal(["europe-statement", "iraq-statement", "loose-note", "syria-briefing"], Slugs(results));
        Assert.Equal(4, results.Total);
        var facets = results.Facets!;
        Assert.Equal(new Dictionary<string, int> { ["statement"] = 2, ["briefing"] = 1 }, Counts(facets.Kinds));
        // Each version counts in its section and every section above: Regions holds the Middle East's and Europe's.
        Assert.Equal(new Dictionary<long, int> { [_regions.Id] = 3, [_middleEast.Id] = 2, [_europe.Id] = 1 }, Counts(facets.Sections));
        Assert.Equal(new Dictionary<string, int> { ["un"] = 2, ["iraq"] = 1, ["syria"] = 1 }, Counts(facets.Tags));
        Assert.Equal([2017, 2016, 2015], facets.Years.Select(y => y.Value));
        Assert.Equal(new Dictionary<int, int> { [2017] = 2, [2016] = 1, [2015] = 1 }, Counts(facets.Years));
        // Most first.
        Assert.Equal("statement", facets.Kinds[0].Value);
        Assert.Equal("un", facets.Tags[0].Value);

        // The embargoed briefing's tag is nowhere, not even when filtered on.
        var byTag = Search("talks", tag: "embargoed-tag");
        Assert.Equal(0, byTag.Total);
        Assert.Empty(byTag.Facets!.Kinds);
        Assert.Empty(Search("talks", tag: "draft-tag").Hits);

        // When its embargo lifts (the release indexes it), it is found and counted like the others.
        var later = Now.AddDays(2);
        var released = (await _store.FindDocumentAsync("embargoed-briefing"))!;
        await _index.UpdateAsync([released], later);
        var after = Search("talks", now: later).Facets!;
        Assert.Equal(2, Counts(after.Kinds)["briefing"]);
        Assert.Equal(1, Counts(after.Tags)["embargoed-tag"]);
        Assert.Equal(3, Counts(after.Sections)[_middleEast.Id]);
        Assert.False(Counts(after.Tags).ContainsKey("draft-tag"));
    }

    [Fact]
    public void Filters_KindSectionTagAndDays_NarrowResultsAndTheirCounts()
    {
        // A parent section finds the documents of the sections below it.
        Assert.Equal(["europe-statement", "iraq-statement", "syria-briefing"], Slugs(Search("talks", section: _regions.Id)));
        Assert.Equal(["iraq-statement", "syria-briefing"], Slugs(Search("talks", section: _middleEast.Id)));
        Assert.Empty(Search("talks", section: _topics.Id).Hits);
        Assert.Equal(["syria-briefing"], Slugs(Search("talks", kind: "briefing")));
        Assert.Equal(["iraq-statement"], Slugs(Search("talks", tag: "iraq")));
        Assert.Equal(["europe-statement", "syria-briefing"], Slugs(Search("talks", from: new DateOnly(2017, 1, 1), to: new DateOnly(2017, 12, 31))));

        // Filters together; the counts are of what they let through.
        var statements = Search("talks", kind: "statement", section: _regions.Id);
        Assert.Equal(["europe-statement", "iraq-statement"], Slugs(statements));
        Assert.Equal(new Dictionary<string, int> { ["statement"] = 2 }, Counts(statements.Facets!.Kinds));
        Assert.Equal(new Dictionary<long, int> { [_regions.Id] = 2, [_middleEast.Id] = 1, [_europe.Id] = 1 }, Counts(statements.Facets.Sections));
        Assert.Equal(new Dictionary<int, int> { [2017] = 1, [2016] = 1 }, Counts(statements.Facets.Years));

        // Words that match nothing: nothing counted.
        var none = Search("quokka", kind: "statement");
        Assert.Equal(0, none.Total);
        Assert.Equal(SearchFacets.Empty.Kinds, none.Facets!.Kinds);
    }

    [Fact]
    public void Filters_WithoutWords_ListWhatTheyLetThroughNewestFirst_AndNothingWithoutAFilter()
    {
        var statements = _index.Search(new SearchQuery("", EnGb, Kind: "statement", Facets: true), Now);
        Assert.Equal(["europe-statement", "iraq-statement"], statements.Hits.Select(h => h.Slug));
        // No word to mark: the opening of the body, escaped.
        Assert.Equal("The minister held talks on a ceasefire.", statements.Hits[0].SnippetHtml);
        Assert.Equal(2, statements.Facets!.Years.Count);

        var regions = _index.Search(new SearchQuery("", null, PageSize: 100, SectionId: _regions.Id), Now);
        // Both languages of each document when no language is asked.
        Assert.Equal(6, regions.Total);
        Assert.Null(regions.Facets);

        Assert.Equal(0, _index.Search(new SearchQuery("", EnGb, Facets: true), Now).Total);
        Assert.Equal(0, _index.Search(new SearchQuery("-talks", EnGb, Facets: true), Now).Total);
    }

    [Fact]
    public async Task MoveSection_TheChangeLogRefilesItsDocumentsUnderTheNewAncestors_ARenameNeedsNothing()
    {
        var before = await _store.GetGenerationAsync();
        // The Middle East moves from Regions to Topics.
        await _editor.UpdateSectionAsync(Admin, _middleEast with { ParentId = _topics.Id });

        // The index still files its documents under Regions until it follows the store.
        Assert.Empty(Search("talks", section: _topics.Id).Hits);
        var changes = await IndexCatchUp.ApplyAsync(_store, _index, before, Now);

        Assert.NotNull(changes);
        // The embargoed briefing is logged too (it is in the section), yet stays out of the index.
        Assert.Equal(["embargoed-briefing", "iraq-statement", "syria-briefing"], changes.Slugs.Order(StringComparer.Ordinal));
        Assert.Equal(["iraq-statement", "syria-briefing"], Slugs(Search("talks", section: _topics.Id)));
        Assert.Equal(["europe-statement"], Slugs(Search("talks", section: _regions.Id)));
        Assert.Equal(new Dictionary<long, int> { [_topics.Id] = 2, [_middleEast.Id] = 2, [_regions.Id] = 1, [_europe.Id] = 1 }, Counts(Search("talks").Facets!.Sections));

        // A rename keeps the section's id, which is what the index holds: nothing to index again.
        var renamedAt = await _store.GetGenerationAsync();
        await _editor.UpdateSectionAsync(Admin, (await _store.LoadStructureAsync()).Section(_middleEast.Id)! with { Slug = "near-east" });
        var renamed = await _store.ChangesSinceAsync(renamedAt);
        Assert.Empty(renamed!.Slugs);
        Assert.Equal(["iraq-statement", "syria-briefing"], Slugs(Search("talks", section: _middleEast.Id)));

        // A document placed elsewhere is logged, and follows.
        var placedAt = await _store.GetGenerationAsync();
        await _editor.PlaceDocumentAsync(Admin, "loose-note", _europe.Id, "briefing", null);
        await IndexCatchUp.ApplyAsync(_store, _index, placedAt, Now);
        Assert.Equal(["europe-statement", "loose-note"], Slugs(Search("talks", section: _regions.Id)));
        Assert.Equal(["loose-note", "syria-briefing"], Slugs(Search("talks", kind: "briefing")));
    }

    [Fact]
    public async Task IndexBuiltBeforeKindsAndSections_IsNotCompatible_UntilRebuilt()
    {
        var folder = _folder.Combine("index");
        var signature = LanguageAnalyzers.Signature;
        _index.Dispose();

        // What an index of the previous version recorded with its commits: the analysis, the generation, the time; no
        // word of what its entries hold.
        using (var directory = Lucene.Net.Store.FSDirectory.Open(folder))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LanguageAnalyzers.Version, new Lucene.Net.Analysis.Core.KeywordAnalyzer()) { OpenMode = OpenMode.APPEND }))
        {
            writer.SetCommitData(new Dictionary<string, string>
            {
                ["hexapla.analysis"] = signature,
                ["hexapla.generation"] = (await _store.GetGenerationAsync()).ToString(CultureInfo.InvariantCulture),
                ["hexapla.as-of"] = Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            });
            writer.Commit();
        }

        _index = LuceneSearchIndex.Open(folder, structure: _store);
        Assert.False(_index.IsCompatible);
        Assert.False(_index.IsInStepWith(await _store.GetGenerationAsync()));
        // Not used as it is: an old entry would be counted under no section.
        Assert.Equal(0, Search("talks").Total);

        await _index.RebuildAsync(_store.StreamPublishedDocumentsAsync(Now), Now, await _store.GetGenerationAsync());
        Assert.True(_index.IsCompatible);
        Assert.Equal(3, Counts(Search("talks").Facets!.Sections)[_regions.Id]);
        _index.Dispose();
        _index = LuceneSearchIndex.Open(folder, structure: _store);
        Assert.True(_index.IsInStepWith(await _store.GetGenerationAsync()));
    }
}
