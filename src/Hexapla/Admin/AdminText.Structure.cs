using System.Globalization;
using Hexapla.Languages;

namespace Hexapla.Admin;

// The words of the site's structure in the admin: sections, kinds of document and their fields, menus, a document's
// place and the translatable fields of a version.
internal sealed partial class AdminText
{
    // Shared by the three pages
    public string StructureNavLink => Phrase();
    public string StructureNavLabel => Phrase();
    public string StructureSaved => Phrase();
    public string StructurePosition => Phrase();
    public string StructurePositionHint => Phrase();
    public string StructureOtherLanguage => Phrase();
    public string StructureOtherLanguageText => Phrase();
    public string StructureTitlesHint => Phrase();

    /// <summary>The label of a title's input in one language: "In ru-RU (русский)".</summary>
    public string StructureInLanguage(LanguageTag language) =>
        Format(nameof(StructureInLanguage), $"{language.Value} ({language.NativeName})");

    // Sections
    public string StructureSections => Phrase();
    public string StructureNoSections => Phrase();
    public string StructureNewSection => Phrase();
    public string StructureCreateSection => Phrase();
    public string StructureParent => Phrase();
    public string StructureTopLevel => Phrase();
    public string StructureSlug => Phrase();
    public string StructureSlugHint => Phrase();
    public string StructureTitles => Phrase();
    public string StructureDeleteSection => Phrase();
    public string StructureDeleteSectionHint => Phrase();
    public string StructureTranslatorHint => Phrase();
    public string StructureMayNotSections => Phrase();

    /// <summary>The title of a section's page: <c>{0}</c> its path.</summary>
    public string StructureEditSection(string path) => Format(nameof(StructureEditSection), path);

    /// <summary>No section has this id: <c>{0}</c> the id.</summary>
    public string StructureNoSection(long id) => Format(nameof(StructureNoSection), id.ToString(CultureInfo.InvariantCulture));

    // Kinds
    public string StructureKinds => Phrase();
    public string StructureKindsHint => Phrase();
    public string StructureNoKinds => Phrase();
    public string StructureNewKind => Phrase();
    public string StructureName => Phrase();
    public string StructureNames => Phrase();
    public string StructureKey => Phrase();
    public string StructureKeyHint => Phrase();
    public string StructureFields => Phrase();
    public string StructureFieldsHint => Phrase();
    public string StructureFieldKey => Phrase();
    public string StructureFieldType => Phrase();
    public string StructureLabels => Phrase();
    public string StructureRemoveField => Phrase();
    public string StructureAddField => Phrase();
    public string StructureDeleteKind => Phrase();
    public string StructureDeleteKindHint => Phrase();
    public string StructureOnlyAdminsKinds => Phrase();
    public string StructureTypeText => Phrase();
    public string StructureTypeCode => Phrase();
    public string StructureTypeDate => Phrase();
    public string StructureTypeNumber => Phrase();
    public string StructureTypeUrl => Phrase();

    /// <summary>The title of a kind's page: <c>{0}</c> its key.</summary>
    public string StructureEditKind(string key) => Format(nameof(StructureEditKind), key);

    /// <summary>No kind has this key: <c>{0}</c> the key.</summary>
    public string StructureNoKind(string key) => Format(nameof(StructureNoKind), key);

    /// <summary>A field row's legend: <c>{0}</c> its number.</summary>
    public string StructureFieldNumber(int n) => Format(nameof(StructureFieldNumber), Number(n));

    // Menus
    public string StructureMenus => Phrase();
    public string StructureHeaderMenu => Phrase();
    public string StructureFooterMenu => Phrase();
    public string StructureMenuEmpty => Phrase();
    public string StructureMenuHint => Phrase();
    public string StructureOrder => Phrase();
    public string StructureUnderAbove => Phrase();
    public string StructureTarget => Phrase();
    public string StructureTargetSection => Phrase();
    public string StructureTargetDocument => Phrase();
    public string StructureTargetLink => Phrase();
    public string StructureDocumentSlug => Phrase();
    public string StructureUrl => Phrase();
    public string StructureEntryTitles => Phrase();
    public string StructureRemoveEntry => Phrase();
    public string StructureAddEntry => Phrase();
    public string StructureMayNotMenus => Phrase();

    /// <summary>The heading of a menu's page: <c>{0}</c> the menu's name.</summary>
    public string StructureEditMenu(string menu) => Format(nameof(StructureEditMenu), menu);

    /// <summary>There is no menu of this name: <c>{0}</c> the name.</summary>
    public string StructureNoMenu(string name) => Format(nameof(StructureNoMenu), name);

    /// <summary>A menu row's legend: <c>{0}</c> its number.</summary>
    public string StructureEntryNumber(int n) => Format(nameof(StructureEntryNumber), Number(n));

    // A document's place and a version's fields
    public string StructurePlacement => Phrase();
    public string StructureKind => Phrase();
    public string StructureNoSectionChosen => Phrase();
    public string StructureNoKindChosen => Phrase();
    public string StructureShowKindFields => Phrase();

    /// <summary>The placement form's button: not a second "Save" on the editor page, where the version form has one.</summary>
    public string StructureSavePlacement => Phrase();
    public string StructureSharedFields => Phrase();
    public string StructureTranslatableHint => Phrase();
    public string StructureBackToDocument => Phrase();
    public string StructureMayNotPlace => Phrase();

    /// <summary>The title of a document's placement page: <c>{0}</c> the document's title.</summary>
    public string StructurePlaceTitle(string title) => Format(nameof(StructurePlaceTitle), title);

    /// <summary>The legend of a version's translatable fields: <c>{0}</c> the kind's name.</summary>
    public string StructureVersionFields(string kind) => Format(nameof(StructureVersionFields), kind);

    /// <summary>Before the original's value of a field on a translation: <c>{0}</c> the original's language tag.</summary>
    public string StructureOriginalValue(LanguageTag language) => Format(nameof(StructureOriginalValue), language.Value);
}
