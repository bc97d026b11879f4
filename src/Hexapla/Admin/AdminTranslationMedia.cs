using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;
using Hexapla.Translation;
using Hexapla.Translation.MachineTranslation;

namespace Hexapla.Admin;

/// <summary>
/// The media block of a translation's screen (<c>/admin/documents/{slug}/translate?lang=</c>, which is the
/// translation's editor): for each image and file the original uses, its title, alt text and caption in the original
/// beside fields for the translation's language, outdated and machine texts marked; saved through the media library.
/// </summary>
/// <remarks>
/// Only a field whose text was changed is saved, so pressing Save for one caption never makes another outdated text
/// look current; an outdated or machine text the translator finds still right is confirmed with its own checkbox.
/// An emptied field removes that translation (pages then fall back to the original's, marked with its language).
/// </remarks>
internal static class AdminTranslationMedia
{
    public static RouteGroupBuilder MapAdminTranslationMedia(this RouteGroupBuilder admin)
    {
        admin.MapPost("/documents/{slug}/{lang}/media-texts", SaveAsync);
        admin.MapGet("/translations/missing-alt", AdminMissingAlt.ShowAsync);
        return admin;
    }

    /// <summary>Works out the block for the editor page of a translation and keeps it for <see cref="Render"/>.</summary>
    public static async Task PrepareAsync(HttpContext http, User user, Document document, LanguageTag language, string? media)
    {
        if (language == document.OriginalLanguage || !user.CanEdit(document.OriginalLanguage, language))
        {
            return;
        }

        var newsroom = http.RequestServices.GetRequiredService<Newsroom>();
        var items = await newsroom.MediaUsedAsync(document, http.RequestAborted);
        var segments = MediaSegments.Of(items.Where(i => user.CanEditMediaText(i.OriginalLanguage, language)), document.OriginalLanguage, language);
        if (segments.Count == 0)
        {
            return;
        }

        var machine = http.RequestServices.GetService<IMachineTranslator>() is not null;
        http.Items[typeof(AdminTranslationMedia)] = Build(http, document, language, segments, machine, media);
    }

    /// <summary>The block <see cref="PrepareAsync"/> worked out for this request, or nothing.</summary>
    public static Html Render(HttpContext http) =>
        http.Items.TryGetValue(typeof(AdminTranslationMedia), out var section) && section is Html html ? html : Html.Empty;

    private static string Path(string slug, LanguageTag language) => $"{AdminUi.EditPath(slug, language)}/media-texts";

    private static Html Build(HttpContext http, Document document, LanguageTag language, IReadOnlyList<MediaSegment> segments, bool machine, string? media)
    {
        var text = AdminText.Of(http);
        var notice = media switch
        {
            "saved" => Html.Of($"""<p class="ok" role="status">{text.MediaTextsSaved}</p>"""),
            "machine" => Html.Of($"""<p class="ok" role="status">{text.MediaTextsFilledByMachine}</p>"""),
            _ => Html.Empty,
        };
        var items = segments.GroupBy(s => s.Item.Id).Select(group =>
        {
            var item = group.First().Item;
            var fields = group.Select(segment => Field(text, language, segment));
            return Html.Of($"""
                <fieldset class="media-item" data-media-id="{item.Id}">
                <legend>{(item.Kind == MediaKind.Image ? text.MediaTextsImage(item.Id) : text.MediaTextsFile(item.Id))} <bdi dir="auto">{item.Original.FileName}</bdi></legend>
                {fields}
                </fieldset>
                """);
        });
        var machineButton = machine && segments.Any(s => s.Target is null)
            ? Html.Of($"""<button type="submit" name="action" value="machine" formnovalidate>{text.MediaTextsFillByMachine}</button>""")
            : Html.Empty;
        return Html.Of($"""
            <section class="media-texts" aria-labelledby="media-texts-heading">
            <h2 id="media-texts-heading">{text.MediaTextsHeading}</h2>
            <p class="hint">{text.MediaTextsHint}</p>
            {notice}
            <form method="post" action="{Path(document.Slug, language)}">
            {AdminPage.AntiforgeryField(http)}
            {items}
            <p class="actions">
            <button class="primary" type="submit" name="action" value="save">{text.MediaTextsSave}</button>
            {machineButton}
            </p>
            </form>
            </section>
            """);
    }

