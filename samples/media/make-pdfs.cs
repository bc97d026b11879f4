// Makes the sample statement's text as a PDF in Russian and in English (iraq-statement.ru-RU.pdf,
// iraq-statement.en-GB.pdf) from the bundled Markdown, with PdfPig's builder and the DejaVu Sans font (fonts-dejavu-core),
// so the PDFs carry real text that search can read. Run from the repository root:
//   dotnet run samples/media/make-pdfs.cs
#:package PdfPig
#:property TreatWarningsAsErrors=false
#:property EnableNETAnalyzers=false
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const double Size = 11, Leading = 15, Margin = 56;
foreach (var (markdown, pdf) in new[] { ("razvitie-situacii-v-irake.ru-RU.md", "iraq-statement.ru-RU.pdf"), ("razvitie-situacii-v-irake.en-GB.md", "iraq-statement.en-GB.pdf") })
{
    var lines = File.ReadAllLines(Path.Combine("samples", markdown));
    var end = Array.IndexOf(lines, "---", 1);
    var title = lines.First(l => l.StartsWith("title:", StringComparison.Ordinal))["title:".Length..].Trim().Trim('"');
    var paragraphs = lines[(end + 1)..].Where(l => l.Length > 0 && !l.Contains("media:", StringComparison.Ordinal)).ToList();
    var builder = new PdfDocumentBuilder();
    builder.DocumentInformation.Title = title;
    var font = builder.AddTrueTypeFont(File.ReadAllBytes(Font));
    PdfPageBuilder page = builder.AddPage(PageSize.A4);
    var width = page.PageSize.Width - (2 * Margin);
    var y = page.PageSize.Height - Margin;
    void Line(string text, double size)
    {
        if (y < Margin)
        {
            page = builder.AddPage(PageSize.A4);
            y = page.PageSize.Height - Margin;
        }

        page.AddText(text, size, new PdfPoint(Margin, y), font);
        y -= size == Size ? Leading : size * 1.6;
    }

    double Measure(string text) => page.MeasureText(text, Size, new PdfPoint(0, 0), font).Max(l => l.EndBaseLine.X);
    Line(title, 16);
    y -= 6;
    foreach (var paragraph in paragraphs)
    {
        var current = "";
        foreach (var word in paragraph.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && Measure(candidate) > width)
            {
                Line(current, Size);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        Line(current, Size);
        y -= Leading / 2;
    }

    File.WriteAllBytes(Path.Combine("samples", "media", pdf), builder.Build());
    Console.WriteLine($"wrote samples/media/{pdf}");
}
