using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/translations/missing-alt</c>: the public pages showing an image with no alt text in the page's language,
/// so readers get the original's alt text (marked with its language) or none at all. An image whose Markdown gives its
/// own alt text (<c>![Words](media:ID)</c>) is not missing one. Translators see their own languages.
/// </summary>
internal static class AdminMissingAlt
{
    /// <summary>One image on one public page lacking alt text in the page's language.</summary>
    private sealed record Gap(Document Document, LanguageVersion Version, MediaItem Item, MediaText? Shown);

    public static async Task<IResult> ShowAsync(HttpContext http, SiteContext site, ITranslationStatusStore store, IMediaStore media)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        var now = site.Now;
        var pages = new List<(Document Document, LanguageVersion Version, IReadOnlyList<long> Images)>();
        foreach (var document in await store.ListAllDocumentsAsync(http.RequestAborted))
        {
            // What readers get: the live text of each public version (a working copy is not on the page yet).
            foreach (var version in document.PublishedVersions(now))
            {
                if (user.Role == Role.Translator && !user.Languages.Contains(version.Language))
                {
                    continue;
                }

                var images = MediaSegments.ImagesTakingAltFromItem(version.Body);
                if (images.Count > 0)
                {
                    pages.Add((document, version, images));
                }
            }
        }

        var items = await media.FindMediaAsync([.. pages.SelectMany(p => p.Images).Distinct()], http.RequestAborted);
        var gaps = new List<Gap>();
        foreach (var (document, version, images) in pages)
        {
            foreach (var id in images)
            {
                if (items.TryGetValue(id, out var item) && item.Kind == MediaKind.Image && item.TextIn(MediaField.Alt, version.Language) is null)
                {
                    gaps.Add(new Gap(document, version, item, item.TextFor(MediaField.Alt, version.Language)));
                }
            }
        }

        var text = AdminText.Of(http);
        var rows = gaps.Select(gap => Row(text, user, gap));
        var body = gaps.Count == 0
            ? Html.Of($"""<p class="ok" role="status">{text.MissingAltNone}</p>""")
            : Html.Of($"""
                <table class="missing-alt">
                <thead><tr><th scope="col">{text.MissingAltPage}</th><th scope="col">{text.MissingAltImage}</th><th scope="col">{text.MissingAltShown}</th><th scope="col"><span class="visually-hidden">{text.MissingAltAction}</span></th></tr></thead>
                <tbody>{rows}</tbody>
                </table>
                """);
        return AdminPage.Render(http, text.MissingAltTitle, Html.Of($"""
            <h1>{text.MissingAltTitle}</h1>
            <p class="hint">{text.MissingAltIntro}</p>
            {body}
            """));
    }

    private static Html Row(AdminText text, User user, Gap gap)
    {
        var language = gap.Version.Language;
        var shown = gap.Shown is { } fallback
            ? Html.Of($"""<span lang="{fallback.Language.Value}" dir="{fallback.Language.HtmlDir}">{fallback.Text}</span> <bdi dir="ltr" class="hint">({fallback.Language.Value})</bdi>""")
            : Html.Of($"""<span class="badge state-missing">{text.MissingAltNothing}</span>""");
        var action = user.CanEditMediaText(gap.Item.OriginalLanguage, language) && language != gap.Item.OriginalLanguage && user.CanEdit(gap.Document.OriginalLanguage, language)
            ? Html.Of($"""<a href="{AdminUi.EditPath(gap.Document.Slug, language)}#media-texts-heading">{text.MissingAltTranslate}</a>""")
            : Html.Empty;
        return Html.Of($"""
            <tr data-slug="{gap.Document.Slug}" data-language="{language.Value}" data-media-id="{gap.Item.Id}">
            <td><a href="{SiteContext.DocumentPath(language, gap.Document.Slug)}" lang="{language.Value}" dir="{language.HtmlDir}">{gap.Version.Title}</a> <bdi dir="ltr" class="hint">{language.Value}</bdi></td>
            <td>{text.MediaTextsImage(gap.Item.Id)} <bdi dir="auto">{gap.Item.Original.FileName}</bdi></td>
            <td>{shown}</td>
            <td>{action}</td>
            </tr>
            """);
    }
}
