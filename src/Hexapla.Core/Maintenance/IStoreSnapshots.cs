namespace Hexapla.Maintenance;

/// <summary>
/// The store's side of backup and restore, one implementation per kind of store: a consistent snapshot taken while
/// the store keeps serving, and the whole store replaced by one.
/// </summary>
/// <remarks>
/// SQLite: <see cref="SqliteStoreSnapshots"/> (SQLite's online backup API). PostgreSQL: <see cref="PostgresStoreSnapshots"/>
/// (<c>pg_dump</c> and <c>pg_restore</c>).
/// </remarks>
public interface IStoreSnapshots
{
    /// <summary>The kind of store, as written in <see cref="BackupManifest.Provider"/>.</summary>
    string Provider { get; }

    /// <summary>The name of the store's entry inside the backup archive.</summary>
    string EntryName { get; }

    /// <summary>The newest schema version this Hexapla can open; a backup with a newer one is refused.</summary>
    int LatestSchemaVersion { get; }

    /// <summary>
    /// Writes a consistent snapshot of the store to <paramref name="destinationFile"/>: every write committed before
    /// the call is in it, whatever is written meanwhile.
    /// </summary>
    /// <exception cref="BackupException">There is no store, or it cannot be read.</exception>
    Task<StoreSnapshot> TakeAsync(string destinationFile, CancellationToken cancellationToken = default);

    /// <summary>True when the store exists and holds anything (documents, users, memory, glossary), or cannot be read.</summary>
    Task<bool> HoldsDataAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the whole store with the snapshot in <paramref name="snapshotFile"/>, which is consumed.</summary>
    /// <exception cref="BackupException">The snapshot is not a sound store; the store is then unchanged.</exception>
    Task RestoreAsync(string snapshotFile, CancellationToken cancellationToken = default);
}

/// <summary>What a snapshot holds: its schema version and store generation.</summary>
/// <param name="SchemaVersion">The store's schema version.</param>
/// <param name="Generation">The store's generation (see the search index's).</param>
public sealed record StoreSnapshot(int SchemaVersion, long Generation);
