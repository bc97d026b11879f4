using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Hexapla.Accounts;
using Hexapla.Admin;
using Hexapla.Cli;
using Hexapla.Content;
using Hexapla.Hosting;
using Hexapla.Interchange;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Storage.Sqlite;
using Hexapla.Tests.Infrastructure;
using static Hexapla.Tests.Infrastructure.CliRun;

namespace Hexapla.Tests.Cli;

/// <summary><c>hexapla backup</c> and <c>hexapla restore</c>: real stores, a real server under write load, damaged files.</summary>
public sealed class BackupCliTests : CliFolderTests
{
    private async Task<string> SamplesAsync(string name = "data")
    {
        var data = Path.Combine(Folder, name);
        // As serve imports them: the sample's sections and kinds first, since the statement's front matter names them.
        var store = await OpenAsync(data);
        await SampleContent.AddStructureAsync(store, TimeProvider.System, CancellationToken.None);
        await new Importer(store, TimeProvider.System).ImportAsync(SampleContent.Files(), new ImportOptions());
        return data;
    }

    private async Task<string> BackupAsync(string data)
    {
        var file = Path.Combine(Folder, $"{Guid.NewGuid():N}.hexapla-backup");
        var backup = await RunAsync("backup", "--out", file, "--data", data);
        Assert.True(backup.Exit == 0, backup.Error);
        return file;
    }

