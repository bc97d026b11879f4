using System.Globalization;
using Hexapla.Bench.Queries;
using Hexapla.Content;
using Hexapla.Languages;
using Microsoft.Data.Sqlite;

namespace Hexapla.Bench;

/// <summary>
/// The baseline: SQLite FTS5, as bundled with Microsoft.Data.Sqlite, in a fresh file. One FTS5 table per language,
/// because a search is always in one language and a per-language table lets FTS5 read only that language's
/// postings and statistics (with one shared table and an UNINDEXED language column, FTS5 would find the matches of
/// every language and then filter, and BM25's document frequencies would mix languages). That is the fastest fair
/// layout FTS5 offers for the same question Hexapla answers.
/// </summary>
/// <remarks>
/// Tokenizer <c>unicode61 remove_diacritics 2</c>: case folding and diacritics only. FTS5 has no Russian (or
/// English) stemmer, so it finds only the literal form asked for, while Hexapla stems, folds ё and escapes
/// snippets: the comparison is of engines, and Hexapla does more work per query. Each query does what a results
/// page needs: the top 10 by BM25 (title weighted 10, body 1) with a snippet, and the total number of matches.
/// </remarks>
internal sealed class Fts5Baseline : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<LanguageTag, Table> _tables = [];

    private Fts5Baseline(SqliteConnection connection) => _connection = connection;

    /// <summary>Creates an empty database at <paramref name="path"/>, replacing any file there.</summary>
    public static Fts5Baseline Create(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();

        // The same journal mode as the Hexapla store; synchronous stays at its default, as there.
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL;";
        pragma.ExecuteNonQuery();
        return new Fts5Baseline(connection);
    }

    /// <summary>Inserts the published versions of <paramref name="documents"/> in one transaction.</summary>
    /// <returns>How many versions were inserted.</returns>
    public int Insert(IReadOnlyList<Document> documents, DateTimeOffset now)
    {
        using var transaction = _connection.BeginTransaction();
        var count = 0;
        foreach (var document in documents)
        {
            foreach (var version in document.PublishedVersions(now))
            {
                var table = TableFor(version.Language);
                table.Insert.Transaction = transaction;
                table.Insert.Parameters["$slug"].Value = document.Slug;
                table.Insert.Parameters["$published"].Value = version.PublishedAt!.Value.ToString("O", CultureInfo.InvariantCulture);
                table.Insert.Parameters["$title"].Value = version.Title;
                table.Insert.Parameters["$body"].Value = version.Body;
                table.Insert.ExecuteNonQuery();
                count++;
            }
        }

        transaction.Commit();
        return count;
    }

    /// <summary>
    /// Runs <paramref name="query"/> as a results page would: the total, and the first ten hits with slug, date,
    /// title and snippet read out.
    /// </summary>
    /// <returns>The total number of matches.</returns>
    public int Search(BenchQuery query)
    {
        if (!_tables.TryGetValue(query.Language, out var table))
        {
            return 0;
        }

        var match = ToMatch(query.Terms);
        table.Count.Parameters["$match"].Value = match;
        var total = Convert.ToInt32(table.Count.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (total == 0)
        {
            return 0;
        }

        table.Page.Parameters["$match"].Value = match;
        using var reader = table.Page.ExecuteReader();
        while (reader.Read())
        {
            // Read every column out, as a page would: slug, date, title, snippet.
            _ = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return total;
    }

    /// <summary>
    /// Words become quoted strings (so FTS5 reads none of them as syntax) and are ANDed by juxtaposition; a phrase
    /// is one quoted string of several words.
    /// </summary>
    public static string ToMatch(IEnumerable<string> terms) =>
        string.Join(' ', terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    public void Dispose()
    {
        foreach (var table in _tables.Values)
        {
            table.Dispose();
        }

        _connection.Dispose();
    }

    private Table TableFor(LanguageTag language)
    {
        if (_tables.TryGetValue(language, out var table))
        {
            return table;
        }

        var name = "versions_" + language.Value.Replace('-', '_').ToLowerInvariant();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = $"""
                CREATE VIRTUAL TABLE {name} USING fts5(
                    slug UNINDEXED, published_at UNINDEXED, title, body,
                    tokenize = 'unicode61 remove_diacritics 2');
                """;
            create.ExecuteNonQuery();
        }

        table = new Table(_connection, name);
        _tables[language] = table;
        return table;
    }

    /// <summary>The prepared statements of one language's table.</summary>
    private sealed class Table : IDisposable
    {
        public Table(SqliteConnection connection, string name)
        {
            Insert = connection.CreateCommand();
            Insert.CommandText = $"INSERT INTO {name} (slug, published_at, title, body) VALUES ($slug, $published, $title, $body);";
            foreach (var parameter in new[] { "$slug", "$published", "$title", "$body" })
            {
                Insert.Parameters.Add(new SqliteParameter(parameter, SqliteType.Text));
            }

            Count = connection.CreateCommand();
            Count.CommandText = $"SELECT count(*) FROM {name} WHERE {name} MATCH $match;";
            Count.Parameters.Add(new SqliteParameter("$match", SqliteType.Text));

            Page = connection.CreateCommand();
            Page.CommandText = $"""
                SELECT slug, published_at, title, snippet({name}, 3, '<mark>', '</mark>', '…', 24)
                FROM {name} WHERE {name} MATCH $match
                ORDER BY bm25({name}, 0.0, 0.0, 10.0, 1.0) LIMIT 10;
                """;
            Page.Parameters.Add(new SqliteParameter("$match", SqliteType.Text));

            // Tables are made inside the first insert's transaction, and a new command inherits the connection's
            // transaction: the search commands run outside any.
            Count.Transaction = null;
            Page.Transaction = null;
        }

        public SqliteCommand Insert { get; }

        public SqliteCommand Count { get; }

        public SqliteCommand Page { get; }

        public void Dispose()
        {
            Insert.Dispose();
            Count.Dispose();
            Page.Dispose();
        }
    }
}
