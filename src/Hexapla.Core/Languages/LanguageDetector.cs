using System.Globalization;
using System.Text;

namespace Hexapla.Languages;

/// <summary>The outcome of <see cref="LanguageDetector.Detect"/>.</summary>
/// <param name="Language">The detected language, or null when the detector is not sure.</param>
/// <param name="Reason">A sentence for an editor saying why this language, or why none.</param>
public sealed record LanguageDetection(LanguageTag? Language, string Reason);

/// <summary>
/// Guesses the language of a text, for importers that receive texts without a language label.
/// It is deliberately simple and cautious: it would rather say "not sure" than guess wrong.
/// </summary>
/// <remarks>
/// <para>
/// First the letters are counted by script (Latin, Cyrillic, Greek, Arabic, Hebrew, Han, Japanese
/// kana with any kanji, Hangul, Devanagari, Thai, Armenian, Georgian; everything else counts as
/// "other"). A script must hold at least 60% of the letters, or the text is called mixed and no
/// language is given.
/// </para>
/// <para>
/// Within Latin (English, French, German, Spanish, Italian, Portuguese, Dutch) and Cyrillic
/// (Russian, Ukrainian, Bulgarian) common function words are counted, helped for Cyrillic by the
/// letters only one of the three uses. Arabic script is split between Arabic, Persian and Urdu by
/// their own letters. Greek, Hebrew, Han, kana, Hangul, Thai, Armenian and Georgian each stand for
/// one language; Devanagari is shared and never decided alone.
/// </para>
/// <para>
/// With candidates, the result is always one of them (the same instance) or null: null when none
/// is written in the text's script, when the text clearly is a language none of them is, or when
/// two fit equally (two candidates with the same primary language, such as <c>en-GB</c> and
/// <c>en-US</c>, always do). A lone candidate in the text's script is chosen when the function
/// words do not decide. Without candidates, a bare language tag (<c>en</c>, <c>ru</c>) is given only
/// when the evidence is clear. Short texts rarely are.
/// </para>
/// </remarks>
public static class LanguageDetector
{
    /// <summary>The share of letters one script must have for the text to count as written in it.</summary>
    public const double DominanceThreshold = 0.6;

    private static readonly Dictionary<string, string> EnglishNames = new(StringComparer.Ordinal)
    {
        ["en"] = "English",
        ["fr"] = "French",
        ["de"] = "German",
        ["es"] = "Spanish",
        ["it"] = "Italian",
        ["pt"] = "Portuguese",
        ["nl"] = "Dutch",
        ["ru"] = "Russian",
        ["uk"] = "Ukrainian",
        ["bg"] = "Bulgarian",
        ["el"] = "Greek",
        ["he"] = "Hebrew",
        ["ar"] = "Arabic",
        ["fa"] = "Persian",
        ["ur"] = "Urdu",
        ["zh"] = "Chinese",
        ["ja"] = "Japanese",
        ["ko"] = "Korean",
        ["th"] = "Thai",
        ["hy"] = "Armenian",
        ["ka"] = "Georgian",
    };

    private static readonly Dictionary<string, HashSet<string>> LatinWords = new(StringComparer.Ordinal)
    {
        ["en"] = Words("the of and to in is that for it with as was on are by this be from at or have has an which not were its their they"),
        ["fr"] = Words("le la les de des du et est un une que qui dans pour pas sur au aux ce il elle ne se par avec sont cette plus ont"),
        ["de"] = Words("der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es werden aus er hat dass sie nach wird bei"),
        ["es"] = Words("el la los las de que y en un una es por con para del se no al lo como más pero sus su le ha este esta son"),
        ["it"] = Words("il la di che e è un una per non con del della dei le gli da in sono si al nel alla ha come anche questo più"),
        ["pt"] = Words("o a os as de que e do da dos das em um uma para com não no na por se mais ao é foi são como mas"),
        ["nl"] = Words("de het een en van in is dat op te zijn niet met voor die er ook aan door maar om als bij naar wordt werd nog deze"),
    };

    private static readonly Dictionary<string, HashSet<string>> CyrillicWords = new(StringComparer.Ordinal)
    {
        ["ru"] = Words("и в не на что с по как это он она они к из за для от его но так же бы был была были уже только или также который которые ещё еще"),
        ["uk"] = Words("і в у не на що з по як це він вона вони до із за для від його але та й був була були вже тільки або також який які"),
        ["bg"] = Words("и в не на че с по как това той тя те към от за да се е са но си ще бе беше който които или също при след"),
    };

