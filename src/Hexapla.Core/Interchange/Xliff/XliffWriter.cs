using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Sections;
using Hexapla.Translation;

namespace Hexapla.Interchange.Xliff;

/// <summary>
/// Writes one XLIFF 2.0 document for one document and language pair: a unit per segment of the original (its id the
/// segment id), the title as unit <c>title</c> and the summary (when there is one) as unit <c>summary</c>, and a target
/// wherever the translation has a segment linked to it.
/// </summary>
/// <remarks>
/// The source language is always the document's original language: XLIFF units are matched back by the original's
/// segment ids and fingerprints. A target made from an older text of the original is written with state
/// <c>initial</c> and a note saying so; one up to date with state <c>translated</c>. Text is plain text and Markdown
/// structure inline codes (<see cref="XliffInline"/>); the title and the summary are plain text without codes. The
/// output is the same bytes for the same document, so an unchanged import followed by an export gives the same file.
/// </remarks>
public static class XliffWriter
{
    /// <summary>The XLIFF 2.0 core namespace.</summary>
    public static readonly XNamespace Ns = "urn:oasis:names:tc:xliff:document:2.0";

    /// <summary>The media type of XLIFF files.</summary>
    public const string MediaType = "application/xliff+xml";

    /// <summary>The unit id of the title.</summary>
    public const string TitleUnit = "title";

    /// <summary>The unit id of the summary, written when the original has one.</summary>
    public const string SummaryUnit = "summary";

    /// <summary>The note text on a target made from an older text of its source.</summary>
    public const string OutdatedNote = "source changed since translated";

    /// <summary>The start of the unit id of a translatable field's value: <c>field-speaker</c>.</summary>
    public const string FieldUnitPrefix = "field-";

    /// <summary>The note text on a media text's target that machine translation wrote and nobody has checked.</summary>
    public const string MachineNote = "machine translation, not checked";

    /// <summary>The XLIFF document for <paramref name="document"/> into <paramref name="target"/> (which may not exist yet).</summary>
    /// <exception cref="ArgumentException">The document has no original version, or the target is its original language.</exception>
    public static XDocument Write(Document document, LanguageTag target) => Write(document, target, []);

    /// <summary>
    /// The XLIFF document for <paramref name="document"/> into <paramref name="target"/>, followed by a unit for each
    /// text of the media items the original uses (<paramref name="media"/>, in order of first use; see
    /// <see cref="MediaSegments.Of"/>).
    /// </summary>
    /// <remarks>
    /// A media unit's id is <c>media-{ID}-{field}</c> (<c>media-12-alt</c>); its notes say what it is (<c>kind</c>:
    /// <c>media title</c>, <c>media alt</c> or <c>media caption</c>; <c>description</c>: which item and what the text is
    /// for). Source and target are plain text, like the title's. A target made from an older text of the item's original
    /// is written <c>initial</c> with the outdated note, like a segment's; unchecked machine output <c>initial</c> with
    /// <see cref="MachineNote"/>. With no media the bytes are exactly those of
    /// <see cref="Write(Document, LanguageTag)"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The document has no original version, or the target is its original language.</exception>
    public static XDocument Write(Document document, LanguageTag target, IReadOnlyList<MediaItem> media) => Write(document, target, media, null);

    /// <summary>
    /// As <see cref="Write(Document, LanguageTag, IReadOnlyList{MediaItem})"/>, with a unit for each translatable field of
    /// the document's kind that the original has a value for (<paramref name="fields"/>; null or a document without a
    /// kind: none), after the title and the summary.
    /// </summary>
    /// <remarks>
    /// A field unit's id is <see cref="FieldUnitPrefix"/> and the field's key (<c>field-speaker</c>); its source is the
    /// original's value, its target the translation's (plain text, like the title's); its notes say it is a field
    /// (<c>kind</c>: <c>field</c>), its label in the target language (<c>label</c>, falling back to the source language,
    /// then the key) and its type (<c>type</c>: <c>text</c>). A target whose source value changed since the translation
    /// was made (<see cref="XliffFieldSource.OriginalAtSource"/> differs from the original's value now, or is not known)
    /// is written <c>initial</c> with <see cref="OutdatedNote"/>, as an outdated segment is.
    /// </remarks>
    /// <exception cref="ArgumentException">The document has no original version, or the target is its original language.</exception>
    public static XDocument Write(Document document, LanguageTag target, IReadOnlyList<MediaItem> media, XliffFieldSource? fields)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(target);
        var original = document.Version(document.OriginalLanguage)
            ?? throw new ArgumentException($"\"{document.Slug}\" has no {document.OriginalLanguage} original version.", nameof(document));
        if (target == document.OriginalLanguage)
        {
            throw new ArgumentException($"{target} is the original language of \"{document.Slug}\"; choose another target.", nameof(target));
        }

