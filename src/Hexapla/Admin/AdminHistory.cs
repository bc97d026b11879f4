using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/documents/{slug}/{lang}/history</c>: every kept revision, newest first, with who wrote it, when, its note
/// and what it changed from the one before; which one is live and which is the working copy; what was done to the
/// version (the audit entries: state changes, keeps, restores, discards, releases, imports); and any two revisions
/// compared (<c>?from=N&amp;to=M</c>). Restoring a revision asks first (<c>history/restore?revision=N</c>), then makes a
/// working copy from it that goes through review like any change, so the history only grows.
/// </summary>
internal static class AdminHistory
{
    public static RouteGroupBuilder MapAdminHistory(this RouteGroupBuilder admin)
    {
        admin.MapGet("/documents/{slug}/{lang}/history", ShowAsync);
        admin.MapGet("/documents/{slug}/{lang}/history/restore", ConfirmRestoreAsync);
        admin.MapPost("/documents/{slug}/{lang}/history/restore", RestoreAsync);
        return admin;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, Newsroom newsroom, IContentStore store, string slug, string lang, string? from, string? to)
    {
        var (user, language, refusal) = await OpenAsync(http, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        IReadOnlyList<VersionRevision> revisions;
        IReadOnlyList<AuditEntry> audit;
        try
        {
            revisions = await newsroom.HistoryAsync(user!, slug, language!, http.RequestAborted);
            audit = await newsroom.AuditOfAsync(user!, slug, language!, http.RequestAborted);
        }
        catch (EditorialException failure)
        {
            return AdminUi.Refusal(http, failure);
        }

        var back = AdminUi.HistoryPath(slug, language!);
        Html comparison = Html.Empty;
        if (from is not null || to is not null)
        {
            if (AdminUi.Int(from) is not { } older || AdminUi.Int(to) is not { } newer)
            {
                return AdminUi.Message(http, StatusCodes.Status400BadRequest,
                    "To compare two revisions, give both “from” and “to” as revision numbers, such as ?from=1&to=3.", back);
            }

            var (a, b) = (revisions.FirstOrDefault(r => r.Revision == older), revisions.FirstOrDefault(r => r.Revision == newer));
            if (a is null || b is null)
            {
                return AdminUi.Message(http, StatusCodes.Status404NotFound,
                    $"The {language} version of \"{slug}\" has no revision {(a is null ? older : newer)}.", back);
            }

            comparison = Comparison(a, b, language!);
        }

        var document = await store.FindDocumentAsync(slug, http.RequestAborted);
        var current = document?.Version(language!);
        var mayRestore = document is not null && current is not null && user!.CanEdit(document.OriginalLanguage, language!);
        var items = revisions.Select((revision, i) =>
        {
            var previous = i + 1 < revisions.Count ? revisions[i + 1] : null;
            var title = previous is null || previous.Title == revision.Title
                ? Html.Empty
                : Html.Of($"""<p>Title: {AdminUi.Diff(previous.Title, revision.Title)}</p>""");
            var summary = previous is null || previous.Summary == revision.Summary
                ? Html.Empty
                : Html.Of($"""<p>Summary: {AdminUi.Diff(previous.Summary ?? "", revision.Summary ?? "")}</p>""");
            var restore = mayRestore && revision.Revision != current!.Latest.Revision
                ? Html.Of($"""<p><a class="restore" href="{back}/restore?revision={revision.Revision}">Restore revision {revision.Revision}…</a></p>""")
                : Html.Empty;
            var against = previous is null
                ? Html.Of($"""<p class="hint">The first revision.</p>""")
                : Html.Of($"""<p class="hint">Changes from revision {previous.Revision} (<a href="{back}?from={previous.Revision}&amp;to={revision.Revision}">compare</a>):</p>""");
            var note = revision.Note is { } said ? Html.Of($"""<p class="note"><strong>What changed:</strong> {said}</p>""") : Html.Empty;
            return Html.Of($"""
                <li id="r{revision.Revision}">
                <h2>Revision {revision.Revision}{Role(current, revision.Revision)}: <span lang="{language!.Value}" dir="{language.HtmlDir}">{revision.Title}</span></h2>
                <p class="meta">{revision.CreatedBy ?? "import"}, {AdminUi.Utc(revision.CreatedAt)}</p>
                {note}
                {against}{title}{summary}
                {AdminUi.Diff(previous?.Body ?? "", revision.Body)}
                {restore}
                </li>
                """);
        });

        return AdminPage.Render(http, $"History of {slug} ({language!.Value})", Html.Of($"""
            <h1>History: <code>{slug}</code> · {language.Value}</h1>
            <p><a href="{AdminUi.EditPath(slug, language)}">Back to the editor</a></p>
            {CompareForm(back, revisions, AdminUi.Int(from), AdminUi.Int(to))}
            {comparison}
            <h2 id="revisions-heading">Revisions</h2>
            <p class="hint">Newest first. Struck through: removed; underlined: added.</p>
            <ol class="revisions" reversed aria-labelledby="revisions-heading">{items}</ol>
            {Events(audit)}
            """));
    }

    /// <summary>" (live)", " (working copy)" or nothing: what a revision is to the version now.</summary>
    private static string Role(LanguageVersion? current, int revision) => current switch
    {
        { Working.Revision: var work } when work == revision => " (working copy)",
        { HasBeenLive: true } when current.Revision == revision => current.State == VersionState.Published ? " (live)" : " (withdrawn)",
        { HasBeenLive: false } when current.Revision == revision => $" ({current.State.Name().Replace('_', ' ')})",
        _ => "",
    };

    private static Html CompareForm(string action, IReadOnlyList<VersionRevision> revisions, int? from, int? to)
    {
        if (revisions.Count < 2)
        {
            return Html.Empty;
        }

        // Oldest against newest unless the reader chose.
        var (older, newer) = (from ?? revisions[^1].Revision, to ?? revisions[0].Revision);
        Html Options(int chosen) => Html.Join(revisions.Select(r => r.Revision == chosen
            ? Html.Of($"""<option value="{r.Revision}" selected>{r.Revision}</option>""")
            : Html.Of($"""<option value="{r.Revision}">{r.Revision}</option>""")));
        return Html.Of($"""
            <form class="filters compare" method="get" action="{action}">
            <fieldset>
            <legend>Compare two revisions</legend>
            <p><label for="compare-from">From revision</label><br><select id="compare-from" name="from">{Options(older)}</select></p>
            <p><label for="compare-to">To revision</label><br><select id="compare-to" name="to">{Options(newer)}</select></p>
            <p><button type="submit">Compare</button></p>
            </fieldset>
            </form>
            """);
    }

    private static Html Comparison(VersionRevision from, VersionRevision to, LanguageTag language)
    {
        var title = from.Title == to.Title ? Html.Empty : Html.Of($"""<p>Title: {AdminUi.Diff(from.Title, to.Title)}</p>""");
        var summary = (from.Summary ?? "") == (to.Summary ?? "") ? Html.Empty : Html.Of($"""<p>Summary: {AdminUi.Diff(from.Summary ?? "", to.Summary ?? "")}</p>""");
        var body = from.Body == to.Body
            ? Html.Of($"""<p class="hint">The bodies are the same.</p>""")
            : AdminUi.Diff(from.Body, to.Body);
        return Html.Of($"""
            <section class="comparison" aria-labelledby="comparison-heading">
            <h2 id="comparison-heading">Revision {from.Revision} → revision {to.Revision}</h2>
            <p class="hint">Struck through: only in revision {from.Revision}; underlined: only in revision {to.Revision}.</p>
            <div lang="{language.Value}" dir="{language.HtmlDir}">{title}{summary}{body}</div>
            </section>
            """);
    }

    /// <summary>What was done to the version, newest first, as the audit log has it.</summary>
    private static Html Events(IReadOnlyList<AuditEntry> audit)
    {
        if (audit.Count == 0)
        {
            return Html.Empty;
        }

        var rows = audit.Reverse().Select(e => Html.Of($"""
            <tr data-action="{e.Action}">
            <td>{AdminUi.Utc(e.At)}</td>
            <td>{e.Actor}</td>
            <td>{What(e.Action)}</td>
            <td>{e.Detail ?? ""}</td>
            </tr>
            """));
        return Html.Of($"""
            <section class="events" aria-labelledby="events-heading">
            <h2 id="events-heading">What was done</h2>
            <table class="audit">
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Details</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            </section>
            """);
    }

    private static string What(string action) => action switch
    {
        "version.create" => "created",
        "version.save" => "saved",
        "version.submit" => "submitted for review",
        "version.approve" => "approved",
        "version.reject" => "sent back",
        "version.publish" => "published",
        "version.unpublish" => "unpublished",
        "version.discard" => "working copy discarded",
        "version.restore" => "revision restored",
        "version.keep" => "paragraphs kept as is",
        "version.import" => "imported",
        "version.import-xliff" => "XLIFF imported",
        "version.machine-prefill" => "machine translation prefilled",
        "version.machine-confirm" => "machine translation checked",
        "version.release-scheduled" => "release scheduled",
        _ => action,
    };

    /// <summary>The confirmation before a restore: what the newest text becomes, and a note to go with it.</summary>
    private static async Task<IResult> ConfirmRestoreAsync(HttpContext http, Newsroom newsroom, IContentStore store, string slug, string lang, string? revision)
    {
        var (user, language, refusal) = await OpenAsync(http, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var back = AdminUi.HistoryPath(slug, language!);
        IReadOnlyList<VersionRevision> revisions;
        try
        {
            revisions = await newsroom.HistoryAsync(user!, slug, language!, http.RequestAborted);
        }
        catch (EditorialException failure)
        {
            return AdminUi.Refusal(http, failure);
        }

        var document = await store.FindDocumentAsync(slug, http.RequestAborted);
        if (document?.Version(language!) is not { } current)
        {
            return AdminUi.NotFound(http, "There is no such version.");
        }

        if (!user!.CanEdit(document!.OriginalLanguage, language!))
        {
            return AdminUi.Forbidden(http, $"{user!.Name} ({AdminAuth.RoleName(user!.Role)}) may not change the {language} version of \"{slug}\".");
        }

        if (AdminUi.Int(revision) is not { } number)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, "Say which revision to restore, as a number: ?revision=2.", back);
        }

        if (revisions.FirstOrDefault(r => r.Revision == number) is not { } old)
        {
            return AdminUi.Message(http, StatusCodes.Status404NotFound, $"The {language} version of \"{slug}\" has no revision {number}.", back);
        }

        var latest = current.Latest;
        var outcome = current.HasBeenLive
            ? $"Its text becomes a working copy (revision {current.LastRevision + 1}) that goes through review like any change; readers keep the live text (revision {current.Revision}) until the working copy is approved and published."
            : $"Its text becomes a new draft revision ({current.LastRevision + 1}) that goes through review like any change.";
        var title = latest.Title == old.Title ? Html.Empty : Html.Of($"""<p>Title: {AdminUi.Diff(latest.Title, old.Title)}</p>""");
        var summary = (latest.Summary ?? "") == (old.Summary ?? "") ? Html.Empty : Html.Of($"""<p>Summary: {AdminUi.Diff(latest.Summary ?? "", old.Summary ?? "")}</p>""");
        var body = latest.Body == old.Body ? Html.Of($"""<p class="hint">The bodies are the same.</p>""") : AdminUi.Diff(latest.Body, old.Body);
        return AdminPage.Render(http, $"Restore revision {number}", Html.Of($"""
            <h1>Restore revision {number} of <code>{slug}</code> · {language!.Value}?</h1>
            <p>{outcome}</p>
            <section class="restore-diff" aria-labelledby="restore-diff-heading">
            <h2 id="restore-diff-heading">What restoring changes in the newest text (revision {latest.Revision})</h2>
            <p class="hint">Struck through: only in revision {latest.Revision}; underlined: only in revision {number}.</p>
            <div lang="{language.Value}" dir="{language.HtmlDir}">{title}{summary}{body}</div>
            </section>
            <form method="post" action="{back}/restore">
            {AdminPage.AntiforgeryField(http)}
            <input type="hidden" name="revision" value="{number}">
            <input type="hidden" name="expected" value="{latest.Revision}">
            <p class="field"><label for="note">What changed</label> <span id="note-hint" class="hint">optional; “Restored from revision {number}.” when left empty</span><br>
            <textarea id="note" name="note" rows="2" maxlength="{Newsroom.MaxNoteLength}" aria-describedby="note-hint"></textarea></p>
            <p class="actions"><button class="primary" type="submit">Restore revision {number}</button> <a href="{back}">No, back to the history</a></p>
            </form>
            """));
    }

