using System.Globalization;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Search;
using Hexapla.Site;
using Hexapla.Storage;
using Hexapla.Translation;

namespace Hexapla.Admin;

/// <summary>
/// The translation memory's section of a translation's edit page: for each segment of the original that is missing or
/// outdated, up to three matches with an Insert button.
/// </summary>
/// <remarks>
/// Insert works without script: it posts the editor's own form back as a preview, with the match put into the body
/// (in place of the outdated translation of that segment, or at the end for a missing one), so the textarea holds it
/// on reload and nothing is saved until the translator saves.
/// </remarks>
internal static class AdminMemory
{
    /// <summary>At most this many segments are looked up for one page.</summary>
    private const int MaxSegments = 20;

    private const int MatchesPerSegment = 3;

    /// <summary>The memory pairs of this many documents most like a segment (by the search index) are scored for it.</summary>
    private const int SimilarDocuments = 20;

    public static Html Section(
        HttpContext http, Document document, LanguageTag language, bool maySave, string title, string summary, string body, int? revision)
    {
        if (!maySave || language == document.OriginalLanguage || document.Version(document.OriginalLanguage)?.Latest is not { } original
            || http.RequestServices.GetService<ITranslationMemory>() is not { } memory)
        {
            return Html.Empty;
        }

        // The text the form edits is the newest (a working copy over live text); what it still lacks is what is wanted.
        var version = document.Version(language)?.Latest;
        var status = TranslationStatus.Of(document with { Versions = [.. document.Versions.Select(v => v.Language == language ? v.Latest : v)] }, language);
        var wanted = status.Outdated.Concat(status.Missing).ToHashSet(StringComparer.Ordinal);
        var sourceTexts = Texts(original);
        var translationTexts = version is null ? [] : Texts(version);
        var index = http.RequestServices.GetService<ISearchIndex>();
        var now = http.RequestServices.GetRequiredService<SiteContext>().Now;
        var text = AdminText.Of(http);
        var items = new List<Html>();
        foreach (var segment in original.Segments.Where(s => wanted.Contains(s.Id)).Take(MaxSegments))
        {
            if (!sourceTexts.TryGetValue(segment.Id, out var source))
            {
                continue;
            }

            // SQLite answers synchronously underneath its async API, and the editor page is rendered synchronously;
            // waiting here blocks nothing but this request.
            // Near matches are looked for among the pairs of the documents most like the segment, then by length.
            var similar = index?.SimilarDocuments(source, original.Language, SimilarDocuments, now) ?? [];
            var matches = memory.FindMatchesAsync(original.Language, language, source, similar, 0.70, MatchesPerSegment, http.RequestAborted).GetAwaiter().GetResult();
            if (matches.Count == 0)
            {
                continue;
            }

            var current = version?.Links.FirstOrDefault(l => l.SourceId == segment.Id) is { } link ? translationTexts.GetValueOrDefault(link.Id) : null;
            var rows = matches.Select(m =>
            {
                var inserted = current is not null && body.Contains(current, StringComparison.Ordinal)
                    ? ReplaceFirst(body, current, m.Unit.Target)
                    : body.TrimEnd() + (body.Trim().Length == 0 ? "" : "\n\n") + m.Unit.Target;
                var score = text.Percent((int)Math.Round(m.Score * 100, MidpointRounding.AwayFromZero));
                return Html.Of($"""
                    <li><span class="badge">{score}</span> <span class="hint"><bdi>{m.Unit.Origin}</bdi>, {text.Day(m.Unit.CreatedAt)}</span>
                    <blockquote lang="{language.Value}" dir="{language.HtmlDir}">{m.Unit.Target}</blockquote>
                    <form method="post" action="{AdminUi.EditPath(document.Slug, language)}">
                    {AdminPage.AntiforgeryField(http)}
                    <input type="hidden" name="revision" value="{revision?.ToString(CultureInfo.InvariantCulture) ?? ""}">
                    <input type="hidden" name="title" value="{title}">
                    <input type="hidden" name="summary" value="{summary}">
                    <input type="hidden" name="body" value="{inserted}">
                    <button type="submit" name="action" value="preview">{text.Insert}</button>
                    </form></li>
                    """);
            });
            items.Add(Html.Of($"""
                <li><p lang="{original.Language.Value}" dir="{original.Language.HtmlDir}">{source}</p>
                <p class="hint">{(status.Outdated.Contains(segment.Id) ? text.Outdated : text.Missing)} · {text.SegmentNumber(segment.Id)}</p>
                <ol class="memory-matches">{rows}</ol></li>
                """));
        }

        return items.Count == 0 ? Html.Empty : Html.Of($"""
            <section class="memory" aria-labelledby="memory-heading"><h2 id="memory-heading">{text.TranslationMemory}</h2>
            <p class="hint">{text.MemoryHint}</p>
            <ul>{items}</ul></section>
            """);
    }

    private static Dictionary<string, string> Texts(LanguageVersion version)
    {
        var segments = Segmenter.Split(version.Body);
        return Enumerable.Range(0, Math.Min(segments.Count, version.Segments.Count))
            .ToDictionary(i => version.Segments[i].Id, i => segments[i].Text, StringComparer.Ordinal);
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }
}
