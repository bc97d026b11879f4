using Hexapla.Search;

namespace Hexapla.Bench;

/// <summary>Where the benchmark gets Hexapla's search index: the same Lucene.Net index <c>serve</c> uses.</summary>
internal static class HexaplaEngine
{
    /// <summary>
    /// Opens (creating) the Hexapla index in <paramref name="folder"/>, which is empty, the way a bulk import does:
    /// one writer for the whole run, committed every few seconds and at the end (<see cref="LuceneSearchIndex.Commit"/>).
    /// </summary>
    public static LuceneSearchIndex Open(string folder) => LuceneSearchIndex.Open(folder, holdWriter: true);
}
