using Hexapla.Search;

namespace Hexapla.Bench;

/// <summary>
/// Where the benchmark gets Hexapla's search index: the one place to change when the implementation lands.
/// </summary>
internal static class HexaplaEngine
{
    /// <summary>False until <see cref="Open"/> returns a real index.</summary>
    /// <remarks>When Hexapla.Search.LuceneSearchIndex is on this branch, set this to true.</remarks>
    public static bool IsAvailable => false;

    /// <summary>Why the Hexapla engine cannot run, when it cannot.</summary>
    public const string NotAvailableMessage =
        "the Hexapla search index (Hexapla.Search.LuceneSearchIndex) is not on this branch yet; run with --engine fts5 for the baseline alone.";

    /// <summary>Opens (creating) the Hexapla index in <paramref name="folder"/>, which is empty.</summary>
    /// <remarks>When the implementation lands, the body becomes <c>return LuceneSearchIndex.Open(folder);</c>.</remarks>
    public static ISearchIndex Open(string folder) =>
        throw new NotImplementedException($"{NotAvailableMessage} (asked to open {folder})");
}
