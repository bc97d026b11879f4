using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Interchange.Sites;
using Hexapla.Languages;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Interchange;

/// <summary>
/// Folders written for other sites' generators (Fixtures/Sites, one folder per layout, each shaped as the generator's
/// documentation lays a multilingual site out) imported as documents with their translations paired.
/// </summary>
public sealed class SiteLayoutImportTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);

    public void Dispose() => _folder.Dispose();

    private static string Site(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sites", name);

    private async Task<(SqliteContentStore Store, ImportReport Report, ImportSelection Selection)> ImportAsync(string site, ImportOptions? options = null)
    {
        var selection = SiteLayouts.Select([Site(site)]);
        var store = await _folder.OpenStoreAsync();
        var report = await new Importer(store, _clock).ImportFilesAsync(selection.Documents, options ?? new ImportOptions());
        return (store, report, selection);
    }

    private static async Task<IReadOnlyList<(string Language, string Title)>> VersionsAsync(SqliteContentStore store, string slug)
    {
        var document = await store.FindDocumentAsync(slug);
        Assert.True(document is not null, $"no document \"{slug}\"");
        return [.. document.Versions.Select(v => (v.Language.Value, v.Title))];
    }

    private static string Relative(string site, string path) => Path.GetRelativePath(Site(site), path).Replace(Path.DirectorySeparatorChar, '/');

    [Fact]
    public async Task HugoFileSuffix_PairsByPathWithLanguageCodesAndPageBundles()
    {
        var (store, report, selection) = await ImportAsync("hugo-suffix");

        Assert.Equal(["about", "budget-talks"], report.Slugs.Order(StringComparer.Ordinal));
        Assert.Equal([("en-GB", "About the office"), ("ru-RU", "О пресс-службе")], await VersionsAsync(store, "about"));
        // The default language's file names the document; the Russian file's own slug is not a second document.
        Assert.Equal([("en-GB", "Budget talks resume"), ("ru-RU", "Переговоры о бюджете возобновились")], await VersionsAsync(store, "budget-talks"));
        Assert.Null(await store.FindDocumentAsync("peregovory-o-byudzhete"));
        var skipped = selection.Skipped.SelectMany(s => s.Files.Select(f => Relative("hugo-suffix", f))).Order(StringComparer.Ordinal);
        Assert.Equal(["README.md", "content/_index.md", "content/_index.ru.md", "content/about/photo.jpg", "static", "themes"], skipped);
        Assert.Equal(
            $"{Site("hugo-suffix")} (Hugo, hugo.toml: en as en-GB, ru as ru-RU; language from a file name suffix, the site's default; translations paired by path or translationKey)",
            Assert.Single(selection.Layouts));
    }

    [Fact]
    public async Task HugoFolderPerLanguage_ContentDirOfEachLanguage_PairsByPath()
    {
        var (store, report, _) = await ImportAsync("hugo-directory");

        Assert.Equal(["briefing", "contacts"], report.Slugs.Order(StringComparer.Ordinal));
        Assert.Equal(
            [("en-GB", "Briefing by the spokeswoman"), ("fr", "Point de presse de la porte-parole"), ("ru-RU", "Брифинг официального представителя")],
            await VersionsAsync(store, "briefing"));
        Assert.Equal([("en-GB", "Contacts")], await VersionsAsync(store, "contacts"));
        // The first version imported is the original unless a file says otherwise; Hugo's default language is not a claim about that.
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), (await store.FindDocumentAsync("briefing"))!.Version(LanguageTag.Parse("ru-RU"))!.PublishedAt);
    }

    [Fact]
    public async Task HugoFolderPerLanguage_ImportingTheContentFolder_FindsTheConfigurationAbove()
    {
        var selection = SiteLayouts.Select([Path.Combine(Site("hugo-directory"), "content")]);

        Assert.Equal(
            ["en-GB", "en-GB", "fr", "ru-RU"],
            selection.Documents.Select(d => d.Hint!.Language!.Value).Order(StringComparer.Ordinal));
        Assert.All(selection.Documents, d => Assert.Equal(SiteGenerator.Hugo, d.Hint!.Generator));
    }

    [Fact]
    public void HugoLanguagesWithoutContentDir_FolderNamedAfterALanguageKey_GivesTheLanguage()
    {
        _folder.Write("site/config.yaml", "defaultContentLanguage: en\nlanguages:\n  en:\n    weight: 1\n  zh-cn:\n    weight: 2\n");
        _folder.Write("site/content/en/faq.md", "---\ntitle: FAQ\n---\n\nQuestions.\n");
        _folder.Write("site/content/zh-cn/faq.md", "---\ntitle: 常见问题\n---\n\n问题。\n");
        _folder.Write("site/content/posts/hello.md", "---\ntitle: Hello\n---\n\nHello.\n");

        var selection = SiteLayouts.Select([_folder.Combine("site")]);

        Assert.Equal(
            [("en", "faq", false), ("en", "posts/hello", true), ("zh-CN", "faq", false)],
            selection.Documents.Select(d => (d.Hint!.Language!.Value, d.Hint.Key, d.Hint.LanguageIsDefault)).Order());
    }

    [Fact]
    public void HugoOneLanguage_TopLevelLanguageCode_IsTheDefault()
    {
        _folder.Write("site/hugo.toml", "baseURL = 'https://example.org/'\nlanguageCode = 'en-GB'\ntitle = 'Office'\n");
        _folder.Write("site/content/note.md", "---\ntitle: Note\n---\n\nText.\n");

        var hint = Assert.Single(SiteLayouts.Select([_folder.Combine("site")]).Documents).Hint!;

        Assert.Equal("en-GB", hint.Language!.Value);
        Assert.True(hint.LanguageIsDefault);
    }

    [Fact]
    public async Task HugoTranslationKey_PairsFilesWithDifferentNames()
    {
        var (store, report, _) = await ImportAsync("hugo-translationkey");

        Assert.Equal("talks-in-geneva", Assert.Single(report.Slugs));
        Assert.Equal([("en", "Talks in Geneva"), ("ru", "Переговоры в Женеве")], await VersionsAsync(store, "talks-in-geneva"));
    }

    [Fact]
    public async Task Jekyll_PostsInAFolderPerLanguageAndRefAndPermalinks_Paired()
    {
        var (store, report, selection) = await ImportAsync("jekyll");

        Assert.Equal(["about", "annual-report", "state-visit"], report.Slugs.Order(StringComparer.Ordinal));
        Assert.Equal([("en", "Annual report published"), ("ru", "Опубликован годовой отчёт")], await VersionsAsync(store, "annual-report"));
        Assert.Equal([("en", "State visit"), ("ru", "Государственный визит")], await VersionsAsync(store, "state-visit"));
        Assert.Equal([("en", "About"), ("ru", "О нас")], await VersionsAsync(store, "about"));
        // A post without a date in its front matter has the one its file name starts with.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), (await store.FindDocumentAsync("annual-report"))!.Versions[0].PublishedAt);
        var skipped = selection.Skipped.SelectMany(s => s.Files.Select(f => Relative("jekyll", f))).Order(StringComparer.Ordinal);
        Assert.Equal(["Gemfile", "_drafts", "_includes", "_layouts", "_site"], skipped);
    }

    [Fact]
    public async Task Hexo_PostsInAFolderPerLanguage_PairedAndScaffoldsLeftOut()
    {
        var (store, report, selection) = await ImportAsync("hexo");

        Assert.Equal("new-ambassador", Assert.Single(report.Slugs));
        Assert.Equal([("en", "New ambassador appointed"), ("ru", "Назначен новый посол")], await VersionsAsync(store, "new-ambassador"));
        // Hexo writes a local time without offset; _config.yml's timezone says where.
        Assert.Equal(new DateTimeOffset(2026, 9, 15, 7, 0, 0, TimeSpan.Zero), (await store.FindDocumentAsync("new-ambassador"))!.Version(LanguageTag.Parse("en"))!.PublishedAt);
        var skipped = selection.Skipped.SelectMany(s => s.Files.Select(f => Relative("hexo", f))).Order(StringComparer.Ordinal);
        Assert.Equal(["package.json", "scaffolds", "source/_drafts", "themes"], skipped);
    }

    [Fact]
    public async Task NoGenerator_LanguageFoldersSideBySideAndSuffixBesideUnsuffixed_Paired()
    {
        var (store, report, _) = await ImportAsync("plain");

        Assert.Equal(["getting-started", "memo"], report.Slugs.Order(StringComparer.Ordinal));
        Assert.Equal([("en", "Getting started"), ("ru", "Начало работы")], await VersionsAsync(store, "getting-started"));
        Assert.Equal([("en", "Memo to staff"), ("ru", "Записка сотрудникам")], await VersionsAsync(store, "memo"));
    }

    [Fact]
    public void FolderOfReadmes_NothingSelected_EachSkippedByItsRule()
    {
        var selection = SiteLayouts.Select([Site("readmes")]);

        Assert.Empty(selection.Documents);
        var lines = SiteLayouts.Describe(selection.Skipped).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.StartsWith("3 × READMEs", StringComparison.Ordinal) && l.Contains("docs", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1 × files that are not documents by name", StringComparison.Ordinal) && l.Contains("logo.svg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FrontMatterLanguageAgainstItsFolder_RefusedNamingTheFolder()
    {
        _folder.Write("site/hugo.toml", "[languages.en]\ncontentDir = \"content/en\"\n[languages.ru]\ncontentDir = \"content/ru\"\n");
        var bad = _folder.Write("site/content/ru/note.md", "---\ntitle: Notiz\nlang: de\n---\n\nEin deutscher Text im russischen Ordner.\n");
        var selection = SiteLayouts.Select([_folder.Combine("site")]);
        var store = await _folder.OpenStoreAsync();

        var e = await Assert.ThrowsAsync<ImportException>(() => new Importer(store, _clock).ImportFilesAsync(selection.Documents, new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal(Path.GetFullPath(bad), Path.GetFullPath(error.File));
        Assert.Contains("says de but the folder content/ru", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task LanguageUnsure_RefusedNamingTheFileAndAskingForLang()
    {
        // Two language folders side by side give no language to a file beside them; a short Romance text is undecidable.
        var file = _folder.Write("site/notes/nota.md", "---\ntitle: Nota\n---\n\nComo.\n");
        _folder.Write("site/notes/nota.pt.md", "---\ntitle: Nota\n---\n\nComo.\n");
        var selection = SiteLayouts.Select([_folder.Combine("site")]);
        var store = await _folder.OpenStoreAsync();

        var e = await Assert.ThrowsAsync<ImportException>(() => new Importer(store, _clock).ImportFilesAsync(selection.Documents, new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal(Path.GetFullPath(file), Path.GetFullPath(error.File));
        Assert.Contains("--lang", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFilesOneLanguageOneKey_RefusedNamingBoth()
    {
        _folder.Write("site/hugo.toml", "defaultContentLanguage = \"en\"\n[languages.en]\n[languages.ru]\n");
        var first = _folder.Write("site/content/a.md", "---\ntitle: A\ntranslationKey: same\n---\n\nText a.\n");
        var second = _folder.Write("site/content/b.md", "---\ntitle: B\ntranslationKey: same\n---\n\nText b.\n");
        var selection = SiteLayouts.Select([_folder.Combine("site")]);
        var store = await _folder.OpenStoreAsync();

        var e = await Assert.ThrowsAsync<ImportException>(() => new Importer(store, _clock).ImportFilesAsync(selection.Documents, new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Contains(Path.GetFileName(first), error.File + error.Reason, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(second), error.File + error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HugoLanguageThatIsNoTag_RefusedNamingTheConfiguration()
    {
        _folder.Write("site/hugo.toml", "[languages.english]\nweight = 1\n");
        _folder.Write("site/content/a.md", "Text.\n");

        var e = Assert.Throws<ImportException>(() => SiteLayouts.Select([_folder.Combine("site")]));

        var error = Assert.Single(e.Errors);
        Assert.EndsWith("hugo.toml", error.File, StringComparison.Ordinal);
        Assert.Contains("\"english\"", error.Reason, StringComparison.Ordinal);
        Assert.Contains("languageCode", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_config.yml", 1)]
    [InlineData("hugo.yaml", 1)]
    [InlineData("_config.yml", 2)]
    public void HostileSiteConfiguration_RefusedNamingTheFileWithoutCrashing(string name, int shape)
    {
        var text = shape == 1
            ? "languages: " + new string('[', 200_000) + "\n"
            : "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n? [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n: languages\n";
        var config = _folder.Write("site/" + name, text);
        _folder.Write("site/source/_posts/a.md", "Text.\n");
        _folder.Write("site/content/a.md", "Text.\n");

        var e = Assert.Throws<ImportException>(() => SiteLayouts.Select([_folder.Combine("site")]));

        var error = Assert.Single(e.Errors);
        Assert.Equal(config, error.File);
        Assert.Contains("not valid YAML", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("centered.md", "The Hexapla & friends", "the-hexapla-friends")]
    [InlineData("setext.md", "Talks resume in Vienna", "talks-resume-in-vienna")]
    [InlineData("later-heading.md", "Quarterly figures report", "quarterly-figures-report")]
    public async Task Title_FirstHeadingsTextNeverMarkup(string file, string title, string slug)
    {
        var store = await _folder.OpenStoreAsync();
        var path = Path.Combine(Site("titles"), file);

        var report = await new Importer(store, _clock).ImportAsync([ImportFile.Read(path)], new ImportOptions { Language = LanguageTag.Parse("en-GB") });

        Assert.Equal(slug, Assert.Single(report.Slugs));
        var version = (await store.FindDocumentAsync(slug))!.Versions[0];
        Assert.Equal(title, version.Title);
        Assert.DoesNotContain("<", version.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Title_LeadingSetextHeadingLeavesTheBody()
    {
        var store = await _folder.OpenStoreAsync();

        await new Importer(store, _clock).ImportAsync([ImportFile.Read(Path.Combine(Site("titles"), "setext.md"))], new ImportOptions { Language = LanguageTag.Parse("en-GB") });

        Assert.Equal("The talks resumed on Monday.", (await store.FindDocumentAsync("talks-resume-in-vienna"))!.Versions[0].Body);
    }
}
