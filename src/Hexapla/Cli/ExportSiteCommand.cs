using System.CommandLine;
using Hexapla.Hosting;
using Hexapla.Site;
using Hexapla.Site.Export;
using Hexapla.Storage;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Hexapla.Cli;

/// <summary><c>hexapla export site --out DIR [--base-url URL]</c>: the public site as static files for nginx or a CDN.</summary>
internal static class ExportSiteCommand
{
    /// <summary>From this many versions on, a terminal shows a progress bar.</summary>
    private const int ProgressThreshold = 50;

    public static Command Build(TextWriter output, TextWriter error)
    {
        var folder = new Option<string>("--out") { Description = "The folder to write the site to (missing or empty, or an earlier export with --force).", Required = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "The public address the files will be served at, e.g. https://press.example.org (default: the Hexapla:BaseUrl setting)." };
        var searchUrl = new Option<string?>("--search-url") { Description = "A running Hexapla the search box sends queries to, e.g. https://search.example.org (default: no search box)." };
        var force = new Option<bool>("--force") { Description = "Replace an earlier export in --out." };
        var noCompare = new Option<bool>("--no-compare") { Description = "Leave out the side-by-side pages (and the links to them)." };
        var command = new Command("site", "Write the public site (pages, feeds, sitemap, assets) as static files.") { folder, baseUrl, searchUrl, force, noCompare };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (settings, review) = ReadSettings();
            var chosenBase = result.GetValue(baseUrl) is { Length: > 0 } given ? given : settings.BaseUrl;
            if (string.IsNullOrWhiteSpace(chosenBase))
            {
                await error.WriteLineAsync("hexapla export site: --base-url is required (or the Hexapla:BaseUrl setting): canonical links, feeds and the sitemap need the site's public address.");
                return 1;
            }

            if (!IsSiteAddress(chosenBase))
            {
                await error.WriteLineAsync($"hexapla export site: --base-url: \"{chosenBase}\" is not an absolute http or https address without query or fragment (e.g. https://press.example.org).");
                return 1;
            }

            var search = result.GetValue(searchUrl);
            if (search is not null && !IsSiteAddress(search))
            {
                await error.WriteLineAsync($"hexapla export site: --search-url: \"{search}\" is not an absolute http or https address without query or fragment.");
                return 1;
            }

            if (settings.PageSize is < 1 or > 200)
            {
                await error.WriteLineAsync("hexapla export site: Hexapla:PageSize must be between 1 and 200.");
                return 1;
            }

            if (settings.SitemapPageSize is < 1 or > DiscoveryEndpoints.MaxSitemapUrls)
            {
                await error.WriteLineAsync("hexapla export site: Hexapla:SitemapPageSize must be between 1 and 50000.");
                return 1;
            }

            var options = new SiteExportOptions(result.GetValue(folder)!, chosenBase, search, result.GetValue(force), Compare: !result.GetValue(noCompare))
            {
                OriginalUpdatedNotice = review.OriginalUpdatedNotice,
            };
            try
            {
                var data = StoreSetup.ResolveDataFolder(result.GetValue(HexaplaCli.Data));
                var store = await StoreSetup.OpenAsync(data, cancellationToken);
                var now = TimeProvider.System.GetUtcNow();
                var versions = await SiteExporter.CountVersionsAsync(store, now, cancellationToken);
                SiteExportReport report;
                if (versions < ProgressThreshold || Console.IsOutputRedirected || output != Console.Out)
                {
                    report = await SiteExporter.ExportAsync(store, settings, now, options, cancellationToken: cancellationToken);
                }
                else
                {
                    report = await AnsiConsole.Progress().AutoClear(true)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                        .StartAsync(async context =>
                        {
                            var task = context.AddTask("Exporting pages", maxValue: versions);
                            var progress = new Progress<long>(done => task.Value = done);
                            ProgressTask? files = null;
                            var media = new Progress<(int Done, int Total)>(p =>
                            {
                                files ??= context.AddTask("Exporting media files", maxValue: Math.Max(1, p.Total));
                                files.Value = p.Done;
                            });
                            return await SiteExporter.ExportAsync(store, settings, now, options, progress, media, cancellationToken);
                        });
                }

                var seconds = Math.Max(report.Elapsed.TotalSeconds, 0.001);
                await output.WriteLineAsync($"Wrote {Path.GetFullPath(options.OutputFolder)}: {report.Pages} page(s) of {report.Documents} document(s), {report.Files} file(s) ({report.MediaFiles} of them media) in {seconds:0.00} s ({report.Pages / seconds:0} pages/s).");
                return 0;
            }
            catch (Exception e) when (e is SiteExportException or IOException or UnauthorizedAccessException or StoreException)
            {
                await error.WriteLineAsync($"hexapla export site: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The Hexapla settings as serve reads them: appsettings.json beside the binary, then environment variables.</summary>
    private static (HexaplaOptions Site, ReviewOptions Review) ReadSettings()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return (configuration.GetSection(HexaplaOptions.Section).Get<HexaplaOptions>() ?? new HexaplaOptions(),
            configuration.GetSection(ReviewOptions.Section).Get<ReviewOptions>() ?? new ReviewOptions());
    }

    private static bool IsSiteAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
