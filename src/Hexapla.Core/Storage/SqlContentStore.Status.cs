using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Storage;

/// <summary>Reads for translation status: every document, revisions with their segments.</summary>
public abstract partial class SqlContentStore : ITranslationStatusStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<Document>> ListAllDocumentsAsync(CancellationToken cancellationToken = default)
    {
        var slugs = new List<string>();
        using (var connection = await OpenConnectionAsync(cancellationToken))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT slug FROM documents ORDER BY slug;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                slugs.Add(reader.GetString(0));
            }
        }

        var documents = await FindDocumentsAsync(slugs, cancellationToken);
        return [.. slugs.Where(documents.ContainsKey).Select(s => documents[s])];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RevisionSegments>> ListRevisionSegmentsAsync(string slug, LanguageTag language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(language);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.revision, r.body, r.segments
            FROM revisions r JOIN versions v ON v.id = r.version_id JOIN documents d ON d.id = v.document_id
            WHERE d.slug = @slug AND v.language = @language
            ORDER BY r.revision DESC;
            """;
        command.Bind("@slug", slug);
        command.Bind("@language", language.Value);
        var revisions = new List<RevisionSegments>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(new RevisionSegments(reader.GetInt32(0), reader.GetString(1), ReadSegments(reader, 2)));
        }

        return revisions;
    }
}
