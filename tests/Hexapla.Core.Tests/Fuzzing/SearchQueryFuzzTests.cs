using CsCheck;
using Hexapla.Search;

namespace Hexapla.Tests.Fuzzing;

/// <summary>Search box text: nothing is an error, and the parts stay within the documented limits.</summary>
[Collection(SerialFuzzing.Name)]
public sealed class SearchQueryFuzzTests
{
    private static readonly string[] Tokens =
    [
        "\"", "“", "”", "„", "«", "»", "-", "−", "–", " ", "  ", "\t", "\n", "word", "Ирак", "العراق", "中文", "*", "?", "~", ":",
        "(", ")", "[", "]", "{", "}", "AND", "OR", "NOT", "+", "!", "^", "\\", "/", "&&", "||", "'", ".", "_", "\u0301", "\u200B",
        "\uD800", "\uDC00",
    ];

    [Fact]
    public void Parse_AnyText_GivesPartsWithinTheLimits() =>
        Fuzz.NeverThrows(Fuzz.Soup(Tokens, "ab \"-*:()", maxPieces: 80), text =>
        {
            var query = QueryText.Parse(text);
            Assert.True(query.Parts.Count <= QueryText.MaxParts);
            Assert.All(query.Parts, p =>
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Text));
                Assert.True(p.Text.Length <= QueryText.MaxLength);
                Assert.DoesNotContain('"', p.Text);
            });
        }, Fuzz.Iterations(2000));

    [Fact]
    public void Parse_TimeGrowsLinearlyWithInput()
    {
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("-\"a ", n), t => QueryText.Parse(t), 200, "quotes");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("a", n), t => QueryText.Parse(t), 200, "one long word");
    }
}
