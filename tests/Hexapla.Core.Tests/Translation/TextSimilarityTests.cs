using System.Text;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;

namespace Hexapla.Tests.Translation;

/// <summary>The memory's fuzzy score in scripts with and without spaces between words.</summary>
public sealed class TextSimilarityTests
{
    private const string Chinese = "联合国秘书长呼吁各方保持克制，通过对话解决分歧。";
    private const string ChineseOneCharacterChanged = "联合国秘书长呼吁双方保持克制，通过对话解决分歧。";
    private const string ChineseUnrelated = "今年冬天面包价格大幅上涨，居民对此表示十分不满。";

    [Fact]
    public void Score_ChineseSentenceWithOneCharacterChanged_IsHigh_AndAnUnrelatedOneLow()
    {
        Assert.True(TextSimilarity.Score(Chinese, ChineseOneCharacterChanged) >= 0.9, $"{TextSimilarity.Score(Chinese, ChineseOneCharacterChanged)}");
        Assert.True(TextSimilarity.Score(Chinese, ChineseUnrelated) < 0.3, $"{TextSimilarity.Score(Chinese, ChineseUnrelated)}");
        Assert.True(TextSimilarity.Score(Chinese, ChineseOneCharacterChanged, 0.7) >= 0.9);
        Assert.True(TextSimilarity.Score(Chinese, ChineseUnrelated, 0.7) < 0.7);
    }

    [Fact]
    public void Score_LongChineseParagraphWithOneCharacterChanged_IsStillHigh()
    {
        // Beyond 2,000 characters only the word level is computed: Chinese words are its characters, so one changed
        // character in a long paragraph costs one word of some 2,500, not the whole paragraph.
        var paragraph = LongChinese();
        Assert.True(paragraph.Length > 2000);
        var changed = string.Concat(paragraph.AsSpan(0, 1000), "双", paragraph.AsSpan(1001));
        Assert.True(TextSimilarity.Score(paragraph, changed) > 0.99, $"{TextSimilarity.Score(paragraph, changed)}");
        Assert.True(TextSimilarity.Score(paragraph, changed, 0.7) > 0.99);
    }

    [Fact]
    public void Score_JapaneseAndThai_AreScoredOnCharacters()
    {
        var japanese = Repeat("政府は新しい経済対策を発表し、来週から実施すると述べた。", 50);
        var japaneseChanged = string.Concat(japanese.AsSpan(0, 700), "旧", japanese.AsSpan(701));
        Assert.True(TextSimilarity.Score(japanese, japaneseChanged) > 0.99);

        var thai = Repeat("รัฐบาลประกาศมาตรการทางเศรษฐกิจใหม่ในวันนี้ ", 60);
        var thaiChanged = thai.Replace("วันนี้", "วันนั้น", StringComparison.Ordinal)[..thai.Length];
        Assert.True(TextSimilarity.Score(thai, thaiChanged) > 0.9, $"{TextSimilarity.Score(thai, thaiChanged)}");
    }

    [Fact]
    public void Words_SplitSpacelessScriptsIntoCharacters_AndKeepLatinWordsWhole()
    {
        Assert.Equal(["iPhone", "发", "布", "了", "G20", "峰", "会", "。"], TextSimilarity.Words("iPhone发布了 G20峰会。"));
        Assert.Equal(["The", "talks", "resume."], TextSimilarity.Words("The  talks\tresume."));
        Assert.Equal(["ที่", "นี่"], TextSimilarity.Words("ที่นี่"));
        Assert.Equal(["𠀀", "字"], TextSimilarity.Words("𠀀字"));
    }

    [Fact]
    public void Score_SpacedScripts_AreScoredOnWordsAsBefore()
    {
        // One word of six changed: at least 5/6 (the characters may say more), and a long paragraph the same on words alone.
        Assert.True(TextSimilarity.Score("The talks resume in Geneva today.", "The talks resume in Vienna today.") >= 5.0 / 6);
        var english = string.Concat(Enumerable.Repeat("The talks resume in Geneva today. ", 70));
        var changed = string.Concat(english.AsSpan(0, 1000), "X", english.AsSpan(1001));
        Assert.Equal(1 - (1.0 / 420), TextSimilarity.Score(english, changed), 6);
        Assert.True(TextSimilarity.Score("أعلنت الحكومة عن إجراءات اقتصادية جديدة اليوم.", "أعلنت الحكومة عن إجراءات مالية جديدة اليوم.") >= 0.8);
        Assert.True(TextSimilarity.Score("أعلنت الحكومة عن إجراءات اقتصادية جديدة اليوم.", "ارتفعت أسعار الخبز بشكل حاد في الشتاء الماضي.") < 0.5);
    }

    [Fact]
    public async Task FindMatches_ChineseMemory_FindsTheSentenceWithOneCharacterChanged_AndNotTheUnrelatedOne()
    {
        using var folder = new TempFolder();
        var store = await folder.OpenStoreAsync();
        var zh = LanguageTag.Parse("zh-CN");
        var en = LanguageTag.Parse("en-GB");
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        await store.AddAsync(
        [
            new MemoryUnit(zh, en, Chinese, "The Secretary-General called on all parties to show restraint and resolve differences through dialogue.", "test", at),
            new MemoryUnit(zh, en, ChineseUnrelated, "Bread prices rose sharply this winter, and residents are very unhappy.", "test", at),
        ]);

        var match = Assert.Single(await store.FindMatchesAsync(zh, en, ChineseOneCharacterChanged));
        Assert.Equal(Chinese, match.Unit.Source);
        Assert.True(match.Score >= 0.9);
    }

    private static string LongChinese()
    {
        var text = new StringBuilder();
        for (var i = 1; text.Length <= 2400; i++)
        {
            text.Append('第').Append(i).Append("条：各国应当遵守《联合国宪章》的宗旨和原则，尊重彼此的主权和领土完整，通过和平方式解决国际争端。");
        }

        return text.ToString();
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
}
