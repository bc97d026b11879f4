using System.Buffers;
using System.Collections.Frozen;
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

    // The same mappings for Normalize, by character; "\0" marks a character that is dropped.
    private static readonly FrozenDictionary<char, char> PunctuationChars = Mappings(foldYo: false).ToFrozenDictionary(m => m.From, m => m.To);
    private static readonly FrozenDictionary<char, char> RussianPunctuationChars = Mappings(foldYo: true).ToFrozenDictionary(m => m.From, m => m.To);
    private static readonly SearchValues<char> Mapped = SearchValues.Create([.. Mappings(foldYo: false).Select(m => m.From)]);
    private static readonly SearchValues<char> RussianMapped = SearchValues.Create([.. Mappings(foldYo: true).Select(m => m.From)]);

    public static string Family(LanguageTag language) => language.Language switch
    {
        "en" => "en",
        "ru" => "ru",
        _ => "xx",
    };

    public static string TitleField(string family) => "title_" + family;

    public static string BodyField(string family) => "body_" + family;

    /// <summary>One analyzer that picks each field's family by the field's name.</summary>
    public static Analyzer Create() => new FamilyAnalyzer(mapPunctuation: true);

    /// <summary>
    /// The same analysis for text already passed through <see cref="Normalize"/>: without the character filter,
    /// which Lucene.Net runs a character at a time under a lock, and which took a tenth of a bulk import's time.
    /// </summary>
    public static Analyzer CreateForNormalizedText() => new FamilyAnalyzer(mapPunctuation: false);

    /// <summary>
    /// <paramref name="text"/> with the hyphens, dashes, quotes and apostrophes of <paramref name="family"/> mapped as
    /// its character filter maps them (and ё to е for Russian): what <see cref="Create"/>'s analysis reads.
    /// </summary>
    public static string Normalize(string text, string family)
    {
        ArgumentNullException.ThrowIfNull(text);
        var russian = family == "ru";
        var first = text.AsSpan().IndexOfAny(russian ? RussianMapped : Mapped);
        if (first < 0)
        {
            return text;
        }

        var map = russian ? RussianPunctuationChars : PunctuationChars;
        var result = new System.Text.StringBuilder(text.Length);
        result.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!map.TryGetValue(text[i], out var to))
            {
                result.Append(text[i]);
            }
            else if (to != '\0')
            {
                result.Append(to);
            }
        }

        return result.ToString();
    }

    private static IEnumerable<(char From, char To)> Mappings(bool foldYo)
    {
        // Hyphens and dashes: hyphen, non-breaking hyphen, figure dash, en and em dash, minus, soft hyphen (dropped).
        foreach (var dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D")
        {
            yield return (dash, '-');
        }

        yield return ('\u00AD', '\0');

        // Apostrophes and quotes.
        foreach (var apostrophe in "\u2019\u2018\u02BC\u2032\uFF07")
        {
            yield return (apostrophe, '\'');
        }

        foreach (var quote in "\u201C\u201D\u201E\u00AB\u00BB\u2033")
        {
            yield return (quote, '"');
        }

        if (foldYo)
        {
            yield return ('ё', 'е');
            yield return ('Ё', 'Е');
        }
    }

    private static NormalizeCharMap BuildPunctuationMap(bool foldYo)
    {
        var map = new NormalizeCharMap.Builder();
        foreach (var (from, to) in Mappings(foldYo))
        {
            map.Add(from.ToString(), to == '\0' ? string.Empty : to.ToString());
        }

        return map.Build();
    }

    private sealed class FamilyAnalyzer(bool mapPunctuation) : Analyzer(PER_FIELD_REUSE_STRATEGY)
    {
        protected override TextReader InitReader(string fieldName, TextReader reader) => !mapPunctuation ? reader
            : new MappingCharFilter(fieldName.EndsWith("_ru", StringComparison.Ordinal) ? RussianPunctuation : Punctuation, reader);

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream;
            if (fieldName.EndsWith("_en", StringComparison.Ordinal))
            {
                stream = new EnglishPossessiveFilter(Version, tokenizer);
                stream = new InvariantLowerCaseFilter(stream);
                stream = new ASCIIFoldingFilter(stream, preserveOriginal: false);
                stream = new PorterStemFilter(stream);
            }
            else if (fieldName.EndsWith("_ru", StringComparison.Ordinal))
            {
                stream = new InvariantLowerCaseFilter(tokenizer);
                stream = new SnowballFilter(stream, new RussianStemmer());
            }
            else
            {
                stream = new CJKBigramFilter(tokenizer);
                stream = new InvariantLowerCaseFilter(stream);
                stream = new ASCIIFoldingFilter(stream, preserveOriginal: false);
            }

            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}

/// <summary>
/// Lowercases terms as Lucene's <c>LowerCaseFilter</c> does (invariant culture, by code point), from a table for the
/// Basic Multilingual Plane: Lucene.Net's filter asks the culture data for every character, which took a tenth of
/// indexing's time on Cyrillic text. Characters outside the plane go the slow way.
/// </summary>
internal sealed class InvariantLowerCaseFilter : TokenFilter
{
    private static readonly char[] Lower = BuildTable();
    private readonly Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute _term;

    public InvariantLowerCaseFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(buffer[i + 1]))
            {
                var lower = new string([c, buffer[i + 1]]).ToLowerInvariant();
                if (lower.Length == 2)
                {
                    buffer[i] = lower[0];
                    buffer[i + 1] = lower[1];
                }

                i++;
                continue;
            }

            buffer[i] = Lower[c];
        }

        return true;
    }

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            table[c] = char.IsSurrogate((char)c) ? (char)c : char.ToLowerInvariant((char)c);
        }

        return table;
    }
}
