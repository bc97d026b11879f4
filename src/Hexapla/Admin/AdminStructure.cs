using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Sections;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// What the structure pages share (sections, kinds, menus, a document's place): the languages a title is asked in,
/// title inputs per language, reading them back from a form, and a refusal of <see cref="StructureEditor"/> shown on
/// the form it came from.
/// </summary>
internal static class AdminStructure
{
    /// <summary>The form field of a title in another language than those offered: its tag, then its text.</summary>
    public const string OtherLanguageSuffix = "-other-lang";

    /// <summary>The HTTP status for a refusal of the structure editor.</summary>
    public static int StatusOf(StructureErrorKind kind) => kind switch
    {
        StructureErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        StructureErrorKind.NotFound => StatusCodes.Status404NotFound,
        StructureErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>
    /// The languages a title is asked in: the site's default first, then the languages with published documents, then
    /// any a title already has (so none is lost from the form), then the user's own.
    /// </summary>
    public static async Task<IReadOnlyList<LanguageTag>> LanguagesAsync(SiteContext site, User user, IEnumerable<LanguageTag> present, CancellationToken cancellationToken)
    {
        var languages = new List<LanguageTag> { await site.DefaultLanguageAsync(cancellationToken) };
        foreach (var language in (await site.SiteLanguagesAsync(cancellationToken)).Concat(present.Order()).Concat(user.Languages))
        {
            if (!languages.Contains(language))
            {
                languages.Add(language);
            }
        }

        return languages;
    }

    /// <summary>
    /// A title for the admin's list: the one in the admin's language (any region), else the site's default, else any;
    /// marked with its language when it is not the admin's.
    /// </summary>
    public static Html Title(IReadOnlyDictionary<LanguageTag, string> titles, AdminText text, LanguageTag fallback, string otherwise)
    {
        var chosen = Choose(titles, text, fallback, otherwise);
        return chosen.Language is { } language && language.Language != text.Language.Language
            ? Html.Of($"""<span lang="{language.Value}" dir="{language.HtmlDir}">{chosen.Text}</span>""")
            : Html.Of($"<bdi>{chosen.Text}</bdi>");
    }

    /// <summary>The title <see cref="Title"/> shows, as plain text (for an option, which cannot hold markup).</summary>
    public static LocalText Choose(IReadOnlyDictionary<LanguageTag, string> titles, AdminText text, LanguageTag fallback, string otherwise)
    {
        var own = titles.Keys.Where(l => l.Language == text.Language.Language).Order().FirstOrDefault();
        return LocalText.Choose(titles, own ?? text.Language, fallback, otherwise);
    }

    /// <summary>
    /// One input per language for a title, label or name (<paramref name="name"/><c>.</c>tag), each marked with its
    /// language, and a pair for a language not offered. Inputs <paramref name="writable"/> says no to are shown read-only
    /// (a translator sees the other languages but writes only theirs). The invalid one, if any, points at the message.
    /// </summary>
    public static Html TitleInputs(
        string name, string legend, IReadOnlyList<LanguageTag> languages, IReadOnlyDictionary<string, string> values, AdminText text,
        string? invalid = null, Func<LanguageTag, bool>? writable = null, bool required = false)
    {
        var id = IdOf(name);
        var inputs = languages.Select(language =>
        {
            var field = $"{name}.{language.Value}";
            var mayWrite = writable?.Invoke(language) ?? true;
            // The core names a title "titles.ru-RU" (a label "fields.KEY.labels.ru-RU", which the kinds page maps to its row).
            var bad = invalid is not null && (invalid == field || invalid == $"{name}s.{language.Value}");
            return Html.Of($"""
                <p class="field">
                <label for="{id}-{language.Value}">{text.StructureInLanguage(language)}</label><br>
                <input id="{id}-{language.Value}" name="{field}" value="{values.GetValueOrDefault(field, "")}" maxlength="{StructureEditor.MaxTitleLength}" lang="{language.Value}" dir="{language.HtmlDir}"{Flags(!mayWrite, bad)}>
                </p>
                """);
        });
        var other = writable is null
            ? Html.Of($"""
                <p class="field inline-pair">
                <label for="{id}-other-lang">{text.StructureOtherLanguage}</label>
                <input id="{id}-other-lang" name="{name}{OtherLanguageSuffix}" value="{values.GetValueOrDefault(name + OtherLanguageSuffix, "")}" dir="ltr" maxlength="{LanguageTag.MaxLength}" autocomplete="off" size="10">
                <label for="{id}-other">{text.StructureOtherLanguageText}</label>
                <input id="{id}-other" name="{name}-other" value="{values.GetValueOrDefault(name + "-other", "")}" maxlength="{StructureEditor.MaxTitleLength}">
                </p>
                """)
            : Html.Empty;
        var hint = required ? Html.Of($"""<p class="hint">{text.StructureTitlesHint}</p>""") : Html.Empty;
        return Html.Of($"""
            <fieldset class="titles">
            <legend>{legend}</legend>
            {hint}
            {inputs}
            {other}
            </fieldset>
            """);
    }

    /// <summary>The stored titles as form values (<paramref name="name"/><c>.</c>tag).</summary>
    public static Dictionary<string, string> Values(string name, IReadOnlyDictionary<LanguageTag, string> titles) =>
        titles.ToDictionary(t => $"{name}.{t.Key.Value}", t => t.Value, StringComparer.Ordinal);

    /// <summary>
    /// The titles in a form: every <paramref name="name"/><c>.</c>tag field that names a language, and the pair for
    /// another language. A field whose language does not parse is refused naming it.
    /// </summary>
    public static Dictionary<LanguageTag, string> ReadTitles(IFormCollection form, string name)
    {
        var titles = new Dictionary<LanguageTag, string>();
        foreach (var key in form.Keys.Where(k => k.StartsWith(name + ".", StringComparison.Ordinal)))
        {
            var tag = key[(name.Length + 1)..];
            if (!LanguageTag.TryParse(tag, out var language))
            {
                throw new StructureException($"\"{tag}\" is not a language tag (e.g. \"ru-RU\").") { Field = key };
            }

            titles[language] = form[key].ToString();
        }

        var otherTag = form[name + OtherLanguageSuffix].ToString().Trim();
        var otherText = form[name + "-other"].ToString();
        if (otherTag.Length > 0 || otherText.Trim().Length > 0)
        {
            if (!LanguageTag.TryParse(otherTag, out var other))
            {
                throw new StructureException($"\"{otherTag}\" is not a language tag (e.g. \"fr-FR\"); give the tag of the title's language beside it.") { Field = name + OtherLanguageSuffix };
            }

            titles[other] = otherText;
        }

        return titles;
    }

    /// <summary>Every field of a form as typed, to put back in the form beside a refusal.</summary>
    public static Dictionary<string, string> Typed(IFormCollection form) =>
        form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);

