namespace Hexapla.Storage;

/// <summary>
/// The store cannot be used as it is: a schema newer than this binary, a file that is not a Hexapla store,
/// a folder that cannot be written. The message says what to do and is fit to show an operator.
/// </summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    public StoreException(string message) : base(message) { }

    /// <summary>Creates the exception with an operator-facing message and its cause.</summary>
    public StoreException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with no message; prefer the other constructors.</summary>
    public StoreException() { }
}
