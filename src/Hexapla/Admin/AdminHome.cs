using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary><c>/admin/</c>: who is signed in, and the way out. The admin UI grows from here.</summary>
internal static class AdminHome
{
    public static WebApplication MapAdminHome(this WebApplication app)
    {
        app.MapGet("/admin/", async (HttpContext http) =>
        {
            var user = await http.CurrentUserAsync();
            if (user is null)
            {
                return Results.Redirect(AdminAuth.LoginPath);
            }

            return AdminPage.Render(http, "Admin", Html.Of($"""
                <h1>Hexapla admin</h1>
                <p>Signed in as {user.Name} ({AdminAuth.RoleName(user.Role)})</p>
                <form method="post" action="/admin/logout">{AdminPage.AntiforgeryField(http)}<button type="submit">Log out</button></form>
                """));
        }).RequireAuthorization();
        return app;
    }
}
