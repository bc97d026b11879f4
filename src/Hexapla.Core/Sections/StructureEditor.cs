using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Sections;

/// <summary>
/// The rules for changing the site's structure, for the admin, the API, the CLI and imports alike: permission first,
/// then the values, then the store (which refuses what only it can see: a taken slug, a cycle, a section not empty).
/// Every refusal is a <see cref="StructureException"/> whose message names the thing and the reason; nothing changes.
/// </summary>
public sealed class StructureEditor(IStructureStore store, TimeProvider clock)
{
    /// <summary>The longest title of a section, a kind, a label or a menu entry, in characters.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The store the editor writes.</summary>
    public IStructureStore Store => store;

    /// <summary>Creates a section under <paramref name="parentId"/> (the top for null).</summary>
    public async Task<Section> CreateSectionAsync(
        User user, long? parentId, string slug, IReadOnlyDictionary<LanguageTag, string> titles, int position = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        Require(user.CanManageStructure(), "create sections");
        var section = new Section { ParentId = parentId, Slug = CheckSlug(slug, "section"), Position = position, Titles = CheckTitles(titles, "titles") };
        return await store.SaveSectionAsync(section, Audit(user, "section.create", null, $"{slug}"), cancellationToken);
    }

    /// <summary>
    /// Changes a section: slug, parent, position, and titles. A user who may not manage the structure may still change the
    /// titles in their own languages (<see cref="Permissions.CanTranslateStructure"/>) and nothing else. Old paths keep
    /// answering (the store keeps them as redirects).
    /// </summary>
    public async Task<Section> UpdateSectionAsync(User user, Section changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(changed);
        var structure = await store.LoadStructureAsync(cancellationToken);
        var current = structure.Section(changed.Id) ?? throw new StructureException(StructureErrorKind.NotFound, $"Section {changed.Id} does not exist.");
        var titles = CheckTitles(changed.Titles, "titles");
        if (!user.CanManageStructure())
        {
            var touched = titles.Keys.Union(current.Titles.Keys).Where(l => titles.GetValueOrDefault(l) != current.Titles.GetValueOrDefault(l)).ToList();
            Require(
                touched.Count > 0 && touched.All(user.CanTranslateStructure) && changed.Slug == current.Slug && changed.ParentId == current.ParentId && changed.Position == current.Position,
                "change this section");
        }

        var section = changed with { Slug = CheckSlug(changed.Slug, "section"), Titles = titles };
        var what = current.Slug != section.Slug || current.ParentId != section.ParentId
            ? $"{structure.PathOf(current.Id)} → {(section.ParentId is { } p ? structure.PathOf(p) + "/" : "")}{section.Slug}"
            : structure.PathOf(current.Id);
        return await store.SaveSectionAsync(section, Audit(user, "section.update", null, what), cancellationToken);
    }

    /// <summary>Deletes an empty section; refused while it holds documents or sections (the store names them).</summary>
    public async Task DeleteSectionAsync(User user, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        Require(user.CanManageStructure(), "delete sections");
        await store.DeleteSectionAsync(id, Audit(user, "section.delete", null, null), cancellationToken);
    }

    /// <summary>
    /// Defines or redefines a kind: its key, names, and fields (keys unique, valid and not reserved; labels checked). A
    /// redefinition that stored values would not fit is refused by the store, naming the document.
    /// </summary>
    public async Task SaveKindAsync(User user, DocumentKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(kind);
        Require(user.CanManageKinds(), "define kinds of document");
        if (!DocumentKind.IsValidKey(kind.Key))
        {
            throw new StructureException($"Kind \"{Shown(kind.Key)}\": a key is a lower-case letter, then letters, digits and single hyphens or underscores, at most {DocumentKind.MaxKeyLength} characters (e.g. \"briefing\").")
            { Field = "key" };
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in kind.Fields)
        {
            if (!DocumentKind.IsValidKey(field.Key))
            {
                throw new StructureException($"Kind \"{kind.Key}\": field key \"{Shown(field.Key)}\" is not valid: a lower-case letter, then letters, digits and single hyphens or underscores (e.g. \"event-date\").")
                { Field = "fields" };
            }

            if (DocumentKind.ReservedFieldKeys.Contains(field.Key))
            {
                throw new StructureException($"Kind \"{kind.Key}\": field key \"{field.Key}\" is taken by the document itself (front matter and the API use it); choose another, such as \"event-{field.Key}\".")
                { Field = $"fields.{field.Key}" };
            }

            if (!seen.Add(field.Key))
            {
                throw new StructureException($"Kind \"{kind.Key}\": field \"{field.Key}\" is defined twice.") { Field = $"fields.{field.Key}" };
            }

            CheckTitles(field.Labels, $"fields.{field.Key}.labels");
        }

        var checkedKind = kind with { Names = CheckTitles(kind.Names, "names") };
        await store.SaveKindAsync(checkedKind, Audit(user, "kind.save", $"kind/{kind.Key}", string.Join(", ", kind.Fields.Select(f => $"{f.Key}:{f.Type.Name()}"))), cancellationToken);
    }

