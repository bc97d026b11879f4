using System.Globalization;
using System.Text;

namespace Hexapla.Languages;

/// <summary>The outcome of <see cref="LanguageDetector.Detect"/>.</summary>
/// <param name="Language">The detected language, or null when the detector is not sure (<see cref="IsUnsure"/>).</param>
/// <param name="Reason">A sentence for an editor saying why this language, or why none.</param>
/// <param name="Confidence">
/// From 0 to 1: how far the evidence favours <paramref name="Language"/> over the next language (1 for a script only one
/// language writes, lower for a lone candidate chosen for its script alone); 0 when unsure.
/// </param>
public sealed record LanguageDetection(LanguageTag? Language, string Reason, double Confidence = 0)
{
    /// <summary>True when no language was given: the caller must ask a person instead of guessing.</summary>
    public bool IsUnsure => Language is null;
}

/// <summary>
/// Guesses the language of a text, for importers that receive texts without a language label.
/// It is deliberately simple and cautious: it would rather say "not sure" than guess wrong.
/// </summary>
/// <remarks>
/// <para>
/// Markup is read past first: front matter, code (fenced blocks and spans), HTML tags and attributes, link and image
/// destinations, URLs, e-mail addresses and dotted names (<c>config.yml</c>) are left out, so that a Chinese README full
/// of Markdown and HTML is read as its Chinese prose.
/// </para>
/// <para>
/// Then the letters are counted by script (Latin, Cyrillic, Greek, Arabic, Hebrew, Han, Japanese kana, Hangul,
/// Devanagari, Thai, Armenian, Georgian; everything else counts as "other"), a Han, kana or Hangul character counting as
/// two letters, since it writes a syllable. A script must hold at least 60% of the letters, or the text is called mixed and
/// no language is given.
/// </para>
/// <para>
/// Within Latin (English, French, German, Spanish, Italian, Portuguese, Dutch, Catalan, Polish, Czech, Swedish, Danish,
/// Norwegian, Finnish, Romanian, Hungarian, Turkish), Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian,
/// Macedonian) and Devanagari (Hindi, Marathi, Nepali) common function words are counted, a word shared by several
/// languages counting for each a share, helped by the letters and endings only some of them use (<c>ñ</c>, <c>ã</c>,
/// <c>-ção</c>, <c>ї</c>, <c>ў</c>…). The best language must have some weight of evidence and half as much again as the
/// next, or the result is unsure. Arabic script is split between Arabic, Persian and Urdu by their own letters. Han with
/// kana is Japanese, Han without kana Chinese (too few characters, or a little kana among much Han, is unsure). Greek,
/// Hebrew, Hangul, Thai, Armenian and Georgian each stand for one language.
/// </para>
/// <para>
/// With candidates, the result is always one of them (the same instance) or null: null when none
/// is written in the text's script, when the text clearly is a language none of them is, or when
/// two fit equally (two candidates with the same primary language, such as <c>en-GB</c> and
/// <c>en-US</c>, always do, except Chinese ones that Simplified and Traditional characters tell apart:
/// <c>zh-CN</c> or <c>zh-Hans</c> against <c>zh-TW</c> or <c>zh-Hant</c>). A lone candidate in the text's script is chosen when the function
/// words do not decide. Without candidates, a bare language tag (<c>en</c>, <c>ru</c>) is given only
/// when the evidence is clear. Short texts rarely are.
/// </para>
/// </remarks>
public static class LanguageDetector
{
    /// <summary>The share of letters one script must have for the text to count as written in it.</summary>
    public const double DominanceThreshold = 0.6;

    // The weight of evidence the best language needs, and how many times the next one's.
    private const double MinimumEvidence = 2.5;
    private const double Margin = 1.5;

    private static readonly Dictionary<string, string> EnglishNames = new(StringComparer.Ordinal)
    {
        ["en"] = "English", ["fr"] = "French", ["de"] = "German", ["es"] = "Spanish", ["it"] = "Italian", ["pt"] = "Portuguese",
        ["nl"] = "Dutch", ["ca"] = "Catalan", ["pl"] = "Polish", ["cs"] = "Czech", ["sv"] = "Swedish", ["da"] = "Danish",
        ["nb"] = "Norwegian", ["fi"] = "Finnish", ["ro"] = "Romanian", ["hu"] = "Hungarian", ["tr"] = "Turkish",
        ["ru"] = "Russian", ["uk"] = "Ukrainian", ["be"] = "Belarusian", ["bg"] = "Bulgarian", ["sr"] = "Serbian", ["mk"] = "Macedonian",
        ["hi"] = "Hindi", ["mr"] = "Marathi", ["ne"] = "Nepali",
        ["el"] = "Greek", ["he"] = "Hebrew", ["ar"] = "Arabic", ["fa"] = "Persian", ["ur"] = "Urdu", ["zh"] = "Chinese",
        ["ja"] = "Japanese", ["ko"] = "Korean", ["th"] = "Thai", ["hy"] = "Armenian", ["ka"] = "Georgian",
    };

