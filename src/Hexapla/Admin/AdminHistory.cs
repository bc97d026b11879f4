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

        var t = EditorText.Of(http);
        var back = AdminUi.HistoryPath(slug, language!);
        Html comparison = Html.Empty;
        if (from is not null || to is not null)
        {
            if (AdminUi.Int(from) is not { } older || AdminUi.Int(to) is not { } newer)
            {
                return AdminUi.Message(http, StatusCodes.Status400BadRequest, t.CompareNeedsBoth, back);
            }

            var (a, b) = (revisions.FirstOrDefault(r => r.Revision == older), revisions.FirstOrDefault(r => r.Revision == newer));
            if (a is null || b is null)
            {
                return AdminUi.Message(http, StatusCodes.Status404NotFound, t.NoRevision(slug, language!, a is null ? older : newer), back);
            }

            comparison = Comparison(t, a, b, language!);
        }

        var document = await store.FindDocumentAsync(slug, http.RequestAborted);
        var current = document?.Version(language!);
        var mayRestore = document is not null && current is not null && user!.CanEdit(document.OriginalLanguage, language!);
        var items = revisions.Select((revision, i) =>
        {
            var previous = i + 1 < revisions.Count ? revisions[i + 1] : null;
            var title = previous is null || previous.Title == revision.Title
                ? Html.Empty
                : Html.Of($"""<p>{t.TitleLabel} <span lang="{language!.Value}" dir="{language.HtmlDir}">{AdminUi.Diff(previous.Title, revision.Title, text: AdminText.For(t.Language))}</span></p>""");
            var summary = previous is null || previous.Summary == revision.Summary
                ? Html.Empty
                : Html.Of($"""<p>{t.SummaryLabel} <span lang="{language!.Value}" dir="{language.HtmlDir}">{AdminUi.Diff(previous.Summary ?? "", revision.Summary ?? "", text: AdminText.For(t.Language))}</span></p>""");
            var restore = mayRestore && revision.Revision != current!.Latest.Revision
                ? Html.Of($"""<p><a class="restore" href="{back}/restore?revision={revision.Revision}">{t.RestoreRevisionLink(revision.Revision)}</a></p>""")
                : Html.Empty;
            var against = previous is null
                ? Html.Of($"""<p class="hint">{t.FirstRevision}</p>""")
                : Html.Of($"""<p class="hint">{t.ChangesFrom(previous.Revision, Html.Of($"<a href=\"{back}?from={previous.Revision}&amp;to={revision.Revision}\">{t.CompareLink}</a>"))}</p>""");
            var note = revision.Note is { } said ? Html.Of($"""<p class="note"><strong>{t.WhatChangedLabel}</strong> <bdi>{said}</bdi></p>""") : Html.Empty;
            return Html.Of($"""
                <li id="r{revision.Revision}">
                <h2>{t.RevisionHeading(revision.Revision, Role(t, current, revision.Revision), Html.Of($"<span lang=\"{language!.Value}\" dir=\"{language.HtmlDir}\">{revision.Title}</span>"))}</h2>
                <p class="meta">{t.ByAndWhen(revision.CreatedBy, revision.CreatedAt)}</p>
                {note}
                {against}{title}{summary}
                <div lang="{language.Value}" dir="{language.HtmlDir}">{AdminUi.Diff(previous?.Body ?? "", revision.Body, text: AdminText.For(t.Language))}</div>
                {restore}
                </li>
                """);
        });

        return AdminPage.Render(http, t.HistoryTitle(slug, language!), Html.Of($"""
            {t.Begin}
            <h1>{t.HistoryHeading(slug, language!)}</h1>
            <p><a href="{AdminUi.EditPath(slug, language!)}">{t.BackToEditor}</a></p>
            {CompareForm(t, back, revisions, AdminUi.Int(from), AdminUi.Int(to))}
            {comparison}
            <h2 id="revisions-heading">{t.Revisions}</h2>
            <p class="hint">{t.RevisionsHint}</p>
            <ol class="revisions" reversed aria-labelledby="revisions-heading">{items}</ol>
            {Events(t, audit)}
            {EditorText.End}
            """));
    }

    /// <summary>" (live)", " (working copy)" or nothing: what a revision is to the version now.</summary>
    private static string Role(EditorText t, LanguageVersion? current, int revision) => current switch
    {
        { Working.Revision: var work } when work == revision => t.RoleWorkingCopy,
        { HasBeenLive: true } when current.Revision == revision => current.State == VersionState.Published ? t.RoleLive : t.RoleWithdrawn,
        { HasBeenLive: false } when current.Revision == revision => t.RoleState(current.State),
        _ => "",
    };

    private static Html CompareForm(EditorText t, string action, IReadOnlyList<VersionRevision> revisions, int? from, int? to)
    {
        if (revisions.Count < 2)
        {
            return Html.Empty;
        }

        // Oldest against newest unless the reader chose.
        var (older, newer) = (from ?? revisions[^1].Revision, to ?? revisions[0].Revision);
        Html Options(int chosen) => Html.Join(revisions.Select(r => r.Revision == chosen
            ? Html.Of($"""<option value="{r.Revision}" selected>{t.Number(r.Revision)}</option>""")
            : Html.Of($"""<option value="{r.Revision}">{t.Number(r.Revision)}</option>""")));
        return Html.Of($"""
            <form class="filters compare" method="get" action="{action}">
            <fieldset>
            <legend>{t.CompareLegend}</legend>
            <p><label for="compare-from">{t.FromRevision}</label><br><select id="compare-from" name="from">{Options(older)}</select></p>
            <p><label for="compare-to">{t.ToRevision}</label><br><select id="compare-to" name="to">{Options(newer)}</select></p>
            <p><button type="submit">{t.Compare}</button></p>
            </fieldset>
            </form>
            """);
    }

    private static Html Comparison(EditorText t, VersionRevision from, VersionRevision to, LanguageTag language) => Html.Of($"""
        <section class="comparison" aria-labelledby="comparison-heading">
        <h2 id="comparison-heading">{t.ComparisonHeading(from.Revision, to.Revision)}</h2>
        <p class="hint">{t.OnlyInRevisions(from.Revision, to.Revision)}</p>
        {Changes(t, language, from.Title, to.Title, from.Summary, to.Summary, from.Body, to.Body)}
        </section>
        """);

    /// <summary>
    /// What changes from one text to another: title and summary when they differ, then the body; the labels in the
    /// admin's language, the texts and their diffs in the document's.
    /// </summary>
    private static Html Changes(EditorText t, LanguageTag language, string oldTitle, string newTitle, string? oldSummary, string? newSummary, string oldBody, string newBody)
    {
        var (lang, dir) = (language.Value, language.HtmlDir);
        var title = oldTitle == newTitle ? Html.Empty : Html.Of($"""<p>{t.TitleLabel} <span lang="{lang}" dir="{dir}">{AdminUi.Diff(oldTitle, newTitle, text: AdminText.For(t.Language))}</span></p>""");
        var summary = (oldSummary ?? "") == (newSummary ?? "")
            ? Html.Empty
            : Html.Of($"""<p>{t.SummaryLabel} <span lang="{lang}" dir="{dir}">{AdminUi.Diff(oldSummary ?? "", newSummary ?? "", text: AdminText.For(t.Language))}</span></p>""");
        var body = oldBody == newBody
            ? Html.Of($"""<p class="hint">{t.BodiesSame}</p>""")
            : Html.Of($"""<div lang="{lang}" dir="{dir}">{AdminUi.Diff(oldBody, newBody, text: AdminText.For(t.Language))}</div>""");
        return Html.Of($"{title}{summary}{body}");
    }

    /// <summary>What was done to the version, newest first, as the audit log has it.</summary>
    private static Html Events(EditorText t, IReadOnlyList<AuditEntry> audit)
    {
        if (audit.Count == 0)
        {
            return Html.Empty;
        }

        var rows = audit.Reverse().Select(e => Html.Of($"""
            <tr data-action="{e.Action}">
            <td>{t.Time(e.At)}</td>
            <td><bdi>{e.Actor}</bdi></td>
            <td>{t.Action(e.Action)}</td>
            <td><bdi>{e.Detail ?? ""}</bdi></td>
            </tr>
            """));
        return Html.Of($"""
            <section class="events" aria-labelledby="events-heading">
            <h2 id="events-heading">{t.WhatWasDone}</h2>
            <table class="audit">
            <thead><tr><th scope="col">{t.When}</th><th scope="col">{t.Who}</th><th scope="col">{t.What}</th><th scope="col">{t.Details}</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            </section>
            """);
    }

    /// <summary>The confirmation before a restore: what the newest text becomes, and a note to go with it.</summary>
    private static async Task<IResult> ConfirmRestoreAsync(HttpContext http, Newsroom newsroom, IContentStore store, string slug, string lang, string? revision)
    {
        var (user, language, refusal) = await OpenAsync(http, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var t = EditorText.Of(http);
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
            return AdminUi.NotFound(http, t.NoSuchVersion);
        }

        if (!user!.CanEdit(document!.OriginalLanguage, language!))
        {
            return AdminUi.Forbidden(http, t.MayNotChange(user!, slug, language!));
        }

        if (AdminUi.Int(revision) is not { } number)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, t.SayWhichRevision, back);
        }

        if (revisions.FirstOrDefault(r => r.Revision == number) is not { } old)
        {
            return AdminUi.Message(http, StatusCodes.Status404NotFound, t.NoRevision(slug, language!, number), back);
        }

        var latest = current.Latest;
        var outcome = current.HasBeenLive
            ? t.RestoreOutcomeWorkingCopy(current.LastRevision + 1, current.Revision)
            : t.RestoreOutcomeDraft(current.LastRevision + 1);
        return AdminPage.Render(http, t.RestoreTitle(number), Html.Of($"""
            {t.Begin}
            <h1>{t.RestoreQuestion(number, slug, language!)}</h1>
            <p>{outcome}</p>
            <section class="restore-diff" aria-labelledby="restore-diff-heading">
            <h2 id="restore-diff-heading">{t.RestoreDiffHeading(latest.Revision)}</h2>
            <p class="hint">{t.OnlyInRevisions(latest.Revision, number)}</p>
            {Changes(t, language!, latest.Title, old.Title, latest.Summary, old.Summary, latest.Body, old.Body)}
            </section>
            <form method="post" action="{back}/restore">
            {AdminPage.AntiforgeryField(http)}
            <input type="hidden" name="revision" value="{number}">
            <input type="hidden" name="expected" value="{latest.Revision}">
            <p class="field"><label for="note">{t.WhatChanged}</label> <span id="note-hint" class="hint">{t.RestoreNoteHint(number)}</span><br>
            <textarea id="note" name="note" rows="2" maxlength="{Newsroom.MaxNoteLength}" aria-describedby="note-hint"></textarea></p>
            <p class="actions"><button class="primary" type="submit">{t.RestoreButton(number)}</button> <a href="{back}">{t.RestoreNo}</a></p>
            </form>
            {EditorText.End}
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
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, EditorText.Of(http).SayWhichRevisionAndCurrent, AdminUi.HistoryPath(slug, language!));
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
            return (user, null, AdminUi.NotFound(http, EditorText.Of(http).NoSuchVersion));
        }

        return (user, language, null);
    }
}
