using Hexapla.Accounts;
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
    /// The documents that writes after <paramref name="generation"/> touched (created, changed or deleted), with
    /// the store's generation now, read together. Null when the change log does not reach back that far (it starts
    /// at the generation the store had when the log was added) or <paramref name="generation"/> is ahead of the
    /// store: the reader must rebuild instead.
    /// </summary>
    Task<StoreChanges?> ChangesSinceAsync(long generation, CancellationToken cancellationToken = default);

    /// <summary>
    /// The earliest publication time after <paramref name="after"/> among published versions (the next embargo to
    /// lift), or null when there is none.
    /// </summary>
    Task<DateTimeOffset?> NextPublicationAfterAsync(DateTimeOffset after, CancellationToken cancellationToken = default);

    /// <summary>The slugs of documents with a version published in (<paramref name="after"/>, <paramref name="until"/>].</summary>
    Task<IReadOnlyList<string>> SlugsPublishedBetweenAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>How many documents the store holds, in any state.</summary>
    Task<long> CountDocumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>The document with this slug and all its versions in any state, with their working copies, or null.</summary>
    Task<Document?> FindDocumentAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>
    /// The document with this slug and all its versions in any state, without reading a working copy (every
    /// <see cref="LanguageVersion.Working"/> is null): what pages and feeds read to serve readers. Null when missing.
    /// </summary>
    Task<Document?> FindLiveDocumentAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>The documents among <paramref name="slugs"/> that exist, keyed by slug.</summary>
    Task<IReadOnlyDictionary<string, Document>> FindDocumentsAsync(
        IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default);

    /// <summary>
    /// The documents among <paramref name="slugs"/> that exist, keyed by slug, without reading a working copy (as
    /// <see cref="FindLiveDocumentAsync"/>): what a static export and search results read to serve readers.
    /// </summary>
    Task<IReadOnlyDictionary<string, Document>> FindLiveDocumentsAsync(
        IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or updates each document (matched by slug) with its tags, expected languages and versions
    /// (matched by language), all in one transaction. A document's section, kind and shared field values are written
    /// when given; null or none keeps what an existing document has (an import that says nothing of them does not take a
    /// document out of its section; <see cref="IStructureStore.PlaceDocumentAsync"/> clears them). A version whose <see cref="LanguageVersion.Revision"/>
    /// is new is also kept in the revision history. Versions missing from a document are left as they are.
    /// </summary>
    /// <returns>The stored documents, with their identities.</returns>
    Task<IReadOnlyList<Document>> SaveDocumentsAsync(
        IReadOnlyList<Document> documents, CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins a write of any size that applies whole or not at all (see <see cref="IBulkWrite"/>). Meant for one
    /// writer at a time, such as an import run; other writers may wait for it or time out.
    /// </summary>
    /// <remarks>
    /// The default keeps the whole write in memory and saves it at the commit; a store that can stream (SQLite)
    /// overrides it. A default body keeps every store compiling when this member arrives.
    /// </remarks>
    Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IBulkWrite>(new BufferedBulkWrite(this));

    /// <summary>
    /// The versions public at <paramref name="now"/>, newest first (by publication time, then slug), in one
    /// language or, when <paramref name="language"/> is null, in all of them.
    /// </summary>
    Task<PublishedPage> ListPublishedAsync(
        LanguageTag? language, DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The versions public at <paramref name="now"/> that <paramref name="filter"/> lets through, newest first (by
    /// publication time, then slug), with the total across all pages. A section page passes its section and every section
    /// below it; the home page none.
    /// </summary>
    /// <param name="filter">The language and what narrows the listing.</param>
    /// <param name="now">The instant that decides what is public.</param>
    /// <param name="offset">Versions to skip; past the end the page is empty.</param>
    /// <param name="limit">Versions to return, at least 1.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    Task<PublishedPage> ListFilteredAsync(
        ListingFilter filter, DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The facet counts of a listing (<see cref="ListingFacets"/>): kinds, the <paramref name="topTags"/> most used tags,
    /// and years of publication in <paramref name="zone"/>, each counting only versions public at <paramref name="now"/>
    /// that the rest of <paramref name="filter"/> lets through.
    /// </summary>
    Task<ListingFacets> CountFacetsAsync(
        ListingFilter filter, DateTimeOffset now, int topTags, TimeZoneInfo zone, CancellationToken cancellationToken = default);

    /// <summary>
    /// The languages with at least one version public at <paramref name="now"/> among documents placed in one of
    /// <paramref name="sectionIds"/>, ordered by language (a section page's hreflang alternates).
    /// </summary>
    Task<IReadOnlyList<LanguageTag>> ListSectionLanguagesAsync(
        IReadOnlyCollection<long> sectionIds, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each section and language, how many versions public at <paramref name="now"/> the documents placed directly
    /// in it have (the sitemap rolls them up the tree); sections and languages without any are left out.
    /// </summary>
    Task<IReadOnlyList<SectionLanguageCount>> CountPublishedBySectionAsync(
        DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>For each language, how many versions are public at <paramref name="now"/>; most first.</summary>
    Task<IReadOnlyList<LanguageCount>> CountPublishedByLanguageAsync(
        DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every document with at least one version public at <paramref name="now"/>, by slug.</summary>
    IAsyncEnumerable<Document> StreamPublishedDocumentsAsync(
        DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many documents have at least one version public at <paramref name="now"/> (the documents
    /// <see cref="ListPublicDocumentsAsync"/> pages through).
    /// </summary>
    Task<long> CountPublicDocumentsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the documents with at least one version public at <paramref name="now"/>, by slug (ordinal), with only
    /// what a sitemap needs: the slug and each public version's language and last update, no text. A version is public
    /// exactly when <see cref="LanguageVersion.IsPublicAt"/> says so: drafts, versions in review, approved or
    /// unpublished ones and those under embargo at <paramref name="now"/> never appear.
    /// </summary>
    /// <param name="now">The instant that decides what is public.</param>
    /// <param name="offset">Documents to skip; past the end the page is empty.</param>
    /// <param name="limit">Documents to return, at least 1.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    Task<IReadOnlyList<PublicDocument>> ListPublicDocumentsAsync(
        DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new document, with its tags and versions, only when no document has its slug; writes
    /// <paramref name="audit"/> and each version's first revision (created by <paramref name="audit"/>'s actor) in the
    /// same transaction and bumps the generation.
    /// </summary>
    /// <returns>The stored document and the new generation, or null when the slug is taken (nothing is written).</returns>
    Task<(Document Document, long Generation)?> CreateDocumentAsync(
        Document document, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one version of the document <paramref name="slug"/> as a compare-and-set: with
    /// <paramref name="expectedRevision"/> null the version must not exist yet and is inserted; otherwise the stored
    /// version must have that revision (and, when <paramref name="expectedState"/> is given, that state) and is replaced. A revision number not yet in the history is added to it;
    /// <c>versions.updated_by</c> and <c>revisions.created_by</c> are <paramref name="audit"/>'s actor. The audit entry,
    /// the document's <see cref="Document.UpdatedAt"/> and the generation bump share the transaction.
    /// </summary>
    /// <returns>The new generation, or null when the document is missing or the expectation failed (nothing is written).</returns>
    Task<long?> SaveVersionAsync(
        string slug, LanguageVersion version, int? expectedRevision, AuditEntry audit, VersionState? expectedState = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes several versions (of one document or several) in one transaction, each a compare-and-set as in
    /// <see cref="SaveVersionAsync"/>: the expected revision is the newest text's (<see cref="LanguageVersion.Latest"/>),
    /// the expected state that of the text under work. Either every write applies, with every audit entry, one generation
    /// bump and, when <paramref name="release"/> is given, that pending release marked done; or none does.
    /// </summary>
    /// <returns>The new generation; or null and the write whose expectation failed (null too when the release was no
    /// longer pending).</returns>
    Task<VersionWriteResult> SaveVersionsAsync(
        IReadOnlyList<VersionWrite> writes, IReadOnlyList<AuditEntry> audit, ReleaseDone? release = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a pending release of <paramref name="members"/> at <paramref name="at"/> with its audit entries (at least one;
    /// the first's actor and time are the release's, and an entry without a target gets <c>release/ID</c>). Content does
    /// not change, so the generation does not move.
    /// </summary>
    /// <returns>The release as stored, with its id.</returns>
    Task<Release> CreateReleaseAsync(DateTimeOffset at, IReadOnlyList<ReleaseMember> members, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default);

    /// <summary>Releases, newest instant first: only the pending ones when <paramref name="pendingOnly"/>.</summary>
    Task<IReadOnlyList<Release>> ListReleasesAsync(bool pendingOnly, int limit, CancellationToken cancellationToken = default);

    /// <summary>The release with this id, or null.</summary>
    Task<Release?> FindReleaseAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a pending release without publishing it (cancelled, or failed with <paramref name="outcome"/> saying why),
    /// with its audit entry; false when it was no longer pending (nothing written).
    /// </summary>
    Task<bool> EndReleaseAsync(long id, ReleaseState state, string? outcome, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The earliest instant of a pending release, or null when none is pending.</summary>
    Task<DateTimeOffset?> NextReleaseAsync(CancellationToken cancellationToken = default);

    /// <summary>The audit entries about one target (<c>slug/lang</c>), oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditOfAsync(string target, CancellationToken cancellationToken = default);

    /// <summary>Deletes a document with its versions and their history, writing <paramref name="audit"/> in the same transaction.</summary>
    /// <returns>The new generation, or null when there was no such document.</returns>
    Task<long?> DeleteDocumentAsync(string slug, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Every kept revision of a version, newest first; empty when there is no such version.</summary>
    Task<IReadOnlyList<VersionRevision>> ListRevisionsAsync(
        string slug, LanguageTag language, CancellationToken cancellationToken = default);

    /// <summary>
    /// Documents for the editors' list, most recently changed first: those with a version that matches every part
    /// of <paramref name="filter"/> given, with all their versions.
    /// </summary>
    Task<DocumentListPage> ListDocumentsAsync(DocumentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The audit log, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int offset, int limit, CancellationToken cancellationToken = default);
}

/// <summary>One page of public versions and the total across all pages.</summary>
public sealed record PublishedPage(long Total, IReadOnlyList<PublishedItem> Items);

/// <summary>A public version with the slug of its document and the languages of its public siblings.</summary>
public sealed record PublishedItem(string Slug, LanguageVersion Version, IReadOnlyList<LanguageTag> PublishedLanguages);

/// <summary>A document as a sitemap lists it: its slug and its public versions, without their text.</summary>
/// <param name="Slug">The document's slug.</param>
/// <param name="Versions">
/// The versions public at the instant asked, never empty, ordered as <see cref="Document.PublishedVersions"/> orders
/// them: the original language first, then by language.
/// </param>
public sealed record PublicDocument(string Slug, IReadOnlyList<PublicVersion> Versions);

/// <summary>A public version as a sitemap lists it.</summary>
/// <param name="Language">Its language.</param>
/// <param name="UpdatedAt">When it was last changed (<see cref="LanguageVersion.UpdatedAt"/>).</param>
public sealed record PublicVersion(LanguageTag Language, DateTimeOffset UpdatedAt);

/// <summary>A language and a count.</summary>
public sealed record LanguageCount(LanguageTag Language, long Count);

/// <summary>One kept revision of a language version.</summary>
/// <param name="Revision">Its number, from 1.</param>
/// <param name="Title">The title then.</param>
/// <param name="Summary">The summary then.</param>
/// <param name="Body">The body then.</param>
/// <param name="CreatedAt">When it was saved.</param>
/// <param name="CreatedBy">Who saved it; null for revisions stored before the editorial workflow (imports).</param>
public sealed record VersionRevision(int Revision, string Title, string? Summary, string Body, DateTimeOffset CreatedAt, string? CreatedBy)
{
    /// <summary>What changed, as its author said; null when nothing was said.</summary>
    public string? Note { get; init; }

    /// <summary>The revision's translatable field values (<see cref="LanguageVersion.Fields"/>); empty when it had none.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = Document.EmptyFields;

    /// <summary>Equal when every member is, the field values compared as a set of key-value pairs (a record would compare the dictionaries by reference).</summary>
    public bool Equals(VersionRevision? other) =>
        other is not null && Revision == other.Revision && Title == other.Title && Summary == other.Summary && Body == other.Body
        && CreatedAt == other.CreatedAt && CreatedBy == other.CreatedBy && Note == other.Note
        && Fields.Count == other.Fields.Count && Fields.All(f => other.Fields.TryGetValue(f.Key, out var value) && value == f.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Revision, Title, Summary, Body, CreatedAt, CreatedBy, Note, Fields.Count);
}

/// <summary>One version write of <see cref="IContentStore.SaveVersionsAsync"/>.</summary>
/// <param name="Slug">The document.</param>
/// <param name="Version">The version as it is to be stored, with its working copy.</param>
/// <param name="ExpectedRevision">The newest revision expected in the store; null for a version that must not exist yet.</param>
/// <param name="ExpectedState">When given, the state the text under work must be in.</param>
public sealed record VersionWrite(string Slug, LanguageVersion Version, int? ExpectedRevision, VersionState? ExpectedState = null);

/// <summary>What <see cref="IContentStore.SaveVersionsAsync"/> did: the new generation, or the write that failed.</summary>
public sealed record VersionWriteResult(long? Generation, VersionWrite? Failed);

/// <summary>The pending release a batch of writes carries out, and what to record of it.</summary>
public sealed record ReleaseDone(long Id, string? Outcome);

/// <summary>Where a release stands.</summary>
public enum ReleaseState
{
    /// <summary>Waiting for its instant.</summary>
    Pending,

    /// <summary>Carried out: every member went live together.</summary>
    Done,

    /// <summary>Refused at its instant (a member changed or lost its approval); nothing went live.</summary>
    Failed,

    /// <summary>Called off before its instant.</summary>
    Cancelled,
}

/// <summary>Several versions published together at one instant.</summary>
/// <param name="Id">The store's identity.</param>
/// <param name="At">When the members go live.</param>
/// <param name="State">Where it stands.</param>
/// <param name="CreatedBy">Who scheduled it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="Outcome">What happened (why it failed, or who carried it out); null while pending.</param>
/// <param name="Members">The versions and the revision of each that goes live.</param>
public sealed record Release(long Id, DateTimeOffset At, ReleaseState State, string CreatedBy, DateTimeOffset CreatedAt, string? Outcome, IReadOnlyList<ReleaseMember> Members);

/// <summary>One version of a release: the revision of its text that goes live.</summary>
public sealed record ReleaseMember(string Slug, LanguageTag Language, int Revision);

/// <summary>What the editors' document list shows.</summary>
/// <param name="Language">Only documents with a version in this language.</param>
/// <param name="State">Only documents with a version in this state.</param>
/// <param name="Text">Only documents with a version whose title contains this text (case-insensitive for ASCII letters).</param>
/// <param name="Offset">Rows to skip.</param>
/// <param name="Limit">Rows to return, at least 1.</param>
/// <param name="Readable">
/// The versions the reader may read: only they are matched, counted and listed, so no filter tells anything of the
/// others. Null for every version (the command line, which has no reader).
/// </param>
/// <remarks>The parts given must hold for one and the same version.</remarks>
public sealed record DocumentFilter(
    LanguageTag? Language = null, VersionState? State = null, string? Text = null, int Offset = 0, int Limit = 50, ReadScope? Readable = null);

/// <summary>One page of the editors' document list and the number of matching documents.</summary>
public sealed record DocumentListPage(long Total, IReadOnlyList<DocumentRow> Rows);

/// <summary>A document in the editors' list.</summary>
public sealed record DocumentRow(string Slug, LanguageTag OriginalLanguage, DateTimeOffset UpdatedAt, IReadOnlyList<VersionRow> Versions);

/// <summary>A version in the editors' list.</summary>
/// <remarks><see cref="Title"/> is the newest text's: the working copy's when there is one.</remarks>
public sealed record VersionRow(
    LanguageTag Language, VersionState State, int Revision, string Title, DateTimeOffset? PublishedAt, DateTimeOffset UpdatedAt, string? UpdatedBy)
{
    /// <summary>The revision of the working copy over the live text, or null.</summary>
    public int? WorkingRevision { get; init; }

    /// <summary>The state of that working copy, or null.</summary>
    public VersionState? WorkingState { get; init; }

    /// <summary>True when the text under work was sent back with a reason.</summary>
    public bool Rejected { get; init; }
}

/// <summary>What changed in the store since a generation: the documents concerned, by slug, and the generation now.</summary>
/// <param name="Generation">The store's generation when the changes were read.</param>
/// <param name="Slugs">The slugs of the documents written since; a slug whose document is gone was deleted.</param>
public sealed record StoreChanges(long Generation, IReadOnlyList<string> Slugs);