    private enum Script
    {
        Latin,
        Cyrillic,
        Greek,
        Arabic,
        Hebrew,
        Han,
        Japanese,
        Hangul,
        Devanagari,
        Thai,
        Armenian,
        Georgian,
        Other,
    }

    /// <summary>Detects the language of <paramref name="text"/>, choosing among <paramref name="candidates"/> if any.</summary>
    /// <param name="text">The text; null or empty gives a null language.</param>
    /// <param name="candidates">The languages the text may be in; empty (or null) for any language.</param>
    /// <returns>The language, or null with the reason.</returns>
    public static LanguageDetection Detect(string text, IReadOnlyList<LanguageTag> candidates)
    {
        text ??= string.Empty;
        var listed = (candidates ?? []).Where(c => c is not null).ToArray();

        var counts = CountLetters(text, out var total);
        if (total == 0)
        {
            return new(null, "The text has no letters, so its language cannot be told.");
        }

        var (script, count) = counts.MaxBy(pair => pair.Value);
        if (count < total * DominanceThreshold)
        {
            return new(null, $"The text mixes scripts ({DescribeShares(counts, total)}), so no single language stands out.");
        }

        if (script == Script.Other)
        {
            return new(null, "The text is mostly in a script Hexapla does not recognise, so its language cannot be told.");
        }

        var scriptName = ScriptName(script);
        var guess = Guess(script, text);
        if (listed.Length == 0)
        {
            return guess.Language is null
                ? new(null, $"The text is mostly {scriptName}, but {guess.Evidence}.")
                : new(LanguageTag.Parse(guess.Language), $"The text is mostly {scriptName} and {guess.Evidence}.");
        }

        var list = string.Join(", ", listed.Select(c => c.Value));
        var fitting = listed.Where(c => ScriptOf(c) == script).ToArray();
        if (fitting.Length == 0)
        {
            return new(null, $"The text is mostly {scriptName} but none of the listed languages ({list}) is written in {scriptName}.");
        }

        if (guess.Language is not null)
        {
            var same = fitting.Where(c => c.Language == guess.Language).ToArray();
            var name = NameOf(guess.Language);
            return same.Length switch
            {
                1 => new(same[0], $"The text is mostly {scriptName} and {guess.Evidence}."),
                0 => new(null, $"The text is mostly {scriptName} and {guess.Evidence}, but none of the listed languages ({list}) is {name}."),
                _ => new(null, $"The text looks {name}, but several listed languages are {name} ({string.Join(", ", same.Select(c => c.Value))}), so it cannot choose between them."),
            };
        }

        // Not decided on its own: see whether the words at least favour one of the listed languages.
        var ranked = fitting
            .GroupBy(c => c.Language, StringComparer.Ordinal)
            .Select(g => (Tags: g.ToArray(), Score: guess.Scores.GetValueOrDefault(g.Key)))
            .OrderByDescending(g => g.Score)
            .ToArray();
        if (ranked[0].Score > 0 && (ranked.Length == 1 || ranked[0].Score > ranked[1].Score) && ranked[0].Tags.Length == 1)
        {
            var best = ranked[0].Tags[0];
            return new(best, $"The text is mostly {scriptName}, and of the listed languages written in {scriptName} its common words fit {NameOf(best.Language)} best.");
        }

        if (fitting.Length == 1)
        {
            return new(fitting[0], $"The text is mostly {scriptName} and {fitting[0].Value} is the only listed language written in {scriptName}.");
        }

        return new(null, $"The text is mostly {scriptName}, but {guess.Evidence}, so it cannot choose between {string.Join(", ", fitting.Select(c => c.Value))}.");
    }

    private static Dictionary<Script, int> CountLetters(string text, out int total)
    {
        var counts = new Dictionary<Script, int>();
        total = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            var script = ScriptOf(rune.Value);
            counts[script] = counts.GetValueOrDefault(script) + 1;
            total++;
        }

