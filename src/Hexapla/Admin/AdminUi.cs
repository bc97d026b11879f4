using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>What the editor pages share: state badges, diffs, refusals as pages, paths and form values.</summary>
internal static class AdminUi
{
    public static string EditPath(string slug, LanguageTag language) => $"/admin/documents/{Uri.EscapeDataString(slug)}/{language.Value}";

    public static string HistoryPath(string slug, LanguageTag language) => $"{EditPath(slug, language)}/history";

    /// <summary>The HTTP status for a refusal of the newsroom.</summary>
    public static int StatusOf(EditorialErrorKind kind) => kind switch
    {
        EditorialErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        EditorialErrorKind.NotFound => StatusCodes.Status404NotFound,
        EditorialErrorKind.Conflict => StatusCodes.Status409Conflict,
        EditorialErrorKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>
    /// A refusal on a page of its own, with a way back. The core's message is English: it is shown as English
    /// (<c>lang="en"</c>, isolated) under a title in the admin's language.
    /// </summary>
    public static IResult Refusal(HttpContext http, EditorialException refusal, string? back = null) =>
        Message(http, StatusOf(refusal.Kind), AdminText.CoreMessage(refusal.Message), back);

    public static IResult Forbidden(HttpContext http, string message) => Message(http, StatusCodes.Status403Forbidden, message, null);

    public static IResult Forbidden(HttpContext http, Html message) => Message(http, StatusCodes.Status403Forbidden, message, null);

    public static IResult NotFound(HttpContext http, string message) => Message(http, StatusCodes.Status404NotFound, message, null);

    public static IResult NotFound(HttpContext http, Html message) => Message(http, StatusCodes.Status404NotFound, message, null);

    public static IResult Message(HttpContext http, int status, string message, string? back) => Message(http, status, Html.Of($"{message}"), back);

    /// <summary>A message on a page of its own, titled by its status in the admin's language, with a way back.</summary>
    public static IResult Message(HttpContext http, int status, Html message, string? back)
    {
        var text = AdminText.Of(http);
        var title = status switch
        {
            StatusCodes.Status403Forbidden => text.NotAllowed,
            StatusCodes.Status404NotFound => text.NotFound,
            StatusCodes.Status409Conflict => text.ChangedMeanwhile,
            _ => text.NotDone,
        };
        var link = Html.Of($"""<p><a href="{(back is not null && AdminAuth.IsLocal(back) ? back : "/admin/")}">{text.Back}</a></p>""");
        return AdminPage.Render(http, title, Html.Of($"""
            <h1>{title}</h1>
            <p class="alert" role="alert">{message}</p>
            {link}
            """), status);
    }

    /// <summary>
    /// A version's state as a badge, in the words of <paramref name="text"/> (English when null); a published version
    /// whose time has not come shows as embargoed, until a time in UTC or, given the site's <paramref name="zone"/>, in
    /// that zone as the schedule form reads it.
    /// </summary>
    public static Html StateBadge(VersionState state, DateTimeOffset? publishedAt, DateTimeOffset now, TimeZoneInfo? zone = null, AdminText? text = null)
    {
        text ??= AdminText.English;
        if (state == VersionState.Published && publishedAt > now)
        {
            var until = zone is null ? text.Utc(publishedAt.Value) : text.InZone(publishedAt.Value, zone);
            return Html.Of($"""<span class="badge state-embargoed" title="{text.PublishedFrom(until)}">{text.EmbargoedUntil(until)}</span>""");
        }

        return Html.Of($"""<span class="badge state-{state.Name()}">{text.StateName(state)}</span>""");
    }

    /// <summary>A time as people read it in the admin: UTC, to the minute, saying so.</summary>
    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A time as the site's zone reads it, to the minute, naming the zone and UTC:
    /// <c>2026-12-06 18:54 Europe/Moscow (UTC+03:00), 15:54 UTC</c>; just <see cref="Utc"/> where the zone is UTC.
    /// </summary>
    public static string InZone(DateTimeOffset time, TimeZoneInfo zone) => Instants.IsUtc(zone)
        ? Utc(time)
        : $"{TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {Instants.ZoneLabel(zone, time)}, {time.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The difference between two texts, line by line; a line replaced by another is shown word by word, so a
    /// changed comma does not mark a whole paragraph.
    /// </summary>
    public static Html Diff(string oldText, string newText, AdminText? text = null)
    {
        var runs = TextDiff.Lines(oldText, newText);
        var parts = new List<Html>();
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            if (run.Kind == DiffKind.Delete && i + 1 < runs.Count && runs[i + 1].Kind == DiffKind.Insert)
            {
                parts.AddRange(TextDiff.Words(run.Text, runs[i + 1].Text).Select(Piece));
                i++;
            }
            else
            {
                parts.Add(Piece(run));
            }

            if (i < runs.Count - 1)
            {
                parts.Add(Html.Of($"\n"));
            }
        }

        return parts.Count == 0 ? Html.Of($"""<p class="hint">{(text ?? AdminText.English).NoText}</p>""") : Html.Of($"""<div class="diff">{Html.Join(parts)}</div>""");
    }

    /// <summary>A hidden field's or input's whole number; null when absent or not a number.</summary>
    public static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Links to the previous and next page, in the words of <paramref name="text"/> (English when null).</summary>
    public static Html Paging(Func<int, string> href, int page, bool hasNext, AdminText? text = null)
    {
        text ??= AdminText.English;
        var previous = page > 1 ? Html.Of($"""<a href="{href(page - 1)}" rel="prev">{text.Newer}</a>""") : Html.Of($"<span></span>");
        var next = hasNext ? Html.Of($"""<a href="{href(page + 1)}" rel="next">{text.Older}</a>""") : Html.Of($"<span></span>");
        return Html.Of($"""<nav class="paging" aria-label="{text.Pages}">{previous}<span>{text.PageNumber(page)}</span>{next}</nav>""");
    }

    /// <summary>May open the editor page of a version: those who may write it, and reviewers, editors and admins.</summary>
    public static bool MayOpen(User user, LanguageTag original, LanguageTag language) =>
        user.CanEdit(original, language) || user.CanApprove();

    private static Html Piece(DiffOperation run) => run.Kind switch
    {
        DiffKind.Insert => Html.Of($"<ins>{run.Text}</ins>"),
        DiffKind.Delete => Html.Of($"<del>{run.Text}</del>"),
        _ => Html.Of($"{run.Text}"),
    };
}
