using Hexapla.Content;
using Hexapla.Languages;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Hexapla.Interchange.Markdown;

/// <summary>
/// Reads Markdown with optional YAML front matter between <c>---</c> lines (the Hugo and Jekyll convention):
/// <c>title</c>, <c>slug</c>, <c>date</c>, <c>lang</c> (or <c>language</c>), <c>original</c>, <c>tags</c> (a list or a
/// comma-separated string), <c>summary</c> (or <c>description</c>), <c>draft</c>, and the document's place:
/// <c>section</c> (a section path), <c>kind</c> and the kind's field values, as top-level keys or under a
/// <c>fields:</c> mapping (<see cref="ParsedVersion.Fields"/>; the importer checks them against the kind). Other keys
/// are ignored, so files written for Hugo import as they are.
/// </summary>
/// <remarks>
/// <c>date</c> is a date, a time and an offset (<c>2016-02-29T10:30:00+03:00</c>, or <c>Z</c> for UTC), or a date alone,
/// which is the start of that day in <see cref="ImportOptions.TimeZone"/>; a date and time without an offset is an
/// error (see <see cref="Instants"/>).
/// Without a <c>title</c>, the first <c># heading</c> is the title (and leaves the body); without one either, the
/// first sentence. Without <c>lang</c>, the bundle file name, then <c>--lang</c>, then detection decide.
/// A front matter <c>lang</c> that contradicts the bundle file name is an error.
/// </remarks>
public static class FrontMatterReader
{
    /// <summary>True when <paramref name="text"/> opens with a front matter fence: <c>---</c> (YAML) or <c>+++</c> (TOML).</summary>
    public static bool HasFrontMatter(string text) => Fence(text) is not null;

    /// <summary>The fence <paramref name="text"/> opens with, or null.</summary>
    private static string? Fence(string text) =>
        text.StartsWith("---\n", StringComparison.Ordinal) || text == "---" ? "---"
        : text.StartsWith("+++\n", StringComparison.Ordinal) || text == "+++" ? "+++"
        : null;

