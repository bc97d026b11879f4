using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Maintenance;

/// <summary><c>hexapla sections</c>: the tree an operator sees, indented, with ids, titles and document counts.</summary>
public sealed class StructureSectionsCliTests : CliFolderTests
{
    [Fact]
    public async Task Sections_Tree_IndentedWithPathsTitlesAndCountsOfEveryState()
    {
        var data = Path.Combine(Folder, "data");
        var filled = await StructureFill.FillAsync(await OpenAsync(data));

        var run = await RunAsync("sections", "--data", data);

        Assert.True(run.Exit == 0, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"regions  (id {filled.Regions}, 0 document(s))  en-GB: Regions | ru-RU: Регионы", lines[0]);
        Assert.Equal($"  regions/middle-east  (id {filled.MiddleEast}, 1 document(s))  en-GB: Middle East | ru-RU: Ближний Восток", lines[1]);
        // The embargoed briefing counts: the operator's view shows every state.
        Assert.Equal($"  regions/africa  (id {filled.Africa}, 1 document(s))  en-GB: Africa | ru-RU: Африка", lines[2]);
        Assert.StartsWith("3 section(s);", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sections_EmptyStore_SaysHowToMakeThem()
    {
        var data = Path.Combine(Folder, "data");
        await OpenAsync(data);

        var run = await RunAsync("sections", "--data", data);

        Assert.Equal(0, run.Exit);
        Assert.StartsWith("No sections yet", run.Output, StringComparison.Ordinal);
    }
}
