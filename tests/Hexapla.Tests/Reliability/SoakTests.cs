using Hexapla.Bench.Soak;
using Hexapla.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hexapla.Tests.Reliability;

/// <summary>
/// The soak of issue 7 at CI size: the bench's workload (<c>hexapla-bench soak</c>, 16 clients for 60 s) for 5 s
/// against the real executable. It asserts the invariants only, never timings: those are the bench's.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = TestSite.NewDataFolder();

    [Fact]
    public async Task SixteenClients_FiveSeconds_NoServerErrorNoLostUpdateEveryAcceptedWriteStored()
    {
        var settings = new SoakSettings(Clients: 16, Duration: TimeSpan.FromSeconds(5), Seed: 7);
        SoakResult result;
        await using (var server = new HexaplaProcess(Path.Combine(AppContext.BaseDirectory, "hexapla.dll"), _data))
        {
            var token = await server.CreateTokenAsync("soaker", "editor");
            await server.StartAsync(samples: true, TimeSpan.FromSeconds(60));
            result = await new SoakRun(server, token, settings).RunAsync();
        }

        var report = SoakReport.ToMarkdown(result);
        output.WriteLine(report);
        Assert.True(result.Problems.Count == 0, report);
        Assert.DoesNotContain(result.Samples, s => s.Status >= 500);
        // Every role did its work: otherwise the checks above would pass for want of requests.
        foreach (var kind in new[] { "home page", "feed", "document page", "search", "edit shared", "edit own" })
        {
            Assert.Contains(result.Samples, s => s.Kind == kind && s.Status is 200);
        }

        Assert.Contains(result.Accepted, a => a.Kind == "edit");
        Assert.Contains(result.Accepted, a => a.Kind is "publish" or "unpublish");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; it does not affect other tests.
        }
    }
}
