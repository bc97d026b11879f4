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
/// analysis family (<c>title_ru</c>, <c>body_ar</c>…), so one index serves every language and a query is analysed
/// the way the text it looks for was. The families are listed in <see cref="AnalysisFamilies"/>.
/// </summary>
/// <remarks>
/// In every family the many hyphens, dashes, quotes and apostrophes people and word processors type count as one of
/// each, full-width Latin letters and digits as their ordinary forms, and half-width katakana as full-width. No family
/// drops stop words from the index or from a query: a query of nothing but stop words ("to be or not to be", «и»)
/// still finds the texts that hold them, and phrases match as written. Stop words only keep snippets from marking
/// every "the" when a query has other words (<see cref="IsStopWord"/>).
/// </remarks>
internal static class LanguageAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// Changes when analysis changes, so an index built another way is rebuilt at start (the index records it in
    /// each commit; <see cref="LuceneSearchIndex.IsCompatible"/> compares).
    /// </summary>
    public const string Signature = "hexapla-analysis-3";

    /// <summary>Every family's code, in a fixed order.</summary>
    public static IReadOnlyList<string> Families => AnalysisFamilies.Codes;

    public static string Family(LanguageTag language) => AnalysisFamilies.CodeOf(language);

    public static string TitleField(string family) => "title_" + family;

    public static string BodyField(string family) => "body_" + family;

    /// <summary>The field of the text of files (PDFs) in <paramref name="family"/>'s languages that a version links.</summary>
    public static string FileField(string family) => "file_" + family;

    /// <summary>The family a title, body or file field belongs to; null for any other field.</summary>
    public static string? FamilyOfField(string field) =>
        field.StartsWith("body_", StringComparison.Ordinal) ? field[5..]
        : field.StartsWith("title_", StringComparison.Ordinal) ? field[6..]
        : field.StartsWith("file_", StringComparison.Ordinal) ? field[5..]
        : null;

    /// <summary>True for the families of scripts written without spaces between words (Chinese, Japanese, Korean's Hanja, Thai).</summary>
    public static bool WritesWithoutSpaces(string family) => family is "zh" or "cjk" or "th";

    /// <summary>One analyzer that picks each field's family by the field's name.</summary>
    public static Analyzer Create() => new FamilyAnalyzer(mapCharacters: true);

    /// <summary>
    /// The same analysis for text already passed through <see cref="Normalize"/>: without the character filter,
    /// which Lucene.Net runs a character at a time under a lock, and which took a tenth of a bulk import's time.
    /// </summary>
    public static Analyzer CreateForNormalizedText() => new FamilyAnalyzer(mapCharacters: false);

    /// <summary>
    /// True when <paramref name="word"/> (as typed; case aside) is one of <paramref name="family"/>'s stop words. Only
    /// snippets use it; an unknown family has none.
    /// </summary>
    public static bool IsStopWord(string family, string word) =>
        AnalysisFamilies.Find(family) is { Stops: { } stops } && stops.Contains(word.ToLowerInvariant());

    /// <summary>
    /// <paramref name="text"/> with the characters <paramref name="family"/>'s character filter maps mapped the same
    /// way (hyphens, dashes, quotes, apostrophes; ё to е in Russian; the zero-width non-joiner to a space in Persian):
    /// what <see cref="Create"/>'s analysis reads. Every mapping is one character to one, but for the soft hyphen,
    /// which is dropped.
    /// </summary>
    public static string Normalize(string text, string family)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = CharacterMap.For(family);
        var first = text.AsSpan().IndexOfAny(map.Mapped);
        if (first < 0)
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        result.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (!map.Chars.TryGetValue(text[i], out var to))
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

    /// <summary>The character mappings of one family, as a character filter and as a table for <see cref="Normalize"/>.</summary>
    private sealed class CharacterMap
    {
        private static readonly CharacterMap Common = new(Mappings(null));
        private static readonly CharacterMap Russian = new(Mappings("ru"));
        private static readonly CharacterMap Persian = new(Mappings("fa"));

        private CharacterMap(List<(char From, char To)> mappings)
        {
            Chars = mappings.ToFrozenDictionary(m => m.From, m => m.To);
            Mapped = SearchValues.Create([.. mappings.Select(m => m.From)]);
            var builder = new NormalizeCharMap.Builder();
            foreach (var (from, to) in mappings)
            {
                builder.Add(from.ToString(), to == '\0' ? string.Empty : to.ToString());
            }

            Filter = builder.Build();
        }

        public FrozenDictionary<char, char> Chars { get; }

        public SearchValues<char> Mapped { get; }

        public NormalizeCharMap Filter { get; }

        public static CharacterMap For(string family) => family switch
        {
            "ru" => Russian,
            "fa" => Persian,
            _ => Common,
        };

        private static List<(char From, char To)> Mappings(string? family)
        {
            var mappings = new List<(char, char)>();

            // Hyphens and dashes: hyphen, non-breaking hyphen, figure dash, en and em dash, minus, soft hyphen (dropped).
            foreach (var dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D")
            {
                mappings.Add((dash, '-'));
            }

            mappings.Add(('\u00AD', '\0'));

            // Apostrophes and quotes.
            foreach (var apostrophe in "\u2019\u2018\u02BC\u2032\uFF07")
            {
                mappings.Add((apostrophe, '\''));
            }

            foreach (var quote in "\u201C\u201D\u201E\u00AB\u00BB\u2033")
            {
                mappings.Add((quote, '"'));
            }

            if (family == "ru")
            {
                mappings.Add(('ё', 'е'));
                mappings.Add(('Ё', 'Е'));
            }
            else if (family == "fa")
            {
                // Persian writes the parts of one word apart with a zero-width non-joiner (کتاب‌ها, "books"): reading
                // it as a space lets the stem match alone, as Lucene's PersianCharFilter does.
                mappings.Add(('\u200C', ' '));
            }

            return mappings;
        }
    }

    private sealed class FamilyAnalyzer(bool mapCharacters) : Analyzer(PER_FIELD_REUSE_STRATEGY)
    {
        protected override TextReader InitReader(string fieldName, TextReader reader) => !mapCharacters ? reader
            : new MappingCharFilter(CharacterMap.For(FamilyOfField(fieldName) ?? "xx").Filter, reader);

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var family = AnalysisFamilies.Find(FamilyOfField(fieldName) ?? "xx") ?? AnalysisFamilies.Generic;
            return family.Build(reader);
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
