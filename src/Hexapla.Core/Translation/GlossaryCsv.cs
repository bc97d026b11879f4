using System.Text;
using Hexapla.Storage;

namespace Hexapla.Translation;

/// <summary>A glossary file is malformed; the message names the line.</summary>
/// <param name="line">The 1-based line where the fault is.</param>
/// <param name="message">What is wrong, for people.</param>
public sealed class GlossaryCsvException(int line, string message) : Exception($"line {line}: {message}")
{
    /// <summary>The 1-based line where the fault is.</summary>
    public int Line { get; } = line;
}

/// <summary>
/// Glossaries as CSV (RFC 4180, UTF-8): a header <c>term,translation,note</c>, then one term a record. Fields may be
/// quoted; a quoted field may hold commas, line breaks and doubled quotes.
/// </summary>
/// <remarks>
/// Reading is all or nothing: an unclosed quote, a wrong header, a blank term or translation, a record with more than
/// three fields, or text after a closing quote is a <see cref="GlossaryCsvException"/> naming the line it starts on.
/// A record with two fields has no note; a blank line is skipped.
/// </remarks>
public static class GlossaryCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "term,translation,note";

    /// <summary>The terms of a CSV text.</summary>
    /// <exception cref="GlossaryCsvException">The text is not a glossary CSV.</exception>
    public static IReadOnlyList<GlossaryTerm> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        if (Content.EnteringText.FindRefused(text, "csv") is { } fault)
        {
            throw new GlossaryCsvException(fault.Line, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"column {fault.Column}: {fault.What}."));
        }

        var records = Records(text);
        if (records.Count == 0 || !string.Equals(string.Join(',', records[0].Fields).Trim(), Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new GlossaryCsvException(1, $"the first line must be the header \"{Header}\".");
        }

        var terms = new List<GlossaryTerm>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count > 3)
            {
                throw new GlossaryCsvException(line, $"{fields.Count} fields; a record has at most three (term, translation, note).");
            }

            if (fields.Count < 2)
            {
                throw new GlossaryCsvException(line, "a record needs a term and a translation.");
            }

            // No character is refused any more (the whole text was looked at); line breaks are normalised per field.
            var term = Content.EnteringText.Accept(fields[0], "term").Trim();
            if (term.Length == 0)
            {
                throw new GlossaryCsvException(line, "the term is empty.");
            }

            var translation = Content.EnteringText.Accept(fields[1], "translation").Trim();
            if (translation.Length == 0)
            {
                throw new GlossaryCsvException(line, $"the term \"{term}\" has no translation.");
            }

            var note = fields.Count == 3 && fields[2].Trim().Length > 0 ? Content.EnteringText.Accept(fields[2], "note").Trim() : null;
            terms.Add(new GlossaryTerm(term, translation, note));
        }

        return terms;
    }

    /// <summary>The terms as CSV text, with the header, CRLF line ends, fields quoted where they need it.</summary>
    public static string Write(IEnumerable<GlossaryTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var text = new StringBuilder(Header).Append("\r\n");
        foreach (var term in terms)
        {
            text.Append(Field(term.Term)).Append(',').Append(Field(term.Translation)).Append(',').Append(Field(term.Note ?? "")).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static List<(int Line, List<string> Fields)> Records(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new GlossaryCsvException(quoteLine, "a quoted field is never closed.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i]);
                    i++;
                }

                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new GlossaryCsvException(line, "text after a closing quote; double a quote inside a quoted field.");
                }

                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (c is '\r' or '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add((recordLine, fields));
                fields = [];
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                recordLine = line;
            }
            else if (c == '"')
            {
                throw new GlossaryCsvException(line, "a quote inside an unquoted field; quote the whole field.");
            }
            else
            {
                field.Append(c);
                i++;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }

        return records;
    }
}
