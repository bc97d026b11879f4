using System.Globalization;
using System.Text;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Translation;
using Markdig;
using Markdig.Syntax;

namespace Hexapla.Editorial;

public sealed partial class Newsroom
{
    /// <summary>
    /// Applies an XLIFF file read by <see cref="XliffReader"/>: the targets, in the original's segment order, become
    /// the body (and the title unit's target the title) of a new draft revision of the target version, each segment
    /// linked to its unit's source segment as translated from its current text.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Every unit is checked against the document as it is now: its id must be <c>title</c> or a current segment id of
    /// the original, and its source must still be that segment's text (same fingerprint). All problems are collected and
    /// nothing is written unless the whole file is accepted.
    /// </para>
    /// <para>
    /// Only targets the reader took are applied (state <c>translated</c>, <c>reviewed</c> or <c>final</c>); a unit left
    /// (no target, or one still <c>initial</c>: a CAT tool's prefill) keeps the translation's current text for that
    /// segment (if any), and the title unit left keeps the current title. A file that would take no unit is refused
    /// naming the units; <see cref="XliffDocument.Left"/> tells callers which units were left. The import never
    /// publishes: the result is always a draft, and for a version that has been live a working copy over it, whose live
    /// text stays until the copy is reviewed and published. The body is the original's Markdown with each segment's text
    /// replaced by its target, so headings, lists (tight or loose, nested), quotes, code blocks, tables and reference
    /// definitions keep the original's structure; a segment with no target and no current translation is left out (its
    /// original text never enters the translation). The <c>summary</c> unit's target becomes the summary; the title and
    /// the summary are plain text, the other targets plain text with codes, escaped into Markdown
    /// (<see cref="XliffInline"/>).
    /// </para>
    /// </remarks>
    /// <exception cref="ImportException">The file does not match the document; every problem is listed.</exception>
    /// <exception cref="EditorialException">Forbidden when the actor may not edit the target language; NotFound for no such document.</exception>
    public async Task<LanguageVersion> ImportXliffAsync(User actor, XliffDocument parsed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var result = await ImportXliffFileAsync(actor, parsed, cancellationToken);
        return result.Version
            ?? throw new ImportException(parsed.FileName, null, $"the file held media texts only, which were saved; there is no {parsed.Target} version of \"{parsed.Slug}\" to show");
    }