    /// <summary>Restores a bad file into a new folder: exit 1, one line naming the problem, no store written.</summary>
    private async Task<string> AssertRefusedAsync(string file)
    {
        var target = Path.Combine(Folder, "target-" + Guid.NewGuid().ToString("N"));

        var restore = await RunAsync("restore", file, "--data", target);

        Assert.Equal(1, restore.Exit);
        Assert.StartsWith("hexapla restore: ", restore.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', restore.Error.TrimEnd());
        Assert.False(File.Exists(Path.Combine(target, SqliteContentStore.FileName)));
        return restore.Error;
    }

    private sealed record Write(string Slug, string Body, bool Publish, long SentAt, long AcknowledgedAt);

    [Fact]
    public async Task Backup_WhileClientsWrite_RestoreHoldsEveryWriteAcknowledgedBeforeItBegan_AndChecksClean()
    {
        string? token = null;
        // One editor writes and publishes: what is tested is the backup under load, not review by a second person.
        await using var site = await TestSite.StartAsync(settings: new Dictionary<string, string?> { ["Hexapla:Review:RequireSecondPerson"] = "false" }, prepare: async (data, clock) =>
        {
            var user = await AdminClient.AddUserAsync(data, clock, "eddie", Role.Editor, "correct horse battery staple");
            token = ApiTokens.Create();
            await (await OpenAsync(data)).AddTokenAsync("eddie-token", user.Id, ApiTokens.HashOf(token), clock.GetUtcNow());
        });
        var acknowledged = new ConcurrentQueue<Write>();
        using var stop = new CancellationTokenSource();

        async Task ClientAsync(int client)
        {
            using var http = new HttpClient { BaseAddress = site.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var slug = $"load-{client}-{n}";
                var body = $"Statement {n} of client {client}, {Guid.NewGuid():N}.";
                var sent = Stopwatch.GetTimestamp();
                using var created = await http.PostAsJsonAsync("/api/v1/documents", new { slug, language = "en-GB", title = $"Load {client} {n}", body });
                Assert.True(created.IsSuccessStatusCode, $"POST {slug}: {(int)created.StatusCode}");
                acknowledged.Enqueue(new Write(slug, body, false, sent, Stopwatch.GetTimestamp()));
                if (n % 3 == 0)
                {
                    sent = Stopwatch.GetTimestamp();
                    using var published = await http.PostAsJsonAsync($"/api/v1/documents/{slug}/en-GB/publish", new { });
                    Assert.True(published.IsSuccessStatusCode, $"publish {slug}: {(int)published.StatusCode}");
                    acknowledged.Enqueue(new Write(slug, body, true, sent, Stopwatch.GetTimestamp()));
                }
            }
        }

        var clients = Enumerable.Range(1, 3).Select(c => Task.Run(() => ClientAsync(c))).ToList();
        await WaitForAsync(() => acknowledged.Count >= 30);
        var file = Path.Combine(Folder, "under-load.hexapla-backup");

        var began = Stopwatch.GetTimestamp();
        var backup = await RunAsync("backup", "--out", file, "--data", site.DataFolder);
        var ended = Stopwatch.GetTimestamp();
        var countAfterBackup = acknowledged.Count;
        await WaitForAsync(() => acknowledged.Count >= countAfterBackup + 6);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.True(backup.Exit == 0, backup.Error);
        var before = acknowledged.Where(w => w.AcknowledgedAt < began).ToList();
        Assert.True(before.Count >= 30);
        // The writers went on while the backup ran: some write was under way during it.
        Assert.Contains(acknowledged, w => w.SentAt < ended && w.AcknowledgedAt > began);
        var restored = Path.Combine(Folder, "restored");
        var restore = await RunAsync("restore", file, "--data", restored);
        Assert.True(restore.Exit == 0, restore.Error);
        var store = await OpenAsync(restored);
        foreach (var write in before)
        {
            var version = (await store.FindDocumentAsync(write.Slug))?.Version(LanguageTag.Parse("en-GB"));
            Assert.True(version is not null, $"{write.Slug}, acknowledged before the backup began, is not in the restored store");
            Assert.Equal(write.Body, version.Body);
            if (write.Publish)
            {
                Assert.Equal(VersionState.Published, version.State);
            }
        }

        var check = await RunAsync("check", "--data", restored);
        Assert.True(check.Exit == 0, check.Output);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the writers made no progress in 60 s");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Backup_ThenRestore_CarriesDocumentsAccountsMemoryAndDataFolderSettings_RebuildsIndex()
    {
        var data = await SamplesAsync();
        var store = await OpenAsync(data);
        var ru = LanguageTag.Parse("ru-RU");
        var en = LanguageTag.Parse("en-GB");
        await ((ITranslationMemory)store).AddAsync([new MemoryUnit(ru, en, "Ирак", "Iraq", "tmx test.tmx", DateTimeOffset.UtcNow)]);
        await store.AddUserAsync("alice", Role.Admin, [], Passwords.Hash("correct horse battery staple"), DateTimeOffset.UtcNow, "test");
        await File.WriteAllTextAsync(Path.Combine(data, "appsettings.json"), """{"Hexapla":{"SiteName":"Press"}}""");
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        await File.WriteAllTextAsync(Path.Combine(data, "keys", "key-1.xml"), "<key id=\"1\"/>");
        var file = await BackupAsync(data);
        var target = Path.Combine(Folder, "restored");

        var restore = await RunAsync("restore", file, "--data", target);

        Assert.Equal(0, restore.Exit);
        Assert.Contains("search index rebuilt: 8 published version(s)", restore.Output, StringComparison.Ordinal);
        var restored = await OpenAsync(target);
        Assert.Equal(await store.CountDocumentsAsync(), await restored.CountDocumentsAsync());
        var memory = await ((ITranslationMemory)store).CountAsync();
        Assert.True(memory > 1);
        Assert.Equal(memory, await ((ITranslationMemory)restored).CountAsync());
        Assert.NotNull(await restored.FindUserAsync("alice"));
        Assert.Equal("""{"Hexapla":{"SiteName":"Press"}}""", await File.ReadAllTextAsync(Path.Combine(target, "appsettings.json")));
        Assert.Equal("<key id=\"1\"/>", await File.ReadAllTextAsync(Path.Combine(target, "keys", "key-1.xml")));
        Assert.Equal(0, (await RunAsync("check", "--data", target)).Exit);
        using var zip = ZipFile.OpenRead(file);
        Assert.Equal(["manifest.json", "settings/appsettings.json", "settings/keys/key-1.xml", "store/hexapla.db"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("index", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backup_ManifestNamesFormatVersionTimeGenerationAndChecksums()
    {
        var data = await SamplesAsync();
        var file = await BackupAsync(data);

        using var zip = ZipFile.OpenRead(file);
        using var manifest = System.Text.Json.JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var root = manifest.RootElement;

        Assert.Equal("hexapla-backup", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("hexaplaVersion").GetString()));
        Assert.True(DateTimeOffset.UtcNow - root.GetProperty("createdAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
        Assert.Equal(await (await OpenAsync(data)).GetGenerationAsync(), root.GetProperty("storeGeneration").GetInt64());
        var entry = root.GetProperty("entries").EnumerateArray().Single();
        Assert.Equal("store/hexapla.db", entry.GetProperty("name").GetString());
        await using var stored = zip.GetEntry("store/hexapla.db")!.Open();
        Assert.Equal(Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(stored)), entry.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Backup_ToAnExistingFile_IsRefused_FileUnchanged()
    {
        var data = await SamplesAsync();
        var file = Path.Combine(Folder, "taken.zip");
        await File.WriteAllTextAsync(file, "someone else's file");

        var backup = await RunAsync("backup", "--out", file, "--data", data);

        Assert.Equal(1, backup.Exit);
        Assert.Contains("already exists", backup.Error, StringComparison.Ordinal);
        Assert.Equal("someone else's file", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Backup_WithNoStore_Exit1_LeavesNoFile()
    {
        var file = Path.Combine(Folder, "out", "none.zip");

        var backup = await RunAsync("backup", "--out", file, "--data", Path.Combine(Folder, "empty"));

        Assert.Equal(1, backup.Exit);
        Assert.Contains("There is no store at", backup.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Empty(Directory.Exists(Path.GetDirectoryName(file)) ? Directory.GetFiles(Path.GetDirectoryName(file)!) : []);
    }

    [Fact]
    public async Task Restore_IntoAStoreWithContent_RefusedWithoutForce_ReplacedWithForce()
    {
        var file = await BackupAsync(await SamplesAsync());
        var target = Path.Combine(Folder, "busy");
        var busy = await OpenAsync(target);
        await new Importer(busy, TimeProvider.System).ImportAsync([new ImportFile("other.en-GB.md", Encoding.UTF8.GetBytes("# Other\n\nOther text."))], new ImportOptions());

        var refused = await RunAsync("restore", file, "--data", target);

        Assert.Equal(1, refused.Exit);
        Assert.Contains("already holds a store with content", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.NotNull(await busy.FindDocumentAsync("other"));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var forced = await RunAsync("restore", file, "--data", target, "--force");

        Assert.Equal(0, forced.Exit);
        var replaced = await OpenAsync(target);
        Assert.Null(await replaced.FindDocumentAsync("other"));
        Assert.NotNull(await replaced.FindDocumentAsync("razvitie-situacii-v-irake"));
        Assert.Equal(0, (await RunAsync("check", "--data", target)).Exit);
    }

    [Fact]
    public async Task Restore_TruncatedFile_OneLineError()
    {
        var file = await BackupAsync(await SamplesAsync());
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);

        var error = await AssertRefusedAsync(file);

        Assert.Contains("is not a Hexapla backup, or is truncated or damaged", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_StoreEntryAlteredAfterBackup_ChecksumMismatch()
    {
        var file = await BackupAsync(await SamplesAsync());
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("store/hexapla.db")!;
            using var buffer = new MemoryStream();
            using (var input = entry.Open())
            {
                await input.CopyToAsync(buffer);
            }

            var bytes = buffer.ToArray();
            bytes[^100] ^= 0xFF;
            entry.Delete();
            using var output = zip.CreateEntry("store/hexapla.db").Open();
            await output.WriteAsync(bytes);
        }

        var error = await AssertRefusedAsync(file);

        Assert.Contains("is damaged: store/hexapla.db does not match its SHA-256", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_ByteFlippedInTheMiddle_Refused()
    {
        var file = await BackupAsync(await SamplesAsync());
        var bytes = await File.ReadAllBytesAsync(file);
        var original = Entries(bytes);

        // A flipped bit can land where the data does not change (a Huffman code length of a symbol the stream never
        // uses): such a file restores what was backed up, rightly. Flip the first byte from a third in that does.
        var at = bytes.Length / 3;
        for (; at < bytes.Length; at++)
        {
            bytes[at] ^= 0x55;
            if (!SameEntries(original, bytes))
            {
                break;
            }

            bytes[at] ^= 0x55;
        }

        await File.WriteAllBytesAsync(file, bytes);

        var error = await AssertRefusedAsync(file);

        Assert.Contains("damaged", error, StringComparison.Ordinal);
    }

    private static Dictionary<string, byte[]> Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var content = entry.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            entries[entry.FullName] = copy.ToArray();
        }

        return entries;
    }

    private static bool SameEntries(Dictionary<string, byte[]> original, byte[] archive)
    {
        try
        {
            var now = Entries(archive);
            return now.Count == original.Count && now.All(e => original.TryGetValue(e.Key, out var was) && was.AsSpan().SequenceEqual(e.Value));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Restore_ForeignFiles_Refused()
    {
        var text = Path.Combine(Folder, "notes.txt");
        await File.WriteAllTextAsync(text, "not a backup at all");
        var bare = Path.Combine(Folder, "bare.zip");
        using (var zip = ZipFile.Open(bare, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            await writer.WriteAsync("hello");
        }

        var other = Path.Combine(Folder, "other.zip");
        using (var zip = ZipFile.Open(other, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            await writer.WriteAsync("""{"format":"someone-else","formatVersion":1}""");
        }

        Assert.Contains("is not a Hexapla backup, or is truncated", await AssertRefusedAsync(text), StringComparison.Ordinal);
        Assert.Contains("is not a Hexapla backup: it has no manifest.json", await AssertRefusedAsync(bare), StringComparison.Ordinal);
        Assert.Contains("is not a Hexapla backup: its manifest.json is not a Hexapla manifest", await AssertRefusedAsync(other), StringComparison.Ordinal);
        Assert.Contains("no such file", await AssertRefusedAsync(Path.Combine(Folder, "missing.zip")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_NewerFormatOrStrayEntry_Refused()
    {
        var file = await BackupAsync(await SamplesAsync());
        var newer = Path.Combine(Folder, "newer.zip");
        File.Copy(file, newer);
        using (var zip = ZipFile.Open(newer, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("manifest.json")!;
            string json;
            using (var reader = new StreamReader(entry.Open()))
            {
                json = await reader.ReadToEndAsync();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            await writer.WriteAsync(json.Replace("\"formatVersion\": 1", "\"formatVersion\": 2", StringComparison.Ordinal));
        }

        var stray = Path.Combine(Folder, "stray.zip");
        File.Copy(file, stray);
        using (var zip = ZipFile.Open(stray, ZipArchiveMode.Update))
        {
            using var writer = new StreamWriter(zip.CreateEntry("settings/appsettings.json").Open());
            await writer.WriteAsync("{}");
        }

        Assert.Contains("was written by a newer Hexapla", await AssertRefusedAsync(newer), StringComparison.Ordinal);
        Assert.Contains("settings/appsettings.json is not in its manifest", await AssertRefusedAsync(stray), StringComparison.Ordinal);
    }
}
