using Hexapla.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hexapla.Tests.Infrastructure;

/// <summary>
/// A real Hexapla server on 127.0.0.1 (a free port), with its own data folder that is deleted afterwards,
/// a fake clock the test controls, and an HttpClient that does not follow redirects.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly bool _ownsData;

    private TestSite(WebApplication app, string dataFolder, FakeTimeProvider clock, bool ownsData)
    {
        _app = app;
        _ownsData = ownsData;
        DataFolder = dataFolder;
        Clock = clock;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataFolder { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The running host's services (its endpoints, options), for tests that look at the whole site.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The time every test site starts at.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The samples a test site starts with: the Iraq statement only, so tests that count documents do not change
    /// whenever a sample is added; <c>allSamples</c> gives every bundled one (the Arabic note among them). The statement's
    /// map and PDF are left out (their paragraphs taken out of its text): tests count its paragraphs, units and segments
    /// as they were before the sample had media, and a test about media uploads its own; <c>MediaSampleTests</c> covers
    /// the sample with its media.
    /// </summary>
    /// <remarks>
    /// The statement's place in the site structure (<c>section</c>, <c>kind</c> and its <c>fields</c> in the front matter)
    /// is taken out too, and a test site makes no sample sections, kinds or menus: tests count a page's links and a
    /// document's facts as they were before the sample had a structure, and an import that knows sections would refuse
    /// one that does not exist; <c>StructureSampleTests</c> covers the sample with its structure
    /// (<see cref="StartAsync"/> with <c>realSamples</c>).
    /// </remarks>
    public static IReadOnlyList<Interchange.ImportFile> Samples(bool allSamples) =>
        [.. SampleContent.Files()
            .Where(f => allSamples || f.Name.Contains("razvitie-situacii-v-irake", StringComparison.Ordinal))
            .Select(WithoutSampleMedia)
            .Select(WithoutSampleStructure)];

    private static Interchange.ImportFile WithoutSampleStructure(Interchange.ImportFile file)
    {
        var lines = System.Text.Encoding.UTF8.GetString(file.Content).Split('\n');
        var end = Array.IndexOf(lines, "---", 1);
        if (lines is not ["---", ..] || end < 0)
        {
            return file;
        }

        // The front matter's section, kind, and the values indented under fields.
        var kept = lines.Where((line, i) => i == 0 || i >= end
            || !(line.StartsWith("section:", StringComparison.Ordinal) || line.StartsWith("kind:", StringComparison.Ordinal)
                || line.StartsWith("fields:", StringComparison.Ordinal) || line.StartsWith("  ", StringComparison.Ordinal)));
        return file with { Content = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', kept)) };
    }

    private static Interchange.ImportFile WithoutSampleMedia(Interchange.ImportFile file)
    {
        var text = System.Text.Encoding.UTF8.GetString(file.Content);
        return text.Contains("(media:sample-", StringComparison.Ordinal)
            ? file with { Content = System.Text.Encoding.UTF8.GetBytes(string.Join("\n\n", text.Split("\n\n").Where(p => !p.Contains("(media:sample-", StringComparison.Ordinal)))) }
            : file;
    }

    /// <summary>Starts a site. <paramref name="prepare"/> may fill the data folder before the server opens it.</summary>
    public static async Task<TestSite> StartAsync(
        bool samples = true, bool allSamples = false, IReadOnlyDictionary<string, string?>? settings = null, Func<string, FakeTimeProvider, Task>? prepare = null,
        string? dataFolder = null, FakeTimeProvider? clock = null, bool realSamples = false)
    {
        // A folder given by the caller outlives this site (a restart test); one made here is deleted with it.
        var ownsData = dataFolder is null;
        dataFolder ??= NewDataFolder();
        Directory.CreateDirectory(dataFolder);
        clock ??= new FakeTimeProvider(Start);
        if (prepare is not null)
        {
            // The samples go in first, as serve would import them, so prepared content can add to them.
            if (samples)
            {
                var store = await Storage.Sqlite.SqliteContentStore.OpenAsync(Path.Combine(dataFolder, Storage.Sqlite.SqliteContentStore.FileName));
                await new Interchange.Importer(store, clock).ImportAsync(Samples(allSamples), new Interchange.ImportOptions());
            }

            await prepare(dataFolder, clock);
        }

        var app = await WebHost.BuildAsync(new ServeSettings(dataFolder, "http://127.0.0.1:0", samples, [])
        {
            Clock = clock,
            Overrides = settings ?? new Dictionary<string, string?>(),
            // The real samples: every bundled file with its media, and the structure serve makes for them.
            SampleFiles = realSamples ? SampleContent.Files : () => Samples(allSamples),
            SampleStructure = realSamples,
        });
        await app.StartAsync();
        return new TestSite(app, dataFolder, clock, ownsData);
    }

    public static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "hexapla-tests", Guid.NewGuid().ToString("N"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; it does not affect other tests.
        }
    }
}
