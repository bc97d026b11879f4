using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Admin;

/// <summary>How a cell of the translation matrix stands, for filters and totals.</summary>
internal enum MatrixState
{
    /// <summary>The document's original.</summary>
    Original,

    /// <summary>No version in that language (expected or not).</summary>
    Missing,

    /// <summary>A version with segments changed or added in the original since they were translated.</summary>
    Outdated,

    /// <summary>A version translated from the original's current text throughout.</summary>
    UpToDate,

    /// <summary>A version whose text under work (its working copy, or itself while never live) is in review.</summary>
    InReview,
}

/// <summary>
/// <c>/admin/translations</c>: documents × languages, each cell missing, draft or in review, outdated (n of m segments)
/// or up to date, with a working copy's state beside the live state, filters and per-language totals (a version whose
/// text under work is in review counts as in review). Translators see their own languages.
/// </summary>
internal static class AdminTranslations
{
    public static RouteGroupBuilder MapAdminTranslations(this RouteGroupBuilder admin)
    {
        admin.MapGet("/translations", ShowAsync);
        return admin;
    }

    /// <summary>Where a cell stands: text under work in review counts as in review, whatever its segments say.</summary>
    public static MatrixState StateOf(Document document, LanguageTag language, TranslationStatus status) =>
        language == document.OriginalLanguage ? MatrixState.Original
        : status.State is null ? MatrixState.Missing
        : document.Version(language)?.Work?.State == VersionState.InReview ? MatrixState.InReview
        : status.Outdated.Count + status.Missing.Count > 0 ? MatrixState.Outdated
        : MatrixState.UpToDate;

    // The totals' order in each language's footer cell.
    private static readonly MatrixState[] TotalsShown = [MatrixState.UpToDate, MatrixState.Outdated, MatrixState.InReview, MatrixState.Missing];

    private static async Task<IResult> ShowAsync(HttpContext http, ITranslationStatusStore store, IMediaStore media, string? lang, string? state, string? q)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        LanguageTag? only = LanguageTag.TryParse(lang, out var parsed) ? parsed : null;
        MatrixState? wanted = state switch
        {
            "missing" => MatrixState.Missing,
            "outdated" => MatrixState.Outdated,
            "up-to-date" => MatrixState.UpToDate,
            "in-review" => MatrixState.InReview,
            _ => null,
        };
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var t = EditorText.Of(http);

        // Only the versions the user may read take part: in the text filter, the titles shown, the cells and the totals.
        var scope = user.ReadScope();
        var documents = (await store.ListAllDocumentsAsync(http.RequestAborted)).Select(scope.Visible).ToList();
        var languages = documents
            .SelectMany(d => d.Versions.Select(v => v.Language).Concat(d.ExpectedLanguages).Append(d.OriginalLanguage))
            .Distinct()
            .Where(l => user.Role != Role.Translator || user.Languages.Contains(l))
            .Where(l => only is null || l == only)
            .Order()
            .ToList();

