using System.Text;
using Hexapla.Interchange;
using Hexapla.Interchange.Markdown;
using Hexapla.Languages;

namespace Hexapla.Tests.Languages;

/// <summary>Detection past Markdown and HTML markup, among the six UN languages and their European neighbours, and unsure when it should be.</summary>
public sealed class LanguageDetectorMarkupTests
{
    private const string Spanish =
        "El Gobierno anunció ayer nuevas medidas para reducir el precio de la energía. Según el ministro, las ayudas " +
        "llegarán a los hogares más vulnerables antes del invierno y no habrá más subidas de impuestos este año.";

    private const string Portuguese =
        "O Governo anunciou ontem novas medidas para reduzir o preço da energia. Segundo o ministro, os apoios " +
        "chegarão às famílias mais vulneráveis antes do inverno e não haverá mais aumentos de impostos este ano.";

    private const string Italian =
        "Il Governo ha annunciato ieri nuove misure per ridurre il prezzo dell'energia. Secondo il ministro, gli aiuti " +
        "arriveranno alle famiglie più vulnerabili prima dell'inverno e non ci saranno altri aumenti delle tasse quest'anno.";

    private const string Russian =
        "Министр иностранных дел провёл в Женеве переговоры со своим коллегой. Стороны обсудили положение на Ближнем " +
        "Востоке и договорились продолжить консультации, которые, по словам министра, были весьма полезными.";

    private const string Ukrainian =
        "Міністр закордонних справ провів у Женеві переговори зі своїм колегою. Сторони обговорили становище на Близькому " +
        "Сході та домовилися продовжити консультації, які, за словами міністра, були дуже корисними.";

    private static readonly LanguageTag ZhCn = LanguageTag.Parse("zh-CN");
    private static readonly LanguageTag PtPt = LanguageTag.Parse("pt-PT");
    private static readonly LanguageTag EnGb = LanguageTag.Parse("en-GB");

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Detection", name), Encoding.UTF8);

    [Fact]
    public void Detect_ChineseReadmeFullOfMarkdownAndHtml_IsChinese()
    {
        var readme = Fixture("zh-CN-README.md");

        var bare = LanguageDetector.Detect(readme, []);
        Assert.Equal("zh", bare.Language?.Value);
        Assert.False(bare.IsUnsure);
        Assert.True(bare.Confidence >= 0.9, $"{bare.Confidence}: {bare.Reason}");

        // Among the languages a site publishes, too: Portuguese is not what markup makes of it.
        Assert.Same(ZhCn, LanguageDetector.Detect(readme, [EnGb, PtPt, ZhCn]).Language);
    }

