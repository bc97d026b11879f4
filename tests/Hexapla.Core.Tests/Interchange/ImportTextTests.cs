using System.Text;
using CsCheck;
using Hexapla.Interchange;

namespace Hexapla.Core.Tests.Interchange;

public class ImportTextTests
{
    private static string Decode(byte[] bytes) => ImportText.Decode(new ImportFile("note.md", bytes));

    [Fact]
    public void Decode_DropsByteOrderMarkAndNormalisesLineEnds()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "Заявление\r\nМИД\rРоссии\n"u8];

        Assert.Equal("Заявление\nМИД\nРоссии\n", Decode(bytes));
    }

    [Fact]
    public void Decode_TextWithoutCarriageReturns_IsReturnedAsWritten()
    {
        Assert.Equal("Statement\n\nOn Iraq.", Decode("Statement\n\nOn Iraq."u8.ToArray()));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x0A, 0x62, 0xFF, 0x00 }, 2, "UTF-8", "0xFF at offset 3")]
    [InlineData(new byte[] { 0x61, 0x00, 0x0A, 0xFF }, 1, "NUL", null)]
    [InlineData(new byte[] { 0x61, 0x0A, 0x0A, 0xC0, 0xAF }, 3, "UTF-8", "0xC0")]
    [InlineData(new byte[] { 0x61, 0xED, 0xA0, 0x80 }, 1, "UTF-8", "0xED")]
    [InlineData(new byte[] { 0x0A, 0x61, 0xD0 }, 2, "UTF-8", "0xD0 at offset 2")]
    public void Decode_BadBytes_NamesTheFirstProblemAndItsLine(byte[] bytes, int line, string problem, string? detail)
    {
        var e = Assert.Throws<ImportException>(() => Decode(bytes));

        var error = Assert.Single(e.Errors);
        Assert.Equal("note.md", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Reason, StringComparison.Ordinal);
        if (detail is not null)
        {
            Assert.Contains(detail, error.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decode_AnyBytes_AcceptsExactlyStrictUtf8WithoutNulOrRefusedCharacters()
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        // Mostly text (control characters among it), with invalid lead bytes, continuation bytes, NUL and CR mixed in.
        var gen = Gen.OneOf(
                Gen.Char['\u0001', '\u07FF'].Select(c => Encoding.UTF8.GetBytes(c.ToString())),
                Gen.Char['\u0800', '\uD7FF'].Select(c => Encoding.UTF8.GetBytes(c.ToString())),
                Gen.Byte.Array[1, 2],
                Gen.Const(new byte[] { 0x0D, 0x0A }))
            .Array[0, 40]
            .Select(parts => parts.SelectMany(p => p).ToArray());

        gen.Sample(bytes =>
        {
            string? expected;
            try
            {
                // Then the entrance rule for text: line breaks normalised, a refused character refused.
                var decoded = Array.IndexOf(bytes, (byte)0) >= 0 ? null : strict.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
                expected = decoded is null || Hexapla.Content.EnteringText.FindRefused(decoded, "note.md") is not null ? null : Hexapla.Content.EnteringText.Accept(decoded, "note.md");
            }
            catch (DecoderFallbackException)
            {
                expected = null;
            }

            if (expected is null)
            {
                Assert.Throws<ImportException>(() => Decode(bytes));
            }
            else
            {
                Assert.Equal(expected, Decode(bytes));
            }
        }, iter: 5000);
    }
}
