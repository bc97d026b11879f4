using Hexapla.Accounts;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Hosting;

/// <summary>
/// The sample content bundled in the binary (<c>samples/</c> in the repository), imported into an empty store: the
/// documents, and the media the Iraq statement shows (a map drawn for the sample, the statement as a PDF in Russian and
/// English, both made by the scripts in <c>samples/media/</c>), and the site structure they sit in: the statement in the
/// section Regions › Middle East as a statement, a briefing kind ready for the next document, and header and footer menus,
/// in Russian and English.
/// </summary>
internal static class SampleContent
{
    private const string Prefix = "Hexapla.Samples.";
    private const string MediaPrefix = "Hexapla.SampleMedia.";

    private static readonly LanguageTag Russian = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag English = LanguageTag.Parse("en-GB");

    public static IReadOnlyList<ImportFile> Files()
    {
        var assembly = typeof(SampleContent).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new ImportFile($"samples/{n[Prefix.Length..]}", Resource(n)))];
    }

    /// <summary>
    /// Stores the sample media and gives <paramref name="files"/> back with the statement's <c>media:sample-map</c> and
    /// <c>media:sample-statement-pdf</c> pointing at the items made, whatever ids the store gave them. Files that do not refer to
    /// them, and every file when none of them does, are given back as they are.
    /// </summary>
    public static async Task<IReadOnlyList<ImportFile>> WithMediaAsync(IMediaStore store, IReadOnlyList<ImportFile> files, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!files.Any(f => Refers(f, MapName) || Refers(f, PdfName)))
        {
            return files;
        }

        var audit = new AuditEntry(0, clock.GetUtcNow(), User(), "media.upload", null, "bundled sample");
        var png = Resource(MediaPrefix + "iraq-map.png");
        int width, height;
        using (var header = NetVips.Image.NewFromBuffer(png))
        {
            (width, height) = (header.Width, header.Height);
        }

        var map = await store.CreateMediaAsync(new NewMediaItem(MediaKind.Image, Russian, File(Russian, "iraq-map.png", "image/png", png, width, height), BlobContent.Of(png),
        [
            new MediaText(Russian, MediaField.Title, "Карта Ирака"),
            new MediaText(Russian, MediaField.Alt, "Схематическая карта Ирака: Тигр и Евфрат, Багдад, Мосул, Рамади, Эрбиль, Киркук и Басра, соседние страны."),
            new MediaText(Russian, MediaField.Caption, "Ирак и его соседи. Схема, нарисованная для примера; границы и реки приблизительны."),
        ]), audit, cancellationToken);
        await store.SaveMediaTextsAsync(map.Id, Translations(map, English,
            ("Map of Iraq",
             "Schematic map of Iraq: the Tigris and the Euphrates, Baghdad, Mosul, Ramadi, Erbil, Kirkuk and Basra, and the neighbouring countries.",
             "Iraq and its neighbours. A schematic map drawn for the sample; borders and rivers are approximate.")), audit, cancellationToken);

        var russianPdf = Resource(MediaPrefix + "iraq-statement.ru-RU.pdf");
        var englishPdf = Resource(MediaPrefix + "iraq-statement.en-GB.pdf");
        var pdf = await store.CreateMediaAsync(new NewMediaItem(MediaKind.File, Russian,
            File(Russian, "razvitie-situacii-v-irake.pdf", "application/pdf", russianPdf, null, null, PdfText(russianPdf)), BlobContent.Of(russianPdf),
            [new MediaText(Russian, MediaField.Title, "Развитие ситуации в Ираке (текст заявления)")]), audit, cancellationToken);
        await store.SaveMediaFileAsync(pdf.Id, File(English, "development-of-the-situation-in-iraq.pdf", "application/pdf", englishPdf, null, null, PdfText(englishPdf)),
            BlobContent.Of(englishPdf), audit, cancellationToken);
        await store.SaveMediaTextsAsync(pdf.Id, Translations(pdf, English, ("Development of the situation in Iraq (the statement's text)", null, null)), audit, cancellationToken);

        return [.. files.Select(f => Refers(f, MapName) || Refers(f, PdfName)
            ? f with { Content = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(f.Content)
                .Replace($"(media:{MapName})", $"(media:{map.Id})", StringComparison.Ordinal)
                .Replace($"(media:{PdfName})", $"(media:{pdf.Id})", StringComparison.Ordinal)) }
            : f)];
    }

    // The statement's files name the sample media by these words, not by number: imported without this step (hexapla
    // import samples/, or a test importing the files), they are no media reference at all, rather than one to whatever
    // item happens to get that number.
    private const string MapName = "sample-map";

    private const string PdfName = "sample-statement-pdf";

    private static bool Refers(ImportFile file, string sampleId) =>
        file.Name.Contains("razvitie-situacii-v-irake", StringComparison.Ordinal)
        && System.Text.Encoding.UTF8.GetString(file.Content).Contains($"(media:{sampleId})", StringComparison.Ordinal);

    private static string User() => Accounts.User.System;

    /// <summary>The section the statement sits in, as its front matter names it.</summary>
    public const string MiddleEastPath = "regions/middle-east";

    /// <summary>
    /// Gives an empty structure the sample's: sections Regions › Middle East («Регионы › Ближний Восток»), the kinds
    /// <c>statement</c> (document number, place, country) and <c>briefing</c> (speaker, place, event date), a header menu
    /// (Regions with Middle East under it, About this site) and a footer menu, titled in Russian and English. Goes
    /// through <see cref="StructureEditor"/>'s rules as the system user. A store that already has sections, kinds or menus
    /// is left alone (an operator's structure is never mixed with the sample's).
    /// </summary>
    /// <returns>True when the structure was added.</returns>
    public static async Task<bool> AddStructureAsync(IStructureStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var current = await store.LoadStructureAsync(cancellationToken);
        if (current.Sections.Count > 0 || current.Kinds.Count > 0 || Menu.Names.Any(n => current.Menu(n).Entries.Count > 0))
        {
            return false;
        }

        var editor = new StructureEditor(store, clock);
        var system = SystemUser();
        await editor.SaveKindAsync(system, new DocumentKind
        {
            Key = "statement",
            Position = 0,
            Names = Texts("Заявление", "Statement"),
            Fields =
            [
                new FieldDefinition("document-number", FieldType.Code, Texts("Номер документа", "Document number")),
                new FieldDefinition("place", FieldType.Text, Texts("Место", "Place")),
                new FieldDefinition("country", FieldType.Text, Texts("Страна", "Country")),
            ],
        }, cancellationToken);
        await editor.SaveKindAsync(system, new DocumentKind
        {
            Key = "briefing",
            Position = 1,
            Names = Texts("Брифинг", "Briefing"),
            Fields =
            [
                new FieldDefinition("speaker", FieldType.Text, Texts("Выступающий", "Speaker")),
                new FieldDefinition("place", FieldType.Text, Texts("Место", "Place")),
                new FieldDefinition("event-date", FieldType.Date, Texts("Дата брифинга", "Date of the briefing")),
            ],
        }, cancellationToken);

        var regions = await editor.CreateSectionAsync(system, null, "regions", Texts("Регионы", "Regions"), 0, cancellationToken);
        var middleEast = await editor.CreateSectionAsync(system, regions.Id, "middle-east", Texts("Ближний Восток", "Middle East"), 0, cancellationToken);

        // A ministry's header leads to its regions and to what the site is; the footer repeats the essentials.
        await editor.SaveMenuAsync(system, new Menu(Menu.Header,
        [
            new MenuEntry
            {
                Target = MenuTargetKind.Section,
                SectionId = regions.Id,
                Children = [new MenuEntry { Target = MenuTargetKind.Section, SectionId = middleEast.Id }],
            },
            new MenuEntry { Target = MenuTargetKind.Document, DocumentSlug = AboutSlug, Titles = Texts("О сайте", "About this site") },
        ]), cancellationToken);
        await editor.SaveMenuAsync(system, new Menu(Menu.Footer,
        [
            new MenuEntry { Target = MenuTargetKind.Document, DocumentSlug = AboutSlug, Titles = Texts("О сайте", "About this site") },
            new MenuEntry { Target = MenuTargetKind.Section, SectionId = middleEast.Id, Titles = Texts("Ближний Восток", "Middle East") },
        ]), cancellationToken);
        return true;
    }

    /// <summary>
    /// Places each imported sample document as its front matter says (<c>section</c>, <c>kind</c>, and the kind's shared
    /// values under <c>fields</c>) when the import left it in no section: an importer that reads these keys has done it
    /// already, and then nothing changes. Translatable values are the importer's to store with each version's revision;
    /// they are not added here, since a new revision of the original would make its translations look outdated.
    /// </summary>
    public static async Task PlaceAsync(IStructureStore structures, IContentStore store, IReadOnlyList<ImportFile> files, TimeProvider clock, CancellationToken cancellationToken)
    {
        var editor = new StructureEditor(structures, clock);
        var structure = await structures.LoadStructureAsync(cancellationToken);
        foreach (var placement in files.Select(f => Placement(f.Content)).OfType<SamplePlacement>().DistinctBy(p => p.Slug))
        {
            if (structure.SectionAt(placement.Section) is not { } section || structure.Kind(placement.Kind) is not { } kind
                || await store.FindDocumentAsync(placement.Slug, cancellationToken) is not { SectionId: null } document)
            {
                continue;
            }

            var shared = placement.Fields.Where(f => kind.Field(f.Key) is { Translatable: false }).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            await editor.PlaceDocumentAsync(SystemUser(), document.Slug, section.Id, kind.Key, shared, cancellationToken);
        }
    }

    private const string AboutSlug = "about-this-site";

    private static User SystemUser() => new(0, Accounts.User.System, Role.Admin, [], false, DateTimeOffset.UnixEpoch);

    private static Dictionary<LanguageTag, string> Texts(string russian, string english) => new() { [Russian] = russian, [English] = english };

    private sealed record SamplePlacement(string Slug, string Section, string Kind, IReadOnlyDictionary<string, string> Fields);

    // The bundled files' own front matter: "key: value" lines, and the field values indented under "fields:".
    private static SamplePlacement? Placement(byte[] content)
    {
        var lines = System.Text.Encoding.UTF8.GetString(content).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines is not ["---", ..])
        {
            return null;
        }

        var top = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).TakeWhile(l => l != "---"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var (key, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim().Trim('"'));
            (line.StartsWith("  ", StringComparison.Ordinal) ? fields : top)[key] = value;
        }

        return top.TryGetValue("slug", out var slug) && top.TryGetValue("section", out var path) && top.TryGetValue("kind", out var kind)
            ? new SamplePlacement(slug, path, kind, fields)
            : null;
    }

    // Translations stamped with the fingerprint of the original's text they were made from, as the library does.
    private static List<MediaText> Translations(MediaItem item, LanguageTag language, (string Title, string? Alt, string? Caption) texts)
    {
        var made = new List<MediaText>();
        foreach (var (field, text) in new[] { (MediaField.Title, texts.Title), (MediaField.Alt, texts.Alt), (MediaField.Caption, texts.Caption) })
        {
            if (text is not null && item.Texts.FirstOrDefault(t => t.Field == field && t.Language == item.OriginalLanguage) is { } source)
            {
                made.Add(new MediaText(language, field, text, Translation.Segmenter.Hash(source.Text)));
            }
        }

        return made;
    }

    private static MediaFile File(LanguageTag language, string name, string type, byte[] bytes, int? width, int? height, string? text = null) =>
        new(language, name, type, bytes.Length, BlobContent.Of(bytes).Sha256, width, height, text);

    // The text the PDF carries, as an upload's inspection would find it, so search can read the sample's PDF too.
    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(SampleContent).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The bundled sample {name} is missing from the binary.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
