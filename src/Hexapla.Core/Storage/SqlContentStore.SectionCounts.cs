using Hexapla.Languages;

namespace Hexapla.Storage;

// How many documents each section holds that readers may see, per language (the read API's section tree).
public abstract partial class SqlContentStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<SectionLanguageCount>> CountPublicDocumentsBySectionAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        // The public rule is the store's one (state published, publication time reached): a draft, a version in review or
        // one under embargo is never counted. A document has one version per language, so rows count documents.
        command.CommandText = """
            SELECT d.section_id, v.language, count(*) AS n
            FROM versions v JOIN documents d ON d.id = v.document_id
            WHERE d.section_id IS NOT NULL AND v.state = 'published' AND v.published_at <= @now
            GROUP BY d.section_id, v.language;
            """;
        command.Bind("@now", now.ToUnixTimeMilliseconds());
        var counts = new List<SectionLanguageCount>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new SectionLanguageCount(reader.GetInt64(0), LanguageTag.FromStored(reader.GetString(1)), reader.GetInt64(2)));
        }

        return counts;
    }
}
