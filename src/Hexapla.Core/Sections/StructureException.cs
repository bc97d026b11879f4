namespace Hexapla.Sections;

/// <summary>What went wrong with a change to the site's structure, for the caller to map (the API to a status, the admin to a message).</summary>
public enum StructureErrorKind
{
    /// <summary>The user may not do this.</summary>
    Forbidden,

    /// <summary>No such section, kind, menu or document.</summary>
    NotFound,

    /// <summary>The change clashes with what is stored: a slug taken, a section still holding documents, a kind in use.</summary>
    Conflict,

    /// <summary>The value is refused: the message says which and why.</summary>
    Invalid,
}

/// <summary>A refused change to sections, kinds, menus or a document's place. The message names the thing and the reason.</summary>
public sealed class StructureException : Exception
{
    /// <summary>A refusal of <paramref name="kind"/>.</summary>
    public StructureException(StructureErrorKind kind, string message) : base(message) => Kind = kind;

    /// <summary>An invalid request.</summary>
    public StructureException() : this(StructureErrorKind.Invalid, "The change to the site's structure was refused.") { }

    /// <summary>An invalid request saying <paramref name="message"/>.</summary>
    public StructureException(string message) : this(StructureErrorKind.Invalid, message) { }

    /// <summary>An invalid request saying <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public StructureException(string message, Exception innerException) : base(message, innerException) => Kind = StructureErrorKind.Invalid;

    /// <summary>What kind of refusal.</summary>
    public StructureErrorKind Kind { get; }

    /// <summary>The field or form part at fault (e.g. <c>slug</c>, <c>parent</c>, <c>fields.speaker</c>), when there is one.</summary>
    public string? Field { get; init; }
}
