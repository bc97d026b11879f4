namespace Hexapla.Media;

/// <summary>What went wrong with a media request, for the caller to map (the API to a status, the admin to a message).</summary>
public enum MediaErrorKind
{
    /// <summary>The user may not do this.</summary>
    Forbidden,

    /// <summary>No such item or file.</summary>
    NotFound,

    /// <summary>The item is in use, or changed meanwhile.</summary>
    Conflict,

    /// <summary>The file or value is refused: the message says which and why.</summary>
    Invalid,

    /// <summary>The upload is larger than <c>Limits:UploadBytes</c>.</summary>
    TooLarge,

    /// <summary>The file is of a type the library does not take.</summary>
    UnsupportedType,
}

/// <summary>A refused media request. The message names the file (or item) and the reason, for people to read.</summary>
public sealed class MediaException : Exception
{
    /// <summary>A refusal of <paramref name="kind"/>.</summary>
    public MediaException(MediaErrorKind kind, string message) : base(message) => Kind = kind;

    /// <summary>An invalid request.</summary>
    public MediaException() : this(MediaErrorKind.Invalid, "The media request was refused.") { }

    /// <summary>An invalid request saying <paramref name="message"/>.</summary>
    public MediaException(string message) : this(MediaErrorKind.Invalid, message) { }

    /// <summary>An invalid request saying <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public MediaException(string message, Exception innerException) : base(message, innerException) => Kind = MediaErrorKind.Invalid;

    /// <summary>What kind of refusal.</summary>
    public MediaErrorKind Kind { get; }

    /// <summary>The field or form part at fault (e.g. <c>file</c>, <c>alt.ru-RU</c>), when there is one.</summary>
    public string? Field { get; init; }
}
