using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/kinds</c> (admins only: a kind's fields shape every document of it): the kinds with their fields, a form
/// for a new one and a page per kind to change it. A kind has a key, a name per language, a position and typed fields,
/// each with a key, a type and a label per language. Rows are added by a button that sends the form back with one more
/// empty row, and removed by a checkbox, so the page works without script.
/// </summary>
internal static class AdminKinds
{
    public const string Path = "/admin/kinds";

    // Empty rows a new form starts with, and the most rows a form may carry.
    private const int EmptyRows = 2;
    private const int MaxRows = 60;

    public static RouteGroupBuilder MapAdminKinds(this RouteGroupBuilder admin)
    {
        admin.MapGet("/kinds", ListAsync);
        admin.MapPost("/kinds", SaveAsync);
        admin.MapGet("/kinds/{key}", ShowAsync);
        admin.MapPost("/kinds/{key}", SaveAsync);
        admin.MapPost("/kinds/{key}/delete", DeleteAsync);
        return admin;
    }

    public static string EditPath(string key) => $"{Path}/{Uri.EscapeDataString(key)}";

    private static async Task<IResult> ListAsync(HttpContext http, SiteContext site, string? done)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["rows"] = EmptyRows.ToString(CultureInfo.InvariantCulture) };
        return await ListPageAsync(http, site, user, values, null, done, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, SiteContext site, string key, string? done)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var structure = await site.StructureAsync(http.RequestAborted);
        if (structure.Kind(key) is not { } kind)
        {
            return AdminUi.NotFound(http, AdminText.Of(http).StructureNoKind(key));
        }

        return await EditPageAsync(http, site, user, kind, ValuesOf(kind), null, done is null ? null : AdminText.Of(http).StructureSaved, StatusCodes.Status200OK);
    }

    /// <summary>Saves a new kind (no key in the path) or a kind's new definition; "add" sends the form back with a row more.</summary>
    private static async Task<IResult> SaveAsync(HttpContext http, SiteContext site, StructureEditor editor, string? key)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var structure = await site.StructureAsync(http.RequestAborted);
        var existing = key is null ? null : structure.Kind(key);
        if (key is not null && existing is null)
        {
            return AdminUi.NotFound(http, AdminText.Of(http).StructureNoKind(key));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var typed = AdminStructure.Typed(form);
        var rows = Math.Clamp(AdminUi.Int(form["rows"]) ?? 0, 0, MaxRows);
        if (form["action"] == "add")
        {
            typed["rows"] = Math.Min(rows + 1, MaxRows).ToString(CultureInfo.InvariantCulture);
            return existing is null
                ? await ListPageAsync(http, site, user, typed, null, null, StatusCodes.Status200OK)
                : await EditPageAsync(http, site, user, existing, typed, null, null, StatusCodes.Status200OK);
        }

        try
        {
            var kindKey = existing?.Key ?? form["key"].ToString().Trim();
            if (existing is null && structure.Kind(kindKey) is not null)
            {
                throw new StructureException(StructureErrorKind.Conflict, $"There is a kind \"{kindKey}\" already; change it on its own page.") { Field = "key" };
            }

            var kind = new DocumentKind
            {
                Key = kindKey,
                Names = AdminStructure.ReadTitles(form, "name"),
                Position = AdminSections.ReadPosition(form["position"].ToString()),
                Fields = ReadFields(form, rows),
            };
            await editor.SaveKindAsync(user, kind, http.RequestAborted);
            return Results.Redirect($"{EditPath(kind.Key)}?done=saved");
        }
        catch (StructureException refusal)
        {
            var status = AdminStructure.StatusOf(refusal.Kind);
            return existing is null
                ? await ListPageAsync(http, site, user, typed, refusal, null, status)
                : await EditPageAsync(http, site, user, existing, typed, refusal, null, status);
        }
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, SiteContext site, StructureEditor editor, string key)
    {
        if (await GuardAsync(http) is not { } user)
        {
            return await RefuseAsync(http);
        }

        var structure = await site.StructureAsync(http.RequestAborted);
        if (structure.Kind(key) is not { } kind)
        {
            return AdminUi.NotFound(http, AdminText.Of(http).StructureNoKind(key));
        }

        try
        {
            await editor.DeleteKindAsync(user, key, http.RequestAborted);
            return Results.Redirect($"{Path}?done=deleted");
        }
        catch (StructureException refusal)
        {
            return await EditPageAsync(http, site, user, kind, ValuesOf(kind), refusal, null, AdminStructure.StatusOf(refusal.Kind));
        }
    }

    /// <summary>The field rows of a form: removed and empty rows left out, a type that is not one refused naming it.</summary>
    private static List<FieldDefinition> ReadFields(IFormCollection form, int rows)
    {
        var fields = new List<FieldDefinition>();
        for (var i = 0; i < rows; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"f{i}");
            var fieldKey = form[$"{prefix}.key"].ToString().Trim();
            var labels = AdminStructure.ReadTitles(form, $"{prefix}.label");
            if (form[$"{prefix}.remove"] == "on" || (fieldKey.Length == 0 && labels.Values.All(string.IsNullOrWhiteSpace)))
            {
                continue;
            }

            var typeName = form[$"{prefix}.type"].ToString();
            if (!FieldTypes.TryParse(typeName, out var type))
            {
                throw new StructureException($"Field {i + 1}: \"{typeName}\" is not a field type; the types are {string.Join(", ", Enum.GetValues<FieldType>().Select(t => t.Name()))}.")
                { Field = $"{prefix}.type" };
            }

            fields.Add(new FieldDefinition(fieldKey, type, labels));
        }

        return fields;
    }

    private static Dictionary<string, string> ValuesOf(DocumentKind kind)
    {
        var values = AdminStructure.Values("name", kind.Names);
        values["key"] = kind.Key;
        values["position"] = kind.Position.ToString(CultureInfo.InvariantCulture);
        values["rows"] = (kind.Fields.Count + 1).ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < kind.Fields.Count; i++)
        {
            var field = kind.Fields[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"f{i}");
            values[$"{prefix}.key"] = field.Key;
            values[$"{prefix}.type"] = field.Type.Name();
            foreach (var (language, label) in field.Labels)
            {
                values[$"{prefix}.label.{language.Value}"] = label;
            }
        }

        return values;
    }

    private static async Task<IResult> ListPageAsync(HttpContext http, SiteContext site, User user, IReadOnlyDictionary<string, string> values, StructureException? refusal, string? done, int status)
    {
        var text = AdminText.Of(http);
        var structure = await site.StructureAsync(http.RequestAborted);
        var fallback = await site.DefaultLanguageAsync(http.RequestAborted);
        var rows = structure.Kinds.Select(k => Html.Of($"""
            <tr>
            <td><a href="{EditPath(k.Key)}">{AdminStructure.Title(k.Names, text, fallback, k.Key)}</a></td>
            <td><code dir="ltr">{k.Key}</code></td>
            <td>{(k.Fields.Count == 0 ? Html.Of($"—") : Html.Join(k.Fields.Select((f, i) => Html.Of($"""{(i > 0 ? ", " : "")}{AdminStructure.Title(f.Labels, text, fallback, f.Key)} <span class="hint">({TypeName(text, f.Type)})</span>"""))))}</td>
            </tr>
            """));
        var list = structure.Kinds.Count == 0
            ? Html.Of($"""<p>{text.StructureNoKinds}</p>""")
            : Html.Of($"""
                <div class="table-scroll">
                <table class="users kinds">
                <thead><tr><th scope="col">{text.StructureName}</th><th scope="col">{text.StructureKey}</th><th scope="col">{text.StructureFields}</th></tr></thead>
                <tbody>{rows}</tbody>
                </table>
                </div>
                """);
        var notice = done is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{text.StructureSaved}</p>""");
        var languages = await AdminStructure.LanguagesAsync(site, user, [], http.RequestAborted);
        return AdminPage.Render(http, text.StructureKinds, Html.Of($"""
            <h1>{text.StructureKinds}</h1>
            {AdminSections.StructureNav(text, user, Path)}
            <p class="hint">{text.StructureKindsHint}</p>
            {notice}
            {list}
            <section aria-labelledby="new-kind-heading">
            <h2 id="new-kind-heading">{text.StructureNewKind}</h2>
            {KindForm(http, text, Path, null, languages, values, refusal)}
            </section>
            """), status);
    }

    private static async Task<IResult> EditPageAsync(
        HttpContext http, SiteContext site, User user, DocumentKind kind, IReadOnlyDictionary<string, string> values, StructureException? refusal, string? notice, int status)
    {
        var text = AdminText.Of(http);
        var fallback = await site.DefaultLanguageAsync(http.RequestAborted);
        var present = kind.Names.Keys.Concat(kind.Fields.SelectMany(f => f.Labels.Keys)).Distinct();
        var languages = await AdminStructure.LanguagesAsync(site, user, present, http.RequestAborted);
        return AdminPage.Render(http, text.StructureEditKind(kind.Key), Html.Of($"""
            <h1>{AdminStructure.Title(kind.Names, text, fallback, kind.Key)}</h1>
            <p class="meta"><a href="{Path}">{text.StructureKinds}</a> · <code dir="ltr">{kind.Key}</code></p>
            {(notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{notice}</p>"""))}
            {KindForm(http, text, EditPath(kind.Key), kind, languages, values, refusal)}
            <section aria-labelledby="delete-kind-heading">
            <h2 id="delete-kind-heading">{text.StructureDeleteKind}</h2>
            <form method="post" action="{EditPath(kind.Key)}/delete">
            {AdminPage.AntiforgeryField(http)}
            <p><button class="danger" type="submit">{text.Delete}</button> <span class="hint">{text.StructureDeleteKindHint}</span></p>
            </form>
            </section>
            """), status);
    }

    private static Html KindForm(
        HttpContext http, AdminText text, string action, DocumentKind? kind, IReadOnlyList<LanguageTag> languages, IReadOnlyDictionary<string, string> values, StructureException? refusal)
    {
        var rows = Math.Clamp(AdminUi.Int(values.GetValueOrDefault("rows")) ?? EmptyRows, 0, MaxRows);
        var invalid = InvalidInput(refusal?.Field, values, rows);
        var key = kind is null
            ? Html.Of($"""
                <p class="field">
                <label for="key">{text.StructureKey}</label> <span class="hint" id="key-hint">{text.StructureKeyHint}</span><br>
                <input id="key" name="key" required dir="ltr" maxlength="{DocumentKind.MaxKeyLength}" autocomplete="off" value="{values.GetValueOrDefault("key", "")}" {(invalid == "key" ? Html.Raw("aria-invalid=\"true\" aria-describedby=\"key-hint form-error\"") : Html.Raw("aria-describedby=\"key-hint\""))}>
                </p>
                """)
            : Html.Empty;
        var fieldRows = Enumerable.Range(0, rows).Select(i => FieldRow(text, i, languages, values, invalid));
        return Html.Of($"""
            {AdminStructure.Error(refusal?.Message)}
            <form method="post" action="{action}" class="structure-form">
            {AdminPage.AntiforgeryField(http)}
            <input type="hidden" name="rows" value="{rows}">
            {key}
            {AdminStructure.TitleInputs("name", text.StructureNames, languages, values, text, invalid)}
            <p class="field">
            <label for="position">{text.StructurePosition}</label> <span class="hint" id="position-hint">{text.StructurePositionHint}</span><br>
            <input id="position" name="position" type="number" step="1" min="0" max="100000" value="{values.GetValueOrDefault("position", "0")}" aria-describedby="position-hint">
            </p>
            {(kind is null ? Html.Of($"<h3>{text.StructureFields}</h3>") : Html.Of($"<h2>{text.StructureFields}</h2>"))}
            <p class="hint">{text.StructureFieldsHint}</p>
            {fieldRows}
            <p class="actions">
            <button class="primary" type="submit" name="action" value="save">{text.Save}</button>
            <button type="submit" name="action" value="add" formnovalidate>{text.StructureAddField}</button>
            </p>
            </form>
            """);
    }

    private static Html FieldRow(AdminText text, int i, IReadOnlyList<LanguageTag> languages, IReadOnlyDictionary<string, string> values, string? invalid)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"f{i}");
        var type = values.GetValueOrDefault($"{prefix}.type", FieldType.Text.Name());
        var options = Enum.GetValues<FieldType>().Select(t => Html.Of($"""<option value="{t.Name()}"{(t.Name() == type ? Html.Raw(" selected") : Html.Empty)}>{TypeName(text, t)}</option>"""));
        var hasKey = values.GetValueOrDefault($"{prefix}.key", "").Length > 0;
        return Html.Of($"""
            <fieldset class="field-row">
            <legend>{text.StructureFieldNumber(i + 1)}</legend>
            <p class="field">
            <label for="{prefix}-key">{text.StructureFieldKey}</label><br>
            <input id="{prefix}-key" name="{prefix}.key" dir="ltr" maxlength="{DocumentKind.MaxKeyLength}" autocomplete="off" value="{values.GetValueOrDefault($"{prefix}.key", "")}"{AdminStructure.Flags(false, invalid == $"{prefix}.key")}>
            </p>
            <p class="field">
            <label for="{prefix}-type">{text.StructureFieldType}</label><br>
            <select id="{prefix}-type" name="{prefix}.type"{AdminStructure.Flags(false, invalid == $"{prefix}.type")}>{options}</select>
            </p>
            {AdminStructure.TitleInputs($"{prefix}.label", text.StructureLabels, languages, values, text, invalid)}
            {(hasKey ? Html.Of($"""<p class="field"><input type="checkbox" id="{prefix}-remove" name="{prefix}.remove"{(values.GetValueOrDefault($"{prefix}.remove") == "on" ? Html.Raw(" checked") : Html.Empty)}> <label for="{prefix}-remove">{text.StructureRemoveField}</label></p>""") : Html.Empty)}
            </fieldset>
            """);
    }

    /// <summary>The form input a refusal is about: the core names <c>fields.KEY</c>; the form has rows.</summary>
    private static string? InvalidInput(string? field, IReadOnlyDictionary<string, string> values, int rows)
    {
        if (field is null || !field.StartsWith("fields.", StringComparison.Ordinal))
        {
            return field;
        }

        var rest = field["fields.".Length..];
        for (var i = 0; i < rows; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"f{i}");
            var key = values.GetValueOrDefault($"{prefix}.key", "").Trim();
            if (key.Length > 0 && (rest == key || rest.StartsWith(key + ".", StringComparison.Ordinal)))
            {
                var label = rest.IndexOf(".labels.", StringComparison.Ordinal);
                return label >= 0 ? $"{prefix}.label{rest[(label + ".labels".Length)..]}" : $"{prefix}.key";
            }
        }

        return field;
    }

    public static string TypeName(AdminText text, FieldType type) => type switch
    {
        FieldType.Text => text.StructureTypeText,
        FieldType.Code => text.StructureTypeCode,
        FieldType.Date => text.StructureTypeDate,
        FieldType.Number => text.StructureTypeNumber,
        _ => text.StructureTypeUrl,
    };

    private static async Task<User?> GuardAsync(HttpContext http) =>
        await http.CurrentUserAsync() is { } user && user.CanManageKinds() ? user : null;

    private static async Task<IResult> RefuseAsync(HttpContext http) =>
        await http.CurrentUserAsync() is null
            ? Results.Redirect(AdminAuth.LoginPath)
            : AdminUi.Forbidden(http, AdminText.Of(http).StructureOnlyAdminsKinds);
}
