using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Editorial;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/work</c>: what waits for the signed-in user (<see cref="WorkList"/>): to translate, to revise after a
/// rejection (with its reason), to review, to publish. Only versions the user may read are looked at.
/// </summary>
internal static class AdminWork
{
    public const string Path = "/admin/work";

    public static RouteGroupBuilder MapAdminWork(this RouteGroupBuilder admin)
    {
        admin.MapGet("/work", ShowAsync);
        return admin;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, ITranslationStatusStore store)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        // The store's documents come with their working copies; the user's read scope cuts them down before anything is
        // judged, so no count or heading says anything of a version they may not read.
        var scope = user.ReadScope();
        var documents = (await store.ListAllDocumentsAsync(http.RequestAborted)).Select(scope.Visible);
        var items = WorkList.For(user, documents);
        var sections = new List<Html>
        {
            Section(items, WorkKind.Translate, "to-translate", "To translate",
                "Translations in your languages whose paragraphs are outdated or missing against the original's newest text."),
            Section(items, WorkKind.Revise, "to-revise", "To revise",
                "Your text, sent back with a reason."),
        };
        if (user.CanApprove())
        {
            sections.Add(Section(items, WorkKind.Review, "to-review", "To review", "Text in review written by someone else."));
        }

        if (user.CanPublish())
        {
            sections.Add(Section(items, WorkKind.Publish, "to-publish", "To publish",
                Html.Of($"""Approved text, waiting to go live: publish it from its page, or several together as a <a href="{AdminReleases.Path}">release</a>.""")));
        }

        return AdminPage.Render(http, "My work", Html.Of($"""
            <h1>My work</h1>
            <p class="hint">What waits for {user.Name} ({AdminAuth.RoleName(user.Role)}).</p>
            {sections}
            """));
    }

    private static Html Section(IReadOnlyList<WorkItem> all, WorkKind kind, string id, string heading, string hint) =>
        Section(all, kind, id, heading, Html.Of($"{hint}"));

    private static Html Section(IReadOnlyList<WorkItem> all, WorkKind kind, string id, string heading, Html hint)
    {
        var items = all.Where(i => i.Kind == kind).ToList();
        var count = items.Count.ToString(CultureInfo.InvariantCulture);
        var list = items.Count == 0
            ? Html.Of($"""<p class="hint">Nothing.</p>""")
            : Html.Of($"""
                <ul class="work">
                {items.Select(Item)}
                </ul>
                """);
        return Html.Of($"""
            <section id="{id}" aria-labelledby="{id}-heading">
            <h2 id="{id}-heading">{heading} <span class="count">({count})</span></h2>
            <p class="hint">{hint}</p>
            {list}
            </section>
            """);
    }

    private static Html Item(WorkItem item)
    {
        var revision = item.Revision is { } r ? string.Create(CultureInfo.InvariantCulture, $"r{r}") : "new";
        var author = item.Author is { } name ? Html.Of($""" by {name}""") : Html.Empty;
        var detail = item.Detail is null
            ? Html.Empty
            : item.Kind == WorkKind.Revise
                ? Html.Of($"""<br><span class="rejection">Sent back: {item.Detail}</span>""")
                : Html.Of($"""<br><span class="hint">{item.Detail}</span>""");
        // A translation not started shows the original's title, in the original's language: no lang attribute of its own.
        var title = item.Revision is null
            ? Html.Of($"""<span>{item.Title}</span>""")
            : Html.Of($"""<span lang="{item.Language.Value}" dir="{item.Language.HtmlDir}">{item.Title}</span>""");
        return Html.Of($"""
            <li data-slug="{item.Slug}" data-language="{item.Language.Value}">
            <a href="{AdminUi.EditPath(item.Slug, item.Language)}"><code>{item.Slug}</code> {item.Language.Value}</a>
            {title}
            <span class="hint">{revision}{author}, {AdminUi.Utc(item.UpdatedAt)}</span>{detail}
            </li>
            """);
    }
}
