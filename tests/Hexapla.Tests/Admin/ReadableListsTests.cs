using System.Net;
using System.Text.RegularExpressions;
using Hexapla.Accounts;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>
/// Every list, filter, count and search of the admin shows only versions the user may read: a translator's filters
/// must not match, count or list the titles of versions in languages they may not read (an embargoed title could be
/// recovered letter by letter from "matches" and "does not match").
/// </summary>
public sealed partial class ReadableListsTests
{
    private const string Password = "correct horse battery";

    // UnpublishedVersions gives the Iraq statement (original ru-RU) a draft fr-FR "quokkadraft", an in-review de-DE
    // "wombatreview", an approved es-ES "numbatapproved", an embargoed it-IT "bilbyembargo", an unpublished pt-PT.
    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
    {
        await UnpublishedVersions.PrepareAsync(data, clock);
        await AdminClient.AddUserAsync(data, clock, "anna", Role.Admin, Password);
        await AdminClient.AddUserAsync(data, clock, "pierre", Role.Translator, Password, "fr-FR");
    });

    private static async Task<AdminClient> SignInAsync(TestSite site, string name)
    {
        var client = new AdminClient(site);
        await client.LoginOrFailAsync(name, Password);
        return client;
    }

    private static async Task<(long Total, string Page)> DocumentsAsync(AdminClient client, string query)
    {
        using var response = await client.Http.GetAsync("/admin/?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        return (long.Parse(Total().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), page);
    }

    [GeneratedRegex("""<p class="hint">(\d+) documents?</p>""")]
    private static partial Regex Total();

    [Theory]
    [InlineData("q=wombatreview")]
    [InlineData("q=wom")]
    [InlineData("lang=de-DE")]
    [InlineData("lang=de-DE&q=w")]
    [InlineData("lang=it-IT&q=bilby")]
    [InlineData("state=in_review")]
    [InlineData("state=approved")]
    [InlineData("lang=es-ES&state=approved&q=numbat")]
    public async Task DocumentList_TranslatorFiltersOnLanguagesTheyMayNotRead_MatchAndCountNothing(string query)
    {
        await using var site = await StartAsync();
        using var anna = await SignInAsync(site, "anna");
        using var pierre = await SignInAsync(site, "pierre");

        var (adminTotal, _) = await DocumentsAsync(anna, query);
        var (total, page) = await DocumentsAsync(pierre, query);

        Assert.Equal(1, adminTotal);
        Assert.Equal(0, total);
        Assert.Contains("No documents match.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("razvitie-situacii-v-irake", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentList_TranslatorSeesTheirLanguageAndOriginals_AndNoOtherTitle()
    {
        await using var site = await StartAsync();
        using var pierre = await SignInAsync(site, "pierre");

        var (own, _) = await DocumentsAsync(pierre, "lang=fr-FR&q=quokka");
        var (original, _) = await DocumentsAsync(pierre, "lang=ru-RU");
        var (all, page) = await DocumentsAsync(pierre, "q=Title");

        Assert.Equal(1, own);
        Assert.Equal(1, original);
        Assert.Equal(2, all); // the Iraq statement by its fr-FR title, the draft-only document by its en-GB original
        foreach (var word in new[] { "wombatreview", "numbatapproved", "bilbyembargo", "dingounpublished" })
        {
            Assert.DoesNotContain(word, page, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("q=wombatreview")]
    [InlineData("q=bilby")]
    [InlineData("q=wombatreview&lang=fr-FR")]
    [InlineData("q=numbat&lang=fr-FR")]
    public async Task TranslationMatrix_TranslatorSearchesTitlesTheyMayNotRead_MatchesAndCountsNothing(string query)
    {
        await using var site = await StartAsync();
        using var anna = await SignInAsync(site, "anna");
        using var pierre = await SignInAsync(site, "pierre");

        var adminPage = await anna.Http.GetStringAsync("/admin/translations?" + query);
        var page = await pierre.Http.GetStringAsync("/admin/translations?" + query);

        Assert.Contains("razvitie-situacii-v-irake", adminPage, StringComparison.Ordinal);
        Assert.Contains("No document matches.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("razvitie-situacii-v-irake", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"totals\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslationMatrix_TranslatorFindsTheirOwnLanguageAndOriginalTitles()
    {
        await using var site = await StartAsync();
        using var pierre = await SignInAsync(site, "pierre");

        var own = await pierre.Http.GetStringAsync("/admin/translations?q=quokkadraft");
        var original = await pierre.Http.GetStringAsync("/admin/translations?q=" + Uri.EscapeDataString("Развитие"));

        Assert.Contains("razvitie-situacii-v-irake", own, StringComparison.Ordinal);
        Assert.Contains("razvitie-situacii-v-irake", original, StringComparison.Ordinal);
    }
}
