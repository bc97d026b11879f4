using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;
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
    public string Brand => T();
    public string NavLabel => T();
    public string NavDocuments => T();
    public string NavMyWork => T();
    public string NavTranslations => T();
    public string NavReleases => T();
    public string NavNewDocument => T();
    public string NavAuditLog => T();
    public string NavUsers => T();
    public string LogOut => T();
    public string InterfaceLanguage => T();
    public string ChangeLanguage => T();
    public string SkipToContent => T();

    /// <summary>The document title: "Documents · Hexapla admin".</summary>
    public string PageTitle(string title) => Format(nameof(PageTitle), title);

    /// <summary>"Signed in as ed (editor)", the name isolated.</summary>
    public Html SignedInAs(string name, Role role) => Markup(nameof(SignedInAs), Html.Of($"<bdi>{name}</bdi>"), Html.Of($"{RoleLabel(role)}"));

    public string NotAnInterfaceLanguage(string value) => Format(nameof(NotAnInterfaceLanguage), value);

    // Refusals and shared words
    public string NotAllowed => T();
    public string NotFound => T();
    public string ChangedMeanwhile => T();
    public string NotDone => T();
    public string Back => T();
    public string Save => T();
    public string Cancel => T();
    public string Delete => T();
    public string Preview => T();
    public string Newer => T();
    public string Older => T();
    public string Pages => T();
    public string NoText => T();
    public string UnknownAction => T();
    public string FormExpiredTitle => T();
    public string FormExpiredHeading => T();
    public string FormExpiredText => T();
    public string Outdated => T();
    public string Missing => T();
    public string Actions => T();

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
    public string LogIn => T();
    public string Name => T();
    public string Password => T();
    public string EnterNameAndPassword => T();
    public string WrongLogin => T();

    public string TooManyLogins(int minutes) => Plural(nameof(TooManyLogins), minutes);

    // Documents
    public string Documents => T();
    public string NewDocument => T();
    public string LanguageHeading => T();
    public string State => T();
    public string AnyState => T();
    public string TitleContains => T();
    public string Filter => T();
    public string FilterDocuments => T();
    public string NoDocumentsMatch => T();
    public string SlugHeading => T();
    public string Original => T();
    public string Versions => T();
    public string Changed => T();

    public string DocumentCount(long n) => Plural(nameof(DocumentCount), n);

    /// <summary>A revision's short mark in a list: "r5".</summary>
    public string RevisionShort(int revision) => Format(nameof(RevisionShort), Number(revision));

    // Users
    public string Users => T();
    public Html UsersHelp(Html add, Html passwd, Html token) => Markup(nameof(UsersHelp), add, passwd, token);
    public string RoleHeading => T();
    public string Languages => T();
    public string ActiveTokens => T();
    public string UserDisabled => T();
    public string UserActive => T();
    public string Enable => T();
    public string Disable => T();
    public string CannotDisableYourself => T();
    public string OnlyAdminsManageUsers => T();
    public Html NoSuchUser(string name) => Markup(nameof(NoSuchUser), Html.Of($"<bdi>{name}</bdi>"));

    // Audit
    public string AuditLog => T();
    public string When => T();
    public string Who => T();
    public string What => T();
    public string Target => T();
    public string Detail => T();

    // Glossary
    public string Glossary => T();
    public string SourceLanguage => T();
    public string TargetLanguage => T();
    public string Open => T();
    public string ChooseLanguagePair => T();
    public string GiveTwoTags => T();
    public string AddTerm => T();
    public string Term => T();
    public string Translation => T();
    public string Note => T();
    public string Add => T();
    public string ImportCsv => T();
    public string Import => T();
    public string DownloadCsv => T();
    public string TermAndTranslationRequired => T();
    public string ChooseCsv => T();
    public string TermSaved => T();
    public string TermDeleted => T();
    public string DoneNotice => T();
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
    public string TranslationMemory => T();
    public string MemoryHint => T();
    public string Insert => T();

    public string SegmentNumber(string id) => Format(nameof(SegmentNumber), id);

    // Machine translation
    public string MachineTranslation => T();
    public string MachineCheckNote => T();
    public string MachineHint => T();
    public string MachineConfirm => T();
    public string MachinePrefill => T();
    public string MachinePrefillHint => T();
    public string MachineNotConfigured => T();
    public string MachineChangedMeanwhile => T();
    public Html MachineFailed(string message) => Markup(nameof(MachineFailed), CoreMessage(message));

    // XLIFF
    public string Xliff => T();
    public string DownloadXliff => T();
    public string XliffToolsHint => T();
    public string UploadXliff => T();
    public string UploadXliffHint => T();
    public string Upload => T();
    public string UploadWithForm => T();
    public string ChooseXliff => T();
    public string XliffNotImported => T();
    public string BackToVersion => T();

    /// <summary>"Nothing was changed: x.xlf has 3 problems."; <c>{0}</c> the count, <c>{1}</c> the file.</summary>
    public Html XliffProblems(string file, int count) => PluralMarkup(nameof(XliffProblems), count, Html.Of($"<bdi>{file}</bdi>"));

    public Html NoOriginalToTranslate(string slug, string language) =>
        Markup(nameof(NoOriginalToTranslate), Html.Of($"<bdi>{slug}</bdi>"), Html.Of($"<bdi>{language}</bdi>"));

    public Html MayNotTranslate(string user, Role role, string slug, LanguageTag language) =>
        MayNot(nameof(MayNotTranslate), user, role, Html.Of($"<bdi>{slug}</bdi>"), Tag(language));

    public Html NoDocumentIn(string slug, string language) =>
        Markup(nameof(NoDocumentIn), Html.Of($"<bdi>{slug}</bdi>"), Html.Of($"<bdi>{language}</bdi>"));

    // New document
    public string OriginalLanguage => T();
    public string OriginalLanguageHint => T();
    public string Title => T();
    public string SlugHint => T();
    public string Tags => T();
    public string TagsHint => T();
    public string Summary => T();
    public string Body => T();
    public string MarkdownHint => T();
    public string CreateDraft => T();
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

    private string T([CallerMemberName] string key = "") => Get(key);

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Hole();
}