    private static readonly WordModel Latin = new("Latin",
        new(StringComparer.Ordinal)
        {
            ["en"] = "the of and to in is that for it with as was on are by this be from at or have has an which not were its their they will would been who but said also",
            ["fr"] = "le la les de des du et est un une que qui dans pour pas sur au aux ce il elle ne se par avec sont cette plus ont été leur nous vous mais comme aussi être l d qu",
            ["de"] = "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es werden aus er hat dass sie nach wird bei wurde sind einer noch wie über",
            ["es"] = "el la los las de que y en un una es por con para del se no al lo como más pero sus su le ha este esta son fue también entre sobre hasta desde muy",
            ["it"] = "il la di che e è un una per non con del della dei le gli da in sono si al nel alla ha come anche questo più delle dell all nell sul stato essere ci",
            ["pt"] = "o a os as de que e do da dos das em um uma para com não no na por se mais ao é foi são como mas pelo pela também seu sua já às entre",
            ["nl"] = "de het een en van in is dat op te zijn niet met voor die er ook aan door maar om als bij naar wordt werd nog deze heeft hebben zal",
            ["ca"] = "el la els les de que i en un una és per amb del no al com més però seva seu ha aquest aquesta són va també als pels sobre",
            ["pl"] = "i w nie na z się że do to jest o jak po od za przez są ale dla tak jego już może być był była które który oraz tym",
            ["cs"] = "a v se na je že s z do to o jako ale by by se jsou pro podle jeho byl bylo které který také nebo již tak při jsem",
            ["sv"] = "och i att det som en på är av för med till den har de inte om ett var men från vid kan sig också efter eller han hon",
            ["da"] = "og i at det som en på er af for med til den har de ikke om et var men fra ved kan sig også efter eller han hun blev",
            ["nb"] = "og i at det som en på er av for med til den har de ikke om et var men fra ved kan seg også etter eller han hun ble",
            ["fi"] = "ja on ei se että oli hän mutta kun myös ovat tai joka sen ole mukaan vain jo niin kuin vuoden hänen",
            ["ro"] = "și în de la a cu pe că nu care un o este din pentru se au mai sunt fost ca al ale lui această sau după",
            ["hu"] = "a az és hogy nem is egy meg de van volt csak már el ki mint vagy még kell lesz pedig után szerint",
            ["tr"] = "ve bir bu da de için ile olarak olan çok daha gibi ama en kadar sonra göre var ise değil ancak ya",
        },
        [
            ("ñ", ["es"]), ("ãõ", ["pt"]), ("ç", ["fr", "pt", "ca", "tr"]), ("ß", ["de"]), ("ä", ["de", "sv", "fi"]),
            ("ö", ["de", "sv", "fi", "hu", "tr"]), ("ü", ["de", "hu", "tr"]), ("å", ["sv", "da", "nb"]), ("øæ", ["da", "nb"]),
            ("łąęśźżń", ["pl"]), ("řůě", ["cs"]), ("őű", ["hu"]), ("şğı", ["tr"]), ("șță", ["ro"]), ("œ", ["fr"]),
            ("ê", ["fr", "pt"]), ("èà", ["fr", "it", "ca"]), ("ìù", ["it"]), ("ò", ["it", "ca"]), ("ë", ["fr", "nl"]),
        ],
        [
            ("ção", ["pt"]), ("ções", ["pt"]), ("ão", ["pt"]), ("ción", ["es"]), ("ciones", ["es"]), ("zione", ["it"]), ("zioni", ["it"]),
            ("ment", ["fr"]), ("eux", ["fr"]), ("ung", ["de"]), ("keit", ["de"]), ("ight", ["en"]), ("ing", ["en"]), ("ly", ["en"]),
            ("ij", ["nl"]), ("cja", ["pl"]), ("ów", ["pl"]),
        ]);

