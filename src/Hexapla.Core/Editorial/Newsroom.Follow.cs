using Hexapla.Search;
using Hexapla.Storage;

namespace Hexapla.Editorial;

public sealed partial class Newsroom
{
    /// <summary>
    /// Indexes the documents other processes wrote after <paramref name="since"/> (see <see cref="IndexCatchUp"/>),
    /// in turn with this newsroom's own writes, so an older read never overwrites a newer text in the index.
    /// </summary>
    /// <returns>The changes applied, or null when the store's change log does not reach back that far.</returns>
    public async Task<StoreChanges?> CatchUpIndexAsync(long since, CancellationToken cancellationToken = default)
    {
        await _writeOrder.WaitAsync(cancellationToken);
        try
        {
            return await IndexCatchUp.ApplyAsync(store, index, since, Now(), cancellationToken);
        }
        finally
        {
            _writeOrder.Release();
        }
    }
}
