using System.Data;
using System.Data.Common;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Storage;

/// <summary>The translation memory in <c>tm_units</c>.</summary>
public abstract partial class SqlContentStore : ITranslationMemory
{
    /// <summary>At most this many candidates (nearest in length first, exact matches aside) are scored for one lookup.</summary>
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
        await using var insert = new MemoryInsertCommand(connection, transaction);
        var added = await insert.AddAsync(units, keys: null, cancellationToken);

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
    public Task<IReadOnlyList<MemoryMatch>> FindMatchesAsync(
        LanguageTag sourceLanguage, LanguageTag targetLanguage, string text, double minSimilarity = 0.70, int max = 5,
        CancellationToken cancellationToken = default) =>
        FindMatchesAsync(sourceLanguage, targetLanguage, text, [], minSimilarity, max, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemoryMatch>> FindMatchesAsync(
        LanguageTag sourceLanguage, LanguageTag targetLanguage, string text, IReadOnlyCollection<string> documents, double minSimilarity = 0.70,
        int max = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(sourceLanguage);
        ArgumentNullException.ThrowIfNull(targetLanguage);
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 0 || max <= 0)
        {
            return [];
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        var lookup = new Lookup(sourceLanguage, targetLanguage, text, minSimilarity);

        // Exact matches first, looked up by themselves: in a large memory, thousands of pairs share a length, and the
        // candidates nearest in length below may well not include the one that is identical.
        using (var exact = lookup.Command(connection, """
            SELECT id, source, target, origin, created_at FROM tm_units
            WHERE source_lang = @sourceLang AND target_lang = @targetLang AND source_length = @length AND source = @text
            ORDER BY created_at DESC LIMIT @limit;
            """))
        {
            exact.Bind("@length", text.Length);
            exact.Bind("@text", text);
            exact.Bind("@limit", max);
            _ = await lookup.ScoreAsync(exact, cancellationToken);
        }

        if (minSimilarity < 1.0)
        {
            await ScoreDocumentPairsAsync(connection, lookup, documents, cancellationToken);
            await ScoreNearestLengthsAsync(connection, lookup, cancellationToken);
        }

        return lookup.Best(max);
    }

    /// <summary>Scores the pairs of each of <paramref name="documents"/> whose source is within 30 % of the text's length.</summary>
    private static async Task ScoreDocumentPairsAsync(DbConnection connection, Lookup lookup, IReadOnlyCollection<string> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }

        // Origins "document SLUG rN" of one slug, every revision: the range from "document SLUG r" to "document SLUG s".
        // The length is checked on the rows (unary +), so that SQLite, which keeps no statistics, reads the range of the
        // origin index rather than every pair of the length range (millions in a large memory).
        using var command = lookup.Command(connection, """
            SELECT id, source, target, origin, created_at FROM tm_units
            WHERE source_lang = @sourceLang AND target_lang = @targetLang AND origin >= @first AND origin < @past
              AND +source_length BETWEEN @shortest AND @longest
            LIMIT @limit;
            """);
        command.Bind("@shortest", lookup.Shortest);
        command.Bind("@longest", lookup.Longest);
        command.Bind("@limit", MaxCandidates);
        var first = command.Bind("@first", "");
        var past = command.Bind("@past", "");
        foreach (var slug in documents.Distinct(StringComparer.Ordinal))
        {
            first.Value = $"document {slug} r";
            past.Value = $"document {slug} s";
            _ = await lookup.ScoreAsync(command, cancellationToken);
        }
    }

    /// <summary>
    /// Scores up to <see cref="MaxCandidates"/> pairs whose source is within 30 % of the text's length, taken in rings
    /// of lengths ever further from it (the same length, then one off, two to three off, four to seven off…), each ring
    /// read in index order only as far as needed.
    /// </summary>
    /// <remarks>
    /// Ordering the whole length range by distance meant reading all of it: about 2.5 million pairs and 10 s per lookup
    /// with 100,000 bilingual documents in the memory. A ring's query stops at its limit instead.
    /// </remarks>
    private static async Task ScoreNearestLengthsAsync(DbConnection connection, Lookup lookup, CancellationToken cancellationToken)
    {
        var length = lookup.Text.Length;
        using var command = lookup.Command(connection, """
            SELECT id, source, target, origin, created_at FROM tm_units
            WHERE source_lang = @sourceLang AND target_lang = @targetLang AND source_length BETWEEN @from AND @to
            LIMIT @limit;
            """);
        var from = command.Bind("@from", 0);
        var to = command.Bind("@to", 0);
        var limit = command.Bind("@limit", 0);
        var read = 0;
        for (var near = 0; read < MaxCandidates && (length - near >= lookup.Shortest || length + near <= lookup.Longest); near = Math.Max(1, near * 2))
        {
            var far = Math.Max(0, (near * 2) - 1);
            // Below the length, then above it (the length itself once).
            (int From, int To)[] sides = near == 0
                ? [(length, length)]
                : [(Math.Max(lookup.Shortest, length - far), length - near), (length + near, Math.Min(lookup.Longest, length + far))];
            foreach (var (low, high) in sides)
            {
                if (low > high || read >= MaxCandidates)
                {
                    continue;
                }

                from.Value = low;
                to.Value = high;
                limit.Value = MaxCandidates - read;
                read += await lookup.ScoreAsync(command, cancellationToken);
            }
        }
    }

