using Hexapla.Accounts;
using Hexapla.Editorial;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// Versions in every state a reader must not see, added to the Iraq statement of a test site (and one document that
/// is only a draft): the fixture of the tests that look for leaks, on the live site and in a static export.
/// </summary>
public static class UnpublishedVersions
{
    /// <summary>When the embargoed version becomes public.</summary>
    public static DateTimeOffset Embargo { get; } = TestSite.Start.AddHours(3);

    /// <summary>Each secret word appears only in one version that readers must not see, title and body.</summary>
    public static IReadOnlyList<(string Language, string Word, string State)> Secrets { get; } =
    [
        ("fr-FR", "quokkadraft", "draft"),
        ("de-DE", "wombatreview", "in review"),
        ("es-ES", "numbatapproved", "approved"),
        ("it-IT", "bilbyembargo", "embargoed"),
        ("pt-PT", "dingounpublished", "unpublished"),
        ("en-GB", "potoroodraftonly", "a document that is only a draft"),
        ("ru-RU", "wallabyworking", "a draft working copy over the live original"),
        ("en-GB", "quollreviewcopy", "a working copy in review over the live translation, and its note"),
    ];

    /// <summary>The languages that have only versions readers must not see (before the embargo).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fr-FR", "de-DE", "es-ES", "it-IT", "pt-PT"];

    /// <summary>Writes the versions through the newsroom, as editors would; for <see cref="TestSite.StartAsync"/>'s <c>prepare</c>.</summary>
    public static async Task PrepareAsync(string data, FakeTimeProvider clock)
    {
        var admin = new User(1, "admin", Role.Admin, [], false, clock.GetUtcNow());
        var reviewer = new User(2, "reviewer", Role.Reviewer, [], false, clock.GetUtcNow());
        var store = await SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));
        using var index = LuceneSearchIndex.Open(SearchSetup.IndexFolder(data));
        var newsroom = new Newsroom(store, index, clock);
        const string Slug = "razvitie-situacii-v-irake";

        async Task VersionAsync(string language, string word) =>
            await newsroom.SaveVersionAsync(admin, Slug, LanguageTag.Parse(language), new VersionEdit($"Title {word}", $"The body says {word} twice: {word}.", $"Summary {word}"), null);

        await VersionAsync("fr-FR", "quokkadraft");
        await VersionAsync("de-DE", "wombatreview");
        await newsroom.SubmitAsync(admin, Slug, LanguageTag.Parse("de-DE"));
        await VersionAsync("es-ES", "numbatapproved");
        await ApproveAsync("es-ES");
        await VersionAsync("it-IT", "bilbyembargo");
        await ApproveAsync("it-IT");
        await newsroom.PublishAsync(admin, Slug, LanguageTag.Parse("it-IT"), Embargo);
        await VersionAsync("pt-PT", "dingounpublished");
        await ApproveAsync("pt-PT");
        await newsroom.PublishAsync(admin, Slug, LanguageTag.Parse("pt-PT"));
        await newsroom.UnpublishAsync(admin, Slug, LanguageTag.Parse("pt-PT"));

        // A correction under way over the live original (a draft: the original is readable by every translator, whose
        // list filters on in review and approved must still match only what they may read): readers keep the live text.
        var russian = (await store.FindDocumentAsync(Slug))!.Version(LanguageTag.Parse("ru-RU"))!;
        await newsroom.SaveVersionAsync(admin, Slug, russian.Language,
            new VersionEdit($"{russian.Title} wallabyworking", $"{russian.Body}\n\nThe body says wallabyworking twice: wallabyworking.", "Summary wallabyworking", "A correction."), russian.Latest.Revision);

        // A translator's working copy over the live translation, in review; its note, never public, names the word too.
        var english = (await store.FindDocumentAsync(Slug))!.Version(LanguageTag.Parse("en-GB"))!;
        await newsroom.SaveVersionAsync(admin, Slug, english.Language,
            new VersionEdit("Title quollreviewcopy", "The body says quollreviewcopy twice: quollreviewcopy.", "Summary quollreviewcopy", "Note quollreviewcopy"), english.Latest.Revision);
        await newsroom.SubmitAsync(admin, Slug, english.Language);
        await newsroom.CreateDocumentAsync(admin, new NewDocument("draft-only", LanguageTag.Parse("en-GB"), "Title potoroodraftonly", "The body says potoroodraftonly.", "Summary potoroodraftonly"));

        async Task ApproveAsync(string language)
        {
            await newsroom.SubmitAsync(admin, Slug, LanguageTag.Parse(language));
            await newsroom.ApproveAsync(reviewer, Slug, LanguageTag.Parse(language));
        }
    }
}
