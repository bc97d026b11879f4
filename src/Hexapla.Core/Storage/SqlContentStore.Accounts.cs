using Hexapla.Accounts;
using Hexapla.Languages;
using System.Data.Common;

namespace Hexapla.Storage;

// Users, API tokens and the audit log (schema 3). Every write carries its audit entry in its own transaction.
public abstract partial class SqlContentStore : IAccountStore
{
    /// <inheritdoc />
    public async Task<User> AddUserAsync(
        string name, Role role, IReadOnlyCollection<LanguageTag> languages, string passwordHash, DateTimeOffset now,
        string actor = "cli", CancellationToken cancellationToken = default)
    {
        AccountNames.Validate(name, "user");
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        var stamp = NewSecurityStamp();
        long id;
        try
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO users (name, role, password_hash, disabled, created_at, security_stamp) VALUES (@name, @role, @hash, 0, @now, @stamp)
                RETURNING id;
                """;
            insert.Bind("@stamp", stamp);
            insert.Bind("@name", name);
            insert.Bind("@role", RoleText(role));
            insert.Bind("@hash", passwordHash);
            insert.Bind("@now", now.ToUnixTimeMilliseconds());
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new AccountException($"There is already a user called \"{name}\".", e);
        }

        var distinct = await InsertLanguagesAsync(connection, transaction, id, languages, cancellationToken);
        var detail = RoleDetail(role, distinct);
        await AppendAuditAsync(connection, transaction, now, actor, "user.add", name, detail, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new User(id, name, role, distinct, Disabled: false, FromMilliseconds(now.ToUnixTimeMilliseconds())) { SecurityStamp = stamp };
    }

    /// <summary>Writes a user's languages, each once and in order; returns them as written.</summary>
    private static async Task<List<LanguageTag>> InsertLanguagesAsync(
        DbConnection connection, DbTransaction transaction, long id, IEnumerable<LanguageTag> languages, CancellationToken cancellationToken)
    {
        var distinct = languages.Distinct().Order().ToList();
        foreach (var language in distinct)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO user_languages (user_id, language) VALUES (@id, @language);";
            insert.Bind("@id", id);
            insert.Bind("@language", language.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return distinct;
    }

    /// <summary>The audit detail of a role and its languages: <c>translator de-DE fr-FR</c>.</summary>
    private static string RoleDetail(Role role, List<LanguageTag> languages) =>
        languages.Count == 0 ? RoleText(role) : $"{RoleText(role)} {string.Join(' ', languages.Select(l => l.Value))}";

    /// <inheritdoc />
    public async Task<User?> FindUserAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadUserAsync(connection, "WHERE " + UserNameIs("@key"), name, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<User?> FindUserByIdAsync(long id, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadUserAsync(connection, "WHERE id = @key", id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadUsersAsync(connection, "ORDER BY " + UserNameOrder, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> SetDisabledAsync(string name, bool disabled, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"UPDATE users SET disabled = @disabled, security_stamp = @stamp WHERE {UserNameIs("@name")};";
        update.Bind("@disabled", disabled ? 1 : 0);
        update.Bind("@stamp", NewSecurityStamp());
        update.Bind("@name", name);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await AppendAuditAsync(connection, transaction, now, actor, disabled ? "user.disable" : "user.enable", name, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> SetPasswordHashAsync(string name, string passwordHash, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"UPDATE users SET password_hash = @hash, security_stamp = @stamp WHERE {UserNameIs("@name")};";
        update.Bind("@hash", passwordHash);
        update.Bind("@stamp", NewSecurityStamp());
        update.Bind("@name", name);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await AppendAuditAsync(connection, transaction, now, actor, "user.password", name, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> EndSessionsAsync(
        string name, DateTimeOffset now, string actor = "cli", string action = "user.sessions-end", string? detail = null, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"UPDATE users SET security_stamp = @stamp WHERE {UserNameIs("@name")};";
        update.Bind("@stamp", NewSecurityStamp());
        update.Bind("@name", name);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await AppendAuditAsync(connection, transaction, now, actor, action, name, detail, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> SetRoleAsync(
        string name, Role role, IReadOnlyCollection<LanguageTag> languages, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(languages);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        long id;
        using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = $"UPDATE users SET role = @role, security_stamp = @stamp WHERE {UserNameIs("@name")} RETURNING id;";
            update.Bind("@role", RoleText(role));
            update.Bind("@stamp", NewSecurityStamp());
            update.Bind("@name", name);
            if (await update.ExecuteScalarAsync(cancellationToken) is not long found)
            {
                return false;
            }

            id = found;
        }

        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM user_languages WHERE user_id = @id;";
            delete.Bind("@id", id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var distinct = await InsertLanguagesAsync(connection, transaction, id, languages, cancellationToken);
        var detail = RoleDetail(role, distinct);
        await AppendAuditAsync(connection, transaction, now, actor, "user.role", name, detail, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<string?> GetPasswordHashAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT password_hash FROM users WHERE {UserNameIs("@name")};";
        command.Bind("@name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc />
    public async Task<ApiTokenInfo> AddTokenAsync(string name, long userId, string tokenHash, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default)
    {
        AccountNames.Validate(name, "token");
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        string? userName;
        using (var owner = connection.CreateCommand())
        {
            owner.Transaction = transaction;
            owner.CommandText = "SELECT name FROM users WHERE id = @id;";
            owner.Bind("@id", userId);
            userName = await owner.ExecuteScalarAsync(cancellationToken) as string
                ?? throw new AccountException($"There is no user with id {userId}.");
        }

        try
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO api_tokens (name, user_id, token_hash, created_at) VALUES (@name, @user, @hash, @now);";
            insert.Bind("@name", name);
            insert.Bind("@user", userId);
            insert.Bind("@hash", tokenHash);
            insert.Bind("@now", now.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            throw new AccountException($"There is already a token called \"{name}\" (names stay taken after a token is revoked).", e);
        }

        await AppendAuditAsync(connection, transaction, now, actor, "token.create", name, $"for {userName}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ApiTokenInfo(name, userName, FromMilliseconds(now.ToUnixTimeMilliseconds()), null);
    }

    /// <inheritdoc />
    public async Task<User?> FindUserByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        var user = await ReadUserAsync(
            connection,
            "WHERE id = (SELECT user_id FROM api_tokens WHERE token_hash = @key AND revoked_at IS NULL)",
            tokenHash,
            cancellationToken);
        return user is { Disabled: false } ? user : null;
    }

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string name, DateTimeOffset now, string actor = "cli", CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: false, cancellationToken);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE api_tokens SET revoked_at = @now WHERE name = @name AND revoked_at IS NULL;";
        update.Bind("@now", now.ToUnixTimeMilliseconds());
        update.Bind("@name", name);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await AppendAuditAsync(connection, transaction, now, actor, "token.revoke", name, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT t.name, u.name, t.created_at, t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.name;";
        var tokens = new List<ApiTokenInfo>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new ApiTokenInfo(
                reader.GetString(0), reader.GetString(1), FromMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : FromMilliseconds(reader.GetInt64(3))));
        }

        return tokens;
    }

    /// <inheritdoc />
    public async Task AppendAuditAsync(DateTimeOffset at, string actor, string action, string? target, string? detail, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        await AppendAuditAsync(connection, null, at, actor, action, target, detail, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset;";
        command.Bind("@limit", limit);
        command.Bind("@offset", offset);
        var entries = new List<AuditEntry>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), FromMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return entries;
    }

    private static async Task AppendAuditAsync(
        DbConnection connection, DbTransaction? transaction, DateTimeOffset at, string actor, string action, string? target, string? detail,
        CancellationToken cancellationToken)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (@at, @actor, @action, @target, @detail);";
        insert.Bind("@at", at.ToUnixTimeMilliseconds());
        insert.Bind("@actor", actor);
        insert.Bind("@action", action);
        insert.Bind("@target", (object?)target ?? DBNull.Value);
        insert.Bind("@detail", (object?)detail ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<User?> ReadUserAsync(DbConnection connection, string where, object key, CancellationToken cancellationToken) =>
        (await ReadUsersAsync(connection, where, key, cancellationToken)).FirstOrDefault();

    private static async Task<List<User>> ReadUsersAsync(DbConnection connection, string clause, object? key, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, string Name, Role Role, bool Disabled, long CreatedAt, string Stamp)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT id, name, role, disabled, created_at, security_stamp FROM users {clause};";
            if (key is not null)
            {
                command.Bind("@key", key);
            }

            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), ParseRole(reader.GetString(2)), reader.GetInt64(3) != 0, reader.GetInt64(4), reader.GetString(5)));
            }
        }

        var languages = new Dictionary<long, List<LanguageTag>>();
        if (rows.Count > 0)
        {
            using var command = connection.CreateCommand();
            // One user (a lookup on every signed-in request) reads only their own languages.
            command.CommandText = rows.Count == 1
                ? "SELECT user_id, language FROM user_languages WHERE user_id = @id ORDER BY language;"
                : "SELECT user_id, language FROM user_languages ORDER BY language;";
            command.Bind("@id", rows[0].Id);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (LanguageTag.TryParse(reader.GetString(1), out var tag))
                {
                    var id = reader.GetInt64(0);
                    if (!languages.TryGetValue(id, out var list))
                    {
                        languages[id] = list = [];
                    }

                    list.Add(tag);
                }
            }
        }

        return [.. rows.Select(r => new User(r.Id, r.Name, r.Role, languages.GetValueOrDefault(r.Id) ?? [], r.Disabled, FromMilliseconds(r.CreatedAt)) { SecurityStamp = r.Stamp })];
    }

    // 128 random bits: a stamp cannot be guessed, and two never repeat, so an old cookie never matches again.
    private static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static string RoleText(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Editor => "editor",
        Role.Translator => "translator",
        Role.Reviewer => "reviewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    private static Role ParseRole(string text) => text switch
    {
        "admin" => Role.Admin,
        "editor" => Role.Editor,
        "translator" => Role.Translator,
        "reviewer" => Role.Reviewer,
        _ => throw new StoreException($"The store holds a user with an unknown role \"{text}\"."),
    };
}
