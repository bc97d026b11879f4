using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Hexapla.Site;

/// <summary>
/// A piece of HTML known to be safe. Build one with <see cref="Of"/> and an interpolated string: every hole is
/// HTML-encoded unless it is itself <see cref="Html"/>, so text from the store can never become markup by accident.
/// </summary>
internal readonly record struct Html(string Value)
{
    public static Html Empty { get; } = new(string.Empty);

    /// <summary>Markup from a trusted producer (the Markdown renderer, whose output is safe by construction).</summary>
    public static Html Raw(string value) => new(value);

    public static Html Of(ref HtmlBuilder builder) => builder.ToHtml();

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>Encodes text for an element's content or a quoted attribute value.</summary>
    public static void Encode(StringBuilder target, string? text) => Content.HtmlText.Escape(target, text);

    public override string ToString() => Value;
}

/// <summary>The interpolated string handler behind <see cref="Html.Of"/>.</summary>
[InterpolatedStringHandler]
internal ref struct HtmlBuilder
{
    private readonly StringBuilder _builder;

    public HtmlBuilder(int literalLength, int formattedCount)
    {
        _builder = new StringBuilder(literalLength + (formattedCount * 24));
    }

    public readonly void AppendLiteral(string value) => _builder.Append(value);

    public readonly void AppendFormatted(Html value) => _builder.Append(value.Value);

    public readonly void AppendFormatted(IEnumerable<Html> values)
    {
        foreach (var value in values)
        {
            _builder.Append(value.Value);
        }
    }

    public readonly void AppendFormatted(string? value) => Html.Encode(_builder, value);

    public readonly void AppendFormatted<T>(T value)
    {
        // A List<Html> binds here rather than to the IEnumerable<Html> overload; it is markup all the same.
        if (value is IEnumerable<Html> many)
        {
            AppendFormatted(many);
            return;
        }

        Html.Encode(_builder, value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
    }

    public readonly Html ToHtml() => new(_builder.ToString());
}
