using Hexapla.Content;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hexapla.Tests.Storage;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task OpenAsync_StoreAtSchema2_KeepsDocumentsVersionsAndRevisionsThroughTheTableRebuild()
    {
        var path = _folder.Combine("hexapla.db");
        using (var connection = new SqliteConnection($"Data Source={path};Foreign Keys=True;Pooling=False"))
        {
            connection.Open();
            foreach (var (number, sql) in SqliteMigrator.Migrations.Where(m => m.Number <= 2))
            {
                Execute(connection, sql + $"\nPRAGMA user_version = {number};");
            }

            Execute(connection, """
                INSERT INTO documents (id, slug, original_language, created_at, updated_at) VALUES (1, 'old', 'ru-RU', 1000, 2000);
                INSERT INTO versions (id, document_id, language, title, summary, body, state, published_at, revision, source_revision, updated_at)
                VALUES (7, 1, 'ru-RU', 'Заголовок', NULL, 'Текст', 'published', 1500, 2, NULL, 2000),
                       (8, 1, 'en-GB', 'Title', 'Sum', 'Text', 'draft', NULL, 1, 2, 2000);
                INSERT INTO revisions (version_id, revision, title, summary, body, created_at)
                VALUES (7, 1, 'Заголовок', NULL, 'Старый текст', 1000), (7, 2, 'Заголовок', NULL, 'Текст', 2000);
                """);
        }

        var store = await SqliteContentStore.OpenAsync(path);
        var document = (await store.FindDocumentAsync("old"))!;

        Assert.Equal(["en-GB", "ru-RU"], document.Versions.Select(v => v.Language.Value));
        var russian = document.Versions.Single(v => v.Language.Value == "ru-RU");
        Assert.Equal((VersionState.Published, 2, "Текст"), (russian.State, russian.Revision, russian.Body));
        var english = document.Versions.Single(v => v.Language.Value == "en-GB");
        Assert.Equal((VersionState.Draft, 2, "Sum"), (english.State, english.SourceRevision, english.Summary));
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT count(*) FROM revisions WHERE version_id = 7; PRAGMA foreign_key_check;";
        Assert.Equal(2L, (long)command.ExecuteScalar()!);
        command.CommandText = "PRAGMA foreign_key_check;";
        Assert.Null(command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version;";
        Assert.Equal((long)SqliteMigrator.LatestVersion, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task OpenAsync_NewStore_AcceptsEveryWorkflowState()
    {
        var store = await SqliteContentStore.OpenAsync(_folder.Combine("hexapla.db"));
        var languages = new[] { "en-GB", "ru-RU", "fr-FR", "de-DE", "es-ES" };
        var states = Enum.GetValues<VersionState>();
        var document = new Document
        {
            Slug = "states",
            OriginalLanguage = Hexapla.Languages.LanguageTag.Parse("en-GB"),
            Versions = [.. states.Select((state, i) => new LanguageVersion
            {
                Language = Hexapla.Languages.LanguageTag.Parse(languages[i]),
                Title = state.Name(),
                Body = "Body",
                State = state,
            })],
        };

        await store.SaveDocumentsAsync([document]);
        var stored = (await store.FindDocumentAsync("states"))!;

        Assert.Equal(states.Order(), stored.Versions.Select(v => v.State).Order());
        Assert.All(stored.Versions, v => Assert.Equal(v.State.Name(), v.Title));
    }
}
