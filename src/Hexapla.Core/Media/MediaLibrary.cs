using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Media;

/// <summary>
/// The media library's rules over its store, for the admin, the API and the CLI alike: who may do what (checked first,
/// then the request), what an upload must be, how translated texts remember what they translate. Every refusal is a
/// <see cref="MediaException"/> whose message names the file or item and the reason, and leaves the store as it was.
/// </summary>
public sealed class MediaLibrary(IMediaStore store, TimeProvider clock, MediaInspectionOptions? inspection = null)
{
    /// <summary>The longest title, alt text or caption, in characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The store the library writes.</summary>
    public IMediaStore Store => store;

    /// <summary>Stores an uploaded file as a new item in <paramref name="language"/>, with its first texts.</summary>
    /// <exception cref="MediaException">Refused: not allowed, a bad file, a bad text.</exception>
    public async Task<MediaItem> UploadAsync(
        User user, SpooledFile file, LanguageTag language, IReadOnlyList<MediaText>? texts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(file);
        RequireManage(user);
        var inspected = MediaInspector.Inspect(file, inspection);
        var now = clock.GetUtcNow();
        var checkedTexts = CheckTexts(texts ?? [], inspected.Kind);
        if (checkedTexts.FirstOrDefault(t => t.Language != language) is { } foreign)
        {
            throw new MediaException($"{file.FileName}: a new item's texts are in its own language ({language}); the {foreign.Field.Name()} in {foreign.Language} can be added once it is stored.")
            { Field = $"{foreign.Field.Name()}.{foreign.Language}" };
        }

        // Without a title the library would list the item by nothing: the file's name is a fair start.
        if (!checkedTexts.Any(t => t.Field == MediaField.Title))
        {
            checkedTexts = [.. checkedTexts, new MediaText(language, MediaField.Title, Path.GetFileNameWithoutExtension(file.FileName) is { Length: > 0 } stem ? stem : file.FileName)];
        }

        var stored = new MediaFile(language, file.FileName, inspected.ContentType, file.Size, file.Sha256, inspected.Width, inspected.Height,
            inspected.Text, inspected.TextNote, now, user.Name);
        return await store.CreateMediaAsync(
            new NewMediaItem(inspected.Kind, language, stored, file.Content, checkedTexts),
            new AuditEntry(0, now, user.Name, "media.upload", null, $"{file.FileName} ({inspected.ContentType}, {file.Size} bytes, {language})"),
            cancellationToken);
    }

    /// <summary>Adds or replaces the file of item <paramref name="id"/> in <paramref name="language"/> (the original's when it is the item's language).</summary>
    /// <exception cref="MediaException">Refused: not allowed, no such item, a bad file, or one of another kind than the item's.</exception>
    public async Task<MediaItem> SaveFileAsync(User user, long id, SpooledFile file, LanguageTag language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(file);
        RequireManage(user);
        var item = await FindAsync(id, cancellationToken);
        var inspected = MediaInspector.Inspect(file, inspection);
        if (inspected.Kind != item.Kind)
        {
            throw new MediaException($"{file.FileName}: item {id} is {(item.Kind == MediaKind.Image ? "an image" : "a file")}, and this is {(inspected.Kind == MediaKind.Image ? "an image" : "not an image")}; upload it as an item of its own.")
            { Field = "file" };
        }

        var now = clock.GetUtcNow();
        var stored = new MediaFile(language, file.FileName, inspected.ContentType, file.Size, file.Sha256, inspected.Width, inspected.Height,
            inspected.Text, inspected.TextNote, now, user.Name);
        _ = await store.SaveMediaFileAsync(id, stored, file.Content,
            new AuditEntry(0, now, user.Name, "media.file", null, $"{language}: {file.FileName} ({inspected.ContentType}, {file.Size} bytes)"), cancellationToken)
            ?? throw NotFound(id);
        return await FindAsync(id, cancellationToken);
    }

    /// <summary>Removes the variant of item <paramref name="id"/> in <paramref name="language"/>; the original's file stays.</summary>
    /// <exception cref="MediaException">Refused: not allowed, no such item or variant, or the original's file.</exception>
    public async Task<MediaItem> RemoveFileAsync(User user, long id, LanguageTag language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        RequireManage(user);
        var item = await FindAsync(id, cancellationToken);
        if (language == item.OriginalLanguage)
        {
            throw new MediaException(MediaErrorKind.Conflict, $"Item {id}: the {language} file is the original's and cannot be removed; replace it, or delete the item.");
        }

        _ = await store.DeleteMediaFileAsync(id, language, new AuditEntry(0, clock.GetUtcNow(), user.Name, "media.file-removed", null, language.Value), cancellationToken)
            ?? throw new MediaException(MediaErrorKind.NotFound, $"Item {id} has no {language} file.");
        return await FindAsync(id, cancellationToken);
    }

