using Hexapla.Tests.Infrastructure;
using Hexapla.Translation;

namespace Hexapla.Tests.Translation;

public sealed class SentenceAlignmentTests
{
    private static string Paragraph(string seed, int number) =>
        Fixtures.SeedBody(seed).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[number - 1];

    [Fact]
    public void Split_EnglishSentences_EndAtFullStopsBeforeCapitals()
    {
        Assert.Equal(["It rained.", "Was it cold?", "Yes!", "Very."], SentenceSplitter.Split("It rained. Was it cold? Yes! Very."));
    }

    [Fact]
    public void Split_Abbreviations_AndInitials_EndNothing()
    {
        Assert.Equal(
            ["Mr. Smith met Dr. Jones, e.g. at noon.", "J. R. R. Tolkien wrote it."],
            SentenceSplitter.Split("Mr. Smith met Dr. Jones, e.g. at noon. J. R. R. Tolkien wrote it."));
        Assert.Equal(
            ["В 2015 г. В. В. Путин, т.е. президент, выступил.", "Затем — ответ."],
            SentenceSplitter.Split("В 2015 г. В. В. Путин, т.е. президент, выступил. Затем — ответ."));
    }

    [Fact]
    public void Split_AbbreviationsInAnyCase_AndLongWordsEndingInAbbreviations()
    {
        // Case is ignored; a word that only ends like an abbreviation ("Hamburg." after "г") is a word.
        Assert.Equal(["PROF. Smith and Г-ЖА Иванова spoke."], SentenceSplitter.Split("PROF. Smith and Г-ЖА Иванова spoke."));
        Assert.Equal(["They met in Hamburg.", "Then Dr. Li left."], SentenceSplitter.Split("They met in Hamburg. Then Dr. Li left."));
        Assert.Equal(["It is (approx.", "A dozen)."], SentenceSplitter.Split("It is (approx. A dozen)."));
    }

    [Fact]
    public void Split_QuotesAndDashes_StartSentences_AndLowerCaseDoesNot()
    {
        Assert.Equal(["Он сказал: «Да».", "«Нет», — ответили ему."], SentenceSplitter.Split("Он сказал: «Да». «Нет», — ответили ему."));
        Assert.Equal(["Version 2.5 of it. it stays one"], SentenceSplitter.Split("Version 2.5 of it. it stays one"));
        Assert.Equal(["Wait…", "Then go."], SentenceSplitter.Split("Wait… Then go."));
    }

    [Fact]
    public void Split_KeepsTheTextExactly()
    {
        var text = Paragraph(Fixtures.EnglishSeed, 3);
        var sentences = SentenceSplitter.Split(text);
        Assert.Equal(3, sentences.Count);
        Assert.Equal(text, string.Join(' ', sentences));
        Assert.Empty(SentenceSplitter.Split("   "));
    }

    [Fact]
    public void Align_SeedParagraph3_OneToOneThenTwoToOne()
    {
        var english = SentenceSplitter.Split(Paragraph(Fixtures.EnglishSeed, 3));
        var russian = SentenceSplitter.Split(Paragraph(Fixtures.RussianSeed, 3));
        Assert.Equal(3, english.Count);
        Assert.Equal(2, russian.Count);

        var groups = SentenceAligner.Align(english, russian);

        Assert.Equal([new AlignedGroup(0, 1, 0, 1), new AlignedGroup(1, 2, 1, 1)], groups);
        Assert.Equal([new AlignedGroup(0, 1, 0, 1), new AlignedGroup(1, 1, 1, 2)], SentenceAligner.Align(russian, english));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    public void Align_SeedParagraphsWithEqualCounts_AllOneToOne(int number)
    {
        var english = SentenceSplitter.Split(Paragraph(Fixtures.EnglishSeed, number));
        var russian = SentenceSplitter.Split(Paragraph(Fixtures.RussianSeed, number));
        if (english.Count != russian.Count)
        {
            return; // the paragraph differs in count; only equal ones are this test's concern
        }

        var groups = SentenceAligner.Align(english, russian);

        Assert.Equal(Enumerable.Range(0, english.Count).Select(i => new AlignedGroup(i, 1, i, 1)), groups);
    }

    [Fact]
    public void Align_EqualCounts_AllOneToOne()
    {
        string[] source = ["The sky is blue today.", "Birds sing in the tall trees near the river bank.", "We go home."];
        string[] target = ["Небо сегодня голубое.", "Птицы поют на высоких деревьях у берега реки.", "Мы идём домой."];

        Assert.Equal([new AlignedGroup(0, 1, 0, 1), new AlignedGroup(1, 1, 1, 1), new AlignedGroup(2, 1, 2, 1)], SentenceAligner.Align(source, target));
    }

    [Fact]
    public void Align_Empty_IsEmpty_AndOneSideEmpty_IsDeletions()
    {
        Assert.Empty(SentenceAligner.Align([], []));
        Assert.Equal([new AlignedGroup(0, 1, 0, 0)], SentenceAligner.Align(["Alone."], []));
    }

    [Fact]
    public void Similarity_ExactIsOne_OneWordChangedIsHigh_UnrelatedIsLow()
    {
        Assert.Equal(1.0, TextSimilarity.Score("The talks resume in Geneva today.", "The talks  resume in Geneva today."));
        Assert.True(TextSimilarity.Score("The talks resume in Geneva today.", "The talks resume in Vienna today.") >= 0.7);
        Assert.True(TextSimilarity.Score("The talks resume in Geneva today.", "Prices of bread rose sharply last winter.") < 0.5);
    }
}
