using System.Globalization;
using System.Text.RegularExpressions;
using Hexapla.Accounts;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;
using Hexapla.Storage;
using Microsoft.Extensions.Options;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/media</c>: the media library. Everyone signed in lists, searches and filters it (translators translate its
/// texts); editors and admins upload, several files at once: with script each file goes in a request of its own with a
/// progress bar, without it the form posts them all and the page says what became of each.
/// </summary>
internal static partial class AdminMedia
{
    public const string Path = "/admin/media";

    /// <summary>Items per page of the list.</summary>
    public const int PageSize = 24;

    // The "missing alt" filter reads the library in pages of this size and filters here: the store's filter knows
    // nothing of missing texts, and a library of some thousands of items is read in a few queries.
    private const int ScanSize = 500;

    public static RouteGroupBuilder MapAdminMedia(this RouteGroupBuilder admin)
    {
        admin.MapGet("/media", ListAsync);
        admin.MapPost("/media", UploadAsync).WithMetadata(TooLarge.MediaUpload);
        admin.MapAdminMediaItem();
        admin.MapAdminMediaPicker();
        return admin;
    }

    /// <summary>The list's query, as its filter form and paging links write it.</summary>
    private sealed record Query(string Text, MediaKind? Kind, LanguageTag? Language, bool MissingAlt, int Page)
    {
        public string Href(int page)
        {
            var parts = new List<string>();
            if (Text.Length > 0)
            {
                parts.Add("q=" + Uri.EscapeDataString(Text));
            }

            if (Kind is { } kind)
            {
                parts.Add("kind=" + kind.Name());
            }

            if (Language is { } language)
            {
                parts.Add("lang=" + language.Value);
            }

            if (MissingAlt)
            {
                parts.Add("missing=alt");
            }

            if (page > 1)
            {
                parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
            }

            return parts.Count == 0 ? Path : $"{Path}?{string.Join('&', parts)}";
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, MediaLibrary library, SiteContext site, string? q, string? kind, string? lang, string? missing, string? page, string? done)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        var text = LibraryText.Of(http);
        var notice = done is null ? null : DoneNotice(text, AdminText.Of(http), done);
        return await ListPageAsync(http, library, site, user, q, kind, lang, missing, page, notice, [], StatusCodes.Status200OK);
    }

    private static string DoneNotice(LibraryText text, AdminText words, string done)
    {
        var uploaded = UploadedDone().Match(done);
        if (uploaded.Success && int.TryParse(uploaded.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return text.Uploaded(count);
        }

        return done == "deleted" ? text.Deleted : words.DoneNotice;
    }

    private static async Task<IResult> ListPageAsync(
        HttpContext http, MediaLibrary library, SiteContext site, User user, string? q, string? kind, string? lang, string? missing, string? pageText,
        string? notice, IReadOnlyList<Html> errors, int status)
    {
        var text = LibraryText.Of(http);
        var languages = await site.SiteLanguagesAsync(http.RequestAborted);
        var query = new Query(
            (q ?? "").Trim(),
            MediaNames.TryParseKind(kind, out var k) ? k : null,
            LanguageTag.TryParse(lang, out var l) ? l : null,
            missing == "alt",
            Math.Max(1, AdminUi.Int(pageText) ?? 1));

        var (total, items) = await FindAsync(library.Store, query, http.RequestAborted);
        var hasNext = query.Page * PageSize < total;
        var filterLanguage = query.Language;

        var rows = items.Select(item => Card(text, item, filterLanguage ?? item.OriginalLanguage));
        var list = items.Count == 0
            ? Html.Of($"""<p class="hint">{(query == new Query("", null, null, false, 1) ? text.LibraryEmpty : text.NothingMatches)}</p>""")
            : Html.Of($"""
                <ul class="media-grid">
                {Html.Join(rows)}
                </ul>
                {AdminUi.Paging(query.Href, query.Page, hasNext, AdminText.Of(http))}
                """);

        var message = Html.Join([
            notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{notice}</p>"""),
            errors.Count == 0 ? Html.Empty : Html.Of($"""
                <div class="alert" role="alert">
                <p>{text.NotUploaded}</p>
                <ul>{Html.Join(errors.Select(e => Html.Of($"<li>{e}</li>")))}</ul>
                </div>
                """),
        ]);

        return AdminPage.Render(http, text.Library, Html.Of($"""
            <h1>{text.Library}</h1>
            {message}
            {(user.CanManageMedia() ? UploadForm(http, text, languages) : Html.Empty)}
            <h2 id="library-list">{text.Items(total)}</h2>
            {Filters(text, query, languages)}
            {list}
            """), status);
    }

    // The upload form works as it is; admin.js turns the drop zone on, sends each file alone and shows its progress.
    private static Html UploadForm(HttpContext http, LibraryText text, IReadOnlyList<LanguageTag> languages)
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<Limits>>().Value.UploadBytes;
        var preferred = AdminLanguage.Of(http);
        var chosen = languages.FirstOrDefault(l => l.Language == preferred.Language) ?? (languages.Count > 0 ? languages[0] : null);
        return Html.Of($"""
            <section class="media-upload" aria-labelledby="upload-heading">
            <h2 id="upload-heading">{text.Upload}</h2>
            <form method="post" action="{Path}" enctype="multipart/form-data" data-media-upload
             data-uploading="{text.Uploading}" data-uploaded="{text.UploadedOne}" data-failed="{text.UploadFailed}">
            {AdminPage.AntiforgeryField(http)}
            <div class="drop-zone" data-drop-zone>
            <p class="field"><label for="media-files">{text.Files}</label> <span class="hint" id="media-files-hint">{text.FilesHint(Limits.Size(limit))}</span><br>
            <input id="media-files" type="file" name="file" multiple required aria-describedby="media-files-hint"></p>
            <p class="hint drop-hint" hidden>{text.DropHint}</p>
            </div>
            <p class="field"><label for="media-language">{text.LanguageOfFiles}</label><br>
            {LanguageSelect("media-language", "lang", languages, chosen, null)}</p>
            <p class="actions"><button class="primary" type="submit">{text.UploadButton}</button></p>
            <ul class="upload-progress" aria-live="polite" data-upload-list></ul>
            </form>
            </section>
            """);
    }

    private static Html Filters(LibraryText text, Query query, IReadOnlyList<LanguageTag> languages)
    {
        var kinds = new (string Value, string Label)[] { ("", text.AllKinds), ("image", text.Images), ("file", text.FilesKind) }
            .Select(o => Html.Of($"""<option value="{o.Value}"{(o.Value == (query.Kind?.Name() ?? "") ? Html.Raw(" selected") : Html.Empty)}>{o.Label}</option>"""));
        return Html.Of($"""
            <form method="get" action="{Path}" class="filters" role="search" aria-label="{text.SearchLibrary}">
            <p><label for="media-q">{text.Search}</label><br><input id="media-q" type="search" name="q" value="{query.Text}" dir="auto"></p>
            <p><label for="media-kind">{text.Kind}</label><br><select id="media-kind" name="kind">{Html.Join(kinds)}</select></p>
            <p><label for="media-lang">{text.LanguageLabel}</label><br>{LanguageSelect("media-lang", "lang", languages, query.Language, text.AnyLanguage)}</p>
            <p><input id="media-missing" type="checkbox" name="missing" value="alt"{(query.MissingAlt ? Html.Raw(" checked") : Html.Empty)}>
            <label for="media-missing">{text.MissingAltFilter}</label></p>
            <p><button type="submit">{text.Filter}</button></p>
            </form>
            """);
    }

    /// <summary>A select of languages, each named in itself with its tag; with <paramref name="none"/>, a first empty option.</summary>
    public static Html LanguageSelect(string id, string name, IReadOnlyList<LanguageTag> languages, LanguageTag? selected, string? none)
    {
        var options = languages.Select(l => Html.Of($"""<option value="{l.Value}"{(l == selected ? Html.Raw(" selected") : Html.Empty)}>{l.NativeName} ({l.Value})</option>"""));
        var empty = none is null ? Html.Empty : Html.Of($"""<option value="">{none}</option>""");
        return Html.Of($"""<select id="{id}" name="{name}">{empty}{Html.Join(options)}</select>""");
    }

    // One item in the list: its thumbnail (decorative, the title beside it says what it is), title, kind, size, languages.
    private static Html Card(LibraryText text, MediaItem item, LanguageTag language)
    {
        var title = item.TextFor(MediaField.Title, language);
        var missingAlt = item.Kind == MediaKind.Image && item.TextIn(MediaField.Alt, language) is null;
        var files = Html.Join(item.Files.Select(f => Html.Of($"""<bdi dir="ltr">{f.Language.Value}</bdi> """)));
        return Html.Of($"""
            <li class="media-card">
            {Thumbnail(text, item)}
            <p class="media-title"><a href="{ItemPath(item.Id)}"{TitleLang(title, language)}>{title?.Text ?? item.Original.FileName}</a></p>
            <p class="hint">{text.KindLabel(item)} · {text.FileSize(item.Original.Size)}{Dimensions(item.Original)} · <span class="media-id" dir="ltr">media:{item.Id.ToString(CultureInfo.InvariantCulture)}</span></p>
            <p class="hint">{text.FilesIn} {files}</p>
            {(missingAlt ? Html.Of($"""<p><span class="badge missing-alt">{text.MissingAlt(language)}</span></p>""") : Html.Empty)}
            </li>
            """);
    }

    /// <summary>The <c>lang</c>/<c>dir</c> of a text shown where <paramref name="expected"/> was asked for, when it differs.</summary>
    public static Html TitleLang(MediaText? text, LanguageTag expected) =>
        text is not null && text.Language != expected ? Html.Of($""" lang="{text.Language.Value}" dir="{text.Language.HtmlDir}" """) : Html.Empty;

    public static Html Dimensions(MediaFile file) =>
        file.Width is { } w && file.Height is { } h ? Html.Of($" · <span dir=\"ltr\">{w.ToString(CultureInfo.InvariantCulture)} × {h.ToString(CultureInfo.InvariantCulture)}</span>") : Html.Empty;

    /// <summary>A small picture of an image (the narrowest rendition, or the file itself for SVG and GIF); a label for a file.</summary>
    public static Html Thumbnail(LibraryText text, MediaItem item)
    {
        if (item.Kind != MediaKind.Image)
        {
            return Html.Of($"""<span class="media-thumb file-thumb" aria-hidden="true">{FileLabel(item.Original)}</span>""");
        }

        var src = MediaLinks.ServedAsIs(item)
            ? MediaLinks.File(item, item.Original)
            : MediaLinks.Rendition(item, new RenditionRequest(MediaLinks.WidthsFor(item)[0], null, MediaLinks.FallbackFormat(item)));
        return Html.Of($"""<img class="media-thumb" src="{src}" alt="" loading="lazy" decoding="async"{SizeAttributes(item.Original)}>""");
    }

    private static Html SizeAttributes(MediaFile file) => file.Width is { } w && file.Height is { } h
        ? Html.Of($""" width="{w.ToString(CultureInfo.InvariantCulture)}" height="{h.ToString(CultureInfo.InvariantCulture)}" """)
        : Html.Empty;

    /// <summary>What a file is in a word: its extension in capitals (PDF, DOCX, MP3), else its media type.</summary>
    public static string FileLabel(MediaFile file)
    {
        var extension = System.IO.Path.GetExtension(file.FileName).TrimStart('.');
        return extension.Length is > 0 and <= 5 ? extension.ToUpperInvariant() : file.ContentType;
    }

    public static string ItemPath(long id) => $"{Path}/{id.ToString(CultureInfo.InvariantCulture)}";

    private static async Task<(long Total, IReadOnlyList<MediaItem> Items)> FindAsync(IMediaStore store, Query query, CancellationToken cancellationToken)
    {
        var skip = (query.Page - 1) * PageSize;
        if (!query.MissingAlt)
        {
            var found = await store.ListMediaAsync(new MediaFilter(NullIfEmpty(query.Text), query.Kind, query.Language, skip, PageSize), cancellationToken);
            return (found.Total, found.Items);
        }

        // Images without alt text in the language asked for (in their own language when none is): the language filter
        // of the store would keep only items with something in that language, the opposite of what is looked for.
        var missing = new List<MediaItem>();
        for (var offset = 0; ; offset += ScanSize)
        {
            var found = await store.ListMediaAsync(new MediaFilter(NullIfEmpty(query.Text), MediaKind.Image, null, offset, ScanSize), cancellationToken);
            missing.AddRange(found.Items.Where(i => i.TextIn(MediaField.Alt, query.Language ?? i.OriginalLanguage) is null));
            if (found.Items.Count < ScanSize)
            {
                break;
            }
        }

        return (missing.Count, missing.Skip(skip).Take(PageSize).ToList());
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>
    /// <c>POST /admin/media</c>: stores each file of the form as an item in the chosen language, each on its own (a
    /// refused file stores nothing and does not stop the others). A script's request (<c>Accept: application/json</c>)
    /// gets JSON for its one file; a plain form, the list again.
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext http, MediaLibrary library, SiteContext site, IOptions<Limits> limits)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        var text = LibraryText.Of(http);
        var json = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
        if (!user.CanManageMedia())
        {
            var refusal = text.MayNotUpload(user.Name, AdminText.Of(http).RoleLabel(user.Role));
            return json ? Results.Json(new { message = refusal }, statusCode: StatusCodes.Status403Forbidden) : AdminUi.Forbidden(http, refusal);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var files = form.Files.GetFiles("file").Where(f => f.FileName.Length > 0 || f.Length > 0).ToList();
        if (!LanguageTag.TryParse(form["lang"].ToString(), out var language))
        {
            var bad = text.ChooseLanguage;
            return json
                ? Results.Json(new { message = bad }, statusCode: StatusCodes.Status400BadRequest)
                : await ListPageAsync(http, library, site, user, null, null, null, null, null, null, [Html.Of($"{bad}")], StatusCodes.Status400BadRequest);
        }

        if (files.Count == 0)
        {
            return json
                ? Results.Json(new { message = text.ChooseFiles }, statusCode: StatusCodes.Status400BadRequest)
                : await ListPageAsync(http, library, site, user, null, null, null, null, null, null, [Html.Of($"{text.ChooseFiles}")], StatusCodes.Status400BadRequest);
        }

        var stored = new List<MediaItem>();
        var errors = new List<(string File, MediaException Refusal)>();
        foreach (var file in files)
        {
            try
            {
                await using var body = file.OpenReadStream();
                using var spooled = await SpooledFile.SpoolAsync(body, file.FileName, file.ContentType, limits.Value.UploadBytes, cancellationToken: http.RequestAborted);
                stored.Add(await library.UploadAsync(user, spooled, language, cancellationToken: http.RequestAborted));
            }
            catch (MediaException refusal)
            {
                errors.Add((file.FileName, refusal));
            }
        }

        if (json)
        {
            return stored.Count == 1 && errors.Count == 0
                ? Results.Json(new { id = stored[0].Id, href = ItemPath(stored[0].Id), title = stored[0].TextIn(MediaField.Title, language)?.Text }, statusCode: StatusCodes.Status201Created)
                : Results.Json(new { message = string.Join(" ", errors.Select(e => e.Refusal.Message)) }, statusCode: StatusOf(errors[0].Refusal.Kind));
        }

        if (errors.Count == 0)
        {
            return Results.Redirect(stored.Count == 1 ? ItemPath(stored[0].Id) + "?done=uploaded" : $"{Path}?done=uploaded-{stored.Count}");
        }

        return await ListPageAsync(http, library, site, user, null, null, null, null, null,
            stored.Count == 0 ? null : text.Uploaded(stored.Count),
            [.. errors.Select(e => AdminText.CoreMessage(e.Refusal.Message))],
            StatusOf(errors[0].Refusal.Kind));
    }

    /// <summary>The HTTP status for a refusal of the library.</summary>
    public static int StatusOf(MediaErrorKind kind) => kind switch
    {
        MediaErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        MediaErrorKind.NotFound => StatusCodes.Status404NotFound,
        MediaErrorKind.Conflict => StatusCodes.Status409Conflict,
        MediaErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        MediaErrorKind.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };

    [GeneratedRegex("^uploaded-([0-9]{1,9})$")]
    private static partial Regex UploadedDone();
}
