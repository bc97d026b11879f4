using System.Text;

namespace Hexapla.Bench.Corpus;

/// <summary>
/// The word forms of one language, in Zipf rank order: <see cref="Words"/>[0] is the most frequent. The forms
/// are shuffled with the seed before ranks are given, so frequent words are not the alphabetical first ones.
/// </summary>
/// <remarks>
/// Each form also knows its inflection family (the forms one dictionary entry expands to), so a query can ask for
/// another form of a word the text holds. English families have one member: wamerican lists forms, not entries.
/// </remarks>
internal sealed class Vocabulary
{
    private readonly int[] _familyOfRank;
    private readonly string[][] _families;

    private Vocabulary(string[] words, int[] familyOfRank, string[][] families)
    {
        Words = words;
        _familyOfRank = familyOfRank;
        _families = families;
    }

    /// <summary>Every form once, most frequent first.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>True when some family has more than one form (the list groups forms by dictionary entry).</summary>
    public bool HasFamilies => _families.Any(f => f.Length > 1);

    /// <summary>The forms of the family of the word at <paramref name="rank"/>, that word included.</summary>
    public IReadOnlyList<string> Family(int rank) => _families[_familyOfRank[rank]];

    /// <summary>
    /// Reads a word list: one family per line, its forms separated by spaces (a line of one word is a family of
    /// one). A form that appears in several families is ranked once, with the first family that names it.
    /// </summary>
    public static Vocabulary Load(string path, int seed)
    {
        var families = new List<string[]>();
        var words = new List<string>();
        var familyOf = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            var forms = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (forms.Length == 0)
            {
                continue;
            }

            families.Add(forms);
            foreach (var form in forms)
            {
                if (seen.Add(form))
                {
                    words.Add(form);
                    familyOf.Add(families.Count - 1);
                }
            }
        }

        if (words.Count < 50_000)
        {
            throw new InvalidDataException($"{path} holds {words.Count} words; the benchmark needs at least 50,000.");
        }

        // Fisher-Yates over ranks, moving each word's family with it.
        var wordArray = words.ToArray();
        var familyArray = familyOf.ToArray();
        var random = new Random(seed);
        for (var i = wordArray.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (wordArray[i], wordArray[j]) = (wordArray[j], wordArray[i]);
            (familyArray[i], familyArray[j]) = (familyArray[j], familyArray[i]);
        }

        return new Vocabulary(wordArray, familyArray, [.. families]);
    }
}