    [Fact]
    public void Detect_ChineseReadme_MarkupAloneWouldHaveBeenLatin()
    {
        // What the detector used to read: the Latin letters of the markup outnumber the Chinese characters.
        var readme = Fixture("zh-CN-README.md");
        var latin = readme.Count(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'));
        var han = readme.Count(c => c is >= '\u4E00' and <= '\u9FFF');
        Assert.True(latin > 3 * han, $"{latin} Latin letters, {han} Han characters");
    }

    [Fact]
    public void Import_ChineseReadmeWithoutLang_IsChinese()
    {
        var file = new ImportFile("README.md", Encoding.UTF8.GetBytes(Fixture("zh-CN-README.md")));

        Assert.Equal("zh", FrontMatterReader.Read(file, new ImportOptions()).Language.Value);
    }

    [Fact]
    public void Import_BodyInNoClearLanguage_IsRefusedWithTheReason_NotGuessed()
    {
        var file = new ImportFile("nota.md", Encoding.UTF8.GetBytes("---\ntitle: Nota\n---\nA casa de la cultura, a sede de la sociedade.\n"));

        var error = Assert.Throws<ImportException>(() => FrontMatterReader.Read(file, new ImportOptions()));
        Assert.Contains("nota.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot tell the language", error.Message, StringComparison.Ordinal);
        Assert.Contains("lang", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Spanish, "es")]
    [InlineData(Portuguese, "pt")]
    [InlineData(Italian, "it")]
    [InlineData(Russian, "ru")]
    [InlineData(Ukrainian, "uk")]
    public void Detect_CloseNeighbours_AreToldApart(string text, string expected)
    {
        var result = LanguageDetector.Detect(text, []);

        Assert.Equal(expected, result.Language?.Value);
        Assert.True(result.Confidence > 0.2, $"{result.Confidence}: {result.Reason}");
    }

    [Theory]
    [InlineData("Die Regierung hat am Dienstag neue Maßnahmen beschlossen, die den Preis für Energie senken sollen. Nach Angaben des Ministers werden die Hilfen noch vor dem Winter bei den Haushalten ankommen.", "de")]
    [InlineData("De regering heeft dinsdag nieuwe maatregelen aangekondigd om de prijs van energie te verlagen. Volgens de minister zullen de huishoudens de steun nog voor de winter ontvangen.", "nl")]
    [InlineData("Rząd ogłosił we wtorek nowe środki, które mają obniżyć ceny energii. Według ministra pomoc trafi do gospodarstw domowych jeszcze przed zimą, a podatki nie wzrosną.", "pl")]
    [InlineData("Le gouvernement a annoncé mardi de nouvelles mesures pour réduire le prix de l'énergie. Selon le ministre, les aides arriveront dans les foyers les plus modestes avant l'hiver.", "fr")]
    [InlineData("The government announced new measures on Tuesday to bring down the price of energy. According to the minister, the help will reach the households that need it most before the winter.", "en")]
    [InlineData("أعلنت الحكومة يوم الثلاثاء عن إجراءات جديدة لخفض أسعار الطاقة، وقال الوزير إن المساعدات ستصل إلى الأسر الأكثر حاجة قبل الشتاء.", "ar")]
    [InlineData("政府周二宣布了降低能源价格的新措施。部长表示，援助将在冬季之前送达最需要帮助的家庭。", "zh")]
    [InlineData("政府は火曜日、エネルギー価格を引き下げるための新たな対策を発表した。大臣によると、支援は冬までに最も必要としている世帯に届くという。", "ja")]
    [InlineData("सरकार ने मंगलवार को ऊर्जा की कीमतें कम करने के लिए नए उपायों की घोषणा की। मंत्री ने कहा कि सहायता सर्दियों से पहले परिवारों तक पहुंच जाएगी।", "hi")]
    public void Detect_NewsParagraph_InEachLanguage(string text, string expected)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text, []).Language?.Value);
    }

    [Fact]
    public void Detect_FrenchWithManyEnglishUrls_IsFrench()
    {
        const string text = """
            Le rapport annuel est disponible sur https://www.example.org/reports/annual-report-the-state-of-the-world-2026.pdf
            et sa synthèse sur <https://www.example.org/news/the-summary-of-the-report-for-the-press-and-the-public>.
            Pour toute question, écrivez à press-office@example.org ou consultez [la page des contacts](https://www.example.org/about/the-contacts-of-the-press-office-and-the-team).
            Les données sont publiées sous licence ouverte : https://data.example.org/datasets/the-open-data-of-the-report-with-all-the-tables-and-the-maps
            """;

        var result = LanguageDetector.Detect(text, []);

        Assert.Equal("fr", result.Language?.Value);
    }

    [Fact]
    public void Detect_EnglishMarkdownWithHtmlAndCode_IsEnglish_AndRussianCodeCommentsDoNotCount()
    {
        const string text = """
            ---
            title: Заявление
            lang: ru
            ---
            # Installing the site

            Run the following commands and then open the page in your browser:

            ```sh
            # Установите зависимости и запустите сервер, который слушает порт восемьдесят
            npm install && npm start
            ```

            <p class="note" title="Примечание для разработчиков">The server needs a recent version of the runtime.</p>
            """;

        Assert.Equal("en", LanguageDetector.Detect(text, []).Language?.Value);
    }

    [Theory]
    [InlineData("Ирак сегодня")]
    [InlineData("Hello")]
    [InlineData("Plan de acción")]
    [InlineData("中国")]
    [InlineData("https://www.example.org/the-report-of-the-year")]
    [InlineData("```\nconsole.log('hello world, this is the code of the example');\n```")]
    public void Detect_ShortOrMarkupOnlyText_IsUnsure(string text)
    {
        var result = LanguageDetector.Detect(text, []);

        Assert.True(result.IsUnsure, $"{result.Language}: {result.Reason}");
        Assert.Equal(0, result.Confidence);
        Assert.NotEmpty(result.Reason);
    }

    [Fact]
    public void Detect_TextThatFitsSpanishAndPortugueseAlike_IsUnsure()
    {
        // Words both languages write the same way: nothing tells them apart.
        var result = LanguageDetector.Detect("A casa de la cultura, a sede de la sociedade.", []);

        Assert.True(result.IsUnsure, $"{result.Language}: {result.Reason}");
    }

    [Fact]
    public void Detect_ChineseWithAStrayKana_IsChinese_AndJapaneseHeadlineIsJapanese()
    {
        Assert.Equal("zh", LanguageDetector.Detect("我们在东京的の字招牌下见面，讨论了明年的合作计划和预算。", []).Language?.Value);
        Assert.Equal("ja", LanguageDetector.Detect("日本政府、新たな経済対策を閣議決定", []).Language?.Value);
    }

    [Fact]
    public void Detect_JapaneseTextAmongChineseAndJapaneseCandidates_IsJapanese()
    {
        var ja = LanguageTag.Parse("ja-JP");

        Assert.Same(ja, LanguageDetector.Detect("政府は新しい経済対策を発表しました。", [ZhCn, ja]).Language);
        Assert.Same(ZhCn, LanguageDetector.Detect("政府宣布了新的经济措施。", [ZhCn, ja]).Language);
    }

    [Fact]
    public void Detect_SimplifiedAndTraditionalChinese_ChooseTheirCandidate()
    {
        var zhTw = LanguageTag.Parse("zh-TW");
        var zhHant = LanguageTag.Parse("zh-Hant");

        Assert.Same(ZhCn, LanguageDetector.Detect("这个国家的经济发展对世界非常重要，我们会继续进行对话。", [ZhCn, zhTw]).Language);
        Assert.Same(zhTw, LanguageDetector.Detect("這個國家的經濟發展對世界非常重要，我們會繼續進行對話。", [ZhCn, zhTw]).Language);
        Assert.Same(zhHant, LanguageDetector.Detect("這個國家的經濟發展對世界非常重要，我們會繼續進行對話。", [LanguageTag.Parse("zh-Hans"), zhHant]).Language);

        // Nothing that differs between the two: unsure, as before.
        Assert.True(LanguageDetector.Detect("和平、合作、友好、共同繁荣。", [ZhCn, zhTw]).IsUnsure);
    }

    [Fact]
    public void ProseOf_LeavesOutMarkupAndKeepsTheText()
    {
        var prose = MarkupStripper.ProseOf(
            "[![npm](https://img.shields.io/npm/v/x.svg)](https://npm.im/x) <a href=\"https://a.example\" title=\"t\">链接</a> &eacute;t&eacute; `code` [文档][docs] mail@example.org\n[docs]: https://example.org/docs");

        Assert.DoesNotContain("https", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("href", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("code", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("example", prose, StringComparison.Ordinal);
        Assert.Contains("npm", prose, StringComparison.Ordinal);
        Assert.Contains("链接", prose, StringComparison.Ordinal);
        Assert.Contains("été", prose, StringComparison.Ordinal);
        Assert.Contains("文档", prose, StringComparison.Ordinal);
    }
}
