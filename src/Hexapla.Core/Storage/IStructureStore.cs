using Hexapla.Sections;

namespace Hexapla.Storage;

/// <summary>
/// Where the site's structure lives: sections, their old paths, kinds of document, menus, and each document's place
/// (section, kind, shared field values). Every write is one transaction, writes its audit entry and moves the store's
/// generation on (pages and menus show the structure, so the page cache must let go); a write that changes what the
/// search index holds for documents also logs their slugs.
/// </summary>
/// <remarks>
/// The store keeps the invariants that concurrent writers could break between a check and a write, and refuses with a
/// <see cref="StructureException"/> (nothing written): a slug taken by a sibling or by a document, a parent that would
/// make a cycle or does not exist, a section that still holds documents or sections, a kind still in use. The rules that
/// need no lock (who may, what a value must look like) are <see cref="Sections.StructureEditor"/>'s.
/// </remarks>
public interface IStructureStore
{
    /// <summary>Every section, kind and menu, read together.</summary>
    Task<SiteStructure> LoadStructureAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts (<see cref="Section.Id"/> 0) or updates a section with its titles (the stored titles are replaced by
    /// <see cref="Section.Titles"/>). When an update changes its slug or parent, the old paths of the section and of every
    /// section below it are kept as redirects to them, and the slugs of the documents below are logged.
    /// </summary>
    /// <returns>The section as stored, with its id.</returns>
    /// <exception cref="StructureException">The slug is taken, the parent is missing or below the section, or the section is gone.</exception>
    Task<Section> SaveSectionAsync(Section section, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Deletes a section with its titles and old paths; refused while documents or sections are in it.</summary>
    /// <exception cref="StructureException">No such section, or it is not empty (the message names what is in it).</exception>
    Task DeleteSectionAsync(long id, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>The section an old path (<see cref="SectionRedirect"/>) leads to, or null.</summary>
    Task<long?> FindSectionRedirectAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>How many documents sit directly in each section that holds any.</summary>
    Task<IReadOnlyDictionary<long, long>> CountDocumentsBySectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// For each section and language, how many documents sit directly in the section with a version in that language
    /// public at <paramref name="now"/> (<see cref="Content.LanguageVersion.IsPublicAt"/>); pairs with none are left out.
    /// </summary>
    Task<IReadOnlyList<SectionLanguageCount>> CountPublicDocumentsBySectionAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a kind (by key).</summary>
    /// <exception cref="StructureException">A stored document's value does not fit a field's new type (the message names it).</exception>
    Task SaveKindAsync(DocumentKind kind, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Deletes a kind; refused while documents are of it.</summary>
    /// <exception cref="StructureException">No such kind, or documents are of it (the message names some).</exception>
    Task DeleteKindAsync(string key, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a menu (by name).</summary>
    Task SaveMenuAsync(Menu menu, AuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a document's section, kind and shared field values (replacing the stored ones) and logs its slug. Its versions
    /// and their translatable values are not touched: those change through version writes.
    /// </summary>
    /// <exception cref="StructureException">No such document, section or kind.</exception>
    Task PlaceDocumentAsync(string slug, DocumentPlacement placement, AuditEntry audit, CancellationToken cancellationToken = default);
}

/// <summary>Where a document sits and what it is: see <see cref="IStructureStore.PlaceDocumentAsync"/>.</summary>
/// <param name="SectionId">Its section, or null for none.</param>
/// <param name="Kind">Its kind's key, or null for none.</param>
/// <param name="Fields">Its shared field values, by key, already checked against the kind.</param>
public sealed record DocumentPlacement(long? SectionId, string? Kind, IReadOnlyDictionary<string, string> Fields);

