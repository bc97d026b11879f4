using System.Globalization;
using System.Text.RegularExpressions;
using Hexapla.Languages;

namespace Hexapla.Interchange.Sites;

/// <summary>
/// What a site's layout says about one file: its language (from a folder, a file name suffix or the site's default)
/// and the key that pairs it with its translations (its path without the language part).
/// </summary>
public sealed record SiteHint
{
    /// <summary>The generator whose layout was recognised.</summary>
    public required SiteGenerator Generator { get; init; }

    /// <summary>The language the layout gives; null when it gives none (the file states it, or it is detected).</summary>
    public LanguageTag? Language { get; init; }

    /// <summary>Where <see cref="Language"/> comes from, for messages ("the folder content/ru").</summary>
    public string LanguageFrom { get; init; } = "";

    /// <summary>
    /// True when <see cref="Language"/> is only the site's default (a file without a language suffix or folder), which a
    /// front matter <c>lang</c> overrides; false when a folder or a suffix says it, which a front matter must agree with.
    /// </summary>
    public bool LanguageIsDefault { get; init; }

    /// <summary>The file's path with the language part, a Jekyll date and the extension taken out: files that share it are translations of one another.</summary>
    public required string Key { get; init; }

    /// <summary>The name the path gives the document (the file's, or its folder's for a Hugo page bundle <c>index.md</c>): the slug unless front matter gives one.</summary>
    public required string Name { get; init; }

    /// <summary>The date a Jekyll post's file name starts with, used when its front matter has none.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The site's default language: its file's <c>slug</c> names a document whose translations have slugs of their own.</summary>
    public LanguageTag? DefaultLanguage { get; init; }

    /// <summary>The site's time zone, in which a front matter date with a time of day and no offset is read; null: such a date is refused.</summary>
    public TimeZoneInfo? TimeZone { get; init; }
}

/// <summary>A file an import will read as a document, with what its site's layout says about it (null: nothing).</summary>
public sealed record SelectedFile(string Path, SiteHint? Hint);

/// <summary>Files a folder walk left out by one rule.</summary>
/// <param name="Reason">The rule, as a person reads it ("READMEs: notes about a folder, not documents").</param>
/// <param name="Files">The files (or folders) it left out.</param>
public sealed record SkippedFiles(string Reason, IReadOnlyList<string> Files);

/// <summary>What <see cref="SiteLayouts.Select"/> found in the paths given.</summary>
public sealed record ImportSelection
{
    /// <summary>Text documents to import, in path order.</summary>
    public IReadOnlyList<SelectedFile> Documents { get; init; } = [];

    /// <summary>XLIFF files named explicitly (for the XLIFF import).</summary>
    public IReadOnlyList<string> Xliff { get; init; } = [];

    /// <summary>TMX files named explicitly (for the translation memory).</summary>
    public IReadOnlyList<string> Tmx { get; init; } = [];

    /// <summary>What folder walks left out, rule by rule.</summary>
    public IReadOnlyList<SkippedFiles> Skipped { get; init; } = [];

    /// <summary>Files named explicitly, or named as documents inside a folder, that are not documents: the run is refused.</summary>
    public IReadOnlyList<ImportError> Refused { get; init; } = [];

    /// <summary>The site layouts recognised, one a line ("site/ (Hugo, hugo.toml: en, ru; a folder per language)").</summary>
    public IReadOnlyList<string> Layouts { get; init; } = [];
}

