using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/sections</c>: the tree of sections as an indented list with each one's documents counted, a form to create
/// one (parent, slug, position, titles per language), and a section's page to rename, move (its parent chosen among the
/// sections outside it), re-order, title and delete it. Editors and admins change everything; a translator writes the
/// titles in their languages only. Every rule is <see cref="StructureEditor"/>'s; its refusal stands above the form with
/// the typed values kept.
/// </summary>
internal static class AdminSections
{
    public const string Path = "/admin/sections";

    public static RouteGroupBuilder MapAdminSections(this RouteGroupBuilder admin)
    {
        admin.MapGet("/sections", ListAsync);
        admin.MapPost("/sections", CreateAsync);
        admin.MapGet("/sections/{id:long}", ShowAsync);
        admin.MapPost("/sections/{id:long}", UpdateAsync);
        admin.MapPost("/sections/{id:long}/delete", DeleteAsync);
        return admin;
    }

    public static string EditPath(long id) => string.Create(CultureInfo.InvariantCulture, $"{Path}/{id}");

    /// <summary>Who may open the pages: whoever manages the structure, and translators (for the titles in their languages).</summary>
    public static bool MayOpen(User user) => user.CanManageStructure() || user.Role == Role.Translator;

    private static async Task<IResult> ListAsync(HttpContext http, SiteContext site, string? done) =>
        await GuardAsync(http) is { } user
            ? await ListPageAsync(http, site, user, new Dictionary<string, string>(StringComparer.Ordinal), null, done, StatusCodes.Status200OK)
            : await RefuseAsync(http);

