using System.Collections.Concurrent;
using System.Resources;
using System.Text.RegularExpressions;
using Hexapla.Interface;
using Hexapla.Languages;

namespace Hexapla.Site;

/// <summary>
/// The words of the public site's own interface (its chrome: header, navigation, footer, notices, forms), read from
/// <c>Site/Text/SiteText.*.resx</c> in an interface language of <see cref="InterfaceLanguages.All"/>. A page's
/// interface is its own language's when Hexapla has one, else the site default's, else English
/// (<see cref="InterfaceLanguages.For"/>). Numbers and dates are written as the interface language writes them.
/// </summary>
/// <remarks>
/// A phrase that holds text from elsewhere (a title, a query, a language's name, a date) is built as <see cref="Html"/>
/// from its pattern: the pattern's words are escaped, and the holes receive markup that isolates the text
/// (<c>bdi</c>, <c>time</c>), so a Latin title inside an Arabic sentence keeps its place.
/// </remarks>
internal sealed partial class SiteText : InterfaceText
{
    private static readonly ResourceManager Resources = new("Hexapla.Site.Text.SiteText", typeof(SiteText).Assembly);
    private static readonly ConcurrentDictionary<LanguageTag, SiteText> Made = new();

    /// <summary>Instances kept at most: one per chrome language seen, which a reader's URLs choose, so the count is capped.</summary>
    private const int MaxKept = 256;

    private SiteText(LanguageTag chrome, LanguageTag ui)
        : base(Resources, chrome)
    {
        Interface = ui;
    }

    /// <summary>The interface language (one of <see cref="InterfaceLanguages.All"/>) whose strings these are.</summary>
    /// <remarks>
    /// <see cref="InterfaceText.Language"/> is the chrome's tag, which can be more precise (<c>en-GB</c>, <c>ar-SA</c>): its
    /// culture writes the dates and numbers (29 November 2026 rather than November 29, 2026), and finds the interface's
    /// resources through its parents.
    /// </remarks>
    public LanguageTag Interface { get; }

    /// <summary>
    /// The interface of a page in <paramref name="page"/>, on a site whose default language is <paramref name="siteDefault"/>
    /// (English when null). Its <see cref="InterfaceText.Language"/>, the chrome's <c>lang</c>, is the page's own tag when
    /// the interface is the page's language (<c>fr-FR</c> rather than <c>fr</c>), the site default's when the interface is
    /// the default's, else the interface's.
    /// </summary>
    public static SiteText For(LanguageTag page, LanguageTag? siteDefault = null)
    {
        var ui = InterfaceLanguages.For(page, siteDefault ?? page);
        var chrome = InterfaceLanguages.Find(page) == ui ? page
            : siteDefault is not null && InterfaceLanguages.Find(siteDefault) == ui ? siteDefault
            : ui;
        return Made.TryGetValue(chrome, out var made) ? made
            : Made.Count < MaxKept ? Made.GetOrAdd(chrome, new SiteText(chrome, ui))
            : new SiteText(chrome, ui);
    }

    public string SkipToContent => Phrase();
    public string LanguageVersions => Phrase();
    public string Feed => Phrase();
    public string NoDocuments => Phrase();
    public string Newer => Phrase();
    public string Older => Phrase();
    public string Pages => Phrase();
    public string NotFoundTitle => Phrase();
    public string NotFoundText => Phrase();
    public string NotInLanguageTitle => Phrase();
    public string NotInLanguageText => Phrase();
    public string AlsoIn => Phrase();
    public string ErrorTitle => Phrase();
    public string ErrorText => Phrase();
    public string OtherLanguages => Phrase();
    public string Search => Phrase();
    public string SearchLabel => Phrase();
    public string SearchAllLanguages => Phrase();
    public string SearchNothing => Phrase();
    public string CompareLinks => Phrase();
    public string PrintAddress => Phrase();
    public string PrintLanguage => Phrase();
    public string CompareWithOriginal => Phrase();
    public string SiteNavigation => Phrase();

    /// <summary>An arrow that points back (to newer, earlier pages) in the reading direction: ← in ltr, → in rtl.</summary>
    public string BackArrow => Dir == "rtl" ? "→" : "←";

    /// <summary>An arrow that points on (to older, later pages) in the reading direction.</summary>
    public string OnArrow => Dir == "rtl" ? "←" : "→";

    /// <summary>The title of a language's Atom feed: "Hexapla: latest documents".</summary>
    public string FeedTitle(string siteName) => Format(nameof(FeedTitle), siteName);

    /// <summary>The subtitle of a language's Atom feed, naming the language (its own name for itself).</summary>
    public string FeedSubtitle(string language) => Format(nameof(FeedSubtitle), language);

    /// <summary>The meta description of a language's home page.</summary>
    public string HomeDescription(string siteName, string language) => Format(nameof(HomeDescription), siteName, language);

