using System.Diagnostics;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Hexapla.Media;

/// <summary>How much of a PDF's text is read at upload.</summary>
/// <param name="MaxPages">Pages read at most; the rest of a longer PDF is not indexed.</param>
/// <param name="MaxChars">Characters of text kept at most (about 200 dense pages).</param>
/// <param name="MaxTime">Time spent reading pages at most; a PDF still being read then keeps the pages read so far.</param>
public sealed record PdfTextLimits(int MaxPages = 1000, int MaxChars = 1_000_000, TimeSpan? MaxTime = null)
{
    /// <summary><see cref="MaxTime"/>, 20 seconds when not set.</summary>
    public TimeSpan Time => MaxTime ?? TimeSpan.FromSeconds(20);
}

/// <summary>The text found in a PDF for search, or why there is none.</summary>
/// <param name="Text">The pages' text in reading order, pages separated by a blank line; null when none was found.</param>
/// <param name="Note">
/// Why there is no text (encrypted, scanned pages) or why only part of it was kept (a limit of
/// <see cref="PdfTextLimits"/>); null when the whole text was read.
/// </param>
public sealed record PdfTextResult(string? Text, string? Note);

/// <summary>
/// Reads the text of an uploaded PDF with PdfPig, for the search index. The text of a file is found by search only
/// when a public version uses the file; nothing here decides that.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A PDF PdfPig cannot open, or a page it cannot read, is refused: <see cref="MediaException"/> naming the file
/// and PdfPig's reason (readers' viewers would likely choke on it too).</item>
/// <item>A PDF that needs a password, or is encrypted at all, is taken without text (<see cref="PdfTextResult.Note"/>
/// says so): its author did not mean it to be read freely, and text decrypted here would be searchable by anyone.</item>
/// <item>A PDF whose pages hold no letters (scanned images) is taken without text, the note saying so.</item>
/// <item>Past <see cref="PdfTextLimits.MaxPages"/>, <see cref="PdfTextLimits.MaxChars"/> or
/// <see cref="PdfTextLimits.MaxTime"/> the text read so far is kept, the note saying what was left out. The time is
/// checked between pages; a page is never abandoned halfway.</item>
/// </list>
/// The file is read from disk as a stream, not loaded whole into memory.
/// </remarks>
public static class PdfText
{
    /// <summary>Reads the text of the PDF at <paramref name="path"/>, uploaded as <paramref name="fileName"/>.</summary>
    /// <exception cref="MediaException">PdfPig cannot read the file; the message names it and says why.</exception>
    public static PdfTextResult Extract(string path, string fileName, PdfTextLimits? limits = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= new PdfTextLimits();
        clock ??= TimeProvider.System;
        var started = clock.GetUtcNow();
        try
        {
            using var stream = File.OpenRead(path);
            using var document = PdfDocument.Open(stream, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.IsEncrypted)
            {
                return Encrypted;
            }

            var pages = document.NumberOfPages;
            var text = new StringBuilder();
            string? note = null;
            var options = new ContentOrderTextExtractor.Options { ReplaceWhitespaceWithSpace = true, SeparateParagraphsWithDoubleNewline = false };
            for (var number = 1; number <= pages; number++)
            {
                if (number > limits.MaxPages)
                {
                    note = $"Only the text of the first {limits.MaxPages} of {pages} pages is indexed.";
                    break;
                }

                if (number > 1 && clock.GetUtcNow() - started > limits.Time)
                {
                    note = $"Reading the text took longer than {limits.Time.TotalSeconds:0} s; only the text of the first {number - 1} of {pages} pages is indexed.";
                    break;
                }

                string pageText;
                try
                {
                    pageText = ContentOrderTextExtractor.GetText(document.GetPage(number), options);
                }
                catch (Exception e) when (e is not PdfDocumentEncryptedException && IsPdfPigFailure(e))
                {
                    throw Unreadable(fileName, $"page {number}: {Reason(e)}", e);
                }

                pageText = Clean(pageText);
                if (pageText.Length == 0)
                {
                    continue;
                }

                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }

                if (text.Length + pageText.Length > limits.MaxChars)
                {
                    text.Append(pageText.AsSpan(0, CutAt(pageText, limits.MaxChars - text.Length)));
                    note = $"Only the first {limits.MaxChars:N0} characters of the text (to page {number} of {pages}) are indexed.";
                    break;
                }

                text.Append(pageText);
            }

            if (text.Length == 0)
            {
                return new PdfTextResult(null, note ?? "The PDF holds no text that can be extracted (scanned pages?); it is not found by search.");
            }

            return new PdfTextResult(text.ToString(), note);
        }
        catch (PdfDocumentEncryptedException)
        {
            return Encrypted;
        }
        catch (MediaException)
        {
            throw;
        }
        catch (Exception e) when (IsPdfPigFailure(e))
        {
            throw Unreadable(fileName, Reason(e), e);
        }
    }

    private static PdfTextResult Encrypted { get; } =
        new(null, "The PDF is encrypted (it may need a password to open); its text is not extracted, and it is not found by search.");

    // PdfPig reports damage with its own exceptions (PdfDocumentFormatException) and, deeper down, with whatever the
    // framework throws on bytes it did not expect: every one of them means "cannot read", never a server error.
    private static bool IsPdfPigFailure(Exception e) => e is not (OutOfMemoryException or OperationCanceledException or MediaException);

    private static MediaException Unreadable(string fileName, string reason, Exception inner) =>
        new($"{MediaInspector.Printable(fileName)}: not a readable PDF: {reason}. Nothing was stored.", inner) { Field = "file" };

    // One line, without PdfPig's trailing period, and never pages of it.
    private static string Reason(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        if (message.Length == 0)
        {
            message = e.GetType().Name;
        }

        return message.Length <= 200 ? message : message[..200] + "…";
    }

    // Letters PdfPig could not map come out as U+0000 or U+FFFD; neither is text anyone searches for.
    private static string Clean(string text)
    {
        if (text.AsSpan().IndexOfAny('\0', '\uFFFD') >= 0)
        {
            text = text.Replace('\0', ' ').Replace('\uFFFD', ' ');
        }

        return text.Trim();
    }

    // Never split a surrogate pair.
    private static int CutAt(string text, int length) =>
        length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : Math.Max(0, length);
}
