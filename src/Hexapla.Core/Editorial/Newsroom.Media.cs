using System.Xml.Linq;
using Hexapla.Accounts;
using Hexapla.Content;
using Hexapla.Interchange;
using Hexapla.Interchange.Xliff;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Storage;
using Hexapla.Translation;
using Hexapla.Translation.MachineTranslation;

namespace Hexapla.Editorial;

/// <summary>What an XLIFF import did.</summary>
/// <param name="Version">The target version as stored afterwards; null only when the file took media texts alone and
/// there is no version in its language yet.</param>
/// <param name="DocumentWritten">True when a new revision of the version was saved (the file took some of the
/// document's own units); false when it took media texts only.</param>
/// <param name="MediaTaken">The media units whose targets were saved, by unit id (<c>media-12-alt</c>).</param>
/// <param name="MediaUnchanged">The media units taken whose targets were already the current translation: nothing to save.</param>
public sealed record XliffImport(LanguageVersion? Version, bool DocumentWritten, IReadOnlyList<string> MediaTaken, IReadOnlyList<string> MediaUnchanged);

/// <summary>What a machine fill of media texts did.</summary>
/// <param name="Filled">The unit ids (<c>media-12-alt</c>) given machine output, marked <see cref="MediaText.Machine"/>.</param>
public sealed record MediaMachineFill(IReadOnlyList<string> Filled);

public sealed partial class Newsroom
{
    /// <summary>The media library over the same store, when the store keeps media (every SQL store does).</summary>
    private MediaLibrary? Media => store is IMediaStore media ? new MediaLibrary(media, clock) : null;

    /// <summary>
    /// The media items the newest text of <paramref name="document"/>'s original uses (its working copy while a
    /// correction is under way), in order of first use; items since deleted are left out.
    /// </summary>
    public Task<IReadOnlyList<MediaItem>> MediaUsedAsync(Document document, CancellationToken cancellationToken = default) =>
        MediaSegments.UsedByAsync(store as IMediaStore, document, cancellationToken);

    /// <summary>
    /// The XLIFF file a translator gets for <paramref name="document"/> into <paramref name="target"/>: the newest texts
    /// (working copies over live text, which is what an import is checked against and goes into), and a unit per text
    /// of each media item the original uses (<see cref="XliffWriter.Write(Document, LanguageTag, IReadOnlyList{MediaItem})"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The document has no original version, or the target is its original language.</exception>
    public async Task<XDocument> ExportXliffAsync(Document document, LanguageTag target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var newest = document.Newest();
        return XliffWriter.Write(newest, target, await MediaUsedAsync(newest, cancellationToken), await XliffFieldSource.LoadAsync(store, newest, target, cancellationToken));
    }

    /// <summary>
    /// Fills the missing <paramref name="language"/> texts of the media items the original of <paramref name="slug"/>
    /// uses with <paramref name="translator"/>'s output of the item's original texts, marked as machine output
    /// (<see cref="MediaText.Machine"/>; such texts do not feed the memory). Texts already there, current or outdated,
    /// are kept.
    /// </summary>
    /// <remarks>The service is asked once, before anything is written; when it fails nothing is stored.</remarks>
    /// <exception cref="EditorialException">NotFound for no such document; Forbidden when the actor may not edit the
    /// translation; Invalid for the original's own language.</exception>
    /// <exception cref="MediaException">The library refused a text (a language the actor may not write).</exception>
    /// <exception cref="MachineTranslationException">The service failed; nothing was stored.</exception>
    public async Task<MediaMachineFill> FillMediaTextsByMachineAsync(
        User actor, string slug, LanguageTag language, IMachineTranslator translator, CancellationToken cancellationToken = default)
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

        var library = Media;
        var missing = new List<(MediaItem Item, MediaField Field, string Source)>();
        foreach (var item in await MediaUsedAsync(document, cancellationToken))
        {
            if (!actor.CanEditMediaText(item.OriginalLanguage, language))
            {
                continue;
            }

            missing.AddRange(MediaSegments.FieldsToTranslate(item, language)
                .Where(f => item.TextIn(f, language) is null)
                .Select(f => (item, f, item.TextIn(f, item.OriginalLanguage)!.Text)));
        }

        if (library is null || missing.Count == 0)
        {
            return new MediaMachineFill([]);
        }

        var filled = new List<string>();
        // One request per source language (items may have been uploaded in different languages).
        foreach (var group in missing.GroupBy(m => m.Item.OriginalLanguage))
        {
            var list = group.ToList();
            var output = await translator.TranslateAsync([.. list.Select(m => m.Source)], group.Key, language, cancellationToken);
            if (output.Count != list.Count)
            {
                throw new MachineTranslationException($"{translator.Name} answered {output.Count} translations for {list.Count} texts.");
            }

            foreach (var byItem in list.Select((m, i) => (m.Item, m.Field, Text: OneLineOf(output[i]))).Where(m => m.Text.Length > 0).GroupBy(m => m.Item.Id))
            {
                _ = await library.SetTextsAsync(actor, byItem.Key, [.. byItem.Select(m => new MediaText(language, m.Field, m.Text, Machine: true))], cancellationToken);
                filled.AddRange(byItem.Select(m => MediaSegments.UnitId(m.Item.Id, m.Field)));
            }
        }

