using System.Text.Json;
using Hexapla.Content;
using Hexapla.Translation;
using Microsoft.Data.Sqlite;

namespace Hexapla.Storage.Sqlite;

/// <summary>Segment ids and links, kept as JSON beside each version and revision.</summary>
public sealed partial class SqliteContentStore
{
    private static async Task WriteSegmentsAsync(
        SqliteConnection connection, SqliteTransaction transaction, long versionId, LanguageVersion version, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE versions SET segments = $segments, links = $links WHERE id = $id;
            UPDATE revisions SET segments = $segments WHERE version_id = $id AND revision = $revision;
            """;
        command.Parameters.AddWithValue("$segments", JsonSerializer.Serialize(version.Segments));
        command.Parameters.AddWithValue("$links", JsonSerializer.Serialize(version.Links));
        command.Parameters.AddWithValue("$id", versionId);
        command.Parameters.AddWithValue("$revision", version.Revision);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SegmentRef> ReadSegments(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<List<SegmentRef>>(reader.GetString(ordinal)) ?? [];

    private static List<SegmentLink> ReadLinks(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<List<SegmentLink>>(reader.GetString(ordinal)) ?? [];
}
