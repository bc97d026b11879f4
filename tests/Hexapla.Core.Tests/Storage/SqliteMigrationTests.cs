using Hexapla.Content;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hexapla.Tests.Storage;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A store file with the migrations up to <paramref name="version"/> applied, then <paramref name="rows"/> run.</summary>
    private string StoreAtSchema(int version, string rows)
    {
        var path = _folder.Combine("hexapla.db");
        using var connection = new SqliteConnection($"Data Source={path};Foreign Keys=True;Pooling=False");
        connection.Open();
        foreach (var (number, sql) in SqliteMigrator.Migrations.Where(m => m.Number <= version))
        {
            Execute(connection, sql + $"\nPRAGMA user_version = {number};");
        }

        Execute(connection, rows);
        return path;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task OpenAsync_StoreAtSchema2_KeepsDocumentsVersionsAndRevisionsThroughTheTableRebuild()
    {
        var path = StoreAtSchema(2, """
            INSERT INTO documents (id, slug, original_language, created_at, updated_at) VALUES (1, 'old', 'ru-RU', 1000, 2000);
            INSERT INTO versions (id, document_id, language, title, summary, body, state, published_at, revision, source_revision, updated_at)
            VALUES (7, 1, 'ru-RU', 'Заголовок', NULL, 'Текст', 'published', 1500, 2, NULL, 2000),
                   (8, 1, 'en-GB', 'Title', 'Sum', 'Text', 'draft', NULL, 1, 2, 2000);
            INSERT INTO revisions (version_id, revision, title, summary, body, created_at)
            VALUES (7, 1, 'Заголовок', NULL, 'Старый текст', 1000), (7, 2, 'Заголовок', NULL, 'Текст', 2000);
            """);

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
    public async Task OpenAsync_StoreWithUsersFromBeforeStamps_GivesEachTheirOwnSecurityStamp()
    {
        var path = StoreAtSchema(3, """
            INSERT INTO users (id, name, role, password_hash, disabled, created_at) VALUES (1, 'anna', 'admin', 'h1', 0, 1000), (2, 'boris', 'editor', 'h2', 0, 1000);
            """);

        var store = await SqliteContentStore.OpenAsync(path);
        var stamps = (await store.ListUsersAsync()).Select(u => u.SecurityStamp).ToList();

        Assert.Equal(2, stamps.Count);
        Assert.All(stamps, stamp => Assert.Equal(32, stamp.Length));
        Assert.NotEqual(stamps[0], stamps[1]);
    }

    [Fact]
    public async Task OpenAsync_StoreAtSchema5_KeysEveryMemoryPairAndStillRefusesDuplicates()
    {
        var path = StoreAtSchema(5, """
            INSERT INTO tm_units (id, source_lang, target_lang, source, target, source_length, origin, created_at)
            VALUES (3, 'ru-RU', 'en-GB', 'Развитие ситуации в Ираке.', 'The situation in Iraq.', 26, 'document a r1', 1000),
                   (9, 'ru-RU', 'en-GB', 'Москва', 'Moscow', 6, 'tmx b.tmx', 2000);
            """);

        var store = await SqliteContentStore.OpenAsync(path);

        using (var check = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            check.Open();
            using var command = check.CreateCommand();
            command.CommandText = "SELECT id, source, target, pair_key, origin FROM tm_units ORDER BY id;";
            using var reader = command.ExecuteReader();
            var rows = new List<(long, string, byte[])>();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(4), (byte[])reader.GetValue(3)));
                Assert.Equal(MemoryKey.Of(reader.GetString(1), reader.GetString(2)), (byte[])reader.GetValue(3));
            }

            Assert.Equal([3L, 9L], rows.Select(r => r.Item1));
            Assert.Equal(["document a r1", "tmx b.tmx"], rows.Select(r => r.Item2));
        }

        var ru = Hexapla.Languages.LanguageTag.Parse("ru-RU");
        var en = Hexapla.Languages.LanguageTag.Parse("en-GB");
        Assert.Equal(0, await store.AddAsync([new MemoryUnit(ru, en, "Москва", "Moscow", "again", DateTimeOffset.UnixEpoch)]));
        Assert.Equal(1, await store.AddAsync([new MemoryUnit(ru, en, "Москва", "Moscow!", "new", DateTimeOffset.UnixEpoch)]));
        Assert.Equal("The situation in Iraq.", Assert.Single(await store.FindMatchesAsync(ru, en, "Развитие ситуации в Ираке.", 1.0)).Unit.Target);
    }

    [Fact]
    public void MemoryKey_TellsPairsApartWhereTheirTextsRunTogether()
    {
        Assert.Equal(MemoryKey.Length, MemoryKey.Of("a", "b").Length);
        Assert.Equal(MemoryKey.Of("Мир", "Peace"), MemoryKey.Of("Мир", "Peace"));
        Assert.NotEqual(MemoryKey.Of("ab", "c"), MemoryKey.Of("a", "bc"));
        Assert.NotEqual(MemoryKey.Of("a", "b"), MemoryKey.Of("b", "a"));
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