/// <summary>
/// Chooses the files of an import and reads what the layout of the site they come from says about them. Recognised:
/// Hugo's two multilingual layouts (a file name suffix, <c>about.ru.md</c> beside <c>about.md</c> in the default
/// language; and a content folder per language, <c>content/en/…</c>, <c>content/ru/…</c>, or whatever each language's
/// <c>contentDir</c> says), paired by path or by front matter <c>translationKey</c>; Jekyll (<c>_posts</c>, a folder
/// per language such as <c>ru/_posts/…</c> or <c>_posts/ru/…</c> or front matter <c>lang</c>, paired by path without the
/// date, or by <c>ref</c> or <c>permalink</c>); Hexo (<c>source/_posts/en/…</c>, <c>source/_posts/ru/…</c>); and with no
/// generator's configuration, folders named after languages side by side (<c>en/</c>, <c>ru/</c>) and
/// <c>name.LANG.md</c> beside <c>name.md</c>.
/// </summary>
/// <remarks>
/// A folder walk leaves out, and says so rule by rule: hidden files and folders; <c>_</c>-prefixed files (Hugo section
/// pages, <c>_index.md</c>) and a generator's own <c>_</c> folders (<c>_layouts</c>, <c>_site</c>, <c>_drafts</c>…) except
/// <c>_posts</c>; <c>node_modules</c>; READMEs and other repository notes; XLIFF and TMX files (imported by naming
/// them, on their own); and files of other kinds (images, JSON, YAML…). A file named as a document (<c>.md</c>,
/// <c>.markdown</c>, <c>.txt</c>) that is something else refuses the run, as does any file named explicitly that is
/// not a document, XLIFF or TMX: "sample.ru.po: a gettext catalogue, not a document".
/// </remarks>
public static partial class SiteLayouts
{
    private static readonly string[] RepositoryNotes = ["README", "CHANGELOG", "CHANGES", "LICENSE", "LICENCE", "CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY"];

    private static readonly HashSet<string> ToolFolders = new(StringComparer.OrdinalIgnoreCase) { "node_modules", "vendor" };

