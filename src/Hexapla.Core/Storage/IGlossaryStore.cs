using Hexapla.Languages;

namespace Hexapla.Storage;

/// <summary>One glossary entry of a language pair.</summary>
/// <param name="Term">The term in the source language, trimmed, unique per pair.</param>
/// <param name="Translation">Its agreed translation.</param>
/// <param name="Note">An optional note for translators; null for none.</param>
public sealed record GlossaryTerm(string Term, string Translation, string? Note);

/// <summary>The glossaries, one per language pair (source → target).</summary>
public interface IGlossaryStore
{
    /// <summary>The terms of a pair, ordered by term.</summary>
    Task<IReadOnlyList<GlossaryTerm>> ListGlossaryAsync(LanguageTag source, LanguageTag target, CancellationToken cancellationToken = default);

    /// <summary>Adds a term, or replaces the translation and note of the same term.</summary>
    Task UpsertGlossaryTermAsync(LanguageTag source, LanguageTag target, GlossaryTerm term, CancellationToken cancellationToken = default);

    /// <summary>Removes a term; false when the pair had no such term.</summary>
    Task<bool> DeleteGlossaryTermAsync(LanguageTag source, LanguageTag target, string term, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces every term, in one transaction: all or none.</summary>
    Task<int> ImportGlossaryAsync(LanguageTag source, LanguageTag target, IReadOnlyList<GlossaryTerm> terms, CancellationToken cancellationToken = default);
}
