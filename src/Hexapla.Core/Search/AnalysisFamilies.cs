using System.Collections.Frozen;
using Hexapla.Languages;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Bg;
using Lucene.Net.Analysis.Ca;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Ckb;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Cz;
using Lucene.Net.Analysis.Da;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.El;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.Eu;
using Lucene.Net.Analysis.Fa;
using Lucene.Net.Analysis.Fi;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Ga;
using Lucene.Net.Analysis.Gl;
using Lucene.Net.Analysis.Hi;
using Lucene.Net.Analysis.Hu;
using Lucene.Net.Analysis.Hy;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.In;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Lv;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Nl;
using Lucene.Net.Analysis.No;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Analysis.Ro;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Sv;
using Lucene.Net.Analysis.Th;
using Lucene.Net.Analysis.Tr;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Hexapla.Search;

/// <summary>
/// One way of analysing text: the languages it serves, the tokenizer and filters its fields go through, and its stop
/// words (for snippets only; see <see cref="LanguageAnalyzers"/>).
/// </summary>
/// <param name="Code">The family's code, the suffix of its field names (<c>body_fr</c>).</param>
/// <param name="Stops">Its stop words, lowercase; null when it has none.</param>
/// <param name="Components">Makes a fresh tokenizer and filter chain reading a text.</param>
internal sealed record AnalysisFamily(string Code, CharArraySet? Stops, Func<TextReader, TokenStreamComponents> Components)
{
    /// <summary>The tokenizer and filters of this family over <paramref name="reader"/>.</summary>
    public TokenStreamComponents Build(TextReader reader) => Components(reader);
}

/// <summary>
/// The analysis families: a stemmer or light stemmer for every language Lucene.Net's analysis packages cover, word
/// segmentation for Chinese (SmartCn) and Thai (ICU), CJK bigrams for Japanese, Korean and Traditional Chinese, and a
/// generic family for the rest.
/// </summary>
/// <remarks>
/// <para>
/// A version's family follows its language tag's primary subtag. Portuguese of Brazil shares Portuguese's light
/// stemmer (Lucene's Brazilian stemmer gives «eleições» and «eleição» different stems). Chinese in Traditional
/// script (<c>zh-Hant</c>, or <c>zh-TW</c>, <c>zh-HK</c>, <c>zh-MO</c> without a script) goes to bigrams, since SmartCn's dictionary is of Simplified Chinese. Norwegian Bokmål, Nynorsk and
/// <c>no</c> share one family that knows both written standards.
/// </para>
/// <para>
/// Every family folds full-width Latin letters and digits and half-width katakana (<c>CJKWidthFilter</c>) and lowercases.
/// Accents are folded where the language's readers commonly type without them (French, Spanish, Italian, Portuguese,
/// Catalan, Galician, Romanian, Dutch, English, the generic family), before stemming or after it as each stemmer needs; German folds umlauts and ß as
/// Lucene's German analysis does; Greek drops its tonos in lowercasing. Languages whose marked letters are letters of
/// their own (Swedish å ä ö, Turkish ı, Czech, Hungarian…) keep them. Turkish lowercases the Turkish way (I → ı).
/// </para>
/// </remarks>
internal static class AnalysisFamilies
{
    private const Lucene.Net.Util.LuceneVersion Version = LanguageAnalyzers.Version;

    // Elided articles and pronouns that come before an apostrophe (l'État, dell'anno, d'aquesta).
    private static readonly CharArraySet FrenchElisions = Set("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu");
    private static readonly CharArraySet ItalianElisions = Set("c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d");
    private static readonly CharArraySet CatalanElisions = Set("d", "l", "m", "n", "s", "t");
    private static readonly CharArraySet IrishElisions = Set("d", "m", "b");

    // Persian suffixes and prefixes that a zero-width non-joiner keeps apart from their word, after normalisation.
    private static readonly CharArraySet PersianDetachedAffixes = Set("ها", "هاي", "هايي", "هايم", "هايت", "هايش", "هايمان", "هايتان", "هايشان", "تر", "ترين", "مي", "نمي");

