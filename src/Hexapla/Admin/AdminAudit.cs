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
                return AdminUi.NotFound(http, Hosting.Paging.Problem(http.Request));
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

            var rows = entries.Take(PageSize).Select(e => Html.Of($"""
                <tr><td>{AdminUi.Utc(e.At)}</td><td>{e.Actor}</td><td><code>{e.Action}</code></td><td>{e.Target ?? ""}</td><td>{e.Detail ?? ""}</td></tr>
                """));
            return AdminPage.Render(http, "Audit log", Html.Of($"""
                <h1>Audit log</h1>
                <table class="audit">
                <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Target</th><th scope="col">Detail</th></tr></thead>
                <tbody>{rows}</tbody>
                </table>
                {AdminUi.Paging(n => $"/admin/audit?page={n}", number, entries.Count > PageSize)}
                """));
        });
        return admin;
    }
}