    /// <summary>Sorts <paramref name="paths"/> (files and folders) into documents, XLIFF, TMX, refusals and what was skipped.</summary>
    /// <exception cref="ImportException">A path does not exist, or a site's configuration cannot be read.</exception>
    public static ImportSelection Select(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var documents = new List<SelectedFile>();
        var xliff = new List<string>();
        var tmx = new List<string>();
        var refused = new List<ImportError>();
        var skipped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var layouts = new List<string>();
        var missing = new List<ImportError>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                var kind = FileKinds.Of(path);
                switch (kind.Route)
                {
                    case FileRoute.Document:
                        documents.Add(new SelectedFile(path, null));
                        break;
                    case FileRoute.Xliff:
                        xliff.Add(path);
                        break;
                    case FileRoute.Tmx:
                        tmx.Add(path);
                        break;
                    default:
                        refused.Add(new ImportError(path, null, kind.Refusal));
                        break;
                }
            }
            else if (Directory.Exists(path))
            {
                var site = SiteConfig.Detect(path);
                var walk = new Walk(path, site, skipped, refused);
                walk.Run();
                documents.AddRange(walk.Files);
                if (walk.Layout is { } layout)
                {
                    layouts.Add(layout);
                }
            }
            else
            {
                missing.Add(new ImportError(path, null, "no such file or folder"));
            }
        }

        if (missing.Count > 0)
        {
            throw new ImportException(missing);
        }

        return new ImportSelection
        {
            Documents = documents,
            Xliff = xliff,
            Tmx = tmx,
            Refused = refused,
            Skipped = [.. skipped.Select(s => new SkippedFiles(s.Key, s.Value))],
            Layouts = layouts,
        };
    }

    /// <summary>
    /// Says what was skipped, one line per rule with its count and up to <paramref name="examples"/> of its files:
    /// "3 READMEs (notes about a folder, not documents): docs/README.md, …".
    /// </summary>
    public static IEnumerable<string> Describe(IReadOnlyList<SkippedFiles> skipped, int examples = 3)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        foreach (var rule in skipped)
        {
            var shown = string.Join(", ", rule.Files.Take(examples));
            var more = rule.Files.Count > examples ? string.Create(CultureInfo.InvariantCulture, $", and {rule.Files.Count - examples} more") : "";
            yield return string.Create(CultureInfo.InvariantCulture, $"{rule.Files.Count} × {rule.Reason}: {shown}{more}");
        }
    }

    /// <summary>One folder walked under one site's layout.</summary>
    private sealed class Walk(string folder, SiteConfig site, Dictionary<string, List<string>> skipped, List<ImportError> refused)
    {
        private readonly string _root = Path.GetFullPath(folder);

        public List<SelectedFile> Files { get; } = [];

        public string? Layout { get; private set; }

        public void Run()
        {
            var found = new List<string>();
            Visit(_root, found);
            found.Sort(StringComparer.Ordinal);
            var languageFolders = site.Generator == SiteGenerator.None ? LanguageFolders(found) : [];
            var suffixed = SuffixPairs(found);
            var kinds = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var full in found)
            {
                var hint = Hint(full, languageFolders, suffixed);
                if (hint is not null)
                {
                    kinds.Add(hint.Language is null ? "the file (front matter or detection)"
                        : hint.LanguageIsDefault ? "the site's default"
                        : hint.LanguageFrom.StartsWith("the folder", StringComparison.Ordinal) ? "a folder per language"
                        : "a file name suffix");
                }

                // Shown as given (relative paths stay relative), so messages name the file the way the person typed it.
                Files.Add(new SelectedFile(Path.Combine(folder, Path.GetRelativePath(_root, full)), hint));
            }

            if (site.Generator != SiteGenerator.None || kinds.Count > 0)
            {
                var what = site.Generator == SiteGenerator.None ? "no site configuration" : $"{site.Generator}, {Path.GetFileName(site.ConfigFile)}";
                var languages = site.Languages.Count == 0 ? "" : ": " + string.Join(", ", site.Languages.Select(l => l.Key == l.Tag.Value ? l.Key : $"{l.Key} as {l.Tag}"));
                var keys = site.Generator switch
                {
                    SiteGenerator.Hugo => "path or translationKey",
                    SiteGenerator.Jekyll => "path, ref or permalink",
                    _ => "path",
                };
                Layout = $"{folder} ({what}{languages}; language from {string.Join(", ", kinds.DefaultIfEmpty("the file (front matter or detection)"))}; translations paired by {keys})";
            }
        }

        private void Skip(string reason, string full) =>
            (skipped.TryGetValue(reason, out var list) ? list : skipped[reason] = []).Add(Path.Combine(folder, Path.GetRelativePath(_root, full)));

        private void Visit(string directory, List<string> found)
        {
            foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(sub);
                if (name.StartsWith('.'))
                {
                    Skip("hidden folders (not walked)", sub);
                }
                else if (ToolFolders.Contains(name))
                {
                    Skip("tool folders such as node_modules (not walked)", sub);
                }
                else if (name.StartsWith('_') && !name.Equals("_posts", StringComparison.OrdinalIgnoreCase))
                {
                    Skip(name.Equals("_drafts", StringComparison.OrdinalIgnoreCase)
                        ? "drafts folders (unpublished posts; import them by naming the folder)"
                        : "folders starting with _ (a site generator's layouts, includes, data or output; not walked)", sub);
                }
                else if (site.Generator == SiteGenerator.Hugo && directory == site.Root && !ContentRoots().Contains(name, StringComparer.Ordinal))
                {
                    Skip("Hugo folders other than content (themes, layouts, static, public…; not walked)", sub);
                }
                else if (site.Generator == SiteGenerator.Hexo && directory == site.Root && name != "source")
                {
                    Skip("Hexo folders other than source (themes, scaffolds, public…; not walked)", sub);
                }
                else
                {
                    Visit(sub, found);
                }
            }

            foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                var extension = Path.GetExtension(file).ToLowerInvariant();
                if (name.StartsWith('.'))
                {
                    Skip("hidden files", file);
                }
                else if (file == site.ConfigFile)
                {
                    // Read for the site's languages; not content.
                }
                else if (directory == site.Root && (site.Generator is SiteGenerator.Hugo or SiteGenerator.Hexo
                    || (site.Generator == SiteGenerator.Jekyll && !FileKinds.DocumentExtensions.Contains(extension))))
                {
                    Skip("files beside the site's configuration (its own files, not content)", file);
                }
                else if (extension is ".xlf" or ".xliff" or ".tmx")
                {
                    Skip("XLIFF and TMX files (import them by naming them, on their own)", file);
                }
                else if (!FileKinds.DocumentExtensions.Contains(extension))
                {
                    Skip("files that are not documents by name (only .md, .markdown and .txt are walked)", file);
                }
                else if (name.StartsWith('_'))
                {
                    Skip("files starting with _ (Hugo section pages such as _index.md: list pages, not documents)", file);
                }
                else if (RepositoryNotes.Any(n => Path.GetFileNameWithoutExtension(name).Equals(n, StringComparison.OrdinalIgnoreCase) || name.StartsWith(n + ".", StringComparison.OrdinalIgnoreCase)))
                {
                    Skip("READMEs and other repository notes (README, CHANGELOG, LICENSE, CONTRIBUTING…: about the files, not documents)", file);
                }
                else if (FileKinds.Of(file) is { Route: not FileRoute.Document } kind)
                {
                    // Named as a document but something else: importing it would publish it, skipping it would hide it.
                    refused.Add(new ImportError(Path.Combine(folder, Path.GetRelativePath(_root, file)), null, kind.Refusal));
                }
                else
                {
                    found.Add(file);
                }
            }
        }

        /// <summary>
        /// Folders whose subfolders are named after languages, two or more side by side (<c>en/</c> and <c>ru/</c>),
        /// by their path relative to the site's root: each such subfolder holds one language's files.
        /// </summary>
        private Dictionary<string, LanguageTag> LanguageFolders(List<string> files)
        {
            var children = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var segments = SitePath(file).Split('/');
                for (var i = 0; i < segments.Length - 1; i++)
                {
                    var parent = string.Join('/', segments.Take(i));
                    (children.TryGetValue(parent, out var set) ? set : children[parent] = new HashSet<string>(StringComparer.Ordinal)).Add(segments[i]);
                }
            }

            var folders = new Dictionary<string, LanguageTag>(StringComparer.Ordinal);
            foreach (var (parent, names) in children)
            {
                var languages = names.Where(IsLanguageLike).ToList();
                if (languages.Count >= 2)
                {
                    foreach (var name in languages)
                    {
                        folders[parent.Length == 0 ? name : $"{parent}/{name}"] = LanguageTag.Parse(name);
                    }
                }
            }

            return folders;
        }

        /// <summary>Paths without extension (<c>DIR/NAME</c>) for which a <c>DIR/NAME.LANG.EXT</c> exists.</summary>
        private static HashSet<string> SuffixPairs(List<string> files)
        {
            var pairs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var stem = Path.GetFileNameWithoutExtension(file);
                var dot = stem.LastIndexOf('.');
                if (dot > 0 && IsLanguageLike(stem[(dot + 1)..]))
                {
                    pairs.Add(Path.Combine(Path.GetDirectoryName(file)!, stem[..dot]));
                }
            }

            return pairs;
        }

        /// <summary>The site's content folders (first path segment under the site), for Hugo.</summary>
        private IEnumerable<string> ContentRoots() =>
            site.Languages.Select(l => l.ContentDir).Append(site.ContentDir).Where(d => !string.IsNullOrEmpty(d)).Select(d => d!.Split('/')[0]);

        /// <summary>Path relative to the site's root, with <c>/</c>.</summary>
        private string SitePath(string full) => Path.GetRelativePath(site.Root, full).Replace(Path.DirectorySeparatorChar, '/');

        private SiteHint? Hint(string full, Dictionary<string, LanguageTag> languageFolders, HashSet<string> suffixed)
        {
            var relative = SitePath(full);
            var segments = relative.Split('/').ToList();
            LanguageTag? language = null;
            var from = "";
            var isDefault = false;

            switch (site.Generator)
            {
                case SiteGenerator.Hugo:
                    {
                        // A language's own contentDir, then content/LANG/, then a suffix, then the default language.
                        var own = site.Languages.Where(l => l.ContentDir is not null)
                            .FirstOrDefault(l => relative.StartsWith(l.ContentDir + "/", StringComparison.Ordinal));
                        if (own is not null)
                        {
                            segments = [.. relative[(own.ContentDir!.Length + 1)..].Split('/')];
                            (language, from) = (own.Tag, $"the folder {own.ContentDir} (contentDir of {own.Key})");
                        }
                        else
                        {
                            if (site.ContentDir.Length > 0 && relative.StartsWith(site.ContentDir + "/", StringComparison.Ordinal))
                            {
                                segments = [.. relative[(site.ContentDir.Length + 1)..].Split('/')];
                            }

                            if (segments.Count > 1 && site.Find(segments[0]) is { } folderLanguage)
                            {
                                (language, from) = (folderLanguage.Tag, $"the folder {site.ContentDir}/{segments[0]}");
                                segments.RemoveAt(0);
                            }
                        }

                        break;
                    }

                case SiteGenerator.Jekyll or SiteGenerator.Hexo:
                    {
                        if (site.Generator == SiteGenerator.Hexo && segments[0] == "source")
                        {
                            segments.RemoveAt(0);
                        }

                        var at = segments.FindIndex(s => site.Find(s) is not null);
                        if (at >= 0 && at < segments.Count - 1)
                        {
                            (language, from) = (site.Find(segments[at])!.Tag, $"the folder {string.Join('/', segments.Take(at + 1))}");
                            segments.RemoveAt(at);
                        }

                        break;
                    }

                default:
                    {
                        var at = -1;
                        for (var i = 0; i < segments.Count - 1; i++)
                        {
                            var parent = string.Join('/', segments.Take(i + 1));
                            if (languageFolders.TryGetValue(parent, out var tag))
                            {
                                (language, from, at) = (tag, $"the folder {parent}", i);
                                break;
                            }
                        }

                        if (at >= 0)
                        {
                            segments.RemoveAt(at);
                        }

                        break;
                    }
            }

            // The file name: NAME.LANG.EXT gives the language when no folder did (and must agree with one that did).
            var file = segments[^1];
            var stem = Path.GetFileNameWithoutExtension(file);
            var dot = stem.LastIndexOf('.');
            LanguageTag? suffix = null;
            if (dot > 0)
            {
                var candidate = stem[(dot + 1)..];
                var declared = site.Find(candidate);
                if (declared is not null || (LanguageTag.TryParse(candidate, out var parsed) && IsLanguageLike(candidate)))
                {
                    suffix = declared?.Tag ?? LanguageTag.Parse(candidate);
                    stem = stem[..dot];
                }
            }

            if (site.Generator == SiteGenerator.None && language is null && suffix is not null)
            {
                // A SLUG.LANG.md bundle outside language folders: the bundle rule already pairs it by its name.
                return null;
            }

            if (suffix is not null)
            {
                if (language is not null && language.Language != suffix.Language)
                {
                    refused.Add(new ImportError(full, null, $"the file name says {suffix} but {from} says {language}; move or rename it"));
                }
                else if (language is null)
                {
                    (language, from) = (suffix, $"the file name suffix .{Path.GetFileNameWithoutExtension(file)[(dot + 1)..]}");
                }
            }

            if (language is null && site.Generator is SiteGenerator.Hugo or SiteGenerator.Jekyll or SiteGenerator.Hexo && site.Default is { } fallback)
            {
                (language, from, isDefault) = (fallback, $"the site's default language in {Path.GetFileName(site.ConfigFile)}", true);
            }

            // A folder with no site configuration and no language in the path or name: the old rules stand (bundle
            // names, front matter, slug from the title), unless a NAME.LANG.md beside it makes it NAME's default-language file.
            if (site.Generator == SiteGenerator.None && language is null && !suffixed.Contains(Path.Combine(Path.GetDirectoryName(full)!, stem)))
            {
                return null;
            }

            DateOnly? date = null;
            if (site.Generator is SiteGenerator.Jekyll or SiteGenerator.Hexo or SiteGenerator.None && JekyllDate().Match(stem) is { Success: true } dated
                && DateOnly.TryParseExact(dated.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                date = site.Generator == SiteGenerator.Jekyll ? day : null;
                stem = stem[dated.Length..];
            }

            var directory = string.Join('/', segments.Take(segments.Count - 1));
            var name = stem.Equals("index", StringComparison.OrdinalIgnoreCase) && segments.Count > 1 ? segments[^2] : stem;
            var key = (directory.Length == 0 ? "" : directory + "/") + stem;
            var keyWithoutIndex = stem.Equals("index", StringComparison.OrdinalIgnoreCase) ? directory : key;

            return new SiteHint
            {
                Generator = site.Generator,
                Language = language,
                LanguageFrom = from,
                LanguageIsDefault = isDefault,
                Key = keyWithoutIndex,
                Name = name,
                Date = date,
                DefaultLanguage = site.Default,
                TimeZone = site.TimeZone,
            };
        }
    }

    /// <summary>A file name part that reads as a language: letters, digits and hyphens, a language subtag first (<c>draft</c> is not one).</summary>
    private static bool IsLanguageLike(string part) => part.Length <= 16 && LanguageTag.TryParse(part, out var tag) && tag.Language.Length <= 3;

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})-")]
    private static partial Regex JekyllDate();
}
