using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/</c>: the documents, most recently changed first, filtered by language, state and title text, paged,
/// every filter a GET parameter so a list can be bookmarked.
/// </summary>
internal static class AdminHome
{
    private const int PageSize = 25;

    public static RouteGroupBuilder MapAdminHome(this RouteGroupBuilder admin)
    {
        admin.MapGet("/", ListAsync);
        return admin;
    }

    private static async Task<IResult> ListAsync(HttpContext http, Newsroom newsroom, TimeProvider clock, string? lang, string? state, string? q)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        var language = LanguageTag.TryParse(lang, out var tag) ? tag : null;
        VersionState? wanted = VersionStates.TryParse(state, out var parsed) ? parsed : null;
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (Hosting.Paging.Requested(http.Request) is not { } number)
        {
            return AdminUi.NotFound(http, AdminText.CoreMessage(Hosting.Paging.Problem(http.Request)));
        }

        var filter = new DocumentFilter(language, wanted, text, (number - 1) * PageSize, PageSize);
        DocumentListPage list;
        try
        {
            list = await newsroom.ListDocumentsAsync(user, filter, http.RequestAborted);
        }
        catch (EditorialException refusal)
        {
            return AdminUi.Refusal(http, refusal);
        }

        var now = clock.GetUtcNow();
        var words = AdminText.Of(http);
        var rows = list.Rows.Select(row => Html.Of($"""
            <tr>
            <td><code>{row.Slug}</code></td>
            <td><bdi dir="ltr">{row.OriginalLanguage.Value}</bdi></td>
            <td><ul class="versions">{row.Versions.Select(v => Version(words, user, row, v, now))}</ul></td>
            <td>{words.Utc(row.UpdatedAt)}</td>
            </tr>
            """));
        var stateOptions = Enum.GetValues<VersionState>().Select(s => Html.Of($"""<option value="{s.Name()}"{(s == wanted ? Html.Of($" selected") : Html.Empty)}>{words.StateName(s)}</option>"""));
        var create = user.CanCreateDocuments() ? Html.Of($"""<p><a class="button" href="/admin/new">{words.NewDocument}</a></p>""") : Html.Empty;
        var table = list.Rows.Count == 0
            ? Html.Of($"""<p>{words.NoDocumentsMatch}</p>""")
            : Html.Of($"""
                <table class="docs">
                <thead><tr><th scope="col">{words.SlugHeading}</th><th scope="col">{words.Original}</th><th scope="col">{words.Versions}</th><th scope="col">{words.Changed}</th></tr></thead>
                <tbody>{rows}</tbody>
                </table>
                """);
        string Href(int n) => $"/admin/?lang={Uri.EscapeDataString(language?.Value ?? "")}&state={Uri.EscapeDataString(wanted?.Name() ?? "")}&q={Uri.EscapeDataString(text ?? "")}&page={n}";

        return AdminPage.Render(http, words.Documents, Html.Of($"""
            <h1>{words.Documents}</h1>
            {create}
            <form class="filters" method="get" action="/admin/" role="search" aria-label="{words.FilterDocuments}">
            <p><label for="f-lang">{words.LanguageHeading}</label><br><input id="f-lang" name="lang" value="{language?.Value ?? ""}" placeholder="en-GB" size="8" dir="ltr"></p>
            <p><label for="f-state">{words.State}</label><br><select id="f-state" name="state"><option value="">{words.AnyState}</option>{stateOptions}</select></p>
            <p><label for="f-q">{words.TitleContains}</label><br><input id="f-q" type="search" name="q" value="{text ?? ""}" dir="auto"></p>
            <p><button type="submit">{words.Filter}</button></p>
            </form>
            <p class="hint">{words.DocumentCount(list.Total)}</p>
            {table}
            {AdminUi.Paging(Href, number, number * PageSize < list.Total, words)}
            """));
    }

    private static Html Version(AdminText words, User user, DocumentRow row, VersionRow version, DateTimeOffset now)
    {
        var label = AdminUi.MayOpen(user, row.OriginalLanguage, version.Language)
            ? Html.Of($"""<a href="{AdminUi.EditPath(row.Slug, version.Language)}" hreflang="{version.Language.Value}">{version.Language.Value}</a>""")
            : Html.Of($"{version.Language.Value}");
        return Html.Of($"""<li><bdi dir="ltr">{label}</bdi> {AdminUi.StateBadge(version.State, version.PublishedAt, now, text: words)} <span class="hint">{words.RevisionShort(version.Revision)}</span> <span lang="{version.Language.Value}" dir="{version.Language.HtmlDir}">{version.Title}</span></li>""");
    }
}
