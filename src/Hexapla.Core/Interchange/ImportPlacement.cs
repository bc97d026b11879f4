using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Sections;

namespace Hexapla.Interchange;

/// <summary>
/// Where an imported document goes and what its fields hold, from its files' front matter: the section, the kind, the
/// shared values (on the document) and each version's translatable ones.
/// </summary>
/// <param name="SectionId">The section (the one the files name, else the one the document is in).</param>
/// <param name="Kind">The kind (the one the files name, else the document's).</param>
/// <param name="Fields">The shared values of the document.</param>
/// <param name="VersionFields">
/// The translatable values of each version whose file states its kind's fields (it names a kind, or gives a field); a
/// version not in it keeps the values it has.
/// </param>
internal sealed record ImportPlacement(
    long? SectionId, string? Kind, IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<LanguageTag, IReadOnlyDictionary<string, string>> VersionFields)
{
    /// <summary>
    /// Settles the placement of document <paramref name="slug"/> from <paramref name="files"/>, adding a line to
    /// <paramref name="errors"/> for each problem: an unknown section or kind (naming the known ones), two files that
    /// disagree on the section, the kind or a shared value (naming both), a key under <c>fields:</c> that the kind lacks,
    /// a value of the wrong type (naming the field, the value and the type), and a new document whose slug is a section's.
    /// </summary>
    public static ImportPlacement Settle(string slug, Document? before, IReadOnlyList<ParsedVersion> files, SiteStructure structure, List<ImportError> errors)
    {
        var count = errors.Count;
        if (before is null && structure.Sections.FirstOrDefault(s => s.Slug == slug) is { } clash)
        {
            // Section pages are /{lang}/s/{path}, but a top-level section's slug answers at /{lang}/{slug} too: one owner per slug.
            errors.Add(new ImportError(files[0].Source, null,
                $"slug \"{slug}\" is the slug of section \"{structure.PathOf(clash.Id)}\"; a document may not share it. Give the document another with slug: in the front matter"));
        }

        var section = Agree(files, f => f.Section, "section", errors, path =>
        {
            var found = structure.SectionAt(path.Trim().Trim('/'));
            return found is null ? (null, UnknownSection(path, structure)) : (found.Id.ToString(CultureInfo.InvariantCulture), null);
        });
        var kind = Agree(files, f => f.Kind, "kind", errors, key => structure.Kind(key.Trim()) is { } k ? (k.Key, null) : (null, UnknownKind(key, structure)));

        var sectionId = section is null ? before?.SectionId : long.Parse(section, CultureInfo.InvariantCulture);
        var kindKey = kind ?? before?.Kind;
        var definition = structure.Kind(kindKey);
        // A kind changed by the files leaves the old kind's values behind (they would not be shown anyway).
        var shared = new Dictionary<string, string>(kindKey == before?.Kind ? before?.Fields ?? Document.EmptyFields : Document.EmptyFields, StringComparer.Ordinal);
        var sharedFrom = new Dictionary<string, ParsedVersion>(StringComparer.Ordinal);
        var versionFields = new Dictionary<LanguageTag, IReadOnlyDictionary<string, string>>();
        foreach (var file in files)
        {
            var own = new Dictionary<string, string>(StringComparer.Ordinal);
            var given = false;
            var named = file.Fields.Where(f => f.Named).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var candidate in file.Fields)
            {
                var field = definition?.Field(candidate.Key);
                if (field is null)
                {
                    if (candidate.Named)
                    {
                        errors.Add(new ImportError(file.Source, candidate.Line, definition is null
                            ? $"field \"{Shown(candidate.Key)}\" is under fields:, but the document has no kind; name one with kind: ({KnownKinds(structure)})"
                            : $"kind \"{definition.Key}\" has no field \"{Shown(candidate.Key)}\"; its fields are {FieldList(definition)}"));
                    }

                    // A top-level key the kind lacks belongs to the site's theme, not to Hexapla.
                    continue;
                }

                if (!candidate.Named && named.Contains(candidate.Key))
                {
                    errors.Add(new ImportError(file.Source, candidate.Line, $"field \"{candidate.Key}\" is given both at the top and under fields:; keep one"));
                    continue;
                }

                if (candidate.Value is null)
                {
                    errors.Add(new ImportError(file.Source, candidate.Line,
                        $"field \"{candidate.Key}\" is a {field.Type.Name()} field and takes one value, not a list or a mapping"));
                    continue;
                }

                given = true;
                if (candidate.Value.Length == 0)
                {
                    // "speaker:" with nothing after it, as an archetype leaves it: no value.
                    continue;
                }

                if (FieldValues.Check(field, candidate.Value, out var value) is { } problem)
                {
                    errors.Add(new ImportError(file.Source, candidate.Line, $"{problem} (a {field.Type.Name()} field of kind \"{definition!.Key}\")"));
                    continue;
                }

                if (field.Translatable)
                {
                    own[field.Key] = value;
                }
                else if (sharedFrom.TryGetValue(field.Key, out var other) && shared[field.Key] != value)
                {
                    errors.Add(new ImportError(file.Source, candidate.Line,
                        $"field \"{field.Key}\" is \"{Shown(value)}\" here but \"{Shown(shared[field.Key])}\" in {other.Source}; it has one value for all languages, so make them agree"));
                }
                else
                {
                    shared[field.Key] = value;
                    sharedFrom[field.Key] = file;
                }
            }

            if (given || file.Kind is not null)
            {
                versionFields[file.Language] = own;
            }
        }

        return errors.Count > count
            ? new ImportPlacement(null, null, Document.EmptyFields, versionFields)
            : new ImportPlacement(sectionId, kindKey, shared, versionFields);
    }

    /// <summary>The one value the files give for <paramref name="name"/>, resolved; null when none gives one.</summary>
    private static string? Agree(
        IReadOnlyList<ParsedVersion> files, Func<ParsedVersion, FrontMatterValue?> of, string name, List<ImportError> errors,
        Func<string, (string? Resolved, string? Problem)> resolve)
    {
        (string Resolved, ParsedVersion File, FrontMatterValue Value)? chosen = null;
        foreach (var file in files)
        {
            if (of(file) is not { } given)
            {
                continue;
            }

            var (resolved, problem) = resolve(given.Value);
            if (resolved is null)
            {
                errors.Add(new ImportError(file.Source, given.Line, problem!));
                continue;
            }

            if (chosen is { } first && first.Resolved != resolved)
            {
                errors.Add(new ImportError(file.Source, given.Line,
                    $"{name} is \"{Shown(given.Value)}\" here but \"{Shown(first.Value.Value)}\" in {first.File.Source}; a document has one {name}, so make them agree"));
                continue;
            }

            chosen ??= (resolved, file, given);
        }

        return chosen?.Resolved;
    }

    private static string UnknownSection(string path, SiteStructure structure) =>
        structure.Sections.Count == 0
            ? $"section \"{Shown(path)}\" does not exist: no sections are defined yet; create it in the admin (Sections) first"
            : $"section \"{Shown(path)}\" does not exist; the sections are {Listed(structure.Sections.Select(s => structure.PathOf(s.Id)!))}";

    private static string UnknownKind(string key, SiteStructure structure) =>
        $"kind \"{Shown(key)}\" does not exist; {KnownKinds(structure)}";

    private static string KnownKinds(SiteStructure structure) =>
        structure.Kinds.Count == 0 ? "no kinds are defined yet (an admin defines them in Kinds)" : $"the kinds are {Listed(structure.Kinds.Select(k => k.Key))}";

    private static string FieldList(DocumentKind kind) =>
        kind.Fields.Count == 0 ? "none" : string.Join(", ", kind.Fields.Select(f => $"{f.Key} ({f.Type.Name()})"));

    /// <summary>Names joined for a message, at most 30 of them.</summary>
    private static string Listed(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= 30 ? string.Join(", ", all) : $"{string.Join(", ", all.Take(30))} and {all.Count - 30} more";
    }

    private static string Shown(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");
}
