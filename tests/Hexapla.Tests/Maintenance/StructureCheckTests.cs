using System.Data.Common;
using Dapper;
using Hexapla.Maintenance;
using Hexapla.Sections;
using Hexapla.Storage.Postgres;
using Hexapla.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Maintenance;

/// <summary>
/// <c>hexapla check</c> finds structure damage written straight into the store (as a hand edit, a bad tool or an older
/// Hexapla could leave it) and <c>--repair</c> mends only what loses nothing; on SQLite through the CLI, on PostgreSQL
/// through the same checks the CLI runs there.
/// </summary>
public sealed class StructureCheckTests : CliFolderTests
{
    private static string MenuJson(long missingSection, long existing) => StructureJson.WriteMenu(new Menu(Menu.Header,
    [
        new MenuEntry
        {
            Target = MenuTargetKind.Section,
            SectionId = missingSection,
            Children = [new MenuEntry { Target = MenuTargetKind.Section, SectionId = existing }],
        },
        new MenuEntry { Target = MenuTargetKind.Link, Url = "https://example.org/press", Titles = StructureFill.Titles("Пресс-служба", "Press office") },
    ]));

    /// <summary>Damage both databases can hold: a loop of parents, an old path equal to a current one, values that do not fit, a dead menu entry.</summary>
    private static async Task DamageAsync(DbConnection connection, StructureFill.Filled filled)
    {
        await connection.ExecuteAsync("""
            INSERT INTO sections (slug, position, created_at, updated_at) VALUES ('europe', 0, 0, 0);
            INSERT INTO sections (parent_id, slug, position, created_at, updated_at) SELECT id, 'balkans', 0, 0, 0 FROM sections WHERE slug = 'europe';
            UPDATE sections SET parent_id = (SELECT id FROM sections WHERE slug = 'balkans') WHERE slug = 'europe';
            INSERT INTO section_redirects (path, section_id) VALUES ('regions/middle-east', @regions);
            UPDATE documents SET fields = '{"event-date":"4 May 2026","venue":"Moscow"}' WHERE slug = 'brifing-4-maya';
            UPDATE revisions SET fields = '{"speaker":"Maria Zakharova","event-date":"2026-05-04"}'
                WHERE version_id IN (SELECT v.id FROM versions v JOIN documents d ON d.id = v.document_id WHERE d.slug = 'brifing-4-maya' AND v.language = 'en-GB');
            UPDATE menus SET definition = @menu WHERE name = 'header';
            """, new { regions = filled.Regions, menu = MenuJson(9999, filled.Africa) });
    }

