using System.Text;
using Hexapla.Languages;
using Hexapla.Translation;

namespace Hexapla.Tests.Translation;

/// <summary>Sentence splitting in the scripts and punctuation of the six languages and their neighbours.</summary>
public sealed class SentenceSplitterScriptTests
{
    private static IReadOnlyList<string> Split(string text, string language) => SentenceSplitter.Split(text, LanguageTag.Parse(language));

    [Fact]
    public void Split_Chinese_EndsAtFullWidthStopsWithoutSpaces()
    {
        Assert.Equal(
            ["会议于周二在日内瓦举行。", "各方代表出席了会议！", "下一步怎么办？", "双方同意继续磋商。"],
            Split("会议于周二在日内瓦举行。各方代表出席了会议！下一步怎么办？双方同意继续磋商。", "zh-CN"));
    }

    [Fact]
    public void Split_Chinese_ClosingQuotesStayWithTheirSentence()
    {
        Assert.Equal(["他说：“我们同意。”", "随后离开了会场。"], Split("他说：“我们同意。”随后离开了会场。", "zh-CN"));
        Assert.Equal(["她问：「你来吗？」", "我答：『来。』", "然后走了。"], Split("她问：「你来吗？」我答：『来。』然后走了。", "zh-TW"));
        Assert.Equal(["（详见附件。）", "会议结束。"], Split("（详见附件。）会议结束。", "zh"));
    }

    [Fact]
    public void Split_Chinese_SemicolonAndEllipsisEnd_CommasAndNumbersDoNot()
    {
        Assert.Equal(["第一，加强对话与合作；", "第二，扩大人文交流。"], Split("第一，加强对话与合作；第二，扩大人文交流。", "zh"));
        Assert.Equal(["我本想说……", "算了。"], Split("我本想说……算了。", "zh"));
        Assert.Equal(["太好了!", "我们赢了。"], Split("太好了!我们赢了。", "zh"));
        Assert.Equal(["今年经济增长了3.5%，版本2.0已于example.com发布。"], Split("今年经济增长了3.5%，版本2.0已于example.com发布。", "zh"));
        Assert.Equal(["外交部发言人表示。", "Reuters 报道了此事。"], Split("外交部发言人表示。 Reuters 报道了此事。", "zh"));
    }

    [Fact]
    public void Split_Japanese_EndsAtIdeographicStops_ButNotAtAQuotationFollowedByTo()
    {
        Assert.Equal(
            ["政府は新しい対策を発表した。", "詳細は来週公表される。", "「本当ですか？」と記者が尋ねた。"],
            Split("政府は新しい対策を発表した。詳細は来週公表される。「本当ですか？」と記者が尋ねた。", "ja"));
    }

    [Fact]
    public void Split_Arabic_QuestionMarkAndFullStopEnd_CommaAndSemicolonDoNot()
    {
        Assert.Equal(
            ["هل ستحضر الاجتماع؟", "نعم، سأحضر.", "وصل الوفد إلى جنيف؛ ثم بدأت المحادثات."],
            Split("هل ستحضر الاجتماع؟ نعم، سأحضر. وصل الوفد إلى جنيف؛ ثم بدأت المحادثات.", "ar"));
        Assert.Equal(["قال د. أحمد إن المحادثات مستمرة.", "وأضاف أن الوفد سيعود."], Split("قال د. أحمد إن المحادثات مستمرة. وأضاف أن الوفد سيعود.", "ar"));
        Assert.Equal(["بلغ عدد المشاركين ٣٠٠.", "وقال المتحدث، إن العدد سيزيد؟!", "ربما."], Split("بلغ عدد المشاركين ٣٠٠. وقال المتحدث، إن العدد سيزيد؟! ربما.", "ar"));
        Assert.Equal(["یہ اچھا ہے۔", "وہ بھی آئے گا۔"], Split("یہ اچھا ہے۔ وہ بھی آئے گا۔", "ur"));
    }

    [Fact]
    public void Split_Hindi_EndsAtDanda_WithOrWithoutSpace()
    {
        Assert.Equal(["यह पहला वाक्य है।", "डॉ. शर्मा ने कहा।", "फिर बैठक हुई॥"], Split("यह पहला वाक्य है। डॉ. शर्मा ने कहा। फिर बैठक हुई॥", "hi"));
        Assert.Equal(["पहला।", "दूसरा।"], Split("पहला।दूसरा।", "hi"));
    }

