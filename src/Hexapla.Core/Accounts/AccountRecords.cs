namespace Hexapla.Accounts;

/// <summary>An API token as listed: never the token itself, which is shown once when it is made.</summary>
/// <param name="Name">The token's unique name.</param>
/// <param name="UserName">Whose token it is.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
public sealed record ApiTokenInfo(string Name, string UserName, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>Rules for user and token names.</summary>
public static class AccountNames
{
    /// <summary>The longest name allowed.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// True for 1–64 characters of ASCII letters, digits, <c>.</c>, <c>_</c> and <c>-</c>. Names compare without
    /// regard to case in the store, so <c>Anna</c> and <c>anna</c> are one user.
    /// </summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Throws <see cref="AccountException"/> unless <paramref name="name"/> is valid.</summary>
    /// <param name="name">The name to check.</param>
    /// <param name="what">What is named, for the message ("user", "token").</param>
    public static void Validate(string? name, string what)
    {
        if (!IsValid(name))
        {
            throw new AccountException($"The {what} name \"{name}\" is not allowed: use 1 to {MaxLength} letters, digits, '.', '_' or '-'.");
        }
    }
}
