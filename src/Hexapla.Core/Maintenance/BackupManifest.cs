using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hexapla.Maintenance;

/// <summary>
/// The table of contents of a backup file (<c>manifest.json</c> in the archive): what wrote it, when, from which
/// store, and the length and SHA-256 of every other entry, so that a restore can refuse a damaged file before it
/// changes anything.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>; anything else is a foreign file.</param>
/// <param name="FormatVersion">The layout of the archive; a restore refuses a version newer than <see cref="CurrentFormatVersion"/>.</param>
/// <param name="HexaplaVersion">The version of the Hexapla that wrote it.</param>
/// <param name="CreatedAt">When the snapshot of the store was taken (UTC).</param>
/// <param name="Provider">The store kind: <c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="SchemaVersion">The store's schema version in the snapshot.</param>
/// <param name="StoreGeneration">The store's generation in the snapshot (see the search index, which records the generation it reflects).</param>
/// <param name="Entries">Every entry but the manifest.</param>
public sealed record BackupManifest(
    string Format,
    int FormatVersion,
    string HexaplaVersion,
    DateTimeOffset CreatedAt,
    string Provider,
    int SchemaVersion,
    long StoreGeneration,
    IReadOnlyList<BackupEntry> Entries)
{
    /// <summary>The value of <see cref="Format"/> in every Hexapla backup.</summary>
    public const string FormatName = "hexapla-backup";

    /// <summary>The format version this Hexapla writes and the newest it reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The name of the manifest inside the archive.</summary>
    public const string EntryName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Only ever read as a file, never embedded in HTML: keep "+" in versions readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The manifest as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a manifest; null when the bytes are not one (malformed JSON, missing fields).</summary>
    public static BackupManifest? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
            return manifest is { Format: not null, Provider: not null, Entries: not null, HexaplaVersion: not null }
                && manifest.Entries.All(e => e is { Name: not null, Sha256: not null }) ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One entry of a backup archive and what it must hold.</summary>
/// <param name="Name">The path inside the archive, with <c>/</c>: <c>store/…</c> for the store, <c>settings/…</c> for files of the data folder.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Sha256">The SHA-256 of its content, lowercase hexadecimal.</param>
public sealed record BackupEntry(string Name, long Length, string Sha256);
