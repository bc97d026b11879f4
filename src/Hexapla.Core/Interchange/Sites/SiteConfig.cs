using System.Text.Json;
using Hexapla.Languages;
using YamlDotNet.RepresentationModel;

namespace Hexapla.Interchange.Sites;

/// <summary>The static site generator a folder was written for.</summary>
public enum SiteGenerator
{
    /// <summary>No generator's configuration: folders named after languages, and <c>SLUG.LANG.md</c> names.</summary>
    None,

    /// <summary>Hugo: <c>hugo.toml</c>, <c>hugo.yaml</c>, <c>hugo.json</c> or <c>config.*</c> (also under <c>config/_default/</c>).</summary>
    Hugo,

    /// <summary>Jekyll: <c>_config.yml</c> without Hexo's <c>source/_posts</c>.</summary>
    Jekyll,

    /// <summary>Hexo: <c>_config.yml</c> and <c>source/_posts</c>.</summary>
    Hexo,
}

/// <summary>One language a site configuration declares.</summary>
/// <param name="Key">The name the generator gives it (Hugo's <c>[languages.ru]</c>, Jekyll's <c>languages: [ru]</c>), lower case.</param>
/// <param name="Tag">The language Hexapla stores it as.</param>
/// <param name="ContentDir">Hugo's <c>contentDir</c> for it, relative to the site, with <c>/</c>; null when not given.</param>
public sealed record SiteLanguage(string Key, LanguageTag Tag, string? ContentDir);

/// <summary>
/// What a site's configuration says about its languages: which generator, which languages (and where each one's
/// content is), which is the default. Only these keys are read; the rest of the configuration is ignored.
/// </summary>
/// <remarks>
/// <para>
/// Hugo: <c>defaultContentLanguage</c> (<c>en</c> when absent), <c>contentDir</c>, and under <c>languages</c> each
/// language's <c>contentDir</c> and <c>languageCode</c> (or <c>locale</c>). A Hugo language key becomes a language tag
/// (<c>zh-cn</c> → <c>zh-CN</c>), unless its <c>languageCode</c> is a valid tag of the same primary language, which is
/// then taken (<c>[languages.en] languageCode = "en-GB"</c> stores <c>en-GB</c>). A key that is no language tag
/// and has no usable <c>languageCode</c> is a problem the import names. TOML is read only as far as these keys need
/// (tables, <c>key = "string"</c>); YAML and JSON are read whole.
/// </para>
/// <para>
/// Jekyll (jekyll-polyglot and plugin-free setups): <c>languages</c> (a list) and <c>default_lang</c>, else <c>lang</c>.
/// Hexo: <c>language</c> (one or a list; the first is the default).
/// </para>
/// </remarks>
public sealed record SiteConfig(SiteGenerator Generator, string Root, string? ConfigFile, IReadOnlyList<SiteLanguage> Languages, LanguageTag? Default, string ContentDir)
{
    /// <summary>
    /// The site's time zone (Hugo's <c>timeZone</c>, Jekyll's and Hexo's <c>timezone</c>): front matter dates with a time
    /// of day but no offset, which these generators write, are read in it. Null when the configuration names none.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }

    private static readonly string[] JekyllNames = ["_config.yml", "_config.yaml"];

    private static readonly string[] HugoNames = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"];

    /// <summary>No configuration: the folder walked as it is.</summary>
    public static SiteConfig None(string root) => new(SiteGenerator.None, root, null, [], null, "");

