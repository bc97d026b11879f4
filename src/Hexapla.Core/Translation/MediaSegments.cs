using System.Globalization;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Hexapla.Translation;

/// <summary>How the text of one field of a media item stands in one language, for the matrix and the translation screen.</summary>
public enum MediaTextState
{
    /// <summary>The language is the item's original: its texts are the source of the others.</summary>
    Original,

    /// <summary>No text in that language (pages fall back to the original's, marked with its language).</summary>
    Missing,

    /// <summary>A translation made from an original text that has changed since (<see cref="MediaItem.IsOutdated"/>).</summary>
    Outdated,

    /// <summary>A translation of the original's current text.</summary>
    Current,
}

/// <summary>One media text to translate: a field of an item, its text in the source language and the translation, if any.</summary>
/// <param name="Item">The item.</param>
/// <param name="Field">Title, alt text or caption.</param>
/// <param name="Source">The text in the source language (never null: a field without one is no segment).</param>
/// <param name="Target">The text in the target language, or null when there is none.</param>
/// <param name="State">How the target stands.</param>
public sealed record MediaSegment(MediaItem Item, MediaField Field, MediaText Source, MediaText? Target, MediaTextState State)
{
    /// <summary>The XLIFF unit id: <c>media-{ID}-{field}</c>, e.g. <c>media-12-alt</c>.</summary>
    public string UnitId => MediaSegments.UnitId(Item.Id, Field);
}

/// <summary>
/// The alt texts, captions and titles of media items as segments of the translation workflow: their XLIFF unit ids,
/// their state per language, what a translator is told about them, and the memory pairs they make.
/// </summary>
/// <remarks>
/// A media text is translated from the item's text in the source language (the document's original language in an
/// XLIFF file); a field the item has no text for in that language is no segment. The item's original language never
/// gets a segment: its texts are the source every translation's <see cref="MediaText.SourceHash"/> points at, and are
/// written in the media library, not by a translation.
/// </remarks>
public static class MediaSegments
{
    /// <summary>What every media unit id starts with; no segment id of a document does (those are <c>s</c> and digits).</summary>
    public const string UnitPrefix = "media-";

    /// <summary>The fields in the order units are written: title, alt text, caption.</summary>
    public static IReadOnlyList<MediaField> Fields { get; } = [MediaField.Title, MediaField.Alt, MediaField.Caption];

    /// <summary>The unit id of <paramref name="field"/> of item <paramref name="id"/>: <c>media-12-alt</c>.</summary>
    public static string UnitId(long id, MediaField field) => string.Create(CultureInfo.InvariantCulture, $"{UnitPrefix}{id}-{field.Name()}");

    /// <summary>True when <paramref name="unitId"/> is in the media units' namespace (valid or not).</summary>
    public static bool IsUnitId(string? unitId) => unitId is not null && unitId.StartsWith(UnitPrefix, StringComparison.Ordinal);

    /// <summary>The item and field of a unit id written by <see cref="UnitId"/>; false for anything else (<c>media-x-alt</c>, <c>media-12-colour</c>).</summary>
    public static bool TryParseUnitId(string? unitId, out long id, out MediaField field)
    {
        id = 0;
        field = default;
        if (!IsUnitId(unitId))
        {
            return false;
        }

        var rest = unitId!.AsSpan(UnitPrefix.Length);
        var dash = rest.IndexOf('-');
        return dash > 0
            && MediaReferences.TryParse(MediaReferences.Scheme + rest[..dash].ToString(), out id)
            && MediaNames.TryParseField(rest[(dash + 1)..].ToString(), out field);
    }

