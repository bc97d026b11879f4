using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Interface;
using Hexapla.Languages;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// The words of the admin's frame and general pages, in the admin's interface language
/// (<see cref="AdminLanguage.Of"/>), read from <c>Admin/Text/AdminText.*.resx</c>. The state names, the refusal titles,
/// Back and the paging words are public here so the editorial pages (their own set, <c>EditorText</c>) say them the
/// same way.
/// </summary>
internal sealed partial class AdminText : InterfaceText
{
    private static readonly ResourceManager Resources = new("Hexapla.Admin.Text.AdminText", typeof(AdminText).Assembly);
    private static readonly ConcurrentDictionary<string, AdminText> Sets = new(StringComparer.Ordinal);

    private AdminText(LanguageTag language)
        : base(Resources, language)
    {
    }

    /// <summary>The English set: the neutral resource, for callers without a request.</summary>
    public static AdminText English => For(InterfaceLanguages.All[0]);

    /// <summary>The set of an interface language (one of <see cref="InterfaceLanguages.All"/>).</summary>
    public static AdminText For(LanguageTag language) => Sets.GetOrAdd(language.Value, _ => new AdminText(language));

    /// <summary>The set of this request's admin language.</summary>
    public static AdminText Of(HttpContext http) => For(AdminLanguage.Of(http));

    // The frame
    public string Brand => Phrase();
    public string NavLabel => Phrase();
    public string NavDocuments => Phrase();
    public string NavMyWork => Phrase();
    public string NavTranslations => Phrase();
    public string NavReleases => Phrase();
    public string NavNewDocument => Phrase();
    public string NavAuditLog => Phrase();
    public string NavUsers => Phrase();
    public string LogOut => Phrase();
    public string InterfaceLanguage => Phrase();
    public string ChangeLanguage => Phrase();
    public string SkipToContent => Phrase();

    /// <summary>The document title: "Documents · Hexapla admin".</summary>
    public string PageTitle(string title) => Format(nameof(PageTitle), title);

    /// <summary>"Signed in as ed (editor)", the name isolated.</summary>
    public Html SignedInAs(string name, Role role) => Markup(nameof(SignedInAs), Html.Of($"<bdi>{name}</bdi>"), Html.Of($"{RoleLabel(role)}"));

    public string NotAnInterfaceLanguage(string value) => Format(nameof(NotAnInterfaceLanguage), value);

    // Refusals and shared words
    public string NotAllowed => Phrase();
    public string NotFound => Phrase();
    public string ChangedMeanwhile => Phrase();
    public string NotDone => Phrase();
    public string Back => Phrase();
    public string Save => Phrase();
    public string Cancel => Phrase();
    public string Delete => Phrase();
    public string Preview => Phrase();
    public string Newer => Phrase();
    public string Older => Phrase();
    public string Pages => Phrase();
    public string NoText => Phrase();
    public string UnknownAction => Phrase();
    public string FormExpiredTitle => Phrase();
    public string FormExpiredHeading => Phrase();
    public string FormExpiredText => Phrase();
    public string Outdated => Phrase();
    public string Missing => Phrase();
    public string Actions => Phrase();

    /// <summary>"Page 3", the number in the language's digits.</summary>
    public string PageNumber(int page) => Format(nameof(PageNumber), Number(page));

    /// <summary>"ed (editor) may not create documents." and the like: the user isolated, the role in this language.</summary>
    public Html MayNot(string key, string user, Role role, params Html[] more) =>
        Markup(key, [Html.Of($"<bdi>{user}</bdi>"), Html.Of($"{RoleLabel(role)}"), .. more]);

    /// <summary>A message of the core (English) inside a sentence of this language: marked as English, isolated.</summary>
    public static Html CoreMessage(string message) => Html.Of($"""<span lang="en" dir="ltr">{message}</span>""");

    // States
    /// <summary>A version state's name as a badge says it: "draft", "in review", "approved", "published", "unpublished".</summary>
    public string StateName(VersionState state) => Get("State_" + state.Name());

    /// <summary>"embargoed until 2026-12-06 18:54 UTC", the time already written (see <see cref="Utc"/>).</summary>
    public string EmbargoedUntil(string until) => Format(nameof(EmbargoedUntil), until);

    /// <summary>The badge's tooltip: "Published from …".</summary>
    public string PublishedFrom(string until) => Format(nameof(PublishedFrom), until);

    /// <summary>A role as people read it: "administrator"… (the API and the audit keep <see cref="AdminAuth.RoleName"/>).</summary>
    public string RoleLabel(Role role) => Get("Role_" + AdminAuth.RoleName(role));

    /// <summary>A time as the admin shows it, <c>2026-12-06 18:54 UTC</c>, in the language's digits.</summary>
    public string Utc(DateTimeOffset time) => LocalDigits(AdminUi.Utc(time));

    /// <summary>A time in the site's zone (<see cref="AdminUi.InZone"/>), in the language's digits.</summary>
    public string InZone(DateTimeOffset time, TimeZoneInfo zone) => LocalDigits(AdminUi.InZone(time, zone));

