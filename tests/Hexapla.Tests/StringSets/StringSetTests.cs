using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Hexapla.Interface;
using Hexapla.Languages;

namespace Hexapla.Tests.StringSets;

/// <summary>
/// Every resx string set of the Hexapla assembly (found by its neutral resources, so a set added later is checked too),
/// in every interface language: the same keys as English, plural groups with the categories the language has, the
/// same placeholders.
/// </summary>
public sealed partial class StringSetTests
{
    private static readonly string[] Categories = ["zero", "one", "two", "few", "many", "other"];

    public static TheoryData<string, string> SetsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var set in InterfaceLanguages.StringSets)
        {
            foreach (var language in InterfaceLanguages.All.Skip(1))
            {
                data.Add(set, language.Value);
            }
        }

        return data;
    }

    [Fact]
    public void InterfaceLanguages_AreEnglishFirstThenEverySatellitePresent()
    {
        Assert.Equal(["en", "ar", "es", "fr", "ru", "zh"], InterfaceLanguages.All.Select(l => l.Value));
    }

    [Fact]
    public void InterfaceLanguages_EachHasItsOwnPluralRules()
    {
        Assert.All(InterfaceLanguages.All, l => Assert.True(PluralRules.Knows(l.Language), $"PluralRules has no rules of its own for \"{l.Language}\"."));
        Assert.False(PluralRules.Knows("cy"));
    }

    [Fact]
    public void StringSets_IncludeTheSiteAndEachHasAnInterfaceTextClass()
    {
        Assert.Contains("Hexapla.Site.Text.SiteText", InterfaceLanguages.StringSets);
        var classes = typeof(InterfaceText).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(InterfaceText))).Select(t => t.Name).ToHashSet();
        foreach (var set in InterfaceLanguages.StringSets)
        {
            Assert.Contains(set[(set.LastIndexOf('.') + 1)..], classes);
        }
    }

    [Theory]
    [MemberData(nameof(SetsAndLanguages))]
    public void LanguageFile_HasExactlyTheKeysOfEnglish(string set, string language)
    {
        var english = Strings(set, CultureInfo.InvariantCulture);
        var translated = Strings(set, CultureInfo.GetCultureInfo(language));
        var (englishPlain, englishPlurals) = Split(english.Keys);
        var (plain, plurals) = Split(translated.Keys);
        var allowed = CategoriesOf(language);

        var problems = new List<string>();
        problems.AddRange(englishPlain.Except(plain).Select(k => $"missing \"{k}\""));
        problems.AddRange(plain.Except(englishPlain).Select(k => $"\"{k}\" is not in English"));
        foreach (var group in englishPlurals.Keys)
        {
            var forms = plurals.GetValueOrDefault(group) ?? [];
            problems.AddRange(allowed.Except(forms).Select(c => $"plural \"{group}\" lacks \"{group}_{c}\" ({language} has it)"));
            problems.AddRange(forms.Except(allowed).Select(c => $"plural \"{group}_{c}\": {language} has no category \"{c}\""));
        }

        problems.AddRange(plurals.Keys.Except(englishPlurals.Keys).Select(g => $"plural \"{g}\" is not in English"));
        Assert.True(problems.Count == 0, $"{set}.{language}.resx: {string.Join("; ", problems)}");
    }

    [Theory]
    [MemberData(nameof(SetsAndLanguages))]
    public void LanguageFile_HasThePlaceholdersOfEnglish(string set, string language)
    {
        var english = Strings(set, CultureInfo.InvariantCulture);
        var translated = Strings(set, CultureInfo.GetCultureInfo(language));
        var problems = new List<string>();
        foreach (var (key, value) in translated)
        {
            var group = PluralGroup(key);
            var englishKey = group is null ? key : $"{group}_other";
            if (!english.TryGetValue(englishKey, out var englishValue))
            {
                continue; // The keys test reports it.
            }

            var expected = Holes(englishValue);
            var actual = Holes(value);
            // A plural form may leave the number out ("نتيجة واحدة"), never add a hole English lacks.
            var agrees = group is null || key.EndsWith("_other", StringComparison.Ordinal) ? actual.SetEquals(expected) : actual.IsSubsetOf(expected);
            if (!agrees)
            {
                problems.Add($"\"{key}\" has {{{string.Join("},{", actual.Order())}}}, English {{{string.Join("},{", expected.Order())}}}");
            }

            try
            {
                _ = string.Format(CultureInfo.InvariantCulture, value, [.. Enumerable.Range(0, 10).Select(i => (object)"x")]);
            }
            catch (FormatException)
            {
                problems.Add($"\"{key}\" is not a valid format string: {value}");
            }
        }

        Assert.True(problems.Count == 0, $"{set}.{language}.resx: {string.Join("; ", problems)}");
    }

    [Fact]
    public void EnglishPluralGroups_AllHaveOther()
    {
        foreach (var set in InterfaceLanguages.StringSets)
        {
            var (_, plurals) = Split(Strings(set, CultureInfo.InvariantCulture).Keys);
            foreach (var (group, forms) in plurals)
            {
                Assert.True(forms.Contains("other"), $"{set}: plural \"{group}\" has no \"{group}_other\"");
            }
        }
    }

    /// <summary>The strings of one resource file only (no fallback to English).</summary>
    private static Dictionary<string, string> Strings(string set, CultureInfo culture)
    {
        var manager = new ResourceManager(set, typeof(InterfaceText).Assembly);
        var resources = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new Xunit.Sdk.XunitException($"{set} has no resources for \"{culture.Name}\".");
        return resources.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static (HashSet<string> Plain, Dictionary<string, HashSet<string>> Plurals) Split(IEnumerable<string> keys)
    {
        var plain = new HashSet<string>(StringComparer.Ordinal);
        var plurals = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (PluralGroup(key) is { } group)
            {
                (plurals.TryGetValue(group, out var forms) ? forms : plurals[group] = []).Add(key[(group.Length + 1)..]);
            }
            else
            {
                plain.Add(key);
            }
        }

        return (plain, plurals);
    }

    private static string? PluralGroup(string key)
    {
        var cut = key.LastIndexOf('_');
        return cut > 0 && Categories.Contains(key[(cut + 1)..]) ? key[..cut] : null;
    }

    /// <summary>The categories whole numbers take in <paramref name="language"/> by CLDR (what an interface counts).</summary>
    private static HashSet<string> CategoriesOf(string language)
    {
        IEnumerable<long> samples = [.. Enumerable.Range(0, 1200).Select(i => (long)i), 1_000_000, 2_000_000, 1_000_001, 10_000_000];
        return [.. samples.Select(n => PluralRules.Select(language, n).ToString().ToLowerInvariant()).Append("other")];
    }

    private static HashSet<int> Holes(string pattern) =>
        [.. HolePattern().Matches(pattern).Select(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex HolePattern();
}
