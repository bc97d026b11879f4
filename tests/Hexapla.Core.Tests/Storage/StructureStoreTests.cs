using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Storage;

/// <summary>Sections, kinds, menus and documents' places in the store, written once and run on SQLite and PostgreSQL.</summary>
public abstract class StructureStoreTests<TProvider> : IAsyncLifetime
    where TProvider : IStoreProvider, new()
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly User Admin = new(1, "admin", Role.Admin, [], false, Now);
    private static readonly User Editor = new(2, "editor", Role.Editor, [], false, Now);
    private static readonly User Translator = new(3, "translator", Role.Translator, [EnGb], false, Now);

    private TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    private async Task<(SqlContentStore Store, StructureEditor Editor)> OpenAsync()
    {
        var store = await Provider.OpenAsync();
        return (store, new StructureEditor(store, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now)));
    }

    private static Dictionary<LanguageTag, string> Titles(string ru, string en) => new() { [RuRu] = ru, [EnGb] = en };

    private static Document Doc(string slug, long? section = null, string? kind = null) => new()
    {
        Slug = slug,
        OriginalLanguage = RuRu,
        CreatedAt = Now,
        UpdatedAt = Now,
        SectionId = section,
        Kind = kind,
        Versions = [new LanguageVersion { Language = RuRu, Title = slug, Body = "Текст.", PublishedAt = Now, UpdatedAt = Now }],
    };

    private static DocumentKind Briefing => new()
    {
        Key = "briefing",
        Names = Titles("Брифинг", "Briefing"),
        Fields =
        [
            new FieldDefinition("speaker", FieldType.Text, Titles("Докладчик", "Speaker")),
            new FieldDefinition("place", FieldType.Text, Titles("Место", "Place")),
            new FieldDefinition("event-date", FieldType.Date, Titles("Дата", "Date")),
            new FieldDefinition("number", FieldType.Code, Titles("Номер", "Number")),
        ],
    };

    [SkippableFact]
    public async Task Sections_TreeWithTitles_ReadsBackWithPathsTrailAndDescendants()
    {
        var (store, editor) = await OpenAsync();
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        var middleEast = await editor.CreateSectionAsync(Admin, regions.Id, "middle-east", Titles("Ближний Восток", "Middle East"));
        var europe = await editor.CreateSectionAsync(Admin, regions.Id, "europe", Titles("Европа", "Europe"), position: -1);

        var structure = await store.LoadStructureAsync();

        Assert.Equal("regions/middle-east", structure.PathOf(middleEast.Id));
        Assert.Equal(middleEast.Id, structure.SectionAt("regions/middle-east")!.Id);
        Assert.Equal(["regions", "middle-east"], structure.Trail(middleEast.Id).Select(s => s.Slug));
        Assert.Equal(["europe", "middle-east"], structure.Children(regions.Id).Select(s => s.Slug));
        Assert.Equal(new[] { regions.Id, middleEast.Id, europe.Id }.Order(), structure.SelfAndDescendants(regions.Id).Order());
        Assert.Equal("Ближний Восток", structure.Section(middleEast.Id)!.TitleFor(RuRu).Text);
        var fallback = structure.Section(middleEast.Id)!.TitleFor(LanguageTag.Parse("fr-FR"), EnGb);
        Assert.Equal(("Middle East", EnGb), (fallback.Text, fallback.Language));
    }

    [SkippableFact]
    public async Task UpdateSection_RenameAndMove_KeepsEveryOldPathAsARedirect()
    {
        var (store, editor) = await OpenAsync();
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        var middleEast = await editor.CreateSectionAsync(Admin, regions.Id, "middle-east", Titles("Ближний Восток", "Middle East"));
        var iraq = await editor.CreateSectionAsync(Admin, middleEast.Id, "iraq", Titles("Ирак", "Iraq"));
        var policy = await editor.CreateSectionAsync(Admin, null, "policy", Titles("Политика", "Policy"));
        await store.SaveDocumentsAsync([Doc("statement", iraq.Id)]);
        var generation = await store.GetGenerationAsync();

        await editor.UpdateSectionAsync(Admin, middleEast with { Slug = "near-east", ParentId = policy.Id });

        var structure = await store.LoadStructureAsync();
        Assert.Equal("policy/near-east/iraq", structure.PathOf(iraq.Id));
        Assert.Equal(middleEast.Id, await store.FindSectionRedirectAsync("regions/middle-east"));
        Assert.Equal(iraq.Id, await store.FindSectionRedirectAsync("regions/middle-east/iraq"));
        Assert.Null(await store.FindSectionRedirectAsync("policy/near-east"));
        var changes = await store.ChangesSinceAsync(generation);
        Assert.Contains("statement", changes!.Slugs);

        // Moving back makes the old path current again: it is no longer a redirect, and the newer one is.
        await editor.UpdateSectionAsync(Admin, (await store.LoadStructureAsync()).Section(middleEast.Id)! with { Slug = "middle-east", ParentId = regions.Id });
        Assert.Null(await store.FindSectionRedirectAsync("regions/middle-east"));
        Assert.Equal(iraq.Id, await store.FindSectionRedirectAsync("policy/near-east/iraq"));
    }

    [SkippableFact]
    public async Task UpdateSection_UnderItsOwnDescendant_IsRefusedAsACycleAndNothingChanges()
    {
        var (store, editor) = await OpenAsync();
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        var middleEast = await editor.CreateSectionAsync(Admin, regions.Id, "middle-east", Titles("Ближний Восток", "Middle East"));
        var generation = await store.GetGenerationAsync();

        var error = await Assert.ThrowsAsync<StructureException>(() => editor.UpdateSectionAsync(Admin, regions with { ParentId = middleEast.Id }));
        var self = await Assert.ThrowsAsync<StructureException>(() => editor.UpdateSectionAsync(Admin, regions with { ParentId = regions.Id }));

        Assert.Equal(StructureErrorKind.Conflict, error.Kind);
        Assert.Contains("\"regions\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("regions/middle-east", error.Message, StringComparison.Ordinal);
        Assert.Contains("loop", error.Message, StringComparison.Ordinal);
        Assert.Equal("parent", self.Field);
        Assert.Equal(generation, await store.GetGenerationAsync());
        Assert.Null((await store.LoadStructureAsync()).Section(regions.Id)!.ParentId);
    }

    [SkippableFact]
    public async Task Slugs_SectionAndDocumentSharingOne_AreRefusedBothWays()
    {
        var (store, editor) = await OpenAsync();
        await store.SaveDocumentsAsync([Doc("iraq")]);

        var section = await Assert.ThrowsAsync<StructureException>(() => editor.CreateSectionAsync(Admin, null, "iraq", Titles("Ирак", "Iraq")));
        Assert.Equal(StructureErrorKind.Conflict, section.Kind);
        Assert.Contains("document \"iraq\"", section.Message, StringComparison.Ordinal);
        Assert.Empty((await store.LoadStructureAsync()).Sections);

        await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        var created = await store.CreateDocumentAsync(Doc("regions"), new AuditEntry(0, Now, "editor", "document.create", "regions", null));
        Assert.Null(created);
        Assert.Null(await store.FindDocumentAsync("regions"));

        var sibling = await Assert.ThrowsAsync<StructureException>(() => editor.CreateSectionAsync(Admin, null, "regions", Titles("Ещё", "Again")));
        Assert.Contains("beside it", sibling.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DeleteSection_HoldingDocumentsOrSections_IsRefusedNamingThem()
    {
        var (store, editor) = await OpenAsync();
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        var middleEast = await editor.CreateSectionAsync(Admin, regions.Id, "middle-east", Titles("Ближний Восток", "Middle East"));
        await store.SaveDocumentsAsync([Doc("statement", middleEast.Id), Doc("briefing-1", middleEast.Id)]);

        var full = await Assert.ThrowsAsync<StructureException>(() => editor.DeleteSectionAsync(Admin, middleEast.Id));
        var parent = await Assert.ThrowsAsync<StructureException>(() => editor.DeleteSectionAsync(Admin, regions.Id));

        Assert.Contains("2 documents", full.Message, StringComparison.Ordinal);
        Assert.Contains("\"statement\"", full.Message, StringComparison.Ordinal);
        Assert.Contains("regions/middle-east", parent.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await store.LoadStructureAsync()).Sections.Count);

        await editor.PlaceDocumentAsync(Editor, "statement", null, null, null);
        await editor.PlaceDocumentAsync(Editor, "briefing-1", regions.Id, null, null);
        await editor.DeleteSectionAsync(Admin, middleEast.Id);
        Assert.Single((await store.LoadStructureAsync()).Sections);
        Assert.Equal(regions.Id, (await store.FindDocumentAsync("briefing-1"))!.SectionId);
    }

    [SkippableFact]
    public async Task Kinds_FieldsAndPlacement_ReadBackOnTheDocumentAndItsVersions()
    {
        var (store, editor) = await OpenAsync();
        await editor.SaveKindAsync(Admin, Briefing);
        await store.SaveDocumentsAsync([Doc("briefing-1") with
        {
            Versions = [new LanguageVersion
            {
                Language = RuRu, Title = "Брифинг", Body = "Текст.", PublishedAt = Now, UpdatedAt = Now,
                Fields = new Dictionary<string, string> { ["speaker"] = "М. В. Захарова", ["place"] = "Москва" },
            }],
        }]);

        await editor.PlaceDocumentAsync(Editor, "briefing-1", null, "briefing", new Dictionary<string, string> { ["event-date"] = "2024-07-13T10:00:00+03:00", ["number"] = "1234-13-07-2024" });

        var document = (await store.FindDocumentAsync("briefing-1"))!;
        Assert.Equal("briefing", document.Kind);
        Assert.Equal("2024-07-13", document.Fields["event-date"]);
        Assert.Equal("1234-13-07-2024", document.Fields["number"]);
        Assert.Equal("М. В. Захарова", document.Versions[0].Fields["speaker"]);
        var kind = (await store.LoadStructureAsync()).Kind("briefing")!;
        Assert.Equal(["speaker", "place", "event-date", "number"], kind.Fields.Select(f => f.Key));
        Assert.Equal("Докладчик", kind.Fields[0].LabelFor(RuRu).Text);
        Assert.True(kind.Fields[0].Translatable);
        Assert.False(kind.Fields[2].Translatable);
        var listed = await store.ListPublishedAsync(RuRu, Now, 0, 10);
        Assert.Equal("Москва", Assert.Single(listed.Items).Version.Fields["place"]);
    }

    [SkippableFact]
    public async Task SaveDocuments_ReimportSayingNothingOfThePlace_KeepsSectionKindAndFields()
    {
        var (store, editor) = await OpenAsync();
        await editor.SaveKindAsync(Admin, Briefing);
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        await store.SaveDocumentsAsync([Doc("briefing-1")]);
        await editor.PlaceDocumentAsync(Editor, "briefing-1", regions.Id, "briefing", new Dictionary<string, string> { ["number"] = "7" });

        var saved = await store.SaveDocumentsAsync([Doc("briefing-1")]);
        await using (var bulk = await store.BeginBulkWriteAsync())
        {
            await bulk.SaveAsync(Doc("briefing-1"));
            await bulk.CommitAsync();
        }

        var document = (await store.FindDocumentAsync("briefing-1"))!;
        Assert.Equal((regions.Id, "briefing", "7"), (document.SectionId, document.Kind, document.Fields["number"]));
        Assert.Equal(regions.Id, saved[0].SectionId);

        await editor.PlaceDocumentAsync(Editor, "briefing-1", null, null, null);
        document = (await store.FindDocumentAsync("briefing-1"))!;
        Assert.Equal((null, null, 0), (document.SectionId, document.Kind, document.Fields.Count));
    }

    [SkippableFact]
    public async Task PlaceDocument_WrongTypeOrUnknownOrTranslatableField_IsRefusedAndNothingChanges()
    {
        var (store, editor) = await OpenAsync();
        await editor.SaveKindAsync(Admin, Briefing);
        await store.SaveDocumentsAsync([Doc("briefing-1")]);
        var generation = await store.GetGenerationAsync();

        var date = await Assert.ThrowsAsync<StructureException>(() => editor.PlaceDocumentAsync(Editor, "briefing-1", null, "briefing", new Dictionary<string, string> { ["event-date"] = "13 July" }));
        var unknown = await Assert.ThrowsAsync<StructureException>(() => editor.PlaceDocumentAsync(Editor, "briefing-1", null, "briefing", new Dictionary<string, string> { ["venue"] = "x" }));
        var perLanguage = await Assert.ThrowsAsync<StructureException>(() => editor.PlaceDocumentAsync(Editor, "briefing-1", null, "briefing", new Dictionary<string, string> { ["speaker"] = "x" }));
        var noKind = await Assert.ThrowsAsync<StructureException>(() => editor.PlaceDocumentAsync(Editor, "briefing-1", null, "speech", null));
        var forbidden = await Assert.ThrowsAsync<StructureException>(() => editor.PlaceDocumentAsync(Translator, "briefing-1", null, "briefing", null));

        Assert.Contains("\"event-date\" is a date", date.Message, StringComparison.Ordinal);
        Assert.Contains("13 July", date.Message, StringComparison.Ordinal);
        Assert.Equal("fields.event-date", date.Field);
        Assert.Contains("no field \"venue\"", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("translated per language", perLanguage.Message, StringComparison.Ordinal);
        Assert.Contains("no kind \"speech\"", noKind.Message, StringComparison.Ordinal);
        Assert.Equal(StructureErrorKind.Forbidden, forbidden.Kind);
        Assert.Equal(generation, await store.GetGenerationAsync());
        Assert.Null((await store.FindDocumentAsync("briefing-1"))!.Kind);
    }

    [SkippableFact]
    public async Task SaveKind_TypeChangeThatStoredValuesDoNotFit_IsRefusedNamingTheDocument()
    {
        var (store, editor) = await OpenAsync();
        await editor.SaveKindAsync(Admin, Briefing);
        await store.SaveDocumentsAsync([Doc("briefing-1")]);
        await editor.PlaceDocumentAsync(Editor, "briefing-1", null, "briefing", new Dictionary<string, string> { ["number"] = "12-b" });

        var error = await Assert.ThrowsAsync<StructureException>(() => editor.SaveKindAsync(Admin, Briefing with
        {
            Fields = [.. Briefing.Fields.Select(f => f.Key == "number" ? f with { Type = FieldType.Number } : f)],
        }));
        var inUse = await Assert.ThrowsAsync<StructureException>(() => editor.DeleteKindAsync(Admin, "briefing"));
        var reserved = await Assert.ThrowsAsync<StructureException>(() => editor.SaveKindAsync(Admin, Briefing with { Key = "speech", Fields = [new FieldDefinition("title", FieldType.Text, Titles("a", "b"))] }));
        var editorMayNot = await Assert.ThrowsAsync<StructureException>(() => editor.SaveKindAsync(Editor, Briefing with { Key = "speech" }));

        Assert.Contains("document \"briefing-1\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("12-b", error.Message, StringComparison.Ordinal);
        Assert.Contains("briefing-1", inUse.Message, StringComparison.Ordinal);
        Assert.Contains("\"title\" is taken", reserved.Message, StringComparison.Ordinal);
        Assert.Equal(StructureErrorKind.Forbidden, editorMayNot.Kind);
        Assert.Equal(FieldType.Code, (await store.LoadStructureAsync()).Kind("briefing")!.Field("number")!.Type);
    }

    [SkippableFact]
    public async Task Menus_EntriesWithTargetsAndTitles_ReadBackAndBadEntriesAreRefused()
    {
        var (store, editor) = await OpenAsync();
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));
        var menu = new Menu(Menu.Header,
        [
            new MenuEntry
            {
                Target = MenuTargetKind.Section, SectionId = regions.Id,
                Children = [new MenuEntry { Target = MenuTargetKind.Document, DocumentSlug = "statement", Titles = Titles("Заявление", "Statement") }],
            },
            new MenuEntry { Target = MenuTargetKind.Link, Url = "/ru-ru/search", Titles = Titles("Поиск", "Search") },
        ]);

        await editor.SaveMenuAsync(Editor, menu);

        var stored = (await store.LoadStructureAsync()).Menu(Menu.Header);
        Assert.Equal(2, stored.Entries.Count);
        Assert.Equal(regions.Id, stored.Entries[0].SectionId);
        Assert.Equal("statement", stored.Entries[0].Children[0].DocumentSlug);
        Assert.Equal("Statement", stored.Entries[0].Children[0].Titles[EnGb]);
        Assert.Empty((await store.LoadStructureAsync()).Menu(Menu.Footer).Entries);

        var offsite = await Assert.ThrowsAsync<StructureException>(() => editor.SaveMenuAsync(Editor, new Menu(Menu.Footer,
            [new MenuEntry { Target = MenuTargetKind.Link, Url = "//evil.example/", Titles = Titles("x", "x") }])));
        var script = await Assert.ThrowsAsync<StructureException>(() => editor.SaveMenuAsync(Editor, new Menu(Menu.Footer,
            [new MenuEntry { Target = MenuTargetKind.Link, Url = "javascript:alert(1)", Titles = Titles("x", "x") }])));
        var missing = await Assert.ThrowsAsync<StructureException>(() => editor.SaveMenuAsync(Editor, new Menu(Menu.Footer,
            [new MenuEntry { Target = MenuTargetKind.Section, SectionId = 999 }])));
        Assert.Equal("url", offsite.Field);
        Assert.Equal("url", script.Field);
        Assert.Equal(StructureErrorKind.NotFound, missing.Kind);
        Assert.Empty((await store.LoadStructureAsync()).Menu(Menu.Footer).Entries);
    }

    [SkippableFact]
    public async Task UpdateSection_TranslatorInTheirLanguage_MayChangeOnlyThatTitle()
    {
        var (store, editor) = await OpenAsync();
        var regions = await editor.CreateSectionAsync(Admin, null, "regions", Titles("Регионы", "Regions"));

        await editor.UpdateSectionAsync(Translator, regions with { Titles = Titles("Регионы", "World regions") });
        var russian = await Assert.ThrowsAsync<StructureException>(() => editor.UpdateSectionAsync(Translator, regions with { Titles = Titles("Мир", "World regions") }));
        var slug = await Assert.ThrowsAsync<StructureException>(() => editor.UpdateSectionAsync(Translator, regions with { Slug = "world", Titles = Titles("Регионы", "World regions") }));

        Assert.Equal(StructureErrorKind.Forbidden, russian.Kind);
        Assert.Equal(StructureErrorKind.Forbidden, slug.Kind);
        var stored = (await store.LoadStructureAsync()).Section(regions.Id)!;
        Assert.Equal("World regions", stored.Titles[EnGb]);
        Assert.Equal("Регионы", stored.Titles[RuRu]);
        Assert.Equal("regions", stored.Slug);
    }
}

public sealed class SqliteStructureStoreTests : StructureStoreTests<SqliteProvider>;

public sealed class PostgresStructureStoreTests : StructureStoreTests<PostgresProvider>;
