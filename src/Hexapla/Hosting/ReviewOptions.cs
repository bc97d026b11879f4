namespace Hexapla.Hosting;

/// <summary>
/// How text under work becomes live (section <c>Hexapla:Review</c>; every value also an environment variable such as
/// <c>Hexapla__Review__RequireSecondPerson</c>).
/// </summary>
public sealed class ReviewOptions
{
    public const string Section = "Hexapla:Review";

    /// <summary>
    /// Text goes live only once approved by someone other than its last author: "publish now" on unreviewed text is
    /// refused, and nobody approves their own text. On unless set to false (a one-person office).
    /// </summary>
    public bool RequireSecondPerson { get; set; } = true;

    /// <summary>
    /// A translation whose original changed after the translation was made tells its readers so, linking the compare
    /// view ("The original was updated on …"). On unless set to false.
    /// </summary>
    public bool OriginalUpdatedNotice { get; set; } = true;
}
