namespace Hexapla.Maintenance;

/// <summary>
/// A backup that cannot be written, or a file that cannot be restored: missing, truncated, corrupt, foreign, or
/// written by a newer Hexapla. The message is one line, fit to show as it is, and names the file.
/// </summary>
public sealed class BackupException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public BackupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the failure behind it.</summary>
    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public BackupException()
        : base("The backup cannot be used.")
    {
    }
}
