using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Storage;

namespace Hexapla.Editorial;

/// <summary>
/// Releases: the original and any translations published together, now or at an instant, in one store transaction, or
/// none of them.
/// </summary>
public sealed partial class Newsroom
{
    /// <summary>
    /// Publishes <paramref name="members"/> together (editors and admins): each names a version and the revision of its
    /// text under work that goes live (a working copy over live text, or a version never live). With
    /// <paramref name="at"/> null or not in the future they go live now, in one store transaction; otherwise the release
    /// waits for its instant (<see cref="RunDueReleasesAsync"/>), and nothing is visible before it.
    /// </summary>
    /// <remarks>
    /// Each member is checked now and again at the instant: its newest revision must be the one named, approved (with
    /// <see cref="RequireSecondPerson"/>), with no unchecked machine output, and in no other pending release. A member
    /// that changed after approval or lost it fails the whole release, naming it.
    /// </remarks>
    /// <returns>The release: done when it went live now, pending otherwise.</returns>
    /// <exception cref="EditorialException">Forbidden for anyone who may not publish; Invalid for no members, a member
    /// named twice, or one that is not ready (the message names it); NotFound for a missing document or version; Conflict
    /// when a member changed since its revision or is in another pending release.</exception>
    public async Task<Release> ReleaseAsync(User actor, IReadOnlyList<ReleaseMember> members, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        AuthorizePublish(actor);
        if (members.Count == 0)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, "A release needs at least one version.");
        }

        if (members.GroupBy(m => (m.Slug, m.Language)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"The {twice.Key.Language} version of \"{twice.Key.Slug}\" is named twice in the release.");
        }

        var now = Now();
        var when = at is { } given && given > now ? DateTimeOffset.FromUnixTimeMilliseconds(given.ToUnixTimeMilliseconds()) : now;
        var pending = await store.ListReleasesAsync(pendingOnly: true, int.MaxValue, cancellationToken);
        var documents = new Dictionary<string, Document>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var (document, version) = await LoadAsync(actor, member.Slug, member.Language, cancellationToken);
            documents[member.Slug] = document;
            if (pending.FirstOrDefault(r => r.Members.Any(m => m.Slug == member.Slug && m.Language == member.Language)) is { } other)
            {
                throw new EditorialException(EditorialErrorKind.Conflict,
                    $"The {member.Language} version of \"{member.Slug}\" is already in release {other.Id} at {Iso(other.At)}; cancel that one first.");
            }

            _ = Ready(document, version, member, when, now);
        }

        if (when > now)
        {
            // The release's own entry, and one in each version's history.
            IReadOnlyList<AuditEntry> audit =
            [
                new AuditEntry(0, now, actor.Name, "release.schedule", null, $"at {Iso(when)}: {Describe(members)}"),
                .. members.Select(m => new AuditEntry(0, now, actor.Name, "version.release-scheduled", Target(m.Slug, m.Language),
                    string.Create(CultureInfo.InvariantCulture, $"revision {m.Revision} at {Iso(when)}"))),
            ];
            var release = await store.CreateReleaseAsync(when, members, audit, cancellationToken);
            return release;
        }

        var failure = await GoLiveTogetherAsync(actor.Name, members, documents, now, now, null, cancellationToken);
        if (failure is not null)
        {
            throw new EditorialException(EditorialErrorKind.Conflict, failure + " Nothing was published.");
        }

        return new Release(0, now, ReleaseState.Done, actor.Name, now, $"published by {actor.Name}", members);
    }

    /// <summary>Calls off a pending release (editors and admins); its versions stay as they are, approved.</summary>
    /// <exception cref="EditorialException">Forbidden; NotFound for no such release; Invalid when it is no longer pending.</exception>
    public async Task<Release> CancelReleaseAsync(User actor, long id, CancellationToken cancellationToken = default)
    {
        AuthorizePublish(actor);
        var release = await store.FindReleaseAsync(id, cancellationToken)
            ?? throw new EditorialException(EditorialErrorKind.NotFound, string.Create(CultureInfo.InvariantCulture, $"There is no release {id}."));
        var now = Now();
        var audit = new AuditEntry(0, now, actor.Name, "release.cancel", string.Create(CultureInfo.InvariantCulture, $"release/{id}"), Describe(release.Members));
        if (!await store.EndReleaseAsync(id, ReleaseState.Cancelled, $"cancelled by {actor.Name}", audit, cancellationToken))
        {
            throw new EditorialException(EditorialErrorKind.Invalid,
                string.Create(CultureInfo.InvariantCulture, $"Release {id} is {release.State.ToString().ToLowerInvariant()}, not pending: it can no longer be cancelled."));
        }

        return release with { State = ReleaseState.Cancelled, Outcome = $"cancelled by {actor.Name}" };
    }

    /// <summary>The pending releases (and, unless <paramref name="pendingOnly"/>, past ones), for whoever may publish.</summary>
    public Task<IReadOnlyList<Release>> ListReleasesAsync(User actor, bool pendingOnly = true, int limit = 100, CancellationToken cancellationToken = default)
    {
        AuthorizePublish(actor);
        return store.ListReleasesAsync(pendingOnly, limit, cancellationToken);
    }

    /// <summary>
    /// Carries out every pending release whose instant has come (the host calls this when the next one is due): each
    /// goes live whole at its instant, or fails whole with the reason recorded. Returns how many went live.
    /// </summary>
    public async Task<int> RunDueReleasesAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        var done = 0;
        foreach (var release in (await store.ListReleasesAsync(pendingOnly: true, int.MaxValue, cancellationToken)).Where(r => r.At <= now).OrderBy(r => r.At))
        {
            var documents = await store.FindDocumentsAsync([.. release.Members.Select(m => m.Slug).Distinct(StringComparer.Ordinal)], cancellationToken);
            var failure = await GoLiveTogetherAsync(User.System, release.Members, documents, release.At, now, release.Id, cancellationToken);
            if (failure is null)
            {
                done++;
                continue;
            }

            var audit = new AuditEntry(0, now, User.System, "release.fail", string.Create(CultureInfo.InvariantCulture, $"release/{release.Id}"), failure);
            await store.EndReleaseAsync(release.Id, ReleaseState.Failed, failure, audit, cancellationToken);
        }

        return done;
    }

    /// <summary>The earliest instant a pending release is due, or null.</summary>
    public Task<DateTimeOffset?> NextReleaseAsync(CancellationToken cancellationToken = default) => store.NextReleaseAsync(cancellationToken);

    /// <summary>Writes every member live at <paramref name="at"/> in one transaction; the reason it could not, or null.</summary>
    private async Task<string?> GoLiveTogetherAsync(
        string actor, IReadOnlyList<ReleaseMember> members, IReadOnlyDictionary<string, Document> documents, DateTimeOffset at, DateTimeOffset now,
        long? releaseId, CancellationToken cancellationToken)
    {
        var writes = new List<VersionWrite>();
        var audit = new List<AuditEntry>();
        var problems = new List<string>();
        foreach (var member in members)
        {
            if (!documents.TryGetValue(member.Slug, out var document) || document.Version(member.Language) is not { } version)
            {
                problems.Add($"the {member.Language} version of \"{member.Slug}\" no longer exists");
                continue;
            }

            try
            {
                var next = Ready(document, version, member, at, now) with { UpdatedAt = at };
                writes.Add(new VersionWrite(member.Slug, next, version.Latest.Revision, version.Latest.State));
                audit.Add(new AuditEntry(0, now, actor, "version.publish", Target(member.Slug, member.Language),
                    releaseId is { } id
                        ? string.Create(CultureInfo.InvariantCulture, $"revision {member.Revision} at {Iso(at)} in release {id}")
                        : string.Create(CultureInfo.InvariantCulture, $"revision {member.Revision} at {Iso(at)} with {members.Count - 1} other version(s)")));
            }
            catch (EditorialException e)
            {
                problems.Add(e.Message.TrimEnd('.'));
            }
        }

        if (problems.Count > 0)
        {
            return string.Join("; ", problems) + ".";
        }

        VersionWriteResult result;
        await _writeOrder.WaitAsync(cancellationToken);
        try
        {
            result = await store.SaveVersionsAsync(writes, audit, releaseId is { } id ? new ReleaseDone(id, $"published at {Iso(at)}") : null, cancellationToken);
            if (result.Generation is { } generation)
            {
                var stored = await store.FindDocumentsAsync([.. writes.Select(w => w.Slug).Distinct(StringComparer.Ordinal)], CancellationToken.None);
                await index.UpdateAsync([.. stored.Values], now, generation, CancellationToken.None);
                await FeedMemoryAsync(store as ITranslationMemory, [.. stored.Values], now, CancellationToken.None);
            }
        }
        finally
        {
            _writeOrder.Release();
        }

        return result.Generation is not null ? null
            : result.Failed is { } failed ? $"the {failed.Version.Language} version of \"{failed.Slug}\" changed while the release was being made"
            : "the release was cancelled meanwhile";
    }

    /// <summary>The version once <paramref name="member"/>'s text is live at <paramref name="at"/>; refuses a member not ready.</summary>
    private LanguageVersion Ready(Document document, LanguageVersion version, ReleaseMember member, DateTimeOffset at, DateTimeOffset now)
    {
        var work = version.Work ?? throw new EditorialException(EditorialErrorKind.Invalid,
            $"Nobody is working on the {member.Language} version of \"{member.Slug}\": it has nothing to release.");
        if (work.Revision != member.Revision)
        {
            throw new EditorialException(EditorialErrorKind.Conflict, string.Create(CultureInfo.InvariantCulture,
                $"The {member.Language} version of \"{member.Slug}\" is at revision {work.Revision}, not {member.Revision}: it changed after it was chosen for the release."));
        }

        // Releases are of approved text even when a second person is not required: a release is prepared work.
        if (work.State != VersionState.Approved)
        {
            throw new EditorialException(EditorialErrorKind.Invalid,
                $"Revision {work.Revision} of the {member.Language} version of \"{member.Slug}\" is {work.State.Name().Replace('_', ' ')}, not approved.");
        }

        return GoLive(member.Slug, document, version, at, now);
    }

    private static string Describe(IReadOnlyList<ReleaseMember> members) =>
        string.Join(", ", members.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Slug}/{m.Language} r{m.Revision}")));
}
