using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// A site with a section tree for the listing tests: Regions › Middle East (first made as "mideast", renamed, so its old
/// path is kept), Regions › Europe, Economy; kinds "statement" and "briefing"; public documents in each, and two
/// that readers must never see: a statement in Middle East under embargo until <see cref="Embargo"/>, and a draft briefing
/// in Europe. The tag "secret-tag" is only on those two.
/// </summary>
internal static class SectionContent
{
    public static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    public static readonly LanguageTag En = LanguageTag.Parse("en-GB");

    /// <summary>When the embargoed statement becomes public: a day after the test sites start.</summary>
    public static DateTimeOffset Embargo => TestSite.Start.AddDays(1);

    public static Task<TestSite> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        TestSite.StartAsync(settings: settings, prepare: PrepareAsync);

    public static async Task PrepareAsync(string dataFolder, FakeTimeProvider clock)
    {
        var store = await SqliteContentStore.OpenAsync(Path.Combine(dataFolder, SqliteContentStore.FileName));
        var now = clock.GetUtcNow();
        var admin = new User(1, "admin", Role.Admin, [], false, now);
        var editor = new StructureEditor(store, clock);
        var regions = await editor.CreateSectionAsync(admin, null, "regions", new Dictionary<LanguageTag, string> { [Ru] = "Регионы", [En] = "Regions" });
        var middleEast = await editor.CreateSectionAsync(admin, regions.Id, "mideast", new Dictionary<LanguageTag, string> { [Ru] = "Ближний Восток", [En] = "Middle East" });
        middleEast = await editor.UpdateSectionAsync(admin, middleEast with { Slug = "middle-east" });
        var europe = await editor.CreateSectionAsync(admin, regions.Id, "europe", new Dictionary<LanguageTag, string> { [Ru] = "Европа" });
        var economy = await editor.CreateSectionAsync(admin, null, "economy", new Dictionary<LanguageTag, string> { [Ru] = "Экономика", [En] = "Economy" });
        await editor.SaveKindAsync(admin, new DocumentKind { Key = "statement", Names = new Dictionary<LanguageTag, string> { [Ru] = "Заявление", [En] = "Statement" }, Fields = [] });
        await editor.SaveKindAsync(admin, new DocumentKind { Key = "briefing", Names = new Dictionary<LanguageTag, string> { [Ru] = "Брифинг" }, Fields = [] });

        async Task Add(string slug, long section, string? kind, DateTimeOffset at, string[] tags, bool english = true, VersionState state = VersionState.Published)
        {
            LanguageVersion Version(LanguageTag language, string title) => new()
            {
                Language = language,
                Title = title,
                Body = language == Ru ? "Текст документа." : "The text of the document.",
                State = state,
                PublishedAt = state == VersionState.Published ? at : null,
                UpdatedAt = now,
            };
            var document = new Document
            {
                Slug = slug,
                OriginalLanguage = Ru,
                CreatedAt = now,
                UpdatedAt = now,
                SectionId = section,
                Kind = kind,
                Tags = tags,
                Versions = english ? [Version(Ru, $"Документ {slug}"), Version(En, $"Document {slug}")] : [Version(Ru, $"Документ {slug}")],
            };
            if (await store.CreateDocumentAsync(document, new AuditEntry(0, now, "admin", "document.create", slug, null)) is null)
            {
                throw new InvalidOperationException($"{slug} was not stored.");
            }
        }

        await Add("iraq-talks", middleEast.Id, "statement", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), ["un", "iraq"]);
        await Add("syria-briefing", middleEast.Id, "briefing", new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), ["un"], english: false);
        await Add("france-visit", europe.Id, "statement", new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero), ["france"]);
        await Add("budget-note", economy.Id, null, new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), ["un"], english: false);
        await Add("embargoed-statement", middleEast.Id, "statement", Embargo, ["un", "secret-tag"]);
        await Add("draft-briefing", europe.Id, "briefing", now, ["secret-tag"], english: false, state: VersionState.Draft);
    }
}
