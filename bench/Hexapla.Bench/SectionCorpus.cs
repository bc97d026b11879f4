using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Bench;

/// <summary>
/// A tree of sections and two kinds of document for the generated corpus (<c>hexapla-bench corpus --sections N</c>),
/// made through <see cref="StructureEditor"/> as the admin would make them, and the place of each generated document in
/// it: a section (every section gets its share, top-level ones too), a kind, shared values and, per version, the
/// translatable ones, checked by the editor's own rules.
/// </summary>
internal sealed class SectionCorpus
{
    private static readonly LanguageTag English = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag Russian = LanguageTag.Parse("ru-RU");

    private static readonly (string Slug, string En, string Ru)[] Places =
    [
        ("geneva", "Geneva", "Женева"), ("new-york", "New York", "Нью-Йорк"), ("vienna", "Vienna", "Вена"),
        ("nairobi", "Nairobi", "Найроби"), ("brussels", "Brussels", "Брюссель"), ("moscow", "Moscow", "Москва"),
    ];

    private readonly SiteStructure _structure;
    private readonly long[] _sections;

    private SectionCorpus(SiteStructure structure)
    {
        _structure = structure;
        _sections = [.. structure.Sections.Select(s => s.Id).Order()];
    }

    /// <summary>How many sections the tree holds.</summary>
    public int Count => _sections.Length;

    /// <summary>
    /// Makes <paramref name="count"/> sections in an empty store: count ÷ 25 top-level ones (at least one), the rest
    /// spread under them as subsections (500: 20 top-level sections with 24 subsections each), titled in English and
    /// Russian; and the kinds "statement" (number, place) and "briefing" (speaker, place, event date).
    /// </summary>
    public static async Task<SectionCorpus> CreateAsync(IStructureStore store, int count, CancellationToken cancellationToken)
    {
        var editor = new StructureEditor(store, TimeProvider.System);
        var admin = new User(0, "hexapla-bench", Role.Admin, [], Disabled: false, DateTimeOffset.UtcNow);
        await editor.SaveKindAsync(admin, new DocumentKind
        {
            Key = "statement",
            Names = new Dictionary<LanguageTag, string> { [English] = "Statement", [Russian] = "Заявление" },
            Fields =
            [
                new FieldDefinition("number", FieldType.Code, new Dictionary<LanguageTag, string> { [English] = "Number", [Russian] = "Номер" }),
                new FieldDefinition("place", FieldType.Text, new Dictionary<LanguageTag, string> { [English] = "Place", [Russian] = "Место" }),
            ],
        }, cancellationToken);
        await editor.SaveKindAsync(admin, new DocumentKind
        {
            Key = "briefing",
            Position = 1,
            Names = new Dictionary<LanguageTag, string> { [English] = "Briefing", [Russian] = "Брифинг" },
            Fields =
            [
                new FieldDefinition("speaker", FieldType.Text, new Dictionary<LanguageTag, string> { [English] = "Speaker", [Russian] = "Выступающий" }),
                new FieldDefinition("place", FieldType.Text, new Dictionary<LanguageTag, string> { [English] = "Place", [Russian] = "Место" }),
                new FieldDefinition("event-date", FieldType.Date, new Dictionary<LanguageTag, string> { [English] = "Date of the event", [Russian] = "Дата события" }),
            ],
        }, cancellationToken);

        var top = Math.Max(1, count / 25);
        var parents = new List<Section>(top);
        for (var i = 1; i <= top; i++)
        {
            parents.Add(await editor.CreateSectionAsync(admin, null, Invariant($"topic-{i:D2}"), Titles($"Topic {i}", $"Тема {i}"), i, cancellationToken));
        }

        var below = new int[top];
        for (var i = 0; i < count - top; i++)
        {
            var parent = parents[i % top];
            var n = ++below[i % top];
            await editor.CreateSectionAsync(
                admin, parent.Id, Invariant($"area-{n:D2}"), Titles($"Topic {i % top + 1}, area {n}", $"Тема {i % top + 1}, направление {n}"), n, cancellationToken);
        }

        return new SectionCorpus(await store.LoadStructureAsync(cancellationToken));
    }

    /// <summary>
    /// The document placed: section number <c>index</c> modulo the count (so each section holds its share, newest and
    /// oldest alike, since the corpus' dates are random), every third document a briefing and the rest statements, with
    /// their values checked by <see cref="StructureEditor.CheckSharedFields"/> and <see cref="StructureEditor.CheckVersionFields"/>.
    /// </summary>
    public Document Place(Document document, int index)
    {
        var section = _sections[index % _sections.Length];
        var place = Places[index % Places.Length];
        var briefing = index % 3 == 2;
        var kind = briefing ? "briefing" : "statement";
        var date = document.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var shared = briefing
            ? new Dictionary<string, string> { ["event-date"] = date }
            : new Dictionary<string, string> { ["number"] = Invariant($"HX/{document.CreatedAt.Year}/{index + 1:D6}") };
        var versions = document.Versions.Select(v =>
        {
            var russian = v.Language == Russian;
            var values = new Dictionary<string, string> { ["place"] = russian ? place.Ru : place.En };
            if (briefing)
            {
                values["speaker"] = russian ? "Официальный представитель" : "The spokesperson";
            }

            return v with { Fields = StructureEditor.CheckVersionFields(_structure, document.Slug, v.Language, kind, values) };
        }).ToList();
        return document with
        {
            SectionId = section,
            Kind = kind,
            Fields = StructureEditor.CheckSharedFields(_structure, document.Slug, kind, shared),
            Versions = versions,
        };
    }

    /// <summary>
    /// Puts an existing document into the section at <paramref name="path"/>, making the sections of the path that are
    /// missing (titled with <paramref name="titles"/>, one "English|Russian" pair per segment, else the segment itself);
    /// the document keeps its kind and shared values. For bench/load.sh on the bundled samples, whose statement has no
    /// section yet. Returns what it did.
    /// </summary>
    public static async Task<string> PlaceAsync(IStructureStore store, IContentStore documents, string path, string slug, IReadOnlyList<string> titles, CancellationToken cancellationToken)
    {
        var editor = new StructureEditor(store, TimeProvider.System);
        var admin = new User(0, "hexapla-bench", Role.Admin, [], Disabled: false, DateTimeOffset.UtcNow);
        var document = await documents.FindDocumentAsync(slug, cancellationToken)
            ?? throw new InvalidOperationException($"There is no document \"{slug}\".");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        long? parent = null;
        var made = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            var structure = await store.LoadStructureAsync(cancellationToken);
            var existing = structure.Children(parent).FirstOrDefault(c => c.Slug == segments[i]);
            if (existing is null)
            {
                var pair = i < titles.Count ? titles[i].Split('|', 2) : [segments[i], segments[i]];
                existing = await editor.CreateSectionAsync(admin, parent, segments[i], Titles(pair[0], pair.Length > 1 ? pair[1] : pair[0]), 0, cancellationToken);
                made++;
            }

            parent = existing.Id;
        }

        await editor.PlaceDocumentAsync(admin, slug, parent, document.Kind, document.Fields, cancellationToken);
        return Invariant($"{slug} placed in {path} ({made} sections made).");
    }

    private static Dictionary<LanguageTag, string> Titles(string english, string russian) =>
        new() { [English] = english, [Russian] = russian };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
