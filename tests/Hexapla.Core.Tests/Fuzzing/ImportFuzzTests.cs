using System.Text;
using CsCheck;
using Hexapla.Interchange;
using Hexapla.Interchange.Markdown;
using Hexapla.Interchange.ScrapedText;
using Hexapla.Languages;

namespace Hexapla.Tests.Fuzzing;

/// <summary>Scraped page text and Markdown with front matter: any bytes give a version or an <see cref="ImportException"/>.</summary>
[Collection(SerialFuzzing.Name)]
public sealed class ImportFuzzTests
{
    private static readonly string[] ScrapedTokens =
    [
        "• ", "•", "en-GB1", "ru-RU1", "es-4191", "x-private", "i-klingon", "zh-Hant-TW2", "en--GB", "1", " ", "\n", "\n\n",
        "\r\n", "\r", "\t", "The council met. ", "Совет собрался. ", "مجلس ", "中文。", "Mr. ", "?", "!", "…", "\uFEFF",
        "\u200B", "\u0000", "\uD800", "\uDC00", "😀",
    ];

    private static readonly string[] FrontMatterTokens =
    [
        "---\n", "---", "--- \n", "\n---\n", "title: ", "lang: ", "language: ", "slug: ", "date: ", "tags: ", "draft: ",
        "original: ", "summary: ", "description: ", "en-GB", "ru", "x-y", "2016-02-29", "2016-13-45T99:99", "true", "maybe",
        "[", "]", "{", "}", "- ", "&a ", "*a", "!!binary ", "!!python/object ", "? ", ": ", "'", "\"", "|\n  ", ">\n  ",
        "%YAML 1.2\n", "%TAG ! x\n", "...\n", "a, b, c", "\n", "  ", "\t", "# Heading\n", "# ", "body text. ", "\r\n",
        "<script>", "\uFEFF", "\u0000", "#", "😀",
    ];

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 200];

    private static Gen<byte[]> Bytes(string[] tokens, string alphabet) =>
        Gen.Frequency(
            (8, Fuzz.Soup(tokens, alphabet).Select(s => Encoding.UTF8.GetBytes(s))),
            (1, RandomBytes));

    private static readonly Gen<LanguageTag?> Named = Gen.OneOf<LanguageTag?>(null, LanguageTag.Parse("en-GB"), LanguageTag.Parse("ru-RU"));

    [Fact]
    public void ScrapedText_AnyBytes_GiveAVersionOrAnImportError() =>
        Fuzz.ResultOrError<(byte[] Bytes, LanguageTag? Named), ImportException>(
            Gen.Select(Bytes(ScrapedTokens, "abc АБВ.•- \n"), Named),
            input =>
            {
                var version = ScrapedTextReader.Read(new ImportFile("page.txt", input.Bytes), new ImportOptions(), input.Named);
                Assert.False(string.IsNullOrWhiteSpace(version.Body));
            });

    [Fact]
    public void FrontMatter_AnyBytes_GiveAVersionOrAnImportError() =>
        Fuzz.ResultOrError<(byte[] Bytes, LanguageTag? Named), ImportException>(
            Gen.Select(Bytes(FrontMatterTokens, "ab:-[]{}'\"\n "), Named),
            input =>
            {
                var version = FrontMatterReader.Read(new ImportFile("post.md", input.Bytes), new ImportOptions(), input.Named);
                Assert.False(string.IsNullOrWhiteSpace(version.Body));
            });

    [Fact]
    public void FrontMatter_DeepNestingAndAliases_AreRefusedWithAnImportError()
    {
        string[] hostile =
        [
            "---\ntitle: " + Fuzz.Nest("[", "x", "]", 50_000) + "\n---\nbody text here.",
            "---\ntitle: " + Fuzz.Nest("{a: ", "x", "}", 20_000) + "\n---\nbody text here.",
            "---\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i % 40) + "- \n")) + "---\nbody.",
            "---\na: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\n? *d\n: x\n---\nbody.",
        ];
        foreach (var text in hostile)
        {
            Fuzz.Within(Fuzz.CaseTimeout, () =>
                Assert.Throws<ImportException>(() => FrontMatterReader.Read(new ImportFile("post.md", Encoding.UTF8.GetBytes(text)), new ImportOptions(), LanguageTag.Parse("en-GB"))));
        }
    }

    [Fact]
    public void ScrapedText_TimeGrowsLinearlyWithInput()
    {
        Fuzz.GrowsLinearly(n => "• en-GB1 ru-RU1\n" + Fuzz.Repeat("The council met on Tuesday. Members agreed.\n\n", n), Scraped, 20_000, "paragraphs");
        Fuzz.GrowsLinearly(n => "• " + Fuzz.Repeat("en-GB1 ", n) + "\nText.", Scraped, 5_000, "switcher tags");
        Fuzz.GrowsLinearly(n => Fuzz.Repeat("a.", n), text => Scraped("• en-GB1\n" + text), 20_000, "one long line");

        static void Scraped(string text) =>
            ScrapedTextReader.Read(new ImportFile("page.txt", Encoding.UTF8.GetBytes(text)), new ImportOptions(), LanguageTag.Parse("en-GB"));
    }

    [Fact]
    public void FrontMatter_TimeGrowsLinearlyWithInput()
    {
        Fuzz.GrowsLinearly(n => "---\ntitle: T\ntags:\n" + Fuzz.Repeat("  - tag\n", n) + "---\nBody.", Markdown, 5_000, "tag list");
        Fuzz.GrowsLinearly(n => "---\n" + Fuzz.Repeat("\n--- x", n) + "\n---\nBody.", Markdown, 5_000, "almost-fences");
        Fuzz.GrowsLinearly(n => "---\ntitle: T\n---\n" + Fuzz.Repeat("Body text. ", n), Markdown, 20_000, "body");

        static void Markdown(string text) =>
            FrontMatterReader.Read(new ImportFile("post.md", Encoding.UTF8.GetBytes(text)), new ImportOptions(), LanguageTag.Parse("en-GB"));
    }
}
