using System.Net;
using System.Xml.Linq;
using Hexapla.Languages;
using Hexapla.Site;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Site;

/// <summary>The site's own words come from the resource file of the page's interface language: its own, else the site default's, else English.</summary>
public sealed class InterfaceLanguageTests
{
    [Fact]
    public async Task RussianPage_SkipLinkAndSearchButton_AreRussian()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/ru-ru/razvitie-situacii-v-irake");

        Assert.Equal("Перейти к содержанию", page.QuerySelector("a.skip")!.TextContent);
        Assert.Equal("Найти", page.QuerySelector("form.search button")!.TextContent);
        Assert.Equal("Языковые версии", page.QuerySelector("nav.switcher")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task RussianAddressThatDoesNotExist_NotFoundPageIsRussian()
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync("/ru-ru/net-takoi-stranicy");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Страница не найдена", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("По этому адресу страницы нет.", page.QuerySelector("main p")!.TextContent);
    }

    [Fact]
    public async Task RussianFeed_TitleIsRussian()
    {
        await using var site = await TestSite.StartAsync();
        var feed = XDocument.Parse(await site.Client.GetStringAsync("/ru-ru/feed.atom"));

        Assert.Equal("Hexapla: новые документы", feed.Root!.Element(XName.Get("title", "http://www.w3.org/2005/Atom"))!.Value);
    }

    [Theory]
    [InlineData("fr-fr", "fr-FR", "ltr", "Page introuvable", "Aller au contenu", "Rechercher")]
    [InlineData("ar", "ar", "rtl", "الصفحة غير موجودة", "الانتقال إلى المحتوى", "بحث")]
    [InlineData("zh-cn", "zh-CN", "ltr", "找不到页面", "跳到正文", "搜索")]
    [InlineData("es", "es", "ltr", "Página no encontrada", "Ir al contenido", "Buscar")]
    public async Task LanguageWithAnInterfaceButNoContent_NotFoundPageIsInThatLanguage(string segment, string lang, string dir, string title, string skip, string search)
    {
        await using var site = await TestSite.StartAsync();
        using var response = await site.Client.GetAsync($"/{segment}/");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(dir, page.DocumentElement.GetAttribute("dir"));
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(skip, page.QuerySelector("a.skip")!.TextContent);
        Assert.Equal(search, page.QuerySelector("form.search button")!.TextContent);
    }

