using Hexapla.Content;

namespace Hexapla.Admin;

/// <summary>
/// <c>POST /admin/preview</c>: a Markdown body rendered as the public page would render it (sanitised by the
/// renderer), as an HTML fragment for the editor's live preview. The form's antiforgery token comes with it.
/// </summary>
internal static class AdminPreview
{
    public static RouteGroupBuilder MapAdminPreview(this RouteGroupBuilder admin)
    {
        admin.MapPost("/preview", async (HttpContext http) =>
        {
            if (await http.CurrentUserAsync() is null)
            {
                return Results.Unauthorized();
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Content(MarkdownRenderer.ToHtml(form["body"].ToString()), "text/html; charset=utf-8");
        });
        return admin;
    }
}