    /// <summary>Reads one file.</summary>
    /// <exception cref="ImportException">Broken YAML, a bad field, an empty body; the message names the line.</exception>
    public static ParsedVersion Read(ImportFile file, ImportOptions options, LanguageTag? named = null)
    {
        var text = ImportText.Decode(file);
        var fields = new Dictionary<string, (YamlNode Node, int Line)>(StringComparer.OrdinalIgnoreCase);
        var bodyStart = 0;
        var bodyLine = 1;
        // Lines of keys below the top level, where the nodes do not carry them (TOML's).
        var lines = new Dictionary<YamlNode, int>(ReferenceEqualityComparer.Instance);
        if (Fence(text) is { } fence)
        {
            var end = FindClosingFence(text, fence);
            if (end < 0)
            {
                throw new ImportException(file.Name, 1, $"the front matter opened with {fence} on line 1 is never closed with a {fence} line");
            }

            var inner = end <= 4 ? "" : text[4..end];
            bodyLine = inner.Count(c => c == '\n') + 3;
            var afterFence = text.IndexOf('\n', end + 1);
            bodyStart = afterFence < 0 ? text.Length : afterFence + 1;
            if (fence == "+++")
            {
                TomlFrontMatter.Read(file.Name, inner, 2, fields, lines);
            }
            else
            {
                ReadFields(file.Name, inner, fields);
            }
        }

        var hint = file.Hint;
        var language = hint is { Language: { } folder, LanguageIsDefault: false }
            ? Language(file.Name, fields, folder, hint.LanguageFrom)
            : Language(file.Name, fields, named, "the file name") ?? hint?.Language ?? options.Language;
        var title = Text(file.Name, fields, "title");

        // The body without the blank lines around it and trailing white space, cut out of the file's text once.
        var trimmed = text.AsSpan(bodyStart).Trim('\n').TrimEnd();
        var body = trimmed.Length == text.Length ? text : trimmed.ToString();
        string? fallbackTitle = null;
        if (title is null)
        {
            // The first heading's text (a leading level-one heading leaves the body), else the first paragraph's; never markup.
            var (found, isHeading, rest) = MarkdownTitle.Find(body);
            if (isHeading)
            {
                (title, body) = (found, rest);
            }
            else
            {
                fallbackTitle = found;
            }
        }

        if (body.Trim().Length == 0)
        {
            throw new ImportException(file.Name, bodyLine, "the body is empty");
        }

        if (language is null)
        {
            var detection = LanguageDetector.Detect(body, []);
            language = detection.Language ?? throw new ImportException(file.Name, bodyLine,
                $"cannot tell the language of the text: {detection.Reason.TrimEnd('.')}. State it in the front matter (lang: en-GB) or with --lang");
        }

        var slug = Text(file.Name, fields, "slug");
        if (slug is not null && !Slug.IsValid(slug))
        {
            throw new ImportException(file.Name, fields["slug"].Line,
                $"slug \"{slug}\" is not URL-safe: use lowercase ASCII letters, digits and single hyphens, like razvitie-situacii-v-irake");
        }

        return new ParsedVersion
        {
            Source = file.Name,
            Slug = slug,
            Language = language,
            Title = title ?? options.Title ?? ImportText.FirstSentence(fallbackTitle ?? FirstParagraph(body)),
            Summary = Text(file.Name, fields, "summary") ?? Text(file.Name, fields, "description"),
            Body = body,
            Date = Date(file.Name, fields, options.TimeZone, hint?.TimeZone) ?? (hint?.Date is { } day ? Instants.StartOfDay(day, options.TimeZone) : null),
            PairingKey = Text(file.Name, fields, "translationKey") ?? Text(file.Name, fields, "ref")
                ?? (hint?.Generator == Sites.SiteGenerator.Jekyll && Text(file.Name, fields, "permalink") is { } permalink ? Permalink(permalink, language) : null),
            IsOriginal = Boolean(file.Name, fields, "original"),
            IsDraft = Boolean(file.Name, fields, "draft") ?? false,
            Tags = Tags(file.Name, fields),
            Section = Located(file.Name, fields, "section"),
            Kind = Located(file.Name, fields, "kind"),
            Fields = FieldCandidates(file.Name, fields, lines),
        };
    }

    /// <summary>A text field with its line; null when absent or empty.</summary>
    private static FrontMatterValue? Located(string file, Dictionary<string, (YamlNode Node, int Line)> fields, string name) =>
        Text(file, fields, name) is { } value ? new FrontMatterValue(value, fields[name].Line) : null;

    /// <summary>
    /// The entries of <c>fields:</c>, then the other top-level keys that a kind's field could have: what
    /// <see cref="ParsedVersion.Fields"/> holds. Only the importer knows the kind, so it chooses.
    /// </summary>
    private static List<FrontMatterField> FieldCandidates(string file, Dictionary<string, (YamlNode Node, int Line)> fields, Dictionary<YamlNode, int> lines)
    {
        var result = new List<FrontMatterField>();
        if (fields.TryGetValue("fields", out var map))
        {
            switch (map.Node)
            {
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        // Keys are plain scalars (GuardedParser refuses others).
                        result.Add(new FrontMatterField(((YamlScalarNode)key).Value ?? "", ScalarText(value),
                            lines.TryGetValue(key, out var line) ? line : (int)key.Start.Line + 1, Named: true));
                    }

                    break;
                case YamlScalarNode { Value: null or "" }:
                    break;
                default:
                        throw new ImportException(file, map.Line,
                        "field \"fields\" must be a mapping of the kind's field keys to values (fields:, then lines such as \"  speaker: Maria Zakharova\")");
            }
        }

        foreach (var (key, (node, line)) in fields)
        {
            if (!Sections.DocumentKind.ReservedFieldKeys.Contains(key.ToLowerInvariant()) && !string.Equals(key, "ref", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(key, "permalink", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(new FrontMatterField(key, ScalarText(node), line, Named: false));
            }
        }

        return result;
    }

    /// <summary>A scalar's text, trimmed ("" for none); null for a list or a mapping.</summary>
    private static string? ScalarText(YamlNode node) => node switch
    {
        // YAML's null, as archetypes write an unset value.
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "~" or "null" or "Null" or "NULL" } => "",
        YamlScalarNode scalar => (scalar.Value ?? "").Trim(),
        _ => null,
    };

