using System.Text;

namespace Hexapla.Content;

/// <summary>Escaping of text for HTML element content and quoted attribute values.</summary>
/// <remarks>
/// Only the five characters that can change the meaning of markup are escaped; every other character, Cyrillic,
/// Arabic or CJK included, is written as it is, so pages and snippets stay readable and small. C0 control characters
/// other than TAB, LF and CR, U+FFFE and U+FFFF are left out (U+000B becomes LF), as <see cref="EnteringText.ForXml"/>
/// does; an unpaired surrogate is left to the encoder, which writes U+FFFD.
/// </remarks>
public static class HtmlText
{
    /// <summary>Appends <paramref name="text"/> to <paramref name="target"/>, escaped; nothing for null.</summary>
    public static void Escape(StringBuilder target, string? text)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (text is null)
        {
            return;
        }

        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => target.Append("&amp;"),
                '<' => target.Append("&lt;"),
                '>' => target.Append("&gt;"),
                '"' => target.Append("&quot;"),
                '\'' => target.Append("&#39;"),
                // A control character XML cannot carry (text stored before EnteringText's rule): left out, as
                // EnteringText.ForXml leaves it out of feeds; U+000B is a line break there, white space here.
                < ' ' and not ('\t' or '\n' or '\r') => c == '\u000B' ? target.Append('\n') : target,
                '\uFFFE' or '\uFFFF' => target,
                _ => target.Append(c),
            };
        }
    }

    /// <summary><paramref name="text"/>, escaped.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        Escape(builder, text);
        return builder.ToString();
    }
}
