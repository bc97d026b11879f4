using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;
using Hexapla.Languages;

namespace Hexapla.Site;

/// <summary>
/// The words of the public site's own interface, in the page's language, read from <c>Site/Text/SiteText.*.resx</c>.
/// A language without its own file (French, Arabic…) gets the English of the neutral <c>SiteText.resx</c>;
/// adding a language is adding <c>SiteText.LL.resx</c>. Numbers and dates in the strings follow the page's culture.
/// </summary>
internal sealed class SiteText
{
    private static readonly ResourceManager Resources = new("Hexapla.Site.Text.SiteText", typeof(SiteText).Assembly);

    private SiteText(CultureInfo culture) => Culture = culture;

    /// <summary>The page's culture: it picks the resource file and formats the numbers put into the strings.</summary>
    public CultureInfo Culture { get; }

    public static SiteText For(LanguageTag language) => new(language.Culture);

    public string SkipToContent => Get();
    public string LanguageVersions => Get();
    public string Languages => Get();
    public string Published => Get();
    public string Feed => Get();
    public string NoDocuments => Get();
    public string Newer => Get();
    public string Older => Get();
    public string Pages => Get();
    public string NotFoundTitle => Get();
    public string NotFoundText => Get();
    public string NotInLanguageTitle => Get();
    public string NotInLanguageText => Get();
    public string AlsoIn => Get();
    public string ErrorTitle => Get();
    public string ErrorText => Get();
    public string OtherLanguages => Get();
    public string Search => Get();
    public string SearchLabel => Get();
    public string SearchAllLanguages => Get();
    public string SearchNothing => Get();
    public string CompareLinks => Get();
    public string PrintAddress => Get();
    public string PrintLanguage => Get();
    public string Updated => Get();
    public string CompareWithOriginal => Get();

    /// <summary>The title of a language's Atom feed: "Hexapla: latest documents".</summary>
    public string FeedTitle(string siteName) => Format(Get(), siteName);

    /// <summary>The meta description of a language's home page.</summary>
    public string HomeDescription(string siteName, string language) => Format(Get(), siteName, language);

    /// <summary>"Page 2 of 5", the numbers written as the culture writes them.</summary>
    public string PageOf(int page, int pages) => Format(Get(), page, pages);

    public string NotYetTranslated(string language, string original) => Format(Get(), language, original);

    /// <summary>A search over the length limit: its length and the limit.</summary>
    public string SearchTooLong(int length, int limit) => Format(Get(), length, limit);

    /// <summary>"Results: 1,234" (en), «Найдено: 1 234» (ru).</summary>
    public string SearchResults(int total) => Format(Get(), total);

    /// <summary>"Results for …" around the reader's query, which arrives isolated (a <c>bdi</c>) and escaped.</summary>
    public Html SearchResultsFor(Html query)
    {
        var parts = Get().Split("{0}", 2);
        return parts.Length == 2 ? Html.Of($"{parts[0]}{query}{parts[1]}") : Html.Of($"{parts[0]} {query}");
    }

    /// <summary>"The original was updated on …" around the date, which arrives as markup (a <c>time</c> element).</summary>
    public Html OriginalUpdated(Html date)
    {
        var parts = Get().Split("{0}", 2);
        return parts.Length == 2 ? Html.Of($"{parts[0]}{date}{parts[1]}") : Html.Of($"{parts[0]} {date}");
    }

    public string CompareWith(string language) => Format(Get(), language);

    public string CompareTitle(string title) => Format(Get(), title);

    private string Format(string pattern, params object?[] values) => string.Format(Culture, pattern, values);

    private string Get([CallerMemberName] string name = "") =>
        Resources.GetString(name, Culture) ?? throw new InvalidOperationException($"SiteText.resx has no string \"{name}\".");
}
