using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// A document's place in the admin: its section, its kind and the kind's shared field values (typed inputs: a date, a
/// number, an address, text), shown on the document's editor page and on a page of its own
/// (<c>/admin/documents/{slug}/place</c>) where a save lands and a refusal stands with the typed values kept. And the
/// kind's translatable fields in the version editor, with the original's values beside them on a translation.
/// </summary>
internal static class AdminPlacement
{
    /// <summary>The hidden field that says the version form carried the kind's translatable fields.</summary>
    public const string FieldsShown = "fields-shown";

    private const string FieldPrefix = "field.";

    public static RouteGroupBuilder MapAdminPlacement(this RouteGroupBuilder admin)
    {
        admin.MapGet("/documents/{slug}/place", ShowAsync);
        admin.MapPost("/documents/{slug}/place", SaveAsync);
        return admin;
    }

    public static string PlacePath(string slug) => $"/admin/documents/{Uri.EscapeDataString(slug)}/place";

    /// <summary>Reads what the editor page's blocks need (the structure, the default language) before it renders.</summary>
    public static async Task PrepareAsync(HttpContext http, SiteContext site)
    {
        var structure = await site.StructureAsync(http.RequestAborted);
        var fallback = await site.DefaultLanguageAsync(http.RequestAborted);
        http.Items[typeof(AdminPlacement)] = (structure, fallback);
    }

