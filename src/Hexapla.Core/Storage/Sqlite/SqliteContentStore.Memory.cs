using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Storage.Sqlite;

/// <summary>The translation memory in <c>tm_units</c>.</summary>
public sealed partial class SqliteContentStore : ITranslationMemory
{
    /// <summary>At most this many candidates (nearest in length first) are scored for one lookup.</summary>
    private const int MaxCandidates = 500;

    /// <inheritdoc />
    public async Task<int> AddAsync(IReadOnlyList<MemoryUnit> units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count == 0)
        {
            return 0;
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO tm_units (source_lang, target_lang, source, target, source_length, origin, created_at)
            VALUES ($sourceLang, $targetLang, $source, $target, $length, $origin, $createdAt)
            ON CONFLICT (source_lang, target_lang, source, target) DO NOTHING;
            """;
        var sourceLang = command.Parameters.Add("$sourceLang", Microsoft.Data.Sqlite.SqliteType.Text);
        var targetLang = command.Parameters.Add("$targetLang", Microsoft.Data.Sqlite.SqliteType.Text);
        var source = command.Parameters.Add("$source", Microsoft.Data.Sqlite.SqliteType.Text);
        var target = command.Parameters.Add("$target", Microsoft.Data.Sqlite.SqliteType.Text);
        var length = command.Parameters.Add("$length", Microsoft.Data.Sqlite.SqliteType.Integer);
        var origin = command.Parameters.Add("$origin", Microsoft.Data.Sqlite.SqliteType.Text);
        var createdAt = command.Parameters.Add("$createdAt", Microsoft.Data.Sqlite.SqliteType.Integer);
        var added = 0;
        foreach (var unit in units)
        {
            sourceLang.Value = unit.SourceLanguage.Value;
            targetLang.Value = unit.TargetLanguage.Value;
            source.Value = unit.Source;
            target.Value = unit.Target;
            length.Value = unit.Source.Length;
            origin.Value = unit.Origin;
            createdAt.Value = unit.CreatedAt.ToUnixTimeMilliseconds();
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(LanguageTag? sourceLanguage = null, LanguageTag? targetLanguage = null, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM tm_units
            WHERE ($sourceLang IS NULL OR source_lang = $sourceLang) AND ($targetLang IS NULL OR target_lang = $targetLang);
            """;
        command.Parameters.AddWithValue("$sourceLang", (object?)sourceLanguage?.Value ?? DBNull.Value);
        command.Parameters.AddWithValue("$targetLang", (object?)targetLanguage?.Value ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryMatch>> FindMatchesAsync(
        LanguageTag sourceLanguage, LanguageTag targetLanguage, string text, double minSimilarity = 0.70, int max = 5,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceLanguage);
        ArgumentNullException.ThrowIfNull(targetLanguage);
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 0 || max <= 0)
        {
            return [];
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT source, target, origin, created_at FROM tm_units
            WHERE source_lang = $sourceLang AND target_lang = $targetLang AND source_length BETWEEN $shortest AND $longest
            ORDER BY ABS(source_length - $length), created_at DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$sourceLang", sourceLanguage.Value);
        command.Parameters.AddWithValue("$targetLang", targetLanguage.Value);
        command.Parameters.AddWithValue("$length", text.Length);
        command.Parameters.AddWithValue("$shortest", (long)Math.Floor(text.Length * 0.7));
        command.Parameters.AddWithValue("$longest", (long)Math.Ceiling(text.Length * 1.3));
        command.Parameters.AddWithValue("$limit", MaxCandidates);
        var matches = new List<MemoryMatch>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var source = reader.GetString(0);
            var score = source == text ? 1.0 : TextSimilarity.Score(text, source);
            if (score >= minSimilarity)
            {
                matches.Add(new MemoryMatch(
                    new MemoryUnit(sourceLanguage, targetLanguage, source, reader.GetString(1), reader.GetString(2), FromMilliseconds(reader.GetInt64(3))),
                    score));
            }
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenByDescending(m => m.Unit.CreatedAt).Take(max)];
    }
}