    /// <summary>
    /// The media items the newest text of <paramref name="document"/>'s original uses (its working copy while a
    /// correction is under way), in order of first use; items since deleted are left out, and a store that keeps no
    /// media (null) gives none.
    /// </summary>
    public static async Task<IReadOnlyList<MediaItem>> UsedByAsync(IMediaStore? store, Content.Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var ids = MediaReferences.In(document.Version(document.OriginalLanguage)?.Latest.Body);
        if (ids.Count == 0 || store is null)
        {
            return [];
        }

        var found = await store.FindMediaAsync(ids, cancellationToken);
        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    /// <summary>
    /// The ids of the images <paramref name="markdown"/> shows without an alt text of its own (<c>![](media:ID)</c>,
    /// not <c>![Words](media:ID)</c>): those whose alt text comes from the item, in order of first use.
    /// </summary>
    public static IReadOnlyList<long> ImagesTakingAltFromItem(string? markdown)
    {
        if (MediaReferences.In(markdown).Count == 0)
        {
            return [];
        }

        var ids = new List<long>();
        var document = Markdig.Markdown.Parse(markdown!, Content.MarkdownRenderer.Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.IsImage && MediaReferences.TryParse(link.Url, out var id) && !ids.Contains(id)
                && string.IsNullOrWhiteSpace(string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()))))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>How <paramref name="field"/> of <paramref name="item"/> stands in <paramref name="language"/>.</summary>
    public static MediaTextState StateOf(MediaItem item, MediaField field, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(language);
        if (language == item.OriginalLanguage)
        {
            return MediaTextState.Original;
        }

        return item.TextIn(field, language) is not { } text ? MediaTextState.Missing
            : item.IsOutdated(text) ? MediaTextState.Outdated
            : MediaTextState.Current;
    }

    /// <summary>
    /// The fields of <paramref name="item"/> the item's original has a text for (alt text only for images), as
    /// <paramref name="language"/> has them; empty for the item's own original language.
    /// </summary>
    public static IReadOnlyList<MediaField> FieldsToTranslate(MediaItem item, LanguageTag language)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(language);
        return language == item.OriginalLanguage
            ? []
            : [.. Fields.Where(f => (f != MediaField.Alt || item.Kind == MediaKind.Image) && item.TextIn(f, item.OriginalLanguage) is not null)];
    }

    /// <summary>
    /// The segments of <paramref name="items"/> from <paramref name="source"/> into <paramref name="target"/>, item by
    /// item in the given order, fields in <see cref="Fields"/> order. Items whose original language is
    /// <paramref name="target"/> and fields without a text in <paramref name="source"/> give none.
    /// </summary>
    public static IReadOnlyList<MediaSegment> Of(IEnumerable<MediaItem> items, LanguageTag source, LanguageTag target)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var result = new List<MediaSegment>();
        foreach (var item in items)
        {
            foreach (var field in FieldsToTranslate(item, target))
            {
                if (item.TextIn(field, source) is { } text)
                {
                    result.Add(new MediaSegment(item, field, text, item.TextIn(field, target), StateOf(item, field, target)));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// What a translator is told about a segment, in English like every XLIFF note Hexapla writes:
    /// <c>alt text of image 12 (photo.jpg): read out to readers who cannot see the image; one line of plain text</c>.
    /// </summary>
    public static string Describe(MediaItem item, MediaField field)
    {
        ArgumentNullException.ThrowIfNull(item);
        var what = field switch
        {
            MediaField.Alt => "alt text",
            MediaField.Caption => "caption",
            _ => "title",
        };
        var purpose = field switch
        {
            MediaField.Alt => "read out to readers who cannot see the image",
            MediaField.Caption => item.Kind == MediaKind.Image ? "shown under the image" : "shown beside the link to the file",
            _ => item.Kind == MediaKind.Image ? "names the image in the media library" : "names the file in the media library and in links with no text of their own",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} of {item.Kind.Name()} {item.Id} ({item.Original.FileName}): {purpose}; one line of plain text, at most {MediaLibrary.MaxTextLength} characters");
    }

    /// <summary>
    /// The translation memory pairs of <paramref name="item"/>: each translation (not machine output) of the original's
    /// current text, paired with that text; origin <c>media ID FIELD</c>. With <paramref name="only"/>, just the
    /// languages and fields named there (the texts just saved).
    /// </summary>
    public static IReadOnlyList<MemoryUnit> MemoryUnits(MediaItem item, DateTimeOffset now, IEnumerable<MediaText>? only = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var wanted = only?.Select(t => (t.Language, t.Field)).ToHashSet();
        var result = new List<MemoryUnit>();
        foreach (var text in item.Texts)
        {
            if ((wanted is not null && !wanted.Contains((text.Language, text.Field))) || text.Language == item.OriginalLanguage || text.Machine || item.IsOutdated(text) || item.TextIn(text.Field, item.OriginalLanguage) is not { } source)
            {
                continue;
            }

            result.Add(new MemoryUnit(item.OriginalLanguage, text.Language, source.Text, text.Text,
                string.Create(CultureInfo.InvariantCulture, $"media {item.Id} {text.Field.Name()}"), now));
        }

        return result;
    }
}