    /// <summary>The placement block of the editor page: a form for who may place documents, else what it is.</summary>
    public static Html Section(HttpContext http, User user, Document document)
    {
        if (http.Items[typeof(AdminPlacement)] is not (SiteStructure structure, LanguageTag fallback))
        {
            return Html.Empty;
        }

        var text = AdminText.Of(http);
        if (!user.CanPlaceDocuments())
        {
            var section = document.SectionId is { } id && structure.Section(id) is { } s ? AdminStructure.Title(s.Titles, text, fallback, s.Slug) : Html.Of($"—");
            var kind = structure.Kind(document.Kind) is { } k ? AdminStructure.Title(k.Names, text, fallback, k.Key) : Html.Of($"—");
            return Html.Of($"""
                <section aria-labelledby="placement-heading">
                <h2 id="placement-heading">{text.StructurePlacement}</h2>
                <p>{text.StructureTargetSection}: {section} · {text.StructureKind}: {kind}</p>
                </section>
                """);
        }

        return Html.Of($"""
            <section aria-labelledby="placement-heading">
            <h2 id="placement-heading">{text.StructurePlacement}</h2>
            {Form(http, text, structure, fallback, document, ValuesOf(document), null)}
            </section>
            """);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, SiteContext site, string slug, string? done)
    {
        var (user, document, refusal) = await OpenAsync(http, site, slug);
        if (refusal is not null)
        {
            return refusal;
        }

        return await PageAsync(http, site, document!, ValuesOf(document!), null, done is null ? null : AdminText.Of(http).StructureSaved, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SiteContext site, StructureEditor editor, string slug)
    {
        var (user, document, refusal) = await OpenAsync(http, site, slug);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var typed = AdminStructure.Typed(form);
        if (form["action"] == "kind")
        {
            return await PageAsync(http, site, document!, typed, null, null, StatusCodes.Status200OK);
        }

        var kind = form["kind"].ToString();
        var fields = form.Keys
            .Where(k => k.StartsWith(FieldPrefix, StringComparison.Ordinal) && form[k].ToString().Trim().Length > 0)
            .ToDictionary(k => k[FieldPrefix.Length..], k => form[k].ToString().Trim(), StringComparer.Ordinal);
        try
        {
            // Values typed under another kind than the one chosen are not this kind's: the form is shown again for it.
            if (form["shown-kind"] != kind && fields.Count > 0)
            {
                throw new StructureException($"Document \"{slug}\": the kind was changed to \"{(kind.Length == 0 ? "none" : kind)}\" while the fields of another were shown; check the fields of the new kind and save again.")
                { Field = "kind" };
            }

            await editor.PlaceDocumentAsync(user!, slug, AdminStructure.SectionId(form["section"]), kind.Length == 0 ? null : kind, fields, http.RequestAborted);
            return Results.Redirect($"{PlacePath(slug)}?done=saved");
        }
        catch (StructureException failure)
        {
            typed["shown-kind"] = kind;
            return await PageAsync(http, site, document!, typed, failure, null, AdminStructure.StatusOf(failure.Kind));
        }
    }

    private static async Task<IResult> PageAsync(HttpContext http, SiteContext site, Document document, IReadOnlyDictionary<string, string> values, StructureException? refusal, string? notice, int status)
    {
        await PrepareAsync(http, site);
        var (structure, fallback) = ((SiteStructure, LanguageTag))http.Items[typeof(AdminPlacement)]!;
        var text = AdminText.Of(http);
        var original = document.Version(document.OriginalLanguage)?.Latest;
        var title = original?.Title ?? document.Slug;
        return AdminPage.Render(http, text.StructurePlaceTitle(title), Html.Of($"""
            <h1>{text.StructurePlacement}: <span lang="{document.OriginalLanguage.Value}" dir="{document.OriginalLanguage.HtmlDir}">{title}</span></h1>
            <p class="meta"><a href="{AdminUi.EditPath(document.Slug, document.OriginalLanguage)}">{text.StructureBackToDocument}</a> · <code dir="ltr">{document.Slug}</code></p>
            {(notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{notice}</p>"""))}
            {Form(http, text, structure, fallback, document, values, refusal)}
            """), status);
    }

    private static Html Form(HttpContext http, AdminText text, SiteStructure structure, LanguageTag fallback, Document document, IReadOnlyDictionary<string, string> values, StructureException? refusal)
    {
        var kindKey = values.GetValueOrDefault("kind", "");
        var kind = structure.Kind(kindKey.Length == 0 ? null : kindKey);
        var invalid = refusal?.Field is { } f && f.StartsWith("fields.", StringComparison.Ordinal) ? FieldPrefix + f["fields.".Length..] : refusal?.Field;
        var kinds = structure.Kinds.Select(k => Html.Of($"""<option value="{k.Key}"{(k.Key == kindKey ? Html.Raw(" selected") : Html.Empty)}>{AdminStructure.Choose(k.Names, text, fallback, k.Key).Text}</option>"""));
        var shared = kind?.Fields.Where(d => !d.Translatable).ToList() ?? [];
        var fieldset = shared.Count == 0
            ? Html.Empty
            : Html.Of($"""
                <fieldset>
                <legend>{text.StructureSharedFields}</legend>
                {shared.Select(d => Input(text, fallback, d, FieldPrefix + d.Key, values.GetValueOrDefault(FieldPrefix + d.Key, ""), invalid, null, null))}
                </fieldset>
                """);
        var translatable = kind?.Fields.Any(d => d.Translatable) == true ? Html.Of($"""<p class="hint">{text.StructureTranslatableHint}</p>""") : Html.Empty;
        return Html.Of($"""
            {AdminStructure.Error(refusal?.Message)}
            <form method="post" action="{PlacePath(document.Slug)}" class="structure-form">
            {AdminPage.AntiforgeryField(http)}
            <input type="hidden" name="shown-kind" value="{kindKey}">
            <p class="field">
            <label for="place-section">{text.StructureTargetSection}</label><br>
            <select id="place-section" name="section"{AdminStructure.Flags(false, invalid == "section")}>
            <option value="">{text.StructureNoSectionChosen}</option>
            {AdminStructure.SectionOptions(structure, AdminStructure.SectionId(values.GetValueOrDefault("section")), text, fallback)}
            </select>
            </p>
            <p class="field">
            <label for="place-kind">{text.StructureKind}</label><br>
            <select id="place-kind" name="kind"{AdminStructure.Flags(false, invalid == "kind")}>
            <option value="">{text.StructureNoKindChosen}</option>
            {kinds}
            </select>
            <button type="submit" name="action" value="kind" formnovalidate>{text.StructureShowKindFields}</button>
            </p>
            {fieldset}
            {translatable}
            <p class="actions"><button class="primary" type="submit" name="action" value="save">{text.StructureSavePlacement}</button></p>
            </form>
            """);
    }

    /// <summary>
    /// The translatable fields of the document's kind for the version editor (with a marker saying they were shown), in
    /// the version's language, each with the original's value beside it on a translation.
    /// </summary>
    public static Html VersionInputs(HttpContext http, Document document, LanguageTag language, IReadOnlyDictionary<string, string>? typed, string? errorField)
    {
        if (http.Items[typeof(AdminPlacement)] is not (SiteStructure structure, LanguageTag fallback)
            || structure.Kind(document.Kind) is not { } kind || !kind.Fields.Any(f => f.Translatable))
        {
            return Html.Empty;
        }

        var text = AdminText.Of(http);
        var values = typed ?? document.Version(language)?.Latest.Fields ?? Document.EmptyFields;
        var original = language == document.OriginalLanguage ? null : document.Version(document.OriginalLanguage)?.Latest;
        var invalid = errorField is { } f && f.StartsWith("fields.", StringComparison.Ordinal) ? FieldPrefix + f["fields.".Length..] : null;
        var inputs = kind.Fields.Where(d => d.Translatable).Select(d =>
            Input(text, fallback, d, FieldPrefix + d.Key, values.GetValueOrDefault(d.Key, ""), invalid, language, original is null ? null : (original.Language, original.Fields.GetValueOrDefault(d.Key))));
        return Html.Of($"""
            <fieldset class="version-fields">
            <legend>{text.StructureVersionFields(AdminStructure.Choose(kind.Names, text, fallback, kind.Key).Text)}</legend>
            <input type="hidden" name="{FieldsShown}" value="1">
            {inputs}
            </fieldset>
            """);
    }

    /// <summary>
    /// The translatable values a version form carried, by key (empty ones left out, so clearing an input removes the
    /// value); null when the form did not show them, so the text keeps its values.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? ReadVersionFields(IFormCollection form) =>
        form[FieldsShown] != "1"
            ? null
            : form.Keys.Where(k => k.StartsWith(FieldPrefix, StringComparison.Ordinal) && form[k].ToString().Trim().Length > 0)
                .ToDictionary(k => k[FieldPrefix.Length..], k => form[k].ToString().Trim(), StringComparer.Ordinal);

    /// <summary>One typed input with its label (in the admin's language, else marked with its own) and its type's hint.</summary>
    private static Html Input(
        AdminText text, LanguageTag fallback, FieldDefinition definition, string name, string value, string? invalid, LanguageTag? language, (LanguageTag Language, string? Value)? original)
    {
        var id = AdminStructure.IdOf(name);
        var type = definition.Type switch
        {
            FieldType.Date => "date",
            FieldType.Number => "number",
            FieldType.Url => "url",
            _ => "text",
        };
        var bad = invalid == name;
        var describedBy = $"{id}-hint{(original is not null ? $" {id}-original" : "")}{(bad ? " form-error" : "")}";
        var marked = language is null ? Html.Of($""" dir="ltr" """) : Html.Of($""" lang="{language.Value}" dir="{language.HtmlDir}" """);
        var beside = original is { } o
            ? Html.Of($"""<br><span class="hint" id="{id}-original">{text.StructureOriginalValue(o.Language)} {(o.Value is null ? Html.Of($"—") : Html.Of($"""<span lang="{o.Language.Value}" dir="{o.Language.HtmlDir}">{o.Value}</span>"""))}</span>""")
            : Html.Empty;
        return Html.Of($"""
            <p class="field">
            <label for="{id}">{AdminStructure.Title(definition.Labels, text, fallback, definition.Key)}</label> <span class="hint" id="{id}-hint">{AdminKinds.TypeName(text, definition.Type)}</span><br>
            <input id="{id}" name="{name}" type="{type}"{(definition.Type == FieldType.Number ? Html.Raw(" step=\"1\"") : Html.Empty)}{marked}{(type is "text" or "url" ? Html.Of($"""maxlength="{FieldValues.MaxTextLength}" """) : Html.Empty)}value="{value}" aria-describedby="{describedBy}"{(bad ? Html.Raw(" aria-invalid=\"true\"") : Html.Empty)}>
            {beside}
            </p>
            """);
    }

    private static Dictionary<string, string> ValuesOf(Document document)
    {
        var values = document.Fields.ToDictionary(f => FieldPrefix + f.Key, f => f.Value, StringComparer.Ordinal);
        values["section"] = document.SectionId?.ToString(CultureInfo.InvariantCulture) ?? "";
        values["kind"] = document.Kind ?? "";
        return values;
    }

    private static async Task<(User? User, Document? Document, IResult? Refusal)> OpenAsync(HttpContext http, SiteContext site, string slug)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return (null, null, Results.Redirect(AdminAuth.LoginPath));
        }

        if (!user.CanPlaceDocuments())
        {
            return (user, null, AdminUi.Forbidden(http, AdminText.Of(http).StructureMayNotPlace));
        }

        if (!Slug.IsValid(slug) || await site.Store.FindDocumentAsync(slug, http.RequestAborted) is not { } document)
        {
            return (user, null, AdminUi.NotFound(http, EditorText.Of(http).NoDocument(slug)));
        }

        return (user, document, null);
    }
}
