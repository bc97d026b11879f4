using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Storage;

/// <summary>
/// How many documents each section holds that readers may see, per language (the API's section tree), on SQLite and
/// PostgreSQL: drafts and versions under embargo are never counted until their instant.
/// </summary>
public abstract class SectionCountStoreTests<TProvider> : IAsyncLifetime
    where TProvider : IStoreProvider, new()
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly User Admin = new(1, "admin", Role.Admin, [], false, Now);

    private TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    private static LanguageVersion Version(LanguageTag language, VersionState state, DateTimeOffset? publishedAt) =>
        new() { Language = language, Title = "Заявление", Body = "Текст.", State = state, PublishedAt = publishedAt, UpdatedAt = Now };

    private static Document Doc(string slug, long? section, params LanguageVersion[] versions) => new()
    {
        Slug = slug, OriginalLanguage = RuRu, CreatedAt = Now, UpdatedAt = Now, SectionId = section, Versions = versions,
    };

    [SkippableFact]
    public async Task CountPublicDocumentsBySection_CountsOnlyWhatIsPublicAtTheInstant_PerLanguage()
    {
        var store = await Provider.OpenAsync();
        var editor = new StructureEditor(store, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", new Dictionary<LanguageTag, string> { [RuRu] = "Регионы" });
        var east = await editor.CreateSectionAsync(Admin, regions.Id, "middle-east", new Dictionary<LanguageTag, string> { [RuRu] = "Ближний Восток" });
        await store.SaveDocumentsAsync(
        [
            Doc("public", east.Id, Version(RuRu, VersionState.Published, Now.AddDays(-1)), Version(EnGb, VersionState.Published, Now.AddHours(-1))),
            Doc("embargoed", east.Id, Version(RuRu, VersionState.Published, Now.AddDays(1)), Version(EnGb, VersionState.Draft, null)),
            Doc("draft", regions.Id, Version(RuRu, VersionState.Draft, null)),
            Doc("in-review", regions.Id, Version(RuRu, VersionState.InReview, null), Version(EnGb, VersionState.Published, Now.AddMinutes(-5))),
            Doc("nowhere", null, Version(RuRu, VersionState.Published, Now.AddDays(-1))),
        ]);

        static string Shown(IEnumerable<SectionLanguageCount> counts, long regions) => string.Join(", ", counts
            .Select(c => $"{(c.SectionId == regions ? "regions" : "east")}/{c.Language}={c.Count}").Order(StringComparer.Ordinal));

        Assert.Equal("east/en-GB=1, east/ru-RU=1, regions/en-GB=1", Shown(await store.CountPublicDocumentsBySectionAsync(Now), regions.Id));
        // Once the embargo has passed, its version counts.
        Assert.Equal("east/en-GB=1, east/ru-RU=2, regions/en-GB=1", Shown(await store.CountPublicDocumentsBySectionAsync(Now.AddDays(2)), regions.Id));
    }
}

public sealed class SqliteSectionCountStoreTests : SectionCountStoreTests<SqliteProvider>;

public sealed class PostgresSectionCountStoreTests : SectionCountStoreTests<PostgresProvider>;