    /// <summary>
    /// The message of a refusal at the top of its form: English (the core's words), marked so, with the id the invalid
    /// field's <c>aria-describedby</c> names.
    /// </summary>
    public static Html Error(string? message) => message is null
        ? Html.Empty
        : Html.Of($"""<p class="alert" role="alert" id="form-error">{AdminText.CoreMessage(message)}</p>""");

    /// <summary>The attributes of an input that is read-only or at fault (described by the message).</summary>
    public static Html Flags(bool readOnly, bool invalid) => Html.Of(
        $"""{(readOnly ? Html.Raw(" readonly") : Html.Empty)}{(invalid ? Html.Raw(" aria-invalid=\"true\" aria-describedby=\"form-error\"") : Html.Empty)}""");

    /// <summary>An id made of a form field's name: dots become hyphens.</summary>
    public static string IdOf(string name) => name.Replace('.', '-');

    /// <summary>
    /// The sections as options, indented by depth with the path beside the title; <paramref name="exclude"/> leaves out
    /// a section and all below it (where a section may not move).
    /// </summary>
    public static Html SectionOptions(SiteStructure structure, long? selected, AdminText text, LanguageTag fallback, long? exclude = null)
    {
        var excluded = exclude is { } id ? structure.SelfAndDescendants(id).ToHashSet() : [];
        var options = new List<Html>();
        void Walk(long? parent, int depth)
        {
            foreach (var section in structure.Children(parent))
            {
                if (excluded.Contains(section.Id))
                {
                    continue;
                }

                var title = Choose(section.Titles, text, fallback, section.Slug).Text;
                options.Add(Html.Of($"""<option value="{section.Id}"{(section.Id == selected ? Html.Raw(" selected") : Html.Empty)}>{new string('\u00a0', depth * 3)}{title} ({structure.PathOf(section.Id)})</option>"""));
                Walk(section.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return Html.Join(options);
    }

    /// <summary>A section id from a form: null for none (an empty choice), or the number.</summary>
    public static long? SectionId(string? value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The store of the structure, or null where the store keeps none.</summary>
    public static bool HasStructure(SiteContext site) => site.Store is Storage.IStructureStore;
}
