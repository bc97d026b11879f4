using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/documents/{slug}/{lang}</c>: one version's editor. Saving sends the revision the text is based on, so a
/// save over someone else's newer revision is refused (409) with both texts and their difference on the page and
/// nothing lost. The page offers only the workflow steps the user may take; the newsroom checks them all again.
/// </summary>
internal static class AdminEditor
{
    public static RouteGroupBuilder MapAdminEditor(this RouteGroupBuilder admin)
    {
        var documents = admin.MapGroup("/documents/{slug}");
        documents.MapGet("/translate", (string slug, string? lang) =>
            LanguageTag.TryParse(lang, out var language) ? Results.Redirect(AdminUi.EditPath(slug, language)) : Results.Redirect("/admin/"));
        documents.MapPost("/delete", DeleteAsync);
        documents.MapGet("/{lang}", ShowAsync);
        documents.MapPost("/{lang}", SaveAsync);
        documents.MapPost("/{lang}/workflow", WorkflowAsync);
        return admin;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, SiteContext site, string slug, string lang, string? done)
    {
        var (user, document, language, refusal) = await OpenAsync(http, site, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var version = document!.Version(language!);
        if (version is null && !user!.CanEdit(document.OriginalLanguage, language!))
        {
            return AdminUi.NotFound(http, $"\"{slug}\" has no {language} version.");
        }

        // The form edits the newest text (a working copy over live text when there is one) and says its revision.
        var text = version?.Latest;
        var fields = new Fields(text?.Title ?? "", text?.Summary ?? "", text?.Body ?? "", text?.Revision);
        var notice = done is null ? null : $"Done: {done.Replace('-', ' ')}.";
        await AdminSegmentsSection.PrepareAsync(http, user!, document, language!);
        return Page(http, site, new View(user!, document, language!, fields) { Notice = notice });
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SiteContext site, Newsroom newsroom, string slug, string lang)
    {
        var (user, document, language, refusal) = await OpenAsync(http, site, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var fields = new Fields(form["title"].ToString(), form["summary"].ToString(), form["body"].ToString(), AdminUi.Int(form["revision"])) { Note = form["note"].ToString() };
        var view = new View(user!, document!, language!, fields);
        if (form["action"] == "preview")
        {
            return Page(http, site, view with { Preview = Html.Raw(MarkdownRenderer.ToHtml(fields.Body)) });
        }

        try
        {
            var saved = await newsroom.SaveVersionAsync(user!, slug, language!, new VersionEdit(fields.Title, fields.Body, fields.Summary, fields.Note), fields.Revision, http.RequestAborted);
            return Results.Redirect(AdminUi.EditPath(slug, language!) + string.Create(CultureInfo.InvariantCulture, $"?done=saved-as-revision-{saved.Revision}"));
        }
        catch (EditConflictException conflict)
        {
            // The user's text stays in the form, now based on the current revision: saving again is a deliberate choice.
            var latest = await site.Store.FindDocumentAsync(slug, http.RequestAborted) ?? document!;
            return Page(http, site, view with { Document = latest, Fields = fields with { Revision = conflict.Current.Revision }, Conflict = conflict }, StatusCodes.Status409Conflict);
        }
        catch (EditorialException failure) when (failure.Kind is not EditorialErrorKind.Forbidden and not EditorialErrorKind.NotFound)
        {
            return Page(http, site, view with { Error = failure.Message }, AdminUi.StatusOf(failure.Kind));
        }
        catch (EditorialException failure)
        {
            return AdminUi.Refusal(http, failure, AdminUi.EditPath(slug, language!));
        }
    }

    private static async Task<IResult> WorkflowAsync(HttpContext http, SiteContext site, Newsroom newsroom, string slug, string lang)
    {
        var (user, _, language, refusal) = await OpenAsync(http, site, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var action = form["action"].ToString();
        var revision = AdminUi.Int(form["revision"]);
        var back = AdminUi.EditPath(slug, language!);
        try
        {
            switch (action)
            {
                case "submit":
                    await newsroom.SubmitAsync(user!, slug, language!, revision, http.RequestAborted);
                    break;
                case "approve":
                    await newsroom.ApproveAsync(user!, slug, language!, revision, http.RequestAborted);
                    break;
                case "reject":
                    await newsroom.RejectAsync(user!, slug, language!, form["reason"].ToString(), revision, http.RequestAborted);
                    break;
                case "publish":
                    await newsroom.PublishAsync(user!, slug, language!, null, revision, http.RequestAborted);
                    break;
                case "publish-at":
                    // The form's time is the site's wall-clock time (Hexapla:TimeZone), never the server's.
                    if (!Instants.TryParseLocal(form["at"].ToString(), site.TimeZone, out var at, out var problem))
                    {
                        return AdminUi.Message(http, StatusCodes.Status400BadRequest, $"“Publish at” {problem}.", back);
                    }

                    await newsroom.PublishAsync(user!, slug, language!, at, revision, http.RequestAborted);
                    action = "scheduled";
                    break;
                case "unpublish":
                    await newsroom.UnpublishAsync(user!, slug, language!, revision, http.RequestAborted);
                    break;
                default:
                    return AdminUi.Message(http, StatusCodes.Status400BadRequest, "Unknown action.", back);
            }
        }
        catch (EditorialException failure)
        {
            return AdminUi.Refusal(http, failure, back);
        }

        return Results.Redirect($"{back}?done={Uri.EscapeDataString(action)}");
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, SiteContext site, Newsroom newsroom, string slug)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!user.CanDelete())
        {
            return AdminUi.Forbidden(http, $"{user.Name} ({AdminAuth.RoleName(user.Role)}) may not delete documents.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = LanguageTag.TryParse(form["back"], out var from) ? AdminUi.EditPath(slug, from) : "/admin/";
        if (form["confirm"] != "yes")
        {
            if (await site.Store.FindDocumentAsync(slug, http.RequestAborted) is not { } document)
            {
                return AdminUi.NotFound(http, $"There is no document \"{slug}\".");
            }

            return AdminPage.Render(http, "Delete document", Html.Of($"""
                <h1>Delete “{slug}”?</h1>
                <p class="alert" role="alert">This deletes the document, all {document.Versions.Count} language version(s) and their whole history, from the site and the search at once. It cannot be undone.</p>
                <form method="post" action="/admin/documents/{slug}/delete">
                {AdminPage.AntiforgeryField(http)}
                <input type="hidden" name="confirm" value="yes">
                <p class="actions"><button class="danger" type="submit">Yes, delete it for good</button> <a href="{back}">No, keep it</a></p>
                </form>
                """));
        }

        try
        {
            await newsroom.DeleteDocumentAsync(user, slug, http.RequestAborted);
        }
        catch (EditorialException failure)
        {
            return AdminUi.Refusal(http, failure, back);
        }

        return Results.Redirect("/admin/");
    }

    /// <summary>The user, the document and the language of a request, or the page that refuses it.</summary>
    private static async Task<(User? User, Document? Document, LanguageTag? Language, IResult? Refusal)> OpenAsync(HttpContext http, SiteContext site, string slug, string lang)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return (null, null, null, Results.Redirect(AdminAuth.LoginPath));
        }

        if (!LanguageTag.TryParse(lang, out var language))
        {
            return (user, null, null, AdminUi.NotFound(http, $"\"{lang}\" is not a language tag."));
        }

        if (!Slug.IsValid(slug) || await site.Store.FindDocumentAsync(slug, http.RequestAborted) is not { } document)
        {
            return (user, null, null, AdminUi.NotFound(http, $"There is no document \"{slug}\"."));
        }

        if (!AdminUi.MayOpen(user, document.OriginalLanguage, language))
        {
            return (user, null, null, AdminUi.Forbidden(http, $"{user.Name} ({AdminAuth.RoleName(user.Role)}) may not work on the {language} version of \"{slug}\"."));
        }

        return (user, document, language, null);
    }

    private static IResult Page(HttpContext http, SiteContext site, View view, int status = StatusCodes.Status200OK)
    {
        var (user, document, language, fields) = (view.User, view.Document, view.Language, view.Fields);
        var now = site.Now;
        var version = document.Version(language);
        var original = document.Version(document.OriginalLanguage);
        var isOriginal = language == document.OriginalLanguage;
        var mayEdit = user.CanEdit(document.OriginalLanguage, language);
        // Live text never changes by a save (it goes to a working copy), so whoever may write the language may save.
        var maySave = mayEdit;
        var heading = version?.Title ?? $"New {language.Value} version";

        var state = version is null
            ? Html.Of($"""<span class="badge state-draft">not saved yet</span>""")
            : Html.Of($"""{AdminUi.StateBadge(version.State, version.PublishedAt, now, site.TimeZone)} revision {version.Revision}, changed {AdminUi.Utc(version.UpdatedAt)}""");
        var publicLink = version is not null && version.IsPublicAt(now)
            ? Html.Of($""" · <a href="{SiteContext.DocumentPath(language, document.Slug)}">public page</a>""")
            : Html.Empty;
        var history = version is null ? Html.Empty : Html.Of($""" · <a href="{AdminUi.HistoryPath(document.Slug, language)}">history</a>""");
        var notice = view.Notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{view.Notice}</p>""");
        var error = view.Error is null ? Html.Empty : Html.Of($"""<p class="alert" role="alert">{view.Error}</p>""");
        var readOnlyNote = mayEdit && !maySave
            ? Html.Of($"""<p class="hint">This version is published; only an editor can change its text.</p>""")
            : Html.Empty;

        var editor = maySave
            ? Html.Of($"""
                <form method="post" action="{AdminUi.EditPath(document.Slug, language)}">
                {AdminPage.AntiforgeryField(http)}
                <input type="hidden" name="revision" value="{fields.Revision?.ToString(CultureInfo.InvariantCulture) ?? ""}">
                <p class="field"><label for="title">Title</label><br><input id="title" name="title" required maxlength="{Newsroom.MaxTitleLength}" value="{fields.Title}" lang="{language.Value}" dir="{language.HtmlDir}"></p>
                <p class="field"><label for="summary">Summary</label><br><input id="summary" name="summary" value="{fields.Summary}" lang="{language.Value}" dir="{language.HtmlDir}"></p>
                <p class="field"><label for="body">Body</label> <span class="hint">Markdown</span><br><textarea id="body" name="body" data-preview="preview" lang="{language.Value}" dir="{language.HtmlDir}">{fields.Body}</textarea></p>
                <p class="field"><label for="note">Note</label> <span class="hint">what changed; required once the version has been live</span><br><input id="note" name="note" maxlength="{Newsroom.MaxNoteLength}" value="{fields.Note}"></p>
                <p class="actions"><button class="primary" type="submit" name="action" value="save">Save</button><button type="submit" name="action" value="preview" formnovalidate>Preview</button></p>
                </form>
                """)
            : readOnlyNote;
        var preview = view.Preview ?? Html.Raw(MarkdownRenderer.ToHtml(fields.Body));
        var originalAside = !isOriginal && original is not null
            ? Html.Of($"""
                <aside class="original" aria-labelledby="original-heading" lang="{original.Language.Value}" dir="{original.Language.HtmlDir}">
                <h2 id="original-heading"><span lang="en" dir="ltr">Original ({original.Language.Value}, revision {original.Revision}{(version?.SourceRevision is { } source && source != original.Revision ? $"; this translation follows revision {source}" : "")})</span></h2>
                <h3>{original.Title}</h3>
                {(original.Summary is null ? Html.Empty : Html.Of($"<p><em>{original.Summary}</em></p>"))}
                {Html.Raw(MarkdownRenderer.ToHtml(original.Body))}
                </aside>
                """)
            : Html.Empty;

        return AdminPage.Render(http, heading, Html.Of($"""
            <h1 lang="{language.Value}" dir="{language.HtmlDir}">{heading}</h1>
            <p class="meta"><code>{document.Slug}</code> · {language.Value}{(isOriginal ? " (original)" : "")} · {state}{publicLink}{history}</p>
            {Versions(user, document, language, now)}
            {notice}{error}
            {Conflict(view)}
            <div class="columns">
            <div>{editor}</div>
            <section aria-labelledby="preview-heading"><h2 id="preview-heading">Preview</h2><div id="preview" class="preview" aria-live="polite" lang="{language.Value}" dir="{language.HtmlDir}">{preview}</div></section>
            </div>
            {originalAside}
            {AdminMachineTranslation.Section(http, user, document, language, version)}
            {AdminSegmentsSection.Render(http)}
            {AdminMemory.Section(http, document, language, maySave, fields.Title, fields.Summary, fields.Body, fields.Revision)}
            {Workflow(http, user, document, language, version, now, site.TimeZone)}
            {AdminXliff.Section(http, user, document, language)}
            {Delete(http, user, document, language)}
            """), status);
    }

    private static Html Versions(User user, Document document, LanguageTag current, DateTimeOffset now)
    {
        var links = document.Versions
            .Where(v => v.Language != current && AdminUi.MayOpen(user, document.OriginalLanguage, v.Language))
            .Select(v => Html.Of($"""<li><a href="{AdminUi.EditPath(document.Slug, v.Language)}">{v.Language.Value}</a> {AdminUi.StateBadge(v.State, v.PublishedAt, now)}</li>"""))
            .ToList();
        var others = links.Count == 0 ? Html.Empty : Html.Of($"""<nav aria-label="Other versions"><ul class="versions">{Html.Join(links)}</ul></nav>""");

        var existing = document.Versions.Select(v => v.Language).ToHashSet();
        Html add;
        if (user.Role == Role.Translator)
        {
            var candidates = user.Languages.Where(l => !existing.Contains(l) && user.CanEdit(document.OriginalLanguage, l)).ToList();
            add = candidates.Count == 0 ? Html.Empty : Html.Of($"""
                <form class="filters" method="get" action="/admin/documents/{document.Slug}/translate">
                <p><label for="add-lang">Add translation</label><br><select id="add-lang" name="lang">{candidates.Select(l => Html.Of($"""<option value="{l.Value}">{l.Value} · {l.NativeName}</option>"""))}</select></p>
                <p><button type="submit">Open</button></p>
                </form>
                """);
        }
        else if (user.CanCreateDocuments())
        {
            add = Html.Of($"""
                <form class="filters" method="get" action="/admin/documents/{document.Slug}/translate">
                <p><label for="add-lang">Add translation</label> <span class="hint">language tag, such as fr-FR</span><br><input id="add-lang" name="lang" required maxlength="{LanguageTag.MaxLength}" size="10"></p>
                <p><button type="submit">Open</button></p>
                </form>
                """);
        }
        else
        {
            add = Html.Empty;
        }

        return Html.Of($"{others}{add}");
    }

    private static Html Conflict(View view)
    {
        if (view.Conflict is not { } conflict)
        {
            return Html.Empty;
        }

        var theirs = conflict.Current;
        var titleDiff = theirs.Title == view.Fields.Title.Trim()
            ? Html.Empty
            : Html.Of($"""<p>Title: {AdminUi.Diff(theirs.Title, view.Fields.Title.Trim())}</p>""");
        return Html.Of($"""
            <section class="conflict" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading">Someone else saved this version meanwhile</h2>
            <p class="alert" role="alert">{conflict.Message}</p>
            <p>Your text is kept in the form below, now based on revision {theirs.Revision}. Saving it replaces the text below with yours, so take over what you need from it first.</p>
            <h3>The current text (revision {theirs.Revision}, {theirs.State.Name().Replace('_', ' ')})</h3>
            <div class="theirs">
            <p><strong>Title:</strong> {theirs.Title}</p>
            <p><strong>Summary:</strong> {theirs.Summary ?? ""}</p>
            <p><label for="their-body">Body</label><br><textarea id="their-body" readonly>{theirs.Body}</textarea></p>
            </div>
            <h3>What your text changes in it</h3>
            <p class="hint">Struck through: only in the current text; underlined: only in yours.</p>
            {titleDiff}
            {AdminUi.Diff(theirs.Body, view.Fields.Body)}
            </section>
            """);
    }

    private static Html Workflow(HttpContext http, User user, Document document, LanguageTag language, LanguageVersion? version, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (version is null)
        {
            return Html.Empty;
        }

        var path = $"{AdminUi.EditPath(document.Slug, language)}/workflow";
        // The steps act on the text under work (a working copy over live text, or the version while never live).
        var work = version.Work;
        var revision = version.Latest.Revision.ToString(CultureInfo.InvariantCulture);
        Html Button(string action, string label) => Html.Of($"""
            <form method="post" action="{path}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}"><button type="submit" name="action" value="{action}">{label}</button></form>
            """);

        // The schedule form shows and reads wall-clock time in the site's zone, named beside the field with the
        // offset in force at the time shown (it may differ from today's across a change to or from summer time).
        var suggested = version.PublishedAt > now ? version.PublishedAt.Value : now.AddHours(1);
        var zoneLabel = Instants.ZoneLabel(zone, suggested);
        var buttons = new List<Html>();
        if (work?.State == VersionState.Draft && user.CanEdit(document.OriginalLanguage, language))
        {
            buttons.Add(Button("submit", "Submit for review"));
        }

        if (work?.State == VersionState.InReview && user.CanApprove())
        {
            buttons.Add(Button("approve", "Approve"));
        }

        if (work?.State is VersionState.InReview or VersionState.Approved && user.CanApprove())
        {
            buttons.Add(Html.Of($"""
                <form method="post" action="{path}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}">
                <label for="reject-reason">Reason</label>
                <input id="reject-reason" name="reason" required maxlength="{Newsroom.MaxNoteLength}">
                <button type="submit" name="action" value="reject">Reject</button></form>
                """));
        }

        var publishable = work is not null || version.State != VersionState.Published || !version.IsPublicAt(now);
        if (user.CanPublish() && publishable)
        {
            buttons.Add(Button("publish", "Publish now"));
            buttons.Add(Html.Of($"""
                <form method="post" action="{path}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}">
                <label for="publish-at">Publish at</label>
                <input id="publish-at" type="datetime-local" name="at" required value="{Instants.ToLocalInput(suggested, zone)}" aria-describedby="publish-at-zone">
                <span id="publish-at-zone" class="hint">{zoneLabel}</span>
                <button type="submit" name="action" value="publish-at">Schedule</button></form>
                """));
        }

        if (user.CanPublish() && version.State == VersionState.Published)
        {
            buttons.Add(Button("unpublish", "Unpublish"));
        }

        return buttons.Count == 0
            ? Html.Empty
            : Html.Of($"""
                <section aria-labelledby="workflow-heading"><h2 id="workflow-heading">Workflow</h2>
                <p class="hint">Times are in {zoneLabel}, the site's time zone: “Publish at” 09:00 means 09:00 there. The version goes public at that instant with no one clicking.</p>
                <div class="actions">{Html.Join(buttons)}</div></section>
                """);
    }

    private static Html Delete(HttpContext http, User user, Document document, LanguageTag language) =>
        user.CanDelete()
            ? Html.Of($"""
                <section aria-labelledby="danger-heading"><h2 id="danger-heading">Delete</h2>
                <form method="post" action="/admin/documents/{document.Slug}/delete">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="back" value="{language.Value}">
                <button class="danger" type="submit">Delete document…</button> <span class="hint">every language version and its history; you will be asked to confirm</span></form>
                </section>
                """)
            : Html.Empty;

    private sealed record Fields(string Title, string Summary, string Body, int? Revision)
    {
        public string Note { get; init; } = "";
    }

    private sealed record View(User User, Document Document, LanguageTag Language, Fields Fields)
    {
        public string? Notice { get; init; }

        public string? Error { get; init; }

        public Html? Preview { get; init; }

        public EditConflictException? Conflict { get; init; }
    }
}