    /// <summary>The language declared under <paramref name="key"/> (a folder name or a file name suffix), or null.</summary>
    public SiteLanguage? Find(string key) => Languages.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds the site <paramref name="folder"/> belongs to: the folder itself, or its parent when it is the site's content folder.</summary>
    /// <exception cref="ImportException">The configuration cannot be read or names a language that is not one.</exception>
    public static SiteConfig Detect(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (Read(full) is { } own)
        {
            return own;
        }

        // "hexapla import site/content": the configuration is one level up, and only this folder is walked.
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar));
        if (parent is not null && Read(parent) is { } site && site.Generator == SiteGenerator.Hugo)
        {
            return site;
        }

        return None(full);
    }

    private static SiteConfig? Read(string root)
    {
        foreach (var name in HugoNames)
        {
            foreach (var candidate in (string[])[Path.Combine(root, name), Path.Combine(root, "config", "_default", name)])
            {
                if (File.Exists(candidate))
                {
                    var values = Flatten(candidate);
                    var languagesFile = Directory.Exists(Path.Combine(root, "config", "_default"))
                        ? Directory.EnumerateFiles(Path.Combine(root, "config", "_default"), "languages.*").FirstOrDefault()
                        : null;
                    if (languagesFile is not null)
                    {
                        foreach (var (key, value) in Flatten(languagesFile))
                        {
                            values["languages." + key] = value;
                        }
                    }

                    return Hugo(root, candidate, values);
                }
            }
        }

        var jekyll = JekyllNames.Select(n => Path.Combine(root, n)).FirstOrDefault(File.Exists);
        if (jekyll is null)
        {
            return null;
        }

        var yaml = LoadYaml(jekyll) as YamlMappingNode;
        if (Directory.Exists(Path.Combine(root, "source", "_posts")))
        {
            var listed = Strings(jekyll, yaml, "language");
            var hexoLanguages = listed.Where(l => l != "default").Select(l => Language(jekyll, l, null)).ToList();
            return new(SiteGenerator.Hexo, root, jekyll, hexoLanguages, hexoLanguages.FirstOrDefault()?.Tag, "source")
            {
                TimeZone = Zone(jekyll, Strings(jekyll, yaml, "timezone").FirstOrDefault()),
            };
        }

        var languages = Strings(jekyll, yaml, "languages").Select(l => Language(jekyll, l, null)).ToList();
        var fallback = Strings(jekyll, yaml, "default_lang").Concat(Strings(jekyll, yaml, "lang")).FirstOrDefault();
        var @default = fallback is null ? languages.FirstOrDefault()?.Tag : Language(jekyll, fallback, null).Tag;
        return new(SiteGenerator.Jekyll, root, jekyll, languages, @default, "")
        {
            TimeZone = Zone(jekyll, Strings(jekyll, yaml, "timezone").FirstOrDefault()),
        };
    }

    private static SiteConfig Hugo(string root, string file, Dictionary<string, string> values)
    {
        var keys = values.Keys
            .Where(k => k.StartsWith("languages.", StringComparison.Ordinal))
            .Select(k => k.Split('.')[1])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var languages = keys.Select(key =>
        {
            var code = values.GetValueOrDefault($"languages.{key}.languagecode") ?? values.GetValueOrDefault($"languages.{key}.locale");
            var dir = values.GetValueOrDefault($"languages.{key}.contentdir");
            return Language(file, key, code) with { ContentDir = dir?.Replace('\\', '/').Trim('/') };
        }).ToList();
        var defaultKey = values.GetValueOrDefault("defaultcontentlanguage") ?? "en";
        var @default = languages.FirstOrDefault(l => string.Equals(l.Key, defaultKey, StringComparison.OrdinalIgnoreCase))?.Tag ?? Language(file, defaultKey, null).Tag;
        if (languages.Count == 0)
        {
            // A site in one language: its top-level languageCode says which, when it agrees with the default.
            @default = Language(file, defaultKey, values.GetValueOrDefault("languagecode") ?? values.GetValueOrDefault("locale")).Tag;
            languages.Add(new SiteLanguage(defaultKey.ToLowerInvariant(), @default, null));
        }

        var contentDir = (values.GetValueOrDefault("contentdir") ?? "content").Replace('\\', '/').Trim('/');
        return new(SiteGenerator.Hugo, root, file, languages, @default, contentDir)
        {
            TimeZone = Zone(file, values.GetValueOrDefault("timezone")),
        };
    }

    /// <summary>The configuration's time zone (an IANA name), or null when it names none.</summary>
    private static TimeZoneInfo? Zone(string file, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name.Trim(), out var zone)
            ? zone
            : throw new ImportException(file, null, $"the site's time zone \"{name}\" is not a known time zone; use an IANA name such as Europe/Moscow");
    }

    /// <summary>A generator's language name as a tag: its language code when that agrees, else the name itself.</summary>
    private static SiteLanguage Language(string file, string key, string? code)
    {
        var fromKey = LanguageTag.TryParse(key, out var parsed) ? parsed : null;
        if (code is not null && LanguageTag.TryParse(code, out var fromCode) && (fromKey is null || fromKey.Language == fromCode.Language))
        {
            return new SiteLanguage(key.ToLowerInvariant(), fromCode, null);
        }

        if (fromKey is not null)
        {
            return new SiteLanguage(key.ToLowerInvariant(), fromKey, null);
        }

        var error = LanguageTag.TryParse(key, out _, out var why) ? "" : why;
        throw new ImportException(file, null,
            $"the site's language \"{key}\" is not a language tag ({error}); give it a languageCode such as en-GB, or import its folder with --lang");
    }

    private static List<string> Strings(string file, YamlMappingNode? root, string key)
    {
        if (root is null || !root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        return node switch
        {
            YamlScalarNode { Value: { Length: > 0 } value } => [value],
            YamlSequenceNode list => [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)],
            YamlScalarNode => [],
            _ => throw new ImportException(file, (int)node.Start.Line, $"\"{key}\" must be a language or a list of languages"),
        };
    }

    private static YamlNode? LoadYaml(string file)
    {
        try
        {
            using var reader = new StringReader(ReadSmall(file));
            var stream = new YamlStream();
            // Guarded as front matter is: deep nesting or alias keys in a configuration must not crash or stall the run.
            stream.Load(new Markdown.FrontMatterReader.GuardedParser(new YamlDotNet.Core.Parser(reader)));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ImportException(file, (int)Math.Max(e.Start.Line, 1), $"the site configuration is not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some broken input.
            throw new ImportException(file, null, "the site configuration is not valid YAML: a bracket or quote is never closed");
        }
    }

    /// <summary>A configuration file's keys, lower case and dotted (<c>languages.ru.contentdir</c>), with their scalar values.</summary>
    private static Dictionary<string, string> Flatten(string file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Path.GetExtension(file).ToLowerInvariant())
        {
            case ".toml":
                FlattenToml(file, values);
                break;
            case ".json":
                try
                {
                    using var json = JsonDocument.Parse(ReadSmall(file), new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                    FlattenJson(json.RootElement, "", values);
                }
                catch (JsonException e)
                {
                    throw new ImportException(file, (int?)e.LineNumber + 1, $"the site configuration is not valid JSON: {e.Message}");
                }

                break;
            default:
                FlattenYaml(LoadYaml(file), "", values, 0);
                break;
        }

        return values;
    }

    private static void FlattenYaml(YamlNode? node, string prefix, Dictionary<string, string> values, int depth)
    {
        if (node is YamlMappingNode mapping && depth < 4)
        {
            if (prefix.Length > 0)
            {
                values.TryAdd(prefix, "");
            }

            foreach (var (key, value) in mapping.Children)
            {
                if (key is YamlScalarNode { Value: { } name })
                {
                    FlattenYaml(value, prefix.Length == 0 ? name.ToLowerInvariant() : $"{prefix}.{name.ToLowerInvariant()}", values, depth + 1);
                }
            }
        }
        else if (node is YamlScalarNode { Value: { } scalar } && prefix.Length > 0)
        {
            values[prefix] = scalar;
        }
    }

    private static void FlattenJson(JsonElement element, string prefix, Dictionary<string, string> values)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (prefix.Length > 0)
            {
                values.TryAdd(prefix, "");
            }

            foreach (var property in element.EnumerateObject())
            {
                FlattenJson(property.Value, prefix.Length == 0 ? property.Name.ToLowerInvariant() : $"{prefix}.{property.Name.ToLowerInvariant()}", values);
            }
        }
        else if (element.ValueKind == JsonValueKind.String && prefix.Length > 0)
        {
            values[prefix] = element.GetString()!;
        }
    }

    /// <summary>
    /// The part of TOML a site configuration's language keys use: <c>[table.names]</c> (and <c>[[arrays]]</c>, whose
    /// keys are skipped) and <c>key = "text"</c> or <c>'text'</c>; other values are kept as written.
    /// </summary>
    private static void FlattenToml(string file, Dictionary<string, string> values)
    {
        var table = "";
        foreach (var raw in ReadSmall(file).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("[[", StringComparison.Ordinal))
            {
                table = "\0";
                continue;
            }

            if (line.StartsWith('['))
            {
                var close = line.IndexOf(']', StringComparison.Ordinal);
                table = close < 0 ? "\0" : string.Join('.', line[1..close].Split('.').Select(p => p.Trim().Trim('"', '\'').ToLowerInvariant()));
                values.TryAdd(table, "");
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || table == "\0")
            {
                continue;
            }

            var key = string.Join('.', line[..equals].Split('.').Select(p => p.Trim().Trim('"', '\'').ToLowerInvariant()));
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'')
            {
                var end = value.IndexOf(value[0], 1);
                value = end < 0 ? value[1..] : value[1..end];
            }
            else
            {
                var comment = value.IndexOf('#', StringComparison.Ordinal);
                value = (comment < 0 ? value : value[..comment]).Trim();
            }

            values[table.Length == 0 ? key : $"{table}.{key}"] = value;
        }
    }

    /// <summary>A configuration file's text; one over a mebibyte is no configuration Hexapla needs to read.</summary>
    private static string ReadSmall(string file)
    {
        var info = new FileInfo(file);
        if (info.Length > 1024 * 1024)
        {
            throw new ImportException(file, null, "the site configuration is over 1 MiB; is it the right file?");
        }

        return File.ReadAllText(file);
    }
}