        var rows = new List<Html>();
        var shown = new List<Document>();
        var totals = languages.ToDictionary(l => l, _ => new Dictionary<MatrixState, int>());
        foreach (var document in documents)
        {
            if (text is not null && !document.Slug.Contains(text, StringComparison.OrdinalIgnoreCase)
                && !document.Versions.Any(v => v.Title.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var cells = new List<Html>();
            var states = new List<MatrixState>();
            foreach (var language in languages)
            {
                var status = TranslationStatus.Of(document, language);
                var cellState = StateOf(document, language, status);
                states.Add(cellState);
                cells.Add(Cell(t, user, document, language, status, cellState));
            }

            if (wanted is { } filter && !states.Contains(filter))
            {
                continue;
            }

            for (var i = 0; i < languages.Count; i++)
            {
                if (states[i] is not MatrixState.Original)
                {
                    totals[languages[i]][states[i]] = totals[languages[i]].GetValueOrDefault(states[i]) + 1;
                }
            }

            shown.Add(document);
            var title = document.Version(document.OriginalLanguage)?.Title ?? (document.Versions.Count > 0 ? document.Versions[0].Title : "");
            rows.Add(Html.Of($"""<tr><th scope="row">{EditorText.Slug(document.Slug)}<br><span lang="{document.OriginalLanguage.Value}" dir="{document.OriginalLanguage.HtmlDir}">{title}</span></th>{cells}</tr>"""));
        }

        var head = languages.Select(l => Html.Of($"""<th scope="col"><bdi dir="ltr">{l.Value}</bdi></th>"""));
        var foot = languages.Select(l => Html.Of($"""
            <td class="totals" data-language="{l.Value}">{Html.Join(TotalsShown.Select((s, i) => Html.Of($"""{(i == 0 ? Html.Empty : Html.Of($"<br>"))}<span data-state="{Kind(s)}">{Total(t, s, totals[l].GetValueOrDefault(s))}</span>""")))}</td>
            """));
        var table = rows.Count == 0
            ? Html.Of($"""<p class="hint">{t.NoDocumentMatches}</p>""")
            : Html.Of($"""
                <table class="translations">
                <thead><tr><th scope="col">{t.Document}</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{t.Totals}</th>{foot}</tr></tfoot>
                </table>
                """);
        var mediaRows = await MediaRowsAsync(http, media, shown, languages, wanted);
        return AdminPage.Render(http, t.Translations, Html.Of($"""
            {t.Begin}
            <h1>{t.Translations}</h1>
            {Filters(t, only, state, text, documents, user)}
            {table}
            {mediaRows}
            {EditorText.End}
            """));
    }

    /// <summary>
    /// The media items the originals of the documents shown use (their newest texts: what translators translate), a
    /// row per item and a cell per language: the item's original, missing, outdated (some text made from an older
    /// original text, <see cref="MediaItem.IsOutdated"/>) or up to date, with how many of its texts are so.
    /// </summary>
    private static async Task<Html> MediaRowsAsync(HttpContext http, IMediaStore media, List<Document> documents, List<LanguageTag> languages, MatrixState? wanted)
    {
        var usedBy = new Dictionary<long, List<string>>();
        foreach (var document in documents)
        {
            foreach (var id in MediaReferences.In(document.Version(document.OriginalLanguage)?.Latest.Body))
            {
                if (!usedBy.TryGetValue(id, out var slugs))
                {
                    usedBy[id] = slugs = [];
                }

                slugs.Add(document.Slug);
            }
        }

        if (usedBy.Count == 0 || languages.Count == 0)
        {
            return Html.Empty;
        }

        var text = AdminText.Of(http);
        var items = await media.FindMediaAsync(usedBy.Keys, http.RequestAborted);
        var rows = new List<Html>();
        foreach (var (id, slugs) in usedBy.OrderBy(p => p.Key))
        {
            if (!items.TryGetValue(id, out var item))
            {
                continue;
            }

            var cells = languages.Select(l => MediaCell(text, item, l, slugs[0])).ToList();
            if (wanted is { } filter && !cells.Any(c => c.State == filter))
            {
                continue;
            }

            var title = item.TextIn(MediaField.Title, item.OriginalLanguage)?.Text ?? item.Original.FileName;
            var used = Html.Join(slugs.Select((slug, i) => Html.Of($"""{(i == 0 ? "" : ", ")}{EditorText.Slug(slug)}""")));
            rows.Add(Html.Of($"""
                <tr data-media-id="{item.Id}"><th scope="row">{(item.Kind == MediaKind.Image ? text.MediaTextsImage(item.Id) : text.MediaTextsFile(item.Id))} <span lang="{item.OriginalLanguage.Value}" dir="{item.OriginalLanguage.HtmlDir}">{title}</span><br><span class="hint">{text.MediaMatrixUsedBy} {used}</span></th>{cells.Select(c => c.Html)}</tr>
                """));
        }

        var head = languages.Select(l => Html.Of($"""<th scope="col"><bdi dir="ltr">{l.Value}</bdi></th>"""));
        var table = rows.Count == 0
            ? Html.Of($"""<p class="hint">{text.MediaMatrixNone}</p>""")
            : Html.Of($"""
                <table class="translations media-translations">
                <thead><tr><th scope="col">{text.MediaMatrixItem}</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
                </table>
                """);
        return Html.Of($"""
            <section aria-labelledby="media-matrix-heading">
            <h2 id="media-matrix-heading">{text.MediaTextsHeading}</h2>
            <p class="hint">{text.MediaMatrixHint} <a href="/admin/translations/missing-alt">{text.MissingAltTitle}</a></p>
            {table}
            </section>
            """);
    }

    // A cell leads to the translation screen of the first document using the item, where its texts are edited.
    private static (MatrixState State, Html Html) MediaCell(AdminText text, MediaItem item, LanguageTag language, string slug)
    {
        if (language == item.OriginalLanguage)
        {
            return (MatrixState.Original, Html.Of($"""<td class="cell-original" data-state="original" data-language="{language.Value}">{text.MediaMatrixOriginal}</td>"""));
        }

        var states = MediaSegments.FieldsToTranslate(item, language).Select(f => MediaSegments.StateOf(item, f, language)).ToList();
        var missing = states.Count(s => s == MediaTextState.Missing);
        var outdated = states.Count(s => s == MediaTextState.Outdated);
        // Outdated before missing: a text readers get that no longer says what the original says is the worse news.
        var (state, label) = outdated > 0 ? (MatrixState.Outdated, text.MediaMatrixOutdated(outdated, states.Count))
            : missing > 0 ? (MatrixState.Missing, text.MediaMatrixMissing(missing, states.Count))
            : (MatrixState.UpToDate, text.MediaMatrixCurrent);
        var kind = Kind(state);
        return (state, Html.Of($"""<td class="cell-{kind}" data-state="{kind}" data-language="{language.Value}"><a href="{AdminUi.EditPath(slug, language)}#media-texts-heading">{label}</a></td>"""));
    }

    private static string Total(EditorText t, MatrixState state, int n) => state switch
    {
        MatrixState.UpToDate => t.TotalUpToDate(n),
        MatrixState.Outdated => t.TotalOutdated(n),
        MatrixState.InReview => t.TotalInReview(n),
        _ => t.TotalMissing(n),
    };

    private static Html Cell(EditorText t, User user, Document document, LanguageTag language, TranslationStatus status, MatrixState state)
    {
        var href = AdminUi.EditPath(document.Slug, language);
        var needs = status.Outdated.Count + status.Missing.Count;
        var label = state switch
        {
            MatrixState.Original => t.CellOriginal,
            MatrixState.Missing => t.CellMissing,
            _ => status.State switch
            {
                VersionState.Draft or VersionState.InReview or VersionState.Approved when needs > 0 =>
                    t.CellStateOutdated(status.State.Value, needs, status.Total),
                VersionState.Draft or VersionState.InReview or VersionState.Approved => t.State(status.State.Value),
                _ when needs > 0 => t.CellOutdated(needs, status.Total),
                _ => t.CellUpToDate,
            },
        };
        var kind = Kind(state);
        var link = state == MatrixState.Missing && !user.CanEdit(document.OriginalLanguage, language)
            ? Html.Of($"{label}")
            : Html.Of($"""<a href="{href}">{label}</a>""");
        // A working copy over live text: its own state beside the live one, so "up to date" never hides a correction in hand.
        var working = document.Version(language)?.Working is { } copy
            ? Html.Of($"""<br><span class="working" data-working-state="{copy.State.Name()}">{t.CellWorkingCopy(copy.Revision, copy.State, copy.Rejection is not null)}</span>""")
            : Html.Empty;
        return Html.Of($"""<td class="cell-{kind}" data-state="{kind}" data-language="{language.Value}">{link}{working}</td>""");
    }

    private static string Kind(MatrixState state) => state switch
    {
        MatrixState.Original => "original",
        MatrixState.Missing => "missing",
        MatrixState.Outdated => "outdated",
        MatrixState.InReview => "in-review",
        _ => "up-to-date",
    };

    private static Html Filters(EditorText t, LanguageTag? only, string? state, string? text, IReadOnlyList<Document> documents, User user)
    {
        var all = documents.SelectMany(d => d.Versions.Select(v => v.Language).Concat(d.ExpectedLanguages).Append(d.OriginalLanguage))
            .Distinct().Where(l => user.Role != Role.Translator || user.Languages.Contains(l)).Order();
        var languageOptions = all.Select(l => Html.Of($"""<option value="{l.Value}"{(l == only ? Html.Raw(" selected") : Html.Empty)}>{l.Value}</option>"""));
        var stateOptions = new[] { ("", t.FilterAnyState), ("missing", t.FilterMissing), ("outdated", t.FilterOutdated), ("up-to-date", t.FilterUpToDate), ("in-review", t.FilterInReview) }
            .Select(o => Html.Of($"""<option value="{o.Item1}"{(o.Item1 == (state ?? "") ? Html.Raw(" selected") : Html.Empty)}>{o.Item2}</option>"""));
        return Html.Of($"""
            <form method="get" action="/admin/translations" class="filters">
            <label>{t.FilterLanguage} <select name="lang"><option value="">{t.FilterAll}</option>{languageOptions}</select></label>
            <label>{t.FilterState} <select name="state">{stateOptions}</select></label>
            <label>{t.FilterText} <input name="q" value="{text ?? ""}" placeholder="{t.FilterTextPlaceholder}" dir="auto"></label>
            <button type="submit">{t.Filter}</button>
            </form>
            """);
    }
}