        var translation = document.Version(target);
        var sourceSegments = Segmenter.Split(original.Body);
        var refs = original.Segments.Count == sourceSegments.Count
            ? original.Segments
            : Segmentation.AssignIds([], [.. sourceSegments.Select(s => s.Hash)]);
        var targets = TargetTexts(translation);

        var units = new List<XElement> { PlainElement(TitleUnit, original.Title, translation is null ? null : translation.Title) };
        if (!string.IsNullOrWhiteSpace(original.Summary))
        {
            units.Add(PlainElement(SummaryUnit, original.Summary, string.IsNullOrWhiteSpace(translation?.Summary) ? null : translation.Summary));
        }

        if (fields is not null && fields.Kind.Key == document.Kind)
        {
            units.AddRange(FieldUnits(fields, original, translation, document.OriginalLanguage, target));
        }

        // Text of further lines without the quote markers around it: the translator sees the words only.
        var places = SegmentPlaces.Find(original.Body, sourceSegments);
        if (places is not null)
        {
            sourceSegments = [.. sourceSegments.Select((s, i) => s with { Text = places[i].Text })];
        }

        var definitions = XliffInline.Definitions(original.Body);
        var targetDefinitions = translation is null ? null : XliffInline.Definitions(translation.Body);
        for (var i = 0; i < sourceSegments.Count; i++)
        {
            var (id, hash) = (refs[i].Id, refs[i].Hash);
            units.Add(Unit(id, sourceSegments[i], targets.TryGetValue(id, out var translated) ? translated : null, hash, definitions, targetDefinitions));
        }

        units.AddRange(MediaSegments.Of(media, document.OriginalLanguage, target).Select(MediaUnit));

