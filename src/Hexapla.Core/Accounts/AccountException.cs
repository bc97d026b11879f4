namespace Hexapla.Accounts;

/// <summary>
/// An account operation cannot be done as asked: a name that is not allowed, a user or token name already taken.
/// The message is fit to show the person who asked.
/// </summary>
public sealed class AccountException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public AccountException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public AccountException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message; prefer the other constructors.</summary>
    public AccountException() { }
}