    /// <summary>
    /// Sets texts of item <paramref name="id"/> (an empty text removes one). A text in another language than the item's
    /// original records the original's text it translates, so it shows as outdated when that changes. Each translation
    /// saved (not machine output) adds its pair with the original's text to the translation memory when the store keeps one.
    /// </summary>
    /// <exception cref="MediaException">Refused: a language the user may not write, no such item, a bad text.</exception>
    public async Task<MediaItem> SetTextsAsync(User user, long id, IReadOnlyList<MediaText> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(texts);
        var item = await FindAsync(id, cancellationToken);
        if (texts.FirstOrDefault(t => !user.CanEditMediaText(item.OriginalLanguage, t.Language)) is { } refused)
        {
            throw new MediaException(MediaErrorKind.Forbidden, $"You may not write the {refused.Language} texts of item {id}.") { Field = $"{refused.Field.Name()}.{refused.Language}" };
        }

        var checkedTexts = CheckTexts(texts, item.Kind);
        var stamped = checkedTexts.Select(t => t.Language == item.OriginalLanguage
            ? t with { SourceHash = null }
            : t with { SourceHash = t.SourceHash ?? (item.TextIn(t.Field, item.OriginalLanguage) is { } source ? Translation.Segmenter.Hash(source.Text) : null) }).ToList();
        _ = await store.SaveMediaTextsAsync(id, stamped,
            new AuditEntry(0, clock.GetUtcNow(), user.Name, "media.texts", null, string.Join(", ", stamped.Select(t => $"{t.Field.Name()}.{t.Language}"))), cancellationToken)
            ?? throw NotFound(id);
        var saved = await FindAsync(id, cancellationToken);
        // Every saved translation (not machine output) feeds the memory, whichever way it came: the memory is derived
        // data written after the texts' own transaction, so a failure there loses pairs, never texts.
        if (store is ITranslationMemory memory && Translation.MediaSegments.MemoryUnits(saved, clock.GetUtcNow(), stamped) is { Count: > 0 } pairs)
        {
            _ = await memory.AddAsync(pairs, cancellationToken);
        }

        return saved;
    }

    /// <summary>Sets (or, with null, clears) where crops of image <paramref name="id"/> keep their centre.</summary>
    /// <exception cref="MediaException">Refused: not allowed, no such item, not an image, a point outside the image.</exception>
    public async Task<MediaItem> SetFocalPointAsync(User user, long id, FocalPoint? focal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        RequireManage(user);
        var item = await FindAsync(id, cancellationToken);
        if (item.Kind != MediaKind.Image)
        {
            throw new MediaException($"Item {id} is not an image: only images have a focal point.") { Field = "focal" };
        }

        if (focal is { IsValid: false })
        {
            throw new MediaException($"Item {id}: a focal point lies within the image (x and y from 0 to 1).") { Field = "focal" };
        }

        _ = await store.SetFocalPointAsync(id, focal,
            new AuditEntry(0, clock.GetUtcNow(), user.Name, "media.focal", null, focal is { } f ? FormattableString.Invariant($"{f.X:0.###},{f.Y:0.###}") : "centre"), cancellationToken)
            ?? throw NotFound(id);
        return await FindAsync(id, cancellationToken);
    }

    /// <summary>Deletes item <paramref name="id"/> unless a text uses it.</summary>
    /// <exception cref="MediaException">Refused: not allowed, no such item, or in use (<see cref="MediaErrorKind.Conflict"/>, naming the documents).</exception>
    public async Task DeleteAsync(User user, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        RequireManage(user);
        var uses = await store.DeleteMediaAsync(id, new AuditEntry(0, clock.GetUtcNow(), user.Name, "media.delete", null, null), cancellationToken)
            ?? throw NotFound(id);
        if (uses.Count > 0)
        {
            throw new MediaException(MediaErrorKind.Conflict,
                $"Item {id} is used by {string.Join(", ", uses.Select(u => $"{u.Slug} ({u.Language})"))}; take it out of those texts first. Nothing was deleted.");
        }
    }

    /// <summary>Item <paramref name="id"/>.</summary>
    /// <exception cref="MediaException">There is no such item (<see cref="MediaErrorKind.NotFound"/>).</exception>
    public async Task<MediaItem> FindAsync(long id, CancellationToken cancellationToken = default) =>
        await store.FindMediaAsync(id, cancellationToken) ?? throw NotFound(id);

    private static void RequireManage(User user)
    {
        if (!user.CanManageMedia())
        {
            throw new MediaException(MediaErrorKind.Forbidden, "Only admins and editors may upload, replace or delete media.");
        }
    }

    private static MediaException NotFound(long id) => new(MediaErrorKind.NotFound, $"There is no media item {id}.");

    // Texts are plain one-line text: trimmed, no control characters, not too long; alt text only for images.
    private static List<MediaText> CheckTexts(IReadOnlyList<MediaText> texts, MediaKind kind)
    {
        var result = new List<MediaText>();
        foreach (var text in texts)
        {
            var field = $"{text.Field.Name()}.{text.Language}";
            if (text.Field == MediaField.Alt && kind != MediaKind.Image)
            {
                throw new MediaException("Only images have alt text; a file has a title and a caption.") { Field = field };
            }

            var value = (text.Text ?? string.Empty).Trim();
            if (value.Any(c => char.IsControl(c) && c is not '\t'))
            {
                throw new MediaException($"The {text.Field.Name()} in {text.Language} holds a control character or a line break; it is one line of plain text.") { Field = field };
            }

            if (value.Length > MaxTextLength)
            {
                throw new MediaException($"The {text.Field.Name()} in {text.Language} is {value.Length} characters long; at most {MaxTextLength}.") { Field = field };
            }

            if (result.Any(t => t.Field == text.Field && t.Language == text.Language))
            {
                throw new MediaException($"The {text.Field.Name()} in {text.Language} is given twice.") { Field = field };
            }

            result.Add(text with { Text = value.Replace('\t', ' ') });
        }

        return result;
    }
}
