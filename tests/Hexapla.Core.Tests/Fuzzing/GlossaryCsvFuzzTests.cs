using CsCheck;
using Hexapla.Content;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Tests.Fuzzing;

/// <summary>Glossary CSV: any text gives terms or a <see cref="GlossaryCsvException"/> with a line; written terms read back.</summary>
[Collection(SerialFuzzing.Name)]
public sealed class GlossaryCsvFuzzTests
{
    private static readonly string[] Tokens =
    [
        ",", "\"", "\"\"", "\r\n", "\n", "\r", "\n\r", "\uFEFF", "term", "translation", "note", "council", "совет", " ", "\t",
        ";", "a,b", "\"a,b\"", "\"x\ny\"", "\"unclosed", "\u0000", "\u2028",
    ];

    private static readonly Gen<string> Csv =
        Gen.Frequency(
            (3, Fuzz.Soup(Tokens, "ab,\"\n\r ", maxPieces: 60).Select(body => GlossaryCsv.Header + "\r\n" + body)),
            (1, Fuzz.Soup(Tokens, "ab,\"\n\r ", maxPieces: 60).Select(body => "\uFEFF" + GlossaryCsv.Header.ToUpperInvariant() + "\n" + body)),
            (1, Fuzz.Soup(Tokens, "ab,\"\n\r ", maxPieces: 60)));

    [Fact]
    public void Parse_AnyText_GivesTermsOrAnErrorWithALine() =>
        Fuzz.ResultOrError<string, GlossaryCsvException>(Csv, text =>
        {
            try
            {
                var terms = GlossaryCsv.Parse(text);
                Assert.All(terms, t =>
                {
                    Assert.False(string.IsNullOrWhiteSpace(t.Term));
                    Assert.False(string.IsNullOrWhiteSpace(t.Translation));
                });
            }
            catch (GlossaryCsvException e)
            {
                Assert.InRange(e.Line, 1, text.Count(c => c is '\n' or '\r') + 1);
                throw;
            }
        }, Fuzz.Iterations(2000));

    // Fields a glossary can hold: no character the entrance rule refuses (EnteringText), which Parse refuses.
    private static readonly Gen<string> Field = Fuzz.Soup(Tokens, "ab,\"\n\r ", maxPieces: 6)
        .Where(f => f.Trim().Length > 0 && f.Trim() == f && !f.Contains('\uFEFF', StringComparison.Ordinal) && EnteringText.FindRefused(f, "field") is null);

    /// <summary>Line breaks inside a field come back as the entrance rule stores them: CR LF, CR and U+2028 as LF.</summary>
    [Fact]
    public void Write_ThenParse_GivesTheSameTerms() =>
        Fuzz.NeverThrows(Gen.Select(Field, Field, Field.Null(0.3)).Array[0, 10], rows =>
        {
            var terms = rows.Select(r => new GlossaryTerm(r.Item1, r.Item2, r.Item3)).ToList();
            var stored = terms.Select(t => new GlossaryTerm(
                EnteringText.Accept(t.Term, "term"), EnteringText.Accept(t.Translation, "translation"), EnteringText.AcceptOptional(t.Note, "note"))).ToList();
            Assert.Equal(stored, GlossaryCsv.Parse(GlossaryCsv.Write(terms)));
        });

    [Fact]
    public void Parse_TimeGrowsLinearlyWithInput()
    {
        Fuzz.GrowsLinearly(n => GlossaryCsv.Header + "\n" + Fuzz.Repeat("council,совет,\"a note, with \"\"quotes\"\"\"\r\n", n), t => GlossaryCsv.Parse(t), 2_000, "records");
        Fuzz.GrowsLinearly(n => GlossaryCsv.Header + "\n\"" + Fuzz.Repeat("a\n", n), t => GlossaryCsv.Parse(t), 5_000, "an unclosed quote");
    }
}
