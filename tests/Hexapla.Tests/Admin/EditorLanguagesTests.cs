using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Editorial;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hexapla.Tests.Admin;

/// <summary>
/// The editorial pages (editor and its side-by-side views, history with a diff, restore, releases, my work, the
/// translation matrix, the changed segments) in the admin's language: with the <c>hexapla-admin-lang</c> cookie set to
/// Arabic or Chinese no English phrase of <see cref="EditorText"/> is left in their chrome, the chrome carries the admin
/// language's lang/dir while document text keeps its own, and the editor's form still saves.
/// </summary>
public sealed class EditorLanguagesTests
{
    private const string Password = "correct horse battery";
    private const string Slug = "razvitie-situacii-v-irake";
    private const string English = $"/admin/documents/{Slug}/en-GB";
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");
    private static readonly LanguageTag De = LanguageTag.Parse("de-DE");

    // Sections other pages' tests cover (machine translation, memory, XLIFF, the frame's navigation), user data (bdi) and
    // identifiers (code). The state badges and diffs, which AdminText writes, are looked at here too.
    private const string NotEditorChrome =
        "section[aria-labelledby=memory-heading], section[aria-labelledby=machine-heading], section[aria-labelledby=xliff-heading], bdi, code, nav.admin-nav, script, style";

    private static readonly string[] Pages =
    [
        English,
        $"/admin/documents/{Slug}/ru-RU",
        $"{English}/history?from=1&to=2",
        $"{English}/history/restore?revision=1",
        "/admin/releases",
        "/admin/work",
        "/admin/translations",
    ];

    /// <summary>
    /// A site where every part of the pages shows: an outdated English translation (changed segments) with a working
    /// copy approved and waiting (the releases' chooser, my work's "to publish"), the Russian original released at once
    /// (a recent release), a German version scheduled (a pending release).
    /// </summary>
    private static async Task<TestSite> StartAsync()
    {
        User? ed = null, rita = null, anna = null;
        var site = await TestSite.StartAsync(prepare: async (data, clock) =>
        {
            anna = await AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password);
            ed = await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
            rita = await AdminClient.AddUserAsync(data, clock, "rita", Role.Reviewer, Password);
        });
        var newsroom = site.Services.GetRequiredService<Newsroom>();
        var store = site.Services.GetRequiredService<IContentStore>();
        var document = (await store.FindDocumentAsync(Slug))!;

        var russian = document.Version(Ru)!.Latest;
        var paragraphs = russian.Body.Split("\n\n");
        paragraphs[4] = "Совсем другой абзац.";
        await newsroom.SaveVersionAsync(ed!, Slug, Ru, new VersionEdit(russian.Title, string.Join("\n\n", paragraphs), russian.Summary, "Абзац заменён."), russian.Revision);
        await newsroom.SubmitAsync(ed!, Slug, Ru);
        await newsroom.ApproveAsync(rita!, Slug, Ru);
        var ru = (await store.FindDocumentAsync(Slug))!.Version(Ru)!.Latest.Revision;
        await newsroom.ReleaseAsync(anna!, [new ReleaseMember(Slug, Ru, ru)]);

        var english = document.Version(En)!.Latest;
        await newsroom.SaveVersionAsync(ed!, Slug, En, new VersionEdit(english.Title, "A corrected first paragraph.\n\n" + english.Body, english.Summary, "A correction."), english.Revision);
        await newsroom.SubmitAsync(ed!, Slug, En);
        await newsroom.ApproveAsync(rita!, Slug, En);

