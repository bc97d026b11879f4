using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Core.Tests.Translation;

public sealed class GlossaryCsvTests
{
    [Fact]
    public void RoundTrip_QuotesCommasNewlines_Kept()
    {
        GlossaryTerm[] terms =
        [
            new("ИГИЛ", "ISIL", "the \"Islamic State\", banned in Russia"),
            new("Багдад", "Baghdad", null),
            new("многонациональная коалиция", "multinational coalition", "two lines:\r\nfirst, then second"),
            new("\"кавычки\"", "\"quotes\", with comma", "a\nb"),
        ];

        var csv = GlossaryCsv.Write(terms);
        var back = GlossaryCsv.Parse(csv);

        Assert.StartsWith("term,translation,note\r\n", csv, StringComparison.Ordinal);
        // A line break inside a field comes back as the entrance rule stores it (EnteringText): CR LF as LF.
        Assert.Equal([.. terms[..2], terms[2] with { Note = "two lines:\nfirst, then second" }, terms[3]], back);
    }

    [Fact]
    public void Parse_HandWritten_TwoFieldsAndBlankLinesAndBom()
    {
        var terms = GlossaryCsv.Parse("\uFEFFterm,translation,note\nРамади,Ramadi\n\n\"Мосул\",\"Mosul\",\"\"\"second\"\" city\"\n");

        Assert.Equal([new GlossaryTerm("Рамади", "Ramadi", null), new GlossaryTerm("Мосул", "Mosul", "\"second\" city")], terms);
    }

    [Theory]
    [InlineData("term,translation,note\na,b,c\n\"open,x\n", 3, "never closed")]
    [InlineData("term;translation;note\na,b\n", 1, "header")]
    [InlineData("term,translation,note\na,b\n  ,x\n", 3, "term is empty")]
    [InlineData("term,translation,note\na,b\nc,d,e,f\n", 3, "at most three")]
    [InlineData("term,translation,note\n\"a\nb\",c\nd,\"e\"x\n", 4, "after a closing quote")]
    [InlineData("term,translation,note\na\n", 2, "term and a translation")]
    public void Parse_Bad_RefusedWithLineNumber(string csv, int line, string message)
    {
        var bad = Assert.Throws<GlossaryCsvException>(() => GlossaryCsv.Parse(csv));

        Assert.Equal(line, bad.Line);
        Assert.Contains(message, bad.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}:", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matcher_CaseInsensitiveWholeWords_LongestFirst()
    {
        var runs = GlossaryMatcher.Find("Багдад и багдадский, Северная Африка.", [new("багдад", "Baghdad", null), new("Африка", "Africa", null), new("Северная Африка", "North Africa", null)]);

        Assert.Equal("Багдад и багдадский, Северная Африка.", string.Concat(runs.Select(r => r.Text)));
        Assert.Equal(["Багдад", "Северная Африка"], runs.Where(r => r.Term is not null).Select(r => r.Text));
        Assert.Equal("North Africa", runs.Single(r => r.Text == "Северная Африка").Term!.Translation);
    }
}
