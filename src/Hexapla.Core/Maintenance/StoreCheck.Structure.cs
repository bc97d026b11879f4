using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Hexapla.Sections;
using Hexapla.Storage;

namespace Hexapla.Maintenance;

public static partial class StoreCheck
{
    // Foreign keys of the structure that the generic orphan repair must leave alone: deleting a document because its
    // section or kind is gone would lose published text, and deleting a section because its parent is gone would take
    // its titles and old paths with it. The structure check reports these and repairs what is safe.
    private static bool IsStructureReference((string Table, long? RowId, string Parent) orphan) =>
        orphan is { Table: "documents", Parent: "sections" or "document_kinds" } or { Table: "sections", Parent: "sections" };

    /// <summary>
    /// Checks the site structure as stored (rows, not the <see cref="SiteStructure"/> a page reads, which leaves damaged
    /// parts out): sections whose parent is missing or whose parents loop (they and what is below them are on no page),
    /// old paths equal to a current path, documents in a missing section or of a missing kind, field values a document's
    /// kind lacks or that do not fit the field's type (shared ones on the document, translatable ones in every revision),
    /// kinds and menus whose stored definition cannot be read, and menu entries leading to a missing section.
    /// </summary>
    private static async Task CheckStructureAsync(
        Func<DbConnection> connect, Func<DbConnection, DbTransaction> begin, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        using var transaction = begin(connection);
        var scan = await StructureScan.ReadAsync(connection, transaction, cancellationToken);
        findings.AddRange(scan.Findings);
    }

