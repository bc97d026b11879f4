using Hexapla.Languages;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace Hexapla.Search;

/// <summary>
/// How text in each language becomes index terms. A version's title and body go into fields named after its
/// analysis family (<c>title_ru</c>, <c>body_ru</c>…), so one index serves every language and a query is analysed
/// the way the text it looks for was.
/// </summary>
/// <remarks>
/// Families: <c>en</c> (possessives dropped, Porter stemming), <c>ru</c> (ё read as е, Snowball Russian stemming),
/// and <c>xx</c> for every other language (lowercase, accents folded, CJK in bigrams). In every family the many
/// hyphens, dashes, quotes and apostrophes people and word processors type count as one of each.
/// </remarks>
internal static class LanguageAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Changes when analysis changes, so an index built another way is rebuilt.</summary>
    public const string Signature = "hexapla-analysis-2";

    public static readonly string[] Families = ["en", "ru", "xx"];

    private static readonly NormalizeCharMap Punctuation = BuildPunctuationMap(foldYo: false);
    private static readonly NormalizeCharMap RussianPunctuation = BuildPunctuationMap(foldYo: true);

    public static string Family(LanguageTag language) => language.Language switch
    {
        "en" => "en",
        "ru" => "ru",
        _ => "xx",
    };

    public static string TitleField(string family) => "title_" + family;

    public static string BodyField(string family) => "body_" + family;

    /// <summary>One analyzer that picks each field's family by the field's name.</summary>
    public static Analyzer Create() => new FamilyAnalyzer();

    private static NormalizeCharMap BuildPunctuationMap(bool foldYo)
    {
        var map = new NormalizeCharMap.Builder();
        // Hyphens and dashes: hyphen, non-breaking hyphen, figure dash, en and em dash, minus, soft hyphen (dropped).
        foreach (var dash in new[] { "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uFE63", "\uFF0D" })
        {
            map.Add(dash, "-");
        }

        map.Add("\u00AD", string.Empty);
        // Apostrophes and quotes.
        foreach (var apostrophe in new[] { "\u2019", "\u2018", "\u02BC", "\u2032", "\uFF07" })
        {
            map.Add(apostrophe, "'");
        }

        foreach (var quote in new[] { "\u201C", "\u201D", "\u201E", "\u00AB", "\u00BB", "\u2033" })
        {
            map.Add(quote, "\"");
        }

        if (foldYo)
        {
            map.Add("ё", "е");
            map.Add("Ё", "Е");
        }

        return map.Build();
    }

    private sealed class FamilyAnalyzer : Analyzer
    {
        public FamilyAnalyzer() : base(PER_FIELD_REUSE_STRATEGY)
        {
        }

        protected override TextReader InitReader(string fieldName, TextReader reader) =>
            new MappingCharFilter(fieldName.EndsWith("_ru", StringComparison.Ordinal) ? RussianPunctuation : Punctuation, reader);

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream;
            if (fieldName.EndsWith("_en", StringComparison.Ordinal))
            {
                stream = new EnglishPossessiveFilter(Version, tokenizer);
                stream = new LowerCaseFilter(Version, stream);
                stream = new ASCIIFoldingFilter(stream, preserveOriginal: false);
                stream = new PorterStemFilter(stream);
            }
            else if (fieldName.EndsWith("_ru", StringComparison.Ordinal))
            {
                stream = new LowerCaseFilter(Version, tokenizer);
                stream = new SnowballFilter(stream, new RussianStemmer());
            }
            else
            {
                stream = new CJKBigramFilter(tokenizer);
                stream = new LowerCaseFilter(Version, stream);
                stream = new ASCIIFoldingFilter(stream, preserveOriginal: false);
            }

            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
