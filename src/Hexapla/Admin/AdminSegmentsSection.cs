using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Admin;

/// <summary>
/// The translator's view of what changed in the original since a translation was made: for each outdated segment the
/// old and the new source text with their word difference beside the current translation, the segments added to and
/// removed from the original, glossary terms marked in the source, and "Keep as is" (with a note saying why) for those
/// who may edit.
/// </summary>
internal static class AdminSegmentsSection
{
    public static RouteGroupBuilder MapAdminSegments(this RouteGroupBuilder admin)
    {
        admin.MapPost("/documents/{slug}/{lang}/mark-current", MarkAsync);
        return admin;
    }

    /// <summary>
    /// Works out the section for the editor page of a translation and keeps it for <see cref="Render"/>; nothing for
    /// an original or a version that does not exist yet.
    /// </summary>
    public static async Task PrepareAsync(HttpContext http, User user, Document document, LanguageTag language)
    {
        var services = http.RequestServices;
        var section = await BuildAsync(http, services.GetRequiredService<ITranslationStatusStore>(), services.GetRequiredService<IGlossaryStore>(),
            user, document, language, http.RequestAborted);
        http.Items[typeof(AdminSegmentsSection)] = section;
    }

    /// <summary>The section <see cref="PrepareAsync"/> worked out for this request, or nothing.</summary>
    public static Html Render(HttpContext http) =>
        http.Items.TryGetValue(typeof(AdminSegmentsSection), out var section) && section is Html html ? html : Html.Empty;

    /// <summary>The section's markup.</summary>
    /// <remarks>
    /// The translation's newest text (its working copy when there is one) is compared with the original's newest text:
    /// what the translator still has to answer. A paragraph answered in a working copy stays outdated on the live
    /// translation until that working copy is published; the section says how many.
    /// </remarks>
    public static async Task<Html> BuildAsync(
        HttpContext http, ITranslationStatusStore store, IGlossaryStore glossary, User user, Document document, LanguageTag language, CancellationToken cancellationToken)
    {
        var original = document.Version(document.OriginalLanguage)?.Latest;
        var version = document.Version(language);
        var translation = version?.Latest;
        if (language == document.OriginalLanguage || original is null || version is null || translation is null)
        {
            return Html.Empty;
        }

        var status = TranslationStatus.Of(document with { Versions = [.. document.Versions.Select(v => v.Language == language ? translation : v)] }, language);
        var live = version.Working is null ? status : TranslationStatus.Of(document, language);
        var answered = live.Outdated.Except(status.Outdated).Count();
        var t = EditorText.Of(http);
        var waiting = answered == 0
            ? Html.Empty
            : Html.Of($"""<p class="hint answered">{t.AnsweredInWorkingCopy(answered)}</p>""");
        var sourceSegments = Segmenter.Split(original.Body);
        var sourceText = new Dictionary<string, string>();
        for (var i = 0; i < original.Segments.Count && i < sourceSegments.Count; i++)
        {
            sourceText[original.Segments[i].Id] = sourceSegments[i].Text;
        }

        var translated = Segmenter.Split(translation.Body);
        var translationText = new Dictionary<string, string>();
        for (var i = 0; i < translation.Segments.Count && i < translated.Count; i++)
        {
            translationText[translation.Segments[i].Id] = translated[i].Text;
        }

        var removed = translation.Links.Where(l => !sourceText.ContainsKey(l.SourceId)).ToList();
        if (status.Outdated.Count == 0 && status.Missing.Count == 0 && removed.Count == 0)
        {
            return Html.Of($"""
                <section class="segments" aria-labelledby="segments-heading">
                <h2 id="segments-heading">{t.SegmentsHeading}</h2>
                <p class="ok">{t.SegmentsCurrent}</p>
                {waiting}
                </section>
                """);
        }

        var terms = await glossary.ListGlossaryAsync(document.OriginalLanguage, language, cancellationToken);
        var revisions = status.Outdated.Count > 0
            ? await store.ListRevisionSegmentsAsync(document.Slug, document.OriginalLanguage, cancellationToken)
            : [];
        var mayKeep = user.CanEdit(document.OriginalLanguage, language);
        var (src, dst) = (document.OriginalLanguage, language);
        var revision = translation.Revision.ToString(CultureInfo.InvariantCulture);
        var action = $"{AdminUi.EditPath(document.Slug, language)}/mark-current";

        var changed = new List<Html>();
        foreach (var sourceId in status.Outdated)
        {
            foreach (var link in translation.Links.Where(l => l.SourceId == sourceId && l.SourceHash != original.Segments.First(s => s.Id == sourceId).Hash))
            {
                var oldText = revisions.Select(r => r.TextOf(link.SourceId, link.SourceHash)).FirstOrDefault(t => t is not null);
                var newText = sourceText.GetValueOrDefault(sourceId, "");
                var diff = oldText is null
                    ? Html.Of($"""<p class="hint">{t.EarlierTextNotKept}</p>""")
                    : Html.Of($"""<div class="diff" lang="{src.Value}" dir="{src.HtmlDir}">{TextDiff.Words(oldText, newText).Select(Piece)}</div>""");
                var keep = mayKeep
                    ? Html.Of($"""<input type="checkbox" id="keep-{link.Id}" name="segment" value="{link.Id}"> <label for="keep-{link.Id}">{t.KeepAsIs}</label>""")
                    : Html.Empty;
                changed.Add(Html.Of($"""
                    <tr data-segment="{link.Id}" data-source-segment="{sourceId}">
                    <td class="old-source" lang="{src.Value}" dir="{src.HtmlDir}">{oldText ?? ""}</td>
                    <td class="new-source" lang="{src.Value}" dir="{src.HtmlDir}">{Highlight(newText, terms)}{diff}</td>
                    <td class="translation" lang="{dst.Value}" dir="{dst.HtmlDir}">{translationText.GetValueOrDefault(link.Id, "")}</td>
                    <td class="keep">{keep}</td>
                    </tr>
                    """));
            }
        }

        var added = status.Missing.Select(id => Html.Of($"""<li data-source-segment="{id}" lang="{src.Value}" dir="{src.HtmlDir}">{Highlight(sourceText.GetValueOrDefault(id, ""), terms)}</li>"""));
        var gone = removed.Select(l => Html.Of($"""<li data-segment="{l.Id}" lang="{dst.Value}" dir="{dst.HtmlDir}">{translationText.GetValueOrDefault(l.Id, "")}</li>"""));
        var table = Html.Of($"""
            <table class="changed-segments">
            <thead><tr><th scope="col">{t.OldSource}</th><th scope="col">{t.NewSource}</th><th scope="col">{t.TranslationColumn}</th><th scope="col">{t.KeepAsIs}</th></tr></thead>
            <tbody>{changed}</tbody>
            </table>
            """);
        // "Keep as is" is a decision, not a shortcut: the paragraphs are chosen one by one, and a note says why.
        var outdated = changed.Count == 0 ? Html.Empty : mayKeep
            ? Html.Of($"""
                <h3>{t.ChangedSegments(changed.Count)}</h3>
                <p class="hint">{t.ChangeInForm}</p>
                <form method="post" action="{action}" class="keep-as-is">
                {AdminPage.AntiforgeryField(http)}
                <input type="hidden" name="revision" value="{revision}">
                {table}
                <fieldset>
                <legend>{t.KeepLegend}</legend>
                <p class="hint">{t.KeepHint}</p>
                <p><label for="keep-note">{t.WhyNoChange}</label> <span id="keep-note-hint" class="hint">{t.Required}</span><br>
                <textarea id="keep-note" name="note" rows="2" required maxlength="{Newsroom.MaxNoteLength}" aria-describedby="keep-note-hint"></textarea></p>
                <p><button type="submit">{t.KeepAsIs}</button></p>
                </fieldset>
                </form>
                """)
            : Html.Of($"""
                <h3>{t.ChangedSegments(changed.Count)}</h3>
                {table}
                """);
        return Html.Of($"""
            <section class="segments" aria-labelledby="segments-heading">
            <h2 id="segments-heading">{t.SegmentsHeading}</h2>
            {waiting}
            {outdated}
            {(status.Missing.Count == 0 ? Html.Empty : Html.Of($"""<h3>{t.AddedToOriginal}</h3><ul class="added-segments">{added}</ul>"""))}
            {(removed.Count == 0 ? Html.Empty : Html.Of($"""<h3>{t.RemovedFromOriginal}</h3><ul class="removed-segments">{gone}</ul>"""))}
            </section>
            """);
    }

