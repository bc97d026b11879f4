using Hexapla.Storage.Sqlite;

namespace Hexapla.Tests.Infrastructure;

/// <summary>Tests of command-line verbs: a temp folder of their own, deleted afterwards, and the store in a data folder.</summary>
public abstract class CliFolderTests : IDisposable
{
    protected CliFolderTests() => Directory.CreateDirectory(Folder);

    /// <summary>This test's folder, empty at its start.</summary>
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "hexapla-cli-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The SQLite store of the data folder <paramref name="data"/>.</summary>
    protected static Task<SqliteContentStore> OpenAsync(string data) => SqliteContentStore.OpenAsync(Path.Combine(data, SqliteContentStore.FileName));

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open stays in the temp folder; no other test reads it.
        }
    }
}
