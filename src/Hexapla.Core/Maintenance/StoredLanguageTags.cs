using System.Data.Common;
using System.Globalization;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Maintenance;

/// <summary>
/// Language tags already in a store that <see cref="LanguageTag.Validate"/> would not take as they are: written before
/// tags were checked against the registry (<c>german</c>, <c>xx-YY</c>), deprecated since (<c>iw</c>), or not in canonical
/// case. The store still loads them (<see cref="LanguageTag.FromStored"/>); <c>hexapla check</c> lists them here, and
/// <c>--repair</c> maps each to its canonical or preferred form, or to the suggestion when that is exact (a registered
/// name such as <c>english</c> → <c>en</c>, never a near spelling). The rest are reported for a person to decide.
/// </summary>
public static class StoredLanguageTags
{
    // Every column that holds a language, with how to name the rows that hold a value (the same SQL for both stores).
    private static readonly Column[] Columns =
    [
        new("versions", "language", "SELECT d.slug FROM versions t JOIN documents d ON d.id = t.document_id WHERE t.language = @value ORDER BY d.slug", "document", true),
        new("documents", "original_language", "SELECT t.slug FROM documents t WHERE t.original_language = @value ORDER BY t.slug", "document", true),
        new("expected_languages", "language", "SELECT d.slug FROM expected_languages t JOIN documents d ON d.id = t.document_id WHERE t.language = @value ORDER BY d.slug", "document", true),
        new("release_members", "language", "SELECT DISTINCT t.slug FROM release_members t WHERE t.language = @value ORDER BY t.slug", "release of", false),
        new("user_languages", "language", "SELECT u.name FROM user_languages t JOIN users u ON u.id = t.user_id WHERE t.language = @value ORDER BY u.name", "user", false),
        new("tm_units", "source_lang", null, "translation memory units", false),
        new("tm_units", "target_lang", null, "translation memory units", false),
        new("glossary", "source_lang", null, "glossary terms", false),
        new("glossary", "target_lang", null, "glossary terms", false),
    ];

