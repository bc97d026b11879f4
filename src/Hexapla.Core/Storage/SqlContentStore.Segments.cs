using System.Text.Json;
using Hexapla.Content;
using Hexapla.Translation;
using System.Data.Common;

namespace Hexapla.Storage;

/// <summary>Segment ids and links, kept as JSON in each revision row.</summary>
public abstract partial class SqlContentStore
{
    private static List<SegmentRef> ReadSegments(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<List<SegmentRef>>(reader.GetString(ordinal)) ?? [];

    private static List<SegmentLink> ReadLinks(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<List<SegmentLink>>(reader.GetString(ordinal)) ?? [];
}
