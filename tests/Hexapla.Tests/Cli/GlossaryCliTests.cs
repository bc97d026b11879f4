using Hexapla.Cli;
using Microsoft.Data.Sqlite;

namespace Hexapla.Tests.Cli;

public sealed class GlossaryCliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "hexapla-cli-tests", Guid.NewGuid().ToString("N"));

    public GlossaryCliTests() => Directory.CreateDirectory(_data);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HexaplaCli.RunAsync([.. args, "--data", _data], output, error, new StringReader(""));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ImportThenExport_SameTerms_BadFileRefusedWithLineAndNothingStored()
    {
        var good = Path.Combine(_data, "good.csv");
        await File.WriteAllTextAsync(good, "term,translation,note\nИГИЛ,ISIL,\"banned, \"\"terrorist\"\"\nin Russia\"\nБагдад,Baghdad,\n");
        var bad = Path.Combine(_data, "bad.csv");
        await File.WriteAllTextAsync(bad, "term,translation,note\nМосул,Mosul\n,nothing\n");

        var refused = await RunAsync("glossary", "import", bad, "--source", "ru-RU", "--target", "en-GB");
        var imported = await RunAsync("glossary", "import", good, "--source", "ru-RU", "--target", "en-GB");
        var refusedAgain = await RunAsync("glossary", "import", bad, "--source", "ru-RU", "--target", "en-GB");
        var exported = Path.Combine(_data, "out.csv");
        var export = await RunAsync("glossary", "export", "--source", "ru-RU", "--target", "en-GB", "--out", exported);

        Assert.Equal(1, refused.Exit);
        Assert.Contains("bad.csv, line 3: the term is empty", refused.Error, StringComparison.Ordinal);
        Assert.Equal((0, ""), (imported.Exit, imported.Error));
        Assert.Equal(1, refusedAgain.Exit);
        Assert.Equal((0, ""), (export.Exit, export.Error));
        var terms = Hexapla.Translation.GlossaryCsv.Parse(await File.ReadAllTextAsync(exported));
        Assert.Equal(["Багдад", "ИГИЛ"], terms.Select(t => t.Term));
        Assert.Equal("banned, \"terrorist\"\nin Russia", terms[1].Note);
    }
}
