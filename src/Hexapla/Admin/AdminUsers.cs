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
        var text = AdminText.Of(http);
        var rows = users.Select(u => Html.Of($"""
            <tr><td><bdi>{u.Name}</bdi></td><td>{text.RoleLabel(u.Role)}</td><td dir="ltr">{string.Join(", ", u.Languages.Select(l => l.Value))}</td>
            <td>{(u.Disabled ? text.UserDisabled : text.UserActive)}</td><td>{text.Number(tokens.Count(t => t.UserName == u.Name && t.RevokedAt is null))}</td>
            <td>{(u.Name == user.Name ? Html.Empty : Html.Of($"""<form method="post" action="/admin/users/{Uri.EscapeDataString(u.Name)}/disabled">{antiforgery}<input type="hidden" name="disabled" value="{(u.Disabled ? "false" : "true")}"><button type="submit">{(u.Disabled ? text.Enable : text.Disable)}</button></form>"""))}</td></tr>
            """));
        var help = text.UsersHelp(
            Html.Of($"""<code dir="ltr">hexapla user add NAME --role ROLE</code>"""),
            Html.Of($"""<code dir="ltr">hexapla user passwd NAME</code>"""),
            Html.Of($"""<code dir="ltr">hexapla token create NAME --user USER</code>"""));
        return AdminPage.Render(http, text.Users, Html.Of($"""
            <h1>{text.Users}</h1>
            <p>{help}</p>
            <table class="users">
            <thead><tr><th scope="col">{text.Name}</th><th scope="col">{text.RoleHeading}</th><th scope="col">{text.Languages}</th><th scope="col">{text.State}</th><th scope="col">{text.ActiveTokens}</th><th scope="col"><span class="visually-hidden">{text.Actions}</span></th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
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
            var text = AdminText.Of(http);
            return AdminPage.Render(http, text.Users, Html.Of($"<h1>{text.Users}</h1><p>{text.CannotDisableYourself}</p>"), StatusCodes.Status400BadRequest);
        }

        return await accounts.SetDisabledAsync(name, disabled, clock.GetUtcNow(), user.Name, cancellationToken)
            ? Results.Redirect("/admin/users", preserveMethod: false)
            : AdminPage.Render(http, AdminText.Of(http).Users, Html.Of($"<h1>{AdminText.Of(http).Users}</h1><p>{AdminText.Of(http).NoSuchUser(name)}</p>"), StatusCodes.Status404NotFound);
    }

    private static IResult Forbidden(HttpContext http)
    {
        var text = AdminText.Of(http);
        return AdminPage.Render(http, text.NotAllowed, Html.Of($"<h1>{text.NotAllowed}</h1><p>{text.OnlyAdminsManageUsers}</p>"), StatusCodes.Status403Forbidden);
    }
}
