using Hexapla.Search;

namespace Hexapla.Bench;

/// <summary>Where the benchmark gets Hexapla's search index: the same Lucene.Net index <c>serve</c> uses.</summary>
internal static class HexaplaEngine
{
    /// <summary>Opens (creating) the Hexapla index in <paramref name="folder"/>, which is empty.</summary>
    public static ISearchIndex Open(string folder) => LuceneSearchIndex.Open(folder);
}
