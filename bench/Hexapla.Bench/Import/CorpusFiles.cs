using System.Globalization;
using System.Text;
using Hexapla.Bench.Corpus;
using Hexapla.Content;

namespace Hexapla.Bench.Import;

/// <summary>
/// Writes the bench corpus as files <c>hexapla import</c> reads: per document, <c>SLUG.ru-RU.md</c> (the original,
/// <c>original: true</c>) and <c>SLUG.en-GB.md</c>, Markdown with front matter (title, date, tags), in folders of
/// 1,000 documents (<c>000/</c>, <c>001/</c>…).
/// </summary>
internal static class CorpusFiles
{
    public const int DocumentsPerFolder = 1_000;

    /// <summary>Writes documents 0..count-1 into <paramref name="folder"/> (made when missing).</summary>
    /// <returns>How many files and bytes were written.</returns>
    public static (long Files, long Bytes) Write(CorpusGenerator corpus, int count, string folder, Action<int>? advance, CancellationToken cancellationToken)
    {
        long files = 0, bytes = 0;
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var document = corpus.Generate(i);
            var directory = Path.Combine(folder, (i / DocumentsPerFolder).ToString("D3", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            foreach (var version in document.Versions)
            {
                var content = Encoding.UTF8.GetBytes(ToMarkdown(document, version));
                File.WriteAllBytes(Path.Combine(directory, $"{document.Slug}.{version.Language}.md"), content);
                Interlocked.Increment(ref files);
                Interlocked.Add(ref bytes, content.Length);
            }

            advance?.Invoke(1);
        });
        return (files, bytes);
    }

    /// <summary>One version as Markdown with front matter.</summary>
    public static string ToMarkdown(Document document, LanguageVersion version)
    {
        var text = new StringBuilder(version.Body.Length + 200);
        text.Append("---\n");
        text.Append("title: \"").Append(version.Title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        text.Append("date: ").Append(version.PublishedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("tags: [").AppendJoin(", ", document.Tags).Append("]\n");
        if (version.Language == document.OriginalLanguage)
        {
            text.Append("original: true\n");
        }

        text.Append("---\n\n").Append(version.Body).Append('\n');
        return text.ToString();
    }
}
