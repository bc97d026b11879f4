using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Tests.Infrastructure;

/// <summary>A store with something in every table: documents with several revisions, users, tokens, audit, memory, glossary.</summary>
internal static class StoreSeed
{
    public static readonly DateTimeOffset At = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");

    public static async Task SeedAsync(IContentStore content, IAccountStore accounts, ITranslationMemory memory, IGlossaryStore glossary)
    {
        LanguageVersion Version(LanguageTag language, int revision) => new()
        {
            Language = language,
            Title = $"Заголовок {language} r{revision}",
            Summary = revision % 2 == 0 ? null : "Кратко — «итог».",
            Body = $"Paragraph one of r{revision}.\n\nParagraph two, with ünïcödé and \"quotes\".",
            State = revision == 1 ? VersionState.Draft : VersionState.Published,
            PublishedAt = revision == 1 ? null : At.AddHours(revision),
            Revision = revision,
            SourceRevision = language == EnGb ? revision : null,
            UpdatedAt = At.AddMinutes(revision),
            Segments = [new SegmentRef($"p{revision}", "hash")],
        };

        for (var d = 0; d < 3; d++)
        {
            var slug = $"document-{d}";
            var document = new Document
            {
                Slug = slug,
                OriginalLanguage = RuRu,
                Tags = ["news", $"tag-{d}"],
                ExpectedLanguages = [EnGb, RuRu],
                CreatedAt = At,
                UpdatedAt = At,
                Versions = [Version(RuRu, 1)],
            };
            await content.CreateDocumentAsync(document, new AuditEntry(0, At, "ed", "document.create", slug, null));
            for (var revision = 2; revision <= 4; revision++)
            {
                await content.SaveVersionAsync(slug, Version(RuRu, revision), revision - 1, new AuditEntry(0, At, "ed", "version.save", slug, $"r{revision}"));
            }

            await content.SaveVersionAsync(slug, Version(EnGb, 1), null, new AuditEntry(0, At, "tr", "version.save", slug, null));
        }

        // A correction under way over live text, released at an instant still ahead; the live text was corrected once.
        var live = Version(RuRu, 4) with { CorrectedAt = At.AddDays(1), CorrectionNote = "Дата исправлена." };
        var working = Version(RuRu, 5) with { State = VersionState.Approved, PublishedAt = null, Note = "Второй абзац уточнён.", Author = "ed", ApprovedBy = "rita" };
        await content.SaveVersionAsync("document-0", live with { Working = working, LastRevision = 5 }, 4, new AuditEntry(0, At, "ed", "version.save", "document-0/ru-RU", "r5"));
        await content.CreateReleaseAsync(At.AddDays(30), [new ReleaseMember("document-0", RuRu, 5)], [new AuditEntry(0, At, "ed", "release.schedule", null, "document-0/ru-RU r5")]);

        var anna = await accounts.AddUserAsync("anna", Role.Translator, [EnGb, RuRu], "hash-anna", At);
        await accounts.AddUserAsync("Boris", Role.Admin, [], "hash-boris", At);
        await accounts.AddTokenAsync("laptop", anna.Id, "token-hash-1", At);
        await accounts.AddTokenAsync("ci", anna.Id, "token-hash-2", At);
        await accounts.RevokeTokenAsync("ci", At.AddDays(1));
        await accounts.AppendAuditAsync(At, "anna", "login.failed", "anna", null);
        await memory.AddAsync(
        [
            new MemoryUnit(RuRu, EnGb, "Переговоры возобновились.", "The talks resumed.", "document-0 r2", At),
            new MemoryUnit(RuRu, EnGb, "Погода хорошая.", "The weather is fine.", "tmx a.tmx", At),
        ]);
        await glossary.ImportGlossaryAsync(RuRu, EnGb, [new GlossaryTerm("перемирие", "ceasefire", "mil."), new GlossaryTerm("Ирак", "Iraq", null)]);
    }

    public static async Task SeedAsync(SqlContentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        await SeedAsync(store, store, store, store);
        await SeedMediaAsync(store, store);
        await SeedStructureAsync(store);
    }

