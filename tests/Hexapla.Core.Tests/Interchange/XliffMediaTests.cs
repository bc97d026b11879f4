using System.Text;
using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;
using Hexapla.Translation.MachineTranslation;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// Alt texts, captions and titles of the media a document uses, as XLIFF units of their own: written beside the
/// document's units (valid against the XLIFF 2.0 schema, with notes saying what they are), read back through the media
/// library, refused when they no longer match, and feeding the memory.
/// </summary>
public sealed class XliffMediaTests : NewsroomTestBase
{
    private const string Slug = "visit";
    private static readonly XNamespace X = XliffWriter.Ns;
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag FrFr = LanguageTag.Parse("fr-FR");
    private static readonly User Editor = new(2, "ed", Role.Editor, [], false, Start);

    private MediaLibrary Library => new(Store, Clock);

    private long _photo;
    private long _pdf;

    protected override async Task SetUpAsync()
    {
        using var image = NetVips.Image.Black(64, 48) + 120;
        var png = image.PngsaveBuffer();
        using (var spooled = await SpooledFile.SpoolAsync(new MemoryStream(png), "встреча.png", "image/png", 1 << 20, Folder.Combine("spool")))
        {
            _photo = (await Library.UploadAsync(Editor, spooled, RuRu,
                [new MediaText(RuRu, MediaField.Title, "Встреча"), new MediaText(RuRu, MediaField.Alt, "Министр пожимает руку главе делегации"), new MediaText(RuRu, MediaField.Caption, "Переговоры в Багдаде, 3 марта")])).Id;
        }

        // A file item as the store keeps it (the PDF part of inspection is another part's; the texts are what matter here).
        var pdf = BlobContent.Of(Encoding.ASCII.GetBytes("%PDF-1.4\n% statement\n"));
        _pdf = (await Store.CreateMediaAsync(
            new NewMediaItem(MediaKind.File, RuRu, new MediaFile(RuRu, "заявление.pdf", "application/pdf", pdf.Size, pdf.Sha256), pdf,
                [new MediaText(RuRu, MediaField.Title, "Текст заявления"), new MediaText(RuRu, MediaField.Caption, "Подписанный текст")]),
            new AuditEntry(0, Start, "ed", "media.upload", null, "заявление.pdf"))).Id;

        await Newsroom.CreateDocumentAsync(Editor, new NewDocument(Slug, RuRu, "Визит делегации",
            $"Министр встретился с делегацией.\n\n![](media:{_photo})\n\nСм. [текст](media:{_pdf}) и снова ![](media:{_photo}).\n"));
    }

    private async Task<Document> DocumentAsync() => (await Store.FindDocumentAsync(Slug))!;

    private async Task<XDocument> ExportAsync(LanguageTag? target = null) =>
        XDocument.Parse(Encoding.UTF8.GetString(XliffWriter.ToBytes(await Newsroom.ExportXliffAsync(await DocumentAsync(), target ?? EnGb))), LoadOptions.SetLineInfo);

    private static XliffDocument Read(XDocument xml, string name = "visit.ru-RU-en-GB.xlf") =>
        XliffReader.Read(new MemoryStream(XliffWriter.ToBytes(xml)), name);

