using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Site;
using Hexapla.Storage;
using Hexapla.Translation;

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
        var documents = (await store.ListAllDocumentsAsync(http.RequestAborted)).Select(scope.Visible).ToList();
        var items = WorkList.For(user, documents);
        var t = EditorText.Of(http);
        var page = new Page(t, documents.ToDictionary(d => d.Slug, StringComparer.Ordinal));
        var sections = new List<Html>
        {
            Section(page, items, WorkKind.Translate, "to-translate", t.ToTranslate, Html.Of($"{t.ToTranslateHint}")),
            Section(page, items, WorkKind.Revise, "to-revise", t.ToRevise, Html.Of($"{t.ToReviseHint}")),
        };
        if (user.CanApprove())
        {
            sections.Add(Section(page, items, WorkKind.Review, "to-review", t.ToReview, Html.Of($"{t.ToReviewHint}")));
        }

        if (user.CanPublish())
        {
            sections.Add(Section(page, items, WorkKind.Publish, "to-publish", t.ToPublish, t.ToPublishHint(AdminReleases.Path)));
        }

        return AdminPage.Render(http, t.MyWork, Html.Of($"""
            {t.Begin}
            <h1>{t.MyWork}</h1>
            <p class="hint">{t.WhatWaitsFor(user)}</p>
            {sections}
            {EditorText.End}
            """));
    }

    private static Html Section(Page page, IReadOnlyList<WorkItem> all, WorkKind kind, string id, string heading, Html hint)
    {
        var t = page.Text;
        var items = all.Where(i => i.Kind == kind).ToList();
        var count = t.Count(items.Count);
        var list = items.Count == 0
            ? Html.Of($"""<p class="hint">{t.Nothing}</p>""")
            : Html.Of($"""
                <ul class="work">
                {items.Select(i => Item(page, i))}
                </ul>
                """);
        return Html.Of($"""
            <section id="{id}" aria-labelledby="{id}-heading">
            <h2 id="{id}-heading">{heading} <span class="count">{count}</span></h2>
            <p class="hint">{hint}</p>
            {list}
            </section>
            """);
    }

    private static Html Item(Page page, WorkItem item)
    {
        var t = page.Text;
        var revision = item.Revision is { } r ? t.RevisionShort(r) : t.NewText;
        var author = item.Author is { } name ? Html.Of($""" {t.ByName(name)}""") : Html.Empty;
        var detail = item.Kind == WorkKind.Revise
            ? item.Detail is null ? Html.Empty : Html.Of($"""<br><span class="rejection">{t.SentBackLabel} <bdi>{item.Detail}</bdi></span>""")
            : Detail(page, item) is { } words ? Html.Of($"""<br><span class="hint">{words}</span>""") : Html.Empty;
        // A translation not started shows the original's title, in the original's language: no lang attribute of its own.
        var title = item.Revision is null
            ? Html.Of($"""<span>{item.Title}</span>""")
            : Html.Of($"""<span lang="{item.Language.Value}" dir="{item.Language.HtmlDir}">{item.Title}</span>""");
        return Html.Of($"""
            <li data-slug="{item.Slug}" data-language="{item.Language.Value}">
            <a href="{AdminUi.EditPath(item.Slug, item.Language)}">{EditorText.Slug(item.Slug)} {EditorText.Tag(item.Language)}</a>
            {title}
            <span class="hint">{revision}{author}{t.ListSeparator}{t.Time(item.UpdatedAt)}</span>{detail}
            </li>
            """);
    }

    /// <summary>
    /// What to say beside an item, in the admin's language: the paragraphs to translate (worked out as the work list
    /// does, on the translation's newest text), or who approved the text to publish.
    /// </summary>
    private static Html? Detail(Page page, WorkItem item)
    {
        var t = page.Text;
        if (!page.Documents.TryGetValue(item.Slug, out var document))
        {
            return null;
        }

        var version = document.Version(item.Language);
        switch (item.Kind)
        {
            case WorkKind.Publish:
                return version?.Work?.ApprovedBy is { } by ? t.ApprovedByName(by) : null;
            case WorkKind.Translate:
                var newest = version is null ? document : document with { Versions = [.. document.Versions.Select(v => v == version ? v.Latest with { Working = null } : v)] };
                var status = TranslationStatus.Of(newest, item.Language);
                if (version is null)
                {
                    return Html.Of($"{t.NotStarted(status.Total)}");
                }

                var parts = new List<string>();
                if (status.Outdated.Count > 0)
                {
                    parts.Add(t.OutdatedParagraphs(status.Outdated.Count, string.Join(t.ListSeparator, status.Outdated)));
                }

                if (status.Missing.Count > 0)
                {
                    parts.Add(t.MissingParagraphs(status.Missing.Count));
                }

                return parts.Count == 0 ? null : Html.Of($"{t.OfParagraphs(string.Join(t.ListSeparator, parts), status.Total)}");
            default:
                return null;
        }
    }

    private sealed record Page(EditorText Text, IReadOnlyDictionary<string, Document> Documents);
}
