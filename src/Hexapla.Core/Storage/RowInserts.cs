using System.Data.Common;
using System.Globalization;

namespace Hexapla.Storage;

/// <summary>
/// Inserts rows of one table many to a statement, in a transaction: on PostgreSQL every statement is a round trip to
/// the server, so one statement a row made bulk writes (memory pairs, a store copy) mostly waiting.
/// </summary>
/// <param name="connection">The connection of <paramref name="transaction"/>.</param>
/// <param name="transaction">The transaction the rows are written in.</param>
/// <param name="table">The table.</param>
/// <param name="columns">The columns each row gives, in order.</param>
/// <param name="suffix">What follows the values, such as <c>ON CONFLICT DO NOTHING</c>.</param>
internal sealed class RowInserts(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, string suffix = "")
    : IAsyncDisposable
{
    /// <summary>Parameters in one statement, far below either provider's limit.</summary>
    private const int ParametersPerStatement = 512;

    // One statement for each number of rows used so far, at most RowsPerStatement of them.
    private readonly Dictionary<int, DbCommand> _statements = [];

    /// <summary>The most rows one <see cref="InsertAsync"/> takes: 64 memory pairs, 36 versions.</summary>
    public int RowsPerStatement { get; } = Math.Max(1, ParametersPerStatement / columns.Count);

    /// <summary>Inserts the first <paramref name="count"/> of <paramref name="rows"/> (at most <see cref="RowsPerStatement"/>), null as SQL NULL.</summary>
    /// <returns>The rows written (those a conflict clause left out are not counted).</returns>
    public Task<int> InsertAsync(object?[][] rows, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, RowsPerStatement);
        var statement = _statements.TryGetValue(count, out var made) ? made : _statements[count] = Statement(count);
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < columns.Count; column++)
            {
                statement.Parameters[(row * columns.Count) + column].Value = rows[row][column] ?? DBNull.Value;
            }
        }

        return statement.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _statements.Values)
        {
            await statement.DisposeAsync();
        }
    }

    private DbCommand Statement(int rows)
    {
        var statement = connection.CreateCommand();
        statement.Transaction = transaction;
        var values = new List<string>(rows);
        for (var row = 0; row < rows; row++)
        {
            var names = columns.Select((_, column) => string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}")).ToList();
            foreach (var name in names)
            {
                statement.Bind(name, null);
            }

            values.Add($"({string.Join(", ", names)})");
        }

        statement.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(", ", values)} {suffix};";
        return statement;
    }
}
