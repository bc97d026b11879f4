using System.Globalization;
using System.Text;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Translation;
using Hexapla.Translation.MachineTranslation;

namespace Hexapla.Editorial;

/// <summary>What a machine prefill did.</summary>
/// <param name="Version">The version as stored after the prefill (unchanged when nothing was missing).</param>
/// <param name="Machine">Segments filled with machine output, marked <see cref="SegmentLink.Machine"/>.</param>
/// <param name="FromMemory">Segments filled from the translation memory.</param>
public sealed record MachinePrefill(LanguageVersion Version, int Machine, int FromMemory);

public sealed partial class Newsroom
{
    /// <summary>
    /// Fills every segment of the original that the <paramref name="language"/> translation is missing: from the
    /// translation memory when <paramref name="memoryLookup"/> knows the source text, else with
    /// <paramref name="translator"/>'s output, marked as machine output. The result is a new draft revision (a new
    /// draft version when there was none, with a machine-translated title); segments already translated are kept as
    /// they are.
    /// </summary>
    /// <remarks>
    /// A machine-made segment stays marked until a person changes its text or confirms it
    /// (<see cref="ConfirmMachineTranslationAsync"/>); <see cref="PublishAsync"/> refuses a version with marked segments.
    /// The service is asked before anything is written, so when it fails nothing is stored.
    /// </remarks>
    /// <param name="actor">The user; they must be allowed to edit the translation.</param>
    /// <param name="slug">The document.</param>
    /// <param name="language">The translation's language (not the original's).</param>
    /// <param name="translator">The machine-translation service.</param>
    /// <param name="memoryLookup">A translation memory's exact match for a source text, or null (a seam for the
    /// translation memory; without one every missing segment goes to the service).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EditorialException">NotFound for no such document; Forbidden when the actor may not edit the
    /// translation; Invalid for the original's own language or an original with no text.</exception>
    /// <exception cref="MachineTranslationException">The service failed; nothing was stored.</exception>
    public async Task<MachinePrefill> PrefillMachineTranslationAsync(
        User actor, string slug, LanguageTag language, IMachineTranslator translator,
        Func<string, Task<string?>>? memoryLookup = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(translator);
        Require(actor, true, "edit");
        var document = await store.FindDocumentAsync(slug, cancellationToken) ?? throw NotFound(slug);
        Require(actor, actor.CanEdit(document.OriginalLanguage, language), $"edit the {language} version of \"{slug}\"");
        if (language == document.OriginalLanguage)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"{language} is the original language of \"{slug}\"; there is nothing to translate it from.");
        }

        // Machine output goes into the text under work: a working copy over live text, which stays as it is.
        var live = document.Version(language);
        var current = live?.Work ?? live;
        var original = document.Version(document.OriginalLanguage)?.Latest is { } stored ? Segmentation.WithSegments(stored, stored) : null;
        var sourceTexts = original is null ? [] : Segmenter.Split(original.Body);
        if (original is null || sourceTexts.Count != original.Segments.Count || sourceTexts.Count == 0)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, $"The original of \"{slug}\" has no text to translate.");
        }

        // The translation memory first: an exact match from an approved translation beats any machine.
        if (memoryLookup is null && store is Storage.ITranslationMemory memory)
        {
            var sourceLanguage = document.OriginalLanguage;
            memoryLookup = async text =>
                await memory.FindMatchesAsync(sourceLanguage, language, text, minSimilarity: 1.0, max: 1, cancellationToken) is [var best, ..]
                    ? best.Unit.Target
                    : null;
        }

        var linked = (current?.Links ?? []).Select(l => l.SourceId).ToHashSet(StringComparer.Ordinal);
        var missing = Enumerable.Range(0, sourceTexts.Count).Where(k => !linked.Contains(original.Segments[k].Id)).ToList();
        if (missing.Count == 0 && live is not null)
        {
            return new MachinePrefill(live, 0, 0);
        }

        // The memory first; the service gets the rest in one request, before anything is written.
        var filled = new Dictionary<int, (string Text, bool Machine)>();
        foreach (var k in missing)
        {
            if (memoryLookup is not null && await memoryLookup(sourceTexts[k].Text) is { Length: > 0 } remembered)
            {
                filled[k] = (EnteringText.Repair(remembered), false);
            }
        }

        var ask = missing.Where(k => !filled.ContainsKey(k)).ToList();
        var questions = ask.Select(k => sourceTexts[k].Text).ToList();
        if (current is null)
        {
            questions.Add(original.Title);
        }

        // A service's (or the memory's) text is nobody's typing to refuse: it is repaired to the entrance rule instead.
        var answers = (await translator.TranslateAsync(questions, original.Language, language, cancellationToken)).Select(EnteringText.Repair).ToList();
        for (var a = 0; a < ask.Count; a++)
        {
            filled[ask[a]] = (answers[a], true);
        }

        var now = Now();
        var (body, tags) = Insert(current, filled, original, sourceTexts);
        var next = current is null
            ? new LanguageVersion
            {
                Language = language,
                Title = Clip(answers[^1].Trim() is { Length: > 0 } title ? title : original.Title),
                Body = body,
                State = VersionState.Draft,
                Revision = 1,
                SourceRevision = original.Revision,
                UpdatedAt = now,
            }
            : NewWork(live!, actor, $"Missing segments prefilled by {translator.Name}.", now) with { Body = body, SourceRevision = original.Revision };
        next = Segmentation.WithSegments(next, current);
        if (next.Segments.Count != tags.Count)
        {
            throw new EditorialException(EditorialErrorKind.Invalid,
                $"The machine translation could not be placed in the {language} text of \"{slug}\" without changing its structure; translate the missing segments by hand.");
        }

        var kept = (current?.Links ?? []).ToDictionary(l => l.Id, StringComparer.Ordinal);
        var links = new List<SegmentLink>();
        for (var i = 0; i < tags.Count; i++)
        {
            var id = next.Segments[i].Id;
            if (tags[i].Source is { } k)
            {
                links.Add(new SegmentLink(id, original.Segments[k].Id, original.Segments[k].Hash, filled[k].Machine));
            }
            else if (tags[i].Old is { } oldId && kept.TryGetValue(oldId, out var link))
            {
                links.Add(link with { Id = id });
            }
        }

        next = next with { Links = links };
        var machine = filled.Values.Count(f => f.Machine);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"revision {next.Revision}{(live is { HasBeenLive: true } ? " (working copy)" : "")}: {machine} segment(s) by {translator.Name}, {filled.Count - machine} from memory");
        var saved = await WriteAsync(actor, slug, live, live is null ? next with { Author = actor.Name, LastRevision = 1 } : PlaceWork(live, next), "version.machine-prefill", detail, now, cancellationToken);
        return new MachinePrefill(saved, machine, filled.Count - machine);
    }

    /// <summary>
    /// Records that a person has checked the machine-made segments of a version and takes their machine marks off
    /// (the text is unchanged), so the version may be published.
    /// </summary>
    /// <inheritdoc cref="SubmitAsync" />
    public Task<LanguageVersion> ConfirmMachineTranslationAsync(
        User actor, string slug, LanguageTag language, int? expectedRevision = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(actor, slug, language, expectedRevision, "version.machine-confirm",
            (document, _) => AuthorizeEdit(actor, document, language),
            (document, version) =>
        {
            var count = version.Latest.Links.Count(l => l.Machine);
            return (OnWork(slug, version, "checked", work => work with { Links = [.. work.Links.Select(l => l with { Machine = false })] }),
                string.Create(CultureInfo.InvariantCulture, $"{count} machine segment(s) checked"));
        }, cancellationToken);

    /// <summary>Publishing is a human step: machine output nobody has checked never goes public.</summary>
    private static void RefuseUncheckedMachineText(string slug, LanguageVersion version)
    {
        var unchecked_ = version.Links.Count(l => l.Machine);
        if (unchecked_ > 0)
        {
            throw new EditorialException(EditorialErrorKind.Invalid, string.Create(CultureInfo.InvariantCulture,
                $"The {version.Language} version of \"{slug}\" has {unchecked_} machine-translated segment(s) nobody has checked; edit them or mark them checked before publishing."));
        }
    }

    private static string Clip(string title) => title.Length <= MaxTitleLength ? title : title[..MaxTitleLength];

    /// <summary>
    /// The translation's body with the filled segments put in after the segment that translates the nearest earlier
    /// source segment, and for every segment of the result where it came from: an old segment id, or a source index.
    /// </summary>
    private static (string Body, List<(string? Old, int? Source)> Tags) Insert(
        LanguageVersion? current, Dictionary<int, (string Text, bool Machine)> filled, LanguageVersion original, IReadOnlyList<Segment> sourceTexts)
    {
        var body = current?.Body ?? string.Empty;
        var parts = current is null ? [] : Segmenter.Split(body);
        var segments = current?.Segments ?? [];
        var bySource = (current?.Links ?? []).ToLookup(l => l.SourceId, l => l.Id, StringComparer.Ordinal);

        // Where each existing segment ends in the body: the end of its line, found in reading order.
        var ends = new int[parts.Count];
        for (int i = 0, from = 0; i < parts.Count; i++)
        {
            var at = body.IndexOf(parts[i].Text, from, StringComparison.Ordinal);
            var end = at < 0 ? body.Length : at + parts[i].Text.Length;
            var lineEnd = body.IndexOf('\n', end);
            ends[i] = lineEnd < 0 ? body.Length : lineEnd;
            from = at < 0 ? from : end;
        }

        var index = segments.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var insertions = new List<(int At, int Order, string Text)>();
        var placedAfter = new List<(int AfterSegment, int Source)>();
        var cursor = -1;
        for (var k = 0; k < sourceTexts.Count; k++)
        {
            if (filled.TryGetValue(k, out var fill))
            {
                var position = cursor < 0 ? 0 : ends[cursor];
                var block = sourceTexts[k].Kind == SegmentKind.Heading ? "## " + OneLine(fill.Text) : fill.Text.Trim();
                insertions.Add((position, k, block));
                placedAfter.Add((cursor, k));
                continue;
            }

            foreach (var id in bySource[original.Segments[k].Id])
            {
                if (index.TryGetValue(id, out var i) && i < parts.Count)
                {
                    cursor = Math.Max(cursor, i);
                }
            }
        }

        var result = new StringBuilder(body.Length + insertions.Sum(i => i.Text.Length + 4));
        var written = 0;
        foreach (var group in insertions.GroupBy(i => i.At).OrderBy(g => g.Key))
        {
            result.Append(body, written, group.Key - written);
            foreach (var insertion in group.OrderBy(i => i.Order))
            {
                // A blank line before each new block; the text after the insertion starts with its own line break.
                while (result.Length > 0 && !(result.Length >= 2 && result[^1] == '\n' && result[^2] == '\n'))
                {
                    result.Append('\n');
                }

                result.Append(insertion.Text).Append('\n');
            }

            written = group.Key;
        }

        result.Append(body, written, body.Length - written);

        var tags = new List<(string? Old, int? Source)>();
        foreach (var (after, source) in placedAfter.Where(p => p.AfterSegment < 0))
        {
            tags.Add((null, source));
        }

        for (var i = 0; i < parts.Count; i++)
        {
            tags.Add((i < segments.Count ? segments[i].Id : null, null));
            tags.AddRange(placedAfter.Where(p => p.AfterSegment == i).Select(p => ((string?)null, (int?)p.Source)));
        }

        return (NormaliseBlankLines(result.ToString()), tags);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // Only the ends are tidied: the existing text between insertions is kept byte for byte.
    private static string NormaliseBlankLines(string body) => body.TrimStart('\n', '\r').TrimEnd() + "\n";
}