    private static readonly WordModel Cyrillic = new("Cyrillic",
        new(StringComparer.Ordinal)
        {
            ["ru"] = "и в не на что с по как это он она они к из за для от его но так же бы был была были уже только или также который которые ещё еще было при",
            ["uk"] = "і в у не на що з по як це він вона вони до із за для від його але та й був була були вже тільки або також який які було щоб між",
            ["be"] = "і ў у не на што з па як гэта ён яна яны да за для ад яго але быў была былі ўжо толькі або таксама які якія было",
            ["bg"] = "и в не на че с по как това той тя те към от за да се е са но си ще бе беше който които или също при след",
            ["sr"] = "и у не на да је се за од са су који која што али као из био била били или такође после према",
            ["mk"] = "и во не на да е се за од со се што кој која ќе ги го ја беше биле или исто така по според",
        },
        [
            ("їєґ", ["uk"]), ("і", ["uk", "be"]), ("ў", ["be"]), ("ыэё", ["ru", "be"]), ("ъѝ", ["bg"]),
            ("ђћџ", ["sr"]), ("ѓќѕ", ["mk"]), ("јљњ", ["sr", "mk"]),
        ],
        []);

    private static readonly WordModel Devanagari = new("Devanagari",
        new(StringComparer.Ordinal)
        {
            ["hi"] = "है हैं के की में और से को का पर यह नहीं था थी लिए भी एक कहा किया गया थे ने",
            ["mr"] = "आहे आणि या हे ही व नाही होते केले आहेत मध्ये त्या असे तर पण झाले त्यांनी",
            ["ne"] = "छ र मा हो पनि गर्न छन् थियो भएको यो लागि गरेको भने तथा गरे छैन",
        },
        [],
        []);

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
    /// <param name="text">The text, plain or with Markdown and HTML markup; null or empty gives a null language.</param>
    /// <param name="candidates">The languages the text may be in; empty (or null) for any language.</param>
    /// <returns>The language, or null (<see cref="LanguageDetection.IsUnsure"/>) with the reason.</returns>
    public static LanguageDetection Detect(string text, IReadOnlyList<LanguageTag> candidates)
    {
        text = MarkupStripper.ProseOf(text ?? string.Empty);
        var listed = (candidates ?? []).Where(c => c is not null).ToArray();

        var counts = CountLetters(text, out var total, out var kana, out var han);
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
        var guess = Guess(script, text, kana, han);
        if (listed.Length == 0)
        {
            return guess.Language is null
                ? new(null, $"The text is mostly {scriptName}, but {guess.Evidence}.")
                : new(LanguageTag.Parse(guess.Language), $"The text is mostly {scriptName} and {guess.Evidence}.", guess.Confidence);
        }

        var list = string.Join(", ", listed.Select(c => c.Value));
        var fitting = listed.Where(c => Fits(c, script)).ToArray();
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
                1 => new(same[0], $"The text is mostly {scriptName} and {guess.Evidence}.", guess.Confidence),
                0 => new(null, $"The text is mostly {scriptName} and {guess.Evidence}, but none of the listed languages ({list}) is {name}."),
                _ when guess.Language == "zh" && ChineseVariant.Choose(text, same) is { } variant =>
                    new(variant.Tag, $"The text is mostly {scriptName}, {guess.Evidence}, and {variant.Evidence}.", guess.Confidence * variant.Confidence),
                _ => new(null, $"The text looks {name}, but several listed languages are {name} ({string.Join(", ", same.Select(c => c.Value))}), so it cannot choose between them."),
            };
        }

        // Not decided on its own: see whether the words at least favour one of the listed languages.
        var ranked = fitting
            .GroupBy(c => c.Language, StringComparer.Ordinal)
            .Select(g => (Tags: g.ToArray(), Score: guess.Scores.GetValueOrDefault(g.Key)))
            .OrderByDescending(g => g.Score)
            .ToArray();
        if (ranked[0].Score >= 1 && (ranked.Length == 1 || ranked[0].Score >= ranked[1].Score * Margin) && ranked[0].Tags.Length == 1)
        {
            var best = ranked[0].Tags[0];
            var next = ranked.Length > 1 ? ranked[1].Score : 0;
            return new(best, $"The text is mostly {scriptName}, and of the listed languages written in {scriptName} its common words fit {NameOf(best.Language)} best.",
                Math.Round(0.5 * (1 - (next / ranked[0].Score)), 2));
        }

        // A lone candidate in the script, unless the words favour a language that is not it.
        var lone = fitting.Length == 1 ? guess.Scores.GetValueOrDefault(fitting[0].Language) : 0;
        if (fitting.Length == 1 && !guess.Scores.Any(p => p.Key != fitting[0].Language && p.Value > lone))
        {
            return new(fitting[0], $"The text is mostly {scriptName} and {fitting[0].Value} is the only listed language written in {scriptName}.", 0.5);
        }

        return new(null, $"The text is mostly {scriptName}, but {guess.Evidence}, so it cannot choose between {string.Join(", ", fitting.Select(c => c.Value))}.");
    }

    private static Dictionary<Script, int> CountLetters(string text, out int total, out int kana, out int han)
    {
        var counts = new Dictionary<Script, int>();
        total = 0;
        kana = 0;
        han = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            var script = ScriptOf(rune.Value);

            // A Han, kana or Hangul character writes a syllable: about what two letters of an alphabet write.
            var weight = script is Script.Han or Script.Japanese or Script.Hangul ? 2 : 1;
            counts[script] = counts.GetValueOrDefault(script) + weight;
            total += weight;
            kana += script == Script.Japanese ? 1 : 0;
            han += script == Script.Han ? 1 : 0;
        }

        // Japanese mixes kana with kanji: Han and kana together are one script here, told apart in Guess.
        if (counts.Remove(Script.Japanese, out var kanaWeight))
        {
            counts[Script.Han] = counts.GetValueOrDefault(Script.Han) + kanaWeight;
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

    /// <summary>Whether <paramref name="tag"/> is written in <paramref name="script"/> (Han stands for Han with or without kana).</summary>
    private static bool Fits(LanguageTag tag, Script script) =>
        ScriptOf(tag) is { } written && (written == script || (script == Script.Han && written == Script.Japanese));

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

    private static Guessed Guess(Script script, string text, int kana, int han)
    {
        switch (script)
        {
            case Script.Latin:
                return Latin.Guess(text);
            case Script.Cyrillic:
                return Cyrillic.Guess(text);
            case Script.Devanagari:
                return Devanagari.Guess(text);
            case Script.Arabic:
                return GuessArabic(text);
            case Script.Han:
                return GuessHan(kana, han);
            default:
                var language = script switch
                {
                    Script.Greek => "el",
                    Script.Hebrew => "he",
                    Script.Hangul => "ko",
                    Script.Thai => "th",
                    Script.Armenian => "hy",
                    _ => "ka",
                };
                return new(language, new() { [language] = 1 }, $"that script is used for {NameOf(language)}", 1);
        }
    }

    /// <summary>Chinese or Japanese, by the share of kana among Han and kana.</summary>
    /// <remarks>
    /// Japanese prose is a third or more kana, a kanji-heavy headline still a tenth; Chinese has none, or a stray の in a
    /// brand name. Kanji alone cannot be told from Chinese, and a few characters say too little.
    /// </remarks>
    private static Guessed GuessHan(int kana, int han)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["zh"] = han, ["ja"] = kana };
        var characters = kana + han;
        var share = characters == 0 ? 0 : (double)kana / characters;
        if (kana >= 2 && share >= 0.08)
        {
            return new("ja", scores, string.Create(CultureInfo.InvariantCulture, $"{share:0%} of its characters are kana, which only Japanese writes"), Math.Min(1, share * 4));
        }

        if (characters < 4)
        {
            return new(null, scores, "it has too few characters to tell Chinese from Japanese", 0);
        }

        if (kana <= 1 || share < 0.02)
        {
            return new("zh", scores, "its Han characters come without the kana Japanese writes with them", characters >= 10 ? 1 : 0.6);
        }

        return new(null, scores, "it has some kana but too few for Japanese prose, so it may be Chinese or Japanese", 0);
    }

    private static Guessed GuessArabic(string text)
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

        var scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["ar"] = arabic, ["fa"] = persian, ["ur"] = urdu };
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

        if (language is null)
        {
            return new(null, scores, "its letters do not clearly show whether it is Arabic, Persian or Urdu", 0);
        }

        var best = scores[language];
        var next = scores.Where(p => p.Key != language).Max(p => p.Value);
        return new(language, scores, $"its letters are those of {NameOf(language)}", Math.Round(1 - (next / Math.Max(best, next + 1)), 2));
    }

    private static string DescribeShares(Dictionary<Script, int> counts, int total) =>
        string.Join(", ", counts
            .OrderByDescending(p => p.Value)
            .Take(3)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{100.0 * p.Value / total:0}% {ScriptName(p.Key)}")));

    private static string ScriptName(Script script) => script switch
    {
        Script.Han => "Chinese characters (Han, with any kana)",
        Script.Other => "other scripts",
        _ => script.ToString(),
    };

    private static string NameOf(string language) => EnglishNames.GetValueOrDefault(language, language);

    /// <summary>What <see cref="Guess"/> found: a language or none, each language's weight of evidence, a phrase saying why, and how sure (0–1).</summary>
    private sealed record Guessed(string? Language, Dictionary<string, double> Scores, string Evidence, double Confidence);

    /// <summary>The languages of one script told apart by their common words, and by letters and endings only some of them use.</summary>
    /// <param name="ScriptName">The script's name, for reasons.</param>
    /// <param name="Lists">Each language's common words, separated by spaces, lower case.</param>
    /// <param name="Letters">Letters and the languages that use them: a word holding one counts for each of them a share.</param>
    /// <param name="Endings">Word endings and the languages they point to; the first that fits a word of five letters or more counts.</param>
    private sealed record WordModel(string ScriptName, Dictionary<string, string> Lists, (string Letters, string[] Languages)[] Letters, (string Ending, string[] Languages)[] Endings)
    {
        // Each word with the languages that list it.
        private readonly Dictionary<string, string[]> _words = Lists
            .SelectMany(p => p.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Select(w => (Word: w, Language: p.Key)))
            .GroupBy(p => p.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Language).ToArray(), StringComparer.Ordinal);

        public Guessed Guess(string text)
        {
            var scores = Lists.Keys.ToDictionary(k => k, _ => 0.0, StringComparer.Ordinal);
            foreach (var word in SplitWords(text))
            {
                if (_words.TryGetValue(word, out var languages))
                {
                    Add(scores, languages, 1);
                }

                foreach (var (letters, users) in Letters)
                {
                    if (word.AsSpan().IndexOfAny(letters) >= 0)
                    {
                        Add(scores, users, 0.5);
                    }
                }

                if (word.Length > 4 && Endings.FirstOrDefault(e => word.EndsWith(e.Ending, StringComparison.Ordinal)).Languages is { Length: > 0 } ending)
                {
                    Add(scores, ending, 0.5);
                }
            }

            var ranked = scores.OrderByDescending(p => p.Value).ToArray();
            var (best, bestScore) = ranked[0];
            var (second, secondScore) = ranked[1];
            if (bestScore == 0)
            {
                return new(null, scores, $"it has none of the common words of the {ScriptName}-script languages Hexapla tells apart", 0);
            }

            var figures = string.Create(CultureInfo.InvariantCulture, $"{bestScore:0.#} against {secondScore:0.#} for {NameOf(second)}");
            if (bestScore >= MinimumEvidence && bestScore >= secondScore * Margin)
            {
                // Sure in proportion to the lead over the next language, and to the evidence up to about ten words.
                var confidence = (1 - (secondScore / bestScore)) * Math.Min(1, bestScore / 10);
                return new(best, scores, $"its common words are {NameOf(best)} ({figures})", Math.Round(Math.Max(0.05, confidence), 2));
            }

            return bestScore < MinimumEvidence
                ? new(null, scores, string.Create(CultureInfo.InvariantCulture, $"it is too short to tell: its common words weigh {bestScore:0.#} for {NameOf(best)}, {secondScore:0.#} for {NameOf(second)}"), 0)
                : new(null, scores, string.Create(CultureInfo.InvariantCulture, $"its common words do not clearly point to one language ({bestScore:0.#} for {NameOf(best)}, {secondScore:0.#} for {NameOf(second)})"), 0);
        }

        private static void Add(Dictionary<string, double> scores, string[] languages, double weight)
        {
            foreach (var language in languages)
            {
                scores[language] += weight / languages.Length;
            }
        }
    }

    /// <summary>The words of a text, lower case: letters with the marks written on them (Devanagari vowel signs).</summary>
    private static IEnumerable<string> SplitWords(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetter(c) || (word.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
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
}
