using System.Text;

namespace Hexapla.Tests.Infrastructure;

/// <summary>The files under Fixtures/, copied next to the test assembly.</summary>
internal static class Fixtures
{
    public const string EnglishSeed = "razvitie-situacii-v-irake.en-GB.txt";
    public const string RussianSeed = "razvitie-situacii-v-irake.ru-RU.txt";

    public static string ScrapedTextPath(string name) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "ScrapedText", name);

    public static byte[] ScrapedText(string name) => File.ReadAllBytes(ScrapedTextPath(name));

    /// <summary>The seed file's text after its first (language switcher) line, without surrounding blank lines.</summary>
    public static string SeedBody(string name)
    {
        var text = Encoding.UTF8.GetString(ScrapedText(name));
        return text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..].Trim('\n');
    }
}
