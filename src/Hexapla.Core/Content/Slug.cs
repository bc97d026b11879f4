using System.Globalization;
using System.Text;

namespace Hexapla.Content;

/// <summary>
/// URL slugs made of lowercase ASCII letters, digits and single hyphens:
/// <c>^[a-z0-9]+(-[a-z0-9]+)*$</c>.
/// </summary>
public static class Slug
{
    /// <summary>The longest slug <see cref="IsValid(string?)"/> accepts.</summary>
    public const int MaxValidLength = 100;

    private static readonly Dictionary<char, string> Transliterations = BuildTransliterations();

    /// <summary>
    /// Makes a slug from a title, transliterating it to ASCII:
    /// «Развитие ситуации в Ираке» → <c>razvitie-situacii-v-irake</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Cyrillic follows a simple scheme (х → h, ц → c, щ → shh, й → j, ы → y, ю → yu, я → ya, ъ and ь
    /// dropped), with Ukrainian і, ї, є, ґ, Belarusian ў and the Serbian and Macedonian letters
    /// (ђ dj, ј j, љ lj, њ nj, ћ c, џ dz, ѓ gj, ќ kj, ѕ dz). Greek is transliterated letter by letter
    /// (ου → ou, θ th, χ ch, ψ ps). Latin letters lose their accents (é → e), and ß, æ, œ, ø, ł, đ,
    /// þ, ð become ss, ae, oe, o, l, d, th, d.
    /// </para>
    /// <para>
    /// Apostrophes inside a word are dropped (<c>don't</c> → <c>dont</c>, Ukrainian <c>м'ясо</c> →
    /// <c>myaso</c>); any other run of characters that cannot be transliterated (spaces,
    /// punctuation, quotes, dashes, and letters of scripts with no scheme here) becomes one hyphen,
    /// and there is no hyphen at either end.
    /// </para>
    /// <para>
    /// A slug longer than <paramref name="maxLength"/> is cut at the last hyphen that keeps it
    /// within the limit; a single word longer than the limit is cut mid-word. A limit above
    /// <see cref="MaxValidLength"/> is taken as that. Emoji and other characters outside the BMP are
    /// word breaks, like punctuation.
    /// </para>
    /// <para>
    /// The result is empty when nothing transliterable remains, e.g. for Arabic, Hebrew, Chinese
    /// or Japanese titles, or a title of punctuation only. Callers must then choose a fallback
    /// (an id, a date, or the slug of a translation).
    /// </para>
    /// </remarks>
    /// <param name="title">The title.</param>
    /// <param name="maxLength">The longest slug wanted; at least 1.</param>
    /// <returns>A valid slug, or an empty string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    public static string FromTitle(string title, int maxLength = 80)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);

        var letters = BaseLetters(title);
        var slug = new StringBuilder(letters.Count);
        var pendingHyphen = false;
        for (var i = 0; i < letters.Count; i++)
        {
            var c = letters[i];
            string? ascii = null;
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                ascii = c.ToString();
            }
            else if (c == 'ο' && i + 1 < letters.Count && letters[i + 1] == 'υ')
            {
                ascii = "ou";
                i++;
            }
            else if (Transliterations.TryGetValue(c, out var mapped))
            {
                ascii = mapped;
            }
            else if (IsApostrophe(c) && i > 0 && i + 1 < letters.Count
                && char.IsLetter(letters[i - 1]) && char.IsLetter(letters[i + 1]))
            {
                continue;
            }

            if (ascii is null)
            {
                pendingHyphen = slug.Length > 0;
                continue;
            }

            if (ascii.Length == 0)
            {
                // ъ and ь: silent letters, not word breaks.
                continue;
            }

            if (pendingHyphen)
            {
                slug.Append('-');
                pendingHyphen = false;
            }

            slug.Append(ascii);
        }

        // A wish for more than a valid slug may hold still gives a valid slug.
        return Shorten(slug.ToString(), Math.Min(maxLength, MaxValidLength));
    }

    /// <summary>
    /// True when a document with <paramref name="slug"/> could never be read: the site's page of that name
    /// (<c>/{lang}/search</c>) answers at its address in every language. Checked where documents are created.
    /// </summary>
    public static bool IsReserved(string? slug) => slug is "search";

    /// <summary>
    /// True when <paramref name="slug"/> is 1 to <see cref="MaxValidLength"/> characters of
    /// lowercase ASCII letters and digits in groups joined by single hyphens. Null, empty,
    /// uppercase, leading, trailing or doubled hyphens are not valid.
    /// </summary>
    /// <param name="slug">The candidate slug.</param>
    /// <returns>Whether it is a valid slug.</returns>
    public static bool IsValid(string? slug)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > MaxValidLength || slug[0] == '-' || slug[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < slug.Length; i++)
        {
            var c = slug[i];
            if (c == '-')
            {
                if (slug[i - 1] == '-')
                {
                    return false;
                }
            }
            else if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // Lowercases the title and takes accents off every letter the table does not know as a whole
    // (й, ё and ї must stay whole: their decomposed forms would lose the distinction).
    private static List<char> BaseLetters(string title)
    {
        var result = new List<char>(title.Length);

        // Characters outside the BMP (emoji, mathematical letters) have no transliteration, and a lone surrogate makes
        // Normalize throw: every surrogate becomes a word break.
        var letters = string.Create(title.Length, title, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsSurrogate(text[i]) ? ' ' : text[i];
            }
        });
        foreach (var original in letters.Normalize(NormalizationForm.FormC))
        {
            var c = char.ToLowerInvariant(original);
            if (char.IsAscii(c) || Transliterations.ContainsKey(c))
            {
                result.Add(c);
                continue;
            }

            foreach (var part in c.ToString().Normalize(NormalizationForm.FormKD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) is not (UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
                {
                    result.Add(char.ToLowerInvariant(part));
                }
            }
        }

        return result;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or '‘';

    private static string Shorten(string slug, int maxLength)
    {
        if (slug.Length <= maxLength)
        {
            return slug;
        }

        if (slug[maxLength] == '-')
        {
            return slug[..maxLength];
        }

        var lastBreak = slug.LastIndexOf('-', maxLength - 1);
        return lastBreak > 0 ? slug[..lastBreak] : slug[..maxLength];
    }

    private static Dictionary<char, string> BuildTransliterations()
    {
        var table = new Dictionary<char, string>();
        void Add(string letters, params string[] values)
        {
            for (var i = 0; i < letters.Length; i++)
            {
                table[letters[i]] = values[i];
            }
        }

        // Russian.
        Add(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
            "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p",
            "r", "s", "t", "u", "f", "h", "c", "ch", "sh", "shh", "", "y", "", "e", "yu", "ya");

        // Ukrainian, Belarusian, Serbian and Macedonian letters.
        Add("іїєґў", "i", "yi", "ye", "g", "u");
        Add("ђјљњћџѓќѕ", "dj", "j", "lj", "nj", "c", "dz", "gj", "kj", "dz");

        // Greek (accents are taken off first, so only the bare letters are needed).
        Add(
            "αβγδεζηθικλμνξοπρσςτυφχψω",
            "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p",
            "r", "s", "s", "t", "y", "f", "ch", "ps", "o");

        // Latin letters that do not decompose into a base letter and a mark.
        Add("ßæœøłđþðı", "ss", "ae", "oe", "o", "l", "d", "th", "d", "i");
        return table;
    }
}