    /// <summary>One memory lookup: the text, its language pair and threshold, and every pair scored so far, each once.</summary>
    private sealed class Lookup(LanguageTag sourceLanguage, LanguageTag targetLanguage, string text, double minSimilarity)
    {
        // Null for a pair scored below the threshold, so that no pair is scored twice.
        private readonly Dictionary<long, MemoryMatch?> _scored = [];

        public string Text => text;

        /// <summary>The shortest source length considered: 70 % of the text's.</summary>
        public int Shortest { get; } = (int)Math.Floor(text.Length * 0.7);

        /// <summary>The longest source length considered: 130 % of the text's.</summary>
        public int Longest { get; } = (int)Math.Ceiling(text.Length * 1.3);

        /// <summary>A command with <paramref name="sql"/> and the language pair bound as <c>@sourceLang</c> and <c>@targetLang</c>.</summary>
        public DbCommand Command(DbConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Bind("@sourceLang", sourceLanguage.Value);
            command.Bind("@targetLang", targetLanguage.Value);
            return command;
        }

        /// <summary>Scores the pairs <paramref name="command"/> selects (id, source, target, origin, created_at) that were not scored yet.</summary>
        /// <returns>How many pairs were read.</returns>
        public async Task<int> ScoreAsync(DbCommand command, CancellationToken cancellationToken)
        {
            var read = 0;
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read++;
                var id = reader.GetInt64(0);
                if (_scored.ContainsKey(id))
                {
                    continue;
                }

                var source = reader.GetString(1);
                var score = source == text ? 1.0 : TextSimilarity.Score(text, source, minSimilarity);
                _scored[id] = score < minSimilarity ? null : new MemoryMatch(
                    new MemoryUnit(sourceLanguage, targetLanguage, source, reader.GetString(2), reader.GetString(3), FromMilliseconds(reader.GetInt64(4))),
                    score);
            }

            return read;
        }

        /// <summary>The matches, best first (then newest), at most <paramref name="max"/>.</summary>
        public IReadOnlyList<MemoryMatch> Best(int max) =>
            [.. _scored.Values.OfType<MemoryMatch>().OrderByDescending(m => m.Score).ThenByDescending(m => m.Unit.CreatedAt).Take(max)];
    }

    /// <summary>The insert of memory pairs, many to a statement; pairs already held (and repeats among them) are left out.</summary>
    private sealed class MemoryInsertCommand(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        private readonly RowInserts _rows = new(connection, transaction, "tm_units",
            ["source_lang", "target_lang", "source", "target", "pair_key", "source_length", "origin", "created_at"], "ON CONFLICT DO NOTHING");

        /// <summary>Inserts <paramref name="units"/>; returns how many were added.</summary>
        /// <param name="units">The pairs.</param>
        /// <param name="keys">Their <see cref="MemoryKey"/>s in the same order, or null to compute them here.</param>
        /// <param name="cancellationToken">Stops the insert.</param>
        public async Task<int> AddAsync(IReadOnlyList<MemoryUnit> units, IReadOnlyList<byte[]>? keys, CancellationToken cancellationToken)
        {
            var rows = new object?[_rows.RowsPerStatement][];
            var added = 0;
            for (var first = 0; first < units.Count; first += rows.Length)
            {
                var count = Math.Min(rows.Length, units.Count - first);
                for (var row = 0; row < count; row++)
                {
                    var unit = units[first + row];
                    rows[row] =
                    [
                        unit.SourceLanguage.Value, unit.TargetLanguage.Value, unit.Source, unit.Target,
                        keys?[first + row] ?? MemoryKey.Of(unit.Source, unit.Target), (long)unit.Source.Length, unit.Origin,
                        unit.CreatedAt.ToUnixTimeMilliseconds(),
                    ];
                }

                added += await _rows.InsertAsync(rows, count, cancellationToken);
            }

            return added;
        }

        public ValueTask DisposeAsync() => _rows.DisposeAsync();
    }
}