        return new MediaMachineFill(filled);
    }

    // A service may answer with line breaks; a media text is one line.
    private static string OneLineOf(string text)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(' ', words);
        return joined.Length > MediaLibrary.MaxTextLength ? joined[..MediaLibrary.MaxTextLength] : joined;
    }

    /// <summary>
    /// Checks the media units of an XLIFF file against the items the original uses now: the id names an item and a
    /// field it has, the item is still used, the source is still the item's text in the file's source language, the
    /// actor may write the target language's texts, and the target is one line of plain text short enough. Returns the
    /// texts to save by item, and the unit ids already current; problems go to <paramref name="errors"/>.
    /// </summary>
    private async Task<(Dictionary<long, List<(string Unit, MediaText Text)>> Pending, List<string> Unchanged)> CheckMediaUnitsAsync(
        User actor, XliffDocument parsed, Document document, List<XliffUnit> units, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<long, List<(string, MediaText)>>();
        var unchanged = new List<string>();
        if (units.Count == 0)
        {
            return (pending, unchanged);
        }

        var file = parsed.FileName;
        var used = (await MediaUsedAsync(document, cancellationToken)).ToDictionary(i => i.Id);
        foreach (var unit in units)
        {
            if (!MediaSegments.TryParseUnitId(unit.Id, out var id, out var field))
            {
                errors.Add(new ImportError(file, unit.Line, $"unit {unit.Id}: not a media unit Hexapla writes (media-ID-title, media-ID-alt or media-ID-caption); keep the unit ids as exported"));
                continue;
            }

            if (!used.TryGetValue(id, out var item))
            {
                errors.Add(new ImportError(file, unit.Line, $"unit {unit.Id}: the {document.OriginalLanguage} original of \"{document.Slug}\" no longer uses media item {id} (taken out or deleted since export); export the document again"));
                continue;
            }

            if (item.OriginalLanguage == parsed.Target)
            {
                errors.Add(new ImportError(file, unit.Line, $"unit {unit.Id}: {parsed.Target} is the original language of media item {id}; its texts are changed in the media library, not by a translation"));
                continue;
            }

            if (!MediaSegments.FieldsToTranslate(item, parsed.Target).Contains(field) || item.TextIn(field, parsed.Source) is not { } source)
            {
                errors.Add(new ImportError(file, unit.Line, $"unit {unit.Id}: media item {id} has no {field.Name()} in {parsed.Source} to translate now; export the document again"));
                continue;
            }

            if (Segmenter.Hash(unit.Source.Trim()) != Segmenter.Hash(source.Text))
            {
                errors.Add(new ImportError(file, unit.Line, $"the source of unit {unit.Id} changed since export (the {field.Name()} of media item {id} in {parsed.Source} is now different); export the document again and carry the translation over"));
                continue;
            }

            if (unit.Target is not { } target)
            {
                continue;
            }

            if (!actor.CanEditMediaText(item.OriginalLanguage, parsed.Target))
            {
                errors.Add(new ImportError(file, unit.Line, $"unit {unit.Id}: {actor.Name} may not write the {parsed.Target} texts of media item {id}"));
                continue;
            }

            if (target.Contains('\n', StringComparison.Ordinal) || target.Contains('\r', StringComparison.Ordinal))
            {
                errors.Add(new ImportError(file, unit.Line, $"unit {unit.Id}: the target has a line break; a media {field.Name()} is one line of plain text"));
                continue;
            }

            if (target.Length > MediaLibrary.MaxTextLength)
            {
                errors.Add(new ImportError(file, unit.Line, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"unit {unit.Id}: the target is {target.Length} characters long; a media {field.Name()} has at most {MediaLibrary.MaxTextLength}")));
                continue;
            }

            if (item.TextIn(field, parsed.Target) is { Machine: false } current && current.Text == target && !item.IsOutdated(current))
            {
                unchanged.Add(unit.Id);
                continue;
            }

            if (!pending.TryGetValue(id, out var list))
            {
                pending[id] = list = [];
            }

            list.Add((unit.Id, new MediaText(parsed.Target, field, target, UpdatedBy: actor.Name)));
        }

        return (pending, unchanged);
    }

    /// <summary>Saves checked media texts through the library, item by item; the unit ids saved.</summary>
    private async Task<List<string>> SaveMediaUnitsAsync(User actor, Dictionary<long, List<(string Unit, MediaText Text)>> pending, CancellationToken cancellationToken)
    {
        var saved = new List<string>();
        if (pending.Count == 0)
        {
            return saved;
        }

        var library = Media ?? throw new InvalidOperationException("The store keeps no media, yet media units were checked against it.");
        foreach (var (id, texts) in pending)
        {
            _ = await library.SetTextsAsync(actor, id, [.. texts.Select(t => t.Text)], cancellationToken);
            saved.AddRange(texts.Select(t => t.Unit));
        }

        return saved;
    }
}
