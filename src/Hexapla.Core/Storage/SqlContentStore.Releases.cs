using System.Data.Common;
using Hexapla.Languages;

namespace Hexapla.Storage;

// Releases: several versions published together at one instant. Carrying one out is a batch of version writes
// (SaveVersionsAsync with ReleaseDone); here are the pending list and its ends.
public abstract partial class SqlContentStore
{
    /// <inheritdoc />
    public async Task<Release> CreateReleaseAsync(
        DateTimeOffset at, IReadOnlyList<ReleaseMember> members, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentOutOfRangeException.ThrowIfZero(audit.Count);
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        long id;
        using (var insert = Command(connection, transaction, """
            INSERT INTO releases (at, state, created_by, created_at) VALUES (@at, 'pending', @by, @created) RETURNING id;
            """))
        {
            insert.Bind("@at", at.ToUnixTimeMilliseconds());
            insert.Bind("@by", audit[0].Actor);
            insert.Bind("@created", audit[0].At.ToUnixTimeMilliseconds());
            id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        using (var member = Command(connection, transaction, """
            INSERT INTO release_members (release_id, slug, language, revision) VALUES (@id, @slug, @language, @revision);
            """))
        {
            member.Bind("@id", id);
            var slug = member.Bind("@slug", "");
            var language = member.Bind("@language", "");
            var revision = member.Bind("@revision", 0);
            foreach (var m in members)
            {
                slug.Value = m.Slug;
                language.Value = m.Language.Value;
                revision.Value = m.Revision;
                await member.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        foreach (var entry in audit)
        {
            await InsertAuditAsync(connection, transaction, entry with { Target = entry.Target ?? $"release/{id}" }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Release(id, FromMilliseconds(at.ToUnixTimeMilliseconds()), ReleaseState.Pending, audit[0].Actor, FromMilliseconds(audit[0].At.ToUnixTimeMilliseconds()), null, members);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Release>> ListReleasesAsync(bool pendingOnly, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadReleasesAsync(connection, pendingOnly ? "state = 'pending'" : "1 = 1", null, limit, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Release?> FindReleaseAsync(long id, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        return (await ReadReleasesAsync(connection, "id = @id", id, 1, cancellationToken)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<bool> EndReleaseAsync(long id, ReleaseState state, string? outcome, AuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (state is not (ReleaseState.Cancelled or ReleaseState.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A release ends here only cancelled or failed; SaveVersionsAsync carries one out.");
        }

        using var connection = await OpenConnectionAsync(cancellationToken);
        using var transaction = await BeginTransactionAsync(connection, exclusive: true, cancellationToken);
        using (var end = Command(connection, transaction, "UPDATE releases SET state = @state, outcome = @outcome WHERE id = @id AND state = 'pending';"))
        {
            end.Bind("@state", Name(state));
            end.BindText("@outcome", outcome);
            end.Bind("@id", id);
            if (await end.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await InsertAuditAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextReleaseAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(at) FROM releases WHERE state = 'pending';";
        return await command.ExecuteScalarAsync(cancellationToken) is long at ? FromMilliseconds(at) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAuditOfAsync(string target, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenConnectionAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, at, actor, action, target, detail FROM audit_log WHERE target = @target ORDER BY at, id;";
        command.Bind("@target", target);
        var entries = new List<AuditEntry>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), FromMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return entries;
    }

    private static async Task<IReadOnlyList<Release>> ReadReleasesAsync(
        DbConnection connection, string where, long? id, int limit, CancellationToken cancellationToken)
    {
        var releases = new List<Release>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT id, at, state, created_by, created_at, outcome FROM releases WHERE {where} ORDER BY at DESC, id DESC LIMIT @limit;";
            if (id is { } value)
            {
                command.Bind("@id", value);
            }

            command.Bind("@limit", limit);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                releases.Add(new Release(reader.GetInt64(0), FromMilliseconds(reader.GetInt64(1)), ParseReleaseState(reader.GetString(2)),
                    reader.GetString(3), FromMilliseconds(reader.GetInt64(4)), reader.IsDBNull(5) ? null : reader.GetString(5), []));
            }
        }

        for (var i = 0; i < releases.Count; i++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT slug, language, revision FROM release_members WHERE release_id = @id ORDER BY slug, language;";
            command.Bind("@id", releases[i].Id);
            var members = new List<ReleaseMember>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                members.Add(new ReleaseMember(reader.GetString(0), LanguageTag.FromStored(reader.GetString(1)), reader.GetInt32(2)));
            }

            releases[i] = releases[i] with { Members = members };
        }

        return releases;
    }

    private static string Name(ReleaseState state) => state.ToString().ToLowerInvariant();

    private static ReleaseState ParseReleaseState(string name) =>
        Enum.TryParse<ReleaseState>(name, ignoreCase: true, out var state) ? state : throw new StoreException($"Unknown release state \"{name}\" in the store.");
}
