using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// <c>POST /admin/preview</c>: a Markdown body rendered as the public page would render it (sanitised by the
/// renderer), as an HTML fragment for the editor's live preview. The form's antiforgery token comes with it, and
/// <c>lang</c>, the version's language, which chooses the media texts and file variants (English when absent or not a
/// tag). Media items are found whether or not anything public uses them: the editor previews a draft.
/// </summary>
internal static class AdminPreview
{
    public static RouteGroupBuilder MapAdminPreview(this RouteGroupBuilder admin)
    {
        admin.MapPost("/preview", async (HttpContext http, SiteContext site) =>
        {
            if (await http.CurrentUserAsync() is null)
            {
                return Results.Unauthorized();
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            http.Response.Headers.CacheControl = "no-store";
            var body = form["body"].ToString();
            var language = LanguageTag.TryParse(form["lang"].ToString(), out var given) ? given : LanguageTag.Parse("en");
            var media = await PageMedia.FindAsync(site.Store, [body], http.RequestAborted);
            return Results.Content(MarkdownRenderer.ToHtml(body, PageMedia.For(language, SiteText.For(language), media)), "text/html; charset=utf-8");
        });
        return admin;
    }
}
