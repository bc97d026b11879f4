using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Translation;
using Hexapla.Translation.MachineTranslation;

namespace Hexapla.Admin;

/// <summary>
/// The editor's machine-translation section: segments that are unchecked machine output, a button that fills the
/// missing segments with machine translation (only when a service is configured), and one that records a person has
/// checked them. <c>POST /admin/documents/{slug}/{lang}/machine</c>.
/// </summary>
internal static class AdminMachineTranslation
{
    /// <summary>The mark of an unchecked machine-made segment, in English (the admin shows <see cref="AdminText.MachineCheckNote"/>).</summary>
    public const string CheckNote = "machine translation — check before publishing";

    public static RouteGroupBuilder MapAdminMachineTranslation(this RouteGroupBuilder admin)
    {
        admin.MapPost("/documents/{slug}/{lang}/machine", PostAsync);
        return admin;
    }

    public static Html Section(HttpContext http, User user, Document document, LanguageTag language, LanguageVersion? version)
    {
        if (language == document.OriginalLanguage)
        {
            return Html.Empty;
        }

        // Machine output goes into the text under work (a working copy over live text), so who may write may prefill.
        var mayEdit = user.CanEdit(document.OriginalLanguage, language);
        var text = AdminText.Of(http);
        var path = $"{AdminUi.EditPath(document.Slug, language)}/machine";
        var revision = version?.Latest.Revision.ToString(CultureInfo.InvariantCulture) ?? "0";
        version = version?.Latest;
        var parts = new List<Html>();

        var machine = version?.Links.Where(l => l.Machine).Select(l => l.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        if (version is not null && machine.Count > 0)
        {
            var texts = Segmenter.Split(version.Body);
            var items = version.Segments.Select((s, i) => (s.Id, Text: i < texts.Count ? texts[i].Text : ""))
                .Where(s => machine.Contains(s.Id))
                .Select(s => Html.Of($"""<li><span lang="{language.Value}" dir="{language.HtmlDir}">{s.Text}</span> <span class="badge machine">{text.MachineCheckNote}</span></li>"""));
            parts.Add(Html.Of($"""<p class="hint">{text.MachineHint}</p><ul class="machine-segments">{items}</ul>"""));
            if (mayEdit)
            {
                parts.Add(Html.Of($"""
                    <form method="post" action="{path}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}"><button type="submit" name="action" value="confirm">{text.MachineConfirm}</button></form>
                    """));
            }
        }

        var configured = http.RequestServices.GetService<IMachineTranslator>() is not null;
        if (configured && mayEdit)
        {
            parts.Add(Html.Of($"""
                <form method="post" action="{path}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="revision" value="{revision}"><button type="submit" name="action" value="prefill">{text.MachinePrefill}</button> <span class="hint">{text.MachinePrefillHint}</span></form>
                """));
        }

        return parts.Count == 0
            ? Html.Empty
            : Html.Of($"""<section aria-labelledby="machine-heading"><h2 id="machine-heading">{text.MachineTranslation}</h2>{parts}</section>""");
    }

    private static async Task<IResult> PostAsync(HttpContext http, SiteContext site, Newsroom newsroom, string slug, string lang)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!LanguageTag.TryParse(lang, out var language) || !Slug.IsValid(slug))
        {
            return AdminUi.NotFound(http, AdminText.Of(http).NoDocumentIn(slug, lang));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = AdminUi.EditPath(slug, language);
        var revision = AdminUi.Int(form["revision"]);
        var text = AdminText.Of(http);
        try
        {
            switch (form["action"].ToString())
            {
                case "prefill":
                    // Permission before the revision is compared: one who may not prefill learns nothing of the version.
                    await newsroom.AuthorizeEditAsync(user, slug, language, http.RequestAborted);
                    if (http.RequestServices.GetService<IMachineTranslator>() is not { } translator)
                    {
                        return AdminUi.Message(http, StatusCodes.Status404NotFound, text.MachineNotConfigured, back);
                    }

                    var current = (await site.Store.FindDocumentAsync(slug, http.RequestAborted))?.Version(language);
                    if ((current?.Latest.Revision ?? 0) != (revision ?? 0))
                    {
                        return AdminUi.Message(http, StatusCodes.Status409Conflict, text.MachineChangedMeanwhile, back);
                    }

                    var result = await newsroom.PrefillMachineTranslationAsync(user, slug, language, translator, cancellationToken: http.RequestAborted);
                    return Results.Redirect(back + "?done=" + Uri.EscapeDataString(string.Create(CultureInfo.InvariantCulture, $"{result.Machine} segment(s) machine translated")));
                case "confirm":
                    await newsroom.ConfirmMachineTranslationAsync(user, slug, language, revision, http.RequestAborted);
                    return Results.Redirect(back + "?done=machine-translation-checked");
                default:
                    return AdminUi.Message(http, StatusCodes.Status400BadRequest, text.UnknownAction, back);
            }
        }
        catch (EditorialException failure)
        {
            return AdminUi.Refusal(http, failure, back);
        }
        catch (MachineTranslationException failure)
        {
            return AdminUi.Message(http, StatusCodes.Status502BadGateway, text.MachineFailed(failure.Message), back);
        }
    }
}
