using System.Data.Common;
using System.Globalization;
using Dapper;
using Hexapla.Languages;
using Hexapla.Sections;

namespace Hexapla.Storage;

// The site's structure: sections, their old paths, kinds, menus, and each document's place (see IStructureStore).
public abstract partial class SqlContentStore : IStructureStore
{
    /// <summary>How many documents a refusal names before it says how many more there are.</summary>
    private const int NamedInRefusal = 5;

    /// <inheritdoc />
    public async Task<SiteStructure> LoadStructureAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SectionRow>(new CommandDefinition(
            "SELECT id AS Id, parent_id AS ParentId, slug AS Slug, position AS Position, updated_at AS UpdatedAt FROM sections;",
            cancellationToken: cancellationToken))).ToList();
        var titles = (await connection.QueryAsync<TitleRow>(new CommandDefinition(
            "SELECT section_id AS SectionId, language AS Language, title AS Title FROM section_titles;", cancellationToken: cancellationToken)))
            .ToLookup(t => t.SectionId);
        var kinds = await connection.QueryAsync<KindRow>(new CommandDefinition(
            "SELECT key AS Key, position AS Position, definition AS Definition FROM document_kinds;", cancellationToken: cancellationToken));
        var menus = await connection.QueryAsync<MenuRow>(new CommandDefinition(
            "SELECT name AS Name, definition AS Definition FROM menus;", cancellationToken: cancellationToken));
        return new SiteStructure(
            rows.Select(r => ToSection(r, titles[r.Id])),
            kinds.Select(k => StructureJson.ReadKind(k.Key, (int)k.Position, k.Definition)),
            menus.Select(m => StructureJson.ReadMenu(m.Name, m.Definition)));
    }

    /// <inheritdoc />
    public async Task<Section> SaveSectionAsync(Section section, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        // The whole tree is small (hundreds of rows); reading it in the write transaction makes every check below exact.
        var tree = (await connection.QueryAsync<SectionRow>(new CommandDefinition(
            "SELECT id AS Id, parent_id AS ParentId, slug AS Slug, position AS Position, updated_at AS UpdatedAt FROM sections;",
            transaction: transaction, cancellationToken: cancellationToken))).ToDictionary(r => r.Id);
        SectionRow? before = null;
        if (section.Id != 0 && !tree.TryGetValue(section.Id, out before))
        {
            throw new StructureException(StructureErrorKind.NotFound, $"Section {section.Id} does not exist (it may have been deleted meanwhile).");
        }

        var name = before is null ? $"The new section \"{section.Slug}\"" : $"Section \"{PathIn(tree, section.Id)}\"";
        if (section.ParentId is { } parentId)
        {
            if (!tree.ContainsKey(parentId))
            {
                throw new StructureException(StructureErrorKind.NotFound, $"{name} cannot go under section {parentId}: it does not exist.") { Field = "parent" };
            }

            // A cycle: the new parent is the section itself or lies below it.
            for (long? up = parentId; up is { } ancestor; up = tree[ancestor].ParentId)
            {
                if (ancestor == section.Id)
                {
                    throw new StructureException(StructureErrorKind.Conflict,
                        $"{name} cannot go under \"{PathIn(tree, parentId)}\": that section is {(parentId == section.Id ? "the section itself" : "inside it")}, so the tree would loop.")
                    { Field = "parent" };
                }
            }
        }

        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM documents WHERE slug = @slug;", new { slug = section.Slug }, transaction, cancellationToken: cancellationToken)) is not null)
        {
            throw new StructureException(StructureErrorKind.Conflict,
                $"{name} cannot have the slug \"{section.Slug}\": the document \"{section.Slug}\" has it, and both would answer at /{{language}}/{section.Slug}.")
            { Field = "slug" };
        }

        if (tree.Values.FirstOrDefault(r => r.Id != section.Id && r.ParentId == section.ParentId && r.Slug == section.Slug) is { } sibling)
        {
            throw new StructureException(StructureErrorKind.Conflict,
                $"{name} cannot have the slug \"{section.Slug}\": the section \"{PathIn(tree, sibling.Id)}\" beside it has it.")
            { Field = "slug" };
        }

        var at = audit.At.ToUnixTimeMilliseconds();
        long id;
        var moved = new List<string>();
        if (before is null)
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO sections (parent_id, slug, position, created_at, updated_at) VALUES (@parent, @slug, @position, @at, @at) RETURNING id;
                """, new { parent = section.ParentId, slug = section.Slug, position = section.Position, at }, transaction, cancellationToken: cancellationToken));
        }
        else
        {
            id = section.Id;
            if (before.Slug != section.Slug || before.ParentId != section.ParentId)
            {
                // Every path at or below the section changes: keep the old ones, so published links answer with a redirect.
                var subtree = Subtree(tree, id);
                var oldPaths = subtree.ToDictionary(s => s, s => PathIn(tree, s));
                tree[id] = before with { Slug = section.Slug, ParentId = section.ParentId };
                foreach (var (sectionId, oldPath) in oldPaths)
                {
                    await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO section_redirects (path, section_id) VALUES (@path, @id)
                        ON CONFLICT (path) DO UPDATE SET section_id = excluded.section_id;
                        """, new { path = oldPath, id = sectionId }, transaction, cancellationToken: cancellationToken));
                    // A path in use again is the section's own, never a redirect.
                    await connection.ExecuteAsync(new CommandDefinition(
                        "DELETE FROM section_redirects WHERE path = @path;", new { path = PathIn(tree, sectionId) }, transaction, cancellationToken: cancellationToken));
                }

                if (section.ParentId != before.ParentId)
                {
                    // The documents below now have other ancestors, which the search index files them under.
                    moved.AddRange(await connection.QueryAsync<string>(new CommandDefinition(
                        $"SELECT slug FROM documents WHERE section_id IN ({string.Join(", ", subtree.Select(s => s.ToString(CultureInfo.InvariantCulture)))});",
                        transaction: transaction, cancellationToken: cancellationToken)));
                }
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sections SET parent_id = @parent, slug = @slug, position = @position, updated_at = @at WHERE id = @id;",
                new { parent = section.ParentId, slug = section.Slug, position = section.Position, at, id }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM section_titles WHERE section_id = @id;", new { id }, transaction, cancellationToken: cancellationToken));
        foreach (var (language, title) in section.Titles)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO section_titles (section_id, language, title) VALUES (@id, @language, @title);",
                new { id, language = language.Value, title }, transaction, cancellationToken: cancellationToken));
        }

        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? SectionTarget(id) }, cancellationToken);
        await BumpGenerationAsync(connection, transaction, moved, ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return section with { Id = id, UpdatedAt = audit.At };
    }

    /// <inheritdoc />
    public async Task DeleteSectionAsync(long id, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        var tree = (await connection.QueryAsync<SectionRow>(new CommandDefinition(
            "SELECT id AS Id, parent_id AS ParentId, slug AS Slug, position AS Position, updated_at AS UpdatedAt FROM sections;",
            transaction: transaction, cancellationToken: cancellationToken))).ToDictionary(r => r.Id);
        if (!tree.ContainsKey(id))
        {
            throw new StructureException(StructureErrorKind.NotFound, $"Section {id} does not exist (it may have been deleted meanwhile).");
        }

        var path = PathIn(tree, id);
        var children = tree.Values.Where(r => r.ParentId == id).Select(r => PathIn(tree, r.Id)).Order(StringComparer.Ordinal).ToList();
        if (children.Count > 0)
        {
            throw new StructureException(StructureErrorKind.Conflict,
                $"Section \"{path}\" cannot be deleted: the section{(children.Count == 1 ? "" : "s")} {Named(children, children.Count)} {(children.Count == 1 ? "is" : "are")} in it. Move or delete {(children.Count == 1 ? "it" : "them")} first.");
        }

        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM documents WHERE section_id = @id;", new { id }, transaction, cancellationToken: cancellationToken));
        if (count > 0)
        {
            var slugs = (await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT slug FROM documents WHERE section_id = @id ORDER BY slug LIMIT {NamedInRefusal};", new { id }, transaction, cancellationToken: cancellationToken))).ToList();
            throw new StructureException(StructureErrorKind.Conflict,
                $"Section \"{path}\" cannot be deleted: {count} document{(count == 1 ? "" : "s")} {(count == 1 ? "is" : "are")} in it ({Named(slugs, count)}). Move {(count == 1 ? "it" : "them")} to another section first.");
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM section_redirects WHERE section_id = @id;
            DELETE FROM section_titles WHERE section_id = @id;
            DELETE FROM sections WHERE id = @id;
            """, new { id }, transaction, cancellationToken: cancellationToken));
        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? SectionTarget(id), Detail = audit.Detail ?? path }, cancellationToken);
        await BumpGenerationAsync(connection, transaction, [], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long?> FindSectionRedirectAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT section_id FROM section_redirects WHERE path = @path;", new { path }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, long>> CountDocumentsBySectionAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Section, long Count)>(new CommandDefinition(
            "SELECT section_id, count(*) FROM documents WHERE section_id IS NOT NULL GROUP BY section_id;", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Section, r => r.Count);
    }

    /// <inheritdoc />
    public async Task SaveKindAsync(DocumentKind kind, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        var stored = await connection.QueryFirstOrDefaultAsync<KindRow>(new CommandDefinition(
            "SELECT key AS Key, position AS Position, definition AS Definition FROM document_kinds WHERE key = @key;",
            new { key = kind.Key }, transaction, cancellationToken: cancellationToken));
        if (stored is not null)
        {
            await CheckStoredValuesAsync(connection, transaction, StructureJson.ReadKind(stored.Key, (int)stored.Position, stored.Definition), kind, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO document_kinds (key, position, definition, updated_at) VALUES (@key, @position, @definition, @at)
            ON CONFLICT (key) DO UPDATE SET position = excluded.position, definition = excluded.definition, updated_at = excluded.updated_at;
            """, new { key = kind.Key, position = kind.Position, definition = StructureJson.WriteKind(kind), at = audit.At.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken));
        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? $"kind/{kind.Key}" }, cancellationToken);
        await BumpGenerationAsync(connection, transaction, [], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Refuses a new definition of a kind that stored values of its documents would not fit: a field whose type changed
    /// and a value that is no longer valid, or a field moved between shared and translatable while it holds values.
    /// </summary>
    private static async Task CheckStoredValuesAsync(DbConnection connection, DbTransaction transaction, DocumentKind old, DocumentKind kind, CancellationToken cancellationToken)
    {
        var changed = kind.Fields.Where(f => old.Field(f.Key) is { } was && was.Type != f.Type).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var shared = await connection.QueryAsync<(string Slug, string Fields)>(new CommandDefinition(
            "SELECT slug, fields FROM documents WHERE kind = @key AND fields IS NOT NULL ORDER BY slug;", new { key = kind.Key }, transaction, cancellationToken: cancellationToken));
        var perLanguage = await connection.QueryAsync<(string Slug, string Language, string Fields)>(new CommandDefinition("""
            SELECT d.slug, v.language, r.fields FROM documents d
            JOIN versions v ON v.document_id = d.id
            JOIN revisions r ON r.version_id = v.id AND (r.revision = v.revision OR r.revision = v.working_revision)
            WHERE d.kind = @key AND r.fields IS NOT NULL ORDER BY d.slug, v.language;
            """, new { key = kind.Key }, transaction, cancellationToken: cancellationToken));
        var values = shared.Select(s => (Where: $"document \"{s.Slug}\"", Values: ParseFields(s.Fields), WasTranslatable: false))
            .Concat(perLanguage.Select(p => (Where: $"document \"{p.Slug}\" in {p.Language}", Values: ParseFields(p.Fields), WasTranslatable: true)));
        foreach (var (where, stored, wasTranslatable) in values)
        {
            foreach (var field in changed)
            {
                if (!stored.TryGetValue(field.Key, out var value) || old.Field(field.Key)!.Translatable != wasTranslatable)
                {
                    continue;
                }

                if (field.Translatable != wasTranslatable)
                {
                    throw new StructureException(StructureErrorKind.Conflict,
                        $"Kind \"{kind.Key}\": field \"{field.Key}\" cannot become {field.Type.Name()}: {(wasTranslatable ? "its values differ by language" : "it has one value for all languages")} and the {where} has one. Remove the values first, or add a new field.")
                    { Field = $"fields.{field.Key}" };
                }

                if (FieldValues.Check(field, value, out _) is { } problem)
                {
                    throw new StructureException(StructureErrorKind.Conflict,
                        $"Kind \"{kind.Key}\": field \"{field.Key}\" cannot become {field.Type.Name()}: the {where} holds a value that would not fit ({problem}).")
                    { Field = $"fields.{field.Key}" };
                }
            }
        }
    }

    /// <inheritdoc />
    public async Task DeleteKindAsync(string key, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT key FROM document_kinds WHERE key = @key;", new { key }, transaction, cancellationToken: cancellationToken)) is null)
        {
            throw new StructureException(StructureErrorKind.NotFound, $"Kind \"{key}\" does not exist.");
        }

        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM documents WHERE kind = @key;", new { key }, transaction, cancellationToken: cancellationToken));
        if (count > 0)
        {
            var slugs = (await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT slug FROM documents WHERE kind = @key ORDER BY slug LIMIT {NamedInRefusal};", new { key }, transaction, cancellationToken: cancellationToken))).ToList();
            throw new StructureException(StructureErrorKind.Conflict,
                $"Kind \"{key}\" cannot be deleted: {count} document{(count == 1 ? " is" : "s are")} of it ({Named(slugs, count)}). Give {(count == 1 ? "it" : "them")} another kind first.");
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM document_kinds WHERE key = @key;", new { key }, transaction, cancellationToken: cancellationToken));
        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? $"kind/{key}" }, cancellationToken);
        await BumpGenerationAsync(connection, transaction, [], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task SaveMenuAsync(Menu menu, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(menu);
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO menus (name, definition, updated_at) VALUES (@name, @definition, @at)
            ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at;
            """, new { name = menu.Name, definition = StructureJson.WriteMenu(menu), at = audit.At.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken));
        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? $"menu/{menu.Name}" }, cancellationToken);
        await BumpGenerationAsync(connection, transaction, [], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task PlaceDocumentAsync(string slug, DocumentPlacement placement, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(audit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        if (placement.SectionId is { } section && await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM sections WHERE id = @section;", new { section }, transaction, cancellationToken: cancellationToken)) is null)
        {
            throw new StructureException(StructureErrorKind.NotFound, $"Document \"{slug}\" cannot go into section {section}: it does not exist.") { Field = "section" };
        }

        if (placement.Kind is { } kind && await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT key FROM document_kinds WHERE key = @kind;", new { kind }, transaction, cancellationToken: cancellationToken)) is null)
        {
            throw new StructureException(StructureErrorKind.NotFound, $"Document \"{slug}\" cannot be of kind \"{kind}\": no such kind is defined.") { Field = "kind" };
        }

        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE documents SET section_id = @section, kind = @kind, fields = @fields, updated_at = @at WHERE slug = @slug;",
            new { section = placement.SectionId, kind = placement.Kind, fields = StoredFields(placement.Fields), at = audit.At.ToUnixTimeMilliseconds(), slug },
            transaction, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            throw new StructureException(StructureErrorKind.NotFound, $"Document \"{slug}\" does not exist.");
        }

        await InsertAuditAsync(connection, transaction, audit with { Target = audit.Target ?? slug }, cancellationToken);
        await BumpGenerationAsync(connection, transaction, [slug], ChangeLogGenerations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string SectionTarget(long id) => string.Create(CultureInfo.InvariantCulture, $"section/{id}");

    private static string PathIn(IReadOnlyDictionary<long, SectionRow> tree, long id)
    {
        var slugs = new List<string>();
        // Bounded by the tree's size, so a damaged store cannot loop here.
        for (long? at = id; at is { } current && tree.TryGetValue(current, out var row) && slugs.Count <= tree.Count; at = row.ParentId)
        {
            slugs.Add(row.Slug);
        }

        slugs.Reverse();
        return string.Join('/', slugs);
    }

    private static List<long> Subtree(IReadOnlyDictionary<long, SectionRow> tree, long id)
    {
        var ids = new List<long> { id };
        for (var i = 0; i < ids.Count; i++)
        {
            ids.AddRange(tree.Values.Where(r => r.ParentId == ids[i]).Select(r => r.Id));
        }

        return ids;
    }

    private static string Named(List<string> names, long count) =>
        string.Join(", ", names.Select(n => $"\"{n}\"")) + (count > names.Count ? string.Create(CultureInfo.InvariantCulture, $" and {count - names.Count} more") : "");

    private static Section ToSection(SectionRow row, IEnumerable<TitleRow> titles) => new()
    {
        Id = row.Id,
        ParentId = row.ParentId,
        Slug = row.Slug,
        Position = (int)row.Position,
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
        Titles = titles.ToDictionary(t => LanguageTag.FromStored(t.Language), t => t.Title),
    };

    // Rows with settable members: Dapper converts each column to its member's type (an integer is Int32 on PostgreSQL, Int64 on SQLite).
    private sealed record SectionRow
    {
        public long Id { get; init; }

        public long? ParentId { get; init; }

        public string Slug { get; init; } = "";

        public long Position { get; init; }

        public long UpdatedAt { get; init; }
    }

    private sealed record TitleRow
    {
        public long SectionId { get; init; }

        public string Language { get; init; } = "";

        public string Title { get; init; } = "";
    }

    private sealed record KindRow
    {
        public string Key { get; init; } = "";

        public long Position { get; init; }

        public string Definition { get; init; } = "";
    }

    private sealed record MenuRow
    {
        public string Name { get; init; } = "";

        public string Definition { get; init; } = "";
    }
}
