using Hexapla.Search;

namespace Hexapla.Tests.Search;

public sealed class QueryTextTests
{
    [Fact]
    public void Parse_Words_GivesOneRequiredPartEach()
    {
        var parsed = QueryText.Parse("  Iraq   Mosul ");

        Assert.Equal([new QueryPart("Iraq", false, false), new QueryPart("Mosul", false, false)], parsed.Parts);
        Assert.True(parsed.HasRequired);
    }

    [Theory]
    [InlineData("\"Middle East\" oil")]
    [InlineData("\u00ABMiddle East\u00BB oil")]
    [InlineData("\u201CMiddle East\u201D oil")]
    [InlineData("\u201EMiddle East\u201C oil")]
    public void Parse_QuotedWords_GivesPhrase(string text)
    {
        var parsed = QueryText.Parse(text);

        Assert.Equal([new QueryPart("Middle East", true, false), new QueryPart("oil", false, false)], parsed.Parts);
    }

    [Fact]
    public void Parse_UnclosedQuote_RunsToTheEnd()
    {
        var parsed = QueryText.Parse("oil \"Middle East");

        Assert.Equal([new QueryPart("oil", false, false), new QueryPart("Middle East", true, false)], parsed.Parts);
    }

    [Fact]
    public void Parse_MinusBeforeWordOrPhrase_Excludes()
    {
        var parsed = QueryText.Parse("Iraq -Turkey -\"Middle East\" \u2212Syria");

        Assert.Equal(
            [
                new QueryPart("Iraq", false, false),
                new QueryPart("Turkey", false, true),
                new QueryPart("Middle East", true, true),
                new QueryPart("Syria", false, true),
            ],
            parsed.Parts);
    }

    [Fact]
    public void Parse_HyphenInsideWord_StaysPartOfTheWord()
    {
        var parsed = QueryText.Parse("intra-Iraqi");

        Assert.Equal([new QueryPart("intra-Iraqi", false, false)], parsed.Parts);
    }

    [Fact]
    public void Parse_OnlyExclusions_HasNoRequiredPart()
    {
        var parsed = QueryText.Parse("-Turkey -Syria");

        Assert.Equal(2, parsed.Parts.Count);
        Assert.False(parsed.HasRequired);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n")]
    [InlineData("(((")]
    [InlineData("\"\"")]
    [InlineData(":*?")]
    public void Parse_NothingUsable_GivesNoParts(string? text)
    {
        Assert.Empty(QueryText.Parse(text).Parts);
    }

    [Fact]
    public void Parse_SyntaxCharacters_AreSeparators()
    {
        var parsed = QueryText.Parse("title:foo^3 bar~2");

        Assert.Equal([new QueryPart("title foo 3", false, false), new QueryPart("bar 2", false, false)], parsed.Parts);
    }

    [Fact]
    public void Parse_ManyWords_KeepsOnlyMaxParts()
    {
        var text = string.Join(' ', Enumerable.Range(0, QueryText.MaxParts * 2).Select(i => "w" + i));

        var parsed = QueryText.Parse(text);

        Assert.Equal(QueryText.MaxParts, parsed.Parts.Count);
        Assert.Equal("w0", parsed.Parts[0].Text);
        Assert.Equal("w" + (QueryText.MaxParts - 1), parsed.Parts[^1].Text);
    }

    [Fact]
    public void Parse_LongText_ReadsOnlyMaxLengthCharacters()
    {
        var text = new string('a', QueryText.MaxLength - 2) + " bcdef";

        var parsed = QueryText.Parse(text);

        Assert.Equal(2, parsed.Parts.Count);
        Assert.Equal(QueryText.MaxLength - 2, parsed.Parts[0].Text.Length);
        Assert.Equal("b", parsed.Parts[1].Text);
        Assert.Empty(QueryText.Parse(new string(' ', QueryText.MaxLength) + "hidden").Parts);
    }
}
