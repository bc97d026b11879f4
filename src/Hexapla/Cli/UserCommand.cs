using System.CommandLine;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Hosting;
using Hexapla.Languages;
using Hexapla.Storage;

namespace Hexapla.Cli;

/// <summary><c>hexapla user add|list|disable|passwd|role</c>: the people who work in Hexapla.</summary>
internal static class UserCommand
{
    public static Command Build(TextReader input, TextWriter output, TextWriter error)
    {
        var command = new Command("user", "Manage users: add, list, disable, passwd, role.");
        command.Subcommands.Add(Add(input, output, error));
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Disable(output, error));
        command.Subcommands.Add(Passwd(input, output, error));
        command.Subcommands.Add(ChangeRole(output, error));
        return command;
    }

    /// <summary>The role and languages given with <c>--role</c> and <c>--lang</c>, checked together.</summary>
    private static (Role Role, List<LanguageTag> Languages) RoleAndLanguages(string? roleText, string[]? langValues)
    {
        if (!Enum.TryParse<Role>(roleText, ignoreCase: true, out var parsedRole) || !Enum.IsDefined(parsedRole) || int.TryParse(roleText, out _))
        {
            throw new AccountException($"--role must be admin, editor, translator or reviewer, not \"{roleText}\".");
        }

        var languages = new List<LanguageTag>();
        foreach (var value in langValues ?? [])
        {
            languages.Add(LanguageTag.TryParse(value, out var tag, out var problem) ? tag : throw new AccountException($"--lang {value}: {problem}"));
        }

        if (parsedRole == Role.Translator && languages.Count == 0)
        {
            throw new AccountException("A translator needs at least one --lang (for example --lang fr-FR).");
        }

        if (parsedRole != Role.Translator && languages.Count > 0)
        {
            throw new AccountException("--lang is only for translators; other roles work in every language.");
        }

        return (parsedRole, languages);
    }

    private static Command ChangeRole(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "The user whose role or languages change; their sessions end." };
        var role = new Option<string>("--role") { Description = "admin, editor, translator or reviewer.", Required = true };
        var langs = new Option<string[]>("--lang") { Description = "A language a translator works in (BCP 47, e.g. fr-FR); repeat for more.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("role", "Set a user's role and languages (ends their sessions).") { name, role, langs };
        command.SetAction(async (result, cancellationToken) => await RunAsync(error, "user role", async () =>
        {
            var userName = result.GetValue(name)!;
            var (parsedRole, languages) = RoleAndLanguages(result.GetValue(role), result.GetValue(langs));
            if (!await (await OpenAsync(result, cancellationToken)).SetRoleAsync(userName, parsedRole, languages, TimeProvider.System.GetUtcNow(), cancellationToken: cancellationToken))
            {
                throw new AccountException($"There is no user called \"{userName}\".");
            }

            var described = languages.Count == 0 ? AdminAuth.RoleName(parsedRole) : $"{AdminAuth.RoleName(parsedRole)}: {string.Join(", ", languages)}";
            await output.WriteLineAsync($"{userName} is now {described}; their sessions have ended.");
            return 0;
        }));
        return command;
    }

    private static Option<bool> PasswordStdin() => new("--password-stdin") { Description = "Read the password from the first line of standard input instead of asking." };

    private static Command Add(TextReader input, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "The login name: 1-64 letters, digits, '.', '_' or '-'." };
        var role = new Option<string>("--role") { Description = "admin, editor, translator or reviewer.", Required = true };
        var langs = new Option<string[]>("--lang") { Description = "A language a translator works in (BCP 47, e.g. fr-FR); repeat for more.", AllowMultipleArgumentsPerToken = false };
        var stdin = PasswordStdin();
        var command = new Command("add", "Add a user (asks for the password, or reads it with --password-stdin).") { name, role, langs, stdin };
        command.SetAction(async (result, cancellationToken) => await RunAsync(error, "user add", async () =>
        {
            var userName = result.GetValue(name)!;
            AccountNames.Validate(userName, "user");
            var (parsedRole, languages) = RoleAndLanguages(result.GetValue(role), result.GetValue(langs));

            var store = await OpenAsync(result, cancellationToken);
            if (await store.FindUserAsync(userName, cancellationToken) is not null)
            {
                throw new AccountException($"There is already a user called \"{userName}\".");
            }

            var password = await PasswordInput.ReadAsync(result.GetValue(stdin), input, output, error, "user add");
            if (password is null)
            {
                return 1;
            }

            var user = await store.AddUserAsync(userName, parsedRole, languages, Passwords.Hash(password), TimeProvider.System.GetUtcNow(), cancellationToken: cancellationToken);
            await output.WriteLineAsync($"Added {user.Name} ({Describe(user)}).");
            return 0;
        }));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var command = new Command("list", "List the users.");
        command.SetAction(async (result, cancellationToken) => await RunAsync(error, "user list", async () =>
        {
            var users = await (await OpenAsync(result, cancellationToken)).ListUsersAsync(cancellationToken);
            if (users.Count == 0)
            {
                await output.WriteLineAsync("No users yet. Add one with: hexapla user add NAME --role admin");
                return 0;
            }

            var rows = users.Select(u => (u.Name, Role: u.Role.ToString().ToLowerInvariant(), Languages: u.Languages.Count == 0 ? "-" : string.Join(',', u.Languages), Disabled: u.Disabled ? "yes" : "no")).ToList();
            var widths = (
                Name: Math.Max(4, rows.Max(r => r.Name.Length)),
                Role: Math.Max(4, rows.Max(r => r.Role.Length)),
                Languages: Math.Max(9, rows.Max(r => r.Languages.Length)));
            await output.WriteLineAsync($"{"NAME".PadRight(widths.Name)}  {"ROLE".PadRight(widths.Role)}  {"LANGUAGES".PadRight(widths.Languages)}  DISABLED");
            foreach (var row in rows)
            {
                await output.WriteLineAsync($"{row.Name.PadRight(widths.Name)}  {row.Role.PadRight(widths.Role)}  {row.Languages.PadRight(widths.Languages)}  {row.Disabled}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Disable(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "The user to disable: they cannot log in and their tokens stop working." };
        var command = new Command("disable", "Disable a user.") { name };
        command.SetAction(async (result, cancellationToken) => await RunAsync(error, "user disable", async () =>
        {
            var userName = result.GetValue(name)!;
            if (!await (await OpenAsync(result, cancellationToken)).SetDisabledAsync(userName, true, TimeProvider.System.GetUtcNow(), cancellationToken: cancellationToken))
            {
                throw new AccountException($"There is no user called \"{userName}\".");
            }

            await output.WriteLineAsync($"Disabled {userName}: they cannot log in, and their API tokens no longer work.");
            return 0;
        }));
        return command;
    }

    private static Command Passwd(TextReader input, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "Whose password to set." };
        var stdin = PasswordStdin();
        var command = new Command("passwd", "Set a user's password.") { name, stdin };
        command.SetAction(async (result, cancellationToken) => await RunAsync(error, "user passwd", async () =>
        {
            var userName = result.GetValue(name)!;
            var store = await OpenAsync(result, cancellationToken);
            if (await store.FindUserAsync(userName, cancellationToken) is null)
            {
                throw new AccountException($"There is no user called \"{userName}\".");
            }

            var password = await PasswordInput.ReadAsync(result.GetValue(stdin), input, output, error, "user passwd");
            if (password is null)
            {
                return 1;
            }

            await store.SetPasswordHashAsync(userName, Passwords.Hash(password), TimeProvider.System.GetUtcNow(), cancellationToken: cancellationToken);
            await output.WriteLineAsync($"Set the password of {userName}.");
            return 0;
        }));
        return command;
    }

    internal static Task<IAccountStore> OpenAsync(ParseResult result, CancellationToken cancellationToken) =>
        StoreSetup.OpenAccountsAsync(StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data)), cancellationToken);

    /// <summary>Runs a verb's body, turning expected failures into one line on standard error and exit code 1.</summary>
    internal static async Task<int> RunAsync(TextWriter error, string verb, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is AccountException or StoreException)
        {
            await error.WriteLineAsync($"hexapla {verb}: {e.Message}");
            return 1;
        }
    }

    private static string Describe(User user) =>
        user.Languages.Count == 0 ? user.Role.ToString().ToLowerInvariant() : $"{user.Role.ToString().ToLowerInvariant()}: {string.Join(", ", user.Languages)}";
}
