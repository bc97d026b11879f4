using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Admin;

/// <summary>The glossary page: editors add, delete and import; everyone signed in reads and downloads.</summary>
public sealed class GlossaryUiTests
{
    private const string Password = "correct horse battery";
    private const string Page = "/admin/glossary?source=ru-RU&target=en-GB";

    private static Task<TestSite> StartAsync() => TestSite.StartAsync(prepare: async (data, clock) =>
    {
        await AdminClient.AddUserAsync(data, clock, "ed", Role.Editor, Password);
        await AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB");
    });

    private static async Task<HttpResponseMessage> UploadAsync(AdminClient client, string csv)
    {
        var token = await client.GetFormTokenAsync(Page);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("import"), "action" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "terms.csv" },
        };
        return await client.Http.PostAsync(Page, content);
    }

    [Fact]
    public async Task Import_BadCsvRefusedWithLine_NothingStored_GoodCsvImported_TranslatorReadsOnly()
    {
        await using var site = await StartAsync();
        using var editor = new AdminClient(site);
        await editor.LoginOrFailAsync("ed", Password);
        var store = await AdminClient.OpenStoreAsync(site);
        var (ru, en) = (LanguageTag.Parse("ru-RU"), LanguageTag.Parse("en-GB"));

        using var bad = await UploadAsync(editor, "term,translation,note\nБагдад,Baghdad\n\"Мосул,Mosul\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("terms.csv, line 3: a quoted field is never closed.", (await TestContent.ParseAsync(bad)).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(await store.ListGlossaryAsync(ru, en));

        using var good = await UploadAsync(editor, "term,translation,note\nБагдад,Baghdad,\"capital, city\"\n");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal([new GlossaryTerm("Багдад", "Baghdad", "capital, city")], await store.ListGlossaryAsync(ru, en));

        using var download = await editor.Http.GetAsync("/admin/glossary/export?source=ru-RU&target=en-GB");
        Assert.Equal("term,translation,note\r\nБагдад,Baghdad,\"capital, city\"\r\n", await download.Content.ReadAsStringAsync());

        using var translator = new AdminClient(site);
        await translator.LoginOrFailAsync("tom", Password);
        using var read = await translator.Http.GetAsync(Page);
        var page = new HtmlParser().ParseDocument(await read.Content.ReadAsStringAsync());
        Assert.Equal("Baghdad", page.QuerySelector("table.glossary tbody td:nth-child(2)")!.TextContent);
        Assert.Null(page.QuerySelector("input[type=file]"));
        using var refused = await translator.PostFormAsync(Page, [new("action", "delete"), new("term", "Багдад")], formPage: "/admin/translations");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Single(await store.ListGlossaryAsync(ru, en));
    }
}