    /// <summary>A source text with the glossary terms in it marked, every piece escaped.</summary>
    public static Html Highlight(string text, IReadOnlyList<GlossaryTerm> terms) =>
        Html.Join(GlossaryMatcher.Find(text, terms).Select(run => run.Term is { } term
            ? Html.Of($"""<mark class="term" title="{term.Translation}{(term.Note is null ? "" : " — " + term.Note)}">{run.Text}</mark>""")
            : Html.Of($"{run.Text}")));

    private static Html Piece(DiffOperation run) => run.Kind switch
    {
        DiffKind.Insert => Html.Of($"<ins>{run.Text}</ins>"),
        DiffKind.Delete => Html.Of($"<del>{run.Text}</del>"),
        _ => Html.Of($"{run.Text}"),
    };

    private static async Task<IResult> MarkAsync(HttpContext http, Newsroom newsroom, string slug, string lang)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!LanguageTag.TryParse(lang, out var language))
        {
            return AdminUi.NotFound(http, EditorText.Of(http).NotALanguageTag(lang));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var segments = form["segment"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        if (AdminUi.Int(form["revision"]) is not { } revision || segments.Count == 0)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, EditorText.Of(http).CheckParagraphsToKeep, AdminUi.EditPath(slug, language));
        }

        try
        {
            await newsroom.MarkSegmentsCurrentAsync(user, slug, language, segments, revision, form["note"].ToString(), http.RequestAborted);
        }
        catch (EditConflictException)
        {
            return AdminUi.Message(http, StatusCodes.Status409Conflict, EditorText.Of(http).TranslationChangedMeanwhile, AdminUi.EditPath(slug, language));
        }
        catch (EditorialException refusal)
        {
            return AdminUi.Refusal(http, refusal, AdminUi.EditPath(slug, language));
        }

        return Results.Redirect($"{AdminUi.EditPath(slug, language)}?done=kept-as-is");
    }
}
