using System.Text;
using Hexapla.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hexapla.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hexapla-core-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The store file a test opens with <see cref="OpenStoreAsync"/>.</summary>
    public string StorePath => Combine(SqliteContentStore.FileName);

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a BOM, creating folders on the way.</summary>
    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] content)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public Task<SqliteContentStore> OpenStoreAsync() => SqliteContentStore.OpenAsync(StorePath);

    public void Dispose()
    {
        // Pooled connections keep the database file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
