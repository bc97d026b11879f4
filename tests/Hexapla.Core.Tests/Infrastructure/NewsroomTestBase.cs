using Hexapla.Editorial;
using Hexapla.Search;
using Hexapla.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// A real SQLite store and Lucene index in a fresh temp folder, a fake clock at <see cref="Start"/>, and the
/// newsroom over them: what every test of editorial work stands on. Each test class gets its own.
/// </summary>
public abstract class NewsroomTestBase : IAsyncLifetime, IDisposable
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    internal TempFolder Folder { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected SqliteContentStore Store { get; private set; } = null!;

    protected LuceneSearchIndex Index { get; private set; } = null!;

    protected Newsroom Newsroom { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await Folder.OpenStoreAsync();
        Index = LuceneSearchIndex.Open(Folder.Combine("index"), media: Store);
        Newsroom = new Newsroom(Store, Index, Clock);
        await SetUpAsync();
    }

    /// <summary>What a test class puts in the store before each test.</summary>
    protected virtual Task SetUpAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Index?.Dispose();
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