        await newsroom.SaveVersionAsync(ed!, Slug, De, new VersionEdit("Die Lage im Irak", "Ein Absatz."), null);
        await newsroom.SubmitAsync(ed!, Slug, De);
        await newsroom.ApproveAsync(rita!, Slug, De);
        await newsroom.ReleaseAsync(anna!, [new ReleaseMember(Slug, De, 1)], site.Clock.GetUtcNow().AddDays(2));
        return site;
    }

    private static async Task<AdminClient> SignInAsync(TestSite site, string language)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync("anna", Password);
        client.SetCookie(AdminLanguage.Cookie, language);
        return client;
    }

    private static async Task<IHtmlDocument> PageAsync(AdminClient client, string path)
    {
        using var response = await client.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("zh", "ltr")]
    public async Task EditorialPages_InArabicAndChinese_HaveNoEnglishPhraseOfEditorText_InTheirChrome(string language, string dir)
    {
        await using var site = await StartAsync();
        using var anna = await SignInAsync(site, language);
        var phrases = EnglishPhrases(language);
        Assert.True(phrases.Count > 150, $"only {phrases.Count} phrases to look for");
        var found = new StringBuilder();
        foreach (var path in Pages)
        {
            var page = await PageAsync(anna, path);
            var chrome = page.QuerySelector(".editor-chrome");
            Assert.NotNull(chrome);
            Assert.Equal(language, chrome.GetAttribute("lang"));
            Assert.Equal(dir, chrome.GetAttribute("dir"));
            var text = ChromeText(chrome, language);
            foreach (var (key, phrase) in phrases.Where(p => p.Pattern.IsMatch(text)).Select(p => (p.Key, p.Phrase)))
            {
                found.AppendLine($"{path}: {key} \"{phrase}\"");
            }
        }

        Assert.True(found.Length == 0, $"English left in the {language} chrome:\n{found}");
    }

    [Fact]
    public async Task ArabicEditor_DocumentTextKeepsItsOwnLanguageAndDirection_SideBySide()
    {
        await using var site = await StartAsync();
        using var anna = await SignInAsync(site, "ar");

        var editor = await PageAsync(anna, English);
        var h1 = editor.QuerySelector("h1")!;
        Assert.Equal(("en-GB", "ltr"), (h1.GetAttribute("lang"), h1.GetAttribute("dir")));
        foreach (var field in new[] { "#title", "#summary", "#body", "#preview" })
        {
            Assert.Equal("ltr", editor.QuerySelector(field)!.GetAttribute("dir"));
        }

        // Beside the translation: the original in Russian, its heading in the chrome's Arabic.
        var original = editor.QuerySelector("aside.original")!;
        Assert.Equal("ru-RU", original.GetAttribute("lang"));
        var heading = original.QuerySelector("h2 span")!;
        Assert.Equal(("ar", "rtl"), (heading.GetAttribute("lang"), heading.GetAttribute("dir")));
        Assert.Contains("الأصل", heading.TextContent, StringComparison.Ordinal);
        // The live text beside what the working copy changes, each side in English, left to right.
        Assert.All(editor.QuerySelectorAll(".live-and-work div[lang]"), d => Assert.Equal(("en-GB", "ltr"), (d.GetAttribute("lang"), d.GetAttribute("dir"))));
        Assert.Equal("rtl", editor.QuerySelector(".editor-chrome")!.GetAttribute("dir"));

        // The history's diff: Arabic labels, English text.
        var history = await PageAsync(anna, $"{English}/history?from=1&to=2");
        var comparison = history.QuerySelector("section.comparison")!;
        Assert.Contains("التنقيح ١ ← التنقيح ٢", comparison.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        var diff = comparison.QuerySelector(".diff")!.ParentElement!;
        Assert.Equal(("en-GB", "ltr"), (diff.GetAttribute("lang"), diff.GetAttribute("dir")));
        Assert.Contains("A corrected first paragraph.", comparison.QuerySelector(".diff ins")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArabicEditor_SaveRoundTrip_KeepsTheTextAndSaysDoneInArabic()
    {
        await using var site = await StartAsync();
        using var anna = await SignInAsync(site, "ar");
        var page = await PageAsync(anna, English);
        var form = page.QuerySelector<IHtmlFormElement>($"form[action='{English}']")!;
        var body = form.QuerySelector("#body")!.TextContent + "\n\nAn added paragraph, saved from the Arabic admin.";
        var revision = form.QuerySelector("input[name=revision]")!.GetAttribute("value")!;

        using var saved = await anna.PostFormAsync(English, [
            new("title", form.QuerySelector<IHtmlInputElement>("#title")!.Value),
            new("summary", form.QuerySelector<IHtmlInputElement>("#summary")!.Value),
            new("body", body), new("note", "ملاحظة: أُضيفت فقرة."), new("revision", revision), new("action", "save")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = (await site.Services.GetRequiredService<IContentStore>().FindDocumentAsync(Slug))!.Version(En)!;
        Assert.EndsWith("An added paragraph, saved from the Arabic admin.", stored.Latest.Body, StringComparison.Ordinal);
        Assert.Equal("ملاحظة: أُضيفت فقرة.", stored.Latest.Note);
        var after = await PageAsync(anna, saved.Headers.Location!.OriginalString);
        var next = stored.Latest.Revision.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(EditorText.For(LanguageTag.Parse("ar")).Done($"saved-as-revision-{next}-of-the-working-copy;-the-live-text-is-unchanged"),
            after.QuerySelector("p.ok[role=status]")!.TextContent);
        Assert.Contains("تم: حُفظ بوصفه التنقيح", after.QuerySelector("p.ok[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(stored.Latest.Body, after.QuerySelector("#body")!.TextContent);
    }

    [Fact]
    public async Task NoCookieNoAcceptLanguage_TheSiteDefaultsInterface_EnglishForTheSamples()
    {
        await using var site = await StartAsync();
        using var anna = new AdminClient(site);
        await anna.LoginOrFailAsync("anna", Password);
        var page = await PageAsync(anna, English);
        Assert.Equal("en", page.QuerySelector(".editor-chrome")!.GetAttribute("lang"));
        Assert.Equal("Save", page.QuerySelector("button[value=save]")!.TextContent);
        Assert.Equal("What changed", page.QuerySelector("label[for=note]")!.TextContent);
    }

    [Fact]
    public void Plurals_FollowEachLanguagesRules_ArabicHasSixForms_RussianThree_NumbersInTheLanguagesDigits()
    {
        var arabic = EditorText.For(LanguageTag.Parse("ar"));
        var forms = new[] { 0, 1, 2, 3, 11, 100 }.Select(arabic.NotStarted).ToList();
        Assert.Equal(6, forms.Distinct().Count());
        Assert.Equal("لم تبدأ: فقرتان للترجمة", forms[2]);
        Assert.Equal("لم تبدأ: ٣ فقرات للترجمة", forms[3]);
        Assert.Equal("لم تبدأ: ١١ فقرةً للترجمة", forms[4]);
        Assert.Equal("٢٠٢٦-١٢-٠٦ ١٨:٥٤ UTC", arabic.Time(new DateTimeOffset(2026, 12, 6, 18, 54, 0, TimeSpan.Zero)));

        var russian = EditorText.For(LanguageTag.Parse("ru"));
        Assert.Equal("не начат: 1 абзац для перевода", russian.NotStarted(1));
        Assert.Equal("не начат: 3 абзаца для перевода", russian.NotStarted(3));
        Assert.Equal("не начат: 5 абзацев для перевода", russian.NotStarted(5));
        Assert.Equal("не начат: 21 абзац для перевода", russian.NotStarted(21));
        Assert.Equal("не начат: 1 234 абзаца для перевода", russian.NotStarted(1234).Replace('\u00a0', ' '));

        var english = EditorText.For(LanguageTag.Parse("en"));
        Assert.Equal("not started: 1 paragraph to translate", english.NotStarted(1));
        Assert.Equal("not started: 1,234 paragraphs to translate", english.NotStarted(1234));
    }

    [Fact]
    public void EveryLanguage_HasEveryPhraseOfTheEnglish_AndNoOther()
    {
        var resources = new ResourceManager("Hexapla.Admin.Text.EditorText", typeof(EditorText).Assembly);
        var english = Keys(resources, CultureInfo.InvariantCulture);
        Assert.NotEmpty(english);
        static string Stem(string key) => Regex.Replace(key, "_(zero|one|two|few|many|other)$", "");
        var plurals = english.Where(k => k.EndsWith("_other", StringComparison.Ordinal)).Select(Stem).ToHashSet();
        foreach (var language in new[] { "ar", "es", "fr", "ru", "zh" })
        {
            var keys = Keys(resources, CultureInfo.GetCultureInfo(language));
            var missing = english.Where(k => !plurals.Contains(Stem(k)) && !keys.Contains(k))
                .Concat(plurals.Where(p => !keys.Contains(p + "_other")).Select(p => p + "_other")).ToList();
            var extra = keys.Where(k => !english.Contains(k) && !plurals.Contains(Stem(k))).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0, $"{language}: missing {string.Join(", ", missing)}; extra {string.Join(", ", extra)}");
        }
    }

    private static HashSet<string> Keys(ResourceManager resources, CultureInfo culture)
    {
        // Only the file of this culture: no fallback to the English, which would hide a missing key.
        using var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key)];
    }

    /// <summary>
    /// The English phrases of EditorText to look for: each value cut at its placeholders, the pieces with a word of three
    /// letters or more; a phrase the language writes the same way (Markdown) is not looked for.
    /// </summary>
    private static List<(string Key, string Phrase, Regex Pattern)> EnglishPhrases(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var phrases = new List<(string, string, Regex)>();
        foreach (var set in new[] { "Hexapla.Admin.Text.EditorText", "Hexapla.Admin.Text.AdminText" })
        {
            var resources = new ResourceManager(set, typeof(EditorText).Assembly);
            using var english = resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!;
            foreach (DictionaryEntry entry in english)
            {
                var (key, value) = ((string)entry.Key, (string)entry.Value!);
                var translated = resources.GetString(key, culture) ?? resources.GetString(Regex.Replace(key, "_[a-z]+$", "_other"), culture);
                if (translated == value)
                {
                    continue;
                }

                foreach (var piece in Regex.Split(value, @"\{\d\}").Select(p => p.Trim(' ', '(', ')', ':', ',', ';', '.', '“', '”', '"', '…', '+', '·')))
                {
                    // Names of formats stay as they are in every language.
                    if (Regex.IsMatch(piece, "[A-Za-z]{3}") && piece is not ("Markdown" or "XLIFF" or "TMX" or "Hexapla"))
                    {
                        phrases.Add((key, piece, new Regex($@"(?<![A-Za-z]){Regex.Escape(piece)}(?![A-Za-z])", RegexOptions.CultureInvariant)));
                    }
                }
            }
        }

        return phrases;
    }

    /// <summary>
    /// The text and the labels (aria-label, placeholder, title) of the chrome: what is in the admin's language, leaving
    /// out text in a document's own language and what other string sets own.
    /// </summary>
    private static string ChromeText(IElement chrome, string language)
    {
        var text = new StringBuilder();
        foreach (var node in chrome.GetDescendants())
        {
            var element = node as IElement ?? node.ParentElement;
            if (element is null || element.Closest(NotEditorChrome) is not null)
            {
                continue;
            }

            var lang = element.Closest("[lang]")?.GetAttribute("lang");
            if (lang != language)
            {
                continue;
            }

            if (node is IText t)
            {
                text.Append(t.Data).Append(' ');
            }
            else if (node is IElement e)
            {
                foreach (var name in new[] { "aria-label", "placeholder", "title" })
                {
                    text.Append(e.GetAttribute(name)).Append(' ');
                }
            }
        }

        return text.ToString();
    }
}