    private static int FindClosingFence(string text, string fence)
    {
        var position = 3;
        while (true)
        {
            var next = text.IndexOf("\n" + fence, position, StringComparison.Ordinal);
            if (next < 0)
            {
                return -1;
            }

            var after = next + 4;
            if (after == text.Length || text[after] == '\n' || text.AsSpan(after).StartsWith(" \n", StringComparison.Ordinal))
            {
                return next + 1;
            }

            position = after;
        }
    }

    private static void ReadFields(string file, string yaml, Dictionary<string, (YamlNode, int)> fields)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        var parser = new GuardedParser(new Parser(reader));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // Line numbers in the file: the YAML starts on line 2, after the opening fence. An error found at the
            // end of the YAML (an unclosed bracket or quote) is reported where the parser last got to, not on the fence.
            var yamlLine = e.Start.Line > yaml.Count(c => c == '\n') ? parser.LastStart.Line : e.Start.Line;
            var reason = e.InnerException?.Message ?? e.Message;
            throw new ImportException(file, (int)Math.Max(yamlLine, 1) + 1, $"the front matter is not valid YAML: {reason}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, with no position, on some broken input such as "title: [unclosed"
            // followed by more lines.
            throw new ImportException(file, (int)Math.Max(parser.LastStart.Line, 1) + 1,
                "the front matter is not valid YAML: a bracket or quote opened here is never closed");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new ImportException(file, 2, "the front matter must be a YAML mapping of fields (title: …, lang: …)");
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                fields[name] = (value, (int)key.Start.Line + 1);
            }
        }
    }

    private static string? Text(string file, Dictionary<string, (YamlNode Node, int Line)> fields, string name)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            return null;
        }

        if (field.Node is not YamlScalarNode scalar)
        {
            throw new ImportException(file, field.Line, $"field \"{name}\" must be text");
        }

        var value = scalar.Value?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static bool? Boolean(string file, Dictionary<string, (YamlNode Node, int Line)> fields, string name)
    {
        var value = Text(file, fields, name);
        return value?.ToUpperInvariant() switch
        {
            null => null,
            "TRUE" or "YES" => true,
            "FALSE" or "NO" => false,
            _ => throw new ImportException(file, fields[name].Line, $"field \"{name}\" must be true or false, not \"{value}\""),
        };
    }

    private static LanguageTag? Language(string file, Dictionary<string, (YamlNode Node, int Line)> fields, LanguageTag? named, string namedBy)
    {
        var key = fields.ContainsKey("lang") ? "lang" : "language";
        var value = Text(file, fields, key);
        if (value is null)
        {
            return named;
        }

        if (!LanguageTag.TryParse(value, out var tag, out var error))
        {
            throw new ImportException(file, fields[key].Line, $"field \"{key}\": {error}");
        }

        if (named is not null && named != tag)
        {
            // A site's folder names a language ("ru"); the front matter may say which variety ("ru-RU").
            if (namedBy != "the file name" && named.Language == tag.Language)
            {
                return tag;
            }

            throw new ImportException(file, fields[key].Line,
                $"field \"{key}\" says {tag} but {namedBy} says {named}; make them agree");
        }

        return tag;
    }

    private static DateTimeOffset? Date(string file, Dictionary<string, (YamlNode Node, int Line)> fields, TimeZoneInfo zone, TimeZoneInfo? siteZone)
    {
        var value = Text(file, fields, "date");
        if (value is null)
        {
            return null;
        }

        // Hexo and Jekyll write "2026-09-15 10:00:00", a time in the site's configured zone.
        if (siteZone is not null && Instants.TryParseLocal(value, siteZone, out var local, out _))
        {
            return local;
        }

        // One reading for every time Hexapla is given: an offset is required, a date alone is that day in the site's zone.
        return Instants.TryParseInstantOrDate(value, zone, out var date, out var error)
            ? date
            : throw new ImportException(file, fields["date"].Line, $"field \"date\" {error}");
    }

    private static List<string>? Tags(string file, Dictionary<string, (YamlNode Node, int Line)> fields)
    {
        if (!fields.TryGetValue("tags", out var field))
        {
            return null;
        }

        IEnumerable<string?> raw = field.Node switch
        {
            YamlSequenceNode sequence => sequence.Children.Select(c => c is YamlScalarNode s
                ? s.Value
                : throw new ImportException(file, (int)c.Start.Line + 1, "each tag must be text")),
            YamlScalarNode scalar => (scalar.Value ?? string.Empty).Split(','),
            _ => throw new ImportException(file, field.Line, "field \"tags\" must be a list or comma-separated text"),
        };

        var tags = new List<string>();
        foreach (var tag in raw.Select(t => t?.Trim().ToLowerInvariant()).Where(t => !string.IsNullOrEmpty(t)))
        {
            if (tag!.Length > 100)
            {
                throw new ImportException(file, field.Line, $"tag \"{tag[..40]}…\" is longer than 100 characters");
            }

            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    /// <summary>
    /// A Jekyll permalink as a pairing key: jekyll-polyglot gives translations the same permalink, other setups put the
    /// language first (<c>/ru/about/</c> beside <c>/about/</c>); without a leading segment in the file's language both pair.
    /// </summary>
    private static string Permalink(string permalink, LanguageTag language)
    {
        var path = permalink.Trim().Trim('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? path : path[..slash];
        if (LanguageTag.TryParse(first, out var tag) && tag.Language == language.Language)
        {
            path = slash < 0 ? "" : path[(slash + 1)..];
        }

        return "permalink:/" + path;
    }

    private static string FirstParagraph(string body)
    {
        var end = body.IndexOf("\n\n", StringComparison.Ordinal);
        return end < 0 ? body : body[..end];
    }

    /// <summary>
    /// Passes YAML events to the loader, refusing input that would make loading crash or hang: nesting deeper than
    /// <see cref="MaxDepth"/> (the loader recurses once per level, so thousands of <c>[</c> overflow the stack and end
    /// the process) and mapping keys that are not plain scalars (the loader hashes a key's whole tree, so an alias
    /// "bomb" used as a key takes exponential time). Aliases as values are fine: the loader shares, never copies, them.
    /// </summary>
    internal sealed class GuardedParser(IParser inner) : IParser
    {
        /// <summary>Far deeper than any front matter needs.</summary>
        public const int MaxDepth = 32;

        private readonly Stack<Slot> _open = new();

        private enum Slot
        {
            SequenceItem,
            MappingKey,
            MappingValue,
        }

        public ParsingEvent? Current => inner.Current;

        /// <summary>Where the last event read started: the position for errors that come without one.</summary>
        public Mark LastStart { get; private set; } = Mark.Empty;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            var current = inner.Current!;
            LastStart = current.Start;
            switch (current)
            {
                case SequenceEnd or MappingEnd:
                    _open.Pop();
                    break;
                case Scalar or AnchorAlias or SequenceStart or MappingStart:
                    if (_open.TryPop(out var slot))
                    {
                        if (slot == Slot.MappingKey && current is not Scalar)
                        {
                            throw new YamlException(current.Start, current.End, "a key must be plain text, not a list, a mapping or an alias");
                        }

                        _open.Push(slot switch
                        {
                            Slot.MappingKey => Slot.MappingValue,
                            Slot.MappingValue => Slot.MappingKey,
                            _ => Slot.SequenceItem,
                        });
                    }

                    if (current is SequenceStart or MappingStart)
                    {
                        if (_open.Count == MaxDepth)
                        {
                            throw new YamlException(current.Start, current.End, $"lists and mappings are nested more than {MaxDepth} deep");
                        }

                        _open.Push(current is SequenceStart ? Slot.SequenceItem : Slot.MappingKey);
                    }

                    break;
                default:
                    break;
            }

            return true;
        }
    }
}
