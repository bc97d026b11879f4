using System.Globalization;
using Hexapla.Accounts;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;
using Microsoft.Extensions.Options;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/media/{id}</c>: one item. Its preview, its texts per language (each user writes the languages they may
/// write, the others are shown; translations whose original text changed are marked outdated), its file per language,
/// its focal point (a click on the preview with script, two inputs without), where it is used, and deletion, refused
/// while a text uses it, naming the documents.
/// </summary>
internal static class AdminMediaItem
{
    private static readonly MediaField[] Fields = [MediaField.Title, MediaField.Alt, MediaField.Caption];

    public static RouteGroupBuilder MapAdminMediaItem(this RouteGroupBuilder admin)
    {
        admin.MapGet("/media/{id:long}", ShowAsync);
        admin.MapPost("/media/{id:long}", ChangeAsync).WithMetadata(TooLarge.MediaUpload);
        return admin;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, MediaLibrary library, SiteContext site, long id, string? done)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        var text = LibraryText.Of(http);
        var notice = done switch
        {
            null => null,
            "uploaded" => text.UploadedOne,
            "texts" => text.TextsSaved,
            "focal" => text.FocalSaved,
            "file" => text.FileSaved,
            "file-removed" => text.FileRemoved,
            _ => AdminText.Of(http).DoneNotice,
        };
        return await PageAsync(http, library, site, user, id, notice is null ? null : Html.Of($"{notice}"), null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> PageAsync(HttpContext http, MediaLibrary library, SiteContext site, User user, long id, Html? notice, Html? error, int status)
    {
        var text = LibraryText.Of(http);
        MediaItem item;
        try
        {
            item = await library.FindAsync(id, http.RequestAborted);
        }
        catch (MediaException missing) when (missing.Kind == MediaErrorKind.NotFound)
        {
            return AdminUi.NotFound(http, text.NoSuchItem(id));
        }

        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var uses = await library.Store.ListMediaUsesAsync(id, clock.GetUtcNow(), http.RequestAborted);
        var siteLanguages = await site.SiteLanguagesAsync(http.RequestAborted);
        var languages = new[] { item.OriginalLanguage }
            .Concat(siteLanguages)
            .Concat(item.Files.Select(f => f.Language))
            .Concat(item.Texts.Select(t => t.Language))
            .Distinct()
            .ToList();
        var manage = user.CanManageMedia();
        var title = item.TextFor(MediaField.Title, item.OriginalLanguage)?.Text ?? item.Original.FileName;
        var message = Html.Join([
            notice is not { } ok ? Html.Empty : Html.Of($"""<p class="ok" role="status">{ok}</p>"""),
            error is not { } fault ? Html.Empty : Html.Of($"""<div class="alert" role="alert">{fault}</div>"""),
        ]);
        var reference = item.Kind == MediaKind.Image ? $"![](media:{id})" : $"[{AdminMediaPicker.EscapeLinkText(title)}](media:{id})";

        return AdminPage.Render(http, text.ItemTitle(title), Html.Of($"""
            <p><a href="{AdminMedia.Path}">{text.BackToLibrary}</a></p>
            <h1><span lang="{item.OriginalLanguage.Value}" dir="{item.OriginalLanguage.HtmlDir}">{title}</span></h1>
            {message}
            <div class="columns media-columns">
            <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">{AdminText.Of(http).Preview}</h2>
            {Preview(http, text, item, manage)}
            <p class="hint">{text.KindLabel(item)} · {text.FileSize(item.Original.Size)}{AdminMedia.Dimensions(item.Original)} · {text.UploadedBy(item.CreatedBy ?? "—", AdminText.Of(http).Day(item.CreatedAt))}</p>
            <p class="field"><label for="media-reference">{text.UseInText}</label><br>
            <input id="media-reference" readonly value="{reference}" dir="ltr"></p>
            </section>
            <section aria-labelledby="texts-heading">
            <h2 id="texts-heading">{text.Texts}</h2>
            {Texts(http, text, user, item, languages)}
            </section>
            </div>
            <section aria-labelledby="files-heading">
            <h2 id="files-heading">{text.FilesPerLanguage}</h2>
            {Files(http, text, item, languages, manage)}
            </section>
            <section aria-labelledby="uses-heading">
            <h2 id="uses-heading">{text.WhereUsed}</h2>
            {Uses(http, text, uses)}
            </section>
            {(manage ? Delete(http, text, item) : Html.Empty)}
            """), status);
    }

    // The preview of an image, with the focal point: admin.js turns a click (or Enter on the focused picture) into the
    // x/y inputs and moves the marker; the inputs and their button are the way without script or pointer.
    private static Html Preview(HttpContext http, LibraryText text, MediaItem item, bool manage)
    {
        var file = item.Original;
        if (item.Kind != MediaKind.Image)
        {
            return Html.Of($"""
                <p><a href="{MediaLinks.File(item, file)}" type="{file.ContentType}">{text.OpenFile(file.FileName)}</a></p>
                {(file.TextNote is { } note ? Html.Of($"""<p class="hint">{text.NoTextFound} {AdminText.CoreMessage(note)}</p>""") : Html.Empty)}
                """);
        }

        var src = MediaLinks.ServedAsIs(item)
            ? MediaLinks.File(item, file)
            : MediaLinks.Rendition(item, new RenditionRequest(MediaLinks.WidthsFor(item).LastOrDefault(w => w <= 960, MediaLinks.WidthsFor(item)[0]), null, MediaLinks.FallbackFormat(item)));
        var alt = item.TextFor(MediaField.Alt, item.OriginalLanguage)?.Text ?? "";
        var focal = item.Focal ?? new FocalPoint(0.5, 0.5);
        var x = Percent(focal.X);
        var y = Percent(focal.Y);
        if (!manage || MediaLinks.ServedAsIs(item))
        {
            return Html.Of($"""<div class="media-preview"><img src="{src}" alt="{alt}" lang="{item.OriginalLanguage.Value}"{Size(file)}></div>""");
        }

        return Html.Of($"""
            <div class="media-preview" data-focal="focal-form">
            <img src="{src}" alt="{alt}" lang="{item.OriginalLanguage.Value}"{Size(file)}>
            <span class="focal-marker" aria-hidden="true" hidden></span>
            </div>
            <form method="post" action="{AdminMedia.ItemPath(item.Id)}" id="focal-form" class="focal-form">
            {AdminPage.AntiforgeryField(http)}
            <fieldset>
            <legend>{text.FocalPoint}</legend>
            <p class="hint" id="focal-hint">{text.FocalHint}</p>
            <p class="inline-fields">
            <label for="focal-x">{text.FocalX}</label> <input id="focal-x" name="x" type="number" min="0" max="100" step="1" value="{x}" aria-describedby="focal-hint" dir="ltr">
            <label for="focal-y">{text.FocalY}</label> <input id="focal-y" name="y" type="number" min="0" max="100" step="1" value="{y}" aria-describedby="focal-hint" dir="ltr">
            </p>
            <p class="actions"><button type="submit" name="action" value="focal">{text.SaveFocal}</button>
            <button type="submit" name="action" value="focal-clear">{text.ClearFocal}</button></p>
            </fieldset>
            </form>
            """);
    }

    private static Html Size(MediaFile file) => file.Width is { } w && file.Height is { } h
        ? Html.Of($""" width="{w.ToString(CultureInfo.InvariantCulture)}" height="{h.ToString(CultureInfo.InvariantCulture)}" """)
        : Html.Empty;

    private static string Percent(double fraction) => Math.Round(fraction * 100).ToString(CultureInfo.InvariantCulture);

    // One row per language: the user's own languages as inputs, the others as text. Only changed fields are sent on,
    // so saving a page does not stamp an untouched outdated translation as current.
    private static Html Texts(HttpContext http, LibraryText text, User user, MediaItem item, IReadOnlyList<LanguageTag> languages)
    {
        var fields = item.Kind == MediaKind.Image ? Fields : [MediaField.Title, MediaField.Caption];
        var editable = languages.Where(l => user.CanEditMediaText(item.OriginalLanguage, l)).ToList();
        var blocks = languages.Select(language =>
        {
            var mine = editable.Contains(language);
            var rows = fields.Select(field => TextRow(text, item, language, field, mine));
            var heading = language == item.OriginalLanguage ? text.OriginalIn(language) : text.TranslationIn(language);
            return Html.Of($"""
                <fieldset class="media-texts" lang="{language.Value}" dir="{language.HtmlDir}">
                <legend><span lang="{text.Language.Value}" dir="{text.Dir}">{heading}</span></legend>
                {Html.Join(rows)}
                </fieldset>
                """);
        });
        if (editable.Count == 0)
        {
            return Html.Join(blocks);
        }

        return Html.Of($"""
            <form method="post" action="{AdminMedia.ItemPath(item.Id)}">
            {AdminPage.AntiforgeryField(http)}
            {Html.Join(blocks)}
            <p class="actions"><button class="primary" type="submit" name="action" value="texts">{text.SaveTexts}</button></p>
            </form>
            """);
    }

    private static Html TextRow(LibraryText text, MediaItem item, LanguageTag language, MediaField field, bool editable)
    {
        var own = item.TextIn(field, language);
        var id = $"{field.Name()}-{language.Value}";
        var marks = Html.Join([
            own is not null && item.IsOutdated(own) ? Html.Of($""" <span class="badge outdated" id="{id}-outdated" lang="{text.Language.Value}" dir="{text.Dir}">{text.Outdated}</span>""") : Html.Empty,
            own is { Machine: true } ? Html.Of($""" <span class="badge machine" lang="{text.Language.Value}" dir="{text.Dir}">{text.Machine}</span>""") : Html.Empty,
        ]);
        var label = Html.Of($"""<span lang="{text.Language.Value}" dir="{text.Dir}">{text.FieldName(field)}</span>""");
        if (!editable)
        {
            return Html.Of($"""
                <p class="field"><span class="field-name">{label}</span>{marks}<br>{(own is null ? Html.Of($"""<span class="hint" lang="{text.Language.Value}" dir="{text.Dir}">{text.NoTextYet}</span>""") : Html.Of($"{own.Text}"))}</p>
                """);
        }

        var source = language != item.OriginalLanguage ? item.TextIn(field, item.OriginalLanguage) : null;
        var describedBy = string.Join(' ', new[] { own is not null && item.IsOutdated(own) ? $"{id}-outdated" : null, source is null ? null : $"{id}-source" }.OfType<string>());
        return Html.Of($"""
            <p class="field"><label for="{id}">{label}</label>{marks}<br>
            <input id="{id}" name="{field.Name()}.{language.Value}" value="{own?.Text ?? ""}" maxlength="{MediaLibrary.MaxTextLength}"{(describedBy.Length > 0 ? Html.Of($""" aria-describedby="{describedBy}" """) : Html.Empty)}>
            <input type="hidden" name="was.{field.Name()}.{language.Value}" value="{own?.Text ?? ""}">
            {(source is null ? Html.Empty : Html.Of($"""<br><span class="hint" id="{id}-source"><span lang="{text.Language.Value}" dir="{text.Dir}">{text.Original}:</span> <span lang="{item.OriginalLanguage.Value}" dir="{item.OriginalLanguage.HtmlDir}">{source.Text}</span></span>"""))}</p>
            """);
    }

    private static Html Files(HttpContext http, LibraryText text, MediaItem item, IReadOnlyList<LanguageTag> languages, bool manage)
    {
        var rows = item.Files.Select(file => Html.Of($"""
            <tr>
            <td><bdi dir="ltr">{file.Language.Value}</bdi>{(file.Language == item.OriginalLanguage ? Html.Of($" <span class=\"badge\">{text.Original}</span>") : Html.Empty)}</td>
            <td><a href="{MediaLinks.File(item, file)}" dir="auto">{file.FileName}</a></td>
            <td>{AdminMedia.FileLabel(file)} · {text.FileSize(file.Size)}{AdminMedia.Dimensions(file)}</td>
            <td>{(manage && file.Language != item.OriginalLanguage ? RemoveFile(http, text, item, file) : Html.Empty)}</td>
            </tr>
            """));
        var table = Html.Of($"""
            <div class="table-scroll">
            <table class="docs media-files">
            <thead><tr><th scope="col">{text.LanguageLabel}</th><th scope="col">{text.File}</th><th scope="col">{text.Type}</th><th scope="col"><span class="visually-hidden">{AdminText.Of(http).Actions}</span></th></tr></thead>
            <tbody>{Html.Join(rows)}</tbody>
            </table>
            </div>
            """);
        if (!manage)
        {
            return table;
        }

        var missing = languages.Where(l => item.Files.All(f => f.Language != l)).ToList();
        return Html.Of($"""
            {table}
            <form method="post" action="{AdminMedia.ItemPath(item.Id)}" enctype="multipart/form-data" class="variant-form">
            {AdminPage.AntiforgeryField(http)}
            <h3>{text.AddVariant}</h3>
            <p class="hint" id="variant-hint">{text.VariantHint}</p>
            <p class="field"><label for="variant-language">{text.LanguageLabel}</label><br>
            {AdminMedia.LanguageSelect("variant-language", "lang", languages, missing.FirstOrDefault() ?? item.OriginalLanguage, null)}</p>
            <p class="field"><label for="variant-file">{text.File}</label><br>
            <input id="variant-file" type="file" name="file" required aria-describedby="variant-hint"></p>
            <p class="actions"><button type="submit" name="action" value="file">{text.UploadButton}</button></p>
            </form>
            """);
    }

    private static Html RemoveFile(HttpContext http, LibraryText text, MediaItem item, MediaFile file) => Html.Of($"""
        <form method="post" action="{AdminMedia.ItemPath(item.Id)}">
        {AdminPage.AntiforgeryField(http)}<input type="hidden" name="lang" value="{file.Language.Value}">
        <button type="submit" name="action" value="remove-file" class="danger">{text.RemoveVariant(file.Language)}</button>
        </form>
        """);

    private static Html Uses(HttpContext http, LibraryText text, IReadOnlyList<MediaUse> uses)
    {
        if (uses.Count == 0)
        {
            return Html.Of($"""<p class="hint">{text.NotUsed}</p>""");
        }

        return Html.Of($"""
            <ul class="media-uses">
            {Html.Join(uses.Select(u => Html.Of($"""<li>{UseLink(u)} {UseState(text, u)}</li>""")))}
            </ul>
            """);
    }

    private static Html UseLink(MediaUse use) =>
        Html.Of($"""<a href="{AdminUi.EditPath(use.Slug, use.Language)}"><bdi>{use.Slug}</bdi> (<bdi dir="ltr">{use.Language.Value}</bdi>)</a>""");

    private static Html UseState(LibraryText text, MediaUse use)
    {
        var states = new List<string>();
        if (use.Public)
        {
            states.Add(text.UsePublic);
        }
        else if (use.Live)
        {
            states.Add(text.UseLive);
        }

        if (use.Working)
        {
            states.Add(text.UseWorking);
        }

        return Html.Of($"""<span class="hint">{string.Join(", ", states)}</span>""");
    }

    private static Html Delete(HttpContext http, LibraryText text, MediaItem item) => Html.Of($"""
        <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{text.DeleteItem}</h2>
        <form method="post" action="{AdminMedia.ItemPath(item.Id)}">
        {AdminPage.AntiforgeryField(http)}
        <p class="hint" id="delete-hint">{text.DeleteHint}</p>
        <p><button type="submit" name="action" value="delete" class="danger" aria-describedby="delete-hint">{text.DeleteItem}</button></p>
        </form>
        </section>
        """);

    private static async Task<IResult> ChangeAsync(HttpContext http, MediaLibrary library, SiteContext site, IOptions<Limits> limits, long id)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        var text = LibraryText.Of(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var here = AdminMedia.ItemPath(id);
        try
        {
            switch (form["action"].ToString())
            {
                case "texts":
                    var item = await library.FindAsync(id, http.RequestAborted);
                    var changed = ChangedTexts(form, item);
                    if (changed.Count > 0)
                    {
                        await library.SetTextsAsync(user, id, changed, http.RequestAborted);
                    }

                    return Results.Redirect(here + "?done=texts");
                case "focal":
                    if (!TryPercent(form["x"], out var x) || !TryPercent(form["y"], out var y))
                    {
                        return await PageAsync(http, library, site, user, id, null, Html.Of($"{text.FocalInvalid}"), StatusCodes.Status400BadRequest);
                    }

                    await library.SetFocalPointAsync(user, id, new FocalPoint(x / 100, y / 100), http.RequestAborted);
                    return Results.Redirect(here + "?done=focal");
                case "focal-clear":
                    await library.SetFocalPointAsync(user, id, null, http.RequestAborted);
                    return Results.Redirect(here + "?done=focal");
                case "file":
                    if (!LanguageTag.TryParse(form["lang"].ToString(), out var language))
                    {
                        return await PageAsync(http, library, site, user, id, null, Html.Of($"{text.ChooseLanguage}"), StatusCodes.Status400BadRequest);
                    }

                    if (form.Files.GetFile("file") is not { Length: > 0 } upload)
                    {
                        return await PageAsync(http, library, site, user, id, null, Html.Of($"{text.ChooseFiles}"), StatusCodes.Status400BadRequest);
                    }

                    await using (var body = upload.OpenReadStream())
                    {
                        using var spooled = await SpooledFile.SpoolAsync(body, upload.FileName, upload.ContentType, limits.Value.UploadBytes, cancellationToken: http.RequestAborted);
                        await library.SaveFileAsync(user, id, spooled, language, http.RequestAborted);
                    }

                    return Results.Redirect(here + "?done=file");
                case "remove-file":
                    if (!LanguageTag.TryParse(form["lang"].ToString(), out var variant))
                    {
                        return await PageAsync(http, library, site, user, id, null, Html.Of($"{text.ChooseLanguage}"), StatusCodes.Status400BadRequest);
                    }

                    await library.RemoveFileAsync(user, id, variant, http.RequestAborted);
                    return Results.Redirect(here + "?done=file-removed");
                case "delete":
                    var clock = http.RequestServices.GetRequiredService<TimeProvider>();
                    var uses = await library.Store.ListMediaUsesAsync(id, clock.GetUtcNow(), http.RequestAborted);
                    if (uses.Count > 0 && user.CanManageMedia())
                    {
                        // The core refuses too (and is what counts); this says it in the admin's language, with links.
                        return await PageAsync(http, library, site, user, id, null, Html.Of($"""
                            <p>{text.NotDeletedUsed}</p>
                            <ul>{Html.Join(uses.Select(u => Html.Of($"<li>{UseLink(u)}</li>")))}</ul>
                            """), StatusCodes.Status409Conflict);
                    }

                    await library.DeleteAsync(user, id, http.RequestAborted);
                    return Results.Redirect(AdminMedia.Path + "?done=deleted");
                default:
                    return AdminUi.Message(http, StatusCodes.Status400BadRequest, AdminText.Of(http).UnknownAction, here);
            }
        }
        catch (MediaException refusal) when (refusal.Kind == MediaErrorKind.NotFound)
        {
            return AdminUi.NotFound(http, text.NoSuchItem(id));
        }
        catch (MediaException refusal) when (refusal.Kind == MediaErrorKind.Forbidden)
        {
            return AdminUi.Forbidden(http, AdminText.CoreMessage(refusal.Message));
        }
        catch (MediaException refusal)
        {
            return await PageAsync(http, library, site, user, id, null, Html.Of($"<p>{AdminText.CoreMessage(refusal.Message)}</p>"), AdminMedia.StatusOf(refusal.Kind));
        }
    }

    // Fields named "alt.en-GB" whose value differs from the "was." value the page was drawn with.
    private static List<MediaText> ChangedTexts(IFormCollection form, MediaItem item)
    {
        var changed = new List<MediaText>();
        foreach (var key in form.Keys)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || key.StartsWith("was.", StringComparison.Ordinal)
                || !MediaNames.TryParseField(key[..dot], out var field) || !LanguageTag.TryParse(key[(dot + 1)..], out var language))
            {
                continue;
            }

            var value = form[key].ToString().Trim();
            var was = form.TryGetValue("was." + key, out var before) ? before.ToString().Trim() : item.TextIn(field, language)?.Text ?? "";
            if (value != was)
            {
                changed.Add(new MediaText(language, field, value));
            }
        }

        return changed;
    }

    private static bool TryPercent(string? value, out double percent) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out percent) && percent is >= 0 and <= 100;
}
