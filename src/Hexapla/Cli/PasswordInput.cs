using System.Text;

namespace Hexapla.Cli;

/// <summary>Where a new password comes from: standard input with <c>--password-stdin</c>, else the terminal, asked twice.</summary>
internal static class PasswordInput
{
    /// <summary>The password, or null after writing one clear line to <paramref name="error"/>.</summary>
    public static async Task<string?> ReadAsync(bool fromStdin, TextReader input, TextWriter output, TextWriter error, string verb)
    {
        string? password;
        if (fromStdin)
        {
            password = (await input.ReadLineAsync())?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password))
            {
                await error.WriteLineAsync($"hexapla {verb}: --password-stdin read no password from standard input.");
                return null;
            }
        }
        else
        {
            if (input != Console.In || Console.IsInputRedirected)
            {
                await error.WriteLineAsync($"hexapla {verb}: standard input is not a terminal; pass the password with --password-stdin.");
                return null;
            }

            password = AskHidden(output, "Password: ");
            var again = AskHidden(output, "Password again: ");
            if (password != again)
            {
                await error.WriteLineAsync($"hexapla {verb}: the two passwords differ; nothing was changed.");
                return null;
            }
        }

        if (Admin.Passwords.Problem(password) is { } problem)
        {
            await error.WriteLineAsync($"hexapla {verb}: {problem}");
            return null;
        }

        return password;
    }

    private static string AskHidden(TextWriter output, string prompt)
    {
        output.Write(prompt);
        output.Flush();
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                output.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