    /// <summary>The family of languages without one of their own: lowercase, accents folded, CJK characters in bigrams.</summary>
    public static readonly AnalysisFamily Generic = new("xx", null, reader =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new CJKWidthFilter(source);
        stream = new InvariantLowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream);
        stream = new ASCIIFoldingFilter(stream, preserveOriginal: false);
        return new TokenStreamComponents(source, stream);
    });

    private static readonly AnalysisFamily[] All =
    [
        // English: possessives dropped, Porter stemming.
        Standard("en", EnglishAnalyzer.DefaultStopSet, s => new PorterStemFilter(new ASCIIFoldingFilter(new InvariantLowerCaseFilter(s), preserveOriginal: false)), s => new EnglishPossessiveFilter(Version, s)),
        // Russian: ё read as е (by the character map), Snowball.
        Standard("ru", RussianAnalyzer.DefaultStopSet, s => new SnowballFilter(new InvariantLowerCaseFilter(s), new RussianStemmer())),
        // Arabic: diacritics, tatweel and the forms of alef, yeh and teh marbuta normalised, then light stemming
        // (the article and conjunctions in front, the common suffixes behind): «العراقية» and «العراق» meet at «عراق».
        Standard("ar", ArabicAnalyzer.DefaultStopSet, s => new ArabicStemFilter(new ArabicNormalizationFilter(new InvariantLowerCaseFilter(s)))),
        // Persian: Arabic and Persian normalisation (Lucene has no Persian stemmer); the zero-width non-joiner that
        // joins a word's parts is a space (by the character map), so the stem of کتاب‌ها matches alone.
        // Lucene has no Persian stemmer: the suffixes and the prefix written apart (ها, های…, تر, ترین, می) are dropped
        // as words of their own, so «کتاب‌ها» finds «کتاب» both ways.
        Standard("fa", PersianAnalyzer.DefaultStopSet, s => new StopFilter(Version, new PersianNormalizationFilter(new ArabicNormalizationFilter(new InvariantLowerCaseFilter(s))), PersianDetachedAffixes)),
        Standard("ckb", SoraniAnalyzer.DefaultStopSet, s => new SoraniStemFilter(new InvariantLowerCaseFilter(new SoraniNormalizationFilter(s)))),
        // French, Spanish, Italian, Galician, Romanian, Dutch: accents folded before stemming, so a word typed without
        // them (ministere, negociacion) stems as the written one does. Portuguese folds after: its light stemmer needs
        // the tilde to take «declarações» and «declaração» to one stem.
        Standard("fr", FrenchAnalyzer.DefaultStopSet, s => new FrenchLightStemFilter(Fold(new InvariantLowerCaseFilter(new ElisionFilter(s, FrenchElisions))))),
        Standard("es", SpanishAnalyzer.DefaultStopSet, s => new SpanishLightStemFilter(Fold(new InvariantLowerCaseFilter(s)))),
        Standard("it", ItalianAnalyzer.DefaultStopSet, s => new ItalianLightStemFilter(Fold(new InvariantLowerCaseFilter(new ElisionFilter(s, ItalianElisions))))),
        Standard("pt", PortugueseAnalyzer.DefaultStopSet, s => Fold(new PortugueseLightStemFilter(new InvariantLowerCaseFilter(s)))),
        // Catalan's Snowball stemmer reads the accents (negociació), so they are folded after it.
        Standard("ca", CatalanAnalyzer.DefaultStopSet, s => Fold(new SnowballFilter(new InvariantLowerCaseFilter(new ElisionFilter(s, CatalanElisions)), new CatalanStemmer()))),
        Standard("gl", GalicianAnalyzer.DefaultStopSet, s => new GalicianStemFilter(Fold(new InvariantLowerCaseFilter(s)))),
        Standard("ro", RomanianAnalyzer.DefaultStopSet, s => new SnowballFilter(Fold(new InvariantLowerCaseFilter(s)), new RomanianStemmer())),
        // German: ä ö ü → a o u and ß → ss, so "Strasse" finds "Straße", then light stemming.
        Standard("de", GermanAnalyzer.DefaultStopSet, s => new GermanLightStemFilter(new GermanNormalizationFilter(new InvariantLowerCaseFilter(s)))),
        Standard("nl", DutchAnalyzer.DefaultStopSet, s => new SnowballFilter(Fold(new InvariantLowerCaseFilter(s)), new Lucene.Net.Tartarus.Snowball.Ext.DutchStemmer())),
        Standard("sv", SwedishAnalyzer.DefaultStopSet, s => new SnowballFilter(new InvariantLowerCaseFilter(s), new SwedishStemmer())),
        Standard("no", NorwegianAnalyzer.DefaultStopSet, s => new NorwegianLightStemFilter(new InvariantLowerCaseFilter(s), NorwegianStandard.BOKMAAL | NorwegianStandard.NYNORSK)),
        Standard("da", DanishAnalyzer.DefaultStopSet, s => new SnowballFilter(new InvariantLowerCaseFilter(s), new DanishStemmer())),
        Standard("fi", FinnishAnalyzer.DefaultStopSet, s => new FinnishLightStemFilter(new InvariantLowerCaseFilter(s))),
        Standard("hu", HungarianAnalyzer.DefaultStopSet, s => new HungarianLightStemFilter(new InvariantLowerCaseFilter(s))),
        // Turkish: what follows an apostrophe is a suffix (Türkiye'nin), and I lowercases to ı, İ to i.
        Standard("tr", TurkishAnalyzer.DefaultStopSet, s => new SnowballFilter(new TurkishLowerCaseFilter(new ApostropheFilter(s)), new TurkishStemmer())),
        // Greek: lowercasing also drops the tonos and reads final sigma as sigma.
        Standard("el", GreekAnalyzer.DefaultStopSet, s => new GreekStemFilter(new GreekLowerCaseFilter(Version, s))),
        Standard("bg", BulgarianAnalyzer.DefaultStopSet, s => new BulgarianStemFilter(new InvariantLowerCaseFilter(s))),
        Standard("cs", CzechAnalyzer.DefaultStopSet, s => new CzechStemFilter(new InvariantLowerCaseFilter(s))),
        Standard("lv", LatvianAnalyzer.DefaultStopSet, s => new LatvianStemFilter(new InvariantLowerCaseFilter(s))),
        Standard("hi", HindiAnalyzer.DefaultStopSet, s => new HindiStemFilter(new HindiNormalizationFilter(new IndicNormalizationFilter(new InvariantLowerCaseFilter(s))))),
        Standard("id", IndonesianAnalyzer.DefaultStopSet, s => new IndonesianStemFilter(new InvariantLowerCaseFilter(s))),
        Standard("ga", IrishAnalyzer.DefaultStopSet, s => new SnowballFilter(new IrishLowerCaseFilter(new ElisionFilter(s, IrishElisions)), new IrishStemmer())),
        Standard("eu", BasqueAnalyzer.DefaultStopSet, s => new SnowballFilter(new InvariantLowerCaseFilter(s), new BasqueStemmer())),
        Standard("hy", ArmenianAnalyzer.DefaultStopSet, s => new SnowballFilter(new InvariantLowerCaseFilter(s), new ArmenianStemmer())),

        // Chinese (Simplified): SmartCn's word segmentation (a dictionary and a hidden Markov model) instead of bigrams, so
        // a two-character word matches that word and not the same two characters straddling two words.
        new("zh", SmartChineseAnalyzer.DefaultStopSet, reader =>
        {
            var source = new HMMChineseTokenizer(reader);
            return new TokenStreamComponents(source, new InvariantLowerCaseFilter(new CJKWidthFilter(source)));
        }),

        // Thai: words found by ICU's dictionary-based word breaking.
        new("th", ThaiAnalyzer.DefaultStopSet, reader =>
        {
            var source = new ThaiTokenizer(reader);
            return new TokenStreamComponents(source, new InvariantLowerCaseFilter(new CJKWidthFilter(source)));
        }),

        // Japanese, Korean and Traditional Chinese: overlapping bigrams of CJK characters, as before.
        new("cjk", CJKAnalyzer.DefaultStopSet, reader =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new CJKBigramFilter(new InvariantLowerCaseFilter(new CJKWidthFilter(source)));
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(stream, preserveOriginal: false));
        }),

        Generic,
    ];

    private static readonly FrozenDictionary<string, AnalysisFamily> ByCode = All.ToFrozenDictionary(f => f.Code, StringComparer.Ordinal);

    /// <summary>Every family's code, in a fixed order.</summary>
    public static readonly IReadOnlyList<string> Codes = [.. All.Select(f => f.Code)];

    /// <summary>The family of the code; null for an unknown code.</summary>
    public static AnalysisFamily? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The code of the family that analyses text in <paramref name="language"/>.</summary>
    public static string CodeOf(LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var primary = language.Language.ToLowerInvariant();
        switch (primary)
        {
            case "zh":
                return IsTraditional(language) ? "cjk" : "zh";
            case "ja" or "ko":
                return "cjk";
            case "nb" or "nn" or "no":
                return "no";
            case "xx" or "cjk":
                // Family codes that are not a language's own.
                return "xx";
            default:
                return ByCode.ContainsKey(primary) ? primary : "xx";
        }
    }

    private static bool IsTraditional(LanguageTag language) => language.Script is { } script
        ? string.Equals(script, "Hant", StringComparison.OrdinalIgnoreCase)
        : language.Region?.ToUpperInvariant() is "TW" or "HK" or "MO";

    /// <summary>A family on Lucene's standard tokenizer (Unicode word breaks), with width folding first.</summary>
    private static AnalysisFamily Standard(string code, CharArraySet stops, Func<TokenStream, TokenStream> filters, Func<TokenStream, TokenStream>? beforeWidth = null) =>
        new(code, stops, reader =>
        {
            var source = new StandardTokenizer(Version, reader);
            var stream = beforeWidth is null ? source : beforeWidth(source);
            return new TokenStreamComponents(source, filters(new CJKWidthFilter(stream)));
        });

    private static ASCIIFoldingFilter Fold(TokenStream stream) => new(stream, preserveOriginal: false);

    private static CharArraySet Set(params string[] words) => new CharArraySet(Version, words, ignoreCase: true).AsReadOnly();
}
