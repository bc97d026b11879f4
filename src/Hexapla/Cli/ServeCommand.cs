using System.CommandLine;
using Hexapla.Hosting;
using Hexapla.Storage;

namespace Hexapla.Cli;

/// <summary><c>hexapla serve</c>: the public site, the read API, on 127.0.0.1:5000 unless told otherwise.</summary>
internal static class ServeCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://0.0.0.0:8080 (default http://127.0.0.1:5000).", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var noSamples = new Option<bool>("--no-samples") { Description = "Do not import the bundled sample content into an empty store." };
        var command = new Command("serve", "Serve the site.") { urls, noSamples };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new ServeSettings(
                StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data)),
                result.GetValue(urls)!,
                ImportSamples: !result.GetValue(noSamples),
                ConfigurationArgs: []);
            try
            {
                var app = await WebHost.BuildAsync(settings, cancellationToken);
                await output.WriteLineAsync($"Hexapla: data in {settings.DataFolder}, listening on {settings.Urls} (Ctrl+C stops).");
                // There is never a default password: the first admin is made on the command line.
                if ((await app.Services.GetRequiredService<IAccountStore>().ListUsersAsync(cancellationToken)).Count == 0)
                {
                    await output.WriteLineAsync("No users yet, so no one can log in to /admin/. Create the first one with: hexapla user add NAME --role admin");
                }

                await app.RunAsync(cancellationToken);
                return 0;
            }
            catch (StoreException e)
            {
                await error.WriteLineAsync($"hexapla serve: {e.Message}");
                return 1;
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                await error.WriteLineAsync($"hexapla serve: cannot listen on {settings.Urls}: {e.Message}");
                return 1;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                await error.WriteLineAsync($"hexapla serve: {string.Join(" ", e.Failures)}");
                return 1;
            }
        });
        command.TreatUnmatchedTokensAsErrors = true;
        return command;
    }
}
