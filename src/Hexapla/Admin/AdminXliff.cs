using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/documents/{slug}/{lang}/xliff</c>: download a translation as XLIFF 2.0 (GET) and upload the file back from
/// a CAT tool (POST, multipart), which saves a new draft revision — for a translation that has been live, a working copy
/// over it, whose live text stays until the copy is reviewed and published — or shows every problem and changes nothing.
/// </summary>
internal static class AdminXliff
{
    public static RouteGroupBuilder MapAdminXliff(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/documents/{slug}/{lang}/xliff");
        group.MapGet("", DownloadAsync);
        group.MapPost("", UploadAsync).WithMetadata(TooLarge.Upload);
        return admin;
    }

    /// <summary>The XLIFF section of a translation's edit page; nothing for an original or a user who may not edit it.</summary>
    public static Html Section(HttpContext http, User user, Document document, LanguageTag language)
    {
        if (language == document.OriginalLanguage || !user.CanEdit(document.OriginalLanguage, language) || document.Version(document.OriginalLanguage) is null)
        {
            return Html.Empty;
        }

        var path = Path(document.Slug, language);
        var text = AdminText.Of(http);
        return Html.Of($"""
            <section aria-labelledby="xliff-heading"><h2 id="xliff-heading">{text.Xliff}</h2>
            <p><a href="{path}" download>{text.DownloadXliff}</a> <span class="hint">{text.XliffToolsHint}</span></p>
            <form method="post" action="{path}" enctype="multipart/form-data">{AdminPage.AntiforgeryField(http)}
            <p><label for="xliff-file">{text.UploadXliff}</label> <span id="xliff-hint" class="hint">{text.UploadXliffHint}</span><br>
            <input id="xliff-file" type="file" name="file" accept=".xlf,.xliff,application/xliff+xml" required aria-describedby="xliff-hint"></p>
            <p><button type="submit">{text.Upload}</button></p>
            </form></section>
            """);
    }

    private static string Path(string slug, LanguageTag language) => $"{AdminUi.EditPath(slug, language)}/xliff";