    private static async Task<IResult> RestoreAsync(HttpContext http, Newsroom newsroom, string slug, string lang)
    {
        var (user, language, refusal) = await OpenAsync(http, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (AdminUi.Int(form["revision"]) is not { } revision || AdminUi.Int(form["expected"]) is not { } expected)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, "Say which revision to restore, and which one is current.", AdminUi.HistoryPath(slug, language!));
        }

        try
        {
            var restored = await newsroom.RestoreRevisionAsync(user!, slug, language!, revision, expected, form["note"].ToString(), http.RequestAborted);
            var copy = restored.Working is null ? "" : "-(a-working-copy-for-review)";
            return Results.Redirect(AdminUi.EditPath(slug, language!) + string.Create(CultureInfo.InvariantCulture, $"?done=restored-revision-{revision}-as-revision-{restored.Latest.Revision}{copy}"));
        }
        catch (EditorialException refusalOfNewsroom)
        {
            return AdminUi.Refusal(http, refusalOfNewsroom, AdminUi.HistoryPath(slug, language!));
        }
    }

    private static async Task<(User? User, LanguageTag? Language, IResult? Refusal)> OpenAsync(HttpContext http, string slug, string lang)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return (null, null, Results.Redirect(AdminAuth.LoginPath));
        }

        if (!LanguageTag.TryParse(lang, out var language) || language is null || !Slug.IsValid(slug))
        {
            return (user, null, AdminUi.NotFound(http, "There is no such version."));
        }

        return (user, language, null);
    }
}