        var revision = original.Revision.ToString(CultureInfo.InvariantCulture);
        var file = new XElement(Ns + "file",
            new XAttribute("id", document.Slug),
            new XAttribute("original", document.Slug),
            new XElement(Ns + "notes",
                new XElement(Ns + "note", new XAttribute("id", "title"), new XAttribute("category", "title"), original.Title),
                new XElement(Ns + "note", new XAttribute("id", "slug"), new XAttribute("category", "slug"), document.Slug),
                new XElement(Ns + "note", new XAttribute("id", "source-revision"), new XAttribute("category", "source-revision"), revision)),
            units);
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Ns + "xliff",
                new XAttribute("version", "2.0"),
                new XAttribute("srcLang", document.OriginalLanguage.Value),
                new XAttribute("trgLang", target.Value),
                file));
    }

    /// <summary>The document as UTF-8 bytes, with an XML declaration, its structure indented.</summary>
    /// <remarks>
    /// Only the structure is indented (a line per unit, segment, note…): the content of <c>source</c>, <c>target</c>,
    /// <c>note</c> and <c>data</c> is written exactly, since white space there is text (<c>xml:space="preserve"</c>).
    /// An XmlWriter with <c>Indent</c> would put a line break and spaces into a source that starts with a code.
    /// </remarks>
    public static byte[] ToBytes(XDocument xliff)
    {
        ArgumentNullException.ThrowIfNull(xliff);
        var root = new XElement(xliff.Root!);
        Indent(root, 0);
        using var stream = new MemoryStream();
        using (var writer = XmlOutput.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            writer.WriteWhitespace("\n");
            root.WriteTo(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    // Elements whose children are elements only: a line break and indentation between them is not text.
    private static readonly HashSet<string> Structure = new(["xliff", "file", "notes", "unit", "originalData", "segment", "ignorable", "group"], StringComparer.Ordinal);

    private static void Indent(XElement element, int depth)
    {
        if (element.Name.Namespace != Ns || !Structure.Contains(element.Name.LocalName) || !element.HasElements || element.Nodes().Any(n => n is XText))
        {
            return;
        }

        foreach (var child in element.Elements().ToList())
        {
            child.AddBeforeSelf(new XText("\n" + new string(' ', 2 * (depth + 1))));
            Indent(child, depth + 1);
        }

        element.Add(new XText("\n" + new string(' ', 2 * depth)));
    }

    /// <summary>The file name for a document and target: <c>SLUG.SOURCE-TARGET.xlf</c>.</summary>
    public static string FileName(Document document, LanguageTag target)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(target);
        return $"{document.Slug}.{document.OriginalLanguage.Value}-{target.Value}.xlf";
    }

    /// <summary>The text of each segment of a translation, by the id of the original's segment it translates, with whether it is up to date.</summary>
    private static Dictionary<string, (string Text, string SourceHash)> TargetTexts(LanguageVersion? translation)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (translation is null)
        {
            return result;
        }

        var segments = Segmenter.Split(translation.Body);
        if (segments.Count != translation.Segments.Count)
        {
            return result;
        }

        var places = SegmentPlaces.Find(translation.Body, segments);
        var texts = translation.Segments.Select((s, i) => (s.Id, Text: places?[i].Text ?? segments[i].Text)).ToDictionary(p => p.Id, p => p.Text, StringComparer.Ordinal);
        foreach (var group in translation.Links.GroupBy(l => l.SourceId))
        {
            var parts = group.Where(l => texts.ContainsKey(l.Id)).ToList();
            if (parts.Count > 0)
            {
                // Several segments translating one (a split paragraph) are joined as one target.
                result[group.Key] = (string.Join("\n\n", parts.Select(l => texts[l.Id])), parts[0].SourceHash);
            }
        }

        return result;
    }

    // The title and the summary: plain text, no codes.
    private static XElement PlainElement(string id, string source, string? target)
    {
        var segment = new XElement(Ns + "segment",
            new XAttribute("state", target is null ? "initial" : "translated"),
            new XElement(Ns + "source", source),
            target is null ? null : new XElement(Ns + "target", target));
        return new XElement(Ns + "unit", new XAttribute("id", id),
            new XElement(Ns + "notes", new XElement(Ns + "note", new XAttribute("category", "kind"), id)),
            segment);
    }

    // The translatable fields the original has a value for: plain text like the title, with the field's label and type.
    private static IEnumerable<XElement> FieldUnits(XliffFieldSource fields, LanguageVersion original, LanguageVersion? translation, LanguageTag source, LanguageTag target)
    {
        // Current when the translation was made from the original's revision as it is, or from one with the same value.
        var sameRevision = translation?.SourceRevision == original.Revision;
        foreach (var field in fields.Kind.Fields.Where(f => f.Translatable))
        {
            if (!original.Fields.TryGetValue(field.Key, out var value))
            {
                continue;
            }

            string? translated = null;
            if (translation?.Fields.TryGetValue(field.Key, out var t) == true)
            {
                translated = t;
            }

            var outdated = translated is not null && !sameRevision
                && !(fields.OriginalAtSource is { } then && then.TryGetValue(field.Key, out var was) && was == value);
            var notes = new List<XElement>
            {
                new(Ns + "note", new XAttribute("category", "kind"), "field"),
                new(Ns + "note", new XAttribute("category", "label"), field.LabelFor(target, source).Text),
                new(Ns + "note", new XAttribute("category", "type"), field.Type.Name()),
            };
            if (outdated)
            {
                notes.Add(new XElement(Ns + "note", new XAttribute("category", "status"), OutdatedNote));
            }

            yield return new XElement(Ns + "unit", new XAttribute("id", FieldUnitPrefix + field.Key),
                new XElement(Ns + "notes", notes),
                new XElement(Ns + "segment",
                    new XAttribute("state", translated is null || outdated ? "initial" : "translated"),
                    new XElement(Ns + "source", value),
                    translated is null ? null : new XElement(Ns + "target", translated)));
        }
    }

    // A media text: plain text like the title, its notes saying which item it belongs to and what it is for.
    private static XElement MediaUnit(MediaSegment segment)
    {
        var notes = new List<XElement>
        {
            new(Ns + "note", new XAttribute("category", "kind"), "media " + segment.Field.Name()),
            new(Ns + "note", new XAttribute("category", "description"), MediaSegments.Describe(segment.Item, segment.Field)),
        };
        var outdated = segment.State == MediaTextState.Outdated;
        if (outdated)
        {
            notes.Add(new XElement(Ns + "note", new XAttribute("category", "status"), OutdatedNote));
        }

        // Machine output nobody has checked is a prefill: the translator confirms it in the CAT tool, which clears the mark.
        var machine = segment.Target is { Machine: true };
        if (machine)
        {
            notes.Add(new XElement(Ns + "note", new XAttribute("category", "status"), MachineNote));
        }

        return new XElement(Ns + "unit", new XAttribute("id", segment.UnitId),
            new XElement(Ns + "notes", notes),
            new XElement(Ns + "segment",
                new XAttribute("state", segment.Target is null || outdated || machine ? "initial" : "translated"),
                new XElement(Ns + "source", segment.Source.Text),
                segment.Target is null ? null : new XElement(Ns + "target", segment.Target.Text)));
    }

    private static XElement Unit(string id, Segment source, (string Text, string SourceHash)? translated, string sourceHash, string? definitions, string? targetDefinitions)
    {
        var data = new InlineData();
        var sourceNodes = XliffInline.ToXliff(source.Text, data, null, definitions);
        var reuse = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        var values = new List<(string Id, string Value)>(data.Entries).ToDictionary(e => e.Id, e => e.Value, StringComparer.Ordinal);
        foreach (var code in sourceNodes.OfType<XElement>().SelectMany(e => e.DescendantsAndSelf()))
        {
            var key = code.Name.LocalName == "pc"
                ? XliffInline.ReuseKey(values[(string)code.Attribute("dataRefStart")!], values[(string)code.Attribute("dataRefEnd")!])
                : XliffInline.ReuseKey(values[(string)code.Attribute("dataRef")!], null);
            if (!reuse.TryGetValue(key, out var queue))
            {
                reuse[key] = queue = new Queue<string>();
            }

            queue.Enqueue((string)code.Attribute("id")!);
        }

        var notes = new List<XElement> { new(Ns + "note", new XAttribute("category", "kind"), Kind(source.Kind)) };
        XElement? target = null;
        var state = "initial";
        if (translated is { } t)
        {
            target = new XElement(Ns + "target", XliffInline.ToXliff(t.Text, data, reuse, targetDefinitions));
            var current = t.SourceHash == sourceHash;
            state = current ? "translated" : "initial";
            if (!current)
            {
                notes.Add(new XElement(Ns + "note", new XAttribute("category", "status"), OutdatedNote));
            }
        }

        var originalData = data.Entries.Count == 0
            ? null
            : new XElement(Ns + "originalData", data.Entries.Select(e => new XElement(Ns + "data", new XAttribute("id", e.Id), e.Value)));
        return new XElement(Ns + "unit", new XAttribute("id", id),
            new XElement(Ns + "notes", notes),
            originalData,
            new XElement(Ns + "segment", new XAttribute("state", state),
                new XElement(Ns + "source", new XAttribute(XNamespace.Xml + "space", "preserve"), sourceNodes),
                target is null ? null : new XElement(target.Name, new XAttribute(XNamespace.Xml + "space", "preserve"), target.Nodes())));
    }

    private static string Kind(SegmentKind kind) => kind switch
    {
        SegmentKind.Heading => "heading",
        SegmentKind.ListItem => "list item",
        SegmentKind.TableCell => "table cell",
        _ => "paragraph",
    };
}