    /// <summary>Deletes a kind; refused while documents are of it.</summary>
    public async Task DeleteKindAsync(User user, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        Require(user.CanManageKinds(), "delete kinds of document");
        await store.DeleteKindAsync(key, Audit(user, "kind.delete", $"kind/{key}", null), cancellationToken);
    }

    /// <summary>
    /// Saves a menu: each entry's target must exist (a section by id, a document by slug given as valid, a link that is an
    /// absolute http(s) address or a site path starting with one <c>/</c>), a link must have a title, and entries nest one
    /// level at most.
    /// </summary>
    public async Task SaveMenuAsync(User user, Menu menu, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(menu);
        Require(user.CanManageStructure(), "edit menus");
        if (!Menu.Names.Contains(menu.Name))
        {
            throw new StructureException(StructureErrorKind.NotFound, $"There is no menu \"{Shown(menu.Name)}\"; the menus are {string.Join(" and ", Menu.Names)}.");
        }

        var structure = await store.LoadStructureAsync(cancellationToken);
        var checkedMenu = menu with { Entries = CheckEntries(menu.Entries, structure, menu.Name, depth: 0) };
        await store.SaveMenuAsync(checkedMenu, Audit(user, "menu.save", $"menu/{menu.Name}", $"{menu.Entries.Count} entries"), cancellationToken);
    }

    /// <summary>
    /// Puts a document in a section (null: none), gives it a kind (null: none) and sets its shared field values, each
    /// checked against the kind's field of that key. A translatable field's value is refused here (it belongs to each
    /// language version), and so is a key the kind does not have.
    /// </summary>
    public async Task PlaceDocumentAsync(
        User user, string slug, long? sectionId, string? kind, IReadOnlyDictionary<string, string>? fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(slug);
        Require(user.CanPlaceDocuments(), "move documents or change their kind");
        var structure = await store.LoadStructureAsync(cancellationToken);
        var values = CheckSharedFields(structure, slug, kind, fields);
        var what = string.Join(", ", new[] { sectionId is { } s ? $"section {structure.PathOf(s) ?? s.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "no section", kind is null ? "no kind" : $"kind {kind}" });
        await store.PlaceDocumentAsync(slug, new DocumentPlacement(sectionId, kind, values), Audit(user, "document.place", slug, what), cancellationToken);
    }

    /// <summary>
    /// The shared field values of a document of <paramref name="kind"/>, checked and normalised (see
    /// <see cref="PlaceDocumentAsync"/>); for importers and the API, which check before they write.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CheckSharedFields(SiteStructure structure, string slug, string? kind, IReadOnlyDictionary<string, string>? fields)
    {
        ArgumentNullException.ThrowIfNull(structure);
        fields ??= Document.EmptyFields;
        DocumentKind? definition = null;
        if (kind is not null && (definition = structure.Kind(kind)) is null)
        {
            throw new StructureException(StructureErrorKind.NotFound,
                $"Document \"{slug}\": there is no kind \"{Shown(kind)}\"{(structure.Kinds.Count == 0 ? " (no kinds are defined)" : $"; the kinds are {string.Join(", ", structure.Kinds.Select(k => k.Key))}")}.")
            { Field = "kind" };
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, raw) in fields)
        {
            var field = definition?.Field(key) ?? throw new StructureException(
                $"Document \"{slug}\": {(definition is null ? "a document without a kind has no fields" : $"kind \"{definition.Key}\" has no field \"{Shown(key)}\"")}.")
            { Field = $"fields.{key}" };
            if (field.Translatable)
            {
                throw new StructureException($"Document \"{slug}\": field \"{key}\" is translated per language; give it with each language version, not once for the document.")
                { Field = $"fields.{key}" };
            }

            if (FieldValues.Check(field, raw, out var value) is { } problem)
            {
                throw new StructureException($"Document \"{slug}\": {problem}.") { Field = $"fields.{key}" };
            }

            values[key] = value;
        }

        return values;
    }

