using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Cli;
using Hexapla.Interchange.Xliff;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Admin;

public sealed class XliffUiTests
{
    private const string Password = "correct horse battery";
    private const string Slug = "razvitie-situacii-v-irake";
    private static readonly XNamespace X = XliffWriter.Ns;

    [Fact]
    public async Task DownloadThenUpload_IntoThePublishedTranslation_SavesAWorkingCopy_PublicPageUnchanged_AndBrokenFileShowsEveryError()
    {
        // A translator of the language: uploading into a published translation is theirs to do now (it was refused).
        await using var site = await TestSite.StartAsync(prepare: (data, clock) => AdminClient.AddUserAsync(data, clock, "tom", Role.Translator, Password, "en-GB"));
        using var client = new AdminClient(site);
        await client.LoginOrFailAsync("tom", Password);
        var edit = $"/admin/documents/{Slug}/en-GB";
        Assert.Contains("Download XLIFF", await client.Http.GetStringAsync(edit), StringComparison.Ordinal);
        using var publicBefore = await site.Client.GetAsync($"/en-gb/{Slug}");
        var before = await publicBefore.Content.ReadAsStringAsync();
        var store = await AdminClient.OpenStoreAsync(site);
        var live = (await store.FindDocumentAsync(Slug))!.Version(Languages.LanguageTag.Parse("en-GB"))!;

        using var download = await client.Http.GetAsync($"{edit}/xliff");
        Assert.Equal("application/xliff+xml", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var xml = XDocument.Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal(10, xml.Descendants(X + "unit").Count());
        xml.Descendants(X + "unit").ElementAt(1).Descendants(X + "target").Single().ReplaceNodes("Iraq is still at the centre.");
        // A unit the translator did not confirm: its target (here a changed one) is a prefill and stays out.
        var unconfirmed = xml.Descendants(X + "unit").ElementAt(3);
        unconfirmed.Element(X + "segment")!.SetAttributeValue("state", "initial");
        unconfirmed.Descendants(X + "target").Single().ReplaceNodes("Machine prefill, never checked.");

        using (var response = await UploadAsync(client, edit, xml.ToString()))
        {
            // The outcome on a page of its own: what was saved, what was taken, which unit was left and why.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var outcome = await response.Content.ReadAsStringAsync();
            Assert.Contains("of the working copy; the live text is unchanged.", outcome, StringComparison.Ordinal);
            Assert.Contains("9 of 10 units taken from the file.", outcome, StringComparison.Ordinal);
            Assert.Contains($"1 unit left as it was, its target still “initial” (not confirmed in the CAT tool): <bdi dir=\"ltr\">{(string)unconfirmed.Attribute("id")!}</bdi>", outcome, StringComparison.Ordinal);
            Assert.Contains($"href=\"{edit}\"", outcome, StringComparison.Ordinal);
        }

        var version = (await store.FindDocumentAsync(Slug))!.Version(Languages.LanguageTag.Parse("en-GB"))!;
        Assert.StartsWith("Iraq is still at the centre.\n\n", version.Working!.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Machine prefill", version.Working.Body, StringComparison.Ordinal);
        Assert.Equal(Content.VersionState.Draft, version.Working.State);
        Assert.Equal("tom", version.Working.Author);
        Assert.Equal(Content.VersionState.Published, version.State);
        Assert.Equal(live.Body, version.Body);
        using (var publicAfter = await site.Client.GetAsync($"/en-gb/{Slug}"))
        {
            Assert.Equal(before, await publicAfter.Content.ReadAsStringAsync());
        }

        xml.Descendants(X + "unit").ElementAt(2).SetAttributeValue("id", "s42");
        using var refused = await UploadAsync(client, edit, xml.ToString().Replace("srcLang=\"ru-RU\"", "srcLang=\"de-DE\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("unit s42", page, StringComparison.Ordinal);
        Assert.Contains("srcLang is de-DE", page, StringComparison.Ordinal);
        Assert.Equal(version.Working.Revision, (await store.FindDocumentAsync(Slug))!.Version(version.Language)!.Latest.Revision);
    }

    [Fact]
    public async Task Cli_ExportThenImport_WritesOneFilePerDocumentAndSavesDraft()
    {
        var folder = TestSite.NewDataFolder();
        var data = Path.Combine(folder, "data");
        await using (var site = await TestSite.StartAsync(dataFolder: data))
        {
        }

        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        var document = (await store.FindDocumentAsync(Slug))!;
        var english = document.Version(Languages.LanguageTag.Parse("en-GB"))!;
        await store.SaveDocumentsAsync([document with { Versions = [.. document.Versions.Select(v => v == english ? v with { State = Content.VersionState.Draft, PublishedAt = null } : v)] }]);

        var export = await RunAsync("export", "xliff", "--source", "ru-RU", "--target", "en-GB", "--out", Path.Combine(folder, "out"), "--data", data);
        Assert.Equal(0, export.Exit);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(folder, "out")));
        Assert.EndsWith($"{Slug}.ru-RU-en-GB.xlf", file, StringComparison.Ordinal);

        var mixed = await RunAsync("import", file, Path.Combine(folder, "x.md"), "--data", data);
        Assert.Equal(1, mixed.Exit);

        var import = await RunAsync("import", file, "--data", data);
        Assert.True(import.Exit == 0, import.Error);
        Assert.Contains("as draft revision", import.Output, StringComparison.Ordinal);
        Assert.Contains(": took 10 of 10 units.", import.Output, StringComparison.Ordinal);

        // Every unit still initial (as a CAT tool that never confirmed them): refused, naming them, nothing written.
        var initial = XDocument.Load(file);
        foreach (var segment in initial.Descendants(X + "segment"))
        {
            segment.SetAttributeValue("state", "initial");
        }

        initial.Save(file);
        var refused = await RunAsync("import", file, "--data", data);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("no unit has a target marked translated, reviewed or final, so there is nothing to import (units title, s1, s2", refused.Error, StringComparison.Ordinal);
        Directory.Delete(folder, true);
    }

    private static async Task<HttpResponseMessage> UploadAsync(AdminClient client, string edit, string xml)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(await client.GetFormTokenAsync(edit)), "__RequestVerificationToken");
        var file = new StringContent(xml);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xliff+xml");
        content.Add(file, "file", "edited.xlf");
        return await client.Http.PostAsync($"{edit}/xliff", content);
    }
}