    [Fact]
    public async Task LanguageWithoutAnInterface_GetsTheSiteDefaultsInterface()
    {
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:DefaultLanguage"] = "ru-RU" });
        using var response = await site.Client.GetAsync("/de/no-such-page");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ru-RU", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Страница не найдена", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task FirstSegmentThatIsNoLanguage_NotFoundPageIsInTheSiteDefaultsInterface()
    {
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:DefaultLanguage"] = "ar" });
        using var response = await site.Client.GetAsync("/no-such-thing-here/");
        var page = await TestContent.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("الصفحة غير موجودة", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task ContentInALanguageWithoutAnInterface_ChromeIsTheDefaultsAndContentKeepsItsLanguage()
    {
        await using var site = await TestSite.StartAsync(
            settings: new Dictionary<string, string?> { ["Hexapla:DefaultLanguage"] = "en-GB" },
            prepare: (data, clock) => TestContent.ImportAsync(data, clock,
                TestContent.Markdown("erklaerung", "de", "Eine Erklärung", "Dieser Text ist deutsch.")));
        var home = await site.GetPageAsync("/de/");
        var document = await site.GetPageAsync("/de/erklaerung");
        var feed = XDocument.Parse(await site.Client.GetStringAsync("/de/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";

        Assert.Equal("en-GB", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal("de", home.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Equal("de", home.QuerySelector("ul.list > li")!.GetAttribute("lang"));
        Assert.Equal("en-GB", home.QuerySelector("ul.list > li .meta")!.GetAttribute("lang"));
        Assert.Equal("Skip to content", home.QuerySelector("a.skip")!.TextContent);
        Assert.Equal("de", document.QuerySelector("article")!.GetAttribute("lang"));
        Assert.Equal("en-GB", document.QuerySelector("article .meta")!.GetAttribute("lang"));
        Assert.StartsWith("Published ", document.QuerySelector("article .meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("de", feed.Root!.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal("Hexapla: latest documents", feed.Root.Element(atom + "title")!.Value);
        Assert.Equal("en-GB", feed.Root.Element(atom + "title")!.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Contains("Deutsch", feed.Root.Element(atom + "subtitle")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArabicFeed_TitleAndSubtitleAreArabic()
    {
        await using var site = await TestSite.StartAsync(allSamples: true);
        var feed = XDocument.Parse(await site.Client.GetStringAsync("/ar/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";

        Assert.Equal("ar", feed.Root!.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal("Hexapla: أحدث الوثائق", feed.Root.Element(atom + "title")!.Value);
        Assert.StartsWith("أحدث البيانات والوثائق", feed.Root.Element(atom + "subtitle")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArabicDocument_DateIsInArabicWithArabicIndicDigits_AndIsolated()
    {
        await using var site = await TestSite.StartAsync(allSamples: true);
        var page = await site.GetPageAsync("/ar/about-this-site");
        var meta = page.QuerySelector("article .meta")!;

        Assert.Equal("نُشر في ٢٩ نوفمبر ٢٠٢٦", meta.TextContent);
        Assert.NotNull(meta.QuerySelector("time[datetime='2026-11-29T09:00:00Z']"));
    }

    [Theory]
    [InlineData("en-GB", 1234, "1,234 results")]
    [InlineData("en-GB", 1, "1 result")]
    [InlineData("ru-RU", 1234, "1 234 результата")]
    [InlineData("ru-RU", 11, "11 результатов")]
    [InlineData("ru-RU", 21, "21 результат")]
    [InlineData("fr", 1_000_000, "1 000 000 de résultats")]
    [InlineData("fr", 2, "2 résultats")]
    [InlineData("es", 1, "1 resultado")]
    [InlineData("zh", 1234, "1,234条结果")]
    [InlineData("ar", 0, "لا توجد نتائج")]
    [InlineData("ar", 1, "نتيجة واحدة")]
    [InlineData("ar", 2, "نتيجتان")]
    [InlineData("ar", 3, "٣ نتائج")]
    [InlineData("ar", 11, "١١ نتيجة")]
    [InlineData("ar", 100, "١٠٠ نتيجة")]
    public void ResultCount_TakesTheLanguagesPluralFormAndDigits(string language, long count, string expected)
    {
        var text = SiteText.For(LanguageTag.Parse(language)).SearchResults(count);

        Assert.Equal(expected, Spaces(text));
    }

    [Theory]
    [InlineData("en-GB", "29 November 2026")]
    [InlineData("ru-RU", "29 ноября 2026 г.")]
    [InlineData("ar", "٢٩ نوفمبر ٢٠٢٦")]
    [InlineData("ar-SA", "٢٩ نوفمبر ٢٠٢٦")]
    [InlineData("fr-FR", "29 novembre 2026")]
    [InlineData("es", "29 de noviembre de 2026")]
    [InlineData("zh-CN", "2026年11月29日")]
    public void Dates_AreWrittenAsTheLanguageWritesThem(string language, string expected)
    {
        var date = Pages.FormatDate(TestSite.Start, LanguageTag.Parse(language), TimeZoneInfo.Utc);

        Assert.Equal(expected, Spaces(date));
    }

    [Fact]
    public void UserTextInsideAChromeSentence_IsIsolatedAndEscaped()
    {
        var text = SiteText.For(LanguageTag.Parse("ar"));

        Assert.Equal("نتائج البحث عن <bdi>Iraq &lt;b&gt;</bdi>", text.SearchResultsFor("Iraq <b>").Value);
        Assert.Equal("""المقارنة مع <bdi lang="en-GB">English</bdi>""", text.CompareWith(LanguageTag.Parse("en-GB")).Value);
    }

    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [Fact]
    public async Task Favicon_IsLinkedAndServedAsSvg()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/en-gb/");
        var href = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        using var icon = await site.Client.GetAsync(href);

        Assert.StartsWith("/assets/favicon.svg?v=", href, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DocumentPage_HasPrintOnlyLineWithCanonicalUrlAndLanguage()
    {
        await using var site = await TestSite.StartAsync();
        var page = await site.GetPageAsync("/ru-ru/razvitie-situacii-v-irake");
        var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
        var source = page.QuerySelector("main .print-only")!;

        Assert.Contains(canonical, source.TextContent, StringComparison.Ordinal);
        Assert.Contains("Русский", source.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Язык:", source.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_HasAMetaDescriptionInItsLanguage()
    {
        await using var site = await TestSite.StartAsync();
        var russian = await site.GetPageAsync("/ru-ru/");
        var english = await site.GetPageAsync("/en-gb/");

        Assert.StartsWith("Hexapla: последние заявления", russian.QuerySelector("meta[name=description]")?.GetAttribute("content"), StringComparison.Ordinal);
        Assert.StartsWith("Hexapla: the latest statements", english.QuerySelector("meta[name=description]")?.GetAttribute("content"), StringComparison.Ordinal);
    }
}
