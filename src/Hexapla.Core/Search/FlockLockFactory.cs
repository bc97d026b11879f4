using Lucene.Net.Store;
using Lock = Lucene.Net.Store.Lock;

namespace Hexapla.Search;

/// <summary>
/// Index locks that hold across processes on Linux: a lock is a lock file opened with <see cref="FileShare.None"/>,
/// which .NET takes as an exclusive <c>flock</c> on it, and which the kernel drops when the process ends (a kill
/// leaves no stale lock). Lucene.Net's default <c>NativeFSLockFactory</c> excludes only within one process there: a
/// <c>hexapla import</c> and a <c>serve</c> on one data folder both got the index writer, and one deleted the other's
/// new files.
/// </summary>
internal sealed class FlockLockFactory(string folder) : LockFactory
{
    /// <remarks>
    /// The lock file is named as Lucene names it (<c>write.lock</c>), in the index's own folder; the prefix Lucene sets
    /// for lock factories that serve several folders from one place is not needed.
    /// </remarks>
    public override Lock MakeLock(string lockName) => new FlockLock(Path.Combine(folder, lockName));

    /// <summary>Nothing to clear: a lock is held by an open file, never by the file's existence.</summary>
    public override void ClearLock(string lockName)
    {
    }

    private sealed class FlockLock(string path) : Lock
    {
        private FileStream? _held;

        public override bool Obtain()
        {
            if (_held is not null)
            {
                return false;
            }

            try
            {
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException e)
            {
                FailureReason = e;
                return false;
            }
        }

        public override bool IsLocked()
        {
            if (_held is not null)
            {
                return true;
            }

            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                return false;
            }
            catch (FileNotFoundException)
            {
                return false;
            }
            catch (IOException)
            {
                return true;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // The file stays: deleting it could race with another process that has just opened it.
                _held?.Dispose();
                _held = null;
            }
        }

        public override string ToString() => $"{nameof(FlockLock)}@{path}";
    }
}
