using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Storage;

/// <summary>
/// Where documents live. One implementation per database (SQLite now, PostgreSQL later); no database type
/// crosses this interface. Every method that writes does so in one transaction: it applies whole or not at all.
/// </summary>
public interface IContentStore
{
    /// <summary>
    /// A number that every successful <see cref="SaveDocumentsAsync"/> increases, in the same transaction: two equal
    /// generations mean the same stored content. The search index records the generation it reflects.
    /// </summary>
    Task<long> GetGenerationAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The earliest publication time after <paramref name="after"/> among published versions (the next embargo to
    /// lift), or null when there is none.
    /// </summary>
    Task<DateTimeOffset?> NextPublicationAfterAsync(DateTimeOffset after, CancellationToken cancellationToken = default);

    /// <summary>The slugs of documents with a version published in (<paramref name="after"/>, <paramref name="until"/>].</summary>
    Task<IReadOnlyList<string>> SlugsPublishedBetweenAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>How many documents the store holds, in any state.</summary>
    Task<long> CountDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>The document with this slug and all its versions in any state, or null.</summary>
    Task<Document?> FindDocumentAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>The documents among <paramref name="slugs"/> that exist, keyed by slug.</summary>
    Task<IReadOnlyDictionary<string, Document>> FindDocumentsAsync(
        IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or updates each document (matched by slug) with its tags, expected languages and versions
    /// (matched by language), all in one transaction. A version whose <see cref="LanguageVersion.Revision"/>
    /// is new is also kept in the revision history. Versions missing from a document are left as they are.
    /// </summary>
    /// <returns>The stored documents, with their identities.</returns>
    Task<IReadOnlyList<Document>> SaveDocumentsAsync(
        IReadOnlyList<Document> documents, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions public at <paramref name="now"/>, newest first (by publication time, then slug), in one
    /// language or, when <paramref name="language"/> is null, in all of them.
    /// </summary>
    Task<PublishedPage> ListPublishedAsync(
        LanguageTag? language, DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>For each language, how many versions are public at <paramref name="now"/>; most first.</summary>
    Task<IReadOnlyList<LanguageCount>> CountPublishedByLanguageAsync(
        DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every document with at least one version public at <paramref name="now"/>, by slug.</summary>
    IAsyncEnumerable<Document> StreamPublishedDocumentsAsync(
        DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>One page of public versions and the total across all pages.</summary>
public sealed record PublishedPage(long Total, IReadOnlyList<PublishedItem> Items);

/// <summary>A public version with the slug of its document and the languages of its public siblings.</summary>
public sealed record PublishedItem(string Slug, LanguageVersion Version, IReadOnlyList<LanguageTag> PublishedLanguages);

/// <summary>A language and a count.</summary>
public sealed record LanguageCount(LanguageTag Language, long Count);