    /// <summary>Adds a finding (area <c>language</c>) for each stored value that is not a valid tag in canonical form.</summary>
    /// <param name="connect">Makes a connection to the store (not yet open).</param>
    /// <param name="findings">Where findings go.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static async Task CheckAsync(Func<DbConnection> connect, List<CheckFinding> findings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(findings);
        using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        foreach (var column in Columns)
        {
            foreach (var (value, count) in await DistinctAsync(connection, null, column, cancellationToken))
            {
                var verdict = LanguageTag.Validate(value);
                if (verdict.Tag is { } valid && valid.Value == value)
                {
                    continue;
                }

                var where = await WhereAsync(connection, column, value, count, cancellationToken);
                var problem = verdict.Tag is { } canonical
                    ? $"{column.Table}.{column.Name} \"{value}\" ({where}) is not in canonical form: {verdict.Note ?? $"it is written \"{canonical.Value}\"."}"
                    : $"{column.Table}.{column.Name} \"{value}\" ({where}): {verdict.Error}";
                findings.Add(Target(verdict) is { } target
                    ? new CheckFinding("language", problem, $"change it to \"{target.Value}\"", RepairAction.RepairLanguage, Language: value)
                    : new CheckFinding("language", problem,
                        "cannot repair: no unambiguous replacement; correct it in the admin or with SQL, then run hexapla check again", RepairAction.None, Language: value));
            }
        }
    }

    /// <summary>
    /// Rewrites every stored value that has an unambiguous replacement (see the type), each table and column in its own
    /// transaction with the store's generation moved on, so a running site sees the change. A rewrite that would
    /// collide with a row already in the replacement (a document with both <c>german</c> and <c>de</c>) is left as it
    /// is and reported.
    /// </summary>
    /// <param name="connect">Makes a connection to the store (not yet open).</param>
    /// <param name="report">Told one line per rewrite or refusal.</param>
    /// <param name="cancellationToken">Stops the repair.</param>
    /// <returns>How many values were rewritten.</returns>
    public static async Task<int> RepairAsync(Func<DbConnection> connect, Action<string> report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(report);
        using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        var repaired = 0;
        foreach (var column in Columns)
        {
            foreach (var (value, _) in await DistinctAsync(connection, null, column, cancellationToken))
            {
                var verdict = LanguageTag.Validate(value);
                if ((verdict.Tag is { } valid && valid.Value == value) || Target(verdict) is not { } target)
                {
                    continue;
                }

                var slugs = column.Slugs ? await NamesAsync(connection, null, column, value, int.MaxValue, cancellationToken) : [];
                using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    using var update = connection.CreateCommand();
                    update.Transaction = transaction;
                    update.CommandText = $"UPDATE {column.Table} SET {column.Name} = @target WHERE {column.Name} = @value;";
                    update.Bind("@target", target.Value);
                    update.Bind("@value", value);
                    var rows = await update.ExecuteNonQueryAsync(cancellationToken);
                    await SqlContentStore.BumpGenerationAsync(connection, transaction, slugs, SqlContentStore.DefaultChangeLogGenerations, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    repaired++;
                    report(string.Create(CultureInfo.InvariantCulture, $"Changed {column.Table}.{column.Name} \"{value}\" to \"{target.Value}\" in {rows} row(s)."));
                }
                catch (DbException e)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    report($"Left {column.Table}.{column.Name} \"{value}\" as it is: changing it to \"{target.Value}\" would collide with a row already in \"{target.Value}\" ({e.Message.Split('\n')[0]}).");
                }
            }
        }

        return repaired;
    }

    /// <summary><see cref="RepairAsync"/> on a SQLite store file.</summary>
    /// <param name="databasePath">The store file.</param>
    /// <param name="report">Told one line per rewrite or refusal.</param>
    /// <param name="cancellationToken">Stops the repair.</param>
    /// <returns>How many values were rewritten.</returns>
    public static Task<int> RepairSqliteAsync(string databasePath, Action<string> report, CancellationToken cancellationToken = default) =>
        RepairAsync(() => SqliteStoreSnapshots.Open(databasePath, Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite), report, cancellationToken);

    /// <summary><see cref="RepairAsync"/> on a PostgreSQL store.</summary>
    /// <param name="connectionString">Npgsql's connection string of the store.</param>
    /// <param name="report">Told one line per rewrite or refusal.</param>
    /// <param name="cancellationToken">Stops the repair.</param>
    /// <returns>How many values were rewritten.</returns>
    public static Task<int> RepairPostgresAsync(string connectionString, Action<string> report, CancellationToken cancellationToken = default) =>
        RepairAsync(() => new Npgsql.NpgsqlConnection(connectionString), report, cancellationToken);

    /// <summary>The canonical or preferred form of a valid value, else an exact suggestion; null when a person must decide.</summary>
    private static LanguageTag? Target(LanguageTagValidation verdict) =>
        verdict.Tag ?? (verdict.SuggestionIsExact ? verdict.Suggestion : null);

    private static async Task<List<(string Value, long Count)>> DistinctAsync(DbConnection connection, DbTransaction? transaction, Column column, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {column.Name}, count(*) FROM {column.Table} GROUP BY {column.Name} ORDER BY {column.Name};";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add((reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return values;
    }

    private static async Task<string> WhereAsync(DbConnection connection, Column column, string value, long count, CancellationToken cancellationToken)
    {
        if (column.Query is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{count} {column.Kind}");
        }

        const int Shown = 5;
        var names = await NamesAsync(connection, null, column, value, Shown + 1, cancellationToken);
        var list = string.Join(", ", names.Take(Shown)) + (names.Count > Shown ? ", …" : string.Empty);
        return column.Table == "versions"
            ? $"the {value} version of {column.Kind} {list}"
            : $"{column.Kind} {list}";
    }

    private static async Task<List<string>> NamesAsync(DbConnection connection, DbTransaction? transaction, Column column, string value, int limit, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (column.Query is null)
        {
            return names;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = column.Query + ";";
        command.Bind("@value", value);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (names.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private sealed record Column(string Table, string Name, string? Query, string Kind, bool Slugs);
}