    /// <summary>Sets the target of unit <paramref name="id"/> as a CAT tool does when the translator confirms it.</summary>
    private static void Translate(XDocument xml, string id, string target, string state = "translated")
    {
        var segment = xml.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == id).Element(X + "segment")!;
        segment.SetAttributeValue("state", state);
        segment.Element(X + "target")?.Remove();
        segment.Add(new XElement(X + "target", target));
    }

    [Fact]
    public async Task Export_DocumentUsingMedia_HasAUnitPerMediaTextWithNotes_ValidAgainstTheSchema()
    {
        var xml = await ExportAsync();

        var ids = xml.Descendants(X + "unit").Select(u => (string)u.Attribute("id")!).ToList();
        // Each item once, in order of first use; a file has no alt text.
        Assert.Equal([$"media-{_photo}-title", $"media-{_photo}-alt", $"media-{_photo}-caption", $"media-{_pdf}-title", $"media-{_pdf}-caption"],
            ids.Where(id => id.StartsWith("media-", StringComparison.Ordinal)));
        Assert.Equal("title", ids[0]);
        var alt = xml.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{_photo}-alt");
        Assert.Equal("Министр пожимает руку главе делегации", alt.Descendants(X + "source").Single().Value);
        Assert.Equal("initial", (string)alt.Element(X + "segment")!.Attribute("state")!);
        Assert.Null(alt.Descendants(X + "target").SingleOrDefault());
        var notes = alt.Element(X + "notes")!.Elements(X + "note").ToDictionary(n => (string)n.Attribute("category")!, n => n.Value);
        Assert.Equal("media alt", notes["kind"]);
        Assert.StartsWith($"alt text of image {_photo} (встреча.png): read out to readers who cannot see the image", notes["description"], StringComparison.Ordinal);
        var caption = xml.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{_pdf}-caption");
        Assert.Contains("shown beside the link to the file", caption.Descendants(X + "note").Select(n => n.Value).Last(), StringComparison.Ordinal);

        var problems = new List<string>();
        XliffSchema.Validate(xml, (_, reason) => problems.Add(reason));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Export_DocumentWithoutMedia_IsByteForByteTheWritersOutput()
    {
        await Newsroom.CreateDocumentAsync(Editor, new NewDocument("plain", RuRu, "Без картинок", "Абзац.\n\nЕщё абзац со ссылкой [media](https://example.org/media:1).\n"));
        var document = (await Store.FindDocumentAsync("plain"))!;

        var viaNewsroom = XliffWriter.ToBytes(await Newsroom.ExportXliffAsync(document, EnGb));

        Assert.Equal(XliffWriter.ToBytes(XliffWriter.Write(document.Newest(), EnGb)), viaNewsroom);
        Assert.DoesNotContain("media-", Encoding.UTF8.GetString(viaNewsroom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MediaUnitsOnly_SavesTextsThroughTheLibrary_WritesNoRevision_AndFeedsTheMemory()
    {
        var xml = await ExportAsync();
        Translate(xml, $"media-{_photo}-alt", "The minister shakes hands with the head of the delegation");
        Translate(xml, $"media-{_photo}-caption", "Talks in Baghdad, 3 March", "reviewed");
        Translate(xml, $"media-{_pdf}-title", "Prefilled, not confirmed", "initial");

        var result = await Newsroom.ImportXliffFileAsync(Editor, Read(xml));

        Assert.False(result.DocumentWritten);
        Assert.Null(result.Version);
        Assert.Equal([$"media-{_photo}-alt", $"media-{_photo}-caption"], result.MediaTaken);
        Assert.Null((await DocumentAsync()).Version(EnGb));
        var photo = (await Store.FindMediaAsync(_photo))!;
        var alt = photo.TextIn(MediaField.Alt, EnGb)!;
        Assert.Equal("The minister shakes hands with the head of the delegation", alt.Text);
        Assert.False(alt.Machine);
        Assert.Equal("ed", alt.UpdatedBy);
        Assert.Equal(MediaTextState.Current, MediaSegments.StateOf(photo, MediaField.Alt, EnGb));
        Assert.Null((await Store.FindMediaAsync(_pdf))!.TextIn(MediaField.Title, EnGb));

        var matches = await Store.FindMatchesAsync(RuRu, EnGb, "Переговоры в Багдаде, 3 марта", minSimilarity: 0.99);
        Assert.Equal("Talks in Baghdad, 3 March", Assert.Single(matches).Unit.Target);
        Assert.Equal($"media {_photo} caption", matches[0].Unit.Origin);
    }

    [Fact]
    public async Task Import_DocumentAndMediaUnits_SavesBoth_AndTheNextExportCarriesTheTargetsAsTranslated()
    {
        var xml = await ExportAsync();
        Translate(xml, "title", "Delegation visit");
        Translate(xml, $"media-{_photo}-alt", "The minister greets the delegation");

        var result = await Newsroom.ImportXliffFileAsync(Editor, Read(xml));

        Assert.True(result.DocumentWritten);
        Assert.Equal("Delegation visit", result.Version!.Title);
        Assert.Equal([$"media-{_photo}-alt"], result.MediaTaken);
        var again = await ExportAsync();
        var alt = again.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{_photo}-alt").Element(X + "segment")!;
        Assert.Equal("translated", (string)alt.Attribute("state")!);
        Assert.Equal("The minister greets the delegation", alt.Element(X + "target")!.Value);

        // The same file again: nothing new to save for the media unit.
        var repeat = await Newsroom.ImportXliffFileAsync(Editor, Read(xml));
        Assert.Empty(repeat.MediaTaken);
        Assert.Equal([$"media-{_photo}-alt"], repeat.MediaUnchanged);
    }

    [Fact]
    public async Task OriginalAltChanged_TranslationOutdated_ExportedInitialWithNote_AndTheOldFileRefused()
    {
        var xml = await ExportAsync();
        Translate(xml, $"media-{_photo}-alt", "The minister greets the delegation");
        await Newsroom.ImportXliffFileAsync(Editor, Read(xml));
        Translate(xml, $"media-{_photo}-alt", "A second attempt");
        Translate(xml, "title", "Delegation visit");

        await Library.SetTextsAsync(Editor, _photo, [new MediaText(RuRu, MediaField.Alt, "Министр и глава делегации у входа")]);

        var photo = (await Store.FindMediaAsync(_photo))!;
        Assert.True(photo.IsOutdated(photo.TextIn(MediaField.Alt, EnGb)!));
        Assert.Equal(MediaTextState.Outdated, MediaSegments.StateOf(photo, MediaField.Alt, EnGb));
        var fresh = await ExportAsync();
        var unit = fresh.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{_photo}-alt");
        Assert.Equal("initial", (string)unit.Element(X + "segment")!.Attribute("state")!);
        Assert.Contains(unit.Descendants(X + "note"), n => n.Value == XliffWriter.OutdatedNote);

        var e = await Assert.ThrowsAsync<ImportException>(() => Newsroom.ImportXliffFileAsync(Editor, Read(xml)));
        var error = Assert.Single(e.Errors);
        Assert.Contains($"the source of unit media-{_photo}-alt changed since export", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
        // Nothing written: neither the document's title nor the alt text.
        Assert.Null((await DocumentAsync()).Version(EnGb));
        Assert.Equal("The minister greets the delegation", (await Store.FindMediaAsync(_photo))!.TextIn(MediaField.Alt, EnGb)!.Text);
    }

    [Fact]
    public async Task Import_BadMediaUnits_EachRefusedOnceWithItsUnit_NothingWritten()
    {
        var xml = await ExportAsync();
        Translate(xml, "title", "Delegation visit");
        Translate(xml, $"media-{_photo}-alt", "Line one");
        var target = xml.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{_photo}-alt").Descendants(X + "target").Single();
        target.Value = "Line one\nline two";
        var file = xml.Descendants(X + "file").Single();
        file.Add(new XElement(X + "unit", new XAttribute("id", "media-999-alt"),
            new XElement(X + "segment", new XAttribute("state", "translated"), new XElement(X + "source", "Нет такого"), new XElement(X + "target", "No such"))));
        file.Add(new XElement(X + "unit", new XAttribute("id", $"media-{_photo}-colour"),
            new XElement(X + "segment", new XAttribute("state", "translated"), new XElement(X + "source", "Синий"), new XElement(X + "target", "Blue"))));

        var e = await Assert.ThrowsAsync<ImportException>(() => Newsroom.ImportXliffFileAsync(Editor, Read(xml)));

        Assert.Equal(3, e.Errors.Count);
        Assert.Contains(e.Errors, p => p.Reason.StartsWith($"unit media-{_photo}-alt: the target has a line break", StringComparison.Ordinal));
        Assert.Contains(e.Errors, p => p.Reason.StartsWith("unit media-999-alt: the ru-RU original of \"visit\" no longer uses media item 999", StringComparison.Ordinal));
        Assert.Contains(e.Errors, p => p.Reason.StartsWith($"unit media-{_photo}-colour: not a media unit Hexapla writes", StringComparison.Ordinal));
        Assert.All(e.Errors, p => Assert.Equal("visit.ru-RU-en-GB.xlf", p.File));
        Assert.Null((await DocumentAsync()).Version(EnGb));
        Assert.Null((await Store.FindMediaAsync(_photo))!.TextIn(MediaField.Alt, EnGb));
    }

    [Fact]
    public async Task Import_TranslatorOfAnotherLanguage_Refused_TranslatorOfTheLanguage_Saves()
    {
        var xml = await ExportAsync();
        Translate(xml, $"media-{_photo}-caption", "Talks in Baghdad");
        var french = new User(5, "fr-only", Role.Translator, [FrFr], false, Start);
        var english = new User(6, "en-tr", Role.Translator, [EnGb], false, Start);

        var refused = await Assert.ThrowsAsync<EditorialException>(() => Newsroom.ImportXliffFileAsync(french, Read(xml)));
        Assert.Equal(EditorialErrorKind.Forbidden, refused.Kind);
        Assert.Null((await Store.FindMediaAsync(_photo))!.TextIn(MediaField.Caption, EnGb));

        var result = await Newsroom.ImportXliffFileAsync(english, Read(xml));
        Assert.Equal([$"media-{_photo}-caption"], result.MediaTaken);
        Assert.Equal("en-tr", (await Store.FindMediaAsync(_photo))!.TextIn(MediaField.Caption, EnGb)!.UpdatedBy);
    }

    [Fact]
    public async Task Export_IntoTheItemsOwnOriginalLanguage_GivesNoMediaUnits()
    {
        // An item uploaded in English, used by the Russian original: its English texts are its own, not a translation.
        using var image = NetVips.Image.Black(16, 16);
        using var spooled = await SpooledFile.SpoolAsync(new MemoryStream(image.PngsaveBuffer()), "chart.png", "image/png", 1 << 20, Folder.Combine("spool"));
        var chart = await Library.UploadAsync(Editor, spooled, EnGb, [new MediaText(EnGb, MediaField.Alt, "A bar chart")]);
        await Library.SetTextsAsync(Editor, chart.Id, [new MediaText(RuRu, MediaField.Alt, "Столбчатая диаграмма")]);
        await Newsroom.SaveVersionAsync(Editor, Slug, RuRu, new VersionEdit("Визит делегации", $"![](media:{chart.Id})\n"), (await DocumentAsync()).Version(RuRu)!.Revision);

        var english = await ExportAsync(EnGb);
        var french = await ExportAsync(FrFr);

        Assert.DoesNotContain(english.Descendants(X + "unit"), u => ((string)u.Attribute("id")!).StartsWith("media-", StringComparison.Ordinal));
        // Into French, the source is the item's Russian text (the document's source language).
        var unit = french.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{chart.Id}-alt");
        Assert.Equal("Столбчатая диаграмма", unit.Descendants(X + "source").Single().Value);
    }

    private sealed class Marker : IMachineTranslator
    {
        public List<string> Asked { get; } = [];

        public string Name => "test service";

        public Task<IReadOnlyList<string>> TranslateAsync(IReadOnlyList<string> texts, LanguageTag source, LanguageTag target, CancellationToken cancellationToken = default)
        {
            Asked.AddRange(texts);
            return Task.FromResult<IReadOnlyList<string>>([.. texts.Select(t => $"MT({t})")]);
        }
    }

    [Fact]
    public async Task MachineFill_FillsOnlyMissingTexts_MarkedMachine_AndKeepsThemOutOfTheMemory()
    {
        await Library.SetTextsAsync(Editor, _photo, [new MediaText(EnGb, MediaField.Alt, "The minister greets the delegation")]);
        var translator = new Marker();

        var result = await Newsroom.FillMediaTextsByMachineAsync(Editor, Slug, EnGb, translator);

        Assert.Equal(["Встреча", "Переговоры в Багдаде, 3 марта", "Текст заявления", "Подписанный текст"], translator.Asked);
        Assert.Equal(4, result.Filled.Count);
        var photo = (await Store.FindMediaAsync(_photo))!;
        Assert.Equal("The minister greets the delegation", photo.TextIn(MediaField.Alt, EnGb)!.Text);
        Assert.False(photo.TextIn(MediaField.Alt, EnGb)!.Machine);
        var caption = photo.TextIn(MediaField.Caption, EnGb)!;
        Assert.Equal("MT(Переговоры в Багдаде, 3 марта)", caption.Text);
        Assert.True(caption.Machine);
        Assert.Empty(await Store.FindMatchesAsync(RuRu, EnGb, "Переговоры в Багдаде, 3 марта", minSimilarity: 0.99));
        Assert.Single(await Store.FindMatchesAsync(RuRu, EnGb, "Министр пожимает руку главе делегации", minSimilarity: 0.99));

        // Exported as a prefill to check; confirmed in the CAT tool, it is a person's translation and joins the memory.
        var xml = await ExportAsync();
        var unit = xml.Descendants(X + "unit").Single(u => (string)u.Attribute("id")! == $"media-{_photo}-caption");
        Assert.Equal("initial", (string)unit.Element(X + "segment")!.Attribute("state")!);
        Assert.Contains(unit.Descendants(X + "note"), n => n.Value == XliffWriter.MachineNote);
        unit.Element(X + "segment")!.SetAttributeValue("state", "translated");
        var confirmed = await Newsroom.ImportXliffFileAsync(Editor, Read(xml));
        Assert.Equal([$"media-{_photo}-caption"], confirmed.MediaTaken);
        Assert.False((await Store.FindMediaAsync(_photo))!.TextIn(MediaField.Caption, EnGb)!.Machine);
        Assert.Single(await Store.FindMatchesAsync(RuRu, EnGb, "Переговоры в Багдаде, 3 марта", minSimilarity: 0.99));
    }
}
