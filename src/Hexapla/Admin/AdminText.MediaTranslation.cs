using Hexapla.Site;

namespace Hexapla.Admin;

// The words of media texts as translation segments: the XLIFF outcome, the translation screen's media block, the
// matrix's media rows and the page of images without alt text in their page's language.
internal sealed partial class AdminText
{
    // XLIFF upload outcome
    public string XliffMediaOnly => Phrase();

    /// <summary>The media units whose targets were saved: <c>{0}</c> their ids.</summary>
    public Html XliffMediaTaken(IReadOnlyCollection<string> ids) => Markup(nameof(XliffMediaTaken), MediaUnitIds(ids));

    /// <summary>The media units whose targets were already the current text: <c>{0}</c> their ids.</summary>
    public Html XliffMediaUnchanged(IReadOnlyCollection<string> ids) => Markup(nameof(XliffMediaUnchanged), MediaUnitIds(ids));

    private static Html MediaUnitIds(IEnumerable<string> ids) => Html.Of($"""<bdi dir="ltr">{string.Join(", ", ids)}</bdi>""");

    // The translation screen's media block
    public string MediaTextsHeading => Phrase();
    public string MediaTextsHint => Phrase();
    public string MediaTextsSave => Phrase();
    public string MediaTextsSaved => Phrase();
    public string MediaTextsFillByMachine => Phrase();
    public string MediaTextsFilledByMachine => Phrase();
    public string MediaTextsMissing => Phrase();
    public string MediaTextsOutdated => Phrase();
    public string MediaTextsMachine => Phrase();
    public string MediaTextsConfirm => Phrase();
    public string MediaTextsFieldTitle => Phrase();
    public string MediaTextsFieldAlt => Phrase();
    public string MediaTextsFieldCaption => Phrase();

    /// <summary>"Image 12", the number in the admin's digits.</summary>
    public string MediaTextsImage(long id) => Format(nameof(MediaTextsImage), Number(id));

    /// <summary>"File 12", the number in the admin's digits.</summary>
    public string MediaTextsFile(long id) => Format(nameof(MediaTextsFile), Number(id));

    // The matrix's media rows
    public string MediaMatrixHint => Phrase();
    public string MediaMatrixItem => Phrase();
    public string MediaMatrixUsedBy => Phrase();
    public string MediaMatrixNone => Phrase();
    public string MediaMatrixOriginal => Phrase();
    public string MediaMatrixCurrent => Phrase();

    /// <summary>"missing: 2 of 3": <c>{0}</c> the texts missing, <c>{1}</c> the item's texts to translate.</summary>
    public string MediaMatrixMissing(int n, int total) => Format(nameof(MediaMatrixMissing), Number(n), Number(total));

    /// <summary>"outdated: 1 of 3": <c>{0}</c> the texts outdated, <c>{1}</c> the item's texts to translate.</summary>
    public string MediaMatrixOutdated(int n, int total) => Format(nameof(MediaMatrixOutdated), Number(n), Number(total));

    // Images without alt text in their page's language
    public string MissingAltTitle => Phrase();
    public string MissingAltIntro => Phrase();
    public string MissingAltNone => Phrase();
    public string MissingAltPage => Phrase();
    public string MissingAltImage => Phrase();
    public string MissingAltShown => Phrase();
    public string MissingAltAction => Phrase();
    public string MissingAltNothing => Phrase();
    public string MissingAltTranslate => Phrase();
}