    [Fact]
    public void Split_French_GuillemetsAndSpacesBeforePunctuation()
    {
        Assert.Equal(["Il a dit : « Oui ! »", "Puis il est parti."], Split("Il a dit : « Oui ! » Puis il est parti.", "fr-FR"));
        Assert.Equal(
            ["Elle a répondu : «\u00A0Non.\u00A0»", "Ensuite, le silence."],
            Split("Elle a répondu : «\u00A0Non.\u00A0» Ensuite, le silence.", "fr"));
        Assert.Equal(
            ["Vraiment\u00A0?", "Oui, bien sûr\u202F!", "C'est fait."],
            Split("Vraiment\u00A0? Oui, bien sûr\u202F! C'est fait.", "fr"));
        Assert.Equal(
            ["Le ministre l'a rappelé\u00A0: la paix d'abord\u00A0; le reste ensuite\u202F; « Voilà » tout."],
            Split("Le ministre l'a rappelé\u00A0: la paix d'abord\u00A0; le reste ensuite\u202F; « Voilà » tout.", "fr"));
    }

    [Fact]
    public void Split_French_AbbreviationsEndNothing()
    {
        Assert.Equal(
            ["M. Dupont et MM. Martin et Durand sont arrivés.", "Mme Leroy, cf. Annexe 2, les attendait."],
            Split("M. Dupont et MM. Martin et Durand sont arrivés. Mme Leroy, cf. Annexe 2, les attendait.", "fr"));
    }

    [Fact]
    public void Split_Spanish_InvertedMarksOpenSentences_AndAbbreviationsEndNothing()
    {
        Assert.Equal(
            ["El Dr. García y la Sra. López llegaron.", "¿Vendrá el Sr. Pérez?", "¡Claro que sí!", "Hay varios países, p. ej. Francia y Chile."],
            Split("El Dr. García y la Sra. López llegaron. ¿Vendrá el Sr. Pérez? ¡Claro que sí! Hay varios países, p. ej. Francia y Chile.", "es"));
        Assert.Equal(["La delegación viajó a EE. UU. para la cumbre."], Split("La delegación viajó a EE. UU. para la cumbre.", "es-419"));
        Assert.Equal(["En el año 44 a. C. Roma cambió."], Split("En el año 44 a. C. Roma cambió.", "es"));
    }

    [Fact]
    public void Split_Spanish_EnglishAbbreviationThatIsASpanishWord_EndsTheSentence()
    {
        // "no." is an English abbreviation (number) but a Spanish word: in Spanish text it ends the sentence.
        Assert.Equal(["Le dije que no.", "Entonces se fue."], Split("Le dije que no. Entonces se fue.", "es"));
        Assert.Equal(["Le dije que no. Entonces se fue."], SentenceSplitter.Split("Le dije que no. Entonces se fue."));
    }

    [Fact]
    public void Split_Russian_SpacedAbbreviationsEndNothing()
    {
        Assert.Equal(["Он посетил страны СНГ, т. е. Россию и Казахстан."], Split("Он посетил страны СНГ, т. е. Россию и Казахстан.", "ru"));
        Assert.Equal(["На проект выделено 5 млн долл. США.", "Работы начнутся в 2027 г."], Split("На проект выделено 5 млн долл. США. Работы начнутся в 2027 г.", "ru-RU"));
        Assert.Equal(["В V в. до н. э. Афины процветали."], Split("В V в. до н. э. Афины процветали.", "ru"));
    }

    [Fact]
    public void Split_GermanOrdinalsAndAbbreviations_OnlyInGerman()
    {
        Assert.Equal(["Am 3. Oktober feiern wir.", "Das ist z. B. Tradition."], Split("Am 3. Oktober feiern wir. Das ist z. B. Tradition.", "de"));
        Assert.Equal(["It cost 3.", "Then he left."], Split("It cost 3. Then he left.", "en"));
        Assert.Equal(["Il dott. Rossi è arrivato.", "La sig.ra Bianchi no."], Split("Il dott. Rossi è arrivato. La sig.ra Bianchi no.", "it"));
        Assert.Equal(["O Sr. Silva chegou.", "A Sra. Costa também."], Split("O Sr. Silva chegou. A Sra. Costa também.", "pt-BR"));
    }

    [Theory]
    [InlineData("razvitie-situacii-v-irake.en-GB", "en-GB")]
    [InlineData("razvitie-situacii-v-irake.ru-RU", "ru-RU")]
    public void Split_SeedStatement_SplitsAsTheReleaseBeforeDid(string name, string language)
    {
        // The sentences as the splitter of the release before these rules split them (Fixtures/Sentences, one paragraph a
        // line, sentences separated by " ‖ "): the memory already holds pairs cut this way.
        var body = Infrastructure.Fixtures.SeedBody(name + ".txt");
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sentences", name + ".sentences.txt"), Encoding.UTF8);
        var paragraphs = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected.Length, paragraphs.Length);
        for (var i = 0; i < paragraphs.Length; i++)
        {
            Assert.Equal(expected[i].Split(" ‖ "), Split(paragraphs[i], language));
            Assert.Equal(expected[i].Split(" ‖ "), SentenceSplitter.Split(paragraphs[i]));
        }
    }
}
