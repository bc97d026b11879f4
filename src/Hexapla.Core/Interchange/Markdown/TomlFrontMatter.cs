using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hexapla.Interchange.Markdown;

/// <summary>
/// Reads TOML front matter (between <c>+++</c> lines, Hugo's default) into the same nodes YAML front matter gives, so
/// both are read by one set of rules. Keys (bare, quoted, dotted), tables (<c>[fields]</c>, <c>[params]</c>), arrays of
/// tables, strings (basic, literal and their multi-line forms), arrays and inline tables are understood; numbers,
/// booleans and dates are kept as written (text), which is all front matter needs of them.
/// </summary>
/// <remarks>
/// A key given twice, an unclosed string, array or table, or nesting deeper than
/// <see cref="FrontMatterReader.GuardedParser.MaxDepth"/> is refused naming the line.
/// </remarks>
internal sealed class TomlFrontMatter
{
    private readonly string _file;
    private readonly string _text;
    private readonly int _firstLine;
    private readonly Dictionary<YamlNode, int> _lines;
    private int _at;

    private TomlFrontMatter(string file, string text, int firstLine, Dictionary<YamlNode, int> lines)
    {
        (_file, _text, _firstLine, _lines) = (file, text, firstLine, lines);
    }

    /// <summary>
    /// Parses <paramref name="toml"/>, whose first line is line <paramref name="firstLine"/> of the file, into
    /// <paramref name="fields"/> (top-level keys with their lines); <paramref name="lines"/> gets the line of every key
    /// node below the top level.
    /// </summary>
    public static void Read(string file, string toml, int firstLine, Dictionary<string, (YamlNode Node, int Line)> fields, Dictionary<YamlNode, int> lines)
    {
        var reader = new TomlFrontMatter(file, toml, firstLine, lines);
        var root = new YamlMappingNode();
        reader.Document(root);
        foreach (var (key, value) in root.Children)
        {
            fields[((YamlScalarNode)key).Value!] = (value, lines[key]);
        }
    }

    private int Line => _firstLine + _text.AsSpan(0, Math.Min(_at, _text.Length)).Count('\n');

    private ImportException Error(string reason) => new(_file, Line, $"the front matter is not valid TOML: {reason}");

    private void Document(YamlMappingNode root)
    {
        var table = root;
        while (true)
        {
            SkipBlank(newlines: true);
            if (_at >= _text.Length)
            {
                return;
            }

            if (_text[_at] == '[')
            {
                var array = _text.AsSpan(_at).StartsWith("[[");
                _at += array ? 2 : 1;
                var line = Line;
                var path = Key();
                SkipBlank(newlines: false);
                if (!_text.AsSpan(_at).StartsWith(array ? "]]" : "]"))
                {
                    throw Error($"the table name on this line is not closed with {(array ? "]]" : "]")}");
                }

