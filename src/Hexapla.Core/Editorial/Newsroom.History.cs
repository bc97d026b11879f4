using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Editorial;

/// <summary>A version's history as the admin shows it: what was done to it, besides its revisions (<see cref="HistoryAsync"/>).</summary>
public sealed partial class Newsroom
{
    /// <summary>
    /// The audit entries of one version (saves, state changes, keeps, restores, discards, releases, imports), oldest
    /// first, for users who may read it in any state: the same check as <see cref="HistoryAsync"/>.
    /// </summary>
    /// <exception cref="EditorialException">NotFound for no such version or one the actor may not read.</exception>
    public async Task<IReadOnlyList<AuditEntry>> AuditOfAsync(User actor, string slug, LanguageTag language, CancellationToken cancellationToken = default)
    {
        _ = await LoadAsync(actor, slug, language, cancellationToken);
        return await store.ListAuditOfAsync(Target(slug, language), cancellationToken);
    }
}
