using System.Text.Json;
using Hexapla.Content;
using Hexapla.Translation;
using System.Data.Common;

namespace Hexapla.Storage;

/// <summary>Segment ids and links, kept as JSON beside each version and revision.</summary>
public abstract partial class SqlContentStore
{
    private static async Task WriteSegmentsAsync(
        DbConnection connection, DbTransaction transaction, long versionId, LanguageVersion version, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE versions SET segments = @segments, links = @links WHERE id = @id;
            UPDATE revisions SET segments = @segments WHERE version_id = @id AND revision = @revision;
            """;
        command.Bind("@segments", JsonSerializer.Serialize(version.Segments));
        command.Bind("@links", JsonSerializer.Serialize(version.Links));
        command.Bind("@id", versionId);
        command.Bind("@revision", version.Revision);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SegmentRef> ReadSegments(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<List<SegmentRef>>(reader.GetString(ordinal)) ?? [];

    private static List<SegmentLink> ReadLinks(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<List<SegmentLink>>(reader.GetString(ordinal)) ?? [];
}