    /// <summary>
    /// Repairs the structure damage that can be repaired without losing or guessing anything, in one transaction that
    /// writes an audit entry and moves the generation on (logging the documents whose place changed, so the search index
    /// follows): a section whose parent is missing, and the first section (by id) of a loop, goes to the top of the tree
    /// when its slug is free there; a document in a missing section is left in none (its address stays
    /// <c>/{lang}/{slug}</c>); an old path equal to a current one is deleted; a menu entry leading to a missing section
    /// is removed, the entries under it taking its place. Values that do not fit, missing kinds and unreadable
    /// definitions are left for a person to decide.
    /// </summary>
    /// <param name="connect">A new writing connection to the store (SQLite or PostgreSQL).</param>
    /// <param name="now">When the repair happens, for the audit entry.</param>
    /// <param name="cancellationToken">Stops the repair before it commits.</param>
    /// <returns>One line per thing repaired.</returns>
    public static async Task<IReadOnlyList<string>> RepairStructureAsync(Func<DbConnection> connect, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connect);
        using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var scan = await StructureScan.ReadAsync(connection, transaction, cancellationToken);
        var done = new List<string>();
        var moved = new HashSet<string>(StringComparer.Ordinal);
        var stamp = now.ToUnixTimeMilliseconds();
        foreach (var section in scan.ToTop)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sections SET parent_id = NULL, updated_at = @stamp WHERE id = @id;", new { id = section.Id, stamp }, transaction, cancellationToken: cancellationToken));
            done.Add($"Moved section \"{section.Slug}\" (id {section.Id}) to the top of the tree.");
            moved.UnionWith(await SlugsBelowAsync(connection, transaction, section.Id, cancellationToken));
        }

        foreach (var (slug, _) in scan.InMissingSection)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE documents SET section_id = NULL WHERE slug = @slug;", new { slug }, transaction, cancellationToken: cancellationToken));
            done.Add($"Took document {slug} out of its missing section.");
            moved.Add(slug);
        }

        foreach (var path in scan.ShadowedRedirects)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM section_redirects WHERE path = @path;", new { path }, transaction, cancellationToken: cancellationToken));
            done.Add($"Deleted the old path {path}, which is a section's current path.");
        }

        foreach (var (name, menu) in scan.RepairedMenus)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE menus SET definition = @definition, updated_at = @stamp WHERE name = @name;",
                new { name, definition = StructureJson.WriteMenu(menu), stamp }, transaction, cancellationToken: cancellationToken));
            done.Add($"Removed the entries of the {name} menu that led to missing sections.");
        }

        if (done.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (@stamp, @actor, 'structure.repair', NULL, @detail);",
                new { stamp, actor = Accounts.User.System, detail = string.Join(" ", done) }, transaction, cancellationToken: cancellationToken));
            await SqlContentStore.BumpGenerationAsync(connection, transaction, moved, SqlContentStore.DefaultChangeLogGenerations, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    private static async Task<IEnumerable<string>> SlugsBelowAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken) =>
        await connection.QueryAsync<string>(new CommandDefinition(
            """
            WITH RECURSIVE below (id) AS (SELECT @id UNION SELECT s.id FROM sections s JOIN below b ON s.parent_id = b.id)
            SELECT d.slug FROM documents d WHERE d.section_id IN (SELECT id FROM below);
            """, new { id }, transaction, cancellationToken: cancellationToken));

    /// <summary>What the structure check finds, and what the repair would change.</summary>
    private sealed class StructureScan
    {
        private const string Area = "structure";

        public List<CheckFinding> Findings { get; } = [];

        /// <summary>Sections to move to the top level: a missing parent, or the first of a loop; their slugs are free there.</summary>
        public List<SectionRow> ToTop { get; } = [];

        /// <summary>Documents whose section row is missing, with the id they name.</summary>
        public List<(string Slug, long SectionId)> InMissingSection { get; } = [];

        /// <summary>Old paths that are some section's current path.</summary>
        public List<string> ShadowedRedirects { get; } = [];

        /// <summary>Menus without their entries to missing sections.</summary>
        public List<(string Name, Menu Menu)> RepairedMenus { get; } = [];

        public static async Task<StructureScan> ReadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            CommandDefinition Sql(string sql) => new(sql, transaction: transaction, cancellationToken: cancellationToken);
            var sections = (await connection.QueryAsync<SectionRow>(Sql("SELECT id AS Id, parent_id AS ParentId, slug AS Slug FROM sections ORDER BY id;"))).ToList();
            var redirects = (await connection.QueryAsync<(string Path, long SectionId)>(Sql("SELECT path, section_id FROM section_redirects ORDER BY path;"))).ToList();
            var kindRows = (await connection.QueryAsync<(string Key, long Position, string Definition)>(Sql("SELECT key, CAST(position AS bigint), definition FROM document_kinds ORDER BY key;"))).ToList();
            var menuRows = (await connection.QueryAsync<(string Name, string Definition)>(Sql("SELECT name, definition FROM menus ORDER BY name;"))).ToList();
            var documents = (await connection.QueryAsync<(string Slug, long? SectionId, string? Kind, string? Fields)>(
                Sql("SELECT slug, section_id, kind, fields FROM documents WHERE section_id IS NOT NULL OR kind IS NOT NULL OR fields IS NOT NULL ORDER BY slug;"))).ToList();
            var revisions = (await connection.QueryAsync<(string Slug, string? Kind, string Language, long Revision, string Fields)>(Sql(
                """
                SELECT d.slug, d.kind, v.language, CAST(r.revision AS bigint), r.fields
                FROM revisions r JOIN versions v ON v.id = r.version_id JOIN documents d ON d.id = v.document_id
                WHERE r.fields IS NOT NULL ORDER BY d.slug, v.language, r.revision;
                """))).ToList();
            var documentSlugs = new HashSet<string>(
                await connection.QueryAsync<string>(Sql("SELECT slug FROM documents;")), StringComparer.Ordinal);

            var scan = new StructureScan();
            var paths = scan.CheckTree(sections, documentSlugs);
            scan.CheckRedirects(redirects, paths);
            var kinds = scan.CheckKinds(kindRows);
            scan.CheckDocuments(documents, revisions, sections.Select(s => s.Id).ToHashSet(), kindRows.Select(k => k.Key).ToHashSet(StringComparer.Ordinal), kinds);
            scan.CheckMenus(menuRows, sections.Select(s => s.Id).ToHashSet());
            return scan;
        }

        // Walks down from the top as SiteStructure does; what it never reaches has a missing parent above it or a loop.
        private Dictionary<long, string> CheckTree(List<SectionRow> sections, HashSet<string> documentSlugs)
        {
            var byId = sections.ToDictionary(s => s.Id);
            var byParent = sections.Where(s => s.ParentId is not null).ToLookup(s => s.ParentId!.Value);
            var paths = new Dictionary<long, string>();
            var level = sections.Where(s => s.ParentId is null).ToList();
            while (level.Count > 0)
            {
                var next = new List<SectionRow>();
                foreach (var section in level)
                {
                    paths[section.Id] = section.ParentId is { } parent ? $"{paths[parent]}/{section.Slug}" : section.Slug;
                    next.AddRange(byParent[section.Id]);
                }

                level = next;
            }

            var topSlugs = sections.Where(s => s.ParentId is null).Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<long>();
            foreach (var section in sections.Where(s => !paths.ContainsKey(s.Id)))
            {
                if (seen.Contains(section.Id))
                {
                    continue;
                }

                // Up from here until a missing parent, or a section met twice (a loop).
                var chain = new List<SectionRow>();
                var at = section;
                while (at is not null && !chain.Contains(at) && !seen.Contains(at.Id))
                {
                    chain.Add(at);
                    at = at.ParentId is { } parent ? byId.GetValueOrDefault(parent) : null;
                }

                seen.UnionWith(chain.Select(c => c.Id));
                if (at is not null && seen.Contains(at.Id) && !chain.Contains(at))
                {
                    // Joins a branch already reported.
                    continue;
                }

                SectionRow root;
                string problem;
                if (at is null)
                {
                    root = chain[^1];
                    problem = $"section \"{root.Slug}\" (id {root.Id}) has a missing parent (id {root.ParentId}); it{Below(root)} is on no page";
                }
                else
                {
                    var loop = chain.SkipWhile(c => c.Id != at.Id).ToList();
                    root = loop.MinBy(c => c.Id)!;
                    problem = $"sections {string.Join(" → ", loop.Select(c => $"\"{c.Slug}\" (id {c.Id})"))} → \"{at.Slug}\" form a loop of parents; they{Below(root)} are on no page";
                }

                if (topSlugs.Contains(root.Slug) || documentSlugs.Contains(root.Slug))
                {
                    Findings.Add(new CheckFinding(Area, problem,
                        $"cannot repair safely: the slug \"{root.Slug}\" is taken at the top of the tree; give section {root.Id} another parent in the admin (/admin/sections)",
                        RepairAction.None));
                    continue;
                }

                topSlugs.Add(root.Slug);
                ToTop.Add(root);
                Findings.Add(new CheckFinding(Area, problem, $"move section \"{root.Slug}\" (id {root.Id}) to the top of the tree", RepairAction.RepairStructure));
            }

            return paths;

            string Below(SectionRow root)
            {
                var count = 0;
                var queue = new Queue<long>([root.Id]);
                var visited = new HashSet<long> { root.Id };
                while (queue.Count > 0)
                {
                    foreach (var child in byParent[queue.Dequeue()].Where(c => visited.Add(c.Id)))
                    {
                        count++;
                        queue.Enqueue(child.Id);
                    }
                }

                return count == 0 ? "" : $" and the {count} section(s) below";
            }
        }

        private void CheckRedirects(List<(string Path, long SectionId)> redirects, Dictionary<long, string> paths)
        {
            var current = paths.Values.ToHashSet(StringComparer.Ordinal);
            foreach (var (path, sectionId) in redirects.Where(r => current.Contains(r.Path)))
            {
                ShadowedRedirects.Add(path);
                Findings.Add(new CheckFinding(Area,
                    $"the old path {path} (leading to section {sectionId}) is a section's current path",
                    "delete the old path (the current one answers itself)", RepairAction.RepairStructure));
            }
        }

        private Dictionary<string, DocumentKind> CheckKinds(List<(string Key, long Position, string Definition)> rows)
        {
            var kinds = new Dictionary<string, DocumentKind>(StringComparer.Ordinal);
            foreach (var (key, position, definition) in rows)
            {
                try
                {
                    kinds[key] = StructureJson.ReadKind(key, (int)position, definition);
                }
                catch (JsonException e)
                {
                    Findings.Add(new CheckFinding(Area, $"the stored definition of kind \"{key}\" cannot be read ({e.Message})",
                        "cannot repair: save the kind again in the admin (/admin/kinds) or restore from a backup", RepairAction.None));
                }
            }

            return kinds;
        }

        private void CheckDocuments(
            List<(string Slug, long? SectionId, string? Kind, string? Fields)> documents,
            List<(string Slug, string? Kind, string Language, long Revision, string Fields)> revisions,
            HashSet<long> sectionIds, HashSet<string> kindKeys, Dictionary<string, DocumentKind> kinds)
        {
            foreach (var document in documents)
            {
                if (document.SectionId is { } section && !sectionIds.Contains(section))
                {
                    InMissingSection.Add((document.Slug, section));
                    Findings.Add(new CheckFinding(Area, $"document {document.Slug} is in section {section}, which does not exist",
                        "take it out of the missing section (it stays at its address, in no section)", RepairAction.RepairStructure, Slug: document.Slug));
                }

                if (document.Kind is { } kind && !kindKeys.Contains(kind))
                {
                    Findings.Add(new CheckFinding(Area, $"document {document.Slug} is of kind \"{kind}\", which does not exist",
                        $"cannot repair safely: define kind \"{kind}\" again (/admin/kinds) or give the document another kind", RepairAction.None, Slug: document.Slug));
                    continue;
                }

                if (document.Fields is not null && Values(document.Slug, null, document.Fields) is { } values)
                {
                    foreach (var (key, value) in values)
                    {
                        CheckValue(document.Slug, null, document.Kind, kinds, key, value, shared: true);
                    }
                }
            }

            // A bad value usually stands in many revisions of one version: one line per version and field.
            foreach (var version in revisions.GroupBy(r => (r.Slug, r.Kind, r.Language)))
            {
                var problems = new Dictionary<string, (string Problem, List<long> Revisions)>(StringComparer.Ordinal);
                foreach (var revision in version)
                {
                    if (Values(revision.Slug, $"{revision.Language} revision {revision.Revision}", revision.Fields) is not { } values)
                    {
                        continue;
                    }

                    foreach (var (key, value) in values)
                    {
                        if (Problem(version.Key.Kind, kinds, key, value, shared: false) is { } problem)
                        {
                            if (!problems.TryGetValue(key, out var found))
                            {
                                problems[key] = found = (problem, []);
                            }

                            found.Revisions.Add(revision.Revision);
                        }
                    }
                }

                foreach (var (_, (problem, numbers)) in problems)
                {
                    Findings.Add(new CheckFinding(Area,
                        $"document {version.Key.Slug}, {version.Key.Language} (revision {string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)))}): {problem}",
                        "cannot repair safely: correct the value in the version editor (a new revision)", RepairAction.None, Slug: version.Key.Slug, Language: version.Key.Language));
                }
            }
        }

        private void CheckValue(string slug, string? language, string? kind, Dictionary<string, DocumentKind> kinds, string key, string value, bool shared)
        {
            if (Problem(kind, kinds, key, value, shared) is { } problem)
            {
                Findings.Add(new CheckFinding(Area, $"document {slug}: {problem}",
                    "cannot repair safely: correct or remove the value where the document is placed (/admin, or PUT /api/v1/documents/{slug}/place)",
                    RepairAction.None, Slug: slug, Language: language));
            }
        }

        // Null when the value is fine; a kind that could not be read has been reported already, so its values are not judged.
        private static string? Problem(string? kindKey, Dictionary<string, DocumentKind> kinds, string key, string value, bool shared)
        {
            if (kindKey is null)
            {
                return $"a value for field \"{key}\" is stored, but the document is of no kind";
            }

            if (!kinds.TryGetValue(kindKey, out var kind))
            {
                return null;
            }

            if (kind.Field(key) is not { } field)
            {
                return $"kind \"{kindKey}\" has no field \"{key}\", yet a value is stored for it (\"{Cut(value)}\"); it is not shown";
            }

            if (field.Translatable == shared)
            {
                return shared
                    ? $"field \"{key}\" of kind \"{kindKey}\" is translatable, yet a value is stored on the document for all languages"
                    : $"field \"{key}\" of kind \"{kindKey}\" is {field.Type.Name()} (shared), yet a value is stored in a language version";
            }

            return FieldValues.Check(field, value, out var normalised) is { } message
                ? message
                : normalised != value ? $"field \"{key}\": the stored \"{Cut(value)}\" is not written as {field.Type.Name()} values are stored (\"{Cut(normalised)}\")" : null;
        }

        private IReadOnlyDictionary<string, string>? Values(string slug, string? where, string json)
        {
            try
            {
                return SqlContentStore.ParseFields(json);
            }
            catch (JsonException)
            {
                Findings.Add(new CheckFinding(Area, $"document {slug}{(where is null ? "" : $", {where}")}: the stored field values cannot be read",
                    "cannot repair: restore from a backup, or place the document again with its values", RepairAction.None, Slug: slug));
                return null;
            }
        }

        private void CheckMenus(List<(string Name, string Definition)> rows, HashSet<long> sectionIds)
        {
            foreach (var (name, definition) in rows)
            {
                Menu menu;
                try
                {
                    menu = StructureJson.ReadMenu(name, definition);
                }
                catch (Exception e) when (e is JsonException or ArgumentException)
                {
                    Findings.Add(new CheckFinding(Area, $"the stored {name} menu cannot be read ({e.Message})",
                        "cannot repair: save the menu again in the admin (/admin/menus) or restore from a backup", RepairAction.None));
                    continue;
                }

                var missing = new List<string>();
                bool Broken(MenuEntry entry)
                {
                    if (entry.Target == MenuTargetKind.Section && (entry.SectionId is not { } id || !sectionIds.Contains(id)))
                    {
                        missing.Add(entry.SectionId?.ToString(CultureInfo.InvariantCulture) ?? "none");
                        return true;
                    }

                    return false;
                }

                var kept = new List<MenuEntry>();
                foreach (var entry in menu.Entries)
                {
                    var children = entry.Children.Where(c => !Broken(c)).ToList();
                    if (Broken(entry))
                    {
                        // The entries under a removed one keep their place in the menu.
                        kept.AddRange(children);
                    }
                    else
                    {
                        kept.Add(entry with { Children = children });
                    }
                }

                if (missing.Count > 0)
                {
                    RepairedMenus.Add((name, new Menu(name, [.. kept.Take(Menu.MaxEntries)])));
                    Findings.Add(new CheckFinding(Area,
                        $"the {name} menu has {missing.Count} entr{(missing.Count == 1 ? "y" : "ies")} leading to missing section(s) (id {string.Join(", ", missing.Distinct(StringComparer.Ordinal))})",
                        "remove those entries (entries under them take their place)", RepairAction.RepairStructure));
                }
            }
        }

        private static string Cut(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");
    }

    /// <summary>A section as stored, for the structure check.</summary>
    private sealed record SectionRow
    {
        public long Id { get; init; }

        public long? ParentId { get; init; }

        public string Slug { get; init; } = "";
    }
}
