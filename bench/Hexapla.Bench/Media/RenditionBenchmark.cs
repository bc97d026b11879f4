using System.Diagnostics;
using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using NetVips;

namespace Hexapla.Bench.Media;

/// <summary>What bench/renditions.sh needs: photographs to resize, Hexapla's renditions of them timed, a data folder serving one.</summary>
internal static class RenditionBenchmark
{
    private static readonly (int Width, int Height)[] Sizes =
    [
        (1024, 768), (1600, 1200), (2048, 1536), (3000, 2000), (4000, 3000), (6000, 4000), (1200, 1600), (3000, 4000),
    ];

    /// <summary>
    /// Writes <paramref name="count"/> photograph-like JPEGs of mixed sizes (1 to 24 megapixels) into <paramref name="folder"/>:
    /// crops of a few large textures (libvips Perlin noise per band, with grain), quality 88, as cameras save them.
    /// </summary>
    public static void Photographs(string folder, int count, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        const int bases = 6;
        for (var b = 0; b < bases; b++)
        {
            using var red = Image.Perlin(6000, 4000, cellSize: 180 + (b * 40), uchar: true, seed: seed + (b * 3));
            using var green = Image.Perlin(6000, 4000, cellSize: 260 + (b * 30), uchar: true, seed: seed + (b * 3) + 1);
            using var blue = Image.Perlin(6000, 4000, cellSize: 120 + (b * 50), uchar: true, seed: seed + (b * 3) + 2);
            using var grain = Image.Gaussnoise(6000, 4000, sigma: 10, mean: 0, seed: seed + b);
            using var colour = red.Bandjoin(green, blue);
            using var grainy = colour + grain;
            using var texture = grainy.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
            using var inMemory = texture.CopyMemory();
            for (var i = b; i < count; i += bases)
            {
                var (width, height) = Sizes[random.Next(Sizes.Length)];
                var left = random.Next(0, 6000 - Math.Min(width, 6000) + 1);
                var top = random.Next(0, 4000 - Math.Min(height, 4000) + 1);
                using var crop = inMemory.Crop(left, top, Math.Min(width, 6000), Math.Min(height, 4000));
                crop.Jpegsave(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"photo-{i:D3}.jpg")), q: 88);
            }
        }
    }

    /// <summary>
    /// Makes Hexapla's rendition (<see cref="Renditions.Make"/>: <paramref name="width"/> wide, JPEG) of every JPEG in
    /// <paramref name="input"/>, <paramref name="parallel"/> at a time as the server does, writing them to <paramref name="output"/>.
    /// </summary>
    public static string Make(string input, string output, int width, int parallel)
    {
        Directory.CreateDirectory(output);
        var files = Directory.GetFiles(input, "*.jpg").Order(StringComparer.Ordinal).ToArray();
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = parallel }, file =>
        {
            var (bytes, _, _) = Renditions.Make(File.ReadAllBytes(file), null, new RenditionRequest(width, null, RenditionFormat.Jpeg));
            File.WriteAllBytes(Path.Combine(output, Path.GetFileName(file)), bytes);
        });
        var seconds = clock.Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"{files.Length} renditions in {seconds:0.00} s: {files.Length / seconds:0.00} renditions/s\n");
    }

    /// <summary>
    /// Stores <paramref name="image"/> as a media item in the data folder's store, used by a published document, and
    /// returns the address of its <paramref name="width"/>-wide JPEG rendition.
    /// </summary>
    public static async Task<string> SeedAsync(string dataFolder, string image, int width, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataFolder);
        var store = await SqliteContentStore.OpenAsync(Path.Combine(dataFolder, SqliteContentStore.FileName), cancellationToken);
        var bytes = await File.ReadAllBytesAsync(image, cancellationToken);
        var content = BlobContent.Of(bytes);
        using var header = Image.NewFromBuffer(bytes);
        var language = LanguageTag.Parse("en-GB");
        var now = DateTimeOffset.UtcNow;
        var item = await store.CreateMediaAsync(
            new NewMediaItem(MediaKind.Image, language, new MediaFile(language, Path.GetFileName(image), "image/jpeg", bytes.Length, content.Sha256, header.Width, header.Height), content, []),
            new AuditEntry(0, now, "bench", "media.upload", null, null), cancellationToken);
        await store.SaveDocumentsAsync([new Document
        {
            Slug = "photograph",
            OriginalLanguage = language,
            CreatedAt = now,
            UpdatedAt = now,
            Versions = [new LanguageVersion { Language = language, Title = "A photograph", Body = $"![](media:{item.Id})", PublishedAt = now.AddMinutes(-1), UpdatedAt = now }],
        }], cancellationToken);
        return MediaLinks.Rendition(item, new RenditionRequest(width, null, RenditionFormat.Jpeg));
    }
}
