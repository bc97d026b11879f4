using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;

namespace Hexapla.Tests.Storage;

/// <summary>The content store's behaviour, written once and run on every provider (see the sealed subclasses).</summary>
public abstract class ContentStoreTests<TProvider> : IAsyncLifetime
    where TProvider : IStoreProvider, new()
{
    protected static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    protected static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    protected static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    protected static readonly LanguageTag ArAe = LanguageTag.Parse("ar-AE");
    protected static readonly LanguageTag ZhCn = LanguageTag.Parse("zh-CN");
    protected static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, 0, TimeSpan.Zero);

    protected TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    protected static LanguageVersion Published(LanguageTag language, DateTimeOffset at, string title = "Title") => new()
    {
        Language = language,
        Title = title,
        Body = "Body of " + title,
        PublishedAt = at,
        UpdatedAt = at,
    };

    protected static LanguageVersion Draft(LanguageTag language) => new()
    {
        Language = language,
        Title = "Draft",
        Body = "Not yet.",
        State = VersionState.Draft,
        UpdatedAt = Now,
    };

    protected static Document Doc(string slug, params LanguageVersion[] versions) => new()
    {
        Slug = slug,
        OriginalLanguage = versions[0].Language,
        CreatedAt = Now,
        UpdatedAt = Now,
        Versions = versions,
    };

    private Task<T> QueryAsync<T>(string sql) => Provider.QueryAsync<T>(sql);

    [SkippableFact]
    public async Task OpenAsync_Twice_KeepsDataAndGeneration()
    {
        var store = await Provider.OpenAsync();
        await store.SaveDocumentsAsync([Doc("kept", Published(EnGb, Now))]);

        var again = await Provider.OpenAsync();

        Assert.Equal(1, await again.CountDocumentsAsync());
        Assert.Equal(1, await again.GetGenerationAsync());
    }

    [SkippableFact]
    public async Task SaveDocumentsAsync_RoundTrip_KeepsEveryField()
    {
        var store = await Provider.OpenAsync();
        var published = new DateTimeOffset(2016, 2, 29, 10, 30, 15, 123, TimeSpan.FromHours(3));
        var document = new Document
        {
            Slug = "round-trip",
            OriginalLanguage = RuRu,
            Tags = ["zeta", "alpha", "middle east"],
            ExpectedLanguages = [EnGb, FrFr, RuRu],
            CreatedAt = new DateTimeOffset(2016, 2, 28, 9, 0, 0, 1, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2016, 3, 1, 9, 0, 0, 999, TimeSpan.Zero),
            Versions =
            [
                new LanguageVersion
                {
                    Language = EnGb, Title = "Iraq", Body = "Body\n\nTwo", State = VersionState.Draft,
                    Revision = 3, SourceRevision = 2, UpdatedAt = new DateTimeOffset(2016, 3, 1, 9, 0, 0, 999, TimeSpan.Zero),
                },
                new LanguageVersion
                {
                    Language = RuRu, Title = "Ирак", Summary = "Кратко.", Body = "Текст", State = VersionState.Published,
                    PublishedAt = published, Revision = 2, UpdatedAt = published.AddMilliseconds(7),
                },
            ],
        };

        var saved = Assert.Single(await store.SaveDocumentsAsync([document]));
        var found = await store.FindDocumentAsync("round-trip");

        Assert.True(saved.Id > 0);
        Assert.NotNull(found);
        Assert.Equal(saved.Id, found.Id);
        Assert.Equal(DocumentText.Describe(document with { Id = saved.Id }), DocumentText.Describe(found));
        Assert.Equal(new[] { "zeta", "alpha", "middle east" }, found.Tags);
        Assert.Equal(published, found.Version(RuRu)!.PublishedAt);
        Assert.Equal(published.UtcTicks, found.Version(RuRu)!.PublishedAt!.Value.UtcTicks);
        Assert.Null(found.Version(EnGb)!.PublishedAt);
        Assert.Null(found.Version(EnGb)!.Summary);
        Assert.Null(found.Version(RuRu)!.SourceRevision);
    }

    [SkippableFact]
    public async Task SaveDocumentsAsync_SameSlugAgain_UpdatesInPlace()
    {
        var store = await Provider.OpenAsync();
        var first = Assert.Single(await store.SaveDocumentsAsync([Doc("same", Published(EnGb, Now)) with { Tags = ["a", "b"] }]));

        await store.SaveDocumentsAsync([Doc("same", Published(EnGb, Now, "New")) with { Tags = ["b"] }]);

        var found = (await store.FindDocumentAsync("same"))!;
        Assert.Equal(1, await store.CountDocumentsAsync());
        Assert.Equal(first.Id, found.Id);
        Assert.Equal(new[] { "b" }, found.Tags);
        Assert.Equal("New", Assert.Single(found.Versions).Title);
    }

    [SkippableFact]
    public async Task SaveDocumentsAsync_NewRevision_WritesRevisionRow()
    {
        var store = await Provider.OpenAsync();
        var version = Published(EnGb, Now, "First");
        await store.SaveDocumentsAsync([Doc("history", version)]);
        await store.SaveDocumentsAsync([Doc("history", version)]);
        Assert.Equal(1, await QueryAsync<int>("SELECT count(*) FROM revisions;"));

        await store.SaveDocumentsAsync([Doc("history", version with { Title = "Second", Body = "Changed", Revision = 2 })]);

        Assert.Equal(2, await QueryAsync<int>("SELECT count(*) FROM revisions;"));
        Assert.Equal("First|Body of First", await QueryAsync<string>("SELECT title || '|' || body FROM revisions WHERE revision = 1;"));
        Assert.Equal("Second|Changed", await QueryAsync<string>("SELECT title || '|' || body FROM revisions WHERE revision = 2;"));
    }

    [SkippableFact]
    public async Task SaveDocumentsAsync_ManyVersionsTagsAndLanguages_AllRoundTrip_AndSegmentsFollowTheSameRevision()
    {
        var store = await Provider.OpenAsync();
        SegmentRef[] segments = [new("s1", "h1"), new("s2", "h2")];
        var russian = Published(RuRu, Now, "Заявление") with { Summary = "Кратко", Segments = segments };
        var english = Published(EnGb, Now, "Statement") with
        {
            SourceRevision = 1,
            Segments = segments,
            Links = [new SegmentLink("s1", "s1", "h1"), new SegmentLink("s2", "s2", "h2", Machine: true)],
        };
        var document = Doc("many", russian, english, Draft(FrFr)) with { Tags = ["iraq", "un", "statement"], ExpectedLanguages = [ArAe, ArAe, ZhCn] };

        await store.SaveDocumentsAsync([document]);
        SegmentRef[] resegmented = [new("s1", "h1"), new("s3", "h3")];
        await store.SaveDocumentsAsync([document with { Versions = [russian with { Segments = resegmented }, english, Draft(FrFr)] }]);

        var found = (await store.FindDocumentAsync("many"))!;
        Assert.Equal(new[] { "iraq", "un", "statement" }, found.Tags);
        Assert.Equal(new[] { ArAe, ZhCn }, found.ExpectedLanguages.Order());
        Assert.Equal(new[] { EnGb, FrFr, RuRu }, found.Versions.Select(v => v.Language).Order());
        Assert.Equal(("Заявление", "Кратко"), (found.Version(RuRu)!.Title, found.Version(RuRu)!.Summary));
        Assert.Equal(resegmented, found.Version(RuRu)!.Segments);
        Assert.Equal((1, (string?)null), (found.Version(EnGb)!.SourceRevision, found.Version(EnGb)!.Summary));
        Assert.Equal(english.Links, found.Version(EnGb)!.Links);
        Assert.Equal(VersionState.Draft, found.Version(FrFr)!.State);
        var revision = Assert.Single(await store.ListRevisionSegmentsAsync("many", RuRu));
        Assert.Equal(resegmented, revision.Segments);
        Assert.Equal("Body of Заявление", Assert.Single(await store.ListRevisionsAsync("many", RuRu)).Body);
    }

    // a: ru-RU 3 days ago, en-GB 1 day ago; b: en-GB 2 days ago, ru-RU draft; c: en-GB tomorrow (embargo); d: draft only.
    private async Task<SqlContentStore> SeedPublishingAsync()
    {
        var store = await Provider.OpenAsync();
        await store.SaveDocumentsAsync(
        [
            Doc("a", Published(RuRu, Now.AddDays(-3)), Published(EnGb, Now.AddDays(-1))),
            Doc("b", Published(EnGb, Now.AddDays(-2)), Draft(RuRu)),
            Doc("c", Published(EnGb, Now.AddDays(1))),
            Doc("d", Draft(FrFr)),
        ]);
        return store;
    }

    [SkippableFact]
    public async Task ListPublishedAsync_AllLanguages_NewestFirstWithoutDraftsOrEmbargoes()
    {
        var store = await SeedPublishingAsync();

        var page = await store.ListPublishedAsync(null, Now, 0, 10);

        Assert.Equal(3, page.Total);
        Assert.Equal(new[] { "a/en-GB", "b/en-GB", "a/ru-RU" }, page.Items.Select(i => $"{i.Slug}/{i.Version.Language}"));
        Assert.Equal(new[] { EnGb, RuRu }, page.Items[0].PublishedLanguages);
        Assert.Equal(new[] { EnGb }, page.Items[1].PublishedLanguages);
        Assert.Equal(new[] { EnGb, RuRu }, page.Items[2].PublishedLanguages);
    }

    [SkippableFact]
    public async Task ListPublishedAsync_AfterEmbargo_IncludesIt()
    {
        var store = await SeedPublishingAsync();

        var page = await store.ListPublishedAsync(null, Now.AddDays(1), 0, 10);

        Assert.Equal(4, page.Total);
        Assert.Equal("c", page.Items[0].Slug);
    }

    [SkippableFact]
    public async Task ListPublishedAsync_OffsetAndLimit_PagesWithTotal()
    {
        var store = await SeedPublishingAsync();

        var second = await store.ListPublishedAsync(null, Now, 1, 1);
        var beyond = await store.ListPublishedAsync(null, Now, 3, 1);

        Assert.Equal(3, second.Total);
        Assert.Equal("b", Assert.Single(second.Items).Slug);
        Assert.Equal(3, beyond.Total);
        Assert.Empty(beyond.Items);
    }

    [SkippableFact]
    public async Task ListPublishedAsync_OneLanguage_FiltersButKeepsSiblingLanguages()
    {
        var store = await SeedPublishingAsync();

        var page = await store.ListPublishedAsync(EnGb, Now, 0, 10);

        Assert.Equal(2, page.Total);
        Assert.Equal(new[] { "a", "b" }, page.Items.Select(i => i.Slug));
        Assert.All(page.Items, i => Assert.Equal(EnGb, i.Version.Language));
        Assert.Equal(new[] { EnGb, RuRu }, page.Items[0].PublishedLanguages);
    }

    [SkippableFact]
    public async Task CountPublishedByLanguageAsync_CountsPublicVersionsMostFirst()
    {
        var store = await SeedPublishingAsync();

        var counts = await store.CountPublishedByLanguageAsync(Now);

        Assert.Equal(new[] { (EnGb, 2L), (RuRu, 1L) }, counts.Select(c => (c.Language, c.Count)));
    }

    [SkippableFact]
    public async Task StreamPublishedDocumentsAsync_OnlyDocumentsWithAPublicVersion()
    {
        var store = await SeedPublishingAsync();

        var now = new List<string>();
        await foreach (var document in store.StreamPublishedDocumentsAsync(Now))
        {
            now.Add(document.Slug);
        }

        var later = new List<Document>();
        await foreach (var document in store.StreamPublishedDocumentsAsync(Now.AddDays(1)))
        {
            later.Add(document);
        }

        Assert.Equal(new[] { "a", "b" }, now);
        Assert.Equal(new[] { "a", "b", "c" }, later.Select(d => d.Slug));
        Assert.Equal(2, later[1].Versions.Count);
    }

    [SkippableFact]
    public async Task ListPublicDocumentsAsync_OnlyVersionsPublicNow_BySlugWithTheOriginalFirst()
    {
        var store = await SeedPublishingAsync();
        var past = Now.AddDays(-5);
        // Every state that is not public, each with a publication time in the past: only the state keeps them out.
        await store.SaveDocumentsAsync(
        [
            Doc(
                "e",
                Published(FrFr, past),
                Published(EnGb, past) with { State = VersionState.Unpublished },
                Published(RuRu, past) with { State = VersionState.Approved }),
            Doc("f", Published(EnGb, past) with { State = VersionState.InReview }, Published(RuRu, past) with { State = VersionState.Draft }),
        ]);

        var now = await store.ListPublicDocumentsAsync(Now, 0, 10);
        var later = await store.ListPublicDocumentsAsync(Now.AddDays(1), 0, 10);

        Assert.Equal(["a: ru-RU en-GB", "b: en-GB", "e: fr-FR"], now.Select(Describe));
        Assert.Equal(["a: ru-RU en-GB", "b: en-GB", "c: en-GB", "e: fr-FR"], later.Select(Describe));
        Assert.Equal([Now.AddDays(-3), Now.AddDays(-1)], now[0].Versions.Select(v => v.UpdatedAt));
        Assert.Equal(3, await store.CountPublicDocumentsAsync(Now));
        Assert.Equal(4, await store.CountPublicDocumentsAsync(Now.AddDays(1)));
        Assert.Equal(0, await store.CountPublicDocumentsAsync(Now.AddDays(-10)));
        Assert.Empty(await store.ListPublicDocumentsAsync(Now.AddDays(-10), 0, 10));

        static string Describe(PublicDocument d) => $"{d.Slug}: {string.Join(' ', d.Versions.Select(v => v.Language.Value))}";
    }

    [SkippableFact]
    public async Task ListPublicDocumentsAsync_Pages_CoverEveryPublicDocumentOnceInSlugOrder()
    {
        var store = await Provider.OpenAsync();
        // Slugs saved out of order; every third document is only a draft.
        await store.SaveDocumentsAsync([.. Enumerable.Range(0, 23).Reverse().Select(i =>
            Doc($"doc-{i:D2}", i % 3 == 0 ? Draft(EnGb) : Published(EnGb, Now.AddMinutes(-i)), Published(FrFr, Now.AddMinutes(-i))))]);
        var expected = Enumerable.Range(0, 23).Select(i => $"doc-{i:D2}").ToList();

        var pages = new List<IReadOnlyList<PublicDocument>>();
        for (var offset = 0; offset < 30; offset += 5)
        {
            pages.Add(await store.ListPublicDocumentsAsync(Now, offset, 5));
        }

        Assert.Equal(expected, pages.SelectMany(p => p).Select(d => d.Slug));
        Assert.Equal([5, 5, 5, 5, 3, 0], pages.Select(p => p.Count));
        Assert.Equal(23, await store.CountPublicDocumentsAsync(Now));
        Assert.All(pages.SelectMany(p => p), d => Assert.Equal(
            int.Parse(d.Slug[4..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 0 ? [FrFr] : new[] { EnGb, FrFr },
            d.Versions.Select(v => v.Language)));
        Assert.Equal(expected.Skip(7).Take(3), (await store.ListPublicDocumentsAsync(Now, 7, 3)).Select(d => d.Slug));
    }
}