    /// <summary>
    /// A two-level section tree with titles, one section renamed (an old path kept), a kind with shared and translatable
    /// fields, a header menu, and document-1 placed in a section with field values: a row in every structure table.
    /// </summary>
    public static async Task SeedStructureAsync(SqlContentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var admin = new User(1, "Boris", Role.Admin, [], false, At);
        var editor = new Sections.StructureEditor(store, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(At));
        var regions = await editor.CreateSectionAsync(admin, null, "regions", new Dictionary<LanguageTag, string> { [RuRu] = "Регионы", [EnGb] = "Regions" });
        var middleEast = await editor.CreateSectionAsync(admin, regions.Id, "near-east", new Dictionary<LanguageTag, string> { [RuRu] = "Ближний Восток" });
        await editor.UpdateSectionAsync(admin, middleEast with { Slug = "middle-east", Titles = new Dictionary<LanguageTag, string> { [RuRu] = "Ближний Восток", [EnGb] = "Middle East" } });
        await editor.SaveKindAsync(admin, new Sections.DocumentKind
        {
            Key = "statement",
            Names = new Dictionary<LanguageTag, string> { [RuRu] = "Заявление", [EnGb] = "Statement" },
            Fields =
            [
                new Sections.FieldDefinition("place", Sections.FieldType.Text, new Dictionary<LanguageTag, string> { [RuRu] = "Место", [EnGb] = "Place" }),
                new Sections.FieldDefinition("number", Sections.FieldType.Code, new Dictionary<LanguageTag, string> { [EnGb] = "Number" }),
            ],
        });
        await editor.SaveMenuAsync(admin, new Sections.Menu(Sections.Menu.Header, [new Sections.MenuEntry { Target = Sections.MenuTargetKind.Section, SectionId = regions.Id }]));
        await editor.PlaceDocumentAsync(admin, "document-1", middleEast.Id, "statement", new Dictionary<string, string> { ["number"] = "1234-02-04-2026" });
        var document = (await store.FindDocumentAsync("document-1"))!;
        var russian = document.Version(RuRu)!;
        await store.SaveVersionAsync("document-1", russian with { Revision = russian.Revision + 1, Fields = new Dictionary<string, string> { ["place"] = "Москва" } },
            russian.Revision, new AuditEntry(0, At, "ed", "version.save", "document-1/ru-RU", null));
    }

    /// <summary>
    /// A file item with a variant larger than one blob chunk, texts in two languages (one a translation), a focal point,
    /// a rendition, and a document that uses the item: a row in every media table.
    /// </summary>
    public static async Task SeedMediaAsync(IContentStore content, IMediaStore media)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(media);
        var original = BlobContent.Of([.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))]);
        var item = await media.CreateMediaAsync(
            new NewMediaItem(MediaKind.Image, RuRu, new MediaFile(RuRu, "карта.png", "image/png", original.Size, original.Sha256, 40, 30), original,
                [new MediaText(RuRu, MediaField.Alt, "Карта Ирака"), new MediaText(RuRu, MediaField.Caption, "Багдад отмечен точкой.")]),
            new AuditEntry(0, At, "ed", "media.upload", null, "карта.png"));
        var large = new byte[SqlContentStore.BlobChunkBytes + 17];
        new Random(20).NextBytes(large);
        var variant = BlobContent.Of(large);
        await media.SaveMediaFileAsync(item.Id, new MediaFile(EnGb, "map.png", "image/png", variant.Size, variant.Sha256, 40, 30), variant, new AuditEntry(0, At, "ed", "media.file", null, null));
        await media.SaveMediaTextsAsync(item.Id, [new MediaText(EnGb, MediaField.Alt, "A map of Iraq", "0123456789abcdef", Machine: true)], new AuditEntry(0, At, "tr", "media.texts", null, null));
        await media.SetFocalPointAsync(item.Id, new FocalPoint(0.25, 0.75), new AuditEntry(0, At, "ed", "media.focal", null, null));
        var rendition = BlobContent.Of([1, 2, 3]);
        await media.SaveRenditionAsync(new MediaRendition("seed-rendition", rendition.Sha256, "image/webp", 20, 15), rendition, At);
        await content.SaveDocumentsAsync([new Document
        {
            Slug = "with-media",
            OriginalLanguage = RuRu,
            CreatedAt = At,
            UpdatedAt = At,
            Versions = [new LanguageVersion { Language = RuRu, Title = "С картой", Body = $"![](media:{item.Id})", PublishedAt = At, UpdatedAt = At }],
        }]);
    }
}
