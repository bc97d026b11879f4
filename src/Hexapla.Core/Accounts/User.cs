using Hexapla.Content;
using Hexapla.Languages;

namespace Hexapla.Accounts;

/// <summary>What a user may do.</summary>
public enum Role
{
    /// <summary>Everything, including users and deleting documents.</summary>
    Admin,

    /// <summary>Documents, originals, every language, publishing.</summary>
    Editor,

    /// <summary>Versions in the user's languages only; never the original, never publishing.</summary>
    Translator,

    /// <summary>Reads everything, approves versions in review.</summary>
    Reviewer,
}

/// <summary>A person who works in Hexapla.</summary>
/// <param name="Id">The store's identity.</param>
/// <param name="Name">The login name, unique regardless of case.</param>
/// <param name="Role">What the user may do.</param>
/// <param name="Languages">For a translator, the languages they work in; empty otherwise.</param>
/// <param name="Disabled">A disabled user cannot log in and their tokens stop working.</param>
/// <param name="CreatedAt">When the account was made.</param>
public sealed record User(long Id, string Name, Role Role, IReadOnlyList<LanguageTag> Languages, bool Disabled, DateTimeOffset CreatedAt)
{
    /// <summary>The actor name for work done by the system (imports, embargo release), not by a person.</summary>
    public const string System = "system";

    /// <summary>
    /// A random value the store replaces whenever the user's sessions must end (logout, a new password, role or
    /// languages, disabling). A session carries the stamp it was made with and is valid only while it is still this
    /// one. Empty for a user not read from a store, which matches no session.
    /// </summary>
    public string SecurityStamp { get; init; } = "";
}

/// <summary>The rules of who may do what, in one place, for the web UI, the API and the CLI alike.</summary>
public static class Permissions
{
    /// <summary>May create documents (and so write originals).</summary>
    public static bool CanCreateDocuments(this User user) => user.Role is Role.Admin or Role.Editor;

    /// <summary>
    /// May write the <paramref name="language"/> version of a document whose original is in
    /// <paramref name="originalLanguage"/>: admins and editors any; translators a translation into one of their languages.
    /// </summary>
    public static bool CanEdit(this User user, LanguageTag originalLanguage, LanguageTag language) => user.Role switch
    {
        Role.Admin or Role.Editor => true,
        Role.Translator => language != originalLanguage && user.Languages.Contains(language),
        _ => false,
    };

    /// <summary>May see unpublished versions in <paramref name="language"/> (drafts, reviews, embargoes).</summary>
    public static bool CanRead(this User user, LanguageTag originalLanguage, LanguageTag language) =>
        user.ReadScope().Allows(originalLanguage, language);

    /// <summary>
    /// The versions <paramref name="user"/> may read in any state, as one value that lists, filters and counts take
    /// (the store's queries among them), so that what a user may not read is never matched, counted or shown.
    /// </summary>
    public static ReadScope ReadScope(this User user) => user.Role switch
    {
        Role.Admin or Role.Editor or Role.Reviewer => Accounts.ReadScope.Everything,
        // A translator reads the original they translate from, and their own languages.
        Role.Translator => new ReadScope(user.Languages),
        // Every role is named above; an unknown one must not quietly get a translator's reach.
        _ => throw new ArgumentOutOfRangeException(nameof(user), user.Role, "Unknown role."),
    };

    /// <summary>May approve a version in review.</summary>
    public static bool CanApprove(this User user) => user.Role is Role.Admin or Role.Editor or Role.Reviewer;

    /// <summary>May publish, schedule (embargo) and unpublish.</summary>
    public static bool CanPublish(this User user) => user.Role is Role.Admin or Role.Editor;

    /// <summary>May delete documents.</summary>
    public static bool CanDelete(this User user) => user.Role is Role.Admin;

    /// <summary>May manage users and tokens.</summary>
    public static bool CanManageUsers(this User user) => user.Role is Role.Admin;

    /// <summary>
    /// May upload media, add or remove an item's language files, set its focal point and delete an item no text uses:
    /// admins and editors. Every signed-in user may read the library (translators translate its texts).
    /// </summary>
    public static bool CanManageMedia(this User user) => user.Role is Role.Admin or Role.Editor;

    /// <summary>
    /// May write an item's title, alt text and caption in <paramref name="language"/> (the item's original in
    /// <paramref name="originalLanguage"/>): the same rule as for a document's versions (<see cref="CanEdit"/>).
    /// </summary>
    public static bool CanEditMediaText(this User user, LanguageTag originalLanguage, LanguageTag language) =>
        user.CanEdit(originalLanguage, language);

    /// <summary>
    /// May shape the site: create, rename, move and delete sections, and edit the menus. Admins and editors, who run the
    /// press office's site; translators give sections and menu entries their titles through the same screens only when
    /// <see cref="CanTranslateStructure"/> allows the language.
    /// </summary>
    public static bool CanManageStructure(this User user) => user.Role is Role.Admin or Role.Editor;

    /// <summary>May define kinds of document and their fields: admins, since a kind's fields shape every document of it.</summary>
    public static bool CanManageKinds(this User user) => user.Role is Role.Admin;

    /// <summary>May put a document in a section, give it a kind and set its shared field values: admins and editors.</summary>
    public static bool CanPlaceDocuments(this User user) => user.Role is Role.Admin or Role.Editor;

    /// <summary>
    /// May write a section's or a menu entry's title in <paramref name="language"/>: whoever manages the structure, and
    /// translators in their own languages.
    /// </summary>
    public static bool CanTranslateStructure(this User user, LanguageTag language) =>
        user.CanManageStructure() || (user.Role is Role.Translator && user.Languages.Contains(language));
}

/// <summary>
/// Which versions a user may read whatever their state: every version, or the originals plus versions in some
/// languages. The admin's lists, filters and counts see only these, public or not.
/// </summary>
/// <param name="Languages">The languages readable besides each document's original; null for every language.</param>
public sealed record ReadScope(IReadOnlyList<LanguageTag>? Languages)
{
    /// <summary>Every version of every document (admins, editors, reviewers).</summary>
    public static ReadScope Everything { get; } = new((IReadOnlyList<LanguageTag>?)null);

    /// <summary>True when every version is readable.</summary>
    public bool IsEverything => Languages is null;

    /// <summary>May read the <paramref name="language"/> version of a document whose original is in <paramref name="originalLanguage"/>.</summary>
    public bool Allows(LanguageTag originalLanguage, LanguageTag language) =>
        Languages is null || language == originalLanguage || Languages.Contains(language);

    /// <summary><paramref name="document"/> with only the versions this scope may read (the document itself when all).</summary>
    public Document Visible(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Languages is null || document.Versions.All(v => Allows(document.OriginalLanguage, v.Language))
            ? document
            : document with { Versions = [.. document.Versions.Where(v => Allows(document.OriginalLanguage, v.Language))] };
    }
}
