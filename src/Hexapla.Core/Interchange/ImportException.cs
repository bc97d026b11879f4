using System.Globalization;

namespace Hexapla.Interchange;

/// <summary>What is wrong with one imported file, and where: the file, the line when known, the reason.</summary>
public sealed record ImportError(string File, int? Line, string Reason)
{
    /// <summary><c>file:line: reason</c>, or <c>file: reason</c> when the line is unknown.</summary>
    public override string ToString() => Line is { } line
        ? string.Create(CultureInfo.InvariantCulture, $"{File}:{line}: {Reason}")
        : $"{File}: {Reason}";
}

/// <summary>An import was refused; nothing was written. <see cref="Errors"/> lists every problem found.</summary>
public sealed class ImportException : Exception
{
    /// <summary>One problem in one file.</summary>
    public ImportException(string file, int? line, string reason)
        : this([new ImportError(file, line, reason)])
    {
    }

    /// <summary>Several problems, at least one.</summary>
    public ImportException(IReadOnlyList<ImportError> errors)
        : base(errors.Count == 1 ? errors[0].ToString() : string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with no detail; prefer the other constructors.</summary>
    public ImportException() : this("(import)", null, "the import failed") { }

    /// <summary>Creates the exception with a message; prefer the other constructors.</summary>
    public ImportException(string message) : this("(import)", null, message) { }

    /// <summary>Creates the exception with a message and cause; prefer the other constructors.</summary>
    public ImportException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [new ImportError("(import)", null, message)];
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ImportError> Errors { get; }
}
