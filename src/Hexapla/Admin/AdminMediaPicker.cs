using System.Globalization;
using System.Text;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;
using Hexapla.Storage;

namespace Hexapla.Admin;

/// <summary>
/// "Insert media" in the Markdown editors: a button (shown by admin.js) opening a dialog that searches the library
/// (<c>GET /admin/media/pick?q=&amp;lang=</c>, a list fragment) and puts <c>![](media:ID)</c> for an image or
/// <c>[title](media:ID)</c> for a file where the cursor is. Without script the library link stays, and each item's page
/// shows the reference to copy.
/// </summary>
internal static class AdminMediaPicker
{
    /// <summary>Items the picker lists at once.</summary>
    public const int Size = 20;

    public static RouteGroupBuilder MapAdminMediaPicker(this RouteGroupBuilder admin)
    {
        admin.MapGet("/media/pick", PickAsync);
        return admin;
    }

    /// <summary>
    /// The button, the library link and the dialog, for the textarea <paramref name="textareaId"/> whose text is in
    /// <paramref name="language"/> (titles are offered in it when the item has one); null when not yet known.
    /// </summary>
    public static Html Button(HttpContext http, string textareaId, LanguageTag? language)
    {
        var text = LibraryText.Of(http);
        return Html.Of($"""
            <p class="media-insert">
            <button type="button" data-media-picker="{textareaId}" data-lang="{language?.Value ?? ""}" aria-haspopup="dialog" hidden>{text.InsertMedia}</button>
            <a href="{AdminMedia.Path}" target="_blank" rel="noopener">{text.OpenLibrary}</a>
            </p>
            <dialog class="media-picker" id="{textareaId}-media-picker" aria-labelledby="{textareaId}-media-picker-heading">
            <h2 id="{textareaId}-media-picker-heading">{text.InsertMedia}</h2>
            <p class="field"><label for="{textareaId}-media-picker-q">{text.Search}</label><br>
            <input id="{textareaId}-media-picker-q" type="search" data-picker-query dir="auto" autocomplete="off"></p>
            <div data-picker-results aria-live="polite"></div>
            <p class="actions"><button type="button" data-picker-close>{text.Close}</button></p>
            </dialog>
            """);
    }

    private static async Task<IResult> PickAsync(HttpContext http, IMediaStore store, string? q, string? lang)
    {
        if (await http.CurrentUserAsync() is null)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        var text = LibraryText.Of(http);
        var query = (q ?? "").Trim();
        var found = await store.ListMediaAsync(new MediaFilter(query.Length == 0 ? null : query, null, null, 0, Size), http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        if (found.Items.Count == 0)
        {
            return Results.Content(Html.Of($"""<p class="hint">{text.NothingMatches}</p>""").Value, "text/html; charset=utf-8");
        }

        var language = LanguageTag.TryParse(lang, out var l) ? l : null;
        var items = found.Items.Select(item =>
        {
            var title = item.TextFor(MediaField.Title, language ?? item.OriginalLanguage);
            var name = title?.Text ?? item.Original.FileName;
            var insert = item.Kind == MediaKind.Image
                ? string.Create(CultureInfo.InvariantCulture, $"![](media:{item.Id})")
                : string.Create(CultureInfo.InvariantCulture, $"[{EscapeLinkText(name)}](media:{item.Id})");
            return Html.Of($"""
                <li>
                {AdminMedia.Thumbnail(text, item)}
                <span class="picker-title"{AdminMedia.TitleLang(title, language ?? item.OriginalLanguage)}>{name}</span>
                <span class="hint">{text.KindLabel(item)} · <span dir="ltr">media:{item.Id.ToString(CultureInfo.InvariantCulture)}</span></span>
                <button type="button" data-insert="{insert}">{text.InsertThis(name, AdminMedia.TitleLang(title, language ?? item.OriginalLanguage))}</button>
                </li>
                """);
        });
        return Results.Content(Html.Of($"""<ul class="picker-list">{Html.Join(items)}</ul>""").Value, "text/html; charset=utf-8");
    }

    /// <summary>A title as Markdown link text: the characters that would end the link or start markup are escaped.</summary>
    public static string EscapeLinkText(string title)
    {
        var result = new StringBuilder(title.Length);
        foreach (var c in title)
        {
            if (c is '\\' or '[' or ']' or '*' or '_' or '`' or '<' or '!')
            {
                result.Append('\\');
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
