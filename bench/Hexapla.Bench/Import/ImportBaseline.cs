using System.Text;
using Microsoft.Data.Sqlite;

namespace Hexapla.Bench.Import;

/// <summary>
/// The baseline of the import benchmark: the least a store with full-text search must do with the same files. Each
/// file is read and split at its front-matter fences (no YAML parse: the title line is taken as it is), and its slug,
/// language, title and body go into a plain table and an FTS5 table (<c>unicode61</c>, no stemming) of a fresh SQLite
/// file in WAL mode, in one transaction, on one thread, with prepared statements.
/// </summary>
/// <remarks>
/// Hexapla does more per file: a YAML parse, Markdown checks, segmentation and segment links, a revision row,
/// translation-memory pairs, and a Lucene index with stemming and stored fields. The ratio says what all that costs.
/// </remarks>
internal static class ImportBaseline
{
    /// <summary>Imports every <c>.md</c> file under <paramref name="folder"/> into a new database at <paramref name="path"/>.</summary>
    /// <returns>How many rows were inserted.</returns>
    public static int Run(string folder, string path, Action<int>? advance)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE versions (id INTEGER PRIMARY KEY, slug TEXT NOT NULL, lang TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (slug, lang));
                CREATE VIRTUAL TABLE versions_fts USING fts5 (title, body, content = 'versions', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
                """;
            schema.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO versions (slug, lang, title, body) VALUES ($slug, $lang, $title, $body);
            INSERT INTO versions_fts (rowid, title, body) VALUES (last_insert_rowid(), $title, $body);
            """;
        var slug = insert.Parameters.Add("$slug", SqliteType.Text);
        var lang = insert.Parameters.Add("$lang", SqliteType.Text);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var rows = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var dot = name.LastIndexOf('.');
            var text = File.ReadAllText(file, Encoding.UTF8);
            var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
            var head = text[4..end];
            var titleStart = head.IndexOf("title: ", StringComparison.Ordinal) + 7;
            slug.Value = name[..dot];
            lang.Value = name[(dot + 1)..];
            title.Value = head[titleStart..head.IndexOf('\n', titleStart)].Trim('"');
            body.Value = text[(end + 5)..].Trim();
            insert.ExecuteNonQuery();
            rows++;
            advance?.Invoke(1);
        }

        transaction.Commit();
        return rows;
    }
}
