using Hexapla.Accounts;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Tests.Infrastructure;

namespace Hexapla.Tests.Storage;

/// <summary>Users, tokens and the audit log, written once and run on every provider.</summary>
public abstract class AccountStoreTests<TProvider> : IAsyncLifetime
    where TProvider : IStoreProvider, new()
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    protected TProvider Provider { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    private async Task<SqlContentStore> StoreWithAnnaAsync()
    {
        var store = await Provider.OpenAsync();
        await store.AddUserAsync("anna", Role.Translator, [LanguageTag.Parse("fr-FR"), LanguageTag.Parse("de-DE")], "hash-1", Now);
        return store;
    }

    [SkippableFact]
    public async Task AddUser_FoundByNameInAnyCaseAndById_WithLanguages()
    {
        var store = await StoreWithAnnaAsync();

        var byName = await store.FindUserAsync("ANNA");
        var byId = await store.FindUserByIdAsync(byName!.Id);

        Assert.Equal("anna", byName.Name);
        Assert.Equal(Role.Translator, byName.Role);
        Assert.Equal(["de-DE", "fr-FR"], byName.Languages.Select(l => l.Value));
        Assert.False(byName.Disabled);
        Assert.Equal(Now, byName.CreatedAt);
        Assert.Equal(byName.Name, byId!.Name);
        Assert.Equal(byName.Languages, byId.Languages);
        Assert.Null(await store.FindUserAsync("bob"));
    }

    [SkippableFact]
    public async Task SecurityStamp_IsNewOnEveryChangeThatEndsSessions_AndEachIsAudited()
    {
        var store = await StoreWithAnnaAsync();
        var stamps = new List<string> { (await store.FindUserAsync("anna"))!.SecurityStamp };
        async Task StampAsync() => stamps.Add((await store.FindUserAsync("anna"))!.SecurityStamp);

        Assert.True(await store.EndSessionsAsync("anna", Now, "anna", "logout", "127.0.0.1"));
        await StampAsync();
        Assert.True(await store.SetPasswordHashAsync("anna", "hash-2", Now));
        await StampAsync();
        Assert.True(await store.SetRoleAsync("ANNA", Role.Translator, [LanguageTag.Parse("it-IT")], Now, "boss"));
        await StampAsync();
        var translator = (await store.FindUserAsync("anna"))!;
        Assert.True(await store.SetRoleAsync("anna", Role.Reviewer, [], Now, "boss"));
        await StampAsync();
        Assert.True(await store.SetDisabledAsync("anna", true, Now));
        await StampAsync();
        Assert.True(await store.SetDisabledAsync("anna", false, Now));
        await StampAsync();

        Assert.All(stamps, stamp => Assert.Equal(32, stamp.Length));
        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        Assert.Equal(["it-IT"], translator.Languages.Select(l => l.Value));
        var reviewer = (await store.FindUserAsync("anna"))!;
        Assert.Equal((Role.Reviewer, 0), (reviewer.Role, reviewer.Languages.Count));
        Assert.Equal(reviewer.SecurityStamp, (await store.FindUserByIdAsync(reviewer.Id))!.SecurityStamp);
        var audit = await store.ListAuditAsync(0, 10);
        Assert.Equal(["user.enable", "user.disable", "user.role", "user.role", "user.password", "logout", "user.add"], audit.Select(a => a.Action));
        Assert.Equal(("boss", "reviewer"), (audit[2].Actor, audit[2].Detail));
        Assert.Equal("translator it-IT", audit[3].Detail);
        Assert.False(await store.EndSessionsAsync("nobody", Now));
        Assert.False(await store.SetRoleAsync("nobody", Role.Editor, [], Now));
    }

    [SkippableFact]
    public async Task AddUser_NameTakenInAnotherCase_Throws()
    {
        var store = await StoreWithAnnaAsync();

        var e = await Assert.ThrowsAsync<AccountException>(() => store.AddUserAsync("Anna", Role.Editor, [], "hash", Now));

        Assert.Contains("already a user", e.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/")]
    [InlineData("ünïcode")]
    public async Task AddUser_BadName_Throws(string name)
    {
        var store = await Provider.OpenAsync();

        await Assert.ThrowsAsync<AccountException>(() => store.AddUserAsync(name, Role.Editor, [], "hash", Now));
    }

    [SkippableFact]
    public async Task AddUser_SixtyFiveCharacters_Throws_SixtyFourAllowed()
    {
        var store = await Provider.OpenAsync();

        await Assert.ThrowsAsync<AccountException>(() => store.AddUserAsync(new string('a', 65), Role.Editor, [], "hash", Now));
        var user = await store.AddUserAsync(new string('a', 64), Role.Editor, [], "hash", Now);

        Assert.Equal(64, user.Name.Length);
    }

    [SkippableFact]
    public async Task PasswordHash_SetAndGet_UnknownUserIsFalseOrNull()
    {
        var store = await StoreWithAnnaAsync();

        Assert.True(await store.SetPasswordHashAsync("anna", "hash-2", Now));
        Assert.Equal("hash-2", await store.GetPasswordHashAsync("anna"));
        Assert.False(await store.SetPasswordHashAsync("bob", "hash", Now));
        Assert.Null(await store.GetPasswordHashAsync("bob"));
    }

    [SkippableFact]
    public async Task Token_FindsUser_UntilRevokedOrUserDisabled()
    {
        var store = await StoreWithAnnaAsync();
        var anna = (await store.FindUserAsync("anna"))!;
        await store.AddTokenAsync("laptop", anna.Id, "h-laptop", Now);
        await store.AddTokenAsync("ci", anna.Id, "h-ci", Now);

        Assert.Equal("anna", (await store.FindUserByTokenHashAsync("h-laptop"))!.Name);
        Assert.True(await store.RevokeTokenAsync("laptop", Now));
        Assert.False(await store.RevokeTokenAsync("laptop", Now));
        Assert.Null(await store.FindUserByTokenHashAsync("h-laptop"));
        Assert.NotNull(await store.FindUserByTokenHashAsync("h-ci"));
        Assert.True(await store.SetDisabledAsync("anna", true, Now));
        Assert.Null(await store.FindUserByTokenHashAsync("h-ci"));
        Assert.Null(await store.FindUserByTokenHashAsync("unknown"));
        var tokens = await store.ListTokensAsync();
        Assert.Equal([("ci", "anna", (DateTimeOffset?)null), ("laptop", "anna", Now)], tokens.Select(t => (t.Name, t.UserName, t.RevokedAt)));
    }

    [SkippableFact]
    public async Task Token_NameTaken_Throws()
    {
        var store = await StoreWithAnnaAsync();
        var anna = (await store.FindUserAsync("anna"))!;
        await store.AddTokenAsync("ci", anna.Id, "h-1", Now);

        await Assert.ThrowsAsync<AccountException>(() => store.AddTokenAsync("ci", anna.Id, "h-2", Now));
        await Assert.ThrowsAsync<AccountException>(() => store.AddTokenAsync("other", anna.Id + 100, "h-3", Now));
    }

    [SkippableFact]
    public async Task EveryWrite_IsAudited_NewestFirst()
    {
        var store = await StoreWithAnnaAsync();
        var anna = (await store.FindUserAsync("anna"))!;
        await store.AddTokenAsync("ci", anna.Id, "h", Now.AddMinutes(1), "admin");
        await store.RevokeTokenAsync("ci", Now.AddMinutes(2));
        await store.SetPasswordHashAsync("anna", "hash-2", Now.AddMinutes(3));
        await store.SetDisabledAsync("anna", true, Now.AddMinutes(4));
        await store.AppendAuditAsync(Now.AddMinutes(5), "anna", "login.failed", "anna", "127.0.0.1");

        var audit = await store.ListAuditAsync(0, 100);
        var page = await store.ListAuditAsync(1, 2);

        Assert.Equal(["login.failed", "user.disable", "user.password", "token.revoke", "token.create", "user.add"], audit.Select(e => e.Action));
        Assert.Equal(("admin", "ci", "for anna"), (audit[4].Actor, audit[4].Target, audit[4].Detail));
        Assert.Equal("translator de-DE fr-FR", audit[5].Detail);
        Assert.Equal(Now.AddMinutes(5), audit[0].At);
        Assert.Equal(["user.disable", "user.password"], page.Select(e => e.Action));
    }

    [SkippableFact]
    public async Task FailedWrite_LeavesNoAuditEntry()
    {
        var store = await StoreWithAnnaAsync();

        await Assert.ThrowsAsync<AccountException>(() => store.AddUserAsync("anna", Role.Editor, [], "hash", Now));
        Assert.False(await store.SetDisabledAsync("nobody", true, Now));

        Assert.Single(await store.ListAuditAsync(0, 100));
    }
}

public sealed class SqliteAccountStoreTests : AccountStoreTests<SqliteProvider>;

public sealed class PostgresAccountStoreTests : AccountStoreTests<PostgresProvider>;
