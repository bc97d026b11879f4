using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Hexapla.Storage;

/// <summary>
/// The key that tells translation-memory pairs apart: the first 16 bytes of SHA-256 over the source's UTF-8, one
/// <c>0xFF</c> byte (which UTF-8 never holds, so no two pairs run together) and the target's UTF-8.
/// </summary>
/// <remarks>
/// <c>tm_units</c> is unique on the language pair and this key rather than on both full texts, which made the index
/// a second copy of every pair. PostgreSQL computes the same key in SQL (its migration 0003) from the same bytes.
/// </remarks>
public static class MemoryKey
{
    /// <summary>Bytes in a key.</summary>
    public const int Length = 16;

    /// <summary>The key of the pair <paramref name="source"/>, <paramref name="target"/>.</summary>
    public static byte[] Of(string source, string target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var size = Encoding.UTF8.GetMaxByteCount(source.Length) + 1 + Encoding.UTF8.GetMaxByteCount(target.Length);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = Encoding.UTF8.GetBytes(source, rented);
            rented[written++] = 0xFF;
            written += Encoding.UTF8.GetBytes(target, rented.AsSpan(written));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), hash);
            return hash[..Length].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
