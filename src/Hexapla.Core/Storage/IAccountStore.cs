using Hexapla.Accounts;
using Hexapla.Languages;

namespace Hexapla.Storage;

/// <summary>
/// Users, API tokens and the audit log. Every write of a user or a token appends its audit entry in the same
/// transaction, so the log never misses a change and never records one that did not happen. User names compare
/// without regard to case.
/// </summary>
public interface IAccountStore
{
    /// <summary>Adds a user.</summary>
    /// <param name="name">1–64 letters, digits, <c>.</c>, <c>_</c>, <c>-</c>.</param>
    /// <param name="role">What the user may do.</param>
    /// <param name="languages">A translator's languages; should be empty for other roles (the store keeps what it is given).</param>
    /// <param name="passwordHash">The hash, never the password.</param>
    /// <param name="now">When the user is made (and the audit time).</param>
    /// <param name="actor">Who adds the user, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AccountException">The name is not allowed or already taken (in any case).</exception>
    Task<User> AddUserAsync(string name, Role role, IReadOnlyCollection<LanguageTag> languages, string passwordHash, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default);

    /// <summary>The user called <paramref name="name"/> (any case), disabled or not; null when there is none.</summary>
    Task<User?> FindUserAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The user with store identity <paramref name="id"/>; null when there is none.</summary>
    Task<User?> FindUserByIdAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every user, by name.</summary>
    Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the user a new <see cref="User.SecurityStamp"/>, which ends every session they have, and appends
    /// <paramref name="action"/> to the audit log. False when there is no such user.
    /// </summary>
    Task<bool> EndSessionsAsync(string name, DateTimeOffset now, string actor = "cli", string action = "user.sessions-end", string? detail = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a user's role and languages (a translator's; should be empty for other roles) and ends their sessions.
    /// False when there is no such user.
    /// </summary>
    Task<bool> SetRoleAsync(string name, Role role, IReadOnlyCollection<LanguageTag> languages, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default);

    /// <summary>Disables or enables a user, ending their sessions either way. False when there is no such user.</summary>
    Task<bool> SetDisabledAsync(string name, bool disabled, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default);

    /// <summary>Replaces a user's password hash and ends their sessions. False when there is no such user.</summary>
    Task<bool> SetPasswordHashAsync(string name, string passwordHash, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default);

    /// <summary>A user's password hash; null when there is no such user.</summary>
    Task<string?> GetPasswordHashAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stores a new API token by the hash of its secret.</summary>
    /// <exception cref="AccountException">The token name is not allowed or taken, or the user does not exist.</exception>
    Task<ApiTokenInfo> AddTokenAsync(string name, long userId, string tokenHash, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default);

    /// <summary>
    /// The owner of the token with hash <paramref name="tokenHash"/>; null when there is no such token, it is
    /// revoked, or its user is disabled.
    /// </summary>
    Task<User?> FindUserByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token. False when there is no such token or it was revoked already.</summary>
    Task<bool> RevokeTokenAsync(string name, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default);

    /// <summary>Every token, revoked or not, by name.</summary>
    Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends one entry to the audit log (for events that change nothing else, such as a login).</summary>
    Task AppendAuditAsync(DateTimeOffset at, string actor, string action, string? target, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Audit entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int offset, int limit, CancellationToken cancellationToken = default);
}
