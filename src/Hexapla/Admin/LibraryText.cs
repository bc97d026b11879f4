using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using Hexapla.Interface;
using Hexapla.Languages;
using Hexapla.Media;
using Hexapla.Site;

namespace Hexapla.Admin;

/// <summary>
/// The words of the media library's admin pages and the editors' "insert media" dialog, in the admin's interface
/// language, read from <c>Admin/Text/LibraryText.*.resx</c> (a set of its own, as the editorial pages have theirs).
/// </summary>
/// <remarks>
/// Names and file names inside a plain sentence are isolated with U+2068/U+2069, so a Latin name keeps its place in an
/// Arabic sentence; language tags are written as they are (<c>en-GB</c>).
/// </remarks>
internal sealed class LibraryText : InterfaceText
{
    private static readonly ResourceManager Resources = new("Hexapla.Admin.Text.LibraryText", typeof(LibraryText).Assembly);
    private static readonly ConcurrentDictionary<string, LibraryText> Sets = new(StringComparer.Ordinal);

    private LibraryText(LanguageTag language)
        : base(Resources, language)
    {
    }

    /// <summary>The set of an interface language (one of <see cref="InterfaceLanguages.All"/>).</summary>
    public static LibraryText For(LanguageTag language) => Sets.GetOrAdd(language.Value, _ => new LibraryText(language));

    /// <summary>The set of this request's admin language.</summary>
    public static LibraryText Of(HttpContext http) => For(AdminLanguage.Of(http));

    // The list
    public string Library => Phrase();
    public string LibraryEmpty => Phrase();
    public string NothingMatches => Phrase();
    public string Deleted => Phrase();
    public string SearchLibrary => Phrase();
    public string Search => Phrase();
    public string Kind => Phrase();
    public string AllKinds => Phrase();
    public string Images => Phrase();
    public string FilesKind => Phrase();
    public string LanguageLabel => Phrase();
    public string AnyLanguage => Phrase();
    public string MissingAltFilter => Phrase();
    public string Filter => Phrase();
    public string FilesIn => Phrase();

    /// <summary>"42 items".</summary>
    public string Items(long n) => Plural(nameof(Items), n);

    /// <summary>The badge of an image without alt text in <paramref name="language"/>.</summary>
    public string MissingAlt(LanguageTag language) => Format(nameof(MissingAlt), language.Value);

    /// <summary>"Image (JPEG)", "File (PDF)".</summary>
    public string KindLabel(MediaItem item) =>
        Format(item.Kind == MediaKind.Image ? "KindImage" : "KindFile", AdminMedia.FileLabel(item.Original));

    /// <summary>A size as the language writes it: "1.2 MB", "1,2 Mo", "١٫٢ ميغابايت" (decimal units).</summary>
    public string FileSize(long bytes) => bytes switch
    {
        < 1000 => Format("SizeBytes", Number(bytes)),
        < 1000 * 1000 => Format("SizeKilobytes", LocalDigits((bytes / 1000.0).ToString("0.#", Culture))),
        _ => Format("SizeMegabytes", LocalDigits((bytes / 1_000_000.0).ToString("0.#", Culture))),
    };

    // Upload
    public string Upload => Phrase();
    public string Files => Phrase();
    public string DropHint => Phrase();
    public string LanguageOfFiles => Phrase();
    public string UploadButton => Phrase();
    public string Uploading => Phrase();
    public string UploadedOne => Phrase();
    public string UploadFailed => Phrase();
    public string NotUploaded => Phrase();
    public string ChooseLanguage => Phrase();
    public string ChooseFiles => Phrase();

    /// <summary>The hint under the file input, naming the size limit.</summary>
    public string FilesHint(string limit) => Format(nameof(FilesHint), limit);

    /// <summary>"3 files uploaded."</summary>
    public string Uploaded(long n) => Plural(nameof(Uploaded), n);

    /// <summary>"ed (translator) may not upload media.", the name isolated.</summary>
    public string MayNotUpload(string user, string role) => Format(nameof(MayNotUpload), Isolate(user), role);

    // The item
    public string BackToLibrary => Phrase();
    public string UseInText => Phrase();
    public string Texts => Phrase();
    public string FilesPerLanguage => Phrase();
    public string WhereUsed => Phrase();
    public string NoTextFound => Phrase();
    public string FocalPoint => Phrase();
    public string FocalHint => Phrase();
    public string FocalX => Phrase();
    public string FocalY => Phrase();
    public string SaveFocal => Phrase();
    public string ClearFocal => Phrase();
    public string FocalInvalid => Phrase();
    public string FocalSaved => Phrase();
    public string SaveTexts => Phrase();
    public string TextsSaved => Phrase();
    public string Outdated => Phrase();
    public string Machine => Phrase();
    public string NoTextYet => Phrase();
    public string Original => Phrase();
    public string File => Phrase();
    public string Type => Phrase();
    public string AddVariant => Phrase();
    public string VariantHint => Phrase();
    public string FileSaved => Phrase();
    public string FileRemoved => Phrase();
    public string NotUsed => Phrase();
    public string UsePublic => Phrase();
    public string UseLive => Phrase();
    public string UseWorking => Phrase();
    public string DeleteItem => Phrase();
    public string DeleteHint => Phrase();
    public string NotDeletedUsed => Phrase();

    /// <summary>The document title of an item's page.</summary>
    public string ItemTitle(string title) => Format(nameof(ItemTitle), Isolate(title));

    public string NoSuchItem(long id) => Format(nameof(NoSuchItem), id.ToString(CultureInfo.InvariantCulture));

    public string UploadedBy(string user, string day) => Format(nameof(UploadedBy), Isolate(user), day);

    public string OpenFile(string fileName) => Format(nameof(OpenFile), Isolate(fileName));

    public string OriginalIn(LanguageTag language) => Format(nameof(OriginalIn), language.NativeName, language.Value);

    public string TranslationIn(LanguageTag language) => Format(nameof(TranslationIn), language.NativeName, language.Value);

    public string RemoveVariant(LanguageTag language) => Format(nameof(RemoveVariant), language.Value);

    /// <summary>"Title", "Alt text", "Caption".</summary>
    public string FieldName(MediaField field) => Get("Field_" + field.Name());

    // The picker
    public string InsertMedia => Phrase();
    public string OpenLibrary => Phrase();
    public string Close => Phrase();

    /// <summary>The insert button of one item, naming it (many such buttons in a list need their own names).</summary>
    public Html InsertThis(string title, Html lang) => Around(nameof(InsertThis), Html.Of($"<bdi{lang}>{title}</bdi>"));

    // The pattern of key with markup in place of its one hole, {0}; the pattern's own text escaped.
    private Html Around(string key, Html part)
    {
        var pattern = Get(key);
        var at = pattern.IndexOf("{0}", StringComparison.Ordinal);
        return Html.Of($"{pattern[..at]}{part}{pattern[(at + 3)..]}");
    }

    private static string Isolate(string text) => $"\u2068{text}\u2069";
}
