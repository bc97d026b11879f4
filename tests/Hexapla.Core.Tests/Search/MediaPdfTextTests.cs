using Hexapla.Media;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Search;

/// <summary>A PDF's text read at upload for search (<see cref="PdfText"/>, through <see cref="MediaInspector"/>).</summary>
public sealed class MediaPdfTextTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<InspectedFile> InspectAsync(byte[] bytes, string name, MediaInspectionOptions? options = null)
    {
        using var spooled = await SpooledFile.SpoolAsync(new MemoryStream(bytes), name, "application/pdf", 50 << 20, _folder.Path);
        return MediaInspector.Inspect(spooled, options);
    }

    [SkippableFact]
    public async Task Inspect_RussianPdf_KeepsItsWordsForSearch()
    {
        MediaTestPdfs.RequireDejaVu();
        var pdf = MediaTestPdfs.WithDejaVu("Заявление Министерства иностранных дел\nо положении в Ираке", "Вторая страница: гуманитарная помощь");

        var inspected = await InspectAsync(pdf, "заявление.pdf");

        Assert.Equal(MediaKind.File, inspected.Kind);
        Assert.Equal("application/pdf", inspected.ContentType);
        Assert.Null(inspected.TextNote);
        Assert.Contains("Министерства иностранных дел", inspected.Text, StringComparison.Ordinal);
        Assert.Contains("гуманитарная помощь", inspected.Text, StringComparison.Ordinal);
        // Pages stay apart, in order.
        Assert.True(inspected.Text!.IndexOf("Ираке", StringComparison.Ordinal) < inspected.Text.IndexOf("Вторая", StringComparison.Ordinal));
        Assert.Contains("\n\n", inspected.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_PdfWithoutText_IsTakenWithANoteAndNoText()
    {
        var inspected = await InspectAsync(MediaTestPdfs.WithoutText(), "scan.pdf");

        Assert.Equal("application/pdf", inspected.ContentType);
        Assert.Null(inspected.Text);
        Assert.Contains("no text", inspected.TextNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_EncryptedPdf_IsTakenWithANoteAndNoText()
    {
        var inspected = await InspectAsync(MediaTestPdfs.Encrypted(MediaTestPdfs.WithHelvetica("Confidential draft of the communique")), "locked.pdf");

        Assert.Null(inspected.Text);
        Assert.Contains("encrypted", inspected.TextNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_GarbageAfterThePdfHeader_IsRefusedNamingTheFileAndTheReason()
    {
        var bytes = "%PDF-1.7\n"u8.ToArray().Concat(Enumerable.Range(0, 3000).Select(i => (byte)(i * 7 % 251))).ToArray();

        var refused = await Assert.ThrowsAsync<MediaException>(() => InspectAsync(bytes, "broken.pdf"));

        Assert.Equal(MediaErrorKind.Invalid, refused.Kind);
        Assert.Equal("file", refused.Field);
        Assert.StartsWith("broken.pdf: not a readable PDF: ", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was stored.", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public async Task Inspect_TruncatedPdf_IsRefusedOrReadWithoutInventingText()
    {
        var whole = MediaTestPdfs.WithHelvetica("Joint statement on the ceasefire", "Annex: the map of the zones");
        var truncated = whole[..(whole.Length / 3)];

        // A third of a PDF has no cross-reference table: PdfPig refuses it, or (lenient) finds the objects by scanning.
        try
        {
            var inspected = await InspectAsync(truncated, "cut.pdf");
            Assert.DoesNotContain("Annex", inspected.Text ?? string.Empty, StringComparison.Ordinal);
        }
        catch (MediaException refused)
        {
            Assert.StartsWith("cut.pdf: not a readable PDF: ", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Inspect_MorePagesThanTheLimit_KeepsTheFirstPagesAndSaysSo()
    {
        var pdf = MediaTestPdfs.WithHelvetica("alpha page", "bravo page", "charlie page");

        var inspected = await InspectAsync(pdf, "long.pdf", new MediaInspectionOptions(PdfText: new PdfTextLimits(MaxPages: 2)));

        Assert.Contains("alpha", inspected.Text, StringComparison.Ordinal);
        Assert.Contains("bravo", inspected.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("charlie", inspected.Text, StringComparison.Ordinal);
        Assert.Equal("Only the text of the first 2 of 3 pages is indexed.", inspected.TextNote);
    }

    [Fact]
    public async Task Inspect_MoreTextThanTheLimit_KeepsTheLimitAndSaysSo()
    {
        var pdf = MediaTestPdfs.WithHelvetica("0123456789 abcdefghij", "second page text");

        var inspected = await InspectAsync(pdf, "wordy.pdf", new MediaInspectionOptions(PdfText: new PdfTextLimits(MaxChars: 15)));

        Assert.Equal(15, inspected.Text!.Length);
        Assert.StartsWith("0123456789", inspected.Text, StringComparison.Ordinal);
        Assert.Contains("first 15 characters", inspected.TextNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SlowerThanTheTimeLimit_StopsBetweenPagesKeepingWhatWasRead()
    {
        var path = _folder.Write("slow.pdf", MediaTestPdfs.WithHelvetica("one", "two", "three", "four"));
        // Every look at the clock moves it 15 s on: the limit of 20 s passes after the second page.
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(15) };

        var result = PdfText.Extract(path, "slow.pdf", new PdfTextLimits(MaxTime: TimeSpan.FromSeconds(20)), clock);

        Assert.Equal("one\n\ntwo", result.Text);
        Assert.Equal("Reading the text took longer than 20 s; only the text of the first 2 of 4 pages is indexed.", result.Note);
    }

    [Fact]
    public void Extract_DamagedPdfs_AreReadOrRefusedWithAMessage_NeverAnotherError()
    {
        var whole = MediaTestPdfs.WithHelvetica("Communique on the grain corridor", "Second page of the communique");
        var outcomes = new List<string>();
        for (var seed = 0; seed < 60; seed++)
        {
            // Some bytes overwritten at random, as a damaged download or a hostile upload would have them.
            var random = new Random(seed);
            var bytes = (byte[])whole.Clone();
            for (var i = 0; i < 1 + (seed % 8); i++)
            {
                bytes[random.Next(16, bytes.Length)] = (byte)random.Next(256);
            }

            var path = _folder.Write($"damaged-{seed}.pdf", bytes);
            try
            {
                var result = PdfText.Extract(path, $"damaged-{seed}.pdf");
                outcomes.Add(result.Text is null ? "no text" : "read");
            }
            catch (MediaException refused)
            {
                Assert.StartsWith($"damaged-{seed}.pdf: not a readable PDF: ", refused.Message, StringComparison.Ordinal);
                outcomes.Add("refused");
            }
        }

        // Most damage lands in page content or fonts, which lenient parsing reads past.
        Assert.Contains("read", outcomes);
    }
}
