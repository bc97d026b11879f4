using System.Security.Cryptography;
using System.Text;
using Hexapla.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Hexapla.Admin;

/// <summary>Password hashing (ASP.NET Core Identity's PBKDF2 format) and the rules for new passwords.</summary>
internal static class Passwords
{
    public const int MinimumLength = 12;

    // The hasher does not look at the user; one instance serves every call.
    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>A hash that can be verified later; a new random salt every time.</summary>
    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Constant-time check of <paramref name="password"/> against a stored hash.</summary>
    public static bool Verify(string hash, string password)
    {
        try
        {
            return Hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Why <paramref name="password"/> may not be used, or null when it may.</summary>
    public static string? Problem(string password) =>
        password.Length < MinimumLength ? $"A password needs at least {MinimumLength} characters." : null;

    /// <summary>
    /// A hash that no password matches, checked when the user does not exist so a failed login takes as long
    /// either way and does not tell which names exist.
    /// </summary>
    public static string DummyHash { get; } = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
}

/// <summary>API tokens: <c>hxp_</c> and 32 random bytes in base64url; the store keeps only their SHA-256.</summary>
internal static class ApiTokens
{
    public const string Prefix = "hxp_";

    public static string Create() => Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
