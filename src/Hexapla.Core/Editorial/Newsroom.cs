using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Editorial;

/// <summary>What a new document starts with: its original version, as a draft.</summary>
/// <param name="Slug">The slug; null or blank to make one from <paramref name="Title"/> with <see cref="Content.Slug.FromTitle"/>.</param>
/// <param name="Language">The original language.</param>
/// <param name="Title">The title, plain text, not blank.</param>
/// <param name="Body">The body in Markdown; may be empty.</param>
/// <param name="Summary">An optional summary; blank counts as none.</param>
/// <param name="Tags">Tags; trimmed, lowercased, blanks and duplicates dropped.</param>
public sealed record NewDocument(string? Slug, LanguageTag Language, string Title, string Body, string? Summary = null, IReadOnlyList<string>? Tags = null);

/// <summary>The text of a version as an editor saves it.</summary>
/// <param name="Title">The title, plain text, not blank.</param>
/// <param name="Body">The body in Markdown; may be empty.</param>
/// <param name="Summary">An optional summary; blank counts as none.</param>
/// <param name="Note">What changed, kept with the revision; required for a change to text that has been live.</param>
/// <param name="Fields">
/// The values of the document kind's translatable fields in this language, by key (checked against the kind; see
/// <see cref="Sections.StructureEditor.CheckVersionFields"/>); null keeps the values the text had, empty removes them.
/// </param>
public sealed record VersionEdit(string Title, string Body, string? Summary = null, string? Note = null, IReadOnlyDictionary<string, string>? Fields = null);

/// <summary>
/// The one place where people change documents; the web UI, the write API and the CLI all come through here.
/// </summary>
/// <remarks>
/// <para>
/// Every method takes the acting <see cref="User"/> and checks <see cref="Permissions"/>; a refusal is an
/// <see cref="EditorialException"/> whose <see cref="EditorialException.Kind"/> maps to an HTTP status and whose
/// message can be shown to the user. A disabled user may do nothing and reads as an anonymous reader.
/// </para>
/// <para>
/// Every change is one store transaction with its audit entry (the actor's name, an action such as
/// <c>version.save</c> or <c>version.publish</c>, the target <c>slug/lang</c>), and the search index is brought up to
/// date, with the store generation, before the method returns.
/// </para>
/// <para>
/// The live text and the text being worked on are different things. A version never live is its own working text; once
/// published, a version keeps its live text for readers and every change goes to one working copy over it
/// (<see cref="LanguageVersion.Working"/>) until that copy is published (at once or by a release at an instant) or
/// discarded. The text under work (<see cref="LanguageVersion.Work"/>) moves: draft → in review (<see cref="SubmitAsync"/>),
/// in review → approved (<see cref="ApproveAsync"/>), in review or approved → draft with a reason (<see cref="RejectAsync"/>),
/// and becomes live by <see cref="PublishAsync"/> or <see cref="ReleaseAsync"/> (editors and admins). With
/// <see cref="RequireSecondPerson"/> only approved text is published, approved by someone other than its last author.
/// Published → unpublished by <see cref="UnpublishAsync"/>. Anything else is <see cref="EditorialErrorKind.Invalid"/>.
/// </para>
/// <para>
/// <see cref="LanguageVersion.Revision"/> counts texts: every save makes a new revision number (above any in the history,
/// <see cref="LanguageVersion.LastRevision"/>); a change of state keeps it. The revision a caller says it saw is always
/// the newest text's (<see cref="LanguageVersion.Latest"/>).
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its SemaphoreSlim never makes a wait handle (AvailableWaitHandle is not used), so there is nothing to dispose.")]
public sealed partial class Newsroom(IContentStore store, ISearchIndex index, TimeProvider clock)
{
    // Each store write and the index update after it take their turn, one at a time: the index then never takes an
    // older read-back after a newer one, and the store generation it records covers every write before it (a crash
    // between two writes' index updates must not leave the index claiming a generation it lacks a change of). Once
    // the store has a change, the index gets it even if the caller has gone, or it would lag until the next start.
    private readonly SemaphoreSlim _writeOrder = new(1, 1);

    /// <summary>The longest title accepted.</summary>
    public const int MaxTitleLength = 500;

    /// <summary>The longest note or reason accepted.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>
    /// When true (the default), text goes live only once approved by someone other than its last author: publishing
    /// unapproved text is refused, and nobody approves their own text.
    /// </summary>
    public bool RequireSecondPerson { get; init; } = true;

    /// <summary>The most segments a saved version may have (<see cref="SegmentLimit"/>); a save over it is Invalid.</summary>
    public int MaxSegmentsPerDocument { get; init; } = SegmentLimit.Default;

