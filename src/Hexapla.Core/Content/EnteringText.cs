using System.Globalization;
using System.Text;

namespace Hexapla.Content;

/// <summary>Where a text holds a character Hexapla refuses, and which.</summary>
/// <param name="Field">What the text is: <c>title</c>, <c>body</c>, <c>summary</c>, <c>tags</c>, <c>term</c>…</param>
/// <param name="Offset">The character's offset in the text (UTF-16 code units, from 0).</param>
/// <param name="Line">Its line, from 1 (lines end at LF, CR LF or a lone CR).</param>
/// <param name="Column">Its column in that line, from 1, in characters (a surrogate pair counts once).</param>
/// <param name="CodePoint">The character (for an unpaired surrogate, the surrogate).</param>
public sealed record TextFault(string Field, int Offset, int Line, int Column, int CodePoint)
{
    /// <summary>The character named for people: <c>U+0001 (a control character)</c> and why it is refused.</summary>
    public string What => EnteringText.Describe(CodePoint);

    /// <summary><c>title, line 1, column 6: U+0001 (a control character) …</c>, for people.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Field}, line {Line}, column {Column}: {What}");
}

/// <summary>A text held a character <see cref="EnteringText"/> refuses; <see cref="Fault"/> says where.</summary>
public sealed class TextRefusedException : Exception
{
    /// <summary>Creates the exception for <paramref name="fault"/>.</summary>
    public TextRefusedException(TextFault fault) : base(fault?.ToString())
    {
        ArgumentNullException.ThrowIfNull(fault);
        Fault = fault;
    }

    /// <summary>Creates the exception with no detail; prefer the constructor with a fault.</summary>
    public TextRefusedException() : this(new TextFault("text", 0, 1, 1, 0)) { }

    /// <summary>Creates the exception with a message; prefer the constructor with a fault.</summary>
    public TextRefusedException(string message) : base(message) => Fault = new TextFault("text", 0, 1, 1, 0);

    /// <summary>Creates the exception with a message and cause; prefer the constructor with a fault.</summary>
    public TextRefusedException(string message, Exception innerException) : base(message, innerException) => Fault = new TextFault("text", 0, 1, 1, 0);

    /// <summary>Where the refused character is.</summary>
    public TextFault Fault { get; }
}

/// <summary>
/// The one rule for text that enters Hexapla (titles, bodies, summaries, tags, translations, memory pairs, glossary
/// terms), whichever way it comes: every entrance calls <see cref="Accept"/> (or, for a file, <see cref="FindRefused"/>
/// to say the file's line), so nothing is stored that a feed, a sitemap, an XLIFF or TMX file cannot carry.
/// </summary>
/// <remarks>
/// <para>
/// Line breaks become LF: CR LF and a lone CR (what browsers send from a text area), U+000B (the line break a word
/// processor pastes; XML cannot carry it) and U+2028 LINE SEPARATOR each become one LF, and U+2029 PARAGRAPH SEPARATOR
/// becomes a blank line (two LFs), a paragraph break in Markdown, which is what it means.
/// </para>
/// <para>
/// Refused: every control character (Unicode category Cc) other than TAB, LF, CR and U+000B (a line break, above) — the C0 controls U+0000–U+001F,
/// DEL U+007F and the C1 controls U+0080–U+009F —, the non-characters U+FFFE and U+FFFF, and unpaired surrogates. XML
/// 1.0 cannot carry the C0 controls, U+FFFE, U+FFFF nor unpaired surrogates; it can carry DEL and the C1 controls, but
/// they never mean anything in a press text: they are the trace of text saved as Windows-1252 and read as Latin-1
/// (U+0092 where ’ was, U+0096 where – was), which a person should see and fix rather than publish; XML 1.1 and HTML
/// refuse or flag them too. A refusal names the field, the line and the column; nothing is removed silently.
/// </para>
/// <para>
/// Text stored before this rule may still hold such characters: <see cref="Repair"/> (what <c>hexapla check
/// --repair</c> applies) and <see cref="ForXml"/> (what every XML writer applies) remove refused characters rather
/// than replace them with U+FFFD, since a reader never saw them: a browser draws nothing for a control character.
/// </para>
/// </remarks>
public static class EnteringText
{
    /// <summary>What <paramref name="text"/> becomes when stored: line breaks normalised (see the remarks of <see cref="EnteringText"/>).</summary>
    /// <exception cref="TextRefusedException">It holds a refused character; the exception says where, naming <paramref name="field"/>.</exception>
    public static string Accept(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FindRefused(text, field) is { } fault)
        {
            throw new TextRefusedException(fault);
        }

