using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Api;

/// <summary>
/// The site's structure in the API: the section tree (with how many documents readers may see in each, per language),
/// the kinds of document, the menus; and, for API tokens, their changes and a document's place. Every rule is
/// <see cref="StructureEditor"/>'s; this only reads JSON, resolves references (a section by id or path) and maps its
/// refusals to problem details: 403 forbidden, 404 no such thing, 409 a clash or a non-empty delete, 422 a value that
/// does not fit (a field of the wrong type, an unknown section or kind named in the body), 400 any other bad value.
/// </summary>
internal static class StructureApi
{
    public static WebApplication MapStructureApi(this WebApplication app)
    {
        var reads = app.MapGroup("/api/v1");
        reads.MapGet("/sections", SectionsAsync);
        reads.MapGet("/sections/{id}", SectionAsync);
        reads.MapGet("/kinds", KindsAsync);
        reads.MapGet("/menus/{name}", MenuAsync);

        // Writes take an API token only, as every write of the API does.
        var sections = app.MapTokenGroup("/api/v1/sections");
        sections.MapPost("/", CreateSectionAsync);
        sections.MapPut("/{id}", UpdateSectionAsync);
        sections.MapDelete("/{id}", DeleteSectionAsync);
        var kinds = app.MapTokenGroup("/api/v1/kinds");
        kinds.MapPut("/{key}", SaveKindAsync);
        kinds.MapDelete("/{key}", DeleteKindAsync);
        app.MapTokenGroup("/api/v1/menus").MapPut("/{name}", SaveMenuAsync);
        app.MapTokenGroup("/api/v1/documents").MapPut("/{slug}/place", PlaceAsync);
        return app;
    }

    // ---- What documents and versions carry --------------------------------------------------------------------------

    /// <summary>The structure a response is written with, and the language titles fall back to (the site's default).</summary>
    public sealed record View(SiteStructure Structure, LanguageTag Fallback);

    /// <summary>A document's section: its title in the answer's language (<c>language</c> only when it fell back), and the trail from the top.</summary>
    public sealed record SectionRef(
        long Id, string Path, string Title,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language,
        IReadOnlyList<Crumb> Trail);

    /// <summary>One section of a trail, the top first.</summary>
    public sealed record Crumb(
        long Id, string Path, string Title,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language);

    /// <summary>A document's kind, named in the answer's language (<c>language</c> only when it fell back).</summary>
    public sealed record KindRef(
        string Key, string Name,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language);

    /// <summary>A field's value with its label in the answer's language (<c>labelLanguage</c> only when it fell back) and its type.</summary>
    public sealed record FieldValue(
        string Label,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LabelLanguage,
        string Type, string Value);

    /// <summary>The structure as the answers read it: at this store generation, falling back to the site's default language.</summary>
    public static async Task<View> ViewAsync(SiteContext site, CancellationToken cancellationToken) =>
        new(await site.StructureAsync(cancellationToken), await site.DefaultLanguageAsync(cancellationToken));

    /// <summary>The section <paramref name="id"/> as an answer in <paramref name="language"/> shows it; null for none (or one no longer in the tree).</summary>
    public static SectionRef? SectionOf(View view, long? id, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (id is not { } sectionId || view.Structure.Section(sectionId) is not { } section)
        {
            return null;
        }

        var title = section.TitleFor(language, view.Fallback);
        return new SectionRef(sectionId, view.Structure.PathOf(sectionId)!, title.Text, Marked(title, language),
            [.. view.Structure.Trail(sectionId).Select(s =>
            {
                var crumb = s.TitleFor(language, view.Fallback);
                return new Crumb(s.Id, view.Structure.PathOf(s.Id)!, crumb.Text, Marked(crumb, language));
            })]);
    }

    /// <summary>The document's kind as an answer in <paramref name="language"/> names it; null for none.</summary>
    public static KindRef? KindOf(View view, string? key, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Structure.Kind(key) is not { } kind)
        {
            return null;
        }