/// <summary>What <see cref="XliffWriter"/> needs to write a document's translatable field values as units.</summary>
/// <param name="Kind">The document's kind (its translatable fields, labels and types).</param>
/// <param name="OriginalAtSource">
/// The original's field values at the revision the translation was made from (<see cref="LanguageVersion.SourceRevision"/>):
/// a target whose source value differs from it is outdated. Null when not known (no such revision kept): a translated
/// value is then outdated unless the translation was made from the original's newest revision.
/// </param>
public sealed record XliffFieldSource(DocumentKind Kind, IReadOnlyDictionary<string, string>? OriginalAtSource)
{
    /// <summary>
    /// What <paramref name="document"/> (its newest texts, as exported) needs for its field units into
    /// <paramref name="target"/>: its kind from the store's structure and the original's values at the translation's
    /// source revision. Null when the document has no kind, the kind no translatable field, or the store no structure.
    /// </summary>
    public static async Task<XliffFieldSource?> LoadAsync(Storage.IContentStore store, Document document, LanguageTag target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(target);
        if (document.Kind is null || store is not Storage.IStructureStore structures)
        {
            return null;
        }

        var kind = (await structures.LoadStructureAsync(cancellationToken)).Kind(document.Kind);
        if (kind is null || !kind.Fields.Any(f => f.Translatable))
        {
            return null;
        }

        var original = document.Version(document.OriginalLanguage)?.Latest;
        var translation = document.Version(target)?.Latest;
        if (original is null || translation?.SourceRevision is not { } from || from == original.Revision)
        {
            // Nothing to compare with: no translation, or one made from the original as it is now.
            return new XliffFieldSource(kind, null);
        }

        var history = await store.ListRevisionsAsync(document.Slug, document.OriginalLanguage, cancellationToken);
        return new XliffFieldSource(kind, history.FirstOrDefault(r => r.Revision == from)?.Fields);
    }
}
