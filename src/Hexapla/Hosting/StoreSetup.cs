using Hexapla.Storage;
using Hexapla.Storage.Sqlite;

namespace Hexapla.Hosting;

/// <summary>Where the data folder is and how to open the store in it.</summary>
internal static class StoreSetup
{
    public const string DataVariable = "HEXAPLA_DATA";

    /// <summary>The data folder: <c>--data</c>, else <c>HEXAPLA_DATA</c>, else <c>./hexapla-data</c>.</summary>
    public static string ResolveDataFolder(string? option) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : "hexapla-data");

    public static async Task<IContentStore> OpenAsync(string dataFolder, CancellationToken cancellationToken) =>
        await OpenSqliteAsync(dataFolder, cancellationToken);

    /// <summary>The accounts (users, tokens, audit log), which live in the same store file.</summary>
    public static async Task<IAccountStore> OpenAccountsAsync(string dataFolder, CancellationToken cancellationToken) =>
        await OpenSqliteAsync(dataFolder, cancellationToken);

    private static async Task<SqliteContentStore> OpenSqliteAsync(string dataFolder, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(dataFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot use the data folder {dataFolder}: {e.Message}", e);
        }

        return await SqliteContentStore.OpenAsync(Path.Combine(dataFolder, SqliteContentStore.FileName), cancellationToken);
    }
}
