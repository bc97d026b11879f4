using System.Globalization;
using System.Resources;
using Hexapla.Languages;

namespace Hexapla.Interface;

/// <summary>
/// The base of each set of interface strings (<c>SiteText</c>, <c>AdminText</c>, <c>EditorText</c>): one resx file per
/// set and language, looked up by key in the interface language, with CLDR plurals and the language's own numbers.
/// </summary>
/// <remarks>
/// A plural phrase is a group of keys <c>Name_zero</c>, <c>Name_one</c>, <c>Name_two</c>, <c>Name_few</c>,
/// <c>Name_many</c>, <c>Name_other</c>; a language writes the categories it has, and <c>Name_other</c> always.
/// </remarks>
internal abstract class InterfaceText
{
    private readonly ResourceManager _resources;

    protected InterfaceText(ResourceManager resources, LanguageTag language)
    {
        _resources = resources;
        Language = language;
        Culture = language.Culture;
    }

    /// <summary>The interface language (one of <see cref="InterfaceLanguages.All"/>).</summary>
    public LanguageTag Language { get; }

    /// <summary>The culture that picks the resource file and formats dates.</summary>
    public CultureInfo Culture { get; }

    /// <summary>"ltr" or "rtl", for the <c>dir</c> of the chrome.</summary>
    public string Dir => Language.HtmlDir;

    /// <summary>A whole number as the language writes it (grouping, and Arabic-Indic digits in Arabic).</summary>
    public string Number(long n) => LocalDigits(n.ToString("N0", Culture));

    /// <summary>The phrase named like the member that asks for it: <c>public string Search => Phrase();</c>.</summary>
    protected string Phrase([System.Runtime.CompilerServices.CallerMemberName] string key = "") => Get(key);

    /// <summary>The string of <paramref name="key"/>; a missing key is a bug (a test checks every file).</summary>
    protected string Get(string key) =>
        _resources.GetString(key, Culture) ?? throw new InvalidOperationException($"{_resources.BaseName} has no string \"{key}\".");

    /// <summary><paramref name="key"/>'s pattern formatted with the culture; numbers should arrive formatted by <see cref="Number"/>.</summary>
    protected string Format(string key, params object?[] values) => string.Format(Culture, Get(key), values);

    /// <summary>The plural form of <paramref name="key"/> for <paramref name="n"/>, with <c>{0}</c> the number as the language writes it.</summary>
    protected string Plural(string key, long n, params object?[] more)
    {
        var category = PluralRules.Select(Language, n);
        var pattern = _resources.GetString($"{key}_{category.ToString().ToLowerInvariant()}", Culture) ?? Get($"{key}_other");
        return string.Format(Culture, pattern, [Number(n), .. more]);
    }

    /// <summary>Digits as the language's readers expect them: Arabic-Indic in Arabic (CLDR's default numbering for ar).</summary>
    public string LocalDigits(string text)
    {
        if (Language.Language != "ar")
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var k = 0; k < source.Length; k++)
            {
                var c = source[k];
                span[k] = c is >= '0' and <= '9' ? (char)('\u0660' + (c - '0')) : c;
            }
        });
    }
}
