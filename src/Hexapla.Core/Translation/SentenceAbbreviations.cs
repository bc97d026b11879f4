namespace Hexapla.Translation;

/// <summary>
/// The abbreviations after which a full stop ends no sentence, per language, and the check <see cref="SentenceSplitter"/>
/// makes at each full stop.
/// </summary>
/// <remarks>
/// Entries are lower case without their final full stop; an abbreviation of several parts is written with full stops and
/// no spaces (<c>т.е</c>, <c>p.ej</c>) and matches with or without spaces in the text (<c>т. е.</c>, <c>т.е.</c>). Words
/// that are often the last word of a sentence (<c>etc.</c>, <c>usw.</c>, <c>и др.</c>) are left out on purpose: a missed
/// abbreviation joins two sentences, a listed one that ends a sentence joins them too, and the second is the more common
/// mistake for those.
/// </remarks>
internal sealed class SentenceAbbreviations
{
    // English and Russian: the list the splitter always had, kept as it was so that English and Russian text splits as before.
    private static readonly string[] Original =
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr", "vs", "e.g", "i.e", "cf", "no", "fig", "gen", "col", "lt", "sgt", "rev", "hon", "u.s", "u.k",
        "г", "гг", "т.е", "т.к", "т.н", "т.ч", "т.д", "т.п", "им", "ул", "проф", "акад", "стр", "см", "напр", "тыс", "млн", "млрд", "руб", "ст", "пр", "г-н", "г-жа",
    ];

    // Titles a text in any Latin-script language may carry over from English.
    private static readonly string[] International = ["mr", "mrs", "ms", "dr", "prof", "e.g", "i.e", "cf", "vs", "u.s", "u.k"];

    private static readonly Dictionary<string, string[]> Lists = new(StringComparer.Ordinal)
    {
        ["en"] = [.. Original],
        ["ru"] = [.. Original, "т.о", "н.э", "с.г", "п", "пп", "ч", "рис", "табл", "обл", "р-н", "долл", "коп", "англ", "тел", "ген", "гос"],
        ["uk"] = [.. International, "р", "рр", "м", "вул", "ім", "проф", "акад", "млн", "млрд", "тис", "грн", "т.зв", "т.б", "т.д", "т.п", "див", "напр", "п", "пп", "ст", "обл", "пан", "н.е"],
        ["fr"] = [.. International, "mm", "mme", "mlle", "mgr", "pr", "me", "st", "ste", "av", "apr", "p", "pp", "env", "art", "vol", "chap", "éd", "n", "p.ex", "c.-à-d", "bd", "janv", "févr", "avr", "juil", "oct", "nov", "déc"],
        ["es"] = [.. International, "sr", "sra", "srta", "sres", "sras", "dra", "dña", "ud", "uds", "vd", "vds", "lic", "ing", "arq", "excmo", "excma", "ilmo", "ilma", "sto", "sta", "av", "avda", "pág", "págs", "núm", "art", "cap", "vol", "aprox", "p.ej", "ee", "a.c", "d.c", "gral", "cía", "dpto", "admón", "s.a"],
        ["pt"] = [.. International, "sr", "sra", "srta", "dra", "profa", "av", "pág", "art", "cap", "vol", "ex", "exa", "exmo", "exma", "ilmo", "sto", "sta", "eng", "p.ex", "a.c", "d.c", "s.a"],
        ["it"] = [.. International, "sig", "sigg", "sig.ra", "sig.na", "dott", "dott.ssa", "prof.ssa", "avv", "ing", "on", "sen", "arch", "rag", "pag", "art", "cap", "vol", "n", "ad.es", "p.es", "s.p.a", "a.c", "d.c"],
        ["de"] = [.. International, "hr", "hrn", "fr", "nr", "bzw", "z", "z.b", "d.h", "u.a", "v.a", "vgl", "ca", "evtl", "ggf", "inkl", "str", "abs", "art", "bd", "s", "jan", "feb", "aug", "sept", "okt", "nov", "dez", "gem", "u.ä", "v.chr", "n.chr", "chr"],
        ["nl"] = [.. International, "dhr", "mevr", "mr", "drs", "ir", "ing", "bijv", "d.w.z", "o.a", "nr", "blz", "ca", "jl"],
        ["pl"] = [.. International, "np", "tzw", "m.in", "ul", "al", "mgr", "inż", "nr", "tj", "ok", "r", "godz", "tys", "mln", "mld", "zł", "gen", "płk", "św", "pl", "ks", "pkt", "ust", "art"],
        ["ar"] = ["ق.م", "ص.ب", "د", "أ.د"],
        ["hi"] = ["डॉ", "प्रो", "ई.पू", "सं"],
    };

    // Languages that write ordinal numbers with a full stop: "am 3. Oktober", "3. maja".
    private static readonly HashSet<string> OrdinalDots = new(StringComparer.Ordinal)
    {
        "de", "da", "nb", "nn", "no", "fi", "is", "et", "lv", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "hu", "tr",
    };

    private static readonly Dictionary<string, SentenceAbbreviations> ByLanguage =
        Lists.ToDictionary(p => p.Key, p => new SentenceAbbreviations(p.Value, OrdinalDots.Contains(p.Key)), StringComparer.Ordinal);

    // Text of unknown language: every list, but never ordinal numbers, which would join "It cost 3. Then…".
    private static readonly SentenceAbbreviations Every = new([.. Lists.Values.SelectMany(l => l)], ordinals: false);

    // A language that writes ordinals with a full stop but has no list of its own.
    private static readonly SentenceAbbreviations OrdinalEvery = new([.. Lists.Values.SelectMany(l => l)], ordinals: true);

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _longest;
    private readonly bool _ordinals;

    private SentenceAbbreviations(IEnumerable<string> words, bool ordinals)
    {
        var set = new HashSet<string>(words, StringComparer.Ordinal);
        _lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        _longest = set.Max(a => a.Length);
        _ordinals = ordinals;
    }

    /// <summary>The abbreviations of the language with primary subtag <paramref name="language"/>; every list for null or a language without one of its own.</summary>
    /// <remarks>A language without a list of its own gets every list: more full stops end nothing, none ends wrongly after a known abbreviation.</remarks>
    public static SentenceAbbreviations For(string? language) =>
        language is not null && ByLanguage.TryGetValue(language, out var own) ? own
        : language is not null && OrdinalDots.Contains(language) ? OrdinalEvery
        : Every;

    /// <summary>Whether the word before the full stop at <paramref name="dot"/> is an initial, a number written as an ordinal, or an abbreviation.</summary>
    /// <remarks>Called at nearly every sentence end: a word longer than any abbreviation is ruled out without copying it.</remarks>
    public bool EndsAbbreviation(string text, int sentenceStart, int dot)
    {
        // Walks back over the word, but never further than the longest abbreviation and one more letter.
        var wordStart = WordStart(text, Math.Max(sentenceStart, dot - _longest - 1), dot);
        var length = dot - wordStart;
        if (length == 0 || length > _longest)
        {
            return false;
        }

        var word = text.AsSpan(wordStart, length);
        if (length == 1 && (char.IsUpper(word[0]) || IsArabicLetter(word[0])))
        {
            return true; // an initial, or a lone Arabic letter (د. for doctor)
        }

        if (_ordinals && length <= 3 && !word.ContainsAnyExceptInRange('0', '9'))
        {
            return true;
        }

        if (Contains(word, []))
        {
            return true;
        }

        // An abbreviation of two parts with a space between them: "т. е.", "p. ej.", and at the first part's stop "z. B.".
        return length <= 4 && (Contains(PreviousPart(text, sentenceStart, wordStart), word) || Contains(word, NextPart(text, dot)));
    }

    /// <summary>Whether <paramref name="first"/> (and, when not empty, a full stop and <paramref name="second"/>) is listed, case ignored.</summary>
    private bool Contains(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        if (first.IsEmpty)
        {
            return false;
        }

        var length = first.Length + (second.IsEmpty ? 0 : second.Length + 1);
        if (length > _longest)
        {
            return false;
        }

        // Invariant lower-casing maps each char to one char, so the lower-cased word has the same length.
        Span<char> lower = stackalloc char[length];
        first.ToLowerInvariant(lower);
        if (!second.IsEmpty)
        {
            lower[first.Length] = '.';
            second.ToLowerInvariant(lower[(first.Length + 1)..]);
        }

        return _lookup.Contains(lower);
    }

    /// <summary>The part before <paramref name="wordStart"/> when one space and a short word ending in a full stop come before it ("т" in "т. е."); else empty.</summary>
    private ReadOnlySpan<char> PreviousPart(string text, int sentenceStart, int wordStart)
    {
        var dot = wordStart - 2;
        if (dot < sentenceStart || text[wordStart - 1] is not (' ' or '\u00A0') || text[dot] != '.')
        {
            return [];
        }

        var start = WordStart(text, Math.Max(sentenceStart, dot - _longest - 1), dot);
        return text.AsSpan(start, dot - start);
    }

    /// <summary>The part after the full stop at <paramref name="dot"/> when one space and a short word ending in a full stop follow it ("B" in "z. B."); else empty.</summary>
    private ReadOnlySpan<char> NextPart(string text, int dot)
    {
        var start = dot + 2;
        if (start >= text.Length || text[dot + 1] is not (' ' or '\u00A0'))
        {
            return [];
        }

        var end = start;
        while (end < text.Length && end - start <= _longest && !char.IsWhiteSpace(text[end]) && text[end] != '.')
        {
            end++;
        }

        return end < text.Length && end > start && text[end] == '.' ? text.AsSpan(start, end - start) : [];
    }

    private static int WordStart(string text, int floor, int dot)
    {
        var wordStart = dot;
        while (wordStart > floor && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"' or '«' or '“'))
        {
            wordStart--;
        }

        return wordStart;
    }

    private static bool IsArabicLetter(char c) => c is (>= '\u0620' and <= '\u064A') or (>= '\u066E' and <= '\u06D3');
}
