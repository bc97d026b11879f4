using Hexapla.Languages;

namespace Hexapla.Storage;

/// <summary>A segment pair in the translation memory.</summary>
/// <param name="SourceLanguage">The language of <paramref name="Source"/>.</param>
/// <param name="TargetLanguage">The language of <paramref name="Target"/>.</param>
/// <param name="Source">The source text (a paragraph or a sentence, Markdown kept).</param>
/// <param name="Target">Its translation.</param>
/// <param name="Origin">Where it came from: <c>document SLUG rN</c> (revision N of the translation) or <c>tmx FILE</c>.</param>
/// <param name="CreatedAt">When it entered the memory.</param>
public sealed record MemoryUnit(LanguageTag SourceLanguage, LanguageTag TargetLanguage, string Source, string Target, string Origin, DateTimeOffset CreatedAt);

/// <summary>A unit found for a text, and how similar its source is to that text.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Score">From 0 to 1; 1 for an exact match.</param>
public sealed record MemoryMatch(MemoryUnit Unit, double Score);

/// <summary>The translation memory: segment pairs from approved translations and TMX imports.</summary>
/// <remarks>A pair is kept once per language pair, source and target; adding it again keeps the first origin and date.</remarks>
public interface ITranslationMemory
{
    /// <summary>Adds the units not already held, in one transaction.</summary>
    /// <returns>How many were new.</returns>
    Task<int> AddAsync(IReadOnlyList<MemoryUnit> units, CancellationToken cancellationToken = default);

    /// <summary>How many units the memory holds, for one language pair or, with both null, in all.</summary>
    Task<long> CountAsync(LanguageTag? sourceLanguage = null, LanguageTag? targetLanguage = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Units whose source is at least <paramref name="minSimilarity"/> similar to <paramref name="text"/>
    /// (<see cref="Translation.TextSimilarity.Score(string, string)"/>), best first (then newest), at most <paramref name="max"/>.
    /// </summary>
    /// <remarks>Only sources within ±30 % of the text's length are considered, which no match at 70 % or more falls outside of by much.</remarks>
    Task<IReadOnlyList<MemoryMatch>> FindMatchesAsync(
        LanguageTag sourceLanguage, LanguageTag targetLanguage, string text, double minSimilarity = 0.70, int max = 5,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="FindMatchesAsync(LanguageTag, LanguageTag, string, double, int, CancellationToken)"/>, also scoring
    /// every pair that came from one of <paramref name="documents"/> (slugs; origin <c>document SLUG rN</c>). In a large
    /// memory, thousands of pairs share each length, and only pairs chosen by content (say, from the documents a search
    /// index finds most like the text) have a chance of holding the near matches.
    /// </summary>
    Task<IReadOnlyList<MemoryMatch>> FindMatchesAsync(
        LanguageTag sourceLanguage, LanguageTag targetLanguage, string text, IReadOnlyCollection<string> documents, double minSimilarity = 0.70,
        int max = 5, CancellationToken cancellationToken = default);
}
