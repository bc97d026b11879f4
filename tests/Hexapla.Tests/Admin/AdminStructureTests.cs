using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>
/// The structure in the admin through its forms, as a browser without script sends them: sections (create, rename,
/// move, titles, delete refused while a document is in it), kinds (admins only), menus, a document's place and a
/// version's translatable fields. Each refusal is checked to stand on the form with the typed values kept and nothing
/// stored.
/// </summary>
public sealed class AdminStructureTests
{
    private const string Password = "correct horse battery staple";
    private const string Sample = "razvitie-situacii-v-irake";
    private static readonly LanguageTag Russian = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag English = LanguageTag.Parse("en-GB");

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "alice", Role.Admin, Password);
        await AdminClient.AddUserAsync(data, clock, "eddie", Role.Editor, Password);
        await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB");
    });

    private static async Task<AdminClient> LoginAsync(TestSite site, string name)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync(name, Password);
        return client;
    }

    private static async Task<SiteStructure> StructureAsync(TestSite site) =>
        await ((IStructureStore)await AdminClient.OpenStoreAsync(site)).LoadStructureAsync();

    private static async Task<long> CreateSectionAsync(AdminClient client, string slug, long? parent, string ru, string en)
    {
        using var response = await client.PostFormAsync("/admin/sections", [
            new("parent", parent?.ToString(CultureInfo.InvariantCulture) ?? ""), new("slug", slug), new("position", "0"),
            new("title.ru-RU", ru), new("title.en-GB", en)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var structure = await StructureAsync(client.Site);
        return structure.Sections.Single(s => s.Slug == slug && s.ParentId == parent).Id;
    }

    [Fact]
    public async Task Sections_CreateNestedThenRenameAndMove_TreeShowsThemAndTheOldPathIsKept()
    {
        await using var site = await StartAsync();
        using var eddie = await LoginAsync(site, "eddie");

        var regions = await CreateSectionAsync(eddie, "regions", null, "Регионы", "Regions");
        var middleEast = await CreateSectionAsync(eddie, "middle-east", regions, "Ближний Восток", "Middle East");
        var policy = await CreateSectionAsync(eddie, "policy", null, "Политика", "Policy");

        var list = await TestContent.ParseAsync(await eddie.Http.GetAsync("/admin/sections"));
        var nested = list.QuerySelectorAll(".section-tree > ul > li > ul > li > code").Select(c => c.TextContent).ToList();
        Assert.Equal(["regions/middle-east"], nested);
        Assert.Equal(2, list.QuerySelectorAll(".section-tree > ul > li").Length);

        // Renamed and moved under "policy" in one save: the old path answers through a redirect.
        using var moved = await eddie.PostFormAsync($"/admin/sections/{middleEast}", [
            new("parent", policy.ToString(CultureInfo.InvariantCulture)), new("slug", "near-east"), new("position", "3"),
            new("title.ru-RU", "Ближний Восток"), new("title.en-GB", "Near East")]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var structure = await StructureAsync(site);
        Assert.Equal("policy/near-east", structure.PathOf(middleEast));
        Assert.Equal("Near East", structure.Section(middleEast)!.Titles[English]);
        Assert.Equal(3, structure.Section(middleEast)!.Position);
        var store = await AdminClient.OpenStoreAsync(site);
        Assert.Equal(middleEast, await store.FindSectionRedirectAsync("regions/middle-east"));
    }

    [Fact]
    public async Task Sections_ParentChoices_LeaveOutTheSectionAndWhatIsBelowIt_AndAMoveUnderItIsRefusedWithValuesKept()
    {
        await using var site = await StartAsync();
        using var eddie = await LoginAsync(site, "eddie");
        var regions = await CreateSectionAsync(eddie, "regions", null, "Регионы", "Regions");
        var middleEast = await CreateSectionAsync(eddie, "middle-east", regions, "Ближний Восток", "Middle East");
        var other = await CreateSectionAsync(eddie, "other", null, "Другое", "Other");

        var page = await TestContent.ParseAsync(await eddie.Http.GetAsync($"/admin/sections/{regions}"));
        var choices = page.QuerySelectorAll("#parent option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", other.ToString(CultureInfo.InvariantCulture)], choices);

        // Sent anyway (a stale form): refused, the typed slug kept, nothing moved.
        using var response = await eddie.PostFormAsync($"/admin/sections/{regions}", [
            new("parent", middleEast.ToString(CultureInfo.InvariantCulture)), new("slug", "regions-typed"), new("position", "0"),
            new("title.ru-RU", "Регионы"), new("title.en-GB", "Regions")]);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"status {response.StatusCode}");
        var refused = await TestContent.ParseAsync(response);
        Assert.NotNull(refused.QuerySelector("#form-error[role=alert]"));
        Assert.Equal("regions-typed", refused.QuerySelector<IHtmlInputElement>("#slug")!.Value);
        Assert.Equal("regions", (await StructureAsync(site)).PathOf(regions));
    }

    [Fact]
    public async Task Sections_BadSlug_RefusedOnTheFormNamingIt_NothingCreated()
    {
        await using var site = await StartAsync();
        using var eddie = await LoginAsync(site, "eddie");

        using var response = await eddie.PostFormAsync("/admin/sections", [
            new("parent", ""), new("slug", "Middle East"), new("position", "0"), new("title.en-GB", "Middle East")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await TestContent.ParseAsync(response);
        Assert.Contains("Middle East", page.QuerySelector("#form-error")!.TextContent, StringComparison.Ordinal);
        var slug = page.QuerySelector<IHtmlInputElement>("#slug")!;
        Assert.Equal("true", slug.GetAttribute("aria-invalid"));
        Assert.Contains("form-error", slug.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("Middle East", page.QuerySelector<IHtmlInputElement>("#title-en-GB")!.Value);
        Assert.Empty((await StructureAsync(site)).Sections);
    }

    [Fact]
    public async Task Sections_DeleteWhileADocumentIsIn_RefusedNamingTheDocument_ThenDeletedOnceEmpty()
    {
        await using var site = await StartAsync();
        using var eddie = await LoginAsync(site, "eddie");
        var regions = await CreateSectionAsync(eddie, "regions", null, "Регионы", "Regions");
        using (var placed = await eddie.PostFormAsync($"/admin/documents/{Sample}/place", [new("section", regions.ToString(CultureInfo.InvariantCulture)), new("kind", ""), new("shown-kind", ""), new("action", "save")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        }

        using var refused = await eddie.PostFormAsync($"/admin/sections/{regions}/delete", [], formPage: $"/admin/sections/{regions}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await TestContent.ParseAsync(refused);
        Assert.Contains(Sample, page.QuerySelector("#form-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await StructureAsync(site)).Section(regions));

        using (var moved = await eddie.PostFormAsync($"/admin/documents/{Sample}/place", [new("section", ""), new("kind", ""), new("shown-kind", ""), new("action", "save")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        using var deleted = await eddie.PostFormAsync($"/admin/sections/{regions}/delete", [], formPage: $"/admin/sections/{regions}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null((await StructureAsync(site)).Section(regions));
    }

    [Fact]
    public async Task Sections_Translator_WritesTheTitleInTheirLanguageOnly()
    {
        await using var site = await StartAsync();
        long regions;
        using (var eddie = await LoginAsync(site, "eddie"))
        {
            regions = await CreateSectionAsync(eddie, "regions", null, "Регионы", "Regions");
        }

        using var tom = await LoginAsync(site, "tom");
        var page = await TestContent.ParseAsync(await tom.Http.GetAsync($"/admin/sections/{regions}"));
        Assert.Null(page.QuerySelector("#slug"));
        Assert.True(page.QuerySelector("#title-ru-RU")!.HasAttribute("readonly"));
        Assert.False(page.QuerySelector("#title-en-GB")!.HasAttribute("readonly"));
        Assert.Null(page.QuerySelector("#new-section-heading"));

        // Whatever the form says about the other fields, only the English title changes.
        using var response = await tom.PostFormAsync($"/admin/sections/{regions}", [
            new("slug", "elsewhere"), new("title.ru-RU", "Подменено"), new("title.en-GB", "World regions")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var section = (await StructureAsync(site)).Section(regions)!;
        Assert.Equal("regions", section.Slug);
        Assert.Equal("Регионы", section.Titles[Russian]);
        Assert.Equal("World regions", section.Titles[English]);

        using var create = await tom.PostFormAsync("/admin/sections", [new("slug", "mine"), new("title.en-GB", "Mine")], formPage: "/admin/sections");
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using var kinds = await tom.Http.GetAsync("/admin/kinds");
        Assert.Equal(HttpStatusCode.Forbidden, kinds.StatusCode);
        using var menus = await tom.Http.GetAsync("/admin/menus");
        Assert.Equal(HttpStatusCode.Forbidden, menus.StatusCode);
    }

    [Fact]
    public async Task Kinds_AdminDefinesABriefing_WithRowsAddedWithoutScript_AndAnEditorMayNot()
    {
        await using var site = await StartAsync();
        using var alice = await LoginAsync(site, "alice");
        var form = new List<KeyValuePair<string, string>>
        {
            new("key", "briefing"), new("name.ru-RU", "Брифинг"), new("name.en-GB", "Briefing"), new("position", "1"), new("rows", "2"),
            new("f0.key", "speaker"), new("f0.type", "text"), new("f0.label.ru-RU", "Выступающий"), new("f0.label.en-GB", "Speaker"),
            new("f1.key", "place"), new("f1.type", "text"), new("f1.label.ru-RU", "Место"), new("f1.label.en-GB", "Place"),
        };

        // "Add a field" sends the form back with a third, empty row and the typed values kept.
        using (var added = await alice.PostFormAsync("/admin/kinds", [.. form, new("action", "add")]))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            var page = await TestContent.ParseAsync(added);
            Assert.NotNull(page.QuerySelector("#f2-key"));
            Assert.Equal("Speaker", page.QuerySelector<IHtmlInputElement>("#f0-label-en-GB")!.Value);
        }

        form[4] = new("rows", "3");
        form.AddRange([new("f2.key", "event-date"), new("f2.type", "date"), new("f2.label.en-GB", "Date of the event"), new("action", "save")]);
        using var saved = await alice.PostFormAsync("/admin/kinds", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var kind = (await StructureAsync(site)).Kind("briefing")!;
        Assert.Equal(["speaker", "place", "event-date"], kind.Fields.Select(f => f.Key));
        Assert.Equal(FieldType.Date, kind.Fields[2].Type);
        Assert.Equal("Брифинг", kind.Names[Russian]);
        Assert.Equal("Место", kind.Fields[1].Labels[Russian]);

        // Removing a row by its checkbox.
        using var removed = await alice.PostFormAsync("/admin/kinds/briefing", [
            new("name.en-GB", "Briefing"), new("rows", "2"), new("action", "save"),
            new("f0.key", "speaker"), new("f0.type", "text"), new("f0.label.en-GB", "Speaker"),
            new("f1.key", "place"), new("f1.type", "text"), new("f1.label.en-GB", "Place"), new("f1.remove", "on")]);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["speaker"], (await StructureAsync(site)).Kind("briefing")!.Fields.Select(f => f.Key));

        using var eddie = await LoginAsync(site, "eddie");
        using var list = await eddie.Http.GetAsync("/admin/kinds");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var post = await eddie.PostFormAsync("/admin/kinds", [new("key", "speech"), new("rows", "0")], formPage: "/admin/");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null((await StructureAsync(site)).Kind("speech"));
    }

    [Fact]
    public async Task Kinds_ReservedFieldKey_RefusedOnTheRowWithValuesKept_NothingStored()
    {
        await using var site = await StartAsync();
        using var alice = await LoginAsync(site, "alice");

        using var response = await alice.PostFormAsync("/admin/kinds", [
            new("key", "statement"), new("name.en-GB", "Statement"), new("rows", "2"), new("action", "save"),
            new("f0.key", "number"), new("f0.type", "code"), new("f0.label.en-GB", "Number"),
            new("f1.key", "title"), new("f1.type", "text"), new("f1.label.en-GB", "Title again")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await TestContent.ParseAsync(response);
        Assert.Contains("\"title\"", page.QuerySelector("#form-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#f1-key")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#f0-key")!.GetAttribute("aria-invalid"));
        Assert.Equal("code", page.QuerySelector<IHtmlSelectElement>("#f0-type")!.Value);
        Assert.Equal("Title again", page.QuerySelector<IHtmlInputElement>("#f1-label-en-GB")!.Value);
        Assert.Null((await StructureAsync(site)).Kind("statement"));
    }

    [Fact]
    public async Task Menus_HeaderWithASubEntry_Saved_AndABadLinkRefusedOnItsRow()
    {
        await using var site = await StartAsync();
        using var eddie = await LoginAsync(site, "eddie");
        var regions = await CreateSectionAsync(eddie, "regions", null, "Регионы", "Regions");
        var middleEast = await CreateSectionAsync(eddie, "middle-east", regions, "Ближний Восток", "Middle East");

        // Rows given out of order: the numbers order them; the document row goes under "Regions".
        using var saved = await eddie.PostFormAsync("/admin/menus/header", [
            new("rows", "4"), new("action", "save"),
            new("e0.order", "3"), new("e0.target", "link"), new("e0.url", "https://example.org/contacts"), new("e0.title.ru-RU", "Контакты"), new("e0.title.en-GB", "Contacts"),
            new("e1.order", "1"), new("e1.target", "section"), new("e1.section", regions.ToString(CultureInfo.InvariantCulture)),
            new("e2.order", "2"), new("e2.target", "section"), new("e2.section", middleEast.ToString(CultureInfo.InvariantCulture)), new("e2.child", "on"),
            new("e3.order", "4"), new("e3.target", "section"), new("e3.section", "")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var menu = (await StructureAsync(site)).Menu(Menu.Header);
        Assert.Equal([MenuTargetKind.Section, MenuTargetKind.Link], menu.Entries.Select(e => e.Target));
        Assert.Equal(middleEast, Assert.Single(menu.Entries[0].Children).SectionId);
        Assert.Equal("Contacts", menu.Entries[1].Titles[English]);

        // The form shows what is stored, a sub-entry marked so.
        var form = await TestContent.ParseAsync(await eddie.Http.GetAsync("/admin/menus/header"));
        Assert.True(form.QuerySelector("#e1-child")!.HasAttribute("checked"));
        Assert.Equal("https://example.org/contacts", form.QuerySelector<IHtmlInputElement>("#e2-url")!.Value);

        using var refused = await eddie.PostFormAsync("/admin/menus/footer", [
            new("rows", "2"), new("action", "save"),
            new("e0.order", "1"), new("e0.target", "section"), new("e0.section", regions.ToString(CultureInfo.InvariantCulture)),
            new("e1.order", "2"), new("e1.target", "link"), new("e1.url", "javascript:alert(1)"), new("e1.title.en-GB", "Bad")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await TestContent.ParseAsync(refused);
        Assert.Contains("javascript:alert(1)", page.QuerySelector("#form-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#e1-url")!.GetAttribute("aria-invalid"));
        Assert.Equal("javascript:alert(1)", page.QuerySelector<IHtmlInputElement>("#e1-url")!.Value);
        Assert.Empty((await StructureAsync(site)).Menu(Menu.Footer).Entries);
    }

    [Fact]
    public async Task Placement_TypedSharedFields_WrongValueRefusedWithValuesKept_ThenSaved()
    {
        await using var site = await StartAsync();
        await DefineStatementAsync(site);
        using var eddie = await LoginAsync(site, "eddie");
        var regions = await CreateSectionAsync(eddie, "regions", null, "Регионы", "Regions");

        // Choosing the kind shows its fields without saving.
        using (var chosen = await eddie.PostFormAsync($"/admin/documents/{Sample}/place", [new("section", ""), new("kind", "statement"), new("shown-kind", ""), new("action", "kind")]))
        {
            var page = await TestContent.ParseAsync(chosen);
            Assert.Equal("number", page.QuerySelector("#field-copies")!.GetAttribute("type"));
            Assert.Equal("date", page.QuerySelector("#field-issued")!.GetAttribute("type"));
            Assert.Null(page.QuerySelector("#field-place"));
            Assert.Null((await (await AdminClient.OpenStoreAsync(site)).FindDocumentAsync(Sample))!.Kind);
        }

        using var refused = await eddie.PostFormAsync($"/admin/documents/{Sample}/place", [
            new("section", regions.ToString(CultureInfo.InvariantCulture)), new("kind", "statement"), new("shown-kind", "statement"), new("action", "save"),
            new("field.number", "1234-12-12"), new("field.copies", "twelve"), new("field.issued", "2026-03-04")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var form = await TestContent.ParseAsync(refused);
        Assert.Contains("twelve", form.QuerySelector("#form-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", form.QuerySelector("#field-copies")!.GetAttribute("aria-invalid"));
        Assert.Equal("1234-12-12", form.QuerySelector<IHtmlInputElement>("#field-number")!.Value);
        var store = await AdminClient.OpenStoreAsync(site);
        var unchanged = (await store.FindDocumentAsync(Sample))!;
        Assert.Null(unchanged.SectionId);
        Assert.Empty(unchanged.Fields);

        using var saved = await eddie.PostFormAsync($"/admin/documents/{Sample}/place", [
            new("section", regions.ToString(CultureInfo.InvariantCulture)), new("kind", "statement"), new("shown-kind", "statement"), new("action", "save"),
            new("field.number", "1234-12-12"), new("field.copies", "12"), new("field.issued", "2026-03-04")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var placed = (await store.FindDocumentAsync(Sample))!;
        Assert.Equal(regions, placed.SectionId);
        Assert.Equal("statement", placed.Kind);
        Assert.Equal("12", placed.Fields["copies"]);
        Assert.Equal("2026-03-04", placed.Fields["issued"]);

        // The editor page carries the same form, with what is stored.
        var editor = await TestContent.ParseAsync(await eddie.Http.GetAsync($"/admin/documents/{Sample}/ru-RU"));
        Assert.Equal("1234-12-12", editor.QuerySelector<IHtmlInputElement>("#field-number")!.Value);
        Assert.Equal(regions.ToString(CultureInfo.InvariantCulture), editor.QuerySelector<IHtmlSelectElement>("#place-section")!.Value);

        using var tom = await LoginAsync(site, "tom");
        using var forbidden = await tom.PostFormAsync($"/admin/documents/{Sample}/place", [new("section", ""), new("kind", ""), new("shown-kind", ""), new("action", "save")], formPage: "/admin/");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task VersionEditor_TranslatableFields_SavedWithTheText_OriginalsValueBeside_WrongKeyNeverStored()
    {
        await using var site = await StartAsync();
        await DefineStatementAsync(site);
        using var eddie = await LoginAsync(site, "eddie");
        using (var placed = await eddie.PostFormAsync($"/admin/documents/{Sample}/place", [new("section", ""), new("kind", "statement"), new("shown-kind", "statement"), new("action", "save")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        }

        var store = await AdminClient.OpenStoreAsync(site);
        var document = (await store.FindDocumentAsync(Sample))!;
        await SaveWithFieldAsync(eddie, document.Version(Russian)!, $"/admin/documents/{Sample}/ru-RU", "Москва");
        var russian = (await store.FindDocumentAsync(Sample))!.Version(Russian)!;
        Assert.Equal("Москва", russian.Latest.Fields["place"]);

        // The translation screen: the place in English, the Russian value beside it, marked with its language.
        using var tom = await LoginAsync(site, "tom");
        var page = await TestContent.ParseAsync(await tom.Http.GetAsync($"/admin/documents/{Sample}/en-GB"));
        var input = page.QuerySelector<IHtmlInputElement>("#field-place")!;
        Assert.Equal("en-GB", input.GetAttribute("lang"));
        Assert.Contains("field-place-original", input.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("Москва", page.QuerySelector("#field-place-original [lang=ru-RU]")!.TextContent);
        Assert.NotNull(page.QuerySelector("label[for=field-place]"));

        var english = (await store.FindDocumentAsync(Sample))!.Version(English)!;
        await SaveWithFieldAsync(tom, english, $"/admin/documents/{Sample}/en-GB", "Moscow");
        Assert.Equal("Moscow", (await store.FindDocumentAsync(Sample))!.Version(English)!.Latest.Fields["place"]);

        // A shared field's key on a version: refused, the typed value kept in the form, nothing stored.
        var latest = (await store.FindDocumentAsync(Sample))!.Version(English)!.Latest;
        using var refused = await tom.PostFormAsync($"/admin/documents/{Sample}/en-GB", [
            new("title", latest.Title), new("summary", latest.Summary ?? ""), new("body", latest.Body), new("note", "Number."),
            new("revision", latest.Revision.ToString(CultureInfo.InvariantCulture)), new("action", "save"),
            new(AdminFieldsShown, "1"), new("field.place", "Moscow!"), new("field.number", "12")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var form = await TestContent.ParseAsync(refused);
        Assert.Equal("Moscow!", form.QuerySelector<IHtmlInputElement>("#field-place")!.Value);
        Assert.Equal(latest.Revision, (await store.FindDocumentAsync(Sample))!.Version(English)!.Latest.Revision);
    }

    private const string AdminFieldsShown = "fields-shown";

    private static async Task SaveWithFieldAsync(AdminClient client, Content.LanguageVersion version, string path, string place)
    {
        var latest = version.Latest;
        using var response = await client.PostFormAsync(path, [
            new("title", latest.Title), new("summary", latest.Summary ?? ""), new("body", latest.Body), new("note", "The place."),
            new("revision", latest.Revision.ToString(CultureInfo.InvariantCulture)), new("action", "save"),
            new(AdminFieldsShown, "1"), new("field.place", place)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A kind "statement": a document number (code), copies (number), the day it was issued (date), the place (text).</summary>
    private static async Task DefineStatementAsync(TestSite site)
    {
        using var alice = await LoginAsync(site, "alice");
        using var saved = await alice.PostFormAsync("/admin/kinds", [
            new("key", "statement"), new("name.ru-RU", "Заявление"), new("name.en-GB", "Statement"), new("rows", "4"), new("action", "save"),
            new("f0.key", "number"), new("f0.type", "code"), new("f0.label.en-GB", "Document number"),
            new("f1.key", "copies"), new("f1.type", "number"), new("f1.label.en-GB", "Copies"),
            new("f2.key", "issued"), new("f2.type", "date"), new("f2.label.en-GB", "Issued"),
            new("f3.key", "place"), new("f3.type", "text"), new("f3.label.en-GB", "Place"), new("f3.label.ru-RU", "Место")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }
}
