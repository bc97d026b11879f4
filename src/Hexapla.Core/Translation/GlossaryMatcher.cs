using System.Text.RegularExpressions;
using Hexapla.Storage;

namespace Hexapla.Translation;

/// <summary>A run of text, and the glossary term it is when it is one.</summary>
/// <param name="Text">The text as it stands in the segment.</param>
/// <param name="Term">The glossary entry this run matches; null for plain text.</param>
public sealed record GlossaryRun(string Text, GlossaryTerm? Term);

/// <summary>Finds glossary terms in a text: whole words, regardless of case, the longest term first where two overlap.</summary>
public static class GlossaryMatcher
{
    /// <summary>The text cut into runs; the runs joined give the text back.</summary>
    public static IReadOnlyList<GlossaryRun> Find(string text, IReadOnlyList<GlossaryTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var usable = terms.Where(t => t.Term.Trim().Length > 0).OrderByDescending(t => t.Term.Length).ToList();
        if (usable.Count == 0 || text.Length == 0)
        {
            return [new GlossaryRun(text, null)];
        }

        var byTerm = new Dictionary<string, GlossaryTerm>(StringComparer.OrdinalIgnoreCase);
        foreach (var term in usable)
        {
            byTerm.TryAdd(term.Term.Trim(), term);
        }

        var pattern = @"(?<![\w])(?:" + string.Join('|', byTerm.Keys.Select(Regex.Escape)) + @")(?![\w])";
        var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var runs = new List<GlossaryRun>();
        var at = 0;
        foreach (Match match in regex.Matches(text))
        {
            if (match.Index > at)
            {
                runs.Add(new GlossaryRun(text[at..match.Index], null));
            }

            runs.Add(new GlossaryRun(match.Value, byTerm.GetValueOrDefault(match.Value)));
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            runs.Add(new GlossaryRun(text[at..], null));
        }

        return runs;
    }
}