    /// <summary>"Page 2 of 5", the numbers written as the language writes them.</summary>
    public string PageOf(long page, long pages) => Format(nameof(PageOf), Number(page), Number(pages));

    /// <summary>"This document has not yet been translated into …", the two language names isolated in their own language.</summary>
    public Html NotYetTranslated(LanguageTag language, LanguageTag original) =>
        Compose(nameof(NotYetTranslated), Name(language), Name(original));

    /// <summary>A search over the length limit: its length and the limit.</summary>
    public string SearchTooLong(long length, long limit) => Format(nameof(SearchTooLong), Number(length), Number(limit));

    /// <summary>"1,234 results" (en), «Найдено: 1 234 документа» (ru), with the language's plural form.</summary>
    public string SearchResults(long total) => Plural(nameof(SearchResults), total);

    /// <summary>"Results for …" around the reader's query, which is isolated (a <c>bdi</c>) since it may run the other way.</summary>
    public Html SearchResultsFor(string query) => Compose(nameof(SearchResultsFor), Html.Of($"<bdi>{query}</bdi>"));

    /// <summary>"In the file …:" before a snippet found in a file a page links; the name isolated, as it may run the other way.</summary>
    public Html SearchInFile(string fileName) => Compose(nameof(SearchInFile), Html.Of($"<bdi>{fileName}</bdi>"));

    /// <summary>"Published on …" around a date (a <c>time</c> element).</summary>
    public Html PublishedOn(Html date) => Compose(nameof(PublishedOn), date);

    /// <summary>"Updated on …" around a date (a <c>time</c> element).</summary>
    public Html UpdatedOn(Html date) => Compose(nameof(UpdatedOn), date);

    /// <summary>"The original was updated on …" around the date, which arrives as markup (a <c>time</c> element).</summary>
    public Html OriginalUpdated(Html date) => Compose(nameof(OriginalUpdated), date);

    /// <summary>"Compare with …", the other language's name isolated in its own language.</summary>
    public Html CompareWith(LanguageTag language) => Compose(nameof(CompareWith), Name(language));

    /// <summary>The side-by-side page's heading around a document's title in <paramref name="titleLanguage"/>.</summary>
    public Html CompareTitle(string title, LanguageTag titleLanguage) =>
        Compose(nameof(CompareTitle), Html.Of($"""<bdi lang="{titleLanguage.Value}">{title}</bdi>"""));

    /// <summary>The side-by-side page's title (the browser tab: plain text, no isolation possible).</summary>
    public string CompareTitleText(string title) => Format(nameof(CompareTitle), title);

    /// <summary>A long date without the weekday, as the language writes it: "29 November 2026", «29 ноября 2026 г.», «٢٩ نوفمبر ٢٠٢٦».</summary>
    public string Date(DateTimeOffset at, TimeZoneInfo zone)
    {
        // The Gregorian calendar whatever the culture's default (ar-SA would be Umm al-Qura): readers of an
        // international site date its documents as the documents do.
        var format = (System.Globalization.DateTimeFormatInfo)Culture.DateTimeFormat.Clone();
        if (format.Calendar is not System.Globalization.GregorianCalendar)
        {
            format.Calendar = new System.Globalization.GregorianCalendar();
        }

        // No weekday, and no era (ar-SA's "م"): a plain date.
        var pattern = EraPattern().Replace(WeekdayPattern().Replace(format.LongDatePattern, string.Empty), string.Empty).Replace("dd", "d", StringComparison.Ordinal);
        return LocalDigits(TimeZoneInfo.ConvertTime(at, zone).ToString(pattern, format));
    }

    /// <summary>A language's own name, isolated and marked as that language.</summary>
    private static Html Name(LanguageTag language) => Html.Of($"""<bdi lang="{language.Value}">{language.NativeName}</bdi>""");

    /// <summary>The pattern of <paramref name="key"/> as markup: its words escaped, each <c>{n}</c> replaced by <paramref name="holes"/>[n].</summary>
    private Html Compose(string key, params Html[] holes)
    {
        var pattern = Get(key);
        var output = new System.Text.StringBuilder();
        var at = 0;
        foreach (Match hole in HolePattern().Matches(pattern))
        {
            Html.Encode(output, pattern[at..hole.Index]);
            output.Append(holes[int.Parse(hole.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)].Value);
            at = hole.Index + hole.Length;
        }

        Html.Encode(output, pattern[at..]);
        return Html.Raw(output.ToString());
    }


    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex HolePattern();

    [GeneratedRegex(@"\s*\bg+\b")]
    private static partial Regex EraPattern();

    [GeneratedRegex(@"dddd[,،]?\s*|[,،]?\s*dddd")]
    private static partial Regex WeekdayPattern();
}
