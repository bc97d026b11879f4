using Hexapla.Languages;

namespace Hexapla.Interchange.ScrapedText;

/// <summary>
/// Reads page text as a text extractor leaves it: an optional first line <c>• en-GB1 ru-RU1</c> (what is left of a
/// language switcher: the languages the page exists in, each tag followed by a digit), then the body, paragraphs
/// separated by blank lines. The file has no title: the first sentence becomes one unless the options give it.
/// </summary>
/// <remarks>
/// The body's language comes from, in order: the name of a bundle file, <c>--lang</c>,
/// detection among the listed languages. Line breaks inside a paragraph are kept; runs of blank lines are one.
/// </remarks>
public static class ScrapedTextReader
{
    private const char Bullet = '•';

    /// <summary>True when <paramref name="text"/> starts with the switcher line.</summary>
    public static bool LooksLikeScrapedText(string text) => text.TrimStart().StartsWith(Bullet);

    /// <summary>Reads one file.</summary>
    /// <exception cref="ImportException">A bad tag on the switcher line, an empty body, an undecidable language.</exception>
    public static ParsedVersion Read(ImportFile file, ImportOptions options, LanguageTag? named = null)
    {
        var text = ImportText.Decode(file);
        var lines = text.Split('\n');
        var listed = new List<LanguageTag>();
        var bodyStart = 0;
        var firstContent = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (firstContent >= 0 && lines[firstContent].TrimStart().StartsWith(Bullet))
        {
            listed.AddRange(ReadSwitcher(file.Name, firstContent + 1, lines[firstContent]));
            bodyStart = firstContent + 1;
        }

        var paragraphs = new List<string>();
        var current = new List<string>();
        var bodyLine = -1;
        for (var i = bodyStart; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            if (bodyLine < 0)
            {
                bodyLine = i + 1;
            }

            current.Add(line);
        }

        Flush();
        if (paragraphs.Count == 0)
        {
            throw new ImportException(file.Name, bodyStart + 1, "the body is empty: there is no text after the language line");
        }

        var body = string.Join("\n\n", paragraphs);
        var language = named ?? options.Language ?? Detect(file.Name, bodyLine, body, listed);
        return new ParsedVersion
        {
            Source = file.Name,
            Language = language,
            Title = options.Title ?? ImportText.FirstSentence(paragraphs[0]),
            Body = body,
            OtherLanguages = [.. listed.Where(l => l != language)],
        };

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(string.Join('\n', current));
                current.Clear();
            }
        }
    }

    private static List<LanguageTag> ReadSwitcher(string file, int lineNumber, string line)
    {
        var tags = new List<LanguageTag>();
        foreach (var token in line.TrimStart()[1..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            // Each tag carries the digit the switcher printed after it ("en-GB1"); a bare tag is accepted too.
            // Try without the digit first, so "es-4191" is es-419 and "es-419" (no digit) still parses.
            LanguageTag? tag = null;
            var stripped = token.Length > 1 && char.IsAsciiDigit(token[^1]) && LanguageTag.TryParse(token[..^1], out tag);
            if (!stripped && !LanguageTag.TryParse(token, out tag, out var error))
            {
                throw new ImportException(file, lineNumber, $"the language line lists \"{token}\": {error}");
            }

            if (tag is not null && !tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    private static LanguageTag Detect(string file, int line, string body, IReadOnlyList<LanguageTag> listed)
    {
        var detection = LanguageDetector.Detect(body, listed);
        return detection.Language ?? throw new ImportException(file, line,
            $"cannot tell the language of the text: {detection.Reason.TrimEnd('.')}. Name it with --lang (for example --lang en-GB)");
    }
}