        var name = kind.NameFor(language, view.Fallback);
        return new KindRef(kind.Key, name.Text, Marked(name, language));
    }

    /// <summary>
    /// The field values of <paramref name="document"/> by key, in the kind's order: its shared values and, with a
    /// <paramref name="version"/>, that text's translatable ones (never another language's: a missing translation is
    /// listed in <c>Missing</c>, not filled in). Values whose key the kind no longer has are not shown.
    /// </summary>
    public static (IReadOnlyDictionary<string, FieldValue> Fields, IReadOnlyList<string> Missing) FieldsOf(
        View view, Document document, LanguageVersion? version, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(document);
        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        var missing = new List<string>();
        if (view.Structure.Kind(document.Kind) is not { } kind)
        {
            return (fields, missing);
        }

        foreach (var field in kind.Fields)
        {
            if (field.Translatable && version is null)
            {
                continue;
            }

            var value = field.Translatable ? version!.Fields.GetValueOrDefault(field.Key) : document.Fields.GetValueOrDefault(field.Key);
            if (value is null)
            {
                if (field.Translatable)
                {
                    missing.Add(field.Key);
                }

                continue;
            }

            var label = field.LabelFor(language, view.Fallback);
            fields[field.Key] = new FieldValue(label.Text, Marked(label, language), field.Type.Name(), value);
        }

        return (fields, missing);
    }

    /// <summary>
    /// <paramref name="etag"/> (a version's, <see cref="WriteApi.ETagOf"/>) with a short digest of the place the answer
    /// shows, for a document that has one (a document without section, kind or fields keeps the plain tag). The write
    /// API's If-Match takes the tag with or without it (<see cref="WithoutPlace"/>): the place is not the text's revision.
    /// </summary>
    public static string WithPlace(string etag, View view, Document document, LanguageVersion version)
    {
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(version);
        if (document.SectionId is null && document.Kind is null && document.Fields.Count == 0)
        {
            return etag;
        }

        var (fields, missing) = FieldsOf(view, document, version, version.Language);
        var working = version.Working is { } work ? FieldsOf(view, document, work, version.Language) : default;
        var shown = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            SectionOf(view, document.SectionId, version.Language), KindOf(view, document.Kind, version.Language), fields, missing, working.Fields, working.Missing,
        });
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(shown).AsSpan(0, 6));
        return string.Concat(etag.AsSpan(0, etag.Length - 1), PlaceMark, digest, "\"");
    }

    /// <summary>An If-Match tag without the place digest <see cref="WithPlace"/> adds.</summary>
    public static string WithoutPlace(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var mark = tag.LastIndexOf(PlaceMark, StringComparison.Ordinal);
        return mark > 0 && tag.EndsWith('"') ? string.Concat(tag.AsSpan(0, mark), "\"") : tag;
    }

    private const string PlaceMark = "~p";

    private static string? Marked(LocalText text, LanguageTag language) => text.IsForeignTo(language) ? text.Language!.Value : null;

    // ---- Reads ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// A section of the tree. <c>documents</c> counts, per language, the documents in it and below it with a version
    /// readers may see now in that language (drafts, versions in review and embargoed ones are never counted).
    /// </summary>
    public sealed record SectionResponse(
        long Id, string Path, long? ParentId, string Slug, int Position, IReadOnlyDictionary<string, string> Titles, IReadOnlyDictionary<string, long> Documents);

    public sealed record SectionList(IReadOnlyList<SectionResponse> Sections);

    public sealed record FieldResponse(string Key, string Type, bool Translatable, IReadOnlyDictionary<string, string> Labels);

    public sealed record KindResponse(string Key, int Position, IReadOnlyDictionary<string, string> Names, IReadOnlyList<FieldResponse> Fields);

    public sealed record KindList(IReadOnlyList<KindResponse> Kinds);

    /// <summary>
    /// A menu entry. A document entry carries <c>languages</c>: those its document can be read in now; a page leaves it out
    /// (or links the original) elsewhere. Entries whose document readers cannot read at all are left out for callers who
    /// may not edit menus.
    /// </summary>
    public sealed record MenuEntryResponse(
        string Target,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Section,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Document,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
        IReadOnlyDictionary<string, string> Titles,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Languages,
        IReadOnlyList<MenuEntryResponse> Children);

    public sealed record MenuResponse(string Name, IReadOnlyList<MenuEntryResponse> Entries);

    private static async Task<IResult> SectionsAsync(SiteContext site, CancellationToken cancellationToken)
    {
        var structure = await site.StructureAsync(cancellationToken);
        var counts = await CountsAsync(site, structure, cancellationToken);
        return Results.Ok(new SectionList([.. structure.Sections.Select(s => ToResponse(structure, s, counts))]));
    }

    private static async Task<IResult> SectionAsync(string id, SiteContext site, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } number)
        {
            return BadId(id);
        }

        var structure = await site.StructureAsync(cancellationToken);
        if (structure.Section(number) is not { } section)
        {
            return NoSuchSection(number);
        }

        return Results.Ok(ToResponse(structure, section, await CountsAsync(site, structure, cancellationToken)));
    }

    private static async Task<IResult> KindsAsync(SiteContext site, CancellationToken cancellationToken)
    {
        var structure = await site.StructureAsync(cancellationToken);
        return Results.Ok(new KindList([.. structure.Kinds.Select(ToResponse)]));
    }

    private static async Task<IResult> MenuAsync(string name, HttpContext http, SiteContext site, CancellationToken cancellationToken)
    {
        if (!Menu.Names.Contains(name))
        {
            return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound,
                detail: $"There is no menu \"{Shown(name)}\"; the menus are {string.Join(" and ", Menu.Names)}.");
        }

        // Who may edit menus gets every entry (to send it back changed); others only entries readers may follow, so a
        // document not yet public (an embargoed statement's slug says much) is never named.
        http.Response.Headers.Vary = "Authorization, Cookie";
        var user = await http.CurrentUserAsync();
        var editor = user is not null && user.CanManageStructure();
        if (editor)
        {
            http.Response.Headers.CacheControl = "private, no-store";
        }

        var structure = await site.StructureAsync(cancellationToken);
        var menu = structure.Menu(name);
        var slugs = menu.Entries.SelectMany(e => e.Children.Prepend(e)).Where(e => e.Target == MenuTargetKind.Document && e.DocumentSlug is not null)
            .Select(e => e.DocumentSlug!).Distinct(StringComparer.Ordinal).ToList();
        var documents = slugs.Count == 0 ? new Dictionary<string, Document>() : await site.Store.FindLiveDocumentsAsync(slugs, cancellationToken);
        var now = site.Now;
        var languages = slugs.ToDictionary(s => s, s => documents.TryGetValue(s, out var d)
            ? (IReadOnlyList<string>)[.. d.Versions.Where(v => v.IsPublicAt(now)).Select(v => v.Language.Value)]
            : [], StringComparer.Ordinal);

        List<MenuEntryResponse> Entries(IReadOnlyList<MenuEntry> entries) =>
        [
            .. entries.Where(e => editor || e.Target != MenuTargetKind.Document || languages.GetValueOrDefault(e.DocumentSlug ?? "") is { Count: > 0 })
                .Select(e => new MenuEntryResponse(
                    e.Target.ToString().ToLowerInvariant(),
                    e.Target == MenuTargetKind.Section ? e.SectionId : null,
                    e.Target == MenuTargetKind.Section && e.SectionId is { } id ? structure.PathOf(id) : null,
                    e.Target == MenuTargetKind.Document ? e.DocumentSlug : null,
                    e.Target == MenuTargetKind.Link ? e.Url : null,
                    Texts(e.Titles),
                    e.Target == MenuTargetKind.Document ? languages.GetValueOrDefault(e.DocumentSlug ?? "") ?? [] : null,
                    Entries(e.Children))),
        ];

        return Results.Ok(new MenuResponse(menu.Name, Entries(menu.Entries)));
    }

    /// <summary>Public documents per section and language, each counted in its section and every section above it.</summary>
    private static async Task<Dictionary<long, SortedDictionary<string, long>>> CountsAsync(SiteContext site, SiteStructure structure, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<long, SortedDictionary<string, long>>();
        if (site.Store is not IStructureStore store)
        {
            return totals;
        }

        foreach (var count in await store.CountPublicDocumentsBySectionAsync(site.Now, cancellationToken))
        {
            // A document sits in one section: adding it to each ancestor counts it once per level, never twice in one.
            foreach (var section in structure.Trail(count.SectionId))
            {
                if (!totals.TryGetValue(section.Id, out var byLanguage))
                {
                    totals[section.Id] = byLanguage = new SortedDictionary<string, long>(StringComparer.Ordinal);
                }

                byLanguage[count.Language.Value] = byLanguage.GetValueOrDefault(count.Language.Value) + count.Count;
            }
        }

        return totals;
    }

    private static SectionResponse ToResponse(SiteStructure structure, Section section, Dictionary<long, SortedDictionary<string, long>> counts) => new(
        section.Id, structure.PathOf(section.Id)!, section.ParentId, section.Slug, section.Position, Texts(section.Titles),
        counts.TryGetValue(section.Id, out var byLanguage) ? byLanguage : new SortedDictionary<string, long>(StringComparer.Ordinal));

    private static KindResponse ToResponse(DocumentKind kind) => new(
        kind.Key, kind.Position, Texts(kind.Names), [.. kind.Fields.Select(f => new FieldResponse(f.Key, f.Type.Name(), f.Translatable, Texts(f.Labels)))]);

    private static SortedDictionary<string, string> Texts(IReadOnlyDictionary<LanguageTag, string> texts) =>
        new(texts.ToDictionary(t => t.Key.Value, t => t.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    // ---- Writes -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// A section as a client sends it. On create, <c>slug</c> is required and the rest optional. On update, a member left
    /// out keeps its value, <c>parent: null</c> moves the section to the top, and <c>titles</c> changes only the languages
    /// it names (an empty or null title removes that language's), so a translator sends just their own.
    /// </summary>
    public sealed record SectionRequest(JsonElement Parent, string? Slug, Dictionary<string, string?>? Titles, int? Position);

    public sealed record FieldRequest(string? Key, string? Type, Dictionary<string, string?>? Labels);

    /// <summary>A kind's whole definition (its key is in the address); it replaces the stored one.</summary>
    public sealed record KindRequest(Dictionary<string, string?>? Names, int? Position, List<FieldRequest?>? Fields);

    public sealed record MenuEntryRequest(string? Target, JsonElement Section, string? Document, string? Url, Dictionary<string, string?>? Titles, List<MenuEntryRequest?>? Children);

    /// <summary>A menu's whole list of entries; it replaces the stored one.</summary>
    public sealed record MenuRequest(List<MenuEntryRequest?>? Entries);

    /// <summary>
    /// A document's place: <c>section</c> (an id or a path; null for none), <c>kind</c> (a key; null for none) and its
    /// shared <c>fields</c> (they replace the stored ones). A member left out keeps what the document has.
    /// </summary>
    public sealed record PlaceRequest(JsonElement Section, JsonElement Kind, Dictionary<string, JsonElement>? Fields);

    /// <summary>Where a document sits and what it is, after a change; labels and titles in the original's language.</summary>
    public sealed record PlaceResponse(string Slug, SectionRef? Section, KindRef? Kind, IReadOnlyDictionary<string, FieldValue> Fields);

    private static async Task<IResult> CreateSectionAsync(HttpContext http, StructureEditor editor, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (!user.CanManageStructure())
        {
            return Forbidden(user, "create sections");
        }

        var (request, bad) = await WriteApi.ReadAsync<SectionRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        if (string.IsNullOrWhiteSpace(request.Slug))
        {
            return ReadApi.BadRequest("slug", "\"slug\" is required: the section's part of its address, e.g. \"middle-east\".");
        }

        var structure = await site.StructureAsync(cancellationToken);
        if (!TryReadSection(structure, request.Parent, "parent", out var parent, out var unknown))
        {
            return unknown!;
        }

        if (!TryReadTexts(request.Titles, "titles", out var titles, out var badTitle))
        {
            return badTitle!;
        }

        return await RunAsync(async () =>
        {
            var section = await editor.CreateSectionAsync(user, parent, request.Slug.Trim(), titles.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!),
                request.Position ?? 0, cancellationToken);
            var after = await editor.Store.LoadStructureAsync(cancellationToken);
            return Results.Created($"/api/v1/sections/{section.Id.ToString(CultureInfo.InvariantCulture)}", ToResponse(after, after.Section(section.Id) ?? section, []));
        }, field => field switch
        {
            "slug" => request.Slug,
            "parent" => request.Parent.ValueKind == JsonValueKind.Undefined ? null : request.Parent.ToString(),
            _ => null,
        });
    }

    private static async Task<IResult> UpdateSectionAsync(string id, HttpContext http, StructureEditor editor, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        // Translators may still change titles in their languages: the editor decides what they touched.
        if (!user.CanManageStructure() && !user.Languages.Any(user.CanTranslateStructure))
        {
            return Forbidden(user, "change sections");
        }

        if (ParseId(id) is not { } number)
        {
            return BadId(id);
        }

        var structure = await editor.Store.LoadStructureAsync(cancellationToken);
        if (structure.Section(number) is not { } current)
        {
            return NoSuchSection(number);
        }

        var (request, bad) = await WriteApi.ReadAsync<SectionRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        long? parent = current.ParentId;
        if (request.Parent.ValueKind != JsonValueKind.Undefined && !TryReadSection(structure, request.Parent, "parent", out parent, out var unknown))
        {
            return unknown!;
        }

        if (!TryReadTexts(request.Titles, "titles", out var changes, out var badTitle))
        {
            return badTitle!;
        }

        var titles = current.Titles.ToDictionary(t => t.Key, t => t.Value);
        foreach (var (language, title) in changes)
        {
            if (string.IsNullOrWhiteSpace(title))
            {
                titles.Remove(language);
            }
            else
            {
                titles[language] = title;
            }
        }

        var changed = current with
        {
            ParentId = parent,
            Slug = request.Slug is null ? current.Slug : request.Slug.Trim(),
            Position = request.Position ?? current.Position,
            Titles = titles,
        };
        return await RunAsync(async () =>
        {
            var saved = await editor.UpdateSectionAsync(user, changed, cancellationToken);
            var after = await editor.Store.LoadStructureAsync(cancellationToken);
            return Results.Ok(ToResponse(after, after.Section(saved.Id) ?? saved, await CountsAsync(site, after, cancellationToken)));
        }, field => field switch
        {
            "slug" => request.Slug,
            "parent" => request.Parent.ValueKind == JsonValueKind.Undefined ? null : request.Parent.ToString(),
            _ => null,
        });
    }

    private static async Task<IResult> DeleteSectionAsync(string id, HttpContext http, StructureEditor editor, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (!user.CanManageStructure())
        {
            return Forbidden(user, "delete sections");
        }

        if (ParseId(id) is not { } number)
        {
            return BadId(id);
        }

        return await RunAsync(async () =>
        {
            await editor.DeleteSectionAsync(user, number, cancellationToken);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SaveKindAsync(string key, HttpContext http, StructureEditor editor, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (!user.CanManageKinds())
        {
            return Forbidden(user, "define kinds of document");
        }

        var (request, bad) = await WriteApi.ReadAsync<KindRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        if (!TryReadTexts(request.Names, "names", out var names, out var badName))
        {
            return badName!;
        }

        var fields = new List<FieldDefinition>();
        var requested = request.Fields ?? [];
        for (var i = 0; i < requested.Count; i++)
        {
            var field = requested[i];
            var where = field?.Key is { Length: > 0 } fieldKey ? $"fields.{fieldKey}" : $"fields[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (field is null || string.IsNullOrWhiteSpace(field.Key))
            {
                return ReadApi.BadRequest($"{where}.key", $"Field {i + 1} of the kind has no \"key\" (e.g. \"event-date\").");
            }

            if (!FieldTypes.TryParse(field.Type, out var type))
            {
                return Unprocessable($"{where}.type", field.Type ?? "",
                    $"Field \"{Shown(field.Key)}\": \"{Shown(field.Type ?? "")}\" is not a field type; the types are {string.Join(", ", Enum.GetValues<FieldType>().Select(t => t.Name()))}.");
            }

            if (!TryReadTexts(field.Labels, $"{where}.labels", out var labels, out var badLabel))
            {
                return badLabel!;
            }

            fields.Add(new FieldDefinition(field.Key.Trim(), type, Defined(labels)));
        }

        return await RunAsync(async () =>
        {
            var existed = (await editor.Store.LoadStructureAsync(cancellationToken)).Kind(key) is not null;
            await editor.SaveKindAsync(user, new DocumentKind { Key = key, Names = Defined(names), Position = request.Position ?? 0, Fields = fields }, cancellationToken);
            var saved = (await editor.Store.LoadStructureAsync(cancellationToken)).Kind(key)!;
            return existed ? Results.Ok(ToResponse(saved)) : Results.Created($"/api/v1/kinds/{key}", ToResponse(saved));
        }, field => field == "key" ? key : null);
    }

    private static async Task<IResult> DeleteKindAsync(string key, HttpContext http, StructureEditor editor, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (!user.CanManageKinds())
        {
            return Forbidden(user, "delete kinds of document");
        }

        return await RunAsync(async () =>
        {
            await editor.DeleteKindAsync(user, key, cancellationToken);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SaveMenuAsync(string name, HttpContext http, StructureEditor editor, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (!user.CanManageStructure())
        {
            return Forbidden(user, "edit menus");
        }

        if (!Menu.Names.Contains(name))
        {
            return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound,
                detail: $"There is no menu \"{Shown(name)}\"; the menus are {string.Join(" and ", Menu.Names)}.");
        }

        var (request, bad) = await WriteApi.ReadAsync<MenuRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        var structure = await editor.Store.LoadStructureAsync(cancellationToken);
        var (entries, problem) = ReadEntries(structure, request.Entries ?? [], "entries");
        if (problem is not null)
        {
            return problem;
        }

        return await RunAsync(async () =>
        {
            await editor.SaveMenuAsync(user, new Menu(name, entries!), cancellationToken);
            var after = await editor.Store.LoadStructureAsync(cancellationToken);
            return Results.Ok(new MenuResponse(name, [.. after.Menu(name).Entries.Select(e => Entry(after, e))]));
        });
    }

    private static MenuEntryResponse Entry(SiteStructure structure, MenuEntry e) => new(
        e.Target.ToString().ToLowerInvariant(),
        e.Target == MenuTargetKind.Section ? e.SectionId : null,
        e.Target == MenuTargetKind.Section && e.SectionId is { } id ? structure.PathOf(id) : null,
        e.Target == MenuTargetKind.Document ? e.DocumentSlug : null,
        e.Target == MenuTargetKind.Link ? e.Url : null,
        Texts(e.Titles), null, [.. e.Children.Select(c => Entry(structure, c))]);

    private static (List<MenuEntry>? Entries, IResult? Problem) ReadEntries(SiteStructure structure, List<MenuEntryRequest?> requested, string where)
    {
        var entries = new List<MenuEntry>();
        for (var i = 0; i < requested.Count; i++)
        {
            var at = $"{where}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (requested[i] is not { } entry)
            {
                return (null, ReadApi.BadRequest(at, $"Entry {i + 1} is null; send an object with a \"target\"."));
            }

            if (!Enum.TryParse<MenuTargetKind>(entry.Target, ignoreCase: true, out var target) || !Enum.IsDefined(target) || int.TryParse(entry.Target, out _))
            {
                return (null, ReadApi.BadRequest($"{at}.target", $"Entry {i + 1}: \"target\" is \"section\", \"document\" or \"link\", not \"{Shown(entry.Target ?? "")}\"."));
            }

            long? section = null;
            if (target == MenuTargetKind.Section && !TryReadSection(structure, entry.Section, $"{at}.section", out section, out var unknown))
            {
                return (null, unknown);
            }

            if (!TryReadTexts(entry.Titles, $"{at}.titles", out var titles, out var badTitle))
            {
                return (null, badTitle);
            }

            var (children, problem) = ReadEntries(structure, entry.Children ?? [], $"{at}.children");
            if (problem is not null)
            {
                return (null, problem);
            }

            entries.Add(new MenuEntry
            {
                Target = target,
                SectionId = section,
                DocumentSlug = entry.Document?.Trim(),
                Url = entry.Url?.Trim(),
                Titles = Defined(titles),
                Children = children!,
            });
        }

        return (entries, null);
    }

    private static async Task<IResult> PlaceAsync(string slug, HttpContext http, StructureEditor editor, SiteContext site, CancellationToken cancellationToken)
    {
        var (user, denied) = await WriteApi.TokenUserAsync(http);
        if (user is null)
        {
            return denied!;
        }

        if (!user.CanPlaceDocuments())
        {
            return Forbidden(user, "move documents or change their kind");
        }

        var document = Slug.IsValid(slug) ? await site.Store.FindDocumentAsync(slug, cancellationToken) : null;
        if (document is null)
        {
            return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound, detail: $"There is no document \"{slug}\".");
        }

        var (request, bad) = await WriteApi.ReadAsync<PlaceRequest>(http, cancellationToken);
        if (request is null)
        {
            return bad!;
        }

        var structure = await editor.Store.LoadStructureAsync(cancellationToken);
        var section = document.SectionId;
        if (request.Section.ValueKind != JsonValueKind.Undefined && !TryReadSection(structure, request.Section, "section", out section, out var unknown))
        {
            return unknown!;
        }

        var kind = document.Kind;
        if (request.Kind.ValueKind is JsonValueKind.Null)
        {
            kind = null;
        }
        else if (request.Kind.ValueKind is JsonValueKind.String)
        {
            kind = request.Kind.GetString()!.Trim();
        }
        else if (request.Kind.ValueKind != JsonValueKind.Undefined)
        {
            return Unprocessable("kind", request.Kind.GetRawText(), $"\"kind\" is a kind's key (a string, e.g. \"briefing\") or null, not {Shown(request.Kind.GetRawText())}.");
        }

        var (fields, badField) = ReadFields(request.Fields);
        if (badField is not null)
        {
            return badField;
        }

        // Fields left out are kept: but only while they fit the (new) kind; the editor names one that does not.
        fields ??= document.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return await RunAsync(async () =>
        {
            await editor.PlaceDocumentAsync(user, slug, section, kind, fields, cancellationToken);
            var placed = (await site.Store.FindDocumentAsync(slug, cancellationToken))!;
            var view = new View(await editor.Store.LoadStructureAsync(cancellationToken), await site.DefaultLanguageAsync(cancellationToken));
            return Results.Ok(new PlaceResponse(slug, SectionOf(view, placed.SectionId, placed.OriginalLanguage), KindOf(view, placed.Kind, placed.OriginalLanguage),
                FieldsOf(view, placed, null, placed.OriginalLanguage).Fields));
        }, field => field switch
        {
            "section" => request.Section.ValueKind == JsonValueKind.Undefined ? null : request.Section.ToString(),
            "kind" => kind,
            _ when field.StartsWith("fields.", StringComparison.Ordinal) => fields.GetValueOrDefault(field["fields.".Length..]),
            _ => null,
        });
    }

    // ---- Reading a body's parts -------------------------------------------------------------------------------------

    /// <summary>
    /// Field values as a client sends them: a string, or a number (its digits as written); null leaves the field out.
    /// Null for no <c>fields</c> member at all. Anything else is a 422 naming the field and what was sent.
    /// </summary>
    public static (Dictionary<string, string>? Values, IResult? Problem) ReadFields(Dictionary<string, JsonElement>? fields)
    {
        if (fields is null)
        {
            return (null, null);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, element) in fields)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    values[key] = element.GetString()!;
                    break;
                case JsonValueKind.Number:
                    values[key] = element.GetRawText();
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return (null, Unprocessable($"fields.{key}", element.GetRawText(),
                        $"Field \"{Shown(key)}\" takes a string (a number field also takes a JSON number), not {Shown(element.GetRawText())}; null leaves it out."));
            }
        }

        return (values, null);
    }

    /// <summary>
    /// A section named by id (a number, or digits in a string) or by path (<c>regions/middle-east</c>); null for JSON null
    /// or nothing. An unknown one is a 422 naming <paramref name="field"/>, the value, and some of the known paths.
    /// </summary>
    public static bool TryReadSection(SiteStructure structure, JsonElement value, string field, out long? id, out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(structure);
        id = null;
        problem = null;
        Section? found = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return true;
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                found = structure.Section(number);
                break;
            case JsonValueKind.String:
                var text = value.GetString()!.Trim().Trim('/');
                found = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? structure.Section(parsed) : structure.SectionAt(text);
                break;
        }

        if (found is null)
        {
            var raw = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            var known = structure.Sections.Take(20).Select(s => structure.PathOf(s.Id)).ToList();
            problem = Unprocessable(field, raw, $"\"{field}\": there is no section \"{Shown(raw)}\" (give an id or a path); "
                + (known.Count == 0 ? "no sections are defined." : $"the sections are {string.Join(", ", known)}{(structure.Sections.Count > known.Count ? ", …" : "")}."));
            return false;
        }

        id = found.Id;
        return true;
    }

    /// <summary>Texts by language tag; a bad tag is a 400 naming <c>field.tag</c>. Values may be null (a removal, where that means one).</summary>
    public static bool TryReadTexts(Dictionary<string, string?>? texts, string field, out Dictionary<LanguageTag, string?> result, out IResult? problem)
    {
        result = [];
        problem = null;
        foreach (var (tag, text) in texts ?? [])
        {
            if (!LanguageTag.TryParse(tag, out var language, out var error))
            {
                problem = ReadApi.BadRequest($"{field}.{tag}", $"\"{Shown(tag)}\" in \"{field}\" is not a language tag: {error}");
                return false;
            }

            result[language] = text;
        }

        return true;
    }

    private static Dictionary<LanguageTag, string> Defined(Dictionary<LanguageTag, string?> texts) =>
        texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value!);

    // ---- Problems ---------------------------------------------------------------------------------------------------

    /// <summary>Runs an editor call and turns its refusals into problem details; <paramref name="valueOf"/> gives the value sent for a field.</summary>
    public static async Task<IResult> RunAsync(Func<Task<IResult>> action, Func<string, string?>? valueOf = null)
    {
        try
        {
            return await action();
        }
        catch (StructureException e)
        {
            return Problem(e, e.Field is { } field ? valueOf?.Invoke(field) : null);
        }
    }

    /// <summary>
    /// The problem details of a refusal: 403, 409, 404 for a thing the address names, 422 for one the body names or a
    /// value that does not fit its field, 400 for any other bad value; <c>field</c> and <c>value</c> say which.
    /// </summary>
    public static IResult Problem(StructureException e, string? value)
    {
        ArgumentNullException.ThrowIfNull(e);
        var status = e.Kind switch
        {
            StructureErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            StructureErrorKind.Conflict => StatusCodes.Status409Conflict,
            StructureErrorKind.NotFound when e.Field is null => StatusCodes.Status404NotFound,
            StructureErrorKind.NotFound => StatusCodes.Status422UnprocessableEntity,
            _ when e.Field is "fields" || e.Field?.StartsWith("fields.", StringComparison.Ordinal) == true => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?>();
        if (e.Field is { } field)
        {
            extensions["field"] = field;
            if (value is not null)
            {
                extensions["value"] = value;
            }
        }

        return Results.Problem(
            title: e.Field is { } named && status is StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity
                ? $"Invalid value for '{named}'"
                : Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            detail: e.Message, statusCode: status, extensions: extensions);
    }

    /// <summary>A 422 naming the member at fault and the value sent.</summary>
    public static IResult Unprocessable(string field, string value, string detail) => Results.Problem(
        title: $"Invalid value for '{field}'", detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity,
        extensions: new Dictionary<string, object?> { ["field"] = field, ["value"] = value });

    private static IResult Forbidden(User user, string what) => Results.Problem(
        title: "Forbidden", statusCode: StatusCodes.Status403Forbidden,
        detail: $"{user.Name} ({AdminAuth.RoleName(user.Role)}) may not {what}.");

    private static long? ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static IResult BadId(string id) => ReadApi.BadRequest("id", $"\"{Shown(id)}\" is not a section id: a positive whole number.");

    private static IResult NoSuchSection(long id) => Results.Problem(
        title: "Not found", statusCode: StatusCodes.Status404NotFound, detail: $"There is no section {id.ToString(CultureInfo.InvariantCulture)}.");

    private static string Shown(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");
}
