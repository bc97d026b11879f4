using System.Text;
using Hexapla.Interchange;
using Hexapla.Sections;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Hexapla.Tests.Interchange.ImportStructure;

namespace Hexapla.Tests.Interchange;

/// <summary>Front matter <c>section:</c> and <c>kind:</c>: placed when known, refused naming what is known when not.</summary>
public sealed class ImportSectionKindTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Start);

    public void Dispose() => _folder.Dispose();

    private async Task<(SqliteContentStore Store, Importer Importer, Section MiddleEast)> OpenAsync()
    {
        var store = await _folder.OpenStoreAsync();
        var (_, middleEast) = await SeedAsync(store, _clock);
        return (store, new Importer(store, _clock), middleEast);
    }

    private static ImportFile File(string name, string frontMatter) =>
        new(name, Encoding.UTF8.GetBytes($"---\ntitle: Statement on Iraq\nlang: en-GB\n{frontMatter}---\n\nWe are following the situation in Iraq closely.\n"));

    [Fact]
    public async Task ImportAsync_SectionPathWithSlashes_PlacedThere_ThenAnotherFileMovesIt()
    {
        var (store, importer, middleEast) = await OpenAsync();

        await importer.ImportAsync([File("iraq.en-GB.md", "section: /regions/middle-east/\nkind: statement\n")], new ImportOptions());
        var first = (await store.FindDocumentAsync("iraq"))!;
        await importer.ImportAsync([File("iraq.en-GB.md", "section: press\nkind: statement\n")], new ImportOptions());
        var moved = (await store.FindDocumentAsync("iraq"))!;
        // A file that names neither keeps the document where it is.
        await importer.ImportAsync([File("iraq.en-GB.md", "summary: The situation in Iraq.\n")], new ImportOptions());
        var kept = (await store.FindDocumentAsync("iraq"))!;

        Assert.Equal((middleEast.Id, "statement"), (first.SectionId, first.Kind));
        var press = (await store.LoadStructureAsync()).SectionAt("press")!;
        Assert.Equal((press.Id, "statement"), (moved.SectionId, moved.Kind));
        Assert.Equal((press.Id, "statement"), (kept.SectionId, kept.Kind));
        var placed = (await store.ListAuditOfAsync("iraq")).Where(a => a.Action == "document.place").Select(a => a.Detail);
        Assert.Equal(["section regions/middle-east, kind statement from iraq.en-GB.md", "section press, kind statement from iraq.en-GB.md"], placed);
    }

    [Fact]
    public async Task ImportAsync_UnknownSection_RefusedNamingFileLineValueAndThePaths()
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync([File("iraq.en-GB.md", "kind: statement\nsection: regions/near-east\n")], new ImportOptions()));

        Assert.Equal("iraq.en-GB.md:5: section \"regions/near-east\" does not exist; the sections are press, regions, regions/middle-east", Assert.Single(refused.Errors).ToString());
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task ImportAsync_UnknownKind_RefusedNamingTheKinds()
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync([File("iraq.en-GB.md", "kind: interview\n")], new ImportOptions()));

        Assert.Equal("iraq.en-GB.md:4: kind \"interview\" does not exist; the kinds are briefing, statement", Assert.Single(refused.Errors).ToString());
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task ImportAsync_NoSectionsDefined_RefusalSaysSo()
    {
        var store = await _folder.OpenStoreAsync();

        var refused = await Assert.ThrowsAsync<ImportException>(() => new Importer(store, _clock).ImportAsync([File("iraq.en-GB.md", "section: regions\n")], new ImportOptions()));

        Assert.Contains("no sections are defined yet", Assert.Single(refused.Errors).Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task ImportAsync_NewDocumentWithASectionsSlug_RefusedNamingBoth()
    {
        var (store, importer, _) = await OpenAsync();

        var refused = await Assert.ThrowsAsync<ImportException>(() => importer.ImportAsync(
            [File("iraq.en-GB.md", "kind: statement\n"), File("middle-east.en-GB.md", "kind: statement\n")], new ImportOptions()));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("middle-east.en-GB.md", error.File);
        Assert.StartsWith("slug \"middle-east\" is the slug of section \"regions/middle-east\"", error.Reason, StringComparison.Ordinal);
        // One bad document refuses the run: the good one is not stored either.
        Assert.Equal(0, await store.CountDocumentsAsync());
    }
}
