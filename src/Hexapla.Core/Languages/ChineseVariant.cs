namespace Hexapla.Languages;

/// <summary>Simplified or Traditional Chinese, by the characters that differ between them, to choose between Chinese candidates.</summary>
/// <remarks>
/// A candidate is Simplified when its script is <c>Hans</c> or, without a script, its region is CN, SG or MY;
/// Traditional when its script is <c>Hant</c> or its region TW, HK or MO. A bare <c>zh</c> is neither and is never chosen
/// this way. The characters are some of the commonest that the two standards write differently (这/這, 国/國, 会/會…).
/// </remarks>
internal static class ChineseVariant
{
    // Pairs of the same character, Simplified then Traditional.
    private const string Simplified = "这个们国会说为时来对发经问长东进过还动与开关门见现学实体业产务区华历报员点书电车马网语让认请议论设应总无级际济劳术观导战场复军边传计联织组统欢亚欧乌";
    private const string Traditional = "這個們國會說為時來對發經問長東進過還動與開關門見現學實體業產務區華歷報員點書電車馬網語讓認請議論設應總無級際濟勞術觀導戰場復軍邊傳計聯織組統歡亞歐烏";

    /// <summary>The one candidate of <paramref name="candidates"/> written in the variant the text uses, or null when the text or the candidates do not tell.</summary>
    public static (LanguageTag Tag, string Evidence, double Confidence)? Choose(string text, IReadOnlyList<LanguageTag> candidates)
    {
        int simplified = 0, traditional = 0;
        foreach (var c in text)
        {
            simplified += Simplified.Contains(c, StringComparison.Ordinal) ? 1 : 0;
            traditional += Traditional.Contains(c, StringComparison.Ordinal) ? 1 : 0;
        }

        bool? isSimplified = simplified >= 2 && simplified >= traditional * 4 ? true
            : traditional >= 2 && traditional >= simplified * 4 ? false
            : null;
        if (isSimplified is null)
        {
            return null;
        }

        var matching = candidates.Where(c => IsSimplified(c) == isSimplified).ToArray();
        if (matching.Length != 1)
        {
            return null;
        }

        var (name, mine, other) = isSimplified.Value ? ("Simplified", simplified, traditional) : ("Traditional", traditional, simplified);
        return (matching[0], $"its characters are {name} ({mine} against {other})", 1 - ((double)other / mine));
    }

    private static bool? IsSimplified(LanguageTag tag) => tag.Script switch
    {
        "Hans" => true,
        "Hant" => false,
        null => tag.Region switch
        {
            "CN" or "SG" or "MY" => true,
            "TW" or "HK" or "MO" => false,
            _ => null,
        },
        _ => null,
    };
}
