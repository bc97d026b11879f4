using Hexapla.Editorial;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary><c>/admin/audit</c>: who did what when, newest first, paged (admins only).</summary>
internal static class AdminAudit
{
    private const int PageSize = 50;

    public static RouteGroupBuilder MapAdminAudit(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", async (HttpContext http, Newsroom newsroom) =>
        {
            if (await http.CurrentUserAsync() is not { } user)
            {
                return Results.Redirect(AdminAuth.LoginPath);
            }

            if (Hosting.Paging.Requested(http.Request) is not { } number)
            {
                return AdminUi.NotFound(http, AdminText.CoreMessage(Hosting.Paging.Problem(http.Request)));
            }

            IReadOnlyList<AuditEntry> entries;
            try
            {
                // One more than a page, to know whether there is a next one.
                entries = await newsroom.ListAuditAsync(user, (number - 1) * PageSize, PageSize + 1, http.RequestAborted);
            }
            catch (EditorialException refusal)
            {
                return AdminUi.Refusal(http, refusal);
            }

            // Actions are codes and details are recorded as they happened (English, addresses): shown left to right.
            var text = AdminText.Of(http);
            var rows = entries.Take(PageSize).Select(e => Html.Of($"""
                <tr><td>{text.Utc(e.At)}</td><td><bdi>{e.Actor}</bdi></td><td><code>{e.Action}</code></td><td dir="auto">{e.Target ?? ""}</td><td dir="ltr" lang="en">{e.Detail ?? ""}</td></tr>
                """));
            return AdminPage.Render(http, text.AuditLog, Html.Of($"""
                <h1>{text.AuditLog}</h1>
                <table class="audit">
                <thead><tr><th scope="col">{text.When}</th><th scope="col">{text.Who}</th><th scope="col">{text.What}</th><th scope="col">{text.Target}</th><th scope="col">{text.Detail}</th></tr></thead>
                <tbody>{rows}</tbody>
                </table>
                {AdminUi.Paging(n => $"/admin/audit?page={n}", number, entries.Count > PageSize, text)}
                """));
        });
        return admin;
    }
}
