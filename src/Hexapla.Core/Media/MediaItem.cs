using Hexapla.Languages;

namespace Hexapla.Media;

/// <summary>What an item of the media library is: an image shown in the text, or a file linked from it.</summary>
public enum MediaKind
{
    /// <summary>A JPEG, PNG, WebP, AVIF, GIF or SVG image; has alt text and renditions.</summary>
    Image,

    /// <summary>Any other file (PDF, office documents, audio, video): linked, never shown inline.</summary>
    File,
}

/// <summary>The texts an item has per language.</summary>
public enum MediaField
{
    /// <summary>What the library and file links call the item.</summary>
    Title,

    /// <summary>The alternative text of an image: what a reader who cannot see it is told.</summary>
    Alt,

    /// <summary>The caption under the image or beside the file link.</summary>
    Caption,
}

/// <summary>How media kinds and fields are written in the store and the API.</summary>
public static class MediaNames
{
    /// <summary><c>image</c> or <c>file</c>.</summary>
    public static string Name(this MediaKind kind) => kind == MediaKind.Image ? "image" : "file";

    /// <summary><c>title</c>, <c>alt</c> or <c>caption</c>.</summary>
    public static string Name(this MediaField field) => field switch
    {
        MediaField.Title => "title",
        MediaField.Alt => "alt",
        MediaField.Caption => "caption",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown media field."),
    };

    /// <summary>The kind named <paramref name="name"/>; false for any other name.</summary>
    public static bool TryParseKind(string? name, out MediaKind kind)
    {
        kind = name == "file" ? MediaKind.File : MediaKind.Image;
        return name is "image" or "file";
    }

    /// <summary>The field named <paramref name="name"/>; false for any other name.</summary>
    public static bool TryParseField(string? name, out MediaField field)
    {
        foreach (var candidate in Enum.GetValues<MediaField>())
        {
            if (candidate.Name() == name)
            {
                field = candidate;
                return true;
            }
        }

        field = default;
        return false;
    }
}

/// <summary>Where crops of an image keep their centre, as fractions of its width and height (0 to 1 each).</summary>
public readonly record struct FocalPoint(double X, double Y)
{
    /// <summary>True when both coordinates lie within 0 to 1 (a NaN does not).</summary>
    public bool IsValid => X is >= 0 and <= 1 && Y is >= 0 and <= 1;
}

/// <summary>One text of an item in one language.</summary>
/// <param name="Language">The language of the text.</param>
/// <param name="Field">Title, alt text or caption.</param>
/// <param name="Text">Plain text, never empty (an empty text is no text).</param>
/// <param name="SourceHash">
/// For a translation, the fingerprint (<see cref="Translation.Segmenter.Hash"/>) of the original's text it was made from;
/// a different current one means the translation is outdated. Null for the original's own texts.
/// </param>
/// <param name="Machine">True when machine translation wrote it and nobody has edited it since.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="UpdatedBy">Who changed it last; null for the sample content and imports.</param>
public sealed record MediaText(
    LanguageTag Language, MediaField Field, string Text, string? SourceHash = null, bool Machine = false,
    DateTimeOffset UpdatedAt = default, string? UpdatedBy = null);

/// <summary>The file of an item in one language.</summary>
/// <param name="Language">The original's file is in the item's original language; a variant in its own.</param>
/// <param name="FileName">The name it was uploaded with (no folders, no control characters).</param>
/// <param name="ContentType">The media type the content was found to be, e.g. <c>application/pdf</c>.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">The content's SHA-256, lower-case hex: the name of its blob in the store.</param>
/// <param name="Width">An image's width in pixels; null for other files.</param>
/// <param name="Height">An image's height in pixels; null for other files.</param>
/// <param name="Text">Text extracted for search (a PDF's), null when there is none.</param>
/// <param name="TextNote">Why there is no text when one was looked for (a scanned PDF), else null.</param>
/// <param name="CreatedAt">When it was uploaded.</param>
/// <param name="CreatedBy">Who uploaded it.</param>
public sealed record MediaFile(
    LanguageTag Language, string FileName, string ContentType, long Size, string Sha256, int? Width = null, int? Height = null,
    string? Text = null, string? TextNote = null, DateTimeOffset CreatedAt = default, string? CreatedBy = null);

/// <summary>An item of the media library: one identity, a file per language where files differ, texts per language.</summary>
public sealed record MediaItem
{
    /// <summary>The item's number, as in <c>media:ID</c> in Markdown and <c>/api/v1/media/{id}</c>.</summary>
    public required long Id { get; init; }

    /// <summary>Image or file.</summary>
    public required MediaKind Kind { get; init; }

    /// <summary>The language it was uploaded in: its texts there are what translations translate.</summary>
    public required LanguageTag OriginalLanguage { get; init; }

    /// <summary>Where crops keep their centre; null for the middle.</summary>
    public FocalPoint? Focal { get; init; }

    /// <summary>When it was uploaded.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who uploaded it; null for sample content.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When it, its files or texts last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Its files, the original's first, then variants by language tag.</summary>
    public IReadOnlyList<MediaFile> Files { get; init; } = [];

    /// <summary>Its texts in every language, in no particular order.</summary>
    public IReadOnlyList<MediaText> Texts { get; init; } = [];

    /// <summary>The original's file. Every stored item has one.</summary>
    public MediaFile Original => Files.First(f => f.Language == OriginalLanguage);

    /// <summary>The file a page in <paramref name="language"/> links: its own variant, else the original's.</summary>
    public MediaFile FileFor(LanguageTag language) => Files.FirstOrDefault(f => f.Language == language) ?? Original;

    /// <summary>The text of <paramref name="field"/> in exactly <paramref name="language"/>, null when there is none.</summary>
    public MediaText? TextIn(MediaField field, LanguageTag language) =>
        Texts.FirstOrDefault(t => t.Field == field && t.Language == language);

    /// <summary>
    /// The text of <paramref name="field"/> a page in <paramref name="language"/> shows: its own when there is one, else
    /// the original's (whose <see cref="MediaText.Language"/> then differs, for the page to mark); null when neither has one.
    /// </summary>
    public MediaText? TextFor(MediaField field, LanguageTag language) =>
        TextIn(field, language) ?? TextIn(field, OriginalLanguage);

    /// <summary>True when <paramref name="text"/> is a translation made from an original text that has changed since.</summary>
    public bool IsOutdated(MediaText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Language == OriginalLanguage || text.SourceHash is null)
        {
            return false;
        }

        var source = TextIn(text.Field, OriginalLanguage);
        return source is null || Translation.Segmenter.Hash(source.Text) != text.SourceHash;
    }
}

/// <summary>A resized or re-encoded image kept in the store.</summary>
/// <param name="Key">Names it: derived from its source's checksum and the recipe, so the same request finds it again.</param>
/// <param name="Sha256">Its bytes' blob.</param>
/// <param name="ContentType">E.g. <c>image/webp</c>.</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
public sealed record MediaRendition(string Key, string Sha256, string ContentType, int Width, int Height);

/// <summary>A version whose text uses an item.</summary>
/// <param name="Slug">The document.</param>
/// <param name="Language">The version.</param>
/// <param name="Live">True when the text readers get (or will get, under embargo) uses it.</param>
/// <param name="Working">True when the working copy over it uses it.</param>
/// <param name="Public">True when readers see it now (the live text is public).</param>
public sealed record MediaUse(string Slug, LanguageTag Language, bool Live, bool Working, bool Public);
