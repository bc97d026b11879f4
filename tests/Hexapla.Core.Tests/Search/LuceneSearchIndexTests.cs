using System.Diagnostics;
using System.Text;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Search;

public sealed class LuceneSearchIndexTests : IDisposable
{
    private static readonly LanguageTag RuRu = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Published = new(2024, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private LuceneSearchIndex _index;

    public LuceneSearchIndexTests() => _index = LuceneSearchIndex.Open(IndexFolder);

    private string IndexFolder => _folder.Combine("index");

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    private static LanguageVersion Version(
        LanguageTag language, string body, string title = "Untitled", DateTimeOffset? publishedAt = null, VersionState state = VersionState.Published) => new()
        {
            Language = language,
            Title = title,
            Body = body,
            State = state,
            PublishedAt = state == VersionState.Draft && publishedAt is null ? null : publishedAt ?? Published,
        };

    private static Document Doc(string slug, params LanguageVersion[] versions) => Doc(slug, [], versions);

    private static Document Doc(string slug, string[] tags, params LanguageVersion[] versions) => new()
    {
        Slug = slug,
        OriginalLanguage = versions[0].Language,
        Tags = tags,
        Versions = versions,
    };

    private Task IndexAsync(params Document[] documents) => _index.UpdateAsync(documents, Now);

    private SearchResults Search(string text, LanguageTag? language = null, DateTimeOffset? now = null) =>
        _index.Search(new SearchQuery(text, language), now ?? Now);

    private List<string> Slugs(string text, LanguageTag? language = null) => [.. Search(text, language).Hits.Select(h => h.Slug)];

    [Fact]
    public async Task SimilarDocuments_SharingTheMostWordsFirst_InTheLanguageAsked_NeverEmbargoed()
    {
        await IndexAsync(
            Doc("geneva", Version(EnGb, "The talks on the ceasefire resume today in Geneva, the envoy said."), Version(RuRu, "Переговоры о прекращении огня возобновятся сегодня в Женеве.")),
            Doc("ceasefire", Version(EnGb, "The ceasefire holds.")),
            Doc("bread", Version(EnGb, "Prices of bread rose sharply last winter.")),
            Doc("embargoed", Version(EnGb, "The talks on the ceasefire resume today in Geneva, officials said.", publishedAt: Now.AddDays(1))));

        var english = _index.SimilarDocuments("Talks on a ceasefire resumed in Geneva today.", EnGb, 10, Now);
        var russian = _index.SimilarDocuments("Переговоры возобновились в Женеве.", RuRu, 10, Now);

        Assert.Equal(["geneva", "ceasefire"], english);
        Assert.Equal(["geneva"], russian);
        Assert.Empty(_index.SimilarDocuments("Переговоры возобновились в Женеве.", EnGb, 10, Now));
        Assert.Equal(["geneva"], _index.SimilarDocuments("Talks on a ceasefire resumed in Geneva today.", EnGb, 1, Now));
    }

    // Russian morphology

    [Theory]
    [InlineData("иракский")]
    [InlineData("правительство")]
    [InlineData("правительства")]
    [InlineData("Иракскому")]
    public async Task Search_RussianWordForm_FindsOtherFormsOfTheWord(string query)
    {
        await IndexAsync(Doc("iraq", Version(RuRu, "Накануне иракскому правительству удалось договориться.")));

        Assert.Equal(["iraq"], Slugs(query, RuRu));
        Assert.Equal(["iraq"], Slugs(query));
    }

    [Theory]
    [InlineData("Крепость отвоёвана.", "отвоевана")]
    [InlineData("Крепость отвоевана.", "отвоёвана")]
    [InlineData("Переговоры еще идут.", "ещё")]
    [InlineData("Переговоры ещё идут.", "еще")]
    public async Task Search_YoAndYe_MatchEachOther(string body, string query)
    {
        await IndexAsync(Doc("yo", Version(RuRu, body)));

        Assert.Equal(["yo"], Slugs(query, RuRu));
    }

    [Fact]
    public async Task Search_UnrelatedRussianWord_FindsNothing()
    {
        await IndexAsync(Doc("iraq", Version(RuRu, "Иракскому правительству удалось договориться.")));

        Assert.Equal(0, Search("турецкий", RuRu).Total);
    }

    // English morphology

    [Theory]
    [InlineData("overthrowing undesirable regimes", "regime")]
    [InlineData("overthrowing undesirable regimes", "overthrow")]
    [InlineData("overthrowing undesirable regimes", "Regimes")]
    [InlineData("The army controls the city.", "control")]
    public async Task Search_EnglishWordForm_FindsOtherFormsOfTheWord(string body, string query)
    {
        await IndexAsync(Doc("en", Version(EnGb, body)));

        Assert.Equal(["en"], Slugs(query, EnGb));
        Assert.Equal(["en"], Slugs(query));
    }

    // Hyphens, dashes, apostrophes

    [Theory]
    [InlineData("intra-Iraqi")]
    [InlineData("intra\u2013Iraqi")]
    [InlineData("intra\u2011Iraqi")]
    [InlineData("\"intra-Iraqi dialogue\"")]
    public async Task Search_AnyHyphenOrDash_FindsNonBreakingHyphen(string query)
    {
        await IndexAsync(Doc("dialogue", Version(EnGb, "They called for an intra\u2011Iraqi dialogue.")));

        Assert.Equal(["dialogue"], Slugs(query));
    }

    [Theory]
    [InlineData("Iraq's")]
    [InlineData("Iraq\u2019s")]
    [InlineData("Iraq")]
    public async Task Search_StraightApostrophe_FindsTypographicApostrophe(string query)
    {
        await IndexAsync(Doc("integrity", Version(EnGb, "They respect Iraq\u2019s integrity.")));

        Assert.Equal(["integrity"], Slugs(query, EnGb));
    }

    // Phrases

    [Theory]
    [InlineData("\"Middle East\"")]
    [InlineData("\u201CMiddle East\u201D")]
    [InlineData("\u00ABMiddle East\u00BB")]
    public async Task Search_QuotedPhrase_FindsWordsInOrder(string query)
    {
        await IndexAsync(Doc("mideast", Version(EnGb, "Peace in the Middle East is the aim; the east is far from the middle.")),
            Doc("apart", Version(EnGb, "The middle of the road, east of the river.")));

        Assert.Equal(["mideast"], Slugs(query));
    }

    [Theory]
    [InlineData("\"East Middle\"")]
    [InlineData("\u00ABEast Middle\u00BB")]
    public async Task Search_QuotedPhraseInOtherOrder_FindsNothing(string query)
    {
        await IndexAsync(Doc("mideast", Version(EnGb, "Peace in the Middle East is the aim.")));

        Assert.Equal(0, Search(query).Total);
        Assert.Equal(["mideast"], Slugs("East Middle"));
    }

    [Fact]
    public async Task Search_RussianPhraseInGuillemets_FindsPhrase()
    {
        await IndexAsync(Doc("gov", Version(RuRu, "Иракскому правительству удалось договориться.")),
            Doc("apart", Version(RuRu, "Правительству страны иракские власти не удалось помочь.")));

        Assert.Equal(["gov"], Slugs("«иракское правительство»", RuRu));
    }

    // Exclusion

    [Fact]
    public async Task Search_ExcludedWord_DropsDocumentsWithIt()
    {
        await IndexAsync(
            Doc("with-turkey", Version(EnGb, "Iraq and Turkey signed the agreement.")),
            Doc("without", Version(EnGb, "Iraq signed the agreement alone.")));

        Assert.Equal(["without"], Slugs("Iraq -Turkey"));
        Assert.Equal(2, Search("Iraq").Total);
    }

    [Fact]
    public async Task Search_OnlyExclusions_FindsNothing()
    {
        await IndexAsync(
            Doc("with-turkey", Version(EnGb, "Iraq and Turkey signed the agreement.")),
            Doc("without", Version(EnGb, "Iraq signed the agreement alone.")));

        var results = Search("-Turkey");

        Assert.Equal(0, results.Total);
        Assert.Empty(results.Hits);
    }

    // Hostile input

    private static readonly string[] Hostile =
    [
        "\"", "(((", ":", "*", "title:foo", "AND OR NOT", "a\"b\"c", "\\", "-", "--", "\"\"", "-\"x\"",
        new string('x', 100_000), new string('a', 99_999) + "\uD83D", string.Join(' ', Enumerable.Repeat("Iraq", 50_000)),
        "Iraq\0Mosul\u0001\u0007\u001B\u007F\u0085", "[1 TO 5]", "~2", "^3", "\uD800", "Iraq\uDC00", "{a TO b}", "/re.*gex/",
        "a* ?b", "Iraq AND (Turkey OR", "\u00AD", "\u2011", "\u00AB", "-\u00AB\u00BB", "+Iraq", "!Iraq", "&&||",
    ];

    public static TheoryData<string> HostileQueries() => [.. Hostile];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Search_HostileQuery_ReturnsResultWithoutThrowing(string query)
    {
        await IndexAsync(Doc("iraq", Version(EnGb, "Iraq and Turkey: talks in Mosul.", "Iraq")), Doc("ru", Version(RuRu, "Ирак и Турция.")));

        var results = Search(query);
        var inRussian = _index.Search(new SearchQuery(query, RuRu, 3, 100, "tag", new DateOnly(2024, 1, 1), new DateOnly(2023, 1, 1)), Now);

        Assert.NotNull(results);
        Assert.True(results.Total >= results.Hits.Count);
        Assert.NotNull(inRussian);
    }

    [Fact]
    public async Task Search_AllHostileQueries_AnswerQuickly()
    {
        await IndexAsync(Doc("iraq", Version(EnGb, "Iraq and Turkey: talks in Mosul.", "Iraq")), Doc("ru", Version(RuRu, "Ирак и Турция.")));
        Search("warm up");

        var clock = Stopwatch.StartNew();
        foreach (var query in Hostile)
        {
            Search(query);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-1, 10)]
    [InlineData(1, 0)]
    [InlineData(1, 101)]
    [InlineData(int.MaxValue, 100)]
    public async Task Search_PageOutOfRange_FindsNothing(int page, int pageSize)
    {
        await IndexAsync(Doc("iraq", Version(EnGb, "Iraq")));

        Assert.Empty(_index.Search(new SearchQuery("Iraq", null, page, pageSize), Now).Hits);
    }

    [Fact]
    public void Search_EmptyIndex_FindsNothing()
    {
        Assert.Equal(0, Search("Iraq").Total);
    }

    // Snippets

    [Fact]
    public async Task Search_Hit_SnippetMarksWordAndEscapesEverythingElse()
    {
        await IndexAsync(Doc("mosul", Version(EnGb, "Text <b>bold</b> & \"quotes\" about Mosul")));

        var snippet = Assert.Single(Search("Mosul").Hits).SnippetHtml;

        Assert.Contains("<mark>Mosul</mark>", snippet);
        Assert.Contains("&lt;b&gt;", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.DoesNotContain("<", snippet.Replace("<mark>", "").Replace("</mark>", ""));
    }

    [Fact]
    public async Task Search_RussianHit_SnippetKeepsCyrillicLetters()
    {
        await IndexAsync(Doc("mosul", Version(RuRu, "Бои у Мосула продолжаются, <i>сообщает</i> агентство.")));

        var snippet = Assert.Single(Search("Мосул", RuRu).Hits).SnippetHtml;

        Assert.Contains("<mark>Мосула</mark>", snippet);
        Assert.Contains("продолжаются", snippet);
        Assert.DoesNotContain("&#", snippet);
        Assert.DoesNotContain("<", snippet.Replace("<mark>", "").Replace("</mark>", ""));
    }

    [Theory]
    [InlineData("ru-RU", "Её ёлка стояла в Мосуле.", "елка", "<mark>ёлка</mark>")]
    [InlineData("ru-RU", "Бои у Мосула — продолжаются «сегодня».", "сегодня", "«<mark>сегодня</mark>»")]
    [InlineData("ru-RU", "Бои у Мо\u00ADсула продолжаются сегодня.", "сегодня", "<mark>сегодня</mark>")]
    [InlineData("ru-RU", "Бои у Мо\u00ADсула продолжаются сегодня.", "Мосул", "<mark>Мо\u00ADсула</mark>")]
    [InlineData("en-GB", "The minister\u2019s talks in Mosul\u2014and Kirkuk.", "Kirkuk", "<mark>Kirkuk</mark>")]
    [InlineData("en-GB", "The minister\u2019s talks in Mosul\u2014and Kirkuk.", "minister", "<mark>minister\u2019s</mark>")]
    [InlineData("en-GB", "Talks in Mo\u00ADsul and Kirkuk.", "Kirkuk", "<mark>Kirkuk</mark>")]
    public async Task Search_HitWithMappedCharacters_SnippetMarksTheWordAsWritten(string language, string body, string query, string marked)
    {
        var tag = LanguageTag.Parse(language);
        await IndexAsync(Doc("doc", Version(tag, System.Text.RegularExpressions.Regex.Unescape(body))));

        var snippet = Assert.Single(Search(query, tag).Hits).SnippetHtml;

        Assert.Contains(System.Text.RegularExpressions.Regex.Unescape(marked), snippet);
    }

    [Fact]
    public async Task Search_WordInTitleAndDeepInBody_SnippetMarksItInTheBody()
    {
        var body = string.Concat(Enumerable.Repeat("Nothing of note happened today. ", 60)) + "The new policy was announced.";
        await IndexAsync(
            Doc("both", Version(EnGb, body, "Policies")),
            Doc("title", Version(EnGb, string.Concat(Enumerable.Repeat("Nothing of note happened today. ", 60)), "Policies")));

        var hits = Search("policies").Hits.ToDictionary(h => h.Slug);

        Assert.Contains("<mark>policy</mark>", hits["both"].SnippetHtml);
        Assert.StartsWith("Nothing of note happened today.", hits["title"].SnippetHtml);
        Assert.DoesNotContain("<mark>", hits["title"].SnippetHtml);
    }

    [Fact]
    public async Task Search_TitleOnlyMatch_SnippetIsEscapedOpeningOfBody()
    {
        var body = "<script>x</script> " + string.Concat(Enumerable.Repeat("слово ", 100));
        await IndexAsync(Doc("title", Version(RuRu, body, "Мосул")));

        var snippet = Assert.Single(Search("Мосул", RuRu).Hits).SnippetHtml;

        Assert.StartsWith("&lt;script&gt;", snippet);
        Assert.DoesNotContain("<", snippet);
    }

    [Fact]
    public async Task Search_TitleOnlyMatchWithLongUnbrokenBody_DoesNotThrow()
    {
        await IndexAsync(Doc("title", Version(EnGb, new string('x', 1000), "Mosul")));

        var hit = Assert.Single(Search("Mosul").Hits);

        Assert.StartsWith("xxx", hit.SnippetHtml);
        Assert.True(hit.SnippetHtml.Length < 1000);
    }

    [Fact]
    public async Task Search_TitleOnlyMatchWithLongUnbrokenBody_DoesNotSplitSurrogatePair()
    {
        await IndexAsync(Doc("title", Version(EnGb, "a" + string.Concat(Enumerable.Repeat("\U0001F600", 500)), "Mosul")));

        var snippet = Assert.Single(Search("Mosul").Hits).SnippetHtml;

        Assert.True(snippet.EnumerateRunes().All(r => r != Rune.ReplacementChar), "snippet holds a lone surrogate");
        Assert.Equal(snippet, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(snippet)));
    }

    // Only public versions

    [Fact]
    public async Task Search_DraftAndEmbargoedVersions_AreNotFoundUntilReindexedAfterEmbargo()
    {
        var embargo = Now.AddDays(1);
        var documents = new[]
        {
            Doc("draft", Version(EnGb, "Secret Kirkuk draft.", state: VersionState.Draft)),
            Doc("embargoed", Version(EnGb, "Embargoed Kirkuk report.", publishedAt: embargo)),
            Doc("public", Version(EnGb, "Public Kirkuk report.")),
        };
        await _index.UpdateAsync(documents, Now);

        Assert.Equal(["public"], Slugs("Kirkuk"));
        Assert.Equal(["public"], _index.Search(new SearchQuery("Kirkuk", null), embargo.AddDays(1)).Hits.Select(h => h.Slug));

        await _index.UpdateAsync(documents, embargo.AddHours(1));

        var later = _index.Search(new SearchQuery("Kirkuk", null), embargo.AddHours(1));
        Assert.Equal(["embargoed", "public"], later.Hits.Select(h => h.Slug).Order());
        Assert.Equal(2, later.Total);
    }

    [Fact]
    public async Task Search_NowBeforePublication_DoesNotReturnTheVersion()
    {
        await _index.UpdateAsync([Doc("public", Version(EnGb, "Public Kirkuk report."))], Now);

        Assert.Equal(0, Search("Kirkuk", now: Published.AddTicks(-TimeSpan.TicksPerMillisecond)).Total);
        Assert.Equal(1, Search("Kirkuk", now: Published).Total);
    }

    [Fact]
    public async Task Search_EarlierNowAfterLaterOne_StillHidesTheVersion()
    {
        await _index.UpdateAsync([Doc("public", Version(EnGb, "Public Kirkuk report."))], Now);
        var before = Published.AddTicks(-TimeSpan.TicksPerMillisecond);

        // The publication times are cached per segment; what a search at one time found must not leak into another.
        Assert.Equal(1, Search("Kirkuk", now: Published).Total);
        Assert.Equal(0, Search("Kirkuk", now: before).Total);
        Assert.Equal(0, Search("Kirkuk", EnGb, now: before).Total);
        Assert.Equal(1, Search("Kirkuk", EnGb, now: Published).Total);
    }

    [Fact]
    public async Task Search_VersionWhoseTimeComes_IsFoundWithoutAnyUpdateOrReopen()
    {
        var soon = Now.AddMinutes(5);
        await _index.UpdateAsync([Doc("soon", Version(EnGb, "Kirkuk report at noon.", publishedAt: soon))], soon);

        Assert.Equal(0, Search("Kirkuk", EnGb, now: Now).Total);
        Assert.Equal(0, Search("Kirkuk", now: soon.AddTicks(-TimeSpan.TicksPerMillisecond)).Total);
        Assert.Equal(["soon"], _index.Search(new SearchQuery("Kirkuk", EnGb), soon).Hits.Select(h => h.Slug));
    }

    [Fact]
    public async Task Search_AfterPublishAndUnpublish_SeesEachChangeAtOnce()
    {
        await IndexAsync(Doc("a", Version(EnGb, "Talks in Baghdad.")));
        Assert.Equal(["a"], Slugs("Baghdad", EnGb));

        await IndexAsync(Doc("b", Version(EnGb, "Talks in Baghdad too."), Version(RuRu, "Переговоры в Багдаде, Baghdad.")));
        Assert.Equal(["a", "b"], Slugs("Baghdad", EnGb).Order());
        Assert.Equal(["b"], Slugs("Baghdad", RuRu));

        await IndexAsync(Doc("a", Version(EnGb, "Talks in Baghdad.", state: VersionState.Draft)));
        Assert.Equal(["b"], Slugs("Baghdad", EnGb));
        Assert.Equal(2, Search("Baghdad").Total);

        await IndexAsync(Doc("b", Version(EnGb, "Talks in Baghdad too.", state: VersionState.Draft), Version(RuRu, "Переговоры в Багдаде, Baghdad.", state: VersionState.Draft)));
        Assert.Equal(0, Search("Baghdad").Total);
        Assert.Equal(0, Search("Baghdad", EnGb).Total);
    }

    [Fact]
    public async Task Search_LanguageNotInIndex_FindsNothing()
    {
        await IndexAsync(Doc("doc", Version(EnGb, "Talks in Baghdad.")));

        Assert.Equal(0, Search("Baghdad", LanguageTag.Parse("de-DE")).Total);
        Assert.Equal(0, Search("Baghdad", RuRu).Total);
    }

    // Ranking

    [Fact]
    public async Task Search_WordInTitle_RanksAboveWordOnceInBody()
    {
        await IndexAsync(
            Doc("in-body", Version(EnGb, "A long report on many things, among them Kirkuk, the oil, the roads and the people.", "Weekly report")),
            Doc("in-title", Version(EnGb, "A long report on many things: the oil, the roads, the people and the weather.", "Kirkuk")));

        Assert.Equal(["in-title", "in-body"], Slugs("Kirkuk"));
    }

    // Filters and paging

    [Fact]
    public async Task Search_Language_LimitsToThatLanguageAndNullSearchesAll()
    {
        await IndexAsync(Doc("both", Version(RuRu, "Переговоры в Багдаде, Baghdad."), Version(EnGb, "Talks in Baghdad.")));

        var russian = Assert.Single(Search("Baghdad", RuRu).Hits);
        Assert.Equal(RuRu, russian.Language);
        Assert.Equal(2, Search("Baghdad").Total);
        Assert.Equal(0, Search("Багдад", EnGb).Total);
    }

    [Fact]
    public async Task Search_Tag_LimitsToDocumentsWithTheTag()
    {
        await IndexAsync(
            Doc("tagged", ["iraq", "oil"], Version(EnGb, "Talks in Baghdad.")),
            Doc("untagged", ["syria"], Version(EnGb, "Talks in Baghdad again.")));

        Assert.Equal(["tagged"], _index.Search(new SearchQuery("Baghdad", null, Tag: "oil"), Now).Hits.Select(h => h.Slug));
        Assert.Equal(["tagged"], _index.Search(new SearchQuery("Baghdad", null, Tag: " OIL "), Now).Hits.Select(h => h.Slug));
        Assert.Equal(0, _index.Search(new SearchQuery("Baghdad", null, Tag: "none"), Now).Total);
    }

    [Fact]
    public async Task Search_FromAndTo_LimitByPublicationDay()
    {
        await IndexAsync(
            Doc("march", Version(EnGb, "Talks in Baghdad.", publishedAt: new DateTimeOffset(2024, 3, 31, 23, 30, 0, TimeSpan.Zero))),
            Doc("april", Version(EnGb, "Talks in Baghdad.", publishedAt: new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero))));

        List<string> Between(DateOnly? from, DateOnly? to) =>
            [.. _index.Search(new SearchQuery("Baghdad", null, From: from, To: to), Now).Hits.Select(h => h.Slug).Order()];

        Assert.Equal(["april"], Between(new DateOnly(2024, 4, 1), null));
        Assert.Equal(["march"], Between(null, new DateOnly(2024, 3, 31)));
        Assert.Equal(["april", "march"], Between(new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 1)));
        Assert.Empty(Between(new DateOnly(2024, 4, 2), null));
    }

    [Fact]
    public async Task Search_SecondPage_GivesSecondHitAndSameTotal()
    {
        await IndexAsync(
            Doc("first", Version(EnGb, "Kirkuk Kirkuk Kirkuk.", "Kirkuk")),
            Doc("second", Version(EnGb, "A report that mentions Kirkuk once among many other words here.")));

        var page1 = _index.Search(new SearchQuery("Kirkuk", null, 1, 1), Now);
        var page2 = _index.Search(new SearchQuery("Kirkuk", null, 2, 1), Now);
        var page3 = _index.Search(new SearchQuery("Kirkuk", null, 3, 1), Now);

        Assert.Equal("first", Assert.Single(page1.Hits).Slug);
        Assert.Equal("second", Assert.Single(page2.Hits).Slug);
        Assert.Empty(page3.Hits);
        Assert.Equal([2, 2, 2], new[] { page1.Total, page2.Total, page3.Total });
    }

    [Fact]
    public async Task Search_Hit_ListsEveryPublicLanguageOfItsDocument()
    {
        await IndexAsync(Doc(
            "three",
            Version(RuRu, "Переговоры в Багдаде.", "Багдад"),
            Version(EnGb, "Talks in Baghdad.", "Baghdad"),
            Version(LanguageTag.Parse("fr-FR"), "Brouillon.", state: VersionState.Draft)));

        var hit = Assert.Single(Search("Baghdad", EnGb).Hits);

        Assert.Equal("three", hit.Slug);
        Assert.Equal("Baghdad", hit.Title);
        Assert.Equal(Published, hit.PublishedAt);
        Assert.Equal([EnGb, RuRu], hit.Languages.Order());
    }

    // Generation, reopening, rebuilding

    [Fact]
    public async Task UpdateAsync_WithGeneration_IsInStepWithThatGenerationOnly()
    {
        await _index.UpdateAsync([Doc("a", Version(EnGb, "Kirkuk"))], Now, storeGeneration: 7);

        Assert.True(_index.IsInStepWith(7));
        Assert.False(_index.IsInStepWith(8));
    }

    [Fact]
    public async Task Open_AfterCommit_KeepsGenerationAndAsOf()
    {
        await _index.UpdateAsync([Doc("a", Version(EnGb, "Kirkuk"))], Now, storeGeneration: 7);
        _index.Dispose();

        _index = LuceneSearchIndex.Open(IndexFolder);

        Assert.True(_index.IsCompatible);
        Assert.Equal(7, _index.Generation);
        Assert.Equal(Now, _index.AsOf);
        Assert.True(_index.IsInStepWith(7));
        Assert.Equal(["a"], Slugs("Kirkuk"));
    }

    [Fact]
    public async Task UpdateAsync_WithoutGeneration_KeepsThePreviousOne()
    {
        await _index.UpdateAsync([Doc("a", Version(EnGb, "Kirkuk"))], Now, storeGeneration: 7);
        await _index.UpdateAsync([Doc("b", Version(EnGb, "Kirkuk"))], Now.AddMinutes(1));

        Assert.True(_index.IsInStepWith(7));
        Assert.Equal(Now.AddMinutes(1), _index.AsOf);
        Assert.Equal(2, Search("Kirkuk").Total);
    }

    [Fact]
    public void Open_FreshFolder_IsNotCompatibleUntilFirstCommit()
    {
        Assert.False(_index.IsCompatible);
        Assert.Null(_index.Generation);
        Assert.Null(_index.AsOf);
        Assert.False(_index.IsInStepWith(0));
    }

    [Fact]
    public async Task UpdateAsync_FirstCommit_MakesIndexCompatible()
    {
        await _index.UpdateAsync([], Now, storeGeneration: 0);

        Assert.True(_index.IsCompatible);
        Assert.True(_index.IsInStepWith(0));
    }

    [Fact]
    public async Task RebuildAsync_ReplacesEverything()
    {
        await IndexAsync(Doc("old", Version(EnGb, "Kirkuk old")), Doc("kept", Version(EnGb, "Kirkuk kept")));

        await _index.RebuildAsync(Stream(Doc("kept", Version(EnGb, "Kirkuk kept")), Doc("new", Version(EnGb, "Kirkuk new"))), Now, storeGeneration: 12);

        Assert.Equal(["kept", "new"], Slugs("Kirkuk").Order());
        Assert.Equal(0, Search("old").Total);
        Assert.True(_index.IsInStepWith(12));
        Assert.Equal(2, _index.Count());
    }

    [Fact]
    public async Task RebuildAsync_ReportsProgress()
    {
        var reported = new List<int>();
        var progress = new SynchronousProgress(reported.Add);

        await _index.RebuildAsync(Stream(Doc("a", Version(EnGb, "one")), Doc("b", Version(EnGb, "two"))), Now, 1, progress);

        Assert.Equal(2, reported[^1]);
    }

    // Updates

    [Fact]
    public async Task UpdateAsync_VersionNoLongerPublic_IsRemoved()
    {
        await IndexAsync(Doc("doc", Version(RuRu, "Переговоры в Багдаде."), Version(EnGb, "Talks in Baghdad.")));
        Assert.Equal(1, Search("Baghdad", EnGb).Total);

        await IndexAsync(Doc("doc", Version(RuRu, "Переговоры в Багдаде."), Version(EnGb, "Talks in Baghdad.", state: VersionState.Draft)));

        Assert.Equal(0, Search("Baghdad", EnGb).Total);
        var russian = Assert.Single(Search("Багдад", RuRu).Hits);
        Assert.Equal([RuRu], russian.Languages);
    }

    [Fact]
    public async Task UpdateAsync_ChangedBody_ReplacesOldText()
    {
        await IndexAsync(Doc("doc", Version(EnGb, "Talks in Baghdad.")));

        await IndexAsync(Doc("doc", Version(EnGb, "Talks in Mosul.")));

        Assert.Equal(0, Search("Baghdad").Total);
        Assert.Equal(["doc"], Slugs("Mosul"));
        Assert.Equal(1, _index.Count());
    }

    [Fact]
    public async Task UpdateAsync_OtherDocuments_AreLeftAlone()
    {
        await IndexAsync(Doc("a", Version(EnGb, "Talks in Baghdad.")));

        await IndexAsync(Doc("b", Version(EnGb, "Talks in Baghdad too.")));

        Assert.Equal(["a", "b"], Slugs("Baghdad").Order());
    }

    private static async IAsyncEnumerable<Document> Stream(params Document[] documents)
    {
        foreach (var document in documents)
        {
            await Task.Yield();
            yield return document;
        }
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
