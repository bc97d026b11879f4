namespace Hexapla.Sections;

/// <summary>
/// The site's shape as read at one generation of the store: every section, every kind, every menu, with the lookups
/// pages need (paths, ancestors for breadcrumbs, descendants for listings). Immutable; small enough to keep in memory
/// (a press office has hundreds of sections, not millions) and read whole once per generation.
/// </summary>
public sealed class SiteStructure
{
    private readonly Dictionary<long, Section> _byId;
    private readonly Dictionary<long, string> _paths = [];
    private readonly Dictionary<string, Section> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<Section>> _children = [];
    private readonly Dictionary<string, DocumentKind> _kinds;
    private readonly Dictionary<string, Menu> _menus;

    /// <summary>A structure of these parts. Sections whose parent is missing or whose parents form a cycle are left out.</summary>
    public SiteStructure(IEnumerable<Section> sections, IEnumerable<DocumentKind> kinds, IEnumerable<Menu> menus)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(menus);
        var all = sections.ToDictionary(s => s.Id);
        _byId = [];
        // Walk down from the top: only what is reachable belongs to the tree, so a damaged store cannot loop a page.
        var level = all.Values.Where(s => s.ParentId is null).ToList();
        var byParent = all.Values.Where(s => s.ParentId is not null).ToLookup(s => s.ParentId!.Value);
        while (level.Count > 0)
        {
            var next = new List<Section>();
            foreach (var section in level.OrderBy(s => s.Position).ThenBy(s => s.Slug, StringComparer.Ordinal))
            {
                _byId[section.Id] = section;
                var path = section.ParentId is { } parent ? $"{_paths[parent]}/{section.Slug}" : section.Slug;
                _paths[section.Id] = path;
                _byPath[path] = section;
                var key = section.ParentId ?? 0;
                if (!_children.TryGetValue(key, out var siblings))
                {
                    _children[key] = siblings = [];
                }

                siblings.Add(section);
                next.AddRange(byParent[section.Id]);
            }

            level = next;
        }

        Sections = [.. _byId.Values];
        _kinds = kinds.ToDictionary(k => k.Key, StringComparer.Ordinal);
        Kinds = [.. _kinds.Values.OrderBy(k => k.Position).ThenBy(k => k.Key, StringComparer.Ordinal)];
        _menus = menus.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    /// <summary>A structure with nothing in it.</summary>
    public static SiteStructure Empty { get; } = new([], [], []);

    /// <summary>Every section of the tree, parents before children, siblings in order.</summary>
    public IReadOnlyList<Section> Sections { get; }

    /// <summary>Every kind, in order.</summary>
    public IReadOnlyList<DocumentKind> Kinds { get; }

    /// <summary>The section with this id, or null.</summary>
    public Section? Section(long id) => _byId.GetValueOrDefault(id);

    /// <summary>The section at <paramref name="path"/> (slugs joined by <c>/</c>, no slash at either end), or null.</summary>
    public Section? SectionAt(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The path of the section <paramref name="id"/> (e.g. <c>regions/middle-east</c>), or null when there is none.</summary>
    public string? PathOf(long id) => _paths.GetValueOrDefault(id);

    /// <summary>The sections directly under <paramref name="parentId"/> (the top level for null), in order.</summary>
    public IReadOnlyList<Section> Children(long? parentId) => _children.TryGetValue(parentId ?? 0, out var children) ? children : [];

    /// <summary>The section <paramref name="id"/> and its ancestors, the top first (what breadcrumbs show); empty for none.</summary>
    public IReadOnlyList<Section> Trail(long id)
    {
        var trail = new List<Section>();
        for (var at = Section(id); at is not null; at = at.ParentId is { } parent ? Section(parent) : null)
        {
            trail.Add(at);
        }

        trail.Reverse();
        return trail;
    }

    /// <summary>The ids of section <paramref name="id"/> and every section below it (what its page lists); empty for none.</summary>
    public IReadOnlyList<long> SelfAndDescendants(long id)
    {
        if (Section(id) is null)
        {
            return [];
        }

        var ids = new List<long> { id };
        for (var i = 0; i < ids.Count; i++)
        {
            ids.AddRange(Children(ids[i]).Select(c => c.Id));
        }

        return ids;
    }

    /// <summary>The kind with this key, or null.</summary>
    public DocumentKind? Kind(string? key) => key is null ? null : _kinds.GetValueOrDefault(key);

    /// <summary>The menu with this name; an empty one when it was never saved.</summary>
    public Menu Menu(string name) => _menus.GetValueOrDefault(name) ?? new Menu(name, []);
}
