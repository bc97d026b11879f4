namespace Hexapla.Storage;

/// <summary>
/// A blob of the store read as a seekable, read-only stream: one chunk at a time, each read on a pooled connection of
/// its own, so serving a large file (or a range of it) holds no connection between reads and no more than one chunk
/// in memory.
/// </summary>
internal sealed class StoredBlobStream(SqlContentStore store, string sha256, long length) : Stream
{
    private byte[]? _chunk;
    private long _chunkNumber = -1;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A position is not negative.");
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        var number = _position / SqlContentStore.BlobChunkBytes;
        if (number != _chunkNumber)
        {
            _chunk = await store.ReadChunkAsync(sha256, number, cancellationToken)
                ?? throw new StoreException($"Chunk {number} of blob {sha256} is missing from the store: run hexapla check.");
            _chunkNumber = number;
        }

        var within = (int)(_position - (number * SqlContentStore.BlobChunkBytes));
        var count = Math.Min(buffer.Length, _chunk!.Length - within);
        if (count <= 0)
        {
            throw new StoreException($"Chunk {number} of blob {sha256} is shorter than its recorded size: run hexapla check.");
        }

        _chunk.AsMemory(within, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown seek origin."),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("A stored blob is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A stored blob is read-only.");
}
