using System.Globalization;
using Hexapla.Storage;
using Hexapla.Storage.Postgres;
using Hexapla.Storage.Sqlite;

namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// One database for one test: the store tests are written once against this and run once per provider.
/// Opening twice opens the same database again.
/// </summary>
public interface IStoreProvider : IAsyncDisposable
{
    /// <summary>Opens (creating the first time) this test's store; skips the test when the database is not available.</summary>
    Task<SqlContentStore> OpenAsync();

    /// <summary>Runs <paramref name="sql"/> on this test's database and converts the first column of the first row.</summary>
    Task<T> QueryAsync<T>(string sql);
}

/// <summary>A SQLite file in a fresh temp folder.</summary>
public sealed class SqliteProvider : IStoreProvider
{
    private readonly TempFolder _folder = new();

    internal TempFolder Folder => _folder;

    public async Task<SqlContentStore> OpenAsync() => await _folder.OpenStoreAsync();

    public async Task<T> QueryAsync<T>(string sql) => await StoreQueries.ScalarAsync<T>(await OpenAsync(), sql);

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A fresh database on the test PostgreSQL server, dropped on dispose.</summary>
public sealed class PostgresProvider : IStoreProvider
{
    private readonly List<PostgresContentStore> _opened = [];
    private PostgresServer? _server;
    private string? _connectionString;

    /// <summary>The connection string of this test's database (created on first use).</summary>
    public async Task<string> ConnectionStringAsync()
    {
        if (_connectionString is null)
        {
            _server = await PostgresServer.GetAsync();
            _connectionString = await _server.CreateDatabaseAsync();
        }

        return _connectionString;
    }

    public async Task<SqlContentStore> OpenAsync()
    {
        var store = await PostgresContentStore.OpenAsync(await ConnectionStringAsync());
        _opened.Add(store);
        return store;
    }

    public async Task<T> QueryAsync<T>(string sql) => await StoreQueries.ScalarAsync<T>(_opened.Count > 0 ? _opened[0] : await OpenAsync(), sql);

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        if (_server is not null && _connectionString is not null)
        {
            await _server.DropDatabaseAsync(_connectionString);
        }
    }
}

internal static class StoreQueries
{
    public static async Task<T> ScalarAsync<T>(SqlContentStore store, string sql)
    {
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }
}
