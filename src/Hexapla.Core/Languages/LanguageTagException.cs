namespace Hexapla.Languages;

/// <summary>
/// Thrown by <see cref="LanguageTag.Parse(string)"/> when a string is not a well-formed BCP 47
/// language tag. The message quotes the input and says what is wrong with it, so it can be shown
/// to an editor as it is.
/// </summary>
public sealed class LanguageTagException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public LanguageTagException()
        : base("The value is not a valid BCP 47 language tag.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What is wrong, naming the input.</param>
    public LanguageTagException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and cause.</summary>
    /// <param name="message">What is wrong, naming the input.</param>
    /// <param name="innerException">The error that led to this one.</param>
    public LanguageTagException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
