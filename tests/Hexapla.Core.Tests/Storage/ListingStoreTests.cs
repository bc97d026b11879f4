using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Storage;

/// <summary>Filtered listings, facet counts and section counts, written once and run on SQLite and PostgreSQL.</summary>
public abstract class ListingStoreTests<TProvider> : IAsyncLifetime
    where TProvider : IStoreProvider, new()
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly User Admin = new(1, "admin", Role.Admin, [], false, Now);

    private TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    /// <summary>
    /// Regions › Middle East and Regions › Europe, a top-level Economy; a kind "briefing" and "statement"; documents:
    /// iraq (ME, statement, ru+en, 2025), syria (ME, briefing, ru only, 2024-12-31 23:30 UTC = 2025 in Moscow), france
    /// (Europe, statement, ru+en, 2023), budget (Economy, ru), loose (no section), and two that readers must never see:
    /// an embargoed statement in Middle East (public tomorrow) and a draft in Europe.
    /// </summary>
    private async Task<(SqlContentStore Store, Section Regions, Section MiddleEast, Section Europe, Section Economy)> SeedAsync()
    {
        var store = await Provider.OpenAsync();
        var editor = new StructureEditor(store, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", new Dictionary<LanguageTag, string> { [RuRu] = "Регионы", [EnGb] = "Regions" });
        var middleEast = await editor.CreateSectionAsync(Admin, regions.Id, "middle-east", new Dictionary<LanguageTag, string> { [RuRu] = "Ближний Восток" });
        var europe = await editor.CreateSectionAsync(Admin, regions.Id, "europe", new Dictionary<LanguageTag, string> { [RuRu] = "Европа" });
        var economy = await editor.CreateSectionAsync(Admin, null, "economy", new Dictionary<LanguageTag, string> { [RuRu] = "Экономика" });
        foreach (var key in new[] { "statement", "briefing" })
        {
            await editor.SaveKindAsync(Admin, new DocumentKind { Key = key, Names = new Dictionary<LanguageTag, string> { [EnGb] = key }, Fields = [] });
        }

        async Task Add(string slug, long? section, string? kind, DateTimeOffset at, string[] tags, bool english = false, VersionState state = VersionState.Published)
        {
            LanguageVersion Version(LanguageTag language) => new()
            {
                Language = language,
                Title = $"{slug} {language}",
                Body = "Текст.",
                State = state,
                PublishedAt = state == VersionState.Published ? at : null,
                UpdatedAt = Now,
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
                Versions = english ? [Version(RuRu), Version(EnGb)] : [Version(RuRu)],
            };
            Assert.NotNull(await store.CreateDocumentAsync(document, new AuditEntry(0, Now, "editor", "document.create", slug, null)));
        }

        await Add("iraq", middleEast.Id, "statement", new DateTimeOffset(2025, 2, 10, 9, 0, 0, TimeSpan.Zero), ["iraq", "un"], english: true);
        await Add("syria", middleEast.Id, "briefing", new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero), ["syria", "un"]);
        await Add("france", europe.Id, "statement", new DateTimeOffset(2023, 6, 1, 9, 0, 0, TimeSpan.Zero), ["france"], english: true);
        await Add("budget", economy.Id, null, new DateTimeOffset(2025, 1, 20, 9, 0, 0, TimeSpan.Zero), ["un"]);
        await Add("loose", null, "statement", new DateTimeOffset(2024, 5, 5, 9, 0, 0, TimeSpan.Zero), []);
        await Add("embargoed", middleEast.Id, "statement", Now.AddDays(1), ["iraq", "un", "secret"], english: true);
        await Add("draft", europe.Id, "briefing", Now, ["un", "secret"], state: VersionState.Draft);
        return (store, regions, middleEast, europe, economy);
    }

    private static TimeZoneInfo Moscow => TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [SkippableFact]
    public async Task ListPublished_SectionAndDescendants_NewestFirstPublicOnly()
    {
        var (store, regions, middleEast, europe, _) = await SeedAsync();

        var page = await store.ListFilteredAsync(new ListingFilter(RuRu) { SectionIds = [regions.Id, middleEast.Id, europe.Id] }, Now, 0, 10);
        var english = await store.ListFilteredAsync(new ListingFilter(EnGb) { SectionIds = [regions.Id, middleEast.Id, europe.Id] }, Now, 0, 10);
        var second = await store.ListFilteredAsync(new ListingFilter(RuRu) { SectionIds = [regions.Id, middleEast.Id, europe.Id] }, Now, 1, 1);

        Assert.Equal(["iraq", "syria", "france"], page.Items.Select(i => i.Slug));
        Assert.Equal(3, page.Total);
        Assert.Equal(["iraq", "france"], english.Items.Select(i => i.Slug));
        Assert.Equal([EnGb, RuRu], english.Items[0].PublishedLanguages);
        Assert.Equal("iraq en-GB", english.Items[0].Version.Title);
        Assert.Equal((3L, "syria"), (second.Total, second.Items.Single().Slug));
    }

    [SkippableFact]
    public async Task ListPublished_EmbargoLifts_TheEmbargoedStatementAppearsThen()
    {
        var (store, _, middleEast, _, _) = await SeedAsync();
        var filter = new ListingFilter(RuRu) { SectionIds = [middleEast.Id] };

        var before = await store.ListFilteredAsync(filter, Now, 0, 10);
        var after = await store.ListFilteredAsync(filter, Now.AddDays(2), 0, 10);

        Assert.DoesNotContain("embargoed", before.Items.Select(i => i.Slug));
        Assert.Equal(2, before.Total);
        Assert.Equal(["embargoed", "iraq", "syria"], after.Items.Select(i => i.Slug));
    }

    [SkippableFact]
    public async Task ListPublished_KindTagAndDates_EachNarrowsTheListing()
    {
        var (store, _, _, _, _) = await SeedAsync();

        var statements = await store.ListFilteredAsync(new ListingFilter(RuRu) { Kind = "statement" }, Now, 0, 10);
        var un = await store.ListFilteredAsync(new ListingFilter(RuRu) { Tag = "un" }, Now, 0, 10);
        var secret = await store.ListFilteredAsync(new ListingFilter(RuRu) { Tag = "secret" }, Now, 0, 10);
        var in2025 = await store.ListFilteredAsync(
            new ListingFilter(RuRu) { From = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }, Now, 0, 10);
        var both = await store.ListFilteredAsync(new ListingFilter(RuRu) { Kind = "statement", Tag = "un" }, Now, 0, 10);
        var none = await store.ListFilteredAsync(new ListingFilter(RuRu) { SectionIds = [] }, Now, 0, 10);

        Assert.Equal(["iraq", "loose", "france"], statements.Items.Select(i => i.Slug));
        Assert.Equal(["iraq", "budget", "syria"], un.Items.Select(i => i.Slug));
        Assert.Empty(secret.Items);
        Assert.Equal(0, secret.Total);
        Assert.Equal(["iraq", "budget"], in2025.Items.Select(i => i.Slug));
        Assert.Equal(["iraq"], both.Items.Select(i => i.Slug));
        Assert.Equal(0, none.Total);
    }

    [SkippableFact]
    public async Task CountFacets_CountOnlyPublicVersionsAndLeaveTheirOwnPartOut()
    {
        var (store, regions, middleEast, europe, _) = await SeedAsync();
        var section = new ListingFilter(RuRu) { SectionIds = [regions.Id, middleEast.Id, europe.Id] };

        var facets = await store.CountFacetsAsync(section, Now, 10, Moscow);
        var briefings = await store.CountFacetsAsync(section with { Kind = "briefing" }, Now, 10, Moscow);
        var utc = await store.CountFacetsAsync(section, Now, 10, TimeZoneInfo.Utc);
        var topOne = await store.CountFacetsAsync(new ListingFilter(RuRu), Now, 1, Moscow);

        Assert.Equal([new("statement", 2), new("briefing", 1)], facets.Kinds);
        // "secret" is only on the embargoed and the draft documents: no count may tell of it.
        Assert.Equal([new("un", 2), new("france", 1), new("iraq", 1), new("syria", 1)], facets.Tags);
        // Syria's briefing, 23:30 UTC on 31 December 2024, is 2025 in Moscow.
        Assert.Equal([new("2025", 2), new("2023", 1)], facets.Years);
        Assert.Equal([new("2025", 1), new("2024", 1), new("2023", 1)], utc.Years);
        // The kind facet still offers every kind; the others count briefings only.
        Assert.Equal([new("statement", 2), new("briefing", 1)], briefings.Kinds);
        Assert.Equal([new("syria", 1), new("un", 1)], briefings.Tags);
        Assert.Equal([new("2025", 1)], briefings.Years);
        Assert.Equal([new("un", 3)], topOne.Tags);
    }

    [SkippableFact]
    public async Task SectionLanguagesAndCounts_OnlyPublicVersions()
    {
        var (store, _, middleEast, europe, economy) = await SeedAsync();

        var counts = await store.CountPublishedBySectionAsync(Now);
        var meLanguages = await store.ListSectionLanguagesAsync([middleEast.Id], Now);
        var economyLanguages = await store.ListSectionLanguagesAsync([economy.Id], Now);
        var later = await store.CountPublishedBySectionAsync(Now.AddDays(2));

        Assert.Equal(
            [new(middleEast.Id, EnGb, 1), new(middleEast.Id, RuRu, 2), new(europe.Id, EnGb, 1), new(europe.Id, RuRu, 1), new(economy.Id, RuRu, 1)],
            counts.OrderBy(c => c.SectionId == middleEast.Id ? 0 : c.SectionId == europe.Id ? 1 : 2).ThenBy(c => c.Language.Value, StringComparer.Ordinal));
        Assert.Equal([EnGb, RuRu], meLanguages);
        Assert.Equal([RuRu], economyLanguages);
        Assert.Equal(3, later.Single(c => c.SectionId == middleEast.Id && c.Language == RuRu).Count);
    }
}

public sealed class SqliteListingStoreTests : ListingStoreTests<SqliteProvider>;

public sealed class PostgresListingStoreTests : ListingStoreTests<PostgresProvider>;