    private void CheckSegments(string slug, LanguageVersion version)
    {
        if (SegmentLimit.Problem(slug, version, MaxSegmentsPerDocument) is { } problem)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, problem);
        }
    }

    /// <summary>
    /// Creates a document whose original, in <see cref="NewDocument.Language"/>, is a draft at revision 1.
    /// </summary>
    /// <returns>The stored document.</returns>
    /// <exception cref="EditorialException">Forbidden for translators and reviewers; Invalid for a bad slug, a title
    /// no slug can be made from, a blank title, or a character the entrance rule refuses (<see cref="EnteringText"/>, with
    /// <see cref="EditorialException.Field"/>); Conflict when the slug is taken.</exception>
    public async Task<Document> CreateDocumentAsync(User actor, NewDocument input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        AuthorizeCreate(actor);
        ArgumentNullException.ThrowIfNull(input.Language);
        var edit = Validate(new VersionEdit(input.Title, input.Body, input.Summary));
        var tags = Entering(() => (input.Tags ?? []).Select(t => EnteringText.Accept(t ?? "", "tags")).ToList());
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slug.FromTitle(edit.Title) : input.Slug.Trim();
        if (!Slug.IsValid(slug))
        {
            throw new EditorialException(EditorialErrorKind.Invalid, string.IsNullOrWhiteSpace(input.Slug)
                ? $"No web address can be made from the title \"{edit.Title}\"; give a slug."
                : $"\"{input.Slug}\" is not a valid slug: use lowercase letters a–z, digits and single hyphens, at most {Slug.MaxValidLength} characters.");
        }

        if (Slug.IsReserved(slug))
        {
            throw new EditorialException(EditorialErrorKind.Invalid,
                $"The web address \"{slug}\" belongs to the site's {slug} page, so the document could never be read there; give another slug.");
        }

        var now = Now();
        var document = new Document
        {
            Slug = slug,
            OriginalLanguage = input.Language,
            Tags = [.. tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)],
            CreatedAt = now,
            UpdatedAt = now,
            Versions =
            [
                Segmentation.WithSegments(new LanguageVersion
                {
                    Language = input.Language,
                    Title = edit.Title,
                    Summary = edit.Summary,
                    Body = edit.Body,
                    State = VersionState.Draft,
                    Revision = 1,
                    UpdatedAt = now,
                }, null),
            ],
        };
        CheckSegments(slug, document.Versions[0]);
        var audit = new AuditEntry(0, now, actor.Name, "document.create", Target(slug, input.Language), "revision 1");
        await _writeOrder.WaitAsync(cancellationToken);
        try
        {
            var created = await store.CreateDocumentAsync(document, audit, cancellationToken)
                ?? throw new EditorialException(EditorialErrorKind.Conflict, $"There is already a document at \"{slug}\"; choose another slug.");
            return await IndexAsync(slug, created.Generation, now, CancellationToken.None)
                ?? throw new InvalidOperationException($"The document \"{slug}\" vanished right after it was created.");
        }
        finally
        {
            _writeOrder.Release();
        }
    }

    /// <summary>
    /// Saves the text of a version as a new revision: into the working copy of a version that has been live (never the
    /// live text), into the version itself while it was never live, and as a new draft when the document has no version
    /// in <paramref name="language"/> yet.
    /// </summary>
    /// <remarks>
    /// <para>
    /// An existing version is changed only when <paramref name="expectedRevision"/> is its newest revision
    /// (<see cref="LanguageVersion.Latest"/>): the check and the write are one compare-and-set in the store, so of two
    /// concurrent saves from the same revision one wins and the other gets an <see cref="EditConflictException"/> with the
    /// text that won. A new version needs <paramref name="expectedRevision"/> null or 0.
    /// </para>
    /// <para>
    /// The text under work after a save: a new working copy is a draft; approved text goes back to in review, since the
    /// approval was for another text; draft or in review stays. A change to text that has been live needs a note
    /// (<see cref="VersionEdit.Note"/>). Translators may save their languages whether or not the version is live.
    /// Saving a translation records the original's newest revision as its <see cref="LanguageVersion.SourceRevision"/>.
    /// </para>
    /// </remarks>
    /// <returns>The version as stored, its working copy included.</returns>
    /// <exception cref="EditConflictException"><paramref name="expectedRevision"/> is not the newest revision.</exception>
    /// <exception cref="EditorialException">NotFound for no such document; Forbidden when the actor may not edit this
    /// language; PreconditionRequired when the version exists and <paramref name="expectedRevision"/> is null; Invalid for
    /// a blank title, a missing note on live text, or a character the entrance rule refuses (<see cref="EnteringText"/>;
    /// <see cref="EditorialException.Field"/> names the field, the message the line and column).</exception>
    public async Task<LanguageVersion> SaveVersionAsync(
        User actor, string slug, LanguageTag language, VersionEdit edit, int? expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var text = Validate(edit);
        return await WriteTextAsync(actor, slug, language, text, expectedRevision, "version.save", null, cancellationToken);
    }

    /// <summary>
    /// Makes a working copy (or, for a version never live, a new revision) from the text of an earlier revision; it goes
    /// through review like any change. The same rules as <see cref="SaveVersionAsync"/> apply; the note defaults to one
    /// naming the revision restored.
    /// </summary>
    /// <exception cref="EditorialException">NotFound for no such version or revision; otherwise as <see cref="SaveVersionAsync"/>.</exception>
    public async Task<LanguageVersion> RestoreRevisionAsync(
        User actor, string slug, LanguageTag language, int revision, int expectedRevision, string? note = null, CancellationToken cancellationToken = default)
    {
        var (document, _) = await LoadAsync(actor, slug, language, cancellationToken);
        Require(actor, actor.CanEdit(document.OriginalLanguage, language), $"edit the {language} version");
        var old = (await store.ListRevisionsAsync(slug, language, cancellationToken)).FirstOrDefault(r => r.Revision == revision)
            ?? throw new EditorialException(EditorialErrorKind.NotFound, $"The {language} version of \"{slug}\" has no revision {revision}.");
        // An old revision may be from before the entrance rule: it comes back repaired (EnteringText.Repair), since
        // the person restoring it could not fix it first.
        var text = Validate(new VersionEdit(EnteringText.Repair(old.Title), EnteringText.Repair(old.Body), old.Summary is null ? null : EnteringText.Repair(old.Summary),
            string.IsNullOrWhiteSpace(note) ? string.Create(CultureInfo.InvariantCulture, $"Restored from revision {revision}.") : note));
        return await WriteTextAsync(actor, slug, language, text, expectedRevision, "version.restore",
            string.Create(CultureInfo.InvariantCulture, $"from revision {revision}"), cancellationToken);
    }

    /// <summary>Sends the text under work for review (draft → in review). Anyone who may edit the version may submit it.</summary>
    /// <param name="actor">The user.</param>
    /// <param name="slug">The document.</param>
    /// <param name="language">The version.</param>
    /// <param name="expectedRevision">When given, the newest revision the user saw; a different one is a conflict.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<LanguageVersion> SubmitAsync(
        User actor, string slug, LanguageTag language, int? expectedRevision = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, slug, language, expectedRevision, "version.submit",
            (document, _) => Require(actor, actor.CanEdit(document.OriginalLanguage, language), $"submit the {language} version"),
            (_, version) => (OnWork(slug, version, "submitted for review", work =>
            {
                From(work, "submitted for review", VersionState.Draft);
                return work with { State = VersionState.InReview, Rejection = null };
            }), null), cancellationToken);

    /// <summary>
    /// Approves the text under work (in review → approved): reviewers, editors and admins; with
    /// <see cref="RequireSecondPerson"/>, never its last author.
    /// </summary>
    /// <inheritdoc cref="SubmitAsync" />
    public Task<LanguageVersion> ApproveAsync(
        User actor, string slug, LanguageTag language, int? expectedRevision = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, slug, language, expectedRevision, "version.approve",
            (_, version) =>
            {
                Require(actor, actor.CanApprove(), "approve versions");
                if (RequireSecondPerson && version.Work is { Author: { } author } work && SamePerson(author, actor.Name))
                {
                    throw new EditorialException(EditorialErrorKind.Forbidden,
                        $"{actor.Name} wrote revision {work.Revision} of the {language} version of \"{slug}\"; a reviewer, editor or admin other than {author} must approve it.");
                }
            },
            (_, version) => (OnWork(slug, version, "approved", work =>
            {
                From(work, "approved", VersionState.InReview);
                return work with { State = VersionState.Approved, ApprovedBy = actor.Name, Rejection = null };
            }), null), cancellationToken);

    /// <summary>
    /// Sends the text under work back to its writers (in review or approved → draft) with <paramref name="reason"/>, which
    /// they see on the version and in their work list: reviewers, editors and admins.
    /// </summary>
    /// <exception cref="EditorialException">Invalid for a blank reason; otherwise as <see cref="SubmitAsync"/>.</exception>
    public Task<LanguageVersion> RejectAsync(
        User actor, string slug, LanguageTag language, string? reason, int? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        var why = Note(reason, "reason") ?? throw new EditorialException(EditorialErrorKind.Invalid,
            "Say why the text goes back, so its writers know what to change.") { Field = "reason" };
        return TransitionAsync(actor, slug, language, expectedRevision, "version.reject",
            (_, _) => Require(actor, actor.CanApprove(), "send versions back"),
            (_, version) => (OnWork(slug, version, "sent back to draft", work =>
            {
                From(work, "sent back to draft", VersionState.InReview, VersionState.Approved);
                return work with { State = VersionState.Draft, ApprovedBy = null, Rejection = why };
            }), why), cancellationToken);
    }

    /// <summary>
    /// Publishes the text under work (editors and admins): a version never live, a working copy over live text (the
    /// live text is replaced and readers see "Updated"), or a withdrawn version's text again.
    /// </summary>
    /// <remarks>
    /// With <see cref="RequireSecondPerson"/> the text must be approved (a withdrawn version going back up as it was
    /// needs no new approval). With <paramref name="at"/> null or in the past the change is live at once. A future time
    /// for a version never live is an embargo: the state is published at once, but readers, search and every list see
    /// it from that instant on (<see cref="LanguageVersion.IsPublicAt"/>); a version still under embargo may be
    /// published again to move its time. A future time for a working copy is a release of that one version
    /// (<see cref="ReleaseAsync"/>): the live text stays until the instant. A translation with no
    /// <see cref="LanguageVersion.SourceRevision"/> gets the original's current revision. A version a pending release
    /// holds is refused (Conflict) until that release is cancelled: it goes live at the release's instant, never sooner.
    /// </remarks>
    /// <param name="actor">The user.</param>
    /// <param name="slug">The document.</param>
    /// <param name="language">The version.</param>
    /// <param name="at">When it goes public; null for now.</param>
    /// <param name="expectedRevision">When given, the newest revision the user saw; a different one is a conflict.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<LanguageVersion> PublishAsync(
        User actor, string slug, LanguageTag language, DateTimeOffset? at = null, int? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var when = at is { } given ? DateTimeOffset.FromUnixTimeMilliseconds(given.ToUnixTimeMilliseconds()) : now;
        if (when > now)
        {
            AuthorizePublish(actor);
            var (_, found) = await LoadAsync(actor, slug, language, cancellationToken);
            if (found.Working is { } work)
            {
                if (expectedRevision is { } seen && seen != work.Revision)
                {
                    throw new EditConflictException(found, expectedRevision);
                }

                await ReleaseAsync(actor, [new ReleaseMember(slug, language, work.Revision)], when, cancellationToken);
                return (await store.FindDocumentAsync(slug, cancellationToken))?.Version(language) ?? found;
            }
        }

        // A version a pending release holds goes live at the release's instant and no sooner: publishing it now (or
        // embargoing it to another time) would put an embargoed text out early.
        var pending = await store.ListReleasesAsync(pendingOnly: true, int.MaxValue, cancellationToken);
        return await TransitionAsync(actor, slug, language, expectedRevision, "version.publish",
            (_, _) => AuthorizePublish(actor),
            (document, version) =>
        {
            if (version.Working is null && version.IsPublicAt(now))
            {
                throw new EditorialException(EditorialErrorKind.Invalid,
                    $"The {language} version of \"{slug}\" is published and nobody is working on it: there is nothing new to publish.");
            }

            if (pending.FirstOrDefault(r => r.Members.Any(m => m.Slug == slug && m.Language == language)) is { } release)
            {
                throw new EditorialException(EditorialErrorKind.Conflict,
                    $"The {language} version of \"{slug}\" is in release {release.Id} at {Iso(release.At)}; it goes live then. Cancel that release to publish it at another time.");
            }

            var next = GoLive(slug, document, version, when, now);
            var detail = version.Working is not null ? string.Create(CultureInfo.InvariantCulture, $"working copy, revision {next.Revision}, at {Iso(when)}")
                : when > now ? $"embargoed until {Iso(when)}" : $"at {Iso(when)}";
            return (next, detail);
        }, cancellationToken);
    }

    /// <summary>
    /// Withdraws a published (or embargoed) version (editors and admins): its state becomes unpublished and its
    /// <see cref="LanguageVersion.PublishedAt"/> is cleared; when it had been published stays in the audit log. A working
    /// copy over it stays.
    /// </summary>
    /// <inheritdoc cref="SubmitAsync" />
    public Task<LanguageVersion> UnpublishAsync(
        User actor, string slug, LanguageTag language, int? expectedRevision = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, slug, language, expectedRevision, "version.unpublish",
            (_, _) => Require(actor, actor.CanPublish(), "unpublish"),
            (_, version) =>
        {
            From(version, "unpublished", VersionState.Published);
            return (version with { State = VersionState.Unpublished, PublishedAt = null },
                version.PublishedAt is { } was ? $"was published at {Iso(was)}" : null);
        }, cancellationToken);

    /// <summary>
    /// Throws away the working copy over a version's live text; the live text is untouched and the discarded revisions
    /// stay in the history. Anyone who may edit the version may discard.
    /// </summary>
    /// <exception cref="EditorialException">Invalid when there is no working copy; Conflict while a pending release holds
    /// it (cancel the release first); otherwise as <see cref="SubmitAsync"/>.</exception>
    public async Task<LanguageVersion> DiscardWorkingCopyAsync(
        User actor, string slug, LanguageTag language, int? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        var pending = await store.ListReleasesAsync(pendingOnly: true, int.MaxValue, cancellationToken);
        return await TransitionAsync(actor, slug, language, expectedRevision, "version.discard",
            (document, _) => Require(actor, actor.CanEdit(document.OriginalLanguage, language), $"discard work on the {language} version of \"{slug}\""),
            (_, version) =>
        {
            var work = version.Working ?? throw new EditorialException(EditorialErrorKind.Invalid,
                $"Nobody is working on the {language} version of \"{slug}\": there is no working copy to discard.");
            if (pending.FirstOrDefault(r => r.Members.Any(m => m.Slug == slug && m.Language == language)) is { } release)
            {
                throw new EditorialException(EditorialErrorKind.Conflict,
                    $"The {language} version of \"{slug}\" is in release {release.Id} at {Iso(release.At)}; cancel that release before discarding its working copy.");
            }

            return (version with { Working = null, ApprovedBy = null, Rejection = null },
                string.Create(CultureInfo.InvariantCulture, $"revision {work.Revision}; the live text stays at revision {version.Revision}"));
        }, cancellationToken);
    }

    /// <summary>Deletes a document, every version and its history, from the store and the search index (admins only).</summary>
    /// <exception cref="EditorialException">Forbidden for anyone but an admin; NotFound for no such document.</exception>
    public async Task DeleteDocumentAsync(User actor, string slug, CancellationToken cancellationToken = default)
    {
        Require(actor, actor.CanDelete(), "delete documents");
        var document = await store.FindDocumentAsync(slug, cancellationToken) ?? throw NotFound(slug);
        var now = Now();
        var audit = new AuditEntry(0, now, actor.Name, "document.delete", slug,
            string.Join(", ", document.Versions.Select(v => $"{v.Language} {v.State.Name()} revision {v.Revision}")));
        await _writeOrder.WaitAsync(cancellationToken);
        try
        {
            var generation = await store.DeleteDocumentAsync(slug, audit, cancellationToken) ?? throw NotFound(slug);
            await index.UpdateAsync([document with { Versions = [] }], now, generation, CancellationToken.None);
        }
        finally
        {
            _writeOrder.Release();
        }
    }

    /// <summary>
    /// The version for <paramref name="actor"/>: the latest revision in any state when they may read it
    /// (<see cref="Permissions.CanRead"/>), otherwise — and for anonymous readers, null — only a version public now.
    /// </summary>
    /// <returns>The version, or null when there is none the actor may see.</returns>
    public async Task<LanguageVersion?> GetVersionAsync(User? actor, string slug, LanguageTag language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(language);
        var document = await store.FindDocumentAsync(slug, cancellationToken);
        if (document?.Version(language) is not { } version)
        {
            return null;
        }

        var mayRead = actor is { Disabled: false } && actor.CanRead(document.OriginalLanguage, language);
        return mayRead || version.IsPublicAt(Now()) ? version : null;
    }

    /// <summary>The kept revisions of a version, newest first, for users who may read it in any state.</summary>
    /// <exception cref="EditorialException">NotFound for no such version or one the actor may not read.</exception>
    public async Task<IReadOnlyList<VersionRevision>> HistoryAsync(User actor, string slug, LanguageTag language, CancellationToken cancellationToken = default)
    {
        _ = await LoadAsync(actor, slug, language, cancellationToken);
        return await store.ListRevisionsAsync(slug, language, cancellationToken);
    }

    /// <summary>
    /// The editors' document list (see <see cref="IContentStore.ListDocumentsAsync"/>) as <paramref name="actor"/> may
    /// see it: the store matches, counts and lists only the versions the actor may read (<see cref="Permissions.ReadScope"/>),
    /// whatever <see cref="DocumentFilter.Readable"/> the caller gave.
    /// </summary>
    public async Task<DocumentListPage> ListDocumentsAsync(User actor, DocumentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Require(actor, true, "list documents");
        return await store.ListDocumentsAsync(filter with { Readable = actor.ReadScope() }, cancellationToken);
    }

    /// <summary>The audit log, newest first (admins only).</summary>
    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(User actor, int offset, int limit, CancellationToken cancellationToken = default)
    {
        Require(actor, actor.CanManageUsers(), "read the audit log");
        return store.ListAuditAsync(offset, limit, cancellationToken);
    }

    private async Task<LanguageVersion> WriteTextAsync(
        User actor, string slug, LanguageTag language, VersionEdit text, int? expectedRevision, string action, string? detail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(language);
        var document = await AuthorizeEditAsync(actor, slug, language, cancellationToken);
        var now = Now();
        var current = document.Version(language);
        var original = language == document.OriginalLanguage ? null : document.Version(document.OriginalLanguage)?.Latest;
        var note = Note(text.Note, "note");
        var fields = text.Fields is null ? (current?.Latest.Fields ?? Document.EmptyFields) : await CheckFieldsAsync(document, language, text.Fields, cancellationToken);
        LanguageVersion next;
        if (current is null)
        {
            if (expectedRevision is not (null or 0))
            {
                throw new EditorialException(EditorialErrorKind.Conflict,
                    $"\"{slug}\" has no {language} version (it may have been deleted); revision {expectedRevision} cannot be the current one.");
            }

            next = Linked(Segmentation.WithSegments(new LanguageVersion
            {
                Language = language,
                Title = text.Title,
                Summary = text.Summary,
                Body = text.Body,
                Fields = fields,
                State = VersionState.Draft,
                Revision = 1,
                LastRevision = 1,
                SourceRevision = original?.Revision,
                UpdatedAt = now,
                Author = actor.Name,
                Note = note,
            }, null), null);
            action = "version.create";
        }
        else
        {
            if (expectedRevision is null)
            {
                throw new EditorialException(EditorialErrorKind.PreconditionRequired,
                    $"Say which revision of the {language} version of \"{slug}\" your change is based on (it is at revision {current.Latest.Revision}).");
            }

            if (expectedRevision != current.Latest.Revision)
            {
                throw new EditConflictException(current, expectedRevision);
            }

            if (current.State == VersionState.Published && note is null)
            {
                throw new EditorialException(EditorialErrorKind.Invalid,
                    $"The {language} version of \"{slug}\" is published: say what changed in a note, so reviewers and readers know.") { Field = "note" };
            }

            // The text under work: the working copy over live text, or the version itself while never live.
            var previous = current.Work ?? current;
            var work = Linked(Segmentation.WithSegments(previous with
            {
                Title = text.Title,
                Summary = text.Summary,
                Body = text.Body,
                Fields = fields,
                State = current.Work?.State switch
                {
                    VersionState.Approved => VersionState.InReview,
                    VersionState.InReview => VersionState.InReview,
                    _ => VersionState.Draft,
                },
                PublishedAt = current.HasBeenLive ? null : current.PublishedAt,
                Revision = current.LastRevision + 1,
                LastRevision = current.LastRevision + 1,
                SourceRevision = original?.Revision,
                UpdatedAt = now,
                Author = actor.Name,
                Note = note,
                ApprovedBy = null,
                Working = null,
                CorrectedAt = null,
                CorrectionNote = null,
            }, previous), previous);
            next = current.HasBeenLive
                ? current with { Working = work, LastRevision = work.Revision, ApprovedBy = null, Rejection = null }
                : work with { CorrectedAt = current.CorrectedAt, CorrectionNote = current.CorrectionNote };
        }

        CheckSegments(slug, next.Latest);
        var revision = string.Create(CultureInfo.InvariantCulture, $"revision {next.Latest.Revision}{(next.Working is null ? "" : " (working copy)")}");
        var said = note is null ? "" : $": {note}";
        return await WriteAsync(actor, slug, current, next, action, (detail is null ? revision : $"{revision} {detail}") + said, now, cancellationToken);

        // A translation's segments stay linked to the original's newest text (see Segmentation).
        LanguageVersion Linked(LanguageVersion version, LanguageVersion? before) =>
            original is null ? version : Segmentation.WithLinks(version, before, Segmentation.WithSegments(original, original));
    }

    private async Task<LanguageVersion> TransitionAsync(
        User actor, string slug, LanguageTag language, int? expectedRevision, string action, Action<Document, LanguageVersion> authorize,
        Func<Document, LanguageVersion, (LanguageVersion Next, string? Detail)> change, CancellationToken cancellationToken)
    {
        var (document, current) = await LoadAsync(actor, slug, language, cancellationToken);
        // Permission before the precondition: a user who may not make this change learns nothing from a stale
        // revision (no 412 with the current one), only that they may not.
        authorize(document, current);
        if (expectedRevision is { } expected && expected != current.Latest.Revision)
        {
            throw new EditConflictException(current, expectedRevision);
        }

        var now = Now();
        var (next, detail) = change(document, current);
        // A change that leaves the live text as it was (a working copy's state, a discard) leaves its time too: the
        // sitemap and feeds must not say a page changed when readers get the same text.
        var liveUnchanged = current.HasBeenLive && next.Revision == current.Revision && next.State == current.State;
        return await WriteAsync(actor, slug, current, liveUnchanged ? next : next with { UpdatedAt = now }, action, detail, now, cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the text under work: the working copy over live text, or the version itself
    /// while never live. Invalid for a live version nobody is working on.
    /// </summary>
    private static LanguageVersion OnWork(string slug, LanguageVersion version, string verb, Func<LanguageVersion, LanguageVersion> change)
    {
        if (version.Working is { } work)
        {
            return version with { Working = change(work) };
        }

        if (!version.HasBeenLive)
        {
            return change(version);
        }

        throw new EditorialException(EditorialErrorKind.Invalid,
            $"The {version.Language} version of \"{slug}\" is {version.State.Name()} and nobody is working on it: there is no text to be {verb}. Save a change first.");
    }

    /// <summary>
    /// The version once its text under work is live at <paramref name="when"/>: checks approval and unchecked machine
    /// output, and keeps the first publication time of a version that was live (readers see "Updated" instead).
    /// </summary>
    private LanguageVersion GoLive(string slug, Document document, LanguageVersion version, DateTimeOffset when, DateTimeOffset now)
    {
        var source = version.Language == document.OriginalLanguage ? null : document.Version(document.OriginalLanguage);
        if (version.Working is { } work)
        {
            RequireApproved(slug, work);
            RefuseUncheckedMachineText(slug, work);
            // Public before this instant: a correction readers are told about. Under embargo still: the first text changes.
            var wasPublic = version.State == VersionState.Published && version.PublishedAt is { } first && first <= when;
            return work with
            {
                State = VersionState.Published,
                PublishedAt = version.State == VersionState.Published ? version.PublishedAt : when,
                SourceRevision = work.SourceRevision ?? source?.Revision,
                UpdatedAt = when,
                CorrectedAt = wasPublic ? when : version.CorrectedAt,
                CorrectionNote = wasPublic ? work.Note : version.CorrectionNote,
                ApprovedBy = null,
                Rejection = null,
                Working = null,
            };
        }

        if (version.State != VersionState.Unpublished && !(version.State == VersionState.Published && version.PublishedAt > now))
        {
            From(version, "published", VersionState.Draft, VersionState.InReview, VersionState.Approved);
            RequireApproved(slug, version);
        }

        RefuseUncheckedMachineText(slug, version);
        return version with
        {
            State = VersionState.Published,
            PublishedAt = when,
            SourceRevision = version.SourceRevision ?? source?.Revision,
            ApprovedBy = null,
            Rejection = null,
        };
    }

    private void RequireApproved(string slug, LanguageVersion work)
    {
        if (RequireSecondPerson && work.State != VersionState.Approved)
        {
            var author = work.Author is { } name ? $" other than {name}" : "";
            throw new EditorialException(EditorialErrorKind.Invalid,
                $"Revision {work.Revision} of the {work.Language} version of \"{slug}\" is {work.State.Name().Replace('_', ' ')}, not approved: submit it, and a reviewer, editor or admin{author} must approve it before it is published.");
        }
    }

    /// <summary>
    /// The start of a new text under work over <paramref name="current"/>: its text under work (or, for a live version
    /// nobody works on, its live text) as a draft at the next revision number, by <paramref name="actor"/>. The caller
    /// sets the text, segments and links, then puts it in place with <see cref="PlaceWork"/>.
    /// </summary>
    private static LanguageVersion NewWork(LanguageVersion current, User actor, string? note, DateTimeOffset now) => (current.Work ?? current) with
    {
        State = VersionState.Draft,
        PublishedAt = current.HasBeenLive ? null : current.PublishedAt,
        Revision = current.LastRevision + 1,
        LastRevision = current.LastRevision + 1,
        UpdatedAt = now,
        Author = actor.Name,
        Note = note,
        ApprovedBy = null,
        Rejection = null,
        Working = null,
        CorrectedAt = null,
        CorrectionNote = null,
    };

    /// <summary><paramref name="current"/> with <paramref name="work"/> as its text under work: a working copy over text that has been live, else the version itself.</summary>
    private static LanguageVersion PlaceWork(LanguageVersion current, LanguageVersion work) => current.HasBeenLive
        ? current with { Working = work, LastRevision = work.Revision, ApprovedBy = null, Rejection = null }
        : work with { CorrectedAt = current.CorrectedAt, CorrectionNote = current.CorrectionNote };

    private static bool SamePerson(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>A note or reason as entered: through the entrance rule, trimmed, null when blank; Invalid when too long.</summary>
    private static string? Note(string? text, string field)
    {
        var accepted = Entering(() => EnteringText.AcceptOptional(text, field));
        if (string.IsNullOrWhiteSpace(accepted))
        {
            return null;
        }

        accepted = accepted.Trim();
        return accepted.Length <= MaxNoteLength ? accepted
            : throw new EditorialException(EditorialErrorKind.Invalid, $"A {field} can be at most {MaxNoteLength} characters long.") { Field = field };
    }

    private async Task<LanguageVersion> WriteAsync(
        User actor, string slug, LanguageVersion? current, LanguageVersion next, string action, string? detail, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Every text a person writes came through Validate or a reader that says the file's line; this catches a path
        // that did neither (machine output, a future entrance) before the store holds what no feed can carry. A text
        // left as it was is not looked at: stored text from before the rule must not block a publish or an unpublish.
        var (was, text) = (current?.Latest, next.Latest);
        _ = Entering(() => (
            text.Title == was?.Title ? null : EnteringText.Accept(text.Title, "title"),
            text.Body == was?.Body ? null : EnteringText.Accept(text.Body, "body"),
            text.Summary == was?.Summary ? null : EnteringText.AcceptOptional(text.Summary, "summary")));
        var audit = new AuditEntry(0, now, actor.Name, action, Target(slug, next.Language), detail);
        // The state is part of the compare-and-set too: the new state was worked out from the one read, and a
        // concurrent publish or unpublish of the same revision must not be overwritten with it.
        var expectedRevision = current?.Latest.Revision;
        long? generation;
        Document? stored = null;
        await _writeOrder.WaitAsync(cancellationToken);
        try
        {
            generation = await store.SaveVersionAsync(slug, next, expectedRevision, audit, current?.Latest.State, cancellationToken);
            if (generation is { } written)
            {
                stored = await IndexAsync(slug, written, now, CancellationToken.None);
            }
        }
        finally
        {
            _writeOrder.Release();
        }

        if (generation is null)
        {
            // The compare-and-set failed: someone else changed (or deleted) it between our read and our write.
                var latest = (await store.FindDocumentAsync(slug, cancellationToken) ?? throw NotFound(slug)).Version(next.Language)
                ?? throw new EditorialException(EditorialErrorKind.Conflict, $"The {next.Language} version of \"{slug}\" was removed meanwhile.");
            throw new EditConflictException(latest, expectedRevision);
        }

        await FeedMemoryAfterWriteAsync(stored, next, now, cancellationToken);
        var reread = stored?.Version(next.Language) ?? throw NotFound(slug);
        // The read-back may already hold a later write (another process's): the answer is this write, whose ETag the
        // caller will send with its next change, never one it has not seen.
        return reread.Latest.Revision == next.Latest.Revision && reread.Latest.State == next.Latest.State && reread.PublishedAt == next.PublishedAt ? reread : next;
    }

    private async Task<Document?> IndexAsync(string slug, long generation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Re-read after the write so the index gets every version of the document as stored, not only the one changed.
        var document = await store.FindDocumentAsync(slug, cancellationToken);
        if (document is not null)
        {
            await index.UpdateAsync([document], now, generation, cancellationToken);
        }

        return document;
    }

    private async Task<(Document Document, LanguageVersion Version)> LoadAsync(
        User actor, string slug, LanguageTag language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(language);
        Require(actor, true, "work on documents");
        var document = await store.FindDocumentAsync(slug, cancellationToken) ?? throw NotFound(slug);
        if (document.Version(language) is not { } version || !actor.CanRead(document.OriginalLanguage, language))
        {
            throw new EditorialException(EditorialErrorKind.NotFound, $"\"{slug}\" has no {language} version.");
        }

        return (document, version);
    }

    /// <summary>
    /// Throws unless <paramref name="actor"/> may create documents at all, so that callers refuse before they read or
    /// judge what was sent: a user without the right learns that, not what a valid request looks like.
    /// </summary>
    /// <exception cref="EditorialException">Forbidden.</exception>
    public static void AuthorizeCreate(User actor) => Require(actor, actor.CanCreateDocuments(), "create documents");

    /// <summary>Throws unless <paramref name="actor"/> may publish at all; see <see cref="AuthorizeCreate"/>.</summary>
    /// <exception cref="EditorialException">Forbidden.</exception>
    public static void AuthorizePublish(User actor) => Require(actor, actor.CanPublish(), "publish");

    /// <summary>
    /// Throws unless <paramref name="actor"/> may write the <paramref name="language"/> version of <paramref name="slug"/>
    /// (into its working copy when it has been live), so that callers refuse before they check any
    /// precondition such as If-Match: a user without the right learns nothing of the current revision.
    /// </summary>
    /// <returns>The document as read.</returns>
    /// <exception cref="EditorialException">NotFound for no such document; Forbidden when the actor may not edit this
    /// language.</exception>
    public async Task<Document> AuthorizeEditAsync(User actor, string slug, LanguageTag language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(language);
        Require(actor, true, "edit");
        var document = await store.FindDocumentAsync(slug, cancellationToken) ?? throw NotFound(slug);
        AuthorizeEdit(actor, document, language);
        return document;
    }

    private static void AuthorizeEdit(User actor, Document document, LanguageTag language) =>
        // Live text never changes by a save (it goes to a working copy), so who may write a language may write it live or not.
        Require(actor, actor.CanEdit(document.OriginalLanguage, language), $"edit the {language} version of \"{document.Slug}\"");

    private static void Require(User actor, bool allowed, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Disabled)
        {
            throw new EditorialException(EditorialErrorKind.Forbidden, $"The account {actor.Name} is disabled.");
        }

        if (!allowed)
        {
            throw new EditorialException(EditorialErrorKind.Forbidden,
                $"{actor.Name} ({actor.Role.ToString().ToLowerInvariant()}) may not {what}.");
        }
    }

    private static void From(LanguageVersion version, string verb, params VersionState[] allowed)
    {
        if (!allowed.Contains(version.State))
        {
            throw new EditorialException(EditorialErrorKind.Invalid,
                $"A version that is {version.State.Name().Replace('_', ' ')} cannot be {verb}; only one that is {string.Join(" or ", allowed.Select(s => s.Name().Replace('_', ' ')))}.");
        }
    }

    /// <summary>The translatable field values of an edit, checked against the document's kind; a refusal names the field.</summary>
    private async Task<IReadOnlyDictionary<string, string>> CheckFieldsAsync(
        Document document, LanguageTag language, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        if (fields.Count == 0)
        {
            return Document.EmptyFields;
        }

        var structure = store is IStructureStore structures ? await structures.LoadStructureAsync(cancellationToken) : Sections.SiteStructure.Empty;
        try
        {
            return Sections.StructureEditor.CheckVersionFields(structure, document.Slug, language, document.Kind, fields);
        }
        catch (Sections.StructureException e)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, e.Message) { Field = e.Field };
        }
    }

    private static VersionEdit Validate(VersionEdit edit)
    {
        // The entrance rule for text (EnteringText): line breaks normalised, characters no output can carry refused,
        // naming the field and where; every save by a person, through the admin or the API, comes through here.
        edit = Entering(() => new VersionEdit(
            EnteringText.Accept(edit.Title ?? "", "title"), EnteringText.Accept(edit.Body ?? "", "body"), EnteringText.AcceptOptional(edit.Summary, "summary"), edit.Note, edit.Fields));
        var title = edit.Title.Trim();
        if (title.Length == 0)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, "A title is required.");
        }

        if (title.Length > MaxTitleLength)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"A title can be at most {MaxTitleLength} characters long.");
        }

        return new VersionEdit(title, edit.Body ?? "", string.IsNullOrWhiteSpace(edit.Summary) ? null : edit.Summary.Trim(), edit.Note, edit.Fields);
    }

    /// <summary>Runs <paramref name="accept"/>, turning a refused character into an Invalid refusal that names the field.</summary>
    private static T Entering<T>(Func<T> accept)
    {
        try
        {
            return accept();
        }
        catch (TextRefusedException refused)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"The {refused.Fault}. Nothing was saved.") { Field = refused.Fault.Field };
        }
    }

    private static EditorialException NotFound(string slug) => new(EditorialErrorKind.NotFound, $"There is no document \"{slug}\".");

    private static string Target(string slug, LanguageTag language) => $"{slug}/{language}";

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // The store keeps milliseconds; so does every time the newsroom writes, so what it returns equals what it stored.
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
}
