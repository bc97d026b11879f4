using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Tests.Infrastructure;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Hexapla.Tests.Search;

/// <summary>Search in each language: inflected forms find their base forms and back, segmentation, folding, stop words.</summary>
public sealed class LanguageSearchTests : IDisposable
{
    private static readonly DateTimeOffset Published = new(2024, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly LuceneSearchIndex _index;

    public LanguageSearchTests() => _index = LuceneSearchIndex.Open(_folder.Combine("index"));

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    private static Document Doc(string slug, string language, string body, string title = "—", VersionState state = VersionState.Published, DateTimeOffset? publishedAt = null) => new()
    {
        Slug = slug,
        OriginalLanguage = LanguageTag.Parse(language),
        Versions =
        [
            new LanguageVersion
            {
                Language = LanguageTag.Parse(language),
                Title = title,
                Body = body,
                State = state,
                PublishedAt = state == VersionState.Draft ? null : publishedAt ?? Published,
            },
        ],
    };

    private List<string> Slugs(string text, string? language) =>
        [.. _index.Search(new SearchQuery(text, language is null ? null : LanguageTag.Parse(language)), Now).Hits.Select(h => h.Slug).Order(StringComparer.Ordinal)];

    /// <summary>An inflected form and its base form (or two forms of one word), in a sentence of the language.</summary>
    public static TheoryData<string, string, string, string> InflectedForms => new()
    {
        // language, a text holding the inflected form, the inflected form, the base form
        { "ar", "أعلنت الحكومة العراقية اليوم عن خطة جديدة", "العراقية", "العراق" },
        { "ar", "التقى الوزير بالمسؤولين في المدارس", "المدارس", "مدارس" },
        { "fa", "وزیر امور خارجه درباره کتاب‌ها سخن گفت", "کتاب‌ها", "کتاب" },
        { "fr", "Les déclarations du ministre ont été publiées hier.", "déclarations", "déclaration" },
        { "fr", "Le ministre a rencontré les représentants de l'État.", "l'État", "état" },
        { "es", "Las negociaciones continuarán la próxima semana en Ginebra.", "negociaciones", "negociación" },
        { "es", "El gobierno anunció nuevas elecciones presidenciales.", "elecciones", "elección" },
        { "de", "Die Verhandlungen zwischen den Regierungen dauern an.", "Verhandlungen", "Verhandlung" },
        { "de", "Die Regierungen der Länder haben zugestimmt.", "Regierungen", "Regierung" },
        { "it", "Le dichiarazioni del governo sono state pubblicate.", "dichiarazioni", "dichiarazione" },
        { "pt", "As declarações do ministro foram divulgadas ontem.", "declarações", "declaração" },
        { "pt-BR", "As eleições municipais acontecem em outubro.", "eleições", "eleição" },
        { "tr", "Türkiye'nin dışişleri bakanı açıklama yaptı.", "Türkiye'nin", "Türkiye" },
        { "tr", "Bakanlıklar yeni kararlar aldı.", "kararlar", "karar" },
        { "ru", "Правительства обеих стран подписали соглашение.", "Правительства", "правительство" },
        { "en", "The governments signed the agreements yesterday.", "agreements", "agreement" },
        { "nl", "De verkiezingen worden volgend jaar gehouden.", "verkiezingen", "verkiezing" },
        { "sv", "Förhandlingarna fortsätter nästa vecka.", "Förhandlingarna", "förhandling" },
        { "nb", "Regjeringene har blitt enige om avtalen.", "Regjeringene", "regjering" },
        { "da", "Regeringerne har underskrevet aftalen.", "Regeringerne", "regering" },
        { "fi", "Kokous pidettiin vanhassa talossa.", "talossa", "talo" },
        { "hu", "A tárgyalások jövő héten folytatódnak.", "tárgyalások", "tárgyalás" },
        { "ro", "Guvernele au semnat acordul ieri.", "Guvernele", "guvern" },
        { "el", "Οι κυβερνήσεις υπέγραψαν τη συμφωνία.", "κυβερνήσεις", "κυβέρνηση" },
        { "bg", "Правителството подписа споразумението.", "Правителството", "правителство" },
        { "cs", "Vlády obou zemí podepsaly dohodu.", "Vlády", "vláda" },
        { "lv", "Valdības pārstāvji parakstīja līgumu.", "Valdības", "valdība" },
        { "hi", "सरकारों ने समझौते पर हस्ताक्षर किए।", "सरकारों", "सरकार" },
        { "id", "Pemerintah mengumumkan pembangunan jalan baru.", "pembangunan", "bangun" },
        { "gl", "As eleccións celebraranse en outubro.", "eleccións", "elección" },
        { "ca", "Les negociacions continuaran la setmana vinent.", "negociacions", "negociació" },
        { "eu", "Gobernuak akordioa sinatu du.", "Gobernuak", "gobernu" },
        { "hy", "Քաղաքները մեծանում են։", "Քաղաքները", "քաղաք" },
        { "ga", "Beidh an cruinniú i mBaile Átha Cliath.", "mBaile", "baile" },
        { "ckb", "حکومەتەکان ڕێککەوتنەکەیان واژۆ کرد", "حکومەتەکان", "حکومەت" },
    };

    [Theory]
    [MemberData(nameof(InflectedForms))]
    public async Task InflectedForm_FindsTheBaseForm_AndTheBaseFormFindsTheInflectedOne(string language, string text, string inflected, string baseForm)
    {
        await _index.UpdateAsync(
        [
            Doc("inflected", language, text),
            Doc("base", language, baseForm),
            Doc("other", language, "Lorem ipsum 12345"),
        ], Now);

        Assert.Equal(["base", "inflected"], Slugs(inflected, language));
        Assert.Equal(["base", "inflected"], Slugs(baseForm, language));
        // A search in every language analyses the words in each family the index holds, this one's among them.
        Assert.Equal(["base", "inflected"], Slugs(baseForm, null));
    }

    [Theory]
    [MemberData(nameof(InflectedForms))]
    public async Task InflectedForm_UnpublishedAndEmbargoedTexts_AreNeverFound(string language, string text, string inflected, string baseForm)
    {
        await _index.UpdateAsync(
        [
            Doc("public", language, text),
            Doc("draft", language, text, state: VersionState.Draft),
            Doc("in-review", language, $"{baseForm} {text}", state: VersionState.InReview),
            Doc("embargoed", language, $"{baseForm} {text}", publishedAt: Now.AddDays(2)),
        ], Now);

        Assert.Equal(["public"], Slugs(inflected, language));
        Assert.Equal(["public"], Slugs(baseForm, language));
        Assert.Equal(["public"], Slugs(baseForm, null));
    }

    [Fact]
    public async Task French_AccentsFolded_AReaderTypingWithoutThemFindsTheText()
    {
        await _index.UpdateAsync(
        [
            Doc("fr", "fr-FR", "Les déclarations du ministère des Affaires étrangères."),
            Doc("es", "es", "La declaración del Ministerio de Relaciones Exteriores sobre la negociación."),
            Doc("pt", "pt-BR", "As declarações do ministério sobre as eleições."),
        ], Now);

        Assert.Equal(["fr"], Slugs("declaration ministere etrangeres", "fr-FR"));
        Assert.Equal(["fr"], Slugs("déclaration ministère étrangère", "fr-FR"));
        Assert.Equal(["es"], Slugs("declaracion negociacion", "es"));
        Assert.Equal(["pt"], Slugs("declaracao ministerio eleicao", "pt-BR"));
    }

    [Fact]
    public async Task German_Eszett_And_Umlauts_FoldedBothWays()
    {
        await _index.UpdateAsync([Doc("de", "de", "Die Straße vor dem Außenministerium wurde gesperrt.")], Now);

        Assert.Equal(["de"], Slugs("Strasse", "de"));
        Assert.Equal(["de"], Slugs("aussenministerium", "de"));
    }

    [Fact]
    public async Task Turkish_DotlessAndDottedI_LowercasedTheTurkishWay()
    {
        await _index.UpdateAsync([Doc("tr", "tr", "İSTANBUL'DA TOPLANTI YAPILDI")], Now);

        // "İ" lowercases to "i" and "I" to "ı" in Turkish; invariant lowercasing would make "i̇stanbul" and "toplanti".
        Assert.Equal(["tr"], Slugs("istanbul", "tr"));
        Assert.Equal(["tr"], Slugs("toplantı", "tr"));
    }

    [Fact]
    public async Task Arabic_DiacriticsAndAlefForms_AreNormalised()
    {
        await _index.UpdateAsync([Doc("ar", "ar", "أكَّدَ الرَّئِيسُ على أهمية الحوار")], Now);

        // Without the harakat, and with a bare alef for alef with hamza.
        Assert.Equal(["ar"], Slugs("اكد الرئيس", "ar"));
        Assert.Equal(["ar"], Slugs("أهميه", "ar"));
    }

    [Fact]
    public async Task Persian_ArabicKafAndYeh_FindPersianText()
    {
        await _index.UpdateAsync([Doc("fa", "fa", "سخنگوی وزارت امور خارجه ایران")], Now);

        // The Arabic kaf (ك) and yeh (ي) a reader's keyboard may type, for the Persian keheh (ک) and yeh (ی).
        Assert.Equal(["fa"], Slugs("سخنگوي", "fa"));
        Assert.Equal(["fa"], Slugs("ايران", "fa"));
    }

    [Fact]
    public async Task Chinese_TwoCharacterWord_FindsTheDocument_ButNotAcrossAWordBoundary()
    {
        await _index.UpdateAsync(
        [
            Doc("statement", "zh-CN", "中国政府今天发表声明，呼吁各方保持克制。"),
            Doc("research", "zh-CN", "他们正在研究生命的起源。"),
        ], Now);

        Assert.Equal(["statement"], Slugs("政府", "zh-CN"));
        Assert.Equal(["statement"], Slugs("声明", "zh-CN"));
        Assert.Equal(["research"], Slugs("研究", "zh-CN"));
        Assert.Equal(["research"], Slugs("生命", "zh-CN"));
        // 研究 + 生命: bigrams would index 究生 and find it; word segmentation does not.
        Assert.Empty(Slugs("究生", "zh-CN"));
        // 发表 + 声明: likewise 表声.
        Assert.Empty(Slugs("表声", "zh-CN"));
    }

    [Fact]
    public async Task Chinese_SimplifiedTagsGoToSmartCn_TraditionalOnesToBigrams()
    {
        Assert.Equal("zh", LanguageAnalyzers.Family(LanguageTag.Parse("zh")));
        Assert.Equal("zh", LanguageAnalyzers.Family(LanguageTag.Parse("zh-CN")));
        Assert.Equal("zh", LanguageAnalyzers.Family(LanguageTag.Parse("zh-Hans-SG")));
        Assert.Equal("cjk", LanguageAnalyzers.Family(LanguageTag.Parse("zh-Hant")));
        Assert.Equal("cjk", LanguageAnalyzers.Family(LanguageTag.Parse("zh-TW")));
        Assert.Equal("cjk", LanguageAnalyzers.Family(LanguageTag.Parse("zh-HK")));
        Assert.Equal("zh", LanguageAnalyzers.Family(LanguageTag.Parse("zh-Hans-HK")));

        await _index.UpdateAsync([Doc("tw", "zh-TW", "中華民國外交部今天發表聲明。")], Now);

        Assert.Equal(["tw"], Slugs("外交", "zh-TW"));
        Assert.Equal(["tw"], Slugs("聲明", "zh-TW"));
    }

    [Fact]
    public async Task Thai_WordsSegmented_AWordFindsTheTextItIsIn()
    {
        await _index.UpdateAsync(
        [
            Doc("meeting", "th", "การประชุมสหประชาชาติจะจัดขึ้นที่กรุงเทพมหานคร"),
            Doc("other", "th", "ประเทศไทยมีประชากรมาก"),
        ], Now);

        Assert.Equal(["meeting"], Slugs("ประชุม", "th"));
        Assert.Equal(["meeting"], Slugs("สหประชาชาติ", "th"));
        Assert.Equal(["other"], Slugs("ประชากร", "th"));
    }

    [Theory]
    [InlineData("ja", "東京都で会議が開かれた。", "東京")]
    [InlineData("ko", "대한민국 정부는 오늘 성명을 발표했다.", "정부")]
    public async Task JapaneseAndKorean_KeepBigrams(string language, string text, string query)
    {
        await _index.UpdateAsync([Doc("doc", language, text)], Now);

        Assert.Equal("cjk", LanguageAnalyzers.Family(LanguageTag.Parse(language)));
        Assert.Equal(["doc"], Slugs(query, language));
    }

    [Theory]
    [InlineData("en", "The Ｇ２０ summit opened in Ｒｉｏ.", "G20 rio")]
    [InlineData("zh-CN", "Ｇ２０峰会在里约开幕。", "G20")]
    [InlineData("ja", "ｻﾐｯﾄが開かれた。", "サミット")]
    [InlineData("ar", "قمة Ｇ２０ في ريو", "g20")]
    public async Task FullWidthAndHalfWidthForms_AreFolded(string language, string text, string query)
    {
        await _index.UpdateAsync([Doc("doc", language, text)], Now);

        Assert.Equal(["doc"], Slugs(query, language));
    }

    [Theory]
    [InlineData("en", "To be or not to be, that is the question.", "to be or not to be")]
    [InlineData("en", "To be or not to be, that is the question.", "the")]
    [InlineData("fr", "Il était une fois, dans un pays lointain.", "il était une")]
    [InlineData("es", "De la ciudad y de los pueblos.", "de la")]
    [InlineData("ru", "И вот он пришёл.", "и вот он")]
    [InlineData("ar", "في هذا اليوم من الأيام", "في هذا")]
    [InlineData("de", "Die und der oder das.", "die und der")]
    [InlineData("zh-CN", "他说：“我们的的确确来了。”", "的")]
    public async Task StopWordsOnly_QueryStillFindsTheText(string language, string text, string query)
    {
        await _index.UpdateAsync([Doc("doc", language, text), Doc("other", language, "Lorem ipsum 12345")], Now);

        Assert.Equal(["doc"], Slugs(query, language));
        Assert.Equal(["doc"], Slugs(query, null));
    }

    [Fact]
    public async Task StopWords_NotMarkedInSnippets_WhenTheQueryHasOtherWords()
    {
        await _index.UpdateAsync([Doc("doc", "en-GB", "The war ended in the spring, and the talks began in the summer.")], Now);

        var withOthers = Assert.Single(_index.Search(new SearchQuery("the war", LanguageTag.Parse("en-GB")), Now).Hits).SnippetHtml;
        var alone = Assert.Single(_index.Search(new SearchQuery("the", LanguageTag.Parse("en-GB")), Now).Hits).SnippetHtml;

        Assert.Contains("<mark>war</mark>", withOthers, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>the</mark>", withOthers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<mark>the</mark>", alone, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Snippets_MarkTheInflectedWords_InArabicAndChinese()
    {
        await _index.UpdateAsync(
        [
            Doc("ar", "ar", "أعلنت الحكومة العراقية اليوم عن خطة جديدة"),
            Doc("zh", "zh-CN", "中国政府今天发表声明，呼吁各方保持克制。"),
        ], Now);

        Assert.Contains("<mark>العراقية</mark>", Assert.Single(_index.Search(new SearchQuery("العراق", LanguageTag.Parse("ar")), Now).Hits).SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("<mark>政府</mark>", Assert.Single(_index.Search(new SearchQuery("政府", LanguageTag.Parse("zh-CN")), Now).Hits).SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLanguageWithAStemmer_HasItsOwnFamily_AndTheRestShareTheGenericOne()
    {
        string[] own = ["ar", "bg", "ca", "ckb", "cs", "da", "de", "el", "en", "es", "eu", "fa", "fi", "fr", "ga", "gl", "hi", "hu", "hy", "id", "it", "lv", "nl", "pt", "ro", "ru", "sv", "th", "tr", "zh"];
        foreach (var language in own)
        {
            Assert.Equal(language, LanguageAnalyzers.Family(LanguageTag.Parse(language)));
        }

        Assert.Equal("pt", LanguageAnalyzers.Family(LanguageTag.Parse("pt-BR")));
        Assert.Equal("pt", LanguageAnalyzers.Family(LanguageTag.Parse("pt-PT")));
        Assert.Equal("no", LanguageAnalyzers.Family(LanguageTag.Parse("nb")));
        Assert.Equal("no", LanguageAnalyzers.Family(LanguageTag.Parse("nn")));
        Assert.Equal("xx", LanguageAnalyzers.Family(LanguageTag.Parse("br")));
        Assert.Equal("xx", LanguageAnalyzers.Family(LanguageTag.Parse("uk")));
        Assert.Equal("xx", LanguageAnalyzers.Family(LanguageTag.Parse("vi")));
        Assert.Equal(LanguageAnalyzers.Families.Count, LanguageAnalyzers.Families.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Generic_Family_FoldsAccents_AsBefore()
    {
        await _index.UpdateAsync([Doc("vi", "vi", "Hội nghị thượng đỉnh tại Hà Nội"), Doc("pl", "pl", "Spotkanie w Łodzi")], Now);

        Assert.Equal(["vi"], Slugs("ha noi", "vi"));
        Assert.Equal(["pl"], Slugs("lodzi", "pl"));
    }

    [Fact]
    public async Task IndexWrittenWithThePreviousAnalysis_IsNotCompatible_SoItIsRebuiltAtStart()
    {
        var folder = _folder.Combine("old-index");
        using (var directory = FSDirectory.Open(folder))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LanguageAnalyzers.Version, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.AddDocument([new Lucene.Net.Documents.StringField("slug", "old", Lucene.Net.Documents.Field.Store.YES)]);
            writer.SetCommitData(new Dictionary<string, string> { ["hexapla.analysis"] = "hexapla-analysis-2", ["hexapla.generation"] = "5" });
            writer.Commit();
        }

        using var index = LuceneSearchIndex.Open(folder);

        Assert.NotEqual("hexapla-analysis-2", LanguageAnalyzers.Signature);
        Assert.False(index.IsCompatible);
        Assert.False(index.IsInStepWith(5));
    }

    [Fact]
    public void Normalize_MapsOneCharacterToOne_ButTheSoftHyphen_InEveryFamily()
    {
        const string text = "a\u2013b \u00ABc\u00BB d\u2019e ё \u200Cf";
        foreach (var family in LanguageAnalyzers.Families)
        {
            var normalized = LanguageAnalyzers.Normalize(text, family);
            Assert.Equal(text.Length, normalized.Length);
            Assert.Equal(text.Length, LanguageAnalyzers.Normalize(text + "\u00AD", family).Length);
        }

        Assert.Contains("е ", LanguageAnalyzers.Normalize(text, "ru"), StringComparison.Ordinal);
        Assert.Contains("  f", LanguageAnalyzers.Normalize(text, "fa"), StringComparison.Ordinal);
    }

    [Fact]
    public void Analysis_WithAndWithoutTheCharacterFilter_GivesTheSameTerms()
    {
        using var filtered = LanguageAnalyzers.Create();
        using var unfiltered = LanguageAnalyzers.CreateForNormalizedText();
        const string text = "L\u2019État’s «déclarations» — Türkiye\u2019nin کتاب\u200Cها ёлка 中国政府发表声明 การประชุม";
        foreach (var family in LanguageAnalyzers.Families)
        {
            var field = LanguageAnalyzers.BodyField(family);
            Assert.Equal(Terms(filtered, field, text), Terms(unfiltered, field, LanguageAnalyzers.Normalize(text, family)));
        }
    }

    private static List<string> Terms(Lucene.Net.Analysis.Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
