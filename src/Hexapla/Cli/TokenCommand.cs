using System.CommandLine;
using Hexapla.Accounts;
using Hexapla.Admin;

namespace Hexapla.Cli;

/// <summary><c>hexapla token create|revoke|list</c>: API tokens, sent as <c>Authorization: Bearer …</c>.</summary>
internal static class TokenCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("token", "Manage API tokens: create, revoke, list.");
        command.Subcommands.Add(Create(output, error));
        command.Subcommands.Add(Revoke(output, error));
        command.Subcommands.Add(List(output, error));
        return command;
    }

    private static Command Create(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "A name for the token (what it is for), unique." };
        var user = new Option<string>("--user") { Description = "Whose rights the token carries.", Required = true };
        var command = new Command("create", "Create a token; it is printed once, alone on the last line.") { name, user };
        command.SetAction(async (result, cancellationToken) => await UserCommand.RunAsync(error, "token create", async () =>
        {
            var tokenName = result.GetValue(name)!;
            AccountNames.Validate(tokenName, "token");
            var store = await UserCommand.OpenAsync(result, cancellationToken);
            var owner = await store.FindUserAsync(result.GetValue(user)!, cancellationToken)
                ?? throw new AccountException($"There is no user called \"{result.GetValue(user)}\".");
            if (owner.Disabled)
            {
                throw new AccountException($"{owner.Name} is disabled; a token of theirs would not work.");
            }

            var token = ApiTokens.Create();
            await store.AddTokenAsync(tokenName, owner.Id, ApiTokens.HashOf(token), TimeProvider.System.GetUtcNow(), cancellationToken: cancellationToken);
            await output.WriteLineAsync($"Created token {tokenName} for {owner.Name}. It is shown only now; send it as Authorization: Bearer TOKEN.");
            await output.WriteLineAsync(token);
            return 0;
        }));
        return command;
    }

    private static Command Revoke(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "The token to end." };
        var command = new Command("revoke", "Revoke a token: it stops working at once.") { name };
        command.SetAction(async (result, cancellationToken) => await UserCommand.RunAsync(error, "token revoke", async () =>
        {
            var tokenName = result.GetValue(name)!;
            var store = await UserCommand.OpenAsync(result, cancellationToken);
            if (!await store.RevokeTokenAsync(tokenName, TimeProvider.System.GetUtcNow(), cancellationToken: cancellationToken))
            {
                throw new AccountException($"There is no working token called \"{tokenName}\".");
            }

            await output.WriteLineAsync($"Revoked token {tokenName}.");
            return 0;
        }));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var command = new Command("list", "List tokens (names and owners; never the tokens themselves).");
        command.SetAction(async (result, cancellationToken) => await UserCommand.RunAsync(error, "token list", async () =>
        {
            var tokens = await (await UserCommand.OpenAsync(result, cancellationToken)).ListTokensAsync(cancellationToken);
            if (tokens.Count == 0)
            {
                await output.WriteLineAsync("No tokens.");
                return 0;
            }

            var nameWidth = Math.Max(4, tokens.Max(t => t.Name.Length));
            var userWidth = Math.Max(4, tokens.Max(t => t.UserName.Length));
            await output.WriteLineAsync($"{"NAME".PadRight(nameWidth)}  {"USER".PadRight(userWidth)}  {"CREATED",-20}  REVOKED");
            foreach (var token in tokens)
            {
                await output.WriteLineAsync(
                    $"{token.Name.PadRight(nameWidth)}  {token.UserName.PadRight(userWidth)}  {token.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),-20}  " +
                    (token.RevokedAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "-"));
            }

            return 0;
        }));
        return command;
    }
}