    [Fact]
    public async Task Check_SqliteStructureDamage_EachProblemNamedOnce_RepairMendsTheSafeOnes_KeepsEveryDocument()
    {
        var data = Path.Combine(Folder, "data");
        var store = await OpenAsync(data);
        var filled = await StructureFill.FillAsync(store);
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName)};Pooling=False;Foreign Keys=False"))
        {
            await connection.OpenAsync();
            await DamageAsync(connection, filled);
            // Only SQLite can lose a row another refers to (foreign keys are off on this connection).
            await connection.ExecuteAsync("""
                UPDATE sections SET parent_id = 4242 WHERE slug = 'africa';
                UPDATE documents SET section_id = 4343 WHERE slug = 'brifing-5-maya';
                """);
        }

        var check = await RunAsync("check", "--data", data);
        var repair = await RunAsync("check", "--repair", "--data", data);
        var again = await RunAsync("check", "--data", data);

        Assert.Equal(1, check.Exit);
        var lines = check.Output.Split('\n').Where(l => l.StartsWith("structure: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(lines.Distinct().Count(), lines.Count);
        Assert.Contains(lines, l => l.Contains("section \"africa\"", StringComparison.Ordinal) && l.Contains("missing parent (id 4242)", StringComparison.Ordinal)
            && l.Contains("--repair would move section \"africa\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"europe\"", StringComparison.Ordinal) && l.Contains("\"balkans\"", StringComparison.Ordinal) && l.Contains("loop", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("old path regions/middle-east", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("document brifing-5-maya is in section 4343, which does not exist", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("document brifing-4-maya: field \"event-date\" is a date: \"4 May 2026\" is not one", StringComparison.Ordinal)
            && l.Contains("cannot repair safely", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("kind \"briefing\" has no field \"venue\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("brifing-4-maya, en-GB (revision 1): field \"event-date\" of kind \"briefing\" is date (shared)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("header menu has 1 entry leading to missing section(s) (id 9999)", StringComparison.Ordinal));
        Assert.Equal(8, lines.Count);

        Assert.True(repair.Exit == 1, repair.Output + repair.Error);
        Assert.Contains("Moved section \"africa\"", repair.Output, StringComparison.Ordinal);
        Assert.Contains("Took document brifing-5-maya out of its missing section.", repair.Output, StringComparison.Ordinal);
        var still = again.Output.Split('\n').Where(l => l.StartsWith("structure: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, still.Count);
        Assert.All(still, l => Assert.Contains("cannot repair safely", l, StringComparison.Ordinal));

        var repaired = await OpenAsync(data);
        var structure = await repaired.LoadStructureAsync();
        Assert.Equal("africa", structure.PathOf(filled.Africa));
        Assert.NotNull(structure.SectionAt("europe/balkans"));
        Assert.Null(await repaired.FindSectionRedirectAsync("regions/middle-east"));
        Assert.Equal(filled.MiddleEast, await repaired.FindSectionRedirectAsync("regions/near-east"));
        var header = structure.Menu(Menu.Header);
        Assert.Equal([MenuTargetKind.Section, MenuTargetKind.Link], header.Entries.Select(e => e.Target));
        Assert.Equal(filled.Africa, header.Entries[0].SectionId);
        Assert.Null((await repaired.FindDocumentAsync("brifing-5-maya"))!.SectionId);
        Assert.Equal(2, await repaired.CountDocumentsAsync());
        Assert.Contains(await repaired.ListAuditAsync(0, 50), a => a.Action == "structure.repair");
    }

    [Fact]
    public async Task Check_SqliteDocumentOfMissingKind_ReportedNotRepaired_DocumentSurvivesTheOrphanRepair()
    {
        var data = Path.Combine(Folder, "data");
        await StructureFill.FillAsync(await OpenAsync(data));
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, Storage.Sqlite.SqliteContentStore.FileName)};Pooling=False;Foreign Keys=False"))
        {
            await connection.OpenAsync();
            // A kind gone from under its document, and an orphan title the generic repair may delete.
            await connection.ExecuteAsync("""
                UPDATE documents SET kind = 'interview' WHERE slug = 'brifing-5-maya';
                INSERT INTO section_titles (section_id, language, title) VALUES (777, 'fr', 'Nulle part');
                """);
        }

        var repair = await RunAsync("check", "--repair", "--data", data);

        Assert.Equal(1, repair.Exit);
        Assert.Contains("structure: document brifing-5-maya is of kind \"interview\", which does not exist", repair.Output, StringComparison.Ordinal);
        Assert.Contains("orphan rows: 1 row(s) of section_titles reference missing sections", repair.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("orphan rows: 1 row(s) of documents", repair.Output, StringComparison.Ordinal);
        var store = await OpenAsync(data);
        Assert.Equal("interview", (await store.FindDocumentAsync("brifing-5-maya"))!.Kind);
        Assert.Equal(2, await store.CountDocumentsAsync());
    }

    [Fact]
    public async Task Check_SqliteSoundStructure_AllIsWell()
    {
        var data = Path.Combine(Folder, "data");
        await StructureFill.FillAsync(await OpenAsync(data));
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);

        var check = await RunAsync("check", "--data", data);

        Assert.True(check.Exit == 0, check.Output + check.Error);
        Assert.StartsWith("All is well", check.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Check_PostgresStructureDamage_Found_RepairMendsTheSafeOnes()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.CreateDatabaseAsync();
        try
        {
            StructureFill.Filled filled;
            using (var store = await PostgresContentStore.OpenAsync(database))
            {
                filled = await StructureFill.FillAsync(store);
            }

            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await DamageAsync(connection, filled);
            }

            var now = StructureFill.At.AddDays(2);
            var index = Path.Combine(Folder, "index");
            var found = (await StoreCheck.RunOnPostgresAsync(database, PostgresContentStore.SchemaVersion, index, Folder, now)).Where(f => f.Area == "structure").ToList();
            var done = await StoreCheck.RepairStructureAsync(() => new NpgsqlConnection(database), now);
            var left = (await StoreCheck.RunOnPostgresAsync(database, PostgresContentStore.SchemaVersion, index, Folder, now)).Where(f => f.Area == "structure").ToList();

            Assert.Equal(6, found.Count);
            Assert.Contains(found, f => f.Problem.Contains("form a loop of parents", StringComparison.Ordinal) && f.Action == RepairAction.RepairStructure);
            Assert.Contains(found, f => f.Problem.Contains("old path regions/middle-east", StringComparison.Ordinal));
            Assert.Contains(found, f => f.Problem.Contains("header menu", StringComparison.Ordinal) && f.Action == RepairAction.RepairStructure);
            Assert.Equal(3, done.Count);
            Assert.Equal(3, left.Count);
            Assert.All(left, f => Assert.Equal(RepairAction.None, f.Action));
            using var repaired = await PostgresContentStore.OpenAsync(database);
            var structure = await repaired.LoadStructureAsync();
            Assert.NotNull(structure.SectionAt("europe/balkans"));
            Assert.Equal("regions/africa", structure.PathOf(filled.Africa));
            Assert.Null(await repaired.FindSectionRedirectAsync("regions/middle-east"));
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }
}