                _at += array ? 2 : 1;
                table = Table(root, path, array, line);
            }
            else
            {
                var line = Line;
                var path = Key();
                SkipBlank(newlines: false);
                if (_at >= _text.Length || _text[_at] != '=')
                {
                    throw Error($"expected = after the key \"{string.Join('.', path)}\"");
                }

                _at++;
                SkipBlank(newlines: false);
                var value = Value(depth: 1);
                Put(Table(table, path.Take(path.Count - 1).ToList(), false, line), path[^1], value, line);
            }

            SkipBlank(newlines: false);
            if (_at < _text.Length && _text[_at] != '\n')
            {
                throw Error($"unexpected \"{_text[_at]}\" after the value; one key = value a line");
            }
        }
    }

    /// <summary>The table at <paramref name="path"/> under <paramref name="from"/>, made when missing (an array of tables gets a new entry).</summary>
    private YamlMappingNode Table(YamlMappingNode from, List<string> path, bool array, int line)
    {
        if (path.Count > FrontMatterReader.GuardedParser.MaxDepth)
        {
            throw Error($"tables are nested more than {FrontMatterReader.GuardedParser.MaxDepth} deep");
        }

        var table = from;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            var key = new YamlScalarNode(path[i]);
            if (table.Children.TryGetValue(key, out var existing))
            {
                table = existing switch
                {
                    YamlSequenceNode sequence when array && last => Add(sequence),
                    YamlSequenceNode { Children.Count: > 0 } sequence when sequence.Children[^1] is YamlMappingNode inner => inner,
                    YamlMappingNode inner when !array || !last => inner,
                    _ => throw Error($"\"{string.Join('.', path.Take(i + 1))}\" is defined twice"),
                };
                continue;
            }

            YamlNode made = array && last ? new YamlSequenceNode() : new YamlMappingNode();
            Put(table, path[i], made, line);
            table = made is YamlSequenceNode list ? Add(list) : (YamlMappingNode)made;
        }

        return table;

        static YamlMappingNode Add(YamlSequenceNode sequence)
        {
            var entry = new YamlMappingNode();
            sequence.Add(entry);
            return entry;
        }
    }

    private void Put(YamlMappingNode table, string key, YamlNode value, int line)
    {
        var node = new YamlScalarNode(key);
        if (table.Children.ContainsKey(node))
        {
            throw Error($"key \"{key}\" is given twice");
        }

        table.Add(node, value);
        _lines[node] = line;
    }

    private List<string> Key()
    {
        var parts = new List<string>();
        while (true)
        {
            SkipBlank(newlines: false);
            if (_at >= _text.Length)
            {
                throw Error("a key is missing");
            }

            var c = _text[_at];
            if (c is '"' or '\'')
            {
                parts.Add(String(c, multiLine: false));
            }
            else
            {
                var start = _at;
                while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '_' or '-'))
                {
                    _at++;
                }

                if (_at == start)
                {
                    throw Error($"unexpected \"{c}\" where a key should be");
                }

                parts.Add(_text[start.._at]);
            }

            SkipBlank(newlines: false);
            if (_at < _text.Length && _text[_at] == '.')
            {
                _at++;
                continue;
            }

            return parts;
        }
    }

    private YamlNode Value(int depth)
    {
        if (depth > FrontMatterReader.GuardedParser.MaxDepth)
        {
            throw Error($"arrays and tables are nested more than {FrontMatterReader.GuardedParser.MaxDepth} deep");
        }

        if (_at >= _text.Length)
        {
            throw Error("a value is missing");
        }

        var c = _text[_at];
        if (c is '"' or '\'')
        {
            var multiLine = _text.AsSpan(_at).StartsWith(c == '"' ? "\"\"\"" : "'''");
            return new YamlScalarNode(String(c, multiLine)) { Style = ScalarStyle.DoubleQuoted };
        }

        if (c == '[')
        {
            var opened = Line;
            _at++;
            var sequence = new YamlSequenceNode();
            while (true)
            {
                SkipBlank(newlines: true);
                if (_at >= _text.Length)
                {
                    throw new ImportException(_file, opened, "the front matter is not valid TOML: an array opened with [ on this line is never closed");
                }

                if (_text[_at] == ']')
                {
                    _at++;
                    return sequence;
                }

                sequence.Add(Value(depth + 1));
                SkipBlank(newlines: true);
                if (_at < _text.Length && _text[_at] == ',')
                {
                    _at++;
                }
                else if (_at < _text.Length && _text[_at] != ']')
                {
                    throw Error("expected , or ] in the array");
                }
            }
        }

        if (c == '{')
        {
            _at++;
            var table = new YamlMappingNode();
            while (true)
            {
                SkipBlank(newlines: false);
                if (_at < _text.Length && _text[_at] == '}')
                {
                    _at++;
                    return table;
                }

                var line = Line;
                var path = Key();
                SkipBlank(newlines: false);
                if (_at >= _text.Length || _text[_at] != '=')
                {
                    throw Error("expected = in the inline table");
                }

                _at++;
                SkipBlank(newlines: false);
                Put(Table(table, path.Take(path.Count - 1).ToList(), false, line), path[^1], Value(depth + 1), line);
                SkipBlank(newlines: false);
                if (_at < _text.Length && _text[_at] == ',')
                {
                    _at++;
                }
                else if (_at >= _text.Length || _text[_at] != '}')
                {
                    throw Error("an inline table { … } must be closed on its line");
                }
            }
        }

        // A number, a boolean or a date: kept as written.
        var start = _at;
        while (_at < _text.Length && _text[_at] is not (',' or ']' or '}' or '#' or '\n'))
        {
            _at++;
        }

        var bare = _text[start.._at].Trim();
        return bare.Length == 0 ? throw Error("a value is missing") : new YamlScalarNode(bare);
    }

    private string String(char quote, bool multiLine)
    {
        var opened = Line;
        var delimiter = multiLine ? new string(quote, 3) : quote.ToString();
        _at += delimiter.Length;
        if (multiLine && _at < _text.Length && _text[_at] == '\n')
        {
            // A newline right after the opening delimiter is not part of the string.
            _at++;
        }

        var result = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length || (!multiLine && _text[_at] == '\n'))
            {
                _at = Math.Min(_at, _text.Length);
                throw new ImportException(_file, opened, $"the front matter is not valid TOML: a string opened with {delimiter} on this line is never closed");
            }

            if (_text.AsSpan(_at).StartsWith(delimiter))
            {
                _at += delimiter.Length;
                return result.ToString();
            }

            var c = _text[_at++];
            if (c != '\\' || quote == '\'')
            {
                result.Append(c);
                continue;
            }

            if (_at >= _text.Length)
            {
                continue;
            }

            var escaped = _text[_at++];
            switch (escaped)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case '"': result.Append('"'); break;
                case '\\': result.Append('\\'); break;
                case 'u' or 'U':
                    var length = escaped == 'u' ? 4 : 8;
                    if (_at + length > _text.Length || !int.TryParse(_text.AsSpan(_at, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || code is < 0 or > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
                    {
                        throw Error($"\\{escaped} must be followed by {length} hexadecimal digits of a character");
                    }

                    result.Append(char.ConvertFromUtf32(code));
                    _at += length;
                    break;
                case '\n' when multiLine:
                    // A backslash at the end of a line joins the next line's text, without the white space that starts it.
                    while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
                    {
                        _at++;
                    }

                    break;
                default:
                    throw Error($"\\{escaped} is not an escape TOML knows");
            }
        }
    }

    private void SkipBlank(bool newlines)
    {
        while (_at < _text.Length)
        {
            var c = _text[_at];
            if (c is ' ' or '\t' or '\r' || (newlines && c == '\n'))
            {
                _at++;
            }
            else if (c == '#')
            {
                while (_at < _text.Length && _text[_at] != '\n')
                {
                    _at++;
                }
            }
            else
            {
                return;
            }
        }
    }
}
