using System.Net;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>Translation memory matches on a translation's edit page, and Insert without script.</summary>
public sealed class MemoryUiTests
{
    private const string Password = "correct horse battery";
    private const string Sample = "razvitie-situacii-v-irake";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OutdatedSegment_ShowsItsOldPairAsAMatch_AndInsertPutsItInTheBody(bool crowded)
    {
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password));
        using var ed = new AdminClient(site);
        await ed.LoginOrFailAsync("ed", Password);
        var store = await AdminClient.OpenStoreAsync(site);
        var document = (await store.FindDocumentAsync(Sample))!;
        var russian = document.Version(LanguageTag.Parse("ru-RU"))!;
        var english = document.Version(LanguageTag.Parse("en-GB"))!;
        var oldParagraph = russian.Body.Split("\n\n")[0];
        Assert.Contains("эпицентре", oldParagraph, StringComparison.Ordinal);

        // The original's first paragraph changes by one word: the English one is outdated, and the memory holds the old pair.
        using (var saved = await ed.PostFormAsync($"/admin/documents/{Sample}/ru-RU", [
            new("title", russian.Title), new("summary", russian.Summary ?? ""), new("body", russian.Body.Replace("эпицентре", "центре", StringComparison.Ordinal)),
            new("note", "One word changed."), new("revision", "1"), new("action", "save")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        if (crowded)
        {
            // As in a large memory: more pairs of the changed paragraph's own length than a lookup reads by length. The
            // old pair is still found, among the pairs of the documents most like the paragraph.
            var length = oldParagraph.Replace("эпицентре", "центре", StringComparison.Ordinal).Trim().Length;
            var ru = LanguageTag.Parse("ru-RU");
            var noise = Enumerable.Range(0, 600)
                .Select(i => new MemoryUnit(ru, LanguageTag.Parse("en-GB"), $"Шум {i:D4} ".PadRight(length, 'ж'), $"Noise {i}", "tmx noise.tmx", DateTimeOffset.UtcNow))
                .ToList();
            Assert.All(noise, n => Assert.Equal(length, n.Source.Length));
            await ((ITranslationMemory)store).AddAsync(noise);
        }

        using var response = await ed.Http.GetAsync($"/admin/documents/{Sample}/en-GB");
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var section = page.QuerySelector("section.memory");
        Assert.NotNull(section);
        var match = section.QuerySelector(".memory-matches li")!;
        Assert.Contains($"document {Sample} r1", match.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^\d\d %$", match.QuerySelector(".badge")!.TextContent);
        var englishParagraph = english.Body.Split("\n\n")[0];
        Assert.Equal(englishParagraph, match.QuerySelector("blockquote")!.TextContent);

        // Insert posts the editor's own form back as a preview, the body in the textarea, nothing saved.
        var form = match.QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("action", "preview"));
        using var inserted = await ed.PostFormAsync(form.GetAttribute("action")!, fields, formPage: $"/admin/documents/{Sample}/en-GB");
        Assert.Equal(HttpStatusCode.OK, inserted.StatusCode);
        var after = new HtmlParser().ParseDocument(await inserted.Content.ReadAsStringAsync());
        Assert.Contains(englishParagraph, after.QuerySelector("textarea#body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, (await store.FindDocumentAsync(Sample))!.Version(LanguageTag.Parse("en-GB"))!.Revision);
    }
}