    private static async Task<IResult> DownloadAsync(HttpContext http, SiteContext site, Newsroom newsroom, string slug, string lang)
    {
        var (user, document, language, refusal) = await OpenAsync(http, site, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        // The newest texts (working copies over live text): an upload is checked against the original's newest text and
        // goes into the translation's working copy, so the file must carry those, not what readers have.
        // The texts of the media the original uses go along as units of their own.
        var bytes = XliffWriter.ToBytes(await newsroom.ExportXliffAsync(document!, language!, http.RequestAborted));
        return Results.File(bytes, XliffWriter.MediaType, XliffWriter.FileName(document!, language!));
    }

    private static async Task<IResult> UploadAsync(HttpContext http, SiteContext site, Newsroom newsroom, string slug, string lang)
    {
        var (user, _, language, refusal) = await OpenAsync(http, site, slug, lang);
        if (refusal is not null)
        {
            return refusal;
        }

        var back = AdminUi.EditPath(slug, language!);
        var text = AdminText.Of(http);
        if (!http.Request.HasFormContentType)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, text.UploadWithForm, back);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form.Files.GetFile("file") is not { Length: > 0 } upload)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, text.ChooseXliff, back);
        }

        var name = System.IO.Path.GetFileName(upload.FileName);
        try
        {
            XliffDocument parsed;
            await using (var stream = upload.OpenReadStream())
            {
                parsed = XliffReader.Read(stream, name);
            }

            if (parsed.Slug != slug || parsed.Target != language)
            {
                throw new ImportException(name, null, $"this file is for the {parsed.Target} version of \"{parsed.Slug}\", not the {language} version of \"{slug}\"");
            }

            var result = await newsroom.ImportXliffFileAsync(user!, parsed, http.RequestAborted);
            return Imported(http, parsed, result, back);
        }
        catch (ImportException e)
        {
            // The reader's problems are English (the core's); they are marked so and kept left to right.
            var items = e.Errors.Select(problem => Html.Of($"""<li lang="en" dir="ltr">{problem.ToString()}</li>""")).ToList();
            return AdminPage.Render(http, text.XliffNotImported, Html.Of($"""
                <h1>{text.XliffNotImported}</h1>
                <p class="alert" role="alert">{text.XliffProblems(name, e.Errors.Count)}</p>
                <ul class="errors">{items}</ul>
                <p><a href="{back}">{text.BackToVersion}</a></p>
                """), StatusCodes.Status400BadRequest);
        }
        catch (EditorialException e)
        {
            return AdminUi.Refusal(http, e, back);
        }
        catch (Media.MediaException e)
        {
            // Checked before anything was written, so this is a change made meanwhile; the library's words say which.
            return AdminUi.Message(http, StatusCodes.Status409Conflict, Html.Of($"""<span lang="en" dir="ltr">{e.Message}</span>"""), back);
        }
    }

    /// <summary>
    /// What an accepted upload did: the revision saved, how many units were taken, and which were left as they were and
    /// why (a target still initial is a CAT tool's prefill, never a translation), so the translator can confirm them in
    /// the tool and upload again. A page of its own rather than a redirect: the editor's notice has no room for a list.
    /// </summary>
    private static IResult Imported(HttpContext http, XliffDocument parsed, XliffImport result, string back)
    {
        var text = AdminText.Of(http);
        var done = result is { DocumentWritten: true, Version: { } saved }
            ? Html.Of($"{EditorText.Of(http).Done(saved.Working is null
                ? $"saved-as-revision-{saved.Latest.Revision.ToString(CultureInfo.InvariantCulture)}"
                : $"saved-as-revision-{saved.Latest.Revision.ToString(CultureInfo.InvariantCulture)}-of-the-working-copy;-the-live-text-is-unchanged")}")
            : Html.Of($"{text.XliffMediaOnly}");
        // Media texts are saved into the library (alt texts, captions, titles), not into the version: said apart.
        var mediaTaken = result.MediaTaken.Count == 0 ? Html.Empty : Html.Of($"""
            <p class="media-taken">{text.XliffMediaTaken(result.MediaTaken)}</p>
            """);
        var mediaUnchanged = result.MediaUnchanged.Count == 0 ? Html.Empty : Html.Of($"""
            <p class="media-unchanged">{text.XliffMediaUnchanged(result.MediaUnchanged)}</p>
            """);
        var initial = parsed.Left.Where(u => u.State == XliffState.Initial).Select(u => u.Id).ToList();
        var missing = parsed.Left.Where(u => u.State != XliffState.Initial).Select(u => u.Id).ToList();
        var leftInitial = initial.Count == 0 ? Html.Empty : Html.Of($"""
            <p class="left-initial">{text.XliffLeftInitial(initial)}</p>
            """);
        var leftMissing = missing.Count == 0 ? Html.Empty : Html.Of($"""
            <p class="left-missing">{text.XliffLeftNoTarget(missing)}</p>
            """);
        return AdminPage.Render(http, text.XliffImported, Html.Of($"""
            <h1>{text.XliffImported}</h1>
            <p class="ok" role="status">{done}</p>
            <p>{text.XliffTaken(parsed.Taken.Count, parsed.Units.Count)}</p>
            {mediaTaken}
            {mediaUnchanged}
            {leftInitial}
            {leftMissing}
            <p><a href="{back}">{text.BackToVersion}</a></p>
            """));
    }

    private static async Task<(User? User, Document? Document, LanguageTag? Language, IResult? Refusal)> OpenAsync(HttpContext http, SiteContext site, string slug, string lang)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return (null, null, null, Results.Redirect(AdminAuth.LoginPath));
        }

        if (!LanguageTag.TryParse(lang, out var language) || !Slug.IsValid(slug)
            || await site.Store.FindDocumentAsync(slug, http.RequestAborted) is not { } document
            || document.Version(document.OriginalLanguage) is null || language == document.OriginalLanguage)
        {
            return (user, null, null, AdminUi.NotFound(http, AdminText.Of(http).NoOriginalToTranslate(slug, lang)));
        }

        if (!user.CanEdit(document.OriginalLanguage, language))
        {
            return (user, null, null, AdminUi.Forbidden(http, AdminText.Of(http).MayNotTranslate(user.Name, user.Role, slug, language)));
        }

        return (user, document, language, null);
    }
}
