using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Hexapla.Search;

/// <summary>
/// The versions a search may show: published within <c>[from, to]</c> (Unix milliseconds, both inclusive) and, when
/// given, in one language. A version without a publication time never passes.
/// </summary>
/// <remarks>
/// Each segment's publication times and languages are read once into Lucene's field cache, which is kept per
/// segment core: a new or merged segment is read when first searched, and a deletion (an unpublished or replaced
/// version) needs no re-read, because deleted documents never reach a filter. Nothing is kept of a filter's answer:
/// every search checks the times it asks for, so a version whose time has come is found at once and one whose time
/// has not is never found, whatever was searched before. Documents are checked one at a time as the query meets
/// them, so a search costs in proportion to what matched, not to the size of the index (a range query over every
/// publication time cost a bitset of the whole index per search).
/// </remarks>
internal sealed class VisibleVersionsFilter(string publishedField, long? from, long to, string languageField, string? language) : Filter
{
    // The field cache takes a lock on every look-up; a segment's values are looked up once and kept here, beside its
    // core (shared by every reader of the segment, whatever its deletions), for as long as the core lives.
    private static readonly ConditionalWeakTable<object, SegmentValues> Segments = new();

    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var reader = context.AtomicReader;
        var lower = from ?? long.MinValue;
        if (lower > to)
        {
            return null;
        }

        var values = Segments.GetValue(reader.CoreCacheKey, _ => SegmentValues.Read(reader, publishedField, languageField));
        var published = values.Published;
        var hasPublished = values.HasPublished;
        if (language is null)
        {
            return new FieldCacheDocIdSet(reader.MaxDoc, acceptDocs, doc => hasPublished.Get(doc) && published.Get(doc) >= lower && published.Get(doc) <= to);
        }

        var languages = values.Languages;
        var wanted = languages.LookupTerm(new BytesRef(language));
        if (wanted < 0)
        {
            return null;
        }

        return new FieldCacheDocIdSet(
            reader.MaxDoc, acceptDocs,
            doc => languages.GetOrd(doc) == wanted && hasPublished.Get(doc) && published.Get(doc) >= lower && published.Get(doc) <= to);
    }

    private sealed record SegmentValues(FieldCache.Int64s Published, IBits HasPublished, SortedDocValues Languages)
    {
        public static SegmentValues Read(AtomicReader reader, string publishedField, string languageField) => new(
            FieldCache.DEFAULT.GetInt64s(reader, publishedField, FieldCache.NUMERIC_UTILS_INT64_PARSER, setDocsWithField: true),
            FieldCache.DEFAULT.GetDocsWithField(reader, publishedField),
            FieldCache.DEFAULT.GetTermsIndex(reader, languageField));
    }

    public override string ToString() => $"visible({publishedField}:[{from?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"} TO {to}] {languageField}:{language ?? "*"})";
}
