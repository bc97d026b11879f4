using System.Data;
using System.Data.Common;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Storage;

/// <summary>The translation memory in <c>tm_units</c>.</summary>
public abstract partial class SqlContentStore : ITranslationMemory
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
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        using var insert = new MemoryInsertCommand(connection, transaction);
        var added = 0;
        foreach (var unit in units)
        {
            added += await insert.AddAsync(unit, MemoryKey.Of(unit.Source, unit.Target), cancellationToken);
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
            WHERE (@sourceLang IS NULL OR source_lang = @sourceLang) AND (@targetLang IS NULL OR target_lang = @targetLang);
            """;
        command.BindText("@sourceLang", sourceLanguage?.Value);
        command.BindText("@targetLang", targetLanguage?.Value);
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
            WHERE source_lang = @sourceLang AND target_lang = @targetLang AND source_length BETWEEN @shortest AND @longest
            ORDER BY ABS(source_length - @length), created_at DESC LIMIT @limit;
            """;
        command.Bind("@sourceLang", sourceLanguage.Value);
        command.Bind("@targetLang", targetLanguage.Value);
        command.Bind("@length", text.Length);
        command.Bind("@shortest", (long)Math.Floor(text.Length * 0.7));
        command.Bind("@longest", (long)Math.Ceiling(text.Length * 1.3));
        command.Bind("@limit", MaxCandidates);
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

    /// <summary>The insert of memory pairs in a transaction, prepared once for a run of them; a pair held already is skipped.</summary>
    private sealed class MemoryInsertCommand : IDisposable
    {
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;

        public MemoryInsertCommand(DbConnection connection, DbTransaction transaction)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = """
                INSERT INTO tm_units (source_lang, target_lang, source, target, pair_key, source_length, origin, created_at)
                VALUES (@sourceLang, @targetLang, @source, @target, @key, @length, @origin, @createdAt)
                ON CONFLICT DO NOTHING;
                """;
            _parameters =
            [
                _command.Parameter("@sourceLang", DbType.String), _command.Parameter("@targetLang", DbType.String),
                _command.Parameter("@source", DbType.String), _command.Parameter("@target", DbType.String),
                _command.Parameter("@key", DbType.Binary), _command.Parameter("@length", DbType.Int64),
                _command.Parameter("@origin", DbType.String), _command.Parameter("@createdAt", DbType.Int64),
            ];
        }

        /// <summary>Inserts <paramref name="unit"/> with its <see cref="MemoryKey"/>; 1 when added, 0 when held already.</summary>
        public Task<int> AddAsync(MemoryUnit unit, byte[] key, CancellationToken cancellationToken)
        {
            object[] values =
            [
                unit.SourceLanguage.Value, unit.TargetLanguage.Value, unit.Source, unit.Target, key, (long)unit.Source.Length,
                unit.Origin, unit.CreatedAt.ToUnixTimeMilliseconds(),
            ];
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = values[i];
            }

            return _command.ExecuteNonQueryAsync(cancellationToken);
        }

        public void Dispose() => _command.Dispose();
    }
}
