using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/menus</c> (editors and admins): the header and footer menus, each edited on a page of its own as rows in
/// order. A row points at a section (chosen), a document (its slug) or a link (an address), has a title per language
/// (a section's or document's own title stands in where none is given) and may sit under the row above it: one level
/// of sub-entries. Rows are added by a button that sends the form back with one more, removed by a checkbox and
/// re-ordered by their numbers, so the page works without script.
/// </summary>
internal static class AdminMenus
{
    public const string Path = "/admin/menus";

    private const int EmptyRows = 2;
    private const int MaxRows = 2 * Menu.MaxEntries;

    public static RouteGroupBuilder MapAdminMenus(this RouteGroupBuilder admin)
    {
        admin.MapGet("/menus", ListAsync);
        admin.MapGet("/menus/{name}", ShowAsync);
        admin.MapPost("/menus/{name}", SaveAsync);
        return admin;
    }

    public static string EditPath(string name) => $"{Path}/{Uri.EscapeDataString(name)}";

    private static async Task<IResult> ListAsync(HttpContext http, SiteContext site)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var text = AdminText.Of(http);
        var structure = await site.StructureAsync(http.RequestAborted);
        var fallback = await site.DefaultLanguageAsync(http.RequestAborted);
        var menus = Menu.Names.Select(name =>
        {
            var menu = structure.Menu(name);
            var entries = menu.Entries.Count == 0
                ? Html.Of($"""<p>{text.StructureMenuEmpty}</p>""")
                : Html.Of($"""
                    <ul>
                    {menu.Entries.Select(e => Html.Of($"""
                        <li>{EntryLabel(e, structure, text, fallback)}{(e.Children.Count == 0 ? Html.Empty : Html.Of($"""<ul>{e.Children.Select(c => Html.Of($"<li>{EntryLabel(c, structure, text, fallback)}</li>"))}</ul>"""))}</li>
                        """))}
                    </ul>
                    """);
            return Html.Of($"""
                <section aria-labelledby="menu-{name}-heading">
                <h2 id="menu-{name}-heading">{MenuName(text, name)}</h2>
                {entries}
                <p><a href="{EditPath(name)}">{text.StructureEditMenu(MenuName(text, name))}</a></p>
                </section>
                """);
        });
        return AdminPage.Render(http, text.StructureMenus, Html.Of($"""
            <h1>{text.StructureMenus}</h1>
            {AdminSections.StructureNav(text, user, Path)}
            {menus}
            """));
    }

    private static async Task<IResult> ShowAsync(HttpContext http, SiteContext site, string name, string? done)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        if (!Menu.Names.Contains(name))
        {
            return AdminUi.NotFound(http, AdminText.Of(http).StructureNoMenu(name));
        }

        var structure = await site.StructureAsync(http.RequestAborted);
        return await EditPageAsync(http, site, user, name, ValuesOf(structure.Menu(name)), null, done is null ? null : AdminText.Of(http).StructureSaved, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SiteContext site, StructureEditor editor, string name)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        if (!Menu.Names.Contains(name))
        {
            return AdminUi.NotFound(http, AdminText.Of(http).StructureNoMenu(name));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var typed = AdminStructure.Typed(form);
        var rows = Math.Clamp(AdminUi.Int(form["rows"]) ?? 0, 0, MaxRows);
        if (form["action"] == "add")
        {
            typed["rows"] = Math.Min(rows + 1, MaxRows).ToString(CultureInfo.InvariantCulture);
            return await EditPageAsync(http, site, user, name, typed, null, null, StatusCodes.Status200OK);
        }

        try
        {
            await editor.SaveMenuAsync(user, new Menu(name, ReadEntries(form, rows)), http.RequestAborted);
            return Results.Redirect($"{EditPath(name)}?done=saved");
        }
        catch (StructureException refusal)
        {
            return await EditPageAsync(http, site, user, name, typed, refusal, null, AdminStructure.StatusOf(refusal.Kind));
        }
    }

    /// <summary>
    /// The entries of a form: rows in the order of their numbers (then as they stand), removed and empty rows left out,
    /// a row marked "under the entry above" put under the last top-level entry before it.
    /// </summary>
    private static List<MenuEntry> ReadEntries(IFormCollection form, int rows)
    {
        var ordered = Enumerable.Range(0, rows)
            .Select(i => (Index: i, Prefix: string.Create(CultureInfo.InvariantCulture, $"e{i}")))
            .Select(r => (r.Index, r.Prefix, Order: int.TryParse(form[$"{r.Prefix}.order"], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var o) ? o : r.Index + 1))
            .OrderBy(r => r.Order).ThenBy(r => r.Index);
        var top = new List<(MenuEntry Entry, List<MenuEntry> Children)>();
        foreach (var (index, prefix, _) in ordered)
        {
            var titles = AdminStructure.ReadTitles(form, $"{prefix}.title");
            var targetName = form[$"{prefix}.target"].ToString();
            var sectionId = AdminStructure.SectionId(form[$"{prefix}.section"]);
            var document = form[$"{prefix}.document"].ToString().Trim();
            var url = form[$"{prefix}.url"].ToString().Trim();
            var empty = titles.Values.All(string.IsNullOrWhiteSpace) && document.Length == 0 && url.Length == 0
                && (targetName != "section" || sectionId is null);
            if (form[$"{prefix}.remove"] == "on" || empty)
            {
                continue;
            }

            var target = targetName switch
            {
                "section" => MenuTargetKind.Section,
                "document" => MenuTargetKind.Document,
                "link" => MenuTargetKind.Link,
                _ => throw new StructureException($"Entry {index + 1}: \"{targetName}\" is not a target; choose a section, a document or a link.") { Field = $"{prefix}.target" },
            };
            var entry = new MenuEntry
            {
                Target = target,
                SectionId = target == MenuTargetKind.Section ? sectionId : null,
                DocumentSlug = target == MenuTargetKind.Document ? document : null,
                Url = target == MenuTargetKind.Link ? url : null,
                Titles = titles,
            };
            if (form[$"{prefix}.child"] == "on")
            {
                if (top.Count == 0)
                {
                    throw new StructureException($"Entry {index + 1} is marked to go under the entry above, but no top-level entry comes before it.") { Field = $"{prefix}.child" };
                }

                top[^1].Children.Add(entry);
            }
            else
            {
                top.Add((entry, []));
            }
        }

        return [.. top.Select(t => t.Entry with { Children = t.Children })];
    }

    private static Dictionary<string, string> ValuesOf(Menu menu)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        void Add(MenuEntry entry, bool child)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"e{i}");
            values[$"{prefix}.order"] = (i + 1).ToString(CultureInfo.InvariantCulture);
            values[$"{prefix}.target"] = entry.Target.ToString().ToLowerInvariant();
            values[$"{prefix}.section"] = entry.SectionId?.ToString(CultureInfo.InvariantCulture) ?? "";
            values[$"{prefix}.document"] = entry.DocumentSlug ?? "";
            values[$"{prefix}.url"] = entry.Url ?? "";
            if (child)
            {
                values[$"{prefix}.child"] = "on";
            }

            foreach (var (language, title) in entry.Titles)
            {
                values[$"{prefix}.title.{language.Value}"] = title;
            }

            i++;
        }

        foreach (var entry in menu.Entries)
        {
            Add(entry, false);
            foreach (var child in entry.Children)
            {
                Add(child, true);
            }
        }

        values["rows"] = (i + EmptyRows).ToString(CultureInfo.InvariantCulture);
        return values;
    }

    private static async Task<IResult> EditPageAsync(
        HttpContext http, SiteContext site, User user, string name, IReadOnlyDictionary<string, string> values, StructureException? refusal, string? notice, int status)
    {
        var text = AdminText.Of(http);
        var structure = await site.StructureAsync(http.RequestAborted);
        var fallback = await site.DefaultLanguageAsync(http.RequestAborted);
        var present = structure.Menu(name).Entries.SelectMany(e => e.Children.Prepend(e)).SelectMany(e => e.Titles.Keys).Distinct();
        var languages = await AdminStructure.LanguagesAsync(site, user, present, http.RequestAborted);
        var rows = Math.Clamp(AdminUi.Int(values.GetValueOrDefault("rows")) ?? EmptyRows, 0, MaxRows);
        var invalid = InvalidInput(refusal, values, rows);
        var menuName = MenuName(text, name);
        return AdminPage.Render(http, text.StructureEditMenu(menuName), Html.Of($"""
            <h1>{text.StructureEditMenu(menuName)}</h1>
            <p class="meta"><a href="{Path}">{text.StructureMenus}</a></p>
            {(notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{notice}</p>"""))}
            <p class="hint">{text.StructureMenuHint}</p>
            {AdminStructure.Error(refusal?.Message)}
            <form method="post" action="{EditPath(name)}" class="structure-form">
            {AdminPage.AntiforgeryField(http)}
            <input type="hidden" name="rows" value="{rows}">
            {Enumerable.Range(0, rows).Select(i => Row(text, structure, fallback, i, languages, values, invalid))}
            <p class="actions">
            <button class="primary" type="submit" name="action" value="save">{text.Save}</button>
            <button type="submit" name="action" value="add" formnovalidate>{text.StructureAddEntry}</button>
            </p>
            </form>
            """), status);
    }

    private static Html Row(AdminText text, SiteStructure structure, LanguageTag fallback, int i, IReadOnlyList<LanguageTag> languages, IReadOnlyDictionary<string, string> values, string? invalid)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"e{i}");
        var target = values.GetValueOrDefault($"{prefix}.target", "section");
        Html Option(string value, string label) => Html.Of($"""<option value="{value}"{(value == target ? Html.Raw(" selected") : Html.Empty)}>{label}</option>""");
        Html Check(string field, string label) => Html.Of($"""<input type="checkbox" id="{prefix}-{field}" name="{prefix}.{field}"{(values.GetValueOrDefault($"{prefix}.{field}") == "on" ? Html.Raw(" checked") : Html.Empty)}{AdminStructure.Flags(false, invalid == $"{prefix}.{field}")}> <label for="{prefix}-{field}">{label}</label>""");
        return Html.Of($"""
            <fieldset class="entry-row">
            <legend>{text.StructureEntryNumber(i + 1)}</legend>
            <p class="field inline-pair">
            <label for="{prefix}-order">{text.StructureOrder}</label>
            <input id="{prefix}-order" name="{prefix}.order" type="number" step="1" min="0" max="1000" size="4" value="{values.GetValueOrDefault($"{prefix}.order", (i + 1).ToString(CultureInfo.InvariantCulture))}">
            {Check("child", text.StructureUnderAbove)}
            </p>
            <p class="field">
            <label for="{prefix}-target">{text.StructureTarget}</label><br>
            <select id="{prefix}-target" name="{prefix}.target"{AdminStructure.Flags(false, invalid == $"{prefix}.target")}>
            {Option("section", text.StructureTargetSection)}
            {Option("document", text.StructureTargetDocument)}
            {Option("link", text.StructureTargetLink)}
            </select>
            </p>
            <p class="field">
            <label for="{prefix}-section">{text.StructureTargetSection}</label><br>
            <select id="{prefix}-section" name="{prefix}.section"{AdminStructure.Flags(false, invalid == $"{prefix}.section")}>
            <option value="">—</option>
            {AdminStructure.SectionOptions(structure, AdminStructure.SectionId(values.GetValueOrDefault($"{prefix}.section")), text, fallback)}
            </select>
            </p>
            <p class="field">
            <label for="{prefix}-document">{text.StructureDocumentSlug}</label><br>
            <input id="{prefix}-document" name="{prefix}.document" dir="ltr" maxlength="{Content.Slug.MaxValidLength}" autocomplete="off" value="{values.GetValueOrDefault($"{prefix}.document", "")}"{AdminStructure.Flags(false, invalid == $"{prefix}.document")}>
            </p>
            <p class="field">
            <label for="{prefix}-url">{text.StructureUrl}</label><br>
            <input id="{prefix}-url" name="{prefix}.url" dir="ltr" maxlength="2000" autocomplete="off" value="{values.GetValueOrDefault($"{prefix}.url", "")}"{AdminStructure.Flags(false, invalid == $"{prefix}.url")}>
            </p>
            {AdminStructure.TitleInputs($"{prefix}.title", text.StructureEntryTitles, languages, values, text, invalid)}
            <p class="field">{Check("remove", text.StructureRemoveEntry)}</p>
            </fieldset>
            """);
    }

    /// <summary>
    /// The row input a refusal is about. The core says "Menu "header", entry 2[ of a sub-list]: …" and names the field
    /// (section, document, url, titles); the rows are in the form's order, which is the order saved once sorted.
    /// </summary>
    private static string? InvalidInput(StructureException? refusal, IReadOnlyDictionary<string, string> values, int rows)
    {
        if (refusal?.Field is not { } field || field.StartsWith('e'))
        {
            return refusal?.Field;
        }

        var match = System.Text.RegularExpressions.Regex.Match(refusal.Message, @"entry (\d+)( of a sub-list)?");
        if (!match.Success)
        {
            return field;
        }

        // Walk the rows as they were read, counting top-level entries or children of the same parent as the core did.
        var wanted = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var sub = match.Groups[2].Success;
        var ordered = Enumerable.Range(0, rows)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"e{i}"))
            .Where(p => values.GetValueOrDefault($"{p}.remove") != "on")
            .Where(p => values.Where(v => v.Key.StartsWith(p + ".title.", StringComparison.Ordinal) || v.Key == $"{p}.document" || v.Key == $"{p}.url" || (v.Key == $"{p}.section" && values.GetValueOrDefault($"{p}.target") == "section"))
                .Any(v => v.Value.Trim().Length > 0))
            .Select((p, i) => (Prefix: p, Order: int.TryParse(values.GetValueOrDefault($"{p}.order"), out var o) ? o : i + 1, Index: i))
            .OrderBy(r => r.Order).ThenBy(r => r.Index);
        var count = 0;
        foreach (var (prefix, _, _) in ordered)
        {
            var child = values.GetValueOrDefault($"{prefix}.child") == "on";
            count = child == sub ? count + 1 : (sub ? 0 : count);
            if (child == sub && count == wanted)
            {
                return field.StartsWith("titles", StringComparison.Ordinal) ? $"{prefix}.title{field["titles".Length..]}" : $"{prefix}.{field}";
            }
        }

        return field;
    }

    private static Html EntryLabel(MenuEntry entry, SiteStructure structure, AdminText text, LanguageTag fallback)
    {
        var target = entry.Target switch
        {
            MenuTargetKind.Section when entry.SectionId is { } id && structure.Section(id) is { } section => Html.Of($"""<code dir="ltr">/s/{structure.PathOf(section.Id)}</code>"""),
            MenuTargetKind.Document => Html.Of($"""<code dir="ltr">/{entry.DocumentSlug}</code>"""),
            _ => Html.Of($"""<code dir="ltr">{entry.Url}</code>"""),
        };
        var title = entry.Titles.Count > 0
            ? AdminStructure.Title(entry.Titles, text, fallback, "")
            : entry.SectionId is { } sid && structure.Section(sid) is { } s ? AdminStructure.Title(s.Titles, text, fallback, s.Slug) : Html.Of($"{entry.DocumentSlug}");
        return Html.Of($"{title} {target}");
    }

    public static string MenuName(AdminText text, string name) => name == Menu.Header ? text.StructureHeaderMenu : text.StructureFooterMenu;

    private static async Task<User?> GuardAsync(HttpContext http) =>
        await http.CurrentUserAsync() is { } user && user.CanManageStructure() ? user : null;

    private static async Task<IResult> RefuseAsync(HttpContext http) =>
        await http.CurrentUserAsync() is null
            ? Results.Redirect(AdminAuth.LoginPath)
            : AdminUi.Forbidden(http, AdminText.Of(http).StructureMayNotMenus);
}
