using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/documents/{slug}/{lang}/history</c>: every kept revision, newest first, each with what it changed from
/// the one before; restoring one saves its text as a new revision (so the history only grows).
/// </summary>
internal static class AdminHistory
{
    public static RouteGroupBuilder MapAdminHistory(this RouteGroupBuilder admin)
    {
        admin.MapGet("/documents/{slug}/{lang}/history", ShowAsync);
        admin.MapPost("/documents/{slug}/{lang}/history/restore", RestoreAsync);
        return admin;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, Newsroom newsroom, IContentStore store, string slug, string lang)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!LanguageTag.TryParse(lang, out var language) || language is null || !Slug.IsValid(slug))
        {
            return AdminUi.NotFound(http, "There is no such version.");
        }

        IReadOnlyList<VersionRevision> revisions;
        try
        {
            revisions = await newsroom.HistoryAsync(user, slug, language, http.RequestAborted);
        }
        catch (EditorialException refusal)
        {
            return AdminUi.Refusal(http, refusal);
        }

        var document = await store.FindDocumentAsync(slug, http.RequestAborted);
        var current = document?.Version(language);
        var mayRestore = document is not null && current is not null && user.CanEdit(document.OriginalLanguage, language)
            && (current.State != VersionState.Published || user.CanPublish());
        var items = revisions.Select((revision, i) =>
        {
            var previous = i + 1 < revisions.Count ? revisions[i + 1] : null;
            var title = previous is null || previous.Title == revision.Title
                ? Html.Empty
                : Html.Of($"""<p>Title: {AdminUi.Diff(previous.Title, revision.Title)}</p>""");
            var summary = previous is null || previous.Summary == revision.Summary
                ? Html.Empty
                : Html.Of($"""<p>Summary: {AdminUi.Diff(previous.Summary ?? "", revision.Summary ?? "")}</p>""");
            var restore = mayRestore && revision.Revision != current!.Revision
                ? Html.Of($"""
                    <form method="post" action="{AdminUi.HistoryPath(slug, language)}/restore">{AdminPage.AntiforgeryField(http)}
                    <input type="hidden" name="revision" value="{revision.Revision}"><input type="hidden" name="expected" value="{current.Revision}">
                    <button type="submit">Restore revision {revision.Revision}</button></form>
                    """)
                : Html.Empty;
            var against = previous is null
                ? Html.Of($"""<p class="hint">The first revision.</p>""")
                : Html.Of($"""<p class="hint">Changes from revision {previous.Revision}:</p>""");
            return Html.Of($"""
                <li id="r{revision.Revision}">
                <h2>Revision {revision.Revision}: <span lang="{language.Value}" dir="{language.HtmlDir}">{revision.Title}</span></h2>
                <p class="meta">{revision.CreatedBy ?? "import"}, {AdminUi.Utc(revision.CreatedAt)}</p>
                {against}{title}{summary}
                {AdminUi.Diff(previous?.Body ?? "", revision.Body)}
                {restore}
                </li>
                """);
        });

        return AdminPage.Render(http, $"History of {slug} ({language.Value})", Html.Of($"""
            <h1>History: <code>{slug}</code> · {language.Value}</h1>
            <p><a href="{AdminUi.EditPath(slug, language)}">Back to the editor</a></p>
            <p class="hint">Newest first. Struck through: removed; underlined: added.</p>
            <ol class="revisions" reversed>{items}</ol>
            """));
    }

    private static async Task<IResult> RestoreAsync(HttpContext http, Newsroom newsroom, string slug, string lang)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!LanguageTag.TryParse(lang, out var language) || language is null || !Slug.IsValid(slug))
        {
            return AdminUi.NotFound(http, "There is no such version.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (AdminUi.Int(form["revision"]) is not { } revision || AdminUi.Int(form["expected"]) is not { } expected)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, "Say which revision to restore, and which one is current.", AdminUi.HistoryPath(slug, language));
        }

        try
        {
            var restored = await newsroom.RestoreRevisionAsync(user, slug, language, revision, expected, form["note"].ToString(), http.RequestAborted);
            return Results.Redirect(AdminUi.EditPath(slug, language) + string.Create(CultureInfo.InvariantCulture, $"?done=restored-revision-{revision}-as-revision-{restored.Latest.Revision}"));
        }
        catch (EditorialException refusal)
        {
            return AdminUi.Refusal(http, refusal, AdminUi.HistoryPath(slug, language));
        }
    }
}
