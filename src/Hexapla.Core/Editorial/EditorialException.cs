using System.Globalization;
using Hexapla.Content;

namespace Hexapla.Editorial;

/// <summary>Why the <see cref="Newsroom"/> refused a request; each maps to one HTTP status.</summary>
public enum EditorialErrorKind
{
    /// <summary>The user may not do this (403).</summary>
    Forbidden,

    /// <summary>No such document or version, or none the user may see (404).</summary>
    NotFound,

    /// <summary>The slug is taken, or the version changed since the user read it (409; 412 in the API).</summary>
    Conflict,

    /// <summary>The request itself is wrong: a bad slug, an empty title, a transition the state does not allow (400).</summary>
    Invalid,

    /// <summary>A change to an existing version came without the revision it is based on (428).</summary>
    PreconditionRequired,
}

/// <summary>The <see cref="Newsroom"/> refused a request. The message is fit to show to the user.</summary>
public class EditorialException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EditorialException(EditorialErrorKind kind, string message) : base(message) => Kind = kind;

    /// <summary>Creates an <see cref="EditorialErrorKind.Invalid"/> exception; prefer the constructor with a kind.</summary>
    public EditorialException() : this(EditorialErrorKind.Invalid, "The request was refused.") { }

    /// <summary>Creates an <see cref="EditorialErrorKind.Invalid"/> exception; prefer the constructor with a kind.</summary>
    public EditorialException(string message) : this(EditorialErrorKind.Invalid, message) { }

    /// <summary>Creates an <see cref="EditorialErrorKind.Invalid"/> exception; prefer the constructor with a kind.</summary>
    public EditorialException(string message, Exception innerException) : base(message, innerException) => Kind = EditorialErrorKind.Invalid;

    /// <summary>Why the request was refused.</summary>
    public EditorialErrorKind Kind { get; }

    /// <summary>The field at fault (<c>title</c>, <c>body</c>, <c>summary</c>, <c>tags</c>) when one is; null otherwise.</summary>
    public string? Field { get; init; }
}

/// <summary>
/// A change was based on a revision that is no longer the current one (another editor, a stale tab, an old
/// <c>If-Match</c>). <see cref="Current"/> is the version as it is now, so the user can see the other changes.
/// </summary>
public sealed class EditConflictException : EditorialException
{
    /// <summary>Creates the exception.</summary>
    public EditConflictException(LanguageVersion current, int? expectedRevision)
        : base(EditorialErrorKind.Conflict, Describe(current, expectedRevision))
    {
        ArgumentNullException.ThrowIfNull(current);
        Current = current;
        ExpectedRevision = expectedRevision;
    }

    // The revision a change is based on is the newest text's (a working copy's when there is one), so that is the one named.
    private static string Describe(LanguageVersion? current, int? expectedRevision) =>
        current is null || current.Latest.Revision == expectedRevision
            ? $"This version was changed by someone else meanwhile (it is now {current?.Latest.State.Name().Replace('_', ' ')}). Look at it and try again."
            : string.Create(CultureInfo.InvariantCulture,
                $"This version has changed: your change is based on revision {expectedRevision?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}, it is now at revision {current.Latest.Revision}. Look at the other changes and save again.");

    /// <summary>The version as stored now.</summary>
    public LanguageVersion Current { get; }

    /// <summary>The revision the refused change was based on.</summary>
    public int? ExpectedRevision { get; }
}