    /// <summary>
    /// The translatable field values of a version of a document of <paramref name="kind"/>, checked and normalised: every
    /// key must be one of the kind's text fields. For the editor, the API, imports and XLIFF.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CheckVersionFields(
        SiteStructure structure, string slug, LanguageTag language, string? kind, IReadOnlyDictionary<string, string>? fields)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(language);
        if (fields is null || fields.Count == 0)
        {
            return Document.EmptyFields;
        }

        var definition = structure.Kind(kind);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, raw) in fields)
        {
            var field = definition?.Field(key) ?? throw new StructureException(
                $"Document \"{slug}\" ({language}): {(definition is null ? "a document without a kind has no fields" : $"kind \"{definition.Key}\" has no field \"{Shown(key)}\"")}.")
            { Field = $"fields.{key}" };
            if (!field.Translatable)
            {
                throw new StructureException($"Document \"{slug}\" ({language}): field \"{key}\" has one value for all languages; set it on the document, not on a version.")
                { Field = $"fields.{key}" };
            }

            if (FieldValues.Check(field, raw, out var value) is { } problem)
            {
                throw new StructureException($"Document \"{slug}\" ({language}): {problem}.") { Field = $"fields.{key}" };
            }

            values[key] = value;
        }

        return values;
    }

    private static List<MenuEntry> CheckEntries(IReadOnlyList<MenuEntry> entries, SiteStructure structure, string menu, int depth)
    {
        if (entries.Count > Menu.MaxEntries)
        {
            throw new StructureException($"Menu \"{menu}\": {entries.Count} entries in one list; at most {Menu.MaxEntries}.") { Field = "entries" };
        }

        var result = new List<MenuEntry>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var where = $"Menu \"{menu}\", entry {i + 1}{(depth > 0 ? " of a sub-list" : "")}";
            if (depth > 0 && entry.Children.Count > 0)
            {
                throw new StructureException($"{where}: entries nest one level deep at most.") { Field = "entries" };
            }

            var titles = CheckTitles(entry.Titles, "titles");
            var checkedEntry = entry.Target switch
            {
                MenuTargetKind.Section when entry.SectionId is { } id && structure.Section(id) is not null => entry with { DocumentSlug = null, Url = null },
                MenuTargetKind.Section => throw new StructureException(StructureErrorKind.NotFound, $"{where}: section {entry.SectionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} does not exist.") { Field = "section" },
                MenuTargetKind.Document when Slug.IsValid(entry.DocumentSlug) => entry with { SectionId = null, Url = null },
                MenuTargetKind.Document => throw new StructureException($"{where}: \"{Shown(entry.DocumentSlug ?? "")}\" is not a document's slug.") { Field = "document" },
                MenuTargetKind.Link when IsMenuUrl(entry.Url) && titles.Count > 0 => entry with { SectionId = null, DocumentSlug = null },
                MenuTargetKind.Link when titles.Count == 0 => throw new StructureException($"{where}: a link needs a title in at least one language.") { Field = "titles" },
                MenuTargetKind.Link => throw new StructureException($"{where}: \"{Shown(entry.Url ?? "")}\" is neither an absolute http(s) address nor a path on this site starting with \"/\".") { Field = "url" },
                _ => throw new StructureException($"{where}: unknown target.") { Field = "target" },
            };
            result.Add(checkedEntry with { Titles = titles, Children = CheckEntries(entry.Children, structure, menu, depth + 1) });
        }

        return result;
    }

    /// <summary>True for an address a menu may link: absolute http(s), or one path on this site (not <c>//host</c>).</summary>
    public static bool IsMenuUrl(string? url) =>
        url is { Length: > 0 and <= 2000 } && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)));

    private static string CheckSlug(string slug, string what)
    {
        if (!Slug.IsValid(slug))
        {
            throw new StructureException($"The {what} slug \"{Shown(slug ?? "")}\" is not valid: lower-case ASCII letters, digits and single hyphens, at most {Slug.MaxValidLength} characters (e.g. \"middle-east\").")
            { Field = "slug" };
        }

        return slug;
    }

    /// <summary>Titles checked: no empty or over-long one, no refused character; trimmed.</summary>
    private static Dictionary<LanguageTag, string> CheckTitles(IReadOnlyDictionary<LanguageTag, string> titles, string field)
    {
        var result = new Dictionary<LanguageTag, string>();
        foreach (var (language, raw) in titles ?? new Dictionary<LanguageTag, string>())
        {
            var title = (raw ?? "").Trim();
            if (title.Length == 0)
            {
                continue;
            }

            if (title.Length > MaxTitleLength || title.Contains('\n', StringComparison.Ordinal))
            {
                throw new StructureException($"The {field} in {language} must be one line of at most {MaxTitleLength} characters.") { Field = $"{field}.{language}" };
            }

            if (EnteringText.FindRefused(title, $"{field}.{language}") is { } fault)
            {
                throw new StructureException($"The {field} in {language}: {fault}.") { Field = $"{field}.{language}" };
            }

            result[language] = title;
        }

        return result;
    }

    private static void Require(bool allowed, string what)
    {
        if (!allowed)
        {
            throw new StructureException(StructureErrorKind.Forbidden, $"You may not {what}.");
        }
    }

    private AuditEntry Audit(User user, string action, string? target, string? detail) => new(0, clock.GetUtcNow(), user.Name, action, target, detail);

    private static string Shown(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");
}
