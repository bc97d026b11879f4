using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Hexapla.Tests.Search;

/// <summary>PDFs made for the media search tests with PdfPig's builder, as a word processor's export would be: text in a font per page.</summary>
internal static class MediaTestPdfs
{
    /// <summary>DejaVu Sans from Debian's fonts-dejavu-core: a TrueType font with Cyrillic, which PDFs in Russian need.</summary>
    public const string DejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>Skips the test when DejaVu Sans is not installed.</summary>
    public static void RequireDejaVu() =>
        Skip.IfNot(File.Exists(DejaVuSans), $"{DejaVuSans} is missing (install fonts-dejavu-core): PDFs with Cyrillic text need a TrueType font.");

    /// <summary>A PDF with one page per entry, each line of it written in DejaVu Sans (any script it covers).</summary>
    public static byte[] WithDejaVu(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(DejaVuSans));
        return Build(builder, font, pages);
    }

    /// <summary>A PDF with one page per entry in Helvetica (Latin text only; no font file needed).</summary>
    public static byte[] WithHelvetica(params string[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        return Build(builder, font, pages);
    }

    /// <summary>A PDF whose only page holds a drawn rectangle and no text, as a scan would (without the image).</summary>
    public static byte[] WithoutText()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 300, 200, 2, fill: true);
        return builder.Build();
    }

    /// <summary>
    /// <paramref name="pdf"/> declared encrypted (a standard security handler whose keys match no password), as a PDF
    /// saved with a password to open it: readers' viewers ask for the password.
    /// </summary>
    public static byte[] Encrypted(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = text.IndexOf("<<", trailer, StringComparison.Ordinal);
        var key = new string('A', 64);
        var encrypt = $" /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O <{key}> /U <{key}> /P -3904 >> /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]";
        return Encoding.Latin1.GetBytes(text.Insert(open + 2, encrypt));
    }

    private static byte[] Build(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont font, string[] pages)
    {
        foreach (var text in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            foreach (var line in text.Split('\n'))
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 16;
            }
        }

        return builder.Build();
    }
}
