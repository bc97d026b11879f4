using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Cli;
using Hexapla.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hexapla.Tests.Admin;

public sealed class AccountCliTests : IDisposable
{
    private const string Password = "correct horse battery";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "hexapla-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? string.Empty);
        var exit = await HexaplaCli.RunAsync([.. args, "--data", _data], output, error, input);
        return (exit, output.ToString(), error.ToString());
    }

    private Task<SqliteContentStore> OpenStoreAsync() => SqliteContentStore.OpenAsync(Path.Combine(_data, SqliteContentStore.FileName));

    [Fact]
    public async Task UserAdd_ThenList_ShowsNameRoleLanguagesDisabled()
    {
        var admin = await RunAsync(Password + "\n", "user", "add", "anna", "--role", "admin", "--password-stdin");
        var translator = await RunAsync(Password + "\n", "user", "add", "pierre", "--role", "translator", "--lang", "fr-FR", "--lang", "de-DE", "--password-stdin");
        var list = await RunAsync(null, "user", "list");

        Assert.Equal((0, ""), (admin.Exit, admin.Error));
        Assert.Equal((0, ""), (translator.Exit, translator.Error));
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "ROLE", "LANGUAGES", "DISABLED"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["anna", "admin", "-", "no"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["pierre", "translator", "de-DE,fr-FR", "no"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var store = await OpenStoreAsync();
        Assert.True(Passwords.Verify((await store.GetPasswordHashAsync("anna"))!, Password));
    }

    [Theory]
    [InlineData("user add anna --role admin --password-stdin", Password, "already a user")]
    [InlineData("user add ANNA --role editor --password-stdin", Password, "already a user")]
    [InlineData("user add bob --role translator --password-stdin", Password, "needs at least one --lang")]
    [InlineData("user add bob --role editor --lang fr-FR --password-stdin", Password, "only for translators")]
    [InlineData("user add bob --role translator --lang not_a_tag! --password-stdin", Password, "--lang not_a_tag!")]
    [InlineData("user add bob --role owner --password-stdin", Password, "--role must be")]
    [InlineData("user add bo/b --role editor --password-stdin", Password, "not allowed")]
    [InlineData("user add bob --role editor --password-stdin", "short", "at least 12 characters")]
    [InlineData("user add bob --role editor", Password, "not a terminal; pass the password with --password-stdin")]
    [InlineData("user disable nobody", null, "no user called")]
    [InlineData("user passwd nobody --password-stdin", Password, "no user called")]
    [InlineData("token create t1 --user nobody", null, "no user called")]
    [InlineData("token revoke nothing", null, "no working token")]
    public async Task Verbs_Refused_OneClearLineAndExit1(string command, string? stdin, string message)
    {
        await RunAsync(Password + "\n", "user", "add", "anna", "--role", "admin", "--password-stdin");

        var result = await RunAsync(stdin is null ? null : stdin + "\n", command.Split(' '));

        Assert.Equal(1, result.Exit);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task UserDisable_MarksDisabled()
    {
        await RunAsync(Password + "\n", "user", "add", "anna", "--role", "editor", "--password-stdin");

        var result = await RunAsync(null, "user", "disable", "anna");

        Assert.Equal(0, result.Exit);
        Assert.True((await (await OpenStoreAsync()).FindUserAsync("anna"))!.Disabled);
        Assert.Contains("yes", (await RunAsync(null, "user", "list")).Output.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserPasswd_ReplacesThePassword()
    {
        await RunAsync(Password + "\n", "user", "add", "anna", "--role", "editor", "--password-stdin");

        var result = await RunAsync("a new and longer one\n", "user", "passwd", "anna", "--password-stdin");

        Assert.Equal(0, result.Exit);
        var hash = (await (await OpenStoreAsync()).GetPasswordHashAsync("anna"))!;
        Assert.True(Passwords.Verify(hash, "a new and longer one"));
        Assert.False(Passwords.Verify(hash, Password));
    }

    [Fact]
    public async Task TokenCreate_PrintsTokenOnLastLine_RevokeEndsIt()
    {
        await RunAsync(Password + "\n", "user", "add", "anna", "--role", "editor", "--password-stdin");

        var created = await RunAsync(null, "token", "create", "ci", "--user", "anna");
        var token = created.Output.TrimEnd('\n').Split('\n')[^1];
        var store = await OpenStoreAsync();
        var owner = await store.FindUserByTokenHashAsync(ApiTokens.HashOf(token));
        var listed = await RunAsync(null, "token", "list");
        var revoked = await RunAsync(null, "token", "revoke", "ci");

        Assert.Equal(0, created.Exit);
        Assert.StartsWith("hxp_", token, StringComparison.Ordinal);
        Assert.Equal(4 + 43, token.Length);
        Assert.Equal("anna", owner!.Name);
        Assert.Contains("ci", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, revoked.Exit);
        Assert.Null(await store.FindUserByTokenHashAsync(ApiTokens.HashOf(token)));
        var actions = (await store.ListAuditAsync(0, 10)).Select(e => e.Action);
        Assert.Equal(["token.revoke", "token.create", "user.add"], actions);
    }
}
