using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Maintenance;

/// <summary>The bundled Iraq statement comes with its map and its text as a PDF in both languages, placed in the text.</summary>
public sealed class MediaSampleTests
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");

    [Fact]
    public async Task WithMedia_StatementNamingSampleMedia_StoresTheMapAndThePdf_PointsBothVersionsAtThem_TextsInBothLanguages()
    {
        // The statement as it will read once pages render media: its map after the first paragraph, its PDF at the end.
        var folder = TestSite.NewDataFolder();
        var store = await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(folder, Storage.Sqlite.SqliteContentStore.FileName));
        var media = store;
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestSite.Start);
        // The bundled statement as serve imports it: its files name the map and the PDF.
        var files = Hexapla.Hosting.SampleContent.Files().Where(f => f.Name.Contains("razvitie-situacii-v-irake", StringComparison.Ordinal)).ToList();
        var placed = await Hexapla.Hosting.SampleContent.WithMediaAsync(media, files, clock, CancellationToken.None);
        await Hexapla.Hosting.SampleContent.AddStructureAsync(store, clock, CancellationToken.None);
        await new Interchange.Importer(store, clock).ImportAsync(placed, new Interchange.ImportOptions());

        var items = (await media.ListMediaAsync(new MediaFilter())).Items.OrderBy(i => i.Id).ToList();
        var statement = (await store.FindDocumentAsync("razvitie-situacii-v-irake"))!;

        Assert.Equal(2, items.Count);
        var (map, pdf) = (items[0], items[1]);
        Assert.Equal((MediaKind.Image, "image/png", RuRu), (map.Kind, map.Original.ContentType, map.OriginalLanguage));
        Assert.True(map.Original.Width > 1000 && map.Original.Height > 1000, $"{map.Original.Width} x {map.Original.Height}");
        foreach (var language in (LanguageTag[])[RuRu, EnGb])
        {
            Assert.Contains($"![](media:{map.Id})", statement.Version(language)!.Body, StringComparison.Ordinal);
            Assert.Contains($"](media:{pdf.Id})", statement.Version(language)!.Body, StringComparison.Ordinal);
            foreach (var field in (MediaField[])[MediaField.Alt, MediaField.Caption, MediaField.Title])
            {
                var text = map.TextFor(field, language)!;
                Assert.Equal(language, text.Language);
                Assert.False(map.IsOutdated(text), $"{field} in {language} is outdated");
            }
        }

        Assert.Contains("Тигр", map.TextFor(MediaField.Alt, RuRu)!.Text, StringComparison.Ordinal);
        Assert.Contains("Tigris", map.TextFor(MediaField.Alt, EnGb)!.Text, StringComparison.Ordinal);
        Assert.Equal(["ru-RU", "en-GB"], pdf.Files.Select(f => f.Language.Value));
        Assert.Contains("Ирак по-прежнему остаётся", pdf.FileFor(RuRu).Text, StringComparison.Ordinal);
        Assert.Contains("Iraq remains in the heart", pdf.FileFor(EnGb).Text, StringComparison.Ordinal);
        Assert.Equal("application/pdf", pdf.FileFor(EnGb).ContentType);
        Assert.True(await media.IsMediaPublicAsync(map.Id, clock.GetUtcNow()));
        Assert.True(await media.IsMediaPublicAsync(pdf.Id, clock.GetUtcNow()));
        await using var bytes = (await media.OpenBlobAsync(pdf.FileFor(EnGb).Sha256))!;
        var head = new byte[5];
        await bytes.ReadExactlyAsync(head);
        Assert.Equal("%PDF-"u8.ToArray(), head);
    }
}
