using System.Reflection;
using System.Runtime.CompilerServices;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Search;

/// <summary>
/// The text of PDFs that public versions link, found by search: with the version that links the file, in the file's
/// language, never through a draft or an embargoed version, and following the file when it changes.
/// </summary>
public sealed class MediaSearchTests : NewsroomTestBase
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);

    private const string RussianPdfText = "Министерство иностранных дел заявляет о гуманитарной помощи населению Ирака.";
    private const string EnglishPdfText = "The Ministry of Foreign Affairs announces humanitarian deliveries to Iraq.";

    private MediaLibrary Library => new(Store, Clock);

    private async Task<MediaItem> UploadAsync(byte[] pdf, string name, LanguageTag language)
    {
        using var spooled = await SpooledFile.SpoolAsync(new MemoryStream(pdf), name, "application/pdf", 50 << 20, Folder.Path);
        return await Library.UploadAsync(Editor, spooled, language);
    }

    private async Task<MediaItem> AddVariantAsync(MediaItem item, byte[] pdf, string name, LanguageTag language)
    {
        using var spooled = await SpooledFile.SpoolAsync(new MemoryStream(pdf), name, "application/pdf", 50 << 20, Folder.Path);
        return await Library.SaveFileAsync(Editor, item.Id, spooled, language);
    }

    private async Task PublishAsync(string slug, string title, string body)
    {
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument(slug, RuRu, title, body));
        await Newsroom.PublishReviewedAsync(Editor, slug, RuRu);
    }

    private async Task PublishTranslationAsync(string slug, string title, string body)
    {
        await Newsroom.SaveVersionAsync(Editor, slug, EnGb, new VersionEdit(title, body), null);
        await Newsroom.PublishReviewedAsync(Editor, slug, EnGb);
    }

    private SearchResults Search(string text, LanguageTag? language = null) => Index.Search(new SearchQuery(text, language), Clock.GetUtcNow());

    [SkippableFact]
    public async Task Search_WordsOfALinkedPdf_FindTheVersionWithASnippetNamingTheFile()
    {
        MediaTestPdfs.RequireDejaVu();
        var pdf = await UploadAsync(MediaTestPdfs.WithDejaVu(RussianPdfText), "заявление.pdf", RuRu);
        await PublishAsync("iraq", "Заявление по Ираку", $"Министр выступил с заявлением.\n\n[Текст заявления](media:{pdf.Id})");

        // Other forms of the words than the PDF's: the Russian analyser's stems match.
        var hit = Assert.Single(Search("гуманитарная помощь", RuRu).Hits);

        Assert.Equal("iraq", hit.Slug);
        Assert.Equal(RuRu, hit.Language);
        Assert.Equal("заявление.pdf", hit.FileName);
        Assert.Contains("<mark>гуманитарной</mark>", hit.SnippetHtml, StringComparison.Ordinal);
        // Words of the body: a snippet of the body, from no file.
        var bodyHit = Assert.Single(Search("министр выступил", RuRu).Hits);
        Assert.Null(bodyHit.FileName);
        Assert.Contains("<mark>", bodyHit.SnippetHtml, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Search_VariantPerLanguage_EachVersionFoundByItsOwnFilesWords()
    {
        MediaTestPdfs.RequireDejaVu();
        var pdf = await UploadAsync(MediaTestPdfs.WithDejaVu(RussianPdfText), "заявление.pdf", RuRu);
        await AddVariantAsync(pdf, MediaTestPdfs.WithHelvetica(EnglishPdfText), "statement.pdf", EnGb);
        await PublishAsync("iraq", "Заявление по Ираку", $"[Текст](media:{pdf.Id})");
        await PublishTranslationAsync("iraq", "Statement on Iraq", $"[The text](media:{pdf.Id})");

        var english = Assert.Single(Search("humanitarian delivery").Hits);
        Assert.Equal((EnGb, "statement.pdf"), (english.Language, english.FileName));
        var russian = Assert.Single(Search("гуманитарной").Hits);
        Assert.Equal((RuRu, "заявление.pdf"), (russian.Language, russian.FileName));
    }

    [SkippableFact]
    public async Task Search_OriginalInAnotherLanguage_FoundWithTheTranslationOnlyWhenNoVersionInItsLanguageLinksIt()
    {
        MediaTestPdfs.RequireDejaVu();
        var pdf = await UploadAsync(MediaTestPdfs.WithDejaVu(RussianPdfText), "заявление.pdf", RuRu);
        // Both versions link the Russian file (no English variant): its words lead to the Russian version only.
        await PublishAsync("both", "Заявление", $"[Текст](media:{pdf.Id})");
        await PublishTranslationAsync("both", "Statement", $"[The text, in Russian](media:{pdf.Id})");
        // Only the English version links it: its words lead there, analysed as Russian.
        await PublishAsync("english-only", "Другое заявление", "Без приложений.");
        await PublishTranslationAsync("english-only", "Another statement", $"[The text, in Russian](media:{pdf.Id})");

        var hits = Search("гуманитарная помощь").Hits.Select(h => (h.Slug, h.Language, h.FileName)).OrderBy(h => h.Slug, StringComparer.Ordinal).ToList();

        Assert.Equal([("both", RuRu, "заявление.pdf"), ("english-only", EnGb, "заявление.pdf")], hits);
    }

    [Fact]
    public async Task Search_PdfLinkedByADraftOrAnEmbargoedVersion_IsNotFound()
    {
        var draftPdf = await UploadAsync(MediaTestPdfs.WithHelvetica("Draft annex about the zucchini summit"), "draft.pdf", RuRu);
        var embargoedPdf = await UploadAsync(MediaTestPdfs.WithHelvetica("Embargoed annex about the aubergine accord"), "embargoed.pdf", RuRu);
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument("draft", RuRu, "Черновик", $"[Приложение](media:{draftPdf.Id})"));
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument("embargoed", RuRu, "Под эмбарго", $"[Приложение](media:{embargoedPdf.Id})"));
        await Newsroom.PublishReviewedAsync(Editor, "embargoed", RuRu, Start.AddDays(1));
        // A public version whose working copy links a PDF: the working copy is not public either.
        await PublishAsync("public", "Опубликовано", "Текст без приложений.");
        var workingPdf = await UploadAsync(MediaTestPdfs.WithHelvetica("Working copy annex about the artichoke agenda"), "working.pdf", RuRu);
        await Newsroom.SaveVersionAsync(Editor, "public", RuRu, new VersionEdit("Опубликовано", $"[Приложение](media:{workingPdf.Id})", Note: "Приложение добавлено"), 1);

        Assert.Empty(Search("zucchini").Hits);
        Assert.Empty(Search("aubergine").Hits);
        Assert.Empty(Search("artichoke").Hits);
        Assert.Empty(Search("annex").Hits);

        // Once the embargo lifts and the version is indexed (as EmbargoRelease does), its PDF's words are found.
        Clock.Advance(TimeSpan.FromDays(2));
        await Index.UpdateAsync([.. (await Store.FindDocumentsAsync(["embargoed"])).Values], Clock.GetUtcNow());
        Assert.Equal(("embargoed", "embargoed.pdf"), Assert.Single(Search("aubergine").Hits) is var h ? (h.Slug, h.FileName) : default);
        Assert.Empty(Search("zucchini").Hits);
    }

    [Fact]
    public async Task CatchUp_AfterTheFileIsReplaced_FindsTheNewWordsAndNotTheOld()
    {
        var pdf = await UploadAsync(MediaTestPdfs.WithHelvetica("First edition about the walnut treaty"), "treaty.pdf", RuRu);
        await PublishAsync("treaty", "Договор", $"[Текст договора](media:{pdf.Id})");
        Assert.Single(Search("walnut").Hits);
        var since = await Store.GetGenerationAsync();

        // The library writes the store only; the index follows the change log, as IndexFollower does on every node.
        await AddVariantAsync(pdf, MediaTestPdfs.WithHelvetica("Corrected edition about the chestnut treaty"), "treaty-corrected.pdf", RuRu);
        var changes = await Newsroom.CatchUpIndexAsync(since);

        Assert.NotNull(changes);
        Assert.Contains("treaty", changes.Slugs);
        Assert.Empty(Search("walnut").Hits);
        Assert.Equal("treaty-corrected.pdf", Assert.Single(Search("chestnut").Hits).FileName);
    }

    [Fact]
    public async Task CatchUp_AfterAVariantIsRemoved_TheOriginalsWordsLeadToTheTranslation()
    {
        var pdf = await UploadAsync(MediaTestPdfs.WithHelvetica("Original about the pistachio pact"), "original.pdf", RuRu);
        await AddVariantAsync(pdf, MediaTestPdfs.WithHelvetica("Variant about the hazelnut pact"), "variant.pdf", EnGb);
        await PublishAsync("pact", "Пакт", "Без приложений.");
        await PublishTranslationAsync("pact", "Pact", $"[The text](media:{pdf.Id})");
        Assert.Equal(EnGb, Assert.Single(Search("hazelnut").Hits).Language);
        var since = await Store.GetGenerationAsync();

        await Library.RemoveFileAsync(Editor, pdf.Id, EnGb);
        await Newsroom.CatchUpIndexAsync(since);

        Assert.Empty(Search("hazelnut").Hits);
        Assert.Equal(("pact", EnGb, "original.pdf"), Assert.Single(Search("pistachio").Hits) is var h ? (h.Slug, h.Language, h.FileName) : default);
    }

    [Fact]
    public async Task Update_DocumentsWithoutMedia_AskTheStoreNothing()
    {
        var counting = CountingMediaStore.Wrap(Store, out var calls);
        using var index = LuceneSearchIndex.Open(Folder.Combine("index-counted"), media: counting);
        var now = Clock.GetUtcNow();
        var documents = Enumerable.Range(0, 50).Select(i => new Document
        {
            Slug = $"plain-{i}",
            OriginalLanguage = RuRu,
            Versions = [new LanguageVersion { Language = RuRu, Title = $"Заголовок {i}", Body = "Текст о media без ссылок: mediation.", State = VersionState.Published, PublishedAt = now }],
        }).ToList();

        await index.UpdateAsync(documents, now);
        await index.RebuildAsync(documents.ToAsyncEnumerable(), now, 1);
        using (var bulk = index.BeginBulkUpdate())
        {
            await bulk.AddAsync(documents, now);
            await bulk.CommitAsync(2, now);
        }

        Assert.Equal(0, calls.Value);
        Assert.Equal(50, index.Count());

        var pdf = await UploadAsync(MediaTestPdfs.WithHelvetica("Annex about the cashew compact"), "annex.pdf", RuRu);
        await index.UpdateAsync([documents[0] with { Versions = [documents[0].Versions[0] with { Body = $"[Annex](media:{pdf.Id}) and [again](media:{pdf.Id})" }] }, .. documents[1..]], now);

        Assert.Equal(1, calls.Value);
        Assert.Equal("plain-0", Assert.Single(index.Search(new SearchQuery("cashew", null), now).Hits).Slug);
    }

    /// <summary>The real store, counting the calls made to it (not a mock: every call reaches the store).</summary>
    public class CountingMediaStore : DispatchProxy
    {
        private IMediaStore _inner = null!;
        private StrongBox<int> _calls = null!;

        public static IMediaStore Wrap(IMediaStore inner, out StrongBox<int> calls)
        {
            var proxy = Create<IMediaStore, CountingMediaStore>();
            var counting = (CountingMediaStore)(object)proxy;
            counting._inner = inner;
            counting._calls = calls = new StrongBox<int>();
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            _calls.Value++;
            return targetMethod!.Invoke(_inner, args);
        }
    }
}
