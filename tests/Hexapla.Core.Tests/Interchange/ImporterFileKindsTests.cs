using Hexapla.Interchange;
using Hexapla.Interchange.Sites;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Interchange;

/// <summary>Files taken by what they are (Fixtures/Sites/kinds), not by their names: documents, XLIFF, TMX, and the rest refused with their kind.</summary>
public sealed class ImporterFileKindsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Kind(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sites", "kinds", name);

    [Theory]
    [InlineData("sample.ru.po", "a gettext catalogue, not a document")]
    [InlineData("catalogue.txt", "a gettext catalogue, not a document")]
    [InlineData("package.json", "an npm package manifest, not a document")]
    [InlineData("ru.yml", "a YAML file (such as a locale file or a site configuration), not a document")]
    [InlineData("messages.md", "a JSON file (such as a locale catalogue or a manifest), not a document")]
    [InlineData("page.html", "an HTML page, not a document")]
    [InlineData("Makefile", "a file without an extension, not a document")]
    public void Select_FileThatIsNoDocument_RefusedWithItsKind(string name, string refusal)
    {
        var selection = SiteLayouts.Select([Kind(name)]);

        Assert.Empty(selection.Documents);
        var error = Assert.Single(selection.Refused);
        Assert.Equal(Kind(name), error.File);
        Assert.StartsWith(refusal, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_XliffAndTmxByContent_RoutedWhateverTheExtension()
    {
        var selection = SiteLayouts.Select([Kind("translated.xml"), Kind("memory.xml")]);

        Assert.Equal([Kind("translated.xml")], selection.Xliff);
        Assert.Equal([Kind("memory.xml")], selection.Tmx);
        Assert.Empty(selection.Documents);
        Assert.Empty(selection.Refused);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "photo.md", "an image")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "report.txt", "a PDF document")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "statement.md", "a ZIP archive")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x41, 0x00 }, "note.txt", "UTF-16 text")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01 }, "tool", "a binary file")]
    public void Of_BinaryStart_SaysWhatItIs(byte[] head, string name, string what)
    {
        var kind = FileKinds.Of(name, head);

        Assert.Equal(FileRoute.Refused, kind.Route);
        Assert.StartsWith(what, kind.What, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("note.md", "<div align=\"center\">\n<h1>Title</h1>\n</div>\n\nText.\n")]
    [InlineData("note.md", "---\ntitle: T\n---\n\nText.\n")]
    [InlineData("note.txt", "• en-GB1 ru-RU1\n\nText.\n")]
    [InlineData("note.markdown", "{not json} but a sentence.\n")]
    [InlineData("note.md", "<svg onload=\"alert(1)\"></svg>\n\nText shown as text.\n")]
    [InlineData("note.md", "<html>\n\nText.\n")]
    [InlineData("gettext.md", "# Translating with gettext\n\nA catalogue holds pairs:\n\nmsgid \"Home\"\nmsgstr \"Главная\"\n")]
    public void Of_TextDocument_IsADocument(string name, string text)
    {
        Assert.Equal(FileRoute.Document, FileKinds.Of(name, System.Text.Encoding.UTF8.GetBytes(text)).Route);
    }

    [Fact]
    public async Task ImportAsync_GettextNamedAsMarkdown_RefusedAndNothingStored()
    {
        var store = await _folder.OpenStoreAsync();
        var file = new ImportFile("strings.ru.md", System.Text.Encoding.UTF8.GetBytes("msgid \"Home\"\nmsgstr \"Главная\"\n"));

        var e = await Assert.ThrowsAsync<ImportException>(() => new Importer(store, new FakeTimeProvider()).ImportAsync([file], new ImportOptions()));

        var error = Assert.Single(e.Errors);
        Assert.Equal("strings.ru.md", error.File);
        Assert.StartsWith("a gettext catalogue, not a document", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Fact]
    public void Select_DocumentNamedFileInAFolderThatIsNoDocument_Refused()
    {
        _folder.Write("in/good.en.md", "# Good\n\nText.\n");
        var bad = _folder.Write("in/locale.md", "{\n  \"home\": \"Home\"\n}\n");

        var selection = SiteLayouts.Select([_folder.Combine("in")]);

        var error = Assert.Single(selection.Refused);
        Assert.Equal(Path.GetFullPath(bad), Path.GetFullPath(error.File));
        Assert.Contains("JSON", error.Reason, StringComparison.Ordinal);
    }
}
