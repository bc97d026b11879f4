using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;

namespace Hexapla.Hosting;

/// <summary>
/// The sample content bundled in the binary (<c>samples/</c> in the repository), imported into an empty store: the
/// documents, and the media the Iraq statement shows (a map drawn for the sample, the statement as a PDF in Russian and
/// English, both made by the scripts in <c>samples/media/</c>).
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