        return Normalise(text);
    }

    /// <summary><see cref="Accept"/> for an optional field: null stays null.</summary>
    public static string? AcceptOptional(string? text, string field) => text is null ? null : Accept(text, field);

    /// <summary>The first refused character of <paramref name="text"/>, or null when there is none.</summary>
    public static TextFault? FindRefused(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = FirstSuspect(text);
        if (at < 0)
        {
            return null;
        }

        var (line, column) = Position(text, at);
        return new TextFault(field, at, line, column, RefusedAt(text, at));
    }

    /// <summary>True when <paramref name="text"/> holds a refused character or U+000B, which XML cannot carry: text stored before the rule that <see cref="Repair"/> should mend.</summary>
    /// <remarks>
    /// CR, U+2028 and U+2029 are not counted, though <see cref="Accept"/> would make them LF: text areas sent CR LF, stores
    /// hold it from before, and every output carries all three; a check that failed on them would only be noise.
    /// </remarks>
    public static bool NeedsRepair(string? text) => text is not null && (FirstSuspect(text) >= 0 || text.Contains('\u000B', StringComparison.Ordinal));

    /// <summary>How many characters of <paramref name="text"/> <see cref="NeedsRepair"/> counts (refused ones and U+000B), and where the first is.</summary>
    public static (int Count, TextFault? First) Survey(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        int? first = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (RefusedAt(text, i) >= 0 || text[i] == '\u000B')
            {
                count++;
                first ??= i;
            }
        }

        if (first is not { } offset)
        {
            return (0, null);
        }

        var (line, column) = Position(text, offset);
        var code = RefusedAt(text, offset) is var refused and >= 0 ? refused : text[offset];
        return (count, new TextFault(field, offset, line, column, code));
    }

    /// <summary>
    /// <paramref name="text"/> made acceptable: refused characters removed, then line breaks normalised as
    /// <see cref="Accept"/> does. For text stored before the rule (<c>hexapla check --repair</c>), never for what a
    /// person is entering now, who is told instead.
    /// </summary>
    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Normalise(FirstSuspect(text) < 0 ? text : RemoveRefused(text));
    }

    /// <summary>
    /// <paramref name="text"/> as an XML writer may write it: U+000B becomes LF and the other characters XML 1.0
    /// cannot carry (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF; unpaired surrogates) are removed. The same string
    /// when there is nothing to change (the common case costs one vectorised scan).
    /// </summary>
    /// <remarks>DEL and C1 controls, which XML 1.0 allows, are left: an output mends only what would break it.</remarks>
    public static string ForXml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(XmlSuspects) < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\u000B')
            {
                result.Append('\n');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (!(c < ' ' && c is not ('\t' or '\n' or '\r')) && c is not ('\uFFFE' or '\uFFFF') && !char.IsSurrogate(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>The character <paramref name="codePoint"/> named for people, with why it is refused.</summary>
    public static string Describe(int codePoint)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"U+{codePoint:X4}");
        return codePoint switch
        {
            >= 0x80 and <= 0x9F => $"{name} (a C1 control character: the trace of text saved as Windows-1252 and read as Latin-1, where a quote or a dash was) cannot be stored; retype the character there",
            >= 0xD800 and <= 0xDFFF => $"{name} (half of a surrogate pair, without its other half: not a character) cannot be stored; remove it",
            0xFFFE or 0xFFFF => $"{name} (not a character) cannot be stored; remove it",
            0x0B or 0x2028 or 0x2029 => $"{name} (a line or paragraph separator) is stored as a line break",
            0x0C => $"{name} (a form feed, a page break of printers) cannot be stored; use a blank line for a new paragraph",
            _ => $"{name} (a control character, invisible, which feeds, sitemaps and XLIFF cannot carry) cannot be stored; remove it",
        };
    }

    // Every character that may be refused; a hit is looked at closely (a surrogate may be half of a good pair).
    private static readonly System.Buffers.SearchValues<char> Suspects = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r' or 0x0B)).Select(c => (char)c),
         .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c),
         '\uFFFE', '\uFFFF']);

    private static readonly System.Buffers.SearchValues<char> XmlSuspects = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c),
         .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c),
         '\uFFFE', '\uFFFF']);

    /// <summary>The offset of the first refused character, -1 when there is none.</summary>
    private static int FirstSuspect(string text)
    {
        var from = 0;
        while (true)
        {
            var hit = text.AsSpan(from).IndexOfAny(Suspects);
            if (hit < 0)
            {
                return -1;
            }

            var at = from + hit;
            if (RefusedAt(text, at) >= 0)
            {
                return at;
            }

            // A good surrogate pair: look on after it.
            from = at + 2;
        }
    }

    /// <summary>The refused character at <paramref name="i"/>, or -1 (a good character, or the low half of a good pair).</summary>
    private static int RefusedAt(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? -1 : c;
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]) ? -1 : c;
        }

        return (c < ' ' && c is not ('\t' or '\n' or '\r' or '\u000B')) || c is >= '\u007F' and <= '\u009F' or '\uFFFE' or '\uFFFF' ? c : -1;
    }

    /// <summary>The line (from 1; lines end at LF, CR LF or a lone CR) and column (from 1, a surrogate pair counting once) of <paramref name="offset"/>.</summary>
    private static (int Line, int Column) Position(string text, int offset)
    {
        var (line, column) = (1, 1);
        for (var i = 0; i < offset; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                (line, column) = (line + 1, 1);
            }
            else if (!(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                column++;
            }
        }

        return (line, column);
    }

    private static string RemoveRefused(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (RefusedAt(text, i) < 0)
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static string Normalise(string text)
    {
        if (text.AsSpan().IndexOfAny("\r\u000B\u2028\u2029") < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            _ = text[i] switch
            {
                '\r' when i + 1 < text.Length && text[i + 1] == '\n' => result,
                '\r' or '\u000B' or '\u2028' => result.Append('\n'),
                '\u2029' => result.Append("\n\n"),
                var c => result.Append(c),
            };
        }

        return result.ToString();
    }
}
