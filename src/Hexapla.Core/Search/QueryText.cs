using System.Text;

namespace Hexapla.Search;

/// <summary>
/// What a person typed in a search box, read the way readers expect: words (all must match), "exact phrases"
/// (straight or typographic quotes), and <c>-excluded</c> words or phrases. Nothing is an error: brackets, colons,
/// stars, stray quotes and operators are just separators, an unclosed quote runs to the end, and only the first
/// <see cref="MaxLength"/> characters and <see cref="MaxParts"/> parts are read.
/// </summary>
internal sealed record QueryText(IReadOnlyList<QueryPart> Parts)
{
    public const int MaxLength = 500;
    public const int MaxParts = 24;

    public bool HasRequired => Parts.Any(p => !p.Excluded);

    public static QueryText Parse(string? text)
    {
        var parts = new List<QueryPart>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new QueryText(parts);
        }

        var input = text.Length > MaxLength ? text[..MaxLength] : text;
        var i = 0;
        while (i < input.Length && parts.Count < MaxParts)
        {
            var c = input[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var excluded = false;
            if (c is '-' or '\u2212' or '\u2013' && i + 1 < input.Length && !char.IsWhiteSpace(input[i + 1]))
            {
                excluded = true;
                i++;
                c = input[i];
            }

            if (IsQuote(c))
            {
                var end = i + 1;
                while (end < input.Length && !IsQuote(input[end]))
                {
                    end++;
                }

                var phrase = Clean(input[(i + 1)..end]);
                if (phrase.Length > 0)
                {
                    parts.Add(new QueryPart(phrase, IsPhrase: true, excluded));
                }

                i = end + 1;
                continue;
            }

            var start = i;
            while (i < input.Length && !char.IsWhiteSpace(input[i]) && !IsQuote(input[i]))
            {
                i++;
            }

            var word = Clean(input[start..i]);
            if (word.Length > 0)
            {
                parts.Add(new QueryPart(word, IsPhrase: false, excluded));
            }
        }

        return new QueryText(parts);
    }

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB';

    /// <summary>Keeps letters, digits, marks and the joiners inside words; everything else becomes a space.</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark
                || c is '-' or '\'' or '\u2019' or '\u2010' or '\u2011' or '.' or '_' ? c : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>A word or phrase of a query, required or excluded.</summary>
internal sealed record QueryPart(string Text, bool IsPhrase, bool Excluded);
