using Hexapla.Storage;
using Hexapla.Storage.Postgres;
using Hexapla.Storage.Sqlite;

namespace Hexapla.Hosting;

/// <summary>
/// Where the data folder is and which store to open: SQLite in the data folder (the default) or PostgreSQL
/// (<c>--database postgres --connection "Host=…"</c>, or <c>HEXAPLA_DATABASE</c> and <c>HEXAPLA_CONNECTION</c>).
/// The data folder holds the search index with either store.
/// </summary>
internal static class StoreSetup
{
    public const string DataVariable = "HEXAPLA_DATA";
    public const string DatabaseVariable = "HEXAPLA_DATABASE";
    public const string ConnectionVariable = "HEXAPLA_CONNECTION";

    // The --database/--connection of the command being run, set by the command line for its own async flow, so
    // every verb opens the chosen store without passing the options through each one.
    private static readonly AsyncLocal<(string? Database, string? Connection)> Options = new();

    /// <summary>The data folder: <c>--data</c>, else <c>HEXAPLA_DATA</c>, else <c>./hexapla-data</c>.</summary>
    public static string ResolveDataFolder(string? option) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : "hexapla-data");

    /// <summary>Takes <c>--database</c> and <c>--connection</c> for the rest of the calling async flow; null falls back to the environment.</summary>
    public static void UseOptions(string? database, string? connection) => Options.Value = (database, connection);

    public static async Task<IContentStore> OpenAsync(string dataFolder, CancellationToken cancellationToken) =>
        await OpenStoreAsync(dataFolder, cancellationToken);

    /// <summary>The accounts (users, tokens, audit log), which live in the same store as the content.</summary>
    public static async Task<IAccountStore> OpenAccountsAsync(string dataFolder, CancellationToken cancellationToken) =>
        await OpenStoreAsync(dataFolder, cancellationToken);

    /// <summary>Opens the chosen store; the data folder is created either way (the search index lives there).</summary>
    /// <exception cref="StoreException">An unknown database kind, a missing or malformed connection string, an unreachable server.</exception>
    public static async Task<SqlContentStore> OpenStoreAsync(string dataFolder, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(dataFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot use the data folder {dataFolder}: {e.Message}", e);
        }

        var (kind, connection) = Chosen(dataFolder);
        return kind == "postgres"
            ? await PostgresContentStore.OpenAsync(connection, cancellationToken)
            : await SqliteContentStore.OpenAsync(connection, cancellationToken);
    }

    /// <summary>The store chosen for this command: <c>sqlite</c> with its file, or <c>postgres</c> with its connection string.</summary>
    /// <exception cref="StoreException">An unknown database kind, or postgres without a connection string.</exception>
    public static (string Kind, string Connection) Chosen(string dataFolder)
    {
        var database = FirstOf(Options.Value.Database, DatabaseVariable) ?? "sqlite";
        var connection = FirstOf(Options.Value.Connection, ConnectionVariable);
        return database.ToUpperInvariant() switch
        {
            "SQLITE" => ("sqlite", connection ?? Path.Combine(dataFolder, SqliteContentStore.FileName)),
            "POSTGRES" or "POSTGRESQL" => ("postgres", connection ?? throw new StoreException($"--database postgres needs --connection \"Host=…;Database=…;Username=…\" (or {ConnectionVariable}).")),
            _ => throw new StoreException($"Unknown database \"{database}\" (from --database or {DatabaseVariable}): use sqlite or postgres."),
        };
    }

    /// <summary>
    /// Opens a store named as <c>sqlite:PATH</c> or <c>postgres:CONNECTION</c> (used by <c>migrate-store</c>).
    /// A SQLite path must exist when <paramref name="mustExist"/> is set.
    /// </summary>
    public static async Task<SqlContentStore> OpenNamedAsync(string name, bool mustExist, CancellationToken cancellationToken)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : name[..colon].ToUpperInvariant();
        var rest = colon < 0 ? "" : name[(colon + 1)..];
        switch (kind)
        {
            case "SQLITE" when rest.Length > 0:
                if (mustExist && !File.Exists(rest))
                {
                    throw new StoreException($"There is no SQLite store at {Path.GetFullPath(rest)}.");
                }

                return await SqliteContentStore.OpenAsync(rest, cancellationToken);
            case "POSTGRES" or "POSTGRESQL" when rest.Length > 0:
                return await PostgresContentStore.OpenAsync(rest, cancellationToken);
            default:
                throw new StoreException($"\"{name}\" names no store: use sqlite:PATH or postgres:\"Host=…;Database=…\".");
        }
    }

    private static string? FirstOf(string? option, string variable) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;
}
