using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/new</c>: a new document, its original as a draft (editors and admins). "Preview" re-renders the form
/// with the rendered body for browsers without script; with script the preview follows the typing.
/// </summary>
internal static class AdminNewDocument
{
    public static RouteGroupBuilder MapAdminNewDocument(this RouteGroupBuilder admin)
    {
        admin.MapGet("/new", async (HttpContext http, SiteContext site) =>
        {
            if (await http.CurrentUserAsync() is not { } user)
            {
                return Results.Redirect(AdminAuth.LoginPath);
            }

            return user.CanCreateDocuments()
                ? Form(http, await site.SiteLanguagesAsync(http.RequestAborted), new Fields("", "", "", "", "", ""), null, null, StatusCodes.Status200OK)
                : AdminUi.Forbidden(http, AdminText.Of(http).MayNotCreateDocuments(user.Name, user.Role));
        });
        admin.MapPost("/new", CreateAsync);
        return admin;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, Newsroom newsroom, SiteContext site)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!user.CanCreateDocuments())
        {
            return AdminUi.Forbidden(http, AdminText.Of(http).MayNotCreateDocuments(user.Name, user.Role));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var fields = new Fields(form["language"].ToString().Trim(), form["title"].ToString(), form["slug"].ToString().Trim(),
            form["tags"].ToString(), form["summary"].ToString(), form["body"].ToString());
        var languages = await site.SiteLanguagesAsync(http.RequestAborted);
        if (form["action"] == "preview")
        {
            // Media in the chosen language (English words until one is chosen), drafts' items included.
            var previewLanguage = LanguageTag.TryParse(fields.Language, out var chosen) ? chosen : LanguageTag.Parse("en");
            var media = await PageMedia.FindAsync(site.Store, [fields.Body], http.RequestAborted);
            var preview = MarkdownRenderer.ToHtml(fields.Body, PageMedia.For(previewLanguage, SiteText.For(previewLanguage), media));
            return Form(http, languages, fields, null, Html.Raw(preview), StatusCodes.Status200OK);
        }

        if (!LanguageTag.TryParse(fields.Language, out var language))
        {
            return Form(http, languages, fields, AdminText.Of(http).NotALanguageTag(fields.Language), null, StatusCodes.Status400BadRequest);
        }

        try
        {
            var tags = fields.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var document = await newsroom.CreateDocumentAsync(user, new NewDocument(fields.Slug, language, fields.Title, fields.Body, fields.Summary, tags), http.RequestAborted);
            return Results.Redirect(AdminUi.EditPath(document.Slug, language) + "?done=created");
        }
        catch (EditorialException refusal)
        {
            return Form(http, languages, fields, AdminText.CoreMessage(refusal.Message), null, AdminUi.StatusOf(refusal.Kind));
        }
    }

    private static IResult Form(HttpContext http, IReadOnlyList<LanguageTag> languages, Fields fields, Html? error, Html? preview, int status)
    {
        var text = AdminText.Of(http);
        var alert = error is not { } message ? Html.Empty : Html.Of($"""<p class="alert" role="alert">{message}</p>""");
        var options = languages.Select(l => Html.Of($"""<option value="{l.Value}" lang="{l.Value}">{l.NativeName}</option>"""));
        return AdminPage.Render(http, text.NewDocument, Html.Of($"""
            <h1>{text.NewDocument}</h1>
            {alert}
            <form method="post" action="/admin/new">
            {AdminPage.AntiforgeryField(http)}
            <div class="columns">
            <div>
            <p class="field"><label for="language">{text.OriginalLanguage}</label> <span class="hint">{text.OriginalLanguageHint}</span><br><input id="language" name="language" dir="ltr" required maxlength="{LanguageTag.MaxLength}" list="known-languages" value="{fields.Language}" autocomplete="off"></p>
            <datalist id="known-languages">{options}</datalist>
            <p class="field"><label for="title">{text.Title}</label><br><input id="title" name="title" dir="auto" required maxlength="{Newsroom.MaxTitleLength}" value="{fields.Title}"></p>
            <p class="field"><label for="slug">{text.SlugHeading}</label> <span class="hint">{text.SlugHint}</span><br><input id="slug" name="slug" dir="ltr" value="{fields.Slug}" pattern="[a-z0-9]+(-[a-z0-9]+)*"></p>
            <p class="field"><label for="tags">{text.Tags}</label> <span class="hint">{text.TagsHint}</span><br><input id="tags" name="tags" dir="auto" value="{fields.Tags}"></p>
            <p class="field"><label for="summary">{text.Summary}</label><br><input id="summary" name="summary" dir="auto" value="{fields.Summary}"></p>
            <p class="field"><label for="body">{text.Body}</label> <span class="hint">{text.MarkdownHint}</span><br><textarea id="body" name="body" dir="auto" data-preview="preview">{fields.Body}</textarea></p>
            {AdminMediaPicker.Button(http, "body", LanguageTag.TryParse(fields.Language, out var typed) ? typed : null)}
            <p class="actions"><button class="primary" type="submit" name="action" value="create">{text.CreateDraft}</button><button type="submit" name="action" value="preview" formnovalidate>{text.Preview}</button></p>
            </div>
            <section aria-labelledby="preview-heading"><h2 id="preview-heading">{text.Preview}</h2><div id="preview" class="preview" aria-live="polite" dir="auto">{preview ?? Html.Empty}</div></section>
            </div>
            </form>
            """), status);
    }

    private sealed record Fields(string Language, string Title, string Slug, string Tags, string Summary, string Body);
}