    /// <summary>
    /// As <see cref="ImportXliffAsync"/>, and also the media units (<c>media-ID-FIELD</c>, written by
    /// <see cref="ExportXliffAsync"/>): their targets taken (<c>translated</c>, <c>reviewed</c> or <c>final</c>) are
    /// saved through <see cref="MediaLibrary.SetTextsAsync"/> as the actor, after the same checks (the item still used
    /// by the original, its source text unchanged, the actor allowed to write that language's media texts, one line of
    /// plain text). Every unit is checked before anything is written; a file that takes media units only writes no new
    /// revision of the document.
    /// </summary>
    /// <remarks>
    /// The document's revision and each item's texts are separate transactions (the document first): a failure while
    /// saving a later item leaves the earlier ones saved, which a second import of the same file completes.
    /// </remarks>
    /// <exception cref="ImportException">The file does not match the document; every problem is listed.</exception>
    /// <exception cref="EditorialException">Forbidden when the actor may not edit the target language; NotFound for no such document.</exception>
    /// <exception cref="MediaException">The library refused a text it was given after the checks (a change meanwhile).</exception>
    public async Task<XliffImport> ImportXliffFileAsync(User actor, XliffDocument parsed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        Require(actor, true, "import XLIFF");
        var file = parsed.FileName;
        var document = await store.FindDocumentAsync(parsed.Slug, cancellationToken)
            ?? throw new ImportException(file, null, $"<file id=\"{parsed.Slug}\">: there is no document \"{parsed.Slug}\"");
        Require(actor, actor.CanEdit(document.OriginalLanguage, parsed.Target), $"edit the {parsed.Target} version of \"{document.Slug}\"");
        // Translations follow the newest original: its working copy when a correction is under way.
        var original = document.Version(document.OriginalLanguage)?.Latest
            ?? throw new ImportException(file, null, $"\"{document.Slug}\" has no {document.OriginalLanguage} original to translate from");
        original = Segmentation.WithSegments(original, original);
        var errors = new List<ImportError>();
        if (parsed.Source != document.OriginalLanguage)
        {
            errors.Add(new ImportError(file, null, $"srcLang is {parsed.Source}, but the original of \"{document.Slug}\" is {document.OriginalLanguage}"));
        }

        if (parsed.Target == document.OriginalLanguage)
        {
            errors.Add(new ImportError(file, null, $"trgLang {parsed.Target} is the original language of \"{document.Slug}\"; an XLIFF import writes translations only"));
        }

        if (parsed.Taken.Count == 0)
        {
            errors.Add(new ImportError(file, null, $"no unit has a target marked translated, reviewed or final, so there is nothing to import ({XliffReader.Describe(parsed.Units)}); confirm the finished segments in your CAT tool (that sets their state) and save the file again"));
            // Whatever else is wrong with the units is beside the point until there is something to take.
            throw new ImportException(errors);
        }

        var current = document.Version(parsed.Target);
        // Media texts are checked here and saved after the document; they never take part in its body.
        var mediaUnits = parsed.Units.Where(u => MediaSegments.IsUnitId(u.Id)).ToList();
        // Field values are part of the version's revision, like the title: they take the document too.
        var fieldUnits = parsed.Units.Where(u => u.Id.StartsWith(XliffWriter.FieldUnitPrefix, StringComparison.Ordinal)).ToList();
        var documentUnits = parsed.Units.Where(u => !MediaSegments.IsUnitId(u.Id) && !fieldUnits.Contains(u)).ToList();
        var (pendingMedia, unchangedMedia) = await CheckMediaUnitsAsync(actor, parsed, document, mediaUnits, errors, cancellationToken);
        var takesDocument = documentUnits.Any(u => u.Target is not null) || fieldUnits.Any(u => u.Target is not null);
        var fields = takesDocument ? await FieldValuesAsync(file, document, parsed.Target, original, (current?.Work ?? current)?.Fields, fieldUnits, errors, cancellationToken) : null;

        var sourceSegments = Segmenter.Split(original.Body);
        var places = SegmentPlaces.Find(original.Body, sourceSegments);
        var definitions = XliffInline.Definitions(original.Body);
        var byId = original.Segments.Select((s, i) => (s.Id, Index: i)).ToDictionary(p => p.Id, p => p.Index, StringComparer.Ordinal);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        string? title = null;
        var summary = (current?.Work ?? current)?.Summary;
        // A file taking media texts only leaves the document as it is: its units are not matched against it.
        foreach (var unit in takesDocument ? documentUnits : [])
        {
            if (unit.Id == XliffWriter.SummaryUnit)
            {
                if (string.IsNullOrWhiteSpace(original.Summary) || unit.Source.Trim() != original.Summary.Trim())
                {
                    errors.Add(new ImportError(file, unit.Line, string.IsNullOrWhiteSpace(original.Summary)
                        ? "unit summary: the original has no summary now; export the document again"
                        : "the source of unit summary changed since export (the original's summary is now different); export the document again"));
                }

                summary = unit.Target ?? summary;
                continue;
            }

            if (unit.Id == XliffWriter.TitleUnit)
            {
                if (unit.Source.Trim() != original.Title)
                {
                    errors.Add(new ImportError(file, unit.Line, "the source of unit title changed since export (the original's title is now different)"));
                }

                title = unit.Target;
                continue;
            }

            if (!byId.TryGetValue(unit.Id, out var index))
            {
                errors.Add(new ImportError(file, unit.Line, $"unit {unit.Id}: the {document.OriginalLanguage} original of \"{document.Slug}\" has no segment with this id (removed since export?)"));
                continue;
            }

            // Compared as the translator saw it: plain text and codes (Markdown escapes may be written differently).
            if (Segmenter.Hash(unit.Source) != Segmenter.Hash(XliffInline.Normalize(places?[index].Text ?? sourceSegments[index].Text, definitions)))
            {
                errors.Add(new ImportError(file, unit.Line, $"the source of unit {unit.Id} changed since export; export the document again and carry the translation over"));
                continue;
            }

            if (unit.Target is { } target)
            {
                targets[unit.Id] = target;
            }
        }

        title ??= (current?.Work ?? current)?.Title;
        if (!takesDocument)
        {
            if (errors.Count > 0)
            {
                throw new ImportException(errors);
            }

            var onlyMedia = await SaveMediaUnitsAsync(actor, pendingMedia, cancellationToken);
            return new XliffImport(current, false, onlyMedia, unchangedMedia);
        }

        if (title is null)
        {
            errors.Add(new ImportError(file, null, $"unit title has no target and there is no {parsed.Target} version yet to take a title from"));
        }
        else if (title.Length > MaxTitleLength)
        {
            errors.Add(new ImportError(file, null, $"unit title: the target is longer than {MaxTitleLength} characters"));
        }

        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        var (body, links) = Compose(original, sourceSegments, targets, current?.Work ?? current);
        summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim();
        var now = Now();
        // Into the text under work: a working copy when the version has been live, whose live text stays as it is.
        var note = $"Imported from XLIFF {Path.GetFileName(file)}.";
        var previous = current?.Work ?? current;
        var work = current is null
            ? new LanguageVersion { Language = parsed.Target, Title = title!, Summary = summary, Body = body, State = VersionState.Draft, Revision = 1, LastRevision = 1, Author = actor.Name, Note = note }
            : NewWork(current, actor, note, now) with { Title = title!, Summary = summary, Body = body };
        work = work with { Fields = fields ?? Document.EmptyFields };
        work = Segmentation.WithSegments(work with { SourceRevision = original.Revision, UpdatedAt = now }, previous);
        work = work with
        {
            Links = work.Segments.Count == links.Count
                ? [.. work.Segments.Select((s, i) => links[i] with { Id = s.Id })]
                : Segmentation.WithLinks(work, previous, original).Links,
        };
        var next = current is null ? work : PlaceWork(current, work);
        var fieldsTaken = fieldUnits.Count(u => u.Target is not null);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"revision {work.Revision}{(next.Working is null ? "" : " (working copy)")} from XLIFF {Path.GetFileName(file)}: {targets.Count} of {sourceSegments.Count} segments{(fieldsTaken > 0 ? $", {fieldsTaken} field value(s)" : "")}");
        var written = await WriteAsync(actor, document.Slug, current, next, "version.import-xliff", detail, now, cancellationToken);
        var media = await SaveMediaUnitsAsync(actor, pendingMedia, cancellationToken);
        return new XliffImport(written, true, media, unchangedMedia);
    }

    /// <summary>
    /// The version's field values after the file's field units (<c>field-KEY</c>, written by <see cref="XliffWriter"/>):
    /// <paramref name="kept"/> (the text's values now) with each taken target in place, checked as
    /// <see cref="VersionEdit.Fields"/> is (<see cref="Sections.StructureEditor.CheckVersionFields"/>). A unit whose key
    /// is not a translatable field of the document's kind, or whose source is no longer the original's value, is a
    /// problem added to <paramref name="errors"/>; a unit left (no target, or still <c>initial</c>) keeps the value.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> FieldValuesAsync(
        string file, Document document, LanguageTag target, LanguageVersion original, IReadOnlyDictionary<string, string>? kept, List<XliffUnit> units,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        if (units.Count == 0)
        {
            return kept ?? Document.EmptyFields;
        }

        var structure = store is IStructureStore structures ? await structures.LoadStructureAsync(cancellationToken) : Sections.SiteStructure.Empty;
        var kind = structure.Kind(document.Kind);
        // Values kept for keys the kind no longer has stay as they are (not shown), as the store keeps them.
        var values = new Dictionary<string, string>(kept ?? Document.EmptyFields, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var key = unit.Id[XliffWriter.FieldUnitPrefix.Length..];
            if (kind?.Field(key) is not { Translatable: true } field)
            {
                errors.Add(new ImportError(file, unit.Line, kind is null
                    ? $"unit {unit.Id}: \"{document.Slug}\" has no kind now, so no fields; export the document again"
                    : $"unit {unit.Id}: kind \"{kind.Key}\" has no translated field \"{key}\" now; export the document again"));
                continue;
            }

            if (!original.Fields.TryGetValue(key, out var source) || source != unit.Source.Trim())
            {
                errors.Add(new ImportError(file, unit.Line, original.Fields.ContainsKey(key)
                    ? $"the source of unit {unit.Id} changed since export (the original's {key} is now different); export the document again"
                    : $"unit {unit.Id}: the original has no {key} now; export the document again"));
                continue;
            }

            if (unit.Target is not { } taken)
            {
                continue;
            }

            if (Sections.FieldValues.Check(field, taken, out var value) is { } problem)
            {
                errors.Add(new ImportError(file, unit.Line, $"unit {unit.Id}: {problem}"));
                continue;
            }

            values[key] = value;
        }

        if (errors.Count == 0)
        {
            try
            {
                // The rule VersionEdit.Fields goes through, for the values this file gives.
                var given = values.Where(v => kind?.Field(v.Key) is { Translatable: true }).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                foreach (var (key, value) in Sections.StructureEditor.CheckVersionFields(structure, document.Slug, target, document.Kind, given))
                {
                    values[key] = value;
                }
            }
            catch (Sections.StructureException e)
            {
                errors.Add(new ImportError(file, null, e.Message));
            }
        }

        return values;
    }

    /// <summary>
    /// The body made of the targets: the original's Markdown with each segment's text replaced by its target (or the
    /// current translation's text for a unit with no target), so its structure stays (heading levels, tight or loose
    /// lists, nesting, quotes, code blocks, tables, reference definitions); a segment with neither is taken out. A link
    /// for each segment of the result (ids still to be set).
    /// </summary>
    private static (string Body, List<SegmentLink> Links) Compose(
        LanguageVersion original, IReadOnlyList<Segment> sourceSegments, Dictionary<string, string> targets, LanguageVersion? current)
    {
        var places = SegmentPlaces.Find(original.Body, sourceSegments);
        if (places is null)
        {
            return ComposeFlat(original, sourceSegments, targets, current);
        }

        var kept = KeptTexts(current);
        var body = new StringBuilder();
        var links = new List<SegmentLink>();
        var cursor = 0;
        for (var i = 0; i < sourceSegments.Count; i++)
        {
            var (id, hash) = (original.Segments[i].Id, original.Segments[i].Hash);
            var place = places[i];
            if (Chosen(id, hash, targets, kept) is not (var text, var link))
            {
                // Nothing translates it: its original text must not appear in the translation.
                if (place.DropStart >= cursor)
                {
                    body.Append(original.Body, cursor, place.DropStart - cursor);
                    cursor = Math.Max(cursor, place.DropEnd);
                }

                continue;
            }

            var piece = Fit(text.Trim(), place);
            body.Append(original.Body, cursor, place.Start - cursor).Append(piece);
            cursor = place.End;
            links.AddRange(Enumerable.Repeat(link, Math.Max(1, Segmenter.Split(piece).Count)));
        }

        body.Append(original.Body, cursor, original.Body.Length - cursor);
        var composed = body.ToString().Trim('\n');
        return (composed.Length == 0 ? "" : composed + "\n", links);
    }

    /// <summary>A segment's new text shaped for its place: one line in a heading or a table cell; further lines marked as the first one's container needs.</summary>
    private static string Fit(string text, SegmentPlace place)
    {
        if (place.Kind is SegmentKind.Heading or SegmentKind.TableCell)
        {
            return OneLine().Replace(text, " ");
        }

        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }

        var lines = text.Split('\n');
        var result = new StringBuilder(lines[0]);
        foreach (var line in lines.Skip(1))
        {
            result.Append('\n').Append(line.Length == 0 ? place.Continuation.TrimEnd() : place.Continuation).Append(line);
        }

        return result.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\\|[ \t]+)?\n\s*")]
    private static partial System.Text.RegularExpressions.Regex OneLine();

    /// <summary>The body made of the targets one after the other, for an original whose segments cannot be placed in its Markdown.</summary>
    private static (string Body, List<SegmentLink> Links) ComposeFlat(
        LanguageVersion original, IReadOnlyList<Segment> sourceSegments, Dictionary<string, string> targets, LanguageVersion? current)
    {
        var kept = KeptTexts(current);
        var levels = HeadingLevels(original.Body);
        var headings = 0;
        var body = new StringBuilder();
        var links = new List<SegmentLink>();
        for (var i = 0; i < sourceSegments.Count; i++)
        {
            var (id, hash) = (original.Segments[i].Id, original.Segments[i].Hash);
            var kind = sourceSegments[i].Kind;
            var level = kind == SegmentKind.Heading ? levels.ElementAtOrDefault(headings++) : 0;
            if (Chosen(id, hash, targets, kept) is not (var text, var link))
            {
                continue;
            }

            var prefix = kind switch
            {
                SegmentKind.Heading => new string('#', Math.Clamp(level, 1, 6)) + " ",
                SegmentKind.ListItem => "- ",
                _ => "",
            };
            var piece = prefix + (kind is SegmentKind.Heading or SegmentKind.ListItem ? string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries)) : text);
            if (body.Length > 0)
            {
                body.Append("\n\n");
            }

            body.Append(piece);
            links.AddRange(Enumerable.Repeat(link, Math.Max(1, Segmenter.Split(piece).Count)));
        }

        return (body.Length == 0 ? "" : body.Append('\n').ToString(), links);
    }

    /// <summary>
    /// What translates the original's segment <paramref name="id"/>: the file's target (linked to the segment as it is
    /// now), else the current translation's text with its link, else nothing.
    /// </summary>
    private static (string Text, SegmentLink Link)? Chosen(
        string id, string hash, Dictionary<string, string> targets, Dictionary<string, (string Text, SegmentLink Link)> kept) =>
        targets.TryGetValue(id, out var target) ? (target, new SegmentLink("", id, hash))
        : kept.TryGetValue(id, out var old) ? old
        : null;

    /// <summary>The current translation's text and link for each original segment id it translates.</summary>
    private static Dictionary<string, (string Text, SegmentLink Link)> KeptTexts(LanguageVersion? current)
    {
        var result = new Dictionary<string, (string, SegmentLink)>(StringComparer.Ordinal);
        if (current is null)
        {
            return result;
        }

        var segments = Segmenter.Split(current.Body);
        if (segments.Count != current.Segments.Count)
        {
            return result;
        }

        var places = SegmentPlaces.Find(current.Body, segments);
        var texts = current.Segments.Select((s, i) => (s.Id, Text: places?[i].Text ?? segments[i].Text)).ToDictionary(p => p.Id, p => p.Text, StringComparer.Ordinal);
        foreach (var link in current.Links)
        {
            if (texts.TryGetValue(link.Id, out var text))
            {
                result.TryAdd(link.SourceId, (text, link));
            }
        }

        return result;
    }

    private static List<int> HeadingLevels(string markdown) =>
        [.. Markdig.Markdown.Parse(markdown, new MarkdownPipelineBuilder().UsePipeTables().Build()).Descendants<HeadingBlock>()
            .Where(h => h.Inline is { } inline && inline.Span.Length > 0).Select(h => h.Level)];
}
