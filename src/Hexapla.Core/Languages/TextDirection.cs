namespace Hexapla.Languages;

/// <summary>The direction in which a language's text runs.</summary>
public enum TextDirection
{
    /// <summary>Left to right (Latin, Cyrillic, Greek, Han, …).</summary>
    Ltr,

    /// <summary>Right to left (Arabic, Hebrew, Thaana, Syriac, …).</summary>
    Rtl,
}