    private static Html Field(AdminText text, LanguageTag language, MediaSegment segment)
    {
        var id = segment.UnitId;
        var label = FieldName(text, segment.Field);
        var source = segment.Source.Language;
        var state = segment.State switch
        {
            MediaTextState.Missing => Html.Of($"""<span class="badge state-missing">{text.MediaTextsMissing}</span>"""),
            MediaTextState.Outdated => Html.Of($"""<span class="badge state-outdated">{text.MediaTextsOutdated}</span>"""),
            _ => Html.Empty,
        };
        var machine = segment.Target is { Machine: true }
            ? Html.Of($"""<span class="badge machine">{text.MediaTextsMachine}</span>""")
            : Html.Empty;
        // An outdated or machine text may be right as it is: confirming it says so without retyping it.
        var confirm = segment.State == MediaTextState.Outdated || segment.Target is { Machine: true }
            ? Html.Of($"""
                <br><label><input type="checkbox" name="confirm" value="{id}"> {text.MediaTextsConfirm}</label>
                """)
            : Html.Empty;
        return Html.Of($"""
            <div class="media-text" data-field="{segment.Field.Name()}" data-state="{segment.State.ToString().ToLowerInvariant()}">
            <p class="original"><span class="label">{label} · <bdi dir="ltr">{source.Value}</bdi></span><br>
            <span lang="{source.Value}" dir="{source.HtmlDir}">{segment.Source.Text}</span></p>
            <p class="field">
            <label for="{id}">{label} · <bdi dir="ltr">{language.Value}</bdi></label> {state}{machine}<br>
            <input id="{id}" name="{id}" value="{segment.Target?.Text ?? ""}" maxlength="{MediaLibrary.MaxTextLength}" lang="{language.Value}" dir="{language.HtmlDir}">
            <input type="hidden" name="was-{id}" value="{segment.Target?.Text ?? ""}">
            {confirm}
            </p>
            </div>
            """);
    }

    /// <summary>The name of a field in the admin's language.</summary>
    public static string FieldName(AdminText text, MediaField field) => field switch
    {
        MediaField.Alt => text.MediaTextsFieldAlt,
        MediaField.Caption => text.MediaTextsFieldCaption,
        _ => text.MediaTextsFieldTitle,
    };

    private static async Task<IResult> SaveAsync(HttpContext http, SiteContext site, Newsroom newsroom, MediaLibrary library, string slug, string lang)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!LanguageTag.TryParse(lang, out var language))
        {
            return AdminUi.NotFound(http, EditorText.Of(http).NotALanguageTag(lang));
        }

        if (!Slug.IsValid(slug) || await site.Store.FindDocumentAsync(slug, http.RequestAborted) is not { } document)
        {
            return AdminUi.NotFound(http, EditorText.Of(http).NoDocument(slug));
        }

        var back = AdminUi.EditPath(slug, language);
        if (!user.CanEdit(document.OriginalLanguage, language) || language == document.OriginalLanguage)
        {
            return AdminUi.Forbidden(http, EditorText.Of(http).MayNotWorkOn(user, slug, language));
        }

        if (!http.Request.HasFormContentType)
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, AdminText.Of(http).UploadWithForm, back);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            if (form["action"] == "machine")
            {
                if (http.RequestServices.GetService<IMachineTranslator>() is not { } translator)
                {
                    return AdminUi.Message(http, StatusCodes.Status400BadRequest, AdminText.Of(http).MachineNotConfigured, back);
                }

                _ = await newsroom.FillMediaTextsByMachineAsync(user, slug, language, translator, http.RequestAborted);
                return Results.Redirect($"{back}?media=machine#media-texts-heading");
            }

            var confirmed = form["confirm"].Select(v => v ?? "").ToHashSet(StringComparer.Ordinal);
            var items = await newsroom.MediaUsedAsync(document, http.RequestAborted);
            var changes = new Dictionary<long, List<MediaText>>();
            foreach (var segment in MediaSegments.Of(items, document.OriginalLanguage, language))
            {
                var id = segment.UnitId;
                if (!form.TryGetValue(id, out var posted))
                {
                    continue;
                }

                var value = (posted.ToString() ?? "").Trim();
                var was = (form[$"was-{id}"].ToString() ?? "").Trim();
                var current = segment.Target?.Text ?? "";
                // Saved when the translator changed it, or confirmed an outdated or machine text as it is.
                var changed = value != was && value != current;
                if (!changed && !(confirmed.Contains(id) && value.Length > 0 && value == current))
                {
                    continue;
                }

                if (!changes.TryGetValue(segment.Item.Id, out var list))
                {
                    changes[segment.Item.Id] = list = [];
                }

                list.Add(new MediaText(language, segment.Field, value, UpdatedBy: user.Name));
            }

            foreach (var (id, texts) in changes)
            {
                _ = await library.SetTextsAsync(user, id, texts, http.RequestAborted);
            }

            return Results.Redirect($"{back}?media=saved#media-texts-heading");
        }
        catch (MediaException e)
        {
            return AdminUi.Message(http, e.Kind == MediaErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest,
                Html.Of($"""<span lang="en" dir="ltr">{e.Message}</span>"""), back);
        }
        catch (EditorialException e)
        {
            return AdminUi.Refusal(http, e, back);
        }
        catch (MachineTranslationException e)
        {
            return AdminUi.Message(http, StatusCodes.Status502BadGateway, Html.Of($"""<span lang="en" dir="ltr">{e.Message}</span>"""), back);
        }
    }
}
