using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hexapla.Content;
using Hexapla.Languages;
using Hexapla.Storage;
using Hexapla.Storage.Postgres;
using Hexapla.Storage.Sqlite;

namespace Hexapla.Bench.Store;

/// <summary>
/// The same store operations on SQLite (the baseline) and PostgreSQL, in one run: saving documents, reading
/// them, listing published pages, editorial saves, and a whole-store copy with <see cref="StoreCopier"/>.
/// </summary>
internal static class StoreBenchmark
{
    private static readonly LanguageTag Ru = LanguageTag.Parse("ru-RU");
    private static readonly LanguageTag En = LanguageTag.Parse("en-GB");
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <param name="documents">Documents saved (two versions each).</param>
    /// <param name="postgres">A connection string to an empty PostgreSQL database the benchmark may fill.</param>
    /// <param name="postgresCopy">A second empty database, the target of the copy.</param>
    /// <param name="work">A folder for the SQLite files.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<string> RunAsync(int documents, string postgres, string postgresCopy, string work, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(work);
        var sqlite = await SqliteContentStore.OpenAsync(Path.Combine(work, "bench.db"), cancellationToken);
        using var pg = await PostgresContentStore.OpenAsync(postgres, cancellationToken);
        foreach (var store in new SqlContentStore[] { sqlite, pg })
        {
            if (await StoreCopier.DescribeContentAsync(store, cancellationToken) is { } content)
            {
                throw new StoreException($"The benchmark needs empty stores; {store} holds {content}.");
            }
        }

        var rows = new List<(string Operation, TimeSpan Sqlite, TimeSpan Postgres)>();
        async Task MeasureAsync(string operation, Func<SqlContentStore, Task> run)
        {
            var baseline = await TimeAsync(() => run(sqlite));
            var measured = await TimeAsync(() => run(pg));
            rows.Add((operation, baseline, measured));
        }

        await MeasureAsync($"save {documents:N0} documents (batches of 100)", async store =>
        {
            foreach (var batch in Enumerable.Range(0, documents).Select(MakeDocument).Chunk(100))
            {
                await store.SaveDocumentsAsync(batch, cancellationToken);
            }
        });
        // Fresh statistics, as autovacuum would gather within a minute of the load (SQLite's planner needs none here).
        await using (var connection = new Npgsql.NpgsqlConnection(postgres))
        {
            await connection.OpenAsync(cancellationToken);
            await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE;", connection);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        await MeasureAsync($"find {documents:N0} documents by slug", async store =>
        {
            for (var i = 0; i < documents; i++)
            {
                _ = await store.FindDocumentAsync(Slug(i), cancellationToken) ?? throw new InvalidOperationException($"{Slug(i)} is missing");
            }
        });
        await MeasureAsync("list 500 published pages of 20", async store =>
        {
            for (var i = 0; i < 500; i++)
            {
                await store.ListPublishedAsync(i % 2 == 0 ? En : null, Epoch.AddDays(3650), i % 25 * 20, 20, cancellationToken);
            }
        });
        var saves = Math.Max(1, documents / 10);
        await MeasureAsync($"{saves:N0} editorial saves (compare-and-set, audit, generation)", async store =>
        {
            for (var i = 0; i < saves; i++)
            {
                var version = MakeDocument(i).Versions[1] with { Revision = 2, Title = "Edited " + i };
                _ = await store.SaveVersionAsync(Slug(i), version, 1, new AuditEntry(0, Epoch, "bench", "version.save", Slug(i), null), cancellationToken: cancellationToken)
                    ?? throw new InvalidOperationException($"the save of {Slug(i)} lost its compare-and-set");
            }
        });

        // The copy: SQLite to a second SQLite file (baseline) against SQLite to PostgreSQL.
        var sqliteTarget = await SqliteContentStore.OpenAsync(Path.Combine(work, "copy.db"), cancellationToken);
        using var pgTarget = await PostgresContentStore.OpenAsync(postgresCopy, cancellationToken);
        IReadOnlyList<TableCopy> copied = [];
        var toSqlite = await TimeAsync(async () => copied = await StoreCopier.CopyAsync(sqlite, sqliteTarget, null, cancellationToken));
        var toPostgres = await TimeAsync(async () => copied = await StoreCopier.CopyAsync(sqlite, pgTarget, null, cancellationToken));
        if (copied.Any(c => !c.Matches))
        {
            throw new InvalidOperationException("the copy to PostgreSQL does not match its source");
        }

        rows.Add(($"copy the store ({copied.Sum(c => c.SourceRows):N0} rows) from SQLite, with checksums", toSqlite, toPostgres));

        var report = new StringBuilder();
        report.AppendLine("| operation | SQLite (baseline) | PostgreSQL | PostgreSQL / SQLite |");
        report.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (operation, baseline, measured) in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {operation} | {baseline.TotalMilliseconds:N0} ms | {measured.TotalMilliseconds:N0} ms | {measured / baseline:N2} |");
        }

        return report.ToString();
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> run)
    {
        var start = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(start);
    }

    private static string Slug(int i) => string.Create(CultureInfo.InvariantCulture, $"doc-{i:D6}");

    // Deterministic documents: a published Russian original and an English translation of a few paragraphs.
    private static Document MakeDocument(int i)
    {
        var at = Epoch.AddHours(i);
        var body = string.Join("\n\n", Enumerable.Range(0, 4).Select(p => string.Create(CultureInfo.InvariantCulture,
            $"Paragraph {p} of document {i}: the talks resumed on day {i % 365} and the delegations met again.")));
        LanguageVersion Version(LanguageTag language) => new()
        {
            Language = language,
            Title = string.Create(CultureInfo.InvariantCulture, $"Document {i} in {language}"),
            Body = body,
            State = VersionState.Published,
            PublishedAt = at,
            UpdatedAt = at,
        };
        return new Document
        {
            Slug = Slug(i),
            OriginalLanguage = Ru,
            Tags = ["news", string.Create(CultureInfo.InvariantCulture, $"tag-{i % 30}")],
            ExpectedLanguages = [Ru, En],
            CreatedAt = at,
            UpdatedAt = at,
            Versions = [Version(Ru), Version(En)],
        };
    }
}
