using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/documents/{slug}/{lang}</c>: one version's editor. The form edits the newest text (the working copy over
/// live text, or the version itself while never live); saving a version that has been live writes its working copy and
/// never what readers get, and the page shows the live text, the working copy and their difference together. Saving
/// sends the newest revision the text is based on, so a save over someone else's newer revision is refused (409) with
/// both texts and their difference on the page and nothing lost. The page offers only the workflow steps the user may
/// take; the newsroom checks them all again.
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

        // The form holds the newest text; a note is said anew with every save.
        var latest = version?.Latest;
        var fields = new Fields(latest?.Title ?? "", latest?.Summary ?? "", latest?.Body ?? "", latest?.Revision, "");
        var notice = done is null ? null : $"Done: {done.Replace('-', ' ')}.";
        await AdminSegmentsSection.PrepareAsync(http, user!, document, language!);
        var release = await PendingReleaseAsync(http, site, version);
        return Page(http, site, new View(user!, document, language!, fields) { Notice = notice, Release = release });
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SiteContext site, Newsroom newsroom, string slug, string lang)
    {
        var (user, document, language, refusal) = await OpenAsync(http, site, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var fields = new Fields(form["title"].ToString(), form["summary"].ToString(), form["body"].ToString(), AdminUi.Int(form["revision"]), form["note"].ToString());
        var view = new View(user!, document!, language!, fields) { Release = await PendingReleaseAsync(http, site, document!.Version(language!)) };
        if (form["action"] == "preview")
        {
            return Page(http, site, view with { Preview = Html.Raw(MarkdownRenderer.ToHtml(fields.Body)) });
        }

        try
        {
            var saved = await newsroom.SaveVersionAsync(user!, slug, language!, new VersionEdit(fields.Title, fields.Body, fields.Summary, fields.Note), fields.Revision, http.RequestAborted);
            var what = saved.Working is null ? "" : "-of-the-working-copy;-the-live-text-is-unchanged";
            return Results.Redirect(AdminUi.EditPath(slug, language!) + string.Create(CultureInfo.InvariantCulture, $"?done=saved-as-revision-{saved.Latest.Revision}{what}"));
        }
        catch (EditConflictException conflict)
        {
            // The user's text stays in the form, now based on the current revision: saving again is a deliberate choice.
            var latest = await site.Store.FindDocumentAsync(slug, http.RequestAborted) ?? document!;
            return Page(http, site, view with { Document = latest, Fields = fields with { Revision = conflict.Current.Latest.Revision }, Conflict = conflict }, StatusCodes.Status409Conflict);
        }
        catch (EditorialException failure) when (failure.Kind is not EditorialErrorKind.Forbidden and not EditorialErrorKind.NotFound)
        {
            // Nothing was saved; the typed text stays in the form, the field at fault marked.
            return Page(http, site, view with { Error = failure.Message, ErrorField = failure.Field }, AdminUi.StatusOf(failure.Kind));
        }
        catch (EditorialException failure)
        {
            return AdminUi.Refusal(http, failure, AdminUi.EditPath(slug, language!));
        }
    }

    private static async Task<IResult> WorkflowAsync(HttpContext http, SiteContext site, Newsroom newsroom, ReleaseRunner runner, string slug, string lang)
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
                    // A working copy published at an instant is a release: the runner wakes for it.
                    runner.Wake();
                    action = "scheduled";
                    break;
                case "unpublish":
                    await newsroom.UnpublishAsync(user!, slug, language!, revision, http.RequestAborted);
                    break;
                case "discard":
                    await newsroom.DiscardWorkingCopyAsync(user!, slug, language!, revision, http.RequestAborted);
                    break;
                default:
                    return AdminUi.Message(http, StatusCodes.Status400BadRequest, "Unknown action.", back);
            }
        }
        catch (EditorialException failure)
        {
            return AdminUi.Refusal(http, failure, back);
        }

        var done = action switch
        {
            "submit" => "submitted-for-review",
            "approve" => "approved",
            "reject" => "sent-back-to-its-writers",
            "publish" => "published",
            "unpublish" => "unpublished",
            "discard" => "working-copy-discarded;-the-live-text-is-unchanged",
            _ => action,
        };
        return Results.Redirect($"{back}?done={Uri.EscapeDataString(done)}");
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

    /// <summary>The pending release that will put this version's working copy live, if any.</summary>
    private static async Task<Release?> PendingReleaseAsync(HttpContext http, SiteContext site, LanguageVersion? version)
    {
        if (version?.Working is null)
        {
            return null;
        }

        var slug = http.Request.RouteValues["slug"] as string;
        var pending = await site.Store.ListReleasesAsync(pendingOnly: true, int.MaxValue, http.RequestAborted);
        return pending.FirstOrDefault(r => r.Members.Any(m => m.Slug == slug && m.Language == version.Language));
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
        var latest = version?.Latest;
        var original = document.Version(document.OriginalLanguage)?.Latest;
        var isOriginal = language == document.OriginalLanguage;
        // Live text never changes by a save (it goes to a working copy), so who may write a language may save it.
        var maySave = user.CanEdit(document.OriginalLanguage, language);
        var heading = latest?.Title ?? $"New {language.Value} version";

        var state = version is null
            ? Html.Of($"""<span class="badge state-draft">not saved yet</span>""")
            : Html.Of($"""{AdminUi.StateBadge(version.State, version.PublishedAt, now, site.TimeZone)} revision {version.Revision}, changed {AdminUi.Utc(version.UpdatedAt)}""");
        var working = version?.Working is { } copy
            ? Html.Of($""" · working copy {AdminUi.StateBadge(copy.State, null, now)} revision {copy.Revision}""")
            : Html.Empty;
        var publicLink = version is not null && version.IsPublicAt(now)
            ? Html.Of($""" · <a href="{SiteContext.DocumentPath(language, document.Slug)}">public page</a>""")
            : Html.Empty;
        var history = version is null ? Html.Empty : Html.Of($""" · <a href="{AdminUi.HistoryPath(document.Slug, language)}">history</a>""");
        var notice = view.Notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{view.Notice}</p>""");
        var error = view.Error is null ? Html.Empty : Html.Of($"""<p class="alert" role="alert" id="form-error">{view.Error}</p>""");

        var editor = maySave ? Editor(http, document, language, version, view) : Html.Empty;
        var preview = view.Preview ?? Html.Raw(MarkdownRenderer.ToHtml(fields.Body));
        var originalAside = !isOriginal && original is not null
            ? Html.Of($"""
                <aside class="original" aria-labelledby="original-heading" lang="{original.Language.Value}" dir="{original.Language.HtmlDir}">
                <h2 id="original-heading"><span lang="en" dir="ltr">Original ({original.Language.Value}, revision {original.Revision}{(original.State is VersionState.Published or VersionState.Unpublished ? "" : $", {original.State.Name().Replace('_', ' ')}")}{(latest?.SourceRevision is { } source && source != original.Revision ? $"; this translation follows revision {source}" : "")})</span></h2>
                <h3>{original.Title}</h3>
                {(original.Summary is null ? Html.Empty : Html.Of($"<p><em>{original.Summary}</em></p>"))}
                {Html.Raw(MarkdownRenderer.ToHtml(original.Body))}
                </aside>
                """)
            : Html.Empty;

        return AdminPage.Render(http, heading, Html.Of($"""
            <h1 lang="{language.Value}" dir="{language.HtmlDir}">{heading}</h1>
            <p class="meta"><code>{document.Slug}</code> · {language.Value}{(isOriginal ? " (original)" : "")} · {state}{working}{publicLink}{history}</p>
            {Versions(user, document, language, now)}
            {notice}{error}
            {Conflict(view)}
            {Work(version, now, view.Release, site.TimeZone)}
            {LiveAndWork(version)}
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

    /// <summary>The form over the newest text, with the note that says what changed (required over published text).</summary>
    private static Html Editor(HttpContext http, Document document, LanguageTag language, LanguageVersion? version, View view)
    {
        var fields = view.Fields;
        var noteRequired = version?.State == VersionState.Published;
        var noteInvalid = view.ErrorField == "note";
        var where = version switch
        {
            null => Html.Empty,
            { State: VersionState.Unpublished, Working: { } copy } => Html.Of($"""<p class="hint">You are editing the working copy (revision {copy.Revision}) of a withdrawn version: readers get nothing until it is published again.</p>"""),
            { State: VersionState.Unpublished } => Html.Of($"""<p class="hint">This version is withdrawn (readers get nothing). Saving makes a working copy, which goes through review before it is published again.</p>"""),
            { Working: { } copy } => Html.Of($"""<p class="hint">You are editing the working copy (revision {copy.Revision}); readers keep the live text (revision {version.Revision}) until the working copy is approved and published.</p>"""),
            { HasBeenLive: true } => Html.Of($"""<p class="hint">Readers have this text (revision {version.Revision}). Saving makes a working copy: the live text stays as it is until the working copy is approved and published.</p>"""),
            _ => Html.Empty,
        };
        var noteHint = noteRequired
            ? "Required: this version is published. Reviewers see the note with the revision, and readers with the correction."
            : "Optional: kept with the revision in its history.";
        return Html.Of($"""
            <form method="post" action="{AdminUi.EditPath(document.Slug, language)}">
            {AdminPage.AntiforgeryField(http)}
            <input type="hidden" name="revision" value="{fields.Revision?.ToString(CultureInfo.InvariantCulture) ?? ""}">
            {where}
            <p class="field"><label for="title">Title</label><br><input id="title" name="title" required maxlength="{Newsroom.MaxTitleLength}" value="{fields.Title}" lang="{language.Value}" dir="{language.HtmlDir}"></p>
            <p class="field"><label for="summary">Summary</label><br><input id="summary" name="summary" value="{fields.Summary}" lang="{language.Value}" dir="{language.HtmlDir}"></p>
            <p class="field"><label for="body">Body</label> <span class="hint">Markdown</span><br><textarea id="body" name="body" data-preview="preview" lang="{language.Value}" dir="{language.HtmlDir}">{fields.Body}</textarea></p>
            <p class="field">
            <label for="note">What changed</label> <span id="note-hint" class="hint">{noteHint}</span><br>
            <textarea id="note" name="note" rows="2" maxlength="{Newsroom.MaxNoteLength}" aria-describedby="note-hint{(noteInvalid ? " form-error" : "")}"{(noteRequired ? Html.Raw(" required") : Html.Empty)}{(noteInvalid ? Html.Raw(" aria-invalid=\"true\"") : Html.Empty)}>{fields.Note}</textarea>
            </p>
            <p class="actions"><button class="primary" type="submit" name="action" value="save">Save</button><button type="submit" name="action" value="preview" formnovalidate>Preview</button></p>
            </form>
            """);
    }

    /// <summary>Where the text under work stands: its state, who wrote it, who approved it, its note and why it was sent back.</summary>
    private static Html Work(LanguageVersion? version, DateTimeOffset now, Release? release, TimeZoneInfo zone)
    {
        if (version?.Work is not { } work)
        {
            return Html.Empty;
        }

        var kind = version.Working is null ? "This version has never been live: its text is the text under work." : "A working copy over the live text.";
        var approved = work.ApprovedBy is { } by ? Html.Of($"<dt>Approved by</dt><dd class=\"approved-by\">{by}</dd>") : Html.Empty;
        var note = work.Note is { } said ? Html.Of($"<dt>What changed</dt><dd class=\"work-note\">{said}</dd>") : Html.Empty;
        var rejection = work.Rejection is { } reason
            ? Html.Of($"""<p class="alert rejection" role="status"><strong>Sent back:</strong> {reason}</p>""")
            : Html.Empty;
        // Only this version's part of the release is told: its other members may be in languages this user may not read.
        var scheduled = release is null
            ? Html.Empty
            : Html.Of($"""<p class="ok scheduled" role="status">Scheduled: revision {release.Members.First(m => m.Language == version.Language).Revision} goes live at {AdminUi.InZone(release.At, zone)} (release {release.Id}). A change to the working copy before then stops the whole release; to discard it, cancel the release first.</p>""");
        return Html.Of($"""
            <section class="work" aria-labelledby="work-heading">
            <h2 id="work-heading">Text under work</h2>
            <p class="hint">{kind}</p>
            {scheduled}
            {rejection}
            <dl class="work-facts">
            <dt>State</dt><dd class="work-state">{AdminUi.StateBadge(work.State, null, now)}</dd>
            <dt>Revision</dt><dd>{work.Revision}</dd>
            <dt>Written by</dt><dd class="work-author">{work.Author ?? "an import"}</dd>
            {approved}{note}
            </dl>
            </section>
            """);
    }

    /// <summary>For a version with a working copy over live text: the live text beside what the working copy changes in it.</summary>
    private static Html LiveAndWork(LanguageVersion? version)
    {
        if (version is not { Working: { } work })
        {
            return Html.Empty;
        }

        var language = version.Language;
        var title = version.Title == work.Title ? Html.Empty : Html.Of($"""<p>Title: {AdminUi.Diff(version.Title, work.Title)}</p>""");
        var summary = (version.Summary ?? "") == (work.Summary ?? "") ? Html.Empty : Html.Of($"""<p>Summary: {AdminUi.Diff(version.Summary ?? "", work.Summary ?? "")}</p>""");
        var body = version.Body == work.Body && title == Html.Empty && summary == Html.Empty
            ? Html.Of($"""<p class="hint">The working copy's text is the live text.</p>""")
            : AdminUi.Diff(version.Body, work.Body);
        return Html.Of($"""
            <div class="columns live-and-work">
            <section class="live-text" aria-labelledby="live-heading">
            <h2 id="live-heading">{(version.State == VersionState.Unpublished ? "Withdrawn text" : "Live text")} (revision {version.Revision})</h2>
            <div lang="{language.Value}" dir="{language.HtmlDir}">
            <p><strong>{version.Title}</strong></p>
            {(version.Summary is null ? Html.Empty : Html.Of($"<p><em>{version.Summary}</em></p>"))}
            {Html.Raw(MarkdownRenderer.ToHtml(version.Body))}
            </div>
            </section>
            <section class="work-changes" aria-labelledby="changes-heading">
            <h2 id="changes-heading">What the working copy (revision {work.Revision}) changes</h2>
            <p class="hint">Struck through: only in the live text; underlined: only in the working copy.</p>
            <div lang="{language.Value}" dir="{language.HtmlDir}">{title}{summary}{body}</div>
            </section>
            </div>
            """);
    }

    private static Html Versions(User user, Document document, LanguageTag current, DateTimeOffset now)
    {
        var links = document.Versions
            .Where(v => v.Language != current && AdminUi.MayOpen(user, document.OriginalLanguage, v.Language))
            .Select(v => Html.Of($"""<li><a href="{AdminUi.EditPath(document.Slug, v.Language)}">{v.Language.Value}</a> {AdminUi.StateBadge(v.State, v.PublishedAt, now)}{(v.Working is null ? "" : " + working copy")}</li>"""))
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

        // The newest text is what the next save is compared with: the working copy when there is one.
        var theirs = conflict.Current.Latest;
        var titleDiff = theirs.Title == view.Fields.Title.Trim()
            ? Html.Empty
            : Html.Of($"""<p>Title: {AdminUi.Diff(theirs.Title, view.Fields.Title.Trim())}</p>""");
        return Html.Of($"""
            <section class="conflict" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading">Someone else saved this version meanwhile</h2>
            <p class="alert" role="alert">{conflict.Message}</p>
            <p>Your text is kept in the form below, now based on revision {theirs.Revision}. Saving it replaces the text below with yours, so take over what you need from it first.</p>
            <h3>The current text (revision {theirs.Revision}, {theirs.State.Name().Replace('_', ' ')}{(theirs.Author is null ? "" : $", by {theirs.Author}")})</h3>
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

    /// <summary>
    /// The workflow steps this user may take on the text under work now: submit, approve, send back (with a reason),
    /// publish now or at an instant, discard the working copy, unpublish. A step the newsroom would refuse for who
    /// the user is (approving one's own text, publishing unapproved text) is not offered; the page says who may.
    /// </summary>
    private static Html Workflow(HttpContext http, User user, Document document, LanguageTag language, LanguageVersion? version, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (version is null)
        {
            return Html.Empty;
        }

        var secondPerson = http.RequestServices.GetRequiredService<Newsroom>().RequireSecondPerson;
        var mayEdit = user.CanEdit(document.OriginalLanguage, language);
        var work = version.Work;
        var path = $"{AdminUi.EditPath(document.Slug, language)}/workflow";
        var revision = version.Latest.Revision.ToString(CultureInfo.InvariantCulture);
        Html Button(string action, string label, string? hint = null) => Html.Of($"""
            <form method="post" action="{path}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}"><button type="submit" name="action" value="{action}">{label}</button>{(hint is null ? Html.Empty : Html.Of($""" <span class="hint">{hint}</span>"""))}</form>
            """);

        // The schedule form shows and reads wall-clock time in the site's zone, named beside the field with the
        // offset in force at the time shown (it may differ from today's across a change to or from summer time).
        var suggested = version.PublishedAt > now && work is null ? version.PublishedAt.Value : now.AddHours(1);
        var zoneLabel = Instants.ZoneLabel(zone, suggested);
        var buttons = new List<Html>();
        var notes = new List<Html>();
        if (work?.State == VersionState.Draft && mayEdit)
        {
            buttons.Add(Button("submit", "Submit for review"));
        }

        var ownText = secondPerson && work?.Author is { } author && string.Equals(author, user.Name, StringComparison.OrdinalIgnoreCase);
        if (work?.State == VersionState.InReview && user.CanApprove())
        {
            if (ownText)
            {
                notes.Add(Html.Of($"""<p class="hint own-text">You wrote revision {work.Revision}: a reviewer, editor or admin other than you must approve it.</p>"""));
            }
            else
            {
                buttons.Add(Button("approve", "Approve"));
            }
        }

        if (work?.State is VersionState.InReview or VersionState.Approved && user.CanApprove())
        {
            buttons.Add(Html.Of($"""
                <form method="post" action="{path}" class="send-back">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}">
                <fieldset>
                <legend>Send back to its writers</legend>
                <p><label for="reason">Why it goes back</label> <span id="reason-hint" class="hint">required; the writers see it on the version</span><br>
                <textarea id="reason" name="reason" rows="2" required maxlength="{Newsroom.MaxNoteLength}" aria-describedby="reason-hint"></textarea></p>
                <p><button type="submit" name="action" value="reject">Send back</button></p>
                </fieldset>
                </form>
                """));
        }

        // Publishing: text under work once approved (or at once where one person may), an embargo's time moved, or a
        // withdrawn version put back as it was.
        var embargoed = work is null && version.State == VersionState.Published && version.PublishedAt > now;
        var withdrawn = work is null && version.State == VersionState.Unpublished;
        var ready = work is not null && (work.State == VersionState.Approved || !secondPerson);
        if (user.CanPublish() && (ready || embargoed || withdrawn))
        {
            var what = version.Working is not null ? "the working copy replaces the live text" : null;
            buttons.Add(Button("publish", "Publish now", what));
            buttons.Add(Html.Of($"""
                <form method="post" action="{path}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}">
                <label for="publish-at">Publish at</label>
                <input id="publish-at" type="datetime-local" name="at" required value="{Instants.ToLocalInput(suggested, zone)}" aria-describedby="publish-at-zone">
                <span id="publish-at-zone" class="hint">{zoneLabel}</span>
                <button type="submit" name="action" value="publish-at">Schedule</button></form>
                """));
        }
        else if (user.CanPublish() && work is not null)
        {
            var other = work.Author is { } writer ? $" other than {writer}" : "";
            notes.Add(Html.Of($"""<p class="hint not-approved">Revision {work.Revision} is {work.State.Name().Replace('_', ' ')}: it can be published once a reviewer, editor or admin{other} has approved it.</p>"""));
        }

        if (version.Working is not null && mayEdit)
        {
            buttons.Add(Button("discard", "Discard working copy", $"throws away revision {version.Working.Revision}; the live text (revision {version.Revision}) stays as it is"));
        }

        if (user.CanPublish() && version.State == VersionState.Published)
        {
            buttons.Add(Button("unpublish", "Unpublish"));
        }

        return buttons.Count == 0 && notes.Count == 0
            ? Html.Empty
            : Html.Of($"""
                <section aria-labelledby="workflow-heading"><h2 id="workflow-heading">Workflow</h2>
                <p class="hint">Times are in {zoneLabel}, the site's time zone: “Publish at” 09:00 means 09:00 there. The version goes public at that instant with no one clicking.</p>
                {notes}
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

    private sealed record Fields(string Title, string Summary, string Body, int? Revision, string Note);

    private sealed record View(User User, Document Document, LanguageTag Language, Fields Fields)
    {
        public string? Notice { get; init; }

        public string? Error { get; init; }

        /// <summary>The form field the error is about (<see cref="EditorialException.Field"/>), marked invalid.</summary>
        public string? ErrorField { get; init; }

        public Html? Preview { get; init; }

        public EditConflictException? Conflict { get; init; }

        /// <summary>The pending release that holds this version's working copy, if any.</summary>
        public Release? Release { get; init; }
    }
}
