using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Site.NavigationSite;

namespace Hexapla.Tests.Site;

/// <summary>A document's kind and field values on its page, in the reader's language, from the live revision only.</summary>
public sealed class DocumentFieldsTests
{
    /// <summary>The rows of the page's field list: label, the value's text, and the value's element.</summary>
    private static List<(string Label, IElement LabelElement, string Value, IElement ValueElement)> Fields(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("article dl.fields > div").Select(row =>
        {
            var dt = row.QuerySelector("dt")!;
            var dd = row.QuerySelector("dd")!;
            return (dt.TextContent, dt, dd.TextContent, dd.FirstElementChild!);
        })];

    private static string Plain(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [Fact]
    public async Task DocumentPage_Russian_ShowsKindAndEveryFieldInRussian()
    {
        await using var site = await NavigationSite.StartAsync();
        var page = await site.GetPageAsync($"/ru-ru/{Briefing}");

        Assert.Equal("Брифинг", page.QuerySelector("article p.kind")!.TextContent);
        // The kind's name stands above the title, the fields under the date line.
        Assert.Equal("H1", page.QuerySelector("article p.kind")!.NextElementSibling!.TagName);
        var fields = Fields(page);
        Assert.Equal(["Докладчик", "Место", "Дата", "Номер", "Участники", "Источник"], fields.Select(f => f.Label));
        Assert.Equal("М. В. Захарова", fields[0].Value);
        Assert.Equal("Москва", fields[1].Value);
        Assert.Equal("27 ноября 2026 г.", Plain(fields[2].Value));
        Assert.Equal("2026-11-27", fields[2].ValueElement.GetAttribute("datetime"));
        Assert.Equal("12-34/5", fields[3].Value);
        Assert.Equal("BDI", fields[3].ValueElement.TagName);
        Assert.Equal("1500", fields[4].ValueElement.GetAttribute("value"));
        Assert.Equal("https://example.org/briefings/12", fields[5].ValueElement.GetAttribute("href"));
        Assert.Equal("A", fields[5].ValueElement.TagName);
        Assert.All(fields, f => Assert.Null(f.LabelElement.GetAttribute("lang")));
    }

    [Fact]
    public async Task DocumentPage_English_ShowsItsOwnTextValuesAndNoFallbackToTheOriginals()
    {
        await using var site = await NavigationSite.StartAsync();
        var page = await site.GetPageAsync($"/en-gb/{Briefing}");

        Assert.Equal("Briefing", page.QuerySelector("article p.kind")!.TextContent);
        var fields = Fields(page);
        // No English place was given: the row is left out rather than showing the Russian value.
        Assert.Equal(["Speaker", "Date of the briefing", "Number", "Attendees", "Source"], fields.Select(f => f.Label));
        Assert.Equal("M. Zakharova", fields[0].Value);
        Assert.Equal("27 November 2026", fields[1].Value);
        Assert.DoesNotContain("Москва", page.QuerySelector("article")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_WorkingCopyValues_NeverReachReaders()
    {
        await using var site = await NavigationSite.StartAsync();
        using var response = await site.Client.GetAsync($"/en-gb/{Briefing}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(WorkingWord, html, StringComparison.Ordinal);
        Assert.Contains("M. Zakharova", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_Arabic_LabelsInArabic_FallbacksMarked_DateInArabic()
    {
        await using var site = await NavigationSite.StartAsync();
        var page = await site.GetPageAsync($"/ar/{Briefing}");

        // The kind has no Arabic name: the default language's, marked as Russian.
        var kind = page.QuerySelector("article p.kind")!;
        Assert.Equal("Брифинг", kind.TextContent);
        Assert.Equal("ru-RU", kind.GetAttribute("lang"));
        Assert.Equal("ltr", kind.GetAttribute("dir"));
        var fields = Fields(page);
        Assert.Equal(["المتحدث", "التاريخ", "الرقم", "الحضور", "المصدر"], fields.Select(f => f.Label));
        Assert.All(fields, f => Assert.Null(f.LabelElement.GetAttribute("lang")));
        Assert.Equal("ماريا زاخاروفا", fields[0].Value);
        Assert.Contains("نوفمبر", fields[1].Value, StringComparison.Ordinal);
        Assert.Equal("2026-11-27", fields[1].ValueElement.GetAttribute("datetime"));
        Assert.Equal("ltr", fields[4].ValueElement.GetAttribute("dir"));
    }

    [Fact]
    public async Task DocumentPage_NoKind_ShowsNoKindAndNoFields()
    {
        await using var site = await NavigationSite.StartAsync();
        var page = await site.GetPageAsync($"/ru-ru/{OnlyRussian}");

        Assert.Null(page.QuerySelector("p.kind"));
        Assert.Null(page.QuerySelector("dl.fields"));
    }

    [Fact]
    public async Task DocumentPage_ShowOriginal_FieldsInTheReadersLanguageAroundTheOriginalsValues()
    {
        await using var site = await NavigationSite.StartAsync(new Dictionary<string, string?> { ["Hexapla:MissingTranslation"] = "ShowOriginal" });
        var page = await site.GetPageAsync($"/fr-fr/{Briefing}");

        // The French page shows the Russian original: the article is Russian, the site's words about it French (the chrome).
        Assert.Equal("ru-RU", page.QuerySelector("article")!.GetAttribute("lang"));
        var list = page.QuerySelector("article dl.fields")!;
        Assert.Equal("fr-FR", list.GetAttribute("lang"));
        var fields = Fields(page);
        // No French labels: the default language's, each marked as Russian inside the French list.
        Assert.Equal("Докладчик", fields[0].Label);
        Assert.Equal("ru-RU", fields[0].LabelElement.GetAttribute("lang"));
        Assert.Equal("М. В. Захарова", fields[0].Value);
        Assert.Equal("ru-RU", fields[0].ValueElement.GetAttribute("lang"));
        Assert.Equal("27 novembre 2026", fields.Single(f => f.ValueElement.TagName == "TIME").Value);
    }
}