    private static async Task<IResult> CreateAsync(HttpContext http, SiteContext site, StructureEditor editor)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var typed = AdminStructure.Typed(form);
        try
        {
            var titles = AdminStructure.ReadTitles(form, "title");
            var position = ReadPosition(form["position"].ToString());
            var created = await editor.CreateSectionAsync(user, AdminStructure.SectionId(form["parent"]), form["slug"].ToString().Trim(), titles, position, http.RequestAborted);
            return Results.Redirect($"{Path}?done={Uri.EscapeDataString(created.Slug)}");
        }
        catch (StructureException refusal)
        {
            return await ListPageAsync(http, site, user, typed, refusal, null, AdminStructure.StatusOf(refusal.Kind));
        }
    }

    private static async Task<IResult> ShowAsync(HttpContext http, SiteContext site, long id, string? done)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var structure = await site.StructureAsync(http.RequestAborted);
        if (structure.Section(id) is not { } section)
        {
            return AdminUi.NotFound(http, AdminText.Of(http).StructureNoSection(id));
        }

        var values = AdminStructure.Values("title", section.Titles);
        values["slug"] = section.Slug;
        values["parent"] = section.ParentId?.ToString(CultureInfo.InvariantCulture) ?? "";
        values["position"] = section.Position.ToString(CultureInfo.InvariantCulture);
        return await EditPageAsync(http, site, user, structure, section, values, null, done is null ? null : AdminText.Of(http).StructureSaved, StatusCodes.Status200OK);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, SiteContext site, StructureEditor editor, long id)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var structure = await site.StructureAsync(http.RequestAborted);
        if (structure.Section(id) is not { } current)
        {
            return AdminUi.NotFound(http, AdminText.Of(http).StructureNoSection(id));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var typed = AdminStructure.Typed(form);
        try
        {
            var titles = AdminStructure.ReadTitles(form, "title");
            Section changed;
            if (user.CanManageStructure())
            {
                changed = current with
                {
                    Slug = form["slug"].ToString().Trim(),
                    ParentId = AdminStructure.SectionId(form["parent"]),
                    Position = ReadPosition(form["position"].ToString()),
                    Titles = titles,
                };
            }
            else
            {
                // A translator's form carries only their languages' titles; the others stay as they are.
                var merged = current.Titles.ToDictionary(t => t.Key, t => t.Value);
                foreach (var (language, title) in titles.Where(t => user.CanTranslateStructure(t.Key)))
                {
                    merged[language] = title;
                }

                changed = current with { Titles = merged };
            }

            await editor.UpdateSectionAsync(user, changed, http.RequestAborted);
            return Results.Redirect($"{EditPath(id)}?done=saved");
        }
        catch (StructureException refusal)
        {
            return await EditPageAsync(http, site, user, structure, current, typed, refusal, null, AdminStructure.StatusOf(refusal.Kind));
        }
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, SiteContext site, StructureEditor editor, long id)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var structure = await site.StructureAsync(http.RequestAborted);
        if (structure.Section(id) is not { } current)
        {
            return AdminUi.NotFound(http, AdminText.Of(http).StructureNoSection(id));
        }

        try
        {
            await editor.DeleteSectionAsync(user, id, http.RequestAborted);
            return Results.Redirect($"{Path}?done=deleted");
        }
        catch (StructureException refusal)
        {
            var values = AdminStructure.Values("title", current.Titles);
            values["slug"] = current.Slug;
            values["parent"] = current.ParentId?.ToString(CultureInfo.InvariantCulture) ?? "";
            values["position"] = current.Position.ToString(CultureInfo.InvariantCulture);
            return await EditPageAsync(http, site, user, structure, current, values, refusal, null, AdminStructure.StatusOf(refusal.Kind));
        }
    }

    private static async Task<IResult> ListPageAsync(HttpContext http, SiteContext site, User user, IReadOnlyDictionary<string, string> values, StructureException? refusal, string? done, int status)
    {
        var text = AdminText.Of(http);
        var structure = await site.StructureAsync(http.RequestAborted);
        var counts = site.Store is Storage.IStructureStore store ? await store.CountDocumentsBySectionAsync(http.RequestAborted) : new Dictionary<long, long>();
        var fallback = await site.DefaultLanguageAsync(http.RequestAborted);
        var languages = await AdminStructure.LanguagesAsync(site, user, structure.Sections.SelectMany(s => s.Titles.Keys).Distinct(), http.RequestAborted);

        Html Tree(long? parent)
        {
            var children = structure.Children(parent);
            if (children.Count == 0)
            {
                return Html.Empty;
            }

            var items = children.Select(s => Html.Of($"""
                <li>
                <a href="{EditPath(s.Id)}">{AdminStructure.Title(s.Titles, text, fallback, s.Slug)}</a>
                <code dir="ltr">{structure.PathOf(s.Id)}</code>
                <span class="hint">{text.DocumentCount(counts.GetValueOrDefault(s.Id))}</span>
                {Tree(s.Id)}
                </li>
                """));
            return Html.Of($"""
                <ul>
                {items}
                </ul>
                """);
        }

        var tree = structure.Sections.Count == 0
            ? Html.Of($"""<p>{text.StructureNoSections}</p>""")
            : Html.Of($"""<div class="section-tree">{Tree(null)}</div>""");
        var notice = done is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{text.StructureSaved}</p>""");
        var create = user.CanManageStructure()
            ? Html.Of($"""
                <section aria-labelledby="new-section-heading">
                <h2 id="new-section-heading">{text.StructureNewSection}</h2>
                {AdminStructure.Error(refusal?.Message)}
                <form method="post" action="{Path}" class="structure-form">
                {AdminPage.AntiforgeryField(http)}
                {SectionFields(text, structure, fallback, values, refusal?.Field, null)}
                {AdminStructure.TitleInputs("title", text.StructureTitles, languages, values, text, refusal?.Field, required: true)}
                <p class="actions"><button class="primary" type="submit">{text.StructureCreateSection}</button></p>
                </form>
                </section>
                """)
            : Html.Of($"""<p class="hint">{text.StructureTranslatorHint}</p>""");
        return AdminPage.Render(http, text.StructureSections, Html.Of($"""
            <h1>{text.StructureSections}</h1>
            {StructureNav(text, user, Path)}
            {notice}
            {tree}
            {create}
            """), status);
    }

    private static async Task<IResult> EditPageAsync(
        HttpContext http, SiteContext site, User user, SiteStructure structure, Section section, IReadOnlyDictionary<string, string> values, StructureException? refusal, string? notice, int status)
    {
        var text = AdminText.Of(http);
        var fallback = await site.DefaultLanguageAsync(http.RequestAborted);
        var languages = await AdminStructure.LanguagesAsync(site, user, section.Titles.Keys, http.RequestAborted);
        var manages = user.CanManageStructure();
        var heading = AdminStructure.Title(section.Titles, text, fallback, section.Slug);
        var where = manages
            ? SectionFields(text, structure, fallback, values, refusal?.Field, section.Id)
            : Html.Of($"""<p>{text.StructureSlug}: <code dir="ltr">{structure.PathOf(section.Id)}</code></p>""");
        var delete = manages
            ? Html.Of($"""
                <section aria-labelledby="delete-section-heading">
                <h2 id="delete-section-heading">{text.StructureDeleteSection}</h2>
                <form method="post" action="{EditPath(section.Id)}/delete">
                {AdminPage.AntiforgeryField(http)}
                <p><button class="danger" type="submit">{text.Delete}</button> <span class="hint">{text.StructureDeleteSectionHint}</span></p>
                </form>
                </section>
                """)
            : Html.Empty;
        return AdminPage.Render(http, text.StructureEditSection(structure.PathOf(section.Id) ?? section.Slug), Html.Of($"""
            <h1>{heading}</h1>
            <p class="meta"><a href="{Path}">{text.StructureSections}</a> · <code dir="ltr">{structure.PathOf(section.Id)}</code></p>
            {(notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{notice}</p>"""))}
            {AdminStructure.Error(refusal?.Message)}
            <form method="post" action="{EditPath(section.Id)}" class="structure-form">
            {AdminPage.AntiforgeryField(http)}
            {where}
            {AdminStructure.TitleInputs("title", text.StructureTitles, languages, values, text, refusal?.Field, manages ? null : user.CanTranslateStructure)}
            <p class="actions"><button class="primary" type="submit">{text.Save}</button></p>
            </form>
            {delete}
            """), status);
    }

    /// <summary>Parent, slug and position; the parent's choices leave out <paramref name="self"/> and what is below it.</summary>
    private static Html SectionFields(AdminText text, SiteStructure structure, LanguageTag fallback, IReadOnlyDictionary<string, string> values, string? invalid, long? self)
    {
        var parent = AdminStructure.SectionId(values.GetValueOrDefault("parent"));
        return Html.Of($"""
            <p class="field">
            <label for="parent">{text.StructureParent}</label><br>
            <select id="parent" name="parent"{AdminStructure.Flags(false, invalid == "parent")}>
            <option value="">{text.StructureTopLevel}</option>
            {AdminStructure.SectionOptions(structure, parent, text, fallback, self)}
            </select>
            </p>
            <p class="field">
            <label for="slug">{text.StructureSlug}</label> <span class="hint" id="slug-hint">{text.StructureSlugHint}</span><br>
            <input id="slug" name="slug" required dir="ltr" maxlength="{Content.Slug.MaxValidLength}" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="{values.GetValueOrDefault("slug", "")}" {(invalid == "slug" ? Html.Raw("aria-invalid=\"true\" aria-describedby=\"slug-hint form-error\"") : Html.Raw("aria-describedby=\"slug-hint\""))}>
            </p>
            <p class="field">
            <label for="position">{text.StructurePosition}</label> <span class="hint" id="position-hint">{text.StructurePositionHint}</span><br>
            <input id="position" name="position" type="number" step="1" min="0" max="100000" value="{values.GetValueOrDefault("position", "0")}" aria-describedby="position-hint">
            </p>
            """);
    }

    /// <summary>Links between the three structure pages, the current one marked; kinds only for those who define them.</summary>
    public static Html StructureNav(AdminText text, User user, string current)
    {
        var links = new List<(string Href, string Label)> { (Path, text.StructureSections), (AdminMenus.Path, text.StructureMenus) };
        if (user.CanManageKinds())
        {
            links.Add((AdminKinds.Path, text.StructureKinds));
        }

        if (!user.CanManageStructure())
        {
            links.RemoveAll(l => l.Href != Path);
        }

        return Html.Of($"""
            <nav class="structure-nav" aria-label="{text.StructureNavLabel}">
            {links.Select(l => Html.Of($"""<a href="{l.Href}"{(l.Href == current ? Html.Raw(" aria-current=\"page\"") : Html.Empty)}>{l.Label}</a>"""))}
            </nav>
            """);
    }

    /// <summary>A position: a whole number, 0 when empty; anything else refused naming it.</summary>
    public static int ReadPosition(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return 0;
        }

        return int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position) && position is >= 0 and <= 100_000
            ? position
            : throw new StructureException($"The position \"{raw}\" is not a whole number from 0 to 100000.") { Field = "position" };
    }

    private static async Task<User?> GuardAsync(HttpContext http) =>
        await http.CurrentUserAsync() is { } user && MayOpen(user) ? user : null;

    private static async Task<IResult> RefuseAsync(HttpContext http) =>
        await http.CurrentUserAsync() is null
            ? Results.Redirect(AdminAuth.LoginPath)
            : AdminUi.Forbidden(http, AdminText.Of(http).StructureMayNotSections);
}
