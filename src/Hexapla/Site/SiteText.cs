using Hexapla.Languages;

namespace Hexapla.Site;

/// <summary>
/// The words of the public site's own interface, in the page's language; English where a language has no
/// translation yet. (Resource files per language come with the reader-experience work.)
/// </summary>
internal sealed class SiteText
{
    private static readonly SiteText English = new()
    {
        SkipToContent = "Skip to content",
        LanguageVersions = "Language versions",
        Languages = "Languages",
        Published = "Published",
        Feed = "Atom feed",
        NoDocuments = "There are no documents in this language yet.",
        Newer = "Newer",
        Older = "Older",
        Pages = "Pages",
        PageOf = "Page {0} of {1}",
        NotFoundTitle = "Page not found",
        NotFoundText = "There is no page at this address.",
        NotInLanguageTitle = "This document is not available in this language",
        NotInLanguageText = "The document exists in these languages:",
        NotYetTranslated = "This document has not yet been translated into {0}. It is shown in the language it was written in ({1}).",
        AlsoIn = "Also in",
        ErrorTitle = "Something went wrong",
        ErrorText = "The page could not be shown. Please try again in a moment.",
        OtherLanguages = "This site in other languages:",
        Search = "Search",
        SearchLabel = "Search the documents",
        SearchAllLanguages = "in all languages",
        SearchResults = "Results: {0}",
        SearchNothing = "Nothing was found. Try other words, or search in all languages.",
        CompareWith = "Compare with {0}",
        CompareLinks = "Side by side",
        CompareTitle = "{0} — side by side",
    };

    private static readonly SiteText Russian = new()
    {
        SkipToContent = "Перейти к содержанию",
        LanguageVersions = "Языковые версии",
        Languages = "Языки",
        Published = "Опубликовано",
        Feed = "Лента Atom",
        NoDocuments = "На этом языке документов пока нет.",
        Newer = "Новее",
        Older = "Старше",
        Pages = "Страницы",
        PageOf = "Страница {0} из {1}",
        NotFoundTitle = "Страница не найдена",
        NotFoundText = "По этому адресу страницы нет.",
        NotInLanguageTitle = "Этого документа нет на этом языке",
        NotInLanguageText = "Документ есть на следующих языках:",
        NotYetTranslated = "Версии этого документа на языке «{0}» пока нет. Показан оригинал на языке «{1}».",
        AlsoIn = "Также на",
        ErrorTitle = "Что-то пошло не так",
        ErrorText = "Не удалось показать страницу. Попробуйте ещё раз чуть позже.",
        OtherLanguages = "Сайт на других языках:",
        Search = "Найти",
        SearchLabel = "Поиск по документам",
        SearchAllLanguages = "на всех языках",
        SearchResults = "Найдено: {0}",
        SearchNothing = "Ничего не найдено. Попробуйте другие слова или поиск на всех языках.",
        CompareWith = "Сравнить: {0}",
        CompareLinks = "Параллельный текст",
        CompareTitle = "{0} — параллельный текст",
    };

    public static SiteText For(LanguageTag language) => language.Language == "ru" ? Russian : English;

    public required string SkipToContent { get; init; }
    public required string LanguageVersions { get; init; }
    public required string Languages { get; init; }
    public required string Published { get; init; }
    public required string Feed { get; init; }
    public required string NoDocuments { get; init; }
    public required string Newer { get; init; }
    public required string Older { get; init; }
    public required string Pages { get; init; }
    public required string PageOf { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFoundText { get; init; }
    public required string NotInLanguageTitle { get; init; }
    public required string NotInLanguageText { get; init; }
    public required string NotYetTranslated { get; init; }
    public required string AlsoIn { get; init; }
    public required string ErrorTitle { get; init; }
    public required string ErrorText { get; init; }
    public required string OtherLanguages { get; init; }
    public required string Search { get; init; }
    public required string SearchLabel { get; init; }
    public required string SearchAllLanguages { get; init; }
    public required string SearchResults { get; init; }
    public required string SearchNothing { get; init; }
    public required string CompareWith { get; init; }
    public required string CompareLinks { get; init; }
    public required string CompareTitle { get; init; }
}
