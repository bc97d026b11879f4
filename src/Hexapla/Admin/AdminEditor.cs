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
            return AdminUi.NotFound(http, EditorText.Of(http).NoVersion(slug, language!));
        }

        // The form holds the newest text; a note is said anew with every save.
        var latest = version?.Latest;
        var fields = new Fields(latest?.Title ?? "", latest?.Summary ?? "", latest?.Body ?? "", latest?.Revision, "");
        var notice = done is null ? null : EditorText.Of(http).Done(done);
        await AdminSegmentsSection.PrepareAsync(http, user!, document, language!);
        await AdminTranslationMedia.PrepareAsync(http, user!, document, language!, http.Request.Query["media"]);
        var release = await PendingReleaseAsync(http, site, version);
        return await PageAsync(http, site, new View(user!, document, language!, fields) { Notice = notice, Release = release });
    }

    private static async Task<IResult> SaveAsync(HttpContext http, SiteContext site, Newsroom newsroom, string slug, string lang)
    {
        var (user, document, language, refusal) = await OpenAsync(http, site, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var fields = new Fields(form["title"].ToString(), form["summary"].ToString(), form["body"].ToString(), AdminUi.Int(form["revision"]), form["note"].ToString(), AdminPlacement.ReadVersionFields(form));
        var view = new View(user!, document!, language!, fields) { Release = await PendingReleaseAsync(http, site, document!.Version(language!)) };
        if (form["action"] == "preview")
        {
            return await PageAsync(http, site, view);
        }

        try
        {
            var saved = await newsroom.SaveVersionAsync(user!, slug, language!, new VersionEdit(fields.Title, fields.Body, fields.Summary, fields.Note, fields.KindFields), fields.Revision, http.RequestAborted);
            var what = saved.Working is null ? "" : "-of-the-working-copy;-the-live-text-is-unchanged";
            return Results.Redirect(AdminUi.EditPath(slug, language!) + string.Create(CultureInfo.InvariantCulture, $"?done=saved-as-revision-{saved.Latest.Revision}{what}"));
        }
        catch (EditConflictException conflict)
        {
            // The user's text stays in the form, now based on the current revision: saving again is a deliberate choice.
            var latest = await site.Store.FindDocumentAsync(slug, http.RequestAborted) ?? document!;
            return await PageAsync(http, site, view with { Document = latest, Fields = fields with { Revision = conflict.Current.Latest.Revision }, Conflict = conflict }, StatusCodes.Status409Conflict);
        }
        catch (EditorialException failure) when (failure.Kind is not EditorialErrorKind.Forbidden and not EditorialErrorKind.NotFound)
        {
            // Nothing was saved; the typed text stays in the form, the field at fault marked.
            return await PageAsync(http, site, view with { Error = failure.Message, ErrorField = failure.Field }, AdminUi.StatusOf(failure.Kind));
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
                        return AdminUi.Message(http, StatusCodes.Status400BadRequest, EditorText.Of(http).PublishAtUnreadable(problem), back);
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
                    return AdminUi.Message(http, StatusCodes.Status400BadRequest, EditorText.Of(http).UnknownAction, back);
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
            return AdminUi.Forbidden(http, EditorText.Of(http).MayNotDelete(user));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = LanguageTag.TryParse(form["back"], out var from) ? AdminUi.EditPath(slug, from) : "/admin/";
        if (form["confirm"] != "yes")
        {
            if (await site.Store.FindDocumentAsync(slug, http.RequestAborted) is not { } document)
            {
                return AdminUi.NotFound(http, EditorText.Of(http).NoDocument(slug));
            }

            var t = EditorText.Of(http);
            return AdminPage.Render(http, t.DeleteTitle, Html.Of($"""
                {t.Begin}
                <h1>{t.DeleteQuestion(slug)}</h1>
                <p class="alert" role="alert">{t.DeleteWarning(document.Versions.Count)}</p>
                <form method="post" action="/admin/documents/{slug}/delete">
                {AdminPage.AntiforgeryField(http)}
                <input type="hidden" name="confirm" value="yes">
                <p class="actions"><button class="danger" type="submit">{t.DeleteYes}</button> <a href="{back}">{t.DeleteNo}</a></p>
                </form>
                {EditorText.End}
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
            return (user, null, null, AdminUi.NotFound(http, EditorText.Of(http).NotALanguageTag(lang)));
        }

        if (!Slug.IsValid(slug) || await site.Store.FindDocumentAsync(slug, http.RequestAborted) is not { } document)
        {
            return (user, null, null, AdminUi.NotFound(http, EditorText.Of(http).NoDocument(slug)));
        }

        if (!AdminUi.MayOpen(user, document.OriginalLanguage, language))
        {
            return (user, null, null, AdminUi.Forbidden(http, EditorText.Of(http).MayNotWorkOn(user, slug, language)));
        }

        return (user, document, language, null);
    }

    /// <summary>The page, with the media items its texts use (the form's, the live and working texts, the original's), drafts' included.</summary>
    private static async Task<IResult> PageAsync(HttpContext http, SiteContext site, View view, int status = StatusCodes.Status200OK)
    {
        var version = view.Document.Version(view.Language);
        var original = view.Document.Version(view.Document.OriginalLanguage);
        var media = await PageMedia.FindAsync(site.Store, [view.Fields.Body, version?.Body, version?.Working?.Body, original?.Body, original?.Latest.Body], http.RequestAborted);
        await AdminPlacement.PrepareAsync(http, site);
        return Page(http, site, view with { Media = media }, status);
    }

    private static IResult Page(HttpContext http, SiteContext site, View view, int status = StatusCodes.Status200OK)
    {
        var (user, document, language, fields) = (view.User, view.Document, view.Language, view.Fields);
        var t = EditorText.Of(http);
        var now = site.Now;
        var version = document.Version(language);
        var latest = version?.Latest;
        var original = document.Version(document.OriginalLanguage)?.Latest;
        var isOriginal = language == document.OriginalLanguage;
        // Live text never changes by a save (it goes to a working copy), so who may write a language may save it.
        var maySave = user.CanEdit(document.OriginalLanguage, language);
        // A new version's heading is chrome (in the admin's language); a saved one's is the document's title.
        var heading = latest?.Title ?? t.NewVersionHeading(language);
        var headingLanguage = latest is null ? t.Language : language;

        var state = version is null
            ? Html.Of($"""<span class="badge state-draft">{t.NotSavedYet}</span>""")
            : Html.Of($"""{AdminUi.StateBadge(version.State, version.PublishedAt, now, site.TimeZone, text: AdminText.For(t.Language))} {t.RevisionChanged(version.Revision, version.UpdatedAt)}""");
        var working = version?.Working is { } copy
            ? Html.Of($""" · {t.WorkingCopyAt(AdminUi.StateBadge(copy.State, null, now, text: AdminText.For(t.Language)), copy.Revision)}""")
            : Html.Empty;
        var publicLink = version is not null && version.IsPublicAt(now)
            ? Html.Of($""" · <a href="{SiteContext.DocumentPath(language, document.Slug)}">{t.PublicPage}</a>""")
            : Html.Empty;
        var history = version is null ? Html.Empty : Html.Of($""" · <a href="{AdminUi.HistoryPath(document.Slug, language)}">{t.HistoryLink}</a>""");
        var notice = view.Notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{view.Notice}</p>""");
        // The newsroom's messages are English: marked so, and isolated, inside the admin's language.
        var error = view.Error is null ? Html.Empty : Html.Of($"""<p class="alert" role="alert" id="form-error"><span lang="en" dir="ltr">{view.Error}</span></p>""");

        var editor = maySave ? Editor(http, t, document, language, version, view) : Html.Empty;
        // The preview as the public page would show it: media in the version's language, with the site's words in it.
        var preview = Html.Raw(MarkdownRenderer.ToHtml(fields.Body, PageMedia.For(language, SiteText.For(language), view.Media)));
        var originalAside = !isOriginal && original is not null
            ? Html.Of($"""
                <aside class="original" aria-labelledby="original-heading" lang="{original.Language.Value}" dir="{original.Language.HtmlDir}">
                <h2 id="original-heading"><span lang="{t.Language.Value}" dir="{t.Dir}">{t.OriginalHeading(original.Language, original.Revision, original.State is VersionState.Published or VersionState.Unpublished ? null : original.State, latest?.SourceRevision is { } source && source != original.Revision ? source : null)}</span></h2>
                <h3>{original.Title}</h3>
                {(original.Summary is null ? Html.Empty : Html.Of($"<p><em>{original.Summary}</em></p>"))}
                {Html.Raw(MarkdownRenderer.ToHtml(original.Body, PageMedia.For(original.Language, SiteText.For(original.Language), view.Media)))}
                </aside>
                """)
            : Html.Empty;

        return AdminPage.Render(http, heading, Html.Of($"""
            {t.Begin}
            <h1 lang="{headingLanguage.Value}" dir="{headingLanguage.HtmlDir}">{heading}</h1>
            <p class="meta">{EditorText.Slug(document.Slug)} · {EditorText.Tag(language)}{(isOriginal ? " " + t.OriginalMark : "")} · {state}{working}{publicLink}{history}</p>
            {Versions(t, user, document, language, now)}
            {notice}{error}
            {Conflict(t, view)}
            {Work(t, version, now, view.Release, site.TimeZone)}
            {LiveAndWork(t, version, view.Media)}
            <div class="columns side-by-side">
            <div>{editor}</div>
            <section aria-labelledby="preview-heading"><h2 id="preview-heading">{t.Preview}</h2><div id="preview" class="preview" aria-live="polite" lang="{language.Value}" dir="{language.HtmlDir}">{preview}</div></section>
            </div>
            {originalAside}
            {AdminTranslationMedia.Render(http)}
            {AdminMachineTranslation.Section(http, user, document, language, version)}
            {AdminSegmentsSection.Render(http)}
            {AdminMemory.Section(http, document, language, maySave, fields.Title, fields.Summary, fields.Body, fields.Revision)}
            {Workflow(http, t, user, document, language, version, now, site.TimeZone)}
            {AdminPlacement.Section(http, user, document)}
            {AdminXliff.Section(http, user, document, language)}
            {Delete(http, t, user, document, language)}
            {EditorText.End}
            """), status);
    }

    /// <summary>The form over the newest text, with the note that says what changed (required over published text).</summary>
    private static Html Editor(HttpContext http, EditorText t, Document document, LanguageTag language, LanguageVersion? version, View view)
    {
        var fields = view.Fields;
        var noteRequired = version?.State == VersionState.Published;
        var noteInvalid = view.ErrorField == "note";
        var where = version switch
        {
            null => Html.Empty,
            { State: VersionState.Unpublished, Working: { } copy } => Html.Of($"""<p class="hint">{t.EditingWithdrawnCopy(copy.Revision)}</p>"""),
            { State: VersionState.Unpublished } => Html.Of($"""<p class="hint">{t.EditingWithdrawn}</p>"""),
            { Working: { } copy } => Html.Of($"""<p class="hint">{t.EditingWorkingCopy(copy.Revision, version.Revision)}</p>"""),
            { HasBeenLive: true } => Html.Of($"""<p class="hint">{t.EditingLive(version.Revision)}</p>"""),
            _ => Html.Empty,
        };
        var noteHint = noteRequired ? t.NoteRequiredHint : t.NoteOptionalHint;
        return Html.Of($"""
            <form method="post" action="{AdminUi.EditPath(document.Slug, language)}">
            {AdminPage.AntiforgeryField(http)}
            <input type="hidden" name="revision" value="{fields.Revision?.ToString(CultureInfo.InvariantCulture) ?? ""}">
            {where}
            <p class="field"><label for="title">{t.TitleField}</label><br><input id="title" name="title" required maxlength="{Newsroom.MaxTitleLength}" value="{fields.Title}" lang="{language.Value}" dir="{language.HtmlDir}"></p>
            <p class="field"><label for="summary">{t.SummaryField}</label><br><input id="summary" name="summary" value="{fields.Summary}" lang="{language.Value}" dir="{language.HtmlDir}"></p>
            <p class="field"><label for="body">{t.BodyField}</label> <span class="hint">{t.Markdown}</span><br><textarea id="body" name="body" data-preview="preview" lang="{language.Value}" dir="{language.HtmlDir}">{fields.Body}</textarea></p>
            {AdminMediaPicker.Button(http, "body", language)}
            {AdminPlacement.VersionInputs(http, document, language, fields.KindFields, view.ErrorField)}
            <p class="field">
            <label for="note">{t.WhatChanged}</label> <span id="note-hint" class="hint">{noteHint}</span><br>
            <textarea id="note" name="note" rows="2" maxlength="{Newsroom.MaxNoteLength}" aria-describedby="note-hint{(noteInvalid ? " form-error" : "")}"{(noteRequired ? Html.Raw(" required") : Html.Empty)}{(noteInvalid ? Html.Raw(" aria-invalid=\"true\"") : Html.Empty)}>{fields.Note}</textarea>
            </p>
            <p class="actions"><button class="primary" type="submit" name="action" value="save">{t.Save}</button><button type="submit" name="action" value="preview" formnovalidate>{t.Preview}</button></p>
            </form>
            """);
    }

    /// <summary>Where the text under work stands: its state, who wrote it, who approved it, its note and why it was sent back.</summary>
    private static Html Work(EditorText t, LanguageVersion? version, DateTimeOffset now, Release? release, TimeZoneInfo zone)
    {
        if (version?.Work is not { } work)
        {
            return Html.Empty;
        }

        var kind = version.Working is null ? t.NeverLive : t.WorkingCopyOverLive;
        var approved = work.ApprovedBy is { } by ? Html.Of($"<dt>{t.ApprovedBy}</dt><dd class=\"approved-by\"><bdi>{by}</bdi></dd>") : Html.Empty;
        var note = work.Note is { } said ? Html.Of($"<dt>{t.WhatChanged}</dt><dd class=\"work-note\"><bdi>{said}</bdi></dd>") : Html.Empty;
        var rejection = work.Rejection is { } reason
            ? Html.Of($"""<p class="alert rejection" role="status"><strong>{t.SentBackLabel}</strong> <bdi>{reason}</bdi></p>""")
            : Html.Empty;
        // Only this version's part of the release is told: its other members may be in languages this user may not read.
        var scheduled = release is null
            ? Html.Empty
            : Html.Of($"""<p class="ok scheduled" role="status">{t.Scheduled(release.Members.First(m => m.Language == version.Language).Revision, release.At, zone, release.Id)}</p>""");
        return Html.Of($"""
            <section class="work" aria-labelledby="work-heading">
            <h2 id="work-heading">{t.TextUnderWork}</h2>
            <p class="hint">{kind}</p>
            {scheduled}
            {rejection}
            <dl class="work-facts">
            <dt>{t.StateLabel}</dt><dd class="work-state">{AdminUi.StateBadge(work.State, null, now, text: AdminText.For(t.Language))}</dd>
            <dt>{t.RevisionLabel}</dt><dd>{t.Number(work.Revision)}</dd>
            <dt>{t.WrittenBy}</dt><dd class="work-author">{(work.Author is { } writer ? EditorText.Name(writer) : Html.Of($"{t.AnImport}"))}</dd>
            {approved}{note}
            </dl>
            </section>
            """);
    }

    /// <summary>For a version with a working copy over live text: the live text beside what the working copy changes in it.</summary>
    private static Html LiveAndWork(EditorText t, LanguageVersion? version, IReadOnlyDictionary<long, Media.MediaItem>? media)
    {
        if (version is not { Working: { } work })
        {
            return Html.Empty;
        }

        var language = version.Language;
        var title = version.Title == work.Title ? Html.Empty : Html.Of($"""<p><span class="diff-label" lang="{t.Language.Value}" dir="{t.Dir}">{t.TitleLabel}</span> {AdminUi.Diff(version.Title, work.Title, text: AdminText.For(t.Language))}</p>""");
        var summary = (version.Summary ?? "") == (work.Summary ?? "") ? Html.Empty : Html.Of($"""<p><span class="diff-label" lang="{t.Language.Value}" dir="{t.Dir}">{t.SummaryLabel}</span> {AdminUi.Diff(version.Summary ?? "", work.Summary ?? "", text: AdminText.For(t.Language))}</p>""");
        var body = version.Body == work.Body && title == Html.Empty && summary == Html.Empty
            ? Html.Of($"""<p class="hint" lang="{t.Language.Value}" dir="{t.Dir}">{t.WorkingCopyIsLiveText}</p>""")
            : AdminUi.Diff(version.Body, work.Body, text: AdminText.For(t.Language));
        return Html.Of($"""
            <div class="columns side-by-side live-and-work">
            <section class="live-text" aria-labelledby="live-heading">
            <h2 id="live-heading">{(version.State == VersionState.Unpublished ? t.WithdrawnText(version.Revision) : t.LiveText(version.Revision))}</h2>
            <div lang="{language.Value}" dir="{language.HtmlDir}">
            <p><strong>{version.Title}</strong></p>
            {(version.Summary is null ? Html.Empty : Html.Of($"<p><em>{version.Summary}</em></p>"))}
            {Html.Raw(MarkdownRenderer.ToHtml(version.Body, PageMedia.For(language, SiteText.For(language), media)))}
            </div>
            </section>
            <section class="work-changes" aria-labelledby="changes-heading">
            <h2 id="changes-heading">{t.WorkingCopyChanges(work.Revision)}</h2>
            <p class="hint">{t.LiveVersusWorkingCopy}</p>
            <div lang="{language.Value}" dir="{language.HtmlDir}">{title}{summary}{body}</div>
            </section>
            </div>
            """);
    }

    private static Html Versions(EditorText t, User user, Document document, LanguageTag current, DateTimeOffset now)
    {
        var links = document.Versions
            .Where(v => v.Language != current && AdminUi.MayOpen(user, document.OriginalLanguage, v.Language))
            .Select(v => Html.Of($"""<li><a href="{AdminUi.EditPath(document.Slug, v.Language)}">{EditorText.Tag(v.Language)}</a> {AdminUi.StateBadge(v.State, v.PublishedAt, now, text: AdminText.For(t.Language))}{(v.Working is null ? "" : " " + t.PlusWorkingCopy)}</li>"""))
            .ToList();
        var others = links.Count == 0 ? Html.Empty : Html.Of($"""<nav aria-label="{t.OtherVersions}"><ul class="versions">{Html.Join(links)}</ul></nav>""");

        var existing = document.Versions.Select(v => v.Language).ToHashSet();
        Html add;
        if (user.Role == Role.Translator)
        {
            var candidates = user.Languages.Where(l => !existing.Contains(l) && user.CanEdit(document.OriginalLanguage, l)).ToList();
            add = candidates.Count == 0 ? Html.Empty : Html.Of($"""
                <form class="filters" method="get" action="/admin/documents/{document.Slug}/translate">
                <p><label for="add-lang">{t.AddTranslation}</label><br><select id="add-lang" name="lang">{candidates.Select(l => Html.Of($"""<option value="{l.Value}">{l.Value} · {l.NativeName}</option>"""))}</select></p>
                <p><button type="submit">{t.Open}</button></p>
                </form>
                """);
        }
        else if (user.CanCreateDocuments())
        {
            add = Html.Of($"""
                <form class="filters" method="get" action="/admin/documents/{document.Slug}/translate">
                <p><label for="add-lang">{t.AddTranslation}</label> <span class="hint">{t.LanguageTagHint}</span><br><input id="add-lang" name="lang" required maxlength="{LanguageTag.MaxLength}" size="10" dir="ltr"></p>
                <p><button type="submit">{t.Open}</button></p>
                </form>
                """);
        }
        else
        {
            add = Html.Empty;
        }

        return Html.Of($"{others}{add}");
    }

    private static Html Conflict(EditorText t, View view)
    {
        if (view.Conflict is not { } conflict)
        {
            return Html.Empty;
        }

        // The newest text is what the next save is compared with: the working copy when there is one.
        var theirs = conflict.Current.Latest;
        var titleDiff = theirs.Title == view.Fields.Title.Trim()
            ? Html.Empty
            : Html.Of($"""<p>{t.TitleLabel} <span lang="{theirs.Language.Value}" dir="{theirs.Language.HtmlDir}">{AdminUi.Diff(theirs.Title, view.Fields.Title.Trim(), text: AdminText.For(t.Language))}</span></p>""");
        var (lang, dir) = (theirs.Language.Value, theirs.Language.HtmlDir);
        return Html.Of($"""
            <section class="conflict" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading">{t.ConflictHeading}</h2>
            <p class="alert" role="alert"><span lang="en" dir="ltr">{conflict.Message}</span></p>
            <p>{t.ConflictKept(theirs.Revision)}</p>
            <h3>{t.CurrentText(theirs.Revision, theirs.State, theirs.Author)}</h3>
            <div class="theirs">
            <p><strong>{t.TitleLabel}</strong> <span lang="{lang}" dir="{dir}">{theirs.Title}</span></p>
            <p><strong>{t.SummaryLabel}</strong> <span lang="{lang}" dir="{dir}">{theirs.Summary ?? ""}</span></p>
            <p><label for="their-body">{t.BodyField}</label><br><textarea id="their-body" readonly lang="{lang}" dir="{dir}">{theirs.Body}</textarea></p>
            </div>
            <h3>{t.YourChanges}</h3>
            <p class="hint">{t.CurrentVersusYours}</p>
            {titleDiff}
            <div lang="{lang}" dir="{dir}">{AdminUi.Diff(theirs.Body, view.Fields.Body, text: AdminText.For(t.Language))}</div>
            </section>
            """);
    }

    /// <summary>
    /// The workflow steps this user may take on the text under work now: submit, approve, send back (with a reason),
    /// publish now or at an instant, discard the working copy, unpublish. A step the newsroom would refuse for who
    /// the user is (approving one's own text, publishing unapproved text) is not offered; the page says who may.
    /// </summary>
    private static Html Workflow(HttpContext http, EditorText t, User user, Document document, LanguageTag language, LanguageVersion? version, DateTimeOffset now, TimeZoneInfo zone)
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
        var zoneLabel = t.Zone(zone, suggested);
        var buttons = new List<Html>();
        var notes = new List<Html>();
        if (work?.State == VersionState.Draft && mayEdit)
        {
            buttons.Add(Button("submit", t.SubmitForReview));
        }

        var ownText = secondPerson && work?.Author is { } author && string.Equals(author, user.Name, StringComparison.OrdinalIgnoreCase);
        if (work?.State == VersionState.InReview && user.CanApprove())
        {
            if (ownText)
            {
                notes.Add(Html.Of($"""<p class="hint own-text">{t.OwnText(work.Revision)}</p>"""));
            }
            else
            {
                buttons.Add(Button("approve", t.Approve));
            }
        }

        if (work?.State is VersionState.InReview or VersionState.Approved && user.CanApprove())
        {
            buttons.Add(Html.Of($"""
                <form method="post" action="{path}" class="send-back">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}">
                <fieldset>
                <legend>{t.SendBackLegend}</legend>
                <p><label for="reason">{t.WhyBack}</label> <span id="reason-hint" class="hint">{t.WhyBackHint}</span><br>
                <textarea id="reason" name="reason" rows="2" required maxlength="{Newsroom.MaxNoteLength}" aria-describedby="reason-hint"></textarea></p>
                <p><button type="submit" name="action" value="reject">{t.SendBack}</button></p>
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
            var what = version.Working is not null ? t.PublishReplacesLive : null;
            buttons.Add(Button("publish", t.PublishNow, what));
            buttons.Add(Html.Of($"""
                <form method="post" action="{path}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}">
                <label for="publish-at">{t.PublishAt}</label>
                <input id="publish-at" type="datetime-local" name="at" required value="{Instants.ToLocalInput(suggested, zone)}" aria-describedby="publish-at-zone">
                <span id="publish-at-zone" class="hint">{zoneLabel}</span>
                <button type="submit" name="action" value="publish-at">{t.Schedule}</button></form>
                """));
        }
        else if (user.CanPublish() && work is not null)
        {
            notes.Add(Html.Of($"""<p class="hint not-approved">{t.NotApproved(work.Revision, work.State, work.Author)}</p>"""));
        }

        if (version.Working is not null && mayEdit)
        {
            buttons.Add(Button("discard", t.DiscardWorkingCopy, t.DiscardHint(version.Working.Revision, version.Revision)));
        }

        if (user.CanPublish() && version.State == VersionState.Published)
        {
            buttons.Add(Button("unpublish", t.Unpublish));
        }

        return buttons.Count == 0 && notes.Count == 0
            ? Html.Empty
            : Html.Of($"""
                <section aria-labelledby="workflow-heading"><h2 id="workflow-heading">{t.WorkflowHeading}</h2>
                <p class="hint">{t.TimesHint(zoneLabel)}</p>
                {notes}
                <div class="actions">{Html.Join(buttons)}</div></section>
                """);
    }

    private static Html Delete(HttpContext http, EditorText t, User user, Document document, LanguageTag language) =>
        user.CanDelete()
            ? Html.Of($"""
                <section aria-labelledby="danger-heading"><h2 id="danger-heading">{t.DeleteHeading}</h2>
                <form method="post" action="/admin/documents/{document.Slug}/delete">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="back" value="{language.Value}">
                <button class="danger" type="submit">{t.DeleteDocument}</button> <span class="hint">{t.DeleteHint}</span></form>
                </section>
                """)
            : Html.Empty;

    // KindFields: the kind's translatable values as the form carried them (null: not shown, the text keeps its own).
    private sealed record Fields(string Title, string Summary, string Body, int? Revision, string Note, IReadOnlyDictionary<string, string>? KindFields = null);

    private sealed record View(User User, Document Document, LanguageTag Language, Fields Fields)
    {
        public string? Notice { get; init; }

        public string? Error { get; init; }

        /// <summary>The form field the error is about (<see cref="EditorialException.Field"/>), marked invalid.</summary>
        public string? ErrorField { get; init; }

        /// <summary>The media items the page's texts use, by id.</summary>
        public IReadOnlyDictionary<long, Media.MediaItem>? Media { get; init; }

        public EditConflictException? Conflict { get; init; }

        /// <summary>The pending release that holds this version's working copy, if any.</summary>
        public Release? Release { get; init; }
    }
}
