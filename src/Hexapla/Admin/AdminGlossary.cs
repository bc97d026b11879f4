using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Admin;

/// <summary>
/// <c>/admin/glossary?source=ru-RU&amp;target=en-GB</c>: a language pair's glossary. Everyone signed in reads it and
/// downloads it as CSV; editors and admins add, delete and import (a bad CSV is refused whole, naming the line).
/// </summary>
internal static partial class AdminGlossary
{
    /// <summary>The largest CSV accepted.</summary>
    public const int MaxCsvBytes = 512 * 1024;

    public static RouteGroupBuilder MapAdminGlossary(this RouteGroupBuilder admin)
    {
        admin.MapGet("/glossary", ShowAsync);
        admin.MapPost("/glossary", ChangeAsync).WithMetadata(TooLarge.Upload);
        admin.MapGet("/glossary/export", ExportAsync);
        return admin;
    }

    /// <summary>May change glossaries: editors and admins.</summary>
    public static bool MayEdit(User user) => user.Role is Role.Admin or Role.Editor;

    private static string PagePath(LanguageTag source, LanguageTag target) => $"/admin/glossary?source={source.Value}&target={target.Value}";

    private static async Task<IResult> ShowAsync(HttpContext http, IGlossaryStore glossary, string? source, string? target, string? done)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        return await PageAsync(http, glossary, user, source, target, done is null ? null : DoneNotice(AdminText.Of(http), done), null, StatusCodes.Status200OK);
    }

    // The notices this page's own redirects ask for; anything else someone typed says only that it is done.
    private static string DoneNotice(AdminText text, string done)
    {
        if (done == "term-saved")
        {
            return text.TermSaved;
        }

        if (done == "term-deleted")
        {
            return text.TermDeleted;
        }

        var imported = ImportedDone().Match(done);
        return imported.Success && int.TryParse(imported.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? text.ImportedTerms(count)
            : text.DoneNotice;
    }

    private static async Task<IResult> PageAsync(HttpContext http, IGlossaryStore glossary, User user, string? source, string? target, string? notice, Html? error, int status)
    {
        var text = AdminText.Of(http);
        var pair = Html.Of($"""
            <form method="get" action="/admin/glossary" class="filters">
            <label>{text.SourceLanguage} <input name="source" value="{source ?? ""}" placeholder="ru-RU" required dir="ltr"></label>
            <label>{text.TargetLanguage} <input name="target" value="{target ?? ""}" placeholder="en-GB" required dir="ltr"></label>
            <button type="submit">{text.Open}</button>
            </form>
            """);
        if (!LanguageTag.TryParse(source, out var from) || !LanguageTag.TryParse(target, out var to))
        {
            var hint = source is null && target is null
                ? Html.Of($"""<p class="hint">{text.ChooseLanguagePair}</p>""")
                : Html.Of($"""<p class="alert" role="alert">{text.GiveTwoTags}</p>""");
            return AdminPage.Render(http, text.Glossary, Html.Of($"""<h1>{text.Glossary}</h1>{pair}{hint}"""), source is null && target is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        }

        var terms = await glossary.ListGlossaryAsync(from, to, http.RequestAborted);
        var mayEdit = MayEdit(user);
        var rows = terms.Select(t => Html.Of($"""
            <tr><td lang="{from.Value}" dir="{from.HtmlDir}">{t.Term}</td><td lang="{to.Value}" dir="{to.HtmlDir}">{t.Translation}</td><td dir="auto">{t.Note ?? ""}</td><td>{(mayEdit ? Html.Of($"""<form method="post" action="{PagePath(from, to)}">{AdminPage.AntiforgeryField(http)}<input type="hidden" name="term" value="{t.Term}"><button type="submit" name="action" value="delete">{text.Delete}</button></form>""") : Html.Empty)}</td></tr>
            """));
        var editing = mayEdit
            ? Html.Of($"""
                <h2>{text.AddTerm}</h2>
                <form method="post" action="{PagePath(from, to)}">
                {AdminPage.AntiforgeryField(http)}
                <label>{text.Term} <input name="term" required lang="{from.Value}" dir="{from.HtmlDir}"></label>
                <label>{text.Translation} <input name="translation" required lang="{to.Value}" dir="{to.HtmlDir}"></label>
                <label>{text.Note} <input name="note" dir="auto"></label>
                <button type="submit" name="action" value="add">{text.Add}</button>
                </form>
                <h2>{text.ImportCsv}</h2>
                <form method="post" action="{PagePath(from, to)}" enctype="multipart/form-data">
                {AdminPage.AntiforgeryField(http)}
                <p class="hint" id="csv-hint">{text.CsvHint(Html.Of($"""<code dir="ltr">{GlossaryCsv.Header}</code>"""))}</p>
                <input type="file" name="file" accept=".csv,text/csv" required aria-label="{text.ImportCsv}" aria-describedby="csv-hint">
                <button type="submit" name="action" value="import">{text.Import}</button>
                </form>
                """)
            : Html.Empty;
        var message = Html.Of($"""{(notice is null ? Html.Empty : Html.Of($"""<p class="ok" role="status">{notice}</p>"""))}{(error is not { } fault ? Html.Empty : Html.Of($"""<p class="alert" role="alert">{fault}</p>"""))}""");
        return AdminPage.Render(http, text.GlossaryPairTitle(from, to), Html.Of($"""
            <h1>{text.GlossaryPair(from, to)}</h1>
            {pair}
            {message}
            <p><a href="/admin/glossary/export?source={from.Value}&target={to.Value}" download>{text.DownloadCsv}</a></p>
            <table class="glossary">
            <thead><tr><th scope="col">{text.Term}</th><th scope="col">{text.Translation}</th><th scope="col">{text.Note}</th><th scope="col"><span class="visually-hidden">{text.Actions}</span></th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            {editing}
            """), status);
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, IGlossaryStore glossary, string? source, string? target)
    {
        if (await http.CurrentUserAsync() is not { } user)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!MayEdit(user))
        {
            return AdminUi.Forbidden(http, AdminText.Of(http).MayNotChangeGlossaries(user.Name, user.Role));
        }

        if (!LanguageTag.TryParse(source, out var from) || !LanguageTag.TryParse(target, out var to))
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, AdminText.Of(http).GiveTwoTags, "/admin/glossary");
        }

        var words = AdminText.Of(http);

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var term = form["term"].ToString().Trim();
        switch (form["action"].ToString())
        {
            case "add":
                var translation = form["translation"].ToString().Trim();
                if (term.Length == 0 || translation.Length == 0)
                {
                    return await PageAsync(http, glossary, user, source, target, null, Html.Of($"{words.TermAndTranslationRequired}"), StatusCodes.Status400BadRequest);
                }

                var note = form["note"].ToString().Trim();
                GlossaryTerm entry;
                try
                {
                    entry = new GlossaryTerm(
                        EnteringText.Accept(term, "term"), EnteringText.Accept(translation, "translation"), note.Length == 0 ? null : EnteringText.Accept(note, "note"));
                }
                catch (TextRefusedException refused)
                {
                    return await PageAsync(http, glossary, user, source, target, null, words.TextRefused(refused.Fault.ToString()), StatusCodes.Status400BadRequest);
                }

                await glossary.UpsertGlossaryTermAsync(from, to, entry, http.RequestAborted);
                return Results.Redirect(PagePath(from, to) + "&done=term-saved");
            case "delete":
                await glossary.DeleteGlossaryTermAsync(from, to, term, http.RequestAborted);
                return Results.Redirect(PagePath(from, to) + "&done=term-deleted");
            case "import":
                if (form.Files.GetFile("file") is not { } file || file.Length == 0)
                {
                    return await PageAsync(http, glossary, user, source, target, null, Html.Of($"{words.ChooseCsv}"), StatusCodes.Status400BadRequest);
                }

                if (file.Length > MaxCsvBytes)
                {
                    return await PageAsync(http, glossary, user, source, target, null, words.CsvTooLarge(file.FileName, MaxCsvBytes / 1024), StatusCodes.Status400BadRequest);
                }

                string text;
                using (var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, true)))
                {
                    try
                    {
                        text = await reader.ReadToEndAsync(http.RequestAborted);
                    }
                    catch (DecoderFallbackException)
                    {
                        return await PageAsync(http, glossary, user, source, target, null, words.CsvNotUtf8(file.FileName), StatusCodes.Status400BadRequest);
                    }
                }

                IReadOnlyList<GlossaryTerm> terms;
                try
                {
                    terms = GlossaryCsv.Parse(text);
                }
                catch (GlossaryCsvException bad)
                {
                    return await PageAsync(http, glossary, user, source, target, null, words.CsvRefused(file.FileName, bad.Message), StatusCodes.Status400BadRequest);
                }

                await glossary.ImportGlossaryAsync(from, to, terms, http.RequestAborted);
                return Results.Redirect(PagePath(from, to) + $"&done=imported-{terms.Count}-terms");
            default:
                return AdminUi.Message(http, StatusCodes.Status400BadRequest, words.UnknownAction, PagePath(from, to));
        }
    }

    private static async Task<IResult> ExportAsync(HttpContext http, IGlossaryStore glossary, string? source, string? target)
    {
        if (await http.CurrentUserAsync() is null)
        {
            return Results.Redirect(AdminAuth.LoginPath);
        }

        if (!LanguageTag.TryParse(source, out var from) || !LanguageTag.TryParse(target, out var to))
        {
            return AdminUi.Message(http, StatusCodes.Status400BadRequest, AdminText.Of(http).GiveTwoTags, "/admin/glossary");
        }

        var csv = GlossaryCsv.Write(await glossary.ListGlossaryAsync(from, to, http.RequestAborted));
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"glossary-{from.Value}-{to.Value}.csv");
    }

    [GeneratedRegex("^imported-([0-9]{1,9})-terms$")]
    private static partial Regex ImportedDone();
}
