using Hexapla.Accounts;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/users</c> (admins only): the users and their tokens, and the switch that disables or enables a user.
/// Adding users and setting passwords stay on the command line (<c>hexapla user add</c>), where a password is
/// never echoed and never passes through a browser.
/// </summary>
internal static class AdminUsers
{
    public static RouteGroupBuilder MapAdminUsers(this RouteGroupBuilder admin)
    {
        admin.MapGet("/users", ListAsync);
        admin.MapPost("/users/{name}/disabled", SetDisabledAsync);
        return admin;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var user = await http.CurrentUserAsync();
        if (user is null)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!user.CanManageUsers())
        {
            return Forbidden(http);
        }

        var users = await accounts.ListUsersAsync(cancellationToken);
        var tokens = await accounts.ListTokensAsync(cancellationToken);
        var antiforgery = AdminPage.AntiforgeryField(http);
        var rows = users.Select(u => Html.Of($"""
            <tr><td>{u.Name}</td><td>{AdminAuth.RoleName(u.Role)}</td><td>{string.Join(", ", u.Languages.Select(l => l.Value))}</td>
            <td>{(u.Disabled ? "disabled" : "active")}</td><td>{tokens.Count(t => t.UserName == u.Name && t.RevokedAt is null)}</td>
            <td>{(u.Name == user.Name ? Html.Empty : Html.Of($"""<form method="post" action="/admin/users/{Uri.EscapeDataString(u.Name)}/disabled">{antiforgery}<input type="hidden" name="disabled" value="{(u.Disabled ? "false" : "true")}"><button type="submit">{(u.Disabled ? "Enable" : "Disable")}</button></form>"""))}</td></tr>
            """));
        return AdminPage.Render(http, "Users", Html.Of($"""
            <h1>Users</h1>
            <p>Add users and set passwords with <code>hexapla user add NAME --role ROLE</code> and <code>hexapla user passwd NAME</code>; create tokens with <code>hexapla token create NAME --user USER</code>.</p>
            <table><thead><tr><th>Name</th><th>Role</th><th>Languages</th><th>State</th><th>Active tokens</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table>
            """));
    }

    private static async Task<IResult> SetDisabledAsync(string name, HttpContext http, IAccountStore accounts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await http.CurrentUserAsync();
        if (user is null)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!user.CanManageUsers())
        {
            return Forbidden(http);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var disabled = form["disabled"].ToString() == "true";
        if (string.Equals(name, user.Name, StringComparison.OrdinalIgnoreCase))
        {
            return AdminPage.Render(http, "Users", Html.Of($"<h1>Users</h1><p>You cannot disable yourself.</p>"), StatusCodes.Status400BadRequest);
        }

        return await accounts.SetDisabledAsync(name, disabled, clock.GetUtcNow(), user.Name, cancellationToken)
            ? Results.Redirect("/admin/users", preserveMethod: false)
            : AdminPage.Render(http, "Users", Html.Of($"<h1>Users</h1><p>There is no user {name}.</p>"), StatusCodes.Status404NotFound);
    }

    private static IResult Forbidden(HttpContext http) =>
        AdminPage.Render(http, "Not allowed", Html.Of($"<h1>Not allowed</h1><p>Only administrators manage users.</p>"), StatusCodes.Status403Forbidden);
}
