using Hexapla.Interchange;

namespace Hexapla.Hosting;

/// <summary>The sample content bundled in the binary (<c>samples/</c> in the repository), imported into an empty store.</summary>
internal static class SampleContent
{
    private const string Prefix = "Hexapla.Samples.";

    public static IReadOnlyList<ImportFile> Files()
    {
        var assembly = typeof(SampleContent).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return new ImportFile($"samples/{n[Prefix.Length..]}", memory.ToArray());
            })];
    }
}
