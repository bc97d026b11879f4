using Hexapla.Maintenance;
using Hexapla.Storage.Postgres;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Maintenance;

/// <summary>
/// Backup and restore carry the site structure whole: sections with their titles and old paths, kinds, menus, each
/// document's section, kind and shared values, and every revision's translatable values, on SQLite and PostgreSQL.
/// </summary>
public sealed class StructureBackupTests : CliFolderTests
{
    [Fact]
    public async Task BackupRestore_SqliteStoreWithStructure_EverythingComesBack_CheckIsClean()
    {
        var data = Path.Combine(Folder, "data");
        var filled = await StructureFill.FillAsync(await OpenAsync(data));
        Assert.Equal(0, (await RunAsync("reindex", "--data", data)).Exit);
        var file = Path.Combine(Folder, "structure.hexapla-backup");
        var target = Path.Combine(Folder, "restored");

        var backup = await RunAsync("backup", "--out", file, "--data", data);
        var restore = await RunAsync("restore", file, "--data", target);
        var check = await RunAsync("check", "--data", target);

        Assert.True(backup.Exit == 0, backup.Error);
        Assert.True(restore.Exit == 0, restore.Error);
        await StructureFill.AssertCarriedAsync(await OpenAsync(target), filled);
        Assert.True(check.Exit == 0, check.Output + check.Error);
        Assert.StartsWith("All is well", check.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task BackupRestore_PostgresStoreWithStructure_EverythingComesBack_CheckFindsNoStructureDamage()
    {
        Skip.If(!File.Exists("/usr/bin/pg_dump") || !File.Exists("/usr/bin/pg_restore"), "pg_dump and pg_restore (the postgresql-client package) are not installed.");
        var server = await PostgresServer.GetAsync();
        var source = await server.CreateDatabaseAsync();
        var target = await server.CreateDatabaseAsync();
        try
        {
            StructureFill.Filled filled;
            using (var store = await PostgresContentStore.OpenAsync(source))
            {
                filled = await StructureFill.FillAsync(store);
            }

            var file = Path.Combine(Folder, "pg-structure.hexapla-backup");
            await BackupArchive.CreateAsync(new PostgresStoreSnapshots(source, PostgresContentStore.SchemaVersion), Folder, file, TimeProvider.System, "test");
            using (var backup = BackupArchive.OpenVerified(file))
            {
                await backup.RestoreAsync(new PostgresStoreSnapshots(target, PostgresContentStore.SchemaVersion), Path.Combine(Folder, "restored"), force: false);
            }

            using (var restored = await PostgresContentStore.OpenAsync(target))
            {
                await StructureFill.AssertCarriedAsync(restored, filled);
            }

            var findings = await StoreCheck.RunOnPostgresAsync(
                target, PostgresContentStore.SchemaVersion, Path.Combine(Folder, "no-index"), Path.Combine(Folder, "restored"), StructureFill.At.AddDays(2));
            Assert.DoesNotContain(findings, f => f.Area is "structure" or "store");
        }
        finally
        {
            await server.DropDatabaseAsync(source);
            await server.DropDatabaseAsync(target);
        }
    }
}
