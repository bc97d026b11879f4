using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/releases</c> (editors and admins): choose versions whose text under work is approved (an original and its
/// translations, or several documents) and publish them together now or at an instant in the site's zone
/// (<see cref="Newsroom.ReleaseAsync"/>); pending releases with Cancel, and the recent ones with their outcome.
/// </summary>
internal static class AdminReleases
{
    public const string Path = "/admin/releases";

    private const int RecentCount = 20;

    public static RouteGroupBuilder MapAdminReleases(this RouteGroupBuilder admin)
    {
        admin.MapGet("/releases", ShowAsync);
        admin.MapPost("/releases", ReleaseAsync);
        admin.MapPost("/releases/{id}/cancel", CancelAsync);
        return admin;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, SiteContext site, Newsroom newsroom, ITranslationStatusStore store, TimeProvider clock, string? done)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        IReadOnlyList<Release> pending;
        IReadOnlyList<Release> recent;
        try
        {
            pending = await newsroom.ListReleasesAsync(user, pendingOnly: true, int.MaxValue, http.RequestAborted);
            recent = [.. (await newsroom.ListReleasesAsync(user, pendingOnly: false, RecentCount + pending.Count, http.RequestAborted))
                .Where(r => r.State != ReleaseState.Pending).Take(RecentCount)];
        }
        catch (EditorialException refusal)
        {
            return AdminUi.Refusal(http, refusal);
        }

        var now = clock.GetUtcNow();
        var zone = site.TimeZone;
        // A version already in a pending release is not offered again (the newsroom would refuse it).
        var scheduled = pending.SelectMany(r => r.Members).Select(m => (m.Slug, m.Language)).ToHashSet();
        var candidates = (await store.ListAllDocumentsAsync(http.RequestAborted))
            .Select(user.ReadScope().Visible)
            .Select(d => (Document: d, Versions: d.Versions
                .Where(v => v.Work is { State: VersionState.Approved } && !scheduled.Contains((d.Slug, v.Language)))
                .ToList()))
            .Where(c => c.Versions.Count > 0)
            .ToList();
        var t = EditorText.Of(http);
        var notice = done is null ? Html.Empty : Html.Of($"""<p class="notice" role="status">{t.Done(done)}</p>""");
        return AdminPage.Render(http, t.Releases, Html.Of($"""
            {t.Begin}
            <h1>{t.Releases}</h1>
            {notice}
            {Chooser(http, t, candidates, now, zone)}
            <section aria-labelledby="pending-heading">
            <h2 id="pending-heading">{t.Pending}</h2>
            {Pending(http, t, pending, zone)}
            </section>
            <section aria-labelledby="recent-heading">
            <h2 id="recent-heading">{t.Recent}</h2>
            {Recent(t, recent, zone)}
            </section>
            {EditorText.End}
            """));
    }

    private static Html Chooser(HttpContext http, EditorText t, List<(Document Document, List<LanguageVersion> Versions)> candidates, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (candidates.Count == 0)
        {
            return Html.Of($"""
                <section aria-labelledby="new-heading">
                <h2 id="new-heading">{t.NewRelease}</h2>
                <p class="hint">{t.NoApprovedText}</p>
                </section>
                """);
        }

        var groups = candidates.Select(c => Html.Of($"""
            <fieldset class="release-document">
            <legend>{EditorText.Slug(c.Document.Slug)}</legend>
            {c.Versions.Select(v => Member(t, c.Document, v, now, zone))}
            </fieldset>
            """));
        var suggested = now.AddHours(1);
        var zoneLabel = t.Zone(zone, suggested);
        return Html.Of($"""
            <section aria-labelledby="new-heading">
            <h2 id="new-heading">{t.NewRelease}</h2>
            <p class="hint">{t.ReleaseHint}</p>
            <form method="post" action="{Path}">{AdminPage.AntiforgeryField(http)}
            {groups}
            <p class="actions">
            <button type="submit" name="action" value="now">{t.PublishTogetherNow}</button>
            </p>
            <p class="actions">
            <label for="release-at">{t.ReleaseAt}</label>
            <input id="release-at" type="datetime-local" name="at" step="1" value="{Instants.ToLocalInput(suggested, zone)}" aria-describedby="release-at-zone">
            <span id="release-at-zone" class="hint"><bdi>{zoneLabel}</bdi></span>
            <button type="submit" name="action" value="at">{t.ScheduleRelease}</button>
            </p>
            </form>
            </section>
            """);
    }

    private static Html Member(EditorText t, Document document, LanguageVersion version, DateTimeOffset now, TimeZoneInfo zone)
    {
        var work = version.Work!;
        var value = $"{document.Slug}/{version.Language.Value}/{work.Revision.ToString(CultureInfo.InvariantCulture)}";
        var id = $"m-{document.Slug}-{version.Language.Value}";
        var role = version.Language == document.OriginalLanguage ? t.RoleOriginal : t.RoleTranslation;
        var live = version.HasBeenLive
            ? t.OverLive(version.Revision, AdminUi.StateBadge(version.State, version.PublishedAt, now, zone, text: AdminText.For(t.Language)))
            : Html.Of($"{t.NewText}");
        var approved = work.ApprovedBy is { } by ? Html.Of($"{t.ListSeparator}{t.ApprovedByName(by)}") : Html.Empty;
        var title = Html.Of($"""<span lang="{version.Language.Value}" dir="{version.Language.HtmlDir}">{work.Title}</span>""");
        return Html.Of($"""
            <p>
            <input type="checkbox" id="{id}" name="member" value="{value}">
            <label for="{id}">{t.MemberLabel(version.Language, role, work.Revision, title)}</label>
            <span class="hint">{live}{approved} · <a href="{AdminUi.EditPath(document.Slug, version.Language)}">{t.OpenLink}</a></span>
            </p>
            """);
    }

    private static Html Pending(HttpContext http, EditorText t, IReadOnlyList<Release> pending, TimeZoneInfo zone)
    {
        if (pending.Count == 0)
        {
            return Html.Of($"""<p class="hint">{t.None}</p>""");
        }

        var rows = pending.OrderBy(r => r.At).Select(r => Html.Of($"""
            <tr data-release="{Id(r)}">
            <td>{t.TimeInZone(r.At, zone)}</td>
            <td>{Members(t, r)}</td>
            <td><bdi>{r.CreatedBy}</bdi><br><span class="hint">{t.Time(r.CreatedAt)}</span></td>
            <td>
            <form method="post" action="{Path}/{Id(r)}/cancel">{AdminPage.AntiforgeryField(http)}
            <button type="submit">{t.Cancel}</button>
            </form>
            </td>
            </tr>
            """));
        return Html.Of($"""
            <table class="releases pending">
            <thead><tr><th scope="col">{t.At}</th><th scope="col">{t.Versions}</th><th scope="col">{t.ScheduledBy}</th><th scope="col"><span class="visually-hidden">{t.ActionsColumn}</span></th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """);
    }

    private static Html Recent(EditorText t, IReadOnlyList<Release> recent, TimeZoneInfo zone)
    {
        if (recent.Count == 0)
        {
            return Html.Of($"""<p class="hint">{t.NoneYet}</p>""");
        }

        var rows = recent.Select(r => Html.Of($"""
            <tr data-release="{Id(r)}" data-state="{r.State.ToString().ToLowerInvariant()}">
            <td>{t.TimeInZone(r.At, zone)}</td>
            <td>{Members(t, r)}</td>
            <td><bdi>{r.CreatedBy}</bdi></td>
            <td><span class="badge release-{r.State.ToString().ToLowerInvariant()}">{t.ReleaseStateName(r.State)}</span> <bdi lang="en" dir="ltr">{r.Outcome ?? ""}</bdi></td>
            </tr>
            """));
        return Html.Of($"""
            <table class="releases recent">
            <thead><tr><th scope="col">{t.At}</th><th scope="col">{t.Versions}</th><th scope="col">{t.ScheduledBy}</th><th scope="col">{t.Outcome}</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """);
    }

    private static Html Members(EditorText t, Release release) => Html.Of($"""
        <ul class="members">{release.Members.Select(m => Html.Of($"""<li><a href="{AdminUi.EditPath(m.Slug, m.Language)}">{EditorText.Slug(m.Slug)} {EditorText.Tag(m.Language)}</a> {t.RevisionShort(m.Revision)}</li>"""))}</ul>
        """);

    private static string Id(Release release) => release.Id.ToString(CultureInfo.InvariantCulture);

    private static async Task<IResult> ReleaseAsync(HttpContext http, SiteContext site, Newsroom newsroom, ReleaseRunner runner)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            // Who may not publish learns that, not what a valid release looks like.
            Newsroom.AuthorizePublish(user);
        }
        catch (EditorialException refusal)
        {
            return AdminUi.Refusal(http, refusal, Path);
        }

        var members = new List<ReleaseMember>();
        foreach (var value in form["member"])
        {
            if (ParseMember(value) is not { } member)
            {
                return AdminUi.Message(http, StatusCodes.Status400BadRequest, EditorText.Of(http).BadReleaseMember(value ?? ""), Path);
            }

            members.Add(member);
        }

        if (members.Count == 0)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, EditorText.Of(http).ChooseOneVersion, Path);
        }

        DateTimeOffset? at = null;
        switch (form["action"].ToString())
        {
            case "now":
                break;
            case "at":
                // The form's time is the site's wall-clock time (Hexapla:TimeZone), never the server's.
                if (!Instants.TryParseLocal(form["at"].ToString(), site.TimeZone, out var instant, out var problem))
                {
                    return AdminUi.Message(http, StatusCodes.Status400BadRequest, EditorText.Of(http).ReleaseAtUnreadable(problem), Path);
                }

                at = instant;
                break;
            default:
                return AdminUi.Message(http, StatusCodes.Status400BadRequest, EditorText.Of(http).UnknownReleaseAction, Path);
        }

        Release release;
        try
        {
            release = await newsroom.ReleaseAsync(user, members, at, http.RequestAborted);
            // The runner may sleep until a later release: it looks again now, and wakes at this one's instant.
            runner.Wake();
        }
        catch (EditorialException refusal)
        {
            return AdminUi.Refusal(http, refusal, Path);
        }

        var done = release.State == ReleaseState.Pending
            ? string.Create(CultureInfo.InvariantCulture, $"release {release.Id} scheduled")
            : string.Create(CultureInfo.InvariantCulture, $"{release.Members.Count} version(s) published together");
        return Results.Redirect($"{Path}?done={Uri.EscapeDataString(done.Replace(' ', '-'))}");
    }

    private static async Task<IResult> CancelAsync(HttpContext http, Newsroom newsroom, string id)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        try
        {
            Newsroom.AuthorizePublish(user);
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return AdminUi.NotFound(http, EditorText.Of(http).NoRelease(id));
            }

            await newsroom.CancelReleaseAsync(user, number, http.RequestAborted);
            return Results.Redirect(string.Create(CultureInfo.InvariantCulture, $"{Path}?done=release-{number}-cancelled"));
        }
        catch (EditorialException refusal)
        {
            return AdminUi.Refusal(http, refusal, Path);
        }
    }

    /// <summary>A checkbox's <c>slug/language/revision</c>, or null when it is not one.</summary>
    internal static ReleaseMember? ParseMember(string? value)
    {
        var parts = (value ?? "").Split('/');
        return parts.Length == 3 && Slug.IsValid(parts[0]) && LanguageTag.TryParse(parts[1], out var language)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0
            ? new ReleaseMember(parts[0], language, revision)
            : null;
    }
}
