using Hexapla.Languages;
using System.Data.Common;

namespace Hexapla.Storage;

/// <summary>Glossaries per language pair.</summary>
public abstract partial class SqlContentStore : IGlossaryStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<GlossaryTerm>> ListGlossaryAsync(LanguageTag source, LanguageTag target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT term, translation, note FROM glossary
            WHERE source_lang = @source AND target_lang = @target
            ORDER BY lower(term), term;
            """;
        command.Bind("@source", source.Value);
        command.Bind("@target", target.Value);
        var terms = new List<GlossaryTerm>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            terms.Add(new GlossaryTerm(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return terms;
    }

    /// <inheritdoc />
    public Task UpsertGlossaryTermAsync(LanguageTag source, LanguageTag target, GlossaryTerm term, CancellationToken cancellationToken = default) =>
        ImportGlossaryAsync(source, target, [term], cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteGlossaryTermAsync(LanguageTag source, LanguageTag target, string term, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM glossary WHERE source_lang = @source AND target_lang = @target AND term = @term;";
        command.Bind("@source", source.Value);
        command.Bind("@target", target.Value);
        command.Bind("@term", term);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<int> ImportGlossaryAsync(LanguageTag source, LanguageTag target, IReadOnlyList<GlossaryTerm> terms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(terms);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        foreach (var term in terms)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO glossary (source_lang, target_lang, term, translation, note) VALUES (@source, @target, @term, @translation, @note)
                ON CONFLICT (source_lang, target_lang, term) DO UPDATE SET translation = excluded.translation, note = excluded.note;
                """;
            command.Bind("@source", source.Value);
            command.Bind("@target", target.Value);
            command.Bind("@term", term.Term.Trim());
            command.Bind("@translation", term.Translation);
            command.Bind("@note", string.IsNullOrWhiteSpace(term.Note) ? DBNull.Value : term.Note);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return terms.Count;
    }
}