        // Japanese mixes kana with kanji; kanji in a text with kana are Japanese, not Chinese.
        if (counts.TryGetValue(Script.Japanese, out var kana) && counts.Remove(Script.Han, out var han))
        {
            counts[Script.Japanese] = kana + han;
        }

        return counts;
    }

    private static Script ScriptOf(int c) => c switch
    {
        (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= 0x00C0 and <= 0x02AF) or (>= 0x1E00 and <= 0x1EFF)
            or (>= 0x2C60 and <= 0x2C7F) or (>= 0xA720 and <= 0xA7FF) or (>= 0xFF21 and <= 0xFF5A) => Script.Latin,
        (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF) => Script.Greek,
        (>= 0x0400 and <= 0x052F) or (>= 0x1C80 and <= 0x1C8F) or (>= 0x2DE0 and <= 0x2DFF) or (>= 0xA640 and <= 0xA69F) => Script.Cyrillic,
        >= 0x0530 and <= 0x058F => Script.Armenian,
        (>= 0x0590 and <= 0x05FF) or (>= 0xFB1D and <= 0xFB4F) => Script.Hebrew,
        (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0x08A0 and <= 0x08FF)
            or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF) => Script.Arabic,
        >= 0x0900 and <= 0x097F => Script.Devanagari,
        >= 0x0E00 and <= 0x0E7F => Script.Thai,
        (>= 0x10A0 and <= 0x10FF) or (>= 0x1C90 and <= 0x1CBF) => Script.Georgian,
        (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F) or (>= 0xAC00 and <= 0xD7AF) => Script.Hangul,
        (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) or (>= 0xFF66 and <= 0xFF9F) => Script.Japanese,
        (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3134F)
            or 0x3005 or 0x3007 => Script.Han,
        _ => Script.Other,
    };

    private static Script? ScriptOf(LanguageTag tag)
    {
        switch (tag.Script)
        {
            case "Latn": return Script.Latin;
            case "Cyrl": return Script.Cyrillic;
            case "Grek": return Script.Greek;
            case "Arab": return Script.Arabic;
            case "Hebr": return Script.Hebrew;
            case "Hans" or "Hant" or "Hani": return Script.Han;
            case "Jpan" or "Hira" or "Kana" or "Hrkt": return Script.Japanese;
            case "Kore" or "Hang": return Script.Hangul;
            case "Deva": return Script.Devanagari;
            case "Thai": return Script.Thai;
            case "Armn": return Script.Armenian;
            case "Geor": return Script.Georgian;
            case null: break;
            default: return Script.Other;
        }

        return tag.Language switch
        {
            "en" or "fr" or "de" or "es" or "it" or "pt" or "nl" or "pl" or "cs" or "sk" or "sl" or "hr" or "bs"
                or "hu" or "ro" or "tr" or "sv" or "da" or "nb" or "nn" or "no" or "fi" or "et" or "lv" or "lt"
                or "ca" or "eu" or "gl" or "ga" or "cy" or "is" or "mt" or "sq" or "id" or "ms" or "vi" or "af"
                or "sw" or "az" or "uz" or "tl" or "fil" or "la" or "eo" => Script.Latin,
            "ru" or "uk" or "bg" or "be" or "sr" or "mk" or "kk" or "ky" or "tg" or "mn" => Script.Cyrillic,
            "el" => Script.Greek,
            "ar" or "fa" or "ur" or "ps" or "sd" or "ug" or "ckb" => Script.Arabic,
            "he" or "yi" => Script.Hebrew,
            "zh" => Script.Han,
            "ja" => Script.Japanese,
            "ko" => Script.Hangul,
            "hi" or "mr" or "ne" or "sa" => Script.Devanagari,
            "th" => Script.Thai,
            "hy" => Script.Armenian,
            "ka" => Script.Georgian,
            _ => null,
        };
    }

    private static (string? Language, Dictionary<string, int> Scores, string Evidence) Guess(Script script, string text)
    {
        switch (script)
        {
            case Script.Latin:
                return GuessByWords(text, LatinWords, "Latin", static _ => null);
            case Script.Cyrillic:
                return GuessByWords(text, CyrillicWords, "Cyrillic", CyrillicLetterHint);
            case Script.Arabic:
                return GuessArabic(text);
            case Script.Devanagari:
                return (null, [], "Devanagari is written by several languages (Hindi, Marathi, Nepali…) and it does not tell them apart");
            default:
                var language = script switch
                {
                    Script.Greek => "el",
                    Script.Hebrew => "he",
                    Script.Han => "zh",
                    Script.Japanese => "ja",
                    Script.Hangul => "ko",
                    Script.Thai => "th",
                    Script.Armenian => "hy",
                    _ => "ka",
                };
                return (language, new() { [language] = 1 }, $"that script is used for {NameOf(language)}");
        }
    }

    private static (string? Language, Dictionary<string, int> Scores, string Evidence) GuessByWords(
        string text,
        Dictionary<string, HashSet<string>> lists,
        string scriptName,
        Func<string, string?> letterHint)
    {
        var scores = lists.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        foreach (var word in SplitWords(text))
        {
            foreach (var (language, words) in lists)
            {
                if (words.Contains(word))
                {
                    scores[language]++;
                }
            }

            if (letterHint(word) is { } hinted)
            {
                scores[hinted]++;
            }
        }

        var ranked = scores.OrderByDescending(p => p.Value).ToArray();
        var (best, bestScore) = ranked[0];
        var (second, secondScore) = ranked[1];
        if (bestScore == 0)
        {
            return (null, scores, $"it has none of the common words of the {scriptName}-script languages Hexapla tells apart");
        }

        if (bestScore >= 2 && bestScore * 2 >= secondScore * 3)
        {
            return (best, scores, $"its common words are {NameOf(best)} ({bestScore} against {secondScore} for {NameOf(second)})");
        }

        return (null, scores, $"its common words do not clearly point to one language ({bestScore} for {NameOf(best)}, {secondScore} for {NameOf(second)})");
    }

    // Letters that only one of Russian, Ukrainian and Bulgarian uses.
    private static string? CyrillicLetterHint(string word)
    {
        if (word.AsSpan().IndexOfAny("іїєґ") >= 0)
        {
            return "uk";
        }

        if (word.AsSpan().IndexOfAny("ыэё") >= 0)
        {
            return "ru";
        }

        return word.AsSpan().IndexOfAny("ъѝ") >= 0 ? "bg" : null;
    }

    private static (string? Language, Dictionary<string, int> Scores, string Evidence) GuessArabic(string text)
    {
        int arabic = 0, persian = 0, urdu = 0, letters = 0;
        foreach (var c in text)
        {
            if (ScriptOf(c) != Script.Arabic || !char.IsLetter(c))
            {
                continue;
            }

            letters++;
            switch (c)
            {
                case '\u0629' or '\u064A' or '\u0643' or '\u0649':
                    arabic++;
                    break;
                case '\u06CC' or '\u06A9' or '\u067E' or '\u0686' or '\u0698' or '\u06AF':
                    persian++;
                    break;
                case '\u06D2' or '\u06BA' or '\u0679' or '\u0688' or '\u0691' or '\u06BE' or '\u06C1':
                    urdu++;
                    break;
                default:
                    break;
            }
        }

        var scores = new Dictionary<string, int>(StringComparer.Ordinal) { ["ar"] = arabic, ["fa"] = persian, ["ur"] = urdu };
        string? language = null;
        if (urdu >= 2 && urdu * 50 >= letters)
        {
            language = "ur";
        }
        else if (persian >= 2 && persian >= arabic * 2)
        {
            language = "fa";
        }
        else if (arabic >= 2 && arabic >= persian * 2)
        {
            language = "ar";
        }

        return language is null
            ? (null, scores, "its letters do not clearly show whether it is Arabic, Persian or Urdu")
            : (language, scores, $"its letters are those of {NameOf(language)}");
    }

    private static IEnumerable<string> SplitWords(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static string DescribeShares(Dictionary<Script, int> counts, int total) =>
        string.Join(", ", counts
            .OrderByDescending(p => p.Value)
            .Take(3)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{100.0 * p.Value / total:0}% {ScriptName(p.Key)}")));

    private static string ScriptName(Script script) => script switch
    {
        Script.Han => "Chinese characters",
        Script.Japanese => "Japanese kana and kanji",
        Script.Other => "other scripts",
        _ => script.ToString(),
    };

    private static string NameOf(string language) => EnglishNames.GetValueOrDefault(language, language);

    private static HashSet<string> Words(string list) =>
        new(list.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
