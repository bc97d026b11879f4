using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>
/// The admin in the language picked with its language picker: the frame and the general pages carry that language's
/// <c>lang</c>/<c>dir</c> and none of the English phrases of <c>AdminText.resx</c> in their chrome; a bad pick or a bad
/// cookie falls back without an error.
/// </summary>
public sealed partial class AdminLanguageTests
{
    private const string Password = "correct horse battery staple";
    private const string Sample = "razvitie-situacii-v-irake";

    /// <summary>The admin pages of this part, as an administrator sees them (every menu entry, every form).</summary>
    public static readonly string[] Pages =
    [
        "/admin/",
        "/admin/?state=published&q=zzzz-nothing",
        "/admin/users",
        "/admin/audit",
        "/admin/glossary",
        "/admin/glossary?source=ru-RU&target=en-GB",
        "/admin/new",
        "/admin/documents/no-such-document/fr-FR/xliff",
    ];

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
        await AdminClient.AddUserAsync(data, clock, "ada", Role.Admin, Password));

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("zh", "ltr")]
    [InlineData("es", "ltr")]
    [InlineData("fr", "ltr")]
    [InlineData("ru", "ltr")]
    public async Task PickedLanguage_EveryAdminPage_HasNoEnglishChrome(string language, string dir)
    {
        await using var site = await StartAsync();
        using var client = new AdminClient(site);
        await PickAsync(client, language, "/admin/login");

        var login = await TestContent.ParseAsync(await client.Http.GetAsync("/admin/login"));
        var report = new List<string>();
        Check(login, "/admin/login", language, dir, report);
        await client.LoginOrFailAsync("ada", Password);

        // A term, so the glossary has a row with its Delete button.
        using (var add = await client.PostFormAsync("/admin/glossary?source=ru-RU&target=en-GB", [new("action", "add"), new("term", "Ирак"), new("translation", "Iraq")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }

        foreach (var path in Pages.Append("/admin/glossary?source=ru-RU&target=en-GB&done=term-saved"))
        {
            using var response = await client.Http.GetAsync(path);
            Check(await TestContent.ParseAsync(response), path, language, dir, report);
        }

        // The XLIFF section of a translation's editor page (the page itself is the editor part's).
        var editor = await TestContent.ParseAsync(await client.Http.GetAsync($"/admin/documents/{Sample}/en-GB"));
        var xliff = editor.QuerySelector("section[aria-labelledby=xliff-heading]");
        Assert.NotNull(xliff);
        report.AddRange(EnglishIn(xliff!, language).Select(found => $"editor's XLIFF section: {found}"));

        Assert.True(report.Count == 0, $"English in the {language} admin:\n{string.Join("\n", report)}");
    }

    [Fact]
    public async Task TheCheck_FindsEnglish_InTheEnglishAdmin()
    {
        await using var site = await StartAsync();
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("ada", Password);

        var page = await TestContent.ParseAsync(await client.Http.GetAsync("/admin/"));

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", page.DocumentElement.GetAttribute("dir"));
        var found = EnglishIn(page.DocumentElement, "ar").ToList();
        Assert.Contains(found, f => f.Contains("\"Documents\"", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("\"Log out\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Picker_SetsTheCookie_AndReturnsToThePage_InThatLanguage()
    {
        await using var site = await StartAsync();
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("ada", Password);
        var before = await TestContent.ParseAsync(await client.Http.GetAsync("/admin/users"));
        Assert.Equal("en", before.DocumentElement.GetAttribute("lang"));
        var picker = before.QuerySelector("form.admin-language");
        Assert.NotNull(picker);
        Assert.Equal("/admin/users", picker!.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
        Assert.Equal(6, picker.QuerySelectorAll("select[name=lang] option").Length);

        using var picked = await client.PostFormAsync("/admin/language", [new("lang", "ar"), new("returnUrl", "/admin/users")], formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        Assert.Equal("/admin/users", picked.Headers.Location?.OriginalString);
        Assert.Equal("ar", client.CookiesAt("/admin/")[AdminLanguage.Cookie]?.Value);
        var after = await TestContent.ParseAsync(await client.Http.GetAsync("/admin/users"));
        Assert.Equal("ar", after.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", after.DocumentElement.GetAttribute("dir"));
        Assert.Equal("المستخدمون", after.QuerySelector("main h1")!.TextContent);
        Assert.Equal("ar", after.QuerySelector("#admin-lang option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Picker_OnTheLoginPage_WorksBeforeSigningIn_AndKeepsTheReturnAddress()
    {
        await using var site = await StartAsync();
        using var client = new AdminClient(site);
        var login = await TestContent.ParseAsync(await client.Http.GetAsync("/admin/login?returnUrl=%2Fadmin%2Faudit"));
        Assert.Equal("/admin/login?returnUrl=%2Fadmin%2Faudit", login.QuerySelector("form.admin-language input[name=returnUrl]")!.GetAttribute("value"));

        using var picked = await client.PostFormAsync("/admin/language", [new("lang", "zh"), new("returnUrl", "/admin/login?returnUrl=%2Fadmin%2Faudit")], formPage: "/admin/login");

        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        Assert.Equal("/admin/login?returnUrl=%2Fadmin%2Faudit", picked.Headers.Location?.OriginalString);
        var page = await TestContent.ParseAsync(await client.Http.GetAsync("/admin/login?returnUrl=%2Fadmin%2Faudit"));
        Assert.Equal("zh", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("登录", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal("登录 · Hexapla 管理后台", page.Title);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/admin/")]
    [InlineData("/elsewhere")]
    public async Task Picker_ReturnsOnlyToAnAdminPage(string returnUrl)
    {
        await using var site = await StartAsync();
        using var client = new AdminClient(site);

        using var picked = await client.PostFormAsync("/admin/language", [new("lang", "fr"), new("returnUrl", returnUrl)], formPage: "/admin/login");

        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        Assert.Equal("/admin/", picked.Headers.Location?.OriginalString);
        Assert.Equal("fr", client.CookiesAt("/admin/")[AdminLanguage.Cookie]?.Value);
    }

    [Theory]
    [InlineData("klingon")]
    [InlineData("de")]
    [InlineData("")]
    public async Task Picker_RefusesALanguageWithoutAnInterface_NamingIt_AndSetsNothing(string value)
    {
        await using var site = await StartAsync();
        using var client = new AdminClient(site);

        using var refused = await client.PostFormAsync("/admin/language", [new("lang", value), new("returnUrl", "/admin/login")], formPage: "/admin/login");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await TestContent.ParseAsync(refused);
        Assert.Contains($"\"{value}\" is not an interface language", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/admin/login", page.QuerySelector("main a")!.GetAttribute("href"));
        Assert.Null(client.CookiesAt("/admin/")[AdminLanguage.Cookie]);
    }

    [Fact]
    public async Task Picker_WithoutTheFormsToken_IsRefused()
    {
        await using var site = await StartAsync();
        using var client = new AdminClient(site);

        using var refused = await client.PostFormAsync("/admin/language", [new("lang", "ar"), new("returnUrl", "/admin/login")], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(client.CookiesAt("/admin/")[AdminLanguage.Cookie]);
    }

    [Theory]
    [InlineData("zz-ZZ")]
    [InlineData("de")]
    [InlineData("zh-TW")]
    [InlineData("%E2%80%AE<script>")]
    [InlineData("")]
    public async Task BadCookie_FallsBackToTheSiteDefaultsInterface_WithoutError(string value)
    {
        await using var site = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        request.Headers.Add("Cookie", $"{AdminLanguage.Cookie}={value}");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestContent.ParseAsync(response);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Log in", page.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task AcceptLanguage_PicksTheAdminLanguage_WhenNoCookieSaysOtherwise()
    {
        await using var site = await StartAsync();
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru-RU, en;q=0.5");

        var page = await TestContent.ParseAsync(await http.GetAsync("/admin/login"));

        Assert.Equal("ru", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Войти", page.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task Arabic_WritesNumbersAndTimes_InArabicIndicDigits_AndPluralsByCldr()
    {
        await using var site = await StartAsync();
        using var client = new AdminClient(site);
        await PickAsync(client, "ar", "/admin/login");
        await client.LoginOrFailAsync("ada", Password);

        var page = await TestContent.ParseAsync(await client.Http.GetAsync("/admin/"));
        var count = page.QuerySelector("form.filters + p.hint")!.TextContent;
        var changed = page.QuerySelector("table.docs tbody td:nth-child(4)")!.TextContent;
        var paging = page.QuerySelector("nav.paging")!;

        Assert.DoesNotMatch("[0-9]", count);
        Assert.Matches("^(وثيقة واحدة|وثيقتان|[٠-٩]+ (وثائق|وثيقة))$", count);
        Assert.Matches("^[٠-٩]{4}-[٠-٩]{2}-[٠-٩]{2} [٠-٩]{2}:[٠-٩]{2} UTC$", changed);
        Assert.Equal("الصفحات", paging.GetAttribute("aria-label"));
        Assert.Contains("الصفحة ١", paging.TextContent, StringComparison.Ordinal);
        var badges = page.QuerySelectorAll("table.docs .badge").Select(b => b.TextContent).ToList();
        Assert.Contains("منشورة", badges);
    }

    [Fact]
    public void Plurals_FollowEachLanguagesCategories()
    {
        Assert.Equal("1 document", AdminText.For(Languages.LanguageTag.Parse("en")).DocumentCount(1));
        Assert.Equal("21 документ", AdminText.For(Languages.LanguageTag.Parse("ru")).DocumentCount(21));
        Assert.Equal("3 документа", AdminText.For(Languages.LanguageTag.Parse("ru")).DocumentCount(3));
        Assert.Equal("11 документов", AdminText.For(Languages.LanguageTag.Parse("ru")).DocumentCount(11));
        Assert.Equal("وثيقتان", AdminText.For(Languages.LanguageTag.Parse("ar")).DocumentCount(2));
        Assert.Equal("٣ وثائق", AdminText.For(Languages.LanguageTag.Parse("ar")).DocumentCount(3));
        Assert.Equal("١١ وثيقة", AdminText.For(Languages.LanguageTag.Parse("ar")).DocumentCount(11));
        Assert.Equal("共1,234篇文档", AdminText.For(Languages.LanguageTag.Parse("zh")).DocumentCount(1234));
        Assert.Equal("0 document", AdminText.For(Languages.LanguageTag.Parse("fr")).DocumentCount(0));
        Assert.Equal("85\u202F%", AdminText.For(Languages.LanguageTag.Parse("fr")).Percent(85));
        Assert.Equal("٨٥٪", AdminText.For(Languages.LanguageTag.Parse("ar")).Percent(85));
    }

    /// <summary>Chooses <paramref name="language"/> with the picker of the page at <paramref name="from"/>, as a browser would.</summary>
    internal static async Task PickAsync(AdminClient client, string language, string from)
    {
        using var picked = await client.PostFormAsync("/admin/language", [new("lang", language), new("returnUrl", from)], formPage: from);
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        Assert.Equal(language, client.CookiesAt("/admin/")[AdminLanguage.Cookie]?.Value);
    }

    private static void Check(IDocument page, string path, string language, string dir, List<string> report)
    {
        if (page.DocumentElement.GetAttribute("lang") != language || page.DocumentElement.GetAttribute("dir") != dir)
        {
            report.Add($"{path}: <html lang=\"{page.DocumentElement.GetAttribute("lang")}\" dir=\"{page.DocumentElement.GetAttribute("dir")}\">");
        }

        report.AddRange(EnglishIn(page.DocumentElement, language).Select(found => $"{path}: {found}"));
    }

    /// <summary>
    /// The English phrases of AdminText.resx (those the language writes differently) found in the chrome under
    /// <paramref name="root"/>: its text and its aria-label, title and placeholder attributes, leaving out content in
    /// another language (a <c>lang</c> attribute), user text (<c>bdi</c>), code and scripts.
    /// </summary>
    internal static IEnumerable<string> EnglishIn(IElement root, string language)
    {
        var phrases = EnglishPhrases(language);
        var texts = new List<string>();
        Collect(root, language, texts);
        foreach (var text in texts)
        {
            foreach (var (key, pattern) in phrases)
            {
                if (pattern.IsMatch(text))
                {
                    yield return $"\"{pattern.ToString().Replace(@"\b", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal)}\" ({key}) in \"{text}\"";
                }
            }
        }
    }

    private static void Collect(INode node, string language, List<string> texts)
    {
        if (node is IElement element)
        {
            var name = element.LocalName;
            if (name is "code" or "bdi" or "script" or "style" or "textarea"
                || (element.GetAttribute("lang") is { } lang && !lang.Equals(language, StringComparison.OrdinalIgnoreCase) && element != element.Owner?.DocumentElement))
            {
                return;
            }

            foreach (var attribute in new[] { "aria-label", "title", "placeholder", "alt" })
            {
                if (element.GetAttribute(attribute) is { Length: > 0 } value)
                {
                    texts.Add(value);
                }
            }
        }
        else if (node.NodeType == NodeType.Text && node.TextContent.Trim() is { Length: > 0 } text)
        {
            texts.Add(text);
        }

        foreach (var child in node.ChildNodes)
        {
            Collect(child, language, texts);
        }
    }

    /// <summary>Each English phrase's literal pieces (between its holes) of at least two letters, as whole-word patterns.</summary>
    private static List<(string Key, Regex Pattern)> EnglishPhrases(string language)
    {
        var resources = new ResourceManager("Hexapla.Admin.Text.AdminText", typeof(AdminText).Assembly);
        var english = resources.GetResourceSet(CultureInfo.InvariantCulture, true, true)!;
        var own = resources.GetResourceSet(CultureInfo.GetCultureInfo(language), true, false);
        Assert.NotNull(own);
        // A piece the language itself writes (a product name, a format) is not English left untranslated.
        var ownValues = own!.Cast<DictionaryEntry>().Select(e => (string)e.Value!).ToList();
        var phrases = new List<(string, Regex)>();
        foreach (DictionaryEntry entry in english)
        {
            var key = (string)entry.Key;
            var value = (string)entry.Value!;
            if (own!.GetString(key) == value)
            {
                continue;
            }

            foreach (var piece in Hole().Split(value).Select(p => p.Trim(' ', '.', ',', ':', ';', '(', ')', '"', '·', '—')).Where(p => p.Count(char.IsLetter) >= 2 && !ownValues.Any(v => v.Contains(p, StringComparison.Ordinal))))
            {
                phrases.Add((key, new Regex($@"\b{Regex.Escape(piece)}\b", RegexOptions.CultureInvariant)));
            }
        }

        return phrases;
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Hole();
}
