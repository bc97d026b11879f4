namespace Hexapla.Bench.Corpus;

/// <summary>Finds the folder with the word lists made by <c>bench/prepare-wordlists.sh</c>.</summary>
internal static class WordLists
{
    /// <summary>
    /// <paramref name="given"/> when it holds both lists (all six with <paramref name="un"/>); otherwise, with nothing given, the first
    /// <c>bench/.cache</c> found from the current folder or the binary's folder upwards; else null.
    /// </summary>
    public static string? Find(string? given, bool un = false)
    {
        if (given is not null)
        {
            return HasLists(given, un) ? Path.GetFullPath(given) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(folder.FullName, "bench", ".cache"), Path.Combine(folder.FullName, ".cache") })
                {
                    if (HasLists(candidate, un))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    private static bool HasLists(string folder, bool un) =>
        (un ? CorpusGenerator.UnLanguages.Select(CorpusGenerator.FileOf) : ["en.txt", "ru.txt"]).All(name => File.Exists(Path.Combine(folder, name)));
}