    /// <summary>A day, <c>2026-12-06</c>, in the language's digits.</summary>
    public string Day(DateTimeOffset time) => LocalDigits(time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A percentage as the language writes it: "85 %" (fr, with a no-break space), "85%" (en, zh), "٨٥٪" (ar).</summary>
    public string Percent(int value) => Format(nameof(Percent), Number(value));

    // Login
    public string LogIn => Phrase();
    public string Name => Phrase();
    public string Password => Phrase();
    public string EnterNameAndPassword => Phrase();
    public string WrongLogin => Phrase();

    public string TooManyLogins(int minutes) => Plural(nameof(TooManyLogins), minutes);

    // Documents
    public string Documents => Phrase();
    public string NewDocument => Phrase();
    public string LanguageHeading => Phrase();
    public string State => Phrase();
    public string AnyState => Phrase();
    public string TitleContains => Phrase();
    public string Filter => Phrase();
    public string FilterDocuments => Phrase();
    public string NoDocumentsMatch => Phrase();
    public string SlugHeading => Phrase();
    public string Original => Phrase();
    public string Versions => Phrase();
    public string Changed => Phrase();

    public string DocumentCount(long n) => Plural(nameof(DocumentCount), n);

    /// <summary>A revision's short mark in a list: "r5".</summary>
    public string RevisionShort(int revision) => Format(nameof(RevisionShort), Number(revision));

    // Users
    public string Users => Phrase();
    public Html UsersHelp(Html add, Html passwd, Html token) => Markup(nameof(UsersHelp), add, passwd, token);
    public string RoleHeading => Phrase();
    public string Languages => Phrase();
    public string ActiveTokens => Phrase();
    public string UserDisabled => Phrase();
    public string UserActive => Phrase();
    public string Enable => Phrase();
    public string Disable => Phrase();
    public string CannotDisableYourself => Phrase();
    public string OnlyAdminsManageUsers => Phrase();
    public Html NoSuchUser(string name) => Markup(nameof(NoSuchUser), Html.Of($"<bdi>{name}</bdi>"));

    // Audit
    public string AuditLog => Phrase();
    public string When => Phrase();
    public string Who => Phrase();
    public string What => Phrase();
    public string Target => Phrase();
    public string Detail => Phrase();

    // Glossary
    public string Glossary => Phrase();
    public string SourceLanguage => Phrase();
    public string TargetLanguage => Phrase();
    public string Open => Phrase();
    public string ChooseLanguagePair => Phrase();
    public string GiveTwoTags => Phrase();
    public string AddTerm => Phrase();
    public string Term => Phrase();
    public string Translation => Phrase();
    public string Note => Phrase();
    public string Add => Phrase();
    public string ImportCsv => Phrase();
    public string Import => Phrase();
    public string DownloadCsv => Phrase();
    public string TermAndTranslationRequired => Phrase();
    public string ChooseCsv => Phrase();
    public string TermSaved => Phrase();
    public string TermDeleted => Phrase();
    public string DoneNotice => Phrase();
    public Html MayNotChangeGlossaries(string user, Role role) => MayNot(nameof(MayNotChangeGlossaries), user, role);

    /// <summary>"Glossary ru-RU → en-GB", the tags isolated.</summary>
    public Html GlossaryPair(LanguageTag source, LanguageTag target) => Markup(nameof(GlossaryPair), Tag(source), Tag(target));

    /// <summary>The same as plain text, for the document title.</summary>
    public string GlossaryPairTitle(LanguageTag source, LanguageTag target) => Format(nameof(GlossaryPair), source.Value, target.Value);

    public Html CsvHint(Html header) => Markup(nameof(CsvHint), header);

    public string ImportedTerms(long n) => Plural(nameof(ImportedTerms), n);

    public Html CsvTooLarge(string file, int kib) => Markup(nameof(CsvTooLarge), Html.Of($"<bdi>{file}</bdi>"), Html.Of($"{Number(kib)}"));

    public Html CsvNotUtf8(string file) => Markup(nameof(CsvNotUtf8), Html.Of($"<bdi>{file}</bdi>"));

    /// <summary>A bad CSV: the file, then the parser's (English) message.</summary>
    public Html CsvRefused(string file, string message) => Markup(nameof(CsvRefused), Html.Of($"<bdi>{file}</bdi>"), CoreMessage(message));

    /// <summary>A term, translation or note refused for a character: the (English) fault.</summary>
    public Html TextRefused(string fault) => Markup(nameof(TextRefused), CoreMessage(fault));

    // Translation memory
    public string TranslationMemory => Phrase();
    public string MemoryHint => Phrase();
    public string Insert => Phrase();

    public string SegmentNumber(string id) => Format(nameof(SegmentNumber), id);

    // Machine translation
    public string MachineTranslation => Phrase();
    public string MachineCheckNote => Phrase();
    public string MachineHint => Phrase();
    public string MachineConfirm => Phrase();
    public string MachinePrefill => Phrase();
    public string MachinePrefillHint => Phrase();
    public string MachineNotConfigured => Phrase();
    public string MachineChangedMeanwhile => Phrase();
    public Html MachineFailed(string message) => Markup(nameof(MachineFailed), CoreMessage(message));

    // XLIFF
    public string Xliff => Phrase();
    public string DownloadXliff => Phrase();
    public string XliffToolsHint => Phrase();
    public string UploadXliff => Phrase();
    public string UploadXliffHint => Phrase();
    public string Upload => Phrase();
    public string UploadWithForm => Phrase();
    public string ChooseXliff => Phrase();
    public string XliffNotImported => Phrase();
    public string BackToVersion => Phrase();

    /// <summary>"Nothing was changed: x.xlf has 3 problems."; <c>{0}</c> the count, <c>{1}</c> the file.</summary>
    public Html XliffProblems(string file, int count) => PluralMarkup(nameof(XliffProblems), count, Html.Of($"<bdi>{file}</bdi>"));

    public string XliffImported => Phrase();

    /// <summary>"7 of 9 units taken from the file."; the plural follows the total, <c>{0}</c>; <c>{1}</c> the units taken.</summary>
    public string XliffTaken(int taken, int total) => Plural(nameof(XliffTaken), total, Number(taken));

    /// <summary>The units left because their targets are still <c>initial</c>: <c>{0}</c> the count, <c>{1}</c> their ids.</summary>
    public Html XliffLeftInitial(IReadOnlyCollection<string> ids) => PluralMarkup(nameof(XliffLeftInitial), ids.Count, UnitIds(ids));

    /// <summary>The units left because the file has no target for them: <c>{0}</c> the count, <c>{1}</c> their ids.</summary>
    public Html XliffLeftNoTarget(IReadOnlyCollection<string> ids) => PluralMarkup(nameof(XliffLeftNoTarget), ids.Count, UnitIds(ids));

    /// <summary>Unit ids as the file has them (<c>title</c>, <c>s3</c>…): isolated, left to right.</summary>
    private static Html UnitIds(IEnumerable<string> ids) => Html.Of($"""<bdi dir="ltr">{string.Join(", ", ids)}</bdi>""");

    public Html NoOriginalToTranslate(string slug, string language) =>
        Markup(nameof(NoOriginalToTranslate), Html.Of($"<bdi>{slug}</bdi>"), Html.Of($"<bdi>{language}</bdi>"));

    public Html MayNotTranslate(string user, Role role, string slug, LanguageTag language) =>
        MayNot(nameof(MayNotTranslate), user, role, Html.Of($"<bdi>{slug}</bdi>"), Tag(language));

    public Html NoDocumentIn(string slug, string language) =>
        Markup(nameof(NoDocumentIn), Html.Of($"<bdi>{slug}</bdi>"), Html.Of($"<bdi>{language}</bdi>"));

    // New document
    public string OriginalLanguage => Phrase();
    public string OriginalLanguageHint => Phrase();
    public string Title => Phrase();
    public string SlugHint => Phrase();
    public string Tags => Phrase();
    public string TagsHint => Phrase();
    public string Summary => Phrase();
    public string Body => Phrase();
    public string MarkdownHint => Phrase();
    public string CreateDraft => Phrase();
    public Html MayNotCreateDocuments(string user, Role role) => MayNot(nameof(MayNotCreateDocuments), user, role);

    public Html NotALanguageTag(string value) => Markup(nameof(NotALanguageTag), Html.Of($"<bdi>{value}</bdi>"));

    /// <summary>A language tag inside a sentence: isolated, left to right.</summary>
    public static Html Tag(LanguageTag language) => Html.Of($"""<bdi dir="ltr">{language.Value}</bdi>""");

    /// <summary>The pattern of <paramref name="key"/> with markup in its holes; the pattern's own text is escaped.</summary>
    public Html Markup(string key, params Html[] parts)
    {
        var pattern = Get(key);
        var result = new StringBuilder();
        var at = 0;
        foreach (Match hole in Hole().Matches(pattern))
        {
            Html.Encode(result, pattern[at..hole.Index]);
            var index = int.Parse(hole.Groups[1].Value, CultureInfo.InvariantCulture);
            result.Append(index < parts.Length ? parts[index].Value : string.Empty);
            at = hole.Index + hole.Length;
        }

        Html.Encode(result, pattern[at..]);
        return Html.Raw(result.ToString());
    }

    /// <summary>The plural form of <paramref name="key"/> for <paramref name="n"/> with markup: <c>{0}</c> the number, then the parts.</summary>
    private Html PluralMarkup(string key, long n, params Html[] parts)
    {
        var category = PluralRules.Select(Language, n).ToString().ToLowerInvariant();
        var name = Resources.GetString($"{key}_{category}", Culture) is null ? $"{key}_other" : $"{key}_{category}";
        return Markup(name, [Html.Of($"{Number(n)}"), .. parts]);
    }


    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Hole();
}
