using System.Text;
using System.Xml;
using CsCheck;
using Hexapla.Content;
using Hexapla.Interchange;

namespace Hexapla.Tests.Fuzzing;

/// <summary>
/// The entrance rule for text: any text is stored clean or refused at a refused character; what repair and the XML
/// writers make of any text is what the rule accepts and what XML carries; the work grows linearly.
/// </summary>
[Collection(SerialFuzzing.Name)]
public sealed class EnteringTextFuzzTests
{
    private static readonly string[] Tokens =
    [
        "\u0001", "\u0000", "\u000B", "\u000C", "\u001F", "\u007F", "\u0085", "\u0092", "\u009F", "\u2028", "\u2029", "\r\n", "\r", "\n",
        "\t", "\uFFFE", "\uFFFF", "\uFFFD", "\uD800", "\uDC00", "😀", "𝐀", "Ирак", "العربية", "中文", " ", "&", "<", "]]>",
    ];

    private static readonly Gen<string> Text = Fuzz.Soup(Tokens, "ab \n", maxPieces: 40);

    private static bool IsRefused(string text, int i) =>
        EnteringText.FindRefused(text[i..(i + 1)], "x") is not null
        && !(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        && !(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]));

    [Fact]
    public void Accept_AnyText_StoredWithoutRefusedCharactersOrOddBreaks_OrRefusedWhereOneIs() =>
        Fuzz.ResultOrError<string, TextRefusedException>(Text, text =>
        {
            try
            {
                var stored = EnteringText.Accept(text, "body");
                Assert.Equal(-1, stored.AsSpan().IndexOfAny("\r\u000B\u2028\u2029"));
                Assert.Null(EnteringText.FindRefused(stored, "body"));
            }
            catch (TextRefusedException refused)
            {
                Assert.True(IsRefused(text, refused.Fault.Offset), $"offset {refused.Fault.Offset} of \"{text}\" is not refused");
                Assert.All(Enumerable.Range(0, refused.Fault.Offset), i => Assert.False(IsRefused(text, i)));
                throw;
            }
        }, Fuzz.Iterations(2000));

    [Fact]
    public void RepairAndForXml_AnyText_AcceptedAsIs_AndWrittenByXml() =>
        Fuzz.NeverThrows(Text, text =>
        {
            var repaired = EnteringText.Repair(text);
            Assert.Equal(repaired, EnteringText.Accept(repaired, "body"));
            Assert.False(EnteringText.NeedsRepair(repaired));

            var output = new StringBuilder();
            var fragment = new XmlWriterSettings { ConformanceLevel = ConformanceLevel.Fragment, OmitXmlDeclaration = true };
            using (var writer = XmlOutput.Create(output, fragment))
            {
                writer.WriteElementString("seg", text);
                writer.WriteStartElement("a");
                writer.WriteAttributeString("title", text);
                writer.WriteEndElement();
            }

            // Read back with a checking reader: the output is well-formed XML 1.0.
            using var reader = XmlReader.Create(new StringReader(output.ToString()), new XmlReaderSettings { ConformanceLevel = ConformanceLevel.Fragment });
            while (reader.Read())
            {
            }
        }, Fuzz.Iterations(2000));

    [Fact]
    public void Accept_TimeGrowsLinearlyWithInput()
    {
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("Ирак 😀 text\r\nline\u000Bbreak\u2029", n), t => EnteringText.Accept(t, "body"), 20_000, "mixed text");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("😀", n) + "\u0001", t => _ = EnteringText.FindRefused(t, "body"), 20_000, "emoji, then a refused character");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("a\u0001\u000B", n), t => EnteringText.Repair(t), 20_000, "many to repair");
    }
}
